//! A big clinic's whole history (issue 11, "Scale"): a new desk pulls about a million events of
//! 100,000 patients, and must then work as fast as a desk with a thousand.
//! - rebuild: the projections folded from a ledger of 10 events per patient (registration, two consents
//!   printed and signed, a withdrawal with its printed form, an update), written as another desk's
//!   events the way a pull stores them; events/s, and the ratio to the encrypted ingest rate;
//! - pull: the same rows taken in by a new desk through `Store::ingest` in pages of 2,000 with their
//!   subject keys (checked, stored, folded), and the ratio to `append_all` on the big desk;
//! - append: one event per commit (median, p95) and batches of 999 (events/s), at 1,000 patients and
//!   at 100,000: the cost should not grow with the desk;
//! - short-code lookup among every printed form: the index, and for comparison what the desk did
//!   before it (compute the code of every form and compare).

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use consent_desk_tests::history::{EVENTS_PER_PATIENT, NewConsent, body, form_id, patient_id, v7};
use consent_domain::event::{Event, EventBody};
use consent_domain::form_code::short_code;
use consent_domain::hlc::Hlc;
use consent_domain::ids::{ConsentId, DeskId, EventId, FormId, PatientId};
use consent_domain::staff::StaffId;
use consent_store::crypto::SubjectKey;
use consent_store::ledger::{self, GENESIS, Row};
use consent_store::{DatabaseId, DbKey, Store, codec, projection};
use rusqlite::params;
use serde_json::json;
use uuid::Uuid;

use crate::{NOW_MS, percentile, scale};

/// The desk whose history is pulled; the desk under test is another one.
const FOREIGN_DESK: u128 = 0x99;
const ACTOR: StaffId = StaffId::from_u128(1);

pub fn run(dir: &Path, encrypted_ingest_per_s: Option<f64>) -> serde_json::Value {
    let patients = scale(100_000);
    let small = scale(1_000);

    let (mut big, rebuild, rebuild_cpu) = rebuilt_desk(&dir.join("big.db"), patients);
    let events = patients * EVENTS_PER_PATIENT;
    let rate = events as f64 / rebuild.as_secs_f64();
    println!("rebuild of a ledger of {events} events ({patients} patients, another desk's events)");
    println!(
        "  {:.1} s   {rate:>10.0} events/s   on the CPU {rebuild_cpu:.1} s = {:.0} events/s",
        rebuild.as_secs_f64(),
        events as f64 / rebuild_cpu
    );
    let ratio = encrypted_ingest_per_s.map(|ingest| rate / ingest);
    if let Some(ratio) = ratio {
        println!("  rebuild / encrypted ingest  {ratio:.2}");
    }

    let lookup = short_code_lookup(&big);
    let pulled = pulled_desk(&big, &dir.join("pulled.db"));
    println!(
        "ingest of the same {events} events into a new desk (Store::ingest, {PULL_PAGE} per batch)"
    );
    println!(
        "  {:.1} s   {:>10.0} events/s   ({} slices folded again)   on the CPU {:.1} s = {:.0} events/s",
        pulled.seconds,
        pulled.per_s,
        pulled.refolded,
        pulled.cpu_seconds,
        events as f64 / pulled.cpu_seconds
    );

    let (mut little, _, _) = rebuilt_desk(&dir.join("small.db"), small);
    let at_small = append_costs(&mut little, small);
    let at_big = append_costs(&mut big, patients);
    println!("append, at {small} patients vs at {patients}");
    for (label, figures) in [("small", &at_small), ("big", &at_big)] {
        println!(
            "  {label:<5}  one per commit: median {:.3} ms  p95 {:.3} ms   batches of 999: {:>8.0} events/s",
            figures.single_median_ms, figures.single_p95_ms, figures.batch_per_s
        );
    }
    let pull_ratio = pulled.per_s / at_big.batch_per_s;
    println!("  ingest / append_all (batches, big desk)  {pull_ratio:.2}   (target >= 0.60)");

    json!({
        "rebuild": {"events": events, "patients": patients, "seconds": rebuild.as_secs_f64(),
                    "events_per_s": rate, "ratio_to_encrypted_ingest": ratio},
        "append": {
            "small": {"patients": small, "single_median_ms": at_small.single_median_ms,
                      "single_p95_ms": at_small.single_p95_ms, "batch_events_per_s": at_small.batch_per_s},
            "big": {"patients": patients, "single_median_ms": at_big.single_median_ms,
                    "single_p95_ms": at_big.single_p95_ms, "batch_events_per_s": at_big.batch_per_s},
        },
        "short_code_lookup": lookup,
        "pull_ingest": {"events": events, "batch": PULL_PAGE, "seconds": pulled.seconds,
                        "cpu_seconds": pulled.cpu_seconds,
                        "events_per_s": pulled.per_s, "refolded": pulled.refolded,
                        "ratio_to_append_all": pull_ratio},
    })
}

