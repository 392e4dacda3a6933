//! The storage story on the SQLite (SQLCipher) backend, and what only it needs checking.

use consent_server::storage::sqlite::SqliteBackend;

use super::story;

#[test]
fn sqlite_story() {
    let dir = tempfile::tempdir().expect("temp dir");
    let backend = SqliteBackend::create(&dir.path().join("server.db"), &[7; 32]).expect("create");
    story(&backend);
}

#[test]
fn sqlite_refuses_a_wrong_key_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("server.db");
    drop(SqliteBackend::create(&path, &[7; 32]).expect("create"));
    assert!(matches!(
        SqliteBackend::open(&path, &[8; 32]),
        Err(consent_server::storage::StorageError::WrongKey)
    ));
    assert!(SqliteBackend::create(&path, &[7; 32]).is_err());
    assert!(SqliteBackend::open(&path, &[7; 32]).is_ok());
}
