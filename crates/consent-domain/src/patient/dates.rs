//! Dates as typed in the UI, and age arithmetic.

use chrono::{Datelike, NaiveDate};

use crate::dates::date;

use super::Problem;

/// No living patient or valid document predates this; earlier is a typo.
pub const EARLIEST_DATE: NaiveDate = date(1900, 1, 1);

/// Full civil capacity (ГК РФ ст. 21); below it a representative consents.
pub const ADULT_AGE: u32 = 18;

const DATE_FORMAT: &str = "a real date as DD.MM.YYYY or YYYY-MM-DD";

const BAD_DATE: Problem = Problem::BadFormat {
    expected: DATE_FORMAT,
};

/// Parses `DD.MM.YYYY` (the Russian UI; one-digit day or month is accepted)
/// or ISO `YYYY-MM-DD`. A two-digit year is rejected: "01.01.25" could be
/// 1925 or 2025, and guessing a birth year wrong is worse than asking.
pub fn parse_date(raw: &str) -> Result<NaiveDate, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    let (year, month, day) = if let Some((d, m, y)) = split3(s, '.') {
        (number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?)
    } else if let Some((y, m, d)) = split3(s, '-') {
        (number(y, 4..=4)?, number(m, 2..=2)?, number(d, 2..=2)?)
    } else {
        return Err(BAD_DATE);
    };
    let year = i32::try_from(year).map_err(|_| BAD_DATE)?;
    // `chrono` rejects month 13, 31.02 and 29.02 of a non-leap year for us.
    NaiveDate::from_ymd_opt(year, month, day).ok_or(BAD_DATE)
}

fn split3(s: &str, sep: char) -> Option<(&str, &str, &str)> {
    let mut parts = s.split(sep);
    let out = (parts.next()?, parts.next()?, parts.next()?);
    parts.next().is_none().then_some(out)
}

fn number(part: &str, digits: std::ops::RangeInclusive<usize>) -> Result<u32, Problem> {
    if !digits.contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BAD_DATE);
    }
    part.parse().map_err(|_| BAD_DATE)
}

/// A date that has already happened: a birth date or an issue date.
pub(super) fn past_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let date = parse_date(raw)?;
    if date > today {
        return Err(Problem::InFuture);
    }
    if date < EARLIEST_DATE {
        return Err(Problem::BeforeEarliest {
            earliest: EARLIEST_DATE,
        });
    }
    Ok(date)
}

/// Full years between `birth` and `on`; 0 if `on` is before `birth`.
///
/// Someone born on 29 February gets a year older on 1 March in non-leap
/// years. That keeps them a minor one day longer than the 28-February
/// reading would, which is the safe side for consent.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_date_table() {
        let cases: &[(&str, Result<NaiveDate, Problem>)] = &[
            ("15.03.1985", Ok(date(1985, 3, 15))),
            (" 15.03.1985 ", Ok(date(1985, 3, 15))),
            ("1.3.1985", Ok(date(1985, 3, 1))),
            ("1985-03-15", Ok(date(1985, 3, 15))),
            ("29.02.2024", Ok(date(2024, 2, 29))),
            ("", Err(Problem::Required)),
            ("   ", Err(Problem::Required)),
            ("31.02.2025", Err(BAD_DATE)),
            ("29.02.2023", Err(BAD_DATE)),
            ("1.1.25", Err(BAD_DATE)),
            ("01.13.2000", Err(BAD_DATE)),
            ("00.01.2000", Err(BAD_DATE)),
            ("1985-3-15", Err(BAD_DATE)),
            ("15/03/1985", Err(BAD_DATE)),
            ("15.03.1985.1", Err(BAD_DATE)),
            ("+1.03.1985", Err(BAD_DATE)),
            ("15.03.19８5", Err(BAD_DATE)),
            ("15 марта 1985", Err(BAD_DATE)),
            ("1985-03-15T00:00", Err(BAD_DATE)),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input), *expected, "parse_date({input:?})");
        }
    }

    #[test]
    fn past_date_table() {
        let today = date(2025, 6, 10);
        let cases: &[(&str, Result<NaiveDate, Problem>)] = &[
            ("10.06.2025", Ok(today)),
            ("11.06.2025", Err(Problem::InFuture)),
            ("01.01.1900", Ok(EARLIEST_DATE)),
            (
                "31.12.1899",
                Err(Problem::BeforeEarliest {
                    earliest: EARLIEST_DATE,
                }),
            ),
            ("31.02.2020", Err(BAD_DATE)),
        ];
        for (input, expected) in cases {
            assert_eq!(past_date(input, today), *expected, "past_date({input:?})");
        }
    }

    #[test]
    fn age_on_table() {
        let cases = [
            (date(2000, 6, 15), date(2018, 6, 14), 17),
            (date(2000, 6, 15), date(2018, 6, 15), 18),
            (date(2000, 6, 15), date(2018, 12, 31), 18),
            (date(2000, 6, 15), date(2000, 6, 15), 0),
            (date(2000, 6, 15), date(1999, 1, 1), 0),
            (date(2004, 2, 29), date(2022, 2, 28), 17),
            (date(2004, 2, 29), date(2022, 3, 1), 18),
            (date(2004, 2, 29), date(2024, 2, 29), 20),
        ];
        for (birth, on, expected) in cases {
            assert_eq!(age_on(birth, on), expected, "age_on({birth}, {on})");
        }
    }
}
