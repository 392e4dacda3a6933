//! The reception desk end to end in the real window: register a patient (bad input first), find them
//! as you type, capture a consent, preview and print it (to a printer program that keeps what it was
//! piped), confirm the signature by typing the QR code as a scanner does, take in a withdrawal and see
//! its deadline; a receptionist is refused the managers' queue by the desk itself.

use std::path::{Path, PathBuf};
use std::process::Command;

use consent_desk_tests::desk::{
    ADMIN_LOGIN, ADMIN_PASSWORD, Desk, RECEPTION_LOGIN, RECEPTION_PASSWORD, TEST_KEY,
    add_receptionist, prepare_desk,
};
use consent_desk_tests::webdriver::ALT;

use super::data_dir;

/// A `lp` that keeps each PDF it is piped in `spool/job-N.pdf` (and its environment in `lp-env-N.txt`),
/// first on the app's `PATH`.
pub(crate) fn printer(dir: &Path) -> (PathBuf, String) {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    let spool = dir.join("spool");
    std::fs::create_dir_all(&bin).expect("e2e set-up");
    std::fs::create_dir_all(&spool).expect("e2e set-up");
    let lp = bin.join("lp");
    std::fs::write(
        &lp,
        format!(
            "#!/bin/sh\nn=$(ls '{s}' | wc -l)\nenv > '{d}/lp-env-'$n.txt\ncat > '{s}/job-'$n.pdf\necho \"request id is E2E-$n (1 file(s))\"\n",
            s = spool.display(),
            d = dir.display()
        ),
    )
    .expect("e2e set-up");
    std::fs::set_permissions(&lp, std::fs::Permissions::from_mode(0o755)).expect("e2e set-up");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (spool, path)
}

pub(crate) fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn register_patient(desk: &Desk) {
    let field = |name: &str| format!("[data-testid=field-p-{name}]");
    desk.fill(&field("surname"), "Семёнова");
    desk.fill(&field("given-name"), "Алёна");
    desk.fill(&field("patronymic"), "Петровна");
    desk.fill(&field("birth-date"), "15.03.1985");
    desk.choose(&field("sex"), "female");
    desk.fill(&field("document-series"), "2410");
    desk.fill(&field("document-number"), "654321");
    desk.fill(&field("document-issue-date"), "01.04.2005");
    desk.fill(
        &field("document-issuer"),
        "УМВД России по Ивановской области",
    );
    desk.fill(&field("document-subdivision-code"), "370-001");
    desk.fill(&field("phone"), "+7 912 345-67-89");
    desk.fill(&field("address"), "г. Иваново, ул. Куконковых, д. 142");
    desk.click("[data-testid=register-submit]");
}

