//! The ledger, projections and search through `Store`, on real SQLCipher files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use consent_domain::consent::{ConsentChannel, ConsentDraft, ConsentStatus, ConsentTerm, Decision};
use consent_domain::dates::date;
use consent_domain::event::EventBody;
use consent_domain::ids::{ConsentId, DeskId, FormId, PatientId, RequestId};
use consent_domain::patient::{DocumentInput, PatientInput, validate};
use consent_domain::purpose::{Catalogue, PurposeCode};
use consent_domain::request::{Disposal, PurposeOutcome, RequestChannel, RequestKind, Scope};
use consent_domain::staff::{Login, Role, Staff, StaffId};
use consent_store::ledger::Defect;
use consent_store::{DatabaseId, DbKey, Store};
use tempfile::TempDir;
use uuid::Uuid;

use crate::util::{contains, sidecar};

/// 2025-10-24 12:00 MSK.
pub const NOW_MS: u64 = 1_761_296_400_000;

pub struct Desk {
    pub _dir: TempDir,
    pub path: PathBuf,
    pub key: DbKey,
    pub store: Store,
    pub admin: StaffId,
}

pub fn desk() -> Desk {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("desk.db");
    let key = DbKey::generate().expect("key");
    let id = DatabaseId::generate().expect("id");
    let mut store = Store::create(&path, &key, &id, DeskId::from_uuid(Uuid::from_u128(7)))
        .expect("create store");
    let admin = StaffId::from_u128(1);
    let staff = Staff::new(
        admin,
        Login::parse("admin").expect("login"),
        "Смирнова Ольга Викторовна",
        Role::Admin,
    )
    .expect("staff");
    store
        .append(admin, NOW_MS, EventBody::StaffSaved { staff })
        .expect("first admin");
    Desk {
        _dir: dir,
        path,
        key,
        store,
        admin,
    }
}

pub fn patient_input(surname: &str, phone: &str, number: &str) -> PatientInput {
    PatientInput {
        surname: surname.to_owned(),
        given_name: "Анна".to_owned(),
        patronymic: Some("Сергеевна".to_owned()),
        birth_date: "01.02.1990".to_owned(),
        sex: "female".to_owned(),
        phone: Some(phone.to_owned()),
        email: None,
        address: "г. Иваново, ул. Куконковых, д. 142".to_owned(),
        document: DocumentInput {
            kind: "ru_passport".to_owned(),
            series: Some("2410".to_owned()),
            number: number.to_owned(),
            issue_date: "15.02.2010".to_owned(),
            issuer: "УМВД России по Ивановской области".to_owned(),
            subdivision_code: Some("370-001".to_owned()),
        },
        representative: None,
    }
}

pub fn register(store: &mut Store, actor: StaffId, n: u128, surname: &str) -> PatientId {
    let id = PatientId::from_uuid(Uuid::from_u128(0x1000 + n));
    let phone = format!("+7 912 {:07}", n);
    let number = format!("{:06}", n);
    let data = validate(&patient_input(surname, &phone, &number), date(2025, 10, 24))
        .expect("valid patient");
    store
        .append(
            actor,
            NOW_MS + n as u64,
            EventBody::PatientRegistered {
                patient: id,
                data: Box::new(data),
            },
        )
        .expect("register");
    id
}

pub fn consent_flow(store: &mut Store, actor: StaffId, patient: PatientId) -> ConsentId {
    let consent = ConsentId::from_uuid(Uuid::from_u128(0x2000));
    let form = FormId::from_uuid(Uuid::from_u128(0x3000));
    let decisions: BTreeMap<PurposeCode, Decision> = [
        (PurposeCode::MEDICAL_ACCOUNT, Decision::Granted),
        (PurposeCode::NOTIFICATIONS, Decision::Granted),
        (PurposeCode::ADVERTISING, Decision::Refused),
    ]
    .into_iter()
    .collect();
    let bodies = vec![
        EventBody::ConsentDrafted {
            draft: ConsentDraft {
                id: consent,
                patient,
                decisions,
                term: ConsentTerm::UntilWithdrawn,
                channel: ConsentChannel::Paper,
                drafted_on: date(2025, 10, 24),
            },
            policy_version: Catalogue::builtin().policy().id().clone(),
        },
        EventBody::ConsentFormPrinted {
            patient,
            consent,
            form,
        },
        EventBody::ConsentSigned {
            patient,
            consent,
            form,
            paper_location: "Архив, папка 12".to_owned(),
        },
        EventBody::RequestReceived {
            request: RequestId::from_uuid(Uuid::from_u128(0x4000)),
            patient,
            kind: RequestKind::Withdrawal(Scope::All),
            received_on: date(2025, 10, 24),
            channel: RequestChannel::Post,
            purposes: [PurposeCode::MEDICAL_ACCOUNT, PurposeCode::NOTIFICATIONS]
                .into_iter()
                .collect::<BTreeSet<_>>(),
            details: None,
        },
    ];
    store
        .append_all(actor, NOW_MS + 10_000, bodies)
        .expect("consent flow");
    consent
}

