//! Bad stored data gives the right error, and no error text quotes what was read.

use consent_domain::event::EventBody;
use serde_json::{Value, json};

use super::fixtures::*;
use super::round_trip::bodies;
use crate::codec::{
    CodecError, decode_body, decode_consent, decode_patient_record, decode_request, decode_staff,
    encode_body, encode_consent, encode_patient_record, encode_request, encode_staff,
};

/// `bytes` as a JSON value.
fn value(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("valid JSON")
}

/// `bytes` with one edit applied at a JSON pointer (`/data/birth_date`); `None` removes the field.
fn edited(bytes: &[u8], pointer: &str, new: Option<Value>) -> Vec<u8> {
    let mut json = value(bytes);
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    let object = json
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("{pointer} has an object parent"));
    match new {
        Some(new) => {
            object.insert(key.to_owned(), new);
        }
        None => {
            object.remove(key);
        }
    }
    serde_json::to_vec(&json).expect("serializes")
}

fn body_of_kind(kind: &str) -> Vec<u8> {
    let body = bodies()
        .into_iter()
        .find(|b| b.kind() == kind)
        .unwrap_or_else(|| panic!("a {kind} fixture"));
    encode_body(&body)
}

/// A disposal as ledgers wrote it before destruction and blocking had kinds of their own.
fn legacy_disposal(disposal: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "v": 1,
        "type": "data_disposed",
        "patient": patient_id(1).to_string(),
        "request": "00000000-0000-0000-0000-000000004001",
        "disposal": disposal,
    }))
    .expect("json")
}

fn registered() -> Vec<u8> {
    encode_body(&EventBody::PatientRegistered {
        patient: patient_id(1),
        data: Box::new(adult()),
    })
}

fn registered_child() -> Vec<u8> {
    encode_body(&EventBody::PatientRegistered {
        patient: patient_id(2),
        data: Box::new(child()),
    })
}

fn body(bytes: &[u8]) -> Result<(), CodecError> {
    decode_body(bytes).map(drop)
}

/// Fails with the error's text if it quotes any personal data of the fixtures or `injected`.
fn assert_no_personal_data(name: &str, err: &CodecError, injected: &[&str]) {
    for text in [err.to_string(), format!("{err:?}")] {
        let lower = text.to_lowercase();
        for secret in PERSONAL.iter().chain(injected).filter(|s| !s.is_empty()) {
            assert!(
                !lower.contains(&secret.to_lowercase()),
                "{name}: {secret:?} leaked into {text:?}"
            );
        }
    }
}

#[test]
fn bad_bytes_are_malformed_json() {
    let whole = registered();
    let cut = whole
        .windows("Ерёмина".len())
        .position(|w| w == "Ерёмина".as_bytes())
        .expect("the surname is in the body")
        + 4;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated inside the surname", whole[..cut].to_vec()),
        ("truncated after the surname", whole[..cut + 20].to_vec()),
        ("empty", Vec::new()),
        ("not UTF-8", b"{\"v\":1,\"type\":\"\xff\xfe\"}".to_vec()),
        (
            "trailing garbage",
            [whole.as_slice(), "Ерёмина".as_bytes()].concat(),
        ),
        ("not JSON", "Ерёмина Алёна".as_bytes().to_vec()),
    ];
    for (name, bytes) in cases {
        let err = body(&bytes).expect_err(name);
        assert_eq!(err.code(), "stored_malformed_json", "{name}: {err:?}");
        assert_no_personal_data(name, &err, &[]);
    }
}

