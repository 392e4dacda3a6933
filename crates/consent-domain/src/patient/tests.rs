//! Whole-form cases: each starts from a valid form, changes something and
//! states the exact errors expected.

use crate::dates::date;
use chrono::NaiveDate;

use super::*;

const TODAY: NaiveDate = date(2025, 6, 10);

fn s(v: &str) -> String {
    v.to_string()
}

fn some(v: &str) -> Option<String> {
    Some(v.to_string())
}

fn adult() -> PatientInput {
    PatientInput {
        surname: s("Иванов"),
        given_name: s("Иван"),
        patronymic: some("Иванович"),
        birth_date: s("15.03.1985"),
        sex: s("male"),
        phone: some("8 (912) 345-67-89"),
        email: some("Ivanov@Example.RU"),
        address: s("г. Москва, ул. Ленина, д. 1, кв. 2"),
        document: DocumentInput {
            kind: s("ru_passport"),
            series: some("45 10"),
            number: s("123456"),
            issue_date: s("2005-04-01"),
            issuer: s("ОВД района Хамовники г. Москвы"),
            subdivision_code: some("772001"),
        },
        representative: None,
    }
}

fn parent() -> RepresentativeInput {
    RepresentativeInput {
        surname: s("Петрова"),
        given_name: s("Анна"),
        patronymic: some("Сергеевна"),
        birth_date: some("01.02.1990"),
        phone: s("+7 916 000-11-22"),
        address: s("г. Уфа, ул. Мира, д. 5"),
        document: DocumentInput {
            kind: s("ru_passport"),
            series: some("8010"),
            number: s("654321"),
            issue_date: s("10.02.2010"),
            issuer: s("ОУФМС по РБ"),
            subdivision_code: some("020-005"),
        },
        authority: AuthorityInput {
            kind: s("child_birth_certificate"),
            number: some("IV-АР 123456"),
            date: s("20.05.2015"),
            issuer: s("Отдел ЗАГС г. Уфы"),
        },
    }
}

fn child() -> PatientInput {
    PatientInput {
        surname: s("Петров"),
        given_name: s("Ёжик"),
        patronymic: None,
        birth_date: s("10.05.2015"),
        sex: s("ж"),
        phone: None,
        email: None,
        address: s("г. Уфа, ул. Мира, д. 5"),
        document: DocumentInput {
            kind: s("ru_birth_certificate"),
            series: some("iv ар"),
            number: s("123456"),
            issue_date: s("20.05.2015"),
            issuer: s("Отдел ЗАГС г. Уфы"),
            subdivision_code: None,
        },
        representative: Some(parent()),
    }
}

fn errors_of(input: &PatientInput) -> Vec<(FieldPath, Problem)> {
    match validate(input, TODAY) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(|e| (e.field, e.problem)).collect(),
    }
}

#[test]
fn valid_adult_with_russian_passport() {
    let patient = validate(&adult(), TODAY).expect("valid adult");
    assert_eq!(patient.display_name(), "Иванов Иван Иванович");
    assert_eq!(patient.initials(), "Иванов И. И.");
    assert_eq!(patient.birth_date(), date(1985, 3, 15));
    assert_eq!(patient.sex(), Sex::Male);
    assert_eq!(patient.phone().map(Phone::as_str), Some("+79123456789"));
    assert_eq!(
        patient.email().map(Email::as_str),
        Some("Ivanov@example.ru")
    );
    let doc = patient.document();
    assert_eq!(doc.kind(), DocumentKind::RuPassport);
    assert_eq!(doc.series(), Some("4510"));
    assert_eq!(doc.number(), "123456");
    assert_eq!(doc.subdivision_code(), Some("772-001"));
    assert_eq!(doc.issue_date(), date(2005, 4, 1));
    assert!(patient.representative().is_none());
    assert!(!patient.is_minor_on(TODAY));
}