/// A new desk holding another desk's history of `patients` patients, folded by `rebuild`; returns
/// the store, how long the rebuild took and how long it was on the CPU.
fn rebuilt_desk(path: &Path, patients: usize) -> (Store, Duration, f64) {
    let key = DbKey::generate().expect("key");
    let id = DatabaseId::generate().expect("id");
    let store =
        Store::create(path, &key, &id, DeskId::from_uuid(Uuid::from_u128(1))).expect("create");
    let conn = store.database().connection();
    let keys: Vec<SubjectKey> = (0..patients)
        .map(|_| SubjectKey::generate().expect("subject key"))
        .collect();
    let desk = DeskId::from_uuid(Uuid::from_u128(FOREIGN_DESK));
    let mut prev = GENESIS;
    let mut seq = 0u64;
    let mut tx = conn.unchecked_transaction().expect("tx");
    for (n, key) in keys.iter().enumerate() {
        tx.execute(
            "INSERT INTO subject_keys (subject_id, key) VALUES (?1, ?2)",
            params![patient_id(n).as_bytes(), key.as_bytes()],
        )
        .expect("subject key");
    }
    // Step by step across all patients: a patient's events lie far apart in the ledger, as a clinic's
    // do over the years (the harder case for a fold that reads subject by subject).
    for step in 0..EVENTS_PER_PATIENT {
        for (n, key) in keys.iter().enumerate() {
            seq += 1;
            let event = Event {
                id: EventId::from_uuid(v7(0x4, seq as usize)),
                desk,
                seq,
                hlc: Hlc::new(NOW_MS - 100_000_000 + seq, 0),
                actor: ACTOR,
                body: body(n, step),
            };
            let row =
                Row::seal(&event, prev, Some(key), codec::encode_body(&event.body)).expect("seal");
            ledger::insert(&tx, &row).expect("insert");
            prev = row.hash;
            if seq.is_multiple_of(10_000) {
                tx.commit().expect("commit");
                tx = conn.unchecked_transaction().expect("tx");
            }
        }
    }
    tx.commit().expect("commit");
    let mut store = store;
    let (started, on_cpu) = (Instant::now(), thread_cpu_ns());
    let report = store.rebuild().expect("rebuild");
    let took = started.elapsed();
    let cpu_seconds = (thread_cpu_ns() - on_cpu) as f64 / 1e9;
    assert_eq!(
        (
            report.events,
            report.patients,
            report.consents,
            report.requests
        ),
        (
            patients * EVENTS_PER_PATIENT,
            patients,
            patients * 2,
            patients
        ),
        "{report:?}"
    );
    (store, took, cpu_seconds)
}

/// Rows per `Store::ingest` batch in the pull measure (the sync engine's page).
const PULL_PAGE: usize = 2_000;

struct Pulled {
    seconds: f64,
    /// The time the ingest calls spent on the CPU: on a shared machine, steadier than the clock.
    cpu_seconds: f64,
    per_s: f64,
    refolded: usize,
}

/// A new desk that takes in every row of `source`'s other desk, page by page with the pages'
/// subject keys, as an initial pull stores it; only the `ingest` calls are timed.
fn pulled_desk(source: &Store, path: &Path) -> Pulled {
    let key = DbKey::generate().expect("key");
    let id = DatabaseId::generate().expect("id");
    let mut store =
        Store::create(path, &key, &id, DeskId::from_uuid(Uuid::from_u128(2))).expect("create");
    let desk = DeskId::from_uuid(Uuid::from_u128(FOREIGN_DESK));
    let (mut after, mut events, mut refolded) = (0, 0, 0);
    let mut took = Duration::ZERO;
    let mut cpu_ns = 0;
    loop {
        let rows = source.rows_after(desk, after, PULL_PAGE).expect("page");
        let Some(last) = rows.last() else { break };
        after = last.seq;
        let subjects: BTreeSet<PatientId> = rows.iter().map(|r| r.subject).collect();
        let keys: Vec<(PatientId, SubjectKey)> = subjects
            .into_iter()
            .filter_map(|s| source.subject_key(s).expect("key").map(|k| (s, k)))
            .collect();
        let (started, on_cpu) = (Instant::now(), thread_cpu_ns());
        let report = store.ingest(&rows, &keys).expect("ingest");
        took += started.elapsed();
        cpu_ns += thread_cpu_ns() - on_cpu;
        events += report.stored;
        refolded += report.refolded;
    }
    assert_eq!(
        store.projection_digest().ok(),
        source.projection_digest().ok()
    );
    Pulled {
        seconds: took.as_secs_f64(),
        cpu_seconds: cpu_ns as f64 / 1e9,
        per_s: events as f64 / took.as_secs_f64(),
        refolded,
    }
}

