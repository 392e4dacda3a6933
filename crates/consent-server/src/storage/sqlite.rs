//! The SQLite backend: one SQLCipher file, encrypted at rest like a desk's (raw 256-bit key,
//! SQLCipher 4 settings pinned), in WAL mode with `synchronous = FULL`.
//!
//! One writer connection behind a mutex serialises writes, so cursors (`max(cursor) + 1` inside the
//! write transaction) commit in order. Readers each take a connection of their own from a small
//! pool: WAL lets them read one snapshot while the writer commits.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use consent_wire::{Head, WireRow, WrappedKey};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, params};
use zeroize::Zeroizing;

use super::{Backend, Counts, ReadTx, StorageError, StoredDesk, Token, TokenKind, WriteTx};

const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE rows (
    cursor          INTEGER PRIMARY KEY,
    desk            BLOB    NOT NULL,
    seq             INTEGER NOT NULL,
    event           BLOB    NOT NULL UNIQUE,
    hlc_ms          INTEGER NOT NULL,
    hlc_counter     INTEGER NOT NULL,
    actor           BLOB    NOT NULL,
    kind            TEXT    NOT NULL,
    subject         BLOB    NOT NULL,
    nonce           BLOB    NOT NULL,
    body            BLOB    NOT NULL,
    transport_nonce BLOB,
    prev_hash       BLOB    NOT NULL,
    hash            BLOB    NOT NULL,
    UNIQUE (desk, seq)
);
CREATE TABLE subject_keys (subject BLOB PRIMARY KEY, nonce BLOB NOT NULL, sealed BLOB NOT NULL)
    WITHOUT ROWID;
CREATE TABLE destroyed_subjects (subject BLOB PRIMARY KEY, at_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE desks (
    desk            BLOB PRIMARY KEY,
    name            TEXT    NOT NULL,
    credential_hash BLOB    NOT NULL,
    enrolled_ms     INTEGER NOT NULL,
    last_seen_ms    INTEGER,
    rows            INTEGER NOT NULL,
    revoked_ms      INTEGER
) WITHOUT ROWID;
CREATE TABLE tokens (
    token_id   BLOB PRIMARY KEY,
    token_hash BLOB    NOT NULL,
    kind       TEXT    NOT NULL,
    package    BLOB,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    made_by    BLOB,
    used_ms    INTEGER
) WITHOUT ROWID;
";

const ROW_COLUMNS: &str = "desk, seq, event, hlc_ms, hlc_counter, actor, kind, subject, nonce, \
                           body, transport_nonce, prev_hash, hash";
const DESK_COLUMNS: &str =
    "desk, name, credential_hash, enrolled_ms, last_seen_ms, rows, revoked_ms";
const READERS: usize = 4;

/// The SQLite (SQLCipher) backend.
pub struct SqliteBackend {
    path: PathBuf,
    key: Zeroizing<[u8; 32]>,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for SqliteBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteBackend")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn db_error(e: rusqlite::Error) -> StorageError {
    // The message of a failed statement names the statement, never a bound value.
    StorageError::Database(e.to_string())
}

fn connect(path: &Path, key: &[u8; 32], create: bool) -> Result<Connection, StorageError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags).map_err(db_error)?;
    let statement = Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex::encode(key)));
    // A statement error could quote the SQL, i.e. the key: drop it.
    conn.execute_batch(&statement)
        .map_err(|_| StorageError::WrongKey)?;
    conn.execute_batch("PRAGMA cipher_compatibility = 4; PRAGMA cipher_log_level = NONE;")
        .map_err(db_error)?;
    conn.busy_timeout(Duration::from_secs(10))
        .map_err(db_error)?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StorageError::WrongKey,
        _ => db_error(e),
    })?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(db_error)?;
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA cache_size = -65536;",
    )
    .map_err(db_error)?;
    Ok(conn)
}

