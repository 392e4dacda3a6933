//! The journal of subject requests for an inspection (issue 12): 50,000 withdrawals received in a year,
//! a third met in time, a third late, a third still open and overdue, one in ten extended; the
//! journal as a view, as CSV and as PDF through the service, and the queue's counts. Target: each
//! export under 2 s.
//!
//! The desk is made by the service (clinic, staff), its history appended with `Store::append_all` in
//! batches at the days the steps happen (the fold keeps each step's day), then opened again by the
//! service "today", 20.11.2025.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use consent_desk_tests::history::{body, patient_id, v7};
use consent_domain::clinic::ClinicInput;
use consent_domain::event::EventBody;
use consent_domain::ids::RequestId;
use consent_domain::purpose::PurposeCode;
use consent_domain::request::PurposeOutcome;
use consent_service::clock::FixedClock;
use consent_service::desk::DATABASE_FILE;
use consent_service::{Desk, KeyChoice, NewStaff};
use consent_store::{DbKey, Store};
use serde_json::json;

use crate::{NOW_MS, percentile, scale};

const DAY_MS: u64 = 86_400_000;
/// Steps 0–7 of `history::body`: registration, two consents printed and signed, the withdrawal.
const HISTORY_STEPS: usize = 8;
const BATCH: usize = 1_000;
const RUNS: usize = 3;

/// The events of request `n` in one batch.
type Steps = Box<dyn Fn(usize) -> Vec<EventBody>>;

pub fn run(dir: &Path) -> serde_json::Value {
    let requests = scale(50_000);
    let data_dir = dir.join("journal-desk");
    let key = DbKey::generate().expect("key");
    let hex = key.reveal_hex().to_string();
    let started = Instant::now();
    let actor = {
        let mut desk = Desk::init(
            &data_dir,
            KeyChoice::Env(hex.clone()),
            NewStaff {
                login: "admin".into(),
                full_name: "Кузнецова Мария Ивановна".into(),
                role: "admin".into(),
            },
            Arc::new(FixedClock(NOW_MS)),
            consent_domain::Lang::Ru,
        )
        .expect("init");
        let admin = desk.staff_by_login("admin").expect("admin");
        desk.set_clinic(
            &admin,
            &ClinicInput {
                name: "ООО «Клиника семейной медицины»".into(),
                inn: "7707083893".into(),
                ogrn: "1027700132195".into(),
                ..Default::default()
            },
        )
        .expect("clinic");
        admin.id()
    };
    {
        let mut store = Store::open(data_dir.join(DATABASE_FILE), &key).expect("open store");
        let request = |n: usize| RequestId::from_uuid(v7(0x3, n));
        let batches: Vec<(u64, Steps)> = vec![
            // Received 24.10.2025 (history's day).
            (
                NOW_MS,
                Box::new(|n| (0..HISTORY_STEPS).map(|step| body(n, step)).collect()),
            ),
            // Started on 27.10; one in ten extended.
            (
                NOW_MS + 3 * DAY_MS,
                Box::new(move |n| {
                    let mut bodies = vec![EventBody::RequestStarted {
                        patient: patient_id(n),
                        request: request(n),
                    }];
                    if n % 10 == 0 {
                        bodies.push(EventBody::RequestExtended {
                            patient: patient_id(n),
                            request: request(n),
                            reason: "Запрошены документы из архива".into(),
                        });
                    }
                    bodies
                }),
            ),
            // A third stopped on 05.11 (in time), a third on 14.11 (late), a third never.
            (NOW_MS + 12 * DAY_MS, Box::new(move |n| decided(n, 0))),
            (NOW_MS + 21 * DAY_MS, Box::new(move |n| decided(n, 1))),
        ];
        for (at, bodies_of) in &batches {
            for chunk in (0..requests).collect::<Vec<_>>().chunks(BATCH) {
                let bodies: Vec<EventBody> = chunk.iter().flat_map(|&n| bodies_of(n)).collect();
                if !bodies.is_empty() {
                    store.append_all(actor, *at, bodies).expect("append_all");
                }
            }
        }
        store.close().expect("close");
    }
    println!(
        "desk with {requests} withdrawals built in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let desk = Desk::open(
        &data_dir,
        KeyChoice::Env(hex),
        Arc::new(FixedClock(NOW_MS + 27 * DAY_MS)),
        consent_domain::Lang::Ru,
    )
    .expect("open");
    let admin = desk.staff_by_login("admin").expect("admin");
    let (from, to) = ("01.01.2025", "31.12.2025");
    let view = desk.journal(&admin, from, to).expect("journal");
    assert_eq!(view.rows.len(), requests, "every request is in the journal");
    let late = view.rows.iter().filter(|r| r.timeliness == "late").count();
    assert!(
        late > 0 && late < requests,
        "a mix of outcomes: {late} late"
    );

    let time = |f: &dyn Fn() -> usize| {
        let mut runs: Vec<Duration> = Vec::new();
        let mut size = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            size = std::hint::black_box(f());
            runs.push(t.elapsed());
        }
        (percentile(&mut runs, 0.5), size)
    };
    let (view_ms, _) = time(&|| desk.journal(&admin, from, to).expect("journal").rows.len());
    let (csv_ms, csv_bytes) = time(&|| desk.journal_csv(&admin, from, to).expect("csv").len());
    let (pdf_ms, pdf_bytes) = time(&|| desk.journal_pdf(&admin, from, to).expect("pdf").len());
    let (dashboard_ms, _) =
        time(&|| desk.queue_dashboard(&admin).expect("dashboard").open as usize);
    println!("journal of {requests} requests (median of {RUNS} runs; target: each export < 2 s)");
    println!("  view (JSON types)   {view_ms:>8.1} ms");
    println!("  CSV                 {csv_ms:>8.1} ms   {csv_bytes} bytes");
    println!("  PDF                 {pdf_ms:>8.1} ms   {pdf_bytes} bytes");
    println!("  queue dashboard     {dashboard_ms:>8.1} ms");
    json!({
        "requests": requests,
        "view_ms": view_ms,
        "csv_ms": csv_ms,
        "csv_bytes": csv_bytes,
        "pdf_ms": pdf_ms,
        "pdf_bytes": pdf_bytes,
        "dashboard_ms": dashboard_ms,
        "target_ms": 2000,
        "csv_within_target": csv_ms < 2000.0,
        "pdf_within_target": pdf_ms < 2000.0,
    })
}

/// The decision of request `n` in batch `k` (0: in time, 1: late): a third each, the rest open.
fn decided(n: usize, k: usize) -> Vec<EventBody> {
    if n % 3 != k {
        return Vec::new();
    }
    vec![EventBody::PurposeDecided {
        patient: patient_id(n),
        request: RequestId::from_uuid(v7(0x3, n)),
        purpose: PurposeCode::NOTIFICATIONS,
        outcome: PurposeOutcome::Stopped,
    }]
}
