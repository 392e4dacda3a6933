//! The desk's use cases against a real encrypted database: roles enforced in the service, bad input
//! refused with nothing changed, wrong keys and double set-up refused.

mod common;

use std::sync::Arc;

use common::*;
use consent_domain::Lang;
use consent_service::clock::FixedClock;
use consent_service::{
    Desk, ErrorCode, GrantInput, KeyChoice, NewStaff, ReceiveInput, ServiceError,
};

#[test]
fn a_consent_is_granted_printed_signed_and_withdrawn_with_its_deadline() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    let card = desk.register_patient(&admin, &patient()).expect("register");
    assert_eq!(card.patient.name, "Ёлкина Дарья Игоревна");
    assert_eq!(
        desk.find_patients(&admin, "елкин", 10).expect("find")[0].id,
        card.patient.id,
        "ё and е are the same letter for search"
    );

    let consent = desk
        .grant_consent(
            &admin,
            &GrantInput {
                patient: card.patient.id.clone(),
                granted: vec!["medical_account".into(), "2.2.7".into()],
                until: None,
            },
        )
        .expect("grant");
    assert_eq!(consent.status, "draft");
    assert_eq!(consent.purposes.len(), 9, "every purpose answered");
    assert_eq!(
        consent
            .purposes
            .iter()
            .filter(|p| p.decision == "granted")
            .count(),
        2
    );
    let (printed, form) = desk.mark_printed(&admin, &consent.id).expect("print");
    assert_eq!(printed.status, "awaiting_signature");
    let signed = desk
        .mark_signed(
            &admin,
            &format!("consent-desk:form:{form}"),
            "Шкаф 2, папка «Октябрь»",
        )
        .expect("sign");
    assert_eq!(signed.status, "active");
    assert_eq!(
        signed.signed_by.as_deref(),
        Some("Смирнова Ольга Викторовна")
    );

    let again = desk
        .mark_signed(&admin, &form, "Шкаф 2")
        .expect_err("signed twice");
    assert_eq!(
        code(&again),
        (ErrorCode::RuleViolation, Some("consent_already_signed"))
    );
    assert!(again.message(Lang::Ru).contains("уже подписано"));

    let request = desk
        .receive_request(
            &admin,
            &ReceiveInput {
                patient: card.patient.id.clone(),
                kind: "withdrawal".into(),
                purposes: vec!["notifications".into()],
                received_on: Some("24.10.2025".into()),
                channel: "email".into(),
                details: None,
            },
        )
        .expect("withdrawal");
    let stop = &request.deadlines[0];
    assert_eq!(
        (stop.obligation.as_str(), stop.due.as_str()),
        ("stop_processing", "2025-11-10")
    );
    assert_eq!(
        stop.working_days_left, 10,
        "24.10 is today: ten working days left"
    );

    let queue = desk.queue(&admin).expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].patient_name, "Ёлкина Дарья Игоревна");
    let card = desk.card(&admin, &card.patient.id).expect("card");
    assert_eq!(card.consents[0].status, "partly_withdrawn");
    assert_eq!(card.purposes_in_force, vec!["medical_account".to_owned()]);
    assert!(desk.verify(&admin).expect("verify").intact);
    assert!(desk.rebuild(&admin).expect("rebuild").unchanged);
}

#[test]
fn roles_are_enforced_by_the_service() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    desk.add_staff(
        &admin,
        NewStaff {
            login: "reception".into(),
            full_name: "Петрова Анна".into(),
            role: "reception".into(),
        },
    )
    .expect("add reception");
    let reception = desk.staff_by_login("reception").expect("reception");
    let cases: Vec<(&str, Result<(), ServiceError>)> = vec![
        ("queue", desk.queue(&reception).map(drop)),
        ("verify", desk.verify(&reception).map(drop)),
        ("staff list", desk.staff_list(&reception).map(drop)),
    ];
    for (name, result) in cases {
        let err = result.expect_err(name);
        assert_eq!(err.code(), ErrorCode::Forbidden, "{name}");
        assert!(
            err.message(Lang::Ru).contains("Недостаточно прав"),
            "{name}"
        );
    }
    let err = desk.rebuild(&reception).expect_err("rebuild");
    assert_eq!(err.code(), ErrorCode::Forbidden);
    let err = desk
        .import_calendar(&reception, "<calendar/>")
        .expect_err("calendar");
    assert_eq!(err.code(), ErrorCode::Forbidden);
    // Reception does the desk's own work.
    desk.register_patient(&reception, &patient())
        .expect("reception registers");
}

