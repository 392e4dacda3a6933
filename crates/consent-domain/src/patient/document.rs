//! Identity documents and their number formats.
//!
//! 152-FZ art. 9 part 4 requires a written consent to name the main
//! identity document: its number, issue date and issuing authority. So
//! number, issue date and issuer are required for every kind.

use chrono::NaiveDate;

use super::Problem;
use super::dates::{age_on, past_date};
use super::error::{Collector, DocumentField, FieldPath};
use super::input::DocumentInput;
use super::text::{char_len, free_text, present, squash};

/// A Russian internal passport is issued from age 14 (Положение о паспорте,
/// Постановление Правительства РФ № 828, п. 1); an earlier issue date is a typo.
pub const PASSPORT_MIN_AGE: u8 = 14;
pub const SERIES_MAX_LEN: usize = 20;
pub const NUMBER_MAX_LEN: usize = 30;
pub const SUBDIVISION_CODE_MAX_LEN: usize = 20;
pub const ISSUER_MIN_LEN: usize = 2;
pub const ISSUER_MAX_LEN: usize = 300;

const PASSPORT_SERIES_FORMAT: Problem = Problem::BadFormat {
    expected: "4 digits",
};
const SIX_DIGITS: Problem = Problem::BadFormat {
    expected: "6 digits",
};
const SUBDIVISION_FORMAT: Problem = Problem::BadFormat {
    expected: "NNN-NNN",
};
const BIRTH_CERTIFICATE_SERIES_FORMAT: Problem = Problem::BadFormat {
    expected: "Roman numeral, hyphen, two Cyrillic capitals (IV-МЮ)",
};
const FREE_CODE_FORMAT: Problem = Problem::BadFormat {
    expected: "letters and digits",
};

/// Kind of identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// Паспорт гражданина РФ (internal passport).
    RuPassport,
    /// Свидетельство о рождении issued in Russia; a foreign one is `Other`.
    RuBirthCertificate,
    ForeignPassport,
    /// Вид на жительство.
    ResidencePermit,
    Other,
}

impl DocumentKind {
    /// Stable code the UI sends and the store keeps.
    pub fn code(self) -> &'static str {
        match self {
            Self::RuPassport => "ru_passport",
            Self::RuBirthCertificate => "ru_birth_certificate",
            Self::ForeignPassport => "foreign_passport",
            Self::ResidencePermit => "residence_permit",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        match raw.trim() {
            "" => Err(Problem::Required),
            "ru_passport" => Ok(Self::RuPassport),
            "ru_birth_certificate" => Ok(Self::RuBirthCertificate),
            "foreign_passport" => Ok(Self::ForeignPassport),
            "residence_permit" => Ok(Self::ResidencePermit),
            "other" => Ok(Self::Other),
            _ => Err(Problem::UnknownChoice {
                expected: "ru_passport, ru_birth_certificate, foreign_passport, \
                           residence_permit or other",
            }),
        }
    }
}

/// A validated identity document. Series, number and subdivision code are
/// in canonical form (see the format functions below).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdentityDocument {
    kind: DocumentKind,
    series: Option<String>,
    number: String,
    issue_date: NaiveDate,
    issuer: String,
    subdivision_code: Option<String>,
}

impl IdentityDocument {
    pub fn kind(&self) -> DocumentKind {
        self.kind
    }
    pub fn series(&self) -> Option<&str> {
        self.series.as_deref()
    }
    pub fn number(&self) -> &str {
        &self.number
    }
    pub fn issue_date(&self) -> NaiveDate {
        self.issue_date
    }
    pub fn issuer(&self) -> &str {
        &self.issuer
    }
    /// `Some` exactly for a Russian passport.
    pub fn subdivision_code(&self) -> Option<&str> {
        self.subdivision_code.as_deref()
    }
}

