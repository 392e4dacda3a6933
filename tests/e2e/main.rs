//! End-to-end: the real Consent Desk window, driven through tauri-driver on a private Xvfb display.
//! Screenshots land in `target/e2e/`. Run by `cargo xtask test`, which builds the app and installs the
//! drivers first.

use consent_desk_tests::desk::{
    ADMIN_LOGIN, ADMIN_NAME, ADMIN_PASSWORD, CLINIC_INN, CLINIC_NAME, CLINIC_OGRN, DESK_NAME, Desk,
    TEST_KEY, prepare_desk, register_patient,
};
use consent_desk_tests::webdriver::ALT;

mod layout;
mod managers;
mod reception;
mod sync;

fn data_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("consent-desk-e2e-")
        .tempdir()
        .expect("temp data dir")
}

#[test]
fn opens_in_russian_and_reaches_every_screen_by_mouse_and_keyboard() {
    let dir = data_dir();
    let desk = Desk::launch_signed_in(dir.path());

    assert_eq!(desk.eval("document.documentElement.lang"), "ru");
    assert_eq!(
        desk.eval("document.title"),
        "Согласия на обработку ПДн — Consent Desk"
    );
    desk.wait_for_text(
        "[data-testid=screen-reception] [data-testid=screen-title]",
        "Приём пациентов",
    );
    assert!(
        desk.text("[data-testid=nav-reception]")
            .starts_with("Приём")
    );
    assert!(
        desk.text("[data-testid=nav-withdrawals]")
            .starts_with("Обращения")
    );
    assert!(
        desk.text("[data-testid=nav-settings]")
            .starts_with("Настройки")
    );
    assert!(
        desk.text("[data-testid=status-sync]")
            .starts_with("Синхронизация")
    );
    desk.screenshot("01-reception-ru");

    desk.click("[data-testid=nav-withdrawals]");
    desk.wait_for_text(
        "[data-testid=screen-withdrawals] [data-testid=screen-title]",
        "Очередь обращений",
    );
    desk.screenshot("02-withdrawals-ru");

    desk.click("[data-testid=nav-settings]");
    desk.wait_for_text(
        "[data-testid=screen-settings] [data-testid=screen-title]",
        "Настройки",
    );
    desk.screenshot("03-settings-ru");

    // Keyboard-first: Alt+1 and Alt+2 switch screens without the mouse.
    desk.session.press(&[ALT], "1").expect("Alt+1");
    desk.wait_for_text(
        "[data-testid=screen-reception] [data-testid=screen-title]",
        "Приём пациентов",
    );
    desk.session.press(&[ALT], "2").expect("Alt+2");
    desk.wait_for_text(
        "[data-testid=screen-withdrawals] [data-testid=screen-title]",
        "Очередь обращений",
    );
    assert_eq!(
        desk.eval("document.querySelector('[aria-current=page]').dataset.testid"),
        "nav-withdrawals"
    );
}

#[test]
fn app_info_round_trip_shows_real_values_and_the_language_switch_persists() {
    let dir = data_dir();
    {
        let desk = Desk::launch_signed_in(dir.path());
        desk.click("[data-testid=nav-settings]");
        desk.wait_for_text("[data-testid=info-version]", env!("CARGO_PKG_VERSION"));
        assert_eq!(
            desk.text("[data-testid=info-data-dir]"),
            dir.path().display().to_string()
        );
        assert_eq!(desk.text("[data-testid=info-build]"), "отладочная");
        let db = dir.path().join("consent-desk.db").display().to_string();
        let database = desk.text("[data-testid=info-database]");
        assert!(database.starts_with(&format!("{db}, ")), "{database}");
        assert_eq!(desk.text("[data-testid=info-desk]"), DESK_NAME);
        assert_eq!(desk.text("[data-testid=info-clinic]"), CLINIC_NAME);

        desk.click("[data-testid=lang-en]");
        desk.wait_for_text(
            "[data-testid=screen-settings] [data-testid=screen-title]",
            "Settings",
        );
        assert_eq!(desk.eval("document.documentElement.lang"), "en");
        assert_eq!(
            desk.eval("document.title"),
            "Personal data consents — Consent Desk"
        );
        assert!(
            desk.text("[data-testid=nav-reception]")
                .starts_with("Reception")
        );
        assert!(
            desk.text("[data-testid=status-staff]")
                .ends_with("(Administrator)")
        );
        desk.screenshot("04-settings-en");

        let saved =
            std::fs::read_to_string(dir.path().join("settings.json")).expect("settings saved");
        assert!(saved.contains("\"en\""), "settings.json: {saved}");
    }

    // The choice survives a restart: the next start opens in English, and Alt+L switches back.
    let desk = Desk::launch(dir.path());
    desk.wait_for_text(
        "[data-testid=sign-in] [data-testid=screen-title]",
        "Sign in",
    );
    desk.sign_in(ADMIN_LOGIN, ADMIN_PASSWORD);
    desk.wait_for_text(
        "[data-testid=screen-reception] [data-testid=screen-title]",
        "Patient reception",
    );
    desk.session.press(&[ALT], "l").expect("Alt+L");
    desk.wait_for_text(
        "[data-testid=screen-reception] [data-testid=screen-title]",
        "Приём пациентов",
    );
    assert_eq!(desk.eval("document.documentElement.lang"), "ru");
}