#[test]
fn bad_input_is_refused_with_field_messages_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    let mut bad = patient();
    bad.surname = "  ".into();
    bad.birth_date = "31.02.1990".into();
    bad.document.number = "12345".into();
    let err = desk.register_patient(&admin, &bad).expect_err("invalid");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let payload = err.payload(Lang::Ru);
    let fields: Vec<&str> = payload.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["surname", "birth_date", "document.number"]);
    assert!(
        payload.fields[0]
            .message
            .starts_with("Фамилия: обязательно"),
        "{payload:?}"
    );
    assert!(payload.message.contains("Дата рождения"));
    assert!(desk.find_patients(&admin, "", 10).expect("find").is_empty());
    assert_eq!(
        desk.verify(&admin).expect("verify").events,
        1,
        "only the admin exists"
    );

    let card = desk.register_patient(&admin, &patient()).expect("valid");
    let cases: Vec<(&str, ServiceError, ErrorCode, &str)> = vec![
        (
            "malformed received date",
            desk.receive_request(
                &admin,
                &ReceiveInput {
                    patient: card.patient.id.clone(),
                    kind: "access".into(),
                    received_on: Some("32.10.2025".into()),
                    channel: "post".into(),
                    ..Default::default()
                },
            )
            .expect_err("date"),
            ErrorCode::InvalidInput,
            "bad_date",
        ),
        (
            "received date in the future",
            desk.receive_request(
                &admin,
                &ReceiveInput {
                    patient: card.patient.id.clone(),
                    kind: "access".into(),
                    received_on: Some("25.10.2025".into()),
                    channel: "post".into(),
                    ..Default::default()
                },
            )
            .expect_err("future"),
            ErrorCode::InvalidInput,
            "date_in_future",
        ),
        (
            "unknown purpose",
            desk.grant_consent(
                &admin,
                &GrantInput {
                    patient: card.patient.id.clone(),
                    granted: vec!["astrology".into()],
                    until: None,
                },
            )
            .expect_err("purpose"),
            ErrorCode::InvalidInput,
            "unknown_purpose",
        ),
        (
            "withdraw a purpose never granted",
            desk.receive_request(
                &admin,
                &ReceiveInput {
                    patient: card.patient.id.clone(),
                    kind: "withdrawal".into(),
                    purposes: vec!["advertising".into()],
                    channel: "post".into(),
                    ..Default::default()
                },
            )
            .expect_err("not granted"),
            ErrorCode::RuleViolation,
            "consent_purpose_not_granted",
        ),
        (
            "bad patient id",
            desk.card(&admin, "not-an-id").expect_err("id"),
            ErrorCode::InvalidInput,
            "bad_id",
        ),
        (
            "unknown patient",
            desk.card(&admin, "01900000-0000-7000-8000-000000000001")
                .expect_err("unknown"),
            ErrorCode::NotFound,
            "patient_not_found",
        ),
        (
            "unknown form",
            desk.mark_signed(&admin, "01900000-0000-7000-8000-000000000001", "Шкаф")
                .expect_err("form"),
            ErrorCode::NotFound,
            "form_not_found",
        ),
        (
            // 2018 is also a year the calendar does not know, but the date is impossible first.
            "received before the patient was registered",
            desk.receive_request(
                &admin,
                &ReceiveInput {
                    patient: card.patient.id.clone(),
                    kind: "access".into(),
                    received_on: Some("01.03.2018".into()),
                    channel: "post".into(),
                    ..Default::default()
                },
            )
            .expect_err("2018"),
            ErrorCode::InvalidInput,
            "date_before_registration",
        ),
    ];
    let events_before = desk.verify(&admin).expect("verify").events;
    for (name, err, expected, detail) in cases {
        assert_eq!(err.code(), expected, "{name}");
        assert_eq!(err.detail().unwrap_or(""), detail, "{name}");
        assert!(!err.message(Lang::Ru).is_empty());
    }
    assert_eq!(desk.verify(&admin).expect("verify").events, events_before);
}

