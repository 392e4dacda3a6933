//! The journal of subject requests for an inspection (issue 12), as a PDF report and as CSV for a
//! spreadsheet, worded once here so both say the same.
//!
//! **No personal data of patients**: both exports end up on disk in plaintext, and the journal only
//! has to prove timeliness, so a subject is named by pseudonymous references, the request's and the
//! patient record's ([`reference`]: the random tail of their ids), which find them in the desk and
//! nowhere else. Staff names (who met the obligation) are printed. The input carries no patient
//! data at all ([`JournalRow`] holds ids, dates and codes), so none can leak by mistake.
//!
//! The layout engine sets A4 portrait only (its page geometry is fixed), so the eleven columns are
//! set small (6.5 pt) rather than on a landscape page.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use consent_domain::journal::{JournalRow, Period, Timeliness};
use consent_domain::request::{EXTENSION_WORKING_DAYS, RequestChannel, RequestKind};
use consent_domain::staff::StaffId;
use uuid::Uuid;

use super::common::{finish_pdf, printable, required};
use crate::Pdf;
use crate::error::FormError;
use crate::fonts::Fonts;
use crate::format;
use crate::layout::{Align, Cell, Flow, Span, Style, Table};
use crate::metadata::Metadata;
use crate::texts::FormTexts;

/// The report's title.
pub const JOURNAL_TITLE: &str = "Журнал учёта обращений субъектов персональных данных";

/// The column headings of both exports.
pub const JOURNAL_COLUMNS: [&str; 11] = [
    "№",
    "Обращение",
    "Карта",
    "Получено",
    "Вид",
    "Способ",
    "Срок",
    "Исполнено",
    "Исполнил",
    "Соблюдение срока",
    "Продление, причина",
];

/// What the journal is printed from.
#[derive(Debug, Clone, Copy)]
pub struct JournalReport<'a> {
    pub clinic_name: &'a str,
    pub period: Period,
    /// When the report was made (the desk's clock), in the clinic's offset.
    pub made_at: DateTime<FixedOffset>,
    /// Who made it.
    pub made_by: &'a str,
    pub rows: &'a [JournalRow<'a>],
    /// Staff names by id; an id not here is printed as the id.
    pub staff: &'a BTreeMap<StaffId, String>,
}

/// A pseudonymous reference to a request or a patient record: the last 12 hex digits of its id,
/// which are random in the desk's UUIDv7 ids (their head is a timestamp shared by ids made
/// together), so references in a journal of 50,000 requests do not repeat in practice.
pub fn reference(id: &Uuid) -> String {
    let hex = id.simple().to_string();
    hex[hex.len() - 12..].to_owned()
}

fn kind_ru(kind: &RequestKind) -> &'static str {
    match kind {
        RequestKind::Withdrawal(_) => "отзыв согласия",
        RequestKind::Access => "запрос сведений",
        RequestKind::Correction => "уточнение данных",
        RequestKind::Blocking => "блокирование",
        RequestKind::Claim => "претензия",
    }
}

fn channel_ru(channel: RequestChannel) -> &'static str {
    match channel {
        RequestChannel::InPerson => "лично",
        RequestChannel::Email => "эл. почта",
        RequestChannel::Post => "почта",
    }
}

fn days(n: Option<u32>) -> String {
    match n {
        Some(n) => format!("{n} раб. дн."),
        None => "? раб. дн. (нет календаря на часть срока)".to_owned(),
    }
}

fn timeliness_ru(timeliness: Timeliness) -> String {
    match timeliness {
        Timeliness::OnTime => "в срок".to_owned(),
        Timeliness::Late { working_days } => format!("с опозданием на {}", days(working_days)),
        Timeliness::Pending => "не исполнено, срок не истёк".to_owned(),
        Timeliness::Overdue { working_days } => {
            format!("не исполнено, просрочено на {}", days(working_days))
        }
        Timeliness::Unknown { year } => {
            format!("срок неизвестен: нет производственного календаря на {year} год")
        }
        Timeliness::NotRecorded => {
            "исполнено, дата не записана (перестройте проекции: consentctl rebuild)".to_owned()
        }
    }
}

