//! Writing a printed form to a file. The file holds personal data, so it is always a new file readable
//! by its owner only (0600), written whole or not at all: the bytes go to a temporary file beside the
//! target, are synced, and only then take the target's name. A symbolic link is never followed (it
//! could send the patient's form anywhere) and an existing file is replaced only with `--force` (its old
//! permissions never carry over, since the replacement is a new file). `-` is standard output.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{CliError, OutputRefusal};

/// Writes `bytes` to `path` (see the module docs); `force` allows replacing an existing regular file.
pub fn write(path: &Path, bytes: &[u8], force: bool) -> Result<(), CliError> {
    let failed = |e: io::Error| CliError::UnwritableFile {
        path: path.to_path_buf(),
        kind: e.kind(),
    };
    if path == Path::new("-") {
        let mut stdout = io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(failed);
    }
    let refused = |why| CliError::OutputRefused {
        path: path.to_path_buf(),
        why,
    };
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => return Err(refused(OutputRefusal::Symlink)),
        Ok(meta) if meta.is_dir() => return Err(refused(OutputRefusal::Directory)),
        Ok(_) if !force => return Err(refused(OutputRefusal::Exists)),
        Ok(_) | Err(_) => {}
    }
    let (temporary, mut file) = temporary_beside(path).map_err(failed)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| put_in_place(&temporary, path, force));
    if let Err(e) = written {
        let _ = fs::remove_file(&temporary);
        return Err(match e.kind() {
            io::ErrorKind::AlreadyExists => refused(OutputRefusal::Exists),
            _ => failed(e),
        });
    }
    Ok(())
}

/// A new, empty 0600 file in `path`'s directory, never a link (create_new refuses anything there).
fn temporary_beside(path: &Path) -> io::Result<(PathBuf, File)> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for attempt in 0..16u32 {
        let candidate = directory.join(format!(
            ".{name}.{}-{stamp:x}-{attempt}.part",
            std::process::id()
        ));
        match options.open(&candidate) {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::from(io::ErrorKind::AlreadyExists))
}

/// Gives the finished temporary file the target's name. Without `force` a hard link makes the name
/// only if nothing took it meanwhile (a rename would silently replace it); with `force` a rename
/// replaces the old file (or a link put there meanwhile) in one step.
fn put_in_place(temporary: &Path, target: &Path, force: bool) -> io::Result<()> {
    if force {
        return fs::rename(temporary, target);
    }
    match fs::hard_link(temporary, target) {
        Ok(()) => fs::remove_file(temporary),
        // Some file systems (FAT on a USB stick) have no hard links: fall back to a checked rename.
        Err(e)
            if e.kind() != io::ErrorKind::AlreadyExists
                && fs::symlink_metadata(target).is_err() =>
        {
            fs::rename(temporary, target)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).expect("metadata").permissions().mode() & 0o777
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".part"))
            .collect()
    }

    #[test]
    fn a_new_file_is_written_whole_and_readable_by_its_owner_only() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("form.pdf");
        write(&path, b"%PDF-1.7 form", false).expect("write");
        assert_eq!(fs::read(&path).expect("read"), b"%PDF-1.7 form");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_existing_file_is_kept_unless_forced_and_never_keeps_its_mode() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("form.pdf");
        fs::write(&path, b"old").expect("old file");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("0644");
        }
        let refused = write(&path, b"new", false).expect_err("exists");
        assert!(matches!(
            refused,
            CliError::OutputRefused {
                why: OutputRefusal::Exists,
                ..
            }
        ));
        assert_eq!(fs::read(&path).expect("read"), b"old");
        write(&path, b"new", true).expect("forced");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600, "the replacement is a new 0600 file");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_never_followed_even_when_forced() {
        let dir = tempfile::tempdir().expect("dir");
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, b"keep me").expect("victim");
        let link = dir.path().join("form.pdf");
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
        for force in [false, true] {
            let refused = write(&link, b"patient data", force).expect_err("a link");
            assert!(matches!(
                refused,
                CliError::OutputRefused {
                    why: OutputRefusal::Symlink,
                    ..
                }
            ));
        }
        assert_eq!(fs::read(&victim).expect("read"), b"keep me");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_directory_or_a_missing_directory_is_refused_and_leaves_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let refused = write(dir.path(), b"x", true).expect_err("a directory");
        assert!(matches!(
            refused,
            CliError::OutputRefused {
                why: OutputRefusal::Directory,
                ..
            }
        ));
        let missing = dir.path().join("no-such-dir").join("form.pdf");
        let failed = write(&missing, b"x", false).expect_err("no directory");
        assert!(matches!(
            failed,
            CliError::UnwritableFile {
                kind: io::ErrorKind::NotFound,
                ..
            }
        ));
        assert!(leftovers(dir.path()).is_empty());
    }
}
