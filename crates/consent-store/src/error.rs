//! Error types. Every error has English `Display` text for logs and a stable snake_case
//! [`code()`](StoreError::code) for the UI to localize and match on. No variant carries key
//! material: key text is reported by length and position only, keyring errors are reduced to
//! their description (keyring's own error can carry the secret's bytes, so it is never kept).

use std::io;
use std::path::PathBuf;

use crate::database_id::DatabaseId;
use crate::key::KEY_HEX_LEN;
use crate::key_source::{ENV_VAR, KEYRING_SERVICE};

/// What is wrong with a key written as text. Never contains the text itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MalformedKey {
    #[error("it must be exactly {KEY_HEX_LEN} hexadecimal characters, found {found}")]
    WrongLength { found: usize },
    /// `position` counts characters from 1.
    #[error("character {position} is not a hexadecimal digit (0-9, a-f, A-F)")]
    NotHex { position: usize },
}

/// Where a key written as text came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOrigin {
    EnvVar,
    KeyFile(PathBuf),
}

impl std::fmt::Display for KeyOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EnvVar => write!(f, "in the environment variable {ENV_VAR}"),
            Self::KeyFile(path) => write!(f, "in the key file {}", path.display()),
        }
    }
}

/// Failure to obtain (or store) the database key.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    #[error("the database key {origin} is malformed: {problem}")]
    Malformed {
        origin: KeyOrigin,
        problem: MalformedKey,
    },
    #[error("the environment variable {ENV_VAR} is not valid Unicode text")]
    EnvNotUnicode,
    #[error("the key file {} does not exist", path.display())]
    KeyFileNotFound { path: PathBuf },
    #[error("the key file {} is not a regular file", path.display())]
    KeyFileNotAFile { path: PathBuf },
    #[error(
        "the key file {} has permissions {mode:04o}, so other users may read it; \
         it must be 0600 or 0400 (run: chmod 600 '{}')",
        path.display(), path.display()
    )]
    KeyFilePermissions { path: PathBuf, mode: u32 },
    #[error("cannot read the key file {}: {source}", path.display())]
    KeyFileUnreadable { path: PathBuf, source: io::Error },
    #[error(
        "the OS keyring has no database key for database {database_id} \
         (service \"{KEYRING_SERVICE}\"); restore it from the recovery sheet or re-sync the desk"
    )]
    KeyringEntryMissing { database_id: DatabaseId },
    #[error(
        "the OS keyring already holds a database key for database {database_id}; \
         refusing to replace it"
    )]
    KeyringEntryExists { database_id: DatabaseId },
    #[error("the OS keyring entry for database {database_id} is not a database key: {detail}")]
    KeyringEntryMalformed {
        database_id: DatabaseId,
        detail: String,
    },
    #[error(
        "the OS keyring is not available ({detail}); without a desktop session pass the key \
         explicitly with {ENV_VAR} or --key-file"
    )]
    KeyringUnavailable { detail: String },
    #[error("the OS keyring failed while {operation}: {detail}")]
    KeyringFailure {
        operation: &'static str,
        detail: String,
    },
    #[error("the operating system's random number generator failed: {detail}")]
    Rng { detail: String },
}

impl KeyError {
    /// Stable identifier for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Malformed { .. } => "key_malformed",
            Self::EnvNotUnicode => "key_env_not_unicode",
            Self::KeyFileNotFound { .. } => "key_file_not_found",
            Self::KeyFileNotAFile { .. } => "key_file_not_a_file",
            Self::KeyFilePermissions { .. } => "key_file_permissions",
            Self::KeyFileUnreadable { .. } => "key_file_unreadable",
            Self::KeyringEntryMissing { .. } => "keyring_entry_missing",
            Self::KeyringEntryExists { .. } => "keyring_entry_exists",
            Self::KeyringEntryMalformed { .. } => "keyring_entry_malformed",
            Self::KeyringUnavailable { .. } => "keyring_unavailable",
            Self::KeyringFailure { .. } => "keyring_failure",
            Self::Rng { .. } => "key_rng_failed",
        }
    }
}

/// A database id that is not 32 lowercase hexadecimal characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a database id is 32 lowercase hexadecimal characters; got {found_chars} characters")]
pub struct InvalidDatabaseId {
    pub found_chars: usize,
}

