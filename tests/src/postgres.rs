//! A throwaway PostgreSQL cluster for one test: `initdb` into a fresh temporary directory, the
//! server on a free loopback port with its sockets in that directory, stopped and deleted on drop.
//!
//! The tests never use a system cluster (Debian's package may have started one on port 5432): a
//! test that passed because of whatever a developer's machine happens to run proves nothing in CI.
//! PostgreSQL refuses to run as root, and CI runs the tests as root, so then `initdb` and the server
//! run as the `postgres` system user the Debian package creates (through `setpriv`, which execs
//! rather than forks, so the guarded process is the postmaster itself). Missing binaries are a
//! failure that says how to get them, never a skipped test.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use postgres::NoTls;

use crate::process::{Guarded, survivors};

/// The superuser `initdb` makes; it logs in over the socket only (trust), never over TCP.
const ADMIN: &str = "admin";
/// The role and database the code under test uses, over TCP with a password.
pub const ROLE: &str = "consent";
pub const DATABASE: &str = "consent";

/// A running throwaway cluster.
pub struct TestCluster {
    server: Option<Guarded>,
    dir: tempfile::TempDir,
    port: u16,
    password: String,
}

impl std::fmt::Debug for TestCluster {
    // Not the password: a test's failure output is no place for it, even a throwaway one.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCluster")
            .field("dir", &self.dir.path())
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

/// Who runs PostgreSQL's programs.
#[derive(Clone, Copy)]
enum RunAs {
    Me,
    User { uid: u32, gid: u32 },
}

impl TestCluster {
    /// Starts a fresh cluster with a database [`DATABASE`] owned by [`ROLE`]; panics with the
    /// reason (and the server's log) when it cannot.
    pub fn start() -> TestCluster {
        let bin = binaries();
        let run_as = run_as();
        let dir = tempfile::Builder::new()
            .prefix("consent-pg-")
            .tempdir()
            .expect("create a temporary directory for PostgreSQL");
        if let RunAs::User { uid, gid } = run_as {
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))
                .expect("give the temporary directory to the postgres user");
        }
        let initdb = run_as
            .command(&bin.join("initdb"), dir.path())
            .arg("--pgdata")
            .arg(dir.path().join("data"))
            .args([
                "--username",
                ADMIN,
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ])
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.join("initdb").display()));
        assert!(
            initdb.status.success(),
            "initdb failed ({}):\n{}{}",
            initdb.status,
            String::from_utf8_lossy(&initdb.stdout),
            String::from_utf8_lossy(&initdb.stderr)
        );
        let password = password();
        // The OS freed the port a moment ago; another process may take it before the server binds.
        for _attempt in 0..5 {
            let port = crate::free_port();
            let Some(server) = start_server(&bin, run_as, dir.path(), port) else {
                continue;
            };
            let mut cluster = TestCluster {
                server: Some(server),
                dir,
                port,
                password,
            };
            cluster.create_database();
            return cluster;
        }
        panic!("PostgreSQL found no free loopback port in 5 attempts");
    }

    /// The connection string of [`DATABASE`] over TCP, with the role's password.
    pub fn url(&self) -> String {
        format!(
            "postgres://{ROLE}:{}@127.0.0.1:{}/{DATABASE}",
            self.password, self.port
        )
    }

    pub fn password(&self) -> &str {
        &self.password
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The cluster's directory: its data files, its WAL and its log (for tests that search what
    /// the server wrote).
    pub fn files(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// A superuser connection over the cluster's socket, for a test that inspects or changes what
    /// the code under test cannot.
    pub fn admin(&self, database: &str) -> postgres::Client {
        admin_config(self.dir.path(), self.port, database)
            .connect(NoTls)
            .unwrap_or_else(|e| {
                panic!(
                    "cannot connect to the test cluster: {e}\n{}",
                    log_tail(self.dir.path())
                )
            })
    }

    fn create_database(&mut self) {
        let mut admin = self.admin("postgres");
        // Two calls: CREATE DATABASE refuses to run inside the transaction a multi-statement
        // string is.
        admin
            .batch_execute(&format!(
                "CREATE ROLE {ROLE} LOGIN PASSWORD '{}'",
                self.password
            ))
            .expect("create the test role");
        admin
            .batch_execute(&format!("CREATE DATABASE {DATABASE} OWNER {ROLE}"))
            .expect("create the test database");
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        let Some(server) = self.server.take() else {
            return;
        };
        // SIGINT is PostgreSQL's fast shutdown: it ends sessions instead of waiting for them
        // (SIGTERM, which the guard sends, waits for every client to disconnect).
        let _ = Command::new("kill")
            .args(["-INT", "--", &server.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !survivors(server.tag()).is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        // Reaps the postmaster, and stops by id whatever of it is left.
        drop(server);
    }
}

fn admin_config(dir: &Path, port: u16, database: &str) -> postgres::Config {
    let mut config = postgres::Config::new();
    config
        .host_path(dir)
        .port(port)
        .user(ADMIN)
        .dbname(database)
        .connect_timeout(Duration::from_secs(5));
    config
}

/// Starts the server on `port`; `None` when the port was taken in the meantime.
fn start_server(bin: &Path, run_as: RunAs, dir: &Path, port: u16) -> Option<Guarded> {
    let log_path = dir.join("server.log");
    let log = std::fs::File::create(&log_path).expect("create the server's log");
    let mut command = run_as.command(&bin.join("postgres"), dir);
    command
        .arg("-D")
        .arg(dir.join("data"))
        .arg("-k")
        .arg(dir)
        .args(["-h", "127.0.0.1", "-p", &port.to_string()])
        // A throwaway cluster: losing it in a power cut costs nothing, waiting for the disk does.
        .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
        .args(["-c", "full_page_writes=off", "-c", "max_connections=60"]);
    let mut server = Guarded::spawn("postgres", command, Some(log));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = server.exited() {
            let tail = log_tail(dir);
            if tail.contains("could not bind") || tail.contains("Address already in use") {
                return None;
            }
            panic!("the test PostgreSQL server exited with {status}:\n{tail}");
        }
        if admin_config(dir, port, "postgres").connect(NoTls).is_ok() {
            return Some(server);
        }
        if Instant::now() >= deadline {
            panic!(
                "the test PostgreSQL server did not accept connections within 60 s:\n{}",
                log_tail(dir)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The last lines of the server's log, for a failure message.
fn log_tail(dir: &Path) -> String {
    let mut text = String::new();
    let _ =
        std::fs::File::open(dir.join("server.log")).and_then(|mut f| f.read_to_string(&mut text));
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines[lines.len().saturating_sub(30)..].join("\n");
    format!("--- PostgreSQL log (last lines) ---\n{tail}")
}

impl RunAs {
    fn command(self, program: &Path, dir: &Path) -> Command {
        let mut command = match self {
            RunAs::Me => Command::new(program),
            RunAs::User { uid, gid } => {
                let mut c = Command::new("setpriv");
                c.arg(format!("--reuid={uid}"))
                    .arg(format!("--regid={gid}"))
                    .arg("--clear-groups")
                    .arg("--")
                    .arg(program);
                c
            }
        };
        // The postgres user may not be allowed into the test's own working directory.
        command.current_dir(dir);
        command
    }
}

/// The directory holding `initdb` and `postgres`: Debian's newest version, else the `PATH`.
fn binaries() -> PathBuf {
    let has_both = |dir: &Path| dir.join("initdb").is_file() && dir.join("postgres").is_file();
    let mut debian: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, bin)| has_both(bin))
        .collect();
    debian.sort();
    if let Some((_, bin)) = debian.pop() {
        return bin;
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .find(|dir| has_both(dir))
        .unwrap_or_else(|| {
            panic!(
                "PostgreSQL's server programs (initdb, postgres) are not installed: \
                 `cargo xtask test` installs them (Debian package `postgresql`)"
            )
        })
}

/// Root runs PostgreSQL as the `postgres` user; anyone else runs it as themselves.
fn run_as() -> RunAs {
    if effective_uid() != 0 {
        return RunAs::Me;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .find_map(|line| {
            let mut fields = line.split(':');
            if fields.next()? != "postgres" {
                return None;
            }
            let _password = fields.next()?;
            let uid = fields.next()?.parse().ok()?;
            let gid = fields.next()?.parse().ok()?;
            Some(RunAs::User { uid, gid })
        })
        .unwrap_or_else(|| {
            panic!(
                "the tests run as root, and PostgreSQL refuses to: they need the `postgres` system \
                 user that Debian's `postgresql` package creates (`cargo xtask test` installs it)"
            )
        })
}

/// The effective user id, from `/proc/self/status` (`Uid: real effective saved fs`).
fn effective_uid() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("Uid:"))?;
            line.split_whitespace().nth(2)?.parse().ok()
        })
        .expect("read the effective user id from /proc/self/status")
}

/// A password for the test role: letters and digits only, so it needs no quoting in SQL or a URL.
fn password() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    format!("pw{:016x}", hasher.finish())
}
