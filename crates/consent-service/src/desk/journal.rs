//! The journal of subject requests for an inspection (issue 12) and the queue screen's counts:
//! managers and administrators only (`UseCase::Reports`). The exports (PDF and CSV) hold no patient's
//! personal data, only pseudonymous references (see `consent_forms::documents::journal`), because
//! they are written to disk in plaintext; they stay in memory here, the caller saves them.

use chrono::{DateTime, NaiveDate};
use consent_domain::hlc::Hlc;
use consent_domain::journal::{self, Period};
use consent_domain::request::{EXTENSION_WORKING_DAYS, Request};
use consent_domain::staff::{Staff, UseCase, authorize};
use consent_forms::{JournalReport, journal_csv, journal_report, reference};
use consent_store::{clinic_date, clinic_time};

use super::{Desk, PrintedPdf, parse_day, staff_name};
use crate::ServiceError;
use crate::api::{JournalRowView, JournalView, QueueDashboard};

/// The clinic's calendar day of a clock reading: the day a step was done.
fn day_of(hlc: Hlc) -> NaiveDate {
    clinic_date(hlc.wall_ms)
}

/// The two ends of a period as typed (`DD.MM.YYYY` or ISO): bad dates and a bad period are refused
/// before anything is read.
fn parse_period(from: &str, to: &str) -> Result<Period, ServiceError> {
    let from = parse_day(from, "period start")?;
    let to = parse_day(to, "period end")?;
    Period::new(from, to).map_err(|e| ServiceError::BadInput {
        what: "period",
        detail: e.code(),
    })
}

impl Desk {
    /// The journal of the requests received from `from` to `to` (both included), oldest first.
    pub fn journal(
        &self,
        actor: &Staff,
        from: &str,
        to: &str,
    ) -> Result<JournalView, ServiceError> {
        authorize(actor, UseCase::Reports)?;
        let period = parse_period(from, to)?;
        let requests = self.store.requests_received(period.from(), period.to())?;
        let today = self.today();
        let rows = journal::journal(&requests, period, today, self.store.calendar(), day_of);
        let names = self.staff_names()?;
        Ok(JournalView {
            from: period.from().to_string(),
            to: period.to().to_string(),
            today: today.to_string(),
            rows: rows
                .iter()
                .map(|row| {
                    let r = row.request;
                    JournalRowView {
                        request_id: r.id.to_string(),
                        request_ref: reference(r.id.as_uuid()),
                        patient_ref: reference(r.patient.as_uuid()),
                        received_on: r.received_on.to_string(),
                        kind: r.kind.code().to_owned(),
                        channel: r.channel.code().to_owned(),
                        obligation: row.obligation.code().to_owned(),
                        deadline: row.deadline.ok().map(|d| d.to_string()),
                        done_on: row.done.map(|d| d.on.to_string()),
                        done_by: row.done.map(|d| staff_name(&names, d.by)),
                        timeliness: row.timeliness.code().to_owned(),
                        working_days: row.timeliness.working_days(),
                        unknown_year: match row.timeliness {
                            journal::Timeliness::Unknown { year } => Some(year),
                            _ => None,
                        },
                        extension_days: r.extension.as_ref().map(|_| EXTENSION_WORKING_DAYS),
                        extension_reason: r.extension.as_ref().map(|e| e.reason.clone()),
                    }
                })
                .collect(),
        })
    }

    /// The journal as CSV (UTF-8 with BOM, `;`, CRLF) for Excel on a Russian Windows.
    pub fn journal_csv(
        &self,
        actor: &Staff,
        from: &str,
        to: &str,
    ) -> Result<Vec<u8>, ServiceError> {
        self.with_report(actor, from, to, |report| Ok(journal_csv(report)))
    }

    /// The journal as a PDF report (Russian, the clinic and the period on top, numbered pages).
    pub fn journal_pdf(
        &self,
        actor: &Staff,
        from: &str,
        to: &str,
    ) -> Result<Vec<u8>, ServiceError> {
        let texts = self.form_texts()?;
        self.with_report(actor, from, to, |report| {
            Ok(journal_report(report, &texts)?.bytes)
        })
    }

    /// The journal's PDF ready for the app's preview, the printer or the viewer (it names no patient,
    /// and printing it records nothing: it is about no data subject).
    pub fn render_journal(
        &self,
        actor: &Staff,
        from: &str,
        to: &str,
    ) -> Result<PrintedPdf, ServiceError> {
        let texts = self.form_texts()?;
        let form = self.new_form_id()?;
        self.with_report(actor, from, to, |report| {
            Ok(PrintedPdf::new(form, journal_report(report, &texts)?))
        })
    }

    fn with_report<T>(
        &self,
        actor: &Staff,
        from: &str,
        to: &str,
        make: impl FnOnce(&JournalReport<'_>) -> Result<T, ServiceError>,
    ) -> Result<T, ServiceError> {
        authorize(actor, UseCase::Reports)?;
        let period = parse_period(from, to)?;
        let clinic = self.store.clinic()?.ok_or(ServiceError::ClinicNotSet)?;
        let requests: Vec<Request> = self.store.requests_received(period.from(), period.to())?;
        let rows = journal::journal(
            &requests,
            period,
            self.today(),
            self.store.calendar(),
            day_of,
        );
        let staff = self.staff_names()?;
        make(&JournalReport {
            clinic_name: &clinic.name,
            period,
            made_at: clinic_time(self.now()).unwrap_or(DateTime::UNIX_EPOCH.fixed_offset()),
            made_by: actor.full_name(),
            rows: &rows,
            staff: &staff,
        })
    }

    /// The queue screen's counts as of today.
    pub fn queue_dashboard(&self, actor: &Staff) -> Result<QueueDashboard, ServiceError> {
        authorize(actor, UseCase::Reports)?;
        let today = self.today();
        let requests = self.store.all_requests()?;
        let counts = journal::dashboard(&requests, today, self.store.calendar(), day_of);
        Ok(QueueDashboard {
            today: today.to_string(),
            open: counts.open,
            due_this_week: counts.due_this_week,
            overdue: counts.overdue,
            done_this_month_on_time: counts.done_this_month_on_time,
            done_this_month_late: counts.done_this_month_late,
        })
    }
}
