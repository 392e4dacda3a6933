use std::fs;

use consent_store::{Database, StoreError, latest_version};
use rusqlite::Connection;

use crate::util::{self, contains, created, random_bytes, sidecar, snapshot};

#[test]
fn create_then_reopen_with_the_same_key() {
    let f = created();
    let db = Database::open(&f.path, &f.key).unwrap();
    assert_eq!(db.database_id(), &f.id);
    assert_eq!(db.schema_version().unwrap(), latest_version());
    assert!(!db.cipher_version().is_empty());
    let created_at: String = db
        .connection()
        .query_row("SELECT value FROM meta WHERE key = 'created_at'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        created_at.len(),
        "2026-01-01T00:00:00.000Z".len(),
        "{created_at}"
    );
    assert!(created_at.ends_with('Z'));
    db.check_integrity().unwrap();
}

#[cfg(unix)]
#[test]
fn created_file_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let f = created();
    let mode = fs::metadata(&f.path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn connection_settings_are_applied_on_open() {
    let f = created();
    let db = Database::open(&f.path, &f.key).unwrap();
    let conn = db.connection();
    let text = |sql: &str| -> String { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let int = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(text("PRAGMA journal_mode"), "wal");
    assert_eq!(int("PRAGMA synchronous"), 2, "FULL");
    assert_eq!(int("PRAGMA foreign_keys"), 1);
    assert_eq!(int("PRAGMA secure_delete"), 1);
    assert_eq!(int("PRAGMA cache_size"), -65_536);
    assert_eq!(int("PRAGMA busy_timeout"), 5_000);
    assert_eq!(text("PRAGMA cipher_page_size"), "4096");
    assert!(
        text("PRAGMA cipher_provider").starts_with("openssl"),
        "{}",
        text("PRAGMA cipher_provider")
    );
}

#[test]
fn wrong_key_is_refused_and_changes_nothing() {
    let f = created();
    let before = snapshot(&f.path);
    let err = Database::open(&f.path, &util::key()).unwrap_err();
    assert!(matches!(err, StoreError::WrongKey { .. }), "{err:?}");
    assert_eq!(err.code(), "db_wrong_key");
    assert_eq!(
        snapshot(&f.path),
        before,
        "file must be byte-for-byte unchanged"
    );
    // And the right key still works afterwards.
    Database::open(&f.path, &f.key).unwrap();
}

#[test]
fn create_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    fs::write(&path, b"somebody else's file").unwrap();
    let err = Database::create(&path, &util::key(), &util::id()).unwrap_err();
    assert_eq!(err.code(), "db_already_exists");
    assert_eq!(fs::read(&path).unwrap(), b"somebody else's file");
    assert!(!sidecar(&path, "-wal").exists());

    // Over an existing database: unchanged, still opens with its own key.
    let f = created();
    let before = snapshot(&f.path);
    let err = Database::create(&f.path, &util::key(), &util::id()).unwrap_err();
    assert_eq!(err.code(), "db_already_exists");
    assert_eq!(snapshot(&f.path), before);
    assert_eq!(
        Database::open(&f.path, &f.key).unwrap().database_id(),
        &f.id
    );
}

#[test]
fn create_refuses_a_leftover_wal_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let wal = sidecar(&path, "-wal");
    fs::write(&wal, b"old wal").unwrap();
    let err = Database::create(&path, &util::key(), &util::id()).unwrap_err();
    match err {
        StoreError::AlreadyExists { path: reported } => assert_eq!(reported, wal),
        other => panic!("{other:?}"),
    }
    assert!(!path.exists());
    assert_eq!(fs::read(&wal).unwrap(), b"old wal");
}

#[test]
fn open_never_creates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.db");
    let err = Database::open(&path, &util::key()).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert_eq!(err.code(), "db_not_found");
    assert!(!path.exists());
    assert!(!sidecar(&path, "-wal").exists());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);

    let nested = dir.path().join("no-such-dir").join("desk.db");
    assert_eq!(
        Database::open(&nested, &util::key()).unwrap_err().code(),
        "db_not_found"
    );
}

