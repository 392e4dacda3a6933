//! The `consent-desk` binary: the desktop app. Everything lives in the `consent_desk_shell` library so
//! tests can build the same app without a `main`.

// A release build on Windows opens no console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    consent_desk_shell::run()
}
