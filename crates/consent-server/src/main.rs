//! `consent-server`: the clinic's sync server.
//!
//! * `init --data-dir DIR`: makes the database, its key, the TLS certificate and the config file,
//!   and prints the first desk's enrollment code and the certificate's fingerprint.
//! * `serve [--config FILE]`: runs the server until SIGTERM.
//! * `code`: a new first-desk code (only while no desk has joined).
//! * `desk list`, `desk revoke ID`: the administrator's view of desks.
//! * `backup --to FILE`: an online, consistent copy of the SQLite database.
//! * `config example`: a commented configuration file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand};
use consent_server::config::{self, BackendKind, Config};
use consent_server::http::{self, AppState};
use consent_server::setup;
use consent_server::tls::{self, TlsFiles};

#[derive(Debug, Parser)]
#[command(
    name = "consent-server",
    version,
    about = "The Consent Desk clinic server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Args)]
struct Where {
    /// The configuration file (default: server.toml in --data-dir).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// The data directory made by `init`.
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Creates the server's database, key, certificate and configuration in a new directory.
    Init {
        #[arg(long)]
        data_dir: PathBuf,
        /// The name or IPv4 address desks reach the server by.
        #[arg(long, default_value = "localhost")]
        public_host: String,
        #[arg(long, default_value_t = 8443)]
        public_port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "0.0.0.0:8443")]
        listen: std::net::SocketAddr,
        #[arg(long, value_enum, default_value = "sqlite")]
        backend: BackendArg,
        /// For --backend postgres (or set CONSENT_SERVER_POSTGRES_URL).
        #[arg(long, env = "CONSENT_SERVER_POSTGRES_URL", hide_env_values = true)]
        postgres_url: Option<String>,
    },
    /// Runs the server.
    Serve(Where),
    /// Prints a new code for the clinic's first desk (only while no desk has joined).
    Code {
        #[command(flatten)]
        at: Where,
        /// The address desks reach the server at, if not the configured one (HOST:PORT).
        #[arg(long)]
        address: Option<String>,
    },
    /// Desks: list them, or revoke one.
    Desk {
        #[command(flatten)]
        at: Where,
        #[command(subcommand)]
        action: DeskAction,
    },
    /// An online, consistent copy of the SQLite database (PostgreSQL: use pg_dump).
    Backup {
        #[command(flatten)]
        at: Where,
        #[arg(long)]
        to: PathBuf,
    },
    /// Configuration files.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum BackendArg {
    Sqlite,
    Postgres,
}

#[derive(Debug, Subcommand)]
enum DeskAction {
    List,
    Revoke { desk: String },
}

#[derive(Debug, Subcommand)]
enum ConfigAction {
    /// Prints a commented example configuration.
    Example,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("consent-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn load(at: &Where) -> Result<Config, String> {
    let file = at
        .config
        .clone()
        .or_else(|| at.data_dir.as_ref().map(|d| d.join(config::FILE_NAME)));
    let mut config =
        Config::load(file.as_deref(), |n| std::env::var(n).ok()).map_err(|e| e.to_string())?;
    if let Some(dir) = &at.data_dir {
        config.data_dir = dir.clone();
    }
    Ok(config)
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Config {
            action: ConfigAction::Example,
        } => {
            print!("{}", config::EXAMPLE);
            Ok(())
        }
        Command::Init {
            data_dir,
            public_host,
            public_port,
            listen,
            backend,
            postgres_url,
        } => {
            let config = Config {
                data_dir,
                listen,
                public_host,
                public_port,
                backend: match backend {
                    BackendArg::Sqlite => BackendKind::Sqlite,
                    BackendArg::Postgres => BackendKind::Postgres,
                },
                postgres_url,
                ..Config::default()
            };
            let made = setup::init(&config).map_err(|e| e.to_string())?;
            println!(
                "Сервер создан в {} / Server created in {}",
                made.data_dir.display(),
                made.data_dir.display()
            );
            println!(
                "Отпечаток сертификата / Certificate fingerprint: {}",
                tls::show_fingerprint(&made.fingerprint)
            );
            println!(
                "Код для первого рабочего места (действует 24 ч) / First desk's code (valid 24 h):"
            );
            println!("{}", made.code);
            Ok(())
        }
        Command::Serve(at) => {
            let config = load(&at)?;
            setup::logging(&config.log);
            let storage = Arc::new(setup::open_storage(&config).map_err(|e| e.to_string())?);
            let tls_config = tls::server_config(&TlsFiles::in_dir(&config.data_dir))
                .map_err(|e| e.to_string())?;
            // Storage calls block (the PostgreSQL client runs its own runtime), so they happen on
            // blocking threads or, like this first one, before the async runtime starts; the last
            // reference to the storage is dropped after the runtime is gone, for the same reason.
            let state = AppState::new(storage.clone(), Duration::from_secs(config.long_poll_secs))
                .map_err(|e| e.to_string())?;
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            let served = runtime.block_on(async move {
                tracing::info!(backend = state.storage.backend_name(), "starting");
                http::serve(
                    config.listen,
                    tls_config,
                    state,
                    Duration::from_secs(config.shutdown_grace_secs),
                    |addr| {
                        // Tests and service managers read this line to learn the bound port.
                        println!("listening on {addr}");
                    },
                )
                .await
                .map_err(|e| format!("could not serve on {}: {e}", config.listen))
            });
            drop(runtime);
            drop(storage);
            served
        }
        Command::Code { at, address } => {
            let mut config = load(&at)?;
            if let Some(address) = address {
                let (host, port) = address
                    .rsplit_once(':')
                    .ok_or("--address must be HOST:PORT")?;
                config.public_host = host.to_owned();
                config.public_port = port.parse().map_err(|_| "--address must be HOST:PORT")?;
            }
            let storage = setup::open_storage(&config).map_err(|e| e.to_string())?;
            let code = setup::first_desk_code(&config, &storage).map_err(|e| e.to_string())?;
            println!("{code}");
            Ok(())
        }
        Command::Desk { at, action } => {
            let config = load(&at)?;
            let storage = setup::open_storage(&config).map_err(|e| e.to_string())?;
            match action {
                DeskAction::List => {
                    for d in storage.desks().map_err(|e| e.to_string())? {
                        println!(
                            "{}\t{}\trows {}\t{}",
                            uuid::Uuid::from_bytes(d.desk),
                            d.name,
                            d.rows,
                            if d.revoked_ms.is_some() {
                                "revoked"
                            } else {
                                "active"
                            }
                        );
                    }
                    Ok(())
                }
                DeskAction::Revoke { desk } => {
                    let id = uuid::Uuid::try_parse(desk.trim())
                        .map_err(|_| format!("{desk:?} is not a desk id (see `desk list`)"))?;
                    storage
                        .revoke(*id.as_bytes(), http::now_ms())
                        .map_err(|e| e.to_string())?;
                    println!("revoked {id}");
                    Ok(())
                }
            }
        }
        Command::Backup { at, to } => {
            let config = load(&at)?;
            setup::backup(&config, &to).map_err(|e| e.to_string())?;
            println!("backup written to {}", to.display());
            Ok(())
        }
    }
}
