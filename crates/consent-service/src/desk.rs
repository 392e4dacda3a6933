//! The desk's use cases over its encrypted store: register and find patients, record consents and
//! their paper forms, take in subject requests, list the managers' queue, verify and rebuild.
//!
//! Every use case takes the acting staff member, checks their role first (in the service, not only in
//! the UI) and records them as the actor of every event it appends.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use consent_domain::Lang;
use consent_domain::calendar::Calendar;
use consent_domain::consent::{
    Consent, ConsentChannel, ConsentDraft, ConsentTerm, Decision, Signature, Stage,
};
use consent_domain::date_rules;
use consent_domain::event::EventBody;
use consent_domain::hlc::Hlc;
use consent_domain::ids::{ConsentId, DeskId, FormId, PatientId};
use consent_domain::patient::{Patient, PatientInput, parse_date, validate};
use consent_domain::purpose::{Catalogue, PurposeCode};
use consent_domain::staff::{Login, Role, Staff, StaffId, UseCase, authorize};
use consent_domain::state::PatientRecord;
use consent_store::{DatabaseId, DbKey, KeySource, Keyring, Store, clinic_date};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ServiceError;
use consent_domain::clinic::{ClinicDetails, ClinicInput};

use crate::api::{ClinicView, ConsentView, PatientCard, PatientSummary, PurposeLine, StaffView};
use crate::clock::Clock;
use crate::error::{DataDirProblem, DeskFileDefect, Missing, check_stored_text};

mod maintenance;
mod printing;
mod reception;
mod requests;
mod sync;

pub use crate::api::ServerView;
pub use consent_forms::QR_PREFIX;
pub use printing::PrintedPdf;
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

#[derive(Debug, Serialize, Deserialize)]
struct DeskFile {
    database_id: String,
    desk_id: String,
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

    /// The staff member acting under `login` (the CLI's `--as`).
    pub fn staff_by_login(&self, login: &str) -> Result<Staff, ServiceError> {
        self.store
            .staff_by_login(login)?
            .ok_or(ServiceError::NotFound(Missing::Staff))
    }

    /// Adds a staff account.
    pub fn add_staff(&mut self, actor: &Staff, new: NewStaff) -> Result<StaffView, ServiceError> {
        authorize(actor, UseCase::ManageStaff)?;
        let staff = new_staff(StaffId::from_u128(new_uuid(self.now())?.as_u128()), &new)?;
        if self.store.staff_by_login(staff.login().as_str())?.is_some() {
            return Err(ServiceError::Rule {
                detail: "staff_login_taken",
            });
        }
        let view = StaffView::from(&staff);
        self.store
            .append(actor.id(), self.now(), EventBody::StaffSaved { staff })?;
        Ok(view)
    }

    pub fn staff_list(&self, actor: &Staff) -> Result<Vec<StaffView>, ServiceError> {
        authorize(actor, UseCase::ManageStaff)?;
        Ok(self.store.staff()?.iter().map(StaffView::from).collect())
    }

