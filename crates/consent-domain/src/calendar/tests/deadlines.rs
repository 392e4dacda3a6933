//! `DeadlineRule::due`.

use crate::dates::date;

use super::super::{Calendar, DeadlineRule, UnknownYear};
use super::builtin;

#[test]
fn due_dates_follow_their_rule() {
    let cases = [
        // 152-FZ ten working days, the brief's examples.
        (
            DeadlineRule::WorkingDays(10),
            date(2025, 10, 24),
            date(2025, 11, 10),
        ),
        (
            DeadlineRule::WorkingDays(10),
            date(2025, 12, 26),
            date(2026, 1, 21),
        ),
        (
            DeadlineRule::WorkingDays(0),
            date(2025, 10, 25),
            date(2025, 10, 25),
        ),
        // Calendar days ending on a working day stay there…
        (
            DeadlineRule::CalendarDays(1),
            date(2025, 10, 31),
            date(2025, 11, 1),
        ),
        (
            DeadlineRule::CalendarDays(30),
            date(2025, 10, 1),
            date(2025, 10, 31),
        ),
        // …and roll to the next working day otherwise (Civil Code Art. 193).
        (
            DeadlineRule::CalendarDays(30),
            date(2025, 10, 10),
            date(2025, 11, 10),
        ),
        (
            DeadlineRule::CalendarDays(3),
            date(2025, 10, 31),
            date(2025, 11, 5),
        ),
        (
            DeadlineRule::CalendarDays(10),
            date(2025, 12, 25),
            date(2026, 1, 12),
        ),
        (
            DeadlineRule::CalendarDays(0),
            date(2025, 10, 25),
            date(2025, 10, 27),
        ),
    ];
    let calendar = builtin();
    for (rule, received, expected) in cases {
        assert_eq!(
            rule.due(received, &calendar),
            Ok(expected),
            "{rule:?} from {received}"
        );
    }
}

#[test]
fn due_dates_needing_an_unknown_year_fail() {
    let full = builtin();
    let with_gap = [2025, 2027]
        .into_iter()
        .map(|year| full.year(year).cloned().expect("built in"))
        .fold(Calendar::empty(), Calendar::with_year);
    let cases = [
        (
            &full,
            DeadlineRule::WorkingDays(10),
            date(2027, 12, 20),
            2028,
        ),
        (
            &full,
            DeadlineRule::WorkingDays(1),
            date(2018, 12, 28),
            2018,
        ),
        (
            &full,
            DeadlineRule::CalendarDays(30),
            date(2027, 12, 10),
            2028,
        ),
        (
            &full,
            DeadlineRule::CalendarDays(1),
            date(2018, 12, 31),
            2018,
        ),
        // Lands in 2027, which is known, but crosses the missing 2026.
        (
            &with_gap,
            DeadlineRule::CalendarDays(400),
            date(2025, 12, 1),
            2026,
        ),
        (
            &with_gap,
            DeadlineRule::WorkingDays(10),
            date(2025, 12, 26),
            2026,
        ),
    ];
    for (calendar, rule, received, year) in cases {
        assert_eq!(
            rule.due(received, calendar),
            Err(UnknownYear { year }),
            "{rule:?} from {received}"
        );
    }
}