impl SqliteBackend {
    /// Creates a new server database at `path`; refuses if a file is there.
    pub fn create(path: &Path, key: &[u8; 32]) -> Result<SqliteBackend, StorageError> {
        if path.exists() {
            return Err(StorageError::Database(format!(
                "{} already exists: the server database is never overwritten",
                path.display()
            )));
        }
        let mut conn = connect(path, key, true)?;
        let tx = conn.transaction().map_err(db_error)?;
        tx.execute_batch(SCHEMA).map_err(db_error)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(db_error)?;
        tx.commit().map_err(db_error)?;
        drop(conn);
        Self::open(path, key)
    }

    /// Opens an existing server database.
    pub fn open(path: &Path, key: &[u8; 32]) -> Result<SqliteBackend, StorageError> {
        if !path.is_file() {
            return Err(StorageError::Database(format!(
                "{} does not exist: run `consent-server init` first",
                path.display()
            )));
        }
        let conn = connect(path, key, false)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(db_error)?;
        if version > SCHEMA_VERSION {
            return Err(StorageError::TooNew(version));
        }
        if version < 1 {
            return Err(StorageError::WrongKey);
        }
        Ok(SqliteBackend {
            path: path.to_owned(),
            key: Zeroizing::new(*key),
            writer: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
        })
    }

    /// An online, consistent copy of the database into `target` (a new file, same key), made
    /// with SQLite's backup API while the server keeps serving.
    pub fn backup_to(&self, target: &Path) -> Result<(), StorageError> {
        if target.exists() {
            return Err(StorageError::Database(format!(
                "{} already exists",
                target.display()
            )));
        }
        let source = self.reader()?;
        let mut copy = connect(target, &self.key, true)?;
        {
            let backup = rusqlite::backup::Backup::new(&source, &mut copy).map_err(db_error)?;
            backup
                .run_to_completion(256, Duration::from_millis(0), None)
                .map_err(db_error)?;
        }
        let check: String = copy
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(db_error)?;
        self.give_back(source);
        if check != "ok" {
            return Err(StorageError::Corrupt("the backup copy failed its check"));
        }
        Ok(())
    }

    fn reader(&self) -> Result<Connection, StorageError> {
        let pooled = self
            .readers
            .lock()
            .map_err(|_| StorageError::Corrupt("reader pool"))?
            .pop();
        match pooled {
            Some(conn) => Ok(conn),
            None => connect(&self.path, &self.key, false),
        }
    }

    fn give_back(&self, conn: Connection) {
        if let Ok(mut pool) = self.readers.lock()
            && pool.len() < READERS
        {
            pool.push(conn);
        }
    }
}

impl Backend for SqliteBackend {
    fn read(
        &self,
        f: &mut dyn FnMut(&mut dyn ReadTx) -> Result<(), StorageError>,
    ) -> Result<(), StorageError> {
        let mut conn = self.reader()?;
        let result = (|| {
            let tx = conn.transaction().map_err(db_error)?;
            let mut t = Tx(tx);
            f(&mut t)?;
            t.0.commit().map_err(db_error)
        })();
        self.give_back(conn);
        result
    }

    fn write(
        &self,
        f: &mut dyn FnMut(&mut dyn WriteTx) -> Result<(), StorageError>,
    ) -> Result<(), StorageError> {
        let mut conn = self
            .writer
            .lock()
            .map_err(|_| StorageError::Corrupt("writer lock poisoned"))?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db_error)?;
        let mut t = Tx(tx);
        f(&mut t)?;
        t.0.commit().map_err(db_error)
    }

    fn name(&self) -> &'static str {
        "sqlite"
    }
}

struct Tx<'c>(Transaction<'c>);

fn i64_of(v: u64) -> Result<i64, StorageError> {
    i64::try_from(v).map_err(|_| StorageError::Corrupt("a number above the storable range"))
}

fn blob<const N: usize>(v: Vec<u8>, what: &'static str) -> Result<[u8; N], StorageError> {
    v.try_into().map_err(|_| StorageError::Corrupt(what))
}

