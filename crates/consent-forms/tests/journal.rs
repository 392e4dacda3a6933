//! The journal of subject requests as a PDF report and CSV (issue 12).

mod common;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use common::tools::pdftotext_page;
use common::*;
use consent_domain::calendar::Calendar;
use consent_domain::dates::{date, instant};
use consent_domain::hlc::Hlc;
use consent_domain::ids::PatientId;
use consent_domain::journal::{Period, journal};
use consent_domain::request::{Notification, Request, RequestChannel, RequestKind};
use consent_domain::staff::StaffId;
use consent_forms::{FormTexts, JournalReport, journal_csv, journal_report};
use uuid::Uuid;

const STAFF: StaffId = StaffId::from_u128(0x6001);

fn day_of(hlc: Hlc) -> NaiveDate {
    date(1970, 1, 1) + Days::new(hlc.wall_ms / 86_400_000)
}

/// `count` access requests received through October 2025, every other one answered on 14.11.
fn requests(count: usize) -> Vec<Request> {
    (0..count)
        .map(|i| {
            let received = date(2025, 10, 1) + Days::new((i % 31) as u64);
            let request = Request::receive(
                request_id(i as u128),
                PatientId::from_uuid(Uuid::from_u128(0x1000 + i as u128)),
                RequestKind::Access,
                received,
                RequestChannel::Post,
                Default::default(),
                received,
            )
            .expect("received")
            .start(consent_domain::staff::StaffId::from_u128(0x6001))
            .expect("started");
            if i % 2 == 0 {
                request
                    .notify(Notification {
                        on: date(2025, 11, 14),
                        channel: RequestChannel::Post,
                        by: STAFF,
                    })
                    .expect("answered")
            } else {
                request
            }
        })
        .collect()
}

fn names() -> BTreeMap<StaffId, String> {
    [(STAFF, "Кузнецов Иван Петрович".to_owned())].into()
}

fn period() -> Period {
    Period::new(date(2025, 10, 1), date(2025, 10, 31)).expect("period")
}

#[test]
fn a_long_journal_breaks_into_numbered_pages_with_the_header_on_each() {
    let requests = requests(150);
    let rows = journal(
        &requests,
        period(),
        date(2025, 11, 20),
        &Calendar::builtin(),
        day_of,
    );
    let staff = names();
    let report = JournalReport {
        clinic_name: "ООО «Клиника семейной медицины»",
        period: period(),
        made_at: instant("2025-11-20T10:15:00+03:00"),
        made_by: "Кузнецов Иван Петрович",
        rows: &rows,
        staff: &staff,
    };
    let pdf = journal_report(&report, &FormTexts::builtin()).expect("pdf");
    assert!(pdf.pages >= 2, "{} pages", pdf.pages);
    assert_eq!(pdf.layout.outside_margins(), vec![]);
    assert_eq!(pdf.layout.overlaps(), vec![]);
    let text = all_text(&pdf);
    assert_has(&text, "ООО «Клиника семейной медицины»");
    assert_has(&text, "за период с 01.10.2025 по 31.10.2025");
    assert_has(&text, "Обращений: 150; исполнено в срок:");
    assert_has(&text, &format!("Страница 1 из {}", pdf.pages));
    assert_has(&text, &format!("Страница {0} из {0}", pdf.pages));
    assert_has(&text, "сформирован 20.11.2025 10:15");
    let last = flat(&pdftotext_page(&pdf.bytes, pdf.pages));
    for needle in [
        "Журнал учёта обращений субъектов персональных данных",
        "01.10.2025 – 31.10.2025",
        "Исполнено",
        "Исполнил",
    ] {
        assert!(
            last.contains(needle),
            "«{needle}» not on the last page:\n{last}"
        );
    }
    assert_eq!(
        journal_report(&report, &FormTexts::builtin())
            .expect("again")
            .bytes,
        pdf.bytes,
        "the same journal gives the same bytes"
    );

    let csv = journal_csv(&report);
    let text = String::from_utf8(csv).expect("UTF-8");
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(
        text.matches("\r\n").count(),
        151,
        "the headings and a line per request"
    );
    assert!(text.contains(";запрос сведений;почта;"));
}

#[test]
fn an_empty_period_says_so() {
    let staff = names();
    let report = JournalReport {
        clinic_name: "ООО «Клиника»",
        period: period(),
        made_at: instant("2025-11-20T10:15:00+03:00"),
        made_by: "Кузнецов Иван Петрович",
        rows: &[],
        staff: &staff,
    };
    let pdf = journal_report(&report, &FormTexts::builtin()).expect("pdf");
    assert_has(&all_text(&pdf), "За период обращений не поступало.");
    assert_eq!(pdf.pages, 1);
}
