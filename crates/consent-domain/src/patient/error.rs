//! Validation errors: which field, what is wrong — never the value.
//!
//! Every `Display` and `Debug` here is built only from field names, constant
//! limits and static format descriptions, so an error can be logged without
//! leaking personal data (152-FZ). The UI maps [`FieldPath::as_str`] and
//! [`Problem::code`] to a widget and a localized message.

use std::fmt;

use chrono::NaiveDate;

/// A field of an identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentField {
    Kind,
    Series,
    Number,
    IssueDate,
    Issuer,
    SubdivisionCode,
}

/// A field of the document that gives the representative authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthorityField {
    Kind,
    Number,
    Date,
    Issuer,
}

/// A field of the legal representative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepresentativeField {
    /// The representative as a whole, e.g. absent although the patient is a minor.
    Whole,
    Surname,
    GivenName,
    Patronymic,
    BirthDate,
    Phone,
    Address,
    Document(DocumentField),
    Authority(AuthorityField),
}

/// Where in [`PatientInput`](super::PatientInput) a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldPath {
    Surname,
    GivenName,
    Patronymic,
    BirthDate,
    Sex,
    Phone,
    Email,
    /// Neither phone nor e-mail given where one is needed.
    Contact,
    Address,
    Document(DocumentField),
    Representative(RepresentativeField),
}

impl DocumentField {
    /// Leaf name, e.g. `issue_date`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kind => "kind",
            Self::Series => "series",
            Self::Number => "number",
            Self::IssueDate => "issue_date",
            Self::Issuer => "issuer",
            Self::SubdivisionCode => "subdivision_code",
        }
    }
}

impl FieldPath {
    /// Stable dotted path, e.g. `representative.document.number`.
    pub fn as_str(self) -> &'static str {
        use DocumentField as D;
        use RepresentativeField as R;
        // Spelled out rather than concatenated so the UI gets a `&'static str`
        // it can match on without allocation.
        match self {
            Self::Surname => "surname",
            Self::GivenName => "given_name",
            Self::Patronymic => "patronymic",
            Self::BirthDate => "birth_date",
            Self::Sex => "sex",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Contact => "contact",
            Self::Address => "address",
            Self::Document(d) => match d {
                D::Kind => "document.kind",
                D::Series => "document.series",
                D::Number => "document.number",
                D::IssueDate => "document.issue_date",
                D::Issuer => "document.issuer",
                D::SubdivisionCode => "document.subdivision_code",
            },
            Self::Representative(r) => match r {
                R::Whole => "representative",
                R::Surname => "representative.surname",
                R::GivenName => "representative.given_name",
                R::Patronymic => "representative.patronymic",
                R::BirthDate => "representative.birth_date",
                R::Phone => "representative.phone",
                R::Address => "representative.address",
                R::Document(d) => match d {
                    D::Kind => "representative.document.kind",
                    D::Series => "representative.document.series",
                    D::Number => "representative.document.number",
                    D::IssueDate => "representative.document.issue_date",
                    D::Issuer => "representative.document.issuer",
                    D::SubdivisionCode => "representative.document.subdivision_code",
                },
                R::Authority(a) => match a {
                    AuthorityField::Kind => "representative.authority.kind",
                    AuthorityField::Number => "representative.authority.number",
                    AuthorityField::Date => "representative.authority.date",
                    AuthorityField::Issuer => "representative.authority.issuer",
                },
            },
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is wrong with one field. Carries only constants, never input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum Problem {
    #[error("is required")]
    Required,
    #[error("is shorter than {min} characters")]
    TooShort { min: usize },
    #[error("is longer than {max} characters")]
    TooLong { max: usize },
    #[error("has a bad format (expected {expected})")]
    BadFormat { expected: &'static str },
    #[error("is not one of the allowed values (expected {expected})")]
    UnknownChoice { expected: &'static str },
    #[error("is in the future")]
    InFuture,
    #[error("is before {earliest}")]
    BeforeEarliest { earliest: NaiveDate },
    #[error("is before the birth date")]
    BeforeBirth,
    #[error("is before the holder turned {min_age}")]
    IssuedBeforeAge { min_age: u8 },
    #[error("must not be given for this document kind")]
    NotApplicable,
    #[error("a minor needs a legal representative")]
    MinorNeedsRepresentative,
    #[error("a phone number or an e-mail is required")]
    NoContact,
    #[error("a parent represents only a minor child")]
    ParentAuthorityOnlyForMinor,
}

impl Problem {
    /// Stable snake_case code for localisation and tests.
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooShort { .. } => "too_short",
            Self::TooLong { .. } => "too_long",
            Self::BadFormat { .. } => "bad_format",
            Self::UnknownChoice { .. } => "unknown_choice",
            Self::InFuture => "in_future",
            Self::BeforeEarliest { .. } => "before_earliest",
            Self::BeforeBirth => "before_birth",
            Self::IssuedBeforeAge { .. } => "issued_before_age",
            Self::NotApplicable => "not_applicable",
            Self::MinorNeedsRepresentative => "minor_needs_representative",
            Self::NoContact => "no_contact",
            Self::ParentAuthorityOnlyForMinor => "parent_authority_only_for_minor",
        }
    }
}

/// One problem at one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct FieldError {
    pub field: FieldPath,
    pub problem: Problem,
}

impl FieldError {
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }
}

