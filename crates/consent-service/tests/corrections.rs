//! A correction request (Art. 21 p. 2) against a real encrypted database: reception writes down what
//! is wrong, a manager applies the corrected values within the 7 working days, and the request then
//! waits for the notice; the journal counts it met on the day of the correction.

mod common;

use common::*;
use consent_service::{ErrorCode, ReceiveInput};

#[test]
fn a_manager_applies_a_correction_and_reception_may_not() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    add_staff(
        &mut desk,
        &admin,
        &[
            ("reg", "Регистратор Анна", "reception"),
            ("mgr", "Менеджер Борис", "manager"),
        ],
    );
    let reg = desk.staff_by_login("reg").expect("reg");
    let mgr = desk.staff_by_login("mgr").expect("mgr");
    let card = desk.register_patient(&reg, &patient()).expect("register");
    let intake = |details: Option<&str>| ReceiveInput {
        patient: card.patient.id.clone(),
        kind: "correction".into(),
        channel: "email".into(),
        details: details.map(str::to_owned),
        ..Default::default()
    };

    // What is wrong must be written down, as stored text.
    for details in [None, Some("   ")] {
        let err = desk
            .receive_request(&reg, &intake(details))
            .expect_err("no details");
        assert_eq!(err.detail(), Some("request_details_missing"));
    }
    let err = desk
        .receive_request(&reg, &intake(Some("адрес\u{202E}")))
        .expect_err("a control character");
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err:?}");
    let request = desk
        .receive_request(&reg, &intake(Some("Адрес: пр. Ленина, д. 7, не д. 5")))
        .expect("received");
    assert_eq!(
        request.details.as_deref(),
        Some("Адрес: пр. Ленина, д. 7, не д. 5")
    );
    assert_eq!(request.deadlines[0].due, "2025-11-05", "7 working days");
    let id = request.id;

    // Reception neither sees the form to correct nor applies it.
    let mut corrected = consent_service::api::PatientForm::from(
        &desk.patient_input(&reg, &card.patient.id).expect("input"),
    );
    corrected.address = "г. Иваново, пр. Ленина, д. 7, кв. 12".into();
    let input = consent_domain::patient::PatientInput::from(&corrected);
    assert_eq!(
        desk.correct_data(&reg, &id, &input)
            .expect_err("reception")
            .code(),
        ErrorCode::Forbidden
    );
    assert_eq!(
        desk.correction_form(&reg, &id)
            .expect_err("reception")
            .code(),
        ErrorCode::Forbidden
    );
    // Not before it is in work; a bad value is refused by the field, with nothing changed.
    assert_eq!(
        desk.correct_data(&mgr, &id, &input)
            .expect_err("not started")
            .detail(),
        Some("request_wrong_status")
    );
    desk.start_request(&mgr, &id).expect("start");
    let form = desk.correction_form(&mgr, &id).expect("form");
    assert_eq!(form.surname, "Ёлкина");
    assert_eq!(form.birth_date, "12.07.1992");
    let mut bad = corrected.clone();
    bad.birth_date = "31.02.1992".into();
    let err = desk
        .correct_data(
            &mgr,
            &id,
            &consent_domain::patient::PatientInput::from(&bad),
        )
        .expect_err("a bad date");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(!desk.request(&mgr, &id).expect("request").corrected);

    let view = desk.correct_data(&mgr, &id, &input).expect("corrected");
    assert!(view.corrected);
    assert!(
        desk.queue(&mgr).expect("queue")[0].next.is_none(),
        "the correction's deadline is met"
    );
    let again = desk.correct_data(&mgr, &id, &input).expect_err("once only");
    assert_eq!(again.detail(), Some("request_already_corrected"));
    let shown = desk
        .patient_input(&reg, &card.patient.id)
        .expect("the patient as stored");
    assert!(shown.address.contains("д. 7"), "{:?}", shown.address);

    // Then the patient is told, and the request closes; the journal counts it met that day.
    assert!(view.ready_to_notify);
    desk.notify_subject(&mgr, &id, None, "email")
        .expect("notified");
    desk.close_request(&mgr, &id).expect("closed");
    let journal = desk
        .journal(&mgr, "01.10.2025", "31.10.2025")
        .expect("journal");
    assert_eq!(journal.rows.len(), 1);
    assert_eq!(journal.rows[0].timeliness, "on_time");
    assert_eq!(journal.rows[0].done_on.as_deref(), Some("2025-10-24"));
    assert!(desk.rebuild(&admin).expect("rebuild").unchanged);
}

#[test]
fn only_a_correction_request_takes_corrected_values() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    let id = withdrawn_patient(&mut desk, &admin);
    desk.start_request(&admin, &id).expect("start");
    let err = desk.correction_form(&admin, &id).expect_err("a withdrawal");
    assert_eq!(err.detail(), Some("request_step_not_applicable"));
    let err = desk
        .correct_data(&admin, &id, &patient())
        .expect_err("a withdrawal");
    assert_eq!(err.detail(), Some("request_step_not_applicable"));
}
