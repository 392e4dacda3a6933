//! Rows from other desks (`Store::ingest`): desks that exchange their rows converge on the same
//! projections whatever the batches and the order of arrival; refused batches change nothing; a
//! destruction recorded at another desk shreds the subject here too.

use std::collections::BTreeSet;

use consent_domain::consent::{ConsentChannel, ConsentDraft, ConsentTerm, Decision};
use consent_domain::dates::date;
use consent_domain::event::EventBody;
use consent_domain::ids::{ConsentId, DeskId, FormId, PatientId, RequestId};
use consent_domain::patient::validate;
use consent_domain::purpose::{Catalogue, PurposeCode};
use consent_domain::request::{Disposal, PurposeOutcome, RequestChannel, RequestKind, Scope};
use consent_domain::staff::{Login, Role, Staff, StaffId};
use consent_store::crypto::SubjectKey;
use consent_store::ledger::{NO_SUBJECT, Row};
use consent_store::{DatabaseId, DbKey, Store, StoreError, SyncRefusal};
use tempfile::TempDir;
use uuid::Uuid;

use crate::ledger::{NOW_MS, patient_input};

pub struct Desk {
    _dir: TempDir,
    pub store: Store,
}

const ADMIN: StaffId = StaffId::from_u128(1);

fn desk_id(n: u128) -> DeskId {
    DeskId::from_uuid(Uuid::from_u128(n))
}

/// A new desk `n`; with `admin`, its first event saves the clinic's administrator (the same account
/// on every desk, as the first set-up of each would).
pub fn desk(n: u128, admin: bool) -> Desk {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("desk.db");
    let key = DbKey::generate().expect("key");
    let id = DatabaseId::generate().expect("id");
    let mut store = Store::create(&path, &key, &id, desk_id(n)).expect("create store");
    if admin {
        store
            .append(
                ADMIN,
                NOW_MS,
                EventBody::StaffSaved {
                    staff: staff(1, "admin"),
                },
            )
            .expect("first admin");
    }
    Desk { _dir: dir, store }
}

pub fn staff(id: u128, login: &str) -> Staff {
    Staff::new(
        StaffId::from_u128(id),
        Login::parse(login).expect("login"),
        "Смирнова Ольга Викторовна",
        Role::Admin,
    )
    .expect("staff")
}

pub fn patient(n: u128) -> PatientId {
    PatientId::from_uuid(Uuid::from_u128(0x1000 + n))
}

fn consent(n: u128, k: u128) -> ConsentId {
    ConsentId::from_uuid(Uuid::from_u128(0x2000_0000 + n * 16 + k))
}

fn form(n: u128, k: u128) -> FormId {
    FormId::from_uuid(Uuid::from_u128(0x3000_0000 + n * 16 + k))
}

pub fn request(n: u128) -> RequestId {
    RequestId::from_uuid(Uuid::from_u128(0x4000_0000 + n))
}

pub fn register(n: u128) -> EventBody {
    let data = validate(
        &patient_input("Пациентова", &format!("+7 912 {n:07}"), &format!("{n:06}")),
        date(2025, 10, 24),
    )
    .expect("valid patient");
    EventBody::PatientRegistered {
        patient: patient(n),
        data: Box::new(data),
    }
}

/// Consent `k` of patient `n`: drafted and printed.
pub fn drafted(n: u128, k: u128) -> Vec<EventBody> {
    vec![
        EventBody::ConsentDrafted {
            draft: ConsentDraft {
                id: consent(n, k),
                patient: patient(n),
                decisions: [
                    (PurposeCode::MEDICAL_ACCOUNT, Decision::Granted),
                    (PurposeCode::NOTIFICATIONS, Decision::Granted),
                ]
                .into_iter()
                .collect(),
                term: ConsentTerm::UntilWithdrawn,
                channel: ConsentChannel::Paper,
                drafted_on: date(2025, 10, 24),
            },
            policy_version: Catalogue::builtin().policy().id().clone(),
        },
        EventBody::ConsentFormPrinted {
            patient: patient(n),
            consent: consent(n, k),
            form: form(n, k),
        },
    ]
}

pub fn signed(n: u128, k: u128) -> EventBody {
    EventBody::ConsentSigned {
        patient: patient(n),
        consent: consent(n, k),
        form: form(n, k),
        paper_location: "Архив".to_owned(),
    }
}