#[test]
fn a_damaged_settings_file_is_explained_in_russian_and_left_unchanged() {
    let dir = data_dir();
    prepare_desk(dir.path());
    let settings = dir.path().join("settings.json");
    let damaged = "{\"lang\": \"en\", oops";
    std::fs::write(&settings, damaged).expect("write damaged settings");

    let desk = Desk::launch_signed_in(dir.path());
    desk.click("[data-testid=nav-settings]");
    let problem = desk.text("[data-testid=info-problems] li[data-code=settings_corrupt]");
    assert!(problem.contains("Файл настроек"), "{problem}");
    assert!(problem.contains("повреждён"), "{problem}");

    // Switching the language would overwrite the file: refused with a clear message, nothing changes.
    desk.click("[data-testid=lang-en]");
    let message = desk.text("[data-testid=error-message]");
    assert!(message.contains("повреждён"), "{message}");
    assert_eq!(desk.eval("document.documentElement.lang"), "ru");
    assert_eq!(
        desk.eval("document.querySelector('[data-testid=lang-ru]').checked"),
        true
    );
    assert_eq!(
        desk.eval("document.querySelector('[data-testid=lang-en]').checked"),
        false
    );
    desk.screenshot("05-settings-damaged-file");
    assert_eq!(std::fs::read_to_string(&settings).expect("read"), damaged);
}

/// The recovery code as the sheet shows it: the key in groups of four, eight groups a line.
fn grouped(key: &str) -> String {
    let groups: Vec<&str> = (0..key.len()).step_by(4).map(|i| &key[i..i + 4]).collect();
    format!("{}\n{}", groups[..8].join("-"), groups[8..].join("-"))
}

fn is_dd_mm_yyyy(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[2] == b'.'
        && b[5] == b'.'
        && text
            .chars()
            .enumerate()
            .all(|(i, c)| i == 2 || i == 5 || c.is_ascii_digit())
}