#[test]
fn valid_minor_with_birth_certificate_and_parent() {
    let patient = validate(&child(), TODAY).expect("valid minor");
    assert!(patient.is_minor_on(TODAY));
    assert_eq!(patient.age_on(TODAY), 10);
    assert_eq!(patient.document().series(), Some("IV-АР"));
    assert_eq!(patient.document().subdivision_code(), None);
    assert_eq!(patient.phone(), None);
    let rep = patient.representative().expect("representative");
    assert_eq!(rep.name().initials(), "Петрова А. С.");
    assert_eq!(rep.phone().as_str(), "+79160001122");
    assert_eq!(rep.authority().kind(), AuthorityKind::ChildBirthCertificate);
    assert_eq!(rep.authority().number(), Some("IV-АР 123456"));
    assert_eq!(rep.document().series(), Some("8010"));
}

#[test]
fn age_and_minority_table() {
    let cases = [
        ("10.06.2007", 18, false),
        ("11.06.2007", 17, true),
        ("10.06.2025", 0, true),
        ("29.02.2008", 17, true),
        ("15.03.1985", 40, false),
    ];
    for (birth, age, minor) in cases {
        let mut input = adult();
        input.birth_date = s(birth);
        // A passport is issued at 14, so give every case a birth certificate
        // and a guardian to keep the focus on age.
        input.document = child().document;
        input.document.issue_date = s(birth);
        input.representative = Some(RepresentativeInput {
            authority: AuthorityInput {
                kind: s("guardianship_decision"),
                number: some("15-р"),
                date: s("10.06.2025"),
                issuer: s("Орган опеки"),
            },
            ..parent()
        });
        let patient = validate(&input, TODAY).unwrap_or_else(|e| panic!("{birth}: {e}"));
        assert_eq!(patient.age_on(TODAY), age, "age of {birth}");
        assert_eq!(patient.is_minor_on(TODAY), minor, "minor {birth}");
    }
}

type Edit = fn(&mut PatientInput);
type Expected = Vec<(FieldPath, Problem)>;

/// (case, change to a valid form, exact expected errors in order)
fn run_cases(base: fn() -> PatientInput, cases: &[(&str, Edit, Expected)]) {
    for (name, edit, expected) in cases {
        let mut input = base();
        edit(&mut input);
        assert_eq!(&errors_of(&input), expected, "case: {name}");
    }
}

fn rep(input: &mut PatientInput) -> &mut RepresentativeInput {
    input
        .representative
        .as_mut()
        .expect("fixture has a representative")
}

const BAD_DATE: Problem = Problem::BadFormat {
    expected: "a real date as DD.MM.YYYY or YYYY-MM-DD",
};
const NAME_FORMAT: Problem = Problem::BadFormat {
    expected: "Cyrillic or Latin letters of one alphabet, hyphen, apostrophe, space",
};

#[test]
fn representative_rules() {
    use RepresentativeField as R;
    let whole = FieldPath::Representative(R::Whole);
    let auth = |f| FieldPath::Representative(R::Authority(f));
    run_cases(
        child,
        &[
            ("minor with parent", |_| {}, vec![]),
            (
                "minor without representative",
                |p| p.representative = None,
                vec![(whole, Problem::MinorNeedsRepresentative)],
            ),
            (
                "minor with a blank representative section",
                |p| p.representative = Some(RepresentativeInput::default()),
                vec![(whole, Problem::MinorNeedsRepresentative)],
            ),
            (
                "minor without representative but with a phone",
                |p| {
                    p.representative = None;
                    p.phone = some("89123456789");
                },
                vec![(whole, Problem::MinorNeedsRepresentative)],
            ),
            (
                "minor with a guardian",
                |p| rep(p).authority.kind = s("guardianship_decision"),
                vec![],
            ),
            (
                "authority issued before the child was born",
                |p| rep(p).authority.date = s("01.01.2015"),
                vec![(auth(AuthorityField::Date), Problem::BeforeBirth)],
            ),
            (
                "representative without phone",
                |p| rep(p).phone = s(" "),
                vec![(FieldPath::Representative(R::Phone), Problem::Required)],
            ),
            (
                "representative birth date is optional",
                |p| rep(p).birth_date = None,
                vec![],
            ),
            (
                "representative passport before 14",
                |p| rep(p).document.issue_date = s("31.01.2004"),
                vec![(
                    FieldPath::Representative(R::Document(DocumentField::IssueDate)),
                    Problem::IssuedBeforeAge { min_age: 14 },
                )],
            ),
        ],
    );
}

