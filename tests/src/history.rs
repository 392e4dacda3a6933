//! A clinic's history as benchmarks generate it: ten events per patient (registration, two consents
//! drafted, printed and signed, a withdrawal with its printed form, an update), every id derived
//! from the patient's number so a benchmark can build the same history twice, or disjoint ones
//! from disjoint ranges of numbers. Shared by `store-bench` (a rebuild and an ingest of another
//! desk's history) and `sync-bench` (the history a new desk pulls).

use std::collections::BTreeSet;

use consent_domain::consent::{ConsentChannel, ConsentDraft, ConsentTerm, Decision};
use consent_domain::dates::date;
use consent_domain::event::{EventBody, PrintedDocument};
use consent_domain::ids::{ConsentId, FormId, PatientId, RequestId};
use consent_domain::purpose::{Catalogue, PurposeCode};
use consent_domain::request::{RequestChannel, RequestKind, Scope};
use uuid::Uuid;

use crate::fixtures;

/// Events in one patient's history ([`body`]'s steps).
pub const EVENTS_PER_PATIENT: usize = 10;

pub fn patient_id(n: usize) -> PatientId {
    PatientId::from_uuid(Uuid::from_u128(0x0100_0000_0000 + n as u128))
}

/// Ids that look like the desk's own (UUIDv7: a millisecond timestamp, then random-looking bits).
pub fn v7(kind: u128, n: usize) -> Uuid {
    let random =
        (n as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835) & ((1 << 62) - 1);
    let millis = 0x0190_0000_0000u128 + n as u128;
    Uuid::from_u128((millis << 80) | (0x7 << 76) | (kind << 64) | (0x2 << 62) | random)
}

/// Consent `k` (0 or 1) of patient `n` in the pulled history.
pub fn consent_id(n: usize, k: usize) -> ConsentId {
    ConsentId::from_uuid(v7(0x1, n * 2 + k))
}

/// Form `k` (0 to 2) of patient `n` in the pulled history.
pub fn form_id(n: usize, k: usize) -> FormId {
    FormId::from_uuid(v7(0x2, n * 3 + k))
}

/// The `step`-th event of patient `n` (steps 0 to 9, in this order: each needs the ones before).
pub fn body(n: usize, step: usize) -> EventBody {
    let patient = patient_id(n);
    let consent = |k| NewConsent(patient, consent_id(n, k));
    let request = RequestId::from_uuid(v7(0x3, n));
    match step {
        0 => EventBody::PatientRegistered {
            patient,
            data: Box::new(fixtures::patient("Бенчмаркова")),
        },
        1 | 4 => consent((step - 1) / 3).into(),
        2 | 5 => EventBody::ConsentFormPrinted {
            patient,
            consent: consent_id(n, (step - 2) / 3),
            form: form_id(n, (step - 2) / 3),
        },
        3 | 6 => EventBody::ConsentSigned {
            patient,
            consent: consent_id(n, (step - 3) / 3),
            form: form_id(n, (step - 3) / 3),
            paper_location: "Архив, папка 7".to_owned(),
        },
        7 => EventBody::RequestReceived {
            request,
            patient,
            kind: RequestKind::Withdrawal(Scope::Purposes(notifications())),
            received_on: date(2025, 10, 24),
            channel: RequestChannel::InPerson,
            purposes: notifications(),
            details: None,
        },
        8 => EventBody::FormPrinted {
            patient,
            form: form_id(n, 2),
            document: PrintedDocument::Withdrawal,
            request: Some(request),
        },
        _ => EventBody::PatientUpdated {
            patient,
            data: Box::new(fixtures::patient("Обновлённая")),
        },
    }
}

fn notifications() -> BTreeSet<PurposeCode> {
    [PurposeCode::NOTIFICATIONS].into_iter().collect()
}

/// A consent of `.0` with id `.1`, medical account and notifications granted.
#[derive(Debug)]
pub struct NewConsent(pub PatientId, pub ConsentId);

impl From<NewConsent> for EventBody {
    fn from(NewConsent(patient, id): NewConsent) -> EventBody {
        EventBody::ConsentDrafted {
            draft: ConsentDraft {
                id,
                patient,
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
        }
    }
}
