//! Individual days whose kind the decrees or the brief spell out.

use crate::dates::date;
use chrono::{Datelike, NaiveDate};

use super::super::{DayKind, UnknownYear};
use super::builtin;

const fn moved(from: NaiveDate) -> DayKind {
    DayKind::DayOff {
        moved_from: Some(from),
    }
}

#[test]
fn days_have_the_kind_the_decrees_give_them() {
    let cases = [
        // 2025, decree No. 1335.
        (date(2025, 11, 1), DayKind::WorkingWeekend),
        (date(2025, 11, 3), moved(date(2025, 11, 1))),
        (date(2025, 11, 4), DayKind::Holiday { id: 8 }),
        (date(2025, 5, 2), moved(date(2025, 1, 4))),
        (date(2025, 5, 8), moved(date(2025, 2, 23))),
        (date(2025, 6, 13), moved(date(2025, 3, 8))),
        (date(2025, 12, 31), moved(date(2025, 1, 5))),
        (date(2025, 2, 24), DayKind::Working),
        (date(2025, 3, 10), DayKind::Working),
        (date(2025, 2, 23), DayKind::Holiday { id: 3 }),
        (date(2025, 1, 7), DayKind::Holiday { id: 2 }),
        (date(2025, 3, 7), DayKind::Shortened),
        (date(2025, 10, 25), DayKind::Weekend),
        (date(2025, 10, 24), DayKind::Working),
        // 2026, decree No. 1466.
        (date(2026, 1, 9), moved(date(2026, 1, 3))),
        (date(2026, 1, 12), DayKind::Working),
        (date(2026, 2, 20), DayKind::Working),
        (date(2026, 3, 9), moved(date(2026, 3, 8))),
        (date(2026, 5, 11), moved(date(2026, 5, 9))),
        (date(2026, 11, 3), DayKind::Shortened),
        (date(2026, 12, 31), moved(date(2026, 1, 4))),
        // Working Saturdays of other years; shortened ones report as shortened.
        (date(2021, 2, 20), DayKind::Shortened),
        (date(2022, 3, 5), DayKind::Shortened),
        (date(2024, 4, 27), DayKind::WorkingWeekend),
        (date(2024, 11, 2), DayKind::Shortened),
        (date(2024, 12, 28), DayKind::WorkingWeekend),
        (date(2027, 2, 20), DayKind::Shortened),
        (date(2027, 2, 22), moved(date(2027, 2, 20))),
        (date(2027, 11, 5), moved(date(2027, 1, 2))),
        // Presidential "non-working days" are working days of the production calendar.
        (date(2020, 4, 15), DayKind::Working),
        (date(2020, 6, 24), DayKind::Working),
        (date(2020, 7, 1), DayKind::Working),
        (date(2021, 5, 5), DayKind::Working),
        (date(2021, 11, 1), DayKind::Working),
    ];
    let calendar = builtin();
    for (day, kind) in cases {
        assert_eq!(calendar.day_kind(day), Ok(kind), "kind of {day}");
        assert_eq!(
            calendar.is_working_day(day),
            Ok(kind.is_working()),
            "working? {day}"
        );
    }
}

#[test]
fn only_working_kinds_count_as_working() {
    let cases = [
        (DayKind::Working, true),
        (DayKind::Shortened, true),
        (DayKind::WorkingWeekend, true),
        (DayKind::Weekend, false),
        (DayKind::Holiday { id: 1 }, false),
        (DayKind::DayOff { moved_from: None }, false),
    ];
    for (kind, working) in cases {
        assert_eq!(kind.is_working(), working, "{kind:?}");
    }
}

#[test]
fn holiday_ids_resolve_to_their_titles() {
    let year = builtin().year(2025).cloned().expect("built in");
    let cases = [
        (1, Some("Новогодние каникулы")),
        (6, Some("День Победы")),
        (8, Some("День народного единства")),
        (9, None),
    ];
    for (id, title) in cases {
        assert_eq!(year.holiday_title(id), title, "holiday {id}");
    }
}

#[test]
fn dates_outside_known_years_are_an_error() {
    let cases = [date(2018, 12, 31), date(2028, 1, 1), date(1999, 6, 1)];
    let calendar = builtin();
    for day in cases {
        let missing = Err(UnknownYear { year: day.year() });
        assert_eq!(calendar.day_kind(day), missing, "kind of {day}");
        assert_eq!(
            calendar.is_working_day(day),
            missing.map(|_: DayKind| true),
            "{day}"
        );
    }
    let empty = super::super::Calendar::empty();
    assert_eq!(
        empty.day_kind(date(2025, 6, 2)),
        Err(UnknownYear { year: 2025 })
    );
}

#[test]
fn unknown_year_has_a_message_and_a_code() {
    let error = UnknownYear { year: 2031 };
    assert_eq!(
        error.to_string(),
        "the production calendar has no data for year 2031"
    );
    assert_eq!(error.code(), "calendar_unknown_year");
}

#[test]
fn exceptions_list_only_days_that_break_the_monday_to_friday_rule() {
    let calendar = builtin();
    let year = calendar.year(2026).expect("built in");
    let listed: Vec<(NaiveDate, DayKind)> = year
        .exceptions()
        .filter(|(day, _)| day.month() == 5)
        .collect();
    assert_eq!(
        listed,
        vec![
            (date(2026, 5, 1), DayKind::Holiday { id: 5 }),
            (date(2026, 5, 8), DayKind::Shortened),
            (date(2026, 5, 9), DayKind::Holiday { id: 6 }),
            (date(2026, 5, 11), moved(date(2026, 5, 9))),
        ]
    );
}
