//! Putting a backup in the desk's place, in two steps, so nothing is replaced by a copy that would
//! not serve:
//!
//! 1. [`Restore::check`] takes the desk's lock exclusively (refused while the app or a `consentctl`
//!    has the desk open), copies the backup beside the database under a temporary name, and opens
//!    and verifies the copy as a desk: the key opens it, every page and b-tree is whole, every chain
//!    verifies and no subject's key is missing without a destruction. The caller may look at the
//!    checked copy ([`Restore::store`]) to decide, e.g. whether the acting admin is one of its staff.
//! 2. [`Restore::install`] moves whatever is in the desk's place (the database, its `-wal`, `-shm`,
//!    `-journal` and anchor) aside into a `replaced-<time>` folder, never deleting it, renames the
//!    copy into place and anchors it at its own head.
//!
//! Dropping a [`Restore`] that was not installed removes the temporary copy and changes nothing.
//! The backup file itself is only read.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use consent_domain::ids::DeskId;

use crate::anchor::{Anchor, AnchorState, Anchored, anchor_path};
use crate::database_id::DatabaseId;
use crate::error::StoreError;
use crate::in_use::{InUse, lock_path};
use crate::key::DbKey;
use crate::open::sidecar_paths;
use crate::store::{Store, clinic_time};

/// What a restore put in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Events in the restored database (every desk's chain).
    pub events: u64,
    /// This desk's newest event in the restored database.
    pub head_seq: Option<u64>,
    pub desk: DeskId,
    pub database_id: DatabaseId,
    /// The folder the replaced files were moved into, when there were any.
    pub replaced_into: Option<PathBuf>,
    /// The newest event the replaced desk's anchor knew, when it knew more than the backup holds:
    /// those events were recorded after the backup was made and are not in it.
    pub newer_than_backup: Option<Anchored>,
}

/// A checked copy of a backup, ready to take the desk's place.
#[derive(Debug)]
pub struct Restore {
    target: PathBuf,
    temporary: PathBuf,
    store: Option<Store>,
    events: u64,
    /// The replaced desk's anchor, read with the backup's key (the same database, the same key).
    previous: Option<Anchored>,
    new_anchor: Anchor,
    installed: bool,
    /// Held from the check to the end of the install; released when the restore is dropped.
    _lock: InUse,
}

impl Restore {
    /// Copies `backup` beside `target` (the desk's database file, which may not exist) and checks
    /// the copy with `key`. Nothing at `target` is touched.
    pub fn check(backup: &Path, target: &Path, key: &DbKey) -> Result<Restore, StoreError> {
        let lock = InUse::exclusive(target)?;
        let temporary = temporary_path(target);
        copy_new(backup, &temporary)?;
        let checked = check_copy(backup, &temporary, key);
        let (store, events) = match checked {
            Ok(checked) => checked,
            Err(e) => {
                remove_copy(&temporary);
                return Err(e);
            }
        };
        let previous = match Anchor::of(target, key).read() {
            AnchorState::Valid(anchored) if anchored.desk == store.desk() => Some(anchored),
            _ => None,
        };
        Ok(Restore {
            target: target.to_path_buf(),
            temporary,
            store: Some(store),
            events,
            previous,
            new_anchor: Anchor::of(target, key),
            installed: false,
            _lock: lock,
        })
    }

    /// The checked copy, open.
    pub fn store(&self) -> &Store {
        self.store.as_ref().expect("open until installed")
    }

    /// Events in the backup.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Puts the copy in the desk's place. A database already there is moved aside only when
    /// `replace` is given ([`StoreError::RestoreWouldReplace`] otherwise); `now_ms` names its folder.
    pub fn install(mut self, replace: bool, now_ms: u64) -> Result<Restored, StoreError> {
        let occupants: Vec<PathBuf> = std::iter::once(self.target.clone())
            .chain(sidecar_paths(&self.target))
            .chain(std::iter::once(self.new_anchor.path().to_path_buf()))
            .filter(|p| fs::symlink_metadata(p).is_ok())
            .collect();
        if !occupants.is_empty() && !replace {
            return Err(StoreError::RestoreWouldReplace {
                path: self.target.clone(),
                events: self.events,
            });
        }
        let store = self.store.take().expect("open until installed");
        let head = store.anchored_head();
        let restored = Restored {
            events: self.events,
            head_seq: head.map(|a| a.head.seq),
            desk: store.desk(),
            database_id: store.database().database_id().clone(),
            replaced_into: None,
            newer_than_backup: self
                .previous
                .filter(|p| p.head.seq > head.map_or(0, |a| a.head.seq)),
        };
        // Closed, the copy's WAL is checkpointed into it: one self-contained file to rename.
        store.close()?;
        remove_beside(&self.temporary);
        let replaced_into = if occupants.is_empty() {
            None
        } else {
            Some(move_aside(&self.target, &occupants, now_ms)?)
        };
        if let Err(source) = fs::rename(&self.temporary, &self.target) {
            if let Some(folder) = &replaced_into {
                put_back(folder, &occupants);
            }
            return Err(StoreError::Io {
                path: self.target.clone(),
                source,
            });
        }
        self.installed = true;
        sync_folder(&self.target).map_err(|source| StoreError::Io {
            path: self.target.clone(),
            source,
        })?;
        if let Some(anchored) = head {
            // Best effort, as after every commit: a missing anchor is written at the next open.
            let _ = self.new_anchor.advance(&anchored);
        }
        Ok(Restored {
            replaced_into,
            ..restored
        })
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        drop(self.store.take());
        if !self.installed {
            remove_copy(&self.temporary);
        }
    }
}

