//! Patients: register, correct, find, the card, and the duplicate check before registration.

use std::collections::{BTreeMap, BTreeSet};

use consent_domain::event::EventBody;
use consent_domain::ids::PatientId;
use consent_domain::patient::{Patient, PatientInput, Similarity, similarity, validate};
use consent_domain::staff::{Staff, UseCase, authorize};
use consent_domain::state::PatientRecord;

use super::blocking::{redacted, sees_blocked, unblocked};
use super::{Desk, new_uuid, parse_id};
use crate::ServiceError;
use crate::api::{ConsentView, PatientCard, PatientSummary};
use crate::error::Missing;

impl Desk {
    /// Registered patients who may be the person on the form (same document; same name and birth
    /// date; same phone and birth date), strongest match first. The form is validated first: an
    /// invalid form is the error it would be at registration.
    pub fn possible_duplicates(
        &self,
        actor: &Staff,
        input: &PatientInput,
    ) -> Result<Vec<PatientSummary>, ServiceError> {
        Ok(self
            .likely_duplicates(actor, input)?
            .into_iter()
            .map(|(_, patient)| patient)
            .collect())
    }

    /// [`Desk::possible_duplicates`] with the strongest reason each one matches: `consentctl` names
    /// the reason and the id instead of showing the people, since its refusal is an error message.
    pub fn likely_duplicates(
        &self,
        actor: &Staff,
        input: &PatientInput,
    ) -> Result<Vec<(Similarity, PatientSummary)>, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        let new = validate(input, self.today()).map_err(ServiceError::InvalidPatient)?;
        let document = new.document();
        let mut queries = vec![
            format!(
                "{}{}",
                document.series().unwrap_or_default(),
                document.number()
            ),
            new.birth_date().to_string(),
        ];
        queries.extend(new.phone().map(|p| p.as_str().to_owned()));
        let mut found = BTreeMap::new();
        for query in &queries {
            for record in self.store.search(query, DUPLICATE_CANDIDATES)? {
                if let Some(why) = similarity(&new, &record.data) {
                    found
                        .entry(record.id)
                        .and_modify(|(best, _)| *best = why.min(*best))
                        .or_insert((why, record));
                }
            }
        }
        let mut similar: Vec<_> = found.into_values().collect();
        similar.sort_by_key(|(why, record)| (*why, record.data.display_name()));
        Ok(similar
            .iter()
            .map(|(why, record)| (*why, summary(record)))
            .collect())
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
        unblocked(&self.require_patient(patient)?)?;
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
            .map(|record| redacted(summary(record), actor))
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
        let names = self.staff_names()?;
        let blocked = self.block_view(record, &names)?;
        if blocked.is_some() && !sees_blocked(actor) {
            // Reception learns that the data are blocked and why; the data stay hidden.
            return Ok(PatientCard {
                patient: redacted(summary(record), actor),
                address: String::new(),
                email: None,
                minor: false,
                representative: None,
                consents: Vec::new(),
                requests: Vec::new(),
                purposes_in_force: Vec::new(),
                printed_forms: Vec::new(),
                history: Vec::new(),
                blocked,
            });
        }
        let today = self.today();
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
            .map(|r| self.request_view(r, actor, record.blocked.as_ref()))
            .collect::<Result<_, _>>()?;
        let data = &record.data;
        let (printed_forms, history) = self.papers_and_history(patient, &state, &names)?;
        Ok(PatientCard {
            patient: redacted(summary(record), actor),
            address: data.address().as_str().to_owned(),
            email: data.email().map(|e| e.as_str().to_owned()),
            minor: data.is_minor_on(today),
            representative: data.representative().map(|r| r.name().display_name()),
            consents,
            requests,
            purposes_in_force: in_force.iter().map(|p| p.as_str().to_owned()).collect(),
            printed_forms,
            history,
            blocked,
        })
    }

    pub(super) fn require_patient(
        &self,
        patient: PatientId,
    ) -> Result<PatientRecord, ServiceError> {
        self.store
            .patient(patient)?
            .ok_or(ServiceError::NotFound(Missing::Patient))
    }
}

pub(super) fn summary(record: &PatientRecord) -> PatientSummary {
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
        blocked: record.blocked.is_some(),
    }
}

/// How many existing records the duplicate check compares at most per search (a birth date shared
/// by more patients than this is not a useful warning anyway).
const DUPLICATE_CANDIDATES: usize = 100;