/// Validates a document, reporting each bad field under `at(field)`.
/// `holder_birth` is `None` when unknown or itself invalid; the checks that
/// need it are then skipped rather than reported twice.
pub(super) fn parse_document(
    input: &DocumentInput,
    holder_birth: Option<NaiveDate>,
    today: NaiveDate,
    at: fn(DocumentField) -> FieldPath,
    errors: &mut Collector,
) -> Option<IdentityDocument> {
    use DocumentField as F;
    let kind = errors.take(at(F::Kind), DocumentKind::parse(&input.kind));
    let series_raw = present(input.series.as_deref());
    let code_raw = present(input.subdivision_code.as_deref());

    let series = match kind {
        Some(DocumentKind::RuPassport) => {
            required(series_raw, SERIES_MAX_LEN, ru_passport_series).map(Some)
        }
        Some(DocumentKind::RuBirthCertificate) => {
            required(series_raw, SERIES_MAX_LEN, ru_birth_certificate_series).map(Some)
        }
        _ => series_raw.map(|s| free_code(s, SERIES_MAX_LEN)).transpose(),
    };
    let series = errors.take(at(F::Series), series);

    let number = match kind {
        Some(DocumentKind::RuPassport | DocumentKind::RuBirthCertificate) => {
            required(Some(&input.number), NUMBER_MAX_LEN, six_digits)
        }
        _ => free_code(&input.number, NUMBER_MAX_LEN),
    };
    let number = errors.take(at(F::Number), number);

    let subdivision_code = match (kind, code_raw) {
        (Some(DocumentKind::RuPassport), raw) => {
            required(raw, SUBDIVISION_CODE_MAX_LEN, subdivision_code).map(Some)
        }
        // Another kind with a code means the kind or the field is wrong.
        (Some(_), Some(_)) => Err(Problem::NotApplicable),
        // Unknown kind: already reported, and the code may be right.
        (_, _) => Ok(None),
    };
    let subdivision_code = errors.take(at(F::SubdivisionCode), subdivision_code);

    let issue_date = past_date(&input.issue_date, today).and_then(|date| {
        let Some(birth) = holder_birth else {
            return Ok(date);
        };
        if date < birth {
            Err(Problem::BeforeBirth)
        } else if kind == Some(DocumentKind::RuPassport)
            && age_on(birth, date) < u32::from(PASSPORT_MIN_AGE)
        {
            Err(Problem::IssuedBeforeAge {
                min_age: PASSPORT_MIN_AGE,
            })
        } else {
            Ok(date)
        }
    });
    let issue_date = errors.take(at(F::IssueDate), issue_date);

    let issuer = errors.take(
        at(F::Issuer),
        free_text(&input.issuer, ISSUER_MIN_LEN, ISSUER_MAX_LEN),
    );

    Some(IdentityDocument {
        kind: kind?,
        series: series?,
        number: number?,
        issue_date: issue_date?,
        issuer: issuer?,
        subdivision_code: subdivision_code?,
    })
}

/// Required value with a length cap checked before the format, so a pasted
/// paragraph reads "too long" rather than "bad format".
fn required(
    raw: Option<&str>,
    max: usize,
    format: fn(&str) -> Result<String, Problem>,
) -> Result<String, Problem> {
    let s = present(raw).ok_or(Problem::Required)?.trim();
    if char_len(s) > max {
        return Err(Problem::TooLong { max });
    }
    format(s)
}

fn without_whitespace(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace()).collect()
}

fn digits_exactly(raw: &str, count: usize, problem: Problem) -> Result<String, Problem> {
    let s = without_whitespace(raw);
    if s.len() == count && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s)
    } else {
        Err(problem)
    }
}

/// Russian passport series: 4 digits, printed "45 10", stored "4510".
pub fn ru_passport_series(raw: &str) -> Result<String, Problem> {
    digits_exactly(raw, 4, PASSPORT_SERIES_FORMAT)
}

/// Number of a Russian passport or birth certificate: 6 digits.
pub fn six_digits(raw: &str) -> Result<String, Problem> {
    digits_exactly(raw, 6, SIX_DIGITS)
}

/// Код подразделения: "770-001", also typed as "770001" or "770 001".
pub fn subdivision_code(raw: &str) -> Result<String, Problem> {
    let s = without_whitespace(raw);
    let digits = match (s.len(), s.find('-')) {
        (7, Some(3)) => s.replacen('-', "", 1),
        (6, None) => s,
        _ => return Err(SUBDIVISION_FORMAT),
    };
    let digits = digits_exactly(&digits, 6, SUBDIVISION_FORMAT)?;
    Ok(format!("{}-{}", &digits[..3], &digits[3..]))
}

