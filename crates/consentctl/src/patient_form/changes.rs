//! A patient form's changes, `(field path, text)` in order, and reading them from a JSON file.
//!
//! The JSON is checked key by key here rather than by serde, so an error names the key and never
//! echoes a value (values are personal data).
//!
//! Self-contained on purpose (std, serde_json and consent_domain only): the fuzz target
//! `patient_json` compiles this very file, and building the CLI's package would build SQLCipher.

use consent_domain::patient::{DocumentInput, PatientInput, RepresentativeInput};
use serde_json::Value;

/// Why a problem in a patient JSON file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonProblem {
    /// Not JSON at all.
    Syntax { line: usize, column: usize },
    /// The top level is not an object.
    NotAnObject,
    /// A key the form does not have (the dotted path is given, never the value).
    UnknownField(String),
    /// A value of the wrong kind: an object where text goes, text where an object goes (the dotted
    /// path and the kinds are given, never the value).
    WrongType {
        field: String,
        expected: Expected,
        found: JsonKind,
    },
}

/// What a key of the patient JSON takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A string, or null to clear the field.
    Text,
    /// An object with these keys (`document`, `representative.authority`).
    Object(&'static [&'static str]),
    /// An object with these keys, or null to remove it (`representative`).
    ObjectOrNull(&'static [&'static str]),
}

/// The kind of a JSON value, to say what was found instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonKind {
    pub fn of(value: &Value) -> JsonKind {
        match value {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Bool,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::String,
            Value::Array(_) => JsonKind::Array,
            Value::Object(_) => JsonKind::Object,
        }
    }
}

/// Changes to a patient form.
#[derive(Debug, Default)]
pub struct FormChanges {
    pub(crate) set: Vec<(String, String)>,
    remove_representative: bool,
}

impl FormChanges {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && !self.remove_representative
    }

    pub fn remove_representative(&mut self) {
        self.remove_representative = true;
    }

    pub(crate) fn push(&mut self, path: &str, value: Option<&String>) {
        if let Some(value) = value {
            self.set.push((path.to_owned(), value.clone()));
        }
    }

    /// Applies the changes in order. Paths come from [`from_flags`] and [`from_json`], which only
    /// produce known ones.
    pub fn apply(&self, input: &mut PatientInput) {
        if self.remove_representative {
            input.representative = None;
        }
        for (path, value) in &self.set {
            set_field(input, path, value.clone());
        }
    }

    pub fn extend(&mut self, other: FormChanges) {
        self.set.extend(other.set);
        self.remove_representative |= other.remove_representative;
    }
}

/// Blank optional text means "not given", as in the app's form.
fn optional(value: String) -> Option<String> {
    (!value.trim().is_empty()).then_some(value)
}

const PERSON_FIELDS: [&str; 8] = [
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "sex",
    "phone",
    "email",
    "address",
];
const REPRESENTATIVE_FIELDS: [&str; 6] = [
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "phone",
    "address",
];
pub(crate) const DOCUMENT_FIELDS: [&str; 6] = [
    "kind",
    "series",
    "number",
    "issue_date",
    "issuer",
    "subdivision_code",
];
pub(crate) const AUTHORITY_FIELDS: [&str; 4] = ["kind", "number", "date", "issuer"];

pub(crate) fn set_field(input: &mut PatientInput, path: &str, value: String) -> bool {
    if let Some(rest) = path.strip_prefix("representative.") {
        let rep = input
            .representative
            .get_or_insert_with(RepresentativeInput::default);
        return set_representative(rep, rest, value);
    }
    if let Some(rest) = path.strip_prefix("document.") {
        return set_document(&mut input.document, rest, value);
    }
    match path {
        "surname" => input.surname = value,
        "given_name" => input.given_name = value,
        "patronymic" => input.patronymic = optional(value),
        "birth_date" => input.birth_date = value,
        "sex" => input.sex = value,
        "phone" => input.phone = optional(value),
        "email" => input.email = optional(value),
        "address" => input.address = value,
        _ => return false,
    }
    true
}

