//! Built-in years, transcribed from the yearly Government decrees "О переносе выходных
//! дней в … году" and cross-checked against the published production calendars
//! (КонсультантПлюс, Гарант, xmlcalendar.ru).
//!
//! Each year lists only what the Monday–Friday rule and the Art. 112 holidays (added
//! automatically from [`super::statutory`]) do not already say:
//! - `days_off`: weekdays that are days off, each with the day whose rest it takes over
//!   (a January holiday moved by the decree, a holiday that fell on a weekend and moves to
//!   the next working day by Art. 112, or a Saturday the decree made working);
//! - `working_weekends`: Saturdays made full working days;
//! - `shortened`: pre-holiday working days one hour shorter (Art. 95), which still count
//!   as working days; a shortened working Saturday is listed here only.
//!
//! 2020 and 2021 also had "нерабочие дни" declared by presidential decrees (COVID-19
//! periods of 30.03–11.05.2020, 04–07.05.2021 and 30.10–07.11.2021; 24.06 and 01.07.2020
//! for the parade and the vote). They were paid non-working days for most employers but
//! not days off of the production calendar: КонсультантПлюс counts 248 working days in
//! 2020 and 247 in 2021 with them as working days. This module follows the official
//! production calendar, so those dates are working days here. An administrator who needs
//! them otherwise can import an xmlcalendar file for those years (xmlcalendar.ru itself
//! marks them as days off).

use crate::dates::date;
use chrono::NaiveDate;

use super::year::{Entry, YearCalendar};
use super::{Provenance, statutory};

/// One built-in year in its compact, reviewable form.
pub(super) struct BuiltinYear {
    pub(super) year: i32,
    pub(super) provenance: Provenance,
    /// (weekday off, day whose rest it takes over).
    pub(super) days_off: &'static [(NaiveDate, NaiveDate)],
    /// Saturdays or Sundays that are full working days.
    pub(super) working_weekends: &'static [NaiveDate],
    /// Working days one hour shorter, weekend ones included.
    pub(super) shortened: &'static [NaiveDate],
}

impl BuiltinYear {
    /// Expands the compact form into the same shape an import produces.
    pub(super) fn to_year_calendar(&self) -> YearCalendar {
        let holidays = statutory::holidays(self.year).map(|(date, id)| {
            let entry = Entry::DayOff {
                holiday: Some(id),
                moved_from: None,
            };
            (date, entry)
        });
        let days_off = self.days_off.iter().map(|&(date, from)| {
            let entry = Entry::DayOff {
                holiday: None,
                moved_from: Some(from),
            };
            (date, entry)
        });
        let working = self
            .working_weekends
            .iter()
            .map(|&date| (date, Entry::WorkingWeekend));
        let shortened = self.shortened.iter().map(|&date| (date, Entry::Shortened));
        YearCalendar {
            year: self.year,
            provenance: self.provenance.clone(),
            holidays: statutory::TITLES
                .iter()
                .map(|&(id, title)| (id, title.to_owned()))
                .collect(),
            entries: holidays
                .chain(days_off)
                .chain(working)
                .chain(shortened)
                .collect(),
        }
    }
}

const fn decree(number: &'static str, signed: NaiveDate) -> Provenance {
    Provenance::Decree { number, signed }
}

