//! The desk's own files beside its database: `desk.json` (the database id and the key's place), and
//! the check that tells a new desk's folder from one holding something else.

use std::path::Path;

use consent_store::DatabaseId;
use serde::{Deserialize, Serialize};

use super::{DATABASE_FILE, DESK_FILE};
use crate::ServiceError;
use crate::error::{DataDirProblem, DeskFileDefect};

#[derive(Debug, Serialize, Deserialize)]
/// `desk.json`: which database this folder holds and which desk it is.
pub(super) struct DeskFile {
    pub database_id: String,
    pub desk_id: String,
}

pub(super) fn write_desk_file(path: &Path, file: &DeskFile) -> Result<(), ServiceError> {
    let text =
        serde_json::to_string_pretty(file).map_err(|e| ServiceError::DataDirUnavailable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    std::fs::write(path, text + "\n").map_err(|e| ServiceError::DataDirUnavailable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

/// Which database (and keyring entry) the desk in `data_dir` is, from its `desk.json`.
pub fn database_id(data_dir: &Path) -> Result<DatabaseId, ServiceError> {
    let path = data_dir.join(DESK_FILE);
    let file = read_desk_file(&path)?;
    DatabaseId::parse(&file.database_id).map_err(|_| desk_file(&path, DeskFileDefect::Damaged))
}

/// A `desk.json` that cannot be used is its own error, not "the database is incomplete": the
/// database is fine, and setting the desk up again would be the wrong cure.
pub(super) fn read_desk_file(path: &Path) -> Result<DeskFile, ServiceError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        desk_file(
            path,
            match e.kind() {
                std::io::ErrorKind::NotFound => DeskFileDefect::Missing,
                // Not UTF-8: the file's content is wrong, not the access to it.
                std::io::ErrorKind::InvalidData => DeskFileDefect::Damaged,
                _ => DeskFileDefect::Unreadable,
            },
        )
    })?;
    serde_json::from_str(&text).map_err(|_| desk_file(path, DeskFileDefect::Damaged))
}

pub(super) fn desk_file(path: &Path, defect: DeskFileDefect) -> ServiceError {
    ServiceError::DeskFile {
        path: path.to_path_buf(),
        defect,
    }
}

/// The files a desk's data directory may hold before set-up (settings, the desk's name, a forms
/// wording file) besides the database and its sidecars (`consent-desk.db-wal`, `-anchor`, ...).
const DESK_OWN_FILES: [&str; 4] = [
    DESK_FILE,
    crate::settings::FILE_NAME,
    crate::profile::PROFILE_FILE,
    super::printing::FORM_TEXTS_FILE,
];

/// Why `data_dir` has no database. "Run init" is the answer only for a missing directory or one
/// with nothing but a desk's own files in it; a file, a directory of other things (`/`) or a desk
/// whose database went missing each get their own error, since init there would be the wrong move.
pub(super) fn no_database(data_dir: &Path) -> ServiceError {
    let problem = match std::fs::metadata(data_dir) {
        Ok(meta) if !meta.is_dir() => Some(DataDirProblem::NotADirectory),
        Ok(_) if data_dir.join(DESK_FILE).exists() => Some(DataDirProblem::DatabaseMissing),
        Ok(_) if holds_other_files(data_dir) => Some(DataDirProblem::NotADesk),
        _ => None,
    };
    match problem {
        Some(problem) => ServiceError::DataDir {
            path: data_dir.to_path_buf(),
            problem,
        },
        None => ServiceError::NotInitialized {
            path: data_dir.join(DATABASE_FILE),
        },
    }
}

/// Whether `dir` holds anything a desk does not keep there. Hidden entries (`.DS_Store`, a file
/// manager's thumbnails) are not counted: they say nothing about whose directory it is.
pub(super) fn holds_other_files(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        !(name.starts_with('.')
            || name.starts_with(DATABASE_FILE)
            || DESK_OWN_FILES.contains(&name.as_ref()))
    })
}
