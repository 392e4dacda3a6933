//! The clinic's details and the production calendar's years.

use consent_domain::clinic::{ClinicDetails, ClinicInput};
use consent_domain::event::EventBody;
use consent_domain::staff::{Staff, UseCase, authorize};

use super::Desk;
use crate::ServiceError;
use crate::api::ClinicView;

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

    /// Adds or corrects a year of the production calendar (xmlcalendar text); running deadlines move.
    pub fn import_calendar(&mut self, actor: &Staff, xml: &str) -> Result<i32, ServiceError> {
        authorize(actor, UseCase::ImportCalendar)?;
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

/// The clinic's details as typed, validated, and printable by the forms' fonts (they are printed on
/// every form: one character without a glyph would stop every print).
pub(crate) fn validate_clinic(input: &ClinicInput) -> Result<ClinicDetails, ServiceError> {
    let clinic = ClinicDetails::validate(input).map_err(ServiceError::InvalidClinic)?;
    clinic
        .check_printable(consent_forms::printable)
        .map_err(ServiceError::InvalidClinic)?;
    Ok(clinic)
}
