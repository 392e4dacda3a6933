//! A destruction with its record: the desk that records it deletes the subject's key and keeps
//! only what the record says; other desks that fold it do the same; the steps after it travel in
//! clear; a clear row that is not one of those is refused.

use consent_domain::dates::date;
use consent_domain::destruction::DestructionRecord;
use consent_domain::event::EventBody;
use consent_domain::request::{Disposal, RequestChannel};
use consent_store::acts::ActRecord;
use consent_store::{Store, SyncRefusal};

use crate::ingest::{
    append, assert_whole, desk, destroyed, digest, drafted, patient, pull, register, request,
    rows_for, signed, withdrawal,
};
use crate::ledger::NOW_MS;

const ADMIN: consent_domain::staff::StaffId = consent_domain::staff::StaffId::from_u128(1);

/// Destroys patient `n` at `store` as the service does: the withdrawal's steps, then the
/// destruction with its record and its act.
fn destroy(store: &mut Store, n: u128, at_ms: u64) {
    let mut steps = destroyed(n);
    steps.pop();
    append(store, at_ms, steps);
    let state = store.subject(patient(n)).expect("subject");
    let current = state.requests.get(&request(n)).expect("request");
    let disposed = current.dispose(Disposal::Destroyed).expect("disposed");
    let record = DestructionRecord::new(
        date(2025, 10, 24),
        &disposed,
        state.consents.values(),
        state.requests.values(),
    );
    let body = EventBody::DataDisposed {
        patient: patient(n),
        request: request(n),
        disposal: Disposal::Destroyed,
        record: Some(Box::new(record)),
    };
    store
        .destroy_subject(ADMIN, at_ms + 1, body, |_, number| {
            Ok(ActRecord {
                id: [n as u8; 16],
                number,
                subject: patient(n),
                request: request(n),
                drawn_up_on: date(2025, 10, 24),
                keep_until: date(2028, 10, 24),
                subject_name: Some("Пациентова Анна".to_owned()),
                act: b"{}".to_vec(),
            })
        })
        .expect("destroyed");
}

#[test]
fn a_destruction_outlives_the_key_here_and_on_every_desk_that_folds_it() {
    let mut a = desk(0xA, true);
    let mut b = desk(0xB, false);
    append(&mut a.store, NOW_MS + 10, vec![register(1), register(2)]);
    append(&mut a.store, NOW_MS + 20, drafted(1, 0));
    append(&mut a.store, NOW_MS + 30, vec![signed(1, 0), withdrawal(1)]);
    pull(&a.store, &mut b.store);

    destroy(&mut a.store, 1, NOW_MS + 40);
    assert!(a.store.subject_key(patient(1)).expect("key").is_none());
    assert!(a.store.patient(patient(1)).expect("patient").is_none());
    let kept = a
        .store
        .destroyed_subject(patient(1))
        .expect("read")
        .expect("what the destruction kept");
    assert_eq!(kept.record.consents.len(), 1);
    assert_eq!(kept.record.requests.len(), 1);
    assert_eq!(a.store.acts().expect("acts").len(), 1);
    // The request outlives the data: it still has to be notified and closed.
    assert_eq!(a.store.queue().expect("queue").len(), 1);
    assert_whole(&mut a.store);
    // Nothing but the steps that finish the request may be recorded about the subject now.
    let refused = a.store.append(ADMIN, NOW_MS + 45, register(1));
    assert!(
        matches!(refused, Err(consent_store::StoreError::SubjectDestroyed)),
        "{refused:?}"
    );

    let report = pull(&a.store, &mut b.store);
    assert!(report.shredded > 0, "{report:?}");
    assert!(b.store.subject_key(patient(1)).expect("key").is_none());
    assert!(b.store.patient(patient(1)).expect("patient").is_none());
    assert_eq!(
        b.store.destroyed_subject(patient(1)).expect("read"),
        Some(kept)
    );
    assert!(
        b.store.acts().expect("acts").is_empty(),
        "acts stay where drawn up"
    );
    assert_eq!(digest(&a.store), digest(&b.store));
    assert_whole(&mut b.store);

    // The steps after the destruction travel in clear and finish the request everywhere.
    append(
        &mut a.store,
        NOW_MS + 50,
        vec![
            EventBody::SubjectNotified {
                patient: patient(1),
                request: request(1),
                on: date(2025, 10, 24),
                channel: RequestChannel::Post,
            },
            EventBody::RequestClosed {
                patient: patient(1),
                request: request(1),
            },
        ],
    );
    pull(&a.store, &mut b.store);
    assert!(
        b.store.queue().expect("queue").is_empty(),
        "closed everywhere"
    );
    assert_eq!(digest(&a.store), digest(&b.store));
    assert_whole(&mut a.store);
    assert_whole(&mut b.store);
    assert!(b.store.patient(patient(2)).expect("patient").is_some());
}

#[test]
fn a_subjects_row_in_clear_is_refused_unless_it_is_a_destruction_or_a_step_after_it() {
    let mut a = desk(0xA, true);
    let mut b = desk(0xB, false);
    append(&mut a.store, NOW_MS + 10, vec![register(1)]);
    let (mut rows, keys) = rows_for(&a.store, b.store.desk());
    // A registration whose body was left in clear: personal data the server would have seen.
    let last = rows.last_mut().expect("the registration");
    let plain = consent_store::codec::encode_body(&register(1));
    last.nonce.clear();
    last.sealed = plain;
    last.hash = last.compute_hash();
    let err = b.store.ingest(&rows, &keys).expect_err("refused");
    assert!(
        matches!(
            err,
            consent_store::StoreError::SyncRefused {
                reason: SyncRefusal::Malformed { .. }
            }
        ),
        "{err:?}"
    );
    assert!(b.store.patient(patient(1)).expect("patient").is_none());
}
