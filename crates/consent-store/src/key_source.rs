//! Where the database key comes from.
//!
//! Three explicit sources, and [`resolve`] uses exactly the one it is given: if the keyring
//! fails, nothing falls back to the environment or a file (and vice versa). Choosing the source
//! is the caller's job (the desktop app uses the keyring; `consentctl` and CI pass
//! `CONSENT_DESK_DB_KEY` or `--key-file`).
//!
//! * **OS keyring** — service [`KEYRING_SERVICE`] (`"consent-desk"`), user = the
//!   [`DatabaseId`] (32 lowercase hex characters, kept in the clear in the desk's settings; see
//!   [`crate::database_id`] for why not a path hash). The secret is the 32 raw key bytes
//!   (`set_secret`/`get_secret`). [`Keyring::generate_and_store`] is the first-set-up path and
//!   refuses to replace an existing entry (replacing it would lock the old database for good).
//! * **Environment** — [`ENV_VAR`] holds exactly 64 hex characters. Only
//!   [`KeySource::from_process_env`] reads the process environment; everything else takes the
//!   value as an argument.
//! * **Key file** (`--key-file PATH`) — 64 hex characters plus an optional `\n` or `\r\n`. On Unix
//!   the file must be 0600 or stricter (0400); anything readable or writable by group/others, or
//!   executable, is refused before its contents are read.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use keyring_core::CredentialStore;
use zeroize::Zeroizing;

use crate::database_id::DatabaseId;
use crate::error::{KeyError, KeyOrigin, MalformedKey};
use crate::key::{DbKey, KEY_LEN};

/// Keyring service name for every Consent Desk database key.
pub const KEYRING_SERVICE: &str = "consent-desk";
/// Environment variable for headless use.
pub const ENV_VAR: &str = "CONSENT_DESK_DB_KEY";

/// Longest key file read; a valid one is at most 66 bytes (64 hex + `\r\n`).
const KEY_FILE_READ_LIMIT: usize = 128;

/// One explicit place to get the key from.
pub enum KeySource {
    /// The OS keyring entry (`"consent-desk"`, database id).
    Keyring {
        keyring: Keyring,
        database_id: DatabaseId,
    },
    /// The value of [`ENV_VAR`], already read by the caller (zeroized on drop).
    EnvValue(Zeroizing<String>),
    /// A key file given with `--key-file`.
    KeyFile(PathBuf),
}

impl KeySource {
    /// The only function in this crate that reads the process environment: `Ok(None)` when
    /// [`ENV_VAR`] is unset. The value is not checked here; [`resolve`] does that.
    ///
    /// The variable stays in the process environment (removing it needs `unsafe` in Rust
    /// 2024); callers that spawn children should clear it from their environment.
    pub fn from_process_env() -> Result<Option<Self>, KeyError> {
        match std::env::var_os(ENV_VAR) {
            None => Ok(None),
            Some(value) => value
                .into_string()
                .map(|text| Some(Self::EnvValue(Zeroizing::new(text))))
                .map_err(|_| KeyError::EnvNotUnicode),
        }
    }
}

impl fmt::Debug for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Keyring {
                keyring,
                database_id,
            } => f
                .debug_struct("Keyring")
                .field("keyring", keyring)
                .field("database_id", database_id)
                .finish(),
            Self::EnvValue(_) => f.write_str("EnvValue(***)"),
            Self::KeyFile(path) => f.debug_tuple("KeyFile").field(path).finish(),
        }
    }
}

/// Gets the key from exactly the given source.
pub fn resolve(source: &KeySource) -> Result<DbKey, KeyError> {
    match source {
        KeySource::Keyring {
            keyring,
            database_id,
        } => keyring.load(database_id),
        KeySource::EnvValue(value) => parse_env_key(value),
        KeySource::KeyFile(path) => read_key_file(path),
    }
}

/// Parses the value of [`ENV_VAR`]: exactly 64 hex characters, either case, nothing else.
pub fn parse_env_key(value: &str) -> Result<DbKey, KeyError> {
    DbKey::from_hex(value).map_err(|problem| KeyError::Malformed {
        origin: KeyOrigin::EnvVar,
        problem,
    })
}

