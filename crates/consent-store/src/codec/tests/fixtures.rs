//! Values built with the domain's public API only.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use consent_domain::consent::{
    Consent, ConsentChannel, ConsentDraft, ConsentTerm, Decision, PrintedForm, PurposeWithdrawal,
    Signature,
};
use consent_domain::dates::date;
use consent_domain::hlc::Hlc;
use consent_domain::ids::{ConsentId, FormId, PatientId, RequestId};
use consent_domain::patient::{
    AuthorityInput, DocumentInput, Patient, PatientInput, RepresentativeInput, validate,
};
use consent_domain::purpose::{Catalogue, PurposeCode};
use consent_domain::request::{
    Disposal, Extension, Notification, PurposeOutcome, Request, RequestChannel, RequestKind, Scope,
};
use consent_domain::staff::{Login, Role, Staff, StaffId};
use uuid::Uuid;

/// The day the fixtures' records were made.
pub const RECORDED_ON: NaiveDate = date(2025, 10, 24);

/// Every piece of personal data the fixtures type, to check that no error text quotes one.
pub const PERSONAL: &[&str] = &[
    "Ерёмина",
    "Алёна",
    "Фёдоровна",
    "alyona",
    "9123456789",
    "Куконковых",
    "654321",
    "2410",
    "1985",
    "Сёмкин",
    "Пётр",
    "Ёлкина",
    "Дарья",
    "Зелёная",
    "987654",
];

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

pub fn staff(n: u128) -> StaffId {
    StaffId::from_u128(0x0190_0000_0000_7000_8000_0000_0000_6000 + n)
}

fn s(text: &str) -> String {
    text.to_owned()
}

/// An adult with a passport, a phone and an e-mail; ё in every part of the name.
pub fn adult_input() -> PatientInput {
    PatientInput {
        surname: s("Ерёмина"),
        given_name: s("Алёна"),
        patronymic: Some(s("Фёдоровна")),
        birth_date: s("15.03.1985"),
        sex: s("ж"),
        phone: Some(s("8 (912) 345-67-89")),
        email: Some(s("Alyona.Eryomina@Example.RU")),
        address: s("г. Иваново, ул. Куконковых, д. 142, кв. 7"),
        document: DocumentInput {
            kind: s("ru_passport"),
            series: Some(s("24 10")),
            number: s("654321"),
            issue_date: s("2005-04-01"),
            issuer: s("УМВД России по Ивановской области"),
            subdivision_code: Some(s("370001")),
        },
        representative: None,
    }
}

pub fn adult() -> Patient {
    validate(&adult_input(), RECORDED_ON).expect("the adult fixture is valid")
}

/// A child (10 on [`RECORDED_ON`]) with a birth certificate, represented by a parent; no contact of
/// their own.
pub fn child_input() -> PatientInput {
    PatientInput {
        surname: s("Сёмкин"),
        given_name: s("Пётр"),
        patronymic: None,
        birth_date: s("10.05.2015"),
        sex: s("male"),
        phone: None,
        email: None,
        address: s("г. Уфа, ул. Зелёная, д. 5"),
        document: DocumentInput {
            kind: s("ru_birth_certificate"),
            series: Some(s("iv ар")),
            number: s("987654"),
            issue_date: s("20.05.2015"),
            issuer: s("Отдел ЗАГС г. Уфы"),
            subdivision_code: None,
        },
        representative: Some(RepresentativeInput {
            surname: s("Ёлкина"),
            given_name: s("Дарья"),
            patronymic: Some(s("Сергеевна")),
            birth_date: Some(s("01.02.1990")),
            phone: s("+7 916 000-11-22"),
            address: s("г. Уфа, ул. Зелёная, д. 5"),
            document: DocumentInput {
                kind: s("ru_passport"),
                series: Some(s("8010")),
                number: s("123456"),
                issue_date: s("10.02.2010"),
                issuer: s("ОУФМС по РБ"),
                subdivision_code: Some(s("020-005")),
            },
            authority: AuthorityInput {
                kind: s("child_birth_certificate"),
                number: Some(s("IV-АР 987654")),
                date: s("20.05.2015"),
                issuer: s("Отдел ЗАГС г. Уфы"),
            },
        }),
    }
}

pub fn child() -> Patient {
    validate(&child_input(), RECORDED_ON).expect("the child fixture is valid")
}

pub fn draft(id: ConsentId, term: ConsentTerm) -> ConsentDraft {
    let decisions = BTreeMap::from([
        (PurposeCode::MEDICAL_ACCOUNT, Decision::Granted),
        (PurposeCode::NOTIFICATIONS, Decision::Granted),
        (PurposeCode::PERSONAL_ACCOUNT, Decision::Granted),
        (PurposeCode::ADVERTISING, Decision::Refused),
    ]);
    ConsentDraft {
        id,
        patient: patient_id(1),
        decisions,
        term,
        channel: ConsentChannel::Paper,
        drafted_on: RECORDED_ON,
    }
}

pub fn drafted() -> Consent {
    Consent::draft(
        draft(consent_id(1), ConsentTerm::Until(date(2030, 12, 31))),
        Catalogue::builtin(),
    )
    .expect("valid draft")
}

