//! `calendar is-working-day | add-working-days | import`.
//!
//! Which calendar answers: the desk's, when the data directory has a database (it holds the years an
//! administrator imported, which may correct the built-in ones), otherwise the calendar built into
//! this version; `--builtin` asks for the built-in one explicitly. When the database exists but
//! cannot be opened (no key, wrong key) that is reported: answering from the built-in calendar instead
//! could give a deadline the desk itself would not.

use chrono::{Datelike, Weekday};
use consent_domain::Lang;
use consent_domain::calendar::{Calendar, DayKind};
use consent_service::ServiceError;
use consent_service::desk::parse_day;
use serde::Serialize;

use crate::args::CalendarCommand;
use crate::context::Context;
use crate::error::CliError;
use crate::output::{Report, day};
use crate::patient_form::read_text;
use crate::texts::{tr, yes_no};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct WorkingDayView {
    date: String,
    working: bool,
    /// `working`, `shortened`, `working_weekend`, `weekend`, `holiday`, `day_off`.
    kind: &'static str,
    weekday: &'static str,
    /// The holiday's title, for `holiday`.
    holiday: Option<String>,
    /// For `day_off`: the weekend day or holiday whose rest it takes over, when known.
    moved_from: Option<String>,
    /// `desk` or `builtin`.
    calendar: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AddedView {
    from: String,
    working_days: u32,
    date: String,
    calendar: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ImportedView {
    year: i32,
}

pub fn run(ctx: &Context, command: CalendarCommand) -> Result<Report, CliError> {
    let lang = ctx.lang;
    match command {
        CalendarCommand::IsWorkingDay(args) => {
            let date = parse_day(&args.date, "date")?;
            let (calendar, source) = calendar(ctx, args.builtin)?;
            let kind = calendar.day_kind(date).map_err(ServiceError::from)?;
            let holiday = match kind {
                DayKind::Holiday { id } => calendar
                    .year(date.year())
                    .and_then(|y| y.holiday_title(id))
                    .map(str::to_owned),
                _ => None,
            };
            let view = WorkingDayView {
                date: date.to_string(),
                working: kind.is_working(),
                kind: kind_code(kind),
                weekday: weekday_code(date.weekday()),
                moved_from: match kind {
                    DayKind::DayOff { moved_from } => moved_from.map(|d| d.to_string()),
                    _ => None,
                },
                holiday,
                calendar: source,
            };
            let text = format!(
                "{}: {}, {} — {}",
                yes_no(lang, view.working),
                day(date),
                weekday_name(lang, date.weekday()),
                kind_text(lang, kind, view.holiday.as_deref())
            );
            Ok(Report::new(&view, text))
        }
        CalendarCommand::AddWorkingDays(args) => {
            let date = parse_day(&args.date, "date")?;
            let (calendar, source) = calendar(ctx, args.builtin)?;
            let result = calendar
                .add_working_days(date, args.days)
                .map_err(ServiceError::from)?;
            let view = AddedView {
                from: date.to_string(),
                working_days: args.days,
                date: result.to_string(),
                calendar: source,
            };
            Ok(Report::new(&view, day(result)))
        }
        CalendarCommand::Import(args) => {
            let (mut desk, actor) = ctx.open_as()?;
            let xml = read_text(&args.file)?;
            let year = desk.import_calendar(&actor, &xml)?;
            let text = match lang {
                Lang::Ru => format!(
                    "Производственный календарь на {year} год загружен; сроки запросов пересчитаны."
                ),
                Lang::En => format!(
                    "The production calendar for {year} is imported; request deadlines are recomputed."
                ),
            };
            Ok(Report::new(&ImportedView { year }, text))
        }
    }
}

fn calendar(ctx: &Context, builtin: bool) -> Result<(Calendar, &'static str), CliError> {
    if builtin || !ctx.database_exists() {
        return Ok((Calendar::builtin(), "builtin"));
    }
    let desk = ctx.open()?;
    Ok((desk.calendar().clone(), "desk"))
}

fn kind_code(kind: DayKind) -> &'static str {
    match kind {
        DayKind::Working => "working",
        DayKind::Shortened => "shortened",
        DayKind::WorkingWeekend => "working_weekend",
        DayKind::Weekend => "weekend",
        DayKind::Holiday { .. } => "holiday",
        DayKind::DayOff { .. } => "day_off",
    }
}

fn kind_text(lang: Lang, kind: DayKind, holiday: Option<&str>) -> String {
    match kind {
        DayKind::Working => tr(lang, "рабочий день", "a working day").to_owned(),
        DayKind::Shortened => tr(
            lang,
            "предпраздничный (сокращённый) рабочий день",
            "a shortened pre-holiday working day",
        )
        .to_owned(),
        DayKind::WorkingWeekend => tr(
            lang,
            "рабочий день по переносу (выходной, ставший рабочим)",
            "a working day by decree (a weekend day made working)",
        )
        .to_owned(),
        DayKind::Weekend => tr(lang, "выходной день", "a weekend day").to_owned(),
        DayKind::Holiday { .. } => match (lang, holiday) {
            (Lang::Ru, Some(title)) => format!("нерабочий праздничный день ({title})"),
            (Lang::Ru, None) => "нерабочий праздничный день".to_owned(),
            (Lang::En, Some(title)) => format!("a public holiday ({title})"),
            (Lang::En, None) => "a public holiday".to_owned(),
        },
        DayKind::DayOff { moved_from } => match (lang, moved_from) {
            (Lang::Ru, Some(from)) => format!("выходной день по переносу (с {})", day(from)),
            (Lang::Ru, None) => "выходной день по переносу".to_owned(),
            (Lang::En, Some(from)) => format!("a day off moved from {}", day(from)),
            (Lang::En, None) => "a moved day off".to_owned(),
        },
    }
}

fn weekday_code(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

fn weekday_name(lang: Lang, weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => tr(lang, "понедельник", "Monday"),
        Weekday::Tue => tr(lang, "вторник", "Tuesday"),
        Weekday::Wed => tr(lang, "среда", "Wednesday"),
        Weekday::Thu => tr(lang, "четверг", "Thursday"),
        Weekday::Fri => tr(lang, "пятница", "Friday"),
        Weekday::Sat => tr(lang, "суббота", "Saturday"),
        Weekday::Sun => tr(lang, "воскресенье", "Sunday"),
    }
}
