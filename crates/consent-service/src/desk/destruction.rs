//! Destroying a data subject as a whole, and the register of acts of destruction (order No. 179).
//!
//! A manager sees what would go ([`Desk::destruction_plan`]) and confirms by typing the patient's
//! surname ([`Desk::destroy_subject`]). The destruction records the withdrawal's disposal with a
//! record of what outlives the subject, deletes the subject's key (the store's crypto-shredding: every
//! sealed event of theirs is unreadable from then on, on every desk that folds the event) and
//! writes the act of destruction in the same transaction. The act keeps the subject's full name, the
//! one personal datum that outlives the destruction, until its three-year keeping period ends; the
//! register forgets the name then ([`Desk::acts`]).

use chrono::{DateTime, Months, NaiveDate};
use consent_domain::destruction::{self, DestructionRecord};
use consent_domain::event::{EventBody, PrintedDocument};
use consent_domain::ids::{FormId, PatientId};
use consent_domain::patient::search_key;
use consent_domain::purpose::DataCategory;
use consent_domain::request::{Disposal, Request};
use consent_domain::staff::{Staff, UseCase, authorize};
use consent_forms::{DestroyedData, DestructionAct, Signer, reference};
use consent_store::acts::ActRecord;
use serde::{Deserialize, Serialize};

use super::history::clinic_minute;
use super::{Desk, parse_id};
use crate::ServiceError;
use crate::api::{
    ActView, ConsentTraceView, DestroyedSubjectView, DestructionPlanView, HistoryEntry,
};
use crate::desk::PrintedPdf;
use crate::error::Missing;

/// How long an act of destruction and its extract are kept (order No. 179, p. 3).
pub const ACT_KEEPING_YEARS: u32 = 3;

/// How the data were destroyed, as the act states it.
const METHOD: &str = "удаление ключа шифрования данных субъекта и записей о нём из базы данных \
                      информационной системы без возможности восстановления";

/// What an act says besides the name, as the register keeps it (JSON, versioned).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActContent {
    v: u32,
    /// Category codes (`DataCategory::code`).
    categories: Vec<String>,
    /// Why, in Russian, as printed.
    reason: String,
    /// The destruction event's wall clock, ms.
    destroyed_at_ms: u64,
    /// Who destroyed the data (staff id).
    by: String,
}

impl Desk {
    /// What destroying the subject of withdrawal `request_id` would destroy, and whether the law
    /// and the records allow it now.
    pub fn destruction_plan(
        &self,
        actor: &Staff,
        request_id: &str,
    ) -> Result<DestructionPlanView, ServiceError> {
        authorize(actor, UseCase::DestroyData)?;
        let request = self.load_request(request_id)?;
        let state = self.store.subject(request.patient)?;
        let patient = self.live_patient(&state, request.patient)?;
        let refusal = destruction::check_whole(
            &request,
            state.consents.values(),
            state.requests.values(),
            patient.blocked.is_some(),
        )
        .err()
        .map(|r| {
            ServiceError::Rule { detail: r.code() }
                .message(self.lang)
                .to_string()
        });
        Ok(DestructionPlanView {
            request_id: request.id.to_string(),
            patient_id: request.patient.to_string(),
            patient_name: patient.data.display_name(),
            allowed: refusal.is_none(),
            refusal,
            categories: held_categories(&patient.data)
                .into_iter()
                .map(|c| self.category_title(c))
                .collect(),
        })
    }

