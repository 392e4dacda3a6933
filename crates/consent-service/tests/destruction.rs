//! Destroying a data subject against a real SQLCipher database: what a manager may destroy, and
//! that destroyed means unrecoverable — the values are searched for in the decrypted bytes of every
//! page of the database file and its WAL, as someone holding the database key would — while the
//! chain verifies, a rebuild gives the same state, the audit trail and the journal keep what
//! happened, and the act names the subject until its keeping period ends.

mod common;

use std::sync::Arc;

use common::*;
use consent_domain::Lang;
use consent_service::clock::FixedClock;
use consent_service::{Desk, ErrorCode, KeyChoice};
use consent_store::{DbKey, forensic};

/// What the test patient's records hold, as they would be found in the bytes: the surname as shown
/// and as the search index folds it, the e-mail, the phone's digits, the passport number, a piece
/// of the address.
/// The desk's database file in its folder.
const DATABASE_FILE: &str = "consent-desk.db";

const HELD: [&str; 6] = [
    "Ёлкина",
    "елкина",
    "elkina@example.ru",
    "9151234567",
    "345678",
    "пр. Ленина",
];

fn pages(dir: &std::path::Path) -> Vec<u8> {
    let key = DbKey::from_hex(KEY).expect("key");
    forensic::decrypted_pages(&dir.join(DATABASE_FILE), &key).expect("pages")
}

fn subject_key(dir: &std::path::Path, patient: &str) -> Vec<u8> {
    let key = DbKey::from_hex(KEY).expect("key");
    let db = consent_store::Database::open(dir.join(DATABASE_FILE), &key).expect("db");
    let id: uuid::Uuid = patient.parse().expect("uuid");
    db.connection()
        .query_row(
            "SELECT key FROM subject_keys WHERE subject_id = ?1",
            [id.as_bytes().to_vec()],
            |r| r.get(0),
        )
        .expect("the subject's key")
}