#[test]
fn versions_are_checked_before_anything_else() {
    let base = registered();
    let unsupported = |found| CodecError::UnsupportedVersion {
        found,
        supported: 1,
    };
    let cases: Vec<(&str, Vec<u8>, CodecError)> = vec![
        ("v 2", edited(&base, "/v", Some(json!(2))), unsupported(2)),
        ("v 0", edited(&base, "/v", Some(json!(0))), unsupported(0)),
        (
            "v 2 with a shape this build does not know",
            r#"{"v":2,"kind":"patient_registered","payload":"Ерёмина"}"#
                .as_bytes()
                .to_vec(),
            unsupported(2),
        ),
        (
            "no v",
            edited(&base, "/v", None),
            CodecError::MissingVersion,
        ),
        (
            "v as text",
            edited(&base, "/v", Some(json!("1"))),
            CodecError::MissingVersion,
        ),
        (
            "v negative",
            edited(&base, "/v", Some(json!(-1))),
            CodecError::MissingVersion,
        ),
        (
            "v fractional",
            edited(&base, "/v", Some(json!(1.5))),
            CodecError::MissingVersion,
        ),
        (
            "an array",
            r#"[1,"Ерёмина"]"#.as_bytes().to_vec(),
            CodecError::BadShape,
        ),
        (
            "a string",
            r#""Ерёмина""#.as_bytes().to_vec(),
            CodecError::BadShape,
        ),
    ];
    for (name, bytes, expected) in cases {
        let err = body(&bytes).expect_err(name);
        assert_eq!(err, expected, "{name}");
        assert_no_personal_data(name, &err, &[]);
    }
    assert_eq!(unsupported(2).code(), "stored_unsupported_version");
    assert_eq!(CodecError::MissingVersion.code(), "stored_missing_version");
}

/// Each case: a name, the result of decoding edited bytes, the expected error, the injected text.
type Case = (
    &'static str,
    Result<(), CodecError>,
    CodecError,
    &'static str,
);

fn check(cases: Vec<Case>) {
    for (name, result, expected, injected) in cases {
        let err = result.expect_err(name);
        assert_eq!(err, expected, "{name}");
        assert_no_personal_data(name, &err, &[injected]);
    }
}

#[test]
fn unknown_types_and_codes_name_the_field() {
    let unknown = |field| CodecError::UnknownCode { field };
    let received = body_of_kind("request_received");
    let consent = encode_consent(&signed());
    let request = encode_request(&withdrawal_course()[4].1);
    check(vec![
        (
            "unknown event type",
            body(&edited(
                &registered(),
                "/type",
                Some(json!("patient_merged")),
            )),
            CodecError::UnknownEventType,
            "patient_merged",
        ),
        (
            "unknown channel",
            body(&edited(&received, "/channel", Some(json!("fax")))),
            unknown("channel"),
            "fax",
        ),
        (
            "unknown request kind",
            body(&edited(&received, "/kind/code", Some(json!("complaint")))),
            unknown("kind"),
            "complaint",
        ),
        (
            "unknown scope",
            body(&edited(&received, "/kind/scope/code", Some(json!("some")))),
            unknown("kind.scope"),
            "some",
        ),
        (
            "unknown outcome",
            body(&edited(
                &body_of_kind("purpose_decided"),
                "/outcome/code",
                Some(json!("paused")),
            )),
            unknown("outcome"),
            "paused",
        ),
        (
            "unknown disposal",
            body(&legacy_disposal("shredded")),
            unknown("disposal"),
            "shredded",
        ),
        (
            "unknown consent term",
            body(&edited(
                &body_of_kind("consent_drafted"),
                "/draft/term/code",
                Some(json!("forever")),
            )),
            unknown("draft.term"),
            "forever",
        ),
        (
            "unknown decision",
            body(&edited(
                &body_of_kind("consent_drafted"),
                "/draft/decisions/advertising",
                Some(json!("maybe")),
            )),
            unknown("draft.decisions"),
            "maybe",
        ),
        (
            "unknown role",
            body(&edited(
                &body_of_kind("staff_saved"),
                "/staff/role",
                Some(json!("owner")),
            )),
            unknown("staff.role"),
            "owner",
        ),
        (
            "unknown consent stage",
            decode_consent(&edited(&consent, "/stage/code", Some(json!("frozen")))).map(drop),
            unknown("stage"),
            "frozen",
        ),
        (
            "unknown consent channel",
            decode_consent(&edited(&consent, "/channel", Some(json!("web")))).map(drop),
            unknown("channel"),
            "web",
        ),
        (
            "unknown request status",
            decode_request(&edited(&request, "/status", Some(json!("archived")))).map(drop),
            unknown("status"),
            "archived",
        ),
        (
            "unknown outcome in a request row",
            decode_request(&edited(
                &request,
                "/outcomes/advertising/code",
                Some(json!("paused")),
            ))
            .map(drop),
            unknown("outcomes"),
            "paused",
        ),
    ]);
}

