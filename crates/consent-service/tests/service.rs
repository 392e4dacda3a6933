//! The service's use cases against a real data directory.

use consent_service::api::{DatabaseStatus, UiLang};
use consent_service::{ErrorCode, Service};

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn app_info_reports_the_real_data_dir_version_and_database_state() {
    let dir = temp_dir();
    let data = dir.path().join("desk");
    let service = Service::open_with(&data, None).expect("opens");
    assert!(data.is_dir(), "open creates the data directory");

    let info = service.app_info().expect("app info");
    assert_eq!(info.product, "Consent Desk");
    assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(info.data_dir, data.display().to_string());
    assert_eq!(info.lang, UiLang::Ru, "Russian is the default");
    assert!(info.problems.is_empty());
    let db_path = data.join("consent-desk.db").display().to_string();
    assert_eq!(
        info.database,
        DatabaseStatus::NotCreated {
            path: db_path.clone()
        }
    );

    std::fs::write(data.join("consent-desk.db"), b"0123456789").expect("write db stand-in");
    let info = service.app_info().expect("app info");
    assert_eq!(
        info.database,
        DatabaseStatus::Present {
            path: db_path,
            size_bytes: 10
        }
    );
}

#[test]
fn language_choice_survives_a_restart() {
    let dir = temp_dir();
    let service = Service::open_with(dir.path(), None).expect("opens");
    let info = service.set_language(UiLang::En).expect("switch");
    assert_eq!(info.lang, UiLang::En);
    drop(service);

    let reopened = Service::open_with(dir.path(), None).expect("reopens");
    assert_eq!(reopened.app_info().expect("info").lang, UiLang::En);
    let saved = std::fs::read_to_string(dir.path().join("settings.json")).expect("settings file");
    assert!(saved.contains("\"en\""), "{saved}");
}

#[test]
fn environment_override_wins_over_the_file_and_a_bad_one_is_reported() {
    let dir = temp_dir();
    Service::open_with(dir.path(), None)
        .expect("opens")
        .set_language(UiLang::En)
        .expect("switch");

    let overridden = Service::open_with(dir.path(), Some("ru_RU.UTF-8")).expect("opens");
    assert_eq!(overridden.app_info().expect("info").lang, UiLang::Ru);

    let bad = Service::open_with(dir.path(), Some("klingon")).expect("opens anyway");
    let info = bad.app_info().expect("info");
    assert_eq!(info.lang, UiLang::En, "the file's choice stays in force");
    assert_eq!(info.problems.len(), 1);
    assert_eq!(info.problems[0].code, ErrorCode::UnknownLanguage);
    assert!(info.problems[0].message.contains("klingon"));
}

#[test]
fn a_damaged_settings_file_is_reported_in_russian_and_never_overwritten() {
    let dir = temp_dir();
    let path = dir.path().join("settings.json");
    let damaged = b"{\"lang\": \"ru\", oops";
    std::fs::write(&path, damaged).expect("write");

    let service =
        Service::open_with(dir.path(), None).expect("a damaged file does not stop the desk");
    let info = service.app_info().expect("info");
    assert_eq!(info.lang, UiLang::Ru);
    assert_eq!(info.problems.len(), 1);
    assert_eq!(info.problems[0].code, ErrorCode::SettingsCorrupt);
    assert!(
        info.problems[0].message.contains("повреждён"),
        "{}",
        info.problems[0].message
    );

    let err = service
        .set_language(UiLang::En)
        .expect_err("refuses to overwrite");
    assert_eq!(err.code(), ErrorCode::SettingsCorrupt);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        damaged,
        "file unchanged"
    );
    assert_eq!(
        service.app_info().expect("info").lang,
        UiLang::Ru,
        "nothing changed in memory"
    );
}

#[test]
fn unknown_settings_fields_and_languages_are_corruption_not_silence() {
    for text in [
        r#"{"lang":"de"}"#,
        r#"{"lang":"ru","colour":"red"}"#,
        "",
        "[]",
    ] {
        let dir = temp_dir();
        std::fs::write(dir.path().join("settings.json"), text).expect("write");
        let info = Service::open_with(dir.path(), None)
            .expect("opens")
            .app_info()
            .expect("info");
        assert_eq!(
            info.problems.iter().map(|p| p.code).collect::<Vec<_>>(),
            vec![ErrorCode::SettingsCorrupt],
            "settings {text:?}"
        );
    }
}

#[test]
fn an_unusable_data_dir_is_a_clear_error() {
    let dir = temp_dir();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").expect("write");
    let err = Service::open_with(file.join("desk"), None).expect_err("cannot create under a file");
    assert_eq!(err.code(), ErrorCode::DataDirUnavailable);
    assert!(
        err.message(consent_domain::Lang::Ru)
            .contains("Каталог данных")
    );
}