#[test]
fn a_destroyed_subject_cannot_be_recovered_even_with_the_database_key() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    desk.set_clinic(&admin, &clinic()).expect("clinic");
    add_staff(
        &mut desk,
        &admin,
        &[
            ("reg", "Регистратор Анна", "reception"),
            ("mgr", "Менеджер Борис", "manager"),
        ],
    );
    let reg = desk.staff_by_login("reg").expect("reg");
    let mgr = desk.staff_by_login("mgr").expect("mgr");
    let id = withdrawn_patient(&mut desk, &reg);
    let patient_id = desk.request(&mgr, &id).expect("request").patient_id;
    // Another patient, who stays.
    let mut other = patient();
    other.surname = "Павлова".into();
    other.phone = Some("+7 916 765-43-21".into());
    other.email = Some("pavlova@example.ru".into());
    other.document.number = "765432".into();
    other.address = "г. Иваново, ул. Садовая, д. 1".into();
    let kept = desk.register_patient(&reg, &other).expect("other");

    // Positive control: before, the values are in the decrypted pages (the search can find them).
    let before = pages(dir.path());
    assert_eq!(
        forensic::found(&before, &HELD),
        HELD.to_vec(),
        "the decrypted pages hold the patient's values before the destruction"
    );
    let key = subject_key(dir.path(), &patient_id);
    assert!(forensic::contains(&before, &key));

    // Not before every purpose is decided, and never for reception.
    desk.start_request(&mgr, &id).expect("start");
    desk.decide_purpose(&mgr, &id, "advertising", None)
        .expect("stop");
    let plan = desk.destruction_plan(&mgr, &id).expect("plan");
    assert!(!plan.allowed);
    assert_eq!(
        desk.destroy_subject(&mgr, &id, "Ёлкина")
            .expect_err("not decided")
            .detail(),
        Some("destruction_not_stopped")
    );
    desk.decide_purpose(&mgr, &id, "medical_account", None)
        .expect("stop");
    for (name, result) in [
        ("plan", desk.destruction_plan(&reg, &id).map(drop)),
        (
            "destroy",
            desk.destroy_subject(&reg, &id, "Ёлкина").map(drop),
        ),
        ("acts", desk.acts(&reg).map(drop)),
    ] {
        assert_eq!(
            result.expect_err(name).code(),
            ErrorCode::Forbidden,
            "{name}"
        );
    }
    let plan = desk.destruction_plan(&mgr, &id).expect("plan");
    assert!(plan.allowed, "{plan:?}");
    assert_eq!(plan.patient_name, "Ёлкина Дарья Игоревна");
    assert!(
        plan.categories.iter().any(|c| c.contains("адрес места")),
        "{plan:?}"
    );

    // A wrong surname changes nothing.
    let err = desk
        .destroy_subject(&mgr, &id, "Ёлкин")
        .expect_err("wrong surname");
    assert_eq!(err.detail(), Some("destruction_surname_mismatch"));
    assert!(desk.card(&mgr, &patient_id).is_ok());

    // Case and ё do not matter in the confirmation.
    let act = desk
        .destroy_subject(&mgr, &id, "  елкина ")
        .expect("destroyed");
    assert_eq!(act.number, 1);
    assert_eq!(act.subject_name.as_deref(), Some("Ёлкина Дарья Игоревна"));
    assert_eq!(act.destroyed_by, "Менеджер Борис");
    assert_eq!(act.keep_until, "2028-10-24");
    assert!(!act.keeping_ended);

    // Gone from every projection and from search.
    assert_eq!(
        desk.card(&mgr, &patient_id).expect_err("card").code(),
        ErrorCode::NotFound
    );
    for query in ["Ёлкина", "елк", "9151234567", "345678", "12.07.1992"] {
        let found = desk.find_patients(&reg, query, 10).expect("search");
        assert!(
            found.iter().all(|p| p.id != patient_id),
            "search {query} finds the destroyed patient"
        );
    }
    assert_eq!(
        desk.find_patients(&reg, "Павлова", 10).expect("search")[0].id,
        kept.patient.id
    );
    let again = desk
        .destroy_subject(&mgr, &id, "Ёлкина")
        .expect_err("twice");
    assert_eq!(again.code(), ErrorCode::RuleViolation, "{again:?}");

    // Unrecoverable: neither the values nor the key that opens their events are in any page of
    // the file or the WAL, decrypted with the database key; only the act keeps the name.
    let after = pages(dir.path());
    let wal = dir.path().join(format!("{}-wal", DATABASE_FILE));
    assert_eq!(
        std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0),
        0,
        "the WAL was emptied"
    );
    assert_eq!(
        forensic::found(&after, &HELD[1..]),
        Vec::<&str>::new(),
        "destroyed values are still in the decrypted pages"
    );
    assert!(
        !forensic::contains(&after, &key),
        "the subject's key survived"
    );
    assert!(
        forensic::contains(&after, "Ёлкина Дарья Игоревна".as_bytes()),
        "the act keeps the name"
    );
    assert!(
        forensic::contains(&after, b"pavlova@example.ru"),
        "the other patient stays"
    );

    // The chain verifies, a rebuild gives the same state, and the request can still be finished.
    assert!(desk.verify(&admin).expect("verify").intact);
    assert!(desk.rebuild(&admin).expect("rebuild").unchanged);
    let request = desk
        .request(&mgr, &id)
        .expect("the request outlives the data");
    assert_eq!(request.status, "data_disposed");
    assert!(request.ready_to_notify);
    desk.notify_subject(&mgr, &id, None, "post")
        .expect("notified");
    desk.close_request(&mgr, &id).expect("closed");
    let act_pdf = desk
        .print_act(&mgr, &id, |_| Ok::<_, consent_service::ServiceError>(()))
        .expect("act");
    let text = pdf_text(&act_pdf.bytes);
    for needle in [
        "Ёлкина Дарья Игоревна",
        "АКТ",
        "Менеджер Борис",
        "ст. 21",
        "24.10.2025",
    ] {
        assert!(text.contains(needle), "the act lacks {needle}:\n{text}");
    }
    assert!(
        !text.contains("elkina@example.ru"),
        "the act holds no contact"
    );
    assert!(desk.rebuild(&admin).expect("rebuild").unchanged);

    // The audit trail: a consent existed, was withdrawn, the data destroyed — by whom and when.
    let trail = desk.destroyed_subject(&mgr, &patient_id).expect("trail");
    assert_eq!(trail.destroyed_by, "Менеджер Борис");
    assert_eq!(trail.destroyed_on, "2025-10-24");
    assert_eq!(trail.act_number, Some(1));
    assert_eq!(trail.consents.len(), 1);
    assert_eq!(trail.consents[0].granted.len(), 2);
    assert_eq!(trail.consents[0].withdrawn.len(), 2);
    assert!(trail.consents[0].signed_at.is_some());
    let actions: Vec<&str> = trail.trail.iter().map(|e| e.action.as_str()).collect();
    for kind in [
        "patient_registered",
        "consent_signed",
        "request_received",
        "data_destroyed",
        "request_closed",
        "form_printed",
    ] {
        assert!(actions.contains(&kind), "{kind} missing from {actions:?}");
    }
    let journal = desk
        .journal(&mgr, "01.10.2025", "31.10.2025")
        .expect("journal");
    assert_eq!(journal.rows.len(), 1, "the journal keeps the request");
    drop(desk);

    // Three years on, the act's keeping period ended: the name goes too.
    let later = NOW_MS + 1_100 * 24 * 3_600 * 1_000;
    let mut desk = Desk::open(
        dir.path(),
        KeyChoice::Env(KEY.into()),
        Arc::new(FixedClock(later)),
        Lang::Ru,
    )
    .expect("open");
    let mgr = desk.staff_by_login("mgr").expect("mgr");
    let acts = desk.acts(&mgr).expect("acts");
    assert_eq!(acts.len(), 1);
    assert!(acts[0].keeping_ended);
    assert_eq!(acts[0].subject_name, None);
    let err = desk
        .print_act(&mgr, &id, |_| Ok::<_, consent_service::ServiceError>(()))
        .expect_err("no name to print");
    assert_eq!(err.detail(), Some("act_keeping_ended"));
    let last = pages(dir.path());
    assert!(
        !forensic::contains(&last, "Ёлкина".as_bytes()),
        "the name outlived the act's keeping period"
    );
}

