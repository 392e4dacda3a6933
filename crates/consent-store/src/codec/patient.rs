//! Patients, stored as their normalized form input and validated again when read.
//!
//! A [`Patient`] can only come out of [`validate`], so the stored form is the edit form that
//! [`PatientInput::from`] fills from a patient (normalized text: E.164 phone, passport series without
//! spaces, ...), with dates as ISO `YYYY-MM-DD`. Reading it back runs [`validate`] as of the day the
//! record was made, so age-dependent rules (a minor needs a representative, a passport is not issued
//! before 14) are judged as they were then, not as of the day the row is read.
//!
//! These DTOs hold personal data: their `Debug` prints the type name only.

use std::fmt;

use consent_domain::patient::{
    AuthorityInput, DocumentInput, IdentityDocument, Patient, PatientInput, Representative,
    RepresentativeInput, validate,
};
use consent_domain::state::{Blocking, PatientRecord};
use serde::{Deserialize, Serialize};

use super::CodecError;
use super::dates::{parse_iso, to_iso};
use super::hlc::HlcV1;
use super::ids::{parse_id, parse_staff, staff_to_string};

/// A patient: the normalized edit form. Optional text is `null` when not given.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatientV1 {
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// `male` or `female`.
    pub sex: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: String,
    pub document: DocumentV1,
    pub representative: Option<RepresentativeV1>,
    /// `YYYY-MM-DD`: the day the rules were checked against; reading validates as of this day.
    pub validated_on: String,
}

/// An identity document.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentV1 {
    /// `ru_passport`, `ru_birth_certificate`, ...
    pub kind: String,
    pub series: Option<String>,
    pub number: String,
    /// `YYYY-MM-DD`.
    pub issue_date: String,
    pub issuer: String,
    pub subdivision_code: Option<String>,
}

/// A legal representative.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepresentativeV1 {
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub phone: String,
    pub address: String,
    pub document: DocumentV1,
    pub authority: AuthorityV1,
}

/// The document that makes the representative one.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityV1 {
    /// `child_birth_certificate`, `guardianship_decision`, ...
    pub kind: String,
    pub number: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub issuer: String,
}

macro_rules! redacted_debug {
    ($($t:ty),+) => {$(
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($t), "(<personal data>)"))
            }
        }
    )+};
}

redacted_debug!(PatientV1, DocumentV1, RepresentativeV1, AuthorityV1);

impl From<&Patient> for PatientV1 {
    fn from(patient: &Patient) -> Self {
        let input = PatientInput::from(patient);
        PatientV1 {
            surname: input.surname,
            given_name: input.given_name,
            patronymic: input.patronymic,
            birth_date: to_iso(patient.birth_date()),
            sex: input.sex,
            phone: input.phone,
            email: input.email,
            address: input.address,
            document: DocumentV1::new(input.document, patient.document()),
            representative: input
                .representative
                .zip(patient.representative())
                .map(|(input, rep)| RepresentativeV1::new(input, rep)),
            validated_on: to_iso(patient.validated_on()),
        }
    }
}

impl DocumentV1 {
    /// The form's text, with the typed date in ISO form instead of the form's `DD.MM.YYYY`.
    fn new(input: DocumentInput, document: &IdentityDocument) -> Self {
        DocumentV1 {
            kind: input.kind,
            series: input.series,
            number: input.number,
            issue_date: to_iso(document.issue_date()),
            issuer: input.issuer,
            subdivision_code: input.subdivision_code,
        }
    }

    fn into_input(self, issue_date: &'static str) -> Result<DocumentInput, CodecError> {
        Ok(DocumentInput {
            kind: self.kind,
            series: self.series,
            number: self.number,
            issue_date: checked_date(self.issue_date, issue_date)?,
            issuer: self.issuer,
            subdivision_code: self.subdivision_code,
        })
    }
}

