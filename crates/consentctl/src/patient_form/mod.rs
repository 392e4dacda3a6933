//! The patient form from flags and from a JSON file.
//!
//! Both are turned into the same list of `(field path, text)` changes, with the paths the service
//! uses in its field errors (`document.issue_date`, `representative.authority.kind`): an error in
//! the payload's `fields` names exactly the key to fix in the file. `add` applies the changes to an
//! empty form, `update` to the stored one; the file first, then the flags.
//!
//! The changes and their JSON reading live in `changes.rs`.

use std::io::Read;
use std::path::{Path, PathBuf};

mod changes;

pub use changes::{Expected, FormChanges, JsonKind, JsonProblem};

use crate::args::PatientForm;
use crate::error::CliError;

/// The flags that were given, as changes.
pub fn from_flags(form: &PatientForm) -> FormChanges {
    let mut c = FormChanges::default();
    c.push("surname", form.surname.as_ref());
    c.push("given_name", form.given_name.as_ref());
    c.push("patronymic", form.patronymic.as_ref());
    c.push("birth_date", form.birth_date.as_ref());
    c.push("sex", form.sex.as_ref());
    c.push("phone", form.phone.as_ref());
    c.push("email", form.email.as_ref());
    c.push("address", form.address.as_ref());
    c.push("document.kind", form.doc_kind.as_ref());
    c.push("document.series", form.doc_series.as_ref());
    c.push("document.number", form.doc_number.as_ref());
    c.push("document.issue_date", form.doc_issued.as_ref());
    c.push("document.issuer", form.doc_issuer.as_ref());
    c.push("document.subdivision_code", form.doc_subdivision.as_ref());
    c.push("representative.surname", form.rep_surname.as_ref());
    c.push("representative.given_name", form.rep_given_name.as_ref());
    c.push("representative.patronymic", form.rep_patronymic.as_ref());
    c.push("representative.birth_date", form.rep_birth_date.as_ref());
    c.push("representative.phone", form.rep_phone.as_ref());
    c.push("representative.address", form.rep_address.as_ref());
    c.push("representative.document.kind", form.rep_doc_kind.as_ref());
    c.push(
        "representative.document.series",
        form.rep_doc_series.as_ref(),
    );
    c.push(
        "representative.document.number",
        form.rep_doc_number.as_ref(),
    );
    c.push(
        "representative.document.issue_date",
        form.rep_doc_issued.as_ref(),
    );
    c.push(
        "representative.document.issuer",
        form.rep_doc_issuer.as_ref(),
    );
    c.push(
        "representative.document.subdivision_code",
        form.rep_doc_subdivision.as_ref(),
    );
    c.push(
        "representative.authority.kind",
        form.rep_authority_kind.as_ref(),
    );
    c.push(
        "representative.authority.number",
        form.rep_authority_number.as_ref(),
    );
    c.push(
        "representative.authority.date",
        form.rep_authority_date.as_ref(),
    );
    c.push(
        "representative.authority.issuer",
        form.rep_authority_issuer.as_ref(),
    );
    c
}

/// The changes a JSON file asks for (see [`changes::from_json`]); a problem names the file.
pub fn from_json(path: &Path, text: &str) -> Result<FormChanges, CliError> {
    changes::from_json(text).map_err(|problem| CliError::PatientJson {
        path: PathBuf::from(path),
        problem,
    })
}

/// Everything `patient add`/`update` was given: the JSON file (if any), then the flags.
pub fn changes(form: &PatientForm) -> Result<FormChanges, CliError> {
    let mut all = match &form.from_json {
        Some(path) => from_json(path, &read_text(path)?)?,
        None => FormChanges::default(),
    };
    all.extend(from_flags(form));
    Ok(all)
}

/// Reads a text file, or standard input for `-`.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    let unreadable = |e: std::io::Error| CliError::UnreadableFile {
        path: path.to_path_buf(),
        kind: e.kind(),
    };
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(unreadable)?;
        return Ok(without_bom(text));
    }
    std::fs::read_to_string(path)
        .map(without_bom)
        .map_err(unreadable)
}

