//! The real `consentctl` binary against a temporary data directory.
//!
//! Every child process gets a fixed database key in `CONSENT_DESK_DB_KEY`, an explicit `--data-dir`,
//! and none of the variables of the person running the tests (`CONSENT_DESK_LANG`, `..._STAFF`,
//! `..._DATA_DIR`, `..._NOW`), so the results do not depend on the machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const OTHER_KEY: &str = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

/// Friday 24.10.2025: the day every desk starts on, so patients are registered and consents signed
/// on the day the fixtures' withdrawals are received (a request cannot predate its patient).
const FIXTURE_DAY: &str = "2025-10-24";
/// Friday 31.10.2025: the day the fixtures' subjects are notified.
const NOTIFIED_DAY: &str = "2025-10-31";
/// Monday 27.10.2025: the withdrawal received on Friday 24.10 is due on 10.11, 9 working days on.
const MONDAY_AFTER: &str = "2025-10-27";
/// Wednesday 12.11.2025: two working days past that due date.
const TWO_DAYS_LATE: &str = "2025-11-12";

/// One run of the binary.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    fn ok_json(&self) -> Value {
        assert_eq!(self.code, 0, "expected success: {self:?}");
        self.json()
    }

    /// The `--json` error object, after checking the exit code.
    fn error(&self, code: i32) -> Value {
        assert_eq!(self.code, code, "{self:?}");
        let json = self.json();
        assert!(json["error"].is_object(), "{self:?}");
        json["error"].clone()
    }
}

/// A data directory and the environment to run the binary in.
struct Desk {
    dir: tempfile::TempDir,
    now: Option<&'static str>,
    key: &'static str,
}

impl Desk {
    fn empty() -> Desk {
        Desk {
            dir: tempfile::tempdir().expect("temp dir"),
            now: Some(FIXTURE_DAY),
            key: KEY,
        }
    }

    /// An initialized desk with an admin (`admin`), a receptionist (`reg`) and a manager (`mgr`).
    fn with_staff() -> Desk {
        let desk = Desk::empty();
        desk.run(&[
            "--json",
            "init",
            "--admin-login",
            "admin",
            "--admin-name",
            "Иванова Анна Петровна",
        ])
        .ok_json();
        desk.run(&[
            "--json",
            "--as",
            "admin",
            "staff",
            "add",
            "reg",
            "--name",
            "Петрова Ольга",
            "--role",
            "reception",
        ])
        .ok_json();
        desk.run(&[
            "--json",
            "--as",
            "admin",
            "staff",
            "add",
            "mgr",
            "--name",
            "Сидоров Пётр",
            "--role",
            "manager",
        ])
        .ok_json();
        desk
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("desk")
    }

    fn command(&self, args: &[&str]) -> Command {
        self.command_in(&self.data_dir(), args)
    }

    /// The same environment with another `--data-dir`.
    fn command_in(&self, data_dir: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_consentctl"));
        command
            .arg("--data-dir")
            .arg(data_dir)
            .args(args)
            .env("CONSENT_DESK_DB_KEY", self.key)
            .env_remove("CONSENT_DESK_LANG")
            .env_remove("CONSENT_DESK_STAFF")
            .env_remove("CONSENT_DESK_DATA_DIR")
            .env_remove("CONSENT_DESK_NOW")
            .stdin(Stdio::null());
        if let Some(now) = self.now {
            command.env("CONSENT_DESK_NOW", now);
        }
        command
    }

    fn run(&self, args: &[&str]) -> Run {
        output(self.command(args))
    }

    fn run_in(&self, data_dir: &Path, args: &[&str]) -> Run {
        output(self.command_in(data_dir, args))
    }

    fn at(&mut self, now: &'static str) -> &mut Desk {
        self.now = Some(now);
        self
    }

    /// Registers an adult patient and returns the id.
    fn patient(&self, surname: &str, phone: &str) -> String {
        let card = self
            .run(&[
                "--json",
                "--as",
                "reg",
                "patient",
                "add",
                "--surname",
                surname,
                "--given-name",
                "Алёна",
                "--patronymic",
                "Сергеевна",
                "--birth-date",
                "01.02.1990",
                "--sex",
                "female",
                "--phone",
                phone,
                "--address",
                "г. Иваново, ул. Куконковых, д. 142",
                "--doc-kind",
                "ru_passport",
                "--doc-series",
                "2410",
                "--doc-number",
                "654321",
                "--doc-issued",
                "15.02.2010",
                "--doc-issuer",
                "УМВД России по Ивановской области",
                "--doc-subdivision",
                "370-001",
            ])
            .ok_json();
        string(&card["patient"]["id"])
    }

    /// Grants `purposes`, prints and signs the form; returns the consent id.
    fn signed_consent(&self, patient: &str, purposes: &str) -> String {
        let consent = self
            .run(&[
                "--json",
                "--as",
                "reg",
                "consent",
                "grant",
                "--patient",
                patient,
                "--purposes",
                purposes,
            ])
            .ok_json();
        let id = string(&consent["id"]);
        let printed = self
            .run(&["--json", "--as", "reg", "consent", "printed", &id])
            .ok_json();
        let qr = string(&printed["qr"]);
        self.run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "sign",
            "--form",
            &qr,
            "--paper",
            "Шкаф 3, папка 10",
        ])
        .ok_json();
        id
    }
}

