//! The server's settings, layered: built-in defaults, then the TOML file, then `CONSENT_SERVER_*`
//! environment variables. `consent-server config example` prints a commented file.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Which storage backend holds the server's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where the database (SQLite), its key file and the TLS certificate live.
    pub data_dir: PathBuf,
    /// The address the server listens on.
    pub listen: SocketAddr,
    /// The name or IPv4 address desks reach the server by (it goes into enrollment codes and the
    /// certificate).
    pub public_host: String,
    /// The port desks reach the server on (usually `listen`'s).
    pub public_port: u16,
    pub backend: BackendKind,
    /// PostgreSQL connection string (`host=… user=… dbname=…` or a URL), for `backend = "postgres"`.
    /// Prefer `CONSENT_SERVER_POSTGRES_URL` for one with a password.
    pub postgres_url: Option<String>,
    pub postgres_pool: usize,
    /// The SQLite database key file (64 hex digits, mode 0600). Default: `server.key` in the data
    /// directory. `CONSENT_SERVER_DB_KEY` (64 hex digits) replaces the file.
    pub key_file: Option<PathBuf>,
    /// The longest a pull waits for news before answering "nothing new" (its heartbeat).
    pub long_poll_secs: u64,
    /// How long a shutdown waits for requests in flight.
    pub shutdown_grace_secs: u64,
    /// The log filter (`info`, `debug`, `consent_server=debug`…).
    pub log: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("/var/lib/consent-server"),
            listen: SocketAddr::from(([0, 0, 0, 0], 8443)),
            public_host: "localhost".into(),
            public_port: 8443,
            backend: BackendKind::Sqlite,
            postgres_url: None,
            postgres_pool: 8,
            key_file: None,
            long_poll_secs: 25,
            shutdown_grace_secs: 10,
            log: "info".into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("could not read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the configuration file {path} is not valid: {reason}")]
    Parse { path: PathBuf, reason: String },
    #[error("the environment variable {name} is not valid: {reason}")]
    Env { name: &'static str, reason: String },
    #[error("{0}")]
    Invalid(String),
}

/// The name of the configuration file `init` writes into the data directory.
pub const FILE_NAME: &str = "server.toml";

impl Config {
    /// Defaults, then `file` (if given), then the environment `env`.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                toml::from_str(&text).map_err(|e| ConfigError::Parse {
                    path: path.to_owned(),
                    reason: e.message().to_owned(),
                })?
            }
            None => Config::default(),
        };
        config.apply_env(env)?;
        config.check()?;
        Ok(config)
    }

    fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let bad = |name, reason: &str| ConfigError::Env {
            name,
            reason: reason.to_owned(),
        };
        if let Some(v) = env("CONSENT_SERVER_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = env("CONSENT_SERVER_LISTEN") {
            self.listen = v
                .parse()
                .map_err(|_| bad("CONSENT_SERVER_LISTEN", "expected ADDRESS:PORT"))?;
        }
        if let Some(v) = env("CONSENT_SERVER_PUBLIC_HOST") {
            self.public_host = v;
        }
        if let Some(v) = env("CONSENT_SERVER_PUBLIC_PORT") {
            self.public_port = v
                .parse()
                .map_err(|_| bad("CONSENT_SERVER_PUBLIC_PORT", "expected a port number"))?;
        }
        if let Some(v) = env("CONSENT_SERVER_BACKEND") {
            self.backend = match v.as_str() {
                "sqlite" => BackendKind::Sqlite,
                "postgres" => BackendKind::Postgres,
                _ => return Err(bad("CONSENT_SERVER_BACKEND", "expected sqlite or postgres")),
            };
        }
        if let Some(v) = env("CONSENT_SERVER_POSTGRES_URL") {
            self.postgres_url = Some(v);
        }
        if let Some(v) = env("CONSENT_SERVER_LOG") {
            self.log = v;
        }
        Ok(())
    }

    fn check(&self) -> Result<(), ConfigError> {
        if !consent_wire::code::valid_host(&self.public_host) {
            return Err(ConfigError::Invalid(format!(
                "public_host {:?} is not a host name or IPv4 address",
                self.public_host
            )));
        }
        if self.public_port == 0 {
            return Err(ConfigError::Invalid("public_port must not be 0".into()));
        }
        if self.backend == BackendKind::Postgres && self.postgres_url.is_none() {
            return Err(ConfigError::Invalid(
                "backend = \"postgres\" needs postgres_url (or CONSENT_SERVER_POSTGRES_URL)".into(),
            ));
        }
        if self.postgres_pool == 0 || self.long_poll_secs == 0 || self.long_poll_secs > 300 {
            return Err(ConfigError::Invalid(
                "postgres_pool must be at least 1 and long_poll_secs between 1 and 300".into(),
            ));
        }
        Ok(())
    }

    /// The SQLite database file.
    pub fn database_file(&self) -> PathBuf {
        self.data_dir.join("server.db")
    }

    /// The database key file.
    pub fn key_path(&self) -> PathBuf {
        self.key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("server.key"))
    }

    /// The file as TOML (what `init` writes).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

