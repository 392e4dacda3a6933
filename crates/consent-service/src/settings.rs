//! The desk's own settings, layered: built-in defaults, then the settings file in the data directory,
//! then the environment. Loading never writes; a damaged file is reported and left untouched.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use consent_domain::Lang;
use serde::{Deserialize, Serialize};

use crate::{ServiceError, SettingsDefect};

/// Environment variable that overrides the language for this run (`ru` or `en`).
pub const LANG_ENV: &str = "CONSENT_DESK_LANG";

pub(crate) const FILE_NAME: &str = "settings.json";

/// The settings as stored in `settings.json`. Unknown fields are rejected so a typo is noticed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    #[serde(default = "default_lang")]
    lang: String,
}

fn default_lang() -> String {
    Lang::default().tag().to_owned()
}

/// The settings in force, and what went wrong while reading them.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub lang: Lang,
    pub path: PathBuf,
    /// Set when the file exists but could not be used; while set, the file is never overwritten.
    pub file_problem: Option<SettingsDefect>,
    /// Set when the environment asked for a language Consent Desk does not speak.
    pub env_problem: Option<String>,
}

impl Settings {
    /// `lang_override` is the value of [`LANG_ENV`] when the caller read one.
    pub fn load(data_dir: &Path, lang_override: Option<&str>) -> Settings {
        let path = data_dir.join(FILE_NAME);
        let mut settings = Settings {
            lang: Lang::default(),
            path: path.clone(),
            file_problem: None,
            env_problem: None,
        };
        match read_file(&path) {
            Ok(Some(lang)) => settings.lang = lang,
            Ok(None) => {}
            Err(problem) => settings.file_problem = Some(problem),
        }
        if let Some(tag) = lang_override.map(str::trim).filter(|t| !t.is_empty()) {
            match tag.parse::<Lang>() {
                Ok(lang) => settings.lang = lang,
                Err(_) => settings.env_problem = Some(tag.to_owned()),
            }
        }
        settings
    }

    /// The problems found at load time, as errors.
    pub fn problems(&self) -> Vec<ServiceError> {
        let env = self
            .env_problem
            .clone()
            .map(|tag| ServiceError::UnknownLanguage { tag });
        self.file_error().into_iter().chain(env).collect()
    }

    fn file_error(&self) -> Option<ServiceError> {
        self.file_problem
            .clone()
            .map(|defect| ServiceError::SettingsCorrupt {
                path: self.path.clone(),
                defect,
            })
    }

    /// Writes the settings atomically (a temporary file, fsync, rename) so a crash leaves either the
    /// old file or the new one, never half of one.
    pub fn save(&self) -> Result<(), ServiceError> {
        if let Some(problem) = self.file_error() {
            return Err(problem);
        }
        let failed = |reason: std::io::Error| ServiceError::SettingsWriteFailed {
            path: self.path.clone(),
            reason: reason.to_string(),
        };
        let file = SettingsFile {
            lang: self.lang.tag().to_owned(),
        };
        let mut text = serde_json::to_string_pretty(&file).expect("settings always serialize");
        text.push('\n');
        let tmp = self.path.with_extension("json.tmp");
        let mut out = fs::File::create(&tmp).map_err(failed)?;
        out.write_all(text.as_bytes()).map_err(failed)?;
        out.sync_all().map_err(failed)?;
        fs::rename(&tmp, &self.path).map_err(failed)?;
        Ok(())
    }
}

fn read_file(path: &Path) -> Result<Option<Lang>, SettingsDefect> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(SettingsDefect::Unreadable {
                reason: e.to_string(),
            });
        }
    };
    let invalid = |e: serde_json::Error| SettingsDefect::Invalid {
        line: e.line(),
        column: e.column(),
    };
    // serde also accepts a struct written as an array (`[]`): insist on a JSON object first.
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text).map_err(invalid)?;
    let file: SettingsFile = serde_json::from_str(&text).map_err(invalid)?;
    let lang = file
        .lang
        .parse::<Lang>()
        .map_err(|_| SettingsDefect::UnsupportedLanguage {
            tag: file.lang.clone(),
        })?;
    Ok(Some(lang))
}
