//! PostgreSQL backend (to be written).

use super::{Backend, StorageError};

/// The PostgreSQL backend (being written on its own branch; this placeholder refuses to open).
#[derive(Debug)]
pub struct PostgresBackend;

impl PostgresBackend {
    pub fn connect(_url: &str, _pool: usize) -> Result<Box<dyn Backend>, StorageError> {
        Err(StorageError::Database(
            "the PostgreSQL backend is not built yet".into(),
        ))
    }
}
