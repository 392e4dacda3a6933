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
use consent_domain::ids::{ConsentId, DeskId, FormId, PatientId, RequestId};
use consent_domain::patient::{Patient, PatientInput, parse_date, validate};
use consent_domain::purpose::{Catalogue, PurposeCode};
use consent_domain::request::{
    Deadline, Disposal, Extension, Notification, PurposeOutcome, Request, RequestChannel,
    RequestKind, Scope,
};
use consent_domain::staff::{Login, Role, Staff, StaffId, UseCase, authorize};
use consent_domain::state::PatientRecord;
use consent_store::{DatabaseId, DbKey, KeySource, Keyring, Store, clinic_date};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ServiceError;
use consent_domain::clinic::{ClinicDetails, ClinicInput};

use crate::api::{
    BackupView, ClinicView, ConsentView, DeadlineView, PatientCard, PatientSummary, PurposeLine,
    QueueItem, RebuildView, RequestView, StaffView, VerifyReport,
};
use crate::clock::Clock;
use crate::error::{Missing, check_stored_text};

mod printing;
mod reception;

pub use consent_forms::QR_PREFIX;
pub use printing::PrintedPdf;

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

impl KeyChoice {
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
            return Err(ServiceError::NotInitialized { path: db_path });
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
        let clinic = ClinicDetails::validate(input).map_err(ServiceError::InvalidClinic)?;
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
        let form = parse_form_code(form_code, || {
            Ok(consent_store::projection::all_form_ids(self.store_conn())?)
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

    /// Takes in a subject request; a withdrawal takes effect at once and enters the queue.
    pub fn receive_request(
        &mut self,
        actor: &Staff,
        input: &ReceiveInput,
    ) -> Result<RequestView, ServiceError> {
        authorize(actor, UseCase::ReceiveRequest)?;
        let patient = parse_id::<PatientId>(&input.patient, "patient id")?;
        self.require_patient(patient)?;
        let today = self.today();
        let received_on = match input
            .received_on
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(text) => parse_day(text, "received date")?,
            None => today,
        };
        let channel = parse_channel(&input.channel)?;
        let state = self.store.subject(patient)?;
        let mut in_force = BTreeSet::new();
        for consent in state.consents.values() {
            if matches!(consent.stage, Stage::Signed(_)) {
                in_force.extend(consent.in_force_purposes());
            }
        }
        let registered_on = state
            .patients
            .get(&patient)
            .map(|record| clinic_date(record.registered_at.wall_ms))
            .ok_or(ServiceError::NotFound(Missing::Patient))?;
        let (kind, purposes) = match input.kind.trim() {
            "withdrawal" if input.purposes.is_empty() => {
                (RequestKind::Withdrawal(Scope::All), in_force)
            }
            "withdrawal" => {
                let chosen = input
                    .purposes
                    .iter()
                    .map(|c| self.purpose(c))
                    .collect::<Result<BTreeSet<_>, _>>()?;
                if let Some(not_granted) = chosen.iter().find(|c| !in_force.contains(*c)) {
                    return Err(ServiceError::Rule {
                        detail: consent_domain::consent::ConsentError::PurposeNotGranted(
                            not_granted.clone(),
                        )
                        .code(),
                    });
                }
                (
                    RequestKind::Withdrawal(Scope::Purposes(chosen.clone())),
                    chosen,
                )
            }
            "access" => (RequestKind::Access, BTreeSet::new()),
            "correction" => (RequestKind::Correction, BTreeSet::new()),
            "blocking" => (RequestKind::Blocking, BTreeSet::new()),
            "claim" => (RequestKind::Claim, BTreeSet::new()),
            _ => {
                return Err(ServiceError::BadInput {
                    what: "request kind",
                    detail: "unknown_choice",
                });
            }
        };
        // A withdrawal cannot be received before the newest consent it takes a purpose back from was
        // signed.
        let withdrawn_signed_on = state
            .consents
            .values()
            .filter_map(|consent| match &consent.stage {
                Stage::Signed(signature)
                    if consent
                        .in_force_purposes()
                        .iter()
                        .any(|code| purposes.contains(code)) =>
                {
                    Some(clinic_date(signature.at.wall_ms))
                }
                _ => None,
            })
            .max();
        date_rules::check_received(received_on, today, registered_on, withdrawn_signed_on)
            .map_err(|p| bad_date("received date", p))?;
        let id = RequestId::from_uuid(new_uuid(self.now())?);
        let request = Request::receive(
            id,
            patient,
            kind.clone(),
            received_on,
            channel,
            purposes.clone(),
            today,
        )?;
        // A deadline in an unknown year is refused before anything is recorded.
        request.deadlines(self.store.calendar())?;
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::RequestReceived {
                request: id,
                patient,
                kind,
                received_on,
                channel,
                purposes,
            },
        )?;
        self.request(actor, &id.to_string())
    }

