//! The reception desk's flows through the app's session, against a real encrypted database and a
//! printer that is a real program reading the PDF from its pipe: register (with the duplicate
//! warning), capture a consent, preview and print it, confirm the signature by its code, take in a
//! withdrawal; locks and roles refuse what they must.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use consent_service::api::{
    DocumentForm, FirstStartInput, PatientForm, PrintTarget, Registration, WithdrawalIntake,
};
use consent_service::clock::FixedClock;
use consent_service::output::Output;
use consent_service::{ErrorCode, KeyChoice, NewStaff, Service, ServiceError, Session};

const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
/// 2025-10-24 13:00 Moscow time: a Friday.
const NOW_MS: u64 = 1_761_300_000_000;

struct Desk {
    _dir: tempfile::TempDir,
    session: Session,
    spool: PathBuf,
}

fn printer_script(dir: &Path, spool: &Path, fail: bool) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(if fail { "lp-broken" } else { "lp" });
    let body = if fail {
        "cat > /dev/null\necho 'lp: Error - The printer or class does not exist.' >&2\nexit 1"
            .to_owned()
    } else {
        format!(
            "n=$(ls '{spool}' | wc -l)\ncat > '{spool}/job-'$n.pdf\necho \"request id is Desk-$n (1 file(s))\"",
            spool = spool.display()
        )
    };
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("test set-up");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("test set-up");
    path
}

fn first_start_input() -> FirstStartInput {
    FirstStartInput {
        clinic_name: "ООО \"Клиника\"".to_owned(),
        inn: "7707083893".to_owned(),
        ogrn: "1027700132195".to_owned(),
        desk_name: "Регистратура, окно 1".to_owned(),
        admin_login: "admin".to_owned(),
        admin_name: "Смирнова Ольга Викторовна".to_owned(),
        password: "пароль-администратора".to_owned(),
        ..FirstStartInput::default()
    }
}

fn desk_with_printer(broken: bool) -> Desk {
    let dir = tempfile::tempdir().expect("test set-up");
    let data = dir.path().join("data");
    let spool = dir.path().join("spool");
    std::fs::create_dir_all(&spool).expect("test set-up");
    let lp = printer_script(dir.path(), &spool, broken);
    let service = Service::open_with(&data, Some("ru")).expect("test set-up");
    let session = Session::new(
        service,
        KeyChoice::Env(KEY.to_owned()),
        Arc::new(FixedClock(NOW_MS)),
    )
    .with_output(Output::new(lp, "/bin/true", None));
    session
        .first_start(&first_start_input())
        .expect("test set-up");
    Desk {
        _dir: dir,
        session,
        spool,
    }
}

fn desk() -> Desk {
    desk_with_printer(false)
}

fn form(surname: &str, number: &str) -> PatientForm {
    PatientForm {
        surname: surname.to_owned(),
        given_name: "Пётр".to_owned(),
        patronymic: "Алексеевич".to_owned(),
        birth_date: "15.03.1985".to_owned(),
        sex: "male".to_owned(),
        phone: "+7 912 345-67-89".to_owned(),
        address: "г. Иваново, ул. Куконковых, д. 142".to_owned(),
        document: DocumentForm {
            kind: "ru_passport".to_owned(),
            series: "2410".to_owned(),
            number: number.to_owned(),
            issue_date: "01.04.2005".to_owned(),
            issuer: "УМВД России по Ивановской области".to_owned(),
            subdivision_code: "370-001".to_owned(),
        },
        ..PatientForm::default()
    }
}

fn register(session: &Session, form: &PatientForm) -> String {
    match session.register_patient(form, true).expect("test set-up") {
        Registration::Registered { card } => card.patient.id,
        other => panic!("expected a registration, got {other:?}"),
    }
}

fn code(error: &ServiceError) -> (ErrorCode, Option<&'static str>) {
    (error.code(), error.detail())
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by cargo xtask test");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("test set-up")
}

