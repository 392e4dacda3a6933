//! Content fingerprint of a calendar.
//!
//! A hash of the content rather than a counter: it survives restarts (store it next to
//! computed deadlines and compare on start-up), and re-importing an identical file does
//! not trigger a needless recomputation. FNV-1a is used because it is tiny, fixed and
//! deterministic across builds and platforms, unlike `std`'s randomly seeded hasher;
//! collision resistance against an adversary is not needed here.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::Provenance;
use super::year::{Entry, YearCalendar};

/// Fingerprint of a [`super::Calendar`]'s whole content. Shown as 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Revision(u64);

impl Revision {
    /// The raw value, e.g. for storage.
    pub fn value(self) -> u64 {
        self.0
    }

    /// Rebuilds a revision from a stored [`Self::value`].
    pub fn from_value(value: u64) -> Self {
        Self(value)
    }

    pub(super) fn of_years<'a>(years: impl Iterator<Item = &'a YearCalendar>) -> Self {
        let mut hasher = Fnv1a::new();
        for year in years {
            hasher.write_i64(i64::from(year.year));
            write_provenance(&mut hasher, &year.provenance);
            hasher.write_u64(year.holidays.len() as u64);
            for (id, title) in &year.holidays {
                hasher.write_u64(u64::from(*id));
                hasher.write_str(title);
            }
            hasher.write_u64(year.entries.len() as u64);
            for (date, entry) in &year.entries {
                hasher.write_date(*date);
                write_entry(&mut hasher, *entry);
            }
        }
        Self(hasher.finish())
    }
}

impl fmt::Display for Revision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

fn write_provenance(hasher: &mut Fnv1a, provenance: &Provenance) {
    match provenance {
        Provenance::Decree { number, signed } => {
            hasher.write_u64(1);
            hasher.write_str(number);
            hasher.write_date(*signed);
        }
        Provenance::Provisional { note } => {
            hasher.write_u64(2);
            hasher.write_str(note);
        }
        Provenance::Imported { generated } => {
            hasher.write_u64(3);
            match generated {
                Some(generated) => {
                    hasher.write_u64(1);
                    hasher.write_str(generated);
                }
                None => hasher.write_u64(0),
            }
        }
    }
}

fn write_entry(hasher: &mut Fnv1a, entry: Entry) {
    match entry {
        Entry::DayOff {
            holiday,
            moved_from,
        } => {
            hasher.write_u64(1);
            hasher.write_u64(holiday.map_or(0, |id| u64::from(id) + 1));
            match moved_from {
                Some(from) => {
                    hasher.write_u64(1);
                    hasher.write_date(from);
                }
                None => hasher.write_u64(0),
            }
        }
        Entry::Shortened => hasher.write_u64(2),
        Entry::WorkingWeekend => hasher.write_u64(3),
    }
}

struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Self(Self::OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(Self::PRIME);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.write(&value.to_le_bytes());
    }

    fn write_i64(&mut self, value: i64) {
        self.write(&value.to_le_bytes());
    }

    // Length first, so ("ab", "c") and ("a", "bc") hash differently.
    fn write_str(&mut self, value: &str) {
        self.write_u64(value.len() as u64);
        self.write(value.as_bytes());
    }

    /// The Julian day number, as revisions were first hashed (with the `time` crate's
    /// `to_julian_day`); day 1 of the common era is Julian day 1 721 426.
    fn write_date(&mut self, date: NaiveDate) {
        const JULIAN_DAY_OF_CE_DAY_0: i64 = 1_721_425;
        self.write_i64(i64::from(date.num_days_from_ce()) + JULIAN_DAY_OF_CE_DAY_0);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
