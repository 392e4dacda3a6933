//! A refused field of the patient form: its label, the problem, and what the field takes.

use consent_domain::Lang;
use consent_domain::dates::ru_date;
use consent_domain::patient::{FieldError, FieldPath, Problem};

use super::{Surface, pick};

/// «Серия паспорта: неверный формат», and on a terminal «Серия паспорта (document.series): …».
pub(crate) fn field_message(error: &FieldError, lang: Lang, surface: Surface) -> String {
    let (label_ru, label_en) = field_label(error.field);
    let (problem_ru, problem_en) = problem_text(error.problem, surface);
    let (label_ru, label_en) = match surface {
        Surface::App => (label_ru.to_owned(), label_en.to_owned()),
        Surface::Terminal => {
            let path = error.field.as_str();
            (
                format!("{label_ru} ({path})"),
                format!("{label_en} ({path})"),
            )
        }
    };
    pick(
        lang,
        format!("{label_ru}: {problem_ru}"),
        format!("{label_en}: {problem_en}"),
    )
}

pub(super) fn field_label(field: FieldPath) -> (&'static str, &'static str) {
    match field.as_str() {
        "surname" => ("Фамилия", "Surname"),
        "given_name" => ("Имя", "Given name"),
        "patronymic" => ("Отчество", "Patronymic"),
        "birth_date" => ("Дата рождения", "Birth date"),
        "sex" => ("Пол", "Sex"),
        "phone" => ("Телефон", "Phone"),
        "email" => ("Электронная почта", "E-mail"),
        "contact" => ("Контакты", "Contact"),
        "address" => ("Адрес", "Address"),
        "document.kind" => ("Вид документа", "Document kind"),
        "document.series" => ("Серия документа", "Document series"),
        "document.number" => ("Номер документа", "Document number"),
        "document.issue_date" => ("Дата выдачи документа", "Document issue date"),
        "document.issuer" => ("Кем выдан документ", "Document issuer"),
        "document.subdivision_code" => ("Код подразделения", "Subdivision code"),
        "representative" => ("Законный представитель", "Legal representative"),
        "representative.surname" => ("Фамилия представителя", "Representative's surname"),
        "representative.given_name" => ("Имя представителя", "Representative's given name"),
        "representative.patronymic" => ("Отчество представителя", "Representative's patronymic"),
        "representative.birth_date" => {
            ("Дата рождения представителя", "Representative's birth date")
        }
        "representative.phone" => ("Телефон представителя", "Representative's phone"),
        "representative.address" => ("Адрес представителя", "Representative's address"),
        "representative.document.kind" => (
            "Вид документа представителя",
            "Representative's document kind",
        ),
        "representative.document.series" => (
            "Серия документа представителя",
            "Representative's document series",
        ),
        "representative.document.number" => (
            "Номер документа представителя",
            "Representative's document number",
        ),
        "representative.document.issue_date" => (
            "Дата выдачи документа представителя",
            "Representative's document issue date",
        ),
        "representative.document.issuer" => (
            "Кем выдан документ представителя",
            "Representative's document issuer",
        ),
        "representative.document.subdivision_code" => (
            "Код подразделения (представитель)",
            "Representative's subdivision code",
        ),
        "representative.authority.kind" => (
            "Документ, подтверждающий полномочия",
            "Document of authority",
        ),
        "representative.authority.number" => (
            "Номер документа о полномочиях",
            "Number of the document of authority",
        ),
        "representative.authority.date" => (
            "Дата документа о полномочиях",
            "Date of the document of authority",
        ),
        "representative.authority.issuer" => (
            "Кем выдан документ о полномочиях",
            "Issuer of the document of authority",
        ),
        _ => ("Поле", "Field"),
    }
}

