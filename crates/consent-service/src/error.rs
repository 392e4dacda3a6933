//! Errors of the use cases: a stable code for programs, a localized message for people.

use std::path::PathBuf;

use consent_domain::patient::ValidationErrors;
use consent_domain::staff::Forbidden;
use serde::Serialize;
use ts_rs::TS;

pub mod sync_problem;

/// A stable, machine-readable error category. The UI and scripts match on these (and on `detail`),
/// never on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The data directory cannot be created or read.
    DataDirUnavailable,
    /// The settings file exists but cannot be read or parsed.
    SettingsCorrupt,
    /// The settings file cannot be written.
    SettingsWriteFailed,
    /// A language tag that Consent Desk does not speak.
    UnknownLanguage,
    /// Input that cannot be accepted: a form with field errors, a malformed date or id, an unknown code.
    InvalidInput,
    /// The staff member's role does not allow this, or the account is disabled.
    Forbidden,
    /// No such patient, consent, form, request or staff member.
    NotFound,
    /// The step makes no sense in the current state (signing a form twice, say).
    RuleViolation,
    /// A deadline falls in a year the production calendar does not know.
    UnknownYear,
    /// The desk has no database yet (run the first set-up).
    NotInitialized,
    /// The desk already has a database.
    AlreadyInitialized,
    /// The database key is missing, malformed or wrong, or the keyring is unavailable.
    Key,
    /// The database file is missing, damaged, locked or from a newer version.
    Database,
    /// The login or the password is wrong (which one is not said), or too many attempts failed.
    SignInFailed,
    /// The printer or the PDF viewer could not take the form.
    Printing,
    /// Joining or syncing with the clinic server failed (the detail says why).
    Sync,
}

impl ErrorCode {
    /// The code as it appears on the wire and in `--json` output.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::DataDirUnavailable => "data_dir_unavailable",
            ErrorCode::SettingsCorrupt => "settings_corrupt",
            ErrorCode::SettingsWriteFailed => "settings_write_failed",
            ErrorCode::UnknownLanguage => "unknown_language",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::RuleViolation => "rule_violation",
            ErrorCode::UnknownYear => "unknown_year",
            ErrorCode::NotInitialized => "not_initialized",
            ErrorCode::AlreadyInitialized => "already_initialized",
            ErrorCode::Key => "key",
            ErrorCode::Database => "database",
            ErrorCode::SignInFailed => "sign_in_failed",
            ErrorCode::Printing => "printing",
            ErrorCode::Sync => "sync",
        }
    }

    /// Bad input (exit code 2 in the CLI) as opposed to a failure at run time (exit code 1).
    pub fn is_bad_input(self) -> bool {
        matches!(
            self,
            ErrorCode::InvalidInput
                | ErrorCode::NotFound
                | ErrorCode::UnknownLanguage
                | ErrorCode::UnknownYear
        )
    }
}

/// One field of a form that was refused, with the reason in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldMessage {
    /// Dotted path of the field, e.g. `representative.document.number`.
    pub field: String,
    /// Stable problem code, e.g. `bad_format`.
    pub problem: String,
    /// «Серия паспорта: неверный формат (ожидается 4 цифры)».
    pub message: String,
}

/// An error crossing IPC or printed by the CLI: `{code, message}`, the message already in the user's
/// language, plus the fine-grained `detail` code and the refused fields of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    /// A finer stable code (`consent_already_signed`, `db_wrong_key`, ...), when there is one.
    pub detail: Option<String>,
    /// Field errors of a refused form; empty otherwise.
    pub fields: Vec<FieldMessage>,
}

/// The `detail` of a use case refused because nobody is signed in.
pub const SIGNED_OUT: &str = "session_signed_out";
/// The `detail` of a use case refused because the screen is locked.
pub const LOCKED: &str = "session_locked";
/// The `detail` of a sign-in refused because a session is open (sign out first).
pub const SESSION_OPEN: &str = "session_open";

/// What the thing not found is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Patient,
    Consent,
    Form,
    Request,
    Staff,
}

impl Missing {
    pub fn code(self) -> &'static str {
        match self {
            Missing::Patient => "patient_not_found",
            Missing::Consent => "consent_not_found",
            Missing::Form => "form_not_found",
            Missing::Request => "request_not_found",
            Missing::Staff => "staff_not_found",
        }
    }
}

