//! The service's views as people read them: compact, aligned, labels in the chosen language, dates as
//! DD.MM.YYYY. `--json` prints the views themselves instead.

use consent_domain::Lang;
use consent_domain::purpose::Catalogue;
use consent_service::api::{
    ConsentView, DeadlineView, JournalRowView, JournalView, PatientCard, PatientSummary, QueueItem,
    RebuildView, RequestView, RestoreView, StaffView, VerifyReport,
};

use crate::output::{NONE, Table, fields, iso_day};
use crate::texts::{self, tr};

/// `ru_passport` + «2410 №654321» → «Паспорт РФ 2410 №654321».
fn document(lang: Lang, patient: &PatientSummary) -> String {
    format!(
        "{} {}",
        texts::document_kind(lang, &patient.document_kind),
        patient.document
    )
}

fn or_none(value: Option<&str>) -> String {
    value.filter(|v| !v.is_empty()).unwrap_or(NONE).to_owned()
}

pub fn summaries(lang: Lang, list: &[PatientSummary]) -> String {
    if list.is_empty() {
        return tr(lang, "Никого не найдено.", "No one found.").to_owned();
    }
    let mut table = Table::default();
    table.row([
        tr(lang, "ФИО", "Name"),
        tr(lang, "Дата рожд.", "Born"),
        tr(lang, "Телефон", "Phone"),
        tr(lang, "Документ", "Document"),
        "ID",
    ]);
    for p in list {
        table.row([
            p.name.clone(),
            iso_day(&p.birth_date),
            or_none(p.phone.as_deref()),
            document(lang, p),
            p.id.clone(),
        ]);
    }
    table.render("")
}

