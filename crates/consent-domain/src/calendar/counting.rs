//! Working-day arithmetic.
//!
//! Both operations walk day by day. That is at most a few hundred steps for real
//! deadlines, it is obviously correct, and it stops at the first day of an unknown year,
//! which is exactly where the answer would otherwise become a guess.

use chrono::{Datelike, NaiveDate};

use super::{Calendar, UnknownYear};

impl Calendar {
    /// The `n`-th working day after `date`; `date` itself is never counted, as with a
    /// request received on that day. `n = 0` returns `date` unchanged, working day or not
    /// ("no time granted"), but still fails if `date`'s year is unknown, so an unknown
    /// year is reported the same way for every `n`.
    ///
    /// Example: received Fri 24.10.2025 + 10 working days → Mon 10.11.2025 (Saturday
    /// 01.11.2025 is a working day; 03.11 and 04.11 are not).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, UnknownYear> {
        self.year_of(date)?;
        let mut day = date;
        let mut left = n;
        while left > 0 {
            day = next_day(day)?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// Signed count of working days from `from` to `to`, for "N working days left".
    ///
    /// For `from <= to` it is the number of working days `d` with `from < d <= to`: the
    /// start is not counted, the end is. This makes it the inverse of
    /// [`Self::add_working_days`]: `working_days_between(d, add_working_days(d, n)) == n`.
    /// With `from = today` and `to = due`:
    /// - `0` means no working day lies between: due today;
    /// - a positive value is the working days still left;
    /// - a negative value means overdue: for `from > to` the result is
    ///   `-working_days_between(to, from)`, i.e. minus the working days that have passed
    ///   since the due date.
    ///
    /// Fails if any day of the walk, `from` and `to` included, is in an unknown year.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<i64, UnknownYear> {
        let (start, end, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        self.year_of(start)?;
        let mut count = 0;
        let mut day = start;
        while day < end {
            day = next_day(day)?;
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(sign * count)
    }
}

/// The following day; the end of `chrono`'s range is, a fortiori, an unknown year.
pub(super) fn next_day(date: NaiveDate) -> Result<NaiveDate, UnknownYear> {
    date.succ_opt().ok_or(UnknownYear {
        year: date.year().saturating_add(1),
    })
}
