//! The desk's use cases over its encrypted store: register and find patients, record consents and
//! their paper forms, take in subject requests, list the managers' queue, verify and rebuild.
//!
//! Every use case takes the acting staff member, checks their role first (in the service, not only in
//! the UI) and records them as the actor of every event it appends.
//!
//! This file holds the desk itself (init, open, the key, the clock, the calendar) and the parsing
//! every area shares; the use cases live by area: `patients`, `consents`, `requests`, `staff`,
//! `clinic`, `printing`, `history` (the card's papers and history), `journal` (the journal of
//! requests and the queue's counts), `maintenance`, `sync`, with
//! `files` for `desk.json` and the data directory's checks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use consent_domain::Lang;
use consent_domain::calendar::Calendar;
use consent_domain::date_rules;
use consent_domain::event::EventBody;
use consent_domain::ids::{DeskId, FormId};
use consent_domain::patient::parse_date;
use consent_domain::purpose::Catalogue;
use consent_domain::staff::{Role, StaffId};
use consent_store::{DatabaseId, DbKey, KeySource, Keyring, Store, clinic_date};
use uuid::Uuid;

use crate::ServiceError;

use crate::clock::Clock;
use crate::error::{DataDirProblem, Missing};

mod blocking;
mod clinic;
mod consents;
mod destruction;
mod files;
mod history;
mod journal;
mod maintenance;
mod patients;
mod printing;
mod queue;
mod requests;
mod staff;
mod sync;

pub use crate::api::ServerView;
pub(crate) use clinic::validate_clinic;
pub use consent_forms::QR_PREFIX;
use consents::form_state;
pub use files::database_id;
use files::{DeskFile, no_database, write_desk_file};
use patients::summary;
pub use printing::PrintedPdf;
use staff::new_staff;
pub use sync::{DESK_CODE_TTL, SyncSummary};

/// The desk database's file name inside the data directory.
pub const DATABASE_FILE: &str = "consent-desk.db";
/// The desk's identity file: which keyring entry holds its key. No secrets, no personal data.
pub const DESK_FILE: &str = "desk.json";

/// Where the database key comes from. Explicit, never a silent fallback.
#[derive(Debug, Clone)]
pub enum KeyChoice {
    /// The OS keyring (the desktop default).
    Keyring,
    /// A given keyring store (tests use keyring-core's in-memory mock).
    KeyringIn(Keyring),
    /// The value of `CONSENT_DESK_DB_KEY` (64 hex characters).
    Env(String),
    /// A key file (`--key-file`, mode 0600).
    File(PathBuf),
}

/// The environment variable that gives the database key to a headless run (64 hex characters).
pub const DATABASE_KEY_ENV: &str = consent_store::ENV_VAR;

impl KeyChoice {
    /// The value `CONSENT_DESK_DB_KEY` had, when it was set; the OS keyring otherwise. A value that
    /// is not Unicode cannot be 64 hex digits: it is reported as malformed when the desk opens.
    pub fn from_env_value(value: Option<std::ffi::OsString>) -> KeyChoice {
        match value {
            Some(value) => KeyChoice::Env(value.into_string().unwrap_or_default()),
            None => KeyChoice::Keyring,
        }
    }

    /// The keyring of a keyring choice: the platform's, or the given one.
    pub fn keyring(&self) -> Result<Keyring, ServiceError> {
        match self {
            KeyChoice::KeyringIn(keyring) => Ok(keyring.clone()),
            _ => Ok(Keyring::platform()?),
        }
    }
}

/// The first administrator, created by `init`.
#[derive(Debug, Clone)]
pub struct NewStaff {
    pub login: String,
    pub full_name: String,
    pub role: String,
}

/// A new consent: the purposes granted; every other purpose of the catalogue is recorded as refused.
#[derive(Debug, Clone, Default)]
pub struct GrantInput {
    pub patient: String,
    pub granted: Vec<String>,
    /// The last day of the consent (`DD.MM.YYYY` or ISO), or none: until withdrawn.
    pub until: Option<String>,
}

/// A request as received.
#[derive(Debug, Clone, Default)]
pub struct ReceiveInput {
    pub patient: String,
    /// `withdrawal`, `access`, `correction`, `blocking`, `claim`.
    pub kind: String,
    /// For a withdrawal: the purposes withdrawn; empty means all purposes in force.
    pub purposes: Vec<String>,
    /// The day the request was received; today when absent (a letter may arrive earlier).
    pub received_on: Option<String>,
    /// `in_person`, `email`, `post`.
    pub channel: String,
    /// What the subject says, in their words: for a correction (required), what is wrong and what
    /// is right; for the other kinds, optional.
    pub details: Option<String>,
}

