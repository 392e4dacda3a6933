//! Fixtures and the external tools the tests read PDFs back with.
#![allow(dead_code)]

pub mod docs;
pub mod tools;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use consent_domain::consent::{Consent, ConsentChannel, ConsentDraft, ConsentTerm, Decision};
use consent_domain::dates::{date, instant};
use consent_domain::ids::{ConsentId, FormId, PatientId, RequestId};
use consent_domain::patient::{
    AuthorityInput, DocumentInput, Patient, PatientInput, RepresentativeInput, validate,
};
use consent_domain::purpose::{Catalogue, PurposeCode};
use consent_domain::staff::{Login, Role, Staff, StaffId};
use consent_forms::{Clinic, ConsentForm, KeyLocation, RecoverySheetForm};
use uuid::Uuid;

pub const TODAY: NaiveDate = date(2025, 10, 24);
/// When the forms are printed: the clinic's morning of [`TODAY`].
pub fn printed_at() -> DateTime<FixedOffset> {
    instant("2025-10-24T09:30:00+03:00")
}

/// A fictitious clinic with valid ИНН/ОГРН check digits and the policy's addresses.
pub fn clinic() -> Clinic {
    let mut clinic = Clinic::with_policy_defaults(
        "ООО «Клиника семейной медицины»",
        "3702000007",
        "1023700000004",
    );
    clinic.phone = Some("+7 (4932) 00-00-00".to_owned());
    clinic
}

pub fn form(n: u128) -> FormId {
    FormId::from_uuid(Uuid::from_u128(
        0x0190_0000_0000_7000_8000_0000_0000_0000 + n,
    ))
}

pub fn patient_input() -> PatientInput {
    PatientInput {
        surname: "Ёлкин".to_owned(),
        given_name: "Пётр".to_owned(),
        patronymic: Some("Алексеевич".to_owned()),
        birth_date: "15.03.1985".to_owned(),
        sex: "male".to_owned(),
        phone: Some("+7 912 345-67-89".to_owned()),
        email: Some("elkin@example.ru".to_owned()),
        address: "153002, г. Иваново, ул. Лежневская, д. 5, кв. 12".to_owned(),
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

pub fn patient() -> Patient {
    validate(&patient_input(), TODAY).expect("valid patient")
}

/// A 12-year-old whose mother signs, by the child's birth certificate.
pub fn minor() -> Patient {
    let mut input = patient_input();
    input.surname = "Ёлкина".to_owned();
    input.given_name = "Алёна".to_owned();
    input.patronymic = Some("Петровна".to_owned());
    input.sex = "female".to_owned();
    input.birth_date = "10.03.2013".to_owned();
    input.phone = None;
    input.email = None;
    input.document = DocumentInput {
        kind: "ru_birth_certificate".to_owned(),
        series: Some("IV-МЮ".to_owned()),
        number: "123456".to_owned(),
        issue_date: "20.03.2013".to_owned(),
        issuer: "Отдел ЗАГС администрации г. Иванова".to_owned(),
        subdivision_code: None,
    };
    input.representative = Some(RepresentativeInput {
        surname: "Ёлкина".to_owned(),
        given_name: "Мария".to_owned(),
        patronymic: Some("Сергеевна".to_owned()),
        birth_date: Some("02.02.1988".to_owned()),
        phone: "+7 915 000-11-22".to_owned(),
        address: "153002, г. Иваново, ул. Лежневская, д. 5, кв. 12".to_owned(),
        document: DocumentInput {
            kind: "ru_passport".to_owned(),
            series: Some("2408".to_owned()),
            number: "112233".to_owned(),
            issue_date: "15.02.2008".to_owned(),
            issuer: "ОУФМС России по Ивановской области".to_owned(),
            subdivision_code: Some("370-002".to_owned()),
        },
        authority: AuthorityInput {
            kind: "child_birth_certificate".to_owned(),
            number: Some("IV-МЮ 123456".to_owned()),
            date: "20.03.2013".to_owned(),
            issuer: "Отдел ЗАГС администрации г. Иванова".to_owned(),
        },
    });
    validate(&input, TODAY).expect("valid minor")
}

/// The worst case the validation allows: 100-letter hyphenated surname, 100-letter given name and
/// patronymic, a 500-character address, a 300-character issuer.
pub fn long_patient() -> Patient {
    let mut input = patient_input();
    let parts = [
        "Римского",
        "Корсакова",
        "Салтыкова",
        "Щедрина",
        "Бонч",
        "Бруевича",
        "Мамина",
        "Сибиряка",
        "Ёлкина",
    ];
    let mut surname = parts.join("-");
    while surname.chars().count() < 100 {
        surname.push('ё');
    }
    input.surname = surname.chars().take(100).collect();
    input.given_name = "Аполлинария".repeat(10).chars().take(100).collect();
    input.patronymic = Some("Константиновна".repeat(8).chars().take(100).collect());
    let address = "Российская Федерация, Ивановская область, городской округ Иваново, г. Иваново, \
                   микрорайон Самый Длинный, улица Имени Героев Очень Длинного Названия, ";
    let mut long = address.repeat(4);
    long.truncate(long.char_indices().nth(490).map_or(long.len(), |(i, _)| i));
    long.push_str(" д. 1, кв 1");
    input.address = long.chars().take(500).collect();
    input.document.issuer = "Управление по вопросам миграции "
        .repeat(10)
        .chars()
        .take(300)
        .collect();
    validate(&input, TODAY).expect("valid long patient")
}

pub fn consent(granted: &[&PurposeCode], refused: &[&PurposeCode]) -> Consent {
    let mut decisions = BTreeMap::new();
    for code in granted {
        decisions.insert((*code).clone(), Decision::Granted);
    }
    for code in refused {
        decisions.insert((*code).clone(), Decision::Refused);
    }
    Consent::draft(
        ConsentDraft {
            id: ConsentId::from_uuid(Uuid::from_u128(0x2001)),
            patient: PatientId::from_uuid(Uuid::from_u128(0x1001)),
            decisions,
            term: ConsentTerm::UntilWithdrawn,
            channel: ConsentChannel::Paper,
            drafted_on: TODAY,
        },
        Catalogue::builtin(),
    )
    .expect("valid consent")
}

/// The usual consent: the required purposes and notifications granted, advertising refused.
pub fn usual_consent() -> Consent {
    consent(
        &[
            &PurposeCode::IDENTIFICATION,
            &PurposeCode::MEDICAL_ACCOUNT,
            &PurposeCode::NOTIFICATIONS,
            &PurposeCode::FEEDBACK,
        ],
        &[&PurposeCode::ADVERTISING],
    )
}

/// Every purpose of the catalogue granted.
pub fn full_consent() -> Consent {
    let codes: Vec<&PurposeCode> = Catalogue::builtin().iter().map(|p| &p.code).collect();
    consent(&codes, &[])
}

pub fn consent_input<'a>(
    patient: &'a Patient,
    consent: &'a Consent,
    clinic: &'a Clinic,
    n: u128,
) -> ConsentForm<'a> {
    ConsentForm {
        clinic,
        patient,
        consent,
        catalogue: Catalogue::builtin(),
        form: form(n),
        printed_at: printed_at(),
        show_refused: true,
    }
}