#[test]
fn set_up_never_overwrites_and_a_wrong_key_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    drop(init(dir.path()));
    let db = dir.path().join("consent-desk.db");
    let before = std::fs::read(&db).expect("db");

    let err = Desk::init(
        dir.path(),
        KeyChoice::Env(KEY.into()),
        admin(),
        Arc::new(FixedClock(NOW_MS)),
        Lang::Ru,
    )
    .expect_err("second init");
    assert_eq!(err.code(), ErrorCode::AlreadyInitialized);

    let wrong = "ff".repeat(32);
    let err = Desk::open(
        dir.path(),
        KeyChoice::Env(wrong),
        Arc::new(FixedClock(NOW_MS)),
        Lang::Ru,
    )
    .expect_err("wrong key");
    assert_eq!(code(&err), (ErrorCode::Key, Some("db_wrong_key")));
    assert!(
        err.message(Lang::Ru).contains("Ключ не подходит"),
        "{}",
        err.message(Lang::Ru)
    );
    assert_eq!(
        std::fs::read(&db).expect("db"),
        before,
        "the database is untouched"
    );

    let err = Desk::open(
        dir.path(),
        KeyChoice::Env("abc".into()),
        Arc::new(FixedClock(NOW_MS)),
        Lang::En,
    )
    .expect_err("malformed key");
    assert_eq!(code(&err), (ErrorCode::Key, Some("key_malformed")));

    let empty = tempfile::tempdir().expect("dir");
    let err = Desk::open(
        empty.path(),
        KeyChoice::Env(KEY.into()),
        Arc::new(FixedClock(NOW_MS)),
        Lang::Ru,
    )
    .expect_err("no database");
    assert_eq!(err.code(), ErrorCode::NotInitialized);
    assert!(
        !empty.path().join("consent-desk.db").exists(),
        "opening never creates"
    );
}

#[test]
fn a_manager_works_a_withdrawal_to_the_end_and_reception_may_not() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    for (login, role) in [("reg", "reception"), ("mgr", "manager")] {
        desk.add_staff(
            &admin,
            NewStaff {
                login: login.into(),
                full_name: "Сотрудник Клиники".into(),
                role: role.into(),
            },
        )
        .expect("staff");
    }
    let reg = desk.staff_by_login("reg").expect("reg");
    let mgr = desk.staff_by_login("mgr").expect("mgr");
    let card = desk.register_patient(&reg, &patient()).expect("register");
    let consent = desk
        .grant_consent(
            &reg,
            &GrantInput {
                patient: card.patient.id.clone(),
                granted: vec!["medical_account".into(), "advertising".into()],
                until: None,
            },
        )
        .expect("grant");
    let (_, form) = desk.mark_printed(&reg, &consent.id).expect("print");
    desk.mark_signed(&reg, &form, "Шкаф 1").expect("sign");
    let request = desk
        .receive_request(
            &reg,
            &ReceiveInput {
                patient: card.patient.id.clone(),
                kind: "withdrawal".into(),
                received_on: Some("24.10.2025".into()),
                channel: "in_person".into(),
                ..Default::default()
            },
        )
        .expect("withdrawal of everything");
    let id = request.id.clone();

    for (name, result) in [
        ("start", desk.start_request(&reg, &id).map(drop)),
        (
            "extend",
            desk.extend_request(&reg, &id, "причина").map(drop),
        ),
        ("close", desk.close_request(&reg, &id).map(drop)),
    ] {
        assert_eq!(
            result.expect_err(name).code(),
            ErrorCode::Forbidden,
            "{name}"
        );
    }

    desk.start_request(&mgr, &id).expect("start");
    let extended = desk
        .extend_request(&mgr, &id, "Запрошены документы из архива филиала")
        .expect("extend");
    assert_eq!(
        extended.deadlines[0].due, "2025-11-17",
        "10 + 5 working days"
    );
    desk.decide_purpose(&mgr, &id, "advertising", None)
        .expect("stop advertising");
    let decided = desk
        .decide_purpose(
            &mgr,
            &id,
            "medical_account",
            Some("п. 4 ч. 2 ст. 10 152-ФЗ (медицинская тайна)"),
        )
        .expect("the medical record continues");
    assert_eq!(decided.status, "processing_stopped");
    let err = desk.close_request(&mgr, &id).expect_err("not notified yet");
    assert_eq!(err.detail(), Some("request_wrong_status"));
    // The medical record goes on, so the subject is not destroyed as a whole: the advertising
    // data are blocked until they can go.
    let err = desk
        .destroy_subject(&mgr, &id, "Ёлкина")
        .expect_err("the medical record goes on");
    assert_eq!(err.detail(), Some("destruction_data_needed"));
    desk.block_data(&mgr, &id).expect("blocked");
    // Today (the fixed clock's 24.10.2025): a notification records a day that has come.
    desk.notify_subject(&mgr, &id, Some("24.10.2025"), "post")
        .expect("notified");
    let closed = desk.close_request(&mgr, &id).expect("closed");
    assert_eq!(closed.status, "closed");
    assert!(
        desk.queue(&mgr).expect("queue").is_empty(),
        "a closed request leaves the queue"
    );
    assert!(desk.rebuild(&admin).expect("rebuild").unchanged);
}

