//! The managers' side against a real encrypted database: the queue (assignee, take-over, counts,
//! grounds from the catalogue, unknown years flagged), the production calendar's years, and blocked
//! data.

mod common;

use common::*;
use consent_domain::Lang;
use consent_service::{ErrorCode, NewStaff, ReceiveInput};

#[test]
fn the_queue_names_the_assignee_counts_what_is_due_and_grounds_come_from_the_catalogue() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    add_staff(
        &mut desk,
        &admin,
        &[
            ("reg", "Регистратор Анна", "reception"),
            ("mgr", "Менеджер Борис", "manager"),
            ("mgr2", "Менеджер Вера", "manager"),
        ],
    );
    let reg = desk.staff_by_login("reg").expect("reg");
    let mgr = desk.staff_by_login("mgr").expect("mgr");
    let mgr2 = desk.staff_by_login("mgr2").expect("mgr2");
    let id = withdrawn_patient(&mut desk, &reg);

    for (name, result) in [
        ("queue", desk.queue(&reg).map(drop)),
        ("counts", desk.queue_counts(&reg).map(drop)),
        ("grounds", desk.legal_grounds(&reg).map(drop)),
    ] {
        assert_eq!(
            result.expect_err(name).code(),
            ErrorCode::Forbidden,
            "{name}"
        );
    }

    let queue = desk.queue(&mgr).expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].channel, "email");
    assert_eq!(queue[0].assignee, None);
    // Received today (24.10.2025, a Friday): 10 working days left, neither overdue nor due soon.
    let next = queue[0].next.as_ref().expect("a deadline");
    assert_eq!(next.working_days_left, 10);
    let counts = desk.queue_counts(&mgr).expect("counts");
    assert_eq!((counts.open, counts.overdue, counts.due_soon), (1, 0, 0));

    desk.start_request(&mgr, &id).expect("take");
    let err = desk.start_request(&mgr, &id).expect_err("already mine");
    assert_eq!(
        code(&err),
        (ErrorCode::RuleViolation, Some("request_already_taken"))
    );
    let mine = desk.queue(&mgr).expect("queue");
    assert_eq!(mine[0].assignee.as_deref(), Some("Менеджер Борис"));
    assert!(mine[0].assigned_to_me);
    let theirs = desk.queue(&mgr2).expect("queue");
    assert!(!theirs[0].assigned_to_me);
    let over = desk.start_request(&mgr2, &id).expect("take over");
    assert_eq!(over.assignee.as_deref(), Some("Менеджер Вера"));
    assert!(over.assigned_to_me);
    assert_eq!(over.status, "in_progress");

    let grounds = desk.legal_grounds(&mgr2).expect("grounds");
    assert!(grounds.iter().all(|g| g.code != "consent"), "{grounds:?}");
    let medical = grounds
        .iter()
        .find(|g| g.code == "medical_purposes")
        .expect("medical records");
    assert!(medical.citation.contains("323-ФЗ"), "{medical:?}");
    for bad in ["consent", "medical", "п. 4 ч. 2 ст. 10"] {
        let err = desk
            .decide_purpose_on(&mgr2, &id, "medical_account", Some(bad), "")
            .expect_err(bad);
        assert_eq!(
            code(&err),
            (ErrorCode::InvalidInput, Some("unknown_choice")),
            "{bad}"
        );
    }
    let pending = desk.request(&mgr2, &id).expect("request");
    assert!(pending.outcomes.iter().all(|o| o.decision == "pending"));
    let decided = desk
        .decide_purpose_on(
            &mgr2,
            &id,
            "medical_account",
            Some("medical_purposes"),
            "  медицинская карта хранится  25 лет ",
        )
        .expect("continues");
    let outcome = decided
        .outcomes
        .iter()
        .find(|o| o.purpose == "medical_account")
        .expect("decided purpose");
    assert_eq!(outcome.decision, "continues");
    let ground = outcome.legal_ground.as_deref().expect("ground");
    assert!(
        ground.contains("ст. 13 Федерального закона № 323-ФЗ"),
        "{ground}"
    );
    assert!(
        ground.ends_with("; медицинская карта хранится 25 лет"),
        "{ground}"
    );
    assert_eq!(
        decided.status, "in_progress",
        "advertising is still pending"
    );
    let stopped = desk
        .decide_purpose_on(&mgr2, &id, "advertising", None, "")
        .expect("stopped");
    assert_eq!(stopped.status, "processing_stopped");
    assert!(desk.verify(&admin).expect("verify").intact);
    let rebuilt = desk.rebuild(&admin).expect("rebuild");
    assert!(rebuilt.requests >= 1, "{rebuilt:?}");
    let after = desk.queue(&mgr2).expect("queue after rebuild");
    assert_eq!(
        after[0].assignee.as_deref(),
        Some("Менеджер Вера"),
        "the fold keeps the assignee"
    );
}

