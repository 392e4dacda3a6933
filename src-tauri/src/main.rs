//! The `consent-desk` binary: the desktop app. Everything lives in the `consent_desk_shell` library so
//! tests can build the same app without a `main`.

// A release build on Windows opens no console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::ffi::OsString;

fn main() -> std::process::ExitCode {
    let key = take_database_key();
    // `consent-desk --version` answers without opening a window (for admins and packaging checks).
    if std::env::args()
        .skip(1)
        .any(|a| a == "--version" || a == "-V")
    {
        println!("Consent Desk {}", env!("CARGO_PKG_VERSION"));
        return std::process::ExitCode::SUCCESS;
    }
    consent_desk_shell::run(key)
}

/// Takes the database key (`CONSENT_DESK_DB_KEY`, headless runs) out of the environment before
/// anything else runs: WebKit's web and network processes, the printer and the PDF viewer inherit
/// this process's environment, and none of them may see the key.
#[allow(unsafe_code)]
fn take_database_key() -> Option<OsString> {
    let name = consent_desk_shell::DATABASE_KEY_ENV;
    let value = std::env::var_os(name)?;
    // SAFETY: the first statement of `main`, before any other thread exists (no logging, no Tauri,
    // no async runtime yet), so nothing reads or writes the environment concurrently.
    unsafe { std::env::remove_var(name) };
    Some(value)
}