fn read_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<RawRow> {
    Ok(RawRow {
        desk: r.get(at)?,
        seq: r.get(at + 1)?,
        event: r.get(at + 2)?,
        hlc_ms: r.get(at + 3)?,
        hlc_counter: r.get(at + 4)?,
        actor: r.get(at + 5)?,
        kind: r.get(at + 6)?,
        subject: r.get(at + 7)?,
        nonce: r.get(at + 8)?,
        body: r.get(at + 9)?,
        transport_nonce: r.get(at + 10)?,
        prev_hash: r.get(at + 11)?,
        hash: r.get(at + 12)?,
    })
}

/// A row as the database returns it, checked into a [`WireRow`] by [`RawRow::typed`].
struct RawRow {
    desk: Vec<u8>,
    seq: i64,
    event: Vec<u8>,
    hlc_ms: i64,
    hlc_counter: i64,
    actor: Vec<u8>,
    kind: String,
    subject: Vec<u8>,
    nonce: Vec<u8>,
    body: Vec<u8>,
    transport_nonce: Option<Vec<u8>>,
    prev_hash: Vec<u8>,
    hash: Vec<u8>,
}

impl RawRow {
    fn typed(self) -> Result<WireRow, StorageError> {
        let n = |v: i64| u64::try_from(v).map_err(|_| StorageError::Corrupt("a negative number"));
        Ok(WireRow {
            desk: blob(self.desk, "row desk")?,
            seq: n(self.seq)?,
            event: blob(self.event, "row event")?,
            hlc_ms: n(self.hlc_ms)?,
            hlc_counter: u32::try_from(self.hlc_counter)
                .map_err(|_| StorageError::Corrupt("row counter"))?,
            actor: blob(self.actor, "row actor")?,
            kind: self.kind,
            subject: blob(self.subject, "row subject")?,
            nonce: self.nonce,
            body: self.body,
            transport_nonce: self.transport_nonce,
            prev_hash: blob(self.prev_hash, "row prev hash")?,
            hash: blob(self.hash, "row hash")?,
        })
    }
}

type RawDesk = (Vec<u8>, String, Vec<u8>, i64, Option<i64>, i64, Option<i64>);

