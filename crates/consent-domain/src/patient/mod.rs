//! The patient — the data subject of a consent under 152-FZ — and the
//! validation of what the front desk types about them.
//!
//! [`PatientInput`] is the form as typed (all text). [`validate`] turns it
//! into a [`Patient`] whose parts are typed and normalized ([`Phone`] in
//! E.164, passport series without spaces, …), or into
//! [`ValidationErrors`] listing every problem with a [`FieldPath`] and a
//! [`Problem`] code for the UI to localize.
//!
//! The module is pure: no IO, no clock (`today` is passed in), no
//! randomness. Errors never contain what was typed, only which field and
//! what is wrong, so they can be logged without leaking personal data.
//! The validated types themselves do hold personal data and derive
//! `Debug`; don't log them.
//!
//! [`search_key`] gives the normalized keys the store searches by.

mod address;
mod dates;
mod document;
mod email;
mod error;
mod input;
mod name;
mod phone;
mod record;
mod representative;
pub mod search_key;
mod sex;
mod similarity;
mod text;
mod validate;

#[cfg(test)]
mod tests;

pub use address::{ADDRESS_MAX_LEN, ADDRESS_MIN_LEN, Address};
pub use dates::{ADULT_AGE, EARLIEST_DATE, age_on, parse_date};
pub use document::{
    DocumentKind, ISSUER_MAX_LEN, ISSUER_MIN_LEN, IdentityDocument, NUMBER_MAX_LEN,
    PASSPORT_MIN_AGE, SERIES_MAX_LEN, SUBDIVISION_CODE_MAX_LEN, ru_birth_certificate_series,
    ru_passport_series, six_digits, subdivision_code,
};
pub use email::{EMAIL_MAX_LEN, Email};
pub use error::{
    AuthorityField, DocumentField, FieldError, FieldPath, Problem, RepresentativeField,
    ValidationErrors,
};
pub use input::{AuthorityInput, DocumentInput, PatientInput, RepresentativeInput};
pub use name::{NAME_MAX_LEN, NamePart, PersonName};
pub use phone::{PHONE_MAX_LEN, Phone};
pub use record::Patient;
pub use representative::{
    AUTHORITY_ISSUER_MAX_LEN, AUTHORITY_ISSUER_MIN_LEN, AUTHORITY_NUMBER_MAX_LEN, Authority,
    AuthorityKind, Representative,
};
pub use sex::Sex;
pub use similarity::{Similarity, similarity};
pub use validate::validate;

/// `Debug` for types that hold personal data: prints the type name only, so a stray `{:?}` in a log
/// line, a panic message or an `expect` cannot leak a name, a number or an address.
macro_rules! redacted_debug {
    ($t:ty) => {
        impl ::std::fmt::Debug for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(concat!(stringify!($t), "(<personal data>)"))
            }
        }
    };
}
pub(crate) use redacted_debug;
