//! Why stored bytes could not be turned back into domain values.
//!
//! Stored bodies hold personal data, so no message here ever quotes what was read: only which field
//! (a static path such as `data.birth_date`), which rule and, for JSON syntax errors, the position.
//! serde_json's own messages are never passed on, because they quote the offending value
//! (`invalid type: string "Иванов", expected ...`).

use consent_domain::patient::ValidationErrors;

/// Stored data that this build cannot decode. `code()` is stable for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    /// Not JSON at all (truncated, garbled, not UTF-8).
    #[error("stored data is not valid JSON (line {line}, column {column})")]
    MalformedJson { line: usize, column: usize },
    /// JSON, but not the shape of this format version: a missing or unknown field, a wrong type.
    #[error("stored data does not have the expected shape")]
    BadShape,
    /// No `"v"` field, or one that is not a whole number.
    #[error("stored data has no format version")]
    MissingVersion,
    /// A format version this build does not read (written by a newer build, or corrupt).
    #[error("stored data has format version {found}; this build reads version {supported}")]
    UnsupportedVersion { found: u64, supported: u64 },
    /// An event `"type"` this build does not know.
    #[error("stored event has a type this build does not know")]
    UnknownEventType,
    /// An enum code (a status, a channel, a stage, ...) this build does not know.
    #[error("stored field {field} has a code this build does not know")]
    UnknownCode { field: &'static str },
    /// Not a UUID.
    #[error("stored field {field} is not a valid id")]
    BadId { field: &'static str },
    /// Not a date written as `YYYY-MM-DD`.
    #[error("stored field {field} is not a date as YYYY-MM-DD")]
    BadDate { field: &'static str },
    /// Not a well-formed purpose code.
    #[error("stored field {field} is not a valid purpose code")]
    BadPurposeCode { field: &'static str },
    /// Not a well-formed policy version id.
    #[error("stored field {field} is not a valid policy version id")]
    BadPolicyVersion { field: &'static str },
    /// Not a valid staff login.
    #[error("stored field {field} is not a valid login")]
    BadLogin { field: &'static str },
    /// Not a valid staff full name (blank, too long, a control character).
    #[error("stored field {field} is not a valid staff name")]
    BadStaffName { field: &'static str },
    /// The stored patient does not pass `validate` as of the day it was recorded. `field` and
    /// `problem` are the first problem's path and code (`birth_date`, `in_future`); `problems` counts
    /// them all.
    #[error("stored patient data does not validate: {field}: {problem} ({problems} problem(s))")]
    PatientInvalid {
        field: &'static str,
        problem: &'static str,
        problems: usize,
    },
}

impl CodecError {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            CodecError::MalformedJson { .. } => "stored_malformed_json",
            CodecError::BadShape => "stored_bad_shape",
            CodecError::MissingVersion => "stored_missing_version",
            CodecError::UnsupportedVersion { .. } => "stored_unsupported_version",
            CodecError::UnknownEventType => "stored_unknown_event_type",
            CodecError::UnknownCode { .. } => "stored_unknown_code",
            CodecError::BadId { .. } => "stored_bad_id",
            CodecError::BadDate { .. } => "stored_bad_date",
            CodecError::BadPurposeCode { .. } => "stored_bad_purpose_code",
            CodecError::BadPolicyVersion { .. } => "stored_bad_policy_version",
            CodecError::BadLogin { .. } => "stored_bad_login",
            CodecError::BadStaffName { .. } => "stored_bad_staff_name",
            CodecError::PatientInvalid { .. } => "stored_patient_invalid",
        }
    }

    /// A serde_json failure, stripped of its message (which may quote the data).
    pub(crate) fn from_json(err: &serde_json::Error) -> CodecError {
        match err.classify() {
            serde_json::error::Category::Data => CodecError::BadShape,
            serde_json::error::Category::Io
            | serde_json::error::Category::Syntax
            | serde_json::error::Category::Eof => CodecError::MalformedJson {
                line: err.line(),
                column: err.column(),
            },
        }
    }

    /// A stored patient that `validate` refused: field path and problem code only.
    pub(crate) fn from_validation(errors: &ValidationErrors) -> CodecError {
        match errors.iter().next() {
            Some(first) => CodecError::PatientInvalid {
                field: first.field.as_str(),
                problem: first.problem.code(),
                problems: errors.len(),
            },
            // `ValidationErrors` is never empty; say so without inventing a field.
            None => CodecError::PatientInvalid {
                field: "patient",
                problem: "invalid",
                problems: 0,
            },
        }
    }
}