pub fn staff(n: u128, name: &str, role: Role) -> Staff {
    Staff::new(
        StaffId::from_u128(0x6000 + n),
        Login::parse(&format!("staff{n}")).expect("login"),
        name,
        role,
    )
    .expect("staff")
}

pub fn request_id(n: u128) -> RequestId {
    RequestId::from_uuid(Uuid::from_u128(0x4000 + n))
}

/// A withdrawal of every purpose, received today, taken into work.
pub fn withdrawal_request(purposes: &[&PurposeCode]) -> consent_domain::request::Request {
    use consent_domain::request::{Request, RequestChannel, RequestKind, Scope};
    Request::receive(
        request_id(1),
        PatientId::from_uuid(Uuid::from_u128(0x1001)),
        RequestKind::Withdrawal(Scope::All),
        TODAY,
        RequestChannel::Post,
        purposes.iter().map(|p| (*p).clone()).collect(),
        TODAY,
    )
    .expect("received")
    .start(StaffId::from_u128(0x6001))
    .expect("started")
}

/// An access request, received today, taken into work.
pub fn access_request() -> consent_domain::request::Request {
    use consent_domain::request::{Request, RequestChannel, RequestKind};
    Request::receive(
        request_id(2),
        PatientId::from_uuid(Uuid::from_u128(0x1001)),
        RequestKind::Access,
        TODAY,
        RequestChannel::Email,
        Default::default(),
        TODAY,
    )
    .expect("received")
    .start(StaffId::from_u128(0x6001))
    .expect("started")
}

/// `request` with its one extension.
pub fn extended(
    request: &consent_domain::request::Request,
    reason: &str,
) -> consent_domain::request::Request {
    request
        .extend(consent_domain::request::Extension {
            reason: reason.to_owned(),
            by: StaffId::from_u128(0x6001),
            at: consent_domain::hlc::Hlc::new(1, 0),
        })
        .expect("extended")
}