/// Printed twice (a spoiled copy), so `forms` has two entries.
pub fn printed() -> Consent {
    drafted()
        .print(PrintedForm {
            form: form_id(1),
            at: Hlc::new(1_761_300_000_000, 0),
            by: staff(1),
        })
        .and_then(|c| {
            c.print(PrintedForm {
                form: form_id(2),
                at: Hlc::new(1_761_300_060_000, 3),
                by: staff(2),
            })
        })
        .expect("printed")
}

pub fn signed() -> Consent {
    printed()
        .sign(Signature {
            form: form_id(2),
            confirmed_by: staff(2),
            at: Hlc::new(1_761_300_120_000, 0),
            paper_location: s("Папка 2025/10, шкаф 3 — «архив»"),
        })
        .expect("signed")
}

/// Notifications withdrawn, the rest in force.
pub fn partly_withdrawn() -> Consent {
    signed()
        .withdraw(
            Some(&BTreeSet::from([PurposeCode::NOTIFICATIONS])),
            PurposeWithdrawal {
                request: request_id(1),
                received_on: RECORDED_ON,
            },
            RECORDED_ON,
        )
        .expect("withdrawn")
}

pub fn consents() -> Vec<(&'static str, Consent)> {
    vec![
        ("draft", drafted()),
        ("form printed", printed()),
        ("signed", signed()),
        ("partly withdrawn", partly_withdrawn()),
        (
            "superseded",
            partly_withdrawn()
                .supersede(consent_id(2))
                .expect("superseded"),
        ),
        (
            "recorded under an old policy, until withdrawn",
            Consent::recorded(
                draft(consent_id(3), ConsentTerm::UntilWithdrawn),
                consent_domain::purpose::PolicyVersionId::parse("2019-03").expect("valid id"),
            ),
        ),
    ]
}

pub fn withdrawal_purposes() -> BTreeSet<PurposeCode> {
    BTreeSet::from([PurposeCode::NOTIFICATIONS, PurposeCode::ADVERTISING])
}

fn received(
    kind: RequestKind,
    channel: RequestChannel,
    purposes: BTreeSet<PurposeCode>,
) -> Request {
    Request::receive(
        request_id(1),
        patient_id(1),
        kind,
        date(2025, 10, 20),
        channel,
        purposes,
        RECORDED_ON,
    )
    .expect("received")
}

/// A withdrawal through every step, each stage kept.
pub fn withdrawal_course() -> Vec<(&'static str, Request)> {
    let received = received(
        RequestKind::Withdrawal(Scope::Purposes(withdrawal_purposes())),
        RequestChannel::Post,
        withdrawal_purposes(),
    );
    let started = received.start(staff(2)).expect("start");
    let extended = started
        .extend(Extension {
            reason: s("Запрошены архивные документы"),
            by: staff(3),
            at: Hlc::new(1_761_400_000_000, 1),
        })
        .expect("extend");
    let one_decided = extended
        .decide(PurposeCode::NOTIFICATIONS, PurposeOutcome::Stopped)
        .expect("stop");
    let stopped = one_decided
        .decide(
            PurposeCode::ADVERTISING,
            PurposeOutcome::Continues {
                legal_ground: s("п. 5 ч. 1 ст. 6 152-ФЗ"),
            },
        )
        .expect("continues");
    let disposed = stopped.dispose(Disposal::Blocked).expect("block");
    let notified = disposed
        .notify(Notification {
            on: date(2025, 11, 5),
            channel: RequestChannel::Email,
            by: staff(3),
        })
        .expect("notify");
    let closed = notified.close().expect("close");
    vec![
        ("received", received),
        ("started", started),
        ("extended", extended),
        ("one purpose decided", one_decided),
        ("processing stopped", stopped),
        ("data disposed", disposed),
        ("subject notified", notified),
        ("closed", closed),
    ]
}

pub fn requests() -> Vec<(&'static str, Request)> {
    let mut all = withdrawal_course();
    all.push((
        "withdrawal of everything, in person",
        received(
            RequestKind::Withdrawal(Scope::All),
            RequestChannel::InPerson,
            withdrawal_purposes(),
        ),
    ));
    for (name, kind) in [
        ("access", RequestKind::Access),
        ("correction", RequestKind::Correction),
        ("blocking", RequestKind::Blocking),
        ("claim", RequestKind::Claim),
    ] {
        all.push((name, received(kind, RequestChannel::Email, BTreeSet::new())));
    }
    all.push((
        "blocking destroyed",
        received(RequestKind::Blocking, RequestChannel::Post, BTreeSet::new())
            .start(staff(2))
            .and_then(|r| r.dispose(Disposal::Destroyed))
            .expect("destroyed")
            .note_fulfilment(Hlc::new(1_761_300_000_000, 3), staff(7)),
    ));
    all
}

/// A staff account, disabled after a role change.
pub fn staff_member() -> Staff {
    let mut member = Staff::new(
        staff(7),
        Login::parse("a.yolkina").expect("valid login"),
        "Ёлкина Анна Петровна",
        Role::Reception,
    )
    .expect("valid staff");
    member.set_role(Role::Manager);
    member.set_active(false);
    member
}
