//! The managers' side from the app: the queue and its counts, and each step of working a request,
//! run as the signed-in staff member (the desk refuses them to reception).

use crate::ServiceError;
use crate::api::{
    ActView, DestroyedSubjectView, DestructionPlanView, JournalView, LegalGroundView, PreparedForm,
    QueueCounts, QueueDashboard, QueueItem, RequestView, SavedExport,
};

use consent_domain::event::PrintedDocument;

use super::{Prepared, PreparedKind, Session};

impl Session {
    /// The managers' queue of open requests, soonest deadline first.
    pub fn queue(&self) -> Result<Vec<QueueItem>, ServiceError> {
        self.act(|desk, staff| desk.queue(staff))
    }

    /// What the navigation shows a manager: overdue, due soon, in an unknown year.
    pub fn queue_counts(&self) -> Result<QueueCounts, ServiceError> {
        self.act(|desk, staff| desk.queue_counts(staff))
    }

    /// The queue screen's counts: open, due this week, overdue, met this month on time and late.
    pub fn queue_dashboard(&self) -> Result<QueueDashboard, ServiceError> {
        self.act(|desk, staff| desk.queue_dashboard(staff))
    }

    /// The journal of subject requests received from `from` to `to` (managers and administrators).
    pub fn journal(&self, from: &str, to: &str) -> Result<JournalView, ServiceError> {
        self.act(|desk, staff| desk.journal(staff, from, to))
    }

    /// The journal's PDF for preview, printing or the viewer (managers and administrators).
    pub fn prepare_journal(&self, from: &str, to: &str) -> Result<PreparedForm, ServiceError> {
        let pdf = self.act(|desk, staff| desk.render_journal(staff, from, to))?;
        let prepared = Prepared::new("journal", PreparedKind::Report, pdf);
        let view = prepared.view();
        self.keep_prepared(vec![prepared]);
        Ok(view)
    }

    /// Saves the journal of the period as CSV (UTF-8 with a BOM, `;`) in the user's documents
    /// folder, under a name that says which period; returns where. The journal names no patient.
    pub fn save_journal_csv(&self, from: &str, to: &str) -> Result<SavedExport, ServiceError> {
        let (csv, stem) = self.act(|desk, staff| {
            let view = desk.journal(staff, from, to)?;
            let csv = desk.journal_csv(staff, from, to)?;
            Ok((csv, format!("Журнал обращений {} – {}", view.from, view.to)))
        })?;
        let dir = crate::export::documents_dir().ok_or(ServiceError::Output {
            detail: "export_no_folder",
        })?;
        let path = crate::export::save(&dir, &stem, "csv", &csv)?;
        Ok(SavedExport {
            path: path.display().to_string(),
        })
    }

    /// One request with its purposes, deadlines and assignee.
    pub fn request(&self, id: &str) -> Result<RequestView, ServiceError> {
        self.act(|desk, staff| desk.request(staff, id))
    }

    /// The grounds a withdrawn purpose may go on under.
    pub fn legal_grounds(&self) -> Result<Vec<LegalGroundView>, ServiceError> {
        self.act(|desk, staff| desk.legal_grounds(staff))
    }

    /// A manager takes a request into work, or takes it over from another manager.
    pub fn start_request(&self, id: &str) -> Result<RequestView, ServiceError> {
        self.act(|desk, staff| desk.start_request(staff, id))
    }

    /// A manager extends a request's deadline once, by five working days, with the reason.
    pub fn extend_request(&self, id: &str, reason: &str) -> Result<RequestView, ServiceError> {
        self.act(|desk, staff| desk.extend_request(staff, id, reason))
    }

    /// Decides one purpose of a withdrawal: stopped (`ground` none), or going on under a catalogue
    /// ground with a note.
    pub fn decide_purpose(
        &self,
        id: &str,
        purpose: &str,
        ground: Option<&str>,
        note: &str,
    ) -> Result<RequestView, ServiceError> {
        self.act(|desk, staff| desk.decide_purpose_on(staff, id, purpose, ground, note))
    }

    /// Blocks the subject's data under the request (a complaint being verified; a withdrawal whose
    /// data cannot be destroyed in time).
    pub fn block_request(&self, id: &str) -> Result<RequestView, ServiceError> {
        self.act(|desk, staff| desk.block_data(staff, id))
    }