pub fn card(lang: Lang, card: &PatientCard) -> String {
    let p = &card.patient;
    let in_force = if card.purposes_in_force.is_empty() {
        NONE.to_owned()
    } else {
        card.purposes_in_force.join(", ")
    };
    let mut out = format!("{}\n", p.name);
    out.push_str(&fields(
        &[
            ("ID", p.id.clone()),
            (tr(lang, "Дата рождения", "Born"), iso_day(&p.birth_date)),
            (tr(lang, "Телефон", "Phone"), or_none(p.phone.as_deref())),
            (
                tr(lang, "Эл. почта", "E-mail"),
                or_none(card.email.as_deref()),
            ),
            (tr(lang, "Документ", "Document"), document(lang, p)),
            (tr(lang, "Адрес", "Address"), card.address.clone()),
            (
                tr(lang, "Несовершеннолетний", "Minor"),
                texts::yes_no(lang, card.minor).to_owned(),
            ),
            (
                tr(lang, "Представитель", "Representative"),
                or_none(card.representative.as_deref()),
            ),
            (tr(lang, "Действующие цели", "Purposes in force"), in_force),
        ],
        "  ",
    ));
    out.push('\n');
    if card.consents.is_empty() {
        out.push_str(tr(lang, "Согласий нет.\n", "No consents.\n"));
    } else {
        out.push_str(&format!(
            "{} ({}):\n",
            tr(lang, "Согласия", "Consents"),
            card.consents.len()
        ));
        for c in &card.consents {
            out.push_str(&indent(&consent(lang, c), "  "));
        }
    }
    out.push('\n');
    if card.requests.is_empty() {
        out.push_str(tr(lang, "Запросов нет.\n", "No requests.\n"));
    } else {
        out.push_str(&format!(
            "{} ({}):\n",
            tr(lang, "Запросы", "Requests"),
            card.requests.len()
        ));
        for r in &card.requests {
            out.push_str(&indent(&request(lang, r), "  "));
        }
    }
    out
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

pub fn consent(lang: Lang, c: &ConsentView) -> String {
    let mut out = format!(
        "{} {}  {}\n",
        tr(lang, "Согласие", "Consent"),
        c.id,
        texts::consent_status(lang, &c.status)
    );
    let signed = match (&c.signed_by, &c.paper_location) {
        (Some(who), Some(place)) => match lang {
            Lang::Ru => format!("{who}; бланк хранится: {place}"),
            Lang::En => format!("{who}; paper kept at: {place}"),
        },
        (Some(who), None) => who.clone(),
        _ => NONE.to_owned(),
    };
    out.push_str(&fields(
        &[
            (tr(lang, "Оформлено", "Drawn up"), iso_day(&c.drafted_on)),
            (
                tr(lang, "Действует до", "Valid until"),
                c.valid_until
                    .as_deref()
                    .map(iso_day)
                    .unwrap_or_else(|| tr(lang, "отзыва", "withdrawal").to_owned()),
            ),
            (
                tr(lang, "Редакция политики", "Policy version"),
                c.policy_version.clone(),
            ),
            (
                tr(lang, "Бланки", "Printed forms"),
                if c.forms.is_empty() {
                    NONE.to_owned()
                } else {
                    c.forms.join(", ")
                },
            ),
            (
                tr(lang, "Подпись подтвердил", "Signature confirmed by"),
                signed,
            ),
        ],
        "  ",
    ));
    out.push_str(&format!("  {}:\n", tr(lang, "Цели", "Purposes")));
    let mut table = Table::default();
    // The view lists purposes by code; people read them in the order of the policy's items.
    let catalogue = Catalogue::builtin();
    let mut purposes: Vec<_> = c.purposes.iter().collect();
    purposes.sort_by_key(|p| {
        catalogue
            .iter()
            .position(|known| known.code.as_str() == p.code)
            .unwrap_or(usize::MAX)
    });
    for p in purposes {
        let (mark, decision) = match (&p.withdrawn_by, p.decision.as_str()) {
            (Some(_), _) => ("[x]", tr(lang, "отозвано", "withdrawn").to_owned()),
            (None, "granted") => ("[+]", texts::decision(lang, "granted").to_owned()),
            (None, other) => ("[-]", texts::decision(lang, other).to_owned()),
        };
        table.row([mark.to_owned(), p.code.clone(), decision, p.title.clone()]);
    }
    out.push_str(&table.render("    "));
    out
}

/// An act of destruction in the register.
pub fn act(lang: Lang, act: &consent_service::api::ActView) -> String {
    let name = match &act.subject_name {
        Some(name) => name.clone(),
        None => tr(
            lang,
            "(ФИО удалены: срок хранения акта истёк)",
            "(name removed: the act's keeping period ended)",
        )
        .to_owned(),
    };
    let mut lines = vec![
        format!("{} {}: {name}", tr(lang, "Акт №", "Act No."), act.number),
        format!(
            "  {}: {}",
            tr(lang, "Составлен", "Drawn up"),
            act.drawn_up_on
        ),
        format!(
            "  {}: {}",
            tr(lang, "Хранить до", "Keep until"),
            act.keep_until
        ),
        format!(
            "  {}: {}",
            tr(lang, "Уничтожил", "Destroyed by"),
            act.destroyed_by
        ),
        format!("  {}: {}", tr(lang, "Запрос", "Request"), act.request_id),
        format!(
            "  {}: {}",
            tr(lang, "Категории", "Categories"),
            act.categories.join("; ")
        ),
    ];
    if act.keeping_ended {
        lines.push(format!(
            "  {}",
            tr(
                lang,
                "Срок хранения истёк: уничтожьте бумажный экземпляр акта.",
                "The keeping period ended: destroy the paper copy of the act."
            )
        ));
    }
    lines.join("\n")
}

pub fn request(lang: Lang, r: &RequestView) -> String {
    let mut out = format!(
        "{} {}  {}  {}: {}\n",
        tr(lang, "Запрос", "Request"),
        r.id,
        texts::request_kind(lang, &r.kind),
        tr(lang, "статус", "status"),
        texts::request_status(lang, &r.status)
    );
    let mut rows = vec![
        (
            tr(lang, "Получен", "Received"),
            format!(
                "{}, {}",
                iso_day(&r.received_on),
                texts::channel(lang, &r.channel)
            ),
        ),
        (tr(lang, "Пациент", "Patient"), r.patient_id.clone()),
    ];
    if !r.purposes.is_empty() {
        rows.push((tr(lang, "Цели", "Purposes"), r.purposes.join(", ")));
    }
    if r.extended {
        rows.push((
            tr(lang, "Срок продлён", "Extended"),
            texts::yes_no(lang, true).to_owned(),
        ));
    }
    out.push_str(&fields(&rows, "  "));
    out.push_str(&format!("  {}:\n", tr(lang, "Сроки", "Deadlines")));
    if r.deadlines.is_empty() {
        out.push_str(&format!("    {}\n", unknown_year(lang)));
    } else {
        let mut table = Table::default();
        for d in &r.deadlines {
            let (due, left) = deadline(lang, d);
            table.row([texts::obligation(lang, &d.obligation).to_owned(), due, left]);
        }
        out.push_str(&table.render("    "));
    }
    out
}

fn unknown_year(lang: Lang) -> &'static str {
    tr(lang, "календарь года неизвестен", "calendar year unknown")
}