pub(super) static BUILTIN_YEARS: &[BuiltinYear] = &[
    BuiltinYear {
        year: 2019,
        provenance: decree("1163", date(2018, 10, 1)),
        days_off: &[
            (date(2019, 5, 2), date(2019, 1, 5)),
            (date(2019, 5, 3), date(2019, 1, 6)),
            (date(2019, 5, 10), date(2019, 2, 23)),
        ],
        working_weekends: &[],
        shortened: &[
            date(2019, 2, 22),
            date(2019, 3, 7),
            date(2019, 4, 30),
            date(2019, 5, 8),
            date(2019, 6, 11),
            date(2019, 12, 31),
        ],
    },
    BuiltinYear {
        year: 2020,
        // The transfers match the Government's announcement of 13.07.2019; the number
        // 875 could not be cross-checked against a second source when this was written.
        provenance: decree("875", date(2019, 7, 10)),
        days_off: &[
            (date(2020, 2, 24), date(2020, 2, 23)),
            (date(2020, 3, 9), date(2020, 3, 8)),
            (date(2020, 5, 4), date(2020, 1, 4)),
            (date(2020, 5, 5), date(2020, 1, 5)),
            (date(2020, 5, 11), date(2020, 5, 9)),
        ],
        working_weekends: &[],
        shortened: &[
            date(2020, 4, 30),
            date(2020, 5, 8),
            date(2020, 6, 11),
            date(2020, 11, 3),
            date(2020, 12, 31),
        ],
    },
    BuiltinYear {
        year: 2021,
        provenance: decree("1648", date(2020, 10, 10)),
        days_off: &[
            (date(2021, 2, 22), date(2021, 2, 20)),
            (date(2021, 5, 3), date(2021, 5, 1)),
            (date(2021, 5, 10), date(2021, 5, 9)),
            (date(2021, 6, 14), date(2021, 6, 12)),
            (date(2021, 11, 5), date(2021, 1, 2)),
            (date(2021, 12, 31), date(2021, 1, 3)),
        ],
        working_weekends: &[],
        shortened: &[
            date(2021, 2, 20),
            date(2021, 4, 30),
            date(2021, 6, 11),
            date(2021, 11, 3),
        ],
    },
    BuiltinYear {
        year: 2022,
        provenance: decree("1564", date(2021, 9, 16)),
        days_off: &[
            (date(2022, 3, 7), date(2022, 3, 5)),
            (date(2022, 5, 2), date(2022, 5, 1)),
            (date(2022, 5, 3), date(2022, 1, 1)),
            (date(2022, 5, 10), date(2022, 1, 2)),
            (date(2022, 6, 13), date(2022, 6, 12)),
        ],
        working_weekends: &[],
        shortened: &[date(2022, 2, 22), date(2022, 3, 5), date(2022, 11, 3)],
    },
    BuiltinYear {
        year: 2023,
        provenance: decree("1505", date(2022, 8, 29)),
        days_off: &[
            (date(2023, 2, 24), date(2023, 1, 1)),
            (date(2023, 5, 8), date(2023, 1, 8)),
            (date(2023, 11, 6), date(2023, 11, 4)),
        ],
        working_weekends: &[],
        shortened: &[date(2023, 2, 22), date(2023, 3, 7), date(2023, 11, 3)],
    },
    BuiltinYear {
        year: 2024,
        provenance: decree("1314", date(2023, 8, 10)),
        days_off: &[
            (date(2024, 4, 29), date(2024, 4, 27)),
            (date(2024, 4, 30), date(2024, 11, 2)),
            (date(2024, 5, 10), date(2024, 1, 6)),
            (date(2024, 12, 30), date(2024, 12, 28)),
            (date(2024, 12, 31), date(2024, 1, 7)),
        ],
        working_weekends: &[date(2024, 4, 27), date(2024, 12, 28)],
        // 28.12 is a full day: the next holiday (1 January) follows only after three
        // days off.
        shortened: &[
            date(2024, 2, 22),
            date(2024, 3, 7),
            date(2024, 5, 8),
            date(2024, 6, 11),
            date(2024, 11, 2),
        ],
    },
    BuiltinYear {
        year: 2025,
        provenance: decree("1335", date(2024, 10, 4)),
        // The decree also moved the weekend holidays 23.02 and 08.03 to 08.05 and 13.06,
        // so 24.02 and 10.03 stay ordinary working days.
        days_off: &[
            (date(2025, 5, 2), date(2025, 1, 4)),
            (date(2025, 5, 8), date(2025, 2, 23)),
            (date(2025, 6, 13), date(2025, 3, 8)),
            (date(2025, 11, 3), date(2025, 11, 1)),
            (date(2025, 12, 31), date(2025, 1, 5)),
        ],
        // Full length: КонсультантПлюс lists 07.03, 30.04 and 11.06 as the only shortened
        // days of 2025.
        working_weekends: &[date(2025, 11, 1)],
        shortened: &[date(2025, 3, 7), date(2025, 4, 30), date(2025, 6, 11)],
    },
    BuiltinYear {
        year: 2026,
        provenance: decree("1466", date(2025, 9, 24)),
        days_off: &[
            (date(2026, 1, 9), date(2026, 1, 3)),
            (date(2026, 3, 9), date(2026, 3, 8)),
            (date(2026, 5, 11), date(2026, 5, 9)),
            (date(2026, 12, 31), date(2026, 1, 4)),
        ],
        working_weekends: &[],
        shortened: &[
            date(2026, 4, 30),
            date(2026, 5, 8),
            date(2026, 6, 11),
            date(2026, 11, 3),
        ],
    },
    BuiltinYear {
        year: 2027,
        // Published 18.09.2026 (official publication No. 0001202609180037).
        provenance: decree("1187", date(2026, 9, 17)),
        days_off: &[
            (date(2027, 2, 22), date(2027, 2, 20)),
            (date(2027, 5, 3), date(2027, 5, 1)),
            (date(2027, 5, 10), date(2027, 5, 9)),
            (date(2027, 6, 14), date(2027, 6, 12)),
            (date(2027, 11, 5), date(2027, 1, 2)),
            (date(2027, 12, 31), date(2027, 1, 3)),
        ],
        working_weekends: &[],
        shortened: &[
            date(2027, 2, 20),
            date(2027, 4, 30),
            date(2027, 6, 11),
            date(2027, 11, 3),
        ],
    },
];