fn output(mut command: Command) -> Run {
    let out = command.output().expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn string(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
        .to_owned()
}

fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

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
fn full_flow_from_registration_to_the_queue_in_json() {
    let mut desk = Desk::with_staff();
    let patient = desk.patient("Ёлкина", "+7 912 345-67-89");

    for query in ["Ёлк", "ёлкина", "елк", "89123456789", "+7 (912) 345-67-89"] {
        let found = desk
            .run(&["--json", "--as", "reg", "patient", "find", query])
            .ok_json();
        let ids: Vec<&str> = found
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|p| p["id"].as_str())
            .collect();
        assert_eq!(ids, [patient.as_str()], "query {query:?}");
    }
    let nobody = desk
        .run(&["--json", "--as", "reg", "patient", "find", "Петров"])
        .ok_json();
    assert_eq!(nobody.as_array().map(Vec::len), Some(0));

    let consent = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "grant",
            "--patient",
            &patient,
            "--purposes",
            "identification,advertising,notifications",
        ])
        .ok_json();
    let consent_id = string(&consent["id"]);
    assert_eq!(consent["status"], "draft");
    let printed = desk
        .run(&["--json", "--as", "reg", "consent", "printed", &consent_id])
        .ok_json();
    assert_eq!(printed["consent"]["status"], "awaiting_signature");
    let form = string(&printed["form"]);
    assert_eq!(printed["qr"], format!("consent-desk:form:{form}"));
    let signed = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "sign",
            "--form",
            &form,
            "--paper",
            "Шкаф 3, папка 10",
        ])
        .ok_json();
    assert_eq!(signed["status"], "active");
    assert_eq!(signed["paperLocation"], "Шкаф 3, папка 10");
    assert_eq!(signed["signedBy"], "Петрова Ольга");

    // The letter came on Friday, the day of registration; it is recorded on Monday.
    desk.at(MONDAY_AFTER);
    let request = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "withdrawal",
            "receive",
            "--patient",
            &patient,
            "--purposes",
            "advertising",
            "--received",
            "24.10.2025",
            "--channel",
            "email",
        ])
        .ok_json();
    let request_id = string(&request["id"]);
    assert_eq!(request["kind"], "withdrawal");
    assert_eq!(request["channel"], "email");

    let shown = desk
        .run(&["--json", "--as", "reg", "withdrawal", "show", &request_id])
        .ok_json();
    assert_eq!(shown["receivedOn"], "2025-10-24");
    assert_eq!(shown["purposes"], serde_json::json!(["advertising"]));
    let stop = shown["deadlines"]
        .as_array()
        .expect("deadlines")
        .iter()
        .find(|d| d["obligation"] == "stop_processing")
        .expect("a stop_processing deadline")
        .clone();
    assert_eq!(stop["due"], "2025-11-10");
    assert_eq!(stop["workingDaysLeft"], 9);
    assert_eq!(stop["overdue"], false);

    let queue = desk.run(&["--json", "--as", "mgr", "queue"]).ok_json();
    let items = queue.as_array().expect("a list");
    assert_eq!(items.len(), 1, "{queue}");
    assert_eq!(items[0]["requestId"], request_id.as_str());
    assert_eq!(items[0]["patientName"], "Ёлкина Алёна Сергеевна");
    assert_eq!(items[0]["next"]["obligation"], "stop_processing");
    assert_eq!(items[0]["next"]["due"], "2025-11-10");

    let card = desk
        .run(&["--json", "--as", "reg", "patient", "show", &patient])
        .ok_json();
    assert_eq!(
        card["purposesInForce"],
        serde_json::json!(["identification", "notifications"])
    );
    assert_eq!(card["consents"][0]["status"], "partly_withdrawn");
    assert_eq!(card["requests"][0]["id"], request_id.as_str());

    let consent_now = desk
        .run(&["--json", "--as", "reg", "consent", "show", &consent_id])
        .ok_json();
    let advertising = consent_now["purposes"]
        .as_array()
        .expect("purposes")
        .iter()
        .find(|p| p["code"] == "advertising")
        .expect("advertising")
        .clone();
    assert_eq!(advertising["withdrawnBy"], request_id.as_str());
}