/// Windows Notepad and Excel start UTF-8 files with a byte-order mark; it says nothing about the
/// content, and JSON and XML parsers would refuse the file at line 1, column 1 because of it.
fn without_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use consent_domain::patient::{PatientInput, RepresentativeInput};

    use super::changes::{AUTHORITY_FIELDS, DOCUMENT_FIELDS, REPRESENTATIVE_KEYS, set_field};
    use super::*;

    fn parse(text: &str) -> Result<PatientInput, CliError> {
        let mut input = PatientInput::default();
        from_json(Path::new("f.json"), text)?.apply(&mut input);
        Ok(input)
    }

    #[test]
    fn the_json_shape_fills_every_field() {
        let input = parse(
            r#"{
              "surname": "Пётр", "given_name": "Ёлкин", "patronymic": "", "birth_date": "01.02.2015",
              "sex": "male", "phone": null, "email": "a@b.ru", "address": "Иваново",
              "document": {"kind": "ru_birth_certificate", "series": "IV-АР", "number": "123456",
                           "issue_date": "20.05.2015", "issuer": "ЗАГС", "subdivision_code": null},
              "representative": {"surname": "Ёлкина", "given_name": "Анна", "phone": "+79160001122",
                 "address": "Иваново", "birth_date": "01.02.1990",
                 "document": {"kind": "ru_passport", "series": "8010", "number": "654321",
                              "issue_date": "10.02.2010", "issuer": "ОУФМС", "subdivision_code": "020-005"},
                 "authority": {"kind": "child_birth_certificate", "number": "IV-АР 123456",
                               "date": "20.05.2015", "issuer": "ЗАГС"}}
            }"#,
        )
        .expect("valid shape");
        assert_eq!(input.surname, "Пётр");
        assert_eq!(
            input.patronymic, None,
            "a blank optional field is not given"
        );
        assert_eq!(input.phone, None);
        assert_eq!(input.document.kind, "ru_birth_certificate");
        assert_eq!(input.document.issue_date, "20.05.2015");
        let rep = input.representative.expect("representative");
        assert_eq!(rep.birth_date.as_deref(), Some("01.02.1990"));
        assert_eq!(rep.document.subdivision_code.as_deref(), Some("020-005"));
        assert_eq!(rep.authority.kind, "child_birth_certificate");
        assert_eq!(rep.authority.number.as_deref(), Some("IV-АР 123456"));
    }

    #[test]
    fn unknown_keys_are_named_by_their_path() {
        for (text, path) in [
            (r#"{"surnam": "x"}"#, "surnam"),
            (r#"{"document": {"kjnd": "x"}}"#, "document.kjnd"),
            (
                r#"{"representative": {"authority": {"place": "x"}}}"#,
                "representative.authority.place",
            ),
        ] {
            match parse(text) {
                Err(CliError::PatientJson {
                    problem: JsonProblem::UnknownField(found),
                    ..
                }) => assert_eq!(found, path),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn values_must_be_strings_and_are_never_echoed() {
        match parse(r#"{"phone": 79123456789}"#) {
            Err(e @ CliError::PatientJson { .. }) => {
                let message = e.payload(consent_domain::Lang::En).message;
                assert!(message.contains("\"phone\""), "{message}");
                assert!(!message.contains("79123456789"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse("[1, 2]"),
            Err(CliError::PatientJson {
                problem: JsonProblem::NotAnObject,
                ..
            })
        ));
        assert!(matches!(
            parse("{\"surname\": "),
            Err(CliError::PatientJson {
                problem: JsonProblem::Syntax { .. },
                ..
            })
        ));
    }

    fn wrong_type_of(text: &str) -> (String, Expected, JsonKind) {
        match parse(text) {
            Err(CliError::PatientJson {
                problem:
                    JsonProblem::WrongType {
                        field,
                        expected,
                        found,
                    },
                ..
            }) => (field, expected, found),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_named_with_the_kind_its_key_needs() {
        let (field, expected, found) = wrong_type_of(r#"{"document": "x"}"#);
        assert_eq!(field, "document");
        assert_eq!(expected, Expected::Object(&DOCUMENT_FIELDS));
        assert_eq!(found, JsonKind::String);
        let (field, expected, found) = wrong_type_of(r#"{"representative": {"authority": ["a"]}}"#);
        assert_eq!(field, "representative.authority");
        assert_eq!(expected, Expected::Object(&AUTHORITY_FIELDS));
        assert_eq!(found, JsonKind::Array);
        let (field, expected, found) = wrong_type_of(r#"{"representative": 5}"#);
        assert_eq!(field, "representative");
        assert_eq!(expected, Expected::ObjectOrNull(&REPRESENTATIVE_KEYS));
        assert_eq!(found, JsonKind::Number);
        let (field, expected, found) = wrong_type_of(r#"{"document": {"number": {"a": 1}}}"#);
        assert_eq!(field, "document.number");
        assert_eq!(expected, Expected::Text);
        assert_eq!(found, JsonKind::Object);

        let error = parse(r#"{"document": "2410 654321"}"#).expect_err("refused");
        let ru = error.payload(consent_domain::Lang::Ru).message;
        assert!(ru.contains("«document»"), "{ru}");
        assert!(ru.contains("должно быть объектом"), "{ru}");
        assert!(ru.contains("а не строка"), "{ru}");
        assert!(ru.contains("kind, series, number"), "{ru}");
        assert!(!ru.contains("654321"), "{ru}");
        let en = error.payload(consent_domain::Lang::En).message;
        assert!(en.contains("must be an object"), "{en}");
        assert!(en.contains("not a string"), "{en}");
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("form.json");
        std::fs::write(&path, "\u{feff}{\"surname\": \"Ёлкина\"}").expect("write");
        let text = read_text(&path).expect("readable");
        let mut input = PatientInput::default();
        from_json(&path, &text)
            .expect("a JSON object")
            .apply(&mut input);
        assert_eq!(input.surname, "Ёлкина");
        // Only a leading mark is dropped: one inside a value is the value's.
        assert_eq!(without_bom("a\u{feff}".into()), "a\u{feff}");
    }

    #[test]
    fn a_null_representative_removes_it_and_flags_come_after_the_file() {
        let mut input = PatientInput {
            representative: Some(RepresentativeInput::default()),
            surname: "Старая".into(),
            ..PatientInput::default()
        };
        let mut changes = from_json(
            Path::new("f"),
            r#"{"representative": null, "surname": "Из файла"}"#,
        )
        .expect("changes");
        changes.extend(from_flags(&PatientForm {
            surname: Some("Из флага".into()),
            ..PatientForm::default()
        }));
        changes.apply(&mut input);
        assert!(input.representative.is_none());
        assert_eq!(input.surname, "Из флага");
    }

    #[test]
    fn every_flag_path_is_a_known_field() {
        let mut input = PatientInput::default();
        let v = || Some("v".to_owned());
        let form = PatientForm {
            from_json: None,
            surname: v(),
            given_name: v(),
            patronymic: v(),
            birth_date: v(),
            sex: v(),
            phone: v(),
            email: v(),
            address: v(),
            doc_kind: v(),
            doc_series: v(),
            doc_number: v(),
            doc_issued: v(),
            doc_issuer: v(),
            doc_subdivision: v(),
            rep_surname: v(),
            rep_given_name: v(),
            rep_patronymic: v(),
            rep_birth_date: v(),
            rep_phone: v(),
            rep_address: v(),
            rep_doc_kind: v(),
            rep_doc_series: v(),
            rep_doc_number: v(),
            rep_doc_issued: v(),
            rep_doc_issuer: v(),
            rep_doc_subdivision: v(),
            rep_authority_kind: v(),
            rep_authority_number: v(),
            rep_authority_date: v(),
            rep_authority_issuer: v(),
        };
        let changes = from_flags(&form);
        assert_eq!(changes.set.len(), 30);
        for (path, value) in &changes.set {
            assert!(set_field(&mut input, path, value.clone()), "{path}");
        }
        assert_eq!(input.document.subdivision_code.as_deref(), Some("v"));
        assert_eq!(
            input.representative.map(|r| r.authority.issuer),
            Some("v".to_owned())
        );
    }
}