#[test]
fn adult_representative_rules() {
    use RepresentativeField as R;
    let guardian = || RepresentativeInput {
        authority: AuthorityInput {
            kind: s("guardianship_decision"),
            number: some("№ 15-р"),
            date: s("01.02.2020"),
            issuer: s("Орган опеки и попечительства"),
        },
        ..parent()
    };
    run_cases(
        adult,
        &[
            (
                "adult with a guardian",
                |p| {
                    p.representative = Some(RepresentativeInput {
                        authority: AuthorityInput {
                            kind: s("guardianship_decision"),
                            number: some("15-р"),
                            date: s("01.02.2020"),
                            issuer: s("Опека"),
                        },
                        ..parent()
                    })
                },
                vec![],
            ),
            (
                "adult represented by a parent",
                |p| p.representative = Some(parent()),
                vec![(
                    FieldPath::Representative(R::Authority(AuthorityField::Kind)),
                    Problem::ParentAuthorityOnlyForMinor,
                )],
            ),
            (
                "adult by power of attorney without number",
                |p| {
                    let mut r = parent();
                    r.authority.kind = s("power_of_attorney");
                    r.authority.number = None;
                    p.representative = Some(r);
                },
                vec![],
            ),
        ],
    );
    let mut input = adult();
    input.phone = None;
    input.email = None;
    input.representative = Some(guardian());
    assert!(
        validate(&input, TODAY).is_ok(),
        "the representative's phone is the contact"
    );
}

#[test]
fn contact_rule_table() {
    let cases: [(Option<&str>, Option<&str>, Expected); 6] = [
        (Some("89123456789"), None, vec![]),
        (None, Some("a@b.ru"), vec![]),
        (
            Some(" "),
            Some(""),
            vec![(FieldPath::Contact, Problem::NoContact)],
        ),
        (None, None, vec![(FieldPath::Contact, Problem::NoContact)]),
        (
            Some("12"),
            None,
            vec![(
                FieldPath::Phone,
                Problem::BadFormat {
                    expected: "+7XXXXXXXXXX, 8XXXXXXXXXX or + country code and 8-15 digits",
                },
            )],
        ),
        (
            None,
            Some("a@b"),
            vec![(
                FieldPath::Email,
                Problem::BadFormat {
                    expected: "name@domain.tld",
                },
            )],
        ),
    ];
    for (phone, email, expected) in cases {
        let mut input = adult();
        input.phone = phone.map(String::from);
        input.email = email.map(String::from);
        assert_eq!(
            errors_of(&input),
            expected,
            "phone {phone:?}, email {email:?}"
        );
    }
}