#[test]
fn staff_sign_in_with_their_own_password_and_failures_say_nothing_more() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    desk.add_staff(
        &admin,
        NewStaff {
            login: "reg".into(),
            full_name: "Петрова Анна".into(),
            role: "reception".into(),
        },
    )
    .expect("reception");
    let reg = desk.staff_by_login("reg").expect("reg");
    let refused = desk
        .sign_in("reg", "любой-пароль")
        .expect_err("no password yet");
    assert_eq!(refused.code(), ErrorCode::SignInFailed);

    desk.set_password(&admin, "reg", "Пароль-регистратуры-1")
        .expect("admin sets");
    let err = desk
        .set_password(&reg, "admin", "чужой-пароль-123")
        .expect_err("not theirs");
    assert_eq!(err.code(), ErrorCode::Forbidden);
    let short = desk.set_password(&reg, "reg", "short").expect_err("policy");
    assert_eq!(short.detail(), Some("password_too_short"));
    desk.set_password(&reg, "reg", "Новый-пароль-2025")
        .expect("own password");

    assert_eq!(
        desk.sign_in("reg", "Новый-пароль-2025")
            .expect("sign in")
            .id(),
        reg.id()
    );
    for (login, password) in [
        ("reg", "Пароль-регистратуры-1"),
        ("reg", ""),
        ("nobody", "Новый-пароль-2025"),
    ] {
        let err = desk.sign_in(login, password).expect_err(login);
        assert_eq!(err.code(), ErrorCode::SignInFailed, "{login}");
        assert_eq!(err.message(Lang::Ru), "Неверный логин или пароль.");
    }
    assert!(
        desk.rebuild(&admin).expect("rebuild").unchanged,
        "hashes fold like the rest"
    );
    assert!(
        desk.sign_in("reg", "Новый-пароль-2025").is_ok(),
        "and survive a rebuild"
    );
}