#[test]
fn appended_events_read_back_fold_into_projections_and_rebuild_identically() {
    let mut d = desk();
    let patient = register(&mut d.store, d.admin, 1, "Ёлкина");
    let consent = consent_flow(&mut d.store, d.admin, patient);

    let clinic =
        consent_domain::clinic::ClinicDetails::validate(&consent_domain::clinic::ClinicInput {
            name: "ООО «Клиника»".into(),
            inn: "7707083893".into(),
            ogrn: "1027700132195".into(),
            ..Default::default()
        })
        .expect("clinic");
    d.store
        .append_all(
            d.admin,
            NOW_MS + 20_000,
            vec![
                EventBody::ClinicDetailsSaved {
                    clinic: clinic.clone(),
                },
                EventBody::FormPrinted {
                    patient,
                    form: FormId::from_uuid(Uuid::from_u128(0x3001)),
                    document: consent_domain::event::PrintedDocument::Withdrawal,
                    request: Some(RequestId::from_uuid(Uuid::from_u128(0x4000))),
                },
            ],
        )
        .expect("clinic and printed form");
    assert_eq!(d.store.clinic().expect("clinic"), Some(clinic));

    let (events, shredded) = d.store.events().expect("events");
    assert_eq!((events.len(), shredded), (8, 0));
    assert_eq!(
        events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5, 6, 7, 8]
    );
    assert!(events.iter().all(|e| e.actor == d.admin));

    let state = d.store.subject(patient).expect("subject");
    assert_eq!(
        state.consents[&consent].status(date(2025, 10, 24)),
        ConsentStatus::Withdrawn
    );
    let queue = d.store.queue().expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].patient_name, "Ёлкина Анна Сергеевна");
    assert_eq!(queue[0].next_due, Some(date(2025, 11, 10)));
    assert_eq!(queue[0].next_obligation.as_deref(), Some("stop_processing"));

    let report = d.store.rebuild().expect("rebuild");
    assert!(report.unchanged, "{report:?}");
    assert_eq!(
        (
            report.events,
            report.patients,
            report.consents,
            report.requests
        ),
        (8, 1, 1, 1)
    );
    assert!(d.store.verify().expect("verify").is_intact());
}

#[test]
fn the_chain_survives_reopening_and_continues() {
    let mut d = desk();
    register(&mut d.store, d.admin, 1, "Иванова");
    drop(d.store);
    let mut store = Store::open(&d.path, &d.key).expect("reopen");
    register(&mut store, d.admin, 2, "Петрова");
    let verification = store.verify().expect("verify");
    assert!(verification.is_intact(), "{verification:?}");
    assert_eq!(verification.events, 3);
    assert_eq!(store.search("петр", 10).expect("search").len(), 1);
}