#[test]
fn human_output_is_russian_by_default_and_english_with_lang_en() {
    let mut desk = Desk::with_staff();
    let patient = desk.patient("Ёлкина", "+7 912 345-67-89");
    desk.signed_consent(&patient, "advertising");
    // The letter came on Friday, the day of registration; it is recorded on Monday.
    desk.at(MONDAY_AFTER);
    desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "receive",
        "--patient",
        &patient,
        "--received",
        "24.10.2025",
    ])
    .ok_json();

    let on_time = desk.run(&["--as", "mgr", "queue"]);
    assert_eq!(on_time.code, 0, "{on_time:?}");
    assert!(
        on_time.stdout.contains("10.11.2025  осталось 9 раб. дн."),
        "{on_time:?}"
    );
    assert!(
        on_time.stdout.contains("прекратить обработку"),
        "{on_time:?}"
    );

    desk.at(TWO_DAYS_LATE);
    let late = desk.run(&["--as", "mgr", "queue"]);
    assert!(
        late.stdout.contains("10.11.2025  ПРОСРОЧЕНО на 2 раб. дн."),
        "{late:?}"
    );

    let english = desk.run(&["--as", "mgr", "--lang", "en", "queue"]);
    assert_eq!(english.code, 0, "{english:?}");
    assert!(
        english
            .stdout
            .contains("10.11.2025  OVERDUE by 2 working days"),
        "{english:?}"
    );
    assert!(english.stdout.contains("stop processing"), "{english:?}");
    let header = english.stdout.lines().next().unwrap_or_default();
    assert!(!has_cyrillic(header), "{english:?}");

    let card = desk.run(&["--as", "reg", "patient", "show", &patient]);
    assert!(
        card.stdout.contains("Дата рождения       01.02.1990"),
        "{card:?}"
    );
    assert!(card.stdout.contains("Паспорт РФ 2410 №654321"), "{card:?}");
    assert!(card.stdout.contains("отзыв согласия"), "{card:?}");
    let card_en = desk.run(&["--as", "reg", "--lang", "en", "patient", "show", &patient]);
    assert!(
        card_en.stdout.contains("Russian passport 2410 №654321"),
        "{card_en:?}"
    );
    assert!(
        card_en.stdout.contains("withdrawal of consent"),
        "{card_en:?}"
    );

    let error_ru = desk.run(&["--as", "reg", "patient", "show", "not-an-id"]);
    assert!(error_ru.stderr.starts_with("ошибка: "), "{error_ru:?}");
    assert!(
        error_ru.stderr.contains("неверный идентификатор"),
        "{error_ru:?}"
    );
    assert!(error_ru.stdout.is_empty(), "{error_ru:?}");
    let mut command = desk.command(&["--as", "reg", "patient", "show", "not-an-id"]);
    command.env("CONSENT_DESK_LANG", "en");
    let error_en = output(command);
    assert!(error_en.stderr.starts_with("error: "), "{error_en:?}");
    assert!(!has_cyrillic(&error_en.stderr), "{error_en:?}");
}

