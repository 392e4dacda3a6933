//! # consent-desk (the desktop shell)
//!
//! The Tauri 2 application around `consent-service`: it opens the desk's service, registers the IPC
//! commands and shows the embedded TypeScript UI from `ui/dist`.
//!
//! Invariants of this crate:
//! - it is the only crate that depends on Tauri;
//! - every command is a one-line adapter to a `consent-service` method (see [`commands`]), all through
//!   the desk's `Session`, which knows who is signed in and refuses everything while locked; no rule,
//!   no storage and no formatting of user-facing text lives here;
//! - the TypeScript bindings in `ui/src/lib/ipc/bindings.ts` are generated from the command list and the
//!   service's `api` types by [`bindings`], and a test fails when the committed file drifts;
//! - the UI is embedded and served over the custom protocol under a strict CSP: no remote content.

pub mod bindings;
pub mod commands;

use std::process::ExitCode;

use consent_service::Session;
use tracing_subscriber::EnvFilter;

/// Runs the desktop app until its last window closes.
pub fn run() -> ExitCode {
    init_logging();
    let session = match open_session() {
        Ok(session) => session,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("starting Consent Desk {}", env!("CARGO_PKG_VERSION"));
    match app(tauri::Builder::default(), session).run(tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("the app stopped with an error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The app's builder with its state and commands: shared by [`run`] and the IPC tests.
pub fn app<R: tauri::Runtime>(builder: tauri::Builder<R>, session: Session) -> tauri::Builder<R> {
    builder.manage(session).invoke_handler(commands::handler())
}

/// The desk's session: the database key from `CONSENT_DESK_DB_KEY` when set (headless runs), else from
/// the OS keyring.
fn open_session() -> Result<Session, String> {
    let lang = consent_domain::Lang::default();
    let Some(data_dir) = consent_service::default_data_dir() else {
        return Err(format!(
            "Не найден домашний каталог пользователя; укажите каталог данных в {}. / No home directory; \
             set {}.",
            consent_service::DATA_DIR_ENV,
            consent_service::DATA_DIR_ENV
        ));
    };
    Session::open(data_dir).map_err(|e| e.message(lang))
}

/// Logs go to stderr, `info` by default, `RUST_LOG` to change. They never carry personal data: the
/// service logs codes and counts, not names.
fn init_logging() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}
