//! Calendar dates: a `const` constructor for fixed dates (statutory tables, tests, fixtures) and the
//! one `DD.MM.YYYY` formatter every crate shows dates with.

use chrono::{Datelike, NaiveDate};

/// The calendar date `day.month.year`, for dates written in the source.
///
/// # Panics
/// If there is no such day; in a `const` that is a compile error.
#[must_use]
pub const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a real calendar date")
}

/// `24.10.2025`: a date as people read it in Russia (the UI, the forms, the CLI).
#[must_use]
pub fn ru_date(date: NaiveDate) -> String {
    format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_dates_and_their_russian_form() {
        const DAY: NaiveDate = date(2025, 10, 24);
        assert_eq!(ru_date(DAY), "24.10.2025");
        assert_eq!(ru_date(date(987, 3, 1)), "01.03.0987");
        assert_eq!(DAY.to_string(), "2025-10-24");
    }
}
