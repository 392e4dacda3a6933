//! Dates as ISO `YYYY-MM-DD`.
//!
//! Written and read by hand rather than with `chrono`'s formatting and parsing: the format is one
//! line, and strict (two month and two day digits; exactly four year digits for the years 1 BC to
//! 9999 AD, the only ones ever stored; a leading `-` only for years before 1 AD). `chrono` dates
//! reach further than four digits, and an infallible encoder must not lose them: such a year is
//! written in full, without leading zeros, and read back the same way.

use chrono::{Datelike, NaiveDate};

use super::CodecError;

/// `2025-10-24`.
pub fn to_iso(date: NaiveDate) -> String {
    let (year, month, day) = (date.year(), date.month(), date.day());
    if year < 0 {
        format!("-{:04}-{month:02}-{day:02}", year.unsigned_abs())
    } else {
        format!("{year:04}-{month:02}-{day:02}")
    }
}

/// Parses a date stored at `field`.
pub fn parse_iso(text: &str, field: &'static str) -> Result<NaiveDate, CodecError> {
    parse(text).ok_or(CodecError::BadDate { field })
}

fn parse(text: &str) -> Option<NaiveDate> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = rest.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    // Four digits, or more without a leading zero (as `to_iso` writes years past 9999).
    if year.len() > 4 && year.starts_with('0') {
        return None;
    }
    let year = i32::try_from(digits(year, 4..=6)?).ok()?;
    let year = if negative { -year } else { year };
    NaiveDate::from_ymd_opt(year, digits(month, 2..=2)?, digits(day, 2..=2)?)
}

/// ASCII digits, as many as `len` allows.
fn digits(part: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
    if !len.contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

#[cfg(test)]
mod tests {
    use consent_domain::dates::date;
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn iso_dates_are_strict() {
        let cases: &[(&str, Option<NaiveDate>)] = &[
            ("2025-10-24", Some(date(2025, 10, 24))),
            ("2024-02-29", Some(date(2024, 2, 29))),
            ("0001-01-01", Some(date(1, 1, 1))),
            ("-0044-03-15", Some(date(-44, 3, 15))),
            ("2023-02-29", None),
            ("2025-13-01", None),
            ("2025-1-05", None),
            ("25-10-24", None),
            ("24.10.2025", None),
            ("2025-10-24T00:00", None),
            (" 2025-10-24", None),
            ("2025-10-24-1", None),
            ("+2025-10-24", None),
            ("12025-10-24", Some(date(12025, 10, 24))),
            ("-262143-01-01", Some(NaiveDate::MIN)),
            ("262142-12-31", Some(NaiveDate::MAX)),
            ("02025-10-24", None),
            ("-00044-03-15", None),
            ("262143-01-01", None),
            ("1234567-01-01", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), *expected, "{text:?}");
            if let Some(date) = expected {
                assert_eq!(to_iso(*date), *text, "{text:?} written back");
            }
        }
        assert_eq!(
            parse_iso("24.10.2025", "on"),
            Err(CodecError::BadDate { field: "on" })
        );
    }

    proptest! {
        #[test]
        fn every_date_round_trips(
            day in NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce(),
        ) {
            let date = NaiveDate::from_num_days_from_ce_opt(day).unwrap();
            prop_assert_eq!(parse_iso(&to_iso(date), "date"), Ok(date));
        }
    }
}