/// Reads a key file: permissions first (Unix), then at most 128 bytes of content.
pub fn read_key_file(path: &Path) -> Result<DbKey, KeyError> {
    let unreadable = |source: io::Error| KeyError::KeyFileUnreadable {
        path: path.to_owned(),
        source,
    };
    // Look before opening: opening a FIFO would block until someone writes to it.
    let before = fs::metadata(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => KeyError::KeyFileNotFound {
            path: path.to_owned(),
        },
        _ => unreadable(source),
    })?;
    if !before.is_file() {
        return Err(KeyError::KeyFileNotAFile {
            path: path.to_owned(),
        });
    }
    let mut file = File::open(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => KeyError::KeyFileNotFound {
            path: path.to_owned(),
        },
        _ => unreadable(source),
    })?;
    // Check the file actually opened (it could have been swapped since the look above).
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(KeyError::KeyFileNotAFile {
            path: path.to_owned(),
        });
    }
    check_key_file_permissions(path, &meta)?;

    let malformed = |problem| KeyError::Malformed {
        origin: KeyOrigin::KeyFile(path.to_owned()),
        problem,
    };
    let mut buf = Zeroizing::new([0u8; KEY_FILE_READ_LIMIT]);
    let mut len = 0;
    loop {
        if len == buf.len() {
            let found = usize::try_from(meta.len()).unwrap_or(usize::MAX);
            return Err(malformed(MalformedKey::WrongLength { found }));
        }
        match file.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(unreadable(e)),
        }
    }
    let content = &buf[..len];
    let content = content
        .strip_suffix(b"\r\n")
        .or_else(|| content.strip_suffix(b"\n"))
        .unwrap_or(content);
    let text = std::str::from_utf8(content).map_err(|e| {
        let valid = std::str::from_utf8(&content[..e.valid_up_to()]).unwrap_or_default();
        malformed(MalformedKey::NotHex {
            position: valid.chars().count() + 1,
        })
    })?;
    DbKey::from_hex(text).map_err(malformed)
}

/// Unix: the key file must be 0600 or stricter (a subset of owner read/write).
#[cfg(unix)]
fn check_key_file_permissions(path: &Path, meta: &fs::Metadata) -> Result<(), KeyError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode() & 0o7777;
    if mode & !0o600 != 0 {
        return Err(KeyError::KeyFilePermissions {
            path: path.to_owned(),
            mode,
        });
    }
    Ok(())
}

/// Not Unix: no mode bits to check. Windows protects files with ACLs, which std cannot read;
/// checking them would need the Windows security API, so the check is skipped here and the
/// set-up documentation tells admins to keep the key file in a folder only they can read.
#[cfg(not(unix))]
fn check_key_file_permissions(_path: &Path, _meta: &fs::Metadata) -> Result<(), KeyError> {
    Ok(())
}

/// A handle on one credential store: the OS one in the app, `keyring_core::mock::Store` in tests.
///
/// The store is held explicitly instead of going through keyring-core's process-wide default
/// store, so tests running in parallel cannot swap each other's store.
#[derive(Clone)]
pub struct Keyring {
    store: Arc<CredentialStore>,
}

impl Keyring {
    /// The platform store chosen by the `keyring` crate (v1 feature): Windows Credential
    /// Manager, macOS Keychain, Secret Service (D-Bus) on Linux.
    ///
    /// On first call the `keyring` crate starts the platform store once per process and
    /// installs it as keyring-core's default store; the outcome (success or failure) is cached
    /// for the life of the process. On a headless Linux box (no D-Bus session) this fails with
    /// [`KeyError::KeyringUnavailable`]; there is no fallback.
    pub fn platform() -> Result<Self, KeyError> {
        if let Err(err) = keyring::Entry::store_status() {
            return Err(KeyError::KeyringUnavailable {
                detail: describe(err),
            });
        }
        let store =
            keyring_core::get_default_store().ok_or_else(|| KeyError::KeyringUnavailable {
                detail: "the platform credential store was not installed".to_owned(),
            })?;
        Ok(Self { store })
    }