#[test]
fn bad_ids_dates_and_codes_name_the_field() {
    let received = body_of_kind("request_received");
    let record = encode_patient_record(&consent_domain::state::PatientRecord {
        id: patient_id(1),
        data: adult(),
        registered_at: consent_domain::hlc::Hlc::new(1, 0),
        registered_by: staff(1),
        updated_at: consent_domain::hlc::Hlc::new(2, 0),
        blocked: None,
    });
    check(vec![
        (
            "a name where the patient id goes",
            body(&edited(&registered(), "/patient", Some(json!("Ерёмина")))),
            CodecError::BadId { field: "patient" },
            "Ерёмина",
        ),
        (
            "a short request id",
            body(&edited(&received, "/request", Some(json!("4001")))),
            CodecError::BadId { field: "request" },
            "4001",
        ),
        (
            "a bad staff id",
            body(&edited(
                &body_of_kind("staff_saved"),
                "/staff/id",
                Some(json!("staff-7")),
            )),
            CodecError::BadId { field: "staff.id" },
            "staff-7",
        ),
        (
            "a bad form id in a consent row",
            decode_consent(&edited(
                &encode_consent(&signed()),
                "/stage/signature/form",
                Some(json!("Папка 2025/10")),
            ))
            .map(drop),
            CodecError::BadId {
                field: "stage.signature.form",
            },
            "Папка",
        ),
        (
            "a Russian date where ISO goes",
            body(&edited(
                &received,
                "/received_on",
                Some(json!("24.10.2025")),
            )),
            CodecError::BadDate {
                field: "received_on",
            },
            "24.10.2025",
        ),
        (
            "a birth date typed as on the form",
            body(&edited(
                &registered(),
                "/data/birth_date",
                Some(json!("15.03.1985")),
            )),
            CodecError::BadDate {
                field: "data.birth_date",
            },
            "15.03.1985",
        ),
        (
            "a day that does not exist",
            body(&edited(
                &registered_child(),
                "/data/representative/authority/date",
                Some(json!("2015-02-30")),
            )),
            CodecError::BadDate {
                field: "data.representative.authority.date",
            },
            "2015-02-30",
        ),
        (
            "a bad validated-on date in a patient row",
            decode_patient_record(&edited(&record, "/data/validated_on", Some(json!("вчера"))))
                .map(drop),
            CodecError::BadDate {
                field: "data.validated_on",
            },
            "вчера",
        ),
        (
            "a purpose code in Russian",
            body(&edited(&received, "/purposes", Some(json!(["Реклама"])))),
            CodecError::BadPurposeCode { field: "purposes" },
            "Реклама",
        ),
        (
            "a bad policy version",
            body(&edited(
                &body_of_kind("consent_drafted"),
                "/policy_version",
                Some(json!("редакция 2024")),
            )),
            CodecError::BadPolicyVersion {
                field: "policy_version",
            },
            "редакция",
        ),
        (
            "a bad login",
            decode_staff(&edited(
                &encode_staff(&staff_member()),
                "/login",
                Some(json!("Ёлкина")),
            ))
            .map(drop),
            CodecError::BadLogin { field: "login" },
            "Ёлкина",
        ),
        (
            "a staff name with a line break",
            decode_staff(&edited(
                &encode_staff(&staff_member()),
                "/full_name",
                Some(json!("Ёлкина\nАнна")),
            ))
            .map(drop),
            CodecError::BadStaffName { field: "full_name" },
            "Анна",
        ),
    ]);
}

#[test]
fn a_wrong_shape_is_refused_without_quoting_it() {
    let base = registered();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "unknown field",
            edited(&base, "/note", Some(json!("Ерёмина звонила"))),
            "звонила",
        ),
        (
            "unknown field in the patient",
            edited(&base, "/data/nickname", Some(json!("Алёнушка"))),
            "Алёнушка",
        ),
        ("missing field", edited(&base, "/data/surname", None), ""),
        (
            "surname as an array",
            edited(&base, "/data/surname", Some(json!(["Ерёмина"]))),
            "",
        ),
        (
            "address as a number",
            edited(&base, "/data/address", Some(json!(142))),
            "142",
        ),
        (
            "type as an object",
            edited(&base, "/type", Some(json!({"Ерёмина": 1}))),
            "",
        ),
        ("no type", edited(&base, "/type", None), ""),
        (
            "a clock reading as text",
            encode_consent(&signed())
                .pipe(|b| edited(&b, "/forms/0/at", Some(json!("1761300000000.0000")))),
            "1761300000000",
        ),
    ];
    for (name, bytes, injected) in cases {
        let err = match name {
            "a clock reading as text" => decode_consent(&bytes).map(drop),
            _ => body(&bytes),
        }
        .expect_err(name);
        assert_eq!(err, CodecError::BadShape, "{name}");
        assert_eq!(err.code(), "stored_bad_shape");
        assert_no_personal_data(name, &err, &[injected]);
    }
}

trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}

impl Pipe for Vec<u8> {}

#[test]
fn a_stored_patient_is_validated_as_of_the_day_it_was_first_validated() {
    // Read on any later day (the child has long turned 18), the stored child still decodes: the rules
    // are judged as of the day they were checked, which the record carries.
    let child = registered_child();
    assert!(decode_body(&child).is_ok());
    // Move that day and the age-dependent rules judge a different patient.
    let cases = [
        (
            "the child has turned 18: a parent no longer represents them",
            "2033-05-10",
            "representative.authority.kind",
            "parent_authority_only_for_minor",
        ),
        (
            "before the birth certificate was issued",
            "2015-05-15",
            "document.issue_date",
            "in_future",
        ),
    ];
    for (name, day, field, problem) in cases {
        let moved = edited(&child, "/data/validated_on", Some(json!(day)));
        let err = decode_body(&moved).expect_err(name);
        assert_eq!(err.code(), "stored_patient_invalid", "{name}");
        match err {
            CodecError::PatientInvalid {
                field: f,
                problem: p,
                ..
            } => assert_eq!((f, p), (field, problem), "{name}"),
            other => panic!("{name}: {other:?}"),
        }
        assert_no_personal_data(name, &err, &[]);
    }
}

#[test]
fn a_stored_patient_that_no_longer_validates_is_refused_by_field_and_rule() {
    let base = registered();
    let invalid = |field, problem, problems| CodecError::PatientInvalid {
        field,
        problem,
        problems,
    };
    check(vec![
        (
            "born after the record was made",
            body(&edited(
                &base,
                "/data/birth_date",
                Some(json!("2025-10-25")),
            )),
            invalid("birth_date", "in_future", 1),
            "2025-10-25",
        ),
        (
            "a blank surname",
            body(&edited(&base, "/data/surname", Some(json!(" ")))),
            invalid("surname", "required", 1),
            "",
        ),
        (
            "a name where the phone goes, and no e-mail",
            body(&edited(
                &edited(&base, "/data/phone", Some(json!("Ерёмина"))),
                "/data/email",
                Some(Value::Null),
            )),
            invalid("phone", "bad_format", 1),
            "",
        ),
        (
            "an unknown sex code",
            body(&edited(&base, "/data/sex", Some(json!("x")))),
            invalid("sex", "unknown_choice", 1),
            "",
        ),
        (
            "a minor without a representative",
            body(&edited(&registered_child(), "/data/representative", None)),
            invalid("representative", "minor_needs_representative", 1),
            "",
        ),
    ]);
}

#[test]
fn error_codes_are_distinct() {
    let all = [
        CodecError::MalformedJson { line: 1, column: 1 },
        CodecError::BadShape,
        CodecError::MissingVersion,
        CodecError::UnsupportedVersion {
            found: 2,
            supported: 1,
        },
        CodecError::UnknownEventType,
        CodecError::UnknownCode { field: "f" },
        CodecError::BadId { field: "f" },
        CodecError::BadDate { field: "f" },
        CodecError::BadPurposeCode { field: "f" },
        CodecError::BadPolicyVersion { field: "f" },
        CodecError::BadLogin { field: "f" },
        CodecError::BadStaffName { field: "f" },
        CodecError::PatientInvalid {
            field: "f",
            problem: "p",
            problems: 1,
        },
    ];
    let codes: std::collections::BTreeSet<&str> = all.iter().map(CodecError::code).collect();
    assert_eq!(codes.len(), all.len());
    assert!(codes.iter().all(|c| c.starts_with("stored_")));
}