    fn load_request(&self, id: &str) -> Result<Request, ServiceError> {
        consent_store::projection::request(self.store_conn(), parse_id(id, "request id")?)?
            .ok_or(ServiceError::NotFound(Missing::Request))
    }

    /// Appends `body` after the domain accepted `step` on the request, and shows the result.
    fn request_step(
        &mut self,
        actor: &Staff,
        use_case: UseCase,
        id: &str,
        step: impl FnOnce(&Request) -> Result<Request, consent_domain::request::RequestError>,
        body: impl FnOnce(&Request) -> EventBody,
    ) -> Result<RequestView, ServiceError> {
        authorize(actor, use_case)?;
        let request = self.load_request(id)?;
        step(&request)?;
        self.store.append(actor.id(), self.now(), body(&request))?;
        self.request(actor, id)
    }

    /// A manager takes the request into work.
    pub fn start_request(&mut self, actor: &Staff, id: &str) -> Result<RequestView, ServiceError> {
        self.request_step(actor, UseCase::StartProcessing, id, Request::start, |r| {
            EventBody::RequestStarted {
                patient: r.patient,
                request: r.id,
            }
        })
    }

    /// Records, for one purpose of a withdrawal, that processing stopped (`legal_ground` none) or
    /// continues on the given legal ground.
    pub fn decide_purpose(
        &mut self,
        actor: &Staff,
        id: &str,
        purpose: &str,
        legal_ground: Option<&str>,
    ) -> Result<RequestView, ServiceError> {
        let purpose = self.purpose(purpose)?;
        let outcome = match legal_ground.map(str::trim) {
            Some(ground) => {
                check_stored_text(ground, "legal ground")?;
                PurposeOutcome::Continues {
                    legal_ground: ground.to_owned(),
                }
            }
            None => PurposeOutcome::Stopped,
        };
        let (p, o) = (purpose.clone(), outcome.clone());
        self.request_step(
            actor,
            UseCase::RecordPurposeDecision,
            id,
            move |r| r.decide(p, o),
            move |r| EventBody::PurposeDecided {
                patient: r.patient,
                request: r.id,
                purpose,
                outcome,
            },
        )
    }

    /// The one +5 working day extension, with the reason the notice to the subject gives.
    pub fn extend_request(
        &mut self,
        actor: &Staff,
        id: &str,
        reason: &str,
    ) -> Result<RequestView, ServiceError> {
        let reason = reason.trim();
        check_stored_text(reason, "reason")?;
        let extension = Extension {
            reason: reason.to_owned(),
            by: actor.id(),
            at: Hlc::new(self.now(), 0),
        };
        let reason = reason.to_owned();
        self.request_step(
            actor,
            UseCase::ExtendDeadline,
            id,
            move |r| r.extend(extension),
            move |r| EventBody::RequestExtended {
                patient: r.patient,
                request: r.id,
                reason,
            },
        )
    }

