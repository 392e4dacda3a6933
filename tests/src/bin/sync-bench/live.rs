//! Desks at work together: many desks pushing and long-polling at once, a change's way from one
//! desk's commit to another desk's projection, and the server's memory with desks connected.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use consent_desk_tests::history::{EVENTS_PER_PATIENT, body, patient_id};
use consent_domain::ids::PatientId;
use serde_json::json;

use crate::desks::{ACTOR, Clinic, Desk, now_ms};
use crate::percentile;

/// Patient numbers of the load's desks (`LOAD_PATIENTS + desk * 1,000,000 + i`) and of the
/// propagation's changes, apart from the history's.
const LOAD_PATIENTS: usize = 20_000_000;
const PROPAGATION_PATIENTS: usize = 50_000_000;
/// How often each load desk records a patient (ten events) and pushes: a busy reception window.
const LOAD_PUSH_EVERY: Duration = Duration::from_secs(1);

/// Cheap jitter, so desks do not move in step (no randomness crate for one number).
fn jitter(seed: usize, max_ms: u64) -> Duration {
    let x = (seed as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ now_ms();
    let mixed = x.wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 40;
    Duration::from_millis(mixed % max_ms.max(1))
}

struct DeskLoad {
    desk: Desk,
    pushes: Vec<Duration>,
    pulls: usize,
    pulled_rows: usize,
    errors: Vec<String>,
}

/// `count` desks join; for `seconds` each records a patient and pushes about once a second and
/// long-polls in between, taking in what the others push. Then every desk pulls once more and
/// their projections are compared.
pub fn load(clinic: &mut Clinic, count: usize, seconds: u64) -> serde_json::Value {
    let desks: Vec<Desk> = (0..count)
        .map(|i| clinic.join_desk(&format!("Окно {}", i + 2)))
        .collect();
    let handle = clinic.rt.handle().clone();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let threads: Vec<_> = desks
        .into_iter()
        .enumerate()
        .map(|(d, desk)| {
            let handle = handle.clone();
            std::thread::spawn(move || load_desk(&handle, d, desk, deadline))
        })
        .collect();
    let mut results: Vec<DeskLoad> = threads
        .into_iter()
        .map(|t| t.join().expect("a load desk panicked"))
        .collect();
    let mut pushes: Vec<Duration> = results.iter().flat_map(|r| r.pushes.clone()).collect();
    let errors: Vec<String> = results.iter().flat_map(|r| r.errors.clone()).collect();
    let pulls: usize = results.iter().map(|r| r.pulls).sum();
    let pulled_rows: usize = results.iter().map(|r| r.pulled_rows).sum();
    let pushed_events = pushes.len() * EVENTS_PER_PATIENT;
    let mut digests = Vec::new();
    for r in &mut results {
        let desk = &mut r.desk;
        clinic
            .rt
            .block_on(desk.engine.pull(&mut desk.store, Duration::ZERO))
            .expect("a last pull");
        digests.push(desk.store.projection_digest().expect("digest"));
    }
    let converged = digests.windows(2).all(|w| w[0] == w[1]);
    let (median, p95, max) = (
        percentile(&mut pushes, 0.5),
        percentile(&mut pushes, 0.95),
        percentile(&mut pushes, 1.0),
    );
    println!(
        "load: {count} desks for {seconds} s, each pushing ten events about once a second and \
         long-polling: {} pushes ({pushed_events} events), {pulls} pulls ({pulled_rows} rows taken in), \
         {} errors, desks converged: {converged}",
        pushes.len(),
        errors.len()
    );
    println!("  push latency   median {median:.0} ms   p95 {p95:.0} ms   max {max:.0} ms");
    if let Some(first) = errors.first() {
        println!("  first error: {first}");
    }
    clinic.connected = results.into_iter().map(|r| r.desk).collect();
    json!({
        "desks": count, "seconds": seconds, "pushes": pushes.len(), "pushed_events": pushed_events,
        "pulls": pulls, "pulled_rows": pulled_rows, "errors": errors.len(),
        "first_errors": errors.iter().take(5).collect::<Vec<_>>(), "converged": converged,
        "push_median_ms": median, "push_p95_ms": p95, "push_max_ms": max,
    })
}

fn load_desk(handle: &tokio::runtime::Handle, d: usize, desk: Desk, deadline: Instant) -> DeskLoad {
    let mut load = DeskLoad {
        desk,
        pushes: Vec::new(),
        pulls: 0,
        pulled_rows: 0,
        errors: Vec::new(),
    };
    let mut next_push = Instant::now() + jitter(d, 1_000);
    let mut patient = LOAD_PATIENTS + d * 1_000_000;
    while Instant::now() < deadline {
        let Desk { store, engine } = &mut load.desk;
        if Instant::now() >= next_push {
            let bodies = (0..EVENTS_PER_PATIENT).map(|s| body(patient, s)).collect();
            patient += 1;
            if let Err(e) = store.append_all(ACTOR, now_ms(), bodies) {
                load.errors.push(format!("append: {e}"));
            }
            let started = Instant::now();
            match handle.block_on(engine.push(store)) {
                Ok(_) => load.pushes.push(started.elapsed()),
                Err(e) => load.errors.push(format!("push: {e}")),
            }
            next_push += LOAD_PUSH_EVERY - Duration::from_millis(100) + jitter(patient, 200);
        }
        let wait = next_push
            .saturating_duration_since(Instant::now())
            .min(deadline.saturating_duration_since(Instant::now()));
        match handle.block_on(engine.pull(store, wait)) {
            Ok(pulled) => {
                load.pulls += 1;
                load.pulled_rows += pulled.rows;
            }
            Err(e) => load.errors.push(format!("pull: {e}")),
        }
    }
    load
}

/// A patient registered at desk A (committed, then pushed as A's sync task would at once) until
/// desk B, which runs a long-poll pull loop in its own thread, finds them in its projection.
pub fn propagation(clinic: &mut Clinic, changes: usize) -> serde_json::Value {
    let mut b = clinic.join_desk("Окно B");
    clinic
        .rt
        .block_on(b.engine.pull(&mut b.store, Duration::ZERO))
        .expect("B catches up");
    let watched: Arc<Mutex<Option<(PatientId, Instant)>>> = Arc::new(Mutex::new(None));
    let stop = Arc::new(AtomicBool::new(false));
    let (seen_tx, seen) = mpsc::channel::<Duration>();
    let b_thread = {
        let (watched, stop, handle) = (watched.clone(), stop.clone(), clinic.rt.handle().clone());
        std::thread::spawn(move || {
            let mut errors = 0;
            while !stop.load(Ordering::Relaxed) {
                // The server's own cap on a long-poll (25 s) ends the wait when nothing comes.
                if handle
                    .block_on(b.engine.pull(&mut b.store, Duration::from_secs(25)))
                    .is_err()
                {
                    errors += 1;
                }
                let mut slot = watched.lock().expect("lock");
                if let Some((id, since)) = *slot
                    && b.store.patient(id).expect("read the projection").is_some()
                {
                    let _ = seen_tx.send(since.elapsed());
                    *slot = None;
                }
            }
            errors
        })
    };
    let mut latencies = Vec::new();
    let mut pushed = Vec::new();
    let mut lost = 0;
    let a = &mut clinic.first;
    for i in 0..=changes {
        // Apart in time, so changes do not line up with B's polling.
        std::thread::sleep(Duration::from_millis(50) + jitter(i, 100));
        let n = PROPAGATION_PATIENTS + i;
        if i == changes {
            // The last one only wakes B's long-poll so it sees the stop.
            stop.store(true, Ordering::Relaxed);
        } else {
            *watched.lock().expect("lock") = Some((patient_id(n), Instant::now()));
        }
        let started = Instant::now();
        a.store
            .append_all(ACTOR, now_ms(), vec![body(n, 0)])
            .expect("register at A");
        clinic
            .rt
            .block_on(a.engine.push(&mut a.store))
            .expect("A pushes");
        pushed.push(started.elapsed());
        if i < changes {
            match seen.recv_timeout(Duration::from_secs(30)) {
                Ok(took) => latencies.push(took),
                Err(_) => {
                    lost += 1;
                    *watched.lock().expect("lock") = None;
                }
            }
        }
    }
    let b_errors = b_thread.join().expect("desk B's loop");
    let (median, p95, max) = (
        percentile(&mut latencies, 0.5),
        percentile(&mut latencies, 0.95),
        percentile(&mut latencies, 1.0),
    );
    let commit_push_median = percentile(&mut pushed, 0.5);
    println!(
        "propagation over {changes} changes (A commits and pushes; B long-polls, stores, folds, reads its projection)"
    );
    println!(
        "  median {median:.0} ms   p95 {p95:.0} ms   max {max:.0} ms   (targets <= 300 ms, <= 1 s); \
         A's commit + push alone: median {commit_push_median:.0} ms; not seen within 30 s: {lost}; B's errors: {b_errors}"
    );
    json!({"changes": changes, "median_ms": median, "p95_ms": p95, "max_ms": max,
           "target_median_ms": 300, "target_p95_ms": 1000, "not_seen_within_30s": lost,
           "b_errors": b_errors, "a_commit_and_push_median_ms": commit_push_median})
}

/// VmRSS and VmHWM of the server process, in KiB.
fn server_memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("server status");
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The server's memory holding the whole history, idle and then with the load's desks all
/// waiting in long-polls; its peak (VmHWM) covers the whole run, the history's push and pull
/// included.
pub fn server_memory(clinic: &mut Clinic) -> serde_json::Value {
    let pid = clinic.server_pid();
    let (idle, _) = server_memory_kib(pid);
    let first = clinic.first.engine.client().clone();
    let latest = clinic
        .rt
        .block_on(first.pull(u64::MAX >> 1, 1, Duration::ZERO))
        .expect("latest")
        .latest;
    let waiting: Vec<_> = clinic
        .connected
        .iter()
        .map(|d| {
            let client = d.engine.client().clone();
            clinic
                .rt
                .spawn(async move { client.pull(latest, 100, Duration::from_secs(20)).await })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(2));
    let (connected, _) = server_memory_kib(pid);
    // One change wakes them all; each gets it.
    let a = &mut clinic.first;
    a.store
        .append_all(ACTOR, now_ms(), vec![body(PROPAGATION_PATIENTS - 1, 0)])
        .expect("append");
    clinic
        .rt
        .block_on(a.engine.push(&mut a.store))
        .expect("push");
    let woke = waiting
        .into_iter()
        .map(|w| clinic.rt.block_on(w))
        .filter(|answer| matches!(answer, Ok(Ok(page)) if !page.rows.is_empty()))
        .count();
    let (after, peak) = server_memory_kib(pid);
    println!(
        "server memory: idle with the history {} MiB; with {} desks in long-polls {} MiB; after they woke {} MiB; peak of the run {} MiB",
        idle / 1024,
        clinic.connected.len(),
        connected / 1024,
        after / 1024,
        peak / 1024
    );
    json!({"rss_idle_kib": idle, "rss_connected_kib": connected, "connected_desks": clinic.connected.len(),
           "rss_after_wake_kib": after, "hwm_run_kib": peak, "woke": woke})
}