pub fn withdrawal(n: u128) -> EventBody {
    EventBody::RequestReceived {
        request: request(n),
        patient: patient(n),
        kind: RequestKind::Withdrawal(Scope::All),
        received_on: date(2025, 10, 24),
        channel: RequestChannel::Post,
        purposes: [PurposeCode::MEDICAL_ACCOUNT, PurposeCode::NOTIFICATIONS]
            .into_iter()
            .collect::<BTreeSet<_>>(),
        details: None,
    }
}

/// The withdrawal of patient `n` worked through to the destruction of their data.
pub fn destroyed(n: u128) -> Vec<EventBody> {
    let decided = |purpose| EventBody::PurposeDecided {
        patient: patient(n),
        request: request(n),
        purpose,
        outcome: PurposeOutcome::Stopped,
    };
    vec![
        EventBody::RequestStarted {
            patient: patient(n),
            request: request(n),
        },
        decided(PurposeCode::MEDICAL_ACCOUNT),
        decided(PurposeCode::NOTIFICATIONS),
        EventBody::DataDisposed {
            patient: patient(n),
            request: request(n),
            disposal: Disposal::Destroyed,
            record: None,
        },
    ]
}

pub fn append(store: &mut Store, at_ms: u64, bodies: Vec<EventBody>) {
    store.append_all(ADMIN, at_ms, bodies).expect("append");
}

/// Every row `from` holds of desks other than `to`, and the keys of their subjects that `from` has.
pub fn rows_for(from: &Store, to: DeskId) -> (Vec<Row>, Vec<(PatientId, SubjectKey)>) {
    let mut rows = Vec::new();
    for (desk, _) in from.heads().expect("heads") {
        if desk != to {
            rows.extend(from.rows_after(desk, 0, usize::MAX).expect("rows"));
        }
    }
    let keys = keys_for(from, &rows);
    (rows, keys)
}

/// The keys `from` holds of the subjects of `rows`.
pub fn keys_for(from: &Store, rows: &[Row]) -> Vec<(PatientId, SubjectKey)> {
    let subjects: BTreeSet<PatientId> = rows
        .iter()
        .map(|r| r.subject)
        .filter(|s| *s != NO_SUBJECT)
        .collect();
    subjects
        .into_iter()
        .filter_map(|s| from.subject_key(s).expect("key").map(|k| (s, k)))
        .collect()
}

/// `to` takes in everything `from` holds of other desks.
pub fn pull(from: &Store, to: &mut Store) -> consent_store::IngestReport {
    let (rows, keys) = rows_for(from, to.desk());
    to.ingest(&rows, &keys).expect("ingest")
}

pub fn digest(store: &Store) -> [u8; 32] {
    store.projection_digest().expect("digest")
}

pub fn assert_whole(store: &mut Store) {
    let verification = store.verify().expect("verify");
    assert!(verification.is_intact(), "{verification:?}");
    let report = store.rebuild().expect("rebuild");
    assert!(report.unchanged, "ingest and rebuild disagree: {report:?}");
}