#[test]
fn a_directory_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let err = Database::open(dir.path(), &util::key()).unwrap_err();
    assert_eq!(err.code(), "db_not_a_file");
}

#[test]
fn plain_sqlite_file_is_reported_as_not_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    let before = snapshot(&path);
    let err = Database::open(&path, &util::key()).unwrap_err();
    assert!(matches!(err, StoreError::NotEncrypted { .. }), "{err:?}");
    assert_eq!(err.code(), "db_not_encrypted");
    assert_eq!(snapshot(&path), before);
}

#[test]
fn random_bytes_of_odd_size_are_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noise.db");
    fs::write(&path, random_bytes(1000)).unwrap();
    let before = snapshot(&path);
    let err = Database::open(&path, &util::key()).unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert_eq!(err.code(), "db_damaged");
    assert_eq!(snapshot(&path), before);
}

/// Documented limit: whole pages of random bytes look exactly like an SQLCipher file opened
/// with the wrong key. The error says both are possible.
#[test]
fn random_whole_pages_are_indistinguishable_from_a_wrong_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noise.db");
    fs::write(&path, random_bytes(8192)).unwrap();
    let before = snapshot(&path);
    let err = Database::open(&path, &util::key()).unwrap_err();
    assert_eq!(err.code(), "db_wrong_key");
    assert!(err.to_string().contains("cannot be told apart"), "{err}");
    assert_eq!(snapshot(&path), before);
}

#[test]
fn truncated_and_empty_files() {
    let f = created();
    let bytes = fs::read(&f.path).unwrap();
    assert!(
        bytes.len() >= 4096 && bytes.len().is_multiple_of(4096),
        "{}",
        bytes.len()
    );

    fs::write(&f.path, &bytes[..bytes.len() - 100]).unwrap();
    let err = Database::open(&f.path, &f.key).unwrap_err();
    assert_eq!(err.code(), "db_damaged", "{err}");
    assert!(err.to_string().contains("not a whole number"), "{err}");

    fs::write(&f.path, &bytes[..10]).unwrap();
    assert_eq!(
        Database::open(&f.path, &f.key).unwrap_err().code(),
        "db_damaged"
    );

    fs::write(&f.path, b"").unwrap();
    let err = Database::open(&f.path, &f.key).unwrap_err();
    assert_eq!(err.code(), "db_empty");
    assert_eq!(fs::metadata(&f.path).unwrap().len(), 0);
}

/// Fills the database past a few pages, closes it, and returns the file's bytes.
fn grown(f: &util::Fixture) -> Vec<u8> {
    let db = Database::open(&f.path, &f.key).expect("grow the database");
    let filler = "д".repeat(2_000);
    for i in 0..40 {
        db.connection()
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                (format!("filler_{i:03}"), &filler),
            )
            .expect("grow the database");
    }
    db.close().expect("grow the database");
    fs::read(&f.path).expect("grow the database")
}

#[test]
fn damage_after_the_first_page_is_damage_not_a_wrong_key() {
    let f = created();
    let mut bytes = grown(&f);
    assert!(bytes.len() >= 8 * 4096, "{}", bytes.len());
    // Flip one byte in the middle of the last page.
    let at = bytes.len() - 2048;
    bytes[at] ^= 0x55;
    fs::write(&f.path, &bytes).unwrap();
    // Page 1 still proves the key, so opening works; reading every page finds the damage.
    let db = Database::open(&f.path, &f.key).unwrap();
    let err = db.check_integrity().unwrap_err();
    assert_eq!(err.code(), "db_damaged", "{err}");
    let read_all = db.connection().query_row(
        "SELECT count(*) FROM meta WHERE length(value) > 0",
        [],
        |r| r.get::<_, i64>(0),
    );
    assert!(read_all.is_err(), "reading the damaged page must fail");
}

