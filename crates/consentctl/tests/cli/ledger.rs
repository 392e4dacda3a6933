//! `backup`, `restore`, `verify` and `rebuild`.

use crate::calendar::CALENDAR_2031;
use crate::support::*;

#[test]
fn an_administrator_backs_the_desk_up_into_a_new_encrypted_file() {
    let desk = Desk::with_staff();
    desk.patient("Копиева", "+7 912 000-00-07");
    let file = desk.dir.path().join("desk-backup.db");
    let path = file.to_str().expect("utf-8 path");
    let refused = desk.run(&["--json", "--as", "reg", "backup", path]);
    assert_eq!(refused.error(1)["code"], "forbidden");
    assert!(!file.exists(), "nothing written for a refused backup");

    let done = desk
        .run(&["--json", "--as", "admin", "backup", path])
        .ok_json();
    assert!(done["events"].as_u64().unwrap_or(0) >= 3, "{done}");
    let bytes = std::fs::read(&file).expect("the copy");
    assert!(!bytes.starts_with(b"SQLite format 3"), "encrypted");
    assert!(
        !bytes
            .windows("Копиева".len())
            .any(|w| w == "Копиева".as_bytes()),
        "no personal data in plaintext"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let again = desk.run(&["--json", "--as", "admin", "backup", path]);
    assert_eq!(again.error(1)["detail"], "db_already_exists");
}

#[test]
fn an_administrator_restores_a_checked_backup_and_the_replaced_desk_is_kept() {
    let desk = Desk::with_staff();
    let patient = desk.patient("Копиева", "+7 912 000-00-07");
    let file = desk.dir.path().join("desk-backup.db");
    let path = file.to_str().expect("utf-8 path");
    desk.run(&["--json", "--as", "admin", "backup", path])
        .ok_json();
    // Recorded after the backup: the restore loses it, and says so.
    desk.run(&[
        "--json",
        "--as",
        "admin",
        "staff",
        "add",
        "late",
        "--name",
        "Поздняя Инна",
        "--role",
        "reception",
    ])
    .ok_json();
    let logins = |desk: &Desk| -> Vec<String> {
        let list = desk
            .run(&["--json", "--as", "admin", "staff", "list"])
            .ok_json();
        let mut logins: Vec<String> = list
            .as_array()
            .expect("a list")
            .iter()
            .map(|s| string(&s["login"]))
            .collect();
        logins.sort();
        logins
    };
    assert!(logins(&desk).contains(&"late".to_owned()));

    let refused = desk.run(&["--json", "--as", "reg", "restore", path, "--replace"]);
    assert_eq!(refused.error(1)["code"], "forbidden");
    let kept = desk.run(&["--json", "--as", "admin", "restore", path]);
    let error = kept.error(1);
    assert_eq!(error["detail"], "restore_would_replace");
    assert!(string(&error["message"]).contains("--replace"), "{error}");
    assert!(
        logins(&desk).contains(&"late".to_owned()),
        "nothing changed"
    );

    let done = desk
        .run(&["--json", "--as", "admin", "restore", path, "--replace"])
        .ok_json();
    assert_eq!(done["missingSinceBackup"], 1, "{done}");
    let folder = PathBuf::from(string(&done["replacedInto"]));
    assert!(folder.join("consent-desk.db").is_file(), "{done}");
    assert_eq!(logins(&desk), ["admin", "mgr", "reg"]);
    desk.run(&["--json", "--as", "reg", "patient", "show", &patient])
        .ok_json();
    assert_eq!(
        desk.run(&["--json", "--as", "admin", "verify"]).ok_json()["intact"],
        true
    );

    let human = desk.run(&["--as", "admin", "restore", path, "--replace"]);
    assert_eq!(human.code, 0, "{human:?}");
    assert!(
        human.stdout.contains("восстановлено") && human.stdout.contains("replaced-"),
        "{human:?}"
    );
}

#[test]
fn a_restore_onto_a_new_computer_needs_the_key_and_writes_desk_json() {
    let desk = Desk::with_staff();
    desk.patient("Переездова", "+7 912 000-00-08");
    let file = desk.dir.path().join("desk-backup.db");
    let path = file.to_str().expect("utf-8 path");
    desk.run(&["--json", "--as", "admin", "backup", path])
        .ok_json();
    let new_computer = tempfile::tempdir().expect("another data dir");
    let run = |key: bool, args: &[&str]| {
        let mut command = desk.command(args);
        command.arg("--data-dir").arg(new_computer.path());
        if !key {
            command.env_remove("CONSENT_DESK_DB_KEY");
        }
        output(command)
    };
    let no_key = run(false, &["--json", "--as", "admin", "restore", path]);
    assert_eq!(no_key.error(1)["detail"], "restore_needs_key");
    assert!(
        !new_computer.path().join("consent-desk.db").exists(),
        "nothing restored"
    );

    let done = run(true, &["--json", "--as", "admin", "restore", path]).ok_json();
    assert_eq!(done["replacedInto"], Value::Null);
    assert_eq!(done["deskFileWritten"], true);
    assert!(new_computer.path().join("desk.json").is_file());
    let found = run(
        true,
        &["--json", "--as", "reg", "patient", "find", "Переездова"],
    )
    .ok_json();
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
}

#[test]
fn a_damaged_backup_or_an_open_desk_replaces_nothing() {
    let desk = Desk::with_staff();
    desk.patient("Целова", "+7 912 000-00-09");
    let file = desk.dir.path().join("desk-backup.db");
    let path = file.to_str().expect("utf-8 path");
    desk.run(&["--json", "--as", "admin", "backup", path])
        .ok_json();
    let database = desk.data_dir().join("consent-desk.db");
    let before = file_bytes(&database);

    let mut bytes = file_bytes(&file);
    let middle = bytes.len() - 4096 - 1000;
    bytes[middle..middle + 8].copy_from_slice(&[0x5a; 8]);
    let damaged = desk.dir.path().join("damaged.db");
    std::fs::write(&damaged, &bytes).expect("write the damaged copy");
    let refused = desk.run(&[
        "--as",
        "admin",
        "restore",
        damaged.to_str().expect("utf-8"),
        "--replace",
    ]);
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(
        refused.stderr.contains("damaged.db") && refused.stderr.contains("повреждена"),
        "names the backup, not the desk: {refused:?}"
    );
    assert_eq!(file_bytes(&database), before, "the desk is untouched");

    // The desk open in another program: it holds a shared lock on the desk's lock file, as every
    // open does, and the restore is refused rather than pulling the file from under it.
    let holder = std::fs::File::open(desk.data_dir().join("consent-desk.db-lock"))
        .expect("the lock file every open makes");
    holder.lock_shared().expect("hold it as the app does");
    let busy = desk.run(&["--json", "--as", "admin", "restore", path, "--replace"]);
    assert_eq!(busy.error(1)["detail"], "db_in_use");
    drop(holder);
    assert_eq!(file_bytes(&database), before, "the desk is untouched");
}

#[test]
fn reception_may_not_rebuild_or_import_the_calendar() {
    let desk = Desk::with_staff();
    let rebuild = desk.run(&["--json", "--as", "reg", "rebuild"]);
    assert_eq!(rebuild.error(1)["code"], "forbidden");
    let xml = desk.dir.path().join("2031.xml");
    std::fs::write(&xml, CALENDAR_2031).expect("write");
    let xml_path = xml.to_str().expect("utf-8 path");
    let import = desk.run(&["--json", "--as", "reg", "calendar", "import", xml_path]);
    assert_eq!(import.error(1)["code"], "forbidden");
    let human = desk.run(&["--as", "reg", "rebuild"]);
    assert!(human.stderr.contains("Недостаточно прав"), "{human:?}");

    // The refused import left the desk without 2031.
    let day = desk.run(&["--json", "calendar", "is-working-day", "09.01.2031"]);
    assert_eq!(day.error(2)["code"], "unknown_year");

    let admin = desk.run(&["--json", "--as", "admin", "rebuild"]).ok_json();
    assert_eq!(admin["unchanged"], true);
}

#[test]
fn verify_reports_an_intact_ledger() {
    let desk = Desk::with_staff();
    desk.patient("Ёлкина", "+7 912 345-67-89");
    let report = desk.run(&["--json", "--as", "mgr", "verify"]).ok_json();
    assert_eq!(report["intact"], true);
    assert_eq!(report["defects"], serde_json::json!([]));
    assert_eq!(report["desks"], 1);
    assert_eq!(report["events"], 4, "three staff accounts and one patient");
    let human = desk.run(&["--as", "mgr", "verify"]);
    assert_eq!(human.code, 0);
    assert!(human.stdout.contains("Журнал цел: событий 4"), "{human:?}");
}

#[test]
fn verify_reports_a_damaged_page_wherever_it_is_even_when_the_desk_cannot_load() {
    let desk = Desk::with_staff();
    desk.patient("Страничкина", "+7 912 345-67-80");
    let database = desk.data_dir().join("consent-desk.db");
    let whole = file_bytes(&database);
    let pages = whole.len() / 4096;
    assert!(pages > 8, "{pages} pages");
    let mut could_not_load = 0;
    for page in 1..pages {
        let mut bytes = whole.clone();
        let at = page * 4096 + 2000;
        bytes[at..at + 8].copy_from_slice(&[0x5a; 8]);
        std::fs::write(&database, &bytes).expect("damage one page");
        let run = desk.run(&["--json", "--as", "mgr", "verify"]);
        assert_eq!(run.code, 1, "page {page}: {run:?}");
        let report = run.json();
        assert_eq!(report["intact"], false, "page {page}: {report}");
        let defects = report["defects"].to_string();
        assert!(
            defects.contains("повреждён") || defects.contains("не читается"),
            "page {page}: {report}"
        );
        if defects.contains("не читается") {
            could_not_load += 1;
        }
    }
    assert!(
        could_not_load > 0,
        "some page must be one the desk needs to load, or the fallback is untested"
    );
    std::fs::write(&database, &whole).expect("undamaged again");
    assert_eq!(
        desk.run(&["--json", "--as", "mgr", "verify"]).ok_json()["intact"],
        true
    );
}

#[test]
fn sync_commands_refuse_what_cannot_be_done_and_change_nothing() {
    let desk = Desk::with_staff();
    let not_joined = desk.run(&["--json", "--as", "reg", "sync"]);
    let error = not_joined.error(1);
    assert_eq!(error["code"], "sync");
    assert_eq!(error["detail"], "sync_not_joined");
    let told = desk.run(&["--as", "reg", "sync"]);
    assert!(
        told.stderr.contains("не подключено к серверу клиники"),
        "{}",
        told.stderr
    );
    let code = desk.run(&["--json", "--as", "admin", "server", "code"]);
    assert_eq!(code.error(1)["detail"], "sync_not_joined");

    let forbidden = desk.run(&[
        "--json",
        "--as",
        "reg",
        "server",
        "join",
        "consent-desk:join:AAAA",
        "--name",
        "Окно",
    ]);
    assert_eq!(forbidden.error(1)["code"], "forbidden");
    let garbled = desk.run(&[
        "--json",
        "--as",
        "admin",
        "server",
        "join",
        "consent-desk:join:AAAA",
        "--name",
        "Окно 3",
    ]);
    assert_eq!(garbled.error(1)["detail"], "sync_code_invalid");
    // Still not joined: a refused join leaves nothing behind.
    let still = desk.run(&["--json", "--as", "reg", "sync"]);
    assert_eq!(still.error(1)["detail"], "sync_not_joined");
}
