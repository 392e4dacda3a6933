//! Every event body variant and every projected object survives encode → decode unchanged.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use consent_domain::consent::ConsentTerm;
use consent_domain::dates::date;
use consent_domain::event::{Event, EventBody};
use consent_domain::hlc::Hlc;
use consent_domain::ids::{DeskId, EventId};
use consent_domain::purpose::{PolicyVersionId, PurposeCode};
use consent_domain::request::{Disposal, PurposeOutcome, RequestChannel, RequestKind, Scope};
use consent_domain::state::{PatientRecord, State};
use proptest::prelude::*;
use uuid::Uuid;

use super::fixtures::*;
use crate::codec::{
    EventBodyV1, decode_body, decode_consent, decode_patient_record, decode_request, decode_staff,
    encode_body, encode_consent, encode_patient_record, encode_request, encode_staff,
};

/// One body of every variant (some variants more than once, for their inner enums).
pub fn bodies() -> Vec<EventBody> {
    let patient = patient_id(1);
    let request = request_id(1);
    vec![
        EventBody::PatientRegistered {
            patient,
            data: Box::new(adult()),
        },
        EventBody::PatientRegistered {
            patient: patient_id(2),
            data: Box::new(child()),
        },
        EventBody::PatientUpdated {
            patient,
            data: Box::new(adult()),
        },
        EventBody::ConsentDrafted {
            draft: draft(consent_id(1), ConsentTerm::UntilWithdrawn),
            policy_version: PolicyVersionId::parse("2024-01").expect("valid"),
        },
        EventBody::ConsentDrafted {
            draft: draft(consent_id(2), ConsentTerm::Until(date(2026, 12, 31))),
            policy_version: PolicyVersionId::parse("2025.2_b").expect("valid"),
        },
        EventBody::ConsentFormPrinted {
            patient,
            consent: consent_id(1),
            form: form_id(1),
        },
        EventBody::ConsentSigned {
            patient,
            consent: consent_id(1),
            form: form_id(1),
            paper_location: "Папка 2025/10 \"А\"\tшкаф 3\n".to_owned(),
        },
        EventBody::RequestReceived {
            request,
            patient,
            kind: RequestKind::Withdrawal(Scope::Purposes(withdrawal_purposes())),
            received_on: RECORDED_ON,
            channel: RequestChannel::Post,
            purposes: withdrawal_purposes(),
            details: None,
        },
        EventBody::RequestReceived {
            request: request_id(2),
            patient,
            kind: RequestKind::Withdrawal(Scope::All),
            received_on: RECORDED_ON,
            channel: RequestChannel::InPerson,
            purposes: withdrawal_purposes(),
            details: None,
        },
        EventBody::RequestReceived {
            request: request_id(3),
            patient,
            kind: RequestKind::Access,
            received_on: RECORDED_ON,
            channel: RequestChannel::Email,
            purposes: BTreeSet::new(),
            details: None,
        },
        EventBody::RequestStarted { patient, request },
        EventBody::PurposeDecided {
            patient,
            request,
            purpose: PurposeCode::NOTIFICATIONS,
            outcome: PurposeOutcome::Stopped,
        },
        EventBody::PurposeDecided {
            patient,
            request,
            purpose: PurposeCode::ADVERTISING,
            outcome: PurposeOutcome::Continues {
                legal_ground: "п. 4 ч. 2 ст. 10 152-ФЗ, медицинская тайна".to_owned(),
            },
        },
        EventBody::RequestExtended {
            patient,
            request,
            reason: "Запрошены архивные документы".to_owned(),
        },
        EventBody::DataDisposed {
            patient,
            request,
            disposal: Disposal::Destroyed,
            record: None,
        },
        EventBody::DataDisposed {
            patient,
            request,
            disposal: Disposal::Blocked,
            record: None,
        },
        EventBody::SubjectNotified {
            patient,
            request,
            on: date(2025, 11, 5),
            channel: RequestChannel::Email,
        },
        EventBody::RequestClosed { patient, request },
        EventBody::DataUnblocked { patient, request },
        EventBody::DataCorrected {
            patient,
            request,
            data: Box::new(adult()),
        },
        EventBody::ExtensionNoticeSent {
            patient,
            request,
            on: RECORDED_ON,
            channel: RequestChannel::Email,
        },
        EventBody::RequestReceived {
            request: request_id(3),
            patient,
            kind: RequestKind::Correction,
            received_on: RECORDED_ON,
            channel: RequestChannel::Email,
            purposes: BTreeSet::new(),
            details: Some("Фамилия с ошибкой: «Ёлкина», не «Елкина»".to_owned()),
        },
        EventBody::DataDisposed {
            patient,
            request,
            disposal: Disposal::Destroyed,
            record: Some(Box::new(consent_domain::destruction::DestructionRecord {
                destroyed_on: RECORDED_ON,
                requests: vec![],
                consents: vec![consent_domain::destruction::ConsentTrace {
                    consent: consent_domain::ids::ConsentId::from_uuid(uuid::Uuid::from_u128(7)),
                    granted: withdrawal_purposes(),
                    signed_at: Some(consent_domain::hlc::Hlc::new(1, 2)),
                    withdrawn: vec![(PurposeCode::ADVERTISING, request)],
                }],
            })),
        },
        EventBody::StaffSaved {
            staff: staff_member(),
        },
        EventBody::ClinicDetailsSaved {
            clinic: consent_domain::clinic::ClinicDetails::validate(
                &consent_domain::clinic::ClinicInput {
                    name: "ООО «Клиника»".into(),
                    inn: "7707083893".into(),
                    ogrn: "1027700132195".into(),
                    processor_name: Some("ООО «Облако»".into()),
                    processor_address: Some("г. Москва, ул. Тверская, д. 1".into()),
                    ..Default::default()
                },
            )
            .expect("valid clinic"),
        },
        EventBody::StaffPasswordSet {
            staff: staff(1),
            hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo".into(),
        },
        EventBody::FormPrinted {
            patient,
            form: consent_domain::ids::FormId::from_uuid(uuid::Uuid::from_u128(0x3009)),
            document: consent_domain::event::PrintedDocument::ExtensionNotice,
            request: Some(request),
        },
    ]
}