fn deadline(lang: Lang, d: &DeadlineView) -> (String, String) {
    (iso_day(&d.due), texts::days_left(lang, d.working_days_left))
}

pub fn queue(lang: Lang, items: &[QueueItem]) -> String {
    if items.is_empty() {
        return tr(lang, "Очередь пуста.", "The queue is empty.").to_owned();
    }
    let mut table = Table::default();
    table.row([
        tr(lang, "Срок", "Due"),
        tr(lang, "Осталось", "Left"),
        tr(lang, "Что сделать", "To do"),
        tr(lang, "Запрос", "Request"),
        tr(lang, "Пациент", "Patient"),
        tr(lang, "В работе у", "Taken by"),
        "ID",
    ]);
    for item in items {
        let (due, left, todo) = match (&item.next, item.unknown_year) {
            (Some(d), _) => {
                let (due, left) = deadline(lang, d);
                (due, left, texts::obligation(lang, &d.obligation).to_owned())
            }
            (None, Some(year)) => (
                NONE.to_owned(),
                format!("{} ({year})", unknown_year(lang)),
                NONE.to_owned(),
            ),
            (None, None) => (NONE.to_owned(), NONE.to_owned(), NONE.to_owned()),
        };
        table.row([
            due,
            left,
            todo,
            texts::request_kind(lang, &item.kind).to_owned(),
            item.patient_name.clone(),
            item.assignee.clone().unwrap_or_else(|| NONE.to_owned()),
            item.request_id.clone(),
        ]);
    }
    table.render("")
}

/// Whether a journal row's obligation was met in time, in words.
fn timeliness(lang: Lang, row: &JournalRowView) -> String {
    let days = row
        .working_days
        .map_or_else(|| "?".to_owned(), |n| n.to_string());
    match row.timeliness.as_str() {
        "on_time" => tr(lang, "в срок", "on time").to_owned(),
        "late" => match lang {
            Lang::Ru => format!("опоздание на {days} раб. дн."),
            Lang::En => format!("late by {days} working days"),
        },
        "pending" => tr(lang, "в работе", "pending").to_owned(),
        "overdue" => match lang {
            Lang::Ru => format!("просрочено на {days} раб. дн."),
            Lang::En => format!("overdue by {days} working days"),
        },
        "unknown" => unknown_year(lang).to_owned(),
        _ => tr(
            lang,
            "дата исполнения не записана",
            "the day it was met is not recorded",
        )
        .to_owned(),
    }
}

