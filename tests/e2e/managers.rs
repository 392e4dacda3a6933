//! The managers' side in the real window: the overdue request comes first and the navigation counts
//! it on every screen; filters and the search narrow the queue; the journal lists and prints the
//! period's requests; a withdrawal is taken, each purpose
//! decided (one goes on under a ground from the catalogue) and the deadline extended once with a
//! written reason; the notice waits for the stopped purposes' data to be destroyed. A complaint's
//! data are blocked: search and the card say so and why, printing is refused until unblocked. A
//! receptionist takes in an access request with its deadline and reaches no manager step. A
//! patient's data are destroyed once the notice is printed and the surname typed: the act prints
//! from the destruction, the register lists it, and reception's search finds nobody.

use consent_desk_tests::desk::{
    Desk, RECEPTION_LOGIN, RECEPTION_PASSWORD, add_receptionist, as_admin, prepare_desk,
    prepare_desk_days_ago, register_consenting_patient, register_consenting_patient_days_ago,
};

use super::data_dir;

/// A desk set up 30 days ago: Громова withdrew then (her 10 working days are long gone), Соколова
/// withdrew today.
fn desk_with_an_overdue_request(dir: &std::path::Path) {
    prepare_desk_days_ago(dir, 30);
    register_consenting_patient_days_ago(dir, "Громова", true, 30);
    register_consenting_patient(dir, "Соколова", true);
}

