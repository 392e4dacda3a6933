//! Individual days whose kind the decrees or the brief spell out.

use time::Date;
use time::macros::date;

use super::super::{DayKind, UnknownYear};
use super::builtin;

const fn moved(from: Date) -> DayKind {
    DayKind::DayOff {
        moved_from: Some(from),
    }
}

#[test]
fn days_have_the_kind_the_decrees_give_them() {
    let cases = [
        // 2025, decree No. 1335.
        (date!(2025 - 11 - 01), DayKind::WorkingWeekend),
        (date!(2025 - 11 - 03), moved(date!(2025 - 11 - 01))),
        (date!(2025 - 11 - 04), DayKind::Holiday { id: 8 }),
        (date!(2025 - 05 - 02), moved(date!(2025 - 01 - 04))),
        (date!(2025 - 05 - 08), moved(date!(2025 - 02 - 23))),
        (date!(2025 - 06 - 13), moved(date!(2025 - 03 - 08))),
        (date!(2025 - 12 - 31), moved(date!(2025 - 01 - 05))),
        (date!(2025 - 02 - 24), DayKind::Working),
        (date!(2025 - 03 - 10), DayKind::Working),
        (date!(2025 - 02 - 23), DayKind::Holiday { id: 3 }),
        (date!(2025 - 01 - 07), DayKind::Holiday { id: 2 }),
        (date!(2025 - 03 - 07), DayKind::Shortened),
        (date!(2025 - 10 - 25), DayKind::Weekend),
        (date!(2025 - 10 - 24), DayKind::Working),
        // 2026, decree No. 1466.
        (date!(2026 - 01 - 09), moved(date!(2026 - 01 - 03))),
        (date!(2026 - 01 - 12), DayKind::Working),
        (date!(2026 - 02 - 20), DayKind::Working),
        (date!(2026 - 03 - 09), moved(date!(2026 - 03 - 08))),
        (date!(2026 - 05 - 11), moved(date!(2026 - 05 - 09))),
        (date!(2026 - 11 - 03), DayKind::Shortened),
        (date!(2026 - 12 - 31), moved(date!(2026 - 01 - 04))),
        // Working Saturdays of other years; shortened ones report as shortened.
        (date!(2021 - 02 - 20), DayKind::Shortened),
        (date!(2022 - 03 - 05), DayKind::Shortened),
        (date!(2024 - 04 - 27), DayKind::WorkingWeekend),
        (date!(2024 - 11 - 02), DayKind::Shortened),
        (date!(2024 - 12 - 28), DayKind::WorkingWeekend),
        (date!(2027 - 02 - 20), DayKind::Shortened),
        (date!(2027 - 02 - 22), moved(date!(2027 - 02 - 20))),
        (date!(2027 - 11 - 05), moved(date!(2027 - 01 - 02))),
        // Presidential "non-working days" are working days of the production calendar.
        (date!(2020 - 04 - 15), DayKind::Working),
        (date!(2020 - 06 - 24), DayKind::Working),
        (date!(2020 - 07 - 01), DayKind::Working),
        (date!(2021 - 05 - 05), DayKind::Working),
        (date!(2021 - 11 - 01), DayKind::Working),
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
    let cases = [
        date!(2018 - 12 - 31),
        date!(2028 - 01 - 01),
        date!(1999 - 06 - 01),
    ];
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
        empty.day_kind(date!(2025 - 06 - 02)),
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
    let listed: Vec<(Date, DayKind)> = year
        .exceptions()
        .filter(|(day, _)| day.month() == time::Month::May)
        .collect();
    assert_eq!(
        listed,
        vec![
            (date!(2026 - 05 - 01), DayKind::Holiday { id: 5 }),
            (date!(2026 - 05 - 08), DayKind::Shortened),
            (date!(2026 - 05 - 09), DayKind::Holiday { id: 6 }),
            (date!(2026 - 05 - 11), moved(date!(2026 - 05 - 09))),
        ]
    );
}