#[test]
fn a_deadline_in_a_year_the_calendar_does_not_know_is_flagged_never_guessed() {
    // 2040 is far beyond the built-in calendar: the clock says it is 20 December 2040.
    const LATE_MS: u64 = 2_239_606_800_000;
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init_at(dir.path(), LATE_MS);
    let admin = desk.staff_by_login("admin").expect("admin");
    let card = desk.register_patient(&admin, &patient()).expect("register");
    let request = desk
        .receive_request(
            &admin,
            &ReceiveInput {
                patient: card.patient.id.clone(),
                kind: "access".into(),
                channel: "post".into(),
                ..Default::default()
            },
        )
        .expect("access request");
    let queue = desk.queue(&admin).expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].next, None);
    let year = queue[0].unknown_year.expect("flagged");
    assert!(year >= 2040, "{year}");
    let counts = desk.queue_counts(&admin).expect("counts");
    assert_eq!(
        (counts.open, counts.unknown_year, counts.overdue),
        (1, 1, 0)
    );
    let view = desk.request(&admin, &request.id).expect("request");
    assert_eq!(view.unknown_year, Some(year));
}

/// A year the built-in calendar does not know (2028), as an xmlcalendar file gives it.
const CALENDAR_2028: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2028" lang="ru" date="2027.12.01" country="ru">
  <holidays>
    <holiday id="1" title="Новогодние каникулы"/>
    <holiday id="2" title="Рождество Христово"/>
    <holiday id="3" title="День защитника Отечества"/>
    <holiday id="4" title="Международный женский день"/>
    <holiday id="5" title="Праздник Весны и Труда"/>
    <holiday id="6" title="День Победы"/>
    <holiday id="7" title="День России"/>
    <holiday id="8" title="День народного единства"/>
  </holidays>
  <days>
    <day d="01.01" t="1" h="1"/><day d="01.02" t="1" h="1"/><day d="01.03" t="1" h="1"/>
    <day d="01.04" t="1" h="1"/><day d="01.05" t="1" h="1"/><day d="01.06" t="1" h="1"/>
    <day d="01.07" t="1" h="2"/><day d="01.08" t="1" h="1"/>
    <day d="02.23" t="1" h="3"/><day d="03.08" t="1" h="4"/><day d="05.01" t="1" h="5"/>
    <day d="05.09" t="1" h="6"/><day d="06.12" t="1" h="7"/><day d="11.04" t="1" h="8"/>
  </days>
</calendar>
"#;

#[test]
fn importing_a_year_counts_the_open_deadlines_that_waited_for_it() {
    // 24 December 2027: ten working days run into 2028, which the built-in calendar does not know.
    const DEC_24_2027_MS: u64 = 1_829_638_800_000;
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init_at(dir.path(), DEC_24_2027_MS);
    let admin = desk.staff_by_login("admin").expect("admin");
    let id = withdrawn_patient_on(&mut desk, &admin, "24.12.2027");
    let waiting = desk.queue(&admin).expect("queue");
    assert_eq!(waiting[0].unknown_year, Some(2028));
    assert_eq!(waiting[0].next, None);

    desk.add_staff(
        &admin,
        NewStaff {
            login: "reg".into(),
            full_name: "Регистратор Анна".into(),
            role: "reception".into(),
        },
    )
    .expect("receptionist");
    let reg = desk.staff_by_login("reg").expect("reg");
    for (name, result) in [
        ("years", desk.calendar_years(&reg).map(drop)),
        (
            "import",
            desk.import_calendar(&reg, CALENDAR_2028).map(drop),
        ),
    ] {
        assert_eq!(
            result.expect_err(name).code(),
            ErrorCode::Forbidden,
            "{name}"
        );
    }

    let years = desk.calendar_years(&admin).expect("years");
    assert!(years.iter().all(|y| y.year != 2028));
    let built_in = years
        .iter()
        .find(|y| y.year == 2027)
        .expect("2027 built in");
    assert_eq!(built_in.source, "decree");
    assert!(
        built_in.source_text.contains("постановление"),
        "{built_in:?}"
    );

    // Refused: too large, not a calendar. Nothing changes.
    let huge = "x".repeat(2 << 20);
    let err = desk.import_calendar(&admin, &huge).expect_err("too large");
    assert_eq!(code(&err), (ErrorCode::InvalidInput, Some("too_long")));
    let err = desk
        .import_calendar(&admin, "<calendar/>")
        .expect_err("not a calendar");
    assert_eq!(code(&err), (ErrorCode::InvalidInput, Some("bad_calendar")));
    assert_eq!(
        desk.queue(&admin).expect("queue")[0].unknown_year,
        Some(2028)
    );

    assert_eq!(
        desk.import_calendar(&admin, CALENDAR_2028).expect("import"),
        2028
    );
    let counted = desk.queue(&admin).expect("queue");
    assert_eq!(counted[0].unknown_year, None);
    let next = counted[0].next.as_ref().expect("a deadline now");
    assert!(next.due.starts_with("2028-01-"), "{next:?}");
    let view = desk.request(&admin, &id).expect("request");
    assert_eq!(view.unknown_year, None);
    assert!(!view.deadlines.is_empty());
    let imported = desk.calendar_years(&admin).expect("years");
    let year = imported
        .iter()
        .find(|y| y.year == 2028)
        .expect("2028 listed");
    assert_eq!(year.source, "imported");
    assert!(year.source_text.contains("2027.12.01"), "{year:?}");
}

