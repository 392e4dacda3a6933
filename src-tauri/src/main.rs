//! The `consent-desk` binary: the desktop app. Everything lives in the `consent_desk_shell` library so
//! tests can build the same app without a `main`.

// A release build on Windows opens no console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // `consent-desk --version` answers without opening a window (for admins and packaging checks).
    if std::env::args()
        .skip(1)
        .any(|a| a == "--version" || a == "-V")
    {
        println!("Consent Desk {}", env!("CARGO_PKG_VERSION"));
        return std::process::ExitCode::SUCCESS;
    }
    consent_desk_shell::run()
}