    /// Sets `login`'s password: an administrator may set anyone's, a staff member their own.
    pub fn set_password(
        &mut self,
        actor: &Staff,
        login: &str,
        password: &str,
    ) -> Result<(), ServiceError> {
        let target = self.staff_by_login(login)?;
        if target.id() != actor.id() {
            authorize(actor, UseCase::ManageStaff)?;
        }
        let hash = crate::password::hash(password)?;
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::StaffPasswordSet {
                staff: target.id(),
                hash,
            },
        )?;
        Ok(())
    }

    /// Signs a staff member in. Every failure (unknown login, wrong password, no password set, a
    /// disabled account) is the same answer, so the screen does not tell which logins exist.
    pub fn sign_in(&self, login: &str, password: &str) -> Result<Staff, ServiceError> {
        let staff = self.staff_by_login(login.trim()).ok();
        let hash = match &staff {
            Some(s) => self.store.password_hash(s.id())?,
            None => None,
        };
        match (staff, hash) {
            (Some(staff), Some(hash))
                if staff.is_active() && crate::password::verify(password, &hash) =>
            {
                Ok(staff)
            }
            _ => Err(ServiceError::SignInFailed),
        }
    }

    /// The clinic's details, once set.
    pub fn clinic(&self, actor: &Staff) -> Result<Option<ClinicView>, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        Ok(self.store.clinic()?.as_ref().map(ClinicView::from))
    }

    /// Sets or corrects the clinic's details that every form prints (admin).
    pub fn set_clinic(
        &mut self,
        actor: &Staff,
        input: &ClinicInput,
    ) -> Result<ClinicView, ServiceError> {
        authorize(actor, UseCase::EditSettings)?;
        let clinic = validate_clinic(input)?;
        let view = ClinicView::from(&clinic);
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::ClinicDetailsSaved { clinic },
        )?;
        Ok(view)
    }

    fn now(&self) -> u64 {
        self.clock.now_ms()
    }

    /// Registers a patient from the form as typed.
    pub fn register_patient(
        &mut self,
        actor: &Staff,
        input: &PatientInput,
    ) -> Result<PatientCard, ServiceError> {
        authorize(actor, UseCase::RegisterPatient)?;
        let data = validate(input, self.today()).map_err(ServiceError::InvalidPatient)?;
        let patient = PatientId::from_uuid(new_uuid(self.now())?);
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::PatientRegistered {
                patient,
                data: Box::new(data),
            },
        )?;
        self.card(actor, &patient.to_string())
    }

    /// Replaces a patient's data with the form as typed.
    pub fn update_patient(
        &mut self,
        actor: &Staff,
        id: &str,
        input: &PatientInput,
    ) -> Result<PatientCard, ServiceError> {
        authorize(actor, UseCase::UpdatePatient)?;
        let patient = parse_id::<PatientId>(id, "patient id")?;
        self.require_patient(patient)?;
        let data = validate(input, self.today()).map_err(ServiceError::InvalidPatient)?;
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::PatientUpdated {
                patient,
                data: Box::new(data),
            },
        )?;
        self.card(actor, id)
    }

    /// The form of an existing patient, for editing.
    pub fn patient_input(&self, actor: &Staff, id: &str) -> Result<PatientInput, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        let record = self.require_patient(parse_id(id, "patient id")?)?;
        Ok(PatientInput::from(&record.data))
    }

    /// Search: surname prefix, phone digits, birth date or document number.
    pub fn find_patients(
        &self,
        actor: &Staff,
        query: &str,
        limit: usize,
    ) -> Result<Vec<PatientSummary>, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        Ok(self
            .store
            .search(query, limit.clamp(1, 100))?
            .iter()
            .map(summary)
            .collect())
    }

    /// Search returning ids only: what the search box needs first, before any record is decoded.
    pub fn find_patient_ids(
        &self,
        actor: &Staff,
        query: &str,
        limit: usize,
    ) -> Result<Vec<String>, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        Ok(self
            .store
            .search_ids(query, limit.clamp(1, 100))?
            .iter()
            .map(PatientId::to_string)
            .collect())
    }

    /// Everything about one patient.
    pub fn card(&self, actor: &Staff, id: &str) -> Result<PatientCard, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        let patient = parse_id::<PatientId>(id, "patient id")?;
        let state = self.store.subject(patient)?;
        let record = state
            .patients
            .get(&patient)
            .ok_or(ServiceError::NotFound(Missing::Patient))?;
        let today = self.today();
        let names = self.staff_names()?;
        let consents: Vec<ConsentView> = state
            .consents
            .values()
            .map(|c| self.consent_view_named(c, &names))
            .collect();
        let mut in_force = BTreeSet::new();
        for consent in state.consents.values() {
            if consent.status(today).is_in_force() {
                in_force.extend(consent.in_force_purposes());
            }
        }
        let requests = state
            .requests
            .values()
            .map(|r| self.request_view(r))
            .collect::<Result<_, _>>()?;
        let data = &record.data;
        let (printed_forms, history) = self.papers_and_history(patient, &state, &names)?;
        Ok(PatientCard {
            patient: summary(record),
            address: data.address().as_str().to_owned(),
            email: data.email().map(|e| e.as_str().to_owned()),
            minor: data.is_minor_on(today),
            representative: data.representative().map(|r| r.name().display_name()),
            consents,
            requests,
            purposes_in_force: in_force.iter().map(|p| p.as_str().to_owned()).collect(),
            printed_forms,
            history,
        })
    }

    fn require_patient(&self, patient: PatientId) -> Result<PatientRecord, ServiceError> {
        self.store
            .patient(patient)?
            .ok_or(ServiceError::NotFound(Missing::Patient))
    }

    /// Drafts a consent: `granted` purposes are granted, every other purpose of the policy refused.
    pub fn grant_consent(
        &mut self,
        actor: &Staff,
        input: &GrantInput,
    ) -> Result<ConsentView, ServiceError> {
        authorize(actor, UseCase::GrantConsent)?;
        let patient = parse_id::<PatientId>(&input.patient, "patient id")?;
        self.require_patient(patient)?;
        let mut decisions: BTreeMap<PurposeCode, Decision> = self
            .catalogue
            .iter()
            .map(|p| (p.code.clone(), Decision::Refused))
            .collect();
        for code in &input.granted {
            let purpose = self.purpose(code)?;
            decisions.insert(purpose, Decision::Granted);
        }
        let term = match input
            .until
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(text) => {
                let end = parse_day(text, "term")?;
                date_rules::check_term_end(end, self.today()).map_err(|p| bad_date("term", p))?;
                ConsentTerm::Until(end)
            }
            None => ConsentTerm::UntilWithdrawn,
        };
        let draft = ConsentDraft {
            id: ConsentId::from_uuid(new_uuid(self.now())?),
            patient,
            decisions,
            term,
            channel: ConsentChannel::Paper,
            drafted_on: self.today(),
        };
        let consent = Consent::draft(draft.clone(), self.catalogue)?;
        if consent.granted().next().is_none() {
            return Err(ServiceError::Rule {
                detail: "consent_no_purposes",
            });
        }
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::ConsentDrafted {
                draft,
                policy_version: self.catalogue.policy().id().clone(),
            },
        )?;
        self.consent(actor, &consent.id.to_string())
    }

    fn purpose(&self, code: &str) -> Result<PurposeCode, ServiceError> {
        let code = code.trim();
        self.catalogue
            .by_code(code)
            .or_else(|| self.catalogue.by_item(code))
            .map(|p| p.code.clone())
            .ok_or(ServiceError::BadInput {
                what: "purpose",
                detail: "unknown_purpose",
            })
    }

    pub fn consent(&self, actor: &Staff, id: &str) -> Result<ConsentView, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        let consent = self.load_consent(parse_id(id, "consent id")?)?;
        Ok(self.consent_view(&consent))
    }

    fn load_consent(&self, id: ConsentId) -> Result<Consent, ServiceError> {
        consent_store::projection::consent(self.store_conn(), id)?
            .ok_or(ServiceError::NotFound(Missing::Consent))
    }

    fn store_conn(&self) -> &rusqlite::Connection {
        self.store.database().connection()
    }

    /// Records that a copy of the consent form was printed; returns the form id for its QR code.
    pub fn mark_printed(
        &mut self,
        actor: &Staff,
        consent_id: &str,
    ) -> Result<(ConsentView, String), ServiceError> {
        authorize(actor, UseCase::PrintForm)?;
        let consent = self.load_consent(parse_id(consent_id, "consent id")?)?;
        let form = self.new_form_id()?;
        self.record_consent_print(actor, &consent, form)?;
        Ok((self.consent(actor, consent_id)?, form.to_string()))
    }

    /// The patient signed the printed form `form_code` (its QR content); staff confirm it.
    pub fn mark_signed(
        &mut self,
        actor: &Staff,
        form_code: &str,
        paper_location: &str,
    ) -> Result<ConsentView, ServiceError> {
        authorize(actor, UseCase::MarkFormSigned)?;
        let paper_location = paper_location.trim();
        check_stored_text(paper_location, "paper location")?;
        let form = parse_form_code(form_code, |code| {
            Ok(consent_store::projection::forms_with_short_code(
                self.store_conn(),
                code,
            )?)
        })?;
        let consent_id = consent_store::projection::consent_of_form(self.store_conn(), form)?
            .ok_or(ServiceError::NotFound(Missing::Form))?;
        let consent = self.load_consent(consent_id)?;
        consent.sign(Signature {
            form,
            confirmed_by: actor.id(),
            at: Hlc::new(self.now(), 0),
            paper_location: paper_location.to_owned(),
        })?;
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::ConsentSigned {
                patient: consent.patient,
                consent: consent.id,
                form,
                paper_location: paper_location.to_owned(),
            },
        )?;
        self.consent(actor, &consent_id.to_string())
    }

    /// Adds or corrects a year of the production calendar (xmlcalendar text); running deadlines move.
    pub fn import_calendar(&mut self, actor: &Staff, xml: &str) -> Result<i32, ServiceError> {
        authorize(actor, UseCase::ImportCalendar)?;
        let now = self.now();
        self.store
            .import_calendar(actor.id(), now, xml)
            .map_err(|e| match e {
                consent_store::StoreError::Calendar(_) => ServiceError::BadInput {
                    what: "calendar file",
                    detail: "bad_calendar",
                },
                other => ServiceError::Store(other),
            })
    }

    fn consent_view(&self, consent: &Consent) -> ConsentView {
        self.consent_view_named(consent, &self.staff_names().unwrap_or_default())
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

    fn consent_view_named(
        &self,
        consent: &Consent,
        names: &BTreeMap<StaffId, String>,
    ) -> ConsentView {
        let lang = self.lang;
        let purposes = consent
            .decisions
            .iter()
            .map(|(code, decision)| PurposeLine {
                code: code.as_str().to_owned(),
                title: self
                    .catalogue
                    .get(code)
                    .map(|p| p.title.get(lang).to_owned())
                    .unwrap_or_else(|| code.as_str().to_owned()),
                decision: match decision {
                    Decision::Granted => "granted",
                    Decision::Refused => "refused",
                }
                .to_owned(),
                withdrawn_by: consent.withdrawn.get(code).map(|w| w.request.to_string()),
            })
            .collect();
        let signature = match &consent.stage {
            Stage::Signed(s) | Stage::Superseded { signature: s, .. } => Some(s),
            _ => None,
        };
        ConsentView {
            id: consent.id.to_string(),
            patient_id: consent.patient.to_string(),
            policy_version: consent.policy_version.as_str().to_owned(),
            status: consent.status(self.today()).code().to_owned(),
            drafted_on: consent.drafted_on.to_string(),
            valid_until: match consent.term {
                ConsentTerm::Until(day) => Some(day.to_string()),
                ConsentTerm::UntilWithdrawn => None,
            },
            purposes,
            forms: consent.forms.iter().map(|f| f.form.to_string()).collect(),
            signed_by: signature.map(|s| staff_name(names, s.confirmed_by)),
            paper_location: signature.map(|s| s.paper_location.clone()),
        }
    }
}