impl RepresentativeV1 {
    fn new(input: RepresentativeInput, rep: &Representative) -> Self {
        RepresentativeV1 {
            surname: input.surname,
            given_name: input.given_name,
            patronymic: input.patronymic,
            birth_date: rep.birth_date().map(to_iso),
            phone: input.phone,
            address: input.address,
            document: DocumentV1::new(input.document, rep.document()),
            authority: AuthorityV1 {
                kind: input.authority.kind,
                number: input.authority.number,
                date: to_iso(rep.authority().date()),
                issuer: input.authority.issuer,
            },
        }
    }

    fn into_input(self) -> Result<RepresentativeInput, CodecError> {
        Ok(RepresentativeInput {
            surname: self.surname,
            given_name: self.given_name,
            patronymic: self.patronymic,
            birth_date: self
                .birth_date
                .map(|date| checked_date(date, "data.representative.birth_date"))
                .transpose()?,
            phone: self.phone,
            address: self.address,
            document: self
                .document
                .into_input("data.representative.document.issue_date")?,
            authority: AuthorityInput {
                kind: self.authority.kind,
                number: self.authority.number,
                date: checked_date(self.authority.date, "data.representative.authority.date")?,
                issuer: self.authority.issuer,
            },
        })
    }
}

/// The stored text, once it is known to be an ISO date (the form would also take `DD.MM.YYYY`; the
/// stored format does not).
fn checked_date(text: String, field: &'static str) -> Result<String, CodecError> {
    parse_iso(&text, field)?;
    Ok(text)
}

impl PatientV1 {
    /// The form input this DTO stores, dates checked.
    pub fn into_input(self) -> Result<PatientInput, CodecError> {
        Ok(PatientInput {
            surname: self.surname,
            given_name: self.given_name,
            patronymic: self.patronymic,
            birth_date: checked_date(self.birth_date, "data.birth_date")?,
            sex: self.sex,
            phone: self.phone,
            email: self.email,
            address: self.address,
            document: self.document.into_input("data.document.issue_date")?,
            representative: self
                .representative
                .map(RepresentativeV1::into_input)
                .transpose()?,
        })
    }

    /// The patient, validated again as of the day it was first validated, so rules that depend on
    /// age or on today give the same answer whenever it is read.
    pub fn into_domain(self) -> Result<Patient, CodecError> {
        let validated_on = parse_iso(&self.validated_on, "data.validated_on")?;
        let input = self.into_input()?;
        validate(&input, validated_on).map_err(|errors| CodecError::from_validation(&errors))
    }
}

/// A registered patient with who registered them and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatientRecordV1 {
    pub id: String,
    pub data: PatientV1,
    pub registered_at: HlcV1,
    pub registered_by: String,
    pub updated_at: HlcV1,
    /// Present while the data are blocked (absent in records written before blocking existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<BlockingV1>,
}

/// Why and since when a subject's data are blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockingV1 {
    pub request: String,
    pub since: HlcV1,
    pub by: String,
}

impl PatientRecordV1 {
    pub fn new(record: &PatientRecord) -> Self {
        PatientRecordV1 {
            id: record.id.to_string(),
            data: PatientV1::from(&record.data),
            registered_at: record.registered_at.into(),
            registered_by: staff_to_string(record.registered_by),
            updated_at: record.updated_at.into(),
            blocked: record.blocked.as_ref().map(|b| BlockingV1 {
                request: b.request.to_string(),
                since: b.since.into(),
                by: staff_to_string(b.by),
            }),
        }
    }
}

impl TryFrom<PatientRecordV1> for PatientRecord {
    type Error = CodecError;

    fn try_from(dto: PatientRecordV1) -> Result<Self, Self::Error> {
        Ok(PatientRecord {
            id: parse_id(&dto.id, "id")?,
            data: dto.data.into_domain()?,
            registered_at: dto.registered_at.into(),
            registered_by: parse_staff(&dto.registered_by, "registered_by")?,
            updated_at: dto.updated_at.into(),
            blocked: dto
                .blocked
                .map(|b| {
                    Ok::<_, CodecError>(Blocking {
                        request: parse_id(&b.request, "blocked.request")?,
                        since: b.since.into(),
                        by: parse_staff(&b.by, "blocked.by")?,
                    })
                })
                .transpose()?,
        })
    }
}
