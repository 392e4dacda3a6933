//! Desks through the service, as staff use them, syncing through a real server: a patient
//! registered at one desk is found at the other, a request taken at one reaches the other's queue,
//! staff accounts travel, work done while the server is down arrives after it restarts, and both
//! desks end with the same state.

use std::sync::Arc;

use consent_desk_tests::fixtures::{patient_input, population_surname, register_population};
use consent_desk_tests::server::ServerDir;
use consent_domain::Lang;
use consent_service::clock::FixedClock;
use consent_service::{Desk, ErrorCode, KeyChoice, NewStaff, ReceiveInput};

/// 2025-10-24 12:00 MSK.
const NOW_MS: u64 = 1_761_296_400_000;

fn desk(dir: &std::path::Path, key: &str, login: &str) -> Desk {
    Desk::init(
        dir,
        KeyChoice::Env(key.into()),
        NewStaff {
            login: login.into(),
            full_name: "Смирнова Ольга Викторовна".into(),
            role: "admin".into(),
        },
        Arc::new(FixedClock(NOW_MS)),
        Lang::Ru,
    )
    .expect("init")
}

#[test]
fn two_desks_share_patients_requests_and_staff_through_a_sqlite_server() {
    let server_dir = ServerDir::sqlite();
    let searched = vec![server_dir.data(), server_dir.log()];
    two_desks(&server_dir, &searched, false, || {});
}

#[test]
fn two_desks_share_patients_requests_and_staff_through_a_postgres_server() {
    let cluster = consent_desk_tests::postgres::TestCluster::start();
    let server_dir = ServerDir::postgres(&cluster.url());
    let searched = vec![
        server_dir.data(),
        server_dir.log(),
        cluster.files().to_path_buf(),
    ];
    two_desks(&server_dir, &searched, true, || {
        // Heap pages reach the data files at a checkpoint; the WAL has the rows already.
        cluster
            .admin("postgres")
            .batch_execute("CHECKPOINT")
            .expect("checkpoint");
    });
}

/// A patient whose data are searched for, byte for byte, in everything the server wrote.
const SURNAME: &str = "Щербаковская";
const PHONE_DIGITS: &str = "9135551234";
const DOCUMENT: &str = "735914";

/// Every file under `paths` (recursively) that holds `needle`.
fn files_holding(paths: &[std::path::PathBuf], needle: &[u8]) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack: Vec<std::path::PathBuf> = paths.to_vec();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("read dir").flatten() {
                stack.push(entry.path());
            }
        } else if let Ok(bytes) = std::fs::read(&path)
            && bytes.windows(needle.len()).any(|w| w == needle)
        {
            found.push(path);
        }
    }
    found
}