#[test]
fn a_similar_patient_is_shown_before_anything_is_recorded() {
    let desk = desk();
    let first = register(&desk.session, &form("Семёнов", "654321"));
    // The same person typed again with «е» for «ё» and a new passport number.
    let again = form("Семенов", "111111");
    let similar = match desk
        .session
        .register_patient(&again, false)
        .expect("test set-up")
    {
        Registration::PossibleDuplicates { similar } => similar,
        other => panic!("expected a duplicate warning, got {other:?}"),
    };
    assert_eq!(similar.len(), 1);
    assert_eq!(similar[0].id, first);
    assert_eq!(similar[0].name, "Семёнов Пётр Алексеевич");
    assert_eq!(
        desk.session
            .find_patients("семенов")
            .expect("test set-up")
            .len(),
        1
    );
    // Staff confirm it is another person: registered.
    match desk
        .session
        .register_patient(&again, true)
        .expect("test set-up")
    {
        Registration::Registered { card } => assert_ne!(card.patient.id, first),
        other => panic!("expected a registration, got {other:?}"),
    }
    assert_eq!(
        desk.session
            .find_patients("Семён")
            .expect("test set-up")
            .len(),
        2
    );
}

#[test]
fn an_invalid_form_names_its_fields_and_records_nothing() {
    let desk = desk();
    let mut bad = form("", "654321");
    bad.birth_date = "31.02.1985".to_owned();
    let error = desk.session.register_patient(&bad, false).unwrap_err();
    let payload = desk.session.localize(error);
    let fields: Vec<&str> = payload.fields.iter().map(|f| f.field.as_str()).collect();
    assert!(fields.contains(&"surname"), "{fields:?}");
    assert!(fields.contains(&"birth_date"), "{fields:?}");
    assert!(payload.message.contains("Анкета пациента"));
    assert!(
        desk.session
            .find_patients("15.03.1985")
            .expect("test set-up")
            .is_empty()
    );
}

#[test]
fn consent_preview_print_scan_and_confirm() {
    let desk = desk();
    let patient = register(&desk.session, &form("Ёлкина", "654321"));
    let purposes = desk.session.purposes().expect("test set-up");
    assert!(purposes.iter().any(|p| p.necessity == "required"));
    let advertising = purposes
        .iter()
        .find(|p| p.code == "advertising")
        .expect("test set-up");
    assert!(!advertising.preselect, "advertising is never pre-ticked");
    let chosen: Vec<String> = purposes
        .iter()
        .filter(|p| p.necessity == "required")
        .map(|p| p.code.clone())
        .collect();
    let consent = desk
        .session
        .draft_consent(&patient, &chosen)
        .expect("test set-up");
    assert_eq!(consent.status, "draft");

    // The preview renders but records nothing.
    let prepared = desk
        .session
        .prepare_consent_form(&consent.id)
        .expect("test set-up");
    assert_eq!(prepared[0].document, "consent");
    let card = desk.session.patient_card(&patient).expect("test set-up");
    assert!(card.printed_forms.is_empty());
    assert_eq!(card.consents[0].status, "draft");

    // Printing pipes the very same PDF to the printer, then records it.
    let printed = desk
        .session
        .output_form(&prepared[0].form_id, "consent", PrintTarget::Printer)
        .expect("test set-up");
    assert_eq!(printed.job.as_deref(), Some("Desk-0"));
    assert_eq!(
        printed.consent.expect("test set-up").status,
        "awaiting_signature"
    );
    let spooled = desk.spool.join("job-0.pdf");
    use base64::Engine;
    let previewed = base64::engine::general_purpose::STANDARD
        .decode(&prepared[0].pdf_base64)
        .expect("test set-up");
    assert_eq!(std::fs::read(&spooled).expect("test set-up"), previewed);
    assert!(pdftotext(&spooled).contains("Ёлкина"));

    let card = desk.session.patient_card(&patient).expect("test set-up");
    assert_eq!(card.printed_forms.len(), 1);
    assert_eq!(card.printed_forms[0].state, "awaiting_signature");
    assert_eq!(card.printed_forms[0].short_code, prepared[0].short_code);
    let actions: Vec<&str> = card.history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "consent_form_printed",
            "consent_drafted",
            "patient_registered"
        ]
    );
    assert_eq!(card.history[0].actor, "Смирнова Ольга Викторовна");
    assert_eq!(card.history[0].at, "2025-10-24T13:00");

    // Scanning: the short code as typed by hand, lowercase and without the dash.
    let typed = prepared[0].short_code.replace('-', "").to_lowercase();
    let scanned = desk
        .session
        .scan_form(&typed, Some(&patient))
        .expect("test set-up");
    assert_eq!(scanned.state, "awaiting_signature");
    assert!(!scanned.other_patient);
    let other = register(&desk.session, &form("Другой", "222222"));
    let elsewhere = desk
        .session
        .scan_form(&typed, Some(&other))
        .expect("test set-up");
    assert!(elsewhere.other_patient);

    let signed = desk
        .session
        .confirm_signature(&scanned.form_id, "")
        .expect("test set-up");
    assert_eq!(signed.status, "active");
    assert_eq!(
        signed.paper_location.as_deref(),
        Some("Регистратура, окно 1")
    );
    let qr = format!("consent-desk:form:{}", scanned.form_id);
    assert_eq!(
        desk.session
            .scan_form(&qr, None)
            .expect("test set-up")
            .state,
        "already_signed"
    );
    let error = desk
        .session
        .confirm_signature(&scanned.form_id, "")
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::RuleViolation);

    let unknown = desk.session.scan_form("ZZZZ-ZZZZ", None).unwrap_err();
    assert_eq!(code(&unknown).0, ErrorCode::NotFound);
    let garbage = desk.session.scan_form("hello", None).unwrap_err();
    assert_eq!(
        code(&garbage),
        (ErrorCode::InvalidInput, Some("unknown_form_code"))
    );
}

