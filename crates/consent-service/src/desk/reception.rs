//! What the reception screens need beyond the core use cases: the purposes as the consent screen
//! offers them, the duplicate check before registration, a patient's history and printed papers, and
//! what a scanned form code is.

use std::collections::BTreeMap;

use chrono::{DateTime, Timelike};
use consent_domain::consent::Stage;
use consent_domain::event::{Event, EventBody};
use consent_domain::ids::{FormId, PatientId};
use consent_domain::patient::{PatientInput, Similarity, similarity, validate};
use consent_domain::purpose::PurposeCode;
use consent_domain::staff::{Staff, StaffId, UseCase, authorize};
use consent_domain::state::State;

use super::{Desk, Missing, ServiceError, parse_form_code, parse_id, summary};
use crate::api::{HistoryEntry, PatientSummary, PrintedFormView, PurposeView, ScannedForm};

/// How many existing records the duplicate check compares at most per search (a birth date shared
/// by more patients than this is not a useful warning anyway).
const DUPLICATE_CANDIDATES: usize = 100;

impl Desk {
    /// The policy's purposes in form order, in the desk's language.
    pub fn purposes(&self, actor: &Staff) -> Result<Vec<PurposeView>, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        let lang = self.lang;
        Ok(self
            .catalogue
            .iter()
            .map(|p| PurposeView {
                code: p.code.as_str().to_owned(),
                item: p.item.as_str().to_owned(),
                title: p.title.get(lang).to_owned(),
                description: p.description.get(lang).to_owned(),
                necessity: p.necessity.code().to_owned(),
                legal_ground: p.legal_ground.code().to_owned(),
                preselect: p.may_preselect,
                needs_dissemination_consent: p.needs_dissemination_consent,
            })
            .collect())
    }

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

    /// The papers printed about a patient and who did what, both newest first.
    pub(super) fn papers_and_history(
        &self,
        patient: PatientId,
        state: &State,
        names: &BTreeMap<StaffId, String>,
    ) -> Result<(Vec<PrintedFormView>, Vec<HistoryEntry>), ServiceError> {
        let events = self.store.subject_events(patient)?;
        let name_of = |id: StaffId| super::staff_name(names, id);
        let mut papers = Vec::new();
        let mut history = Vec::new();
        for event in &events {
            if let Some(paper) = self.paper(event, state, &name_of) {
                papers.push(paper);
            }
            history.push(HistoryEntry {
                at: clinic_minute(event.hlc.wall_ms),
                actor: name_of(event.actor),
                action: event.body.kind().to_owned(),
                detail: self.history_detail(&event.body),
            });
        }
        papers.reverse();
        history.reverse();
        Ok((papers, history))
    }

    fn paper(
        &self,
        event: &Event,
        state: &State,
        name_of: &impl Fn(StaffId) -> String,
    ) -> Option<PrintedFormView> {
        let (form, document, consent) = match &event.body {
            EventBody::ConsentFormPrinted { form, consent, .. } => {
                (*form, "consent", Some(consent))
            }
            EventBody::FormPrinted { form, document, .. } => (*form, document.code(), None),
            _ => return None,
        };
        let state_code = match consent.and_then(|id| state.consents.get(id)) {
            None => "issued",
            Some(consent) => form_state(consent, form),
        };
        Some(PrintedFormView {
            form_id: form.to_string(),
            short_code: consent_forms::short_code(form),
            document: document.to_owned(),
            consent_id: consent.map(ToString::to_string),
            printed_at: clinic_minute(event.hlc.wall_ms),
            printed_by: name_of(event.actor),
            state: state_code.to_owned(),
        })
    }

    fn items(&self, codes: impl IntoIterator<Item = PurposeCode>) -> String {
        codes
            .into_iter()
            .map(|code| {
                self.catalogue
                    .get(&code)
                    .map(|p| p.item.as_str().to_owned())
                    .unwrap_or_else(|| code.as_str().to_owned())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn history_detail(&self, body: &EventBody) -> Option<String> {
        Some(match body {
            EventBody::ConsentDrafted { draft, .. } => self.items(
                draft
                    .decisions
                    .iter()
                    .filter(|(_, d)| matches!(d, consent_domain::consent::Decision::Granted))
                    .map(|(code, _)| code.clone()),
            ),
            EventBody::ConsentFormPrinted { form, .. }
            | EventBody::ConsentSigned { form, .. }
            | EventBody::FormPrinted { form, .. } => consent_forms::short_code(*form),
            EventBody::RequestReceived { purposes, .. } if !purposes.is_empty() => {
                self.items(purposes.iter().cloned())
            }
            EventBody::PurposeDecided { purpose, .. } => self.items([purpose.clone()]),
            _ => return None,
        })
    }

    /// What the form with this code (its QR content or the short code) is, and whether one key press
    /// can confirm its signature. `open_patient`: the card on screen, to warn about another patient's
    /// paper.
    pub fn lookup_form(
        &self,
        actor: &Staff,
        code: &str,
        open_patient: Option<&str>,
    ) -> Result<ScannedForm, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        let form = parse_form_code(code, |code| {
            Ok(consent_store::projection::forms_with_short_code(
                self.store_conn(),
                code,
            )?)
        })?;
        let patient = consent_store::projection::patient_of_form(self.store_conn(), form)?
            .ok_or(ServiceError::NotFound(Missing::Form))?;
        let open = open_patient
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|id| parse_id::<PatientId>(id, "patient id"))
            .transpose()?;
        let state = self.store.subject(patient)?;
        let record = state
            .patients
            .get(&patient)
            .ok_or(ServiceError::NotFound(Missing::Patient))?;
        let consent = consent_store::projection::consent_of_form(self.store_conn(), form)?
            .and_then(|id| state.consents.get(&id));
        let (document, form_state) = match consent {
            Some(consent) => (
                "consent",
                match form_state(consent, form) {
                    "signed" => "already_signed",
                    other => other,
                },
            ),
            None => (
                state
                    .printed
                    .get(&form)
                    .map_or("other", |p| p.document.code()),
                "not_for_signature",
            ),
        };
        Ok(ScannedForm {
            form_id: form.to_string(),
            short_code: consent_forms::short_code(form),
            document: document.to_owned(),
            patient: summary(record),
            consent: consent.map(|c| self.consent_view(c)),
            state: form_state.to_owned(),
            other_patient: open.is_some_and(|open| open != patient),
        })
    }
}

/// The state of one printed copy of a consent form.
fn form_state(consent: &consent_domain::consent::Consent, form: FormId) -> &'static str {
    match &consent.stage {
        Stage::Signed(s) | Stage::Superseded { signature: s, .. } if s.form == form => "signed",
        Stage::FormPrinted if consent.forms.iter().any(|f| f.form == form) => "awaiting_signature",
        _ => "not_signed",
    }
}

/// `YYYY-MM-DDTHH:MM` in the clinic's time zone.
fn clinic_minute(wall_ms: u64) -> String {
    let at = consent_store::clinic_time(wall_ms).unwrap_or(DateTime::UNIX_EPOCH.fixed_offset());
    format!("{}T{:02}:{:02}", at.date_naive(), at.hour(), at.minute())
}
