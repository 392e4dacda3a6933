//! Raw form input, exactly as typed: nothing here is trusted.
//!
//! Optional fields are `Option<String>`; `None`, `""` and blanks all mean
//! "not given", so the UI may send any of them.

use super::{IdentityDocument, Patient, Representative};
use crate::dates::ru_date;

/// The patient form. Dates are text (`DD.MM.YYYY` or `YYYY-MM-DD`); `sex`
/// and the kinds are the stable codes (`male`, `ru_passport`, …).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PatientInput {
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: String,
    pub sex: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: String,
    pub document: DocumentInput,
    /// A blank representative section counts as none.
    pub representative: Option<RepresentativeInput>,
}

#[derive(Clone, Default, PartialEq, Eq)]
pub struct DocumentInput {
    pub kind: String,
    pub series: Option<String>,
    pub number: String,
    pub issue_date: String,
    pub issuer: String,
    pub subdivision_code: Option<String>,
}

#[derive(Clone, Default, PartialEq, Eq)]
pub struct RepresentativeInput {
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: Option<String>,
    pub phone: String,
    pub address: String,
    pub document: DocumentInput,
    pub authority: AuthorityInput,
}

/// The document that makes the representative one.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct AuthorityInput {
    pub kind: String,
    pub number: Option<String>,
    pub date: String,
    pub issuer: String,
}

impl RepresentativeInput {
    /// True when nothing was typed: the form always has the section, and an
    /// untouched one must not produce a screenful of "required".
    pub fn is_blank(&self) -> bool {
        let blank = |s: &str| s.trim().is_empty();
        let blank_opt = |s: &Option<String>| s.as_deref().is_none_or(blank);
        let doc = &self.document;
        let auth = &self.authority;
        [
            &self.surname,
            &self.given_name,
            &self.phone,
            &self.address,
            &doc.kind,
            &doc.number,
            &doc.issue_date,
            &doc.issuer,
            &auth.kind,
            &auth.date,
            &auth.issuer,
        ]
        .into_iter()
        .all(|s| blank(s))
            && [
                &self.patronymic,
                &self.birth_date,
                &doc.series,
                &doc.subdivision_code,
                &auth.number,
            ]
            .into_iter()
            .all(blank_opt)
    }
}

impl From<&IdentityDocument> for DocumentInput {
    fn from(doc: &IdentityDocument) -> Self {
        Self {
            kind: doc.kind().code().to_string(),
            series: doc.series().map(String::from),
            number: doc.number().to_string(),
            issue_date: ru_date(doc.issue_date()),
            issuer: doc.issuer().to_string(),
            subdivision_code: doc.subdivision_code().map(String::from),
        }
    }
}

impl From<&Representative> for RepresentativeInput {
    fn from(rep: &Representative) -> Self {
        let name = rep.name();
        let auth = rep.authority();
        Self {
            surname: name.surname.to_string(),
            given_name: name.given_name.to_string(),
            patronymic: name.patronymic.as_ref().map(ToString::to_string),
            birth_date: rep.birth_date().map(ru_date),
            phone: rep.phone().to_string(),
            address: rep.address().to_string(),
            document: rep.document().into(),
            authority: AuthorityInput {
                kind: auth.kind().code().to_string(),
                number: auth.number().map(String::from),
                date: ru_date(auth.date()),
                issuer: auth.issuer().to_string(),
            },
        }
    }
}

/// Fills the edit form from a stored patient; validating the result gives
/// the same patient back (given the same `today`).
impl From<&Patient> for PatientInput {
    fn from(p: &Patient) -> Self {
        let name = p.name();
        Self {
            surname: name.surname.to_string(),
            given_name: name.given_name.to_string(),
            patronymic: name.patronymic.as_ref().map(ToString::to_string),
            birth_date: ru_date(p.birth_date()),
            sex: p.sex().code().to_string(),
            phone: p.phone().map(ToString::to_string),
            email: p.email().map(ToString::to_string),
            address: p.address().to_string(),
            document: p.document().into(),
            representative: p.representative().map(Into::into),
        }
    }
}

crate::patient::redacted_debug!(PatientInput);

crate::patient::redacted_debug!(DocumentInput);

crate::patient::redacted_debug!(RepresentativeInput);

crate::patient::redacted_debug!(AuthorityInput);
