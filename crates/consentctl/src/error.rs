//! What can go wrong in the CLI, and the exit code for it.
//!
//! Use-case failures are the service's [`ServiceError`], already localized. [`CliError`] adds the few
//! problems only a command line has (no `--as`, an input file that cannot be read); they are shown in
//! the same `{code, message, detail, fields}` shape, under the service's error codes, so a script
//! matches on one vocabulary.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use consent_domain::Lang;
use consent_service::{ErrorCode, ErrorPayload, ServiceError, Surface};
use serde::Serialize;

pub use crate::patient_form::{Expected, JsonKind, JsonProblem};
use crate::texts::tr;

/// Exit code for success.
pub const EXIT_OK: u8 = 0;
/// Exit code for a failure at run time (wrong key, forbidden, refused by the rules, damaged ledger).
pub const EXIT_RUNTIME: u8 = 1;
/// Exit code for bad input (a malformed date or id, an unknown code, a usage error, an unreadable file).
pub const EXIT_BAD_INPUT: u8 = 2;

// The kinds a JSON key takes and finds, in words (the types live with the JSON reading, in
// `patient_form/changes.rs`, which the fuzz target compiles on its own).
impl JsonKind {
    /// «а не число», "not a number".
    fn not(self, lang: Lang) -> &'static str {
        match self {
            JsonKind::Null => tr(lang, "а не null", "not null"),
            JsonKind::Bool => tr(lang, "а не true/false", "not true/false"),
            JsonKind::Number => tr(lang, "а не число", "not a number"),
            JsonKind::String => tr(lang, "а не строка", "not a string"),
            JsonKind::Array => tr(lang, "а не массив [...]", "not an array [...]"),
            JsonKind::Object => tr(lang, "а не объект {...}", "not an object {...}"),
        }
    }
}

impl Expected {
    fn describe(self, lang: Lang) -> String {
        match (self, lang) {
            (Expected::Text, Lang::Ru) => "должно быть строкой (null или \"\" очищает поле)".into(),
            (Expected::Text, Lang::En) => "must be a string (null or \"\" clears the field)".into(),
            (Expected::Object(keys), Lang::Ru) => {
                format!("должно быть объектом {{...}} с полями {}", keys.join(", "))
            }
            (Expected::Object(keys), Lang::En) => {
                format!(
                    "must be an object {{...}} with the keys {}",
                    keys.join(", ")
                )
            }
            (Expected::ObjectOrNull(keys), Lang::Ru) => format!(
                "должно быть объектом {{...}} с полями {} (или null, чтобы убрать его)",
                keys.join(", ")
            ),
            (Expected::ObjectOrNull(keys), Lang::En) => format!(
                "must be an object {{...}} with the keys {} (or null to remove it)",
                keys.join(", ")
            ),
        }
    }
}

/// A registered patient who may be the one `patient add` was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub id: String,
    /// Why: `same_document`, `same_name_and_birth_date`, `same_phone_and_birth_date`
    /// (`consent_domain::patient::Similarity::code`).
    pub reason: &'static str,
}

#[derive(Debug)]
pub enum CliError {
    Service(ServiceError),
    /// A command that acts on the desk, run without `--as` or `CONSENT_DESK_STAFF`.
    MissingActor,
    /// No `--data-dir`, no `CONSENT_DESK_DATA_DIR`, and the platform has no per-user data directory.
    NoDataDir,
    /// `CONSENT_DESK_DB_KEY` is set but is not valid Unicode.
    KeyEnvNotUnicode,
    /// An input file (a patient form, a calendar) cannot be read.
    UnreadableFile {
        path: PathBuf,
        kind: io::ErrorKind,
    },
    /// A patient JSON file that does not have the form's shape.
    PatientJson {
        path: PathBuf,
        problem: JsonProblem,
    },
    /// `patient add` without `--confirm-new` for someone who looks already registered; nothing was
    /// recorded. Strongest match first.
    LikelyDuplicate(Vec<Duplicate>),
    /// `patient update` with nothing to change.
    NothingToUpdate,
    /// `CONSENT_DESK_NOW` is set but is not a date or a number of milliseconds.
    BadNow,
    /// A printed form cannot be written to the output file.
    UnwritableFile {
        path: PathBuf,
        kind: io::ErrorKind,
    },
    /// The output path is one a form with personal data must not be written to.
    OutputRefused {
        path: PathBuf,
        why: OutputRefusal,
    },
}

