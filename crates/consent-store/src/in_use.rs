//! Whether a desk's database is open: every open [`Database`](crate::Database) holds a shared lock
//! on `<file>-lock` beside it for as long as it lives, and a restore takes the same lock exclusively.
//! So a backup is never put in the place of a database the app or a `consentctl` is using (they would
//! go on writing into a file that is no longer the desk's), and nothing opens a database while a
//! restore is replacing it.
//!
//! An advisory `flock`-style lock (the standard library's `File::lock_shared` / `try_lock`) on a file
//! of its own: SQLite's POSIX locks on the database file itself would be dropped by closing any other
//! descriptor of that file in the process. The kernel releases the lock when the process ends, so a
//! killed app leaves no stale lock; the empty lock file is left in place and means nothing by itself.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::StoreError;

/// `<file>-lock` beside the database at `database`.
pub fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push("-lock");
    PathBuf::from(name)
}

/// A held lock on one database; released when dropped.
#[derive(Debug)]
pub(crate) struct InUse {
    _file: File,
}

impl InUse {
    /// Taken by every open: many programs may use a desk at once, but not while it is restored.
    pub(crate) fn shared(database: &Path) -> Result<InUse, StoreError> {
        let file = open(database)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(InUse { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::Restoring {
                path: database.to_path_buf(),
            }),
            Err(TryLockError::Error(source)) => Err(StoreError::Io {
                path: lock_path(database),
                source,
            }),
        }
    }

    /// Taken by a restore: only when no program has the desk open.
    pub(crate) fn exclusive(database: &Path) -> Result<InUse, StoreError> {
        let file = open(database)?;
        match file.try_lock() {
            Ok(()) => Ok(InUse { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::InUse {
                path: database.to_path_buf(),
            }),
            Err(TryLockError::Error(source)) => Err(StoreError::Io {
                path: lock_path(database),
                source,
            }),
        }
    }
}

fn open(database: &Path) -> Result<File, StoreError> {
    let path = lock_path(database);
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(&path)
        .map_err(|source| StoreError::Io { path, source })
}