#[test]
fn a_manager_sees_the_overdue_request_first_and_works_another_to_its_end() {
    let dir = data_dir();
    desk_with_an_overdue_request(dir.path());
    let docs = tempfile::tempdir().expect("e2e set-up");
    let documents = docs.path().join("Документы");
    let desk = Desk::launch_signed_in_with(
        dir.path(),
        &[(
            "XDG_DOCUMENTS_DIR",
            documents.to_str().expect("a UTF-8 path"),
        )],
    );

    // The navigation counts the overdue request on every screen, in words.
    desk.wait_for_text_containing("[data-testid=nav-queue-badge]", "просрочено: 1");
    desk.click("[data-testid=nav-withdrawals]");
    desk.wait_for("[data-testid=queue-item]");
    assert_eq!(desk.text("[data-testid=dash-overdue]"), "1");
    assert_eq!(desk.text("[data-testid=dash-open]"), "2");
    // The overdue one first, marked by its words, not by colour alone.
    assert!(
        desk.text("[data-testid=queue-item] td:first-child")
            .starts_with("Громова"),
        "{}",
        desk.page_text()
    );
    assert_eq!(
        desk.attribute("[data-testid=queue-item]", "data-urgency"),
        "overdue"
    );
    assert!(
        desk.text("[data-testid=queue-urgency]")
            .contains("просрочено")
    );
    desk.screenshot("40-queue-overdue-first");

    // The search and the filters narrow the list.
    desk.fill("[data-testid=queue-search]", "соколова");
    desk.wait_for_text("[data-testid=queue-shown]", "Показано 1 из 2");
    desk.click("[data-testid=queue-filter-reset]");
    desk.wait_for_text("[data-testid=queue-shown]", "Показано 2 из 2");
    desk.choose("[data-testid=queue-filter-due]", "overdue");
    desk.wait_for_text("[data-testid=queue-shown]", "Показано 1 из 2");
    desk.click("[data-testid=queue-filter-reset]");
    desk.fill("[data-testid=queue-search]", "соколова");
    desk.wait_for_text("[data-testid=queue-shown]", "Показано 1 из 2");

    // Соколова's withdrawal: taken, decided per purpose, extended, notified, closed.
    desk.click("[data-testid=queue-open]");
    desk.wait_for("[data-testid=request-panel]");
    desk.wait_for_text_containing("[data-testid=request-patient]", "Соколова");
    desk.click("[data-testid=queue-start]");
    desk.wait_for_text_containing("[data-testid=request-assignee]", "(вы)");

    let medical = "[data-testid=purpose-decision][data-purpose=medical_account]";
    desk.click(&format!("{medical} [data-testid=decide-continue]"));
    desk.choose(
        &format!("{medical} [data-testid=decide-ground]"),
        "medical_purposes",
    );
    desk.fill(
        &format!("{medical} [data-testid=decide-note]"),
        "медицинская карта хранится 25 лет",
    );
    desk.click(&format!("{medical} [data-testid=decide-save]"));
    desk.wait_for_text_containing(
        "[data-testid=request-outcome][data-purpose=medical_account]",
        "323-ФЗ",
    );
    let notifications = "[data-testid=purpose-decision][data-purpose=notifications]";
    desk.click(&format!("{notifications} [data-testid=decide-save]"));
    desk.wait_for_text("[data-testid=request-status]", "обработка прекращена");

    // An extension needs its reason; the refusal says so and nothing is recorded.
    desk.click("[data-testid=queue-extend]");
    desk.wait_for("[data-testid=request-error]");
    desk.fill(
        "[data-testid=queue-extend-reason]",
        "Запрошены сведения из архива филиала",
    );
    desk.click("[data-testid=queue-extend]");
    desk.wait_for_text_containing("[data-testid=request-extended]", "архива филиала");
    // The reasoned notice to the patient: previewed like a consent form, then closed.
    desk.click("[data-testid=notice-extension]");
    desk.wait_for("[data-testid=form-preview]");
    desk.screenshot("41-request-decided-and-extended");
    desk.click("[data-testid=preview-close]");
    desk.wait_gone("[data-testid=form-preview]");
    // How it was sent is recorded.
    desk.choose("[data-testid=extension-notice-channel]", "email");
    desk.click("[data-testid=extension-notice-save]");
    desk.wait_for_text_containing(
        "[data-testid=extension-notice-sent]",
        "По электронной почте",
    );

    // Notifications stopped, so their data are to be destroyed: that is the next step, and the
    // notice waits for it.
    desk.wait_for("[data-testid=request-disposal-next]");
    assert_eq!(
        desk.eval("!!document.querySelector('[data-testid=notify-save]')"),
        serde_json::json!(false)
    );

    // Back in the queue, the row says whose work it is; the badge still counts Громова's.
    desk.click("[data-testid=request-back]");
    desk.wait_for_text_containing("[data-testid=queue-assignee]", "(вы)");
    desk.wait_for_text_containing("[data-testid=nav-queue-badge]", "просрочено: 1");

    // The journal for an inspection: both requests of the last two months, Громова's overdue, and
    // its PDF previewed.
    desk.click("[data-testid=queue-journal]");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970");
    let today = chrono::DateTime::from_timestamp(now.as_secs() as i64, 0)
        .expect("a valid time")
        .date_naive();
    let from = (today - chrono::Days::new(60))
        .format("%d.%m.%Y")
        .to_string();
    desk.fill("#journal-from", &from);
    desk.click("[data-testid=journal-show]");
    desk.wait_for_text("[data-testid=journal-count]", "Обращений за период: 2");
    desk.wait_for("[data-testid=journal-row][data-timeliness=overdue]");
    // The CSV for Excel lands in the documents folder, and the screen says where.
    desk.click("[data-testid=journal-csv]");
    desk.wait_for_text_containing("[data-testid=journal-saved]", "Документы");
    let saved: Vec<_> = std::fs::read_dir(&documents)
        .expect("the documents folder was made")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let csv = std::fs::read(&saved[0]).expect("the CSV");
    assert!(csv.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
    assert!(String::from_utf8_lossy(&csv).contains(';'));
    desk.click("[data-testid=journal-pdf]");
    desk.wait_for("[data-testid=form-preview]");
    desk.screenshot("42-journal");
    desk.click("[data-testid=preview-close]");
    desk.click("[data-testid=journal-close]");
    desk.wait_for("[data-testid=queue-item]");
}

/// Белова signed a consent whose form awaits printing again, and complained: her data are to be
/// blocked while the complaint is verified.
fn desk_with_a_complaint(dir: &std::path::Path) {
    prepare_desk(dir);
    let input = consent_desk_tests::fixtures::patient_input("Белова");
    as_admin(dir, |desk, admin| {
        let patient = desk.register_patient(admin, &input)?.patient.id;
        desk.grant_consent(
            admin,
            &consent_service::GrantInput {
                patient: patient.clone(),
                granted: vec!["medical_account".into()],
                until: None,
            },
        )?;
        desk.receive_request(
            admin,
            &consent_service::ReceiveInput {
                patient,
                kind: "blocking".into(),
                purposes: vec![],
                received_on: None,
                channel: "post".into(),
                details: None,
            },
        )
    });
}

#[test]
fn a_manager_blocks_a_patients_data_and_printing_is_refused_until_unblocked() {
    let dir = data_dir();
    desk_with_a_complaint(dir.path());
    let desk = Desk::launch_signed_in(dir.path());
    desk.click("[data-testid=nav-withdrawals]");
    desk.choose("[data-testid=queue-filter-kind]", "blocking");
    desk.wait_for_text("[data-testid=queue-shown]", "Показано 1 из 1");
    desk.click("[data-testid=queue-open]");
    desk.wait_for("[data-testid=request-panel]");
    desk.click("[data-testid=queue-start]");
    desk.click("[data-testid=request-block]");
    desk.wait_for("[data-testid=request-blocks-data]");
    desk.wait_for_text("[data-testid=request-status]", "данные заблокированы");

    // Reception's search and the card say the data are blocked and why; printing is refused.
    desk.click("[data-testid=nav-reception]");
    desk.fill("[data-testid=patient-search]", "белова");
    desk.wait_for("[data-testid=search-result-blocked]");
    desk.click("[data-testid=search-result]");
    desk.wait_for_text_containing("[data-testid=card-blocked]", "Блокирование данных");
    desk.click("[data-testid=card-consent-print]");
    desk.wait_for_text_containing("[data-testid=error-message]", "заблокированы");
    desk.screenshot("43-blocked-card-printing-refused");

    // Unblocked from the request: the form prints again (its preview opens).
    desk.click("[data-testid=nav-withdrawals]");
    desk.click("[data-testid=queue-open]");
    desk.click("[data-testid=request-unblock]");
    desk.wait_gone("[data-testid=request-blocks-data]");
    desk.click("[data-testid=nav-reception]");
    desk.fill("[data-testid=patient-search]", "белова");
    desk.click("[data-testid=search-result]");
    desk.wait_for("[data-testid=patient-card]");
    assert_eq!(
        desk.eval("!!document.querySelector('[data-testid=card-blocked]')"),
        serde_json::json!(false)
    );
    desk.click("[data-testid=card-consent-print]");
    desk.wait_for("[data-testid=form-preview]");
}

#[test]
fn a_receptionist_takes_in_an_access_request_and_sees_its_deadline_but_no_manager_step() {
    let dir = data_dir();
    prepare_desk(dir.path());
    add_receptionist(dir.path());
    register_consenting_patient(dir.path(), "Орлова", false);
    let desk = Desk::launch(dir.path());
    desk.sign_in(RECEPTION_LOGIN, RECEPTION_PASSWORD);
    desk.fill("[data-testid=patient-search]", "орлова");
    desk.click("[data-testid=search-result]");
    desk.click("[data-testid=card-request]");
    desk.wait_for("[data-testid=request-intake]");
    desk.choose("#i-kind", "access");
    desk.choose("#i-channel", "email");
    desk.click("[data-testid=intake-submit]");
    // Art. 14: ten working days to answer, shown at once.
    desk.wait_for_text_containing("[data-testid=intake-deadline]", "ответить");
    assert!(
        desk.text("[data-testid=intake-deadline]")
            .contains("раб. дн.")
    );
    desk.screenshot("44-access-request-received");

    // The card lists it; the managers' queue is refused to reception by the desk itself.
    desk.click("[data-testid=intake-close]");
    desk.wait_for_text_containing("[data-testid=card-request-deadline]", "ответить");
    desk.click("[data-testid=nav-withdrawals]");
    desk.wait_for_text_containing("[data-testid=queue-error]", "Недостаточно прав");
    assert_eq!(
        desk.eval("!!document.querySelector('[data-testid=queue-open]')"),
        serde_json::json!(false)
    );
}

#[test]
fn a_manager_destroys_a_patients_data_prints_the_act_and_reception_finds_nothing() {
    let dir = data_dir();
    prepare_desk(dir.path());
    register_consenting_patient(dir.path(), "Соколова", true);
    let work = tempfile::tempdir().expect("e2e set-up");
    let (spool, path) = super::reception::printer(work.path());
    let desk = Desk::launch_signed_in_with(dir.path(), &[("PATH", path.as_str())]);
    desk.click("[data-testid=nav-withdrawals]");
    desk.click("[data-testid=queue-open]");
    desk.wait_for_text_containing("[data-testid=request-patient]", "Соколова");
    desk.click("[data-testid=queue-start]");
    desk.wait_for_text_containing("[data-testid=request-assignee]", "(вы)");
    for purpose in ["medical_account", "notifications"] {
        desk.click(&format!(
            "[data-testid=purpose-decision][data-purpose={purpose}] [data-testid=decide-save]"
        ));
        desk.wait_for(&format!(
            "[data-testid=request-outcome][data-purpose={purpose}][data-decision=stopped]"
        ));
    }
    desk.wait_for_text("[data-testid=request-status]", "обработка прекращена");

    // What would go, the notice to print first, and the surname to type.
    desk.wait_for_text_containing("[data-testid=destroy-categories]", "номер телефона");
    desk.click("[data-testid=destroy-notice]");
    desk.wait_for("[data-testid=form-preview]");
    desk.click("[data-testid=print]");
    desk.wait_for("[data-testid=print-done]");
    assert!(super::reception::pdftotext(&spool.join("job-0.pdf")).contains("уничтожены"));
    desk.click("[data-testid=preview-close]");
    desk.wait_gone("[data-testid=form-preview]");
    desk.fill("[data-testid=destroy-surname]", "Соколов");
    desk.click("[data-testid=destroy-submit]");
    desk.wait_for_text_containing("[data-testid=destroy-error]", "Фамилия введена неверно");
    desk.screenshot("45-destroy-confirmation");
    desk.fill("[data-testid=destroy-surname]", "соколова");
    desk.click("[data-testid=destroy-submit]");
    desk.wait_for_text_containing("[data-testid=destroyed-act-drawn]", "акт № 1");
    desk.wait_for_text("[data-testid=request-patient]", "данные уничтожены");
    assert!(
        desk.text("[data-testid=destroyed-trail]")
            .contains("Данные уничтожены")
    );

    // The act, from the destruction itself, printed for signature.
    desk.click("[data-testid=destroyed-act]");
    desk.wait_for("[data-testid=pdf-view][data-pages]");
    desk.screenshot("46-destruction-act");
    desk.click("[data-testid=print]");
    desk.wait_for("[data-testid=print-done]");
    let act = super::reception::pdftotext(&spool.join("job-1.pdf"));
    assert!(act.contains("Соколова"), "{act}");
    assert!(act.contains("АКТ"), "{act}");
    desk.click("[data-testid=preview-close]");

    // The patient is told and the request closed; its history stays.
    desk.click("[data-testid=notify-save]");
    desk.wait_for_text("[data-testid=request-status]", "субъект уведомлён");
    desk.click("[data-testid=request-close]");
    desk.wait_for_text("[data-testid=request-status]", "закрыт");
    desk.wait_for("[data-testid=request-destroyed]");

    // The register lists the act; reception's search finds nobody.
    desk.click("[data-testid=request-back]");
    desk.click("[data-testid=queue-acts]");
    desk.wait_for_text_containing("[data-testid=act-row][data-number='1']", "Соколова");
    desk.click("[data-testid=nav-reception]");
    desk.fill("[data-testid=patient-search]", "соколова");
    desk.wait_for_text_containing("[data-testid=search-count]", "соколова");
    assert_eq!(
        desk.eval("document.querySelectorAll('[data-testid=search-result]').length"),
        serde_json::json!(0)
    );
}

#[test]
fn a_manager_corrects_a_patients_data_on_a_correction_request() {
    let dir = data_dir();
    prepare_desk(dir.path());
    register_consenting_patient(dir.path(), "Орлова", false);
    as_admin(dir.path(), |desk, admin| {
        let patient = desk.find_patient_ids(admin, "орлова", 1)?.remove(0);
        desk.receive_request(
            admin,
            &consent_service::ReceiveInput {
                patient,
                kind: "correction".into(),
                purposes: vec![],
                received_on: None,
                channel: "email".into(),
                details: Some("Неверный номер дома: правильно д. 7".into()),
            },
        )
    });
    let desk = Desk::launch_signed_in(dir.path());
    desk.click("[data-testid=nav-withdrawals]");
    desk.click("[data-testid=queue-open]");
    desk.wait_for_text_containing("[data-testid=request-details]", "правильно д. 7");
    desk.click("[data-testid=queue-start]");
    desk.click("[data-testid=correction-open]");
    desk.wait_for("[data-testid=correction-form]");
    assert_eq!(
        desk.eval("document.getElementById('p-surname').value"),
        serde_json::json!("Орлова")
    );
    // A field the desk refuses is shown by the field, and nothing is recorded.
    desk.fill("#p-birth-date", "31.02.1990");
    desk.click("[data-testid=correction-form] [data-testid=register-submit]");
    desk.wait_for("[data-testid=correction-form] [data-testid=form-error]");
    desk.fill("#p-birth-date", "01.02.1990");
    desk.fill("#p-address", "г. Иваново, ул. Садовая, д. 7");
    desk.click("[data-testid=correction-form] [data-testid=register-submit]");
    desk.wait_for("[data-testid=request-corrected]");
    desk.screenshot("47-correction-applied");
    desk.click("[data-testid=notify-save]");
    desk.wait_for_text("[data-testid=request-status]", "субъект уведомлён");
    drop(desk);
    let address = as_admin(dir.path(), |desk, admin| {
        let patient = desk.find_patient_ids(admin, "орлова", 1)?.remove(0);
        Ok(desk.patient_input(admin, &patient)?.address)
    });
    assert_eq!(address, "г. Иваново, ул. Садовая, д. 7");
}
