//! Setting a desk up and opening it: `init`, the data directory and `desk.json`, the key.

use crate::support::*;

#[test]
fn init_creates_the_first_admin_and_a_second_init_is_refused_untouched() {
    let desk = Desk::empty();
    let first = desk
        .run(&[
            "--json",
            "init",
            "--admin-login",
            "admin",
            "--admin-name",
            "Иванова Анна Петровна",
        ])
        .ok_json();
    assert_eq!(first["admin"]["login"], "admin");
    assert_eq!(first["admin"]["role"], "admin");
    assert_eq!(first["keySource"], "env");
    let db = desk.data_dir().join("consent-desk.db");
    let desk_file = desk.data_dir().join("desk.json");
    let (db_before, desk_before) = (file_bytes(&db), file_bytes(&desk_file));

    let again = desk.run(&[
        "--json",
        "init",
        "--admin-login",
        "root",
        "--admin-name",
        "Другой Админ",
    ]);
    let error = again.error(1);
    assert_eq!(error["code"], "already_initialized");
    assert_eq!(file_bytes(&db), db_before, "the database is untouched");
    assert_eq!(
        file_bytes(&desk_file),
        desk_before,
        "desk.json is untouched"
    );

    let human = desk.run(&[
        "init",
        "--admin-login",
        "root",
        "--admin-name",
        "Другой Админ",
    ]);
    assert_eq!(human.code, 1);
    assert!(human.stderr.contains("уже существует"), "{human:?}");

    let staff = desk
        .run(&["--json", "--as", "admin", "staff", "list"])
        .ok_json();
    let logins: Vec<&str> = staff
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|s| s["login"].as_str())
        .collect();
    assert_eq!(logins, ["admin"], "the second init added nobody");
}

#[test]
fn a_damaged_desk_file_is_named_and_set_up_again_is_not_advised() {
    let desk = Desk::with_staff();
    let desk_file = desk.data_dir().join("desk.json");
    let db = desk.data_dir().join("consent-desk.db");
    let db_before = file_bytes(&db);
    for (content, detail) in [
        ("", "desk_file_damaged"),
        ("{\"database_id\": ", "desk_file_damaged"),
        (
            "{\"database_id\": \"x\", \"desk_id\": \"y\"}",
            "desk_file_damaged",
        ),
    ] {
        std::fs::write(&desk_file, content).expect("write");
        let error = desk
            .run(&["--json", "--as", "reg", "patient", "find", "ёлк"])
            .error(1);
        assert_eq!(error["detail"], detail, "{content:?}: {error}");
        let message = string(&error["message"]);
        assert!(message.contains("desk.json"), "{message}");
        assert!(message.contains("повреждён"), "{message}");
        assert!(
            message.contains("сама база данных не затронута"),
            "{message}"
        );
        assert!(
            message.contains("Не выполняйте первоначальную настройку заново"),
            "{message}"
        );
        assert!(message.contains("резервной копии"), "{message}");
        assert!(!message.contains("создана не полностью"), "{message}");
    }
    std::fs::remove_file(&desk_file).expect("remove");
    let english = desk.run(&["--lang", "en", "--as", "reg", "queue"]);
    assert_eq!(english.code, 1, "{english:?}");
    assert!(english.stderr.contains("is missing"), "{english:?}");
    assert!(
        english.stderr.contains("the database itself is untouched"),
        "{english:?}"
    );
    assert_eq!(file_bytes(&db), db_before, "the database is untouched");
}