    /// The stopped purposes' data were destroyed (or, where that is impossible in time, blocked).
    pub fn dispose_request(
        &mut self,
        actor: &Staff,
        id: &str,
        destroyed: bool,
    ) -> Result<RequestView, ServiceError> {
        let (disposal, use_case) = if destroyed {
            (Disposal::Destroyed, UseCase::DestroyData)
        } else {
            (Disposal::Blocked, UseCase::BlockData)
        };
        self.request_step(
            actor,
            use_case,
            id,
            move |r| r.dispose(disposal),
            move |r| EventBody::DataDisposed {
                patient: r.patient,
                request: r.id,
                disposal,
            },
        )
    }

    /// The subject was told the outcome on `on` through `channel`.
    pub fn notify_subject(
        &mut self,
        actor: &Staff,
        id: &str,
        on: Option<&str>,
        channel: &str,
    ) -> Result<RequestView, ServiceError> {
        let on = match on.map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => parse_day(text, "date")?,
            None => self.today(),
        };
        authorize(actor, UseCase::NotifySubject)?;
        let received_on = self.load_request(id)?.received_on;
        date_rules::check_notified(on, received_on, self.today())
            .map_err(|p| bad_date("date", p))?;
        let channel = parse_channel(channel)?;
        let notification = Notification {
            on,
            channel,
            by: actor.id(),
        };
        self.request_step(
            actor,
            UseCase::NotifySubject,
            id,
            move |r| r.notify(notification),
            move |r| EventBody::SubjectNotified {
                patient: r.patient,
                request: r.id,
                on,
                channel,
            },
        )
    }

    /// Closes a request whose subject was notified.
    pub fn close_request(&mut self, actor: &Staff, id: &str) -> Result<RequestView, ServiceError> {
        self.request_step(actor, UseCase::CloseRequest, id, Request::close, |r| {
            EventBody::RequestClosed {
                patient: r.patient,
                request: r.id,
            }
        })
    }

    pub fn request(&self, actor: &Staff, id: &str) -> Result<RequestView, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        self.request_view(&self.load_request(id)?)
    }

    /// The managers' queue: open requests, overdue and soonest first.
    pub fn queue(&self, actor: &Staff) -> Result<Vec<QueueItem>, ServiceError> {
        authorize(actor, UseCase::ViewQueue)?;
        let today = self.today();
        let calendar = self.store.calendar();
        // Many requests share a due date: count working days once per date.
        let mut left: BTreeMap<NaiveDate, Option<i64>> = BTreeMap::new();
        let rows = self.store.queue()?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let next = match (row.next_due, row.next_obligation) {
                (Some(due), Some(obligation)) => {
                    let days = *left
                        .entry(due)
                        .or_insert_with(|| calendar.working_days_between(today, due).ok());
                    days.map(|days| DeadlineView {
                        obligation,
                        due: due.to_string(),
                        working_days_left: days,
                        overdue: due < today,
                    })
                }
                _ => None,
            };
            items.push(QueueItem {
                request_id: row.request.to_string(),
                patient_id: row.patient.to_string(),
                patient_name: row.patient_name,
                kind: row.kind,
                status: row.status,
                received_on: row.received_on.to_string(),
                extended: row.extended,
                next,
            });
        }
        Ok(items)
    }

    pub fn verify(&self, actor: &Staff) -> Result<VerifyReport, ServiceError> {
        authorize(actor, UseCase::VerifyLedger)?;
        let verification = self.store.verify()?;
        let defects = verification
            .defects
            .iter()
            .map(|d| match d {
                consent_store::ledger::Defect::Missing { desk, expected_seq } => {
                    defect_text(self.lang, "missing", *desk, *expected_seq)
                }
                consent_store::ledger::Defect::BrokenLink { desk, seq } => {
                    defect_text(self.lang, "broken", *desk, *seq)
                }
                consent_store::ledger::Defect::Tampered { desk, seq } => {
                    defect_text(self.lang, "tampered", *desk, *seq)
                }
            })
            .chain(verification.keys_missing.iter().map(|subject| {
                // The subject's id (a random UUID) names no one; the data stays unreadable.
                let subject = uuid::Uuid::from_bytes(*subject);
                match self.lang {
                    Lang::Ru => format!(
                        "ключ субъекта {subject} удалён без записи об уничтожении его данных: \
                         база изменена в обход программы"
                    ),
                    Lang::En => format!(
                        "the key of subject {subject} was deleted with no record of the destruction \
                         of their data: the database was changed behind the desk's back"
                    ),
                }
            }))
            .chain(verification.rollback.iter().map(|rollback| rollback_text(self.lang, rollback)))
            .chain(verification.file_problems.iter().map(|problem| {
                // SQLite's own words (page numbers, index names) after a localized heading.
                match self.lang {
                    Lang::Ru => format!("файл базы данных повреждён: {problem}"),
                    Lang::En => format!("the database file is damaged: {problem}"),
                }
            }))
            .collect();
        Ok(VerifyReport {
            intact: verification.is_intact(),
            desks: verification.desks as u64,
            events: verification.events,
            defects,
        })
    }

    pub fn rebuild(&mut self, actor: &Staff) -> Result<RebuildView, ServiceError> {
        authorize(actor, UseCase::RebuildProjections)?;
        let report = self.store.rebuild()?;
        Ok(RebuildView {
            events: report.events as u64,
            patients: report.patients as u64,
            consents: report.consents as u64,
            requests: report.requests as u64,
            shredded: report.shredded as u64,
            unchanged: report.unchanged,
        })
    }

    /// Writes an encrypted, checked copy of the whole desk to `target` (a new file, 0600), under the
    /// desk's own key, while the desk stays in use. Returns the number of events copied.
    pub fn backup(&self, actor: &Staff, target: &Path) -> Result<BackupView, ServiceError> {
        authorize(actor, UseCase::BackupDesk)?;
        let events = self.store.backup_to(target)?;
        tracing::info!(events, "desk backed up");
        Ok(BackupView {
            file: target.display().to_string(),
            events,
        })
    }

    /// Adds or corrects a year of the production calendar (xmlcalendar text); running deadlines move.
    pub fn import_calendar(&mut self, actor: &Staff, xml: &str) -> Result<i32, ServiceError> {
        authorize(actor, UseCase::ImportCalendar)?;
        self.store.import_calendar(xml).map_err(|e| match e {
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

    fn request_view(&self, request: &Request) -> Result<RequestView, ServiceError> {
        let today = self.today();
        let calendar = self.store.calendar();
        let deadlines = match request.deadlines(calendar) {
            Ok(list) => list
                .iter()
                .map(|d| deadline_view(d, today, calendar))
                .collect::<Result<_, _>>()?,
            // A running request whose year is unknown still shows; its deadlines say so elsewhere.
            Err(_) => Vec::new(),
        };
        Ok(RequestView {
            id: request.id.to_string(),
            patient_id: request.patient.to_string(),
            kind: request.kind.code().to_owned(),
            status: request.status.code().to_owned(),
            received_on: request.received_on.to_string(),
            channel: request.channel.code().to_owned(),
            purposes: request
                .purposes
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect(),
            extended: request.extension.is_some(),
            deadlines,
        })
    }
}

fn parse_channel(text: &str) -> Result<RequestChannel, ServiceError> {
    match text.trim() {
        "in_person" | "" => Ok(RequestChannel::InPerson),
        "email" => Ok(RequestChannel::Email),
        "post" => Ok(RequestChannel::Post),
        _ => Err(ServiceError::BadInput {
            what: "channel",
            detail: "unknown_choice",
        }),
    }
}

fn deadline_view(
    deadline: &Deadline,
    today: NaiveDate,
    calendar: &Calendar,
) -> Result<DeadlineView, ServiceError> {
    Ok(DeadlineView {
        obligation: deadline.obligation.code().to_owned(),
        due: deadline.due.to_string(),
        working_days_left: calendar.working_days_between(today, deadline.due)?,
        overdue: deadline.due < today,
    })
}

/// The anchor's finding in words: how many of the newest events are gone, and the last one known.
fn rollback_text(lang: Lang, rollback: &consent_store::anchor::Rollback) -> String {
    use consent_store::anchor::Rollback;
    match (rollback, lang) {
        (Rollback::Missing { missing, last_seq, at_ms }, lang) => {
            let at = consent_store::clinic_time(*at_ms)
                .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
                .unwrap_or_default();
            match lang {
                Lang::Ru => format!(
                    "нет последних событий журнала ({missing}): последнее известное — №{last_seq} от {at}"
                ),
                Lang::En => format!(
                    "the newest {missing} event(s) of the ledger are missing: the last one known was #{last_seq} at {at}"
                ),
            }
        }
        (Rollback::Rewritten { seq }, Lang::Ru) => {
            format!("событие №{seq} журнала подменено: цепочка переписана после записи якоря")
        }
        (Rollback::Rewritten { seq }, Lang::En) => {
            format!("event #{seq} of the ledger was replaced: the chain was rewritten after it was anchored")
        }
        (Rollback::AnchorInvalid, Lang::Ru) => {
            "якорь журнала (файл рядом с базой) повреждён, подделан или от другой базы".to_owned()
        }
        (Rollback::AnchorInvalid, Lang::En) => {
            "the ledger's anchor (the file beside the database) is damaged, forged or from another database"
                .to_owned()
        }
    }
}

fn defect_text(lang: Lang, kind: &str, desk: DeskId, seq: u64) -> String {
    match (lang, kind) {
        (Lang::Ru, "missing") => format!("рабочее место {desk}: отсутствует событие № {seq}"),
        (Lang::Ru, "broken") => {
            format!("рабочее место {desk}: разорвана цепочка на событии № {seq}")
        }
        (Lang::Ru, _) => format!("рабочее место {desk}: событие № {seq} изменено"),
        (Lang::En, "missing") => format!("desk {desk}: event {seq} is missing"),
        (Lang::En, "broken") => format!("desk {desk}: the chain breaks at event {seq}"),
        (Lang::En, _) => format!("desk {desk}: event {seq} was altered"),
    }
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
/// tried as the short code printed beside the QR code (`XXXX-XXXX`).
fn parse_form_code(
    text: &str,
    known: impl FnOnce() -> Result<Vec<FormId>, ServiceError>,
) -> Result<FormId, ServiceError> {
    let unknown = ServiceError::BadInput {
        what: "form code",
        detail: "unknown_form_code",
    };
    let code = match consent_forms::read_form_code(text).ok_or(unknown)? {
        consent_forms::FormCode::Id(form) => return Ok(form),
        consent_forms::FormCode::Short(code) => code,
    };
    known()?
        .into_iter()
        .find(|form| consent_forms::short_code(*form) == code)
        .ok_or(ServiceError::NotFound(Missing::Form))
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
    DatabaseId::parse(&file.database_id).map_err(|_| {
        ServiceError::Store(consent_store::StoreError::Incomplete {
            path,
            detail: "desk.json names no valid database id".to_owned(),
        })
    })
}

fn read_desk_file(path: &Path) -> Result<DeskFile, ServiceError> {
    let text = std::fs::read_to_string(path).map_err(|_| {
        ServiceError::Store(consent_store::StoreError::Incomplete {
            path: path.to_path_buf(),
            detail: "desk.json is missing or unreadable".to_owned(),
        })
    })?;
    serde_json::from_str(&text).map_err(|_| {
        ServiceError::Store(consent_store::StoreError::Incomplete {
            path: path.to_path_buf(),
            detail: "desk.json is damaged".to_owned(),
        })
    })
}