impl InvalidDatabaseId {
    pub fn code(&self) -> &'static str {
        "database_id_invalid"
    }
}

/// Failure to create, open or migrate the encrypted database.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("the database file {} does not exist", path.display())]
    NotFound { path: PathBuf },
    #[error("{} already exists; refusing to overwrite it", path.display())]
    AlreadyExists { path: PathBuf },
    #[error("{} is not a regular file", path.display())]
    NotAFile { path: PathBuf },
    #[error(
        "{} is empty (0 bytes) and holds no data; it may be left over from an interrupted set-up",
        path.display()
    )]
    Empty { path: PathBuf },
    #[error(
        "{} is an unencrypted SQLite database, not an encrypted Consent Desk database",
        path.display()
    )]
    NotEncrypted { path: PathBuf },
    #[error("{} is damaged or truncated: {detail}", which_file(path))]
    Damaged { path: PathBuf, detail: String },
    /// Subjects' keys were deleted with no recorded disposal of their data (see `verify`).
    #[error(
        "the keys of {subjects} data subject(s) were deleted with no recorded disposal of their data: \
         the database was tampered with; restore it from a backup"
    )]
    KeysMissing { subjects: usize },
    /// An event that would carry personal data about a subject whose data were destroyed.
    #[error(
        "the data subject's data were destroyed; only the steps that finish their request remain"
    )]
    SubjectDestroyed,
    /// The ledger does not reach the head its anchor recorded (see `verify`).
    #[error(
        "the ledger is shorter than it was or was rewritten (its anchor outside the database says \
         so): restore the database from a backup"
    )]
    RolledBack,
    #[error(
        "the key does not open {}: either the key is wrong, or the file is not an encrypted \
         Consent Desk database or its first page is damaged (these cannot be told apart \
         without the right key)",
        path.display()
    )]
    WrongKey { path: PathBuf },
    #[error("{} was never completely created: {detail}", path.display())]
    Incomplete { path: PathBuf, detail: String },
    #[error("{} can only be opened read-only (check the file's permissions)", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{} is locked by another program (is Consent Desk already running?)", path.display())]
    Busy { path: PathBuf },
    /// A restore needs the desk to itself.
    #[error(
        "{} is open in Consent Desk or in a consentctl command: close them all before restoring",
        path.display()
    )]
    InUse { path: PathBuf },
    /// An open met a restore under way.
    #[error("a backup is being restored into {}: wait until it finishes", path.display())]
    Restoring { path: PathBuf },
    /// The backup is whole, but a database is in its place and the admin did not say to replace it.
    #[error(
        "the backup is whole ({events} events), but a database is already at {}: add --replace to \
         put it aside (it is moved, not deleted) and restore",
        path.display()
    )]
    RestoreWouldReplace { path: PathBuf, events: u64 },
    /// The backup opens, but it is another desk's database.
    #[error(
        "{} is a backup of another desk's database (its database id differs from desk.json's)",
        path.display()
    )]
    BackupOfAnotherDesk { path: PathBuf },
    #[error(
        "this build is not linked with SQLCipher (PRAGMA cipher_version is empty); \
         refusing to write an unencrypted database"
    )]
    SqlCipherMissing,
    #[error("SQLCipher rejected the key statement")]
    KeyRejected,
    #[error("{}: PRAGMA {pragma} was not applied (got {got:?})", path.display())]
    PragmaRejected {
        path: PathBuf,
        pragma: &'static str,
        got: String,
    },
    #[error(
        "this database was made by a newer Consent Desk (schema version {found}; this version \
         knows up to {supported}); update Consent Desk to open it"
    )]
    TooNew { found: u32, supported: u32 },
    #[error("migrations only go forward: the database is at version {current}, asked for {target}")]
    DowngradeRefused { current: u32, target: u32 },
    #[error("schema version {target} does not exist; the latest is {latest}")]
    UnknownSchemaVersion { target: u32, latest: u32 },
    #[error("migration {version:04}_{name} failed and was rolled back: {source}")]
    MigrationFailed {
        version: u32,
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error("file system error on {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("database error while {context}: {source}")]
    Sqlite {
        context: &'static str,
        source: rusqlite::Error,
    },
    #[error("the operating system's random number generator failed")]
    Random,
    #[error("an event body could not be sealed or opened: {0}")]
    Crypto(#[from] crate::crypto::CryptoError),
    #[error("a stored record could not be read: {0}")]
    Codec(#[from] crate::codec::CodecError),
    #[error("the calendar file was refused: {0}")]
    Calendar(#[from] consent_domain::calendar::ImportError),
    /// Rows from other desks (a sync pull) that do not continue what the desk holds: nothing of the
    /// batch was stored.
    #[error("the rows from other desks were refused, nothing was stored: {reason}")]
    SyncRefused { reason: SyncRefusal },
}

/// Why [`Store::ingest`](crate::Store::ingest) refused a batch. Names desks, sequence numbers and
/// subject ids (random ids, as the server holds them), never a stored value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncRefusal {
    /// Rows of this desk's own chain: only this desk writes them.
    #[error("row {seq} belongs to this desk's own chain")]
    OwnDesk { seq: u64 },
    /// The same place in a chain with other content: two histories of one desk.
    #[error("desk {desk}'s row {seq} differs from the one held (a fork)")]
    Fork {
        desk: consent_domain::ids::DeskId,
        seq: u64,
    },
    /// Rows are missing before this one.
    #[error("desk {desk}'s chain jumps to row {seq}; row {expected} was expected")]
    Gap {
        desk: consent_domain::ids::DeskId,
        expected: u64,
        seq: u64,
    },
    /// The row does not point at the hash of the row before it.
    #[error("desk {desk}'s row {seq} does not link to the row before it")]
    BrokenLink {
        desk: consent_domain::ids::DeskId,
        seq: u64,
    },
    /// The row's content does not give the hash it carries.
    #[error("desk {desk}'s row {seq} does not match its hash")]
    HashMismatch {
        desk: consent_domain::ids::DeskId,
        seq: u64,
    },
    /// The sealed body does not open with its subject's key (altered, or sealed with another key).
    #[error("desk {desk}'s row {seq} does not open with its subject's key")]
    Tampered {
        desk: consent_domain::ids::DeskId,
        seq: u64,
    },
    /// The envelope does not fit the body (kind or subject differ, a subject's row unsealed, a
    /// desk-wide row sealed).
    #[error("desk {desk}'s row {seq} is malformed")]
    Malformed {
        desk: consent_domain::ids::DeskId,
        seq: u64,
    },
    /// Subjects whose rows arrived without their key, which this desk does not hold either, and whose
    /// data was not destroyed: fetch their keys and ingest the batch again.
    #[error("the keys of {} data subject(s) are missing", subjects.len())]
    KeyMissing {
        subjects: Vec<consent_domain::ids::PatientId>,
    },
}

impl SyncRefusal {
    /// Stable identifier of the reason.
    pub fn code(&self) -> &'static str {
        match self {
            Self::OwnDesk { .. } => "own_desk",
            Self::Fork { .. } => "fork",
            Self::Gap { .. } => "gap",
            Self::BrokenLink { .. } => "broken_link",
            Self::HashMismatch { .. } => "hash_mismatch",
            Self::Tampered { .. } => "tampered",
            Self::Malformed { .. } => "malformed",
            Self::KeyMissing { .. } => "key_missing",
        }
    }
}

/// The file an error is about; a damaged page met in the middle of an operation names no path.
fn which_file(path: &std::path::Path) -> String {
    if path.as_os_str().is_empty() {
        "the database file".to_owned()
    } else {
        path.display().to_string()
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(source: rusqlite::Error) -> Self {
        // A damaged page is not a generic database error: staff are told the file is damaged and
        // what to do about it.
        if crate::store::is_damage(&source) {
            return StoreError::Damaged {
                path: PathBuf::new(),
                detail: source.to_string(),
            };
        }
        StoreError::Sqlite {
            context: "reading or writing the ledger",
            source,
        }
    }
}

impl StoreError {
    /// Stable identifier for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "db_not_found",
            Self::AlreadyExists { .. } => "db_already_exists",
            Self::NotAFile { .. } => "db_not_a_file",
            Self::Empty { .. } => "db_empty",
            Self::NotEncrypted { .. } => "db_not_encrypted",
            Self::Damaged { .. } => "db_damaged",
            Self::KeysMissing { .. } => "ledger_keys_missing",
            Self::SubjectDestroyed => "subject_destroyed",
            Self::RolledBack => "ledger_rolled_back",
            Self::WrongKey { .. } => "db_wrong_key",
            Self::Incomplete { .. } => "db_incomplete",
            Self::ReadOnly { .. } => "db_read_only",
            Self::Busy { .. } => "db_busy",
            Self::InUse { .. } => "db_in_use",
            Self::Restoring { .. } => "db_restoring",
            Self::RestoreWouldReplace { .. } => "restore_would_replace",
            Self::BackupOfAnotherDesk { .. } => "backup_of_another_desk",
            Self::SqlCipherMissing => "db_sqlcipher_missing",
            Self::KeyRejected => "db_key_rejected",
            Self::PragmaRejected { .. } => "db_pragma_rejected",
            Self::TooNew { .. } => "db_too_new",
            Self::DowngradeRefused { .. } => "db_downgrade_refused",
            Self::UnknownSchemaVersion { .. } => "db_unknown_schema_version",
            Self::MigrationFailed { .. } => "db_migration_failed",
            Self::Io { .. } => "db_io",
            Self::Random => "random_failed",
            Self::Crypto(_) => "ledger_body_unreadable",
            Self::Codec(e) => e.code(),
            Self::Calendar(e) => e.code(),
            Self::Sqlite { .. } => "db_sqlite",
            Self::SyncRefused { reason } => match reason {
                SyncRefusal::OwnDesk { .. } => "sync_refused_own_desk",
                SyncRefusal::Fork { .. } => "sync_refused_fork",
                SyncRefusal::Gap { .. } => "sync_refused_gap",
                SyncRefusal::BrokenLink { .. } => "sync_refused_broken_link",
                SyncRefusal::HashMismatch { .. } => "sync_refused_hash_mismatch",
                SyncRefusal::Tampered { .. } => "sync_refused_tampered",
                SyncRefusal::Malformed { .. } => "sync_refused_malformed",
                SyncRefusal::KeyMissing { .. } => "sync_refused_key_missing",
            },
        }
    }

    /// The same error, naming `to` where it named the file `from` or no file (a restore checks a
    /// copy of the backup, but the admin knows the backup's name).
    pub(crate) fn about(self, from: &std::path::Path, to: &std::path::Path) -> Self {
        let swap = |path: PathBuf| {
            if path == from || path.as_os_str().is_empty() {
                to.to_path_buf()
            } else {
                path
            }
        };
        match self {
            Self::NotFound { path } => Self::NotFound { path: swap(path) },
            Self::NotAFile { path } => Self::NotAFile { path: swap(path) },
            Self::Empty { path } => Self::Empty { path: swap(path) },
            Self::NotEncrypted { path } => Self::NotEncrypted { path: swap(path) },
            Self::Damaged { path, detail } => Self::Damaged {
                path: swap(path),
                detail,
            },
            Self::WrongKey { path } => Self::WrongKey { path: swap(path) },
            Self::Incomplete { path, detail } => Self::Incomplete {
                path: swap(path),
                detail,
            },
            Self::Io { path, source } => Self::Io {
                path: swap(path),
                source,
            },
            other => other,
        }
    }

    pub(crate) fn sqlite(context: &'static str) -> impl FnOnce(rusqlite::Error) -> Self {
        move |source| Self::Sqlite { context, source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_messages_do_not_echo_the_text() {
        let err = KeyError::Malformed {
            origin: KeyOrigin::EnvVar,
            problem: MalformedKey::NotHex { position: 5 },
        };
        assert_eq!(err.code(), "key_malformed");
        assert_eq!(
            err.to_string(),
            "the database key in the environment variable CONSENT_DESK_DB_KEY is malformed: \
             character 5 is not a hexadecimal digit (0-9, a-f, A-F)"
        );
    }

    #[test]
    fn too_new_message_names_a_newer_consent_desk() {
        let err = StoreError::TooNew {
            found: 9,
            supported: 1,
        };
        assert_eq!(err.code(), "db_too_new");
        assert!(err.to_string().contains("made by a newer Consent Desk"));
    }
}