/// `in_clear`: whether the server's files hold what it stores in clear (PostgreSQL: desks' names
/// are found there, which shows the search reads its data) or not (SQLite: the file is encrypted,
/// so not even a desk's name is found).
fn two_desks(
    server_dir: &ServerDir,
    searched: &[std::path::PathBuf],
    in_clear: bool,
    flush: impl Fn(),
) {
    let server = server_dir.start();
    let dirs = tempfile::tempdir().expect("temp dir");

    let mut a = desk(&dirs.path().join("a"), &"a1".repeat(32), "admin.a");
    let admin_a = a.staff_by_login("admin.a").expect("admin");
    let before = a.sync_now(&admin_a).expect_err("not joined yet");
    assert_eq!(before.detail(), Some("sync_not_joined"));
    a.join_server(&admin_a, &server.first_code(), "Окно 1")
        .expect("the first desk joins");
    let ids = register_population(&mut a, &admin_a, 20);
    let mut watched = patient_input(SURNAME);
    watched.phone = Some("+7 (913) 555-12-34".into());
    watched.document.number = DOCUMENT.into();
    let watched = a
        .register_patient(&admin_a, &watched)
        .expect("registered")
        .patient
        .id;
    let summary = a.sync_now(&admin_a).expect("A syncs");
    assert!(summary.pushed >= 21, "{summary:?}");

    let code = a.add_desk_code(&admin_a).expect("A makes B's code");
    let mut b = desk(&dirs.path().join("b"), &"b2".repeat(32), "admin.b");
    let admin_b = b.staff_by_login("admin.b").expect("admin");
    let refused = b
        .join_server(&admin_b, &code, "   ")
        .expect_err("a desk needs a name");
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    b.join_server(&admin_b, &code, "Окно 2").expect("B joins");
    let again = b
        .join_server(&admin_b, &code, "Окно 2")
        .expect_err("once only");
    assert_eq!(again.detail(), Some("sync_already_joined"));
    let pulled = b.sync_now(&admin_b).expect("B syncs");
    assert!(pulled.pulled >= 21, "{pulled:?}");
    assert_eq!(pulled.patients_changed, 21);
    assert!(
        b.find_patients(&admin_b, PHONE_DIGITS, 5)
            .expect("search")
            .iter()
            .any(|p| p.id == watched),
        "found by phone at the other desk"
    );

    // A patient registered at A is found at B; A's administrator is known at B.
    let found = b
        .find_patients(&admin_b, &population_surname(7), 5)
        .expect("search");
    assert!(found.iter().any(|p| p.id == ids[7]), "{found:?}");
    assert!(b.staff_by_login("admin.a").is_ok());

    // A request taken at B reaches A's queue.
    b.receive_request(
        &admin_b,
        &ReceiveInput {
            patient: ids[3].clone(),
            kind: "access".into(),
            purposes: vec![],
            received_on: None,
            channel: "in_person".into(),
            details: None,
        },
    )
    .expect("B takes a request");
    b.sync_now(&admin_b).expect("B syncs");
    a.sync_now(&admin_a).expect("A syncs");
    let queue = a.queue(&admin_a).expect("queue");
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert!(a.staff_by_login("admin.b").is_ok());
    assert_eq!(
        a.state_digest().expect("digest"),
        b.state_digest().expect("digest")
    );

    // The server stops: sync says so, work goes on, and arrives once it is back.
    let addr = server.addr;
    assert!(server.stop().success());
    let offline = a.sync_now(&admin_a).expect_err("no server");
    assert_eq!(offline.detail(), Some("sync_unreachable"));
    assert!(
        offline
            .message(Lang::Ru)
            .contains("Нет связи с сервером клиники")
    );
    let mut input = patient_input(&population_surname(21));
    input.phone = Some("+7 9000000021".into());
    input.document.number = "000021".into();
    let late = a
        .register_patient(&admin_a, &input)
        .expect("registered while the server is down")
        .patient
        .id;
    let server = server_dir.restart_on(addr);
    a.sync_now(&admin_a).expect("A syncs after the restart");
    b.sync_now(&admin_b).expect("B syncs after the restart");
    let found = b
        .find_patients(&admin_b, &population_surname(21), 5)
        .expect("search");
    assert!(found.iter().any(|p| p.id == late), "{found:?}");
    assert_eq!(
        a.state_digest().expect("digest"),
        b.state_digest().expect("digest")
    );
    assert!(a.verify(&admin_a).expect("A verifies").intact);
    assert!(b.verify(&admin_b).expect("B verifies").intact);
    drop(server);

    // The server never held the watched patient's data in clear: not in its files, not in the
    // WAL, not in its log. (The search itself is checked on a file that does hold them.)
    flush();
    let control = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        control.path().join("control"),
        format!("x{SURNAME}x{PHONE_DIGITS}x{DOCUMENT}x"),
    )
    .expect("control file");
    for needle in [SURNAME, PHONE_DIGITS, DOCUMENT] {
        assert_eq!(
            files_holding(&[control.path().to_path_buf()], needle.as_bytes()).len(),
            1,
            "the search finds {needle} where it is"
        );
        let found = files_holding(searched, needle.as_bytes());
        assert!(found.is_empty(), "{needle} in clear in {found:?}");
    }
    assert_eq!(
        !files_holding(searched, "Окно 2".as_bytes()).is_empty(),
        in_clear,
        "a desk's name, which the server stores as it is"
    );
}

/// Registers `surname` at `desk` with a signed consent to two purposes, withdrawn at once; the
/// withdrawal's id.
fn withdrawn(desk: &mut Desk, admin: &consent_domain::staff::Staff, surname: &str) -> String {
    let mut input = patient_input(surname);
    input.phone = Some("+7 (913) 555-77-88".into());
    input.email = Some("destroyed@example.ru".into());
    input.document.number = "864209".into();
    let patient = desk
        .register_patient(admin, &input)
        .expect("registered")
        .patient
        .id;
    let consent = desk
        .grant_consent(
            admin,
            &consent_service::GrantInput {
                patient: patient.clone(),
                granted: vec!["medical_account".into(), "notifications".into()],
                until: None,
            },
        )
        .expect("consent");
    let (_, form) = desk.mark_printed(admin, &consent.id).expect("printed");
    desk.mark_signed(admin, &form, "Архив").expect("signed");
    desk.receive_request(
        admin,
        &ReceiveInput {
            patient,
            kind: "withdrawal".into(),
            purposes: vec![],
            received_on: None,
            channel: "post".into(),
            details: None,
        },
    )
    .expect("withdrawal")
    .id
}

