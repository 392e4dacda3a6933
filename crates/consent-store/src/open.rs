//! Creating and opening the encrypted database.
//!
//! * [`Database::create`] never overwrites: it claims the path with an exclusive create
//!   (`O_EXCL`), refuses if the file or a leftover `-wal`/`-shm`/`-journal` exists, and builds
//!   the whole schema in one transaction; if anything fails, the files it created are removed.
//! * [`Database::open`] never creates: it looks at the file first (missing, empty, plain SQLite,
//!   not a whole number of pages), opens without `SQLITE_OPEN_CREATE`, applies the raw key, and
//!   proves the key with a real read of page 1. Pending migrations are then applied.
//!
//! What can and cannot be told apart when opening fails:
//! * missing file, directory, empty file, plain SQLite file (`"SQLite format 3\0"` header) and a
//!   size that is not a multiple of 4096 (truncated / not ours) — certain, from the file itself;
//! * wrong key vs. random bytes vs. a damaged first page vs. another app's SQLCipher file with
//!   a whole-page size — **indistinguishable**: an SQLCipher file is a 16-byte random salt
//!   followed by pages that look random, and SQLCipher can only say "page 1's HMAC does not
//!   verify with this key" (`SQLITE_NOTADB`). All of these are [`StoreError::WrongKey`], whose
//!   message says so;
//! * damage after page 1 (key proven correct): [`StoreError::Damaged`] when it is hit, or from
//!   [`Database::check_integrity`] (reads every page; not run on every open, it is O(size));
//! * a file truncated at a page boundary with the right key: found by `check_integrity` or when
//!   a missing page is needed.
//!
//! Both hold a shared lock on `<file>-lock` while the database is open ([`crate::in_use`]), so a
//! restore never replaces a database in use.
//!
//! Connection settings (see [`Database::open`]): raw key, SQLCipher 4 settings pinned with
//! `cipher_compatibility = 4`, `journal_mode = WAL`, `synchronous = FULL`, `foreign_keys = ON`,
//! `secure_delete = ON`, a 64 MiB page cache, a 5 s busy timeout.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::database_id::DatabaseId;
use crate::error::StoreError;
use crate::in_use::InUse;
use crate::key::DbKey;
use crate::migrations::{self, MIGRATIONS};

/// SQLCipher 4's page size (`cipher_page_size`); an SQLCipher 4 file is a whole number of these.
pub const CIPHER_PAGE_SIZE: u64 = 4096;
/// How long a write waits for another connection's lock before [`StoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Page cache per connection, in KiB (`PRAGMA cache_size = -65536`, 64 MiB). PLATFORM-NOTES:
/// encrypted inserts run at 0.31x of plain with the default 2 MiB cache, 0.67x with 64 MiB.
pub const CACHE_SIZE_KIB: i64 = 65_536;

/// `meta` key holding the database id (written at creation).
pub const META_DATABASE_ID: &str = "database_id";
/// `meta` key holding the creation time, RFC 3339 UTC with milliseconds.
pub const META_CREATED_AT: &str = "created_at";

const PLAIN_SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// An open, unlocked, fully migrated desk database.
#[derive(Debug)]
pub struct Database {
    conn: Connection,
    path: PathBuf,
    cipher_version: String,
    database_id: DatabaseId,
    /// Held while the database is open, so a restore cannot replace it meanwhile.
    _in_use: InUse,
}

impl Database {
    /// Creates a new encrypted database at the latest schema version. Refuses if `path` (or a
    /// leftover `-wal`, `-shm` or `-journal` next to it) exists. On Unix the file is created 0600
    /// (SQLite gives its `-wal`/`-shm` files the same mode).
    ///
    /// Takes the [`DatabaseId`] because the keyring entry is named by it and, on first set-up,
    /// is written before the file: `id = DatabaseId::generate()`,
    /// `key = keyring.generate_and_store(&id)`, `Database::create(path, &key, &id)`.
    pub fn create(
        path: impl AsRef<Path>,
        key: &DbKey,
        database_id: &DatabaseId,
    ) -> Result<Self, StoreError> {
        Self::create_at_version(path, key, database_id, migrations::latest_version())
    }

