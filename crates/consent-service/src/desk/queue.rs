//! The managers' queue: every open subject request with its next obligation and working days left,
//! the counts the navigation shows on every screen, and the legal grounds a withdrawn purpose may go
//! on under.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use consent_domain::calendar::Calendar;
use consent_domain::purpose::LegalGround;
use consent_domain::staff::{Staff, UseCase, authorize};
use consent_store::projection::QueueRow;

use super::requests::status_code;
use super::{Desk, staff_name};
use crate::ServiceError;
use crate::api::{DeadlineView, LegalGroundView, QueueCounts, QueueItem};

/// A request is "due soon" when its next deadline is this many working days away or fewer.
pub const DUE_SOON_WORKING_DAYS: i64 = 2;

impl Desk {
    /// The managers' queue: open requests, overdue and soonest first; those whose deadline falls in
    /// a year the calendar does not know come last, flagged with the year.
    pub fn queue(&self, actor: &Staff) -> Result<Vec<QueueItem>, ServiceError> {
        authorize(actor, UseCase::ViewQueue)?;
        let today = self.today();
        let calendar = self.store.calendar();
        let names = self.staff_names()?;
        let mut days = WorkingDaysLeft::new(today, calendar);
        let items = self
            .store
            .queue()?
            .into_iter()
            .map(|row| {
                let next = days.deadline(&row);
                QueueItem {
                    request_id: row.request.to_string(),
                    patient_id: row.patient.to_string(),
                    patient_name: row.patient_name,
                    kind: row.kind,
                    status: status_code(&row.record).to_owned(),
                    received_on: row.received_on.to_string(),
                    channel: row.record.channel.code().to_owned(),
                    extended: row.extended,
                    unknown_year: next.as_ref().err().copied(),
                    next: next.ok().flatten(),
                    assignee: row.record.assignee.map(|id| staff_name(&names, id)),
                    assigned_to_me: row.record.assignee == Some(actor.id()),
                }
            })
            .collect();
        Ok(items)
    }

    /// How many open requests are overdue, due within [`DUE_SOON_WORKING_DAYS`], or in a year the
    /// calendar does not know: what the navigation shows a manager on every screen.
    pub fn queue_counts(&self, actor: &Staff) -> Result<QueueCounts, ServiceError> {
        authorize(actor, UseCase::ViewQueue)?;
        let mut days = WorkingDaysLeft::new(self.today(), self.store.calendar());
        let mut counts = QueueCounts {
            open: 0,
            overdue: 0,
            due_soon: 0,
            unknown_year: 0,
        };
        for row in self.store.queue()? {
            counts.open += 1;
            match days.deadline(&row) {
                Ok(Some(next)) if next.overdue => counts.overdue += 1,
                Ok(Some(next)) if next.working_days_left <= DUE_SOON_WORKING_DAYS => {
                    counts.due_soon += 1
                }
                Ok(_) => {}
                Err(_) => counts.unknown_year += 1,
            }
        }
        Ok(counts)
    }

    /// The grounds a manager may choose when a withdrawn purpose goes on (never consent), in the
    /// desk's language.
    pub fn legal_grounds(&self, actor: &Staff) -> Result<Vec<LegalGroundView>, ServiceError> {
        authorize(actor, UseCase::RecordPurposeDecision)?;
        let lang = self.lang;
        Ok(LegalGround::CONTINUING
            .iter()
            .map(|ground| LegalGroundView {
                code: ground.code().to_owned(),
                title: match lang {
                    consent_domain::Lang::Ru => ground.title_ru(),
                    consent_domain::Lang::En => ground.title_en(),
                }
                .to_owned(),
                citation: match lang {
                    consent_domain::Lang::Ru => ground.decision_citation_ru(),
                    consent_domain::Lang::En => ground.decision_citation_en(),
                },
            })
            .collect())
    }
}

/// Working days from today to each due date, counted once per date (many requests share one).
struct WorkingDaysLeft<'a> {
    today: NaiveDate,
    calendar: &'a Calendar,
    known: BTreeMap<NaiveDate, Result<i64, i32>>,
}

impl<'a> WorkingDaysLeft<'a> {
    fn new(today: NaiveDate, calendar: &'a Calendar) -> Self {
        WorkingDaysLeft {
            today,
            calendar,
            known: BTreeMap::new(),
        }
    }

    /// The row's next deadline; `Ok(None)` when nothing is due; `Err(year)` when a deadline falls in
    /// a year the calendar does not know (the projection leaves `next_due` empty then, so the
    /// request itself is asked).
    fn deadline(&mut self, row: &QueueRow) -> Result<Option<DeadlineView>, i32> {
        let (due, obligation) = match (row.next_due, &row.next_obligation) {
            (Some(due), Some(obligation)) => (due, obligation.clone()),
            _ => {
                return match row.record.next_deadline(self.calendar) {
                    Ok(_) => Ok(None),
                    Err(unknown) => Err(unknown.year),
                };
            }
        };
        let (today, calendar) = (self.today, self.calendar);
        let left = *self.known.entry(due).or_insert_with(|| {
            calendar
                .working_days_between(today, due)
                .map_err(|unknown| unknown.year)
        });
        Ok(Some(DeadlineView {
            obligation,
            due: due.to_string(),
            working_days_left: left?,
            overdue: due < today,
        }))
    }
}
