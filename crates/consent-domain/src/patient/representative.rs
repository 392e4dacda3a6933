//! Legal representative (законный представитель or proxy) and the document
//! that gives the authority.
//!
//! 152-FZ art. 9 part 4 p. 2 asks for the representative's name, address,
//! identity document, and the details (реквизиты) of the authority document.

use chrono::NaiveDate;

use super::Problem;
use super::address::Address;
use super::dates::past_date;
use super::document::{IdentityDocument, parse_document};
use super::error::{AuthorityField, Collector, FieldPath, RepresentativeField as R};
use super::input::{AuthorityInput, RepresentativeInput};
use super::name::{NamePaths, PersonName, parse_name};
use super::phone::Phone;
use super::text::{free_text, present};

pub const AUTHORITY_NUMBER_MAX_LEN: usize = 50;
pub const AUTHORITY_ISSUER_MIN_LEN: usize = 2;
pub const AUTHORITY_ISSUER_MAX_LEN: usize = 300;

/// What makes the representative one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthorityKind {
    /// A parent, shown by the child's birth certificate (СК РФ ст. 64).
    ChildBirthCertificate,
    /// Опекун / попечитель, by a decision of the guardianship authority.
    GuardianshipDecision,
    /// Доверенность.
    PowerOfAttorney,
    Other,
}

impl AuthorityKind {
    /// Stable code the UI sends and the store keeps.
    pub fn code(self) -> &'static str {
        match self {
            Self::ChildBirthCertificate => "child_birth_certificate",
            Self::GuardianshipDecision => "guardianship_decision",
            Self::PowerOfAttorney => "power_of_attorney",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        match raw.trim() {
            "" => Err(Problem::Required),
            "child_birth_certificate" => Ok(Self::ChildBirthCertificate),
            "guardianship_decision" => Ok(Self::GuardianshipDecision),
            "power_of_attorney" => Ok(Self::PowerOfAttorney),
            "other" => Ok(Self::Other),
            _ => Err(Problem::UnknownChoice {
                expected: "child_birth_certificate, guardianship_decision, \
                           power_of_attorney or other",
            }),
        }
    }

    /// A birth certificate and a guardianship decision always carry a
    /// number; a power of attorney in simple written form often has none.
    pub fn number_required(self) -> bool {
        matches!(
            self,
            Self::ChildBirthCertificate | Self::GuardianshipDecision
        )
    }
}

/// The authority document, validated.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Authority {
    kind: AuthorityKind,
    number: Option<String>,
    date: NaiveDate,
    issuer: String,
}

impl Authority {
    pub fn kind(&self) -> AuthorityKind {
        self.kind
    }
    pub fn number(&self) -> Option<&str> {
        self.number.as_deref()
    }
    pub fn date(&self) -> NaiveDate {
        self.date
    }
    /// Who issued it: ЗАГС, the guardianship body, a notary or the principal.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }
}

/// A validated legal representative.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Representative {
    name: PersonName,
    birth_date: Option<NaiveDate>,
    phone: Phone,
    address: Address,
    document: IdentityDocument,
    authority: Authority,
}

impl Representative {
    pub fn name(&self) -> &PersonName {
        &self.name
    }
    /// Optional: 152-FZ does not ask for it, and a parent may not say.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date
    }
    /// Required: the clinic must reach whoever decides for the patient.
    pub fn phone(&self) -> &Phone {
        &self.phone
    }
    pub fn address(&self) -> &Address {
        &self.address
    }
    pub fn document(&self) -> &IdentityDocument {
        &self.document
    }
    pub fn authority(&self) -> &Authority {
        &self.authority
    }
}

/// Validates the representative. `patient_birth` (if valid) bounds the
/// authority date: nothing issued before the patient was born can give
/// authority over them.
pub(super) fn parse_representative(
    input: &RepresentativeInput,
    patient_birth: Option<NaiveDate>,
    today: NaiveDate,
    errors: &mut Collector,
) -> Option<Representative> {
    let at = FieldPath::Representative;
    let name = parse_name(
        &input.surname,
        &input.given_name,
        input.patronymic.as_deref(),
        NamePaths {
            surname: at(R::Surname),
            given_name: at(R::GivenName),
            patronymic: at(R::Patronymic),
        },
        errors,
    );
    let birth_date = errors.take(
        at(R::BirthDate),
        present(input.birth_date.as_deref())
            .map(|raw| past_date(raw, today))
            .transpose(),
    );
    let phone = errors.take(at(R::Phone), Phone::parse(&input.phone));
    let address = errors.take(at(R::Address), Address::parse(&input.address));
    let document = parse_document(
        &input.document,
        birth_date.flatten(),
        today,
        |f| FieldPath::Representative(R::Document(f)),
        errors,
    );
    let authority = parse_authority(&input.authority, patient_birth, today, errors);
    Some(Representative {
        name: name?,
        birth_date: birth_date?,
        phone: phone?,
        address: address?,
        document: document?,
        authority: authority?,
    })
}