/// What can go wrong in a use case. The `Display` text is English and meant for logs (it never holds
/// personal data); people see [`ServiceError::message`] in their language.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("data directory {path:?} is unavailable: {reason}")]
    DataDirUnavailable { path: PathBuf, reason: String },
    #[error("settings file {path:?} is unusable: {defect}")]
    SettingsCorrupt {
        path: PathBuf,
        defect: SettingsDefect,
    },
    #[error("settings file {path:?} cannot be written: {reason}")]
    SettingsWriteFailed { path: PathBuf, reason: String },
    #[error("unknown language {tag:?}")]
    UnknownLanguage { tag: String },
    #[error("the patient form has {} problem(s)", .0.len())]
    InvalidPatient(ValidationErrors),
    #[error("{0}")]
    InvalidClinic(consent_domain::clinic::ClinicError),
    #[error("sign-in refused")]
    SignInFailed,
    /// Too many failed sign-ins for this login: the next attempt is accepted after `seconds`.
    #[error("sign-in paused for {seconds} s after failed attempts")]
    SignInPaused { seconds: u64 },
    /// The printer or the viewer could not take the form (`detail`: `printer_missing`,
    /// `printer_failed`, `viewer_missing`, `viewer_failed`, `viewer_no_private_dir`). Nothing was
    /// recorded as printed.
    #[error("the form was not output: {detail}")]
    Output { detail: &'static str },
    /// The app's session refuses the action: nobody signed in, the screen locked, or another staff
    /// member's session still open (`detail`: `session_signed_out`, `session_locked`, `session_open`).
    #[error("refused by the session: {detail}")]
    Session { detail: &'static str },
    /// A form could not be filled completely (its `detail` says what is missing); nothing printed.
    #[error("the form cannot be printed: {detail}")]
    Form { detail: &'static str },
    /// The clinic's details were never set: forms are not printed with an invented operator.
    #[error("the clinic's details are not set")]
    ClinicNotSet,
    /// Malformed input outside a form: a date, an id, a purpose code, a number. `detail` is a stable
    /// code; `what` names the argument (never its value).
    #[error("invalid {what}: {detail}")]
    BadInput {
        what: &'static str,
        detail: &'static str,
    },
    #[error("{0}")]
    Forbidden(Forbidden),
    #[error("{} not found", .0.code())]
    NotFound(Missing),
    #[error("refused by the rules: {detail}")]
    Rule { detail: &'static str },
    #[error("the production calendar does not know the year {year}")]
    UnknownYear { year: i32 },
    #[error("this desk has no database yet at {path:?}")]
    NotInitialized { path: PathBuf },
    /// The data directory given is not where a desk lives, or lost its database: there is no
    /// database, and `init` is not the answer.
    #[error("data directory {path:?}: {problem}")]
    DataDir {
        path: PathBuf,
        problem: DataDirProblem,
    },
    /// `desk.json` (which database this is, which keyring entry holds its key) cannot be used. The
    /// database itself is not touched.
    #[error("the desk file {path:?} is {defect}")]
    DeskFile {
        path: PathBuf,
        defect: DeskFileDefect,
    },
    #[error("this desk already has a database at {path:?}")]
    AlreadyInitialized { path: PathBuf },
    #[error("{0}")]
    Key(consent_store::KeyError),
    #[error("{0}")]
    Store(consent_store::StoreError),
    /// A backup that cannot be restored: it does not open with the key, is damaged, or is not a
    /// Consent Desk database. Nothing was replaced.
    #[error("the backup {file:?} cannot be restored: {error}")]
    Backup {
        file: PathBuf,
        error: consent_store::StoreError,
    },
    /// Joining the clinic server, syncing with it or making a desk's code failed.
    #[error("sync with the clinic server failed ({})", .0.code())]
    Sync(sync_problem::SyncProblem),
    /// A restore onto a folder with no `desk.json` cannot find the key in the keyring: the key must
    /// be given (the code of the recovery sheet, as `CONSENT_DESK_DB_KEY` or a key file).
    #[error("no desk.json in {path:?}: the key must be given to restore there")]
    RestoreNeedsKey { path: PathBuf },
}

/// Why a data directory with no database is not one to run `init` for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DataDirProblem {
    /// A file, not a directory.
    #[error("a file, not a directory")]
    NotADirectory,
    /// A directory of other things (`/`, a home directory): no database and files no desk has.
    #[error("not a Consent Desk data directory")]
    NotADesk,
    /// `desk.json` is there but the database is not: it was moved or deleted.
    #[error("desk.json is there but the database is missing")]
    DatabaseMissing,
}

impl DataDirProblem {
    pub fn code(self) -> &'static str {
        match self {
            DataDirProblem::NotADirectory => "data_dir_not_a_directory",
            DataDirProblem::NotADesk => "data_dir_not_a_desk",
            DataDirProblem::DatabaseMissing => "db_missing",
        }
    }
}

/// What is wrong with `desk.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DeskFileDefect {
    /// The database is there, its `desk.json` is not.
    #[error("missing")]
    Missing,
    /// It exists but cannot be read (permissions, a disk error).
    #[error("unreadable")]
    Unreadable,
    /// Empty, not JSON, not the shape the desk writes, or no valid database id in it.
    #[error("damaged")]
    Damaged,
}

