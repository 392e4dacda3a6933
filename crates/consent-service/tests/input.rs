//! Input the desk must not take (issue 10 §4): free text with control characters or bidirectional
//! overrides, and impossible dates, are refused as bad input wherever they would be stored, with
//! nothing recorded.

use std::sync::Arc;

use consent_domain::Lang;
use consent_domain::clinic::ClinicInput;
use consent_domain::patient::{DocumentInput, PatientInput};
use consent_service::clock::FixedClock;
use consent_service::{
    Desk, ErrorCode, GrantInput, KeyChoice, NewStaff, ReceiveInput, ServiceError,
};

/// 2025-10-24 12:00 MSK.
const NOW_MS: u64 = 1_761_296_400_000;
const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// A terminal escape (clear the screen), a bell, a C1 CSI and two direction overrides.
const ESCAPE: &str = "\u{1b}[2J";
const BELL: &str = "\u{7}";
const CSI: &str = "\u{9b}2J";
const RLO: &str = "\u{202e}";
const RLI: &str = "\u{2067}";

fn init(dir: &std::path::Path) -> Desk {
    Desk::init(
        dir,
        KeyChoice::Env(KEY.into()),
        NewStaff {
            login: "admin".into(),
            full_name: "Смирнова Ольга Викторовна".into(),
            role: "admin".into(),
        },
        Arc::new(FixedClock(NOW_MS)),
        Lang::Ru,
    )
    .expect("init")
}

fn patient() -> PatientInput {
    PatientInput {
        surname: "Ёлкина".into(),
        given_name: "Дарья".into(),
        patronymic: None,
        birth_date: "12.07.1992".into(),
        sex: "female".into(),
        phone: Some("8 (915) 123-45-67".into()),
        email: None,
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

/// Bad input whose detail is one of the text rule's codes, with a message that names no value.
fn assert_refused_text(error: ServiceError, detail: &str, case: &str) {
    assert_eq!(error.code(), ErrorCode::InvalidInput, "{case}: {error:?}");
    assert_eq!(error.detail(), Some(detail), "{case}");
    for lang in Lang::ALL {
        let message = error.message(lang);
        assert!(
            !message.contains('\u{1b}') && !message.contains(RLO),
            "{case}: {message}"
        );
    }
    assert!(error.message(Lang::Ru).contains("символ"), "{case}");
}

#[test]
fn staff_names_and_clinic_details_refuse_controls_and_overrides() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    let staff = |name: String| NewStaff {
        login: "reg".into(),
        full_name: name,
        role: "reception".into(),
    };
    for (name, detail) in [
        (format!("Петрова{ESCAPE} Ольга"), "text_control_character"),
        (format!("Петрова Ольга{CSI}"), "text_control_character"),
        (format!("Петрова {RLO}аглО"), "text_direction_override"),
        (format!("{RLI}Петрова Ольга"), "text_direction_override"),
    ] {
        let error = desk.add_staff(&admin, staff(name)).expect_err("refused");
        assert_refused_text(error, detail, "staff name");
    }
    assert_eq!(desk.staff_list(&admin).expect("list").len(), 1);

    for (name, change) in [
        (
            "name",
            (|i: &mut ClinicInput| i.name = format!("ООО «Клиника»{ESCAPE}")) as fn(&mut _),
        ),
        ("phone", |i| {
            i.phone = Some(format!("+7 4932 00-00-00{BELL}"))
        }),
        ("legal_address", |i| {
            i.legal_address = Some(format!("г. Иваново {RLO}1 .д"))
        }),
    ] {
        let mut input = ClinicInput {
            name: "ООО «Клиника»".into(),
            inn: "7707083893".into(),
            ogrn: "1027700132195".into(),
            ..Default::default()
        };
        change(&mut input);
        let error = desk.set_clinic(&admin, &input).expect_err(name);
        let payload = error.payload(Lang::En);
        assert_eq!(payload.code, ErrorCode::InvalidInput, "{name}");
        assert_eq!(payload.detail.as_deref(), Some("clinic_bad_character"));
        assert_eq!(payload.fields[0].field, name);
        assert!(payload.message.contains("control character"), "{payload:?}");
    }
    assert!(desk.clinic(&admin).expect("clinic").is_none());
}

#[test]
fn clinic_details_the_form_font_cannot_print_are_refused_when_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    let good = ClinicInput {
        name: "ООО «Клиника» — № 1".into(),
        inn: "7707083893".into(),
        ogrn: "1027700132195".into(),
        ..Default::default()
    };
    for (field, change) in [
        (
            "name",
            (|i: &mut ClinicInput| i.name = "ООО «Клиника 李»".into()) as fn(&mut _),
        ),
        ("information_system", |i| {
            i.information_system = Some("МИС «Ω-Мед» ✓".into())
        }),
    ] {
        let mut input = good.clone();
        change(&mut input);
        let error = desk.set_clinic(&admin, &input).expect_err(field);
        let payload = error.payload(Lang::Ru);
        assert_eq!(payload.code, ErrorCode::InvalidInput, "{field}");
        assert_eq!(payload.detail.as_deref(), Some("clinic_unprintable"));
        assert_eq!(payload.fields[0].field, field);
        assert!(
            payload.message.contains("не печатается шрифтом форм"),
            "{payload:?}"
        );
    }
    assert!(
        desk.clinic(&admin).expect("clinic").is_none(),
        "nothing saved"
    );
    desk.set_clinic(&admin, &good)
        .expect("Cyrillic, guillemets, the dash and № are printable");
}

