//! The app's background sync (`Session::start_sync`) against a real server, as the app runs it:
//! joining from Settings starts it, a change recorded at one desk reaches the other without anyone
//! asking, the status says "synced", then "offline since" with the rows waiting while the server is
//! down, and the work done meanwhile arrives once it is back.

use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use consent_desk_tests::desk::{ADMIN_LOGIN, ADMIN_PASSWORD, offline_session, prepare_desk};
use consent_desk_tests::fixtures::patient_input;
use consent_desk_tests::server::ServerDir;
use consent_desk_tests::wait::until;
use consent_service::api::{SyncState, SyncStatus};
use consent_service::sync_task::SyncEvent;
use consent_service::{ServiceError, Session};

/// Generous for a loaded two-core machine; each wait ends as soon as its condition holds.
const WAIT: Duration = Duration::from_secs(60);

struct AppDesk {
    session: Session,
    events: Receiver<SyncEvent>,
    _dir: tempfile::TempDir,
}

impl AppDesk {
    fn start() -> AppDesk {
        let dir = tempfile::tempdir().expect("temp dir");
        prepare_desk(dir.path());
        let session = offline_session(dir.path());
        session
            .sign_in(ADMIN_LOGIN, ADMIN_PASSWORD)
            .expect("the administrator signs in");
        let (sender, events) = channel();
        let sender = Mutex::new(sender);
        session.start_sync(Arc::new(move |event| {
            let _ = sender.lock().expect("sender").send(event);
        }));
        AppDesk {
            session,
            events,
            _dir: dir,
        }
    }

    /// Joins with a further desk's code and waits until in step. Both desks' first starts made an
    /// account "admin"; in the clinic the earlier one holds the login (the same on every desk), so
    /// this desk's own account gives way and its session ends. Its administrator signs in again
    /// with the clinic's account (here with the same password).
    fn join_as_a_further_desk(&self, code: &str) {
        self.session
            .join_server(code)
            .expect("a further desk joins");
        self.wait_for_state("the further desk synced", |s| s.state == SyncState::Synced);
        // The session's status says so at once (the UI asks for it when accounts arrive).
        let status = self.session.status().expect("session status");
        assert_eq!(status.phase, consent_service::api::SessionPhase::SignedOut);
        assert!(status.account_gave_way, "the sign-in screen says why");
        let signed_out = self
            .session
            .find_patients("Арсеньева")
            .expect_err("this desk's account gave way");
        assert_eq!(signed_out.detail(), Some("session_signed_out"));
        let signed_in = self
            .session
            .sign_in(ADMIN_LOGIN, ADMIN_PASSWORD)
            .expect("signed in with the clinic's account");
        assert!(
            !signed_in.account_gave_way,
            "said once, until the next sign-in"
        );
    }

    fn status(&self) -> SyncStatus {
        self.session.sync_status().expect("sync status")
    }

    fn wait_for_state(&self, what: &str, wanted: impl Fn(&SyncStatus) -> bool) -> SyncStatus {
        until(what, WAIT, || {
            let status = self.status();
            if wanted(&status) {
                Ok(status)
            } else {
                Err(Box::new(status))
            }
        })
    }

    /// Waits for an arrival that names `patient`, and returns every event seen on the way.
    fn wait_for_arrival_of(&self, patient: &str) -> Vec<SyncEvent> {
        let mut seen = Vec::new();
        until(
            &format!("an arrival naming patient {patient}"),
            WAIT,
            || {
                while let Ok(event) = self.events.try_recv() {
                    seen.push(event);
                }
                let arrived = seen.iter().any(|event| match event {
                    SyncEvent::Arrived(arrival) => arrival.patients.iter().any(|p| p == patient),
                    SyncEvent::Status => false,
                });
                if arrived { Ok(()) } else { Err(seen.len()) }
            },
        );
        seen
    }

    fn register(&self, surname: &str) -> String {
        self.session
            .act(|desk, staff| desk.register_patient(staff, &patient_input(surname)))
            .expect("register")
            .patient
            .id
    }

    fn digest(&self) -> String {
        self.session
            .act(|desk, _| desk.state_digest())
            .expect("state digest")
    }

