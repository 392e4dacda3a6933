//! Making and opening a server: the data directory, the database key, the storage backend, the
//! first desk's code, backups, and logging.

use std::io::Write;
use std::path::{Path, PathBuf};

use consent_wire::{CodeKind, EnrollmentCode};
use zeroize::Zeroizing;

use crate::config::{BackendKind, Config};
use crate::storage::rules::{RulesError, Storage};
use crate::storage::sqlite::SqliteBackend;
use crate::storage::{StorageError, postgres};
use crate::tls::{self, TlsFiles};

/// How long the first desk's code works.
pub const FIRST_CODE_TTL_MS: u64 = 24 * 60 * 60 * 1000;

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{path} is not empty: init makes a new server in a new or empty directory")]
    NotEmpty { path: PathBuf },
    #[error("{what} ({path}): {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the database key in {path} is not 64 hex digits")]
    BadKey { path: PathBuf },
    #[error(
        "the database key file {path} can be read by other users (mode {mode:o}): run chmod 600 on it"
    )]
    KeyExposed { path: PathBuf, mode: u32 },
    #[error("CONSENT_SERVER_DB_KEY is not 64 hex digits")]
    BadEnvKey,
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
    #[error("backups of a PostgreSQL server are made with pg_dump or physical replication")]
    BackupPostgres,
    #[error("the code cannot carry the address {0:?}")]
    Address(String),
}

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> SetupError {
    let path = path.to_owned();
    move |source| SetupError::Io { what, path, source }
}

/// What `init` made.
#[derive(Debug)]
pub struct Made {
    pub data_dir: PathBuf,
    pub fingerprint: [u8; 32],
    pub code: String,
}

/// Makes a new server in `config.data_dir` (created 0700, or an empty directory).
pub fn init(config: &Config) -> Result<Made, SetupError> {
    let dir = &config.data_dir;
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io("reading the directory", dir))?;
        if entries.next().is_some() {
            return Err(SetupError::NotEmpty { path: dir.clone() });
        }
    } else {
        std::fs::create_dir_all(dir).map_err(io("creating the directory", dir))?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(io("restricting the directory", dir))?;
    }
    let storage = match config.backend {
        BackendKind::Sqlite => {
            let key = Zeroizing::new(random_key()?);
            write_private(&config.key_path(), hex::encode(&key[..]).as_bytes())?;
            Storage::new(Box::new(SqliteBackend::create(
                &config.database_file(),
                &key,
            )?))
        }
        BackendKind::Postgres => open_storage(config)?,
    };
    storage.server_id()?;
    let mut names = vec![config.public_host.clone()];
    for extra in ["localhost", "127.0.0.1"] {
        if !names.iter().any(|n| n == extra) {
            names.push(extra.into());
        }
    }
    let fingerprint = tls::generate(&TlsFiles::in_dir(dir), &names)?;
    let file = dir.join(crate::config::FILE_NAME);
    std::fs::write(&file, config.to_toml()).map_err(io("writing the configuration", &file))?;
    let code = first_desk_code(config, &storage)?;
    Ok(Made {
        data_dir: dir.clone(),
        fingerprint,
        code,
    })
}

fn random_key() -> Result<[u8; 32], SetupError> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|_| {
        SetupError::Storage(StorageError::Database(
            "the system random number generator failed".into(),
        ))
    })?;
    Ok(key)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), SetupError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(io("writing the key file", path))?;
    file.write_all(bytes)
        .map_err(io("writing the key file", path))?;
    file.sync_all().map_err(io("writing the key file", path))
}

/// The SQLite database key: `CONSENT_SERVER_DB_KEY`, or the key file (which must be private).
fn database_key(config: &Config) -> Result<Zeroizing<[u8; 32]>, SetupError> {
    let mut key = Zeroizing::new([0u8; 32]);
    if let Ok(text) = std::env::var("CONSENT_SERVER_DB_KEY") {
        let text = Zeroizing::new(text);
        hex::decode_to_slice(text.trim(), &mut key[..]).map_err(|_| SetupError::BadEnvKey)?;
        return Ok(key);
    }
    let path = config.key_path();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .map_err(io("reading the key file", &path))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(SetupError::KeyExposed {
                path,
                mode: mode & 0o777,
            });
        }
    }
    let text =
        Zeroizing::new(std::fs::read_to_string(&path).map_err(io("reading the key file", &path))?);
    hex::decode_to_slice(text.trim(), &mut key[..]).map_err(|_| SetupError::BadKey { path })?;
    Ok(key)
}

/// Opens the configured storage.
pub fn open_storage(config: &Config) -> Result<Storage, SetupError> {
    match config.backend {
        BackendKind::Sqlite => {
            let key = database_key(config)?;
            Ok(Storage::new(Box::new(SqliteBackend::open(
                &config.database_file(),
                &key,
            )?)))
        }
        BackendKind::Postgres => {
            let url = config.postgres_url.as_deref().unwrap_or_default();
            Ok(Storage::new(Box::new(postgres::PostgresBackend::connect(
                url,
                config.postgres_pool,
            )?)))
        }
    }
}

/// A new code for the clinic's first desk, for the configured public address.
pub fn first_desk_code(config: &Config, storage: &Storage) -> Result<String, SetupError> {
    let fingerprint = tls::fingerprint(&TlsFiles::in_dir(&config.data_dir))?;
    let token = storage.first_desk_token(crate::http::now_ms(), FIRST_CODE_TTL_MS)?;
    EnrollmentCode {
        kind: CodeKind::First,
        host: config.public_host.clone(),
        port: config.public_port,
        fingerprint,
        token_id: token.token_id,
        secret: token.secret,
    }
    .to_text()
    .map_err(|_| SetupError::Address(config.public_host.clone()))
}

/// `consent-server backup --to FILE`.
pub fn backup(config: &Config, to: &Path) -> Result<(), SetupError> {
    match config.backend {
        BackendKind::Postgres => Err(SetupError::BackupPostgres),
        BackendKind::Sqlite => {
            let key = database_key(config)?;
            SqliteBackend::open(&config.database_file(), &key)?.backup_to(to)?;
            Ok(())
        }
    }
}

/// Logs to stderr, filtered by `filter` (`info`, `debug`…). Nothing logged holds personal data or
/// a secret: handlers log routes, statuses, refusal codes and desk ids only.
pub fn logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