    /// Like [`Database::create`], but stops at schema `version` (1..=latest). For tests that
    /// build a database at every earlier version and check that [`Database::open`] migrates it.
    pub fn create_at_version(
        path: impl AsRef<Path>,
        key: &DbKey,
        database_id: &DatabaseId,
        version: u32,
    ) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let latest = migrations::latest_version();
        if version == 0 || version > latest {
            return Err(StoreError::UnknownSchemaVersion {
                target: version,
                latest,
            });
        }
        for leftover in sidecar_paths(path) {
            if fs::symlink_metadata(&leftover).is_ok() {
                return Err(StoreError::AlreadyExists { path: leftover });
            }
        }
        claim(path)?;
        match InUse::shared(path)
            .and_then(|in_use| Self::initialize(path, key, database_id, version, in_use))
        {
            Ok(db) => Ok(db),
            Err(err) => {
                // We created these files (they did not exist a moment ago), so removing them
                // loses nothing. Best effort: the original error is what matters.
                for created in std::iter::once(path.to_owned()).chain(sidecar_paths(path)) {
                    let _ = fs::remove_file(created);
                }
                Err(err)
            }
        }
    }

    fn initialize(
        path: &Path,
        key: &DbKey,
        database_id: &DatabaseId,
        version: u32,
        in_use: InUse,
    ) -> Result<Self, StoreError> {
        let mut conn = connect(path)?;
        unlock(&conn, path, key)?;
        let cipher_version = cipher_version(&conn)?;
        configure(&conn, path)?;
        // A brand-new file: all migrations and the meta rows in one transaction, so the file
        // is either complete or at version 0 (which `open` reports as incomplete).
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::sqlite("starting creation"))?;
        for migration in MIGRATIONS.iter().filter(|m| m.version <= version) {
            migrations::apply(&tx, migration)?;
            if migration.version == 1 {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES \
                     (?1, ?2), (?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                    params![META_DATABASE_ID, database_id.as_str(), META_CREATED_AT],
                )
                .map_err(StoreError::sqlite("writing the database id"))?;
            }
        }
        tx.commit()
            .map_err(StoreError::sqlite("committing creation"))?;
        Ok(Self {
            conn,
            path: path.to_owned(),
            cipher_version,
            database_id: database_id.clone(),
            _in_use: in_use,
        })
    }

    /// Opens an existing encrypted database and applies pending migrations. Never creates a
    /// file. Refuses a database made by a newer Consent Desk ([`StoreError::TooNew`]) without
    /// writing to it.
    pub fn open(path: impl AsRef<Path>, key: &DbKey) -> Result<Self, StoreError> {
        let path = path.as_ref();
        preflight(path)?;
        let in_use = InUse::shared(path)?;
        let mut conn = connect(path)?;
        unlock(&conn, path, key)?;
        let cipher_version = cipher_version(&conn)?;
        let version = migrations::schema_version(&conn).map_err(|e| classify(path, e))?;
        if version == 0 {
            return Err(StoreError::Incomplete {
                path: path.to_owned(),
                detail: "it has no schema (version 0)".to_owned(),
            });
        }
        migrations::check_not_too_new(version, MIGRATIONS)?;
        configure(&conn, path)?;
        if version < migrations::latest_version() {
            migrations::migrate(&mut conn).map_err(|e| classify(path, e))?;
        }
        let database_id = read_database_id(&conn, path)?;
        Ok(Self {
            conn,
            path: path.to_owned(),
            cipher_version,
            database_id,
            _in_use: in_use,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file checked page by page (as [`Database::integrity_problems`]) without opening it as a
    /// desk: no schema, no migration, no meta row is read, so a file too damaged to open can still
    /// say which pages are bad. The key is proven on page 1 first.
    pub fn check_file(path: impl AsRef<Path>, key: &DbKey) -> Result<Vec<String>, StoreError> {
        let path = path.as_ref();
        preflight(path)?;
        let _in_use = InUse::shared(path)?;
        let conn = connect(path)?;
        apply_key(&conn, key)?;
        // Page 1's header only (unlike `unlock`, which reads the whole schema table, wherever
        // its pages are): the key is proven without touching a page that may be the damaged one.
        conn.query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0))
            .map_err(|source| key_proof_failed(path, source))?;
        page_problems(&conn)
    }

    /// The file checked page by page: SQLCipher's HMAC of every page, then SQLite's `quick_check`.
    /// Empty when the file is whole; otherwise their lines (page numbers and index names, never
    /// stored values). Works where a `Store` cannot load (a damaged ledger page).
    pub fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        page_problems(self.connection())
    }

    /// The id stored in `meta` (the keyring entry's user name). Callers that found the key by
    /// id should check that this is the same id.
    pub fn database_id(&self) -> &DatabaseId {
        &self.database_id
    }

    /// `PRAGMA cipher_version`, e.g. `"4.x.y community"`: proof that SQLCipher is linked.
    pub fn cipher_version(&self) -> &str {
        &self.cipher_version
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        migrations::schema_version(&self.conn)
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Reads every page: `PRAGMA cipher_integrity_check` (HMAC of each page) and
    /// `PRAGMA quick_check` (b-tree structure). O(file size); for a maintenance command or a
    /// check before backup, not for every open.
    pub fn check_integrity(&self) -> Result<(), StoreError> {
        let mut problems = Vec::new();
        let mut collect = |row: &rusqlite::Row<'_>| {
            problems.push(row.get::<_, String>(0)?);
            Ok(())
        };
        self.conn
            .pragma_query(None, "cipher_integrity_check", &mut collect)
            .map_err(|e| classify_sqlite(&self.path, "checking page HMACs", e))?;
        self.conn
            .pragma_query(None, "quick_check", &mut collect)
            .map_err(|e| classify_sqlite(&self.path, "checking the b-trees", e))?;
        problems.retain(|p| p != "ok");
        if problems.is_empty() {
            return Ok(());
        }
        let shown = problems.len().min(5);
        Err(StoreError::Damaged {
            path: self.path.clone(),
            detail: format!(
                "{} problem(s), first: {}",
                problems.len(),
                problems[..shown].join("; ")
            ),
        })
    }

    /// Closes the connection, checkpointing the WAL into the main file.
    pub fn close(self) -> Result<(), StoreError> {
        self.conn.close().map_err(|(_, source)| StoreError::Sqlite {
            context: "closing the database",
            source,
        })
    }
}

