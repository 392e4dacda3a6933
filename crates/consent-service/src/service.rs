//! The service object: one per desk process, shared by every command.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use consent_domain::Lang;

use crate::api::{AppInfo, DatabaseStatus, UiLang};
use crate::settings::Settings;
use crate::{LANG_ENV, ServiceError};

/// The file name of the desk's encrypted database inside the data directory.
const DATABASE_FILE: &str = "consent-desk.db";

/// The use cases of one desk. Cheap to share: wrap it in an `Arc` or hand it to Tauri's state.
#[derive(Debug)]
pub struct Service {
    data_dir: PathBuf,
    settings: Mutex<Settings>,
    opened_at: Instant,
}

impl Service {
    /// Opens the desk whose data lives in `data_dir`, creating the directory when it does not exist.
    /// The language comes from the settings file unless [`LANG_ENV`] overrides it.
    /// A damaged settings file does not stop the desk: defaults apply and [`AppInfo::problems`] says why.
    pub fn open(data_dir: impl Into<PathBuf>) -> Result<Service, ServiceError> {
        let lang_override = std::env::var(LANG_ENV).ok();
        Service::open_with(data_dir, lang_override.as_deref())
    }

    /// [`Service::open`] with the language override passed in rather than read from the environment.
    pub fn open_with(
        data_dir: impl Into<PathBuf>,
        lang_override: Option<&str>,
    ) -> Result<Service, ServiceError> {
        let data_dir = data_dir.into();
        fs::create_dir_all(&data_dir).map_err(|e| ServiceError::DataDirUnavailable {
            path: data_dir.clone(),
            reason: e.to_string(),
        })?;
        let settings = Settings::load(&data_dir, lang_override);
        for problem in settings.problems() {
            tracing::warn!(
                code = problem.code().as_str(),
                "settings problem at start-up: {problem}"
            );
        }
        Ok(Service {
            data_dir,
            settings: Mutex::new(settings),
            opened_at: Instant::now(),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The language of messages for this desk right now.
    pub fn lang(&self) -> Lang {
        self.settings().lang
    }

    /// What the app knows about itself.
    pub fn app_info(&self) -> Result<AppInfo, ServiceError> {
        let settings = self.settings();
        let problems = settings
            .problems()
            .iter()
            .map(|p| p.payload(settings.lang))
            .collect();
        Ok(AppInfo {
            product: "Consent Desk".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            build_profile: if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            }
            .to_owned(),
            data_dir: self.data_dir.display().to_string(),
            database: self.database_status()?,
            lang: settings.lang.into(),
            problems,
        })
    }

    /// Switches the language of the UI and of messages, and remembers it for the next start.
    /// When the settings file cannot be written nothing changes, not even in memory.
    pub fn set_language(&self, lang: UiLang) -> Result<AppInfo, ServiceError> {
        {
            let mut settings = self.settings();
            let mut next = settings.clone();
            next.lang = lang.into();
            next.save()?;
            *settings = next;
        }
        self.app_info()
    }

    /// The UI has painted its first screen. Logged (with no personal data) so start-up can be measured
    /// from outside the process: `cargo xtask bench` waits for this line.
    pub fn ui_ready(&self) -> Result<(), ServiceError> {
        let ms = self.opened_at.elapsed().as_millis();
        tracing::info!(since_open_ms = ms as u64, "ui ready");
        Ok(())
    }

    fn database_status(&self) -> Result<DatabaseStatus, ServiceError> {
        let path = self.data_dir.join(DATABASE_FILE);
        let shown = path.display().to_string();
        match fs::metadata(&path) {
            Ok(meta) => Ok(DatabaseStatus::Present {
                path: shown,
                size_bytes: meta.len(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(DatabaseStatus::NotCreated { path: shown })
            }
            Err(e) => Err(ServiceError::DataDirUnavailable {
                path: self.data_dir.clone(),
                reason: e.to_string(),
            }),
        }
    }

    fn settings(&self) -> MutexGuard<'_, Settings> {
        // Settings are replaced whole, so a panic elsewhere cannot leave them half-written.
        self.settings.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
