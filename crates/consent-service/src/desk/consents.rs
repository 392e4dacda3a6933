//! Consents: the purposes as offered, granting, the printed and signed paper form, and what a
//! scanned form code is.

use std::collections::BTreeMap;

use consent_domain::consent::{
    Consent, ConsentChannel, ConsentDraft, ConsentTerm, Decision, Signature, Stage,
};
use consent_domain::date_rules;
use consent_domain::event::EventBody;
use consent_domain::hlc::Hlc;
use consent_domain::ids::{ConsentId, FormId, PatientId};
use consent_domain::purpose::PurposeCode;
use consent_domain::staff::{Staff, StaffId, UseCase, authorize};

use super::blocking::{redacted, unblocked};
use super::{
    Desk, GrantInput, bad_date, new_uuid, parse_day, parse_form_code, parse_id, staff_name, summary,
};
use crate::ServiceError;
use crate::api::{ConsentView, PurposeLine, PurposeView, ScannedForm};
use crate::error::{Missing, check_stored_text};

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
            patient: redacted(summary(record), actor),
            consent: consent.map(|c| self.consent_view(c)),
            state: form_state.to_owned(),
            other_patient: open.is_some_and(|open| open != patient),
        })
    }

    /// Drafts a consent: `granted` purposes are granted, every other purpose of the policy refused.
    pub fn grant_consent(
        &mut self,
        actor: &Staff,
        input: &GrantInput,
    ) -> Result<ConsentView, ServiceError> {
        authorize(actor, UseCase::GrantConsent)?;
        let patient = parse_id::<PatientId>(&input.patient, "patient id")?;
        unblocked(&self.require_patient(patient)?)?;
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

    pub(super) fn purpose(&self, code: &str) -> Result<PurposeCode, ServiceError> {
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

    pub(super) fn load_consent(&self, id: ConsentId) -> Result<Consent, ServiceError> {
        consent_store::projection::consent(self.store_conn(), id)?
            .ok_or(ServiceError::NotFound(Missing::Consent))
    }

    /// Records that a copy of the consent form was printed; returns the form id for its QR code.
    pub fn mark_printed(
        &mut self,
        actor: &Staff,
        consent_id: &str,
    ) -> Result<(ConsentView, String), ServiceError> {
        authorize(actor, UseCase::PrintForm)?;
        let consent = self.load_consent(parse_id(consent_id, "consent id")?)?;
        self.require_unblocked(consent.patient)?;
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
        self.require_unblocked(consent.patient)?;
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

    fn consent_view(&self, consent: &Consent) -> ConsentView {
        self.consent_view_named(consent, &self.staff_names().unwrap_or_default())
    }

    pub(super) fn consent_view_named(
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

/// The state of one printed copy of a consent form.
pub(super) fn form_state(consent: &consent_domain::consent::Consent, form: FormId) -> &'static str {
    match &consent.stage {
        Stage::Signed(s) | Stage::Superseded { signature: s, .. } if s.form == form => "signed",
        Stage::FormPrinted if consent.forms.iter().any(|f| f.form == form) => "awaiting_signature",
        _ => "not_signed",
    }
}
