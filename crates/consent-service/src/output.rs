//! Where a rendered form goes: the default printer, or the system's PDF viewer.
//!
//! A form holds personal data, so the app never writes it to disk in plaintext. The printer gets the
//! PDF through a pipe (`lp -`, CUPS spools it under its own protection). A viewer needs a file: it is
//! written only into the user's private memory-backed runtime directory (`$XDG_RUNTIME_DIR`, a
//! `tmpfs` owned by the user, mode 0700) with mode 0600, and swept when the screen locks, the staff
//! member signs out or the app starts. Where no such directory exists (or it is on a disk), the viewer
//! is refused and the in-app preview and the printer remain.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::ServiceError;

/// The sub-directory of the runtime directory that holds forms open in a viewer.
const VIEWER_DIR: &str = "consent-desk-forms";

/// Environment variables that carry the desk's secrets. A program the desk starts (the printer, the
/// opener and the viewer it starts in turn) has no use for them and must not inherit them.
const SECRET_VARS: &[&str] = &[consent_store::ENV_VAR];

/// `program`, to be started without the desk's secrets in its environment.
fn without_secrets(program: &Path) -> Command {
    let mut command = Command::new(program);
    for var in SECRET_VARS {
        command.env_remove(var);
    }
    command
}

/// The printer and viewer commands, and the private directory for the viewer's files.
#[derive(Debug, Clone)]
pub struct Output {
    printer: PathBuf,
    opener: PathBuf,
    private_dir: Option<PathBuf>,
}

impl Output {
    /// The system's: `lp` and `xdg-open` from `PATH`, the runtime directory when it is memory-backed.
    pub fn system() -> Output {
        let private_dir = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|dir| is_memory_backed(dir))
            .map(|dir| dir.join(VIEWER_DIR));
        Output::new("lp", "xdg-open", private_dir)
    }

    /// Explicit commands and directory (tests; other platforms' equivalents).
    pub fn new(
        printer: impl Into<PathBuf>,
        opener: impl Into<PathBuf>,
        private_dir: Option<PathBuf>,
    ) -> Output {
        Output {
            printer: printer.into(),
            opener: opener.into(),
            private_dir,
        }
    }

    /// Sends the PDF to the default printer through a pipe. Returns the job's name when the printing
    /// system said it (`Kyocera-12`).
    pub fn print(&self, pdf: &[u8], title: &str) -> Result<Option<String>, ServiceError> {
        let missing = || ServiceError::Output {
            detail: "printer_missing",
        };
        let failed = || ServiceError::Output {
            detail: "printer_failed",
        };
        let mut child = without_secrets(&self.printer)
            .args(["-t", title, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => missing(),
                _ => failed(),
            })?;
        let written = child
            .stdin
            .take()
            .map(|mut stdin| stdin.write_all(pdf))
            .unwrap_or(Ok(()));
        let output = child.wait_with_output().map_err(|_| failed())?;
        if written.is_err() || !output.status.success() {
            // lp's own words name the printer and the reason; they hold no personal data.
            tracing::warn!(
                status = ?output.status.code(),
                reason = %String::from_utf8_lossy(&output.stderr).trim(),
                "the printer refused a form"
            );
            return Err(failed());
        }
        Ok(job_name(&String::from_utf8_lossy(&output.stdout)))
    }

    /// Opens the PDF in the system's viewer from a private memory-backed file named `name.pdf`.
    pub fn view(&self, pdf: &[u8], name: &str) -> Result<PathBuf, ServiceError> {
        let dir = self.private_dir.as_ref().ok_or(ServiceError::Output {
            detail: "viewer_no_private_dir",
        })?;
        let failed = || ServiceError::Output {
            detail: "viewer_failed",
        };
        let safe: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let path = dir.join(format!("{safe}.pdf"));
        write_private(dir, &path, pdf).map_err(|e| {
            tracing::warn!(error = %e, "a form could not be written for the viewer");
            failed()
        })?;
        let mut child = without_secrets(&self.opener)
            .arg(&path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => ServiceError::Output {
                    detail: "viewer_missing",
                },
                _ => failed(),
            })?;
        // xdg-open hands the file to the viewer and exits; reap it without blocking the command.
        std::thread::spawn(move || child.wait());
        Ok(path)
    }

    /// Deletes the files handed to viewers. Harmless when there are none.
    pub fn sweep(&self) {
        let Some(dir) = &self.private_dir else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "pdf") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