#[test]
fn a_subject_whose_data_are_still_needed_is_not_destroyed() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    add_staff(&mut desk, &admin, &[("mgr", "Менеджер Борис", "manager")]);
    let mgr = desk.staff_by_login("mgr").expect("mgr");
    let id = withdrawn_patient(&mut desk, &admin);
    desk.start_request(&mgr, &id).expect("start");
    desk.decide_purpose(&mgr, &id, "advertising", None)
        .expect("stop");
    desk.decide_purpose_on(&mgr, &id, "medical_account", Some("medical_purposes"), "")
        .expect("continues");
    let plan = desk.destruction_plan(&mgr, &id).expect("plan");
    assert!(!plan.allowed);
    assert!(plan.refusal.expect("why").contains("продолжается"));
    let err = desk
        .destroy_subject(&mgr, &id, "Ёлкина")
        .expect_err("still needed");
    assert_eq!(err.detail(), Some("destruction_data_needed"));
    assert!(desk.acts(&mgr).expect("acts").is_empty());

    // Another open request of the patient needs the data too.
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    let id = withdrawn_patient(&mut desk, &admin);
    let patient_id = desk.request(&admin, &id).expect("request").patient_id;
    desk.receive_request(
        &admin,
        &consent_service::ReceiveInput {
            patient: patient_id,
            kind: "access".into(),
            channel: "in_person".into(),
            ..Default::default()
        },
    )
    .expect("access request");
    desk.start_request(&admin, &id).expect("start");
    for purpose in ["advertising", "medical_account"] {
        desk.decide_purpose(&admin, &id, purpose, None)
            .expect("stop");
    }
    assert_eq!(
        desk.destroy_subject(&admin, &id, "Ёлкина")
            .expect_err("open access request")
            .detail(),
        Some("destruction_other_request_open")
    );
}