/// Why an output path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputRefusal {
    /// A file is there and `--force` was not given.
    Exists,
    /// A symbolic link: the form would land wherever it points.
    Symlink,
    /// A directory.
    Directory,
}

impl From<ServiceError> for CliError {
    fn from(error: ServiceError) -> Self {
        CliError::Service(error)
    }
}

impl CliError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CliError::Service(e) => e.code(),
            CliError::NoDataDir => ErrorCode::DataDirUnavailable,
            CliError::KeyEnvNotUnicode => ErrorCode::Key,
            CliError::UnwritableFile { .. } => ErrorCode::DataDirUnavailable,
            CliError::OutputRefused { .. } => ErrorCode::InvalidInput,
            CliError::MissingActor
            | CliError::UnreadableFile { .. }
            | CliError::PatientJson { .. }
            | CliError::NothingToUpdate
            | CliError::LikelyDuplicate(_)
            | CliError::BadNow => ErrorCode::InvalidInput,
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(if self.code().is_bad_input() {
            EXIT_BAD_INPUT
        } else {
            EXIT_RUNTIME
        })
    }

    fn detail(&self) -> Option<&'static str> {
        match self {
            CliError::Service(e) => e.detail(),
            CliError::MissingActor => Some("staff_login_missing"),
            CliError::NoDataDir => Some("no_data_dir"),
            CliError::KeyEnvNotUnicode => Some("key_env_not_unicode"),
            CliError::UnreadableFile { .. } => Some("unreadable_file"),
            CliError::PatientJson { .. } => Some("bad_patient_json"),
            CliError::NothingToUpdate => Some("nothing_to_update"),
            CliError::LikelyDuplicate(_) => Some("likely_duplicate"),
            CliError::BadNow => Some("bad_now"),
            CliError::UnwritableFile { .. } => Some("unwritable_file"),
            CliError::OutputRefused { why, .. } => Some(match why {
                OutputRefusal::Exists => "output_exists",
                OutputRefusal::Symlink => "output_symlink",
                OutputRefusal::Directory => "output_directory",
            }),
        }
    }

    /// The registered patients a refused `patient add` looks like, for `--json`.
    pub fn similar(&self) -> Option<&[Duplicate]> {
        match self {
            CliError::LikelyDuplicate(similar) => Some(similar),
            _ => None,
        }
    }

    /// The error as `--json` prints it and as people read it.
    pub fn payload(&self, lang: Lang) -> ErrorPayload {
        if let CliError::Service(e) = self {
            return e.payload_on(lang, Surface::Terminal);
        }
        ErrorPayload {
            code: self.code(),
            message: self.message(lang),
            detail: self.detail().map(str::to_owned),
            fields: Vec::new(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            CliError::Service(e) => e.message_on(lang, Surface::Terminal),
            CliError::MissingActor => tr(
                lang,
                "Укажите сотрудника, от имени которого выполняется команда: --as ЛОГИН (или переменная \
                 CONSENT_DESK_STAFF).",
                "Say which staff member is acting: --as LOGIN (or the CONSENT_DESK_STAFF variable).",
            )
            .to_owned(),
            CliError::NoDataDir => tr(
                lang,
                "Не удалось определить каталог данных: укажите --data-dir или CONSENT_DESK_DATA_DIR.",
                "Cannot tell where the data directory is: pass --data-dir or set CONSENT_DESK_DATA_DIR.",
            )
            .to_owned(),
            CliError::KeyEnvNotUnicode => tr(
                lang,
                "Переменная CONSENT_DESK_DB_KEY содержит недопустимые символы: нужны ровно 64 \
                 шестнадцатеричных символа.",
                "CONSENT_DESK_DB_KEY holds characters that are not valid text: it must be exactly 64 \
                 hexadecimal characters.",
            )
            .to_owned(),
            CliError::UnreadableFile { path, kind } => {
                let why = io_reason(lang, *kind);
                match lang {
                    Lang::Ru => format!("Файл «{}» не читается: {why}.", path.display()),
                    Lang::En => format!("The file \"{}\" cannot be read: {why}.", path.display()),
                }
            }
            CliError::PatientJson { path, problem } => {
                let file = path.display();
                match (lang, problem) {
                    (Lang::Ru, JsonProblem::Syntax { line, column }) => format!(
                        "Файл анкеты «{file}» — не JSON: ошибка в строке {line}, столбце {column}."
                    ),
                    (Lang::En, JsonProblem::Syntax { line, column }) => format!(
                        "The patient file \"{file}\" is not JSON: error at line {line}, column {column}."
                    ),
                    (Lang::Ru, JsonProblem::NotAnObject) => {
                        format!("Файл анкеты «{file}» должен содержать объект JSON {{…}}.")
                    }
                    (Lang::En, JsonProblem::NotAnObject) => {
                        format!("The patient file \"{file}\" must hold a JSON object {{...}}.")
                    }
                    (Lang::Ru, JsonProblem::UnknownField(field)) => format!(
                        "Файл анкеты «{file}»: неизвестное поле «{field}» (поля описаны в docs/consentctl.md)."
                    ),
                    (Lang::En, JsonProblem::UnknownField(field)) => format!(
                        "The patient file \"{file}\": unknown field \"{field}\" (see docs/consentctl.md)."
                    ),
                    (
                        Lang::Ru,
                        JsonProblem::WrongType {
                            field,
                            expected,
                            found,
                        },
                    ) => format!(
                        "Файл анкеты «{file}»: значение поля «{field}» {}, {}.",
                        expected.describe(lang),
                        found.not(lang)
                    ),
                    (
                        Lang::En,
                        JsonProblem::WrongType {
                            field,
                            expected,
                            found,
                        },
                    ) => format!(
                        "The patient file \"{file}\": the value of \"{field}\" {}, {}.",
                        expected.describe(lang),
                        found.not(lang)
                    ),
                }
            }
            CliError::LikelyDuplicate(similar) => likely_duplicate(lang, similar),
            CliError::NothingToUpdate => tr(
                lang,
                "Нечего менять: задайте поля анкеты параметрами или --from-json.",
                "Nothing to change: give form fields as options or with --from-json.",
            )
            .to_owned(),
            CliError::BadNow => tr(
                lang,
                "Переменная CONSENT_DESK_NOW задана неверно: нужна дата (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ) или \
                 число миллисекунд; учитывается только тестовой (отладочной) сборкой.",
                "CONSENT_DESK_NOW is not valid: expected a date (YYYY-MM-DD or DD.MM.YYYY) or a number \
                 of milliseconds; only a test (debug) build honours it.",
            )
            .to_owned(),
            CliError::UnwritableFile { path, kind } => match lang {
                Lang::Ru => format!(
                    "Не удалось записать файл «{}»: {}.",
                    path.display(),
                    io_reason(lang, *kind)
                ),
                Lang::En => format!(
                    "Could not write the file \"{}\": {}.",
                    path.display(),
                    io_reason(lang, *kind)
                ),
            },
            CliError::OutputRefused { path, why } => {
                let file = path.display();
                match (lang, why) {
                    (Lang::Ru, OutputRefusal::Exists) => format!(
                        "Файл «{file}» уже существует: укажите другой файл или добавьте --force, \
                         чтобы заменить его."
                    ),
                    (Lang::En, OutputRefusal::Exists) => format!(
                        "The file \"{file}\" already exists: choose another file or add --force to \
                         replace it."
                    ),
                    (Lang::Ru, OutputRefusal::Symlink) => format!(
                        "«{file}» — символическая ссылка: бланк с персональными данными по ссылке не \
                         записывается. Укажите обычный файл."
                    ),
                    (Lang::En, OutputRefusal::Symlink) => format!(
                        "\"{file}\" is a symbolic link: a form with personal data is not written \
                         through a link. Give a plain file."
                    ),
                    (Lang::Ru, OutputRefusal::Directory) => {
                        format!("«{file}» — каталог: укажите имя файла, например {file}/form.pdf.")
                    }
                    (Lang::En, OutputRefusal::Directory) => format!(
                        "\"{file}\" is a directory: give a file name, such as {file}/form.pdf."
                    ),
                }
            }
        }
    }
}

