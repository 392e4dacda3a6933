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
//! - the UI is embedded and served over the custom protocol under a strict CSP: no remote content;
//! - no process the app starts (WebKit's, the printer, the viewer) inherits the database key: `main`
//!   takes `CONSENT_DESK_DB_KEY` out of the environment before any thread exists.

pub mod bindings;
pub mod commands;
pub mod events;

use std::ffi::OsString;
use std::process::ExitCode;

use consent_service::{KeyChoice, Session};
use tracing_subscriber::EnvFilter;

/// The environment variable that gives the database key to a headless run; `main` takes it out of
/// the environment and hands it to [`run`].
pub const DATABASE_KEY_ENV: &str = consent_service::desk::DATABASE_KEY_ENV;

/// Runs the desktop app until its last window closes. `key` is the value `CONSENT_DESK_DB_KEY` had
/// (already removed from the environment); without it the key comes from the OS keyring.
pub fn run(key: Option<OsString>) -> ExitCode {
    init_logging();
    let session = match open_session(KeyChoice::from_env_value(key)) {
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

/// The app's builder with its state, commands and background sync: shared by [`run`] and the IPC
/// tests.
pub fn app<R: tauri::Runtime>(builder: tauri::Builder<R>, session: Session) -> tauri::Builder<R> {
    builder
        .manage(session)
        .invoke_handler(commands::handler())
        .setup(|app| {
            let handle = app.handle().clone();
            let session = tauri::Manager::state::<Session>(app);
            session.start_sync(std::sync::Arc::new(move |event| {
                events::forward(&handle, event)
            }));
            Ok(())
        })
}

/// The desk's session with the database key from `key`.
fn open_session(key: KeyChoice) -> Result<Session, String> {
    let lang = consent_domain::Lang::default();
    let Some(data_dir) = consent_service::default_data_dir() else {
        return Err(format!(
            "Не найден домашний каталог пользователя; укажите каталог данных в {}. / No home directory; \
             set {}.",
            consent_service::DATA_DIR_ENV,
            consent_service::DATA_DIR_ENV
        ));
    };
    Session::open(data_dir, key).map_err(|e| e.message(lang))
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
