//! What every test of the binary shares: a desk in a temporary directory and one run's output.

pub use std::path::{Path, PathBuf};
pub use std::process::{Command, Stdio};

pub use serde_json::Value;

pub const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
pub const OTHER_KEY: &str = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

/// Friday 24.10.2025: the day every desk starts on, so patients are registered and consents signed
/// on the day the fixtures' withdrawals are received (a request cannot predate its patient).
pub const FIXTURE_DAY: &str = "2025-10-24";
/// Friday 31.10.2025: the day the fixtures' subjects are notified.
pub const NOTIFIED_DAY: &str = "2025-10-31";
/// Monday 27.10.2025: the withdrawal received on Friday 24.10 is due on 10.11, 9 working days on.
pub const MONDAY_AFTER: &str = "2025-10-27";
/// Wednesday 12.11.2025: two working days past that due date.
pub const TWO_DAYS_LATE: &str = "2025-11-12";

/// One run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    pub fn ok_json(&self) -> Value {
        assert_eq!(self.code, 0, "expected success: {self:?}");
        self.json()
    }

    /// The `--json` error object, after checking the exit code.
    pub fn error(&self, code: i32) -> Value {
        assert_eq!(self.code, code, "{self:?}");
        let json = self.json();
        assert!(json["error"].is_object(), "{self:?}");
        json["error"].clone()
    }
}

/// A data directory and the environment to run the binary in.
pub struct Desk {
    pub dir: tempfile::TempDir,
    pub now: Option<&'static str>,
    pub key: &'static str,
}

impl Desk {
    pub fn empty() -> Desk {
        Desk {
            dir: tempfile::tempdir().expect("temp dir"),
            now: Some(FIXTURE_DAY),
            key: KEY,
        }
    }

    /// An initialized desk with an admin (`admin`), a receptionist (`reg`) and a manager (`mgr`).
    pub fn with_staff() -> Desk {
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

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("desk")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        self.command_in(&self.data_dir(), args)
    }

    /// The same environment with another `--data-dir`.
    pub fn command_in(&self, data_dir: &Path, args: &[&str]) -> Command {
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

    pub fn run(&self, args: &[&str]) -> Run {
        output(self.command(args))
    }

    pub fn run_in(&self, data_dir: &Path, args: &[&str]) -> Run {
        output(self.command_in(data_dir, args))
    }

    pub fn at(&mut self, now: &'static str) -> &mut Desk {
        self.now = Some(now);
        self
    }

    /// Sets the clinic's details every printed form needs, as the administrator.
    pub fn set_clinic(&self) {
        self.run(&[
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
    }

    /// Registers an adult patient and returns the id.
    pub fn patient(&self, surname: &str, phone: &str) -> String {
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
    pub fn signed_consent(&self, patient: &str, purposes: &str) -> String {
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

pub fn output(mut command: Command) -> Run {
    let out = command.output().expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn string(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
        .to_owned()
}

pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

pub fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