pub fn journal(lang: Lang, view: &JournalView) -> String {
    if view.rows.is_empty() {
        return tr(
            lang,
            "За период обращений не поступало.",
            "No request was received in the period.",
        )
        .to_owned();
    }
    let mut table = Table::default();
    table.row([
        tr(lang, "Получено", "Received"),
        tr(lang, "Запрос", "Request"),
        tr(lang, "Срок", "Due"),
        tr(lang, "Исполнено", "Done on"),
        tr(lang, "Кем", "By"),
        tr(lang, "Итог", "Outcome"),
        tr(lang, "Продление", "Extension"),
        tr(lang, "Обращение", "Reference"),
    ]);
    for row in &view.rows {
        table.row([
            iso_day(&row.received_on),
            texts::request_kind(lang, &row.kind).to_owned(),
            row.deadline.as_deref().map_or(NONE.to_owned(), iso_day),
            row.done_on.as_deref().map_or(NONE.to_owned(), iso_day),
            or_none(row.done_by.as_deref()),
            timeliness(lang, row),
            or_none(row.extension_reason.as_deref()),
            row.request_ref.clone(),
        ]);
    }
    table.render("")
}

pub fn staff(lang: Lang, s: &StaffView) -> String {
    fields(
        &[
            (tr(lang, "Логин", "Login"), s.login.clone()),
            (tr(lang, "ФИО", "Name"), s.full_name.clone()),
            (tr(lang, "Роль", "Role"), texts::role(lang, &s.role)),
            ("ID", s.id.clone()),
        ],
        "",
    )
}

pub fn staff_list(lang: Lang, list: &[StaffView]) -> String {
    let mut table = Table::default();
    table.row([
        tr(lang, "Логин", "Login"),
        tr(lang, "ФИО", "Name"),
        tr(lang, "Роль", "Role"),
        tr(lang, "Активен", "Active"),
    ]);
    for s in list {
        table.row([
            s.login.clone(),
            s.full_name.clone(),
            texts::role(lang, &s.role),
            texts::yes_no(lang, s.active).to_owned(),
        ]);
    }
    table.render("")
}

pub fn verify(lang: Lang, report: &VerifyReport) -> String {
    let mut out = if report.intact {
        match lang {
            Lang::Ru => format!(
                "Журнал цел: событий {}, рабочих мест {}.\n",
                report.events, report.desks
            ),
            Lang::En => format!(
                "The ledger is intact: {} events from {} desks.\n",
                report.events, report.desks
            ),
        }
    } else {
        match lang {
            Lang::Ru => format!(
                "ЖУРНАЛ ПОВРЕЖДЁН: найдено нарушений — {} (событий {}, рабочих мест {}).\n",
                report.defects.len(),
                report.events,
                report.desks
            ),
            Lang::En => format!(
                "THE LEDGER IS DAMAGED: {} defects found ({} events, {} desks).\n",
                report.defects.len(),
                report.events,
                report.desks
            ),
        }
    };
    for defect in &report.defects {
        out.push_str(&format!("  - {defect}\n"));
    }
    out
}

pub fn rebuild(lang: Lang, view: &RebuildView) -> String {
    let mut out = match lang {
        Lang::Ru => format!(
            "Проекции пересобраны из журнала ({} событий).\n",
            view.events
        ),
        Lang::En => format!(
            "Projections rebuilt from the ledger ({} events).\n",
            view.events
        ),
    };
    out.push_str(&fields(
        &[
            (tr(lang, "Пациентов", "Patients"), view.patients.to_string()),
            (tr(lang, "Согласий", "Consents"), view.consents.to_string()),
            (tr(lang, "Запросов", "Requests"), view.requests.to_string()),
            (
                tr(lang, "Уничтожено (ключи стёрты)", "Shredded"),
                view.shredded.to_string(),
            ),
            (
                tr(lang, "Совпадают с прежними", "Same as before"),
                texts::yes_no(lang, view.unchanged).to_owned(),
            ),
        ],
        "  ",
    ));
    out
}

