//! The reception desk's use cases as the app runs them: find and register patients, capture consents,
//! print forms, confirm signatures by scanning, take in withdrawals. Each goes through
//! [`Session::act`], so it is refused while the screen is locked and attributed to the staff member
//! signed in.
//!
//! Printing is two steps so that the preview is the very paper that is printed: `prepare_*` renders
//! the form under a new form id and keeps it in memory (never on disk); [`Session::output_form`]
//! sends that copy to the printer or viewer and only then records it as printed.

use base64::Engine;
use consent_domain::patient::PatientInput;
use consent_domain::staff::{UseCase, authorize};

use super::{Prepared, PreparedKind, Session};
use crate::api::{
    ConsentView, PatientCard, PatientForm, PatientSummary, PreparedForm, PrintOutcome, PrintTarget,
    PurposeView, Registration, RequestIntake, RequestView, ScannedForm, WithdrawalIntake,
};
use crate::desk::PrintedPdf;
use crate::{GrantInput, ReceiveInput, ServiceError};

/// How many search results the search box shows.
pub const SEARCH_LIMIT: usize = 20;
/// How many rendered forms the session keeps for printing; older ones are dropped.
const PREPARED_MAX: usize = 8;

impl Session {
    /// The policy's purposes, for the consent screen.
    pub fn purposes(&self) -> Result<Vec<PurposeView>, ServiceError> {
        self.act(|desk, staff| desk.purposes(staff))
    }

    /// The search box: surname prefix, phone, birth date or document number.
    pub fn find_patients(&self, query: &str) -> Result<Vec<PatientSummary>, ServiceError> {
        self.act(|desk, staff| desk.find_patients(staff, query, SEARCH_LIMIT))
    }

    /// Registers the patient on the form, unless similar patients exist and staff have not confirmed
    /// that this is another person (`confirmed_new`): then nothing is recorded and they are listed.
    pub fn register_patient(
        &self,
        form: &PatientForm,
        confirmed_new: bool,
    ) -> Result<Registration, ServiceError> {
        let input = PatientInput::from(form);
        self.act(|desk, staff| {
            if !confirmed_new {
                let similar = desk.possible_duplicates(staff, &input)?;
                if !similar.is_empty() {
                    return Ok(Registration::PossibleDuplicates { similar });
                }
            }
            let card = desk.register_patient(staff, &input)?;
            Ok(Registration::Registered {
                card: Box::new(card),
            })
        })
    }

    /// Everything about one patient.
    pub fn patient_card(&self, id: &str) -> Result<PatientCard, ServiceError> {
        self.act(|desk, staff| desk.card(staff, id))
    }

    /// Drafts a consent with the chosen purposes (every other purpose recorded as refused).
    pub fn draft_consent(
        &self,
        patient_id: &str,
        purposes: &[String],
    ) -> Result<ConsentView, ServiceError> {
        let input = GrantInput {
            patient: patient_id.to_owned(),
            granted: purposes.to_vec(),
            until: None,
        };
        self.act(|desk, staff| desk.grant_consent(staff, &input))
    }

    /// Renders the consent form (and the dissemination consent when a purpose needs it) for preview
    /// and printing. Nothing is recorded until a copy is output.
    pub fn prepare_consent_form(
        &self,
        consent_id: &str,
    ) -> Result<Vec<PreparedForm>, ServiceError> {
        let pdfs = self.act(|desk, staff| desk.render_consent(staff, consent_id, true))?;
        let prepared: Vec<Prepared> = pdfs
            .into_iter()
            .enumerate()
            .map(|(i, pdf)| {
                let document = if i == 0 { "consent" } else { "dissemination" };
                let kind = PreparedKind::Consent {
                    consent: consent_id.to_owned(),
                };
                Prepared::new(document, kind, pdf)
            })
            .collect();
        let views = prepared.iter().map(Prepared::view).collect();
        self.keep_prepared(prepared);
        Ok(views)
    }

    /// Renders the pre-filled withdrawal of the patient's consent in force (all purposes in force, or
    /// `purposes`) for the patient to sign at the desk.
    pub fn prepare_withdrawal_form(
        &self,
        patient_id: &str,
        purposes: &[String],
    ) -> Result<PreparedForm, ServiceError> {
        let (pdf, patient) = self.act(|desk, staff| {
            let consent = desk.consent_in_force(staff, patient_id)?;
            desk.render_withdrawal(staff, &consent, purposes)
        })?;
        let prepared = Prepared::new("withdrawal", PreparedKind::Withdrawal { patient }, pdf);
        let view = prepared.view();
        self.keep_prepared(vec![prepared]);
        Ok(view)
    }

