//! Where a year's data came from, so a screen can show it and an auditor can check it.

use std::fmt;

use chrono::NaiveDate;

use crate::dates::ru_date;

/// The source of one year of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Provenance {
    /// Built in, transcribed from the Government decree "О переносе выходных дней".
    Decree {
        /// Decree number, e.g. "1335".
        number: &'static str,
        /// Date the decree was signed.
        signed: NaiveDate,
    },
    /// Built in, but the transfers could not be confirmed from a published decree yet.
    /// Deadlines in such a year should be shown as tentative. No built-in year is
    /// provisional today; the variant exists so the next one can say so.
    Provisional {
        /// Why it is provisional and what it is based on.
        note: &'static str,
    },
    /// Loaded from an xmlcalendar document by an administrator; it replaces any built-in
    /// data for the year.
    Imported {
        /// The document's own `date` attribute (when it was generated), if it had one.
        generated: Option<String>,
    },
}

impl Provenance {
    /// Whether the year rests on a confirmed decree or on an administrator's import, as
    /// opposed to provisional built-in data.
    pub fn is_confirmed(&self) -> bool {
        !matches!(self, Self::Provisional { .. })
    }
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decree { number, signed } => {
                write!(f, "Government decree No. {number} of {}", ru_date(*signed))
            }
            Self::Provisional { note } => write!(f, "provisional: {note}"),
            Self::Imported {
                generated: Some(generated),
            } => write!(f, "imported xmlcalendar generated {generated}"),
            Self::Imported { generated: None } => f.write_str("imported xmlcalendar"),
        }
    }
}