#[test]
fn register_consent_print_scan_and_withdraw() {
    let dir = data_dir();
    let work = tempfile::tempdir().expect("e2e set-up");
    let (spool, path) = printer(work.path());
    let desk = Desk::launch_signed_in_with(dir.path(), &[("PATH", path.as_str())]);

    // Bad input: the empty form says which fields, in Russian, and keeps the screen.
    desk.click("[data-testid=new-patient]");
    desk.fill("[data-testid=field-p-surname]", "Семёнова");
    desk.fill("[data-testid=field-p-birth-date]", "31.02.1985");
    desk.click("[data-testid=register-submit]");
    desk.wait_for("[data-testid=error-p-birth-date]");
    assert!(
        desk.text("[data-testid=error-p-given-name]")
            .contains("Имя")
    );
    assert!(
        desk.text("[data-testid=form-error]")
            .contains("Исправьте отмеченные поля")
    );
    assert_eq!(desk.value("[data-testid=field-p-surname]"), "Семёнова");
    desk.screenshot("20-register-errors");

    register_patient(&desk);
    desk.wait_for_text("[data-testid=card-name]", "Семёнова Алёна Петровна");
    desk.screenshot("21-patient-card");

    // Found as you type, with «е» for «ё».
    desk.click("[data-testid=card-back]");
    desk.fill("[data-testid=patient-search]", "семен");
    desk.wait_for_text(
        "[data-testid=search-result] .result-name",
        "Семёнова Алёна Петровна",
    );
    desk.screenshot("22-search");

    // Registering her again warns before anything is saved.
    desk.click("[data-testid=new-patient]");
    register_patient(&desk);
    desk.wait_for_text("[data-testid=duplicate-name]", "Семёнова Алёна Петровна");
    desk.screenshot("23-duplicate-warning");
    desk.click("[data-testid=duplicate-open]");
    desk.wait_for_text("[data-testid=card-name]", "Семёнова Алёна Петровна");

    // Escape steps back out of a panel.
    desk.click("[data-testid=card-new-consent]");
    desk.wait_for("[data-testid=consent-capture]");
    desk.session.press(&[], "\u{E00C}").expect("Escape");
    desk.wait_gone("[data-testid=consent-capture]");

    // Consent: advertising is never pre-ticked; choose it and preview the very form that prints.
    desk.click("[data-testid=card-new-consent]");
    desk.wait_for("[data-testid=purpose-advertising]");
    assert_eq!(
        desk.eval("document.querySelector('[data-testid=purpose-advertising]').checked"),
        false
    );
    desk.click("[data-testid=purpose-advertising]");
    desk.click("[data-testid=consent-preview]");
    desk.wait_for("[data-testid=form-preview]");
    let pages = desk.attribute("[data-testid=pdf-view]", "data-pages");
    assert!(pages.parse::<u32>().expect("test set-up") >= 1, "{pages}");
    let form_id = desk.attribute("[data-testid=form-preview]", "data-form");
    desk.screenshot("24-consent-preview");

    desk.click("[data-testid=print]");
    desk.wait_for("[data-testid=print-done]");
    let printed = spool.join("job-0.pdf");
    assert!(printed.is_file(), "the printer got no PDF");
    assert!(pdftotext(&printed).contains("Семёнова"));
    // The app was started with the database key in its environment; the printer must not see it.
    let lp_env =
        std::fs::read_to_string(work.path().join("lp-env-0.txt")).expect("lp's environment");
    assert!(
        lp_env.contains("PATH="),
        "the printer's environment was recorded"
    );
    assert!(
        !lp_env.contains(consent_store::ENV_VAR),
        "the printer inherited the database key"
    );
    desk.screenshot("25-printed");
    desk.click("[data-testid=preview-close]");
    desk.wait_for("[data-testid=card-form][data-state=awaiting_signature]");
    assert!(
        desk.text("[data-testid=card-consent]")
            .contains("напечатано, ожидает подписи")
    );

    // An unknown code typed by hand is said so.
    desk.fill("[data-testid=form-code]", "ZZZZ-ZZZZ");
    desk.click("[data-testid=form-code-submit]");
    desk.wait_for("[data-testid=error-banner]");
    assert!(
        desk.text("[data-testid=error-message]")
            .contains("не найден")
    );

    // The scanner types the QR text and Enter wherever the focus is.
    desk.eval("(document.activeElement && document.activeElement.blur(), true)");
    desk.session
        .type_keys(&format!("consent-desk:form:{form_id}\u{E007}"))
        .expect("scanner keys");
    desk.wait_for("[data-testid=scan-panel][data-state=awaiting_signature]");
    assert_eq!(
        desk.text("[data-testid=scan-patient]"),
        "Семёнова Алёна Петровна"
    );
    desk.screenshot("26-scanned");
    // One key press confirms: the confirm button has the focus.
    desk.press_enter();
    desk.wait_for("[data-testid=scan-confirmed]");
    desk.wait_for("[data-testid=card-consent][data-status=active]");
    desk.wait_for("[data-testid=card-purpose][data-code=advertising][data-in-force=true]");

    // A withdrawal received today: its deadline is shown at once.
    desk.click("[data-testid=card-withdrawal]");
    desk.click("[data-testid=withdrawal-submit]");
    desk.wait_for("[data-testid=withdrawal-deadline]");
    let deadline = desk.text("[data-testid=withdrawal-deadline]");
    assert!(
        deadline.starts_with("прекратить обработку: срок "),
        "{deadline}"
    );
    assert!(
        deadline.contains("раб. дн.") || deadline.contains("сегодня"),
        "{deadline}"
    );
    desk.screenshot("27-withdrawal-received");
    desk.wait_for("[data-testid=card-request-deadline]");
    desk.screenshot("28-card-with-request");

    // The queue shows it to the administrator; the lock hides the patient's data.
    desk.click("[data-testid=nav-withdrawals]");
    desk.wait_for_text(
        "[data-testid=queue-item] td:first-child",
        "Семёнова Алёна Петровна",
    );
    assert!(
        desk.text("[data-testid=queue-deadline]")
            .contains("раб. дн.")
    );
    desk.screenshot("29-queue");
    desk.session.press(&[ALT], "k").expect("Alt+K");
    desk.wait_for("[data-testid=lock]");
    assert!(!desk.page_text().contains("Семёнова"));
}

#[test]
fn a_receptionist_is_refused_the_managers_queue_by_the_desk() {
    let dir = data_dir();
    prepare_desk(dir.path());
    add_receptionist(dir.path());
    let desk = Desk::launch(dir.path());
    desk.sign_in(RECEPTION_LOGIN, RECEPTION_PASSWORD);
    desk.wait_for("[data-testid=shell]");
    desk.click("[data-testid=nav-withdrawals]");
    desk.wait_for("[data-testid=queue-error]");
    let refusal = desk.text("[data-testid=queue-error]");
    assert!(refusal.starts_with("Недостаточно прав"), "{refusal}");
    assert!(refusal.contains("Менеджер"), "{refusal}");
    // Called directly, past the UI, the desk still refuses.
    let code = desk
        .session
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             window.__TAURI_INTERNALS__.invoke('extend_request', { id: '019a15a9-2d00-7368-8d98-931d4db182fd', reason: 'x' })\
               .then(() => done('accepted'), (e) => done(e.code));",
            serde_json::json!([]),
        )
        .expect("invoke");
    assert_eq!(code, "forbidden");
    desk.screenshot("30-reception-refused-queue");
}