fn write_private(dir: &Path, path: &Path, pdf: &[u8]) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        builder.mode(0o700);
        options.mode(0o600);
    }
    builder.create(dir)?;
    options.open(path)?.write_all(pdf)
}

/// `request id is Kyocera-12 (1 file(s))` → `Kyocera-12`.
fn job_name(stdout: &str) -> Option<String> {
    stdout
        .split_whitespace()
        .skip_while(|w| *w != "is")
        .nth(1)
        .map(str::to_owned)
}

/// Whether `dir` lies on a memory-backed file system (`tmpfs`, `ramfs`), read from the mount table.
/// Anywhere else (another platform, no mount table) it is not trusted to be.
pub fn is_memory_backed(dir: &Path) -> bool {
    let Ok(mounts) = std::fs::read_to_string("/proc/self/mounts") else {
        return false;
    };
    let Ok(dir) = dir.canonicalize() else {
        return false;
    };
    mounts
        .lines()
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let _device = parts.next()?;
            let point = parts.next()?.replace("\\040", " ");
            let kind = parts.next()?;
            Some((PathBuf::from(point), kind.to_owned()))
        })
        .filter(|(point, _)| dir.starts_with(point))
        .max_by_key(|(point, _)| point.as_os_str().len())
        .is_some_and(|(_, kind)| kind == "tmpfs" || kind == "ramfs")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_job_name_is_read_from_lp() {
        assert_eq!(
            job_name("request id is Kyocera-12 (1 file(s))\n").as_deref(),
            Some("Kyocera-12")
        );
        assert_eq!(job_name(""), None);
    }

    #[test]
    fn dev_shm_is_memory_backed_and_the_root_is_not() {
        // Debian and Ubuntu mount /dev/shm as tmpfs; a build directory is on disk.
        if Path::new("/dev/shm").exists() {
            assert!(is_memory_backed(Path::new("/dev/shm")));
        }
        assert!(!is_memory_backed(Path::new(env!("CARGO_MANIFEST_DIR"))));
        assert!(!is_memory_backed(Path::new("/no/such/directory")));
    }

    #[cfg(unix)]
    fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn started_programs_do_not_inherit_the_database_key() {
        for program in ["lp", "xdg-open"] {
            let command = without_secrets(Path::new(program));
            let removed: Vec<_> = command
                .get_envs()
                .filter(|(_, value)| value.is_none())
                .map(|(name, _)| name.to_owned())
                .collect();
            assert!(
                removed.iter().any(|name| name == consent_store::ENV_VAR),
                "{program}: {removed:?}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_printer_gets_the_pdf_through_a_pipe() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("spooled.pdf");
        let lp = script(
            dir.path(),
            "lp",
            &format!(
                "cat > '{}'\necho \"request id is Desk-7 (1 file(s))\"",
                out.display()
            ),
        );
        let output = Output::new(lp, "/bin/true", None);
        let job = output.print(b"%PDF-1.7 test", "title").unwrap();
        assert_eq!(job.as_deref(), Some("Desk-7"));
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-1.7 test");
    }

    #[cfg(unix)]
    #[test]
    fn a_missing_or_failing_printer_is_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let missing = Output::new(dir.path().join("no-lp"), "/bin/true", None);
        let error = missing.print(b"%PDF", "t").unwrap_err();
        assert_eq!(error.detail(), Some("printer_missing"));
        let lp = script(
            dir.path(),
            "lp",
            "cat > /dev/null\necho 'lp: No default destination' >&2\nexit 1",
        );
        let error = Output::new(lp, "/bin/true", None)
            .print(b"%PDF", "t")
            .unwrap_err();
        assert_eq!(error.detail(), Some("printer_failed"));
    }

    #[cfg(unix)]
    #[test]
    fn the_viewer_file_is_private_and_swept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let private = dir.path().join("forms");
        let output = Output::new("/bin/false", "/bin/true", Some(private.clone()));
        let path = output.view(b"%PDF-1.7", "AB12-CD34/../x").unwrap();
        assert_eq!(path, private.join("AB12-CD34x.pdf"));
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
        assert_eq!(dir_mode, 0o700);
        output.sweep();
        assert!(!path.exists());
    }

    #[test]
    fn without_a_private_directory_the_viewer_is_refused() {
        let output = Output::new("lp", "/bin/true", None);
        let error = output.view(b"%PDF", "x").unwrap_err();
        assert_eq!(error.detail(), Some("viewer_no_private_dir"));
    }
}