#[test]
fn verify_finds_edits_and_gaps() {
    type Tamper = fn(&rusqlite::Connection);
    let cases: Vec<(&str, Tamper, Defect)> = vec![
        (
            "an edited body",
            |c| {
                c.execute(
                    "UPDATE ledger SET payload = payload || x'00' WHERE seq = 2",
                    [],
                )
                .expect("tamper");
            },
            Defect::Tampered {
                desk: DeskId::from_uuid(Uuid::from_u128(7)),
                seq: 2,
            },
        ),
        (
            "an edited actor",
            |c| {
                c.execute("UPDATE ledger SET actor = zeroblob(16) WHERE seq = 3", [])
                    .expect("tamper");
            },
            Defect::Tampered {
                desk: DeskId::from_uuid(Uuid::from_u128(7)),
                seq: 3,
            },
        ),
        (
            "a deleted event",
            |c| {
                c.execute("DELETE FROM ledger WHERE seq = 2", [])
                    .expect("tamper");
            },
            Defect::Missing {
                desk: DeskId::from_uuid(Uuid::from_u128(7)),
                expected_seq: 2,
            },
        ),
    ];
    for (name, tamper, expected) in cases {
        let mut d = desk();
        for n in 1..=3 {
            register(&mut d.store, d.admin, n, "Сидорова");
        }
        drop(d.store);
        let conn = raw_connection(&d.path, &d.key);
        // Someone with the key and SQL access goes around the append-only triggers.
        conn.execute_batch("DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete;")
            .expect("drop triggers");
        tamper(&conn);
        drop(conn);
        let store = Store::open(&d.path, &d.key).expect("reopen");
        let verification = store.verify().expect("verify");
        assert_eq!(verification.defects, vec![expected], "{name}");
    }
}