#[test]
fn date_rules() {
    let issue = FieldPath::Document(DocumentField::IssueDate);
    run_cases(
        adult,
        &[
            ("ISO birth date", |p| p.birth_date = s("1985-03-15"), vec![]),
            (
                "birth 31.02",
                |p| p.birth_date = s("31.02.1985"),
                vec![(FieldPath::BirthDate, BAD_DATE)],
            ),
            (
                "two-digit year",
                |p| p.birth_date = s("1.1.85"),
                vec![(FieldPath::BirthDate, BAD_DATE)],
            ),
            (
                "empty birth date",
                |p| p.birth_date = s(""),
                vec![(FieldPath::BirthDate, Problem::Required)],
            ),
            (
                "birth in the future",
                |p| p.birth_date = s("11.06.2025"),
                vec![(FieldPath::BirthDate, Problem::InFuture)],
            ),
            (
                "birth before 1900",
                |p| p.birth_date = s("31.12.1899"),
                vec![(
                    FieldPath::BirthDate,
                    Problem::BeforeEarliest {
                        earliest: EARLIEST_DATE,
                    },
                )],
            ),
            (
                "document issued before birth",
                |p| p.document.issue_date = s("14.03.1985"),
                vec![(issue, Problem::BeforeBirth)],
            ),
            (
                "passport issued the day before 14th birthday",
                |p| p.document.issue_date = s("14.03.1999"),
                vec![(issue, Problem::IssuedBeforeAge { min_age: 14 })],
            ),
            (
                "passport issued on 14th birthday",
                |p| p.document.issue_date = s("15.03.1999"),
                vec![],
            ),
            (
                "foreign passport may be issued to a child",
                |p| {
                    p.document.kind = s("foreign_passport");
                    p.document.subdivision_code = None;
                    p.document.issue_date = s("01.01.1990");
                },
                vec![],
            ),
            (
                "document issued in the future",
                |p| p.document.issue_date = s("2025-06-11"),
                vec![(issue, Problem::InFuture)],
            ),
            (
                "invalid birth date skips birth-relative checks",
                |p| {
                    p.birth_date = s("31.02.1985");
                    p.document.issue_date = s("01.01.1980");
                },
                vec![(FieldPath::BirthDate, BAD_DATE)],
            ),
        ],
    );
}

#[test]
fn name_rules() {
    run_cases(
        adult,
        &[
            ("ё in surname", |p| p.surname = s("Ёлкина"), vec![]),
            ("hyphen", |p| p.surname = s("Салтыков-Щедрин"), vec![]),
            ("apostrophe", |p| p.surname = s("O'Brien"), vec![]),
            ("no patronymic", |p| p.patronymic = None, vec![]),
            ("blank patronymic", |p| p.patronymic = some("  "), vec![]),
            (
                "digits in surname",
                |p| p.surname = s("Иванов1"),
                vec![(FieldPath::Surname, NAME_FORMAT)],
            ),
            (
                "mixed alphabets in given name",
                |p| p.given_name = s("Ивaн"),
                vec![(FieldPath::GivenName, NAME_FORMAT)],
            ),
            (
                "punctuation only patronymic",
                |p| p.patronymic = some("-"),
                vec![(FieldPath::Patronymic, NAME_FORMAT)],
            ),
            (
                "missing given name",
                |p| p.given_name = s(" "),
                vec![(FieldPath::GivenName, Problem::Required)],
            ),
        ],
    );
    let patient = validate(
        &PatientInput {
            surname: s("  Салтыков -  Щедрин "),
            given_name: s("Михаил"),
            patronymic: some("Евграфович"),
            ..adult()
        },
        TODAY,
    )
    .expect("valid name");
    assert_eq!(
        patient.display_name(),
        "Салтыков-Щедрин Михаил Евграфович",
        "names are squashed"
    );
}

#[test]
fn document_rules() {
    use DocumentField as D;
    run_cases(
        adult,
        &[
            (
                "passport without subdivision code",
                |p| p.document.subdivision_code = None,
                vec![(FieldPath::Document(D::SubdivisionCode), Problem::Required)],
            ),
            (
                "passport series of 5 digits",
                |p| p.document.series = some("45101"),
                vec![(
                    FieldPath::Document(D::Series),
                    Problem::BadFormat {
                        expected: "4 digits",
                    },
                )],
            ),
            (
                "unknown document kind",
                |p| p.document.kind = s("паспорт"),
                vec![(
                    FieldPath::Document(D::Kind),
                    Problem::UnknownChoice {
                        expected: "ru_passport, ru_birth_certificate, foreign_passport, \
                                   residence_permit or other",
                    },
                )],
            ),
            (
                "missing issuer",
                |p| p.document.issuer = s(""),
                vec![(FieldPath::Document(D::Issuer), Problem::Required)],
            ),
            (
                "residence permit",
                |p| {
                    p.document = DocumentInput {
                        kind: s("residence_permit"),
                        series: some("82"),
                        number: s("1234567"),
                        issue_date: s("01.01.2020"),
                        issuer: s("ГУ МВД России по г. Москве"),
                        subdivision_code: None,
                    }
                },
                vec![],
            ),
        ],
    );
}