#[test]
fn two_desks_that_exchange_their_rows_converge_and_equal_a_desk_that_took_all_at_once() {
    let mut a = desk(0xA, true);
    let mut b = desk(0xB, true);
    // Independent work, then the first exchange.
    append(&mut a.store, NOW_MS + 100, vec![register(1), register(2)]);
    append(&mut a.store, NOW_MS + 110, drafted(1, 0));
    append(&mut b.store, NOW_MS + 50, vec![register(3)]);
    append(&mut b.store, NOW_MS + 60, drafted(3, 0));
    let to_b = pull(&a.store, &mut b.store);
    assert_eq!((to_b.stored, to_b.skipped), (5, 0), "{to_b:?}");
    pull(&b.store, &mut a.store);
    assert_eq!(digest(&a.store), digest(&b.store));

    // Concurrent work on the same patients: both sign consent 1/0 (one of them becomes the same
    // conflict on both desks), and B's clock runs behind A's, so B's rows sort before A's newest
    // for patient 1 and A must fold that patient again.
    append(
        &mut a.store,
        NOW_MS + 300,
        vec![signed(1, 0), withdrawal(1)],
    );
    append(&mut a.store, NOW_MS + 310, vec![signed(3, 0)]);
    append(&mut b.store, NOW_MS + 100, vec![signed(1, 0)]);
    append(&mut b.store, NOW_MS + 101, drafted(2, 1));
    append(&mut b.store, NOW_MS + 102, vec![withdrawal(3)]);
    // A second account with the admin's login: a desk-wide conflict, decided by the fold order.
    append(
        &mut b.store,
        NOW_MS + 103,
        vec![EventBody::StaffSaved {
            staff: staff(2, "admin"),
        }],
    );
    let to_a = pull(&b.store, &mut a.store);
    assert!(to_a.refolded >= 1, "B's rows sort before A's: {to_a:?}");
    assert!(to_a.desk_changed);
    assert_eq!(to_a.skipped, 4, "B sends back what A already had: {to_a:?}");
    pull(&a.store, &mut b.store);

    assert_eq!(digest(&a.store), digest(&b.store));
    assert_eq!(
        a.store.subject(patient(1)).expect("subject"),
        b.store.subject(patient(1)).expect("subject")
    );
    assert_eq!(
        a.store.queue().expect("queue"),
        b.store.queue().expect("queue")
    );
    assert_eq!(a.store.queue().expect("queue").len(), 2);

    // A third desk that takes both chains in one batch folds the same.
    let mut c = desk(0xC, false);
    let (all, keys) = rows_for(&a.store, c.store.desk());
    let report = c.store.ingest(&all, &keys).expect("one batch");
    assert_eq!(report.stored, all.len());
    assert_eq!(digest(&c.store), digest(&a.store));
    assert_eq!(report.heads, c.store.heads().expect("heads"));

    for store in [&mut a.store, &mut b.store, &mut c.store] {
        assert_whole(store);
    }
    assert_eq!(digest(&a.store), digest(&b.store));
    assert_eq!(digest(&b.store), digest(&c.store));
}

#[test]
fn a_local_event_after_an_ingest_sorts_after_every_ingested_one() {
    let mut a = desk(0xA, true);
    let mut b = desk(0xB, true);
    // A's clock runs an hour ahead.
    append(&mut a.store, NOW_MS + 3_600_000, vec![register(1)]);
    pull(&a.store, &mut b.store);
    append(&mut b.store, NOW_MS, drafted(1, 0));
    let (events, _) = b.store.events().expect("events");
    let newest = events.last().expect("events");
    assert_eq!(newest.desk, b.store.desk(), "B's own event sorts last");
    assert!(newest.hlc.wall_ms >= NOW_MS + 3_600_000);
    // B's consent folded after A's registration: no conflict.
    assert_eq!(
        b.store.subject(patient(1)).expect("subject").conflicts,
        vec![]
    );
    assert_whole(&mut b.store);
}

#[test]
fn the_same_batch_twice_is_all_skipped_the_second_time() {
    let mut a = desk(0xA, true);
    let mut b = desk(0xB, false);
    append(&mut a.store, NOW_MS + 10, vec![register(1), withdrawal(1)]);
    append(&mut a.store, NOW_MS + 20, drafted(1, 0));
    let (rows, keys) = rows_for(&a.store, b.store.desk());
    let first = b.store.ingest(&rows, &keys).expect("first");
    assert_eq!((first.stored, first.skipped), (rows.len(), 0));
    let before = (digest(&b.store), b.store.verify().expect("verify").events);
    let second = b.store.ingest(&rows, &keys).expect("second");
    assert_eq!((second.stored, second.skipped), (0, rows.len()));
    assert_eq!(second.heads, vec![], "no chain moved");
    assert_eq!(second.subjects, vec![]);
    assert_eq!(
        (digest(&b.store), b.store.verify().expect("verify").events),
        before
    );
    // Duplicates inside one batch too.
    let mut c = desk(0xC, false);
    let doubled: Vec<Row> = rows.iter().chain(rows.iter()).cloned().collect();
    let report = c.store.ingest(&doubled, &keys).expect("doubled");
    assert_eq!((report.stored, report.skipped), (rows.len(), rows.len()));
    assert_eq!(digest(&c.store), digest(&b.store));
    assert_whole(&mut b.store);
}

/// A desk `b` holding the first `held` rows of `a`'s chain, and `a`'s rows.
fn half_synced(held: usize) -> (Desk, Desk, Vec<Row>, Vec<(PatientId, SubjectKey)>) {
    let mut a = desk(0xA, true);
    let mut b = desk(0xB, false);
    append(&mut a.store, NOW_MS + 10, vec![register(1), register(2)]);
    append(&mut a.store, NOW_MS + 20, drafted(1, 0));
    append(&mut a.store, NOW_MS + 30, vec![signed(1, 0), withdrawal(1)]);
    append(&mut a.store, NOW_MS + 40, vec![register(3)]);
    let (rows, keys) = rows_for(&a.store, b.store.desk());
    b.store.ingest(&rows[..held], &keys).expect("first part");
    (a, b, rows, keys)
}