#[test]
fn bad_input_exits_2_with_the_reason() {
    let mut desk = Desk::with_staff();
    desk.at(MONDAY_AFTER);
    let patient = desk.patient("Ёлкина", "+7 912 345-67-89");
    desk.signed_consent(&patient, "advertising");

    let bad_date = desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "receive",
        "--patient",
        &patient,
        "--received",
        "32.13.2025",
    ]);
    assert_eq!(bad_date.error(2)["detail"], "bad_date");

    // Values that parse but cannot be true are bad input too (exit 2), not runtime failures.
    let future = desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "receive",
        "--patient",
        &patient,
        "--received",
        "01.01.2099",
    ]);
    assert_eq!(future.code, 2, "{future:?}");
    let ancient_term = desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "grant",
        "--patient",
        &patient,
        "--purposes",
        "notifications",
        "--until",
        "01.01.1800",
    ]);
    assert_eq!(ancient_term.code, 2, "{ancient_term:?}");
    let draft = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "grant",
            "--patient",
            &patient,
            "--purposes",
            "notifications",
        ])
        .ok_json();
    let printed = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "printed",
            &string(&draft["id"]),
        ])
        .ok_json();
    let no_paper = desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "sign",
        "--form",
        &string(&printed["qr"]),
        "--paper",
        "",
    ]);
    assert_eq!(no_paper.code, 2, "{no_paper:?}");

    let empty_surname = desk.run(&[
        "--json",
        "--as",
        "reg",
        "patient",
        "add",
        "--surname",
        "",
        "--given-name",
        "Анна",
        "--birth-date",
        "01.02.1990",
        "--sex",
        "female",
        "--phone",
        "+79123456789",
    ]);
    let error = empty_surname.error(2);
    assert_eq!(error["code"], "invalid_input");
    let fields: Vec<&str> = error["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    for field in ["surname", "address", "document.kind", "document.number"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    let human = desk.run(&[
        "--as",
        "reg",
        "patient",
        "add",
        "--surname",
        "",
        "--given-name",
        "Анна",
    ]);
    assert_eq!(human.code, 2);
    assert!(
        human
            .stderr
            .contains("- Фамилия (surname): обязательно для заполнения"),
        "{human:?}"
    );
    assert!(
        human
            .stderr
            .contains("- Адрес (address): обязательно для заполнения"),
        "{human:?}"
    );

    let unknown_purpose = desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "grant",
        "--patient",
        &patient,
        "--purposes",
        "advertising,horoscopes",
    ]);
    assert_eq!(unknown_purpose.error(2)["detail"], "unknown_purpose");

    let bad_id = desk.run(&["--json", "--as", "reg", "patient", "show", "12345"]);
    assert_eq!(bad_id.error(2)["detail"], "bad_id");

    let nobody = desk.run(&["--json", "--as", "nobody", "queue"]);
    let error = nobody.error(2);
    assert_eq!(error["code"], "not_found");
    assert_eq!(error["detail"], "staff_not_found");

    let no_actor = desk.run(&["--json", "queue"]);
    assert_eq!(no_actor.error(2)["detail"], "staff_login_missing");

    let usage = desk.run(&["--as", "reg", "patient", "frobnicate"]);
    assert_eq!(usage.code, 2, "{usage:?}");
    assert!(
        usage.stderr.contains("Ошибка в командной строке"),
        "{usage:?}"
    );
    // `init` without its options: Russian only, each part on its own line, exit 2 kept.
    let init = desk.run(&["init"]);
    assert_eq!(init.code, 2, "{init:?}");
    let lines: Vec<&str> = init.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{init:?}");
    assert!(
        lines[0].starts_with("Ошибка в командной строке: не указаны обязательные параметры: --"),
        "{init:?}"
    );
    assert!(
        lines[1].starts_with("Использование: consentctl init "),
        "{init:?}"
    );
    assert_eq!(lines[2], "Справка: consentctl init --help");
    assert!(
        !init.stderr.contains("error:") && !init.stderr.contains("Usage"),
        "{init:?}"
    );
    let english = desk.run(&["--lang", "en", "init"]);
    assert_eq!(english.code, 2, "{english:?}");
    assert!(
        english
            .stderr
            .starts_with("Command-line error: required arguments were not provided: --"),
        "{english:?}"
    );
    assert!(!has_cyrillic(
        english
            .stderr
            .lines()
            .next()
            .unwrap_or_default()
            .split(": --")
            .next()
            .unwrap_or_default()
    ));

    let usage_json = desk.run(&[
        "--json",
        "calendar",
        "add-working-days",
        "24.10.2025",
        "ten",
    ]);
    assert_eq!(usage_json.error(2)["detail"], "usage");

    let nothing = desk.run(&["--json", "--as", "reg", "patient", "update", &patient]);
    assert_eq!(nothing.error(2)["detail"], "nothing_to_update");

    // Nothing of the refused requests reached the ledger.
    let card = desk
        .run(&["--json", "--as", "reg", "patient", "show", &patient])
        .ok_json();
    assert_eq!(card["requests"].as_array().map(Vec::len), Some(0));
    // The signed consent and the printed one whose signature was refused; no consent with 1800's term.
    assert_eq!(card["consents"].as_array().map(Vec::len), Some(2));
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
fn calendar_questions_need_no_database() {
    let desk = Desk::empty();
    let saturday = desk.run(&["calendar", "is-working-day", "01.11.2025"]);
    assert_eq!(saturday.code, 0, "{saturday:?}");
    assert!(
        saturday.stdout.starts_with("да: 01.11.2025, суббота"),
        "{saturday:?}"
    );
    let json = desk
        .run(&["--json", "calendar", "is-working-day", "01.11.2025"])
        .ok_json();
    assert_eq!(json["working"], true);
    assert_eq!(json["kind"], "working_weekend");
    assert_eq!(json["calendar"], "builtin");

    let holiday = desk.run(&["--lang", "en", "calendar", "is-working-day", "2025-11-04"]);
    assert!(
        holiday
            .stdout
            .starts_with("no: 04.11.2025, Tuesday — a public holiday"),
        "{holiday:?}"
    );

    let ten = desk.run(&["calendar", "add-working-days", "24.10.2025", "10"]);
    assert_eq!((ten.code, ten.stdout.trim()), (0, "10.11.2025"), "{ten:?}");
    let new_year = desk.run(&["calendar", "add-working-days", "26.12.2025", "10"]);
    assert_eq!(
        (new_year.code, new_year.stdout.trim()),
        (0, "21.01.2026"),
        "{new_year:?}"
    );
    let added = desk
        .run(&["--json", "calendar", "add-working-days", "26.12.2025", "10"])
        .ok_json();
    assert_eq!(added["date"], "2026-01-21");

    let unknown = desk.run(&["calendar", "add-working-days", "15.03.2031", "1"]);
    assert_eq!(unknown.code, 2, "{unknown:?}");
    assert!(unknown.stderr.contains("2031"), "{unknown:?}");
    assert!(unknown.stderr.contains("calendar import"), "{unknown:?}");
    let unknown_json = desk.run(&["--json", "calendar", "is-working-day", "15.03.2031"]);
    assert_eq!(unknown_json.error(2)["code"], "unknown_year");
    assert!(
        !desk.data_dir().join("consent-desk.db").exists(),
        "no database was created"
    );
}

#[test]
fn calendar_import_refuses_what_is_not_xmlcalendar_and_changes_nothing() {
    let desk = Desk::with_staff();
    let put = |name: &str, text: &str| {
        let path = desk.dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_str().expect("utf-8 path").to_owned()
    };
    let not_xml = put("notes.txt", "01.01.2031 выходной\n");
    let broken = put("broken.xml", &CALENDAR_2031.replace("t=\"1\"", "t=\"9\""));
    for file in [&not_xml, &broken] {
        let refused = desk.run(&["--json", "--as", "admin", "calendar", "import", file]);
        let error = refused.error(2);
        assert_eq!(error["detail"], "bad_calendar", "{file}");
        let day = desk.run(&["--json", "calendar", "is-working-day", "09.01.2031"]);
        assert_eq!(
            day.error(2)["code"],
            "unknown_year",
            "still unknown after {file}"
        );
    }
    let missing = desk.run(&[
        "--json",
        "--as",
        "admin",
        "calendar",
        "import",
        "/nonexistent/2031.xml",
    ]);
    assert_eq!(missing.error(2)["detail"], "unreadable_file");

    let good = put("2031.xml", CALENDAR_2031);
    let imported = desk
        .run(&["--json", "--as", "admin", "calendar", "import", &good])
        .ok_json();
    assert_eq!(imported["year"], 2031);
    let day = desk
        .run(&["--json", "calendar", "is-working-day", "09.01.2031"])
        .ok_json();
    assert_eq!(
        (day["working"].clone(), day["calendar"].clone()),
        (Value::Bool(true), "desk".into())
    );
    let builtin = desk.run(&[
        "--json",
        "calendar",
        "is-working-day",
        "--builtin",
        "09.01.2031",
    ]);
    assert_eq!(builtin.error(2)["code"], "unknown_year");
}