#[test]
fn oversized_fields_are_errors_not_truncated() {
    use DocumentField as D;
    run_cases(
        adult,
        &[
            (
                "surname",
                |p| p.surname = "Я".repeat(101),
                vec![(FieldPath::Surname, Problem::TooLong { max: NAME_MAX_LEN })],
            ),
            (
                "patronymic",
                |p| p.patronymic = Some("я".repeat(101)),
                vec![(
                    FieldPath::Patronymic,
                    Problem::TooLong { max: NAME_MAX_LEN },
                )],
            ),
            (
                "address",
                |p| p.address = format!("г. {}", "я".repeat(ADDRESS_MAX_LEN)),
                vec![(
                    FieldPath::Address,
                    Problem::TooLong {
                        max: ADDRESS_MAX_LEN,
                    },
                )],
            ),
            (
                "email",
                |p| p.email = Some(format!("{}@example.ru", "a".repeat(250))),
                vec![(FieldPath::Email, Problem::TooLong { max: EMAIL_MAX_LEN })],
            ),
            (
                "phone",
                |p| p.phone = Some("8".repeat(PHONE_MAX_LEN + 1)),
                vec![(FieldPath::Phone, Problem::TooLong { max: PHONE_MAX_LEN })],
            ),
            (
                "passport series",
                |p| p.document.series = Some("4".repeat(SERIES_MAX_LEN + 1)),
                vec![(
                    FieldPath::Document(D::Series),
                    Problem::TooLong {
                        max: SERIES_MAX_LEN,
                    },
                )],
            ),
            (
                "passport number",
                |p| p.document.number = "1".repeat(NUMBER_MAX_LEN + 1),
                vec![(
                    FieldPath::Document(D::Number),
                    Problem::TooLong {
                        max: NUMBER_MAX_LEN,
                    },
                )],
            ),
            (
                "subdivision code",
                |p| p.document.subdivision_code = Some("7".repeat(SUBDIVISION_CODE_MAX_LEN + 1)),
                vec![(
                    FieldPath::Document(D::SubdivisionCode),
                    Problem::TooLong {
                        max: SUBDIVISION_CODE_MAX_LEN,
                    },
                )],
            ),
            (
                "issuer",
                |p| p.document.issuer = "О".repeat(ISSUER_MAX_LEN + 1),
                vec![(
                    FieldPath::Document(D::Issuer),
                    Problem::TooLong {
                        max: ISSUER_MAX_LEN,
                    },
                )],
            ),
        ],
    );
}

#[test]
fn all_errors_collected_with_paths() {
    use DocumentField as D;
    use RepresentativeField as R;
    let mut input = child();
    input.surname = s("П3тров");
    input.birth_date = s("10.05.2015");
    input.sex = s("?");
    input.email = some("no-at-sign");
    input.address = s("");
    input.document.number = s("12-34");
    input.document.subdivision_code = some("770-001");
    let r = rep(&mut input);
    r.given_name = s("");
    r.document.number = s("65432");
    r.document.subdivision_code = None;
    r.authority.kind = s("");
    r.authority.issuer = "x".repeat(AUTHORITY_ISSUER_MAX_LEN + 1);
    let expected = vec![
        ("surname", NAME_FORMAT),
        (
            "sex",
            Problem::UnknownChoice {
                expected: "male or female",
            },
        ),
        (
            "email",
            Problem::BadFormat {
                expected: "name@domain.tld",
            },
        ),
        ("address", Problem::Required),
        (
            "document.number",
            Problem::BadFormat {
                expected: "6 digits",
            },
        ),
        ("document.subdivision_code", Problem::NotApplicable),
        ("representative.given_name", Problem::Required),
        (
            "representative.document.number",
            Problem::BadFormat {
                expected: "6 digits",
            },
        ),
        (
            "representative.document.subdivision_code",
            Problem::Required,
        ),
        ("representative.authority.kind", Problem::Required),
        (
            "representative.authority.issuer",
            Problem::TooLong {
                max: AUTHORITY_ISSUER_MAX_LEN,
            },
        ),
    ];
    let errors = validate(&input, TODAY).expect_err("many errors");
    let got: Vec<_> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.problem))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(errors.len(), expected.len());
    assert!(
        errors.contains(
            FieldPath::Representative(R::Document(D::Number)),
            Problem::BadFormat {
                expected: "6 digits"
            }
        ),
        "lookup by typed path"
    );
    let codes: Vec<_> = (&errors).into_iter().map(FieldError::code).collect();
    assert_eq!(codes[0], "bad_format");
    assert_eq!(codes[3], "required");
}