#[test]
fn truncation_at_a_page_boundary_is_found_by_the_integrity_check() {
    let f = created();
    let bytes = grown(&f);
    fs::write(&f.path, &bytes[..bytes.len() - 4096]).unwrap();
    match Database::open(&f.path, &f.key) {
        Ok(db) => {
            let err = db.check_integrity().unwrap_err();
            eprintln!("page-boundary truncation: open ok, check_integrity: {err}");
            assert_eq!(err.code(), "db_damaged");
        }
        Err(err) => {
            eprintln!("page-boundary truncation: open failed: {err}");
            assert_eq!(err.code(), "db_damaged", "{err}");
        }
    }
}

#[test]
fn a_keyed_file_without_schema_is_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("half.db");
    let key = util::key();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", *key.reveal_hex()))
        .unwrap();
    conn.execute_batch("CREATE TABLE unrelated (x);").unwrap();
    drop(conn);
    let err = Database::open(&path, &key).unwrap_err();
    assert_eq!(err.code(), "db_incomplete", "{err}");
}

#[test]
fn database_made_by_a_newer_version_is_refused_untouched() {
    let f = created();
    let newer = latest_version() + 1;
    let db = Database::open(&f.path, &f.key).unwrap();
    db.connection()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    db.close().unwrap();
    let before = snapshot(&f.path);
    let err = Database::open(&f.path, &f.key).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found, supported } if found == newer && supported == latest_version()),
        "{err:?}"
    );
    assert!(err.to_string().contains("made by a newer Consent Desk"));
    assert_eq!(snapshot(&f.path), before);
}

/// The whole point: a distinctive Cyrillic string never reaches the disk in the clear, neither
/// in the WAL (before checkpoint) nor in the main file (after). A plain-SQLite control proves
/// the search would find it.
#[test]
fn no_plaintext_reaches_the_disk() {
    let needle = "Ёлкина Светлана Игоревна, паспорт 4512 345678";
    let bytes = needle.as_bytes();

    let f = created();
    let db = Database::open(&f.path, &f.key).unwrap();
    db.connection()
        .execute(
            "INSERT INTO meta (key, value) VALUES ('probe', ?1)",
            [needle],
        )
        .unwrap();
    let wal = fs::read(sidecar(&f.path, "-wal")).unwrap();
    assert!(!wal.is_empty(), "the insert should be in the WAL");
    assert!(!contains(&wal, bytes), "plaintext in the WAL");
    assert!(!contains(&fs::read(&f.path).unwrap(), bytes));
    let (busy, _, _): (i64, i64, i64) = db
        .connection()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(busy, 0);
    let main = fs::read(&f.path).unwrap();
    assert!(!contains(&main, bytes), "plaintext in the main file");
    assert!(!contains(&main, "Ёлкина".as_bytes()));
    if let Ok(wal) = fs::read(sidecar(&f.path, "-wal")) {
        assert!(!contains(&wal, bytes));
    }
    let stored: String = db
        .connection()
        .query_row("SELECT value FROM meta WHERE key = 'probe'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stored, needle);

    // Control: the same write to a plain SQLite file is found by the same search.
    let plain = f.dir.path().join("plain.db");
    let conn = Connection::open(&plain).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT);")
        .unwrap();
    conn.execute("INSERT INTO t VALUES (?1)", [needle]).unwrap();
    assert!(contains(&fs::read(sidecar(&plain, "-wal")).unwrap(), bytes));
}

#[test]
fn create_rejects_unknown_versions_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    for version in [0, latest_version() + 1] {
        let err =
            Database::create_at_version(&path, &util::key(), &util::id(), version).unwrap_err();
        assert_eq!(err.code(), "db_unknown_schema_version");
        assert!(!path.exists());
    }
}

#[test]
fn create_in_a_missing_directory_is_an_io_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope").join("desk.db");
    let err = Database::create(&path, &util::key(), &util::id()).unwrap_err();
    assert_eq!(err.code(), "db_io", "{err}");
    assert!(!dir.path().join("nope").exists());
}
