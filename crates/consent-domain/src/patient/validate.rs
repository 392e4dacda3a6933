//! Whole-form validation and the rules that span several fields.

use chrono::NaiveDate;

use super::Problem;
use super::address::Address;
use super::dates::{ADULT_AGE, age_on, past_date};
use super::document::parse_document;
use super::email::Email;
use super::error::{AuthorityField, Collector, FieldPath, RepresentativeField, ValidationErrors};
use super::input::PatientInput;
use super::name::{NamePaths, parse_name};
use super::phone::Phone;
use super::record::Patient;
use super::representative::{AuthorityKind, parse_representative};
use super::sex::Sex;
use super::text::present;

/// Validates the patient form as of `today`, reporting every problem found,
/// in form order.
///
/// Cross-field rules:
/// - at least one contact (phone or e-mail) unless a representative is
///   given, whose phone is then required and serves as the contact — a
///   small child has no phone of their own (a minor without one gets only
///   the "needs a representative" error);
/// - a minor (under 18 on `today`) needs a representative; an adult may
///   have one (guardian of an incapacitated adult, proxy);
/// - a parent (authority: child's birth certificate) represents only a
///   minor; an adult's parent needs a guardianship decision or a power of
///   attorney;
/// - documents are not issued before the holder's birth, a Russian passport
///   not before 14, an authority document not before the patient's birth.
///
/// Checks that need a date are skipped while that date is itself invalid,
/// so one typo yields one error.
pub fn validate(input: &PatientInput, today: NaiveDate) -> Result<Patient, ValidationErrors> {
    let mut errors = Collector::default();
    let name = parse_name(
        &input.surname,
        &input.given_name,
        input.patronymic.as_deref(),
        NamePaths {
            surname: FieldPath::Surname,
            given_name: FieldPath::GivenName,
            patronymic: FieldPath::Patronymic,
        },
        &mut errors,
    );
    let birth_date = errors.take(FieldPath::BirthDate, past_date(&input.birth_date, today));
    let sex = errors.take(FieldPath::Sex, Sex::parse(&input.sex));
    let phone = errors.take(
        FieldPath::Phone,
        present(input.phone.as_deref())
            .map(Phone::parse)
            .transpose(),
    );
    let email = errors.take(
        FieldPath::Email,
        present(input.email.as_deref())
            .map(Email::parse)
            .transpose(),
    );
    let rep_input = input.representative.as_ref().filter(|r| !r.is_blank());
    let minor = birth_date.map(|birth| age_on(birth, today) < ADULT_AGE);
    // Only when both are truly empty: a mistyped phone is reported as such.
    // A minor without a representative is told to add one, which also
    // settles the contact, so that is the one error shown.
    if rep_input.is_none()
        && minor != Some(true)
        && matches!((&phone, &email), (Some(None), Some(None)))
    {
        errors.push(FieldPath::Contact, Problem::NoContact);
    }
    let address = errors.take(FieldPath::Address, Address::parse(&input.address));
    let document = parse_document(
        &input.document,
        birth_date,
        today,
        FieldPath::Document,
        &mut errors,
    );

    if minor == Some(true) && rep_input.is_none() {
        errors.push(
            FieldPath::Representative(RepresentativeField::Whole),
            Problem::MinorNeedsRepresentative,
        );
    }
    let representative = rep_input.map(|rep| {
        let parsed = parse_representative(rep, birth_date, today, &mut errors);
        let parent =
            AuthorityKind::parse(&rep.authority.kind) == Ok(AuthorityKind::ChildBirthCertificate);
        if parent && minor == Some(false) {
            errors.push(
                FieldPath::Representative(RepresentativeField::Authority(AuthorityField::Kind)),
                Problem::ParentAuthorityOnlyForMinor,
            );
        }
        parsed
    });

    let patient = 'build: {
        let (Some(name), Some(birth_date), Some(sex), Some(phone), Some(email)) =
            (name, birth_date, sex, phone, email)
        else {
            break 'build None;
        };
        let (Some(address), Some(document)) = (address, document) else {
            break 'build None;
        };
        // Outer `None`: no representative; inner `None`: an invalid one.
        let representative = match representative {
            None => None,
            Some(None) => break 'build None,
            Some(Some(rep)) => Some(rep),
        };
        Some(Patient {
            name,
            birth_date,
            sex,
            phone,
            email,
            address,
            document,
            representative,
            validated_on: today,
        })
    };
    errors.finish(patient)
}
