//! The clinic's details and the production calendar's years (which it knows, where each came from,
//! and importing one).

use consent_domain::Lang;
use consent_domain::calendar::{Provenance, YearCalendar};
use consent_domain::clinic::{ClinicDetails, ClinicInput};
use consent_domain::dates::ru_date;
use consent_domain::event::EventBody;
use consent_domain::staff::{Staff, UseCase, authorize};

use super::Desk;
use crate::ServiceError;
use crate::api::{CalendarYearView, ClinicView};

impl Desk {
    /// The clinic's details, once set.
    pub fn clinic(&self, actor: &Staff) -> Result<Option<ClinicView>, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        Ok(self.store.clinic()?.as_ref().map(ClinicView::from))
    }

    /// Sets or corrects the clinic's details that every form prints (admin).
    pub fn set_clinic(
        &mut self,
        actor: &Staff,
        input: &ClinicInput,
    ) -> Result<ClinicView, ServiceError> {
        authorize(actor, UseCase::EditSettings)?;
        let clinic = validate_clinic(input)?;
        let view = ClinicView::from(&clinic);
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::ClinicDetailsSaved { clinic },
        )?;
        Ok(view)
    }

    /// The years of the production calendar this desk knows, with where each came from (built in
    /// from a decree, or imported by an administrator), in the desk's language.
    pub fn calendar_years(&self, actor: &Staff) -> Result<Vec<CalendarYearView>, ServiceError> {
        authorize(actor, UseCase::ImportCalendar)?;
        let calendar = self.store.calendar();
        let lang = self.lang;
        Ok(calendar
            .known_years()
            .into_iter()
            .filter_map(|year| calendar.year(year))
            .map(|year| year_view(year, lang))
            .collect())
    }

    /// Adds or corrects a year of the production calendar (xmlcalendar text); running deadlines move.
    pub fn import_calendar(&mut self, actor: &Staff, xml: &str) -> Result<i32, ServiceError> {
        authorize(actor, UseCase::ImportCalendar)?;
        // A real year's file is a few kilobytes; anything this large is not one, and is refused
        // before it is parsed.
        if xml.len() > CALENDAR_FILE_MAX {
            return Err(ServiceError::BadInput {
                what: "calendar file",
                detail: "too_long",
            });
        }
        let now = self.now();
        self.store
            .import_calendar(actor.id(), now, xml)
            .map_err(|e| match e {
                consent_store::StoreError::Calendar(_) => ServiceError::BadInput {
                    what: "calendar file",
                    detail: "bad_calendar",
                },
                other => ServiceError::Store(other),
            })
    }
}

/// The largest xmlcalendar text taken (1 MiB).
pub const CALENDAR_FILE_MAX: usize = 1 << 20;

fn year_view(year: &YearCalendar, lang: Lang) -> CalendarYearView {
    let (source, text) = match year.provenance() {
        Provenance::Decree { number, signed } => (
            "decree",
            match lang {
                Lang::Ru => format!(
                    "встроенный: постановление Правительства РФ № {number} от {}",
                    ru_date(*signed)
                ),
                Lang::En => format!(
                    "built in: Government decree No. {number} of {}",
                    ru_date(*signed)
                ),
            },
        ),
        Provenance::Provisional { note } => (
            "provisional",
            match lang {
                Lang::Ru => format!("встроенный, предварительный: {note}"),
                Lang::En => format!("built in, provisional: {note}"),
            },
        ),
        Provenance::Imported { generated } => (
            "imported",
            match (lang, generated) {
                (Lang::Ru, Some(on)) => format!("загружен из файла xmlcalendar (сформирован {on})"),
                (Lang::Ru, None) => "загружен из файла xmlcalendar".to_owned(),
                (Lang::En, Some(on)) => {
                    format!("imported from an xmlcalendar file (generated {on})")
                }
                (Lang::En, None) => "imported from an xmlcalendar file".to_owned(),
            },
        ),
    };
    CalendarYearView {
        year: year.year(),
        source: source.to_owned(),
        source_text: text,
        working_days: year.working_day_count(),
    }
}

/// The clinic's details as typed, validated, and printable by the forms' fonts (they are printed on
/// every form: one character without a glyph would stop every print).
pub(crate) fn validate_clinic(input: &ClinicInput) -> Result<ClinicDetails, ServiceError> {
    let clinic = ClinicDetails::validate(input).map_err(ServiceError::InvalidClinic)?;
    clinic
        .check_printable(consent_forms::printable)
        .map_err(ServiceError::InvalidClinic)?;
    Ok(clinic)
}