#[test]
fn the_patient_form_comes_from_json_and_update_changes_only_what_is_given() {
    let desk = Desk::with_staff();
    let form = desk.dir.path().join("patient.json");
    std::fs::write(
        &form,
        r#"{
          "surname": "Семёнов", "given_name": "Пётр", "birth_date": "10.05.2015", "sex": "male",
          "address": "г. Иваново, ул. Мира, д. 5",
          "document": {"kind": "ru_birth_certificate", "series": "IV-АР", "number": "123456",
                       "issue_date": "20.05.2015", "issuer": "Отдел ЗАГС г. Иваново"},
          "representative": {
            "surname": "Семёнова", "given_name": "Анна", "patronymic": "Сергеевна",
            "phone": "+7 916 000-11-22", "address": "г. Иваново, ул. Мира, д. 5",
            "document": {"kind": "ru_passport", "series": "2410", "number": "654321",
                         "issue_date": "10.02.2010", "issuer": "УМВД", "subdivision_code": "370-001"},
            "authority": {"kind": "child_birth_certificate", "number": "IV-АР 123456",
                          "date": "20.05.2015", "issuer": "Отдел ЗАГС г. Иваново"}
          }
        }"#,
    )
    .expect("write");
    let form_path = form.to_str().expect("utf-8 path");
    let card = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "patient",
            "add",
            "--from-json",
            form_path,
        ])
        .ok_json();
    assert_eq!(card["patient"]["name"], "Семёнов Пётр");
    assert_eq!(card["minor"], true);
    assert_eq!(card["representative"], "Семёнова Анна Сергеевна");
    let id = string(&card["patient"]["id"]);

    let updated = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "patient",
            "update",
            &id,
            "--address",
            "г. Шуя, ул. Ленина, д. 1",
        ])
        .ok_json();
    assert_eq!(updated["address"], "г. Шуя, ул. Ленина, д. 1");
    assert_eq!(
        updated["patient"]["name"], "Семёнов Пётр",
        "the rest is kept"
    );
    assert_eq!(updated["representative"], "Семёнова Анна Сергеевна");

    let refused = desk.run(&[
        "--json",
        "--as",
        "reg",
        "patient",
        "update",
        &id,
        "--no-representative",
    ]);
    let error = refused.error(2);
    let fields: Vec<&str> = error["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["representative"], "a minor needs a representative");

    let typo = desk.dir.path().join("typo.json");
    std::fs::write(
        &typo,
        r#"{"surname": "Семёнов", "document": {"nubmer": "1"}}"#,
    )
    .expect("write");
    let typo_path = typo.to_str().expect("utf-8 path");
    let error = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "patient",
            "add",
            "--from-json",
            typo_path,
        ])
        .error(2);
    assert_eq!(error["detail"], "bad_patient_json");
    assert!(
        string(&error["message"]).contains("document.nubmer"),
        "{error}"
    );
}

/// `patient add` arguments for a patient born on 01.02.1990 (as `Desk::patient`'s are) with a passport
/// of the same series: the surname, phone and number may each repeat the first patient's.
fn second_patient<'a>(surname: &'a str, phone: &'a str, doc_number: &'a str) -> Vec<&'a str> {
    born_on("01.02.1990", surname, phone, doc_number)
}

fn born_on<'a>(
    birth_date: &'a str,
    surname: &'a str,
    phone: &'a str,
    doc_number: &'a str,
) -> Vec<&'a str> {
    vec![
        "--as",
        "reg",
        "patient",
        "add",
        "--surname",
        surname,
        "--given-name",
        "Алёна",
        "--birth-date",
        birth_date,
        "--sex",
        "female",
        "--phone",
        phone,
        "--address",
        "г. Иваново, ул. Мира, д. 5",
        "--doc-kind",
        "ru_passport",
        "--doc-series",
        "2410",
        "--doc-number",
        doc_number,
        "--doc-issued",
        "15.02.2010",
        "--doc-issuer",
        "УМВД России по Ивановской области",
        "--doc-subdivision",
        "370-001",
    ]
}

