//! The journal of subject requests for an inspection (issue 12): for every request received in a
//! period, its governing deadline, the day its main obligation was met and by whom, and whether that
//! was on time or late by how many working days; and the counts the queue screen shows.
//!
//! **The main obligation** of a request is the first rule of [`rules`] for its kind, the one the law
//! puts a working-day clock on and the one an extension moves: stop processing (withdrawal), answer
//! (access), correct (correction), block (complaint), answer the claim (claim).
//!
//! **Done on**, honestly from what the desk records:
//! - a withdrawal: the day processing stopped for every purpose in its scope, that is the day the last
//!   purpose was decided (stopped, or continues on another ground). Destruction (30 calendar days) is
//!   a later, separate obligation that the act of destruction proves; the journal does not mix it in;
//! - a complaint (blocking): the day the data were blocked or destroyed;
//! - access, correction, claim: the day the subject was answered, as the notification states it
//!   (staff may record a letter sent yesterday; the stated day counts, not the day it was typed in).
//!
//! For the first two, the day is the clinic's calendar day of the recorded step, which only the ledger
//! event knows: the fold keeps it in [`Request::fulfilled`] ([`Request::note_fulfilment`]). A request
//! projected before this field existed has no such record; its row says so
//! ([`Timeliness::NotRecorded`]) until a rebuild folds it again, rather than guess a day.
//!
//! **Late by N working days** counts the working days after the deadline up to and including the
//! done-on day, with the production calendar ([`Calendar::working_days_between`]); a step done on a
//! day off right after the deadline is late by 0 working days (and still late). A deadline in a year
//! the calendar does not know is [`Timeliness::Unknown`], never guessed.

mod dashboard;
#[cfg(test)]
mod tests;

use chrono::{Months, NaiveDate};

use crate::calendar::{Calendar, UnknownYear};
use crate::hlc::Hlc;
use crate::request::{Deadline, Obligation, Request, RequestKind, RequestStatus, rules};
use crate::staff::StaffId;

pub use dashboard::{Dashboard, dashboard};

/// The ledger step that met a request's main obligation: when it was recorded and by whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fulfilment {
    pub at: Hlc,
    pub by: StaffId,
}

/// The day the main obligation was met and who met it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Done {
    pub on: NaiveDate,
    pub by: StaffId,
}

/// Whether the main obligation was met in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeliness {
    /// Met on or before its deadline.
    OnTime,
    /// Met after its deadline; `None` when counting would cross a year the calendar does not know.
    Late { working_days: Option<u32> },
    /// Not met yet, and the deadline is today or later.
    Pending,
    /// Not met yet and past its deadline by so many working days (`None`: an unknown year between).
    Overdue { working_days: Option<u32> },
    /// The deadline falls in (or its counting crosses) a year the calendar does not know.
    Unknown { year: i32 },
    /// Met, but the day was not recorded (projected before the journal existed; a rebuild records it).
    NotRecorded,
}

impl Timeliness {
    pub fn code(self) -> &'static str {
        match self {
            Timeliness::OnTime => "on_time",
            Timeliness::Late { .. } => "late",
            Timeliness::Pending => "pending",
            Timeliness::Overdue { .. } => "overdue",
            Timeliness::Unknown { .. } => "unknown",
            Timeliness::NotRecorded => "not_recorded",
        }
    }

    /// The working days late or overdue, when known.
    pub fn working_days(self) -> Option<u32> {
        match self {
            Timeliness::Late { working_days } | Timeliness::Overdue { working_days } => {
                working_days
            }
            _ => None,
        }
    }
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalRow<'a> {
    pub request: &'a Request,
    pub obligation: Obligation,
    /// The main obligation's due date, the extension applied.
    pub deadline: Result<NaiveDate, UnknownYear>,
    pub done: Option<Done>,
    pub timeliness: Timeliness,
}

/// The longest period a journal covers: an inspection looks back three years (order No. 179 keeps
/// the acts that long); five leaves room without letting one export grow without bound.
pub const PERIOD_MAX_YEARS: u32 = 5;

/// A journal's period, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

/// A period that cannot be a journal's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the period ends before it starts")]
    EndsBeforeStart,
    #[error("the period is longer than {0} years")]
    TooLong(u32),
}