/// `-wal`, `-shm` and `-journal` next to `path`.
pub(crate) fn sidecar_paths(path: &Path) -> impl Iterator<Item = PathBuf> + use<'_> {
    ["-wal", "-shm", "-journal"].into_iter().map(move |suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    })
}

/// Atomically creates the empty file, failing if anything exists at `path`.
fn claim(path: &Path) -> Result<(), StoreError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_file) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(StoreError::AlreadyExists {
            path: path.to_owned(),
        }),
        Err(source) => Err(StoreError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// What the file itself tells us, before any key is involved.
fn preflight(path: &Path) -> Result<(), StoreError> {
    let io_error = |source: io::Error| match source.kind() {
        io::ErrorKind::NotFound => StoreError::NotFound {
            path: path.to_owned(),
        },
        _ => StoreError::Io {
            path: path.to_owned(),
            source,
        },
    };
    let meta = fs::metadata(path).map_err(io_error)?;
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_owned(),
        });
    }
    if meta.len() == 0 {
        return Err(StoreError::Empty {
            path: path.to_owned(),
        });
    }
    let mut header = Vec::with_capacity(PLAIN_SQLITE_HEADER.len());
    File::open(path)
        .and_then(|file| {
            file.take(PLAIN_SQLITE_HEADER.len() as u64)
                .read_to_end(&mut header)
        })
        .map_err(io_error)?;
    if header.as_slice() == PLAIN_SQLITE_HEADER {
        return Err(StoreError::NotEncrypted {
            path: path.to_owned(),
        });
    }
    if !meta.len().is_multiple_of(CIPHER_PAGE_SIZE) {
        return Err(StoreError::Damaged {
            path: path.to_owned(),
            detail: format!(
                "its size ({} bytes) is not a whole number of {CIPHER_PAGE_SIZE}-byte pages",
                meta.len()
            ),
        });
    }
    Ok(())
}

/// Opens without `SQLITE_OPEN_CREATE`: SQLite will not make a file that is not there.
fn connect(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|source| match source.sqlite_error_code() {
        Some(ErrorCode::CannotOpen) if fs::metadata(path).is_err() => StoreError::NotFound {
            path: path.to_owned(),
        },
        _ => StoreError::Sqlite {
            context: "opening the file",
            source,
        },
    })?;
    // SQLCipher logs decryption failures (e.g. "hmac check failed for pgno=1" after a wrong
    // key) to stderr at WARN level by default. Every such condition reaches the caller as a
    // typed error, so the process-wide log is switched off rather than spamming the CLI/GUI's
    // stderr. (The setting is global to the process; nothing is logged about keys either way.)
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")
        .map_err(StoreError::sqlite("setting cipher_log_level"))?;
    // SQLite silently falls back to read-only when it cannot open for writing.
    if conn
        .is_readonly(rusqlite::MAIN_DB)
        .map_err(StoreError::sqlite("checking the open mode"))?
    {
        return Err(StoreError::ReadOnly {
            path: path.to_owned(),
        });
    }
    Ok(conn)
}