#[test]
fn first_start_creates_the_desk_shows_the_recovery_code_and_signs_the_admin_in() {
    let dir = data_dir();
    let desk = Desk::launch(dir.path());
    desk.wait_for_text(
        "[data-testid=first-start] [data-testid=screen-title]",
        "Первый запуск",
    );
    // Keyboard-first: the first field has the focus; the policy's address and e-mail are filled in.
    assert_eq!(desk.eval("document.activeElement.id"), "clinicName");
    assert_eq!(
        desk.value("[data-testid=field-legalAddress]"),
        "153013, г. Иваново, ул. Куконковых, д. 142"
    );
    assert_eq!(
        desk.value("[data-testid=field-withdrawalEmail]"),
        "klinika_s_m@mail.ru"
    );
    desk.screenshot("10-first-start");

    // Empty: every required field says so, nothing is created.
    desk.click("[data-testid=setup-submit]");
    assert_eq!(desk.text("[data-testid=error-inn]"), "Обязательное поле.");
    assert_eq!(desk.eval("document.activeElement.id"), "clinicName");

    // A wrong ИНН check digit: the desk names the field, everything typed stays.
    let fields = [
        ("clinicName", CLINIC_NAME),
        ("inn", "7707083890"),
        ("ogrn", CLINIC_OGRN),
        ("deskName", DESK_NAME),
        ("adminLogin", ADMIN_LOGIN),
        ("adminName", ADMIN_NAME),
        ("password", ADMIN_PASSWORD),
        ("passwordRepeat", ADMIN_PASSWORD),
    ];
    for (id, value) in fields {
        desk.fill(&format!("[data-testid=field-{id}]"), value);
    }
    desk.press_enter();
    desk.wait_for_text(
        "[data-testid=error-inn]",
        "ИНН: неверная контрольная цифра: проверьте номер.",
    );
    assert_eq!(desk.eval("document.activeElement.id"), "inn");
    for (id, value) in fields {
        assert_eq!(
            desk.value(&format!("[data-testid=field-{id}]")),
            value,
            "{id}"
        );
    }
    assert!(!dir.path().join("consent-desk.db").exists());
    desk.screenshot("11-first-start-bad-inn");

    // Different passwords are caught before anything is sent.
    desk.fill("[data-testid=field-inn]", CLINIC_INN);
    desk.fill("[data-testid=field-passwordRepeat]", "другой-пароль");
    desk.click("[data-testid=setup-submit]");
    assert_eq!(
        desk.text("[data-testid=error-passwordRepeat]"),
        "Пароли не совпадают."
    );
    desk.wait_gone("[data-testid=error-inn]");

    // Valid: the database is created and the recovery sheet shows the key, once.
    desk.fill("[data-testid=field-passwordRepeat]", ADMIN_PASSWORD);
    desk.click("[data-testid=setup-submit]");
    desk.wait_for_text(
        "[data-testid=recovery] [data-testid=screen-title]",
        "Лист восстановления доступа",
    );
    assert!(dir.path().join("consent-desk.db").exists());
    assert_eq!(desk.text("[data-testid=recovery-code]"), grouped(TEST_KEY));
    let date = desk.text("[data-testid=recovery-date]");
    assert!(is_dd_mm_yyyy(&date), "{date}");
    assert_eq!(
        desk.eval("document.querySelector('[data-testid=recovery-continue]').disabled"),
        true
    );
    // The key came from CONSENT_DESK_DB_KEY: the sheet says so, not «the OS keyring».
    assert!(
        desk.text("[data-testid=recovery-lead]")
            .contains("CONSENT_DESK_DB_KEY")
    );
    desk.screenshot("12-recovery-sheet");
    // The sheet as a PDF, shown from memory; it holds the key, so there is no «open in a viewer».
    desk.click("[data-testid=recovery-print]");
    assert_eq!(desk.attribute("[data-testid=pdf-view]", "data-pages"), "1");
    desk.wait_gone("[data-testid=open-viewer]");
    desk.screenshot("12b-recovery-sheet-pdf");
    desk.click("[data-testid=preview-close]");
    desk.wait_gone("[data-testid=form-preview]");

    desk.click("[data-testid=recovery-saved]");
    desk.click("[data-testid=recovery-continue]");
    desk.wait_for("[data-testid=shell]");
    desk.wait_gone("[data-testid=recovery-code]");
    assert_eq!(
        desk.text("[data-testid=status-staff]"),
        format!("Сотрудник: {ADMIN_NAME} (Администратор системы)")
    );
    assert_eq!(
        desk.text("[data-testid=status-desk]"),
        format!("Рабочее место: {DESK_NAME}")
    );
    desk.screenshot("13-signed-in-admin");
}

#[test]
fn staff_sign_out_and_sign_in_with_their_own_password() {
    let dir = data_dir();
    let desk = Desk::launch_signed_in(dir.path());
    desk.click("[data-testid=sign-out]");
    desk.wait_for_text(
        "[data-testid=sign-in] [data-testid=screen-title]",
        "Вход в систему",
    );
    desk.wait_gone("[data-testid=shell]");
    assert_eq!(
        desk.text("[data-testid=signin-desk]"),
        format!("Рабочее место: {DESK_NAME}")
    );
    assert_eq!(desk.eval("document.activeElement.id"), "login");
    desk.screenshot("14-sign-in");

    desk.sign_in(ADMIN_LOGIN, "не тот пароль");
    desk.wait_for_text("[data-testid=signin-error]", "Неверный логин или пароль.");
    assert_eq!(desk.value("[data-testid=field-login]"), ADMIN_LOGIN);
    assert_eq!(desk.value("[data-testid=field-password]"), "");
    assert_eq!(desk.eval("document.activeElement.id"), "password");
    desk.screenshot("15-sign-in-wrong-password");

    desk.fill("[data-testid=field-password]", ADMIN_PASSWORD);
    desk.press_enter();
    desk.wait_for_text(
        "[data-testid=screen-reception] [data-testid=screen-title]",
        "Приём пациентов",
    );
    assert!(desk.text("[data-testid=status-staff]").contains(ADMIN_NAME));
}