#[test]
fn a_refused_print_records_nothing() {
    let desk = desk_with_printer(true);
    let patient = register(&desk.session, &form("Иванов", "654321"));
    let consent = desk
        .session
        .draft_consent(&patient, &["medical_account".to_owned()])
        .expect("test set-up");
    let prepared = desk
        .session
        .prepare_consent_form(&consent.id)
        .expect("test set-up");
    let error = desk
        .session
        .output_form(&prepared[0].form_id, "consent", PrintTarget::Printer)
        .unwrap_err();
    assert_eq!(code(&error), (ErrorCode::Printing, Some("printer_failed")));
    assert!(desk.session.localize(error).message.contains("Принтер"));
    let card = desk.session.patient_card(&patient).expect("test set-up");
    assert!(card.printed_forms.is_empty());
    assert_eq!(card.consents[0].status, "draft");
    // Without a private memory-backed directory the viewer is refused too.
    let error = desk
        .session
        .output_form(&prepared[0].form_id, "consent", PrintTarget::Viewer)
        .unwrap_err();
    assert_eq!(code(&error).1, Some("viewer_no_private_dir"));
}

#[test]
fn a_withdrawal_enters_the_queue_with_its_deadline_and_reception_cannot_extend_it() {
    let desk = desk();
    let patient = register(&desk.session, &form("Петров", "654321"));
    let consent = desk
        .session
        .draft_consent(
            &patient,
            &["medical_account".to_owned(), "advertising".to_owned()],
        )
        .expect("test set-up");
    let prepared = desk
        .session
        .prepare_consent_form(&consent.id)
        .expect("test set-up");
    desk.session
        .output_form(&prepared[0].form_id, "consent", PrintTarget::Printer)
        .expect("test set-up");
    desk.session
        .confirm_signature(&prepared[0].form_id, "Папка 2025/10")
        .expect("test set-up");

    // The pre-filled withdrawal for the patient to sign.
    let withdrawal = desk
        .session
        .prepare_withdrawal_form(&patient, &["advertising".to_owned()])
        .expect("test set-up");
    desk.session
        .output_form(&withdrawal.form_id, "withdrawal", PrintTarget::Printer)
        .expect("test set-up");
    assert!(pdftotext(&desk.spool.join("job-1.pdf")).contains("Петров"));

    // A letter received by post on Friday 24.10.2025, the day the consent was signed (not earlier:
    // a withdrawal cannot arrive before the consent it takes back).
    let request = desk
        .session
        .receive_withdrawal(&WithdrawalIntake {
            patient_id: patient.clone(),
            received_on: "24.10.2025".to_owned(),
            channel: "post".to_owned(),
            purposes: vec!["advertising".to_owned()],
        })
        .expect("test set-up");
    assert_eq!(request.received_on, "2025-10-24");
    let stop = request
        .deadlines
        .iter()
        .find(|d| d.obligation == "stop_processing")
        .expect("a withdrawal has a stop-processing deadline");
    // Ten working days from Friday 24.10.2025 (policy 5.3, LEGAL.md's worked example): Saturday
    // 01.11.2025 is a working day by the 2025 decree (moved from 03.11) and counts; 03–04.11 do not.
    assert_eq!(stop.due, "2025-11-10");
    assert_eq!(stop.working_days_left, 10);

    let card = desk.session.patient_card(&patient).expect("test set-up");
    assert_eq!(card.requests.len(), 1);
    assert!(
        card.printed_forms
            .iter()
            .any(|f| f.document == "withdrawal" && f.state == "issued")
    );

    // A receptionist cannot extend it or see the queue: refused in the service.
    desk.session
        .act(|d, staff| {
            d.add_staff(
                staff,
                NewStaff {
                    login: "reception".to_owned(),
                    full_name: "Кузнецова Анна Ивановна".to_owned(),
                    role: "reception".to_owned(),
                },
            )?;
            d.set_password(staff, "reception", "пароль-регистратора")
        })
        .expect("test set-up");
    desk.session.sign_out().expect("test set-up");
    desk.session
        .sign_in("reception", "пароль-регистратора")
        .expect("test set-up");
    let error = desk
        .session
        .extend_request(&request.id, "нужен запрос в архив")
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Forbidden);
    let message = desk.session.localize(error).message;
    assert!(message.starts_with("Недостаточно прав"), "{message}");
    assert!(
        message.contains("Менеджер") || message.contains("менеджер"),
        "{message}"
    );
    assert_eq!(
        desk.session.queue().unwrap_err().code(),
        ErrorCode::Forbidden
    );
}

