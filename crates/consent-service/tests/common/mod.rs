//! Fixtures the service's integration tests share: a desk on a fixed clock with a real encrypted
//! database, its administrator, a valid patient, and an error's `(code, detail)`.
#![allow(dead_code)]

use std::sync::Arc;

use consent_domain::Lang;
use consent_domain::patient::{DocumentInput, PatientInput};
use consent_domain::staff::Staff;
use consent_service::clock::FixedClock;
use consent_service::{
    Desk, ErrorCode, GrantInput, KeyChoice, NewStaff, ReceiveInput, ServiceError,
};

/// 2025-10-24 12:00 MSK.
pub const NOW_MS: u64 = 1_761_296_400_000;
pub const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

pub fn admin() -> NewStaff {
    NewStaff {
        login: "admin".into(),
        full_name: "Смирнова Ольга Викторовна".into(),
        role: "admin".into(),
    }
}

pub fn init(dir: &std::path::Path) -> Desk {
    Desk::init(
        dir,
        KeyChoice::Env(KEY.into()),
        admin(),
        Arc::new(FixedClock(NOW_MS)),
        Lang::Ru,
    )
    .expect("init")
}

pub fn patient() -> PatientInput {
    PatientInput {
        surname: "Ёлкина".into(),
        given_name: "Дарья".into(),
        patronymic: Some("Игоревна".into()),
        birth_date: "12.07.1992".into(),
        sex: "female".into(),
        phone: Some("8 (915) 123-45-67".into()),
        email: Some("elkina@example.ru".into()),
        address: "г. Иваново, пр. Ленина, д. 5, кв. 12".into(),
        document: DocumentInput {
            kind: "ru_passport".into(),
            series: Some("24 12".into()),
            number: "345678".into(),
            issue_date: "20.08.2012".into(),
            issuer: "ОУФМС России по Ивановской обл.".into(),
            subdivision_code: Some("370-002".into()),
        },
        representative: None,
    }
}

pub fn code(err: &ServiceError) -> (ErrorCode, Option<&'static str>) {
    (err.code(), err.detail())
}

/// A withdrawal of everything by the test patient, received on 24.10.2025, as `reg` takes it in.
pub fn withdrawn_patient(desk: &mut Desk, reg: &consent_domain::staff::Staff) -> String {
    withdrawn_patient_on(desk, reg, "24.10.2025")
}

/// The same, received on `day` (the desk's today).
pub fn withdrawn_patient_on(
    desk: &mut Desk,
    reg: &consent_domain::staff::Staff,
    day: &str,
) -> String {
    let card = desk.register_patient(reg, &patient()).expect("register");
    let consent = desk
        .grant_consent(
            reg,
            &GrantInput {
                patient: card.patient.id.clone(),
                granted: vec!["medical_account".into(), "advertising".into()],
                until: None,
            },
        )
        .expect("grant");
    let (_, form) = desk.mark_printed(reg, &consent.id).expect("print");
    desk.mark_signed(reg, &form, "Шкаф 1").expect("sign");
    desk.receive_request(
        reg,
        &ReceiveInput {
            patient: card.patient.id.clone(),
            kind: "withdrawal".into(),
            received_on: Some(day.into()),
            channel: "email".into(),
            ..Default::default()
        },
    )
    .expect("withdrawal")
    .id
}

/// A desk initialised on `clock_ms`.
pub fn init_at(dir: &std::path::Path, clock_ms: u64) -> Desk {
    Desk::init(
        dir,
        KeyChoice::Env(KEY.into()),
        admin(),
        Arc::new(FixedClock(clock_ms)),
        Lang::Ru,
    )
    .expect("init")
}

/// The clinic's details every printed form needs.
pub fn clinic() -> consent_domain::clinic::ClinicInput {
    consent_domain::clinic::ClinicInput {
        name: "ООО «Клиника семейной медицины»".into(),
        inn: "7707083893".into(),
        ogrn: "1027700132195".into(),
        ..Default::default()
    }
}

/// Adds staff accounts `(login, full name, role)` as `admin`.
pub fn add_staff(desk: &mut Desk, admin: &Staff, accounts: &[(&str, &str, &str)]) {
    for (login, name, role) in accounts {
        desk.add_staff(
            admin,
            NewStaff {
                login: (*login).into(),
                full_name: (*name).into(),
                role: (*role).into(),
            },
        )
        .expect("staff");
    }
}

/// The text of a PDF as pdftotext lays it out (poppler-utils, which `cargo xtask test` installs).
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("form.pdf");
    std::fs::write(&path, bytes).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed; cargo xtask test installs it");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("utf-8 text")
}
