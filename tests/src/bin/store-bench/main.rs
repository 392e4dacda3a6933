//! Store benchmarks (run by `cargo xtask bench`, release build). Prints a table and writes
//! `target/bench/store.json`:
//! - ledger ingest of 1,000,000 events, SQLCipher-encrypted vs plain SQLite, same code, same run;
//! - patient search over 100,000 patients (median and p95 per query);
//! - the managers' queue over 10,000 open withdrawals (median and p95 per listing);
//! - a big clinic's history (`scale.rs`): rebuild of 1,000,000 events of 100,000 patients, the cost of
//!   an append at 100,000 patients against 1,000, and short-code lookup among 300,000 printed forms;
//! - the journal of 50,000 subject requests (`journal.rs`): the view, the CSV and the PDF export
//!   (target < 2 s each), and the queue's counts.
//!
//! `STORE_BENCH_SCALE=0.1` runs everything at a tenth of the size (a quick look, not the figures).
//! `STORE_BENCH_ONLY=ingest,desk,scale,journal` runs only the parts named (all by default).

mod journal;
mod scale;

use std::sync::Arc;
use std::time::{Duration, Instant};

use consent_desk_tests::fixtures::{patient_input, population_surname, register_population};
use consent_desk_tests::write_bench_report;
use consent_domain::dates::date;
use consent_domain::event::{Event, EventBody};
use consent_domain::hlc::Hlc;
use consent_domain::ids::{DeskId, EventId, PatientId};
use consent_domain::patient::validate;
use consent_domain::staff::StaffId;
use consent_service::clock::FixedClock;
use consent_service::{Desk, GrantInput, KeyChoice, NewStaff, ReceiveInput};
use consent_store::crypto::SubjectKey;
use consent_store::ledger::{self, GENESIS, Row};
use consent_store::{DbKey, codec, migrate};
use rusqlite::Connection;
use serde_json::json;
use uuid::Uuid;

/// 2025-10-24 12:00 MSK.
const NOW_MS: u64 = 1_761_296_400_000;

fn scale(n: usize) -> usize {
    let factor: f64 = std::env::var("STORE_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    ((n as f64) * factor).max(1.0) as usize
}

/// Whether the part `name` runs (`STORE_BENCH_ONLY`).
fn part(name: &str) -> bool {
    std::env::var("STORE_BENCH_ONLY").map_or(true, |only| only.split(',').any(|p| p.trim() == name))
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut report = serde_json::Map::new();

    let encrypted = part("ingest").then(|| ingest_figures(dir.path(), &mut report));
    if part("desk") {
        let (search, queue) = desk_benchmarks(dir.path());
        report.insert("search".into(), search);
        report.insert("queue".into(), queue);
    }
    if part("scale") {
        report.insert("scale".into(), scale::run(dir.path(), encrypted));
    }
    if part("journal") {
        report.insert("journal".into(), journal::run(dir.path()));
    }

    write_bench_report("store", report.into());
}

/// Ledger ingest, plain and encrypted; returns the encrypted rate (events/s).
fn ingest_figures(
    dir: &std::path::Path,
    report: &mut serde_json::Map<String, serde_json::Value>,
) -> f64 {
    let events = scale(1_000_000);
    let plain = ingest(&dir.join("plain.db"), None, events);
    let key = DbKey::generate().expect("key");
    let encrypted = ingest(&dir.join("encrypted.db"), Some(&key), events);
    let ratio = encrypted / plain;
    println!("ledger ingest, {events} events (10,000 per transaction, synchronous=FULL, WAL)");
    println!("  plain SQLite       {plain:>12.0} events/s");
    println!("  SQLCipher 4        {encrypted:>12.0} events/s");
    println!("  encrypted / plain  {ratio:>12.2}   (target >= 0.60)");
    report.insert(
        "ingest".into(),
        json!({"events": events, "plain_per_s": plain, "encrypted_per_s": encrypted, "ratio": ratio}),
    );
    encrypted
}

/// Appends `count` sealed, hash-chained events through the ledger code path; returns events/s.
fn ingest(path: &std::path::Path, key: Option<&DbKey>, count: usize) -> f64 {
    let mut conn = Connection::open(path).expect("open");
    if let Some(key) = key {
        conn.execute_batch(&format!(
            "PRAGMA key = \"x'{}'\";",
            key.reveal_hex().as_str()
        ))
        .expect("key");
    }
    // The same settings the store uses (consent_store::open), for both files.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; \
         PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
    )
    .expect("pragmas");
    migrate(&mut conn).expect("migrate");
    let desk = DeskId::from_uuid(Uuid::from_u128(1));
    let subjects: Vec<(PatientId, SubjectKey)> = (0..1000u128)
        .map(|n| {
            (
                PatientId::from_uuid(Uuid::from_u128(0x1000 + n)),
                SubjectKey::generate().expect("key"),
            )
        })
        .collect();
    let data = validate(&patient_input("Бенчмаркова"), date(2025, 10, 24)).expect("valid");
    let mut prev = GENESIS;
    let mut clock = Hlc::default();
    let started = Instant::now();
    let mut seq = 0u64;
    while (seq as usize) < count {
        let tx = conn.transaction().expect("tx");
        for _ in 0..10_000 {
            if seq as usize >= count {
                break;
            }
            seq += 1;
            clock = clock.tick(NOW_MS + seq);
            let (patient, subject_key) = &subjects[(seq % 1000) as usize];
            let event = Event {
                id: EventId::from_uuid(Uuid::from_u128(u128::from(seq))),
                desk,
                seq,
                hlc: clock,
                actor: StaffId::from_u128(1),
                body: EventBody::PatientUpdated {
                    patient: *patient,
                    data: Box::new(data.clone()),
                },
            };
            let row = Row::seal(
                &event,
                prev,
                Some(subject_key),
                codec::encode_body(&event.body),
            )
            .expect("seal");
            ledger::insert(&tx, &row).expect("insert");
            prev = row.hash;
        }
        tx.commit().expect("commit");
    }
    count as f64 / started.elapsed().as_secs_f64()
}

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index].as_secs_f64() * 1000.0
}

