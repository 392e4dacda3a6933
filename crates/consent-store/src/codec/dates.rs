//! Dates as ISO `YYYY-MM-DD`.
//!
//! Written and read by hand rather than with `time`'s `formatting`/`parsing` features: the format is
//! one line, and strict (exactly four year digits, two month and two day digits; a leading `-` only
//! for years before 1 AD, which `time` allows and an infallible encoder must not lose).

use time::{Date, Month};

use super::CodecError;

/// `2025-10-24`.
pub fn to_iso(date: Date) -> String {
    let (year, month, day) = (date.year(), u8::from(date.month()), date.day());
    if year < 0 {
        format!("-{:04}-{month:02}-{day:02}", year.unsigned_abs())
    } else {
        format!("{year:04}-{month:02}-{day:02}")
    }
}

/// Parses a date stored at `field`.
pub fn parse_iso(text: &str, field: &'static str) -> Result<Date, CodecError> {
    parse(text).ok_or(CodecError::BadDate { field })
}

fn parse(text: &str) -> Option<Date> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = rest.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let year = i32::try_from(digits(year, 4)?).ok()?;
    let year = if negative { -year } else { year };
    let month = Month::try_from(u8::try_from(digits(month, 2)?).ok()?).ok()?;
    let day = u8::try_from(digits(day, 2)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// Exactly `len` ASCII digits.
fn digits(part: &str, len: usize) -> Option<u32> {
    if part.len() != len || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;

    #[test]
    fn iso_dates_are_strict() {
        let cases: &[(&str, Option<Date>)] = &[
            ("2025-10-24", Some(date!(2025 - 10 - 24))),
            ("2024-02-29", Some(date!(2024 - 02 - 29))),
            ("0001-01-01", Some(date!(0001 - 01 - 01))),
            ("-0044-03-15", Some(date!(-0044 - 03 - 15))),
            ("2023-02-29", None),
            ("2025-13-01", None),
            ("2025-1-05", None),
            ("25-10-24", None),
            ("24.10.2025", None),
            ("2025-10-24T00:00", None),
            (" 2025-10-24", None),
            ("2025-10-24-1", None),
            ("+2025-10-24", None),
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
        fn every_date_round_trips(julian in Date::MIN.to_julian_day()..=Date::MAX.to_julian_day()) {
            let date = Date::from_julian_day(julian).unwrap();
            prop_assert_eq!(parse_iso(&to_iso(date), "date"), Ok(date));
        }
    }
}