#[test]
fn a_likely_duplicate_is_refused_until_the_admin_confirms_a_new_person() {
    let desk = Desk::with_staff();
    let first = desk.patient("Ёлкина", "+7 912 345-67-89");

    // Another surname, the same passport: the same person, most likely (a typo or a new surname).
    let mut args = vec!["--json"];
    args.extend(second_patient("Кедрова", "+7 999 000-00-00", "654321"));
    let error = desk.run(&args).error(2);
    assert_eq!(error["code"], "invalid_input");
    assert_eq!(error["detail"], "likely_duplicate");
    assert_eq!(error["similar"][0]["id"], first.as_str());
    assert_eq!(error["similar"][0]["reason"], "same_document");
    let message = string(&error["message"]);
    assert!(message.contains(&first), "{message}");
    assert!(message.contains("--confirm-new"), "{message}");
    assert!(message.contains("тот же документ"), "{message}");
    for personal in ["Ёлкина", "Кедрова", "654321"] {
        assert!(!message.contains(personal), "{personal} in {message}");
    }

    // The same name and birth date under another document; in people's words and in English.
    let human = desk.run(&second_patient("Ёлкина", "+7 999 000-00-00", "111111"));
    assert_eq!(human.code, 2, "{human:?}");
    assert!(
        human.stderr.contains("те же фамилия, имя и дата рождения"),
        "{human:?}"
    );
    let mut args = vec!["--lang", "en"];
    args.extend(second_patient("Кедрова", "+7 912 345-67-89", "222222"));
    let english = desk.run(&args);
    assert_eq!(english.code, 2, "{english:?}");
    assert!(
        english.stderr.contains("the same phone and birth date"),
        "{english:?}"
    );
    assert!(english.stderr.contains("--confirm-new"), "{english:?}");
    assert!(!has_cyrillic(&english.stderr), "{english:?}");

    let found = desk
        .run(&["--json", "--as", "reg", "patient", "find", "01.02.1990"])
        .ok_json();
    assert_eq!(found.as_array().map(Vec::len), Some(1), "nothing recorded");

    let mut args = vec!["--json"];
    args.extend(second_patient("Кедрова", "+7 999 000-00-00", "654321"));
    args.push("--confirm-new");
    let card = desk.run(&args).ok_json();
    assert_ne!(string(&card["patient"]["id"]), first);
    let found = desk
        .run(&["--json", "--as", "reg", "patient", "find", "01.02.1990"])
        .ok_json();
    assert_eq!(found.as_array().map(Vec::len), Some(2));

    // Someone unlike anyone registered needs no confirmation.
    let mut args = vec!["--json"];
    args.extend(born_on(
        "02.03.1991",
        "Соснина",
        "+7 999 111-11-11",
        "333333",
    ));
    desk.run(&args).ok_json();
}

#[test]
fn patient_json_mistakes_say_what_each_key_needs_and_a_byte_order_mark_is_fine() {
    let desk = Desk::with_staff();
    let form = desk.dir.path().join("patient.json");
    let form_path = form.to_str().expect("utf-8 path");
    let add = [
        "--json",
        "--as",
        "reg",
        "patient",
        "add",
        "--from-json",
        form_path,
    ];

    std::fs::write(
        &form,
        r#"{"surname": "Семёнов", "document": "2410 654321"}"#,
    )
    .expect("write");
    let error = desk.run(&add).error(2);
    assert_eq!(error["detail"], "bad_patient_json");
    let message = string(&error["message"]);
    assert!(message.contains("«document»"), "{message}");
    assert!(message.contains("должно быть объектом"), "{message}");
    assert!(message.contains("а не строка"), "{message}");
    assert!(!message.contains("654321"), "{message}");

    std::fs::write(&form, r#"{"representative": {"authority": "IV-АР 1"}}"#).expect("write");
    let message = string(&desk.run(&add).error(2)["message"]);
    assert!(message.contains("«representative.authority»"), "{message}");
    assert!(message.contains("должно быть объектом"), "{message}");

    // A terminal has no hint beside the field: the error names the key and what it takes.
    let mut args = second_patient("Семёнова", "+7 916 000-11-22", "654321");
    let kind = args.iter().position(|a| *a == "ru_passport").expect("kind");
    args[kind] = "passport";
    let refused = desk.run(&args);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(
        refused.stderr.contains(
            "Вид документа (document.kind): недопустимое значение (ожидается: ru_passport, \
             ru_birth_certificate, foreign_passport, residence_permit или other)"
        ),
        "{refused:?}"
    );
    assert!(!refused.stderr.contains("подсказк"), "{refused:?}");

    // Notepad on Windows saves UTF-8 with a byte-order mark.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        r#"{
          "surname": "Семёнова", "given_name": "Анна", "birth_date": "01.02.1990", "sex": "female",
          "phone": "+7 916 000-11-22", "address": "г. Иваново, ул. Мира, д. 5",
          "document": {"kind": "ru_passport", "series": "2410", "number": "654321",
                       "issue_date": "10.02.2010", "issuer": "УМВД", "subdivision_code": "370-001"}
        }"#
        .as_bytes(),
    );
    std::fs::write(&form, bytes).expect("write");
    let card = desk.run(&add).ok_json();
    assert_eq!(card["patient"]["name"], "Семёнова Анна");
}

#[test]
fn other_subject_requests_get_their_own_deadlines() {
    let mut desk = Desk::with_staff();
    let patient = desk.patient("Ёлкина", "+7 912 345-67-89");
    // The letter came on Friday, the day of registration; it is recorded on Monday.
    desk.at(MONDAY_AFTER);
    let access = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "withdrawal",
            "receive",
            "--patient",
            &patient,
            "--kind",
            "access",
            "--received",
            "24.10.2025",
            "--channel",
            "post",
        ])
        .ok_json();
    assert_eq!(access["kind"], "access");
    assert_eq!(access["deadlines"][0]["obligation"], "answer");
    assert_eq!(access["deadlines"][0]["due"], "2025-11-10");
    let human = desk.run(&["--as", "reg", "withdrawal", "show", &string(&access["id"])]);
    assert!(
        human
            .stdout
            .contains("дать ответ  10.11.2025  осталось 9 раб. дн."),
        "{human:?}"
    );

    let bad_kind = desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "receive",
        "--patient",
        &patient,
        "--kind",
        "gossip",
    ]);
    assert_eq!(bad_kind.error(2)["detail"], "unknown_choice");
}