/// `.consent-desk.db.restore-<pid>` beside the database: the same folder, so the final rename is
/// atomic, and hidden.
fn temporary_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.restore-{}", std::process::id()))
}

/// Copies the backup into a new 0600 file and flushes it to disk.
fn copy_new(backup: &Path, temporary: &Path) -> Result<(), StoreError> {
    let read_error = |source: io::Error| match source.kind() {
        io::ErrorKind::NotFound => StoreError::NotFound {
            path: backup.to_path_buf(),
        },
        _ => StoreError::Io {
            path: backup.to_path_buf(),
            source,
        },
    };
    let meta = fs::metadata(backup).map_err(read_error)?;
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: backup.to_path_buf(),
        });
    }
    let mut source = fs::File::open(backup).map_err(read_error)?;
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let copied = options.open(temporary).and_then(|mut file| {
        io::copy(&mut source, &mut file)?;
        file.sync_all()
    });
    copied.map_err(|source| {
        let _ = fs::remove_file(temporary);
        StoreError::Io {
            path: temporary.to_path_buf(),
            source,
        }
    })
}

/// Opens the copy as a desk and verifies all of it; errors name the backup, not the copy.
fn check_copy(backup: &Path, copy: &Path, key: &DbKey) -> Result<(Store, u64), StoreError> {
    let named = |e: StoreError| e.about(copy, backup);
    let store = Store::open(copy, key).map_err(named)?;
    let verification = store.verify().map_err(named)?;
    let mut problems = verification.file_problems.clone();
    if !verification.defects.is_empty() {
        problems.push(format!(
            "{} chain(s) do not verify",
            verification.defects.len()
        ));
    }
    if !verification.keys_missing.is_empty() {
        problems.push(format!(
            "the keys of {} subject(s) are missing with no recorded destruction",
            verification.keys_missing.len()
        ));
    }
    if !problems.is_empty() {
        return Err(StoreError::Damaged {
            path: backup.to_path_buf(),
            detail: format!("the backup does not verify: {}", problems.join("; ")),
        });
    }
    Ok((store, verification.events))
}

/// The copy and everything an open left beside it.
fn remove_copy(copy: &Path) {
    let _ = fs::remove_file(copy);
    remove_beside(copy);
    for sidecar in sidecar_paths(copy) {
        let _ = fs::remove_file(sidecar);
    }
}

/// The anchor and lock files an open of the copy made beside it.
fn remove_beside(copy: &Path) {
    let _ = fs::remove_file(anchor_path(copy));
    let _ = fs::remove_file(lock_path(copy));
}

/// Moves the files in the desk's place into a new `replaced-<YYYYMMDD-HHMMSS>` folder beside them.
fn move_aside(target: &Path, occupants: &[PathBuf], now_ms: u64) -> Result<PathBuf, StoreError> {
    let parent = target.parent().unwrap_or(Path::new("."));
    let stamp = clinic_time(now_ms)
        .map(|t| t.format("%Y%m%d-%H%M%S").to_string())
        .unwrap_or_else(|| now_ms.to_string());
    let folder = new_folder(parent, &format!("replaced-{stamp}"))?;
    for occupant in occupants {
        if let Some(name) = occupant.file_name() {
            fs::rename(occupant, folder.join(name)).map_err(|source| StoreError::Io {
                path: occupant.clone(),
                source,
            })?;
        }
    }
    Ok(folder)
}

/// Undoes [`move_aside`] after a failed install, so the desk is left as it was found.
fn put_back(folder: &Path, occupants: &[PathBuf]) {
    for occupant in occupants {
        if let Some(name) = occupant.file_name() {
            let _ = fs::rename(folder.join(name), occupant);
        }
    }
    let _ = fs::remove_dir(folder);
}

/// A new 0700 folder named `name`, or `name-2`, `name-3`… if taken.
fn new_folder(parent: &Path, name: &str) -> Result<PathBuf, StoreError> {
    for n in 1.. {
        let folder = if n == 1 {
            parent.join(name)
        } else {
            parent.join(format!("{name}-{n}"))
        };
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        match builder.create(&folder) {
            Ok(()) => return Ok(folder),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(source) => {
                return Err(StoreError::Io {
                    path: folder,
                    source,
                });
            }
        }
    }
    unreachable!("an unbounded range ends only by returning")
}

/// Makes the renames in the database's folder durable.
fn sync_folder(target: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let parent = target.parent().unwrap_or(Path::new("."));
        fs::File::open(parent)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = target;
    Ok(())
}