    /// Destroys the subject of withdrawal `request_id` as a whole, once `surname` (as typed) matches
    /// the patient's: the disposal, the subject's key and projections, and the act, in one
    /// transaction. Refused, with nothing changed, to reception, for a request not every purpose of
    /// which stopped, while any purpose goes on or another request is open, and on a wrong surname.
    pub fn destroy_subject(
        &mut self,
        actor: &Staff,
        request_id: &str,
        surname: &str,
    ) -> Result<ActView, ServiceError> {
        authorize(actor, UseCase::DestroyData)?;
        let request = self.load_request(request_id)?;
        let state = self.store.subject(request.patient)?;
        let patient = self.live_patient(&state, request.patient)?;
        destruction::check_whole(
            &request,
            state.consents.values(),
            state.requests.values(),
            patient.blocked.is_some(),
        )
        .map_err(|r| ServiceError::Rule { detail: r.code() })?;
        if search_key::name(surname.trim())
            != search_key::name(patient.data.name().surname.as_str())
        {
            return Err(ServiceError::Rule {
                detail: "destruction_surname_mismatch",
            });
        }
        let disposed = request.dispose(Disposal::Destroyed)?;
        let today = self.today();
        let record = DestructionRecord::new(
            today,
            &disposed,
            state.consents.values(),
            state.requests.values(),
        );
        let content = ActContent {
            v: 1,
            categories: held_categories(&patient.data)
                .into_iter()
                .map(|c| c.code().to_owned())
                .collect(),
            reason: withdrawal_reason(&request),
            destroyed_at_ms: 0,
            by: actor.id().to_string(),
        };
        let name = patient.data.display_name();
        let body = EventBody::DataDisposed {
            patient: request.patient,
            request: request.id,
            disposal: Disposal::Destroyed,
            record: Some(Box::new(record)),
        };
        let act_id = *consent_store::new_v7(self.now())?.as_bytes();
        let (_, act) =
            self.store
                .destroy_subject(actor.id(), self.now(), body, |event, number| {
                    let content = ActContent {
                        destroyed_at_ms: event.hlc.wall_ms,
                        ..content
                    };
                    Ok(ActRecord {
                        id: act_id,
                        number,
                        subject: request.patient,
                        request: request.id,
                        drawn_up_on: today,
                        keep_until: keep_until(today),
                        subject_name: Some(name),
                        act: serde_json::to_vec(&content).unwrap_or_default(),
                    })
                })?;
        self.act_view(&act)
    }

    /// The register of acts of destruction, newest first. The names of acts whose keeping period
    /// ended are forgotten first, so no list ever shows one.
    pub fn acts(&mut self, actor: &Staff) -> Result<Vec<ActView>, ServiceError> {
        authorize(actor, UseCase::PrintAct)?;
        self.store.forget_expired_act_names(self.today())?;
        self.store
            .acts()?
            .iter()
            .map(|act| self.act_view(act))
            .collect()
    }

    /// The act of destruction with its extract from the event log for withdrawal `request_id`,
    /// rendered from the register (the data themselves are gone), and the print recorded.
    pub fn print_act<E: From<ServiceError>>(
        &mut self,
        actor: &Staff,
        request_id: &str,
        deliver: impl FnOnce(&[PrintedPdf]) -> Result<(), E>,
    ) -> Result<PrintedPdf, E> {
        let (printed, act) = self.render_act(actor, request_id)?;
        deliver(std::slice::from_ref(&printed))?;
        self.record_act_printed(actor, &act, &printed.form_id)?;
        Ok(printed)
    }