/// Nanoseconds this thread has run on a CPU (the kernel's schedstat; 0 where there is none).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

struct AppendCosts {
    single_median_ms: f64,
    single_p95_ms: f64,
    batch_per_s: f64,
}

/// New consents for existing patients (each signature supersedes the patient's older consents): 300
/// single appends, then 10 batches of 333 patients' draft, print and sign.
fn append_costs(store: &mut Store, patients: usize) -> AppendCosts {
    let stride = (patients / 333).max(1);
    // Ids of their own (kinds 5 and 6), never those of the pulled history.
    let mut fresh = 0;
    let mut next = |kind| {
        fresh += 1;
        v7(kind, fresh)
    };
    let mut singles = Vec::new();
    for i in 0..300 {
        let n = (i * stride) % patients;
        let consent = ConsentId::from_uuid(next(0x5));
        let t = Instant::now();
        store
            .append(ACTOR, NOW_MS, NewConsent(patient_id(n), consent).into())
            .expect("append");
        singles.push(t.elapsed());
    }
    let mut batched = 0;
    let started = Instant::now();
    for round in 0..10 {
        let mut bodies = Vec::new();
        for i in 0..333 {
            let n = (i * stride + round) % patients;
            let consent = ConsentId::from_uuid(next(0x5));
            let form = FormId::from_uuid(next(0x6));
            let patient = patient_id(n);
            bodies.push(NewConsent(patient, consent).into());
            bodies.push(EventBody::ConsentFormPrinted {
                patient,
                consent,
                form,
            });
            bodies.push(EventBody::ConsentSigned {
                patient,
                consent,
                form,
                paper_location: "Архив".to_owned(),
            });
        }
        batched += bodies.len();
        store.append_all(ACTOR, NOW_MS, bodies).expect("append_all");
    }
    let batch_per_s = batched as f64 / started.elapsed().as_secs_f64();
    AppendCosts {
        single_median_ms: percentile(&mut singles, 0.5),
        single_p95_ms: percentile(&mut singles, 0.95),
        batch_per_s,
    }
}

/// 1,000 typed codes looked up through the index; 20 the way the desk did before.
fn short_code_lookup(store: &Store) -> serde_json::Value {
    let conn = store.database().connection();
    let forms: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM forms) + (SELECT count(*) FROM printed_forms)",
            [],
            |r| r.get(0),
        )
        .expect("count");
    let patients: usize = conn
        .query_row("SELECT count(*) FROM patients", [], |r| r.get::<_, i64>(0))
        .expect("count") as usize;
    let typed: Vec<(FormId, String)> = (0..1_000)
        .map(|i| {
            let form = form_id((i * 7_919) % patients, i % 3);
            (form, short_code(form))
        })
        .collect();
    let mut indexed = Vec::new();
    for (form, code) in &typed {
        let t = Instant::now();
        let found = projection::forms_with_short_code(conn, code).expect("lookup");
        indexed.push(t.elapsed());
        assert!(found.contains(form));
    }
    let mut scanned = Vec::new();
    for (form, code) in typed.iter().take(20) {
        let t = Instant::now();
        let ids: Vec<Vec<u8>> = conn
            .prepare_cached("SELECT form_id FROM forms UNION ALL SELECT form_id FROM printed_forms")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let found = ids
            .into_iter()
            .map(|b| FormId::from_bytes(b.try_into().expect("16 bytes")))
            .find(|f| short_code(*f) == *code);
        scanned.push(t.elapsed());
        assert_eq!(found.as_ref(), Some(form));
    }
    let (median, p95) = (
        percentile(&mut indexed, 0.5),
        percentile(&mut indexed, 0.95),
    );
    let (scan_median, scan_p95) = (
        percentile(&mut scanned, 0.5),
        percentile(&mut scanned, 0.95),
    );
    println!("short-code lookup among {forms} printed forms (1,000 codes)");
    println!("  index                       median {median:.3} ms  p95 {p95:.3} ms");
    println!("  every code computed (before) median {scan_median:.1} ms  p95 {scan_p95:.1} ms");
    json!({"forms": forms, "lookups": typed.len(), "median_ms": median, "p95_ms": p95,
           "computed_median_ms": scan_median, "computed_p95_ms": scan_p95})
}