/// Builds a desk with 100,000 patients (10,000 of them with an open withdrawal) through the service,
/// then times search and the queue.
fn desk_benchmarks(dir: &std::path::Path) -> (serde_json::Value, serde_json::Value) {
    let key = DbKey::generate().expect("key");
    let data_dir = dir.join("desk");
    let clock = Arc::new(FixedClock(NOW_MS));
    let mut desk = Desk::init(
        &data_dir,
        KeyChoice::Env(key.reveal_hex().to_string()),
        NewStaff {
            login: "admin".into(),
            full_name: "Администратор".into(),
            role: "admin".into(),
        },
        clock,
        consent_domain::Lang::Ru,
    )
    .expect("init");
    let admin = desk.staff_by_login("admin").expect("admin");
    let patients = scale(100_000);
    let open = scale(10_000);
    let started = Instant::now();
    let ids = register_population(&mut desk, &admin, patients);
    let surnames: Vec<String> = (0..patients).map(population_surname).collect();
    for id in ids.iter().take(open) {
        let consent = desk
            .grant_consent(
                &admin,
                &GrantInput {
                    patient: id.clone(),
                    granted: vec!["medical_account".into(), "notifications".into()],
                    until: None,
                },
            )
            .expect("grant");
        let (_, form) = desk.mark_printed(&admin, &consent.id).expect("print");
        desk.mark_signed(&admin, &form, "Архив").expect("sign");
        desk.receive_request(
            &admin,
            &ReceiveInput {
                patient: id.clone(),
                kind: "withdrawal".into(),
                purposes: vec![],
                received_on: Some("24.10.2025".into()),
                channel: "post".into(),
                details: None,
            },
        )
        .expect("withdrawal");
    }
    println!(
        "desk with {patients} patients and {open} open withdrawals built through the service in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut queries: Vec<String> = Vec::new();
    for (i, surname) in surnames.iter().enumerate().step_by((patients / 500).max(1)) {
        let prefix: String = surname.to_lowercase().chars().take(3 + i % 3).collect();
        queries.push(prefix);
        queries.push(format!("+7 9{:05}", i / 10_000));
        queries.push(format!("{:06}", i));
    }
    queries.push("15.06.1975".into());
    queries.push("1988-03-01".into());
    let mut ids_only = Vec::new();
    let mut with_records = Vec::new();
    for _ in 0..3 {
        for q in &queries {
            let t = Instant::now();
            let found = desk.find_patients(&admin, q, 20).expect("search");
            with_records.push(t.elapsed());
            std::hint::black_box(found);
        }
    }
    let store_search = |q: &str| {
        let t = Instant::now();
        std::hint::black_box(desk.find_patient_ids(&admin, q, 20).expect("ids"));
        t.elapsed()
    };
    for _ in 0..3 {
        for q in &queries {
            ids_only.push(store_search(q));
        }
    }
    let (ids_median, ids_p95) = (
        percentile(&mut ids_only, 0.5),
        percentile(&mut ids_only, 0.95),
    );
    let (rec_median, rec_p95) = (
        percentile(&mut with_records, 0.5),
        percentile(&mut with_records, 0.95),
    );
    println!(
        "patient search over {patients} patients ({} queries x 3)",
        queries.len()
    );
    println!(
        "  matching ids          median {ids_median:.3} ms  p95 {ids_p95:.3} ms   (target p95 <= 1 ms)"
    );
    println!("  with 20 records       median {rec_median:.3} ms  p95 {rec_p95:.3} ms");

    let mut listings = Vec::new();
    let mut listed = 0;
    for _ in 0..30 {
        let t = Instant::now();
        let queue = desk.queue(&admin).expect("queue");
        listings.push(t.elapsed());
        listed = queue.len();
    }
    assert_eq!(listed, open, "every open withdrawal is listed");
    let (q_median, q_p95) = (
        percentile(&mut listings, 0.5),
        percentile(&mut listings, 0.95),
    );
    println!("queue listing of {listed} open withdrawals (30 listings)");
    println!("  median {q_median:.2} ms  p95 {q_p95:.2} ms   (target <= 20 ms)");

    (
        json!({"patients": patients, "queries": queries.len() * 3,
               "ids_median_ms": ids_median, "ids_p95_ms": ids_p95,
               "records_median_ms": rec_median, "records_p95_ms": rec_p95}),
        json!({"open_requests": listed, "median_ms": q_median, "p95_ms": q_p95}),
    )
}
