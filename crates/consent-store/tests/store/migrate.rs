use consent_store::{Database, latest_version, migrate, migrate_to, migrations};
use rusqlite::Connection;

use crate::util::{self, created};

/// Every released schema version, built for real and opened by the current code.
#[test]
fn every_earlier_version_migrates_forward_on_open() {
    for version in 1..=latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        let key = util::key();
        let id = util::id();
        let db = Database::create_at_version(&path, &key, &id, version).unwrap();
        assert_eq!(db.schema_version().unwrap(), version);
        db.close().unwrap();

        let db = Database::open(&path, &key).unwrap();
        assert_eq!(
            db.schema_version().unwrap(),
            latest_version(),
            "from {version}"
        );
        assert_eq!(db.database_id(), &id, "from {version}");
        db.check_integrity().unwrap();
    }
}

/// The raw runner on an encrypted connection: from every version (including an empty file)
/// to every later one, step by step.
#[test]
fn migrate_to_every_pair_of_versions() {
    for start in 0..=latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let key = util::key();
        let mut conn = Connection::open(dir.path().join("raw.db")).unwrap();
        conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", *key.reveal_hex()))
            .unwrap();
        assert_eq!(migrate_to(&mut conn, start).unwrap().to, start);
        let outcome = migrate(&mut conn).unwrap();
        assert_eq!((outcome.from, outcome.to), (start, latest_version()));
        let meta_exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(meta_exists, 1);
    }
}

#[test]
fn reopening_a_current_database_changes_nothing() {
    let f = created();
    let before = std::fs::read(&f.path).unwrap();
    Database::open(&f.path, &f.key).unwrap().close().unwrap();
    assert_eq!(std::fs::read(&f.path).unwrap(), before);
    assert_eq!(migrations::MIGRATIONS[0].name, "meta");
}