#[test]
fn a_desk_that_cannot_open_its_database_offers_the_recovery_code() {
    let dir = data_dir();
    prepare_desk(dir.path());
    let wrong = "0".repeat(64);
    let desk = Desk::launch_with(dir.path(), &[("CONSENT_DESK_DB_KEY", wrong.as_str())]);
    desk.wait_for("[data-testid=restore]");
    assert!(
        desk.text("[data-testid=unavailable-message]")
            .contains("Ключ не подходит")
    );
    // A malformed code is refused in Russian, the typed text kept.
    desk.fill("[data-testid=field-recovery-code]", "1234");
    desk.click("[data-testid=restore-submit]");
    desk.wait_for("[data-testid=error-recovery-code]");
    assert!(
        desk.text("[data-testid=error-recovery-code]")
            .starts_with("Код восстановления: код не распознан")
    );
    assert_eq!(desk.value("[data-testid=field-recovery-code]"), "1234");
    // The right code, but this desk's key is set in the environment: the desk says where it goes.
    desk.fill("[data-testid=field-recovery-code]", TEST_KEY);
    desk.click("[data-testid=restore-submit]");
    desk.wait_for_text_containing("[data-testid=error-recovery-code]", "CONSENT_DESK_DB_KEY");
    desk.screenshot("31-restore-access");
}

#[test]
fn a_ledger_short_of_its_anchor_is_shown_at_sign_in_and_on_every_screen() {
    let dir = data_dir();
    prepare_desk(dir.path());
    let database = dir.path().join("consent-desk.db");
    let older = dir.path().join("older.db");
    std::fs::copy(&database, &older).expect("keep the file as it is now");
    consent_desk_tests::desk::register_patient(dir.path(), "Потерянная");
    // An older copy of the file put back while the app was closed: the newest events are gone.
    std::fs::copy(&older, &database).expect("put the older file back");

    let desk = Desk::launch(dir.path());
    desk.wait_for_text_containing("[data-testid=ledger-warning]", "Журнал событий неполон");
    assert!(
        desk.text("[data-testid=ledger-warning]")
            .contains("consentctl restore")
    );
    desk.sign_in(ADMIN_LOGIN, ADMIN_PASSWORD);
    desk.wait_for("[data-testid=screen-reception]");
    desk.usable("[data-testid=ledger-warning]");
    desk.session.press(&[ALT], "l").expect("Alt+L");
    desk.wait_for_text_containing("[data-testid=ledger-warning]", "ledger is incomplete");
    desk.screenshot("33-ledger-warning");
}

#[test]
fn an_administrator_adds_a_receptionist_who_then_signs_in() {
    let dir = data_dir();
    let desk = Desk::launch_signed_in(dir.path());
    desk.click("[data-testid=nav-settings]");
    desk.wait_for("[data-testid=staff-row][data-login=admin]");
    // A login the desk refuses is shown at its field; nothing is added.
    desk.fill("[data-testid=field-staff-login]", "Кузнецова");
    desk.fill("[data-testid=field-staff-name]", "Кузнецова Анна Ивановна");
    desk.fill("[data-testid=field-staff-password]", RECEPTION_PASSWORD);
    desk.fill("[data-testid=field-staff-repeat]", RECEPTION_PASSWORD);
    desk.click("[data-testid=staff-submit]");
    desk.wait_for("[data-testid=error-staff-login]");
    assert!(
        desk.text("[data-testid=error-staff-login]")
            .contains("логин")
    );
    desk.fill("[data-testid=field-staff-login]", RECEPTION_LOGIN);
    desk.click("[data-testid=staff-submit]");
    desk.wait_for("[data-testid=staff-added]");
    desk.wait_for("[data-testid=staff-row][data-login=reception]");
    desk.screenshot("32-staff-added");

    desk.click("[data-testid=sign-out]");
    desk.sign_in(RECEPTION_LOGIN, RECEPTION_PASSWORD);
    desk.wait_for_text_containing("[data-testid=status-staff]", "Кузнецова Анна Ивановна");
    // A receptionist does not see the administrator's settings.
    desk.click("[data-testid=nav-settings]");
    desk.wait_for("[data-testid=screen-settings]");
    desk.wait_gone("[data-testid=staff-accounts]");
}
