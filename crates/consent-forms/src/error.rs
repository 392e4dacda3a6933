//! Why a form could not be made. Messages name the field or rule, never its value: they end up in logs.

/// A form that cannot be printed as asked. No variant carries personal data; purpose codes and policy
/// version ids are catalogue identifiers, not data about a person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// A clinic setting that every form prints is blank.
    #[error("the clinic setting {field} is empty")]
    ClinicFieldMissing { field: &'static str },
    /// A clinic setting has the wrong format (an ИНН or ОГРН with a bad length or check digit).
    #[error("the clinic setting {field} is malformed")]
    ClinicFieldInvalid { field: &'static str },
    /// Something the form must print is blank.
    #[error("{field} is required on this form but is empty")]
    MissingData { field: &'static str },
    /// A value has a character the embedded font cannot print; the form would show a blank box.
    #[error("{field} contains a character the form font cannot print")]
    UnprintableCharacter { field: &'static str },
    /// The consent was given under another policy version than the catalogue passed in.
    #[error(
        "the consent was given under policy version {consent}, the catalogue is version {catalogue}"
    )]
    PolicyMismatch { consent: String, catalogue: String },
    /// A purpose code that the catalogue does not know.
    #[error("purpose {0} is not in the catalogue")]
    UnknownPurpose(String),
    /// A consent form without a single granted purpose says nothing.
    #[error("the consent grants no purpose")]
    NothingGranted,
    /// The patient is under 18 on the print date and has no representative to sign for them.
    #[error("the patient is a minor on the print date and has no legal representative")]
    MinorWithoutRepresentative,
    /// None of the granted purposes needs the separate consent to dissemination (152-FZ Art. 10.1).
    #[error("no granted purpose needs a consent to dissemination (Art. 10.1)")]
    NoDisseminationPurpose,
    /// A withdrawal names a purpose that was not granted or is already withdrawn.
    #[error("purpose {0} is not in force in this consent, so it cannot be withdrawn")]
    PurposeNotInForce(String),
    /// The request is of another kind than the form is for.
    #[error("this form is for a {expected} request, not a {actual} one")]
    WrongRequestKind {
        expected: &'static str,
        actual: &'static str,
    },
    /// An extension notice for a request that was not extended, or with a new date not after the old one.
    #[error("the request has no valid extension to notify")]
    NotExtended,
    /// An outcome notice before every purpose of the withdrawal was decided.
    #[error("not every purpose of the withdrawal has an outcome yet")]
    UndecidedPurposes,
    /// An act of destruction or a list with nothing in it.
    #[error("{0} is empty")]
    Empty(&'static str),
    /// A recovery code that is not the database key as exactly 64 lowercase hexadecimal digits.
    #[error("the recovery code is not 64 lowercase hexadecimal digits")]
    InvalidRecoveryCode,
    /// A text given as a desk's enrollment code that is not one (`consent-desk:join:` and a
    /// Crockford base32 body of a code's length).
    #[error("the desk enrollment code is not a consent-desk:join: code")]
    InvalidDeskCode,
    /// An identifier (a database or desk id) with characters or a length an id cannot have.
    #[error("{field} is not a valid identifier")]
    InvalidIdentifier { field: &'static str },
    /// A table row or block taller than a whole page.
    #[error("{0} does not fit on one page")]
    TooTall(&'static str),
    /// The embedded fonts could not be read (a broken build).
    #[error("the embedded fonts could not be read")]
    Font,
    /// The QR code could not be encoded.
    #[error("the form's QR code could not be encoded")]
    Qr,
    /// The PDF could not be written.
    #[error("the PDF could not be written")]
    Pdf,
}

impl FormError {
    /// A stable snake_case code for the UI's message lookup, logs and tests.
    pub fn code(&self) -> &'static str {
        match self {
            FormError::ClinicFieldMissing { .. } => "forms_clinic_field_missing",
            FormError::ClinicFieldInvalid { .. } => "forms_clinic_field_invalid",
            FormError::MissingData { .. } => "forms_missing_data",
            FormError::UnprintableCharacter { .. } => "forms_unprintable_character",
            FormError::PolicyMismatch { .. } => "forms_policy_mismatch",
            FormError::UnknownPurpose(_) => "forms_unknown_purpose",
            FormError::NothingGranted => "forms_nothing_granted",
            FormError::MinorWithoutRepresentative => "forms_minor_without_representative",
            FormError::NoDisseminationPurpose => "forms_no_dissemination_purpose",
            FormError::PurposeNotInForce(_) => "forms_purpose_not_in_force",
            FormError::WrongRequestKind { .. } => "forms_wrong_request_kind",
            FormError::NotExtended => "forms_not_extended",
            FormError::UndecidedPurposes => "forms_undecided_purposes",
            FormError::Empty(_) => "forms_empty",
            FormError::InvalidRecoveryCode => "forms_invalid_recovery_code",
            FormError::InvalidDeskCode => "forms_invalid_desk_code",
            FormError::InvalidIdentifier { .. } => "forms_invalid_identifier",
            FormError::TooTall(_) => "forms_too_tall",
            FormError::Font => "forms_font",
            FormError::Qr => "forms_qr",
            FormError::Pdf => "forms_pdf",
        }
    }
}