fn parse_authority(
    input: &AuthorityInput,
    patient_birth: Option<NaiveDate>,
    today: NaiveDate,
    errors: &mut Collector,
) -> Option<Authority> {
    use AuthorityField as F;
    let at = |f| FieldPath::Representative(R::Authority(f));
    let kind = errors.take(at(F::Kind), AuthorityKind::parse(&input.kind));
    let number = match (present(input.number.as_deref()), kind) {
        (Some(raw), _) => free_text(raw, 1, AUTHORITY_NUMBER_MAX_LEN).map(Some),
        (None, Some(k)) if k.number_required() => Err(Problem::Required),
        (None, _) => Ok(None),
    };
    let number = errors.take(at(F::Number), number);
    let date = past_date(&input.date, today).and_then(|date| match patient_birth {
        Some(birth) if date < birth => Err(Problem::BeforeBirth),
        _ => Ok(date),
    });
    let date = errors.take(at(F::Date), date);
    let issuer = errors.take(
        at(F::Issuer),
        free_text(
            &input.issuer,
            AUTHORITY_ISSUER_MIN_LEN,
            AUTHORITY_ISSUER_MAX_LEN,
        ),
    );
    Some(Authority {
        kind: kind?,
        number: number?,
        date: date?,
        issuer: issuer?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    fn authority(kind: &str, number: Option<&str>, date: &str, issuer: &str) -> AuthorityInput {
        AuthorityInput {
            kind: kind.into(),
            number: number.map(String::from),
            date: date.into(),
            issuer: issuer.into(),
        }
    }

    #[test]
    fn authority_table() {
        use AuthorityField as F;
        let today = date(2025, 6, 10);
        let patient_birth = date(2015, 3, 1);
        let zags = "Отдел ЗАГС г. Уфы";
        let cases: Vec<(AuthorityInput, Vec<(AuthorityField, Problem)>)> = vec![
            (
                authority(
                    "child_birth_certificate",
                    Some("IV-МЮ 123456"),
                    "10.03.2015",
                    zags,
                ),
                vec![],
            ),
            (
                authority("child_birth_certificate", None, "10.03.2015", zags),
                vec![(F::Number, Problem::Required)],
            ),
            (
                authority("guardianship_decision", Some(" "), "10.03.2015", zags),
                vec![(F::Number, Problem::Required)],
            ),
            (
                authority("power_of_attorney", None, "01.06.2025", "Иванова А. А."),
                vec![],
            ),
            (authority("other", None, "01.06.2025", "Суд"), vec![]),
            (
                authority("power_of_attorney", Some(&"1".repeat(51)), "01.01.2010", ""),
                vec![
                    (
                        F::Number,
                        Problem::TooLong {
                            max: AUTHORITY_NUMBER_MAX_LEN,
                        },
                    ),
                    (F::Date, Problem::BeforeBirth),
                    (F::Issuer, Problem::Required),
                ],
            ),
            (
                authority("", None, "11.06.2025", &"я".repeat(301)),
                vec![
                    (F::Kind, Problem::Required),
                    (F::Date, Problem::InFuture),
                    (
                        F::Issuer,
                        Problem::TooLong {
                            max: AUTHORITY_ISSUER_MAX_LEN,
                        },
                    ),
                ],
            ),
        ];
        for (input, expected) in cases {
            let mut errors = Collector::default();
            let parsed = parse_authority(&input, Some(patient_birth), today, &mut errors);
            let got: Vec<_> = errors
                .into_vec()
                .into_iter()
                .map(|e| match e.field {
                    FieldPath::Representative(R::Authority(f)) => (f, e.problem),
                    other => panic!("unexpected path {other:?}"),
                })
                .collect();
            assert_eq!(got, expected, "{input:?}");
            assert_eq!(parsed.is_some(), expected.is_empty(), "{input:?} parsed");
        }
    }

    #[test]
    fn kind_codes_round_trip() {
        for kind in [
            AuthorityKind::ChildBirthCertificate,
            AuthorityKind::GuardianshipDecision,
            AuthorityKind::PowerOfAttorney,
            AuthorityKind::Other,
        ] {
            assert_eq!(AuthorityKind::parse(kind.code()), Ok(kind), "{kind:?}");
        }
        assert!(
            matches!(
                AuthorityKind::parse("parent"),
                Err(Problem::UnknownChoice { .. })
            ),
            "unknown authority kind"
        );
    }
}

crate::patient::redacted_debug!(Authority);

crate::patient::redacted_debug!(Representative);
