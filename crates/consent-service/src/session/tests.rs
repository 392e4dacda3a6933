//! The session's flows end to end on a real encrypted desk in a temporary folder: first start,
//! sign-in, lock and unlock, sign-out, and the sheets that go to the printer only.

use super::*;
use crate::ErrorCode;
use crate::clock::FixedClock;

const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

fn session(dir: &Path) -> Session {
    let service = Service::open_with(dir, Some("ru")).expect("service");
    Session::new(
        service,
        KeyChoice::Env(KEY.to_owned()),
        Arc::new(FixedClock(1_761_300_000_000)),
    )
}

fn input() -> FirstStartInput {
    FirstStartInput {
        clinic_name: "ООО \"Клиника\"".to_owned(),
        inn: "7707083893".to_owned(),
        ogrn: "1027700132195".to_owned(),
        legal_address: String::new(),
        withdrawal_email: String::new(),
        desk_name: "Регистратура, окно 1".to_owned(),
        admin_login: "admin".to_owned(),
        admin_name: "Смирнова Ольга Викторовна".to_owned(),
        password: "пароль-администратора".to_owned(),
    }
}

fn count(session: &Session) -> Result<usize, ServiceError> {
    session.act(|desk, staff| Ok(desk.staff_list(staff)?.len()))
}

#[test]
fn a_bad_first_start_creates_nothing_and_names_the_field() {
    let dir = tempfile::tempdir().expect("dir");
    let session = session(dir.path());
    assert_eq!(
        session.status().expect("status").phase,
        SessionPhase::NeedsSetup
    );
    type Spoil = fn(&mut FirstStartInput);
    let cases: [(Spoil, &str); 9] = [
        (|i| i.inn = "7707083890".to_owned(), "inn"),
        (|i| i.ogrn = "12".to_owned(), "ogrn"),
        (|i| i.desk_name = "  ".to_owned(), "desk_name"),
        (|i| i.desk_name = "Окно\u{1b}[2J".to_owned(), "desk_name"),
        (|i| i.desk_name = "Окно \u{202e}1".to_owned(), "desk_name"),
        (|i| i.clinic_name = "ООО\u{7}".to_owned(), "name"),
        (
            |i| i.admin_name = "\u{2066}Смирнова Ольга\u{2069}".to_owned(),
            "full_name",
        ),
        (|i| i.admin_login = "Админ".to_owned(), "login"),
        (|i| i.password = "short".to_owned(), "password"),
    ];
    for (spoil, field) in cases {
        let mut bad = input();
        spoil(&mut bad);
        let error = session.first_start(&bad).expect_err(field);
        let payload = session.localize(error);
        assert_eq!(payload.code, ErrorCode::InvalidInput, "{field}");
        assert_eq!(payload.fields[0].field, field, "{payload:?}");
        assert!(!dir.path().join(DATABASE_FILE).exists());
        assert!(!dir.path().join(PROFILE_FILE).exists());
    }
}

