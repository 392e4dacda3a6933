//! The validated patient.

use chrono::NaiveDate;

use super::address::Address;
use super::dates::{ADULT_AGE, age_on};
use super::document::IdentityDocument;
use super::email::Email;
use super::name::PersonName;
use super::phone::Phone;
use super::representative::Representative;
use super::sex::Sex;

/// A patient (the data subject) that passed [`validate`](super::validate).
///
/// Fields are private so the cross-field rules (a minor has a
/// representative, documents postdate the birth, …) can't be bypassed.
/// Those rules were checked against the `today` given to `validate`; a
/// stored patient is not re-checked as time passes.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Patient {
    pub(super) name: PersonName,
    pub(super) birth_date: NaiveDate,
    pub(super) sex: Sex,
    pub(super) phone: Option<Phone>,
    pub(super) email: Option<Email>,
    pub(super) address: Address,
    pub(super) document: IdentityDocument,
    pub(super) representative: Option<Representative>,
    /// The `today` the rules were checked against. A stored patient is read back by validating its
    /// form again as of this day, so a rule that depends on age (a parent represents only a minor)
    /// gives the same answer on every later day.
    pub(super) validated_on: NaiveDate,
}

impl Patient {
    pub fn name(&self) -> &PersonName {
        &self.name
    }
    /// "Фамилия Имя Отчество".
    pub fn display_name(&self) -> String {
        self.name.display_name()
    }
    /// "Иванов И. И.".
    pub fn initials(&self) -> String {
        self.name.initials()
    }
    /// The day the rules were checked against (see the field).
    pub fn validated_on(&self) -> NaiveDate {
        self.validated_on
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
    pub fn sex(&self) -> Sex {
        self.sex
    }
    pub fn phone(&self) -> Option<&Phone> {
        self.phone.as_ref()
    }
    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }
    pub fn address(&self) -> &Address {
        &self.address
    }
    pub fn document(&self) -> &IdentityDocument {
        &self.document
    }
    pub fn representative(&self) -> Option<&Representative> {
        self.representative.as_ref()
    }

    /// Full years on `date`; 0 for a date before the birth.
    pub fn age_on(&self, date: NaiveDate) -> u32 {
        age_on(self.birth_date, date)
    }

    /// Under 18 on `date`: consent must then come from the representative.
    pub fn is_minor_on(&self, date: NaiveDate) -> bool {
        self.age_on(date) < ADULT_AGE
    }
}

crate::patient::redacted_debug!(Patient);