/// Russian birth certificate series: Roman numeral, hyphen, two Cyrillic
/// capitals, e.g. "IV-МЮ". Stored in that canonical form.
///
/// The two halves come from different alphabets, and receptionists type
/// them on one keyboard layout, so look-alikes are folded deliberately:
/// in the numeral, Cyrillic І/Х/С → Latin I/X/C; in the letters, Latin
/// A B C E H K M O P T X Y → Cyrillic. Lowercase is uppercased, and the
/// hyphen may be missing or replaced by a space or dash. The numeral must
/// be a canonical Roman numeral (IV, not IIII).
pub fn ru_birth_certificate_series(raw: &str) -> Result<String, Problem> {
    let chars: Vec<char> = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2014}'))
        .flat_map(char::to_uppercase)
        .collect();
    if chars.len() < 3 {
        return Err(BIRTH_CERTIFICATE_SERIES_FORMAT);
    }
    let (numeral, letters) = chars.split_at(chars.len() - 2);
    let numeral: String = numeral
        .iter()
        .map(|&c| match c {
            'І' | 'Ӏ' => Some('I'),
            'Х' => Some('X'),
            'С' => Some('C'),
            'I' | 'V' | 'X' | 'L' | 'C' => Some(c),
            _ => None,
        })
        .collect::<Option<_>>()
        .ok_or(BIRTH_CERTIFICATE_SERIES_FORMAT)?;
    if !is_canonical_roman(&numeral) {
        return Err(BIRTH_CERTIFICATE_SERIES_FORMAT);
    }
    let letters: String = letters
        .iter()
        .map(|&c| {
            let c = match c {
                'A' => 'А',
                'B' => 'В',
                'C' => 'С',
                'E' => 'Е',
                'H' => 'Н',
                'K' => 'К',
                'M' => 'М',
                'O' => 'О',
                'P' => 'Р',
                'T' => 'Т',
                'X' => 'Х',
                'Y' => 'У',
                c => c,
            };
            ('А'..='Я').contains(&c).then_some(c)
        })
        .collect::<Option<_>>()
        .ok_or(BIRTH_CERTIFICATE_SERIES_FORMAT)?;
    Ok(format!("{numeral}-{letters}"))
}

/// I..=CCCXCIX written the standard way; rebuilding the numeral from its
/// value and comparing rejects IIII, VX, IC and the like in one step.
fn is_canonical_roman(s: &str) -> bool {
    let value = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        _ => 0,
    };
    let digits: Vec<u32> = s.chars().map(value).collect();
    let mut total: i64 = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            total -= i64::from(d);
        } else {
            total += i64::from(d);
        }
    }
    (1..400).contains(&total) && to_roman(total) == s
}

