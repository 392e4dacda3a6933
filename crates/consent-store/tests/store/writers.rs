//! Several writers on one desk: the app, `consentctl` and the sync task each hold their own `Store`
//! on the same file. Every append takes the head inside its own write transaction, a busy database
//! is waited for, and what one handle keeps in memory (the calendar) follows what another committed.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use consent_domain::dates::date;
use consent_store::Store;

use crate::ledger::{NOW_MS, consent_flow, desk, register};

fn seqs(store: &Store) -> Vec<u64> {
    let (events, shredded) = store.events().expect("events");
    assert_eq!(shredded, 0);
    events.iter().map(|e| e.seq).collect()
}

#[test]
fn two_handles_take_turns_without_a_refusal_or_a_gap() {
    let mut d = desk();
    let mut other = Store::open(&d.path, &d.key).expect("a second handle");
    for n in 1..=40u128 {
        register(&mut d.store, d.admin, 2 * n, "Орлова");
        // Written after the first handle's append, on the head that append made.
        register(&mut other, d.admin, 2 * n + 1, "Соколова");
    }
    let mut seen = seqs(&other);
    seen.sort_unstable();
    assert_eq!(
        seen,
        (1..=81).collect::<Vec<u64>>(),
        "seq 1..N without gaps"
    );
    assert!(d.store.verify().expect("verify").is_intact());
    // Each handle reads what the other wrote, without reopening.
    assert_eq!(d.store.search("соколова", 100).expect("search").len(), 40);
    assert_eq!(other.search("орлова", 100).expect("search").len(), 40);
}

#[test]
fn two_threads_writing_at_once_wait_for_each_other_and_lose_nothing() {
    let d = desk();
    let per_writer = 150u128;
    let writers: Vec<_> = (0..2u128)
        .map(|w| {
            let (path, admin) = (d.path.clone(), d.admin);
            let key = consent_store::DbKey::from_hex(d.key.reveal_hex().as_str()).expect("key");
            std::thread::spawn(move || {
                let mut store = Store::open(&path, &key).expect("open");
                (1..=per_writer)
                    .map(|n| register(&mut store, admin, w * 10_000 + n, "Параллельная"))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let acknowledged: BTreeSet<_> = writers
        .into_iter()
        .flat_map(|w| w.join().expect("no write refused"))
        .collect();
    assert_eq!(acknowledged.len(), 2 * per_writer as usize);
    let store = Store::open(&d.path, &d.key).expect("reopen");
    let mut seen = seqs(&store);
    seen.sort_unstable();
    let total = 1 + 2 * per_writer as u64;
    assert_eq!(seen, (1..=total).collect::<Vec<u64>>());
    for patient in &acknowledged {
        assert!(
            store.patient(*patient).expect("read").is_some(),
            "{patient} lost"
        );
    }
    assert!(store.verify().expect("verify").is_intact());
}

#[test]
fn a_calendar_another_handle_imported_counts_in_this_handles_next_deadline() {
    let mut d = desk();
    let mut admin_tool = Store::open(&d.path, &d.key).expect("a second handle");
    // 5 November 2025 declared a day off by the other handle (consentctl calendar import).
    let xml = admin_tool
        .calendar()
        .to_xml(2025)
        .expect("2025")
        .replace("</days>", "<day d=\"11.05\" t=\"1\"/></days>");
    admin_tool
        .import_calendar(d.admin, NOW_MS, &xml)
        .expect("import");
    let patient = register(&mut d.store, d.admin, 1, "Белова");
    consent_flow(&mut d.store, d.admin, patient);
    let due: Option<NaiveDate> = d.store.queue().expect("queue")[0].next_due;
    assert_eq!(
        due,
        Some(date(2025, 11, 11)),
        "computed with the imported year"
    );
    d.store.catch_up().expect("catch up");
    assert_eq!(
        d.store.calendar().is_working_day(date(2025, 11, 5)),
        Ok(false)
    );
}
