//! The fold: cross-object effects, conflicts between desks, and order independence (property-tested).

use std::collections::BTreeSet;

use crate::dates::date;
use proptest::prelude::*;

use super::*;
use crate::consent::ConsentStatus;
use crate::event::EventBody;
use crate::ids::FormId;
use crate::purpose::PurposeCode;
use crate::request::{RequestChannel, RequestKind, RequestStatus, Scope};
use crate::testkit::*;

const NOTIF: &PurposeCode = &PurposeCode::NOTIFICATIONS;
const ACCOUNT: &PurposeCode = &PurposeCode::PERSONAL_ACCOUNT;
const MEDICAL: &PurposeCode = &PurposeCode::MEDICAL_ACCOUNT;

fn register(n: u128) -> EventBody {
    EventBody::PatientRegistered {
        patient: patient_id(n),
        data: Box::new(patient("Ёлкина")),
    }
}

fn drafted(consent: u128, patient: u128) -> EventBody {
    EventBody::ConsentDrafted {
        draft: draft(
            consent_id(consent),
            patient_id(patient),
            &[MEDICAL, NOTIF, ACCOUNT],
            &[],
        ),
        policy_version: crate::purpose::Catalogue::builtin().policy().id().clone(),
    }
}

fn printed(consent: u128, patient: u128, form: FormId) -> EventBody {
    EventBody::ConsentFormPrinted {
        patient: patient_id(patient),
        consent: consent_id(consent),
        form,
    }
}

fn signed(consent: u128, patient: u128, form: FormId) -> EventBody {
    EventBody::ConsentSigned {
        patient: patient_id(patient),
        consent: consent_id(consent),
        form,
        paper_location: "Архив, папка 7".to_owned(),
    }
}

fn withdrawal(request: u128, patient: u128, scope: Scope) -> EventBody {
    let purposes = match &scope {
        Scope::All => purposes(&[MEDICAL, NOTIF, ACCOUNT]),
        Scope::Purposes(set) => set.clone(),
    };
    EventBody::RequestReceived {
        request: request_id(request),
        patient: patient_id(patient),
        kind: RequestKind::Withdrawal(scope),
        received_on: date(2025, 10, 24),
        channel: RequestChannel::InPerson,
        purposes,
        details: None,
    }
}

#[test]
fn a_signed_consent_supersedes_the_previous_one_and_a_withdrawal_takes_effect_on_receipt() {
    let mut desk = DeskWriter::new(1, 1_000);
    let events = vec![
        desk.at(1_000, register(1)),
        desk.at(1_001, drafted(1, 1)),
        desk.at(1_002, printed(1, 1, form_id(1))),
        desk.at(1_003, signed(1, 1, form_id(1))),
        desk.at(2_000, drafted(2, 1)),
        desk.at(2_001, printed(2, 1, form_id(2))),
        desk.at(2_002, signed(2, 1, form_id(2))),
        desk.at(3_000, withdrawal(1, 1, Scope::Purposes(purposes(&[NOTIF])))),
    ];
    let state = State::fold(&events);
    assert!(state.conflicts.is_empty(), "{:?}", state.conflicts);
    assert_eq!(
        state.consents[&consent_id(1)].status(TODAY),
        ConsentStatus::Superseded
    );
    let current = &state.consents[&consent_id(2)];
    assert_eq!(current.status(TODAY), ConsentStatus::PartlyWithdrawn);
    assert_eq!(current.in_force_purposes(), purposes(&[MEDICAL, ACCOUNT]));
    let request = &state.requests[&request_id(1)];
    assert_eq!(request.status, RequestStatus::Received);
    assert_eq!(state.requests_of(patient_id(1)).count(), 1);
    assert_eq!(state.patients[&patient_id(1)].registered_by, staff(1));
}