/// What a restore did, and what the admin should do next.
pub fn restore(lang: Lang, view: &RestoreView) -> String {
    let mut out = match lang {
        Lang::Ru => format!(
            "Рабочее место восстановлено из «{}»: событий {}, последнее событие этого места — №{}.\n",
            view.file, view.events, view.head_seq
        ),
        Lang::En => format!(
            "The desk was restored from \"{}\": {} events; this desk's newest is #{}.\n",
            view.file, view.events, view.head_seq
        ),
    };
    if view.missing_since_backup > 0 {
        let at = view.last_known_at.as_deref().unwrap_or(NONE);
        out.push_str(&match lang {
            Lang::Ru => format!(
                "В копии нет событий, записанных после неё: {} (последнее известное — от {at}). \
                 Внесите их заново по бумагам.\n",
                view.missing_since_backup
            ),
            Lang::En => format!(
                "The copy lacks the events recorded after it was made: {} (the last one known was \
                 at {at}). Enter them again from the paper records.\n",
                view.missing_since_backup
            ),
        });
    }
    if let Some(folder) = &view.replaced_into {
        out.push_str(&match lang {
            Lang::Ru => format!(
                "Прежние файлы базы перенесены в «{folder}» (зашифрованы). Удалите папку, когда \
                 убедитесь, что восстановленное место работает.\n"
            ),
            Lang::En => format!(
                "The previous database files were moved into \"{folder}\" (encrypted). Delete the \
                 folder once the restored desk is known to work.\n"
            ),
        });
    }
    if view.desk_file_written {
        out.push_str(tr(
            lang,
            "Записан desk.json. Если в хранилище ключей этого компьютера нет ключа базы, приложение \
             при запуске попросит код с листа восстановления.\n",
            "desk.json was written. If this computer's keyring does not hold the database key, the \
             app asks for the recovery sheet's code at its start.\n",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(due: &str, days: i64) -> QueueItem {
        QueueItem {
            request_id: "r".into(),
            patient_id: "p".into(),
            patient_name: "Пациент".into(),
            kind: "withdrawal".into(),
            status: "received".into(),
            received_on: "2025-10-24".into(),
            channel: "email".into(),
            extended: false,
            unknown_year: None,
            assignee: None,
            assigned_to_me: false,
            next: Some(DeadlineView {
                obligation: "stop_processing".into(),
                due: due.into(),
                working_days_left: days,
                overdue: days < 0,
            }),
        }
    }

    #[test]
    fn queue_lines_show_the_date_and_the_days_left_or_overdue() {
        let mut unknown = item("2031-01-10", 0);
        unknown.next = None;
        unknown.unknown_year = Some(2031);
        let mut taken = item("2025-11-20", 7);
        taken.assignee = Some("Менеджер Борис".into());
        let mut nothing_due = item("2025-11-20", 0);
        nothing_due.next = None;
        let text = queue(
            Lang::Ru,
            &[item("2025-11-10", -2), taken, unknown, nothing_due],
        );
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[1].starts_with("10.11.2025  ПРОСРОЧЕНО на 2 раб. дн."),
            "{text}"
        );
        assert!(lines[1].contains("прекратить обработку"), "{text}");
        assert!(
            lines[2].starts_with("20.11.2025  осталось 7 раб. дн."),
            "{text}"
        );
        assert!(lines[2].contains("Менеджер Борис"), "{text}");
        assert!(
            lines[3].contains("календарь года неизвестен (2031)"),
            "{text}"
        );
        assert!(!lines[4].contains("календарь"), "{text}");
    }

    #[test]
    fn document_codes_become_names() {
        let summary = |kind: &str, number: &str| PatientSummary {
            id: String::new(),
            name: String::new(),
            birth_date: String::new(),
            phone: None,
            document_kind: kind.to_owned(),
            document: number.to_owned(),
            blocked: false,
        };
        assert_eq!(
            document(Lang::Ru, &summary("ru_passport", "2410 №654321")),
            "Паспорт РФ 2410 №654321"
        );
        assert_eq!(document(Lang::En, &summary("other", "№1")), "Document №1");
    }
}