#[test]
fn errors_never_contain_personal_data() {
    // Distinctive values that end up rejected; none may leak into messages.
    let secrets = [
        "Зюзюкин7",
        "Секретовна!",
        "987654321",
        "31.02.1977",
        "зюзя@",
        "Тайная, 5!\u{7}",
        "+7 999 ЗЮЗЮ",
        "Зюзюкина3",
        "5555-55",
        "ДОВ-777-СЕКРЕТ#",
        "Нотариус Зюзин\u{7}",
    ];
    let mut input = child();
    input.surname = s(secrets[0]);
    input.patronymic = some(secrets[1]);
    input.document.number = s(secrets[2]);
    input.birth_date = s(secrets[3]);
    input.email = some(secrets[4]);
    input.address = s(secrets[5]);
    input.phone = some(secrets[6]);
    let r = rep(&mut input);
    r.surname = s(secrets[7]);
    r.document.number = s(secrets[8]);
    r.authority.number = some(&format!("{}{}", secrets[9], "9".repeat(50)));
    r.authority.issuer = s(secrets[10]);
    let errors = validate(&input, TODAY).expect_err("all invalid");
    assert_eq!(errors.len(), secrets.len(), "each secret caused one error");

    let mut rendered = vec![errors.to_string(), format!("{errors:?}")];
    for e in &errors {
        rendered.push(e.to_string());
        rendered.push(format!("{e:?}"));
        rendered.push(e.problem.to_string());
    }
    // Also look for fragments, in case a value were partly echoed.
    let fragments = secrets.iter().flat_map(|secret| {
        let words: Vec<String> = secret
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(String::from)
            .collect();
        std::iter::once(secret.to_string()).chain(words)
    });
    for fragment in fragments {
        for text in &rendered {
            assert!(
                !text.to_lowercase().contains(&fragment.to_lowercase()),
                "{fragment:?} leaked into {text:?}"
            );
        }
    }
}

#[test]
fn edit_form_round_trip() {
    for (name, input) in [("adult", adult()), ("child", child())] {
        let patient = validate(&input, TODAY).expect(name);
        let again = validate(&PatientInput::from(&patient), TODAY).expect(name);
        assert_eq!(again, patient, "{name} survives the edit form");
    }
}

#[test]
fn debug_output_of_personal_data_is_redacted() {
    let mut input = adult();
    input.surname = s("Шпаковская");
    input.email = some("shpakovskaya@example.ru");
    let patient = validate(&input, TODAY).expect("valid");
    let printed = [
        format!("{patient:?}"),
        format!("{input:?}"),
        format!("{:?}", patient.name()),
        format!("{:?}", patient.document()),
        format!("{:?}", patient.address()),
        format!("{:?}", patient.email()),
    ];
    for text in printed {
        for secret in [
            "Шпаковская",
            "shpakovskaya",
            "654321",
            "123456",
            "Ленина",
            "1985",
        ] {
            assert!(!text.contains(secret), "{secret:?} leaked into {text:?}");
        }
        assert!(text.contains("personal data"), "{text}");
    }
}