#[test]
fn contradicting_facts_from_two_desks_become_the_same_conflict_everywhere() {
    let mut a = DeskWriter::new(1, 1_000);
    let mut b = DeskWriter::new(2, 1_000);
    let setup = vec![
        a.at(1_000, register(1)),
        a.at(1_001, drafted(1, 1)),
        a.at(1_002, printed(1, 1, form_id(1))),
    ];
    // Both desks scan the same signed paper while offline.
    let sign_a = a.at(5_000, signed(1, 1, form_id(1)));
    let sign_b = b.at(5_000, signed(1, 1, form_id(1)));
    let mut one_way = setup.clone();
    one_way.extend([sign_a.clone(), sign_b.clone()]);
    let mut other_way = setup;
    other_way.extend([sign_b, sign_a]);
    let s1 = State::fold(&one_way);
    let s2 = State::fold(&other_way);
    assert_eq!(s1, s2);
    assert_eq!(s1.conflicts.len(), 1);
    assert_eq!(s1.conflicts[0].reason, "consent_already_signed");
}

#[test]
fn blocked_data_are_not_changed_or_printed_on_any_desk_until_unblocked() {
    let mut manager = DeskWriter::new(1, 1_000);
    let mut reception = DeskWriter::new(2, 1_000);
    let complaint = EventBody::RequestReceived {
        request: request_id(5),
        patient: patient_id(1),
        kind: RequestKind::Blocking,
        received_on: date(2025, 10, 24),
        channel: RequestChannel::Post,
        purposes: BTreeSet::new(),
        details: None,
    };
    let setup = vec![
        manager.at(1_000, register(1)),
        manager.at(1_001, drafted(1, 1)),
        manager.at(1_002, complaint),
        manager.at(
            1_003,
            EventBody::RequestStarted {
                patient: patient_id(1),
                request: request_id(5),
            },
        ),
        manager.at(
            2_000,
            EventBody::DataDisposed {
                patient: patient_id(1),
                request: request_id(5),
                disposal: crate::request::Disposal::Blocked,
                record: None,
            },
        ),
    ];
    // Reception, not yet aware of the block, edits the patient and prints the draft after it.
    let late = vec![
        reception.at(
            3_000,
            EventBody::PatientUpdated {
                patient: patient_id(1),
                data: Box::new(patient("Ёлкина-Смирнова")),
            },
        ),
        reception.at(3_001, printed(1, 1, form_id(1))),
        reception.at(3_002, drafted(2, 1)),
    ];
    let mut events = setup.clone();
    events.extend(late.iter().cloned());
    let state = State::fold(&events);
    let record = &state.patients[&patient_id(1)];
    let blocking = record.blocked.as_ref().expect("blocked");
    assert_eq!(blocking.request, request_id(5));
    assert_eq!(blocking.by, staff(1));
    assert_eq!(record.data, patient("Ёлкина"), "the edit did not land");
    let reasons: Vec<_> = state.conflicts.iter().map(|c| c.reason).collect();
    assert_eq!(reasons, ["subject_blocked"; 3]);
    assert_eq!(
        state.requests[&request_id(5)].status,
        RequestStatus::DataDisposed
    );
    // The same on a desk that received them the other way round.
    let mut reversed = late.clone();
    reversed.extend(setup.iter().cloned());
    assert_eq!(State::fold(&reversed), state);

    // Unblocked: the same edit now lands.
    let mut after = events.clone();
    after.push(manager.at(
        4_000,
        EventBody::DataUnblocked {
            patient: patient_id(1),
            request: request_id(5),
        },
    ));
    after.push(reception.at(
        4_001,
        EventBody::PatientUpdated {
            patient: patient_id(1),
            data: Box::new(patient("Ёлкина-Смирнова")),
        },
    ));
    after.push(manager.at(
        4_002,
        EventBody::DataUnblocked {
            patient: patient_id(1),
            request: request_id(5),
        },
    ));
    let unblocked = State::fold(&after);
    let record = &unblocked.patients[&patient_id(1)];
    assert!(record.blocked.is_none());
    assert_eq!(record.data, patient("Ёлкина-Смирнова"));
    assert_eq!(
        unblocked.conflicts.last().map(|c| c.reason),
        Some("subject_not_blocked"),
        "unblocking twice is a conflict"
    );
}