    /// Records that the act rendered as `form_id` reached a printer or viewer.
    fn record_act_printed(
        &mut self,
        actor: &Staff,
        act: &ActRecord,
        form_id: &str,
    ) -> Result<(), ServiceError> {
        authorize(actor, UseCase::PrintAct)?;
        let form: FormId = parse_id(form_id, "form id")?;
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::FormPrinted {
                patient: act.subject,
                form,
                document: PrintedDocument::DestructionAct,
                request: Some(act.request),
            },
        )?;
        Ok(())
    }

    /// Renders the act of withdrawal `request_id` from the register, without recording it.
    pub fn render_act(
        &mut self,
        actor: &Staff,
        request_id: &str,
    ) -> Result<(PrintedPdf, ActRecord), ServiceError> {
        authorize(actor, UseCase::PrintAct)?;
        let request = parse_id(request_id, "request id")?;
        self.store.forget_expired_act_names(self.today())?;
        let act = self
            .store
            .acts()?
            .into_iter()
            .find(|a| a.request == request)
            .ok_or(ServiceError::Rule {
                detail: "act_needs_destroyed_data",
            })?;
        let name = act.subject_name.clone().ok_or(ServiceError::Rule {
            detail: "act_keeping_ended",
        })?;
        let content = decode(&act)?;
        let by = self
            .store
            .staff()?
            .into_iter()
            .find(|s| s.id().to_string() == content.by)
            .ok_or(ServiceError::NotFound(Missing::Staff))?;
        let categories: Vec<DataCategory> = content
            .categories
            .iter()
            .filter_map(|code| DataCategory::ALL.into_iter().find(|c| c.code() == code))
            .collect();
        let destroyed_at = consent_store::clinic_time(content.destroyed_at_ms)
            .unwrap_or(DateTime::UNIX_EPOCH.fixed_offset());
        let subjects = [DestroyedData {
            subject_name: name,
            categories,
            reason: content.reason,
            destroyed_at,
        }];
        let (clinic, texts, now) = self.print_context()?;
        let form = self.new_form_id()?;
        let number = act.number.to_string();
        let signers = [Signer {
            staff: &by,
            position: None,
        }];
        let pdf = consent_forms::destruction_act(
            &DestructionAct {
                clinic: &clinic,
                number: Some(&number),
                drawn_up_on: act.drawn_up_on,
                subjects: &subjects,
                destroyed_by: &signers,
                method: METHOD,
                information_system: None,
                form,
                printed_at: now,
            },
            &texts,
        )?;
        Ok((PrintedPdf::new(form, pdf), act))
    }

    fn act_view(&self, act: &ActRecord) -> Result<ActView, ServiceError> {
        let content = decode(act)?;
        let names = self.staff_names()?;
        let by = names
            .iter()
            .find(|(id, _)| id.to_string() == content.by)
            .map(|(_, name)| name.clone())
            .unwrap_or(content.by);
        Ok(ActView {
            id: hex::encode(act.id),
            number: act.number,
            request_id: act.request.to_string(),
            patient_ref: reference(act.subject.as_uuid()),
            subject_name: act.subject_name.clone(),
            drawn_up_on: act.drawn_up_on.to_string(),
            keep_until: act.keep_until.to_string(),
            keeping_ended: act.keep_until < self.today(),
            destroyed_by: by,
            categories: content
                .categories
                .iter()
                .filter_map(|code| DataCategory::ALL.into_iter().find(|c| c.code() == code))
                .map(|c| self.category_title(c))
                .collect(),
        })
    }

    fn category_title(&self, category: DataCategory) -> String {
        match self.lang {
            consent_domain::Lang::Ru => category.title_ru().to_owned(),
            consent_domain::Lang::En => category.title_en().to_owned(),
        }
    }

    /// A destroyed subject as an inspection sees them (managers and administrators).
    pub fn destroyed_subject(
        &self,
        actor: &Staff,
        patient_id: &str,
    ) -> Result<DestroyedSubjectView, ServiceError> {
        authorize(actor, UseCase::ViewQueue)?;
        let id: PatientId = parse_id(patient_id, "patient id")?;
        let subject = self
            .store
            .destroyed_subject(id)?
            .ok_or(ServiceError::NotFound(Missing::Patient))?;
        let names = self.staff_names()?;
        let name_of = |staff| super::staff_name(&names, staff);
        let title = |code: &consent_domain::purpose::PurposeCode| {
            self.catalogue
                .get(code)
                .map(|p| p.title.get(self.lang).to_owned())
                .unwrap_or_else(|| code.to_string())
        };
        let act_number = self
            .store
            .acts()?
            .into_iter()
            .find(|a| a.subject == id)
            .map(|a| a.number);
        let mut trail: Vec<HistoryEntry> = self
            .store
            .subject_trail(id)?
            .into_iter()
            .map(|(hlc, staff, kind)| HistoryEntry {
                at: clinic_minute(hlc.wall_ms),
                actor: name_of(staff),
                action: kind,
                detail: None,
            })
            .collect();
        trail.reverse();
        Ok(DestroyedSubjectView {
            patient_id: id.to_string(),
            patient_ref: reference(id.as_uuid()),
            destroyed_on: subject.record.destroyed_on.to_string(),
            destroyed_by: name_of(subject.by),
            request_id: subject.request.to_string(),
            act_number,
            consents: subject
                .record
                .consents
                .iter()
                .map(|c| ConsentTraceView {
                    consent_id: c.consent.to_string(),
                    granted: c.granted.iter().map(title).collect(),
                    signed_at: c.signed_at.map(|at| clinic_minute(at.wall_ms)),
                    withdrawn: c.withdrawn.iter().map(|(code, _)| title(code)).collect(),
                })
                .collect(),
            trail,
        })
    }

    /// The subject's record; a destroyed subject is refused in words, not as "not found".
    fn live_patient<'s>(
        &self,
        state: &'s consent_domain::state::State,
        patient: PatientId,
    ) -> Result<&'s consent_domain::state::PatientRecord, ServiceError> {
        match state.patients.get(&patient) {
            Some(record) => Ok(record),
            None if state.destroyed.contains_key(&patient) => Err(ServiceError::Rule {
                detail: "subject_destroyed",
            }),
            None => Err(ServiceError::NotFound(Missing::Patient)),
        }
    }

    /// Whether `request` may destroy its subject as a whole now.
    pub(super) fn whole_destruction_allowed(
        &self,
        request: &Request,
    ) -> Result<bool, ServiceError> {
        let state = self.store.subject(request.patient)?;
        let blocked = state
            .patients
            .get(&request.patient)
            .is_some_and(|p| p.blocked.is_some());
        Ok(destruction::check_whole(
            request,
            state.consents.values(),
            state.requests.values(),
            blocked,
        )
        .is_ok())
    }

    /// Whether `patient`'s data were destroyed here or on another desk.
    pub fn is_destroyed(&self, patient: PatientId) -> Result<bool, ServiceError> {
        Ok(self.store.destroyed_subject(patient)?.is_some())
    }
}

