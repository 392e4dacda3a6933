//! Errors of the use cases: a stable code for programs, a localized message for people.

use std::path::PathBuf;

use consent_domain::Lang;
use serde::Serialize;
use ts_rs::TS;

use crate::messages;

/// A stable, machine-readable error code. The UI and scripts match on these, never on message text.
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
}

impl ErrorCode {
    /// The code as it appears on the wire and in `--json` output.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::DataDirUnavailable => "data_dir_unavailable",
            ErrorCode::SettingsCorrupt => "settings_corrupt",
            ErrorCode::SettingsWriteFailed => "settings_write_failed",
            ErrorCode::UnknownLanguage => "unknown_language",
        }
    }
}

/// An error crossing IPC: `{code, message}`, the message already in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
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

/// What can go wrong in a use case. The `Display` text is English and meant for logs; people see
/// [`ServiceError::message`] in their language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
}

impl ServiceError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ServiceError::DataDirUnavailable { .. } => ErrorCode::DataDirUnavailable,
            ServiceError::SettingsCorrupt { .. } => ErrorCode::SettingsCorrupt,
            ServiceError::SettingsWriteFailed { .. } => ErrorCode::SettingsWriteFailed,
            ServiceError::UnknownLanguage { .. } => ErrorCode::UnknownLanguage,
        }
    }

    /// The message for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        messages::error_message(self, lang)
    }

    /// The error as it crosses IPC.
    pub fn payload(&self, lang: Lang) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.message(lang),
        }
    }
}