    /// Sends a prepared form to the printer or viewer, then records it as printed (a consent then
    /// awaits its signature). A form the printer refused is not recorded.
    pub fn output_form(
        &self,
        form_id: &str,
        document: &str,
        target: PrintTarget,
    ) -> Result<PrintOutcome, ServiceError> {
        // The gate first: a locked screen prints nothing.
        self.act(|_, staff| authorize(staff, UseCase::PrintForm).map_err(Into::into))?;
        let (pdf, kind, already_recorded) = {
            let inner = self.inner();
            let found = inner
                .prepared
                .iter()
                .find(|p| p.pdf.form_id == form_id && p.document == document)
                .ok_or(ServiceError::NotFound(crate::Missing::Form))?;
            let recorded = inner
                .prepared
                .iter()
                .any(|p| p.pdf.form_id == form_id && p.recorded);
            (found.pdf.clone(), found.kind.clone(), recorded)
        };
        if let Some(detail) = kind
            .printer_only()
            .filter(|_| target != PrintTarget::Printer)
        {
            return Err(ServiceError::Rule { detail });
        }
        let job = match target {
            PrintTarget::Printer => self.output.print(&pdf.bytes, &pdf.title)?,
            PrintTarget::Viewer => {
                self.output.view(&pdf.bytes, &pdf.short_code)?;
                None
            }
        };
        let consent = self.act(|desk, staff| {
            if !already_recorded {
                match &kind {
                    PreparedKind::Consent { consent } => {
                        desk.record_consent_printed(staff, consent, &pdf.form_id)?;
                    }
                    PreparedKind::Withdrawal { patient } => {
                        desk.record_withdrawal_printed(staff, *patient, &pdf.form_id)?;
                    }
                    PreparedKind::Notice { request, document } => {
                        desk.record_notice_printed(staff, request, &pdf.form_id, *document)?;
                    }
                    PreparedKind::Recovery | PreparedKind::DeskSheet | PreparedKind::Report => {}
                }
            }
            match &kind {
                PreparedKind::Consent { consent } => desk.consent(staff, consent).map(Some),
                PreparedKind::Withdrawal { .. }
                | PreparedKind::Notice { .. }
                | PreparedKind::Report
                | PreparedKind::Recovery
                | PreparedKind::DeskSheet => Ok(None),
            }
        })?;
        for prepared in self
            .inner()
            .prepared
            .iter_mut()
            .filter(|p| p.pdf.form_id == form_id)
        {
            prepared.recorded = true;
        }
        tracing::info!(document, "a form was output and recorded");
        Ok(PrintOutcome {
            form_id: pdf.form_id.clone(),
            short_code: pdf.short_code.clone(),
            job,
            consent,
        })
    }

    /// Forgets every rendered form (the preview was closed).
    pub fn discard_forms(&self) -> Result<(), ServiceError> {
        self.inner().prepared.clear();
        Ok(())
    }

    /// What a scanned QR code or a typed short code is. `open_patient`: the card on screen.
    pub fn scan_form(
        &self,
        code: &str,
        open_patient: Option<&str>,
    ) -> Result<ScannedForm, ServiceError> {
        self.act(|desk, staff| desk.lookup_form(staff, code, open_patient))
    }

    /// Confirms that the patient signed the printed consent form `form_id`; the paper is filed at
    /// `paper_location` (the desk's name when left empty).
    pub fn confirm_signature(
        &self,
        form_id: &str,
        paper_location: &str,
    ) -> Result<ConsentView, ServiceError> {
        let location = match paper_location.trim() {
            "" => self.profile().desk_name.unwrap_or_else(|| "—".to_owned()),
            typed => typed.to_owned(),
        };
        self.act(|desk, staff| desk.mark_signed(staff, form_id, &location))
    }

    /// Takes in a withdrawal received at the desk, by post or by e-mail; it enters the managers'
    /// queue with its deadlines.
    pub fn receive_withdrawal(
        &self,
        intake: &WithdrawalIntake,
    ) -> Result<RequestView, ServiceError> {
        let input = ReceiveInput {
            patient: intake.patient_id.clone(),
            kind: "withdrawal".to_owned(),
            purposes: intake.purposes.clone(),
            received_on: Some(intake.received_on.clone()),
            channel: intake.channel.clone(),
            details: None,
        };
        self.act(|desk, staff| desk.receive_request(staff, &input))
    }

    /// Takes in another kind of request (access, correction, blocking, claim); it enters the
    /// managers' queue with its deadline. A withdrawal comes through [`Session::receive_withdrawal`].
    pub fn receive_request(&self, intake: &RequestIntake) -> Result<RequestView, ServiceError> {
        if !matches!(
            intake.kind.as_str(),
            "access" | "correction" | "blocking" | "claim"
        ) {
            return Err(ServiceError::BadInput {
                what: "request kind",
                detail: "unknown_choice",
            });
        }
        let input = ReceiveInput {
            patient: intake.patient_id.clone(),
            kind: intake.kind.clone(),
            purposes: Vec::new(),
            received_on: Some(intake.received_on.clone()),
            channel: intake.channel.clone(),
            details: Some(intake.details.clone()),
        };
        self.act(|desk, staff| desk.receive_request(staff, &input))
    }

    pub(super) fn keep_prepared(&self, mut new: Vec<Prepared>) {
        let mut inner = self.inner();
        inner.prepared.append(&mut new);
        let excess = inner.prepared.len().saturating_sub(PREPARED_MAX);
        inner.prepared.drain(..excess);
    }
}

impl Prepared {
    pub(super) fn new(document: &'static str, kind: PreparedKind, pdf: PrintedPdf) -> Prepared {
        Prepared {
            document,
            kind,
            pdf,
            recorded: false,
        }
    }

    pub(super) fn view(&self) -> PreparedForm {
        PreparedForm {
            form_id: self.pdf.form_id.clone(),
            short_code: self.pdf.short_code.clone(),
            document: self.document.to_owned(),
            title: self.pdf.title.clone(),
            pages: u32::try_from(self.pdf.pages).unwrap_or(u32::MAX),
            pdf_base64: base64::engine::general_purpose::STANDARD.encode(&self.pdf.bytes),
        }
    }
}
