//! How a deadline is derived from the day a request was received.

use chrono::{Datelike, Days, NaiveDate};

use super::counting::next_day;
use super::{Calendar, UnknownYear};

/// A statutory term, counted from the day after receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlineRule {
    /// `n` working days: the due date is the `n`-th working day after receipt
    /// (152-FZ terms such as "в срок, не превышающий десяти рабочих дней").
    WorkingDays(u32),
    /// `n` calendar days after receipt; if that day is not a working day, the term ends
    /// on the next working day (Civil Code Art. 193), so a term never expires on a day
    /// the clinic is closed.
    CalendarDays(u32),
}

impl DeadlineRule {
    /// The last day on which the obligation can still be met on time.
    ///
    /// Fails with [`UnknownYear`] if `received`, the due date or any year in between is
    /// unknown to `cal`; for calendar days too, so that every rule treats a gap in the
    /// data alike.
    pub fn due(&self, received: NaiveDate, cal: &Calendar) -> Result<NaiveDate, UnknownYear> {
        match *self {
            Self::WorkingDays(n) => cal.add_working_days(received, n),
            Self::CalendarDays(n) => {
                cal.year_of(received)?;
                let mut due =
                    received
                        .checked_add_days(Days::new(u64::from(n)))
                        .ok_or(UnknownYear {
                            year: NaiveDate::MAX.year(),
                        })?;
                for year in received.year()..due.year() {
                    if cal.year(year).is_none() {
                        return Err(UnknownYear { year });
                    }
                }
                while !cal.is_working_day(due)? {
                    due = next_day(due)?;
                }
                Ok(due)
            }
        }
    }
}