#[test]
fn a_correction_applies_the_values_once_while_in_work_and_meets_its_obligation() {
    let mut desk = DeskWriter::new(1, 1_000);
    let received = |request: u128, kind: RequestKind| EventBody::RequestReceived {
        request: request_id(request),
        patient: patient_id(1),
        kind,
        received_on: date(2025, 10, 24),
        channel: RequestChannel::Email,
        purposes: BTreeSet::new(),
        details: Some("  Фамилия: Ёлкина, не Елкина  ".to_owned()),
    };
    let corrected = |request: u128, surname: &str| EventBody::DataCorrected {
        patient: patient_id(1),
        request: request_id(request),
        data: Box::new(patient(surname)),
    };
    let started = |request: u128| EventBody::RequestStarted {
        patient: patient_id(1),
        request: request_id(request),
    };
    let events = vec![
        desk.at(1_000, register(1)),
        desk.at(1_001, received(1, RequestKind::Correction)),
        // Not in work yet.
        desk.at(1_002, corrected(1, "Ёлкина-Петрова")),
        desk.at(1_003, started(1)),
        desk.at(1_004, corrected(1, "Ёлкина-Петрова")),
        desk.at(1_005, corrected(1, "Иванова")),
        // Another kind of request has no such step.
        desk.at(1_006, received(2, RequestKind::Access)),
        desk.at(1_007, started(2)),
        desk.at(1_008, corrected(2, "Иванова")),
    ];
    let state = State::fold(&events);
    let reasons: Vec<&str> = state.conflicts.iter().map(|c| c.reason).collect();
    assert_eq!(
        reasons,
        vec![
            "request_wrong_status",
            "request_already_corrected",
            "request_step_not_applicable"
        ]
    );
    assert_eq!(
        state.patients[&patient_id(1)].data.name().surname.as_str(),
        "Ёлкина-Петрова"
    );
    let request = &state.requests[&request_id(1)];
    assert!(request.corrected);
    assert_eq!(
        request.details.as_deref(),
        Some("Фамилия: Ёлкина, не Елкина")
    );
    let calendar = crate::calendar::Calendar::builtin();
    assert_eq!(request.next_deadline(&calendar).expect("known year"), None);
    assert!(request.main_obligation_met());
    let done = request
        .done(|_| date(2025, 10, 27))
        .expect("met by the correction");
    assert_eq!(done.on, date(2025, 10, 27));
    assert_eq!(request.without_free_text().details, None);
}

#[test]
fn events_about_unknown_things_are_conflicts_not_panics() {
    let mut desk = DeskWriter::new(1, 1_000);
    let events = vec![
        desk.at(1_000, drafted(1, 9)),
        desk.at(1_001, printed(1, 9, form_id(1))),
        desk.at(1_002, withdrawal(1, 9, Scope::All)),
        desk.at(1_003, register(1)),
        desk.at(1_004, register(1)),
    ];
    let state = State::fold(&events);
    let reasons: Vec<&str> = state.conflicts.iter().map(|c| c.reason).collect();
    assert_eq!(
        reasons,
        vec![
            "patient_unknown",
            "consent_unknown",
            "patient_unknown",
            "patient_exists"
        ]
    );
    assert_eq!(state.patients.len(), 1);
}

#[test]
fn apply_refuses_an_event_that_sorts_before_the_last_one() {
    let mut desk = DeskWriter::new(1, 1_000);
    let first = desk.at(1_000, register(1));
    let second = desk.at(1_001, register(2));
    let mut state = State::default();
    state.apply(&second).expect("first apply");
    let err = state.apply(&first).expect_err("late event");
    assert_eq!(err.event, first.key());
    assert_eq!(state.patients.len(), 1, "nothing applied");
}

