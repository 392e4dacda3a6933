//! # consent-desk-tests
//!
//! Support for the tests that cross crate and process boundaries: a guard that stops spawned processes
//! by their process id, a private Xvfb display, a blocking facade over the fantoccini WebDriver client,
//! the reachability probe, a fault-injecting TCP proxy for the sync fault suite
//! ([`fault_proxy::FaultProxy`]), a throwaway PostgreSQL cluster ([`postgres::TestCluster`]) and the
//! [`desk::Desk`] fixture that starts the real app window through tauri-driver.
//!
//! Invariants: every process a test starts is stopped when its guard drops, even when the test fails;
//! servers bind loopback ports chosen by the OS; nothing is shared between tests but the built binaries.

pub mod desk;
pub mod fault_proxy;
pub mod fixtures;
pub mod history;
pub mod postgres;
pub mod process;
pub mod reach;
pub mod rng;
pub mod server;
pub mod wait;
pub mod webdriver;
pub mod xvfb;

use std::path::PathBuf;

/// The workspace root (this crate lives one level below it).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace")
        .to_path_buf()
}

/// Writes a benchmark's figures as `target/bench/NAME.json` and says where.
pub fn write_bench_report(name: &str, report: serde_json::Value) -> PathBuf {
    let out = workspace_root().join("target/bench");
    std::fs::create_dir_all(&out).expect("create target/bench");
    let path = out.join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(&report).expect("serialize the report");
    std::fs::write(&path, text).expect("write the report");
    println!("wrote {}", path.display());
    path
}

/// A loopback port that was free a moment ago (the OS picks it).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("bind a loopback port")
}