#[test]
fn the_ledger_refuses_updates_and_deletes_through_sql() {
    let mut d = desk();
    register(&mut d.store, d.admin, 1, "Кузнецова");
    drop(d.store);
    let conn = raw_connection(&d.path, &d.key);
    for sql in ["UPDATE ledger SET kind = 'x'", "DELETE FROM ledger"] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn no_personal_data_in_the_database_file_or_its_wal() {
    let mut d = desk();
    register(&mut d.store, d.admin, 1, "Шпаковская");
    let path = d.path.clone();
    let wal = sidecar(&path, "-wal");
    let mut bytes = std::fs::read(&path).expect("db");
    bytes.extend(std::fs::read(&wal).unwrap_or_default());
    for needle in ["Шпаковская", "шпаковская", "Куконковых", "УМВД России"]
    {
        assert!(
            !contains(&bytes, needle.as_bytes()),
            "{needle} in plaintext"
        );
    }
    // The same bytes are there once decrypted: the search above was not vacuous.
    assert_eq!(d.store.search("шпак", 5).expect("search").len(), 1);
}

#[test]
fn search_finds_by_name_prefix_phone_birth_date_and_document() {
    let mut d = desk();
    let elkina = register(&mut d.store, d.admin, 1, "Ёлкина");
    let ivanova = register(&mut d.store, d.admin, 22, "Иванова");
    register(&mut d.store, d.admin, 333, "Иванова-Петрова");
    let find = |q: &str| -> Vec<PatientId> {
        d.store
            .search(q, 10)
            .expect("search")
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    let cases: Vec<(&str, Vec<PatientId>)> = vec![
        ("ёлк", vec![elkina]),
        ("ЕЛКИНА", vec![elkina]),
        (
            "ивановА",
            vec![ivanova, PatientId::from_uuid(Uuid::from_u128(0x1000 + 333))],
        ),
        (
            "иванова анна",
            vec![ivanova, PatientId::from_uuid(Uuid::from_u128(0x1000 + 333))],
        ),
        ("иванова борис", vec![]),
        ("8 912 000 0022", vec![ivanova]),
        ("+7912000002", vec![ivanova]),
        ("000022", vec![ivanova]),
        ("2410 000022", vec![ivanova]),
        ("смирнов", vec![]),
        ("", vec![]),
    ];
    for (query, expected) in cases {
        assert_eq!(find(query), expected, "{query:?}");
    }
    assert_eq!(find("01.02.1990").len(), 3);
}

/// Deletes `patient`'s key straight from the file, as shredding (or an attacker holding the key) would.
fn delete_subject_key(path: &std::path::Path, key: &DbKey, patient: PatientId) {
    raw_connection(path, key)
        .execute(
            "DELETE FROM subject_keys WHERE subject_id = ?1",
            [patient.as_bytes().to_vec()],
        )
        .expect("delete the subject's key");
}

/// Records the destruction of the data of `patient`'s withdrawal from [`consent_flow`].
fn dispose(store: &mut Store, actor: StaffId, patient: PatientId) {
    dispose_as(store, actor, patient, Disposal::Destroyed);
}

/// Records the disposal of the data of `patient`'s withdrawal from [`consent_flow`].
fn dispose_as(store: &mut Store, actor: StaffId, patient: PatientId, disposal: Disposal) {
    let request = RequestId::from_uuid(Uuid::from_u128(0x4000));
    let decided = |purpose| EventBody::PurposeDecided {
        patient,
        request,
        purpose,
        outcome: PurposeOutcome::Stopped,
    };
    store
        .append_all(
            actor,
            NOW_MS + 20_000,
            vec![
                EventBody::RequestStarted { patient, request },
                decided(PurposeCode::MEDICAL_ACCOUNT),
                decided(PurposeCode::NOTIFICATIONS),
                EventBody::DataDisposed {
                    patient,
                    request,
                    disposal,
                    record: None,
                },
            ],
        )
        .expect("disposal recorded");
}

#[test]
fn a_key_destroyed_after_a_recorded_disposal_leaves_the_chain_verifiable() {
    let mut d = desk();
    let patient = register(&mut d.store, d.admin, 1, "Орлова");
    consent_flow(&mut d.store, d.admin, patient);
    dispose(&mut d.store, d.admin, patient);
    register(&mut d.store, d.admin, 2, "Соколова");
    drop(d.store);
    delete_subject_key(&d.path, &d.key, patient);
    let mut store = Store::open(&d.path, &d.key).expect("reopen");
    let (events, shredded) = store.events().expect("events");
    assert_eq!(
        (events.len(), shredded),
        (2, 9),
        "staff + one readable patient; the destroyed subject's nine events are unreadable"
    );
    assert!(store.verify().expect("verify").is_intact());
    assert_eq!(store.rebuild().expect("rebuild").shredded, 9);
}

#[test]
fn a_key_deleted_without_a_recorded_disposal_is_tampering() {
    let mut d = desk();
    let patient = register(&mut d.store, d.admin, 1, "Орлова");
    consent_flow(&mut d.store, d.admin, patient);
    register(&mut d.store, d.admin, 2, "Соколова");
    drop(d.store);
    delete_subject_key(&d.path, &d.key, patient);
    let mut store = Store::open(&d.path, &d.key).expect("reopen");
    let report = store.verify().expect("verify");
    assert!(!report.is_intact(), "the erased patient went unnoticed");
    assert_eq!(report.keys_missing, vec![*patient.as_bytes()]);
    let refused = store
        .rebuild()
        .expect_err("not folded as a lawful destruction");
    assert_eq!(refused.code(), "ledger_keys_missing");
    assert_eq!(
        store.queue().expect("queue").len(),
        1,
        "the projections (the overdue withdrawal) were left as they were"
    );
}

#[test]
fn a_blocking_does_not_make_a_deleted_key_lawful() {
    let mut d = desk();
    let patient = register(&mut d.store, d.admin, 1, "Орлова");
    consent_flow(&mut d.store, d.admin, patient);
    dispose_as(&mut d.store, d.admin, patient, Disposal::Blocked);
    drop(d.store);
    delete_subject_key(&d.path, &d.key, patient);
    let mut store = Store::open(&d.path, &d.key).expect("reopen");
    let report = store.verify().expect("verify");
    assert_eq!(
        report.keys_missing,
        vec![*patient.as_bytes()],
        "blocked data must still be there: only a destruction may take the key"
    );
    assert_eq!(
        store.rebuild().expect_err("refused").code(),
        "ledger_keys_missing"
    );
}

#[test]
fn a_corrected_calendar_moves_the_queue_deadlines() {
    let mut d = desk();
    let patient = register(&mut d.store, d.admin, 1, "Белова");
    consent_flow(&mut d.store, d.admin, patient);
    let mut xml = d.store.calendar().to_xml(2025).expect("2025");
    xml = xml.replace("</days>", "<day d=\"11.05\" t=\"1\"/></days>");
    assert_eq!(
        d.store
            .import_calendar(d.admin, NOW_MS, &xml)
            .expect("import"),
        2025
    );
    assert_eq!(
        d.store.queue().expect("queue")[0].next_due,
        Some(date(2025, 11, 11))
    );
    drop(d.store);
    let store = Store::open(&d.path, &d.key).expect("reopen");
    assert_eq!(
        store.queue().expect("queue")[0].next_due,
        Some(date(2025, 11, 11)),
        "the imported year is kept"
    );
    let broken = store
        .calendar()
        .to_xml(2025)
        .expect("2025")
        .replace("<days>", "<dayz>");
    let mut store = store;
    assert!(store.import_calendar(d.admin, NOW_MS, &broken).is_err());
    assert_eq!(
        store.queue().expect("queue")[0].next_due,
        Some(date(2025, 11, 11))
    );
}

pub fn raw_connection(path: &std::path::Path, key: &DbKey) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("open raw");
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\";",
        key.reveal_hex().as_str()
    ))
    .expect("key");
    conn
}

