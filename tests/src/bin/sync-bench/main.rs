//! Sync benchmarks (issue 11, "Benchmarks"; run by `cargo xtask bench`, release build). Real
//! `consent-server` processes on loopback, real TLS with a pinned certificate, real desks (encrypted
//! stores driven through `consent_sync::Engine`), once per storage backend: SQLite, and PostgreSQL in
//! a throwaway `TestCluster`. Prints a summary and writes `target/bench/sync-<backend>.json`:
//! - load (`live.rs`): 20 desks appending, pushing and long-polling at once; errors and push latency;
//! - propagation (`live.rs`): a patient registered at desk A, seen in desk B's projection while B
//!   runs a long-poll pull loop; median and p95 over 200 changes;
//! - push (`initial.rs`): 10,000 events from one desk;
//! - initial pull (`initial.rs`): a new desk pulls the whole history (1,000,000 events of 100,000
//!   patients, every row a real sealed event of the source desk, checked and folded); events/s, the
//!   ratio to the local encrypted ingest of the same events (`append_all` in pages of the same
//!   size, into a fresh store, same run), and where the time goes;
//! - server memory (`live.rs`): VmRSS and VmHWM with the history held and 20 desks connected.
//!
//! Environment: `SYNC_BENCH_EVENTS` (default 1,000,000; rounded to whole patients),
//! `SYNC_BENCH_LOAD_SECS` (default 60), `SYNC_BENCH_BACKENDS` (default `sqlite,postgres`),
//! `SYNC_BENCH_PAGES` (set: print the server's milliseconds for every page of the initial pull).
//! Figures depend on the machine and on what else runs on it; nothing here passes or fails.

mod desks;
mod initial;
mod live;

use std::time::Duration;

use consent_desk_tests::postgres::TestCluster;
use consent_desk_tests::server::ServerDir;
use consent_desk_tests::write_bench_report;
use serde_json::json;

use crate::desks::Clinic;

/// Events of the history a new desk pulls.
fn history_events() -> usize {
    env_number("SYNC_BENCH_EVENTS", 1_000_000)
}

fn load_seconds() -> u64 {
    env_number("SYNC_BENCH_LOAD_SECS", 60) as u64
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.replace(['_', ','], "").parse().ok())
        .unwrap_or(default)
}

/// The p-quantile of `samples`, in milliseconds (nearest rank).
pub fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index].as_secs_f64() * 1000.0
}

fn main() {
    let backends = std::env::var("SYNC_BENCH_BACKENDS").unwrap_or("sqlite,postgres".into());
    for backend in backends.split(',').map(str::trim) {
        let report = match backend {
            "sqlite" => run(backend, ServerDir::sqlite()),
            "postgres" => {
                let cluster = TestCluster::start();
                let report = run(backend, ServerDir::postgres(&cluster.url()));
                drop(cluster);
                report
            }
            other => panic!("SYNC_BENCH_BACKENDS: unknown backend {other:?} (sqlite, postgres)"),
        };
        write_bench_report(&format!("sync-{backend}"), report);
    }
}

/// Every measure against one server, in an order that keeps each cheap: the load and propagation
/// desks join while the server holds little (each desk pulls everything it does not hold), the
/// history comes last, and the memory is read with the history held and the load desks connected.
fn run(backend: &str, server_dir: ServerDir) -> serde_json::Value {
    println!("== sync over loopback, {backend} backend ==");
    let mut clinic = Clinic::start(server_dir);
    let load = live::load(&mut clinic, 20, load_seconds());
    let propagation = live::propagation(&mut clinic, 200);
    let push = initial::push(&mut clinic, 10_000);
    let pull = initial::initial_pull(&mut clinic, history_events());
    let memory = live::server_memory(&mut clinic);
    json!({
        "backend": backend,
        "machine_note": "measured on a shared 2-core machine at nice 19 beside a CI run: noisy",
        "load": load,
        "propagation": propagation,
        "push": push,
        "initial_pull": pull,
        "server_memory": memory,
    })
}
