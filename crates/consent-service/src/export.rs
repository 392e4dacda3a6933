//! Reports saved as files for staff to take elsewhere: the journal of subject requests as CSV, into
//! the user's documents folder (`XDG_DOCUMENTS_DIR`, as `xdg-user-dirs` sets it: «Документы» on a
//! Russian desktop), under a name that says what it is and never overwrites another file.
//!
//! Only reports without personal data are saved this way (the journal names patients by
//! pseudonymous references): forms with personal data go to the printer or a private viewer file
//! (`output.rs`), never to a folder the user keeps.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::ServiceError;

/// Where exports go: `$XDG_DOCUMENTS_DIR`, else the documents folder `user-dirs.dirs` names, else
/// `~/Documents`. `None` without a home folder.
pub fn documents_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_DOCUMENTS_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let home = PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?);
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|c| !c.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".config"));
    let named = std::fs::read_to_string(config.join("user-dirs.dirs"))
        .ok()
        .and_then(|text| documents_in_user_dirs(&text, &home));
    Some(named.unwrap_or_else(|| home.join("Documents")))
}

/// The documents folder a `user-dirs.dirs` file names (`XDG_DOCUMENTS_DIR="$HOME/Документы"`).
fn documents_in_user_dirs(text: &str, home: &Path) -> Option<PathBuf> {
    let value = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| line.strip_prefix("XDG_DOCUMENTS_DIR="))?
        .trim()
        .trim_matches('"');
    let path = match value.strip_prefix("$HOME") {
        Some(rest) => home.join(rest.trim_start_matches('/')),
        None if value.starts_with('/') => PathBuf::from(value),
        // The spec allows only these two forms; anything else is not trusted.
        None => return None,
    };
    // `$HOME/` alone means "no documents folder": the spec's way to disable it.
    (path != home).then_some(path)
}

/// Saves `bytes` as `<stem>.<extension>` in `dir` (created when missing), or `<stem> (2).<ext>` and
/// so on when the name is taken; never replaces a file. Returns the path written.
pub fn save(
    dir: &Path,
    stem: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<PathBuf, ServiceError> {
    let failed = |e: std::io::Error| {
        tracing::warn!(error = %e, "an export could not be saved");
        ServiceError::Output {
            detail: "export_failed",
        }
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    for n in 1..1000 {
        let name = match n {
            1 => format!("{stem}.{extension}"),
            n => format!("{stem} ({n}).{extension}"),
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(bytes)
                    .and_then(|()| file.sync_all())
                    .map_err(|e| {
                        let _ = std::fs::remove_file(&path);
                        failed(e)
                    })?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(e)),
        }
    }
    Err(ServiceError::Output {
        detail: "export_failed",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_folder_comes_from_user_dirs_in_its_two_forms() {
        let home = Path::new("/home/anna");
        let cases = [
            (
                "# comment\nXDG_DESKTOP_DIR=\"$HOME/Рабочий стол\"\nXDG_DOCUMENTS_DIR=\"$HOME/Документы\"\n",
                Some(PathBuf::from("/home/anna/Документы")),
            ),
            (
                "XDG_DOCUMENTS_DIR=\"/srv/docs\"",
                Some(PathBuf::from("/srv/docs")),
            ),
            ("XDG_DOCUMENTS_DIR=\"$HOME/\"", None),
            ("XDG_DOCUMENTS_DIR=\"relative\"", None),
            ("XDG_MUSIC_DIR=\"$HOME/Музыка\"", None),
        ];
        for (text, expected) in cases {
            assert_eq!(documents_in_user_dirs(text, home), expected, "{text}");
        }
    }

    #[test]
    fn saving_never_replaces_a_file_and_reports_where_it_went() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("Документы");
        let first = save(&target, "Журнал", "csv", b"one").expect("first");
        let second = save(&target, "Журнал", "csv", b"two").expect("second");
        assert_eq!(first, target.join("Журнал.csv"));
        assert_eq!(second, target.join("Журнал (2).csv"));
        assert_eq!(std::fs::read(&first).expect("read"), b"one");
        assert_eq!(std::fs::read(&second).expect("read"), b"two");
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, b"x").expect("a file where the folder should be");
        let err = save(&blocked, "Журнал", "csv", b"three").expect_err("not a folder");
        assert_eq!(err.detail(), Some("export_failed"));
    }
}