/// Patient `n`'s consents (two, the second superseding the first) and, for odd `n`, a withdrawal of
/// one purpose: enough for signatures and withdrawals to reach into the patient's other consents.
fn two_consents_and_maybe_a_withdrawal(store: &mut Store, actor: StaffId, n: u128) {
    let patient = register(store, actor, n, "Пациентова");
    let mut bodies = Vec::new();
    for k in 0..2u128 {
        let consent = ConsentId::from_uuid(Uuid::from_u128(0x20_0000 + n * 16 + k));
        let form = FormId::from_uuid(Uuid::from_u128(0x30_0000 + n * 16 + k));
        bodies.push(EventBody::ConsentDrafted {
            draft: ConsentDraft {
                id: consent,
                patient,
                decisions: [
                    (PurposeCode::MEDICAL_ACCOUNT, Decision::Granted),
                    (PurposeCode::NOTIFICATIONS, Decision::Granted),
                ]
                .into_iter()
                .collect(),
                term: ConsentTerm::UntilWithdrawn,
                channel: ConsentChannel::Paper,
                drafted_on: date(2025, 10, 24),
            },
            policy_version: Catalogue::builtin().policy().id().clone(),
        });
        bodies.push(EventBody::ConsentFormPrinted {
            patient,
            consent,
            form,
        });
        bodies.push(EventBody::ConsentSigned {
            patient,
            consent,
            form,
            paper_location: "Архив".to_owned(),
        });
    }
    if n % 2 == 1 {
        bodies.push(EventBody::RequestReceived {
            request: RequestId::from_uuid(Uuid::from_u128(0x40_0000 + n)),
            patient,
            kind: RequestKind::Withdrawal(Scope::Purposes(
                [PurposeCode::NOTIFICATIONS].into_iter().collect(),
            )),
            received_on: date(2025, 10, 24),
            channel: RequestChannel::Post,
            purposes: [PurposeCode::NOTIFICATIONS].into_iter().collect(),
            details: None,
        });
    }
    store
        .append_all(actor, NOW_MS + 10_000 + n as u64, bodies)
        .expect("consents");
}

#[test]
fn a_rebuild_subject_by_subject_gives_back_what_the_appends_projected() {
    let mut d = desk();
    for n in 0..12 {
        two_consents_and_maybe_a_withdrawal(&mut d.store, d.admin, n);
    }
    // Desk-wide events between the subjects' ones.
    let clerk = Staff::new(
        StaffId::from_u128(2),
        Login::parse("clerk").expect("login"),
        "Иванова Мария Петровна",
        Role::Reception,
    )
    .expect("staff");
    d.store
        .append(
            d.admin,
            NOW_MS + 20_000,
            EventBody::StaffSaved { staff: clerk },
        )
        .expect("staff");
    two_consents_and_maybe_a_withdrawal(&mut d.store, d.admin, 12);

    let state = d
        .store
        .subject(PatientId::from_uuid(Uuid::from_u128(0x1001)));
    let state = state.expect("subject");
    let statuses: Vec<ConsentStatus> = state
        .consents
        .values()
        .map(|c| c.status(date(2025, 10, 24)))
        .collect();
    assert_eq!(
        statuses,
        vec![ConsentStatus::Superseded, ConsentStatus::PartlyWithdrawn]
    );

    let report = d.store.rebuild().expect("rebuild");
    assert!(report.unchanged, "{report:?}");
    // 13 patients: a registration and six consent events each, a withdrawal for the 6 odd ones;
    // two staff accounts.
    assert_eq!(
        (
            report.events,
            report.patients,
            report.consents,
            report.requests,
            report.shredded
        ),
        (13 * 7 + 6 + 2, 13, 26, 6, 0)
    );
    assert_eq!(d.store.staff().expect("staff").len(), 2);
    assert_eq!(d.store.queue().expect("queue").len(), 6);
}