/// Applies the raw key and proves it with a read of page 1.
fn unlock(conn: &Connection, path: &Path, key: &DbKey) -> Result<(), StoreError> {
    apply_key(conn, key)?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(StoreError::sqlite("setting busy_timeout"))?;
    // PRAGMA key always succeeds; the first real read is where a wrong key shows up.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(|source| key_proof_failed(path, source))?;
    Ok(())
}

/// Gives the connection the raw key and SQLCipher 4's settings; proves nothing yet.
fn apply_key(conn: &Connection, key: &DbKey) -> Result<(), StoreError> {
    // The error is dropped on purpose: a statement error can quote the SQL, i.e. the key.
    conn.execute_batch(&key.sqlcipher_key_statement())
        .map_err(|_| StoreError::KeyRejected)?;
    // Pin SQLCipher 4's settings (page size, KDF, HMAC) so a future default change cannot
    // make existing files unreadable.
    conn.execute_batch("PRAGMA cipher_compatibility = 4;")
        .map_err(StoreError::sqlite("setting cipher_compatibility"))
}

/// The first read with the key failed: a wrong key (indistinguishable from a foreign or damaged
/// first page), or another failure classified as such.
fn key_proof_failed(path: &Path, source: rusqlite::Error) -> StoreError {
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::WrongKey {
            path: path.to_owned(),
        },
        _ => classify_sqlite(path, "reading the first page", source),
    }
}

/// SQLCipher's HMAC of every page, then SQLite's `quick_check`: their lines that are not "ok".
fn page_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    for pragma in ["cipher_integrity_check", "quick_check"] {
        problems.extend(file_check(conn, pragma)?);
    }
    Ok(problems)
}

fn cipher_version(conn: &Connection) -> Result<String, StoreError> {
    let version: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |row| row.get(0))
        .optional()
        .map_err(StoreError::sqlite("reading cipher_version"))?;
    match version {
        Some(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(StoreError::SqlCipherMissing),
    }
}

/// Per-connection settings (journal_mode is persistent; setting it again is a no-op).
fn configure(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
        .map_err(|e| classify_sqlite(path, "setting journal_mode", e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::PragmaRejected {
            path: path.to_owned(),
            pragma: "journal_mode",
            got: mode,
        });
    }
    // FULL: in WAL mode the WAL is fsynced at every commit, so an acknowledged write survives
    // power loss, not only a killed process (NORMAL only guarantees the latter).
    conn.execute_batch(&format!(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA cache_size = -{CACHE_SIZE_KIB};"
    ))
    .map_err(|e| classify_sqlite(path, "setting pragmas", e))?;
    Ok(())
}

fn read_database_id(conn: &Connection, path: &Path) -> Result<DatabaseId, StoreError> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [META_DATABASE_ID],
            |row| row.get(0),
        )
        .optional()
        .map_err(|e| classify_sqlite(path, "reading the database id", e))?;
    let value = value.ok_or_else(|| StoreError::Incomplete {
        path: path.to_owned(),
        detail: "meta.database_id is missing".to_owned(),
    })?;
    DatabaseId::parse(&value).map_err(|e| StoreError::Damaged {
        path: path.to_owned(),
        detail: format!("meta.database_id is invalid: {e}"),
    })
}

/// After the key is proven: an unreadable page is damage, a lock is contention.
fn classify_sqlite(path: &Path, context: &'static str, source: rusqlite::Error) -> StoreError {
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: path.to_owned(),
            detail: format!("{context}: {source}"),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy {
            path: path.to_owned(),
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_owned(),
        },
        _ => StoreError::Sqlite { context, source },
    }
}

fn classify(path: &Path, err: StoreError) -> StoreError {
    match err {
        StoreError::Sqlite { context, source } => classify_sqlite(path, context, source),
        StoreError::MigrationFailed { source, .. }
            if matches!(
                source.sqlite_error_code(),
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
            ) =>
        {
            StoreError::Busy {
                path: path.to_owned(),
            }
        }
        other => other,
    }
}

/// The lines of an integrity pragma that are not "ok"; a damaged page that stops the pragma itself
/// is one more line.
pub(crate) fn file_check(conn: &Connection, pragma: &str) -> Result<Vec<String>, StoreError> {
    let lines = conn
        .prepare(&format!("PRAGMA {pragma}"))
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        });
    match lines {
        Ok(lines) => Ok(lines.into_iter().filter(|l| l != "ok").collect()),
        Err(e) if crate::store::is_damage(&e) => Ok(vec![format!("{pragma}: {e}")]),
        Err(e) => Err(e.into()),
    }
}