    /// Unblocks the data blocked under the request.
    pub fn unblock_request(&self, id: &str) -> Result<RequestView, ServiceError> {
        self.act(|desk, staff| desk.unblock_request(staff, id))
    }

    /// Records that the patient was told the outcome (on a day, through a channel).
    pub fn notify_subject(
        &self,
        id: &str,
        on: Option<&str>,
        channel: &str,
    ) -> Result<RequestView, ServiceError> {
        self.act(|desk, staff| desk.notify_subject(staff, id, on, channel))
    }

    /// Records how and when the extension's notice reached the patient.
    pub fn record_extension_notice(
        &self,
        id: &str,
        on: Option<&str>,
        channel: &str,
    ) -> Result<RequestView, ServiceError> {
        self.act(|desk, staff| desk.record_extension_notice(staff, id, on, channel))
    }

    /// Renders a notice to the patient about the request for preview and printing: `extension`,
    /// `outcome` or `access`. Recorded once a copy is output ([`Session::output_form`]).
    pub fn prepare_notice(&self, id: &str, kind: &str) -> Result<PreparedForm, ServiceError> {
        let (pdf, document, _) = self.act(|desk, staff| desk.render_notice(staff, id, kind))?;
        let name = match document {
            PrintedDocument::ExtensionNotice => "extension_notice",
            PrintedDocument::AccessAnswer => "access_answer",
            _ => "outcome_notice",
        };
        let kind = PreparedKind::Notice {
            request: id.to_owned(),
            document,
        };
        let prepared = Prepared::new(name, kind, pdf);
        let view = prepared.view();
        self.keep_prepared(vec![prepared]);
        Ok(view)
    }

    /// What destroying the withdrawal's subject would destroy, and whether it may be done now.
    pub fn destruction_plan(&self, id: &str) -> Result<DestructionPlanView, ServiceError> {
        self.act(|desk, staff| desk.destruction_plan(staff, id))
    }

    /// Destroys the withdrawal's subject as a whole, confirmed by their surname as typed; the act
    /// of destruction enters the register.
    pub fn destroy_subject(&self, id: &str, surname: &str) -> Result<ActView, ServiceError> {
        self.act(|desk, staff| desk.destroy_subject(staff, id, surname))
    }

    /// A destroyed subject as an inspection sees them.
    pub fn destroyed_subject(&self, patient: &str) -> Result<DestroyedSubjectView, ServiceError> {
        self.act(|desk, staff| desk.destroyed_subject(staff, patient))
    }

    /// The register of acts of destruction (names of acts past their keeping period forgotten).
    pub fn acts(&self) -> Result<Vec<ActView>, ServiceError> {
        self.act(|desk, staff| desk.acts(staff))
    }

    /// The act of destruction of the withdrawal, with its extract, for preview and printing;
    /// recorded once a copy is output.
    pub fn prepare_act(&self, id: &str) -> Result<PreparedForm, ServiceError> {
        let (pdf, _) = self.act(|desk, staff| desk.render_act(staff, id))?;
        let kind = PreparedKind::Notice {
            request: id.to_owned(),
            document: PrintedDocument::DestructionAct,
        };
        let prepared = Prepared::new("destruction_act", kind, pdf);
        let view = prepared.view();
        self.keep_prepared(vec![prepared]);
        Ok(view)
    }

    /// The patient's current data as the form shows them, for a correction to start from.
    pub fn correction_form(&self, id: &str) -> Result<crate::api::PatientForm, ServiceError> {
        self.act(|desk, staff| desk.correction_form(staff, id))
    }

    /// A manager applies a correction request's values (the patient form as corrected).
    pub fn correct_data(
        &self,
        id: &str,
        form: &crate::api::PatientForm,
    ) -> Result<RequestView, ServiceError> {
        let input = consent_domain::patient::PatientInput::from(form);
        self.act(|desk, staff| desk.correct_data(staff, id, &input))
    }

    /// Closes a request whose patient was notified.
    pub fn close_request(&self, id: &str) -> Result<RequestView, ServiceError> {
        self.act(|desk, staff| desk.close_request(staff, id))
    }
}