#[test]
fn locking_removes_the_screen_and_only_the_password_brings_it_back() {
    let dir = data_dir();
    let desk = Desk::launch_signed_in(dir.path());
    desk.click("[data-testid=nav-settings]");
    desk.wait_for_text("[data-testid=info-clinic]", CLINIC_NAME);
    let data_dir_shown = dir.path().display().to_string();
    assert!(desk.page_text().contains(&data_dir_shown));
    // The idle time is the administrator's setting, kept for the next start.
    desk.fill("[data-testid=idle-minutes]", "7");
    desk.click("[data-testid=idle-save]");
    desk.wait_for_text(
        "[data-testid=idle-saved]",
        "Сохранено: экран блокируется после 7 мин бездействия.",
    );
    let profile = std::fs::read_to_string(dir.path().join("desk-profile.json")).expect("profile");
    assert!(profile.contains("\"idle_lock_minutes\": 7"), "{profile}");

    desk.click("[data-testid=lock-now]");
    desk.wait_for_text(
        "[data-testid=lock] [data-testid=screen-title]",
        "Экран заблокирован",
    );
    // The screen behind is gone from the document, not covered.
    desk.wait_gone("[data-testid=shell]");
    let text = desk.page_text();
    for hidden in [
        "Настройки",
        "Приём",
        CLINIC_NAME,
        data_dir_shown.as_str(),
        DESK_NAME,
    ] {
        assert!(
            !text.contains(hidden),
            "{hidden:?} is on the lock screen:\n{text}"
        );
    }
    assert_eq!(desk.eval("document.activeElement.id"), "password");
    desk.screenshot("16-locked");

    desk.fill("[data-testid=field-password]", "не тот пароль");
    desk.press_enter();
    desk.wait_for_text("[data-testid=lock-error]", "Неверный логин или пароль.");
    desk.screenshot("17-locked-wrong-password");
    desk.fill("[data-testid=field-password]", ADMIN_PASSWORD);
    desk.press_enter();
    desk.wait_for_text(
        "[data-testid=screen-settings] [data-testid=screen-title]",
        "Настройки",
    );

    // Alt+K locks from the keyboard; «Выйти из сеанса» hands the desk to someone else.
    desk.session.press(&[ALT], "k").expect("Alt+K");
    desk.wait_for("[data-testid=lock]");
    desk.wait_gone("[data-testid=shell]");
    desk.click("[data-testid=lock-sign-out]");
    desk.wait_for("[data-testid=sign-in]");
}

#[test]
fn the_screen_locks_itself_when_nobody_touches_it() {
    let dir = data_dir();
    prepare_desk(dir.path());
    register_patient(dir.path(), "Ёлкина");
    let desk = Desk::launch_signed_in_with(dir.path(), &[("CONSENT_DESK_IDLE_LOCK_SECONDS", "8")]);
    // A patient's card is on screen when nobody touches the desk any more.
    desk.fill("[data-testid=patient-search]", "елк");
    desk.click("[data-testid=search-result]");
    desk.wait_for_text("[data-testid=card-name]", "Ёлкина Анна Сергеевна");
    desk.wait_for("[data-testid=lock]");
    desk.wait_gone("[data-testid=shell]");
    assert!(desk.text("[data-testid=lock-lead]").contains(ADMIN_NAME));
    // Locked means gone from the document, not hidden: no trace of the patient.
    let html = desk.eval("document.documentElement.outerHTML");
    let html = html.as_str().unwrap_or_default();
    assert!(
        !html.contains("Ёлкина") && !html.contains("Анна Сергеевна"),
        "{html}"
    );
    desk.screenshot("18-idle-locked");
    desk.fill("[data-testid=field-password]", ADMIN_PASSWORD);
    desk.press_enter();
    desk.wait_for("[data-testid=shell]");
}