#[test]
fn first_start_sign_in_lock_unlock_and_sign_out() {
    let dir = tempfile::tempdir().expect("dir");
    let session = session(dir.path());
    let started = session.first_start(&input()).expect("first start");
    assert_eq!(started.recovery.code.replace('-', ""), KEY);
    assert_eq!(started.recovery.created_on, "2025-10-24");
    let status = started.status;
    assert_eq!(status.phase, SessionPhase::SignedIn);
    assert_eq!(status.desk_name.as_deref(), Some("Регистратура, окно 1"));
    assert_eq!(status.clinic_name.as_deref(), Some("ООО \"Клиника\""));
    assert_eq!(
        status.staff.as_ref().map(|s| s.role.as_str()),
        Some("admin")
    );
    assert_eq!(status.idle_lock_seconds, 300);
    assert_eq!(count(&session).expect("signed in"), 1);
    let again = session.first_start(&input()).expect_err("twice");
    assert_eq!(again.code(), ErrorCode::AlreadyInitialized);

    // Locked: nothing is done, nobody else gets in, a wrong password does not unlock.
    assert_eq!(session.lock().expect("lock").phase, SessionPhase::Locked);
    let refused = session.localize(count(&session).expect_err("locked"));
    assert_eq!(
        (refused.code, refused.detail.as_deref()),
        (ErrorCode::Forbidden, Some(LOCKED))
    );
    let other = session
        .sign_in("admin", "пароль-администратора")
        .expect_err("open");
    assert_eq!(other.detail(), Some(SESSION_OPEN));
    let wrong = session.unlock("не тот пароль").expect_err("wrong");
    assert_eq!(wrong.code(), ErrorCode::SignInFailed);
    let status = session.unlock("пароль-администратора").expect("unlock");
    assert_eq!(status.phase, SessionPhase::SignedIn);
    assert_eq!(count(&session).expect("unlocked"), 1);

    // Signed out: refused; a new process opens the same desk and signs in.
    assert_eq!(
        session.sign_out().expect("out").phase,
        SessionPhase::SignedOut
    );
    let refused = session.localize(count(&session).expect_err("signed out"));
    assert_eq!(refused.detail.as_deref(), Some(SIGNED_OUT));
    drop(session);
    let session = self::session(dir.path());
    let status = session.status().expect("status");
    assert_eq!(status.phase, SessionPhase::SignedOut);
    assert!(status.staff.is_none() && status.clinic_name.is_none());
    let wrong = session
        .sign_in("admin", "не тот пароль")
        .expect_err("wrong");
    assert_eq!(
        session.localize(wrong).message,
        "Неверный логин или пароль."
    );
    let status = session
        .sign_in(" admin ", "пароль-администратора")
        .expect("in");
    assert_eq!(status.phase, SessionPhase::SignedIn);

    // The idle time is the admin's setting.
    assert_eq!(
        session
            .set_idle_lock_minutes(10)
            .expect("set")
            .idle_lock_seconds,
        600
    );
    let bad = session.set_idle_lock_minutes(0).expect_err("zero");
    assert_eq!(session.localize(bad).fields[0].field, "idle_lock_minutes");
}

#[test]
fn a_desk_sheet_needs_an_administrator_and_a_joined_desk() {
    let dir = tempfile::tempdir().expect("dir");
    let session = session(dir.path());
    session.first_start(&input()).expect("first start");
    let code = "consent-desk:join:040P6YFPK";
    let error = session.prepare_desk_sheet(code).expect_err("not joined");
    assert_eq!(
        (error.code(), error.detail()),
        (ErrorCode::Sync, Some("sync_not_joined"))
    );
    assert!(!format!("{error:?} {error}").contains("040P6YFPK"));
    assert!(session.inner().prepared.is_empty());

    session
        .act(|desk, staff| {
            desk.add_staff(
                staff,
                NewStaff {
                    login: "reception".to_owned(),
                    full_name: "Кузнецова Анна Ивановна".to_owned(),
                    role: "reception".to_owned(),
                },
            )?;
            desk.set_password(staff, "reception", "пароль-регистратора")
        })
        .expect("a receptionist");
    session.sign_out().expect("out");
    session
        .sign_in("reception", "пароль-регистратора")
        .expect("in");
    let error = session.prepare_desk_sheet(code).expect_err("not an admin");
    assert_eq!(error.code(), ErrorCode::Forbidden);
    assert!(session.inner().prepared.is_empty());
}

#[test]
fn sheets_that_carry_a_secret_go_to_the_printer_only() {
    assert_eq!(
        PreparedKind::Recovery.printer_only(),
        Some("recovery_sheet_printer_only")
    );
    assert_eq!(
        PreparedKind::DeskSheet.printer_only(),
        Some("desk_sheet_printer_only")
    );
    let consent = PreparedKind::Consent {
        consent: String::new(),
    };
    assert_eq!(consent.printer_only(), None);
}

#[test]
fn a_database_that_cannot_be_opened_is_reported_not_hidden() {
    let dir = tempfile::tempdir().expect("dir");
    session(dir.path())
        .first_start(&input())
        .expect("first start");
    let service = Service::open_with(dir.path(), Some("ru")).expect("service");
    let wrong_key = Session::new(
        service,
        KeyChoice::Env("ff".repeat(32)),
        Arc::new(FixedClock(1_761_300_000_000)),
    );
    let status = wrong_key.status().expect("status");
    assert_eq!(status.phase, SessionPhase::Unavailable);
    assert_eq!(status.problem.map(|p| p.code), Some(ErrorCode::Key));
}