#[test]
fn the_patient_form_refuses_overrides_in_its_free_text() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    let mut bad = patient();
    bad.address = format!("г. Иваново, {RLO}21 .вк ,5 .д");
    bad.document.issuer = format!("ОУФМС{ESCAPE} России");
    let error = desk.register_patient(&admin, &bad).expect_err("refused");
    let payload = error.payload(Lang::Ru);
    assert_eq!(payload.code, ErrorCode::InvalidInput);
    let fields: Vec<&str> = payload.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["address", "document.issuer"], "{payload:?}");
    assert!(
        payload.fields[0]
            .message
            .contains("без управляющих символов"),
        "{payload:?}"
    );
    assert!(
        desk.find_patients(&admin, "елкин", 10)
            .expect("find")
            .is_empty()
    );
}

#[test]
fn paper_locations_reasons_and_legal_grounds_refuse_controls_and_overrides() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    let card = desk.register_patient(&admin, &patient()).expect("register");
    let consent = desk
        .grant_consent(
            &admin,
            &GrantInput {
                patient: card.patient.id.clone(),
                granted: vec!["medical_account".into(), "advertising".into()],
                until: None,
            },
        )
        .expect("grant");
    let (_, form) = desk.mark_printed(&admin, &consent.id).expect("print");
    for (location, detail) in [
        (format!("Шкаф{ESCAPE}"), "text_control_character"),
        (format!("Шкаф 3{BELL}"), "text_control_character"),
        ("Шкаф\n3".to_owned(), "text_control_character"),
        (format!("Шкаф {RLO}3"), "text_direction_override"),
    ] {
        let error = desk
            .mark_signed(&admin, &form, &location)
            .expect_err("refused");
        assert_refused_text(error, detail, "paper location");
        assert_eq!(
            desk.consent(&admin, &consent.id).expect("consent").status,
            "awaiting_signature",
            "nothing recorded"
        );
    }
    desk.mark_signed(&admin, &form, "  Шкаф 3  ").expect("sign");

    let request = desk
        .receive_request(
            &admin,
            &ReceiveInput {
                patient: card.patient.id.clone(),
                kind: "withdrawal".into(),
                channel: "in_person".into(),
                ..Default::default()
            },
        )
        .expect("withdrawal");
    let id = request.id.clone();
    desk.start_request(&admin, &id).expect("start");
    for (reason, detail) in [
        (format!("Архив{ESCAPE}"), "text_control_character"),
        (format!("{RLI}Архив"), "text_direction_override"),
    ] {
        let error = desk
            .extend_request(&admin, &id, &reason)
            .expect_err("refused");
        assert_refused_text(error, detail, "reason");
    }
    let ground = format!("ст. 10 152-ФЗ{CSI}");
    let error = desk
        .decide_purpose(&admin, &id, "medical_account", Some(&ground))
        .expect_err("refused");
    assert_refused_text(error, "text_control_character", "legal ground");
    let view = desk.request(&admin, &id).expect("request");
    assert_eq!(view.status, "in_progress", "nothing recorded");
    desk.extend_request(&admin, &id, "Запрошены документы из архива")
        .expect("a clean reason is taken");
    assert!(desk.verify(&admin).expect("verify").intact);
}

#[test]
fn impossible_dates_are_bad_input_and_record_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    // Registered today, 24.10.2025.
    let card = desk.register_patient(&admin, &patient()).expect("register");
    let grant = |until: &str| GrantInput {
        patient: card.patient.id.clone(),
        granted: vec!["medical_account".into()],
        until: Some(until.into()),
    };
    for (until, detail) in [
        ("31.12.9999", "term_too_long"),
        ("25.10.2125", "term_too_long"),
        ("01.01.1800", "term_before_draft"),
    ] {
        let error = desk.grant_consent(&admin, &grant(until)).expect_err(until);
        assert_eq!(
            (error.code(), error.detail()),
            (ErrorCode::InvalidInput, Some(detail)),
            "{until}"
        );
    }
    assert!(
        error_message_of(&mut desk, &admin, &grant("31.12.9999")).contains("100 лет"),
        "the message says the horizon"
    );
    desk.grant_consent(&admin, &grant("24.10.2125"))
        .expect("100 years to the day is accepted");

    let receive = |on: &str| ReceiveInput {
        patient: card.patient.id.clone(),
        kind: "access".into(),
        received_on: Some(on.into()),
        channel: "post".into(),
        ..Default::default()
    };
    for (on, detail) in [
        ("25.10.2025", "date_in_future"),
        ("01.01.2100", "date_in_future"),
        ("23.10.2025", "date_before_registration"),
        ("01.01.1900", "date_before_registration"),
    ] {
        let error = desk.receive_request(&admin, &receive(on)).expect_err(on);
        assert_eq!(
            (error.code(), error.detail()),
            (ErrorCode::InvalidInput, Some(detail)),
            "{on}"
        );
    }
    assert!(
        desk.queue(&admin).expect("queue").is_empty(),
        "nothing recorded"
    );

    let request = desk
        .receive_request(&admin, &receive("24.10.2025"))
        .expect("received today");
    desk.start_request(&admin, &request.id).expect("start");
    let error = desk
        .notify_subject(&admin, &request.id, Some("31.12.2030"), "post")
        .expect_err("a notification dated in the future");
    assert_eq!(
        (error.code(), error.detail()),
        (ErrorCode::InvalidInput, Some("date_in_future"))
    );
    let view = desk.request(&admin, &request.id).expect("request");
    assert_eq!(view.status, "in_progress", "nothing recorded");
}

fn error_message_of(
    desk: &mut Desk,
    admin: &consent_domain::staff::Staff,
    input: &GrantInput,
) -> String {
    desk.grant_consent(admin, input)
        .expect_err("refused")
        .message(Lang::Ru)
}