impl PeriodError {
    pub fn code(self) -> &'static str {
        match self {
            PeriodError::EndsBeforeStart => "period_ends_before_start",
            PeriodError::TooLong(_) => "period_too_long",
        }
    }
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if to < from {
            return Err(PeriodError::EndsBeforeStart);
        }
        // Past the end of chrono's range, no `to` can be five years away.
        if let Some(longest) = from.checked_add_months(Months::new(12 * PERIOD_MAX_YEARS))
            && to >= longest
        {
            return Err(PeriodError::TooLong(PERIOD_MAX_YEARS));
        }
        Ok(Period { from, to })
    }

    pub fn from(self) -> NaiveDate {
        self.from
    }

    pub fn to(self) -> NaiveDate {
        self.to
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

impl Request {
    /// The obligation the journal measures (see the module's doc).
    pub fn main_obligation(&self) -> Obligation {
        rules(&self.kind)
            .first()
            .map(|(obligation, _)| *obligation)
            .expect("every kind has a rule")
    }

    /// The main obligation's deadline, the extension applied.
    pub fn main_deadline(&self, calendar: &Calendar) -> Result<Deadline, UnknownYear> {
        let main = self.main_obligation();
        Ok(self
            .deadlines(calendar)?
            .into_iter()
            .find(|d| d.obligation == main)
            .expect("the main obligation has a deadline"))
    }

    /// Whether the main obligation is met in this state.
    pub fn main_obligation_met(&self) -> bool {
        match self.kind {
            RequestKind::Withdrawal(_) => self.status >= RequestStatus::ProcessingStopped,
            RequestKind::Blocking => self.status >= RequestStatus::DataDisposed,
            // Corrected, or answered that nothing needed correcting.
            RequestKind::Correction => {
                self.corrected || self.status >= RequestStatus::SubjectNotified
            }
            RequestKind::Access | RequestKind::Claim => {
                self.status >= RequestStatus::SubjectNotified
            }
        }
    }

    /// The fold calls this after every step with the step's event: the first step after which the
    /// main obligation is met is kept.
    pub fn note_fulfilment(mut self, at: Hlc, by: StaffId) -> Request {
        if self.fulfilled.is_none() && self.main_obligation_met() {
            self.fulfilled = Some(Fulfilment { at, by });
        }
        self
    }

    /// The day the main obligation was met and who met it; `day_of` is the clinic's calendar day of
    /// a clock reading. `None` while it is not met, or when it was met but not recorded.
    pub fn done(&self, day_of: impl Fn(Hlc) -> NaiveDate) -> Option<Done> {
        if !self.main_obligation_met() {
            return None;
        }
        match self.kind {
            RequestKind::Correction if self.corrected => self.fulfilled.map(|f| Done {
                on: day_of(f.at),
                by: f.by,
            }),
            RequestKind::Access | RequestKind::Correction | RequestKind::Claim => self
                .notification
                .as_ref()
                .map(|n| Done { on: n.on, by: n.by }),
            RequestKind::Withdrawal(_) | RequestKind::Blocking => self.fulfilled.map(|f| Done {
                on: day_of(f.at),
                by: f.by,
            }),
        }
    }

    /// The journal's line for this request as of `today`.
    pub fn journal_row(
        &self,
        today: NaiveDate,
        calendar: &Calendar,
        day_of: impl Fn(Hlc) -> NaiveDate,
    ) -> JournalRow<'_> {
        let deadline = self.main_deadline(calendar).map(|d| d.due);
        let done = self.done(day_of);
        let timeliness = match deadline {
            Err(unknown) => Timeliness::Unknown { year: unknown.year },
            Ok(due) => match done {
                Some(done) if done.on <= due => Timeliness::OnTime,
                Some(done) => Timeliness::Late {
                    working_days: count(calendar, due, done.on),
                },
                None if self.main_obligation_met() => Timeliness::NotRecorded,
                None if today > due => Timeliness::Overdue {
                    working_days: count(calendar, due, today),
                },
                None => Timeliness::Pending,
            },
        };
        JournalRow {
            request: self,
            obligation: self.main_obligation(),
            deadline,
            done,
            timeliness,
        }
    }
}

/// Working days after `due` up to and including `day` (`due < day`).
fn count(calendar: &Calendar, due: NaiveDate, day: NaiveDate) -> Option<u32> {
    calendar
        .working_days_between(due, day)
        .ok()
        .and_then(|n| u32::try_from(n).ok())
}

/// The journal of `period`: every request received in it, oldest first (then by id, so the same
/// requests always give the same journal).
pub fn journal<'a>(
    requests: impl IntoIterator<Item = &'a Request>,
    period: Period,
    today: NaiveDate,
    calendar: &Calendar,
    day_of: impl Fn(Hlc) -> NaiveDate + Copy,
) -> Vec<JournalRow<'a>> {
    let mut rows: Vec<JournalRow<'a>> = requests
        .into_iter()
        .filter(|r| period.contains(r.received_on))
        .map(|r| r.journal_row(today, calendar, day_of))
        .collect();
    rows.sort_by_key(|row| (row.request.received_on, row.request.id));
    rows
}