#[test]
fn every_event_body_round_trips() {
    let bodies = bodies();
    let kinds: BTreeSet<&str> = bodies.iter().map(EventBody::kind).collect();
    assert_eq!(
        kinds.len(),
        20,
        "every EventBody variant is covered (a disposal has two kinds)"
    );
    for body in bodies {
        let bytes = encode_body(&body);
        assert!(
            bytes.starts_with(br#"{"v":1,"type":""#),
            "{}: the version comes first, then the type",
            body.kind()
        );
        let kind = body.kind();
        let decoded = decode_body(&bytes).expect(kind);
        assert_eq!(decoded, body, "{}", body.kind());
        assert_eq!(
            encode_body(&decoded),
            bytes,
            "{}: encoding is stable",
            body.kind()
        );
    }
}

#[test]
fn the_type_tag_is_the_domain_kind() {
    for body in bodies() {
        let json = serde_json::to_value(EventBodyV1::from(&body)).expect("serializes");
        assert_eq!(json["type"], body.kind(), "{}", body.kind());
    }
}

#[test]
fn a_disposal_from_an_older_ledger_still_reads() {
    for (code, disposal, kind) in [
        ("destroyed", Disposal::Destroyed, "data_destroyed"),
        ("blocked", Disposal::Blocked, "data_blocked"),
    ] {
        let legacy = format!(
            r#"{{"v":1,"type":"data_disposed","patient":"{}","request":"{}","disposal":"{code}"}}"#,
            patient_id(1),
            request_id(1)
        );
        let decoded = decode_body(legacy.as_bytes()).expect(code);
        let expected = EventBody::DataDisposed {
            patient: patient_id(1),
            request: request_id(1),
            disposal,
            record: None,
        };
        assert_eq!(decoded, expected, "{code}");
        assert_eq!(
            decoded.kind(),
            kind,
            "{code}: written again under its own kind"
        );
    }
}

#[test]
fn every_projected_consent_round_trips() {
    for (name, consent) in consents() {
        let decoded = decode_consent(&encode_consent(&consent)).expect(name);
        assert_eq!(decoded, consent, "{name}");
    }
}

#[test]
fn every_projected_request_round_trips() {
    for (name, request) in requests() {
        let decoded = decode_request(&encode_request(&request)).expect(name);
        assert_eq!(decoded, request, "{name}");
    }
}

#[test]
fn staff_round_trips() {
    for member in [staff_member(), {
        let mut admin = staff_member();
        admin.set_role(consent_domain::staff::Role::Admin);
        admin.set_active(true);
        admin
    }] {
        assert_eq!(decode_staff(&encode_staff(&member)), Ok(member));
    }
}

#[test]
fn patient_records_round_trip() {
    let blocked = consent_domain::state::Blocking {
        request: request_id(4),
        since: Hlc::new(1_761_395_000_000, 2),
        by: staff(2),
    };
    for (name, data, blocked) in [
        ("adult", adult(), None),
        ("child", child(), None),
        ("blocked", adult(), Some(blocked)),
    ] {
        let record = PatientRecord {
            id: patient_id(1),
            data,
            registered_at: Hlc::new(1_761_300_000_000, 0),
            registered_by: staff(1),
            updated_at: Hlc::new(1_761_390_000_000, 7),
            blocked,
        };
        let bytes = encode_patient_record(&record);
        assert_eq!(decode_patient_record(&bytes).expect(name), record, "{name}");
    }
}

/// The ledger of one desk: register, consent, sign, withdraw part, work the request to the end.
fn ledger() -> Vec<Event> {
    let patient = patient_id(1);
    let request = request_id(1);
    let bodies = vec![
        EventBody::StaffSaved {
            staff: staff_member(),
        },
        EventBody::PatientRegistered {
            patient,
            data: Box::new(adult()),
        },
        EventBody::PatientUpdated {
            patient,
            data: Box::new(adult()),
        },
        EventBody::ConsentDrafted {
            draft: draft(consent_id(1), ConsentTerm::UntilWithdrawn),
            policy_version: PolicyVersionId::parse("2024-01").expect("valid"),
        },
        EventBody::ConsentFormPrinted {
            patient,
            consent: consent_id(1),
            form: form_id(1),
        },
        EventBody::ConsentSigned {
            patient,
            consent: consent_id(1),
            form: form_id(1),
            paper_location: "Шкаф 3".to_owned(),
        },
        EventBody::ConsentDrafted {
            draft: draft(consent_id(2), ConsentTerm::UntilWithdrawn),
            policy_version: PolicyVersionId::parse("2024-01").expect("valid"),
        },
        EventBody::ConsentFormPrinted {
            patient,
            consent: consent_id(2),
            form: form_id(2),
        },
        EventBody::ConsentSigned {
            patient,
            consent: consent_id(2),
            form: form_id(2),
            paper_location: "Шкаф 4".to_owned(),
        },
        EventBody::RequestReceived {
            request,
            patient,
            kind: RequestKind::Withdrawal(Scope::Purposes(withdrawal_purposes())),
            received_on: RECORDED_ON,
            channel: RequestChannel::Post,
            purposes: withdrawal_purposes(),
            details: None,
        },
        EventBody::RequestStarted { patient, request },
        EventBody::PurposeDecided {
            patient,
            request,
            purpose: PurposeCode::NOTIFICATIONS,
            outcome: PurposeOutcome::Stopped,
        },
        EventBody::PurposeDecided {
            patient,
            request,
            purpose: PurposeCode::ADVERTISING,
            outcome: PurposeOutcome::Continues {
                legal_ground: "договор".to_owned(),
            },
        },
        EventBody::DataDisposed {
            patient,
            request,
            disposal: Disposal::Destroyed,
            record: None,
        },
        EventBody::SubjectNotified {
            patient,
            request,
            on: RECORDED_ON,
            channel: RequestChannel::Email,
        },
        EventBody::RequestClosed { patient, request },
    ];
    let desk = DeskId::from_uuid(Uuid::from_u128(0x5001));
    bodies
        .into_iter()
        .zip(1_u64..)
        .map(|(body, seq)| Event {
            id: EventId::from_uuid(Uuid::from_u128(0x7000 + u128::from(seq))),
            desk,
            seq,
            hlc: Hlc::new(1_761_300_000_000 + seq * 1000, 0),
            actor: staff(1),
            body,
        })
        .collect()
}

/// The store's path: events stored and read back fold to the same state, and every object of that
/// state survives its own row.
#[test]
fn a_folded_ledger_survives_storage() {
    let events = ledger();
    let state = State::fold(&events);
    assert!(state.conflicts.is_empty(), "{:?}", state.conflicts);
    let stored: Vec<Event> = events
        .iter()
        .map(|event| Event {
            body: {
                let kind = event.body.kind();
                decode_body(&encode_body(&event.body)).expect(kind)
            },
            ..event.clone()
        })
        .collect();
    assert_eq!(stored, events);
    assert_eq!(State::fold(&stored), state);
    for record in state.patients.values() {
        let bytes = encode_patient_record(record);
        assert_eq!(&decode_patient_record(&bytes).expect("record"), record);
    }
    assert_eq!(state.staff.len(), 1);
    for member in state.staff.values() {
        assert_eq!(&decode_staff(&encode_staff(member)).expect("staff"), member);
    }
    assert_eq!(state.consents.len(), 2);
    for consent in state.consents.values() {
        assert_eq!(
            &decode_consent(&encode_consent(consent)).expect("consent"),
            consent
        );
    }
    assert_eq!(state.requests.len(), 1);
    for request in state.requests.values() {
        assert_eq!(
            &decode_request(&encode_request(request)).expect("request"),
            request
        );
    }
}

proptest! {
    /// Free text, clock readings and ids of any value survive the JSON escaping.
    #[test]
    fn free_text_ids_and_clocks_round_trip(
        text in any::<String>(),
        ground in any::<String>(),
        wall_ms in any::<u64>(),
        counter in any::<u32>(),
        staff_bits in any::<u128>(),
        id_bits in any::<u128>(),
        day in (date(1900, 1, 1).num_days_from_ce())..=(date(2100, 12, 31).num_days_from_ce()),
    ) {
        let on = NaiveDate::from_num_days_from_ce_opt(day).expect("in range");
        let request = consent_domain::ids::RequestId::from_uuid(Uuid::from_u128(id_bits));
        let bodies = [
            EventBody::ConsentSigned {
                patient: patient_id(1),
                consent: consent_id(1),
                form: form_id(1),
                paper_location: text.clone(),
            },
            EventBody::RequestExtended { patient: patient_id(1), request, reason: text },
            EventBody::PurposeDecided {
                patient: patient_id(1),
                request,
                purpose: PurposeCode::SUPPORT,
                outcome: PurposeOutcome::Continues { legal_ground: ground },
            },
            EventBody::SubjectNotified {
                patient: patient_id(1),
                request,
                on,
                channel: RequestChannel::Post,
            },
        ];
        for body in bodies {
            prop_assert_eq!(decode_body(&encode_body(&body)), Ok(body));
        }
        let printed = drafted()
            .print(consent_domain::consent::PrintedForm {
                form: form_id(9),
                at: Hlc::new(wall_ms, counter),
                by: consent_domain::staff::StaffId::from_u128(staff_bits),
            })
            .expect("a draft prints");
        prop_assert_eq!(decode_consent(&encode_consent(&printed)), Ok(printed));
    }
}

/// `decode` reads what `encode` writes without a `serde_json::Value` (the prefix it checks is the
/// one `encode` writes), and gives what the general path gives for the same object written another
/// way.
#[test]
fn shortcut_and_general_decode_agree() {
    use crate::codec::ENCODED_PREFIX;
    for body in bodies() {
        let bytes = encode_body(&body);
        let rest = bytes
            .strip_prefix(ENCODED_PREFIX)
            .expect("encode writes the version first");
        assert_eq!(rest.first(), Some(&b'"'), "then a field");
        // A space after the version: the same object, read by the general path.
        let mut spaced = b"{\"v\": 1, ".to_vec();
        spaced.extend_from_slice(rest);
        assert_eq!(decode_body(&bytes).expect("shortcut"), body);
        assert_eq!(decode_body(&spaced).expect("general"), body);
    }
}
