//! The journal of subject requests and the queue's counts against a real desk: who may see them,
//! how a bad period is refused, what the CSV and PDF exports hold, and that they hold no patient's
//! personal data.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use common::{KEY, add_staff, clinic, patient};
use consent_domain::Lang;
use consent_service::clock::Clock;
use consent_service::{Desk, ErrorCode, GrantInput, KeyChoice, NewStaff, ReceiveInput};

/// 24.10.2025 12:00 MSK.
const OCT_24: u64 = 1_761_296_400_000;
const DAY_MS: u64 = 86_400_000;

/// A clock the test moves on, so steps happen on the days a real request's would.
struct TestClock(AtomicU64);

impl Clock for TestClock {
    fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

const PATIENT_DATA: [&str; 7] = [
    "Ёлкина",
    "Дарья",
    "Игоревна",
    "123-45-67",
    "9151234567",
    "345678",
    "elkina@example.ru",
];

struct Scene {
    _dir: tempfile::TempDir,
    desk: Desk,
    clock: Arc<TestClock>,
}

impl Scene {
    fn at(&self, days_after_oct_24: u64) {
        self.clock
            .0
            .store(OCT_24 + days_after_oct_24 * DAY_MS, Ordering::SeqCst);
    }
}

/// A withdrawal stopped two working days late and an extended access request answered in time,
/// both received on 24.10.2025; today is 12.11.2025.
fn scene() -> Scene {
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(TestClock(AtomicU64::new(OCT_24)));
    let mut desk = Desk::init(
        dir.path(),
        KeyChoice::Env(KEY.into()),
        NewStaff {
            login: "admin".into(),
            full_name: "Смирнова Ольга Викторовна".into(),
            role: "admin".into(),
        },
        clock.clone(),
        Lang::Ru,
    )
    .expect("init");
    let scene_clock = clock.clone();
    let admin = desk.staff_by_login("admin").expect("admin");
    add_staff(
        &mut desk,
        &admin,
        &[
            ("manager", "Кузнецов Иван Петрович", "manager"),
            ("reception", "Петрова Анна", "reception"),
        ],
    );
    desk.set_clinic(&admin, &clinic()).expect("clinic");
    let manager = desk.staff_by_login("manager").expect("manager");
    let card = desk.register_patient(&admin, &patient()).expect("register");
    let consent = desk
        .grant_consent(
            &admin,
            &GrantInput {
                patient: card.patient.id.clone(),
                granted: vec!["medical_account".into(), "notifications".into()],
                until: None,
            },
        )
        .expect("grant");
    let (_, form) = desk.mark_printed(&admin, &consent.id).expect("print");
    desk.mark_signed(&admin, &form, "Шкаф 2").expect("sign");
    let receive = |kind: &str, purposes: Vec<String>| ReceiveInput {
        patient: card.patient.id.clone(),
        kind: kind.into(),
        purposes,
        received_on: Some("24.10.2025".into()),
        channel: "email".into(),
        details: None,
    };
    let withdrawal = desk
        .receive_request(&admin, &receive("withdrawal", vec!["notifications".into()]))
        .expect("withdrawal");
    let access = desk
        .receive_request(&admin, &receive("access", Vec::new()))
        .expect("access");
    let mut s = Scene {
        _dir: dir,
        desk,
        clock: scene_clock,
    };
    s.at(3); // Monday 27.10
    s.desk
        .start_request(&manager, &withdrawal.id)
        .expect("start");
    s.desk.start_request(&manager, &access.id).expect("start");
    s.desk
        .extend_request(
            &manager,
            &access.id,
            "Запрошены архивные документы; ответ \"позже\"",
        )
        .expect("extend");
    s.at(19); // Wednesday 12.11: two working days after the withdrawal's 10.11
    s.desk
        .decide_purpose(&manager, &withdrawal.id, "notifications", None)
        .expect("stopped");
    s.desk
        .notify_subject(&manager, &access.id, Some("12.11.2025"), "post")
        .expect("answered");
    s
}

#[test]
fn the_journal_says_who_met_each_deadline_and_how_late() {
    let s = scene();
    let manager = s.desk.staff_by_login("manager").expect("manager");
    let view = s
        .desk
        .journal(&manager, "01.10.2025", "2025-10-31")
        .expect("journal");
    assert_eq!(
        (view.from.as_str(), view.to.as_str()),
        ("2025-10-01", "2025-10-31")
    );
    assert_eq!(view.today, "2025-11-12");
    let rows: Vec<_> = view
        .rows
        .iter()
        .map(|r| {
            (
                r.kind.as_str(),
                r.deadline.as_deref(),
                r.done_on.as_deref(),
                r.done_by.as_deref(),
                r.timeliness.as_str(),
                r.working_days,
                r.extension_days,
            )
        })
        .collect();
    let late = (
        "withdrawal",
        Some("2025-11-10"),
        Some("2025-11-12"),
        Some("Кузнецов Иван Петрович"),
        "late",
        Some(2),
        None,
    );
    let on_time = (
        "access",
        Some("2025-11-17"),
        Some("2025-11-12"),
        Some("Кузнецов Иван Петрович"),
        "on_time",
        None,
        Some(5),
    );
    assert!(rows.contains(&late) && rows.contains(&on_time), "{rows:#?}");
    assert_eq!(rows.len(), 2);
    let empty = s
        .desk
        .journal(&manager, "25.10.2025", "12.11.2025")
        .expect("journal");
    assert!(
        empty.rows.is_empty(),
        "received on 24.10, outside the period"
    );

    let counts = s.desk.queue_dashboard(&manager).expect("dashboard");
    assert_eq!(
        (
            counts.open,
            counts.due_this_week,
            counts.overdue,
            counts.done_this_month_on_time,
            counts.done_this_month_late
        ),
        (2, 0, 0, 1, 1),
        "{counts:?}"
    );
}

#[test]
fn reception_is_refused_the_journal_and_its_exports() {
    let s = scene();
    let reception = s.desk.staff_by_login("reception").expect("reception");
    let (from, to) = ("01.10.2025", "31.10.2025");
    let cases = [
        ("journal", s.desk.journal(&reception, from, to).map(drop)),
        ("csv", s.desk.journal_csv(&reception, from, to).map(drop)),
        ("pdf", s.desk.journal_pdf(&reception, from, to).map(drop)),
        ("dashboard", s.desk.queue_dashboard(&reception).map(drop)),
    ];
    for (name, result) in cases {
        let err = result.expect_err(name);
        assert_eq!(err.code(), ErrorCode::Forbidden, "{name}");
        assert!(err.message(Lang::Ru).contains("Отчёты"), "{name}");
    }
    let admin = s.desk.staff_by_login("admin").expect("admin");
    assert_eq!(
        s.desk.journal(&admin, from, to).expect("admin").rows.len(),
        2
    );
}

#[test]
fn a_bad_period_is_refused_in_both_languages_and_changes_nothing() {
    let s = scene();
    let manager = s.desk.staff_by_login("manager").expect("manager");
    let admin = s.desk.staff_by_login("admin").expect("admin");
    let events = s.desk.verify(&admin).expect("verify").events;
    let cases = [
        (
            "31.02.2025",
            "31.10.2025",
            "period start",
            "bad_date",
            "Начало периода",
        ),
        (
            "01.10.2025",
            "2025-13-01",
            "period end",
            "bad_date",
            "Конец периода",
        ),
        (
            "01.11.2025",
            "31.10.2025",
            "period",
            "period_ends_before_start",
            "раньше его начала",
        ),
        (
            "01.01.2020",
            "01.01.2025",
            "period",
            "period_too_long",
            "длиннее 5 лет",
        ),
    ];
    for (from, to, what, detail, russian) in cases {
        for result in [
            s.desk.journal(&manager, from, to).map(drop),
            s.desk.journal_csv(&manager, from, to).map(drop),
            s.desk.journal_pdf(&manager, from, to).map(drop),
        ] {
            let err = result.expect_err(what);
            assert_eq!(err.code(), ErrorCode::InvalidInput, "{from}–{to}");
            assert_eq!(err.detail(), Some(detail), "{from}–{to}");
            assert!(
                err.message(Lang::Ru).contains(russian),
                "{}",
                err.message(Lang::Ru)
            );
            assert!(
                err.message(Lang::En).starts_with(what),
                "{}",
                err.message(Lang::En)
            );
        }
    }
    assert_eq!(s.desk.verify(&admin).expect("verify").events, events);
}

/// Splits CSV text by the rules the export claims: `;`, CRLF, `"`-quoted fields with `""`.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ';') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF ends a line"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the last line ends in CRLF"
    );
    rows
}

