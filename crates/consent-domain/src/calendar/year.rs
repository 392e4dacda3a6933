//! One year of the production calendar: the Monday–Friday rule plus its exceptions.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};

use super::error::ImportError;
use super::{DayKind, Provenance, statutory, xmlcalendar};

/// One listed exception to the Monday–Friday rule, mirroring xmlcalendar's day types so
/// an import can be exported again without losing anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Entry {
    /// t=1: not a working day; a holiday (`h`) and/or a moved day off (`f`).
    DayOff {
        holiday: Option<u8>,
        moved_from: Option<NaiveDate>,
    },
    /// t=2: a working day shortened by one hour, on any weekday.
    Shortened,
    /// t=3: a Saturday or Sunday that is a full working day.
    WorkingWeekend,
}

/// The production calendar of one year.
///
/// Built by [`super::Calendar::builtin`] or from xmlcalendar text ([`Self::from_xml`]).
/// Imports are checked when parsed; the built-in data is held to the very same checks by
/// the tests, so every instance is trustworthy as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearCalendar {
    pub(super) year: i32,
    pub(super) provenance: Provenance,
    pub(super) holidays: BTreeMap<u8, String>,
    pub(super) entries: BTreeMap<NaiveDate, Entry>,
}

impl YearCalendar {
    /// Parses and validates an xmlcalendar document (see [`super::Calendar::import_xml`]).
    pub fn from_xml(xml: &str) -> Result<Self, ImportError> {
        xmlcalendar::import(xml)
    }

    /// The year number.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Where this year's data comes from.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// Title of holiday `id` (e.g. 6 → "День Победы"), as the source names it.
    pub fn holiday_title(&self, id: u8) -> Option<&str> {
        self.holidays.get(&id).map(String::as_str)
    }

    /// The days that differ from a plain Monday–Friday week, in date order.
    pub fn exceptions(&self) -> impl Iterator<Item = (NaiveDate, DayKind)> + '_ {
        self.entries.keys().map(|&date| (date, self.kind_of(date)))
    }

    /// How many working days the year has (the figure production calendars print).
    pub fn working_day_count(&self) -> u32 {
        let mut count = 0;
        let mut day = NaiveDate::from_yo_opt(self.year, 1);
        while let Some(date) = day.filter(|date| date.year() == self.year) {
            count += u32::from(self.kind_of(date).is_working());
            day = date.succ_opt();
        }
        count
    }

    /// Kind of `date`, which must lie in this year (the caller has picked the year).
    pub(super) fn kind_of(&self, date: NaiveDate) -> DayKind {
        let weekend = is_weekend(date);
        match self.entries.get(&date) {
            Some(Entry::DayOff {
                holiday: Some(id), ..
            }) => DayKind::Holiday { id: *id },
            Some(Entry::DayOff {
                holiday: None,
                moved_from: None,
            }) if weekend => DayKind::Weekend,
            Some(Entry::DayOff { moved_from, .. }) => DayKind::DayOff {
                moved_from: *moved_from,
            },
            Some(Entry::Shortened) => DayKind::Shortened,
            Some(Entry::WorkingWeekend) => DayKind::WorkingWeekend,
            None if weekend => DayKind::Weekend,
            None => DayKind::Working,
        }
    }

    /// Checks that hold for every year whatever its source. Parsing has already ensured
    /// every date lies in the year and none is listed twice.
    pub(super) fn validate(&self) -> Result<(), ImportError> {
        for (&day, entry) in &self.entries {
            match entry {
                Entry::WorkingWeekend if !is_weekend(day) => {
                    return Err(ImportError::WorkingWeekendOnWeekday { day });
                }
                Entry::DayOff {
                    holiday: Some(id), ..
                } if !self.holidays.contains_key(id) => {
                    return Err(ImportError::UnknownHolidayRef {
                        day,
                        value: id.to_string(),
                    });
                }
                _ => {}
            }
        }
        for (day, _) in statutory::holidays(self.year) {
            if self.kind_of(day).is_working() {
                return Err(ImportError::StatutoryHolidayWorking { day });
            }
        }
        Ok(())
    }
}

pub(super) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}
