use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

use consent_store::{Database, KEYRING_SERVICE, KeyError, KeySource, Keyring, resolve};
use keyring_core::api::{CredentialApi, CredentialStoreApi};
use keyring_core::{Credential, CredentialStore, Entry, mock};

use crate::util;

fn mock_store() -> Arc<CredentialStore> {
    mock::Store::new().expect("mock store")
}

/// Injects `err` into the mock credential for `id`: its next operation fails with it.
fn inject(store: &Arc<CredentialStore>, id: &consent_store::DatabaseId, err: keyring_core::Error) {
    let entry = store
        .build(KEYRING_SERVICE, id.as_str(), None)
        .expect("mock entry");
    let cred: &mock::Cred = entry.as_any().downcast_ref().expect("a mock credential");
    cred.set_error(err);
}

#[test]
fn stored_key_is_found_and_opens_the_database() {
    let store = mock_store();
    let keyring = Keyring::from_store(store.clone());
    let id = util::id();
    let key = keyring.generate_and_store(&id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    Database::create(&path, &key, &id).unwrap().close().unwrap();

    let source = KeySource::Keyring {
        keyring: Keyring::from_store(store.clone()),
        database_id: id.clone(),
    };
    let loaded = resolve(&source).unwrap();
    assert_eq!(*loaded.reveal_hex(), *key.reveal_hex());
    let db = Database::open(&path, &loaded).unwrap();
    assert_eq!(db.database_id(), &id);

    // Stored as the 32 raw bytes, under service "consent-desk", user = database id.
    let entry = store.build("consent-desk", id.as_str(), None).unwrap();
    assert_eq!(entry.get_secret().unwrap().len(), 32);
    let shown = format!("{source:?}");
    assert!(
        shown.contains("Mock store") && !shown.contains(&key.reveal_hex()[..8]),
        "{shown}"
    );
}

#[test]
fn missing_entry_is_its_own_error() {
    let keyring = Keyring::from_store(mock_store());
    let id = util::id();
    let err = keyring.load(&id).unwrap_err();
    assert!(
        matches!(&err, KeyError::KeyringEntryMissing { database_id } if *database_id == id),
        "{err:?}"
    );
    assert_eq!(err.code(), "keyring_entry_missing");
    assert!(err.to_string().contains("recovery sheet"), "{err}");
}

#[test]
fn an_existing_entry_is_never_replaced() {
    let keyring = Keyring::from_store(mock_store());
    let id = util::id();
    let first = keyring.generate_and_store(&id).unwrap();
    let err = keyring.generate_and_store(&id).unwrap_err();
    assert_eq!(err.code(), "keyring_entry_exists");
    assert_eq!(
        *keyring.load(&id).unwrap().reveal_hex(),
        *first.reveal_hex()
    );
}

#[test]
fn store_errors_map_to_distinct_codes() {
    let store = mock_store();
    let keyring = Keyring::from_store(store.clone());
    let id = util::id();
    keyring.generate_and_store(&id).unwrap();

    let boom =
        || Box::new(std::io::Error::other("D-Bus said no")) as keyring_core::error::PlatformError;
    inject(&store, &id, keyring_core::Error::NoStorageAccess(boom()));
    let err = keyring.load(&id).unwrap_err();
    assert_eq!(err.code(), "keyring_unavailable", "{err}");
    assert!(err.to_string().contains("--key-file"), "{err}");

    inject(&store, &id, keyring_core::Error::PlatformFailure(boom()));
    let err = keyring.load(&id).unwrap_err();
    assert_eq!(err.code(), "keyring_failure", "{err}");
    assert!(err.to_string().contains("D-Bus said no"), "{err}");

    // The secret bytes a store attaches to a decoding error never show up.
    inject(
        &store,
        &id,
        keyring_core::Error::BadEncoding(b"SECRETBYTES".to_vec()),
    );
    let err = keyring.load(&id).unwrap_err();
    assert_eq!(err.code(), "keyring_entry_malformed");
    assert!(!format!("{err} {err:?}").contains("SECRETBYTES"), "{err:?}");

    // Errors are one-shot in the mock: the key is still there.
    keyring.load(&id).unwrap();
}

#[test]
fn an_entry_that_is_not_32_bytes_is_malformed() {
    let store = mock_store();
    let id = util::id();
    store
        .build(KEYRING_SERVICE, id.as_str(), None)
        .unwrap()
        .set_secret(b"hunter2")
        .unwrap();
    let err = Keyring::from_store(store).load(&id).unwrap_err();
    assert_eq!(err.code(), "keyring_entry_malformed");
    assert!(err.to_string().contains("7 bytes"), "{err}");
}

/// A store whose writes always fail (the mock's injected errors hit the first call, which in
/// `generate_and_store` is the existence check, so a dedicated store covers the write).
#[derive(Debug)]
struct WriteFailsStore;
#[derive(Debug)]
struct WriteFailsCred;

impl CredentialApi for WriteFailsCred {
    fn set_secret(&self, _: &[u8]) -> keyring_core::Result<()> {
        Err(keyring_core::Error::PlatformFailure(Box::new(
            std::io::Error::other("disk full"),
        )))
    }
    fn get_secret(&self) -> keyring_core::Result<Vec<u8>> {
        Err(keyring_core::Error::NoEntry)
    }
    fn delete_credential(&self) -> keyring_core::Result<()> {
        Err(keyring_core::Error::NoEntry)
    }
    fn get_credential(&self) -> keyring_core::Result<Option<Arc<Credential>>> {
        Err(keyring_core::Error::NoEntry)
    }
    fn get_specifiers(&self) -> Option<(String, String)> {
        None
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl CredentialStoreApi for WriteFailsStore {
    fn vendor(&self) -> String {
        "write-fails test store".to_owned()
    }
    fn id(&self) -> String {
        "write-fails".to_owned()
    }
    fn build(
        &self,
        _service: &str,
        _user: &str,
        _mods: Option<&HashMap<&str, &str>>,
    ) -> keyring_core::Result<Entry> {
        Ok(Entry::new_with_credential(Arc::new(WriteFailsCred)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[test]
fn store_failure_while_writing_is_reported() {
    let keyring = Keyring::from_store(Arc::new(WriteFailsStore));
    let err = keyring.generate_and_store(&util::id()).unwrap_err();
    match &err {
        KeyError::KeyringFailure { operation, detail } => {
            assert_eq!(*operation, "storing the key");
            assert!(detail.contains("disk full"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.code(), "keyring_failure");
}

#[test]
fn failure_checking_for_an_existing_entry_is_reported() {
    let store = mock_store();
    let id = util::id();
    inject(
        &store,
        &id,
        keyring_core::Error::PlatformFailure(Box::new(std::io::Error::other("x"))),
    );
    let err = Keyring::from_store(store.clone())
        .generate_and_store(&id)
        .unwrap_err();
    assert!(
        matches!(
            err,
            KeyError::KeyringFailure {
                operation: "checking for an existing key",
                ..
            }
        ),
        "{err:?}"
    );
    // Nothing was stored.
    assert_eq!(
        Keyring::from_store(store).load(&id).unwrap_err().code(),
        "keyring_entry_missing"
    );
}