/// One step of a random script: which desk acts, how much later, and what it does.
#[derive(Debug, Clone)]
enum Op {
    Register(u8),
    Draft(u8, u8),
    Print(u8, u8),
    Sign(u8, u8),
    Withdraw(u8, u8),
    Start(u8, u8),
    Block(u8, u8),
    Unblock(u8, u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..4u8).prop_map(Op::Register),
        (0..6u8, 0..4u8).prop_map(|(c, p)| Op::Draft(c, p)),
        (0..6u8, 0..4u8).prop_map(|(c, p)| Op::Print(c, p)),
        (0..6u8, 0..4u8).prop_map(|(c, p)| Op::Sign(c, p)),
        (0..6u8, 0..4u8).prop_map(|(r, p)| Op::Withdraw(r, p)),
        (0..6u8, 0..4u8).prop_map(|(r, p)| Op::Start(r, p)),
        (0..6u8, 0..4u8).prop_map(|(r, p)| Op::Block(r, p)),
        (0..6u8, 0..4u8).prop_map(|(r, p)| Op::Unblock(r, p)),
    ]
}

fn body(op: &Op) -> EventBody {
    let n = |x: u8| u128::from(x);
    match *op {
        Op::Register(p) => register(n(p)),
        Op::Draft(c, p) => drafted(n(c), n(p)),
        Op::Print(c, p) => printed(n(c), n(p), form_id(n(c))),
        Op::Sign(c, p) => signed(n(c), n(p), form_id(n(c))),
        Op::Withdraw(r, p) => withdrawal(n(r), n(p), Scope::All),
        Op::Start(r, p) => EventBody::RequestStarted {
            patient: patient_id(n(p)),
            request: request_id(n(r)),
        },
        Op::Block(r, p) => EventBody::DataDisposed {
            patient: patient_id(n(p)),
            request: request_id(n(r)),
            disposal: crate::request::Disposal::Blocked,
            record: None,
        },
        Op::Unblock(r, p) => EventBody::DataUnblocked {
            patient: patient_id(n(p)),
            request: request_id(n(r)),
        },
    }
}

