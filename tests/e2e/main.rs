//! End-to-end: the real Consent Desk window, driven through tauri-driver on a private Xvfb display.
//! Screenshots land in `target/e2e/`. Run by `cargo xtask test`, which builds the app and installs the
//! drivers first.

use consent_desk_tests::desk::Desk;
use consent_desk_tests::webdriver::ALT;

fn data_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("consent-desk-e2e-")
        .tempdir()
        .expect("temp data dir")
}

#[test]
fn opens_in_russian_and_reaches_every_screen_by_mouse_and_keyboard() {
    let dir = data_dir();
    let desk = Desk::launch(dir.path());

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
            .starts_with("Отзывы согласий")
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
        "Очередь отзывов согласий",
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
        "Очередь отзывов согласий",
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
        let desk = Desk::launch(dir.path());
        desk.click("[data-testid=nav-settings]");
        desk.wait_for_text("[data-testid=info-version]", env!("CARGO_PKG_VERSION"));
        assert_eq!(
            desk.text("[data-testid=info-data-dir]"),
            dir.path().display().to_string()
        );
        assert_eq!(desk.text("[data-testid=info-build]"), "отладочная");
        let db = dir.path().join("consent-desk.db").display().to_string();
        assert_eq!(
            desk.text("[data-testid=info-database]"),
            format!("ещё не создана ({db})")
        );

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
        assert_eq!(
            desk.text("[data-testid=info-database]"),
            format!("not created yet ({db})")
        );
        desk.screenshot("04-settings-en");

        let saved =
            std::fs::read_to_string(dir.path().join("settings.json")).expect("settings saved");
        assert!(saved.contains("\"en\""), "settings.json: {saved}");
    }

    // The choice survives a restart: the next start opens in English, and Alt+L switches back.
    let desk = Desk::launch(dir.path());
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
    let settings = dir.path().join("settings.json");
    let damaged = "{\"lang\": \"en\", oops";
    std::fs::write(&settings, damaged).expect("write damaged settings");

    let desk = Desk::launch(dir.path());
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
