//! Calendar dates: a `const` constructor for fixed dates (statutory tables, tests, fixtures), the
//! one `DD.MM.YYYY` formatter every crate shows dates with, and instants written in RFC 3339 for
//! tests and fixtures.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

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

/// The instant written in RFC 3339 (`2025-10-24T09:30:00+03:00`), keeping its offset: print times
/// in tests, fixtures and benchmarks. Not for input: it panics on bad text.
///
/// # Panics
/// If `rfc3339` is not an RFC 3339 date and time.
#[must_use]
pub fn instant(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).expect("an RFC 3339 date and time")
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

    #[test]
    fn instants_keep_their_offset() {
        let at = instant("2025-10-24T09:30:00+03:00");
        assert_eq!(at.date_naive(), date(2025, 10, 24));
        assert_eq!(at.offset().local_minus_utc(), 3 * 3600);
        assert_eq!(at.timestamp(), 1_761_287_400);
        assert_eq!(
            instant("2025-01-02T23:59:00Z").offset().local_minus_utc(),
            0
        );
    }
}