impl DeskFileDefect {
    pub fn code(self) -> &'static str {
        match self {
            DeskFileDefect::Missing => "desk_file_missing",
            DeskFileDefect::Unreadable => "desk_file_unreadable",
            DeskFileDefect::Damaged => "desk_file_damaged",
        }
    }
}

/// What exactly is wrong with a settings file, precise enough to fix it by hand.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsDefect {
    /// Not JSON, an unknown field or a value of the wrong type.
    #[error("invalid at line {line}, column {column}")]
    Invalid { line: usize, column: usize },
    /// A language tag Consent Desk does not speak.
    #[error("unsupported language {tag:?}")]
    UnsupportedLanguage { tag: String },
    /// The file exists but cannot be read (permissions, not UTF-8, ...).
    #[error("cannot be read: {reason}")]
    Unreadable { reason: String },
}

impl From<consent_store::StoreError> for ServiceError {
    fn from(error: consent_store::StoreError) -> Self {
        // Staff see «Ошибка базы данных.»; the admin needs the reason. The store's errors name
        // files, tables and SQLite's codes, never stored values, so they may be logged.
        if matches!(
            error.code(),
            "db_sqlite"
                | "db_damaged"
                | "db_busy"
                | "db_io"
                | "db_read_only"
                | "ledger_body_unreadable"
        ) {
            tracing::error!(code = error.code(), reason = %error, "a database operation failed");
        }
        ServiceError::Store(error)
    }
}

impl From<consent_store::KeyError> for ServiceError {
    fn from(error: consent_store::KeyError) -> Self {
        ServiceError::Key(error)
    }
}

impl From<Forbidden> for ServiceError {
    fn from(error: Forbidden) -> Self {
        ServiceError::Forbidden(error)
    }
}

impl From<consent_domain::calendar::UnknownYear> for ServiceError {
    fn from(error: consent_domain::calendar::UnknownYear) -> Self {
        ServiceError::UnknownYear { year: error.year }
    }
}

/// Domain refusals that are about what was typed (an empty paper location, a term ending before it
/// starts, an over-long text), not about the record's state: bad input (exit code 2 for
/// `consentctl`), with the rule's own message.
const INPUT_RULES: &[&str] = &[
    "consent_no_purposes",
    "consent_unknown_purpose",
    "consent_term_ends_before_draft",
    "consent_term_too_long",
    "consent_paper_location_missing",
    "request_empty_scope",
    "request_legal_ground_missing",
    "request_reason_missing",
    "request_received_in_future",
    "request_notified_before_received",
    "request_text_too_long",
];

impl From<consent_domain::consent::ConsentError> for ServiceError {
    fn from(error: consent_domain::consent::ConsentError) -> Self {
        ServiceError::Rule {
            detail: error.code(),
        }
    }
}

impl From<consent_domain::request::RequestError> for ServiceError {
    fn from(error: consent_domain::request::RequestError) -> Self {
        ServiceError::Rule {
            detail: error.code(),
        }
    }
}

/// Refuses free text about to be stored (a paper location, a reason, a desk name, ...) that breaks
/// the domain's text rule ([`consent_domain::text`]): bad input, `detail` the rule's code, `what`
/// naming the field, never quoting the text.
pub(crate) fn check_stored_text(text: &str, what: &'static str) -> Result<(), ServiceError> {
    consent_domain::text::check_stored_text(text).map_err(|problem| ServiceError::BadInput {
        what,
        detail: problem.code(),
    })
}

/// A staff member's name refused by `Staff::new`: the text rule's own codes for a control character
/// or an override (so the message says what to fix), `bad_name` for the rest.
pub(crate) fn staff_name_error(error: consent_domain::staff::StaffError) -> ServiceError {
    use consent_domain::staff::StaffError;
    use consent_domain::text::TextProblem;
    let detail = match error {
        StaffError::NameControlCharacter => TextProblem::ControlCharacter.code(),
        StaffError::NameDirectionOverride => TextProblem::DirectionOverride.code(),
        StaffError::BlankName | StaffError::NameTooLong { .. } => "bad_name",
    };
    ServiceError::BadInput {
        what: "staff name",
        detail,
    }
}