/// One desk: its store, the policy catalogue and a clock.
pub struct Desk {
    store: Store,
    catalogue: &'static Catalogue,
    clock: Arc<dyn Clock>,
    lang: Lang,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("desk", &self.store.desk())
            .finish()
    }
}

/// The database id of the desk in `data_dir` and its key from the chosen source.
pub(crate) fn desk_key(
    data_dir: &Path,
    key: &KeyChoice,
) -> Result<(DatabaseId, DbKey), ServiceError> {
    let database_id = database_id(data_dir)?;
    let db_key = consent_store::resolve(&key_source(key, &database_id)?)?;
    Ok((database_id, db_key))
}

fn key_source(choice: &KeyChoice, database_id: &DatabaseId) -> Result<KeySource, ServiceError> {
    Ok(match choice {
        KeyChoice::Keyring | KeyChoice::KeyringIn(_) => KeySource::Keyring {
            keyring: choice.keyring()?,
            database_id: database_id.clone(),
        },
        KeyChoice::Env(value) => KeySource::EnvValue(value.clone().into()),
        KeyChoice::File(path) => KeySource::KeyFile(path.clone()),
    })
}

impl Desk {
    /// First set-up: creates the encrypted database (refusing to touch an existing one), stores a new
    /// key in the keyring or uses the explicit key, and creates the first administrator.
    pub fn init(
        data_dir: &Path,
        key: KeyChoice,
        admin: NewStaff,
        clock: Arc<dyn Clock>,
        lang: Lang,
    ) -> Result<Desk, ServiceError> {
        let db_path = data_dir.join(DATABASE_FILE);
        let desk_path = data_dir.join(DESK_FILE);
        if db_path.exists() || desk_path.exists() {
            return Err(ServiceError::AlreadyInitialized { path: db_path });
        }
        if data_dir.exists() && !data_dir.is_dir() {
            return Err(ServiceError::DataDir {
                path: data_dir.to_path_buf(),
                problem: DataDirProblem::NotADirectory,
            });
        }
        let staff = new_staff(
            StaffId::from_u128(new_uuid(clock.now_ms())?.as_u128()),
            &admin,
        )?;
        if staff.role() != Role::Admin {
            return Err(ServiceError::BadInput {
                what: "role",
                detail: "unknown_choice",
            });
        }
        std::fs::create_dir_all(data_dir).map_err(|e| ServiceError::DataDirUnavailable {
            path: data_dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let database_id = DatabaseId::generate()?;
        let db_key: DbKey = match &key {
            KeyChoice::Keyring | KeyChoice::KeyringIn(_) => {
                key.keyring()?.generate_and_store(&database_id)?
            }
            other => consent_store::resolve(&key_source(other, &database_id)?)?,
        };
        let desk = DeskId::from_uuid(new_uuid(clock.now_ms())?);
        let mut store = Store::create(&db_path, &db_key, &database_id, desk)?;
        let desk_file = DeskFile {
            database_id: database_id.as_str().to_owned(),
            desk_id: desk.to_string(),
        };
        write_desk_file(&desk_path, &desk_file)?;
        store.append(staff.id(), clock.now_ms(), EventBody::StaffSaved { staff })?;
        Ok(Desk {
            store,
            catalogue: Catalogue::builtin(),
            clock,
            lang,
        })
    }

    /// Opens the desk in `data_dir` with the key from `key`.
    pub fn open(
        data_dir: &Path,
        key: KeyChoice,
        clock: Arc<dyn Clock>,
        lang: Lang,
    ) -> Result<Desk, ServiceError> {
        let db_path = data_dir.join(DATABASE_FILE);
        if !db_path.exists() {
            return Err(no_database(data_dir));
        }
        let (_, db_key) = desk_key(data_dir, &key)?;
        let store = Store::open(&db_path, &db_key)?;
        if let Some(rollback) = store.rollback() {
            // Not a reason to refuse the desk (staff may need what is left); verify says it in words.
            tracing::error!(
                ?rollback,
                "the ledger does not reach its anchor: events were lost or removed"
            );
        }
        Ok(Desk {
            store,
            catalogue: Catalogue::builtin(),
            clock,
            lang,
        })
    }

    /// Speaks `lang` from now on (purpose titles, ledger defects): the app's language can change
    /// while the desk is open.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    pub fn desk_id(&self) -> DeskId {
        self.store.desk()
    }

    /// Today in the clinic's time zone.
    pub fn today(&self) -> NaiveDate {
        clinic_date(self.clock.now_ms())
    }

    pub fn calendar(&self) -> &Calendar {
        self.store.calendar()
    }

    /// Catches up with what other processes wrote to this desk since (consentctl, the sync task):
    /// reads always go to the database; this refreshes what the store keeps in memory.
    pub fn catch_up(&mut self) -> Result<(), ServiceError> {
        Ok(self.store.catch_up()?)
    }

    fn now(&self) -> u64 {
        self.clock.now_ms()
    }

    fn store_conn(&self) -> &rusqlite::Connection {
        self.store.database().connection()
    }

    /// Every staff member's name by id: read once for a view that names many actors.
    fn staff_names(&self) -> Result<BTreeMap<StaffId, String>, ServiceError> {
        Ok(self
            .store
            .staff()?
            .into_iter()
            .map(|s| (s.id(), s.full_name().to_owned()))
            .collect())
    }
}

/// A staff member's name, or their id when the account is unknown here.
fn staff_name(names: &BTreeMap<StaffId, String>, id: StaffId) -> String {
    names.get(&id).cloned().unwrap_or_else(|| id.to_string())
}

fn parse_id<T: std::str::FromStr>(text: &str, what: &'static str) -> Result<T, ServiceError> {
    text.trim()
        .parse::<T>()
        .map_err(|_| ServiceError::BadInput {
            what,
            detail: "bad_id",
        })
}

/// A scanned QR code holds `consent-desk:form:<uuid>`; a bare UUID is accepted too. Anything else is
/// tried as the short code printed beside the QR code (`XXXX-XXXX`), which `with_code` finds among
/// the printed forms (by the store's index). Two forms sharing a 40-bit code is possible: the first
/// in the store's order is taken, as when every form's code was computed and compared.
fn parse_form_code(
    text: &str,
    with_code: impl FnOnce(&str) -> Result<Vec<FormId>, ServiceError>,
) -> Result<FormId, ServiceError> {
    let unknown = ServiceError::BadInput {
        what: "form code",
        detail: "unknown_form_code",
    };
    let code = match consent_forms::read_form_code(text).ok_or(unknown)? {
        consent_forms::FormCode::Id(form) => return Ok(form),
        consent_forms::FormCode::Short(code) => code,
    };
    // 40 bits: among a few hundred thousand printed forms two may share a code. Picking one would
    // mark or show another patient's paper, so a shared code asks for the QR code instead.
    match with_code(&code)?.as_slice() {
        [] => Err(ServiceError::NotFound(Missing::Form)),
        [form] => Ok(*form),
        _ => Err(ServiceError::BadInput {
            what: "form code",
            detail: "ambiguous_form_code",
        }),
    }
}

/// A well-formed date the rules of [`date_rules`] refuse: bad input, `detail` the rule's code.
fn bad_date(what: &'static str, problem: date_rules::DateProblem) -> ServiceError {
    ServiceError::BadInput {
        what,
        detail: problem.code(),
    }
}

/// A date typed by a person: `DD.MM.YYYY` or ISO.
pub fn parse_day(text: &str, what: &'static str) -> Result<NaiveDate, ServiceError> {
    parse_date(text).map_err(|_| ServiceError::BadInput {
        what,
        detail: "bad_date",
    })
}

fn new_uuid(wall_ms: u64) -> Result<Uuid, ServiceError> {
    Ok(consent_store::new_v7(wall_ms)?)
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    #[test]
    fn a_short_code_two_forms_share_names_neither() {
        let a = FormId::from_uuid(Uuid::from_u128(1));
        let b = FormId::from_uuid(Uuid::from_u128(2));
        let code = consent_forms::short_code(a);
        assert_eq!(parse_form_code(&code, |_| Ok(vec![a])).ok(), Some(a));
        let shared = parse_form_code(&code, |_| Ok(vec![a, b])).expect_err("ambiguous");
        assert_eq!(shared.detail(), Some("ambiguous_form_code"));
        assert!(
            shared.message(Lang::Ru).contains("QR"),
            "{}",
            shared.message(Lang::Ru)
        );
        let none = parse_form_code(&code, |_| Ok(Vec::new())).expect_err("unknown");
        assert_eq!(none.detail(), Some("form_not_found"));
        // A scanned id needs no lookup at all.
        assert_eq!(
            parse_form_code(&consent_forms::qr_payload(b), |_| unreachable!()).ok(),
            Some(b)
        );
    }
}