#[test]
fn the_csv_opens_in_a_russian_excel() {
    let s = scene();
    let manager = s.desk.staff_by_login("manager").expect("manager");
    let bytes = s
        .desk
        .journal_csv(&manager, "01.10.2025", "31.10.2025")
        .expect("csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let rows = parse_csv(&text);
    assert_eq!(
        rows[0],
        consent_forms::JOURNAL_COLUMNS.map(String::from).to_vec()
    );
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.len() == 11), "{rows:#?}");
    let access = rows
        .iter()
        .find(|r| r[4] == "запрос сведений")
        .expect("access row");
    assert_eq!(access[3], "24.10.2025");
    assert_eq!(access[6], "17.11.2025");
    assert_eq!(access[7], "12.11.2025");
    assert_eq!(access[8], "Кузнецов Иван Петрович");
    assert_eq!(access[9], "в срок");
    assert_eq!(
        access[10],
        "+5 раб. дн.: Запрошены архивные документы; ответ \"позже\""
    );
    let withdrawal = rows
        .iter()
        .find(|r| r[4] == "отзыв согласия")
        .expect("withdrawal row");
    assert_eq!(withdrawal[9], "с опозданием на 2 раб. дн.");
    assert_eq!(withdrawal[5], "эл. почта");
}

/// The text in reading order (table cells whole), blanks and line breaks folded into one space.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.pdf");
    std::fs::write(&path, bytes).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed; cargo xtask test installs it");
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8(out.stdout).expect("utf-8 text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_pdf_names_the_clinic_and_the_period_in_russian() {
    let s = scene();
    let manager = s.desk.staff_by_login("manager").expect("manager");
    let bytes = s
        .desk
        .journal_pdf(&manager, "01.10.2025", "31.10.2025")
        .expect("pdf");
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(&bytes);
    for needle in [
        "ООО «Клиника семейной медицины»",
        "Журнал учёта обращений субъектов персональных данных",
        "с 01.10.2025 по 31.10.2025",
        "Обращений: 2; исполнено в срок: 1; с опозданием: 1",
        "отзыв согласия",
        "с опозданием на 2 раб. дн.",
        "Кузнецов Иван Петрович",
        "сформирован 12.11.2025",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
}

#[test]
fn no_export_holds_a_patients_name_phone_or_document() {
    let s = scene();
    let manager = s.desk.staff_by_login("manager").expect("manager");
    let (from, to) = ("01.10.2025", "31.10.2025");
    let csv =
        String::from_utf8(s.desk.journal_csv(&manager, from, to).expect("csv")).expect("UTF-8");
    let pdf = pdf_text(&s.desk.journal_pdf(&manager, from, to).expect("pdf"));
    let json =
        serde_json::to_string(&s.desk.journal(&manager, from, to).expect("journal")).expect("json");
    // The pseudonymous references are there instead.
    let reference = &s.desk.journal(&manager, from, to).expect("journal").rows[0].patient_ref;
    for (name, text) in [("csv", &csv), ("pdf", &pdf), ("json", &json)] {
        assert!(text.contains(reference.as_str()), "{name} names the record");
        for data in PATIENT_DATA {
            assert!(!text.contains(data), "{name} holds «{data}»");
        }
    }
}