fn set_representative(rep: &mut RepresentativeInput, path: &str, value: String) -> bool {
    if let Some(rest) = path.strip_prefix("document.") {
        return set_document(&mut rep.document, rest, value);
    }
    if let Some(rest) = path.strip_prefix("authority.") {
        let auth = &mut rep.authority;
        match rest {
            "kind" => auth.kind = value,
            "number" => auth.number = optional(value),
            "date" => auth.date = value,
            "issuer" => auth.issuer = value,
            _ => return false,
        }
        return true;
    }
    match path {
        "surname" => rep.surname = value,
        "given_name" => rep.given_name = value,
        "patronymic" => rep.patronymic = optional(value),
        "birth_date" => rep.birth_date = optional(value),
        "phone" => rep.phone = value,
        "address" => rep.address = value,
        _ => return false,
    }
    true
}

fn set_document(doc: &mut DocumentInput, path: &str, value: String) -> bool {
    match path {
        "kind" => doc.kind = value,
        "series" => doc.series = optional(value),
        "number" => doc.number = value,
        "issue_date" => doc.issue_date = value,
        "issuer" => doc.issuer = value,
        "subdivision_code" => doc.subdivision_code = optional(value),
        _ => return false,
    }
    true
}

/// The changes a JSON file asks for. Its shape mirrors the form (see docs/consentctl.md): string
/// values; `null` or `""` clears a field; `"representative": null` removes the representative.
pub fn from_json(text: &str) -> Result<FormChanges, JsonProblem> {
    let value: Value = serde_json::from_str(text).map_err(|e| JsonProblem::Syntax {
        line: e.line(),
        column: e.column(),
    })?;
    let Value::Object(root) = value else {
        return Err(JsonProblem::NotAnObject);
    };
    let mut changes = FormChanges::default();
    for (key, value) in &root {
        match key.as_str() {
            "document" => walk(&mut changes, "document.", value, &DOCUMENT_FIELDS, &[])?,
            "representative" if value.is_null() => changes.remove_representative(),
            "representative" if value.is_object() => walk(
                &mut changes,
                "representative.",
                value,
                &REPRESENTATIVE_FIELDS,
                &[
                    ("document", &DOCUMENT_FIELDS[..]),
                    ("authority", &AUTHORITY_FIELDS[..]),
                ],
            )?,
            "representative" => {
                return Err(wrong_type(
                    "representative",
                    Expected::ObjectOrNull(&REPRESENTATIVE_KEYS),
                    value,
                ));
            }
            field if PERSON_FIELDS.contains(&field) => {
                changes.set.push((field.to_owned(), text_of(value, field)?));
            }
            other => return Err(JsonProblem::UnknownField(other.to_owned())),
        }
    }
    Ok(changes)
}

fn walk(
    changes: &mut FormChanges,
    prefix: &str,
    value: &Value,
    own: &'static [&'static str],
    nested: &[(&str, &'static [&'static str])],
) -> Result<(), JsonProblem> {
    let name = prefix.trim_end_matches('.');
    let Value::Object(map) = value else {
        return Err(wrong_type(name, Expected::Object(own), value));
    };
    for (key, value) in map {
        let path = format!("{prefix}{key}");
        if own.contains(&key.as_str()) {
            changes.set.push((path.clone(), text_of(value, &path)?));
        } else if let Some((_, inner)) = nested.iter().find(|(n, _)| n == key) {
            walk(changes, &format!("{path}."), value, inner, &[])?;
        } else {
            return Err(JsonProblem::UnknownField(path));
        }
    }
    Ok(())
}

fn text_of(value: &Value, path: &str) -> Result<String, JsonProblem> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Null => Ok(String::new()),
        _ => Err(wrong_type(path, Expected::Text, value)),
    }
}

/// The keys `representative` takes, for the message when it is not an object.
pub(crate) const REPRESENTATIVE_KEYS: [&str; 8] = [
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "phone",
    "address",
    "document",
    "authority",
];

/// What a value was and what its key needs: the kinds of JSON value only, never the value.
fn wrong_type(path: &str, expected: Expected, value: &Value) -> JsonProblem {
    JsonProblem::WrongType {
        field: path.to_owned(),
        expected,
        found: JsonKind::of(value),
    }
}
