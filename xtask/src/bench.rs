//! `cargo xtask bench`: the project's benchmarks (store, forms, sync against real servers, search as
//! you type in the window, then app start-up to the sign-in screen); `cargo xtask bench sync` runs
//! only the sync one. Figures are printed as tables and written as JSON
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

/// `cargo xtask bench [sync]`: everything, or only the sync benchmark.
pub fn run(only: Option<&str>) -> Result {
    match only {
        None => {}
        Some("sync") => return sync(),
        Some(other) => {
            return Err(format!(
                "unknown benchmark {other:?}: `cargo xtask bench [sync]`"
            ));
        }
    }
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

    sync()?;

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
        "The managers' queue in the real window (release) with 10,000 open requests, measured in the app…",
    );
    let mut queue = release_bin("consent-desk-tests", "queue-ui-bench");
    queue
        .env("CONSENT_DESK_APP", app_binary("release"))
        .env("TAURI_DRIVER", prereqs::tauri_driver_path());
    cmd(queue, "queue benchmark")?;

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

/// Sync over loopback against real server processes, SQLite and a throwaway PostgreSQL cluster.
fn sync() -> Result {
    // PostgreSQL's server programs, for the throwaway cluster of the PostgreSQL half.
    prereqs::ensure(&["postgresql"], false)?;
    // The benchmark starts `consent-server` from its own directory: build it in the same profile.
    let mut server = cargo();
    server.args([
        "build",
        "--quiet",
        "--release",
        "--package",
        "consent-server",
    ]);
    cmd(server, "build consent-server (release)")?;
    say(
        "Sync over loopback, SQLite and PostgreSQL: 20 desks under load, propagation, push of 10,000, \
         initial pull of 1,000,000 events into a new desk, server memory…",
    );
    cmd(
        release_bin("consent-desk-tests", "sync-bench"),
        "sync benchmark",
    )
}
