//! The shapes that cross IPC. TypeScript bindings are generated from these types (see the shell's
//! `bindings` module); a test fails when the committed bindings drift from them.

use consent_domain::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum UiLang {
    Ru,
    En,
}

impl From<Lang> for UiLang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Ru => UiLang::Ru,
            Lang::En => UiLang::En,
        }
    }
}

impl From<UiLang> for Lang {
    fn from(lang: UiLang) -> Self {
        match lang {
            UiLang::Ru => Lang::Ru,
            UiLang::En => Lang::En,
        }
    }
}

/// What the app knows about itself: shown on the Settings screen and in the status bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The product name, «Consent Desk».
    pub product: String,
    /// The version of this build (the workspace version).
    pub version: String,
    /// `debug` or `release`.
    pub build_profile: String,
    /// The directory that holds this desk's database and settings.
    pub data_dir: String,
    /// The state of the local database.
    pub database: DatabaseStatus,
    /// The language of the UI and of messages.
    pub lang: UiLang,
    /// Problems found at start-up (an unreadable settings file, say), already in the user's language.
    pub problems: Vec<crate::ErrorPayload>,
}

/// The state of the desk's encrypted database file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum DatabaseStatus {
    /// No database file exists yet: it is created on first set-up.
    #[serde(rename_all = "camelCase")]
    NotCreated { path: String },
    /// The database file exists.
    #[serde(rename_all = "camelCase")]
    Present {
        path: String,
        #[ts(type = "number")]
        size_bytes: u64,
    },
}
