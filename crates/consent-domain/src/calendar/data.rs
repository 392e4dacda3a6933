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

use time::Date;
use time::macros::date;

use super::year::{Entry, YearCalendar};
use super::{Provenance, statutory};

/// One built-in year in its compact, reviewable form.
pub(super) struct BuiltinYear {
    pub(super) year: i32,
    pub(super) provenance: Provenance,
    /// (weekday off, day whose rest it takes over).
    pub(super) days_off: &'static [(Date, Date)],
    /// Saturdays or Sundays that are full working days.
    pub(super) working_weekends: &'static [Date],
    /// Working days one hour shorter, weekend ones included.
    pub(super) shortened: &'static [Date],
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

const fn decree(number: &'static str, signed: Date) -> Provenance {
    Provenance::Decree { number, signed }
}

pub(super) static BUILTIN_YEARS: &[BuiltinYear] = &[
    BuiltinYear {
        year: 2019,
        provenance: decree("1163", date!(2018 - 10 - 01)),
        days_off: &[
            (date!(2019 - 05 - 02), date!(2019 - 01 - 05)),
            (date!(2019 - 05 - 03), date!(2019 - 01 - 06)),
            (date!(2019 - 05 - 10), date!(2019 - 02 - 23)),
        ],
        working_weekends: &[],
        shortened: &[
            date!(2019 - 02 - 22),
            date!(2019 - 03 - 07),
            date!(2019 - 04 - 30),
            date!(2019 - 05 - 08),
            date!(2019 - 06 - 11),
            date!(2019 - 12 - 31),
        ],
    },
    BuiltinYear {
        year: 2020,
        // The transfers match the Government's announcement of 13.07.2019; the number
        // 875 could not be cross-checked against a second source when this was written.
        provenance: decree("875", date!(2019 - 07 - 10)),
        days_off: &[
            (date!(2020 - 02 - 24), date!(2020 - 02 - 23)),
            (date!(2020 - 03 - 09), date!(2020 - 03 - 08)),
            (date!(2020 - 05 - 04), date!(2020 - 01 - 04)),
            (date!(2020 - 05 - 05), date!(2020 - 01 - 05)),
            (date!(2020 - 05 - 11), date!(2020 - 05 - 09)),
        ],
        working_weekends: &[],
        shortened: &[
            date!(2020 - 04 - 30),
            date!(2020 - 05 - 08),
            date!(2020 - 06 - 11),
            date!(2020 - 11 - 03),
            date!(2020 - 12 - 31),
        ],
    },
    BuiltinYear {
        year: 2021,
        provenance: decree("1648", date!(2020 - 10 - 10)),
        days_off: &[
            (date!(2021 - 02 - 22), date!(2021 - 02 - 20)),
            (date!(2021 - 05 - 03), date!(2021 - 05 - 01)),
            (date!(2021 - 05 - 10), date!(2021 - 05 - 09)),
            (date!(2021 - 06 - 14), date!(2021 - 06 - 12)),
            (date!(2021 - 11 - 05), date!(2021 - 01 - 02)),
            (date!(2021 - 12 - 31), date!(2021 - 01 - 03)),
        ],
        working_weekends: &[],
        shortened: &[
            date!(2021 - 02 - 20),
            date!(2021 - 04 - 30),
            date!(2021 - 06 - 11),
            date!(2021 - 11 - 03),
        ],
    },
    BuiltinYear {
        year: 2022,
        provenance: decree("1564", date!(2021 - 09 - 16)),
        days_off: &[
            (date!(2022 - 03 - 07), date!(2022 - 03 - 05)),
            (date!(2022 - 05 - 02), date!(2022 - 05 - 01)),
            (date!(2022 - 05 - 03), date!(2022 - 01 - 01)),
            (date!(2022 - 05 - 10), date!(2022 - 01 - 02)),
            (date!(2022 - 06 - 13), date!(2022 - 06 - 12)),
        ],
        working_weekends: &[],
        shortened: &[
            date!(2022 - 02 - 22),
            date!(2022 - 03 - 05),
            date!(2022 - 11 - 03),
        ],
    },
    BuiltinYear {
        year: 2023,
        provenance: decree("1505", date!(2022 - 08 - 29)),
        days_off: &[
            (date!(2023 - 02 - 24), date!(2023 - 01 - 01)),
            (date!(2023 - 05 - 08), date!(2023 - 01 - 08)),
            (date!(2023 - 11 - 06), date!(2023 - 11 - 04)),
        ],
        working_weekends: &[],
        shortened: &[
            date!(2023 - 02 - 22),
            date!(2023 - 03 - 07),
            date!(2023 - 11 - 03),
        ],
    },
    BuiltinYear {
        year: 2024,
        provenance: decree("1314", date!(2023 - 08 - 10)),
        days_off: &[
            (date!(2024 - 04 - 29), date!(2024 - 04 - 27)),
            (date!(2024 - 04 - 30), date!(2024 - 11 - 02)),
            (date!(2024 - 05 - 10), date!(2024 - 01 - 06)),
            (date!(2024 - 12 - 30), date!(2024 - 12 - 28)),
            (date!(2024 - 12 - 31), date!(2024 - 01 - 07)),
        ],
        working_weekends: &[date!(2024 - 04 - 27), date!(2024 - 12 - 28)],
        // 28.12 is a full day: the next holiday (1 January) follows only after three
        // days off.
        shortened: &[
            date!(2024 - 02 - 22),
            date!(2024 - 03 - 07),
            date!(2024 - 05 - 08),
            date!(2024 - 06 - 11),
            date!(2024 - 11 - 02),
        ],
    },
    BuiltinYear {
        year: 2025,
        provenance: decree("1335", date!(2024 - 10 - 04)),
        // The decree also moved the weekend holidays 23.02 and 08.03 to 08.05 and 13.06,
        // so 24.02 and 10.03 stay ordinary working days.
        days_off: &[
            (date!(2025 - 05 - 02), date!(2025 - 01 - 04)),
            (date!(2025 - 05 - 08), date!(2025 - 02 - 23)),
            (date!(2025 - 06 - 13), date!(2025 - 03 - 08)),
            (date!(2025 - 11 - 03), date!(2025 - 11 - 01)),
            (date!(2025 - 12 - 31), date!(2025 - 01 - 05)),
        ],
        // Full length: КонсультантПлюс lists 07.03, 30.04 and 11.06 as the only shortened
        // days of 2025.
        working_weekends: &[date!(2025 - 11 - 01)],
        shortened: &[
            date!(2025 - 03 - 07),
            date!(2025 - 04 - 30),
            date!(2025 - 06 - 11),
        ],
    },
    BuiltinYear {
        year: 2026,
        provenance: decree("1466", date!(2025 - 09 - 24)),
        days_off: &[
            (date!(2026 - 01 - 09), date!(2026 - 01 - 03)),
            (date!(2026 - 03 - 09), date!(2026 - 03 - 08)),
            (date!(2026 - 05 - 11), date!(2026 - 05 - 09)),
            (date!(2026 - 12 - 31), date!(2026 - 01 - 04)),
        ],
        working_weekends: &[],
        shortened: &[
            date!(2026 - 04 - 30),
            date!(2026 - 05 - 08),
            date!(2026 - 06 - 11),
            date!(2026 - 11 - 03),
        ],
    },
    BuiltinYear {
        year: 2027,
        // Published 18.09.2026 (official publication No. 0001202609180037).
        provenance: decree("1187", date!(2026 - 09 - 17)),
        days_off: &[
            (date!(2027 - 02 - 22), date!(2027 - 02 - 20)),
            (date!(2027 - 05 - 03), date!(2027 - 05 - 01)),
            (date!(2027 - 05 - 10), date!(2027 - 05 - 09)),
            (date!(2027 - 06 - 14), date!(2027 - 06 - 12)),
            (date!(2027 - 11 - 05), date!(2027 - 01 - 02)),
            (date!(2027 - 12 - 31), date!(2027 - 01 - 03)),
        ],
        working_weekends: &[],
        shortened: &[
            date!(2027 - 02 - 20),
            date!(2027 - 04 - 30),
            date!(2027 - 06 - 11),
            date!(2027 - 11 - 03),
        ],
    },
];