    fn found(&self, surname: &str) -> usize {
        self.session.find_patients(surname).expect("search").len()
    }
}

#[test]
fn the_background_task_carries_changes_both_ways_and_tells_the_truth_while_the_server_is_down() {
    let server_dir = ServerDir::sqlite();
    let server = server_dir.start();
    let a = AppDesk::start();
    let b = AppDesk::start();

    assert_eq!(a.status().state, SyncState::NotJoined);
    let refused = b.session.sync_now().expect_err("sync before a join");
    assert_eq!(refused.detail(), Some("sync_not_joined"));

    // Joining in Settings starts the task; nobody presses «сейчас».
    let joined = a
        .session
        .join_server(&server.first_code())
        .expect("A joins");
    assert!(joined.server.is_some(), "{joined:?}");
    a.wait_for_state("A synced", |s| s.state == SyncState::Synced);
    let code = a.session.add_desk_code().expect("A makes B's code");
    assert!(code.valid_until.contains(':'), "{code:?}");
    b.join_as_a_further_desk(&code.code);

    // A change at A reaches B through the long-poll: an event names the patient, search finds them.
    let first = a.register("Арсеньева");
    let events = b.wait_for_arrival_of(&first);
    assert_eq!(b.found("Арсеньева"), 1);
    assert!(
        events.contains(&SyncEvent::Status),
        "an arrival changes the status too: {events:?}"
    );
    // And the other way.
    let second = b.register("Белозерская");
    a.wait_for_arrival_of(&second);
    assert_eq!(a.found("Белозерская"), 1);
    a.wait_for_state("A has nothing waiting", |s| s.pending == 0);

    // The server goes away: A keeps working, and says so.
    let addr = server.addr;
    server.stop();
    let offline = a.register("Вяземская");
    let status = a.wait_for_state("A offline with a row waiting", |s| {
        s.state == SyncState::Offline && s.pending >= 1
    });
    assert!(status.offline_since.is_some(), "{status:?}");
    assert!(
        status.problem.is_none(),
        "unreachable is no problem: {status:?}"
    );

    // Back: «Синхронизировать сейчас» skips the back-off; the offline work reaches B.
    let _server = server_dir.restart_on(addr);
    let now = a.session.sync_now().expect("sync now");
    assert!(now.server.is_some());
    a.wait_for_state("A synced again", |s| {
        s.state == SyncState::Synced && s.pending == 0 && s.offline_since.is_none()
    });
    b.session.sync_now().expect("B: sync now");
    b.wait_for_arrival_of(&offline);
    assert_eq!(b.found("Вяземская"), 1);
    assert_eq!(a.digest(), b.digest(), "both desks hold the same state");
}

#[test]
fn a_desk_never_joined_reports_no_server_and_a_bad_code_changes_nothing() {
    let a = AppDesk::start();
    assert_eq!(a.status().state, SyncState::NotJoined);
    let refused: ServiceError = a
        .session
        .join_server("consent-desk:join:NOT-A-CODE")
        .expect_err("a broken code");
    assert_eq!(refused.detail(), Some("sync_code_invalid"));
    let after = a.status();
    assert_eq!(after.state, SyncState::NotJoined);
    assert!(after.server.is_none());
    // Nothing waits to be sent before a join: the count says what the desk has recorded.
    assert!(
        after.pending > 0,
        "the first start recorded rows: {after:?}"
    );
}