/// The eleven cells of each row, in [`JOURNAL_COLUMNS`] order.
fn cells(report: &JournalReport<'_>) -> Vec<[String; 11]> {
    let name = |id: StaffId| {
        report
            .staff
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    report
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let r = row.request;
            [
                (i + 1).to_string(),
                reference(r.id.as_uuid()),
                reference(r.patient.as_uuid()),
                format::date(r.received_on),
                kind_ru(&r.kind).to_owned(),
                channel_ru(r.channel).to_owned(),
                match row.deadline {
                    Ok(due) => format::date(due),
                    Err(_) => "—".to_owned(),
                },
                row.done.map_or("—".to_owned(), |d| format::date(d.on)),
                row.done.map_or("—".to_owned(), |d| name(d.by)),
                timeliness_ru(row.timeliness),
                match &r.extension {
                    Some(e) => format!("+{EXTENSION_WORKING_DAYS} раб. дн.: {}", e.reason),
                    None => "—".to_owned(),
                },
            ]
        })
        .collect()
}

fn period_line(period: Period) -> String {
    format!(
        "за период с {} по {} (по дате получения обращения)",
        format::date(period.from()),
        format::date(period.to())
    )
}

/// The PDF report: the clinic and the period on top, the table with its header on every page,
/// «Страница N из M» in the footer.
pub fn journal_report(report: &JournalReport<'_>, texts: &FormTexts) -> Result<Pdf, FormError> {
    required("journal.clinic_name", report.clinic_name)?;
    printable("journal.clinic_name", report.clinic_name.trim())?;
    printable("journal.made_by", report.made_by)?;
    let clinic = report.clinic_name.trim();
    let mut flow = Flow::new(Fonts::get()?);
    flow.set_running_header(
        format!("{clinic} · {JOURNAL_TITLE}"),
        format!(
            "{} – {}",
            format::date(report.period.from()),
            format::date(report.period.to())
        ),
    );
    let centred = Style::BODY.align(Align::Center);
    flow.paragraph(&[Span::bold(clinic)], centred.size(11.0).after(4.0));
    flow.paragraph(&[Span::bold(JOURNAL_TITLE)], centred.size(13.0).after(1.0));
    flow.paragraph(
        &[Span::regular(period_line(report.period))],
        centred.size(10.0).after(6.0),
    );
    let rows = cells(report);
    let mut on_time = 0;
    let mut late = 0;
    let mut overdue = 0;
    for row in report.rows {
        match row.timeliness {
            Timeliness::OnTime => on_time += 1,
            Timeliness::Late { .. } => late += 1,
            Timeliness::Overdue { .. } => overdue += 1,
            _ => {}
        }
    }
    flow.paragraph(
        &[Span::regular(format!(
            "Обращений: {}; исполнено в срок: {on_time}; с опозданием: {late}; не исполнено \
             и просрочено: {overdue}. Срок — по основной обязанности (прекращение обработки, \
             ответ, уточнение, блокирование), с учётом продления; рабочие дни — по \
             производственному календарю. Пациенты обозначены номерами обращения и карты, без \
             персональных данных.",
            report.rows.len()
        ))],
        Style::SMALL.size(8.0).after(6.0),
    );
    if rows.is_empty() {
        flow.paragraph(
            &[Span::regular("За период обращений не поступало.")],
            Style::BODY,
        );
    } else {
        let centre = |text: &str| Cell::text(text).align(Align::Center);
        flow.table(&Table {
            // Sized so a date, a reference and the longest word of each column fit on one line.
            widths: vec![
                0.035, 0.105, 0.105, 0.085, 0.09, 0.075, 0.085, 0.085, 0.11, 0.115, 0.115,
            ],
            header: JOURNAL_COLUMNS.iter().map(|h| Cell::bold(*h)).collect(),
            rows: rows
                .into_iter()
                .map(|row| {
                    let [
                        n,
                        req,
                        pat,
                        received,
                        kind,
                        channel,
                        due,
                        done,
                        by,
                        timely,
                        ext,
                    ] = row;
                    vec![
                        centre(&n),
                        Cell::text(req),
                        Cell::text(pat),
                        centre(&received),
                        Cell::text(kind),
                        Cell::text(channel),
                        centre(&due),
                        centre(&done),
                        Cell::text(by),
                        Cell::text(timely),
                        Cell::text(ext),
                    ]
                })
                .collect(),
            size: 6.5,
            name: "a row of the journal",
        })?;
    }
    let footer = format!(
        "{JOURNAL_TITLE} · сформирован {} · {}",
        format::date_time(report.made_at),
        report.made_by.trim()
    );
    let meta = Metadata::document(
        format!("{JOURNAL_TITLE} {}", period_line(report.period)),
        "Журнал обращений субъектов персональных данных (152-ФЗ, ст. 14, 20, 21) для проверки",
        clinic,
        "consent-desk:journal".to_owned(),
        document_id(report),
        report.made_at,
    );
    finish_pdf(flow, &footer, texts, meta)
}

