//! Where the server keeps what desks push: one interface, two backends.
//!
//! * [`sqlite`]: one SQLCipher file (encrypted at rest like a desk's), zero set-up, for one clinic.
//! * [`postgres`]: PostgreSQL, for a clinic chain whose IT already runs and backs it up.
//!
//! A backend provides transactions and the primitive reads and writes inside them ([`ReadTx`],
//! [`WriteTx`]); the rules (what a push may add, what an enrollment needs) are written once, in
//! [`rules`], on top of them, so the two backends cannot disagree about a rule.
//!
//! Cursors: every stored row gets the next cursor inside the write transaction that stores it, and
//! writes are serialised, so a reader never sees cursor N+1 before cursor N has committed. (A
//! PostgreSQL `serial` column read by concurrent writers commits out of order and makes readers skip
//! rows for good; the backends never rely on one.)

pub mod postgres;
pub mod rules;
pub mod sqlite;

use consent_wire::{Head, WireRow, WrappedKey};

/// A failure of the storage itself (not a refusal of what a desk sent).
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("the server's database failed: {0}")]
    Database(String),
    #[error("the server's database holds a value it cannot read ({0})")]
    Corrupt(&'static str),
    #[error(
        "the server's database key is wrong, or the file is not a Consent Desk server database"
    )]
    WrongKey,
    #[error("the server's database was made by a newer consent-server (schema {0})")]
    TooNew(i64),
    #[error("an event id already used by another row")]
    DuplicateEvent,
}

/// A desk enrolled with the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDesk {
    pub desk: [u8; 16],
    pub name: String,
    /// SHA-256 of the desk's credential.
    pub credential_hash: [u8; 32],
    pub enrolled_ms: u64,
    pub last_seen_ms: Option<u64>,
    /// Rows of this desk's series the server holds.
    pub rows: u64,
    pub revoked_ms: Option<u64>,
}

/// Whom an enrollment token is for (see `consent_wire::CodeKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    First,
    Further,
}

/// A one-time enrollment token. The token itself is never stored: only its SHA-256.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    pub token_id: [u8; 16],
    pub token_hash: [u8; 32],
    pub kind: TokenKind,
    /// The clinic key sealed under the code's secret (further desks' codes only).
    pub package: Option<Vec<u8>>,
    pub created_ms: u64,
    pub expires_ms: u64,
    /// The desk whose administrator made it; `None` for the server's own first-desk codes.
    pub made_by: Option<[u8; 16]>,
    pub used_ms: Option<u64>,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("token_id", &uuid::Uuid::from_bytes(self.token_id))
            .field("kind", &self.kind)
            .field("expires_ms", &self.expires_ms)
            .field("used_ms", &self.used_ms)
            .finish_non_exhaustive()
    }
}

/// Totals for `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub rows: u64,
    pub desks: u64,
    pub keys: u64,
}

/// What a read transaction can see.
pub trait ReadTx {
    /// The value stored under `key` in the server's metadata (server id, clinic key id, schema).
    fn meta(&mut self, key: &str) -> Result<Option<Vec<u8>>, StorageError>;
    /// The last row (seq, hash) of `desk`'s series.
    fn head(&mut self, desk: &[u8; 16]) -> Result<Option<(u64, [u8; 32])>, StorageError>;
    /// The hash of row `seq` of `desk`'s series.
    fn row_hash(&mut self, desk: &[u8; 16], seq: u64) -> Result<Option<[u8; 32]>, StorageError>;
    /// Up to `limit` rows with cursors above `after`, in cursor order.
    fn rows_after(&mut self, after: u64, limit: usize)
    -> Result<Vec<(u64, WireRow)>, StorageError>;
    /// The wrapped keys held for `subjects` (absent ones are left out).
    fn keys_for(&mut self, subjects: &[[u8; 16]]) -> Result<Vec<WrappedKey>, StorageError>;
    /// Every desk series' head, by desk id.
    fn heads(&mut self) -> Result<Vec<Head>, StorageError>;
    /// The highest cursor given so far (0 before the first row).
    fn latest_cursor(&mut self) -> Result<u64, StorageError>;
    fn desk(&mut self, desk: &[u8; 16]) -> Result<Option<StoredDesk>, StorageError>;
    /// Every desk, by enrollment time.
    fn desks(&mut self) -> Result<Vec<StoredDesk>, StorageError>;
    fn token(&mut self, token_id: &[u8; 16]) -> Result<Option<Token>, StorageError>;
    /// Whether a destruction of `subject`'s data was stored.
    fn destroyed(&mut self, subject: &[u8; 16]) -> Result<bool, StorageError>;
    fn counts(&mut self) -> Result<Counts, StorageError>;
}

/// What a write transaction can change, besides reading.
pub trait WriteTx: ReadTx {
    fn set_meta(&mut self, key: &str, value: &[u8]) -> Result<(), StorageError>;
    /// Stores `row` with the next cursor and returns it. An event id the server already holds on
    /// another row is [`StorageError::DuplicateEvent`].
    fn insert_row(&mut self, row: &WireRow) -> Result<u64, StorageError>;
    /// Stores a wrapped key unless one is held for the subject already (the first one stays) or the
    /// subject's key was destroyed.
    fn put_key(&mut self, key: &WrappedKey) -> Result<(), StorageError>;
    /// Deletes the subject's wrapped key and records the destruction, so no later push brings a
    /// key back.
    fn destroy_key(&mut self, subject: &[u8; 16]) -> Result<(), StorageError>;
    /// Adds a desk; one already held is an error.
    fn insert_desk(&mut self, desk: &StoredDesk) -> Result<(), StorageError>;
    fn revoke_desk(&mut self, desk: &[u8; 16], at_ms: u64) -> Result<(), StorageError>;
    /// Counts `rows` more rows for `desk` and records it as seen at `at_ms`.
    fn desk_pushed(&mut self, desk: &[u8; 16], rows: u64, at_ms: u64) -> Result<(), StorageError>;
    fn desk_seen(&mut self, desk: &[u8; 16], at_ms: u64) -> Result<(), StorageError>;
    fn insert_token(&mut self, token: &Token) -> Result<(), StorageError>;
    fn mark_token_used(&mut self, token_id: &[u8; 16], at_ms: u64) -> Result<(), StorageError>;
}

/// A storage backend: transactions. A write transaction excludes every other write (so cursors
/// commit in order); a read transaction sees one consistent snapshot. Both commit only when the
/// closure returns `Ok`; an `Err` rolls everything back.
pub trait Backend: Send + Sync + 'static {
    fn read(
        &self,
        f: &mut dyn FnMut(&mut dyn ReadTx) -> Result<(), StorageError>,
    ) -> Result<(), StorageError>;
    fn write(
        &self,
        f: &mut dyn FnMut(&mut dyn WriteTx) -> Result<(), StorageError>,
    ) -> Result<(), StorageError>;
    /// Which backend this is, for logs and `/health`: `sqlite` or `postgres`.
    fn name(&self) -> &'static str;
}

/// Metadata keys.
pub mod meta {
    /// The server's random id (16 bytes), made at init.
    pub const SERVER_ID: &str = "server_id";
    /// The clinic key's id (32 bytes), set by the first desk's enrollment.
    pub const CLINIC_KEY_ID: &str = "clinic_key_id";
}
