//! The desk as the app holds it: one [`Session`] per process, shared by every command.
//!
//! It knows the app's phase — no database yet (the first start), signed out, signed in, locked — and
//! it is the gate every use case of the app passes through ([`Session::act`]): while the screen is
//! locked or nobody is signed in, nothing is read or done, and whatever is done is recorded as done
//! by the staff member signed in now. The UI decides *when* to lock (its idle timer, a button, a key);
//! the refusal is enforced here.
//!
//! Invariants: no personal data and no secret in `Debug`, logs or errors; the first start validates
//! everything it was given before it creates anything.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use consent_domain::clinic::{ClinicInput, POLICY_ADDRESS, POLICY_EMAIL};
use consent_domain::staff::{Login, Role, Staff, StaffId, UseCase, authorize};

use crate::api::{
    ClinicDefaults, FirstStartInput, FirstStartResult, RecoverySheet, SessionPhase, SessionStaff,
    SessionStatus,
};
use crate::clock::{Clock, SystemClock};
use crate::desk::{DATABASE_FILE, PrintedPdf};
use crate::output::Output;
use crate::profile::{Profile, check_desk_name};

mod calendar;
mod reception;
mod recovery;
mod requests;
mod staff;
mod sync;
#[cfg(test)]
mod tests;
mod throttle;

use crate::{Desk, ErrorPayload, KeyChoice, NewStaff, Service, ServiceError};
pub use reception::SEARCH_LIMIT;
use throttle::Throttle;

pub use crate::profile::{
    DEFAULT_IDLE_LOCK_MINUTES, DESK_NAME_MAX, MAX_IDLE_LOCK_MINUTES, PROFILE_FILE,
};
/// Overrides the idle-lock time, in seconds, for one run (end-to-end tests use a few seconds).
pub const IDLE_LOCK_ENV: &str = "CONSENT_DESK_IDLE_LOCK_SECONDS";

pub use crate::error::{LOCKED, SESSION_OPEN, SIGNED_OUT};
pub use crate::messages::localize;

#[derive(Debug, Clone)]
enum Phase {
    SignedOut,
    SignedIn(Staff),
    Locked(Staff),
}

/// A rendered form kept in memory until it is printed or discarded.
#[derive(Debug)]
struct Prepared {
    /// `consent`, `dissemination`, `withdrawal`.
    document: &'static str,
    kind: PreparedKind,
    pdf: PrintedPdf,
    /// Whether a copy with this form id was already recorded as printed.
    recorded: bool,
}

#[derive(Debug, Clone)]
enum PreparedKind {
    Consent {
        consent: String,
    },
    Withdrawal {
        patient: consent_domain::ids::PatientId,
    },
    /// The recovery sheet: holds the database key, so it goes only to the printer and is not
    /// recorded (it is about no data subject).
    Recovery,
    /// A further desk's enrollment sheet: holds a code that opens the clinic key, so, like the
    /// recovery sheet, printer only and not recorded.
    DeskSheet,
    /// A report about no data subject (the journal of requests): not recorded when output.
    Report,
    /// A notice to the subject about a request (the extension, the outcome, the answer to an
    /// access request).
    Notice {
        request: String,
        document: consent_domain::event::PrintedDocument,
    },
}

impl PreparedKind {
    /// The refusal of a viewer for a sheet that carries a secret: a viewer needs a file, and a
    /// file of the secret could outlive the session.
    fn printer_only(&self) -> Option<&'static str> {
        match self {
            PreparedKind::Recovery => Some("recovery_sheet_printer_only"),
            PreparedKind::DeskSheet => Some("desk_sheet_printer_only"),
            PreparedKind::Consent { .. }
            | PreparedKind::Withdrawal { .. }
            | PreparedKind::Notice { .. }
            | PreparedKind::Report => None,
        }
    }
}

struct Inner {
    desk: Option<Desk>,
    phase: Phase,
    /// Forms rendered for preview and printing; personal data, so dropped on lock and sign-out.
    prepared: Vec<Prepared>,
    throttle: Throttle,
    /// The desk codes made in this process, for their sheets (never the codes themselves).
    desk_codes: Vec<sync::IssuedCode>,
    /// The last session ended because its account gave way to the clinic's account with the same
    /// login (it arrived from another desk): the sign-in screen says so until the next sign-in.
    gave_way: bool,
}

