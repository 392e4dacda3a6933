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
fn two_desks_share_patients_requests_and_staff_through_the_server() {
    let server_dir = ServerDir::sqlite();
    let server = server_dir.start();
    let dirs = tempfile::tempdir().expect("temp dir");

    let mut a = desk(&dirs.path().join("a"), &"a1".repeat(32), "admin.a");
    let admin_a = a.staff_by_login("admin.a").expect("admin");
    let before = a.sync_now(&admin_a).expect_err("not joined yet");
    assert_eq!(before.detail(), Some("sync_not_joined"));
    a.join_server(&admin_a, &server.first_code(), "Окно 1")
        .expect("the first desk joins");
    let ids = register_population(&mut a, &admin_a, 20);
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
    assert_eq!(pulled.patients_changed, 20);

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
}