fn read_desk(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawDesk> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn typed_desk(d: RawDesk) -> Result<StoredDesk, StorageError> {
    let n = |v: i64| u64::try_from(v).map_err(|_| StorageError::Corrupt("a negative number"));
    Ok(StoredDesk {
        desk: blob(d.0, "desk id")?,
        name: d.1,
        credential_hash: blob(d.2, "credential hash")?,
        enrolled_ms: n(d.3)?,
        last_seen_ms: d.4.map(n).transpose()?,
        rows: n(d.5)?,
        revoked_ms: d.6.map(n).transpose()?,
    })
}

impl ReadTx for Tx<'_> {
    fn meta(&mut self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        self.0
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")
            .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
            .map_err(db_error)
    }

    fn head(&mut self, desk: &[u8; 16]) -> Result<Option<(u64, [u8; 32])>, StorageError> {
        let found: Option<(i64, Vec<u8>)> = self
            .0
            .prepare_cached("SELECT seq, hash FROM rows WHERE desk = ?1 ORDER BY seq DESC LIMIT 1")
            .and_then(|mut s| {
                s.query_row([&desk[..]], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(db_error)?;
        found
            .map(|(seq, hash)| Ok((seq as u64, blob(hash, "row hash")?)))
            .transpose()
    }

    fn row_hash(&mut self, desk: &[u8; 16], seq: u64) -> Result<Option<[u8; 32]>, StorageError> {
        let found: Option<Vec<u8>> = self
            .0
            .prepare_cached("SELECT hash FROM rows WHERE desk = ?1 AND seq = ?2")
            .and_then(|mut s| {
                s.query_row(params![&desk[..], i64_of(seq).unwrap_or(i64::MAX)], |r| {
                    r.get(0)
                })
                .optional()
            })
            .map_err(db_error)?;
        found.map(|h| blob(h, "row hash")).transpose()
    }

    fn rows_after(
        &mut self,
        after: u64,
        limit: usize,
    ) -> Result<Vec<(u64, WireRow)>, StorageError> {
        // No cursor is above what an i64 holds: after such a cursor there is nothing.
        let Ok(after) = i64::try_from(after) else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .0
            .prepare_cached(&format!(
                "SELECT cursor, {ROW_COLUMNS} FROM rows WHERE cursor > ?1 ORDER BY cursor LIMIT ?2"
            ))
            .map_err(db_error)?;
        let raw = stmt
            .query_map(params![after, limit as i64], |r| {
                Ok((r.get::<_, i64>(0)?, read_row(r, 1)?))
            })
            .map_err(db_error)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error)?;
        raw.into_iter()
            .map(|(cursor, row)| Ok((cursor as u64, row.typed()?)))
            .collect()
    }

    fn keys_for(&mut self, subjects: &[[u8; 16]]) -> Result<Vec<WrappedKey>, StorageError> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT nonce, sealed FROM subject_keys WHERE subject = ?1")
            .map_err(db_error)?;
        let mut keys = Vec::new();
        for subject in subjects {
            let found: Option<(Vec<u8>, Vec<u8>)> = stmt
                .query_row([&subject[..]], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .map_err(db_error)?;
            if let Some((nonce, sealed)) = found {
                keys.push(WrappedKey {
                    subject: *subject,
                    nonce,
                    sealed,
                });
            }
        }
        Ok(keys)
    }

    fn heads(&mut self) -> Result<Vec<Head>, StorageError> {
        // A skip scan of the (desk, seq) index: one seek per desk series, never a pass over rows.
        // Each desk's last row is found by its cursor (the index holds it), then read by it: the
        // former `r.desk = d.desk AND r.seq = (SELECT max(seq) …)` was planned by the bundled
        // SQLite as a pass over the desk's rows evaluating the subquery for each, so every pull
        // page cost a seek per row held (about half a second per page at a million rows).
        let mut stmt = self
            .0
            .prepare_cached(
                "WITH RECURSIVE d(desk) AS ( \
                     SELECT min(desk) FROM rows \
                     UNION ALL SELECT (SELECT min(desk) FROM rows WHERE desk > d.desk) FROM d \
                     WHERE d.desk IS NOT NULL), \
                 last(cursor) AS ( \
                     SELECT (SELECT cursor FROM rows WHERE desk = d.desk ORDER BY seq DESC LIMIT 1) \
                     FROM d WHERE d.desk IS NOT NULL) \
                 SELECT r.desk, r.seq, r.hash FROM last JOIN rows r ON r.cursor = last.cursor \
                 ORDER BY r.desk",
            )
            .map_err(db_error)?;
        let raw = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, Vec<u8>>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                ))
            })
            .map_err(db_error)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error)?;
        raw.into_iter()
            .map(|(desk, seq, hash)| {
                Ok(Head {
                    desk: blob(desk, "desk id")?,
                    seq: seq as u64,
                    hash: blob(hash, "row hash")?,
                })
            })
            .collect()
    }

    fn latest_cursor(&mut self) -> Result<u64, StorageError> {
        self.0
            .prepare_cached("SELECT coalesce(max(cursor), 0) FROM rows")
            .and_then(|mut s| s.query_row([], |r| r.get::<_, i64>(0)))
            .map(|c| c as u64)
            .map_err(db_error)
    }

    fn desk(&mut self, desk: &[u8; 16]) -> Result<Option<StoredDesk>, StorageError> {
        let raw = self
            .0
            .prepare_cached(&format!("SELECT {DESK_COLUMNS} FROM desks WHERE desk = ?1"))
            .and_then(|mut s| s.query_row([&desk[..]], read_desk).optional())
            .map_err(db_error)?;
        raw.map(typed_desk).transpose()
    }

    fn desks(&mut self) -> Result<Vec<StoredDesk>, StorageError> {
        let mut stmt = self
            .0
            .prepare_cached(&format!(
                "SELECT {DESK_COLUMNS} FROM desks ORDER BY enrolled_ms, desk"
            ))
            .map_err(db_error)?;
        let raw = stmt
            .query_map([], read_desk)
            .map_err(db_error)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error)?;
        raw.into_iter().map(typed_desk).collect()
    }

    fn token(&mut self, token_id: &[u8; 16]) -> Result<Option<Token>, StorageError> {
        type RawToken = (
            Vec<u8>,
            String,
            Option<Vec<u8>>,
            i64,
            i64,
            Option<Vec<u8>>,
            Option<i64>,
        );
        let raw: Option<RawToken> = self
            .0
            .prepare_cached(
                "SELECT token_hash, kind, package, created_ms, expires_ms, made_by, used_ms \
                 FROM tokens WHERE token_id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([&token_id[..]], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                })
                .optional()
            })
            .map_err(db_error)?;
        raw.map(|(hash, kind, package, created, expires, made_by, used)| {
            Ok(Token {
                token_id: *token_id,
                token_hash: blob(hash, "token hash")?,
                kind: match kind.as_str() {
                    "first" => TokenKind::First,
                    "further" => TokenKind::Further,
                    _ => return Err(StorageError::Corrupt("token kind")),
                },
                package,
                created_ms: created as u64,
                expires_ms: expires as u64,
                made_by: made_by.map(|m| blob(m, "token maker")).transpose()?,
                used_ms: used.map(|u| u as u64),
            })
        })
        .transpose()
    }

    fn destroyed(&mut self, subject: &[u8; 16]) -> Result<bool, StorageError> {
        self.0
            .prepare_cached("SELECT 1 FROM destroyed_subjects WHERE subject = ?1")
            .and_then(|mut s| s.exists([&subject[..]]))
            .map_err(db_error)
    }

    fn counts(&mut self) -> Result<Counts, StorageError> {
        self.0
            .query_row(
                "SELECT (SELECT count(*) FROM rows), (SELECT count(*) FROM desks), \
                 (SELECT count(*) FROM subject_keys)",
                [],
                |r| {
                    Ok(Counts {
                        rows: r.get::<_, i64>(0)? as u64,
                        desks: r.get::<_, i64>(1)? as u64,
                        keys: r.get::<_, i64>(2)? as u64,
                    })
                },
            )
            .map_err(db_error)
    }
}

