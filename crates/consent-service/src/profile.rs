//! The desk's profile: its name and the idle-lock time, kept in a small file of the data directory
//! beside the database. No secrets, no personal data.
//!
//! It sits on the bottom floor with the errors: the session reads and writes it, the desk lists the
//! file among its own when it checks a data directory, and the message catalogue quotes its limits.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::ServiceError;

/// The profile file inside the data directory.
pub const PROFILE_FILE: &str = "desk-profile.json";
/// The idle time before the screen locks itself, unless the admin sets another.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 5;
/// The longest idle-lock time an admin may set (4 hours).
pub const MAX_IDLE_LOCK_MINUTES: u32 = 240;
/// The longest desk name accepted.
pub const DESK_NAME_MAX: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Profile {
    pub desk_name: Option<String>,
    #[serde(default = "default_idle")]
    pub idle_lock_minutes: u32,
}

fn default_idle() -> u32 {
    DEFAULT_IDLE_LOCK_MINUTES
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            desk_name: None,
            idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
        }
    }
}

impl Profile {
    /// The profile of the desk in `data_dir`; the defaults when there is none, or when it is damaged
    /// (a profile holds nothing worth refusing to start over).
    pub fn read(data_dir: &Path) -> Profile {
        let path = data_dir.join(PROFILE_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|_| {
                tracing::warn!("{PROFILE_FILE} is damaged: the defaults apply");
                Profile::default()
            }),
            Err(_) => Profile::default(),
        }
    }

    /// Writes the profile whole (a temporary file renamed over the old one).
    pub fn save(&self, data_dir: &Path) -> Result<(), ServiceError> {
        let path = data_dir.join(PROFILE_FILE);
        let failed = |reason: String| ServiceError::SettingsWriteFailed {
            path: path.clone(),
            reason,
        };
        let text = serde_json::to_string_pretty(self).map_err(|e| failed(e.to_string()))?;
        let temporary = path.with_extension("json.tmp");
        std::fs::write(&temporary, text + "\n").map_err(|e| failed(e.to_string()))?;
        std::fs::rename(&temporary, &path).map_err(|e| failed(e.to_string()))
    }
}

/// A desk name as kept: inner runs of white space made one space, within [`DESK_NAME_MAX`].
pub(crate) fn check_desk_name(text: &str) -> Result<String, ServiceError> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(ServiceError::BadInput {
            what: "desk name",
            detail: "empty",
        });
    }
    if name.chars().count() > DESK_NAME_MAX {
        return Err(ServiceError::BadInput {
            what: "desk name",
            detail: "too_long",
        });
    }
    // The desk name is printed on recovery sheets and is the default paper location.
    crate::error::check_stored_text(&name, "desk name")?;
    Ok(name)
}
