//! Seeded fault schedules: desks keep working and syncing while the network and the server
//! misbehave, and afterwards nothing acknowledged is lost, nothing is doubled, every chain
//! verifies and every desk folds to the same state.
//!
//! A run is `SYNC_FAULT_SCHEDULES` schedules (200 by default) from one seed (`SYNC_FAULT_SEED`,
//! else a fresh one; printed at the start and with the log of a failing schedule).
//! Schedules run ten at a time in one [cluster](cluster::Cluster) (a real server, two or three
//! in-process desks, each behind its own [fault proxy](consent_desk_tests::fault_proxy)), so
//! desks carry their history, cursors and marks from one schedule into the next, as real desks
//! do; a fresh cluster every ten keeps a run's size bounded. Cluster `c` draws from a generator
//! forked from the seed and `c` only, so `SYNC_FAULT_FROM=n` starts at the cluster of schedule
//! `n` and replays it. `SYNC_FAULT_VERBOSE=1` prints every schedule's step log.
//!
//! A schedule is a random sequence of: work at a desk (patients registered and updated, requests
//! taken, consents drafted, on the same and different patients), syncs, concurrent syncs of every
//! desk behind proxies with different delays (answers come back in another order than the
//! requests went), network faults (offline, a cut mid-request or mid-response, delays), a batch
//! delivered twice (push or pull marks moved back; the same push sent twice at once; an
//! acknowledged range replayed), and desk clocks stepped by hours. Some schedules add one
//! expensive fault: the server killed (-9) mid-batch and restarted on its address; a desk
//! offline for days that then pushes thousands of events; a desk's sync process killed (-9)
//! mid-pull and the desk reopened. A sync may fail with "unreachable" during faults (staff see
//! it and it is retried); any other failure fails the run. Then the faults stop, the desks sync
//! until nothing moves, and [`check::invariants`] runs.

mod check;
mod cluster;
mod expensive;
mod steps;

use std::time::{Duration, Instant};

use consent_desk_tests::rng::{Rng, fresh_seed};

use cluster::Cluster;

/// Schedules that share one cluster.
const CLUSTER_SCHEDULES: usize = 10;

/// What the run was asked for.
#[derive(Debug, Clone, Copy)]
struct Settings {
    seed: u64,
    schedules: usize,
    from: usize,
}

fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    let text = text.trim();
    let parsed = match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => text.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={text} is not a number")))
}

fn settings() -> Settings {
    Settings {
        seed: env_number("SYNC_FAULT_SEED").unwrap_or_else(fresh_seed),
        schedules: env_number("SYNC_FAULT_SCHEDULES").map_or(200, |n| n as usize),
        from: env_number("SYNC_FAULT_FROM").map_or(0, |n| n as usize),
    }
}

/// What a run did, printed at its end.
#[derive(Debug, Default)]
pub struct Stats {
    pub schedules: usize,
    pub syncs: usize,
    pub syncs_failed: usize,
    pub server_kills: usize,
    /// Server kills that broke the sync they were aimed at (the rest hit before or after it).
    pub server_kills_mid_sync: usize,
    pub desk_kills: usize,
    /// Desk kills before the sync process's first sync (its first pull) had finished.
    pub desk_kills_mid_first_sync: usize,
    pub offline_days: usize,
    pub duplicates: usize,
    pub concurrent: usize,
    pub actions: usize,
}

#[test]
fn seeded_fault_schedules_lose_nothing_double_nothing_and_converge() {
    let settings = settings();
    let verbose = std::env::var_os("SYNC_FAULT_VERBOSE").is_some();
    println!(
        "sync faults: SYNC_FAULT_SEED={:#x} SYNC_FAULT_SCHEDULES={} SYNC_FAULT_FROM={}",
        settings.seed, settings.schedules, settings.from
    );
    let started = Instant::now();
    let mut stats = Stats::default();
    let first = settings.from / CLUSTER_SCHEDULES;
    let clusters = settings.schedules.div_ceil(CLUSTER_SCHEDULES);
    for c in first..clusters {
        let mut rng = Rng::fork(settings.seed, c as u64);
        let desks = 2 + rng.index(2);
        let context = |n: usize| {
            format!(
                "SYNC_FAULT_SEED={:#x} SYNC_FAULT_FROM={} (schedule {n}, cluster {c})",
                settings.seed,
                c * CLUSTER_SCHEDULES
            )
        };
        let mut cluster = Cluster::new(desks, &mut rng, context(c * CLUSTER_SCHEDULES));
        let end = ((c + 1) * CLUSTER_SCHEDULES).min(settings.schedules);
        for n in c * CLUSTER_SCHEDULES..end {
            cluster.context = context(n);
            cluster.log.clear();
            let began = Instant::now();
            steps::schedule(&mut cluster, &mut rng, &mut stats);
            cluster.converge();
            check::invariants(&mut cluster);
            stats.schedules += 1;
            if verbose || began.elapsed() > Duration::from_secs(20) {
                println!("schedule {n} took {:?}", began.elapsed());
            }
            if verbose {
                for line in &cluster.log {
                    println!("  {line}");
                }
            }
        }
    }
    println!(
        "sync faults: {} schedules in {:.1} s: {stats:?}",
        stats.schedules,
        started.elapsed().as_secs_f64()
    );
}
