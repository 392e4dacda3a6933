//! Russian production calendar (производственный календарь) for working-day deadlines.
//!
//! 152-FZ counts several deadlines in *working* days (e.g. ten working days to stop
//! processing after a withdrawal of consent). Which days are working is not a fixed rule:
//! it is Monday–Friday, minus the public holidays of Labour Code Art. 112, minus days off
//! that the Government moves by a yearly decree ("О переносе выходных дней в … году"),
//! plus the Saturdays that decree turns into working days. So the calendar is data, one
//! [`YearCalendar`] per year, and a question about a year the data does not cover is an
//! explicit [`UnknownYear`] error, never a guess: a wrong deadline is worse than none.
//!
//! What lives here:
//! - built-in years 2019–2027, transcribed from the decrees ([`Calendar::builtin`]).
//!   They follow the official production calendar, so the presidential "non-working
//!   days" of 2020–2021 are working days here (see `data.rs` for why);
//! - import and export of the de-facto exchange format, xmlcalendar
//!   ([`Calendar::import_xml`], [`Calendar::to_xml`]), so an administrator can inspect a
//!   year, correct it, or add next year before a software update ships it;
//! - day arithmetic: [`Calendar::add_working_days`], [`Calendar::working_days_between`] and
//!   the [`DeadlineRule`]s built on them;
//! - a content [`Revision`], because stored deadlines are recomputed from their received
//!   dates whenever the calendar changes, and callers need to notice that it did.
//!
//! Everything is pure: no clock (callers pass "today"), no IO, no environment.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod counting;
mod data;
mod day_kind;
mod deadline;
mod error;
mod provenance;
mod revision;
mod statutory;
mod xmlcalendar;
mod year;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

pub use day_kind::DayKind;
pub use deadline::DeadlineRule;
pub use error::{ImportError, UnknownYear};
pub use provenance::Provenance;
pub use revision::Revision;
pub use year::YearCalendar;

/// A set of production-calendar years, each known completely or not at all.
///
/// A value, not a service: cheap to clone, compare and replace wholesale when an
/// administrator imports a corrected year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeMap<i32, YearCalendar>,
}

impl Calendar {
    /// A calendar that knows no year; every date question fails with [`UnknownYear`].
    pub fn empty() -> Self {
        Self {
            years: BTreeMap::new(),
        }
    }

    /// The years shipped with the software (2019–2027), each with its decree reference.
    pub fn builtin() -> Self {
        data::BUILTIN_YEARS
            .iter()
            .map(data::BuiltinYear::to_year_calendar)
            .fold(Self::empty(), Self::with_year)
    }

    /// Adds `year`, replacing any calendar already held for the same year number.
    pub fn with_year(mut self, year: YearCalendar) -> Self {
        self.years.insert(year.year(), year);
        self
    }

    /// Parses an xmlcalendar document and puts its year into this calendar, replacing a
    /// built-in or earlier imported version of that year. Returns the year number.
    ///
    /// On error the calendar is left unchanged.
    pub fn import_xml(&mut self, xml: &str) -> Result<i32, ImportError> {
        let year = YearCalendar::from_xml(xml)?;
        let number = year.year();
        self.years.insert(number, year);
        Ok(number)
    }

    /// The year numbers this calendar can answer for, ascending.
    pub fn known_years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// The calendar of one year, if known (for its provenance, holiday titles, exceptions).
    pub fn year(&self, year: i32) -> Option<&YearCalendar> {
        self.years.get(&year)
    }

    /// A fingerprint of the whole content: equal content gives an equal revision, and any
    /// change to a day, a holiday title, a provenance or the set of years changes it.
    pub fn revision(&self) -> Revision {
        Revision::of_years(self.years.values())
    }

    /// What kind of day `date` is.
    pub fn day_kind(&self, date: NaiveDate) -> Result<DayKind, UnknownYear> {
        Ok(self.year_of(date)?.kind_of(date))
    }

    /// Whether `date` is a working day (shortened pre-holiday days and working weekend
    /// days included).
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, UnknownYear> {
        Ok(self.day_kind(date)?.is_working())
    }

    /// The year `year` as xmlcalendar text, for an administrator to inspect or correct.
    pub fn to_xml(&self, year: i32) -> Result<String, UnknownYear> {
        self.years
            .get(&year)
            .map(xmlcalendar::export)
            .ok_or(UnknownYear { year })
    }

    fn year_of(&self, date: NaiveDate) -> Result<&YearCalendar, UnknownYear> {
        let year = date.year();
        self.years.get(&year).ok_or(UnknownYear { year })
    }
}
