//! Yearly totals as printed in the official production calendars (КонсультантПлюс /
//! Гарант, five-day week): working days, and the 40-hour-week norm, which also pins the
//! number of shortened days (8 h per working day, minus 1 h per shortened day).

use super::builtin;

/// (year, working days, norm hours at 40 h/week).
const TOTALS: [(i32, u32, u32); 9] = [
    (2019, 247, 1970),
    (2020, 248, 1979),
    (2021, 247, 1972),
    (2022, 247, 1973),
    (2023, 247, 1973),
    (2024, 248, 1979),
    (2025, 247, 1973),
    (2026, 247, 1972),
    (2027, 247, 1972),
];

#[test]
fn builtin_years_are_exactly_2019_to_2027() {
    assert_eq!(builtin().known_years(), (2019..=2027).collect::<Vec<_>>());
}

#[test]
fn each_year_has_the_official_number_of_working_days() {
    let calendar = builtin();
    for (year, working_days, _) in TOTALS {
        let data = calendar.year(year).expect("built in");
        assert_eq!(
            data.working_day_count(),
            working_days,
            "working days in {year}"
        );
    }
}

#[test]
fn each_year_has_the_official_forty_hour_norm() {
    let calendar = builtin();
    for (year, working_days, hours) in TOTALS {
        let shortened = super::days_of(year)
            .filter(|&day| calendar.day_kind(day) == Ok(super::super::DayKind::Shortened))
            .count();
        let norm = working_days * 8 - u32::try_from(shortened).expect("small");
        assert_eq!(norm, hours, "40-hour norm of {year}");
    }
}
