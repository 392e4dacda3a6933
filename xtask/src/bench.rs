//! `cargo xtask bench`: the project's benchmarks (store, forms, search as you type in the window, then
//! app start-up to the sign-in screen). Figures are printed as tables and written as JSON
//! under `target/bench/`; nothing here is a pass/fail test.

use std::process::Command;

use crate::prereqs;
use crate::steps::{Result, app_binary, build_app, cargo, cmd, say};

/// `cargo run --quiet --release --package PACKAGE --bin BIN` from the workspace root.
fn release_bin(package: &str, bin: &str) -> Command {
    let mut command = cargo();
    command.args([
        "run",
        "--quiet",
        "--release",
        "--package",
        package,
        "--bin",
        bin,
    ]);
    command
}

pub fn run() -> Result {
    say(
        "Store: ledger ingest (encrypted vs plain), search over 100,000 patients, queue of 10,000, \
         rebuild of 1,000,000 events, appends at 100,000 patients, short-code lookup…",
    );
    cmd(
        release_bin("consent-desk-tests", "store-bench"),
        "store benchmark",
    )?;

    say("Forms: one consent form (median, p95, size) and a batch of 1,000…");
    cmd(
        release_bin("consent-forms", "forms-bench"),
        "forms benchmark",
    )?;

    // The window benchmarks drive the real app: Xvfb, WebKitWebDriver and tauri-driver, as the tests.
    let mut packages = prereqs::APP_PACKAGES.to_vec();
    packages.extend_from_slice(prereqs::TEST_PACKAGES);
    prereqs::ensure(&packages, true)?;
    build_app(false)?;
    build_app(true)?;
    say(
        "Search as you type in the real window (release) over 100,000 patients, measured in the app…",
    );
    let mut search = release_bin("consent-desk-tests", "search-ui-bench");
    search
        .env("CONSENT_DESK_APP", app_binary("release"))
        .env("TAURI_DRIVER", prereqs::tauri_driver_path());
    cmd(search, "search-as-you-type benchmark")?;

    say(
        "Start-up to the sign-in screen and memory, debug and release (5 runs each, on a private Xvfb)…",
    );
    let mut startup = release_bin("consent-desk-tests", "startup-bench");
    startup
        .arg("--")
        .arg(format!("debug={}", app_binary("debug").display()))
        .arg(format!("release={}", app_binary("release").display()));
    cmd(startup, "start-up benchmark")
}
