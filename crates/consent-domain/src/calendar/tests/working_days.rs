//! `add_working_days` and `working_days_between`.

use crate::dates::date;

use super::super::{Calendar, UnknownYear};
use super::{builtin, days_of};

#[test]
fn adding_working_days_gives_the_nth_working_day_after_the_date() {
    let cases = [
        // The brief's worked examples.
        (date(2025, 10, 24), 10, date(2025, 11, 10)),
        (date(2025, 12, 26), 10, date(2026, 1, 21)),
        // Working Saturday 01.11.2025 counts; 02–04.11 do not.
        (date(2025, 10, 31), 1, date(2025, 11, 1)),
        (date(2025, 11, 1), 1, date(2025, 11, 5)),
        // 24.02 and 10.03.2025 are ordinary working days.
        (date(2025, 2, 21), 1, date(2025, 2, 24)),
        (date(2025, 3, 7), 1, date(2025, 3, 10)),
        // Across New Year: 31.12 is a day off in 2024–2027.
        (date(2025, 12, 30), 1, date(2026, 1, 12)),
        (date(2025, 12, 31), 1, date(2026, 1, 12)),
        (date(2026, 12, 30), 1, date(2027, 1, 11)),
        (date(2024, 12, 27), 1, date(2024, 12, 28)),
        (date(2024, 12, 28), 1, date(2025, 1, 9)),
        (date(2019, 12, 31), 1, date(2020, 1, 9)),
        // Counting from a day off starts with the next working day.
        (date(2026, 1, 10), 1, date(2026, 1, 12)),
        // n = 0: no time granted, the date itself, working day or not.
        (date(2025, 10, 24), 0, date(2025, 10, 24)),
        (date(2025, 10, 25), 0, date(2025, 10, 25)),
    ];
    let calendar = builtin();
    for (start, n, expected) in cases {
        assert_eq!(
            calendar.add_working_days(start, n),
            Ok(expected),
            "{start} + {n} working days"
        );
    }
}

#[test]
fn adding_working_days_into_an_unknown_year_fails() {
    let cases = [
        (date(2018, 6, 1), 1, 2018),
        (date(2018, 6, 1), 0, 2018),
        (date(2030, 1, 1), 0, 2030),
        (date(2027, 12, 30), 1, 2028),
        (date(2027, 12, 1), 40, 2028),
        (date(2025, 1, 1), u32::MAX, 2028),
    ];
    let calendar = builtin();
    for (start, n, year) in cases {
        assert_eq!(
            calendar.add_working_days(start, n),
            Err(UnknownYear { year }),
            "{start} + {n} working days"
        );
    }
}

#[test]
fn a_gap_between_known_years_is_an_unknown_year() {
    let full = builtin();
    let calendar = [2025, 2027]
        .into_iter()
        .map(|year| full.year(year).cloned().expect("built in"))
        .fold(Calendar::empty(), Calendar::with_year);
    assert_eq!(calendar.known_years(), vec![2025, 2027]);
    assert_eq!(
        calendar.add_working_days(date(2025, 12, 26), 10),
        Err(UnknownYear { year: 2026 })
    );
    assert_eq!(
        calendar.working_days_between(date(2025, 12, 1), date(2027, 1, 20)),
        Err(UnknownYear { year: 2026 })
    );
}

#[test]
fn working_days_between_counts_after_the_start_up_to_the_end() {
    let cases = [
        (date(2025, 10, 24), date(2025, 11, 10), 10),
        (date(2025, 12, 26), date(2026, 1, 21), 10),
        (date(2025, 11, 10), date(2025, 11, 10), 0),
        // Nothing working after Saturday 01.11 until Wednesday 05.11.
        (date(2025, 11, 1), date(2025, 11, 4), 0),
        (date(2025, 10, 31), date(2025, 11, 1), 1),
        // The whole of 2025.
        (date(2024, 12, 31), date(2025, 12, 31), 247),
        // Overdue: negative, the working days passed since the due date.
        (date(2025, 11, 12), date(2025, 11, 10), -2),
        (date(2026, 1, 21), date(2025, 12, 26), -10),
        (date(2026, 1, 12), date(2025, 12, 30), -1),
    ];
    let calendar = builtin();
    for (from, to, expected) in cases {
        assert_eq!(
            calendar.working_days_between(from, to),
            Ok(expected),
            "working days from {from} to {to}"
        );
    }
}

#[test]
fn working_days_between_unknown_years_fails() {
    let cases = [
        (date(2018, 12, 28), date(2019, 1, 10), 2018),
        (date(2019, 1, 10), date(2018, 12, 28), 2018),
        (date(2027, 12, 1), date(2028, 1, 10), 2028),
        (date(2028, 1, 10), date(2027, 12, 1), 2028),
        (date(2031, 3, 3), date(2031, 3, 3), 2031),
    ];
    let calendar = builtin();
    for (from, to, year) in cases {
        assert_eq!(
            calendar.working_days_between(from, to),
            Err(UnknownYear { year }),
            "working days from {from} to {to}"
        );
    }
}

/// `working_days_between` undoes `add_working_days`, and the result of adding at least
/// one working day is a working day: checked for every start date of 2025.
#[test]
fn between_is_the_inverse_of_add_for_every_day_of_2025() {
    let calendar = builtin();
    for start in days_of(2025) {
        for n in 0..=30 {
            let due = calendar
                .add_working_days(start, n)
                .expect("inside known years");
            assert_eq!(
                calendar.working_days_between(start, due),
                Ok(i64::from(n)),
                "{start} + {n}"
            );
            assert_eq!(
                calendar.working_days_between(due, start),
                Ok(-i64::from(n)),
                "{start} + {n}, reversed"
            );
            if n > 0 {
                assert_eq!(calendar.is_working_day(due), Ok(true), "{start} + {n}");
            }
        }
    }
}
