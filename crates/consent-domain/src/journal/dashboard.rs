//! The counts on the queue screen as of a given day.
//!
//! - **open**: requests not closed (what the queue lists);
//! - **due this week** and **overdue** look at the deadline the queue shows for each open request
//!   ([`Request::next_deadline`], destruction included), so the counts agree with the queue's rows;
//!   "this week" is the calendar week Monday–Sunday that contains today, from today on (a deadline
//!   already past is overdue, not due). A deadline in an unknown year is in neither count;
//! - **done this month on time / late** (the "closed this month"): requests whose main
//!   obligation was met (the journal's done-on) in today's calendar month, up to today, by the
//!   journal's timeliness. One met with its day unrecorded or its deadline unknown is in neither.

use chrono::{Datelike, Days, NaiveDate};

use crate::calendar::Calendar;
use crate::hlc::Hlc;
use crate::request::Request;

use super::Timeliness;

/// The queue screen's counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dashboard {
    pub open: u32,
    pub due_this_week: u32,
    pub overdue: u32,
    pub done_this_month_on_time: u32,
    pub done_this_month_late: u32,
}

/// The counts over `requests` as of `today`; `day_of` is the clinic's calendar day of a clock reading.
pub fn dashboard<'a>(
    requests: impl IntoIterator<Item = &'a Request>,
    today: NaiveDate,
    calendar: &Calendar,
    day_of: impl Fn(Hlc) -> NaiveDate + Copy,
) -> Dashboard {
    let sunday = today
        .checked_add_days(Days::new(u64::from(
            6 - today.weekday().num_days_from_monday(),
        )))
        .unwrap_or(NaiveDate::MAX);
    let mut counts = Dashboard::default();
    for request in requests {
        if request.status.is_open() {
            counts.open += 1;
            if let Ok(Some(next)) = request.next_deadline(calendar) {
                if next.due < today {
                    counts.overdue += 1;
                } else if next.due <= sunday {
                    counts.due_this_week += 1;
                }
            }
        }
        let Some(done) = request.done(day_of) else {
            continue;
        };
        let this_month = done.on.year() == today.year() && done.on.month() == today.month();
        if !this_month || done.on > today {
            continue;
        }
        match request.journal_row(today, calendar, day_of).timeliness {
            Timeliness::OnTime => counts.done_this_month_on_time += 1,
            Timeliness::Late { .. } => counts.done_this_month_late += 1,
            _ => {}
        }
    }
    counts
}