fn to_roman(mut n: i64) -> String {
    const TABLE: [(i64, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// Series or number of a foreign passport, residence permit or other
/// document: no national format to check, so letters (any alphabet),
/// digits, and space, hyphen or slash between them. Kept as typed apart
/// from squashed whitespace; search uses [`super::search_key`].
fn free_code(raw: &str, max: usize) -> Result<String, Problem> {
    let s = squash(raw);
    if s.is_empty() {
        return Err(Problem::Required);
    }
    if char_len(&s) > max {
        return Err(Problem::TooLong { max });
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '-' | '/');
    if !s.chars().all(allowed) || !s.chars().any(char::is_alphanumeric) {
        return Err(FREE_CODE_FORMAT);
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    fn run(
        cases: &[(&str, Result<&str, Problem>)],
        f: fn(&str) -> Result<String, Problem>,
        what: &str,
    ) {
        for (input, expected) in cases {
            assert_eq!(f(input), expected.map(String::from), "{what}({input:?})");
        }
    }

    #[test]
    fn passport_series_table() {
        let bad = Err(PASSPORT_SERIES_FORMAT);
        run(
            &[
                ("4510", Ok("4510")),
                ("45 10", Ok("4510")),
                (" 45\u{a0}10 ", Ok("4510")),
                ("451", bad),
                ("45100", bad),
                ("45-10", bad),
                ("45AB", bad),
                ("４５10", bad),
            ],
            ru_passport_series,
            "ru_passport_series",
        );
    }

    #[test]
    fn six_digit_number_table() {
        let bad = Err(SIX_DIGITS);
        run(
            &[
                ("123456", Ok("123456")),
                ("123 456", Ok("123456")),
                ("012345", Ok("012345")),
                ("12345", bad),
                ("1234567", bad),
                ("12345A", bad),
                ("№123456", bad),
            ],
            six_digits,
            "six_digits",
        );
    }

    #[test]
    fn subdivision_code_table() {
        let bad = Err(SUBDIVISION_FORMAT);
        run(
            &[
                ("770-001", Ok("770-001")),
                ("770001", Ok("770-001")),
                ("770 001", Ok("770-001")),
                (" 770-001 ", Ok("770-001")),
                ("77-0001", bad),
                ("770--001", bad),
                ("770-01", bad),
                ("770-0011", bad),
                ("77O-001", bad),
                ("770_001", bad),
            ],
            subdivision_code,
            "subdivision_code",
        );
    }

    #[test]
    fn birth_certificate_series_table() {
        let bad = Err(BIRTH_CERTIFICATE_SERIES_FORMAT);
        run(
            &[
                ("IV-МЮ", Ok("IV-МЮ")),
                ("I-АБ", Ok("I-АБ")),
                ("XII-ИК", Ok("XII-ИК")),
                ("CCCXCIX-ЯЯ", Ok("CCCXCIX-ЯЯ")),
                ("iv-мю", Ok("IV-МЮ")),
                ("IV МЮ", Ok("IV-МЮ")),
                ("IVМЮ", Ok("IV-МЮ")),
                ("IV–МЮ", Ok("IV-МЮ")),
                // Cyrillic І and Х in the numeral.
                ("\u{0406}V-МЮ", Ok("IV-МЮ")),
                ("\u{0425}\u{0406}-АА", Ok("XI-АА")),
                // Latin look-alikes in the letters.
                ("IV-MO", Ok("IV-МО")),
                ("II-XC", Ok("II-ХС")),
                ("", bad),
                ("IV", bad),
                ("IV-М", bad),
                ("IV-МЮЮ", bad),
                ("IIII-МЮ", bad),
                ("VX-МЮ", bad),
                ("IC-МЮ", bad),
                ("CD-МЮ", bad),
                ("4-МЮ", bad),
                ("IV-12", bad),
                ("IV-ЁЖ", bad),
                ("IV-DF", bad),
                ("IV-МЮ-1", bad),
            ],
            ru_birth_certificate_series,
            "ru_birth_certificate_series",
        );
    }

    #[test]
    fn roman_numerals_round_trip() {
        for n in 1..400 {
            let numeral = to_roman(n);
            assert!(is_canonical_roman(&numeral), "{n} as {numeral}");
        }
        for bad in ["", "IIII", "VV", "XXXX", "IL", "IM", "CCCC", "IIV"] {
            assert!(!is_canonical_roman(bad), "{bad:?} must be rejected");
        }
    }

    #[test]
    fn free_code_table() {
        let cases: &[(&str, Result<&str, Problem>)] = &[
            ("AB1234567", Ok("AB1234567")),
            (" 82  1234567 ", Ok("82 1234567")),
            ("12-34/56", Ok("12-34/56")),
            ("АБ 123", Ok("АБ 123")),
            ("", Err(Problem::Required)),
            ("---", Err(FREE_CODE_FORMAT)),
            ("AB#123", Err(FREE_CODE_FORMAT)),
            ("AB.123", Err(FREE_CODE_FORMAT)),
            ("1234567890A", Err(Problem::TooLong { max: 10 })),
        ];
        for (input, expected) in cases {
            assert_eq!(
                free_code(input, 10),
                expected.map(String::from),
                "free_code({input:?})"
            );
        }
    }

    #[test]
    fn kind_codes_round_trip() {
        for kind in [
            DocumentKind::RuPassport,
            DocumentKind::RuBirthCertificate,
            DocumentKind::ForeignPassport,
            DocumentKind::ResidencePermit,
            DocumentKind::Other,
        ] {
            assert_eq!(DocumentKind::parse(kind.code()), Ok(kind), "{kind:?}");
        }
        assert_eq!(DocumentKind::parse(" "), Err(Problem::Required));
        assert!(
            matches!(
                DocumentKind::parse("passport"),
                Err(Problem::UnknownChoice { .. })
            ),
            "unknown kind code"
        );
    }

    fn doc(kind: &str, series: &str, number: &str, issued: &str, code: &str) -> DocumentInput {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        DocumentInput {
            kind: kind.into(),
            series: opt(series),
            number: number.into(),
            issue_date: issued.into(),
            issuer: "ГУ МВД России по г. Москве".into(),
            subdivision_code: opt(code),
        }
    }

    #[test]
    fn document_rules_table() {
        use DocumentField as F;
        let today = date(2025, 6, 10);
        let birth = date(2000, 6, 15);
        let issue_before_age = Problem::IssuedBeforeAge { min_age: 14 };
        // (input, expected problems; empty = valid)
        let cases: Vec<(DocumentInput, Vec<(DocumentField, Problem)>)> = vec![
            (
                doc("ru_passport", "45 10", "123456", "15.06.2014", "770-001"),
                vec![],
            ),
            (
                doc("ru_passport", "45 10", "123456", "14.06.2014", "770-001"),
                vec![(F::IssueDate, issue_before_age)],
            ),
            (
                doc("ru_passport", "", "123456", "20.06.2020", ""),
                vec![
                    (F::Series, Problem::Required),
                    (F::SubdivisionCode, Problem::Required),
                ],
            ),
            (
                doc("ru_passport", "451", "12345", "20.06.2020", "77-001"),
                vec![
                    (F::Series, PASSPORT_SERIES_FORMAT),
                    (F::Number, SIX_DIGITS),
                    (F::SubdivisionCode, SUBDIVISION_FORMAT),
                ],
            ),
            (
                doc("ru_birth_certificate", "IV-МЮ", "123456", "01.07.2000", ""),
                vec![],
            ),
            (
                doc(
                    "ru_birth_certificate",
                    "IV-МЮ",
                    "123456",
                    "01.06.2000",
                    "770-001",
                ),
                vec![
                    (F::SubdivisionCode, Problem::NotApplicable),
                    (F::IssueDate, Problem::BeforeBirth),
                ],
            ),
            (
                doc("ru_birth_certificate", "4510", "", "01.07.2000", ""),
                vec![
                    (F::Series, BIRTH_CERTIFICATE_SERIES_FORMAT),
                    (F::Number, Problem::Required),
                ],
            ),
            (
                doc("foreign_passport", "", "AB1234567", "01.01.2020", ""),
                vec![],
            ),
            (
                doc("residence_permit", "82", "1234567", "01.01.2020", ""),
                vec![],
            ),
            (doc("other", "", "В-123/45", "01.01.2020", ""), vec![]),
            (
                doc("foreign_passport", "", "", "01.01.2026", "770-001"),
                vec![
                    (F::Number, Problem::Required),
                    (F::SubdivisionCode, Problem::NotApplicable),
                    (F::IssueDate, Problem::InFuture),
                ],
            ),
            (
                doc("other", &"S".repeat(21), &"1".repeat(31), "31.02.2020", ""),
                vec![
                    (
                        F::Series,
                        Problem::TooLong {
                            max: SERIES_MAX_LEN,
                        },
                    ),
                    (
                        F::Number,
                        Problem::TooLong {
                            max: NUMBER_MAX_LEN,
                        },
                    ),
                    (
                        F::IssueDate,
                        Problem::BadFormat {
                            expected: "a real date as DD.MM.YYYY or YYYY-MM-DD",
                        },
                    ),
                ],
            ),
            (
                doc("passport", "4510", "123456", "01.01.2020", ""),
                vec![(
                    F::Kind,
                    Problem::UnknownChoice {
                        expected: "ru_passport, ru_birth_certificate, foreign_passport, \
                                   residence_permit or other",
                    },
                )],
            ),
        ];
        for (input, expected) in cases {
            let mut errors = Collector::default();
            let parsed =
                parse_document(&input, Some(birth), today, FieldPath::Document, &mut errors);
            let got: Vec<_> = errors
                .into_vec()
                .into_iter()
                .map(|e| match e.field {
                    FieldPath::Document(f) => (f, e.problem),
                    other => panic!("unexpected path {other:?}"),
                })
                .collect();
            assert_eq!(got, expected, "{input:?}");
            assert_eq!(parsed.is_some(), expected.is_empty(), "{input:?} parsed");
        }
    }

    #[test]
    fn unknown_birth_date_skips_birth_checks() {
        let input = doc("ru_passport", "4510", "123456", "01.01.2001", "770-001");
        let mut errors = Collector::default();
        let parsed = parse_document(
            &input,
            None,
            date(2025, 1, 1),
            FieldPath::Document,
            &mut errors,
        );
        let parsed = parsed.expect("valid without a birth date");
        assert_eq!(parsed.series(), Some("4510"));
        assert_eq!(parsed.subdivision_code(), Some("770-001"));
        assert_eq!(parsed.issue_date(), date(2001, 1, 1));
    }
}

crate::patient::redacted_debug!(IdentityDocument);