impl ServiceError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ServiceError::DataDirUnavailable { .. } => ErrorCode::DataDirUnavailable,
            ServiceError::SettingsCorrupt { .. } => ErrorCode::SettingsCorrupt,
            ServiceError::SettingsWriteFailed { .. } => ErrorCode::SettingsWriteFailed,
            ServiceError::UnknownLanguage { .. } => ErrorCode::UnknownLanguage,
            ServiceError::InvalidPatient(_)
            | ServiceError::BadInput { .. }
            | ServiceError::InvalidClinic(_) => ErrorCode::InvalidInput,
            ServiceError::ClinicNotSet => ErrorCode::NotInitialized,
            ServiceError::SignInFailed | ServiceError::SignInPaused { .. } => {
                ErrorCode::SignInFailed
            }
            ServiceError::Output { .. } => ErrorCode::Printing,
            ServiceError::Session { detail } if *detail == SESSION_OPEN => ErrorCode::RuleViolation,
            ServiceError::Session { .. } => ErrorCode::Forbidden,
            ServiceError::Form { .. } => ErrorCode::RuleViolation,
            ServiceError::Forbidden(_) => ErrorCode::Forbidden,
            ServiceError::NotFound(_) => ErrorCode::NotFound,
            ServiceError::Rule { detail } if INPUT_RULES.contains(detail) => {
                ErrorCode::InvalidInput
            }
            ServiceError::Rule { .. } => ErrorCode::RuleViolation,
            ServiceError::UnknownYear { .. } => ErrorCode::UnknownYear,
            ServiceError::NotInitialized { .. } => ErrorCode::NotInitialized,
            ServiceError::DataDir {
                problem: DataDirProblem::DatabaseMissing,
                ..
            } => ErrorCode::Database,
            ServiceError::DataDir { .. } => ErrorCode::DataDirUnavailable,
            ServiceError::DeskFile { .. } => ErrorCode::Database,
            ServiceError::AlreadyInitialized { .. } => ErrorCode::AlreadyInitialized,
            ServiceError::Key(_) => ErrorCode::Key,
            ServiceError::Store(e) if e.code() == "db_wrong_key" => ErrorCode::Key,
            ServiceError::Store(_) => ErrorCode::Database,
            ServiceError::Backup { error, .. } if error.code() == "db_wrong_key" => ErrorCode::Key,
            ServiceError::Backup { .. } => ErrorCode::Database,
            ServiceError::RestoreNeedsKey { .. } => ErrorCode::Key,
            ServiceError::Sync(_) => ErrorCode::Sync,
        }
    }

    /// The fine-grained stable code, when there is one.
    pub fn detail(&self) -> Option<&'static str> {
        match self {
            ServiceError::BadInput { detail, .. } | ServiceError::Rule { detail } => Some(detail),
            ServiceError::InvalidClinic(e) => Some(e.code()),
            ServiceError::Form { detail }
            | ServiceError::Session { detail }
            | ServiceError::Output { detail } => Some(detail),
            ServiceError::SignInPaused { .. } => Some("sign_in_paused"),
            ServiceError::ClinicNotSet => Some("clinic_not_set"),
            ServiceError::Forbidden(f) => Some(f.code()),
            ServiceError::NotFound(m) => Some(m.code()),
            ServiceError::Key(e) => Some(e.code()),
            ServiceError::Store(e) | ServiceError::Backup { error: e, .. } => Some(e.code()),
            ServiceError::RestoreNeedsKey { .. } => Some("restore_needs_key"),
            ServiceError::Sync(p) => Some(p.code()),
            ServiceError::DataDir { problem, .. } => Some(problem.code()),
            ServiceError::DeskFile { defect, .. } => Some(defect.code()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod logging_tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("log buffer").extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_database_operation_is_logged_with_its_reason() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let source = damaged_page();
            let _ = ServiceError::from(source);
            // An expected condition (no database yet at first start) is not an error to log.
            let _ = ServiceError::from(consent_store::StoreError::NotFound {
                path: "/data/consent-desk.db".into(),
            });
        });
        let log = String::from_utf8(captured.0.lock().expect("log buffer").clone()).expect("utf-8");
        assert!(log.contains("a database operation failed"), "{log}");
        assert!(log.contains("db_damaged"), "{log}");
        assert!(log.contains("malformed"), "the reason is logged: {log}");
        assert!(!log.contains("db_not_found"), "{log}");
    }

    fn damaged_page() -> consent_store::StoreError {
        consent_store::StoreError::Damaged {
            path: std::path::PathBuf::new(),
            detail: "database disk image is malformed".to_owned(),
        }
    }
}
