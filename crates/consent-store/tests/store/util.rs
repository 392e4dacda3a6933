use std::fs;
use std::path::{Path, PathBuf};

use consent_store::{Database, DatabaseId, DbKey};
use tempfile::TempDir;

pub fn key() -> DbKey {
    DbKey::generate().expect("generate key")
}

pub fn id() -> DatabaseId {
    DatabaseId::generate().expect("generate id")
}

/// A temp dir holding a freshly created and closed database.
pub struct Fixture {
    pub dir: TempDir,
    pub path: PathBuf,
    pub key: DbKey,
    pub id: DatabaseId,
}

pub fn created() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("desk.db");
    let key = key();
    let id = id();
    Database::create(&path, &key, &id)
        .expect("create")
        .close()
        .expect("close");
    Fixture { dir, path, key, id }
}

pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The main file's bytes plus whether each sidecar exists: "nothing changed" means all equal.
pub fn snapshot(path: &Path) -> (Vec<u8>, bool, bool) {
    (
        fs::read(path).expect("read database file"),
        sidecar(path, "-wal").exists(),
        sidecar(path, "-shm").exists(),
    )
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).expect("random bytes");
    bytes
}