/// The clinic's details as typed, validated, and printable by the forms' fonts (they are printed on
/// every form: one character without a glyph would stop every print).
pub(crate) fn validate_clinic(input: &ClinicInput) -> Result<ClinicDetails, ServiceError> {
    let clinic = ClinicDetails::validate(input).map_err(ServiceError::InvalidClinic)?;
    clinic
        .check_printable(consent_forms::printable)
        .map_err(ServiceError::InvalidClinic)?;
    Ok(clinic)
}

fn summary(record: &PatientRecord) -> PatientSummary {
    let data: &Patient = &record.data;
    let document = data.document();
    PatientSummary {
        id: record.id.to_string(),
        name: data.display_name(),
        birth_date: data.birth_date().to_string(),
        phone: data.phone().map(|p| p.as_str().to_owned()),
        document_kind: document.kind().code().to_owned(),
        document: match document.series() {
            Some(series) => format!("{series} №{}", document.number()),
            None => format!("№{}", document.number()),
        },
    }
}

/// A staff member's name, or their id when the account is unknown here.
fn staff_name(names: &BTreeMap<StaffId, String>, id: StaffId) -> String {
    names.get(&id).cloned().unwrap_or_else(|| id.to_string())
}

fn new_staff(id: StaffId, new: &NewStaff) -> Result<Staff, ServiceError> {
    let login = Login::parse(new.login.trim()).map_err(|_| ServiceError::BadInput {
        what: "staff login",
        detail: "bad_login",
    })?;
    let role = new
        .role
        .trim()
        .parse::<Role>()
        .map_err(|_| ServiceError::BadInput {
            what: "role",
            detail: "unknown_choice",
        })?;
    Staff::new(id, login, &new.full_name, role).map_err(crate::error::staff_name_error)
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

fn write_desk_file(path: &Path, file: &DeskFile) -> Result<(), ServiceError> {
    let text =
        serde_json::to_string_pretty(file).map_err(|e| ServiceError::DataDirUnavailable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    std::fs::write(path, text + "\n").map_err(|e| ServiceError::DataDirUnavailable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

/// Which database (and keyring entry) the desk in `data_dir` is, from its `desk.json`.
pub fn database_id(data_dir: &Path) -> Result<DatabaseId, ServiceError> {
    let path = data_dir.join(DESK_FILE);
    let file = read_desk_file(&path)?;
    DatabaseId::parse(&file.database_id).map_err(|_| desk_file(&path, DeskFileDefect::Damaged))
}

/// A `desk.json` that cannot be used is its own error, not "the database is incomplete": the
/// database is fine, and setting the desk up again would be the wrong cure.
fn read_desk_file(path: &Path) -> Result<DeskFile, ServiceError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        desk_file(
            path,
            match e.kind() {
                std::io::ErrorKind::NotFound => DeskFileDefect::Missing,
                // Not UTF-8: the file's content is wrong, not the access to it.
                std::io::ErrorKind::InvalidData => DeskFileDefect::Damaged,
                _ => DeskFileDefect::Unreadable,
            },
        )
    })?;
    serde_json::from_str(&text).map_err(|_| desk_file(path, DeskFileDefect::Damaged))
}

fn desk_file(path: &Path, defect: DeskFileDefect) -> ServiceError {
    ServiceError::DeskFile {
        path: path.to_path_buf(),
        defect,
    }
}

/// The files a desk's data directory may hold before set-up (settings, the desk's name, a forms
/// wording file) besides the database and its sidecars (`consent-desk.db-wal`, `-anchor`, ...).
const DESK_OWN_FILES: [&str; 4] = [
    DESK_FILE,
    crate::settings::FILE_NAME,
    crate::profile::PROFILE_FILE,
    printing::FORM_TEXTS_FILE,
];

/// Why `data_dir` has no database. "Run init" is the answer only for a missing directory or one
/// with nothing but a desk's own files in it; a file, a directory of other things (`/`) or a desk
/// whose database went missing each get their own error, since init there would be the wrong move.
fn no_database(data_dir: &Path) -> ServiceError {
    let problem = match std::fs::metadata(data_dir) {
        Ok(meta) if !meta.is_dir() => Some(DataDirProblem::NotADirectory),
        Ok(_) if data_dir.join(DESK_FILE).exists() => Some(DataDirProblem::DatabaseMissing),
        Ok(_) if holds_other_files(data_dir) => Some(DataDirProblem::NotADesk),
        _ => None,
    };
    match problem {
        Some(problem) => ServiceError::DataDir {
            path: data_dir.to_path_buf(),
            problem,
        },
        None => ServiceError::NotInitialized {
            path: data_dir.join(DATABASE_FILE),
        },
    }
}

/// Whether `dir` holds anything a desk does not keep there. Hidden entries (`.DS_Store`, a file
/// manager's thumbnails) are not counted: they say nothing about whose directory it is.
fn holds_other_files(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        !(name.starts_with('.')
            || name.starts_with(DATABASE_FILE)
            || DESK_OWN_FILES.contains(&name.as_ref()))
    })
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