    /// Any keyring-core store, e.g. `keyring_core::mock::Store::new()?` in tests.
    pub fn from_store(store: Arc<CredentialStore>) -> Self {
        Self { store }
    }

    /// Loads the key of `database_id`.
    pub fn load(&self, database_id: &DatabaseId) -> Result<DbKey, KeyError> {
        let entry = self.entry(database_id)?;
        let secret = Zeroizing::new(
            entry
                .get_secret()
                .map_err(|e| map_keyring_error("reading the key", e, database_id))?,
        );
        DbKey::from_slice(&secret).ok_or_else(|| KeyError::KeyringEntryMalformed {
            database_id: database_id.clone(),
            detail: format!("it holds {} bytes, a key is {KEY_LEN}", secret.len()),
        })
    }

    /// First set-up: generates a random 256-bit key, stores it under `database_id`, reads it
    /// back to confirm, and returns it. Refuses if an entry already exists.
    pub fn generate_and_store(&self, database_id: &DatabaseId) -> Result<DbKey, KeyError> {
        let entry = self.entry(database_id)?;
        match entry.get_secret() {
            Ok(existing) => {
                drop(Zeroizing::new(existing));
                return Err(KeyError::KeyringEntryExists {
                    database_id: database_id.clone(),
                });
            }
            Err(keyring_core::Error::NoEntry) => {}
            Err(e) => {
                return Err(map_keyring_error(
                    "checking for an existing key",
                    e,
                    database_id,
                ));
            }
        }
        let key = DbKey::generate()?;
        store_confirmed(&entry, &key, database_id)?;
        Ok(key)
    }

    /// Restoring access from the recovery sheet: stores `key` under `database_id`, replacing a
    /// missing or wrong entry, and reads it back to confirm. The caller has proved the key opens
    /// the database first.
    pub fn restore(&self, database_id: &DatabaseId, key: &DbKey) -> Result<(), KeyError> {
        store_confirmed(&self.entry(database_id)?, key, database_id)
    }

    fn entry(&self, database_id: &DatabaseId) -> Result<keyring_core::Entry, KeyError> {
        self.store
            .build(KEYRING_SERVICE, database_id.as_str(), None)
            .map_err(|e| map_keyring_error("opening the entry", e, database_id))
    }
}

/// Stores `key` in `entry` and reads it back: a keyring that silently keeps something else must not
/// leave the database with a key nobody has.
fn store_confirmed(
    entry: &keyring_core::Entry,
    key: &DbKey,
    database_id: &DatabaseId,
) -> Result<(), KeyError> {
    entry
        .set_secret(key.as_bytes())
        .map_err(|e| map_keyring_error("storing the key", e, database_id))?;
    let read_back = Zeroizing::new(
        entry
            .get_secret()
            .map_err(|e| map_keyring_error("reading the stored key back", e, database_id))?,
    );
    if read_back.as_slice() != key.as_bytes().as_slice() {
        return Err(KeyError::KeyringFailure {
            operation: "reading the stored key back",
            detail: "the keyring returned a different value".to_owned(),
        });
    }
    Ok(())
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("vendor", &self.store.vendor())
            .finish()
    }
}

fn map_keyring_error(
    operation: &'static str,
    err: keyring_core::Error,
    database_id: &DatabaseId,
) -> KeyError {
    use keyring_core::Error as E;
    match err {
        E::NoEntry => KeyError::KeyringEntryMissing {
            database_id: database_id.clone(),
        },
        E::NoStorageAccess(_) | E::NoDefaultStore => KeyError::KeyringUnavailable {
            detail: describe(&err),
        },
        E::BadEncoding(_) | E::BadDataFormat(..) => KeyError::KeyringEntryMalformed {
            database_id: database_id.clone(),
            detail: describe(&err),
        },
        _ => KeyError::KeyringFailure {
            operation,
            detail: describe(&err),
        },
    }
}