/// Ids and reasons only: the message is an error text, so it names no one (the admin typed the
/// data and can open each card with `patient show`).
fn likely_duplicate(lang: Lang, similar: &[Duplicate]) -> String {
    let lines: Vec<String> = similar
        .iter()
        .map(|d| format!("- {} — {}", d.id, similarity_reason(lang, d.reason)))
        .collect();
    match lang {
        Lang::Ru => format!(
            "Похоже, этот пациент уже зарегистрирован; ничего не записано. Совпадения:\n{}\n\
             Сверьте с карточкой: consentctl patient show ID. Если это другой человек, повторите \
             команду с --confirm-new.",
            lines.join("\n")
        ),
        Lang::En => format!(
            "This patient looks already registered; nothing was recorded. Matches:\n{}\n\
             Compare with the card: consentctl patient show ID. If this is a different person, run \
             the command again with --confirm-new.",
            lines.join("\n")
        ),
    }
}

fn similarity_reason(lang: Lang, code: &str) -> &str {
    match code {
        "same_document" => tr(
            lang,
            "тот же документ (вид, серия и номер)",
            "the same identity document (kind, series and number)",
        ),
        "same_name_and_birth_date" => tr(
            lang,
            "те же фамилия, имя и дата рождения",
            "the same surname, given name and birth date",
        ),
        "same_phone_and_birth_date" => tr(
            lang,
            "тот же телефон и дата рождения",
            "the same phone and birth date",
        ),
        other => other,
    }
}