#[test]
fn blocked_data_are_neither_changed_nor_printed_and_reception_sees_only_why() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
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
    let card = desk.register_patient(&reg, &patient()).expect("register");
    let patient_id = card.patient.id.clone();
    let consent = desk
        .grant_consent(
            &reg,
            &consent_service::GrantInput {
                patient: patient_id.clone(),
                granted: vec!["medical_account".into()],
                until: None,
            },
        )
        .expect("grant");
    let complaint = desk
        .receive_request(
            &reg,
            &ReceiveInput {
                patient: patient_id.clone(),
                kind: "blocking".into(),
                received_on: Some("24.10.2025".into()),
                channel: "post".into(),
                ..Default::default()
            },
        )
        .expect("complaint");
    desk.start_request(&mgr, &complaint.id).expect("take");
    let err = desk
        .block_data(&reg, &complaint.id)
        .expect_err("reception may not block");
    assert_eq!(err.code(), ErrorCode::Forbidden);
    let blocked = desk.block_data(&mgr, &complaint.id).expect("blocked");
    assert!(blocked.blocks_data);
    let events = desk.verify(&admin).expect("verify").events;

    // Nothing about the patient is changed or printed, by anyone.
    let refusals = [
        (
            "update",
            desk.update_patient(&mgr, &patient_id, &patient()).map(drop),
        ),
        (
            "grant",
            desk.grant_consent(
                &reg,
                &consent_service::GrantInput {
                    patient: patient_id.clone(),
                    granted: vec!["medical_account".into()],
                    until: None,
                },
            )
            .map(drop),
        ),
        ("print", desk.mark_printed(&mgr, &consent.id).map(drop)),
        (
            "render",
            desk.render_consent(&reg, &consent.id, false).map(drop),
        ),
        (
            "withdrawal form",
            desk.render_withdrawal(&reg, &consent.id, &[]).map(drop),
        ),
    ];
    for (name, result) in refusals {
        let err = result.expect_err(name);
        assert_eq!(
            code(&err),
            (ErrorCode::RuleViolation, Some("subject_blocked")),
            "{name}"
        );
        assert!(
            err.message(Lang::Ru).contains("заблокированы"),
            "{name}: {}",
            err.message(Lang::Ru)
        );
    }
    assert_eq!(
        desk.verify(&admin).expect("verify").events,
        events,
        "nothing recorded"
    );

    // Reception finds the patient and learns why, without the data.
    let found = desk.find_patients(&reg, "Ёлкина", 10).expect("search");
    assert_eq!(found.len(), 1);
    assert!(found[0].blocked);
    assert_eq!(found[0].phone, None);
    assert_eq!(found[0].document, "");
    assert!(found[0].name.starts_with("Ёлкина"));
    let seen = desk.card(&reg, &patient_id).expect("card");
    let why = seen.blocked.as_ref().expect("why");
    assert_eq!(why.request_kind, "blocking");
    assert_eq!(why.received_on.as_deref(), Some("2025-10-24"));
    assert_eq!(why.by, "Менеджер Борис");
    assert!(seen.address.is_empty() && seen.email.is_none() && seen.consents.is_empty());
    assert!(seen.history.is_empty() && seen.requests.is_empty());
    // The manager working it sees everything.
    let full = desk.card(&mgr, &patient_id).expect("card");
    assert!(full.blocked.is_some());
    assert!(!full.address.is_empty());
    assert_eq!(full.patient.phone.as_deref(), Some("+79151234567"));

    // Unblocked by a manager only; then the patient can be changed again.
    let err = desk
        .unblock_request(&reg, &complaint.id)
        .expect_err("reception may not unblock");
    assert_eq!(err.code(), ErrorCode::Forbidden);
    let open = desk.unblock_request(&mgr, &complaint.id).expect("unblock");
    assert!(!open.blocks_data);
    let err = desk
        .unblock_request(&mgr, &complaint.id)
        .expect_err("not blocked any more");
    assert_eq!(
        code(&err),
        (ErrorCode::RuleViolation, Some("subject_not_blocked"))
    );
    desk.update_patient(&reg, &patient_id, &patient())
        .expect("changed again");
    assert!(
        desk.card(&reg, &patient_id)
            .expect("card")
            .blocked
            .is_none()
    );
    assert!(desk.verify(&admin).expect("verify").intact);
    let rebuilt = desk.rebuild(&admin).expect("rebuild");
    assert!(rebuilt.patients >= 1);
    assert!(
        desk.card(&reg, &patient_id)
            .expect("card")
            .blocked
            .is_none()
    );
}

