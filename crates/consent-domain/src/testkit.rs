//! Builders shared by this crate's tests: valid patients, ids, staff and events.

use std::collections::{BTreeMap, BTreeSet};

use crate::dates::date;
use chrono::NaiveDate;
use uuid::Uuid;

use crate::consent::{ConsentChannel, ConsentDraft, ConsentTerm, Decision};
use crate::event::{Event, EventBody};
use crate::hlc::Hlc;
use crate::ids::{ConsentId, DeskId, EventId, FormId, PatientId, RequestId};
use crate::patient::{DocumentInput, Patient, PatientInput, validate};
use crate::purpose::PurposeCode;
use crate::staff::StaffId;

pub const TODAY: NaiveDate = date(2025, 10, 24);

pub fn patient_input(surname: &str) -> PatientInput {
    PatientInput {
        surname: surname.to_owned(),
        given_name: "Пётр".to_owned(),
        patronymic: Some("Алексеевич".to_owned()),
        birth_date: "15.03.1985".to_owned(),
        sex: "male".to_owned(),
        phone: Some("+7 912 345-67-89".to_owned()),
        email: None,
        address: "г. Иваново, ул. Куконковых, д. 142".to_owned(),
        document: DocumentInput {
            kind: "ru_passport".to_owned(),
            series: Some("2410".to_owned()),
            number: "654321".to_owned(),
            issue_date: "01.04.2005".to_owned(),
            issuer: "УМВД России по Ивановской области".to_owned(),
            subdivision_code: Some("370-001".to_owned()),
        },
        representative: None,
    }
}

pub fn patient(surname: &str) -> Patient {
    validate(&patient_input(surname), TODAY).expect("test patient is valid")
}

pub fn patient_id(n: u128) -> PatientId {
    PatientId::from_uuid(Uuid::from_u128(0x1000 + n))
}

pub fn consent_id(n: u128) -> ConsentId {
    ConsentId::from_uuid(Uuid::from_u128(0x2000 + n))
}

pub fn form_id(n: u128) -> FormId {
    FormId::from_uuid(Uuid::from_u128(0x3000 + n))
}

pub fn request_id(n: u128) -> RequestId {
    RequestId::from_uuid(Uuid::from_u128(0x4000 + n))
}

pub fn desk(n: u128) -> DeskId {
    DeskId::from_uuid(Uuid::from_u128(0x5000 + n))
}

pub fn staff(n: u128) -> StaffId {
    StaffId::from_u128(0x6000 + n)
}

pub fn purposes(codes: &[&PurposeCode]) -> BTreeSet<PurposeCode> {
    codes.iter().map(|c| (*c).clone()).collect()
}

/// Grants `granted` and refuses `refused`.
pub fn draft(
    id: ConsentId,
    patient: PatientId,
    granted: &[&PurposeCode],
    refused: &[&PurposeCode],
) -> ConsentDraft {
    let mut decisions = BTreeMap::new();
    for code in granted {
        decisions.insert((*code).clone(), Decision::Granted);
    }
    for code in refused {
        decisions.insert((*code).clone(), Decision::Refused);
    }
    ConsentDraft {
        id,
        patient,
        decisions,
        term: ConsentTerm::UntilWithdrawn,
        channel: ConsentChannel::Paper,
        drafted_on: TODAY,
    }
}

/// Writes events for one desk: sequence numbers count up, the clock ticks from `start_ms`.
#[derive(Debug)]
pub struct DeskWriter {
    pub desk: DeskId,
    seq: u64,
    clock: Hlc,
    actor: StaffId,
}

impl DeskWriter {
    pub fn new(desk_no: u128, start_ms: u64) -> DeskWriter {
        DeskWriter {
            desk: desk(desk_no),
            seq: 0,
            clock: Hlc::new(start_ms, 0),
            actor: staff(desk_no),
        }
    }

    /// An event at wall time `now_ms` (the clock never goes back).
    pub fn at(&mut self, now_ms: u64, body: EventBody) -> Event {
        self.seq += 1;
        self.clock = self.clock.tick(now_ms);
        Event {
            id: EventId::from_uuid(Uuid::from_u128(
                (self.desk.as_uuid().as_u128() << 32) + u128::from(self.seq),
            )),
            desk: self.desk,
            seq: self.seq,
            hlc: self.clock,
            actor: self.actor,
            body,
        }
    }
}
