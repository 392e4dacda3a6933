//! Settings → «Производственный календарь» from the app (administrators): the years known and where
//! each came from, and importing a year from an xmlcalendar file, after which every open deadline is
//! counted with it.

use super::Session;
use crate::ServiceError;
use crate::api::{CalendarImport, CalendarYearView};

impl Session {
    /// The production calendar's years, with their sources.
    pub fn calendar_years(&self) -> Result<Vec<CalendarYearView>, ServiceError> {
        self.act(|desk, staff| desk.calendar_years(staff))
    }

    /// Imports a year (the file's text); the answer lists the years as they are now.
    pub fn import_calendar(&self, xml: &str) -> Result<CalendarImport, ServiceError> {
        self.act(|desk, staff| {
            let year = desk.import_calendar(staff, xml)?;
            Ok(CalendarImport {
                year,
                years: desk.calendar_years(staff)?,
            })
        })
    }
}