#[test]
fn a_data_dir_that_is_no_desk_says_so_and_an_empty_one_still_asks_for_init() {
    let desk = Desk::empty();
    let file = desk.dir.path().join("notes.txt");
    std::fs::write(&file, "not a desk").expect("write");
    let error = desk
        .run_in(&file, &["--json", "--as", "reg", "queue"])
        .error(1);
    assert_eq!(error["code"], "data_dir_unavailable");
    assert_eq!(error["detail"], "data_dir_not_a_directory");
    let message = string(&error["message"]);
    assert!(message.contains("файл, а не каталог"), "{message}");
    assert!(!message.contains("init"), "{message}");
    let init_in_file = desk.run_in(
        &file,
        &[
            "--json",
            "init",
            "--admin-login",
            "admin",
            "--admin-name",
            "Иванова Анна",
        ],
    );
    assert_eq!(init_in_file.error(1)["detail"], "data_dir_not_a_directory");

    let error = desk
        .run_in(Path::new("/"), &["--json", "--as", "reg", "queue"])
        .error(1);
    assert_eq!(error["detail"], "data_dir_not_a_desk");
    let message = string(&error["message"]);
    assert!(
        message.contains("не каталог данных Consent Desk"),
        "{message}"
    );
    assert!(message.contains("новом или пустом каталоге"), "{message}");
    let english = desk.run_in(Path::new("/"), &["--lang", "en", "--as", "reg", "queue"]);
    assert!(
        english
            .stderr
            .contains("is not a Consent Desk data directory"),
        "{english:?}"
    );

    // No directory yet, an empty one, or one with only the settings the app wrote before set-up:
    // set-up is the answer, and it works there.
    let fresh = desk.dir.path().join("fresh");
    let error = desk
        .run_in(&fresh, &["--json", "--as", "reg", "queue"])
        .error(1);
    assert_eq!(error["code"], "not_initialized");
    std::fs::create_dir(&fresh).expect("mkdir");
    std::fs::write(fresh.join("settings.json"), "{}").expect("write");
    let error = desk
        .run_in(&fresh, &["--json", "--as", "reg", "queue"])
        .error(1);
    assert_eq!(error["code"], "not_initialized");
    assert!(
        string(&error["message"]).contains("consentctl init"),
        "{error}"
    );
    desk.run_in(
        &fresh,
        &[
            "--json",
            "init",
            "--admin-login",
            "admin",
            "--admin-name",
            "Иванова Анна",
        ],
    )
    .ok_json();
    desk.run_in(&fresh, &["--json", "--as", "admin", "queue"])
        .ok_json();

    // A desk whose database went missing is not a desk to set up again.
    std::fs::rename(
        fresh.join("consent-desk.db"),
        desk.dir.path().join("moved.db"),
    )
    .expect("move");
    let error = desk
        .run_in(&fresh, &["--json", "--as", "admin", "queue"])
        .error(1);
    assert_eq!(error["detail"], "db_missing");
    let message = string(&error["message"]);
    assert!(
        message.contains("Не выполняйте первоначальную настройку заново"),
        "{message}"
    );
}
#[test]
fn a_wrong_key_is_a_runtime_error_that_says_the_key_does_not_fit() {
    let mut desk = Desk::with_staff();
    desk.key = OTHER_KEY;
    let wrong = desk.run(&["--as", "admin", "staff", "list"]);
    assert_eq!(wrong.code, 1, "{wrong:?}");
    assert!(
        wrong.stderr.contains("Ключ не подходит к базе данных"),
        "{wrong:?}"
    );
    let json = desk.run(&["--json", "--as", "admin", "staff", "list"]);
    let error = json.error(1);
    assert_eq!(error["code"], "key");
    assert_eq!(error["detail"], "db_wrong_key");
    let english = desk.run(&["--lang", "en", "--as", "admin", "staff", "list"]);
    assert!(
        english.stderr.contains("the key does not open"),
        "{english:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_key_file_wins_over_the_environment_and_its_failure_is_not_papered_over() {
    use std::os::unix::fs::PermissionsExt;

    let mut desk = Desk::with_staff();
    let write_key = |name: &str, key: &str| {
        let path = desk.dir.path().join(name);
        std::fs::write(&path, format!("{key}\n")).expect("write key file");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        path
    };
    let right = write_key("right.key", KEY);
    let wrong = write_key("wrong.key", OTHER_KEY);

    desk.key = OTHER_KEY;
    let right_path = right.to_str().expect("utf-8 path");
    let opened = desk.run(&[
        "--json",
        "--key-file",
        right_path,
        "--as",
        "admin",
        "staff",
        "list",
    ]);
    assert_eq!(
        opened.code, 0,
        "the key file is used, not the wrong variable: {opened:?}"
    );

    desk.key = KEY;
    let wrong_path = wrong.to_str().expect("utf-8 path");
    let refused = desk.run(&[
        "--json",
        "--key-file",
        wrong_path,
        "--as",
        "admin",
        "staff",
        "list",
    ]);
    assert_eq!(
        refused.error(1)["detail"],
        "db_wrong_key",
        "no fallback to the right variable"
    );

    let missing = desk.run(&[
        "--json",
        "--key-file",
        "/nonexistent/key",
        "--as",
        "admin",
        "staff",
        "list",
    ]);
    assert_eq!(missing.error(1)["detail"], "key_file_not_found");
}