/// The usual consent, signed (so it is in force).
pub fn signed(consent: &Consent) -> Consent {
    use consent_domain::consent::{PrintedForm, Signature};
    use consent_domain::hlc::Hlc;
    consent
        .print(PrintedForm {
            form: form(1),
            at: Hlc::new(1, 0),
            by: StaffId::from_u128(0x6001),
        })
        .and_then(|c| {
            c.sign(Signature {
                form: form(1),
                confirmed_by: StaffId::from_u128(0x6002),
                at: Hlc::new(2, 0),
                paper_location: "Папка 2025/10".to_owned(),
            })
        })
        .expect("signed")
}

/// A next policy version with a purpose that needs the Art. 10.1 consent: publishing reviews.
pub fn dissemination_catalogue() -> (PurposeCode, Catalogue) {
    use std::borrow::Cow;

    use consent_domain::purpose::{
        DataCategory, LegalGround, LocalizedText, Necessity, PolicyItem, PolicyVersion,
        PolicyVersionId, Purpose,
    };
    let code = PurposeCode::parse("published_reviews").expect("code");
    let catalogue = Catalogue::builtin()
        .revise(PolicyVersion::new(
            PolicyVersionId::parse("2025-11").expect("version"),
            date(2025, 11, 1),
        ))
        .add_purpose(Purpose {
            code: code.clone(),
            item: PolicyItem::parse("2.2.10").expect("item"),
            title: LocalizedText::new(
                "Публикация отзывов пациента о клинике на сайте клиники",
                "Publishing the patient's reviews of the clinic on the clinic's website",
            ),
            description: LocalizedText::new(
                "С вашего согласия мы публикуем ваш отзыв с указанием имени на сайте клиники.",
                "With your consent we publish your review with your name on the clinic's website.",
            ),
            legal_ground: LegalGround::Consent,
            necessity: Necessity::Optional,
            may_preselect: false,
            data: Cow::Owned(vec![DataCategory::FullName, DataCategory::BirthDate]),
            needs_dissemination_consent: true,
        })
        .build()
        .expect("valid catalogue");
    (code, catalogue)
}

/// A consent under `catalogue` granting `granted`.
pub fn consent_under(catalogue: &Catalogue, granted: &[&PurposeCode]) -> Consent {
    let decisions = granted
        .iter()
        .map(|c| ((*c).clone(), Decision::Granted))
        .collect();
    Consent::draft(
        ConsentDraft {
            id: ConsentId::from_uuid(Uuid::from_u128(0x2002)),
            patient: PatientId::from_uuid(Uuid::from_u128(0x1001)),
            decisions,
            term: ConsentTerm::Until(date(2026, 12, 31)),
            channel: ConsentChannel::Paper,
            drafted_on: TODAY,
        },
        catalogue,
    )
    .expect("valid consent")
}

/// A database key as the recovery sheet prints it: 64 lowercase hex digits, every digit and letter.
pub const RECOVERY_CODE: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
/// The store's database id: 32 lowercase hex characters.
pub const DATABASE_ID: &str = "5d41402abc4b2a76b9719d911017c592";
pub const DESK_ID: &str = "01900000-0000-7000-8000-00000000d001";

/// The recovery sheet of the fixture clinic's first desk.
pub fn recovery_input(location: KeyLocation) -> RecoverySheetForm<'static> {
    RecoverySheetForm {
        clinic_name: "ООО «Клиника семейной медицины»",
        desk_name: "Регистратура, 1 этаж",
        database_id: DATABASE_ID,
        desk_id: DESK_ID,
        code: RECOVERY_CODE,
        key_location: location,
        created_at: printed_at(),
    }
}

/// The text with every run of whitespace as one space: what a sentence reads like whatever the
/// line breaks and justification did.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that `needle` (whitespace-normalised) occurs in `haystack` (likewise).
#[track_caller]
pub fn assert_has(haystack: &str, needle: &str) {
    let (h, n) = (flat(haystack), flat(needle));
    assert!(h.contains(&n), "missing «{n}» in:\n{h}");
}

pub fn assert_lacks(haystack: &str, needle: &str) {
    let (h, n) = (flat(haystack), flat(needle));
    assert!(!h.contains(&n), "«{n}» should not be in:\n{h}");
}

/// Both extractions of a PDF, whitespace-normalised: `pdftotext -layout` (what the page looks like)
/// and the reading order (table cells whole), so a check finds a sentence wherever it was set.
pub fn all_text(pdf: &consent_forms::Pdf) -> String {
    format!(
        "{} ¦ {}",
        flat(&tools::pdftotext(&pdf.bytes)),
        flat(&tools::pdftotext_raw(&pdf.bytes))
    )
}
