//! `cargo xtask bench`: the project's benchmarks (store, forms, search as you type in the window, then
//! app start-up to the sign-in screen). Figures are printed as tables and written as JSON
//! under `target/bench/`; nothing here is a pass/fail test.

use std::process::Command;

use crate::steps::{Result, app_binary, build_app, cmd, say, workspace_root};

pub fn run() -> Result {
    say(
        "Store: ledger ingest (encrypted vs plain), search over 100,000 patients, queue of 10,000…",
    );
    let mut store = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    store.current_dir(workspace_root()).args([
        "run",
        "--quiet",
        "--release",
        "--package",
        "consent-desk-tests",
        "--bin",
        "store-bench",
    ]);
    cmd(store, "store benchmark")?;

    say("Forms: one consent form (median, p95, size) and a batch of 1,000…");
    let mut forms = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    forms.current_dir(workspace_root()).args([
        "run",
        "--quiet",
        "--release",
        "--package",
        "consent-forms",
        "--bin",
        "forms-bench",
    ]);
    cmd(forms, "forms benchmark")?;

    build_app(false)?;
    build_app(true)?;
    say(
        "Search as you type in the real window (release) over 100,000 patients, measured in the app…",
    );
    let mut search = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    search
        .current_dir(workspace_root())
        .env("CONSENT_DESK_APP", app_binary("release"))
        .args([
            "run",
            "--quiet",
            "--release",
            "--package",
            "consent-desk-tests",
            "--bin",
            "search-ui-bench",
        ]);
    cmd(search, "search-as-you-type benchmark")?;

    say(
        "Start-up to the sign-in screen and memory, debug and release (5 runs each, on a private Xvfb)…",
    );
    let mut bench = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    bench
        .current_dir(workspace_root())
        .args([
            "run",
            "--quiet",
            "--release",
            "--package",
            "consent-desk-tests",
            "--bin",
            "startup-bench",
            "--",
        ])
        .arg(format!("debug={}", app_binary("debug").display()))
        .arg(format!("release={}", app_binary("release").display()));
    cmd(bench, "start-up benchmark")
}
