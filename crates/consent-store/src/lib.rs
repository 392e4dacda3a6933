//! # consent-store
//!
//! One desk's encrypted database (SQLCipher 4 through rusqlite):
//!
//! * [`DbKey`], [`KeySource`] / [`resolve`]: the 256-bit database key and where it comes from — the
//!   OS keyring ([`Keyring`], the desktop default), the `CONSENT_DESK_DB_KEY` environment variable, or
//!   a 0600 key file. Each source is explicit; none falls back to another.
//! * [`Database`]: create (never overwrites) or open (never creates) the file, with distinct errors
//!   for a wrong key, a plain SQLite file, a damaged file, a file made by a newer Consent Desk.
//! * [`migrations`]: forward-only numbered SQL files (`src/migrations/NNNN_name.sql`).
//! * [`ledger`]: the append-only event log, one hash chain per desk, verified by [`Store::verify`].
//! * [`crypto`]: each data subject's events are sealed with the subject's own key, so destroying a
//!   subject is deleting one key (crypto-shredding) while the chain still verifies.
//! * [`projection`] and [`search`]: the state folded from the ledger (by the domain's own fold) in
//!   tables; patient search by name prefix (ё = е), phone digits, birth date, document number.
//! * [`Store`]: all of the above behind one object; [`Store::append`] (this desk's events) and
//!   [`Store::ingest`] (other desks' rows, checked against their chains) are the only ways to change data.
//! * [`anchor`]: the head recorded outside the database after each commit, so a cut tail is seen;
//!   [`in_use`]: the lock every open holds; [`Restore`]: a backup checked, then put in the desk's
//!   place with the old files moved aside.
//! * `forensic` (tests, and the `forensic` feature for other crates' tests): every page of the file
//!   and its WAL decrypted with the key, so a test can prove that erased data cannot be read back.
//!
//! Invariants: no key material in any `Display` or `Debug` output; no code path writes an unencrypted
//! database; opening never creates, creating never overwrites; projections are a pure function of the
//! ledger ([`Store::rebuild`] reproduces them); an event is committed before `append` returns; this
//! crate reads the process environment only in [`KeySource::from_process_env`].

pub mod acts;
pub mod anchor;
pub mod codec;
pub mod crypto;
pub mod database_id;
pub mod error;
#[cfg(any(test, feature = "forensic"))]
pub mod forensic;
pub mod in_use;
pub mod key;
pub mod key_source;
pub mod ledger;
pub mod migrations;
pub mod open;
pub mod projection;
pub mod restore;
pub mod search;
mod store;

pub use database_id::DatabaseId;
pub use error::{InvalidDatabaseId, KeyError, KeyOrigin, MalformedKey, StoreError, SyncRefusal};
pub use key::DbKey;
pub use key_source::{
    ENV_VAR, KEYRING_SERVICE, KeySource, Keyring, parse_env_key, read_key_file, resolve,
};
pub use migrations::{Migration, MigrationOutcome, latest_version, migrate, migrate_to};
pub use open::Database;
pub use restore::{Restore, Restored};
pub use store::{
    CLINIC_OFFSET, IngestReport, RebuildReport, Store, clinic_date, clinic_time, new_v7,
};