#[test]
fn a_lock_drops_the_rendered_forms_and_refuses_scanning() {
    let desk = desk();
    let patient = register(&desk.session, &form("Сидоров", "654321"));
    let consent = desk
        .session
        .draft_consent(&patient, &["medical_account".to_owned()])
        .expect("test set-up");
    let prepared = desk
        .session
        .prepare_consent_form(&consent.id)
        .expect("test set-up");
    desk.session.lock().expect("test set-up");
    let error = desk
        .session
        .scan_form(&prepared[0].short_code, None)
        .unwrap_err();
    assert_eq!(code(&error), (ErrorCode::Forbidden, Some("session_locked")));
    desk.session
        .unlock("пароль-администратора")
        .expect("test set-up");
    let error = desk
        .session
        .output_form(&prepared[0].form_id, "consent", PrintTarget::Printer)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    assert_eq!(
        std::fs::read_dir(&desk.spool).expect("test set-up").count(),
        0
    );
}

#[test]
fn repeated_wrong_passwords_pause_sign_in_for_that_login() {
    let desk = desk();
    desk.session.sign_out().expect("test set-up");
    for _ in 0..5 {
        let error = desk.session.sign_in("admin", "не тот пароль").unwrap_err();
        assert_eq!(code(&error).0, ErrorCode::SignInFailed);
        assert_eq!(code(&error).1, None);
    }
    let _ = desk.session.sign_in("admin", "не тот пароль");
    // Even the right password waits now.
    let error = desk
        .session
        .sign_in("admin", "пароль-администратора")
        .unwrap_err();
    assert_eq!(
        code(&error),
        (ErrorCode::SignInFailed, Some("sign_in_paused"))
    );
    assert!(desk.session.localize(error).message.contains("30 с"));
}

