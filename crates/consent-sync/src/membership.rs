//! This desk's membership of a clinic server, as the sync engine keeps it in the desk's encrypted
//! file (`sync_state`): where the server is and which certificate it must show, this desk's
//! credential, the clinic key, and how far push and pull have got.

use consent_store::{Store, StoreError};

use crate::client::{Credential, ServerAddress};
use crate::clinic_key::ClinicKey;

const HOST: &str = "server_host";
const PORT: &str = "server_port";
const FINGERPRINT: &str = "server_fingerprint";
const SERVER_ID: &str = "server_id";
const CREDENTIAL: &str = "desk_credential";
const CLINIC_KEY: &str = "clinic_key";
const PULLED: &str = "pull_cursor";
const PUSHED: &str = "pushed_seq";

/// Everything a desk needs to talk to its server.
#[derive(Debug, Clone)]
pub struct Membership {
    pub server: ServerAddress,
    pub server_id: [u8; 16],
    pub credential: Credential,
    pub clinic: ClinicKey,
}

fn fixed<const N: usize>(store: &Store, key: &str) -> Result<Option<[u8; N]>, StoreError> {
    Ok(store.sync_value(key)?.and_then(|v| v.try_into().ok()))
}

fn number(store: &Store, key: &str) -> Result<u64, StoreError> {
    Ok(fixed::<8>(store, key)?.map_or(0, u64::from_be_bytes))
}

impl Membership {
    /// The membership held, or `None` when this desk has not joined a server.
    pub fn load(store: &Store) -> Result<Option<Membership>, StoreError> {
        let host = store
            .sync_value(HOST)?
            .and_then(|v| String::from_utf8(v).ok());
        let port = fixed::<2>(store, PORT)?.map(u16::from_be_bytes);
        let credential = store
            .sync_value(CREDENTIAL)?
            .and_then(|v| String::from_utf8(v).ok());
        let (
            Some(host),
            Some(port),
            Some(fingerprint),
            Some(server_id),
            Some(secret),
            Some(clinic),
        ) = (
            host,
            port,
            fixed::<32>(store, FINGERPRINT)?,
            fixed::<16>(store, SERVER_ID)?,
            credential,
            fixed::<32>(store, CLINIC_KEY)?,
        )
        else {
            return Ok(None);
        };
        Ok(Some(Membership {
            server: ServerAddress {
                host,
                port,
                fingerprint,
            },
            server_id,
            credential: Credential {
                desk: *store.desk().as_bytes(),
                secret: zeroize::Zeroizing::new(secret),
            },
            clinic: ClinicKey::from_bytes(clinic),
        }))
    }

    /// Saves the membership, with both cursors at the start, in one transaction.
    pub fn save(&self, store: &mut Store) -> Result<(), StoreError> {
        let port = self.server.port.to_be_bytes();
        let zero = 0u64.to_be_bytes();
        store.set_sync_values(&[
            (HOST, Some(self.server.host.as_bytes())),
            (PORT, Some(&port)),
            (FINGERPRINT, Some(&self.server.fingerprint)),
            (SERVER_ID, Some(&self.server_id)),
            (CREDENTIAL, Some(self.credential.secret.as_bytes())),
            (CLINIC_KEY, Some(self.clinic.as_bytes())),
            (PULLED, Some(&zero)),
            (PUSHED, Some(&zero)),
        ])
    }
}

/// How far pull has got: the server cursor of the last row taken in.
pub fn pulled(store: &Store) -> Result<u64, StoreError> {
    number(store, PULLED)
}

pub fn set_pulled(store: &mut Store, cursor: u64) -> Result<(), StoreError> {
    store.set_sync_values(&[(PULLED, Some(&cursor.to_be_bytes()))])
}

/// How far push has got: this desk's last row the server acknowledged holding.
pub fn pushed(store: &Store) -> Result<u64, StoreError> {
    number(store, PUSHED)
}

pub fn set_pushed(store: &mut Store, seq: u64) -> Result<(), StoreError> {
    store.set_sync_values(&[(PUSHED, Some(&seq.to_be_bytes()))])
}