#[test]
fn a_destruction_at_one_desk_reaches_the_server_and_every_other_desk() {
    let server_dir = ServerDir::sqlite();
    let server = server_dir.start();
    let dirs = tempfile::tempdir().expect("temp dir");
    let mut a = desk(&dirs.path().join("a"), &"a1".repeat(32), "admin.a");
    let admin_a = a.staff_by_login("admin.a").expect("admin");
    a.join_server(&admin_a, &server.first_code(), "Окно 1")
        .expect("A joins");
    let id = withdrawn(&mut a, &admin_a, "Уничтожаемова");
    let patient = a.request(&admin_a, &id).expect("request").patient_id;
    a.sync_now(&admin_a).expect("A syncs");
    let code = a.add_desk_code(&admin_a).expect("B's code");
    let b_key = "b2".repeat(32);
    let mut b = desk(&dirs.path().join("b"), &b_key, "admin.b");
    let admin_b = b.staff_by_login("admin.b").expect("admin");
    b.join_server(&admin_b, &code, "Окно 2").expect("B joins");
    b.sync_now(&admin_b).expect("B syncs");
    assert!(b.card(&admin_b, &patient).is_ok(), "B holds the patient");

    a.start_request(&admin_a, &id).expect("start");
    for purpose in ["medical_account", "notifications"] {
        a.decide_purpose(&admin_a, &id, purpose, None)
            .expect("stop");
    }
    a.destroy_subject(&admin_a, &id, "Уничтожаемова")
        .expect("destroyed at A");
    a.notify_subject(&admin_a, &id, None, "post")
        .expect("notified after");
    a.sync_now(&admin_a).expect("A pushes the destruction");
    b.sync_now(&admin_b).expect("B pulls it");

    // B folded the destruction: the key, the card and the search hits are gone, the request and
    // what the destruction kept are there, and nothing of the patient is in B's decrypted pages.
    assert_eq!(
        b.card(&admin_b, &patient).expect_err("gone at B").code(),
        ErrorCode::NotFound
    );
    assert!(
        b.find_patients(&admin_b, "Уничтожаемова", 5)
            .expect("search")
            .is_empty()
    );
    let kept = b.destroyed_subject(&admin_b, &patient).expect("the trail");
    assert_eq!(kept.destroyed_by, "Смирнова Ольга Викторовна");
    assert_eq!(
        b.request(&admin_b, &id).expect("request").status,
        "subject_notified"
    );
    assert_eq!(
        a.state_digest().expect("digest"),
        b.state_digest().expect("digest")
    );
    assert!(b.verify(&admin_b).expect("B verifies").intact);
    let key = consent_store::DbKey::from_hex(&b_key).expect("key");
    let pages = consent_store::forensic::decrypted_pages(
        &dirs.path().join("b").join("consent-desk.db"),
        &key,
    )
    .expect("B's pages");
    assert!(
        consent_store::forensic::contains(&pages, "Смирнова".as_bytes()),
        "the search reads B's pages"
    );
    assert_eq!(
        consent_store::forensic::found(
            &pages,
            &[
                "Уничтожаемова",
                "уничтожаемова",
                "destroyed@example.ru",
                "9135557788",
                "864209"
            ]
        ),
        Vec::<&str>::new(),
        "destroyed values in B's decrypted pages"
    );

    // A desk that joins afterwards gets no key for the subject from the server, only what the
    // destruction kept, and ends with the same state.
    let code = a.add_desk_code(&admin_a).expect("C's code");
    let mut c = desk(&dirs.path().join("c"), &"c3".repeat(32), "admin.c");
    let admin_c = c.staff_by_login("admin.c").expect("admin");
    c.join_server(&admin_c, &code, "Окно 3").expect("C joins");
    c.sync_now(&admin_c).expect("C syncs");
    // A takes in C's administrator, which C pushed as it joined.
    a.sync_now(&admin_a).expect("A syncs");
    assert!(c.destroyed_subject(&admin_c, &patient).is_ok());
    assert_eq!(
        c.card(&admin_c, &patient).expect_err("never at C").code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        a.state_digest().expect("digest"),
        c.state_digest().expect("digest")
    );
    assert!(c.verify(&admin_c).expect("C verifies").intact);
    drop(server);
}
