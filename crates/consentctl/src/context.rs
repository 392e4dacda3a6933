//! What every command needs: the language, the output mode, where the desk is, who acts, which key.
//!
//! The environment is read here once, so the commands themselves take plain values.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use consent_domain::Lang;
use consent_domain::staff::Staff;
use consent_service::clock::Clock;
use consent_service::desk::DATABASE_FILE;
use consent_service::{Desk, KeyChoice};

use crate::args::GlobalArgs;
use crate::error::CliError;
use crate::{clock, key};

#[derive(Debug)]
pub struct Context {
    pub lang: Lang,
    pub json: bool,
    data_dir: Option<PathBuf>,
    actor: Option<String>,
    key_file: Option<PathBuf>,
    key_env: Option<OsString>,
    now_env: Option<String>,
}

impl Context {
    /// From the parsed options and the process environment.
    pub fn from_process(global: GlobalArgs) -> Context {
        Context {
            lang: global.lang,
            json: global.json,
            // clap already took `--data-dir` or CONSENT_DESK_DATA_DIR; the service's default comes last.
            data_dir: global
                .data_dir
                .filter(|d| !d.as_os_str().is_empty())
                .or_else(consent_service::default_data_dir),
            actor: global
                .actor
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty()),
            key_file: global.key_file,
            key_env: std::env::var_os(key::KEY_ENV),
            now_env: std::env::var(clock::NOW_ENV).ok(),
        }
    }

    pub fn data_dir(&self) -> Result<&Path, CliError> {
        self.data_dir.as_deref().ok_or(CliError::NoDataDir)
    }

    /// Whether the desk has a database to open (it may still fail to open).
    pub fn database_exists(&self) -> bool {
        self.data_dir
            .as_deref()
            .is_some_and(|dir| dir.join(DATABASE_FILE).exists())
    }

    pub fn key_choice(&self) -> Result<KeyChoice, CliError> {
        key::choose(self.key_file.as_deref(), self.key_env.clone())
    }

    pub fn clock(&self) -> Result<Arc<dyn Clock>, CliError> {
        clock::from_env(self.now_env.as_deref())
    }

    /// Opens the desk without an acting staff member (for reading the calendar).
    pub fn open(&self) -> Result<Desk, CliError> {
        let dir = self.data_dir()?;
        let clock = self.clock()?;
        Ok(Desk::open(dir, self.key_choice()?, clock, self.lang)?)
    }

    /// Checks the file of a desk that cannot be loaded (see [`Desk::verify_file`]).
    pub fn verify_file(
        &self,
        why: &consent_service::ServiceError,
    ) -> Result<consent_service::api::VerifyReport, CliError> {
        self.actor.as_deref().ok_or(CliError::MissingActor)?;
        Ok(Desk::verify_file(
            self.data_dir()?,
            self.key_choice()?,
            self.lang,
            why,
        )?)
    }

    /// Puts the backup `file` in the desk's place (see [`Desk::restore`]); `--as` names an
    /// administrator of the backup.
    pub fn restore(
        &self,
        file: &Path,
        replace: bool,
    ) -> Result<consent_service::api::RestoreView, CliError> {
        let login = self.actor.as_deref().ok_or(CliError::MissingActor)?;
        let dir = self.data_dir()?;
        Ok(Desk::restore(
            dir,
            self.key_choice()?,
            file,
            login,
            replace,
            self.clock()?,
        )?)
    }

    /// Opens the desk and finds the acting staff member. `--as` is checked before the database is
    /// touched, so a forgotten option costs nothing.
    pub fn open_as(&self) -> Result<(Desk, Staff), CliError> {
        let login = self.actor.as_deref().ok_or(CliError::MissingActor)?;
        let desk = self.open()?;
        let staff = desk.staff_by_login(login)?;
        Ok((desk, staff))
    }
}