#[test]
fn help_is_russian() {
    let desk = Desk::empty();
    let help = desk.run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("Использование:"), "{help:?}");
    assert!(help.stdout.contains("Первоначальная настройка"), "{help:?}");
    let sub = desk.run(&["withdrawal", "receive", "--help"]);
    assert_eq!(sub.code, 0);
    assert!(sub.stdout.contains("--received <ДАТА>"), "{sub:?}");
    assert!(sub.stdout.contains("Показать справку"), "{sub:?}");
}

/// 2031 with nothing but the Labour Code holidays (Friday 09.01.2031 is an ordinary working day).
const CALENDAR_2031: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2031" lang="ru" country="ru">
  <holidays>
    <holiday id="1" title="Новогодние каникулы"/>
    <holiday id="2" title="Рождество Христово"/>
    <holiday id="3" title="День защитника Отечества"/>
    <holiday id="4" title="Международный женский день"/>
    <holiday id="5" title="Праздник Весны и Труда"/>
    <holiday id="6" title="День Победы"/>
    <holiday id="7" title="День России"/>
    <holiday id="8" title="День народного единства"/>
  </holidays>
  <days>
    <day d="01.01" t="1" h="1"/><day d="01.02" t="1" h="1"/><day d="01.03" t="1" h="1"/>
    <day d="01.04" t="1" h="1"/><day d="01.05" t="1" h="1"/><day d="01.06" t="1" h="1"/>
    <day d="01.07" t="1" h="2"/><day d="01.08" t="1" h="1"/>
    <day d="02.23" t="1" h="3"/><day d="03.08" t="1" h="4"/><day d="05.01" t="1" h="5"/>
    <day d="05.09" t="1" h="6"/><day d="06.12" t="1" h="7"/><day d="11.04" t="1" h="8"/>
  </days>
</calendar>
"#;

#[test]
fn the_clinic_details_are_set_by_an_admin_and_checked() {
    let desk = Desk::with_staff();
    let unset = desk
        .run(&["--json", "--as", "reg", "clinic", "show"])
        .ok_json();
    assert!(unset.is_null(), "{unset}");
    let args = |inn: &'static str| {
        vec![
            "--json",
            "--as",
            "admin",
            "clinic",
            "set",
            "--name",
            "ООО «Клиника доктора Смирнова»",
            "--inn",
            inn,
            "--ogrn",
            "1027700132195",
        ]
    };
    let bad = desk.run(&args("7707083894"));
    let error = bad.error(2);
    assert_eq!(error["detail"], "clinic_bad_checksum");
    assert_eq!(error["fields"][0]["field"], "inn");
    let refused = desk.run(&[
        "--json",
        "--as",
        "reg",
        "clinic",
        "set",
        "--name",
        "X",
        "--inn",
        "7707083893",
        "--ogrn",
        "1027700132195",
    ]);
    assert_eq!(refused.error(1)["code"], "forbidden");
    let saved = desk.run(&args("7707083893")).ok_json();
    assert_eq!(
        saved["withdrawalEmail"], "klinika_s_m@mail.ru",
        "the policy's default"
    );
    let shown = desk.run(&["--as", "reg", "clinic", "show"]);
    assert_eq!(shown.code, 0, "{shown:?}");
    assert!(shown.stdout.contains("ИНН: 7707083893"), "{shown:?}");
    assert!(shown.stdout.contains("153013, г. Иваново"), "{shown:?}");
}

#[test]
fn a_manager_works_a_withdrawal_from_the_command_line_and_reception_may_not() {
    let mut desk = Desk::with_staff();
    let patient = desk.patient("Орлова", "+7 912 000-00-01");
    let consent = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "grant",
            "--patient",
            &patient,
            "--purposes",
            "medical_account,advertising",
        ])
        .ok_json();
    let consent_id = string(&consent["id"]);
    let printed = desk
        .run(&["--json", "--as", "reg", "consent", "printed", &consent_id])
        .ok_json();
    let qr = string(&printed["qr"]);
    desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "sign",
        "--form",
        &qr,
        "--paper",
        "Шкаф 1",
    ])
    .ok_json();
    let request = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "withdrawal",
            "receive",
            "--patient",
            &patient,
            "--received",
            "24.10.2025",
        ])
        .ok_json();
    let id = string(&request["id"]);

    let refused = desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "extend",
        &id,
        "--reason",
        "x",
    ]);
    assert_eq!(refused.error(1)["code"], "forbidden");

    desk.run(&["--json", "--as", "mgr", "withdrawal", "start", &id])
        .ok_json();
    let extended = desk
        .run(&[
            "--json",
            "--as",
            "mgr",
            "withdrawal",
            "extend",
            &id,
            "--reason",
            "Запрошены документы из архива",
        ])
        .ok_json();
    assert_eq!(extended["deadlines"][0]["due"], "2025-11-17");
    desk.run(&[
        "--json",
        "--as",
        "mgr",
        "withdrawal",
        "decide",
        &id,
        "--purpose",
        "2.2.9",
    ])
    .ok_json();
    let no_ground = desk.run(&[
        "--json",
        "--as",
        "mgr",
        "withdrawal",
        "decide",
        &id,
        "--purpose",
        "medical_account",
        "--continues-on",
        " ",
    ]);
    assert_eq!(no_ground.error(2)["detail"], "request_legal_ground_missing");
    let long_ground = "основание ".repeat(300);
    let too_long = desk.run(&[
        "--json",
        "--as",
        "mgr",
        "withdrawal",
        "decide",
        &id,
        "--purpose",
        "medical_account",
        "--continues-on",
        &long_ground,
    ]);
    assert_eq!(
        too_long.code, 2,
        "an over-long legal ground is bad input: {too_long:?}"
    );
    let decided = desk
        .run(&[
            "--json",
            "--as",
            "mgr",
            "withdrawal",
            "decide",
            &id,
            "--purpose",
            "medical_account",
            "--continues-on",
            "п. 4 ч. 2 ст. 10 152-ФЗ",
        ])
        .ok_json();
    assert_eq!(decided["status"], "processing_stopped");
    desk.run(&["--json", "--as", "mgr", "withdrawal", "dispose", &id])
        .ok_json();
    desk.at(NOTIFIED_DAY);
    desk.run(&[
        "--json",
        "--as",
        "mgr",
        "withdrawal",
        "notify",
        &id,
        "--on",
        "31.10.2025",
    ])
    .ok_json();
    let closed = desk
        .run(&["--json", "--as", "mgr", "withdrawal", "close", &id])
        .ok_json();
    assert_eq!(closed["status"], "closed");
    let queue = desk.run(&["--json", "--as", "mgr", "queue"]).ok_json();
    assert_eq!(queue.as_array().map(Vec::len), Some(0));
}