fn decode(act: &ActRecord) -> Result<ActContent, ServiceError> {
    serde_json::from_slice(&act.act).map_err(|_| ServiceError::Rule {
        detail: "act_unreadable",
    })
}

/// The last day of an act's keeping period: three years after it was drawn up.
fn keep_until(drawn_up_on: NaiveDate) -> NaiveDate {
    drawn_up_on
        .checked_add_months(Months::new(12 * ACT_KEEPING_YEARS))
        .unwrap_or(NaiveDate::MAX)
}

/// The categories the desk holds about a patient: what a whole destruction destroys.
fn held_categories(patient: &consent_domain::patient::Patient) -> Vec<DataCategory> {
    DataCategory::ALL
        .into_iter()
        .filter(|c| match c {
            DataCategory::FullName
            | DataCategory::BirthDate
            | DataCategory::Sex
            | DataCategory::Address
            | DataCategory::IdentityDocument => true,
            DataCategory::Phone => patient.phone().is_some(),
            DataCategory::Email => patient.email().is_some(),
            DataCategory::LocationAndDevice
            | DataCategory::HealthData
            | DataCategory::AccountCredentials => false,
        })
        .collect()
}

fn withdrawal_reason(request: &Request) -> String {
    format!(
        "отзыв согласия на обработку персональных данных (ч. 2 ст. 9, ч. 5 ст. 21 \
         Федерального закона № 152-ФЗ), обращение от {}",
        consent_domain::dates::ru_date(request.received_on)
    )
}
