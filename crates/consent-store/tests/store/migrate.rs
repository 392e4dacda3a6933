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

/// Forms printed before 0005 get their short code from the migration's Rust step, so a typed code
/// finds them by the index like any form printed since.
#[test]
fn short_codes_of_forms_printed_before_0005_are_filled_by_the_migration() {
    use consent_domain::form_code::short_code;
    use consent_domain::ids::FormId;
    use consent_store::projection::forms_with_short_code;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let key = util::key();
    let db = Database::create_at_version(&path, &key, &util::id(), 4).unwrap();
    let consent_form = FormId::from_uuid(uuid::Uuid::from_u128(
        0x0190_0000_0000_7000_8000_0000_0000_0001,
    ));
    let other_form = FormId::from_uuid(uuid::Uuid::from_u128(
        0x0190_0000_0000_7000_8000_0000_0000_0002,
    ));
    db.connection()
        .execute(
            "INSERT INTO forms (form_id, consent_id, patient_id) VALUES (?1, ?2, ?3)",
            rusqlite::params![consent_form.as_bytes(), [2u8; 16], [3u8; 16]],
        )
        .unwrap();
    db.connection()
        .execute(
            "INSERT INTO printed_forms (form_id, patient_id, document, request_id) \
             VALUES (?1, ?2, 'withdrawal', NULL)",
            rusqlite::params![other_form.as_bytes(), [3u8; 16]],
        )
        .unwrap();
    db.close().unwrap();

    let db = Database::open(&path, &key).unwrap();
    assert_eq!(db.schema_version().unwrap(), latest_version());
    let conn = db.connection();
    // The pinned codes of these two ids (consent_domain::form_code).
    assert_eq!(short_code(consent_form), "XVPP-TNTY");
    assert_eq!(
        forms_with_short_code(conn, "XVPP-TNTY").unwrap(),
        vec![consent_form]
    );
    assert_eq!(
        forms_with_short_code(conn, "80DJ-7V0Y").unwrap(),
        vec![other_form]
    );
    assert!(forms_with_short_code(conn, "0000-0000").unwrap().is_empty());
    let blank: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM forms WHERE short_code = '') + \
                    (SELECT count(*) FROM printed_forms WHERE short_code = '')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(blank, 0);
}