/// The app's session over one desk. Cheap to share: hand it to Tauri's state.
pub struct Session {
    service: Service,
    key: KeyChoice,
    clock: Arc<dyn Clock>,
    idle_override_seconds: Option<u32>,
    output: Output,
    inner: Mutex<Inner>,
    /// The background sync, once the app has started it ([`Session::start_sync`]).
    sync: std::sync::OnceLock<crate::sync_task::SyncTask>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key choice may hold the key itself: never printed.
        f.debug_struct("Session")
            .field("data_dir", &self.service.data_dir())
            .finish_non_exhaustive()
    }
}

impl Session {
    /// The app's session over the desk in `data_dir` with the database key from `key`, the system
    /// clock and the idle-lock override from [`IDLE_LOCK_ENV`]. Opens nothing yet: a database that
    /// cannot be opened is reported by [`Session::status`], not here.
    pub fn open(data_dir: impl Into<PathBuf>, key: KeyChoice) -> Result<Session, ServiceError> {
        let idle = std::env::var(IDLE_LOCK_ENV).ok().and_then(|text| {
            let seconds = text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|s| (1..=86_400).contains(s));
            if seconds.is_none() {
                tracing::warn!(
                    "{IDLE_LOCK_ENV} is not a number of seconds from 1 to 86400: ignored"
                );
            }
            seconds
        });
        let session =
            Session::new(Service::open(data_dir)?, key, Arc::new(SystemClock)).idle_override(idle);
        // Forms a viewer was given by an earlier run that ended without a lock or sign-out.
        session.output.sweep();
        Ok(session)
    }

    /// A session over `service`'s desk with an explicit key choice and clock (tests, scripts).
    pub fn new(service: Service, key: KeyChoice, clock: Arc<dyn Clock>) -> Session {
        Session {
            service,
            key,
            clock,
            idle_override_seconds: None,
            output: Output::system(),
            inner: Mutex::new(Inner {
                desk: None,
                phase: Phase::SignedOut,
                prepared: Vec::new(),
                throttle: Throttle::default(),
                gave_way: false,
                desk_codes: Vec::new(),
            }),
            sync: std::sync::OnceLock::new(),
        }
    }

    /// Prints and opens forms with `output` instead of the system's printer and viewer.
    pub fn with_output(mut self, output: Output) -> Session {
        self.output = output;
        self
    }

    /// Locks after `seconds` of inactivity instead of the configured minutes.
    pub fn idle_override(mut self, seconds: Option<u32>) -> Session {
        self.idle_override_seconds = seconds;
        self
    }

    /// The app-level facts and settings.
    pub fn service(&self) -> &Service {
        &self.service
    }

    /// An error as it crosses IPC, in the desk's current language.
    pub fn localize(&self, error: ServiceError) -> ErrorPayload {
        localize(&error, self.service.lang())
    }

    /// Where the app is and who is signed in. Opens the database on first call when it exists.
    pub fn status(&self) -> Result<SessionStatus, ServiceError> {
        let mut inner = self.inner();
        self.status_of(&mut inner)
    }

    /// The first start: validates everything, then creates the encrypted database (the key in the
    /// OS keyring, or the explicit one), the first administrator with their password and the
    /// clinic's details, remembers the desk's name, signs the administrator in and returns the
    /// recovery sheet.
    pub fn first_start(&self, input: &FirstStartInput) -> Result<FirstStartResult, ServiceError> {
        let mut inner = self.inner();
        let db_path = self.data_dir().join(DATABASE_FILE);
        if inner.desk.is_some() || db_path.exists() {
            return Err(ServiceError::AlreadyInitialized { path: db_path });
        }
        let clinic = ClinicInput {
            name: input.clinic_name.clone(),
            inn: input.inn.clone(),
            ogrn: input.ogrn.clone(),
            legal_address: Some(input.legal_address.clone()),
            withdrawal_email: Some(input.withdrawal_email.clone()),
            ..ClinicInput::default()
        };
        let details = crate::desk::validate_clinic(&clinic)?;
        let desk_name = check_desk_name(&input.desk_name)?;
        let login = input.admin_login.trim();
        let parsed = Login::parse(login).map_err(|_| ServiceError::BadInput {
            what: "staff login",
            detail: "bad_login",
        })?;
        Staff::new(
            StaffId::from_u128(0),
            parsed,
            &input.admin_name,
            Role::Admin,
        )
        .map_err(crate::error::staff_name_error)?;
        crate::password::check(&input.password)?;

        let admin = NewStaff {
            login: login.to_owned(),
            full_name: input.admin_name.trim().to_owned(),
            role: Role::Admin.code().to_owned(),
        };
        let mut desk = Desk::init(
            self.data_dir(),
            self.key.clone(),
            admin,
            self.clock.clone(),
            self.service.lang(),
        )?;
        let staff = desk.staff_by_login(login)?;
        let finished = desk
            .set_password(&staff, login, &input.password)
            .and_then(|()| desk.set_clinic(&staff, &clinic))
            .and_then(|_| {
                let mut profile = self.profile();
                profile.desk_name = Some(desk_name.clone());
                self.save_profile(&profile)
            })
            .and_then(|()| self.recovery_sheet(&desk, &desk_name, &details.name));
        inner.desk = Some(desk);
        self.sync_desk_ready();
        let recovery = match finished {
            Ok(recovery) => recovery,
            Err(error) => {
                tracing::error!(
                    code = error.code().as_str(),
                    "the first start stopped half-way"
                );
                inner.phase = Phase::SignedOut;
                return Err(error);
            }
        };
        tracing::info!("first start done: database created, administrator signed in");
        inner.phase = Phase::SignedIn(staff);
        Ok(FirstStartResult {
            status: self.status_of(&mut inner)?,
            recovery,
        })
    }

    /// Signs a staff member in with their own account. Refused while another session is open (or
    /// locked): that one signs out first.
    pub fn sign_in(&self, login: &str, password: &str) -> Result<SessionStatus, ServiceError> {
        let mut inner = self.inner();
        self.ensure_open(&mut inner)?;
        if !matches!(inner.phase, Phase::SignedOut) {
            return Err(ServiceError::Session {
                detail: SESSION_OPEN,
            });
        }
        let now = self.clock.now_ms();
        inner.throttle.check(login, now)?;
        let desk = inner.desk.as_ref().ok_or_else(|| self.not_initialized())?;
        let staff = match desk.sign_in(login, password) {
            Ok(staff) => staff,
            Err(error) => {
                if matches!(error, ServiceError::SignInFailed) {
                    inner.throttle.failed(login, now);
                }
                return Err(error);
            }
        };
        inner.throttle.succeeded(login);
        tracing::info!(role = staff.role().code(), "staff signed in");
        inner.phase = Phase::SignedIn(staff);
        inner.gave_way = false;
        self.status_of(&mut inner)
    }

    /// Ends the session (from the shell or from the lock screen). Harmless when nobody is signed in.
    pub fn sign_out(&self) -> Result<SessionStatus, ServiceError> {
        let mut inner = self.inner();
        if !matches!(inner.phase, Phase::SignedOut) {
            tracing::info!("staff signed out");
        }
        inner.phase = Phase::SignedOut;
        self.forget_forms(&mut inner);
        self.status_of(&mut inner)
    }

    /// Locks the screen: until the same staff member unlocks it, every use case is refused.
    pub fn lock(&self) -> Result<SessionStatus, ServiceError> {
        let mut inner = self.inner();
        inner.phase = match std::mem::replace(&mut inner.phase, Phase::SignedOut) {
            Phase::SignedIn(staff) | Phase::Locked(staff) => Phase::Locked(staff),
            Phase::SignedOut => Phase::SignedOut,
        };
        self.forget_forms(&mut inner);
        self.status_of(&mut inner)
    }

    /// Unlocks the screen with the password of the staff member who locked it. Anyone else signs the
    /// locked session out and signs in with their own account.
    pub fn unlock(&self, password: &str) -> Result<SessionStatus, ServiceError> {
        let mut inner = self.inner();
        let staff = match &inner.phase {
            Phase::Locked(staff) => staff.clone(),
            Phase::SignedIn(_) => return self.status_of(&mut inner),
            Phase::SignedOut => return Err(signed_out()),
        };
        let login = staff.login().as_str().to_owned();
        let now = self.clock.now_ms();
        inner.throttle.check(&login, now)?;
        let desk = inner.desk.as_ref().ok_or_else(|| self.not_initialized())?;
        let checked = match desk.sign_in(&login, password) {
            Ok(checked) if checked.id() == staff.id() => checked,
            Ok(_) | Err(ServiceError::SignInFailed) => {
                inner.throttle.failed(&login, now);
                return Err(ServiceError::SignInFailed);
            }
            Err(other) => return Err(other),
        };
        inner.throttle.succeeded(&login);
        inner.phase = Phase::SignedIn(checked);
        self.status_of(&mut inner)
    }

    /// Sets the idle time before the screen locks itself (an administrator's setting).
    pub fn set_idle_lock_minutes(&self, minutes: u32) -> Result<SessionStatus, ServiceError> {
        self.act(|_, staff| {
            authorize(staff, UseCase::EditSettings)?;
            if !(1..=MAX_IDLE_LOCK_MINUTES).contains(&minutes) {
                return Err(ServiceError::BadInput {
                    what: "idle lock minutes",
                    detail: "bad_number",
                });
            }
            let mut profile = self.profile();
            profile.idle_lock_minutes = minutes;
            self.save_profile(&profile)
        })?;
        self.status()
    }

    /// Runs a use case as the signed-in staff member. Refused while the screen is locked or nobody is
    /// signed in; the account is re-read first, so a disabled account or a changed role counts now.
    pub fn act<T>(
        &self,
        use_case: impl FnOnce(&mut Desk, &Staff) -> Result<T, ServiceError>,
    ) -> Result<T, ServiceError> {
        let mut inner = self.inner();
        let signed_in = match &inner.phase {
            Phase::SignedIn(staff) => staff.clone(),
            Phase::Locked(_) => return Err(locked()),
            Phase::SignedOut => return Err(signed_out()),
        };
        let desk = inner.desk.as_mut().ok_or_else(|| self.not_initialized())?;
        desk.catch_up()?;
        let current = match desk.staff_by_login(signed_in.login().as_str()) {
            Ok(staff) if staff.id() == signed_in.id() => staff,
            Ok(_) => {
                inner.phase = Phase::SignedOut;
                inner.gave_way = true;
                self.forget_forms(&mut inner);
                return Err(signed_out());
            }
            Err(ServiceError::NotFound(_)) => {
                inner.phase = Phase::SignedOut;
                return Err(signed_out());
            }
            Err(other) => return Err(other),
        };
        desk.set_lang(self.service.lang());
        let written = desk.written_seq();
        let result = use_case(desk, &current);
        let recorded = desk.written_seq() != written;
        inner.phase = Phase::SignedIn(current);
        drop(inner);
        if recorded {
            self.sync_local_change();
        }
        result
    }

    /// Drops rendered forms and deletes files handed to a viewer: nothing personal outlives the
    /// session on screen.
    fn forget_forms(&self, inner: &mut Inner) {
        inner.prepared.clear();
        self.output.sweep();
    }

    fn data_dir(&self) -> &Path {
        self.service.data_dir()
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        // Every change of phase is a single assignment, so a panic elsewhere leaves a whole phase.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn not_initialized(&self) -> ServiceError {
        ServiceError::NotInitialized {
            path: self.data_dir().join(DATABASE_FILE),
        }
    }

    /// Opens the database when it exists and is not open yet. `Ok(false)`: there is none.
    fn ensure_open(&self, inner: &mut Inner) -> Result<bool, ServiceError> {
        if inner.desk.is_some() {
            return Ok(true);
        }
        if !self.data_dir().join(DATABASE_FILE).exists() {
            return Ok(false);
        }
        let desk = Desk::open(
            self.data_dir(),
            self.key.clone(),
            self.clock.clone(),
            self.service.lang(),
        )?;
        inner.desk = Some(desk);
        inner.phase = Phase::SignedOut;
        self.sync_desk_ready();
        Ok(true)
    }

    fn status_of(&self, inner: &mut Inner) -> Result<SessionStatus, ServiceError> {
        let profile = self.profile();
        let idle_lock_minutes = profile.idle_lock_minutes;
        let mut status = SessionStatus {
            account_gave_way: false,
            phase: SessionPhase::SignedOut,
            desk_name: profile.desk_name,
            clinic_name: None,
            staff: None,
            idle_lock_minutes,
            idle_lock_seconds: self
                .idle_override_seconds
                .unwrap_or(idle_lock_minutes.saturating_mul(60)),
            clinic_defaults: None,
            problem: None,
            ledger_warning: None,
        };
        match self.ensure_open(inner) {
            Ok(true) => {}
            Ok(false) => {
                status.phase = SessionPhase::NeedsSetup;
                status.clinic_defaults = Some(ClinicDefaults {
                    legal_address: POLICY_ADDRESS.to_owned(),
                    withdrawal_email: POLICY_EMAIL.to_owned(),
                });
                return Ok(status);
            }
            Err(error) => {
                tracing::warn!(
                    code = error.code().as_str(),
                    "the desk's database cannot be opened"
                );
                status.phase = SessionPhase::Unavailable;
                status.problem = Some(self.localize(error));
                return Ok(status);
            }
        }
        self.check_account(inner);
        status.account_gave_way = inner.gave_way && matches!(inner.phase, Phase::SignedOut);
        let (phase, staff) = match &inner.phase {
            Phase::SignedOut => (SessionPhase::SignedOut, None),
            Phase::SignedIn(staff) => (SessionPhase::SignedIn, Some(staff)),
            Phase::Locked(staff) => (SessionPhase::Locked, Some(staff)),
        };
        status.phase = phase;
        status.ledger_warning = inner
            .desk
            .as_ref()
            .and_then(|desk| desk.ledger_warning(self.service.lang()));
        if let (Some(staff), Some(desk)) = (staff, inner.desk.as_ref()) {
            status.clinic_name = desk.clinic(staff).ok().flatten().map(|c| c.name);
            status.staff = Some(SessionStaff {
                login: staff.login().as_str().to_owned(),
                full_name: staff.full_name().to_owned(),
                role: staff.role().code().to_owned(),
            });
        }
        Ok(status)
    }

    /// Ends the session whose account no longer holds its login: another desk's earlier account
    /// with the same login arrived (the clinic's accounts are one list), or it was removed.
    fn check_account(&self, inner: &mut Inner) {
        let (Phase::SignedIn(staff) | Phase::Locked(staff)) = &inner.phase else {
            return;
        };
        let Some(desk) = inner.desk.as_mut() else {
            return;
        };
        if desk.catch_up().is_err() {
            return;
        }
        let (holds, gave_way) = match desk.staff_by_login(staff.login().as_str()) {
            Ok(current) => (current.id() == staff.id(), current.id() != staff.id()),
            Err(_) => (false, false),
        };
        if !holds {
            tracing::info!(
                gave_way,
                "the signed-in account no longer holds its login: signed out"
            );
            inner.phase = Phase::SignedOut;
            inner.gave_way = gave_way;
            self.forget_forms(inner);
        }
    }

    fn recovery_sheet(
        &self,
        desk: &Desk,
        desk_name: &str,
        clinic_name: &str,
    ) -> Result<RecoverySheet, ServiceError> {
        let (database_id, key) = crate::desk::desk_key(self.data_dir(), &self.key)?;
        Ok(RecoverySheet {
            code: consent_forms::group_recovery_code(&key.reveal_hex()),
            database_id: database_id.as_str().to_owned(),
            desk_id: desk.desk_id().to_string(),
            desk_name: desk_name.to_owned(),
            clinic_name: clinic_name.to_owned(),
            created_on: desk.today().to_string(),
            key_location: match self.key_location() {
                consent_forms::KeyLocation::Keyring => "keyring",
                consent_forms::KeyLocation::Environment => "environment",
                consent_forms::KeyLocation::KeyFile => "key_file",
            }
            .to_owned(),
        })
    }

    /// Where this desk's key normally lives, as the recovery sheet says it.
    fn key_location(&self) -> consent_forms::KeyLocation {
        match self.key {
            KeyChoice::Keyring | KeyChoice::KeyringIn(_) => consent_forms::KeyLocation::Keyring,
            KeyChoice::Env(_) => consent_forms::KeyLocation::Environment,
            KeyChoice::File(_) => consent_forms::KeyLocation::KeyFile,
        }
    }

    fn profile(&self) -> Profile {
        Profile::read(self.data_dir())
    }

    fn save_profile(&self, profile: &Profile) -> Result<(), ServiceError> {
        profile.save(self.data_dir())
    }
}

fn signed_out() -> ServiceError {
    ServiceError::Session { detail: SIGNED_OUT }
}

fn locked() -> ServiceError {
    ServiceError::Session { detail: LOCKED }
}
