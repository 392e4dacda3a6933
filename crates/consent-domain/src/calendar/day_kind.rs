//! The kind of a single calendar day.

use chrono::NaiveDate;

/// What a day is in the production calendar.
///
/// Only [`DayKind::is_working`] matters for deadlines; the finer kinds exist so a screen
/// can explain *why* a day does or does not count ("moved from 04.01", "pre-holiday").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// An ordinary Monday–Friday working day.
    Working,
    /// A working day one hour shorter because a public holiday follows (Labour Code
    /// Art. 95). Still a full working day for deadline counting. May fall on a weekend
    /// that the decree made working.
    Shortened,
    /// A Saturday or Sunday the decree turned into a (full-length) working day.
    WorkingWeekend,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A non-working public holiday, whatever the weekday; `id` refers to the year's
    /// holiday titles ([`super::YearCalendar::holiday_title`]).
    Holiday {
        /// Holiday id; 1–8 are the Labour Code Art. 112 holidays in xmlcalendar order.
        id: u8,
    },
    /// Any other non-working day: a day off moved by the decree or carried over from a
    /// holiday that fell on a weekend.
    DayOff {
        /// The weekend day or holiday whose rest this day takes over, when known.
        moved_from: Option<NaiveDate>,
    },
}

impl DayKind {
    /// Whether the day counts as a working day.
    pub fn is_working(self) -> bool {
        matches!(self, Self::Working | Self::Shortened | Self::WorkingWeekend)
    }
}