fn refused(store: &mut Store, rows: &[Row], keys: &[(PatientId, SubjectKey)]) -> SyncRefusal {
    let before = (
        digest(store),
        store.verify().expect("verify").events,
        store.heads().expect("heads"),
    );
    let error = store.ingest(rows, keys).expect_err("refused");
    let after = (
        digest(store),
        store.verify().expect("verify").events,
        store.heads().expect("heads"),
    );
    assert_eq!(after, before, "a refused batch changed the desk");
    match error {
        StoreError::SyncRefused { reason } => reason,
        other => panic!("not a refusal: {other}"),
    }
}

fn rehash(mut row: Row) -> Row {
    row.hash = row.compute_hash();
    row
}

#[test]
fn forks_gaps_broken_links_and_tampered_rows_are_refused_and_change_nothing() {
    let (_a, mut b, rows, keys) = half_synced(5);
    let chain = rows[0].desk;
    // rows[0] is the admin (desk-wide), [1] and [2] registrations, [3] [4] consent 1/0, [5] signed.
    let tail = &rows[5..];

    let mut fork = rows[3].clone();
    fork.hlc.counter += 1;
    let fork = rehash(fork);
    assert_eq!(
        refused(&mut b.store, &[fork], &keys),
        SyncRefusal::Fork {
            desk: chain,
            seq: 4
        }
    );

    assert_eq!(
        refused(&mut b.store, &tail[1..], &keys),
        SyncRefusal::Gap {
            desk: chain,
            expected: 6,
            seq: 7
        }
    );

    let mut unlinked = tail.to_vec();
    unlinked[0].prev_hash[0] ^= 1;
    unlinked[0] = rehash(unlinked[0].clone());
    assert_eq!(
        refused(&mut b.store, &unlinked, &keys),
        SyncRefusal::BrokenLink {
            desk: chain,
            seq: 6
        }
    );

    // The last row of the batch: a rehashed row breaks the link of the next.
    let mut altered = tail[..2].to_vec();
    altered[1].sealed[0] ^= 1;
    altered[1] = rehash(altered[1].clone());
    assert_eq!(
        refused(&mut b.store, &altered, &keys),
        SyncRefusal::Tampered {
            desk: chain,
            seq: 7
        }
    );

    let mut bad_hash = tail.to_vec();
    bad_hash[2].hash[31] ^= 1;
    assert_eq!(
        refused(&mut b.store, &bad_hash, &keys),
        SyncRefusal::HashMismatch {
            desk: chain,
            seq: 8
        }
    );

    // A desk-wide row whose plain body names another kind than its envelope.
    let mut c = desk(0xC, false);
    let mut mislabelled = rows[0].clone();
    mislabelled.kind = "clinic_details_saved".to_owned();
    let mislabelled = rehash(mislabelled);
    assert_eq!(
        refused(&mut c.store, &[mislabelled], &[]),
        SyncRefusal::Malformed {
            desk: chain,
            seq: 1
        }
    );

    // The rest of the chain still goes in whole.
    let report = b.store.ingest(tail, &keys).expect("the true tail");
    assert_eq!(report.stored, tail.len());
    assert_whole(&mut b.store);
}

#[test]
fn rows_of_this_desk_and_rows_without_their_key_are_refused() {
    let (_a, mut b, rows, keys) = half_synced(3);
    // B's own rows, as a server would echo them back.
    append(&mut b.store, NOW_MS + 50, vec![register(9)]);
    let own = b.store.rows_after(b.store.desk(), 0, 10).expect("own rows");
    assert_eq!(
        refused(&mut b.store, &own, &[]),
        SyncRefusal::OwnDesk { seq: 1 }
    );

    // Patient 3's registration without their key: named, and the batch's other key is not kept.
    let rest = &rows[3..];
    let without: Vec<(PatientId, SubjectKey)> = keys
        .iter()
        .filter(|(p, _)| *p != patient(3))
        .cloned()
        .collect();
    assert_eq!(
        refused(&mut b.store, rest, &without),
        SyncRefusal::KeyMissing {
            subjects: vec![patient(3)]
        }
    );
    // A key that came with a batch refused after it was taken in is not kept either.
    let mut tampered = rest.to_vec();
    assert_eq!(tampered[4].subject, patient(3));
    tampered[4].sealed[0] ^= 1;
    tampered[4] = rehash(tampered[4].clone());
    assert!(matches!(
        refused(&mut b.store, &tampered, &keys),
        SyncRefusal::Tampered { seq: 8, .. }
    ));
    assert!(b.store.subject_key(patient(3)).expect("key").is_none());

    // With the key, the same rows go in.
    b.store.ingest(rest, &keys).expect("with the keys");
    assert!(b.store.subject_key(patient(3)).expect("key").is_some());
    assert_whole(&mut b.store);
}