#[test]
fn the_recovery_code_restores_a_lost_keyring_entry() {
    use consent_store::Keyring;
    let dir = tempfile::tempdir().expect("test set-up");
    let store = keyring_core::mock::Store::new().expect("mock keyring");
    let keyring = Keyring::from_store(store.clone());
    let session = |keyring: &Keyring| {
        Session::new(
            Service::open_with(dir.path(), Some("ru")).expect("test set-up"),
            KeyChoice::KeyringIn(keyring.clone()),
            Arc::new(FixedClock(NOW_MS)),
        )
    };
    let first = session(&keyring)
        .first_start(&first_start_input())
        .expect("first start");
    let recovery_code = first.recovery.code.clone();

    // The keyring lost the entry (a reinstalled system): an empty store.
    let empty = Keyring::from_store(keyring_core::mock::Store::new().expect("mock keyring"));
    let desk = session(&empty);
    let status = desk.status().expect("status");
    assert_eq!(
        status.phase,
        consent_service::api::SessionPhase::Unavailable
    );

    // A wrong or malformed code changes nothing.
    let wrong = "ffff".repeat(16);
    let error = desk.restore_access(&wrong).unwrap_err();
    assert_eq!(
        code(&error),
        (ErrorCode::InvalidInput, Some("recovery_code_wrong"))
    );
    let error = desk.restore_access("1234").unwrap_err();
    assert_eq!(code(&error).1, Some("bad_recovery_code"));
    let other = format!(
        "consent-desk:recovery:0000:{}",
        recovery_code.replace('-', "")
    );
    assert_eq!(
        code(&desk.restore_access(&other).unwrap_err()).1,
        Some("recovery_code_other_database")
    );
    assert_eq!(
        desk.status().expect("status").phase,
        consent_service::api::SessionPhase::Unavailable
    );

    // The code as printed (groups of four) opens it and puts the key back.
    let restored = desk
        .restore_access(&recovery_code.replace('-', " "))
        .expect("restored");
    assert_eq!(
        restored.phase,
        consent_service::api::SessionPhase::SignedOut
    );
    desk.sign_in("admin", "пароль-администратора")
        .expect("sign in");
    // A new start finds the key in the keyring again.
    let again = session(&empty);
    assert_eq!(
        again.status().expect("status").phase,
        consent_service::api::SessionPhase::SignedOut
    );
}

#[test]
fn a_language_switch_reaches_the_open_desk() {
    let desk = desk();
    let title = |code: &str| {
        desk.session
            .purposes()
            .expect("purposes")
            .into_iter()
            .find(|p| p.code == code)
            .map(|p| p.title)
            .unwrap_or_default()
    };
    let russian = title("advertising");
    assert!(
        russian.chars().any(|c| ('а'..='я').contains(&c)),
        "{russian}"
    );
    desk.session
        .service()
        .set_language(consent_service::api::UiLang::En)
        .expect("switch to English");
    let english = title("advertising");
    assert!(
        !english.chars().any(|c| ('а'..='я').contains(&c)),
        "{english}"
    );
    assert_ne!(russian, english);
}

#[test]
fn a_ledger_short_of_its_anchor_is_shown_on_every_screen_until_repaired() {
    let dir = tempfile::tempdir().expect("test set-up");
    let data = dir.path().join("data");
    let session = || {
        Session::new(
            Service::open_with(&data, Some("ru")).expect("test set-up"),
            KeyChoice::Env(KEY.to_owned()),
            Arc::new(FixedClock(NOW_MS)),
        )
    };
    let first = session();
    first
        .first_start(&first_start_input())
        .expect("test set-up");
    assert_eq!(first.status().expect("status").ledger_warning, None);
    drop(first); // checkpoints the WAL into the file
    let database = data.join("consent-desk.db");
    let older = dir.path().join("older.db");
    std::fs::copy(&database, &older).expect("keep the file as it is now");

    let second = session();
    second
        .sign_in("admin", "пароль-администратора")
        .expect("sign in");
    register(&second, &form("Потерянная", "100001"));
    drop(second);
    // The older file put back (a restored disk image, a lost WAL): the newest events are gone.
    std::fs::copy(&older, &database).expect("put the older file back");

    let third = session();
    let warning = third
        .status()
        .expect("status")
        .ledger_warning
        .expect("the cut ledger is reported at the sign-in screen");
    assert!(
        warning.contains("Журнал событий неполон") && warning.contains("consentctl restore"),
        "{warning}"
    );
    assert!(
        !warning.contains("Потерянная"),
        "no personal data: {warning}"
    );
    third
        .service()
        .set_language(consent_service::api::UiLang::En)
        .expect("switch to English");
    let english = third
        .status()
        .expect("status")
        .ledger_warning
        .expect("still there");
    assert!(english.contains("incomplete"), "{english}");
    let signed_in = third
        .sign_in("admin", "пароль-администратора")
        .expect("staff may still work with what is left");
    assert!(
        signed_in.ledger_warning.is_some(),
        "shown after sign-in too"
    );
}
