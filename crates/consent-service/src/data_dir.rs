//! Where a desk keeps its data.

use std::path::PathBuf;

/// Environment variable that overrides the data directory (tests, scripts, portable installs).
pub const DATA_DIR_ENV: &str = "CONSENT_DESK_DATA_DIR";

/// The data directory: `CONSENT_DESK_DATA_DIR` when set and not empty, otherwise the platform's
/// per-user data directory (`~/.local/share/consent-desk` on Linux, `%APPDATA%\Consent Desk\...` on
/// Windows, `~/Library/Application Support/ru.consent-desk...` on macOS). `None` only when the platform
/// reports no home directory at all.
pub fn default_data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("ru", "Consent Desk", "consent-desk")
            .map(|dirs| dirs.data_dir().to_path_buf()),
    }
}