impl WriteTx for Tx<'_> {
    fn set_meta(&mut self, key: &str, value: &[u8]) -> Result<(), StorageError> {
        self.0
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(drop)
            .map_err(db_error)
    }

    fn insert_row(&mut self, row: &WireRow) -> Result<u64, StorageError> {
        let cursor = self.latest_cursor()? + 1;
        let result = self
            .0
            .prepare_cached(&format!(
                "INSERT INTO rows (cursor, {ROW_COLUMNS}) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
            ))
            .and_then(|mut s| {
                s.execute(params![
                    i64_of(cursor).unwrap_or(i64::MAX),
                    &row.desk[..],
                    i64_of(row.seq).unwrap_or(i64::MAX),
                    &row.event[..],
                    i64_of(row.hlc_ms).unwrap_or(i64::MAX),
                    i64::from(row.hlc_counter),
                    &row.actor[..],
                    row.kind,
                    &row.subject[..],
                    row.nonce,
                    row.body,
                    row.transport_nonce,
                    &row.prev_hash[..],
                    &row.hash[..],
                ])
            });
        match result {
            Ok(_) => Ok(cursor),
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => {
                Err(StorageError::DuplicateEvent)
            }
            Err(e) => Err(db_error(e)),
        }
    }

    fn put_key(&mut self, key: &WrappedKey) -> Result<(), StorageError> {
        self.0
            .prepare_cached(
                "INSERT INTO subject_keys (subject, nonce, sealed) SELECT ?1, ?2, ?3 \
                 WHERE NOT EXISTS (SELECT 1 FROM destroyed_subjects WHERE subject = ?1) \
                 ON CONFLICT (subject) DO NOTHING",
            )
            .and_then(|mut s| s.execute(params![&key.subject[..], key.nonce, key.sealed]))
            .map(drop)
            .map_err(db_error)
    }

    fn destroy_key(&mut self, subject: &[u8; 16]) -> Result<(), StorageError> {
        self.0
            .execute(
                "DELETE FROM subject_keys WHERE subject = ?1",
                [&subject[..]],
            )
            .map_err(db_error)?;
        self.0
            .execute(
                "INSERT INTO destroyed_subjects (subject, at_ms) VALUES (?1, 0) \
                 ON CONFLICT (subject) DO NOTHING",
                [&subject[..]],
            )
            .map(drop)
            .map_err(db_error)
    }

    fn insert_desk(&mut self, desk: &StoredDesk) -> Result<(), StorageError> {
        self.0
            .execute(
                &format!("INSERT INTO desks ({DESK_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
                params![
                    &desk.desk[..],
                    desk.name,
                    &desk.credential_hash[..],
                    i64_of(desk.enrolled_ms)?,
                    desk.last_seen_ms.map(i64_of).transpose()?,
                    i64_of(desk.rows)?,
                    desk.revoked_ms.map(i64_of).transpose()?,
                ],
            )
            .map(drop)
            .map_err(db_error)
    }

    fn revoke_desk(&mut self, desk: &[u8; 16], at_ms: u64) -> Result<(), StorageError> {
        self.0
            .execute(
                "UPDATE desks SET revoked_ms = ?2 WHERE desk = ?1",
                params![&desk[..], i64_of(at_ms)?],
            )
            .map(drop)
            .map_err(db_error)
    }

    fn desk_pushed(&mut self, desk: &[u8; 16], rows: u64, at_ms: u64) -> Result<(), StorageError> {
        self.0
            .prepare_cached("UPDATE desks SET rows = rows + ?2, last_seen_ms = ?3 WHERE desk = ?1")
            .and_then(|mut s| {
                s.execute(params![
                    &desk[..],
                    i64_of(rows).unwrap_or(0),
                    i64_of(at_ms).unwrap_or(0)
                ])
            })
            .map(drop)
            .map_err(db_error)
    }

    fn desk_seen(&mut self, desk: &[u8; 16], at_ms: u64) -> Result<(), StorageError> {
        self.0
            .prepare_cached("UPDATE desks SET last_seen_ms = ?2 WHERE desk = ?1")
            .and_then(|mut s| s.execute(params![&desk[..], i64_of(at_ms).unwrap_or(0)]))
            .map(drop)
            .map_err(db_error)
    }

    fn insert_token(&mut self, token: &Token) -> Result<(), StorageError> {
        self.0
            .execute(
                "INSERT INTO tokens (token_id, token_hash, kind, package, created_ms, expires_ms, \
                 made_by, used_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    &token.token_id[..],
                    &token.token_hash[..],
                    match token.kind {
                        TokenKind::First => "first",
                        TokenKind::Further => "further",
                    },
                    token.package,
                    i64_of(token.created_ms)?,
                    i64_of(token.expires_ms)?,
                    token.made_by.as_ref().map(|m| &m[..]),
                    token.used_ms.map(i64_of).transpose()?,
                ],
            )
            .map(drop)
            .map_err(db_error)
    }

    fn mark_token_used(&mut self, token_id: &[u8; 16], at_ms: u64) -> Result<(), StorageError> {
        self.0
            .execute(
                "UPDATE tokens SET used_ms = ?2 WHERE token_id = ?1",
                params![&token_id[..], i64_of(at_ms)?],
            )
            .map(drop)
            .map_err(db_error)
    }
}
