//! Printing: the paper forms of `consent-forms`, filled from the desk's records.
//!
//! Each print renders first and records second: the form's id (in its QR code) is recorded in the
//! ledger only once the PDF exists, and a form that cannot be filled completely (no clinic details, a
//! patient without a document, a minor without a representative) is an error, never a half-filled
//! paper. The PDF is returned in memory: it holds personal data, so the service never writes it to disk.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use consent_domain::calendar::DeadlineRule;
use consent_domain::clinic::ClinicDetails;
use consent_domain::event::{EventBody, PrintedDocument};
use consent_domain::ids::{ConsentId, FormId, PatientId};
use consent_domain::purpose::PurposeCode;
use consent_domain::request::{Disposal, EXTENSION_WORKING_DAYS, Obligation, Request, rules};
use consent_domain::staff::{Staff, UseCase, authorize};
use consent_forms::{
    AccessAnswer, BlankWithdrawalForm, Clinic, ConsentForm, ExtensionNotice, FormError, FormTexts,
    OutcomeNotice, Pdf, Signer, WithdrawalForm,
};

use super::blocking::unblocked;
use super::{Desk, ServiceError, parse_id};

/// The file a clinic may put in its data directory to change the wording of the forms.
pub const FORM_TEXTS_FILE: &str = "forms.toml";

/// A printed form, ready for the viewer or the printer.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedPdf {
    /// The form instance's id (the QR code says `consent-desk:form:<id>`).
    pub form_id: String,
    /// The short code printed beside the QR code (`XXXX-XXXX`).
    pub short_code: String,
    /// The PDF title (kind of form and short code; no personal data).
    pub title: String,
    pub pages: usize,
    pub bytes: Vec<u8>,
}

impl PrintedPdf {
    pub(super) fn new(form: FormId, pdf: Pdf) -> PrintedPdf {
        PrintedPdf {
            form_id: form.to_string(),
            short_code: consent_forms::short_code(form),
            title: pdf.title,
            pages: pdf.pages,
            bytes: pdf.bytes,
        }
    }
}

impl From<FormError> for ServiceError {
    fn from(error: FormError) -> Self {
        ServiceError::Form {
            detail: error.code(),
        }
    }
}

/// The clinic as the forms print it.
fn clinic(details: &ClinicDetails) -> Clinic {
    Clinic {
        name: details.name.clone(),
        inn: details.inn.clone(),
        ogrn: details.ogrn.clone(),
        legal_address: details.legal_address.clone(),
        postal_address: details.postal_address.clone(),
        withdrawal_email: details.withdrawal_email.clone(),
        phone: details.phone.clone(),
        website: Some(Clinic::POLICY_WEBSITE.to_owned()),
        processor: details.processor.clone(),
        information_system: details.information_system.clone(),
    }
}

impl Desk {
    /// The wording of the forms: the built-in text, or the clinic's `forms.toml` when there is one
    /// (validated; a broken file is an error, not a silent fallback).
    pub fn form_texts(&self) -> Result<FormTexts, ServiceError> {
        // The clinic's wording, set once for every desk, comes first.
        if let Some(toml) = self.store.form_wording()? {
            return FormTexts::load(&toml).map_err(|e| ServiceError::Form { detail: e.code() });
        }
        let Some(dir) = self.store.database().path().parent() else {
            return Ok(FormTexts::builtin());
        };
        match std::fs::read_to_string(dir.join(FORM_TEXTS_FILE)) {
            Ok(text) => FormTexts::load(&text).map_err(|e| ServiceError::Form { detail: e.code() }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FormTexts::builtin()),
            Err(_) => Err(ServiceError::BadInput {
                what: "forms.toml",
                detail: "unreadable_file",
            }),
        }
    }