#[test]
fn an_extension_notice_is_rendered_then_recorded_only_when_output() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    desk.set_clinic(&admin, &clinic()).expect("clinic");
    let id = withdrawn_patient(&mut desk, &admin);
    desk.start_request(&admin, &id).expect("take");
    let err = desk
        .render_notice(&admin, &id, "extension")
        .expect_err("nothing extended yet");
    assert_eq!(err.code(), ErrorCode::RuleViolation, "{err:?}");
    desk.extend_request(&admin, &id, "Запрошены сведения из архива филиала")
        .expect("extend");
    let (pdf, document, request) = desk
        .render_notice(&admin, &id, "extension")
        .expect("rendered");
    assert_eq!(request.id.to_string(), id);
    let patient = request.patient.to_string();
    let before = desk
        .card(&admin, &patient)
        .expect("card")
        .printed_forms
        .len();
    assert_eq!(before, 1, "only the consent form so far");
    desk.record_notice_printed(&admin, &id, &pdf.form_id, document)
        .expect("recorded");
    let forms = desk.card(&admin, &patient).expect("card").printed_forms;
    let notice = forms
        .iter()
        .find(|f| f.form_id == pdf.form_id)
        .expect("the notice is listed");
    assert_eq!(notice.document, "extension_notice");
}

#[test]
fn how_the_extension_notice_was_sent_is_recorded_once_after_the_extension() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    add_staff(
        &mut desk,
        &admin,
        &[("reg", "Регистратор Анна", "reception")],
    );
    let reg = desk.staff_by_login("reg").expect("reg");
    let id = withdrawn_patient(&mut desk, &admin);
    desk.start_request(&admin, &id).expect("take");
    let early = desk
        .record_extension_notice(&admin, &id, None, "post")
        .expect_err("not extended");
    assert_eq!(early.detail(), Some("request_not_extended"));
    desk.extend_request(&admin, &id, "Запрошены сведения из архива филиала")
        .expect("extend");
    assert_eq!(
        desk.record_extension_notice(&reg, &id, None, "post")
            .expect_err("reception")
            .code(),
        ErrorCode::Forbidden
    );
    for (on, channel, detail) in [
        (Some("23.10.2025"), "post", "date_before_received"),
        (Some("25.10.2025"), "post", "date_in_future"),
        (None, "pigeon", "unknown_choice"),
    ] {
        let err = desk
            .record_extension_notice(&admin, &id, on, channel)
            .expect_err("refused");
        assert_eq!(err.detail(), Some(detail), "{on:?} {channel}");
    }
    let view = desk
        .record_extension_notice(&admin, &id, Some("24.10.2025"), "email")
        .expect("recorded");
    assert_eq!(view.extension_notice_on.as_deref(), Some("2025-10-24"));
    assert_eq!(view.extension_notice_channel.as_deref(), Some("email"));
    assert_eq!(
        desk.record_extension_notice(&admin, &id, None, "post")
            .expect_err("twice")
            .detail(),
        Some("request_extension_notice_recorded")
    );
    assert!(desk.rebuild(&admin).expect("rebuild").unchanged);
    assert_eq!(
        desk.request(&admin, &id)
            .expect("request")
            .extension_notice_channel
            .as_deref(),
        Some("email")
    );
}

#[test]
fn the_journal_renders_for_preview_and_names_no_patient() {
    let dir = tempfile::tempdir().expect("dir");
    let mut desk = init(dir.path());
    let admin = desk.staff_by_login("admin").expect("admin");
    desk.set_clinic(&admin, &clinic()).expect("clinic");
    withdrawn_patient(&mut desk, &admin);
    let pdf = desk
        .render_journal(&admin, "01.10.2025", "24.10.2025")
        .expect("rendered");
    assert!(pdf.pages >= 1);
    assert!(pdf.bytes.starts_with(b"%PDF"));
    assert!(!pdf.title.contains("Ёлкина"), "{}", pdf.title);
}