/// `consent-server config example`.
pub const EXAMPLE: &str = r#"# consent-server configuration. Every setting may be left out (its default is shown) and
# every one marked (env) can be overridden by an environment variable.

# Where the SQLite database, its key file and the TLS certificate live. (env CONSENT_SERVER_DATA_DIR)
data_dir = "/var/lib/consent-server"

# The address to listen on. (env CONSENT_SERVER_LISTEN)
listen = "0.0.0.0:8443"

# How desks reach this server: goes into enrollment codes and the certificate.
# (env CONSENT_SERVER_PUBLIC_HOST, CONSENT_SERVER_PUBLIC_PORT)
public_host = "localhost"
public_port = 8443

# "sqlite" (one encrypted file, for one clinic) or "postgres" (a clinic chain). (env CONSENT_SERVER_BACKEND)
backend = "sqlite"

# For backend = "postgres": the connection string. Put one with a password in the environment
# instead (env CONSENT_SERVER_POSTGRES_URL).
# postgres_url = "host=127.0.0.1 port=5432 user=consent dbname=consent"
postgres_pool = 8

# The SQLite database key: a file of 64 hex digits, mode 0600 (default: server.key in data_dir).
# Keep a copy of it with the backups: without it a backup cannot be opened.
# (env CONSENT_SERVER_DB_KEY holds the 64 hex digits instead)
# key_file = "/etc/consent-server/server.key"

# How long a desk's pull waits for news before the answer "nothing new" (seconds).
long_poll_secs = 25

# How long a shutdown waits for requests in flight (seconds).
shutdown_grace_secs = 10

# Log filter: error, warn, info, debug. Logs never hold personal data or secrets. (env CONSENT_SERVER_LOG)
log = "info"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn the_example_reads_as_the_defaults() {
        let example: Config = toml::from_str(EXAMPLE).expect("the example parses");
        assert_eq!(example, Config::default());
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("s.toml");
        std::fs::write(
            &file,
            "listen = \"127.0.0.1:9000\"\npublic_host = \"srv\"\n",
        )
        .expect("write");
        let config = Config::load(Some(&file), |name| {
            (name == "CONSENT_SERVER_LISTEN").then(|| "127.0.0.1:9100".to_owned())
        })
        .expect("loads");
        assert_eq!(config.listen.port(), 9100);
        assert_eq!(config.public_host, "srv");
    }

    #[test]
    fn bad_settings_are_refused_with_what_is_wrong() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("s.toml");
        std::fs::write(&file, "listen = 5\n").expect("write");
        assert!(matches!(
            Config::load(Some(&file), no_env),
            Err(ConfigError::Parse { .. })
        ));
        std::fs::write(&file, "colour = \"red\"\n").expect("write");
        assert!(matches!(
            Config::load(Some(&file), no_env),
            Err(ConfigError::Parse { .. })
        ));
        std::fs::write(&file, "backend = \"postgres\"\n").expect("write");
        let err = Config::load(Some(&file), no_env).expect_err("no url");
        assert!(err.to_string().contains("postgres_url"), "{err}");
        let err = Config::load(None, |n| {
            (n == "CONSENT_SERVER_LISTEN").then(|| "nowhere".to_owned())
        })
        .expect_err("bad env");
        assert!(err.to_string().contains("CONSENT_SERVER_LISTEN"), "{err}");
    }
}