    /// Sets the wording of the clinic's forms (the text of a `forms.toml`, an administrator): checked
    /// first, then recorded, so every desk of the clinic prints the same paper.
    pub fn set_form_wording(&mut self, actor: &Staff, toml: &str) -> Result<(), ServiceError> {
        authorize(actor, UseCase::EditSettings)?;
        FormTexts::load(toml).map_err(|e| ServiceError::Form { detail: e.code() })?;
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::FormWordingSaved {
                toml: toml.to_owned(),
            },
        )?;
        Ok(())
    }

    pub(super) fn print_context(
        &self,
    ) -> Result<(Clinic, FormTexts, DateTime<FixedOffset>), ServiceError> {
        let details = self.store.clinic()?.ok_or(ServiceError::ClinicNotSet)?;
        let now =
            consent_store::clinic_time(self.now()).unwrap_or(DateTime::UNIX_EPOCH.fixed_offset());
        Ok((clinic(&details), self.form_texts()?, now))
    }

    pub(super) fn new_form_id(&self) -> Result<FormId, ServiceError> {
        Ok(FormId::from_uuid(consent_store::new_v7(self.now())?))
    }

    /// Prints the consent form (and, when a granted purpose needs it, the separate consent to data
    /// allowed for dissemination): `deliver` puts the copies where they go (a file, a printer), and
    /// only once it succeeded is the copy recorded. The consent then awaits signature.
    pub fn print_consent<E: From<ServiceError>>(
        &mut self,
        actor: &Staff,
        consent_id: &str,
        show_refused: bool,
        deliver: impl FnOnce(&[PrintedPdf]) -> Result<(), E>,
    ) -> Result<Vec<PrintedPdf>, E> {
        let printed = self.render_consent(actor, consent_id, show_refused)?;
        deliver(&printed)?;
        self.record_consent_printed(actor, consent_id, &printed[0].form_id)?;
        Ok(printed)
    }

    /// Renders the consent form (and the dissemination consent when needed) under a new form id
    /// without recording anything: the preview is the very copy that is printed, and only the copy
    /// that reaches a printer or viewer is recorded ([`Desk::record_consent_printed`]).
    pub fn render_consent(
        &self,
        actor: &Staff,
        consent_id: &str,
        show_refused: bool,
    ) -> Result<Vec<PrintedPdf>, ServiceError> {
        authorize(actor, UseCase::PrintForm)?;
        let id: ConsentId = parse_id(consent_id, "consent id")?;
        let consent = self.load_consent(id)?;
        let form = self.new_form_id()?;
        // A consent that can no longer be printed (signed, say) is refused before rendering.
        consent.print(consent_domain::consent::PrintedForm {
            form,
            at: consent_domain::hlc::Hlc::new(self.now(), 0),
            by: actor.id(),
        })?;
        let patient = self.require_patient(consent.patient)?;
        unblocked(&patient)?;
        let (clinic, texts, now) = self.print_context()?;
        let input = ConsentForm {
            clinic: &clinic,
            patient: &patient.data,
            consent: &consent,
            catalogue: self.catalogue,
            form,
            printed_at: now,
            show_refused,
        };
        let mut printed = vec![PrintedPdf::new(
            form,
            consent_forms::consent_form(&input, &texts)?,
        )];
        if consent_forms::needs_dissemination_form(&consent, self.catalogue) {
            let pdf = consent_forms::dissemination_form(&input, &texts)?;
            printed.push(PrintedPdf::new(form, pdf));
        }
        Ok(printed)
    }

    /// Records that the copy `form_id` of the consent form was printed: the consent awaits signature.
    pub fn record_consent_printed(
        &mut self,
        actor: &Staff,
        consent_id: &str,
        form_id: &str,
    ) -> Result<(), ServiceError> {
        authorize(actor, UseCase::PrintForm)?;
        let consent = self.load_consent(parse_id(consent_id, "consent id")?)?;
        self.require_unblocked(consent.patient)?;
        let form: FormId = parse_id(form_id, "form id")?;
        self.record_consent_print(actor, &consent, form)
    }

    /// A pre-filled withdrawal of `consent_id` (all purposes in force, or `purposes`), for the patient
    /// to sign at the desk; recorded once `deliver` succeeded.
    pub fn print_withdrawal<E: From<ServiceError>>(
        &mut self,
        actor: &Staff,
        consent_id: &str,
        purposes: &[String],
        deliver: impl FnOnce(&[PrintedPdf]) -> Result<(), E>,
    ) -> Result<PrintedPdf, E> {
        let (pdf, patient) = self.render_withdrawal(actor, consent_id, purposes)?;
        deliver(std::slice::from_ref(&pdf))?;
        self.record_withdrawal_printed(actor, patient, &pdf.form_id)?;
        Ok(pdf)
    }

    /// Renders the pre-filled withdrawal without recording it; returns the patient it is about.
    pub fn render_withdrawal(
        &self,
        actor: &Staff,
        consent_id: &str,
        purposes: &[String],
    ) -> Result<(PrintedPdf, PatientId), ServiceError> {
        authorize(actor, UseCase::PrintForm)?;
        let consent = self.load_consent(parse_id(consent_id, "consent id")?)?;
        let patient = self.require_patient(consent.patient)?;
        unblocked(&patient)?;
        let chosen: BTreeSet<PurposeCode> = purposes
            .iter()
            .map(|p| self.purpose(p))
            .collect::<Result<_, _>>()?;
        let (clinic, texts, now) = self.print_context()?;
        let form = self.new_form_id()?;
        let pdf = consent_forms::withdrawal_form(
            &WithdrawalForm {
                clinic: &clinic,
                patient: &patient.data,
                consent: &consent,
                catalogue: self.catalogue,
                purposes: (!chosen.is_empty()).then_some(&chosen),
                form,
                printed_at: now,
            },
            &texts,
        )?;
        Ok((PrintedPdf::new(form, pdf), consent.patient))
    }

    /// Records that the pre-filled withdrawal `form_id` about `patient` was printed.
    pub fn record_withdrawal_printed(
        &mut self,
        actor: &Staff,
        patient: PatientId,
        form_id: &str,
    ) -> Result<(), ServiceError> {
        authorize(actor, UseCase::PrintForm)?;
        let form: FormId = parse_id(form_id, "form id")?;
        self.record_print(actor, patient, form, PrintedDocument::Withdrawal, None)
    }

    /// A blank withdrawal form the clinic can hand out or publish. About nobody, so nothing is
    /// recorded.
    pub fn print_blank_withdrawal(&self, actor: &Staff) -> Result<PrintedPdf, ServiceError> {
        authorize(actor, UseCase::PrintForm)?;
        let (clinic, texts, now) = self.print_context()?;
        let form = self.new_form_id()?;
        let pdf = consent_forms::blank_withdrawal_form(
            &BlankWithdrawalForm {
                clinic: &clinic,
                catalogue: self.catalogue,
                form,
                printed_at: now,
            },
            &texts,
        )?;
        Ok(PrintedPdf::new(form, pdf))
    }

    /// A pre-filled withdrawal for the patient's consent in force (the latest signed one).
    pub fn print_withdrawal_for_patient<E: From<ServiceError>>(
        &mut self,
        actor: &Staff,
        patient_id: &str,
        purposes: &[String],
        deliver: impl FnOnce(&[PrintedPdf]) -> Result<(), E>,
    ) -> Result<PrintedPdf, E> {
        authorize(actor, UseCase::PrintForm).map_err(ServiceError::from)?;
        let id = self.consent_in_force(actor, patient_id)?;
        self.print_withdrawal(actor, &id, purposes, deliver)
    }

    /// The patient's consent in force (the latest active or partly withdrawn one with purposes left):
    /// the one a pre-filled withdrawal withdraws from.
    pub fn consent_in_force(
        &self,
        actor: &Staff,
        patient_id: &str,
    ) -> Result<String, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        let patient: PatientId = parse_id(patient_id, "patient id")?;
        let state = self.store.subject(patient)?;
        state
            .patients
            .get(&patient)
            .ok_or(ServiceError::NotFound(super::Missing::Patient))?;
        let today = self.today();
        state
            .consents
            .values()
            .filter(|c| !c.in_force_purposes().is_empty())
            .filter(|c| c.status(today).is_in_force())
            .max_by_key(|c| c.drafted_on)
            .map(|c| c.id.to_string())
            .ok_or(ServiceError::Rule {
                detail: "consent_not_in_force",
            })
    }

    /// When the request's data were recorded as destroyed, from the ledger.
    fn disposed_at(
        &self,
        request: &Request,
    ) -> Result<Option<DateTime<FixedOffset>>, ServiceError> {
        let events = self.store.subject_events(request.patient)?;
        Ok(events
            .iter()
            .rev()
            .find_map(|e| match &e.body {
                EventBody::DataDisposed { request: id, .. } if *id == request.id => {
                    Some(e.hlc.wall_ms)
                }
                _ => None,
            })
            .and_then(consent_store::clinic_time))
    }

    fn request_for_print(
        &self,
        request_id: &str,
    ) -> Result<(Request, consent_domain::state::PatientRecord), ServiceError> {
        let request = self.load_request(request_id)?;
        let patient = self.require_patient(request.patient)?;
        Ok((request, patient))
    }

    /// A notice to the subject: `extension` (the reasoned +5 working days), `outcome` (processing
    /// stopped / data destroyed, per purpose) or `access` (the answer to an access request).
    pub fn print_notice<E: From<ServiceError>>(
        &mut self,
        actor: &Staff,
        request_id: &str,
        kind: &str,
        deliver: impl FnOnce(&[PrintedPdf]) -> Result<(), E>,
    ) -> Result<PrintedPdf, E> {
        let (printed, document, request) = self.render_notice(actor, request_id, kind)?;
        deliver(std::slice::from_ref(&printed))?;
        let form: FormId = parse_id(&printed.form_id, "form id")?;
        self.record_print(actor, request.patient, form, document, Some(request.id))?;
        Ok(printed)
    }

    /// Renders a notice to the subject (see [`Desk::print_notice`]) without recording it: the app's
    /// preview is the very paper printed, and [`Desk::record_notice_printed`] records the copy that
    /// reached a printer or viewer.
    pub fn render_notice(
        &self,
        actor: &Staff,
        request_id: &str,
        kind: &str,
    ) -> Result<(PrintedPdf, PrintedDocument, Request), ServiceError> {
        authorize(actor, UseCase::NotifySubject)?;
        let (request, patient) = self.request_for_print(request_id)?;
        let (clinic, texts, now) = self.print_context()?;
        let form = self.new_form_id()?;
        let signer = Signer {
            staff: actor,
            position: None,
        };
        let (pdf, document) = match kind.trim() {
            "extension" => {
                let calendar = self.store.calendar();
                let base = rules(&request.kind)
                    .into_iter()
                    .find(|(o, _)| matches!(o, Obligation::StopProcessing | Obligation::Answer))
                    .map(|(_, rule)| rule)
                    .ok_or(ServiceError::Form {
                        detail: "forms_not_extended",
                    })?;
                let due = base.due(request.received_on, calendar)?;
                let new_due = match base {
                    DeadlineRule::WorkingDays(n) => {
                        DeadlineRule::WorkingDays(n + EXTENSION_WORKING_DAYS)
                            .due(request.received_on, calendar)?
                    }
                    DeadlineRule::CalendarDays(_) => due,
                };
                let pdf = consent_forms::extension_notice(
                    &ExtensionNotice {
                        clinic: &clinic,
                        patient: &patient.data,
                        request: &request,
                        due,
                        new_due,
                        signer,
                        form,
                        printed_at: now,
                    },
                    &texts,
                )?;
                (pdf, PrintedDocument::ExtensionNotice)
            }
            "outcome" => {
                // A subject destroyed as a whole has no address left to write to, so their notice
                // is printed on the day of the destruction, just before it, saying so.
                let (told, destroyed_on) = match request.disposal {
                    Some(Disposal::Destroyed) => {
                        let on = self.disposed_at(&request)?.map(|t| t.date_naive());
                        (request.clone(), on)
                    }
                    None if self.whole_destruction_allowed(&request)? => {
                        let destroyed = request.dispose(Disposal::Destroyed)?;
                        (destroyed, Some(self.today()))
                    }
                    _ => (request.clone(), None),
                };
                let pdf = consent_forms::outcome_notice(
                    &OutcomeNotice {
                        clinic: &clinic,
                        patient: &patient.data,
                        request: &told,
                        catalogue: self.catalogue,
                        destroyed_on,
                        signer,
                        form,
                        printed_at: now,
                    },
                    &texts,
                )?;
                (pdf, PrintedDocument::OutcomeNotice)
            }
            "access" => {
                let consents: Vec<_> = self
                    .store
                    .subject(request.patient)?
                    .consents
                    .into_values()
                    .collect();
                let pdf = consent_forms::access_answer(
                    &AccessAnswer {
                        clinic: &clinic,
                        patient: &patient.data,
                        request: &request,
                        consents: &consents,
                        catalogue: self.catalogue,
                        signer,
                        form,
                        printed_at: now,
                    },
                    &texts,
                )?;
                (pdf, PrintedDocument::AccessAnswer)
            }
            _ => {
                return Err(ServiceError::BadInput {
                    what: "notice",
                    detail: "unknown_choice",
                });
            }
        };
        Ok((PrintedPdf::new(form, pdf), document, request))
    }

    /// Records a printed copy of the consent form; the domain decides first, so a refused step
    /// appends nothing.
    pub(super) fn record_consent_print(
        &mut self,
        actor: &Staff,
        consent: &consent_domain::consent::Consent,
        form: FormId,
    ) -> Result<(), ServiceError> {
        consent.print(consent_domain::consent::PrintedForm {
            form,
            at: consent_domain::hlc::Hlc::new(self.now(), 0),
            by: actor.id(),
        })?;
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::ConsentFormPrinted {
                patient: consent.patient,
                consent: consent.id,
                form,
            },
        )?;
        Ok(())
    }

    /// Records that the notice `form_id` (`document`) about request `request_id` was printed.
    pub fn record_notice_printed(
        &mut self,
        actor: &Staff,
        request_id: &str,
        form_id: &str,
        document: PrintedDocument,
    ) -> Result<(), ServiceError> {
        let use_case = match document {
            PrintedDocument::DestructionAct => UseCase::PrintAct,
            _ => UseCase::NotifySubject,
        };
        authorize(actor, use_case)?;
        let request = self.load_request(request_id)?;
        let form: FormId = parse_id(form_id, "form id")?;
        self.record_print(actor, request.patient, form, document, Some(request.id))
    }

    fn record_print(
        &mut self,
        actor: &Staff,
        patient: PatientId,
        form: FormId,
        document: PrintedDocument,
        request: Option<consent_domain::ids::RequestId>,
    ) -> Result<(), ServiceError> {
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::FormPrinted {
                patient,
                form,
                document,
                request,
            },
        )?;
        Ok(())
    }
}