/// A stable file id from what the report is (the same input gives the same bytes).
fn document_id(report: &JournalReport<'_>) -> [u8; 16] {
    let mut id = [0u8; 16];
    let days = |d: NaiveDate| (d - NaiveDate::MIN).num_days() as u32;
    id[..4].copy_from_slice(&days(report.period.from()).to_be_bytes());
    id[4..8].copy_from_slice(&days(report.period.to()).to_be_bytes());
    id[8..].copy_from_slice(&report.made_at.timestamp_millis().to_be_bytes());
    id
}

/// The journal as CSV for Excel on a Russian Windows: UTF-8 with a byte-order mark, `;` between
/// fields, CRLF line ends, a field quoted when it holds `;`, `"`, a line break or starts or ends
/// with a blank (quotes doubled), dates as ДД.ММ.ГГГГ, the Russian headings first.
pub fn journal_csv(report: &JournalReport<'_>) -> Vec<u8> {
    let rows = cells(report);
    let mut out = String::with_capacity(128 * (rows.len() + 1));
    out.push('\u{feff}');
    let mut line = |fields: &mut dyn Iterator<Item = &str>| {
        for (i, field) in fields.enumerate() {
            if i > 0 {
                out.push(';');
            }
            csv_field(&mut out, field);
        }
        out.push_str("\r\n");
    };
    line(&mut JOURNAL_COLUMNS.iter().copied());
    for row in &rows {
        line(&mut row.iter().map(String::as_str));
    }
    out.into_bytes()
}

fn csv_field(out: &mut String, field: &str) {
    let quote = field.contains([';', '"', '\n', '\r'])
        || field.starts_with(char::is_whitespace)
        || field.ends_with(char::is_whitespace);
    if quote {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_they_must_be() {
        let cases = [
            ("plain", "в срок", "в срок"),
            ("semicolon", "a;b", "\"a;b\""),
            ("quote", "«x» \"y\"", "\"«x» \"\"y\"\"\""),
            ("line break", "a\r\nb", "\"a\r\nb\""),
            ("leading blank", " a", "\" a\""),
            ("empty", "", ""),
        ];
        for (name, field, expected) in cases {
            let mut out = String::new();
            csv_field(&mut out, field);
            assert_eq!(out, expected, "{name}");
        }
    }

    #[test]
    fn a_reference_is_the_random_tail_of_an_id() {
        let id = Uuid::parse_str("01928f3a-1b2c-7d4e-8f60-123456789abc").expect("uuid");
        assert_eq!(reference(&id), "123456789abc");
    }
}