#[test]
fn a_destruction_at_another_desk_deletes_the_key_here_and_it_never_comes_back() {
    let mut a = desk(0xA, true);
    let mut b = desk(0xB, false);
    append(&mut a.store, NOW_MS + 10, vec![register(1), register(2)]);
    append(&mut a.store, NOW_MS + 20, drafted(1, 0));
    append(&mut a.store, NOW_MS + 30, vec![signed(1, 0), withdrawal(1)]);
    pull(&a.store, &mut b.store);
    assert!(b.store.subject_key(patient(1)).expect("key").is_some());
    assert!(b.store.patient(patient(1)).expect("patient").is_some());

    append(&mut a.store, NOW_MS + 40, destroyed(1));
    // The server ought to have deleted its wrapped key; the batch brings it anyway.
    let report = pull(&a.store, &mut b.store);
    assert_eq!(report.shredded, 4, "{report:?}");
    assert!(b.store.subject_key(patient(1)).expect("key").is_none());
    assert!(b.store.patient(patient(1)).expect("patient").is_none());
    assert!(b.store.queue().expect("queue").is_empty());
    assert!(b.store.patient(patient(2)).expect("patient").is_some());
    assert_whole(&mut b.store);

    // A later row about the destroyed subject (the act printed at A), with the key again.
    append(
        &mut a.store,
        NOW_MS + 50,
        vec![EventBody::FormPrinted {
            patient: patient(1),
            form: form(1, 9),
            document: consent_domain::event::PrintedDocument::DestructionAct,
            request: Some(request(1)),
        }],
    );
    // It was written in clear (it carries no personal data, and the subject has no key to seal
    // with), so it is the one row of theirs that reads.
    let report = pull(&a.store, &mut b.store);
    assert_eq!((report.stored, report.shredded), (1, 0), "{report:?}");
    assert!(b.store.subject_key(patient(1)).expect("key").is_none());
    let (events, shredded) = b.store.events().expect("events");
    assert_eq!(
        shredded, 9,
        "every sealed row of the destroyed subject stays unreadable"
    );
    assert!(
        events
            .iter()
            .any(|e| e.id == a.store.events().expect("a").0.last().expect("last").id)
    );
    assert_whole(&mut b.store);

    // A desk that never had the key takes the destroyed subject's rows, given or not given the key.
    for with_key in [true, false] {
        let mut c = desk(0xC, false);
        let (rows, mut keys) = rows_for(&a.store, c.store.desk());
        if !with_key {
            keys.retain(|(p, _)| *p != patient(1));
        }
        c.store.ingest(&rows, &keys).expect("ingest");
        assert!(c.store.subject_key(patient(1)).expect("key").is_none());
        assert_eq!(digest(&c.store), digest(&b.store));
        assert_whole(&mut c.store);
    }
}

#[test]
fn rows_after_and_heads_page_through_every_chain() {
    let mut a = desk(0xA, true);
    append(
        &mut a.store,
        NOW_MS + 10,
        vec![register(1), register(2), register(3)],
    );
    let own = a.store.desk();
    let page = a.store.rows_after(own, 1, 2).expect("page");
    assert_eq!(page.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![2, 3]);
    assert!(a.store.rows_after(own, 4, 10).expect("end").is_empty());
    let heads = a.store.heads().expect("heads");
    assert_eq!(heads.len(), 1);
    assert_eq!((heads[0].0, heads[0].1.seq), (own, 4));
    let mut b = desk(0xB, true);
    pull(&a.store, &mut b.store);
    let heads = b.store.heads().expect("heads");
    assert_eq!(
        heads.iter().map(|(d, h)| (*d, h.seq)).collect::<Vec<_>>(),
        vec![(own, 4), (b.store.desk(), 1)]
    );
}
