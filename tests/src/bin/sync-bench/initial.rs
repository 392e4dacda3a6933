//! Volume: one desk's push of 10,000 events, and a new desk's initial pull of a big clinic's whole
//! history, end to end (fetch over TLS, JSON, the transport seals opened, every chain and body
//! checked, rows stored, projections folded), against the same events appended locally.

use std::time::{Duration, Instant};

use consent_sync::engine::PULL_PAGE;
use serde_json::json;

use crate::desks::{Clinic, append_history, log_len, server_time};

/// Patient numbers of the pushed events, apart from the history's and the other measures'.
const PUSH_PATIENTS: usize = 10_000_000;

/// Desk A appends `events` events (whole patients' histories) and pushes them.
pub fn push(clinic: &mut Clinic, events: usize) -> serde_json::Value {
    let patients = (events / 10).max(1);
    let desk = &mut clinic.first;
    let (appended, _) = append_history(
        &mut desk.store,
        PUSH_PATIENTS..PUSH_PATIENTS + patients,
        1_000,
    );
    let started = Instant::now();
    let stored = clinic
        .rt
        .block_on(desk.engine.push(&mut desk.store))
        .expect("push");
    let took = started.elapsed();
    assert_eq!(stored as usize, appended, "every appended event is stored");
    let per_s = appended as f64 / took.as_secs_f64();
    println!(
        "push of {appended} events from one desk ({} per request)   {:.2} s   {per_s:>9.0} events/s",
        consent_sync::engine::PUSH_BATCH,
        took.as_secs_f64()
    );
    json!({"events": appended, "batch": consent_sync::engine::PUSH_BATCH,
           "seconds": took.as_secs_f64(), "events_per_s": per_s})
}

/// Desk A appends a history of `events` events (local encrypted ingest, timed) and pushes it; a
/// new desk joins and pulls everything the server holds (timed); then the same pages are fetched
/// again without storing them, to split the time between the wire and the desk.
pub fn initial_pull(clinic: &mut Clinic, events: usize) -> serde_json::Value {
    let patients = (events / 10).max(1);
    let page = PULL_PAGE as usize;
    let (appended, local) = append_history(&mut clinic.first.store, 0..patients, page);
    let local_per_s = appended as f64 / local.as_secs_f64();
    println!(
        "local encrypted ingest of the history at desk A: {appended} events, append_all in \
         transactions of {page}   {:.1} s   {local_per_s:>9.0} events/s",
        local.as_secs_f64()
    );

    let desk = &mut clinic.first;
    let started = Instant::now();
    let pushed = clinic
        .rt
        .block_on(desk.engine.push(&mut desk.store))
        .expect("push the history") as usize;
    let push_took = started.elapsed();
    assert_eq!(pushed, appended);
    let push_per_s = pushed as f64 / push_took.as_secs_f64();
    println!(
        "  pushed to the server   {:.1} s   {push_per_s:>9.0} events/s",
        push_took.as_secs_f64()
    );
    // Desk A takes in what the other desks wrote, so its projections are the whole clinic's and
    // can be compared with the new desk's below.
    clinic
        .rt
        .block_on(desk.engine.pull(&mut desk.store, Duration::ZERO))
        .expect("desk A pulls");

    let mut new = clinic.join_desk("Новое окно");
    let log = clinic.server_log();
    let from = log_len(&log);
    let started = Instant::now();
    let pulled = clinic
        .rt
        .block_on(new.engine.pull(&mut new.store, Duration::ZERO))
        .expect("the initial pull");
    let took = started.elapsed();
    let (pages, server_ms) = server_time(&log, "/api/v1/pull", from);
    if std::env::var_os("SYNC_BENCH_PAGES").is_some() {
        // Each page's time in the server's handler, in order (is it flat along the history?).
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let times: Vec<&str> = text[from.min(text.len())..]
            .lines()
            .filter(|l| l.contains("/api/v1/pull"))
            .filter_map(|l| l.split("ms=").nth(1))
            .collect();
        println!("  server ms per page: {}", times.join(" "));
    }
    let per_s = pulled.rows as f64 / took.as_secs_f64();
    let ratio = per_s / local_per_s;
    assert_eq!(
        new.store.projection_digest().expect("digest"),
        clinic.first.store.projection_digest().expect("digest"),
        "the new desk folded the same clinic as desk A"
    );
    println!(
        "initial pull into a new desk: {} events ({pages} pages of {page})   {:.1} s   {per_s:>9.0} events/s   \
         (target >= 25,000 on SQLite)",
        pulled.rows,
        took.as_secs_f64()
    );
    println!("  pull / local ingest   {ratio:.2}   (target >= 0.60)");

    // The wire alone: the same pages fetched and decoded again, nothing opened or stored.
    let client = new.engine.client().clone();
    let from = log_len(&log);
    let started = Instant::now();
    let (mut after, mut fetched) = (0, 0);
    loop {
        let answer = clinic
            .rt
            .block_on(client.pull(after, PULL_PAGE, Duration::ZERO))
            .expect("fetch");
        fetched += answer.rows.len();
        after = answer.next;
        if !answer.more {
            break;
        }
    }
    let fetch = started.elapsed();
    let (_, fetch_server_ms) = server_time(&log, "/api/v1/pull", from);
    let desk_s = (took.as_secs_f64() - fetch.as_secs_f64()).max(0.0);
    println!(
        "  where the time goes: fetch alone (server, JSON, TLS, decode) {:.1} s = {:.0} events/s, \
         of which the server's handler {:.1} s; the rest of the pull, desk work not hidden behind \
         the next page's fetch (open, check, store, fold): {desk_s:.1} s",
        fetch.as_secs_f64(),
        fetched as f64 / fetch.as_secs_f64(),
        fetch_server_ms / 1000.0
    );
    json!({
        "history_events": appended,
        "patients": patients,
        "pulled_events": pulled.rows,
        "page": page,
        "pages": pages,
        "seconds": took.as_secs_f64(),
        "events_per_s": per_s,
        "target_events_per_s": 25_000,
        "local_ingest": {"events": appended, "transaction": page,
                         "seconds": local.as_secs_f64(), "events_per_s": local_per_s},
        "ratio_pull_to_local": ratio,
        "target_ratio": 0.6,
        "history_push": {"events": pushed, "seconds": push_took.as_secs_f64(),
                         "events_per_s": push_per_s},
        "profile": {
            "server_handler_seconds_in_pull": server_ms / 1000.0,
            "fetch_only_seconds": fetch.as_secs_f64(),
            "fetch_only_events": fetched,
            "fetch_only_server_handler_seconds": fetch_server_ms / 1000.0,
            "pull_minus_fetch_seconds": desk_s,
        },
    })
}
