//! The stored format, pinned: an accidental change to it fails here. A deliberate one needs a new
//! format version, because rows written in this one must stay readable.

use std::collections::BTreeSet;

use consent_domain::event::EventBody;
use consent_domain::purpose::PurposeCode;
use consent_domain::request::{RequestChannel, RequestKind, Scope};

use super::fixtures::*;
use crate::codec::{decode_body, encode_body};

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8")
}

const REQUEST_RECEIVED: &str = concat!(
    r#"{"v":1,"type":"request_received","#,
    r#""request":"00000000-0000-0000-0000-000000004001","#,
    r#""patient":"00000000-0000-0000-0000-000000001001","#,
    r#""kind":{"code":"withdrawal","scope":{"code":"purposes","purposes":["advertising","notifications"]}},"#,
    r#""received_on":"2025-10-24","channel":"post","purposes":["advertising","notifications"]}"#,
);

#[test]
fn request_received_is_pinned() {
    let body = EventBody::RequestReceived {
        request: request_id(1),
        patient: patient_id(1),
        kind: RequestKind::Withdrawal(Scope::Purposes(withdrawal_purposes())),
        received_on: RECORDED_ON,
        channel: RequestChannel::Post,
        purposes: BTreeSet::from([PurposeCode::NOTIFICATIONS, PurposeCode::ADVERTISING]),
        details: None,
    };
    assert_eq!(text(&encode_body(&body)), REQUEST_RECEIVED);
    assert_eq!(decode_body(REQUEST_RECEIVED.as_bytes()), Ok(body));
}

const PATIENT_REGISTERED: &str = concat!(
    r#"{"v":1,"type":"patient_registered","patient":"00000000-0000-0000-0000-000000001002","#,
    r#""data":{"surname":"Сёмкин","given_name":"Пётр","patronymic":null,"birth_date":"2015-05-10","#,
    r#""sex":"male","phone":null,"email":null,"address":"г. Уфа, ул. Зелёная, д. 5","#,
    r#""document":{"kind":"ru_birth_certificate","series":"IV-АР","number":"987654","#,
    r#""issue_date":"2015-05-20","issuer":"Отдел ЗАГС г. Уфы","subdivision_code":null},"#,
    r#""representative":{"surname":"Ёлкина","given_name":"Дарья","patronymic":"Сергеевна","#,
    r#""birth_date":"1990-02-01","phone":"+79160001122","address":"г. Уфа, ул. Зелёная, д. 5","#,
    r#""document":{"kind":"ru_passport","series":"8010","number":"123456","#,
    r#""issue_date":"2010-02-10","issuer":"ОУФМС по РБ","subdivision_code":"020-005"},"#,
    r#""authority":{"kind":"child_birth_certificate","number":"IV-АР 987654","#,
    r#""date":"2015-05-20","issuer":"Отдел ЗАГС г. Уфы"}},"validated_on":"2025-10-24"}}"#,
);

#[test]
fn patient_registered_is_pinned() {
    let body = EventBody::PatientRegistered {
        patient: patient_id(2),
        data: Box::new(child()),
    };
    assert_eq!(text(&encode_body(&body)), PATIENT_REGISTERED);
    assert_eq!(decode_body(PATIENT_REGISTERED.as_bytes()), Ok(body));
}

const STAFF_SAVED: &str = concat!(
    r#"{"v":1,"type":"staff_saved","staff":{"id":"01900000-0000-7000-8000-000000006007","#,
    r#""login":"a.yolkina","full_name":"Ёлкина Анна Петровна","role":"manager","active":false}}"#,
);

#[test]
fn staff_saved_is_pinned() {
    let body = EventBody::StaffSaved {
        staff: staff_member(),
    };
    assert_eq!(text(&encode_body(&body)), STAFF_SAVED);
    assert_eq!(decode_body(STAFF_SAVED.as_bytes()), Ok(body));
}

/// Whitespace and field order are the writer's business: a reader takes any JSON layout of the same
/// object.
#[test]
fn layout_does_not_matter_when_reading() {
    let reordered = r#"
        {
            "purposes": ["notifications", "advertising"],
            "channel": "post",
            "received_on": "2025-10-24",
            "kind": {"scope": {"purposes": ["notifications", "advertising"], "code": "purposes"}, "code": "withdrawal"},
            "patient": "00000000-0000-0000-0000-000000001001",
            "request": "00000000-0000-0000-0000-000000004001",
            "type": "request_received",
            "v": 1
        }"#;
    assert_eq!(
        decode_body(reordered.as_bytes()),
        decode_body(REQUEST_RECEIVED.as_bytes())
    );
}
