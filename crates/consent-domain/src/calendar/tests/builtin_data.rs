//! The built-in data checked against the rules that produced it: the decree reference,
//! the import validation, and Labour Code Art. 95/112.

use crate::dates::date;
use chrono::{Datelike, NaiveDate};

use super::super::data::BUILTIN_YEARS;
use super::super::year::is_weekend;
use super::super::{DayKind, Provenance, statutory};
use super::{builtin, days_of};

#[test]
fn each_year_cites_its_decree() {
    let expected = [
        (2019, "1163", date(2018, 10, 1)),
        (2020, "875", date(2019, 7, 10)),
        (2021, "1648", date(2020, 10, 10)),
        (2022, "1564", date(2021, 9, 16)),
        (2023, "1505", date(2022, 8, 29)),
        (2024, "1314", date(2023, 8, 10)),
        (2025, "1335", date(2024, 10, 4)),
        (2026, "1466", date(2025, 9, 24)),
        (2027, "1187", date(2026, 9, 17)),
    ];
    let calendar = builtin();
    for (year, number, signed) in expected {
        let provenance = calendar.year(year).expect("built in").provenance();
        assert_eq!(
            provenance,
            &Provenance::Decree { number, signed },
            "decree of {year}"
        );
        assert!(provenance.is_confirmed(), "{year} is confirmed");
    }
}

#[test]
fn provenance_reads_well_in_logs() {
    let cases = [
        (
            Provenance::Decree {
                number: "1335",
                signed: date(2024, 10, 4),
            },
            "Government decree No. 1335 of 04.10.2024",
        ),
        (
            Provenance::Provisional { note: "draft" },
            "provisional: draft",
        ),
        (
            Provenance::Imported {
                generated: Some("2024.10.05".to_owned()),
            },
            "imported xmlcalendar generated 2024.10.05",
        ),
        (
            Provenance::Imported { generated: None },
            "imported xmlcalendar",
        ),
    ];
    for (provenance, text) in cases {
        assert_eq!(provenance.to_string(), text, "{provenance:?}");
    }
    assert!(!Provenance::Provisional { note: "draft" }.is_confirmed());
}

#[test]
fn each_year_passes_the_import_validation() {
    for year in BUILTIN_YEARS {
        assert_eq!(year.to_year_calendar().validate(), Ok(()), "{}", year.year);
    }
}

#[test]
fn no_date_is_listed_twice_or_outside_its_year() {
    for year in BUILTIN_YEARS {
        let listed: Vec<NaiveDate> = statutory::holidays(year.year)
            .map(|(date, _)| date)
            .chain(year.days_off.iter().map(|&(date, _)| date))
            .chain(year.working_weekends.iter().copied())
            .chain(year.shortened.iter().copied())
            .collect();
        let calendar = year.to_year_calendar();
        assert_eq!(
            calendar.entries.len(),
            listed.len(),
            "overlap in {}",
            year.year
        );
        for date in listed {
            assert_eq!(date.year(), year.year, "{date} listed under {}", year.year);
        }
        for &(_, from) in year.days_off {
            assert_eq!(from.year(), year.year, "moved from {from} in {}", year.year);
        }
    }
}

#[test]
fn weekend_days_that_work_match_the_decrees() {
    let expected: [(i32, &[NaiveDate]); 9] = [
        (2019, &[]),
        (2020, &[]),
        (2021, &[date(2021, 2, 20)]),
        (2022, &[date(2022, 3, 5)]),
        (2023, &[]),
        (
            2024,
            &[date(2024, 4, 27), date(2024, 11, 2), date(2024, 12, 28)],
        ),
        (2025, &[date(2025, 11, 1)]),
        (2026, &[]),
        (2027, &[date(2027, 2, 20)]),
    ];
    let calendar = builtin();
    for (year, saturdays) in expected {
        let working: Vec<NaiveDate> = days_of(year)
            .filter(|&day| is_weekend(day) && calendar.is_working_day(day) == Ok(true))
            .collect();
        assert_eq!(working, saturdays, "working weekend days of {year}");
    }
}

/// Art. 112: a holiday on a weekend gives its rest to another day — by the
/// next-working-day rule or by the decree — except the January 1–8 ones, of which the
/// decree moves exactly two. A working Saturday's rest always goes to one day off.
#[test]
fn every_day_off_takes_the_rest_of_exactly_one_weekend_day() {
    for year in BUILTIN_YEARS {
        let mut sources: Vec<NaiveDate> = year.days_off.iter().map(|&(_, from)| from).collect();
        sources.sort();
        let weekend_holidays: Vec<NaiveDate> = statutory::holidays(year.year)
            .map(|(date, _)| date)
            .filter(|&date| is_weekend(date))
            .collect();
        let january = |date: &NaiveDate| date.month() == 1;
        let mut expected: Vec<NaiveDate> = weekend_holidays
            .iter()
            .copied()
            .filter(|date| !january(date))
            .chain(year.working_weekends.iter().copied())
            .chain(year.shortened.iter().copied().filter(|&d| is_weekend(d)))
            .collect();
        let january_moved: Vec<NaiveDate> = sources.iter().copied().filter(january).collect();
        let january_on_weekend = weekend_holidays.iter().filter(|d| january(d)).count();
        assert_eq!(
            january_moved.len(),
            january_on_weekend.min(2),
            "January holidays moved in {}",
            year.year
        );
        for date in &january_moved {
            assert!(
                weekend_holidays.contains(date),
                "{date} moved in {} is not a weekend holiday",
                year.year
            );
        }
        expected.extend(january_moved);
        expected.sort();
        assert_eq!(sources, expected, "rest sources of {}", year.year);
        for &(day, _) in year.days_off {
            assert!(!is_weekend(day), "day off {day} should be a weekday");
        }
    }
}

/// Art. 95: only the working day right before a non-working stretch that contains a
/// public holiday is shortened.
#[test]
fn every_shortened_day_precedes_days_off_that_include_a_holiday() {
    let calendar = builtin();
    for year in BUILTIN_YEARS {
        for &shortened in year.shortened {
            let mut day = shortened.succ_opt().expect("not the end of time");
            let mut reaches_holiday = false;
            while let Ok(kind) = calendar.day_kind(day) {
                if kind.is_working() {
                    break;
                }
                reaches_holiday |= matches!(kind, DayKind::Holiday { .. });
                day = day.succ_opt().expect("not the end of time");
            }
            assert!(
                day > shortened.succ_opt().expect("not the end of time"),
                "{shortened} is followed by a working day"
            );
            assert!(reaches_holiday, "no holiday after shortened {shortened}");
        }
    }
}