#[test]
fn forms_are_printed_from_the_records_and_each_print_is_recorded() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    let card = desk.register_patient(&admin, &patient()).expect("register");
    let consent = desk
        .grant_consent(
            &admin,
            &GrantInput {
                patient: card.patient.id.clone(),
                granted: vec!["medical_account".into(), "notifications".into()],
                until: None,
            },
        )
        .expect("grant");

    let err = desk
        .print_consent(&admin, &consent.id, true, delivered)
        .expect_err("no clinic yet");
    assert_eq!(err.detail(), Some("clinic_not_set"));
    assert!(err.message(Lang::Ru).contains("Реквизиты клиники"));
    assert_eq!(
        desk.consent(&admin, &consent.id).expect("consent").status,
        "draft"
    );

    desk.set_clinic(&admin, &clinic()).expect("clinic");
    // A copy that never reached its file or printer is not recorded as printed.
    let jammed = desk.print_consent(&admin, &consent.id, true, |_| Err(Undelivered::Jammed));
    assert!(matches!(jammed, Err(Undelivered::Jammed)), "{jammed:?}");
    let view = desk.consent(&admin, &consent.id).expect("consent");
    assert_eq!((view.status.as_str(), view.forms.len()), ("draft", 0));
    let printed = desk
        .print_consent(&admin, &consent.id, true, delivered)
        .expect("print");
    assert_eq!(printed.len(), 1, "no purpose needs the Art. 10.1 document");
    let form = &printed[0];
    assert!(form.bytes.starts_with(b"%PDF"));
    assert_eq!(form.short_code.len(), 9);
    let text = pdf_text(&form.bytes);
    for needle in [
        "СОГЛАСИЕ",
        "Ёлкина Дарья Игоревна",
        "ООО «Клиника семейной медицины»",
        "345678",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} missing from the consent form"
        );
    }
    let view = desk.consent(&admin, &consent.id).expect("consent");
    assert_eq!(view.status, "awaiting_signature");
    assert_eq!(
        view.forms,
        vec![form.form_id.clone()],
        "the printed copy is recorded"
    );
    desk.mark_signed(&admin, &form.form_id, "Шкаф 1")
        .expect("the printed copy signs");

    let withdrawal = desk
        .print_withdrawal_for_patient(&admin, &card.patient.id, &[], delivered)
        .expect("pre-filled withdrawal");
    assert!(pdf_text(&withdrawal.bytes).contains("Ёлкина"));
    let blank = desk.print_blank_withdrawal(&admin).expect("blank");
    assert!(
        !pdf_text(&blank.bytes).contains("Ёлкина"),
        "a blank form names nobody"
    );

    let request = desk
        .receive_request(
            &admin,
            &ReceiveInput {
                patient: card.patient.id.clone(),
                kind: "withdrawal".into(),
                received_on: Some("24.10.2025".into()),
                channel: "post".into(),
                ..Default::default()
            },
        )
        .expect("withdrawal");
    let early = desk
        .print_act(&admin, &request.id, delivered)
        .expect_err("nothing destroyed yet");
    assert_eq!(early.detail(), Some("act_needs_destroyed_data"));
    desk.start_request(&admin, &request.id).expect("start");
    desk.extend_request(&admin, &request.id, "Запрошены документы из архива")
        .expect("extend");
    let extension = desk
        .print_notice(&admin, &request.id, "extension", delivered)
        .expect("extension notice");
    let text = pdf_text(&extension.bytes);
    assert!(text.contains("17.11.2025"), "the new due date is printed");
    desk.decide_purpose(&admin, &request.id, "notifications", None)
        .expect("stop");
    desk.decide_purpose(&admin, &request.id, "medical_account", None)
        .expect("stop");
    // The notice goes out on the day of the destruction, before the address is gone.
    let notice = desk
        .print_notice(&admin, &request.id, "outcome", delivered)
        .expect("outcome notice");
    assert!(pdf_text(&notice.bytes).contains("уничтожены 24.10.2025"));
    desk.destroy_subject(&admin, &request.id, "Ёлкина")
        .expect("destroyed");
    let act = desk.print_act(&admin, &request.id, delivered).expect("act");
    let text = pdf_text(&act.bytes);
    assert!(
        text.contains("Ёлкина Дарья Игоревна"),
        "the act names the subject"
    );
    assert!(desk.rebuild(&admin).expect("rebuild").unchanged);
    assert!(desk.verify(&admin).expect("verify").intact);
}

/// A delivery that always succeeds (the copies stay in memory).
fn delivered(_: &[consent_service::desk::PrintedPdf]) -> Result<(), ServiceError> {
    Ok(())
}

/// Why a copy did not reach its file or printer, in a test.
#[derive(Debug)]
enum Undelivered {
    Jammed,
    #[allow(dead_code)] // carried only so the service's own errors pass through `?`
    Service(ServiceError),
}

impl From<ServiceError> for Undelivered {
    fn from(error: ServiceError) -> Self {
        Undelivered::Service(error)
    }
}