/// Three desks write a random script, with clocks that may run close together or far apart.
fn script() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec((0..3usize, 0..3u64, op()), 1..60).prop_map(|steps| {
        let mut desks = [
            DeskWriter::new(1, 0),
            DeskWriter::new(2, 0),
            DeskWriter::new(3, 0),
        ];
        let mut now = 1_000;
        steps
            .into_iter()
            .map(|(desk, gap, op)| {
                now += gap;
                desks[desk].at(now, body(&op))
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn the_fold_does_not_depend_on_arrival_order(
        events in script(),
        seed in any::<u64>(),
    ) {
        let reference = State::fold(&events);

        // Any arrival order, with duplicates (at-least-once delivery), folds to the same state.
        let mut arrived = events.clone();
        let mut rng = seed;
        for i in (1..arrived.len()).rev() {
            rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            arrived.swap(i, (rng >> 33) as usize % (i + 1));
        }
        let duplicate = arrived[(seed as usize) % arrived.len()].clone();
        arrived.push(duplicate);
        prop_assert_eq!(&State::fold(&arrived), &reference);

        // Applying one by one in key order is the same as folding.
        let mut sorted = events.clone();
        sorted.sort_by_key(|e| e.key());
        let mut incremental = State::default();
        for event in &sorted {
            prop_assert!(incremental.apply(event).is_ok());
        }
        prop_assert_eq!(incremental, reference);
    }
}

/// What `consents_of` and `requests_of` returned before the per-patient index: a scan of everything.
fn scanned(state: &State, patient: PatientId) -> (Vec<ConsentId>, Vec<RequestId>) {
    (
        state
            .consents
            .values()
            .filter(|c| c.patient == patient)
            .map(|c| c.id)
            .collect(),
        state
            .requests
            .values()
            .filter(|r| r.patient == patient)
            .map(|r| r.id)
            .collect(),
    )
}

fn indexed(state: &State, patient: PatientId) -> (Vec<ConsentId>, Vec<RequestId>) {
    (
        state.consents_of(patient).map(|c| c.id).collect(),
        state.requests_of(patient).map(|r| r.id).collect(),
    )
}

proptest! {
    #[test]
    fn the_per_patient_index_agrees_with_a_full_scan(events in script()) {
        let state = State::fold(&events);
        // Patients 0..4 are the ones the script uses; 9 never appears.
        for n in [0, 1, 2, 3, 9] {
            prop_assert_eq!(indexed(&state, patient_id(n)), scanned(&state, patient_id(n)));
        }
    }
}

#[test]
fn many_patients_each_see_only_their_own_consents_and_requests() {
    let mut desk = DeskWriter::new(1, 1_000);
    let mut events = Vec::new();
    let mut now = 1_000;
    let mut at = |body| {
        now += 1;
        desk.at(now, body)
    };
    // Patient n gets n % 3 + 1 signed consents (each superseding the one before) and, for odd n, a
    // withdrawal of everything.
    for n in 0..300u128 {
        events.push(at(register(n)));
        for k in 0..=(n % 3) {
            let c = n * 10 + k;
            events.push(at(drafted(c, n)));
            events.push(at(printed(c, n, form_id(c))));
            events.push(at(signed(c, n, form_id(c))));
        }
        if n % 2 == 1 {
            events.push(at(withdrawal(n, n, Scope::All)));
        }
    }
    let state = State::fold(&events);
    assert!(state.conflicts.is_empty(), "{:?}", state.conflicts);
    for n in 0..300u128 {
        let patient = patient_id(n);
        assert_eq!(indexed(&state, patient), scanned(&state, patient), "{n}");
        let consents: Vec<_> = state.consents_of(patient).collect();
        assert_eq!(consents.len() as u128, n % 3 + 1, "{n}");
        let newest = consents.last().expect("one at least");
        let expected = if n % 2 == 1 {
            ConsentStatus::Withdrawn
        } else {
            ConsentStatus::Active
        };
        assert_eq!(newest.status(TODAY), expected, "{n}");
        for older in &consents[..consents.len() - 1] {
            assert_eq!(older.status(TODAY), ConsentStatus::Superseded, "{n}");
        }
        assert_eq!(state.requests_of(patient).count() as u128, n % 2, "{n}");
    }
}

#[test]
fn the_fold_keeps_the_step_that_met_a_requests_main_obligation() {
    let mut desk = DeskWriter::new(1, 1_000);
    let mut other = DeskWriter::new(2, 1_000);
    let (p, r) = (patient_id(1), request_id(1));
    let decided = |purpose: &PurposeCode| EventBody::PurposeDecided {
        patient: p,
        request: r,
        purpose: purpose.clone(),
        outcome: crate::request::PurposeOutcome::Stopped,
    };
    let events = vec![
        desk.at(1_000, register(1)),
        desk.at(1_001, drafted(1, 1)),
        desk.at(1_002, printed(1, 1, form_id(1))),
        desk.at(1_003, signed(1, 1, form_id(1))),
        desk.at(3_000, withdrawal(1, 1, Scope::All)),
        desk.at(
            3_001,
            EventBody::RequestStarted {
                patient: p,
                request: r,
            },
        ),
        desk.at(4_000, decided(MEDICAL)),
        desk.at(5_000, decided(NOTIF)),
        other.at(6_000, decided(ACCOUNT)),
        desk.at(
            7_000,
            EventBody::DataDisposed {
                patient: p,
                request: r,
                disposal: crate::request::Disposal::Destroyed,
                record: None,
            },
        ),
    ];
    let state = State::fold(&events);
    assert!(state.conflicts.is_empty(), "{:?}", state.conflicts);
    let fulfilled = state.requests[&r].fulfilled.expect("recorded");
    assert_eq!(
        fulfilled.at.wall_ms, 6_000,
        "the last purpose decided, not the disposal"
    );
    assert_eq!(fulfilled.by, staff(2));
}