#[test]
fn forms_are_printed_to_files_readable_by_their_owner_only() {
    let desk = Desk::with_staff();
    let patient = desk.patient("Ёлкина", "+7 912 000-00-02");
    let consent = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "grant",
            "--patient",
            &patient,
            "--purposes",
            "medical_account,notifications",
        ])
        .ok_json();
    let consent_id = string(&consent["id"]);
    let pdf = desk.dir.path().join("consent.pdf");
    let pdf_arg = pdf.to_str().expect("utf-8 path");

    let no_clinic = desk.run(&[
        "--json",
        "--as",
        "reg",
        "print",
        "consent",
        "--consent",
        &consent_id,
        "-o",
        pdf_arg,
    ]);
    assert_eq!(no_clinic.error(1)["detail"], "clinic_not_set");
    assert!(!pdf.exists(), "nothing written when nothing can be printed");

    desk.run(&[
        "--json",
        "--as",
        "admin",
        "clinic",
        "set",
        "--name",
        "ООО «Клиника»",
        "--inn",
        "7707083893",
        "--ogrn",
        "1027700132195",
    ])
    .ok_json();
    let print_to = |target: &str, extra: &[&str]| {
        let mut args = vec![
            "--json",
            "--as",
            "reg",
            "print",
            "consent",
            "--consent",
            &consent_id,
            "-o",
            target,
        ];
        args.extend_from_slice(extra);
        desk.run(&args)
    };
    let status = || {
        let shown = desk
            .run(&["--json", "--as", "reg", "consent", "show", &consent_id])
            .ok_json();
        (
            string(&shown["status"]),
            shown["forms"].as_array().map_or(0, Vec::len),
        )
    };
    // A copy that cannot reach its file is not recorded as printed.
    let missing = desk.dir.path().join("no-such-dir").join("consent.pdf");
    let unwritable = print_to(missing.to_str().expect("utf-8 path"), &[]);
    assert_eq!(unwritable.error(1)["detail"], "unwritable_file");
    let directory = print_to(desk.dir.path().to_str().expect("utf-8 path"), &["--force"]);
    assert_eq!(directory.error(2)["detail"], "output_directory");
    // An existing file is kept without --force, and a link is never followed.
    let existing = desk.dir.path().join("existing.pdf");
    std::fs::write(&existing, b"kept").expect("an existing file");
    let exists = print_to(existing.to_str().expect("utf-8 path"), &[]);
    assert_eq!(exists.error(2)["detail"], "output_exists");
    assert_eq!(std::fs::read(&existing).expect("read"), b"kept");
    #[cfg(unix)]
    {
        let link = desk.dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&existing, &link).expect("symlink");
        let through = print_to(link.to_str().expect("utf-8 path"), &["--force"]);
        assert_eq!(through.error(2)["detail"], "output_symlink");
        assert_eq!(std::fs::read(&existing).expect("read"), b"kept");
    }
    assert_eq!(
        status(),
        ("draft".to_owned(), 0),
        "no refused print was recorded"
    );

    let printed = print_to(pdf_arg, &[]).ok_json();
    let code = string(&printed[0]["shortCode"]);
    assert_eq!(code.len(), 9, "{printed}");
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the form holds personal data");
    }
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed; cargo xtask test installs it");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Ёлкина"), "the patient's name is on the form");
    assert!(text.contains(&code), "the short code is on the form");

    let shown = desk
        .run(&["--json", "--as", "reg", "consent", "show", &consent_id])
        .ok_json();
    assert_eq!(shown["status"], "awaiting_signature");
    desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "sign",
        "--form",
        &code,
        "--paper",
        "Шкаф 3",
    ])
    .ok_json();

    let blank = desk
        .command(&["--as", "reg", "print", "withdrawal", "--blank", "-o", "-"])
        .output()
        .expect("run consentctl");
    let stderr = String::from_utf8_lossy(&blank.stderr);
    assert!(blank.status.success(), "{stderr}");
    assert!(
        blank.stdout.starts_with(b"%PDF"),
        "a PDF on standard output"
    );
    assert!(
        stderr.contains("Бланк"),
        "the report goes to stderr: {stderr}"
    );
}