/// A description of a keyring error without the secret bytes some variants carry
/// (`BadEncoding`, `BadDataFormat` hold the raw secret; their Debug output would print it).
fn describe(err: &keyring_core::Error) -> String {
    use keyring_core::Error as E;
    match err {
        E::PlatformFailure(inner) => format!("platform failure: {inner}"),
        E::NoStorageAccess(inner) => format!("no access to the credential store: {inner}"),
        E::NoEntry => "no entry".to_owned(),
        E::BadEncoding(_) => "the stored value is not text".to_owned(),
        E::BadDataFormat(..) => "the store could not decode the stored value".to_owned(),
        E::BadStoreFormat(reason) => format!("the credential store is malformed: {reason}"),
        E::TooLong(name, limit) => format!("{name} is longer than the store's limit of {limit}"),
        E::Invalid(name, reason) => format!("{name} is invalid: {reason}"),
        E::Ambiguous(entries) => format!("{} entries match", entries.len()),
        E::NoDefaultStore => "no credential store has been set up".to_owned(),
        E::NotSupportedByStore(what) => format!("not supported by this store: {what}"),
        _ => "unrecognized keyring error".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOWER: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    /// Env-var parsing table: (input, expected outcome).
    #[test]
    fn env_key_parsing_table() {
        let upper = LOWER.to_uppercase();
        let mixed = format!("{}{}", &LOWER[..32], &upper[32..]);
        let cases: Vec<(String, Result<(), MalformedKey>)> = vec![
            (LOWER.to_owned(), Ok(())),
            (upper.clone(), Ok(())),
            (mixed, Ok(())),
            (
                LOWER[..63].to_owned(),
                Err(MalformedKey::WrongLength { found: 63 }),
            ),
            (
                format!("{LOWER}0"),
                Err(MalformedKey::WrongLength { found: 65 }),
            ),
            (String::new(), Err(MalformedKey::WrongLength { found: 0 })),
            (
                format!("{}g", &LOWER[..63]),
                Err(MalformedKey::NotHex { position: 64 }),
            ),
            (
                format!("x{}", &LOWER[1..]),
                Err(MalformedKey::NotHex { position: 1 }),
            ),
            (
                format!(" {}", &LOWER[1..]),
                Err(MalformedKey::NotHex { position: 1 }),
            ),
            (
                format!("{LOWER}\n"),
                Err(MalformedKey::WrongLength { found: 65 }),
            ),
            (
                format!("0x{}", &LOWER[2..]),
                Err(MalformedKey::NotHex { position: 2 }),
            ),
            // 64 characters but not ASCII: counted in characters, reported by position.
            (
                format!("{}ё", &LOWER[..63]),
                Err(MalformedKey::NotHex { position: 64 }),
            ),
        ];
        for (input, expected) in cases {
            let got = parse_env_key(&input);
            match (got, expected) {
                (Ok(key), Ok(())) => {
                    assert_eq!(*key.reveal_hex(), LOWER, "input {input:?}");
                }
                (Err(KeyError::Malformed { origin, problem }), Err(want)) => {
                    assert_eq!(origin, KeyOrigin::EnvVar);
                    assert_eq!(problem, want, "input {input:?}");
                }
                (got, want) => panic!("input {input:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn errors_never_contain_the_key_text() {
        let almost = format!("{}z", &LOWER[..63]);
        let err = parse_env_key(&almost).unwrap_err();
        assert!(!err.to_string().contains(&LOWER[..16]));
        assert!(!format!("{err:?}").contains(&LOWER[..16]));
    }

    #[test]
    fn env_source_debug_hides_the_value() {
        let source = KeySource::EnvValue(Zeroizing::new(LOWER.to_owned()));
        assert_eq!(format!("{source:?}"), "EnvValue(***)");
    }

    #[test]
    fn describe_drops_secret_bytes() {
        let err = keyring_core::Error::BadEncoding(b"secret-bytes".to_vec());
        assert!(!describe(&err).contains("secret"));
    }
}