pub(super) fn problem_text(problem: Problem, surface: Surface) -> (String, String) {
    match problem {
        Problem::Required => ("обязательно для заполнения".into(), "is required".into()),
        Problem::TooShort { min } => (
            format!("слишком коротко (не менее {min} символов)"),
            format!("is too short (at least {min} characters)"),
        ),
        Problem::TooLong { max } => (
            format!("слишком длинно (не более {max} символов)"),
            format!("is too long (at most {max} characters)"),
        ),
        Problem::BadFormat { expected } => (
            format!(
                "неверный формат (ожидается: {})",
                expected_ru(expected, surface)
            ),
            format!("has a bad format (expected {expected})"),
        ),
        Problem::UnknownChoice { expected } => (
            format!(
                "недопустимое значение (ожидается: {})",
                expected_ru(expected, surface)
            ),
            format!("is not one of the allowed values ({expected})"),
        ),
        Problem::InFuture => ("не может быть в будущем".into(), "is in the future".into()),
        Problem::BeforeEarliest { earliest } => (
            format!("не может быть раньше {}", ru_date(earliest)),
            format!("cannot be before {earliest}"),
        ),
        Problem::BeforeBirth => (
            "не может быть раньше даты рождения".into(),
            "is before the birth date".into(),
        ),
        Problem::IssuedBeforeAge { min_age } => (
            format!("документ не выдаётся до {min_age} лет"),
            format!("cannot be issued before the age of {min_age}"),
        ),
        Problem::NotApplicable => (
            "не заполняется для документа этого вида".into(),
            "does not apply to this kind of document".into(),
        ),
        Problem::MinorNeedsRepresentative => (
            "для несовершеннолетнего нужен законный представитель".into(),
            "a minor needs a legal representative".into(),
        ),
        Problem::NoContact => (
            "укажите телефон или электронную почту".into(),
            "give a phone number or an e-mail".into(),
        ),
        Problem::ParentAuthorityOnlyForMinor => (
            "родитель представляет только несовершеннолетнего ребёнка".into(),
            "a parent represents only a minor child".into(),
        ),
    }
}

/// The patient module describes expected formats in English for logs; people get Russian. The more
/// specific descriptions come first: "an address with letters" is not a name's letters.
pub(super) fn expected_ru(expected: &str, surface: Surface) -> String {
    let lower = expected.to_ascii_lowercase();
    let known = [
        ("dd.mm.yyyy", "ДД.ММ.ГГГГ или ГГГГ-ММ-ДД"),
        ("4 digits", "4 цифры"),
        ("6 digits", "6 цифр"),
        ("nnn-nnn", "три цифры, дефис, три цифры: NNN-NNN"),
        (
            "roman",
            "римское число, дефис и две русские буквы, например IV-МЮ",
        ),
        ("+7", "номер телефона, например +7 912 345-67-89"),
        ("phone", "номер телефона, например +7 912 345-67-89"),
        (
            "e-mail",
            "адрес электронной почты, например name@example.ru",
        ),
        ("email", "адрес электронной почты, например name@example.ru"),
        ("@", "адрес электронной почты, например name@example.ru"),
        ("male", "male или female (м или ж)"),
        ("address with letters", "адрес словами: город, улица, дом"),
        ("letters and digits", "буквы и цифры"),
        (
            "one alphabet",
            "буквы одного алфавита (кириллица или латиница), дефис, апостроф и пробел",
        ),
        ("letters", "буквы, дефис, апостроф и пробел"),
        (
            "printable text",
            "текст без управляющих символов и невидимых символов смены направления",
        ),
    ];
    if let Some((_, ru)) = known.iter().find(|(needle, _)| lower.contains(needle)) {
        return (*ru).to_owned();
    }
    match surface {
        Surface::App => "см. подсказку у поля".to_owned(),
        // The choices are codes (`ru_passport, ... or other`), the very words typed on a command
        // line: listed as they are, with the Russian "или".
        Surface::Terminal if is_code_list(expected) => expected.replace(" or ", " или "),
        Surface::Terminal => "см. docs/consentctl.md".to_owned(),
    }
}

/// "ru_passport, ru_birth_certificate or other": codes, commas and "or".
pub(super) fn is_code_list(expected: &str) -> bool {
    expected
        .split([',', ' '])
        .filter(|word| !word.is_empty() && *word != "or")
        .all(|word| {
            word.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}