#[test]
fn an_administrator_prints_a_desk_code_lists_the_desks_and_revokes_one_which_then_says_so() {
    let server_dir = ServerDir::sqlite();
    let server = server_dir.start();
    let a = AppDesk::start();
    let b = AppDesk::start();
    // A valid code for this server that desk A did not make.
    let foreign = server.first_code();
    a.session
        .join_server(&server.first_code())
        .expect("A joins");
    let code = a.session.add_desk_code().expect("B's code");
    b.join_as_a_further_desk(&code.code);

    // The code's sheet for the printer: made only for a code this desk made for its server.
    let sheet = a
        .session
        .prepare_desk_sheet(&code.code)
        .expect("the enrollment sheet");
    assert_eq!(sheet.pages, 1, "{sheet:?}");
    assert!(!sheet.pdf_base64.is_empty());
    let refused = a
        .session
        .prepare_desk_sheet(&foreign)
        .expect_err("not made here");
    assert_eq!(refused.detail(), Some("desk_code_unknown"));
    assert!(!refused.to_string().contains(&foreign));

    let desks = a.session.clinic_desks().expect("the desk list");
    assert_eq!(desks.len(), 2, "{desks:?}");
    let own: Vec<_> = desks.iter().filter(|d| d.this_desk).collect();
    assert_eq!(own.len(), 1, "exactly one is this desk: {desks:?}");
    let other = desks.iter().find(|d| !d.this_desk).expect("B").clone();
    assert!(other.revoked_at.is_none());
    assert!(
        other.records > 0,
        "B sent its first start's records: {other:?}"
    );

    let refused = a.session.revoke_desk(&own[0].id).expect_err("not itself");
    assert_eq!(refused.detail(), Some("desk_revoke_self"));
    let refused = a.session.revoke_desk("not-an-id").expect_err("not an id");
    assert_eq!(refused.code(), consent_service::ErrorCode::InvalidInput);

    let after = a.session.revoke_desk(&other.id).expect("revoke B");
    let revoked = after.iter().find(|d| d.id == other.id).expect("B listed");
    assert!(revoked.revoked_at.is_some(), "{after:?}");

    // B keeps working offline and says why it no longer syncs.
    b.register("Гончарова");
    let status = b.wait_for_state("B told it is revoked", |s| s.state == SyncState::Failed);
    let problem = status.problem.clone().expect("a problem");
    assert_eq!(
        problem.detail.as_deref(),
        Some("sync_revoked"),
        "{problem:?}"
    );
    assert!(status.pending >= 1, "{status:?}");
    assert_eq!(b.found("Гончарова"), 1);
}

#[test]
fn a_calendar_year_and_the_forms_wording_set_at_one_desk_reach_the_other() {
    use consent_domain::dates::date;
    use consent_forms::TextKey;

    let server_dir = ServerDir::sqlite();
    let server = server_dir.start();
    let a = AppDesk::start();
    let b = AppDesk::start();
    a.session
        .join_server(&server.first_code())
        .expect("A joins");
    let code = a.session.add_desk_code().expect("B's code");
    b.join_as_a_further_desk(&code.code);

    // 5 November 2026 declared a day off by a (corrected) decree, imported at A.
    let day = date(2026, 11, 5);
    let working_at_b = |b: &AppDesk| {
        b.session
            .act(|desk, _| {
                desk.catch_up()?;
                Ok(desk.calendar().is_working_day(day))
            })
            .expect("B's calendar")
    };
    assert_eq!(working_at_b(&b), Ok(true));
    let xml = consent_domain::calendar::Calendar::builtin()
        .to_xml(2026)
        .expect("2026")
        .replace("</days>", "<day d=\"11.05\" t=\"1\"/></days>");
    let year = a
        .session
        .act(|desk, staff| desk.import_calendar(staff, &xml))
        .expect("A imports the year");
    assert_eq!(year, 2026);
    // The wording of the consent form's title, set for the clinic at A.
    let wording = "\"consent.title\" = \"СОГЛАСИЕ ПАЦИЕНТА КЛИНИКИ\"\n";
    a.session
        .act(|desk, staff| desk.set_form_wording(staff, wording))
        .expect("A sets the wording");
    let broken = a
        .session
        .act(|desk, staff| desk.set_form_wording(staff, "consent.title = "))
        .expect_err("a broken file is refused");
    assert_eq!(broken.code(), consent_service::ErrorCode::RuleViolation);

    until("B's calendar and wording", WAIT, || {
        let title = b
            .session
            .act(|desk, _| Ok(desk.form_texts()?.get(TextKey::ConsentTitle).to_owned()))
            .expect("B's wording");
        let working = working_at_b(&b);
        if working == Ok(false) && title == "СОГЛАСИЕ ПАЦИЕНТА КЛИНИКИ" {
            Ok(())
        } else {
            Err((working, title))
        }
    });
    assert_eq!(a.digest(), b.digest(),);
}
