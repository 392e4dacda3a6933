//! A patient's history (who did what, when, in words) and the papers printed for them with each
//! paper's state, as the patient card shows them.

use std::collections::BTreeMap;

use chrono::{DateTime, Timelike};
use consent_domain::event::{Event, EventBody};
use consent_domain::ids::PatientId;
use consent_domain::purpose::PurposeCode;
use consent_domain::staff::StaffId;
use consent_domain::state::State;

use super::{Desk, ServiceError, form_state};
use crate::api::{HistoryEntry, PrintedFormView};

impl Desk {
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
}

/// `YYYY-MM-DDTHH:MM` in the clinic's time zone.
pub(super) fn clinic_minute(wall_ms: u64) -> String {
    let at = consent_store::clinic_time(wall_ms).unwrap_or(DateTime::UNIX_EPOCH.fixed_offset());
    format!("{}T{:02}:{:02}", at.date_naive(), at.hour(), at.minute())
}
