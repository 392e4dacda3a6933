//! A real `consent-server` process for tests: made with `init` in a temp directory, serving on a
//! loopback port the OS chose, stopped by its process id when dropped. Its log is kept in the
//! directory so tests can search it.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::process::Guarded;

/// The server binary: `CONSENT_SERVER_BIN`, or `consent-server` in this build's target directory
/// (beside a benchmark binary, or one level up from a test's `deps/`), of the same profile.
pub fn binary() -> PathBuf {
    if let Ok(path) = std::env::var("CONSENT_SERVER_BIN") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("the test's own path");
    // target/<profile>/<bench> or target/<profile>/deps/<test> → target/<profile>/consent-server
    let beside = exe.parent().expect("a binary lives in a directory");
    let path = [Some(beside), beside.parent()]
        .into_iter()
        .flatten()
        .map(|dir| dir.join("consent-server"))
        .find(|path| path.is_file())
        .unwrap_or_else(|| beside.join("consent-server"));
    assert!(
        path.is_file(),
        "{} is missing: `cargo xtask test` builds it (or run `cargo build -p consent-server`)",
        path.display()
    );
    path
}

/// A server's data directory, made by `consent-server init`.
#[derive(Debug)]
pub struct ServerDir {
    pub dir: tempfile::TempDir,
    /// The code `init` printed (for localhost:8443; tests use [`Server::first_code`]).
    pub init_output: String,
}

impl ServerDir {
    /// `consent-server init` with the SQLite backend, listening on a loopback port chosen at start.
    pub fn sqlite() -> ServerDir {
        ServerDir::init(tempfile::tempdir().expect("temp dir"), &[])
    }

    /// The same, with its directory made under `parent` (the fault suite keeps it in memory).
    pub fn sqlite_in(parent: &Path) -> ServerDir {
        ServerDir::init(tempfile::tempdir_in(parent).expect("temp dir"), &[])
    }

    /// `consent-server init` with the PostgreSQL backend at `url`.
    pub fn postgres(url: &str) -> ServerDir {
        ServerDir::init(
            tempfile::tempdir().expect("temp dir"),
            &["--backend", "postgres", "--postgres-url", url],
        )
    }

    fn init(dir: tempfile::TempDir, extra: &[&str]) -> ServerDir {
        let data = dir.path().join("server");
        let out = Command::new(binary())
            .args(["init", "--data-dir"])
            .arg(&data)
            .args(["--listen", "127.0.0.1:0", "--public-host", "127.0.0.1"])
            .args(extra)
            .output()
            .expect("run consent-server init");
        assert!(
            out.status.success(),
            "init failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        ServerDir {
            dir,
            init_output: String::from_utf8_lossy(&out.stdout).into_owned(),
        }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("server")
    }

    pub fn log(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// Starts `consent-server serve` and waits until it listens.
    pub fn start(&self) -> Server {
        self.start_with(None)
    }

    /// Starts the server again on the address it had (desks know its port).
    pub fn restart_on(&self, addr: SocketAddr) -> Server {
        self.start_with(Some(addr))
    }

    fn start_with(&self, listen: Option<SocketAddr>) -> Server {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log())
            .expect("server log");
        let mut command = Command::new(binary());
        command
            .args(["serve", "--data-dir"])
            .arg(self.data())
            .env("CONSENT_SERVER_LOG", "info")
            .envs(listen.map(|a| ("CONSENT_SERVER_LISTEN", a.to_string())))
            .stdout(Stdio::piped())
            .stderr(log);
        let mut process = Guarded::spawn_configured("consent-server", command);
        let stdout = process.take_stdout().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(addr) = line.strip_prefix("listening on ") {
                    let _ = tx.send(addr.trim().to_owned());
                }
            }
        });
        let addr: SocketAddr = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(addr) => addr.parse().expect("a socket address"),
            Err(_) => panic!(
                "consent-server did not start; its log:\n{}",
                std::fs::read_to_string(self.log()).unwrap_or_default()
            ),
        };
        Server {
            process,
            addr,
            data: self.data(),
        }
    }

    /// The certificate fingerprint desks pin.
    pub fn fingerprint(&self) -> [u8; 32] {
        use sha2::Digest;
        sha2::Sha256::digest(self.certificate()).into()
    }

    /// The server's certificate (DER), for a test's own HTTPS client that trusts it alone.
    pub fn certificate(&self) -> Vec<u8> {
        let pem = std::fs::read_to_string(self.data().join("tls-cert.pem")).expect("cert");
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .expect("PEM body")
    }
}

/// A running server.
#[derive(Debug)]
pub struct Server {
    pub process: Guarded,
    pub addr: SocketAddr,
    data: PathBuf,
}

impl Server {
    /// A fresh first-desk code for this server's actual address.
    pub fn first_code(&self) -> String {
        self.first_code_for(self.addr)
    }

    /// A fresh first-desk code that sends the desk to `address` instead: a proxy in front of
    /// this server (the certificate it pins is still this server's).
    pub fn first_code_for(&self, address: SocketAddr) -> String {
        let out = Command::new(binary())
            .args(["code", "--data-dir"])
            .arg(&self.data)
            .args(["--address", &address.to_string()])
            .output()
            .expect("run consent-server code");
        assert!(
            out.status.success(),
            "code failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Stops the server with SIGTERM (a graceful shutdown) and returns its exit status.
    pub fn stop(mut self) -> std::process::ExitStatus {
        self.process.signal_and_wait("-TERM")
    }

    /// Kills the server with SIGKILL.
    pub fn kill(mut self) {
        self.process.signal_and_wait("-KILL");
    }
}