/// All problems found in one input, in form order. Never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid patient data: {}", summary(.0))]
pub struct ValidationErrors(Vec<FieldError>);

fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl ValidationErrors {
    /// `None` when there is nothing to report, so an empty error can't exist.
    pub(super) fn from_vec(errors: Vec<FieldError>) -> Option<Self> {
        (!errors.is_empty()).then_some(Self(errors))
    }

    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`; present because clippy expects it next to `len`.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Problems reported for one field.
    pub fn problems_at(&self, field: FieldPath) -> impl Iterator<Item = Problem> + '_ {
        self.0
            .iter()
            .filter(move |e| e.field == field)
            .map(|e| e.problem)
    }

    pub fn contains(&self, field: FieldPath, problem: Problem) -> bool {
        self.problems_at(field).any(|p| p == problem)
    }

    pub fn as_slice(&self) -> &[FieldError] {
        &self.0
    }
}

/// Gathers problems while validation goes on, so the user sees all of them
/// at once instead of fixing one field per save attempt.
#[derive(Debug, Default)]
pub(super) struct Collector(Vec<FieldError>);

impl Collector {
    pub(super) fn push(&mut self, field: FieldPath, problem: Problem) {
        self.0.push(FieldError { field, problem });
    }

    /// The value if `result` is `Ok`; otherwise records the problem.
    pub(super) fn take<T>(&mut self, field: FieldPath, result: Result<T, Problem>) -> Option<T> {
        result.map_err(|problem| self.push(field, problem)).ok()
    }

    #[cfg(test)]
    pub(super) fn into_vec(self) -> Vec<FieldError> {
        self.0
    }

    /// `value` is `None` exactly when something was recorded, but the
    /// errors are checked first so a bug there can't hide a problem.
    pub(super) fn finish<T>(self, value: Option<T>) -> Result<T, ValidationErrors> {
        match (ValidationErrors::from_vec(self.0), value) {
            (None, Some(value)) => Ok(value),
            (Some(errors), _) => Err(errors),
            (None, None) => unreachable!("validation produced neither a value nor an error"),
        }
    }
}

impl IntoIterator for ValidationErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_are_dotted() {
        use DocumentField as D;
        use RepresentativeField as R;
        let cases: &[(FieldPath, &str)] = &[
            (FieldPath::Surname, "surname"),
            (FieldPath::Contact, "contact"),
            (
                FieldPath::Document(D::SubdivisionCode),
                "document.subdivision_code",
            ),
            (FieldPath::Representative(R::Whole), "representative"),
            (
                FieldPath::Representative(R::Document(D::Number)),
                "representative.document.number",
            ),
            (
                FieldPath::Representative(R::Authority(AuthorityField::Date)),
                "representative.authority.date",
            ),
        ];
        for (path, expected) in cases {
            assert_eq!(path.as_str(), *expected, "{path:?}");
            assert_eq!(path.to_string(), *expected, "{path:?} Display");
        }
        // The nested document paths must agree with the leaf names.
        for d in [
            D::Kind,
            D::Series,
            D::Number,
            D::IssueDate,
            D::Issuer,
            D::SubdivisionCode,
        ] {
            assert_eq!(
                FieldPath::Document(d).as_str(),
                format!("document.{}", d.as_str()),
                "{d:?}"
            );
            assert_eq!(
                FieldPath::Representative(R::Document(d)).as_str(),
                format!("representative.document.{}", d.as_str()),
                "{d:?}"
            );
        }
    }

    #[test]
    fn problem_codes_and_messages() {
        let cases: &[(Problem, &str, &str)] = &[
            (Problem::Required, "required", "is required"),
            (
                Problem::TooLong { max: 100 },
                "too_long",
                "is longer than 100 characters",
            ),
            (
                Problem::BadFormat {
                    expected: "6 digits",
                },
                "bad_format",
                "has a bad format (expected 6 digits)",
            ),
            (
                Problem::IssuedBeforeAge { min_age: 14 },
                "issued_before_age",
                "is before the holder turned 14",
            ),
            (
                Problem::MinorNeedsRepresentative,
                "minor_needs_representative",
                "a minor needs a legal representative",
            ),
        ];
        for (problem, code, message) in cases {
            assert_eq!(problem.code(), *code, "{problem:?} code");
            assert_eq!(problem.to_string(), *message, "{problem:?} message");
        }
    }

    #[test]
    fn errors_display_lists_every_field() {
        let errors = ValidationErrors::from_vec(vec![
            FieldError {
                field: FieldPath::Surname,
                problem: Problem::Required,
            },
            FieldError {
                field: FieldPath::Document(DocumentField::Number),
                problem: Problem::BadFormat {
                    expected: "6 digits",
                },
            },
        ])
        .expect("two errors");
        assert_eq!(
            errors.to_string(),
            "invalid patient data: surname: is required; \
             document.number: has a bad format (expected 6 digits)"
        );
        assert_eq!(errors.len(), 2);
        assert!(ValidationErrors::from_vec(Vec::new()).is_none());
    }
}