fn io_reason(lang: Lang, kind: io::ErrorKind) -> &'static str {
    match kind {
        io::ErrorKind::NotFound => tr(lang, "файл не найден", "no such file"),
        io::ErrorKind::PermissionDenied => tr(lang, "нет прав на чтение", "permission denied"),
        io::ErrorKind::InvalidData => tr(
            lang,
            "содержимое не в кодировке UTF-8",
            "the content is not UTF-8 text",
        ),
        io::ErrorKind::IsADirectory => tr(lang, "это каталог", "it is a directory"),
        _ => tr(lang, "ошибка ввода-вывода", "input/output error"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cyrillic(s: &str) -> bool {
        s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    }

    fn every_local_error() -> Vec<CliError> {
        let path = PathBuf::from("/tmp/form.json");
        vec![
            CliError::MissingActor,
            CliError::NoDataDir,
            CliError::KeyEnvNotUnicode,
            CliError::UnreadableFile {
                path: path.clone(),
                kind: io::ErrorKind::NotFound,
            },
            CliError::PatientJson {
                path: path.clone(),
                problem: JsonProblem::Syntax { line: 1, column: 2 },
            },
            CliError::PatientJson {
                path: path.clone(),
                problem: JsonProblem::NotAnObject,
            },
            CliError::PatientJson {
                path: path.clone(),
                problem: JsonProblem::UnknownField("document.kjnd".into()),
            },
            CliError::PatientJson {
                path: path.clone(),
                problem: JsonProblem::WrongType {
                    field: "phone".into(),
                    expected: Expected::Text,
                    found: JsonKind::Number,
                },
            },
            CliError::PatientJson {
                path: path.clone(),
                problem: JsonProblem::WrongType {
                    field: "document".into(),
                    expected: Expected::Object(&["kind", "number"]),
                    found: JsonKind::String,
                },
            },
            CliError::PatientJson {
                path,
                problem: JsonProblem::WrongType {
                    field: "representative".into(),
                    expected: Expected::ObjectOrNull(&["surname"]),
                    found: JsonKind::Array,
                },
            },
            CliError::OutputRefused {
                path: PathBuf::from("/tmp/form.pdf"),
                why: OutputRefusal::Exists,
            },
            CliError::OutputRefused {
                path: PathBuf::from("/tmp/form.pdf"),
                why: OutputRefusal::Symlink,
            },
            CliError::OutputRefused {
                path: PathBuf::from("/tmp"),
                why: OutputRefusal::Directory,
            },
            CliError::NothingToUpdate,
            CliError::LikelyDuplicate(vec![Duplicate {
                id: "0199a0b0-0000-7000-8000-000000000001".into(),
                reason: "same_document",
            }]),
            CliError::BadNow,
        ]
    }

    #[test]
    fn every_local_error_speaks_both_languages() {
        for error in every_local_error() {
            let ru = error.payload(Lang::Ru);
            let en = error.payload(Lang::En);
            assert!(has_cyrillic(&ru.message), "{error:?}: {}", ru.message);
            assert!(!has_cyrillic(&en.message), "{error:?}: {}", en.message);
            assert!(ru.detail.is_some(), "{error:?}");
        }
    }

    #[test]
    fn input_problems_exit_2_and_key_problems_exit_1() {
        assert_eq!(
            CliError::MissingActor.exit_code(),
            ExitCode::from(EXIT_BAD_INPUT)
        );
        assert_eq!(
            CliError::NothingToUpdate.exit_code(),
            ExitCode::from(EXIT_BAD_INPUT)
        );
        assert_eq!(
            CliError::KeyEnvNotUnicode.exit_code(),
            ExitCode::from(EXIT_RUNTIME)
        );
        assert_eq!(
            CliError::NoDataDir.exit_code(),
            ExitCode::from(EXIT_RUNTIME)
        );
    }
}
