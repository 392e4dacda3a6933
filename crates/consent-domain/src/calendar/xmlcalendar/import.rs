//! xmlcalendar document → [`YearCalendar`], refusing anything doubtful.
//!
//! A wrong calendar silently moves legal deadlines, so the import is strict: unknown
//! elements and attributes, duplicates, impossible dates, a working weekend day on a
//! weekday or a public holiday made working are all errors, never skipped.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::super::year::{Entry, YearCalendar};
use super::super::{ImportError, Provenance, statutory};
use super::xml::{self, Element};

pub(in super::super) fn import(text: &str) -> Result<YearCalendar, ImportError> {
    let root = xml::parse(text)?;
    if root.name != "calendar" {
        return Err(ImportError::NotACalendar { found: root.name });
    }
    allow_attributes(&root, "calendar", &["year", "lang", "date", "country"])?;
    let year = parse_year(required(&root, "calendar", "year")?)?;
    if let Some(country) = root.attribute("country").filter(|&c| c != "ru") {
        return Err(ImportError::WrongCountry {
            value: country.to_owned(),
        });
    }

    let mut holidays_element = None;
    let mut days_element = None;
    for child in &root.children {
        let (element, slot) = match child.name.as_str() {
            "holidays" => ("holidays", &mut holidays_element),
            "days" => ("days", &mut days_element),
            _ => return Err(unexpected(child, "calendar")),
        };
        if slot.replace(child).is_some() {
            return Err(ImportError::RepeatedElement { element });
        }
    }
    let holidays = match holidays_element {
        Some(element) => parse_holidays(element)?,
        None => BTreeMap::new(),
    };
    let days = days_element.ok_or(ImportError::MissingDays)?;

    let calendar = YearCalendar {
        year,
        provenance: Provenance::Imported {
            generated: root.attribute("date").map(str::to_owned),
        },
        entries: parse_days(days, year, &holidays)?,
        holidays,
    };
    calendar.validate()?;
    Ok(calendar)
}

fn parse_year(value: &str) -> Result<i32, ImportError> {
    value
        .parse::<i32>()
        .ok()
        .filter(|_| value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()))
        .filter(|year| (statutory::FIRST_YEAR..=statutory::LAST_YEAR).contains(year))
        .ok_or_else(|| ImportError::InvalidYear {
            value: value.to_owned(),
        })
}

fn parse_holidays(element: &Element) -> Result<BTreeMap<u8, String>, ImportError> {
    allow_attributes(element, "holidays", &[])?;
    let mut holidays = BTreeMap::new();
    for holiday in &element.children {
        if holiday.name != "holiday" {
            return Err(unexpected(holiday, "holidays"));
        }
        no_children(holiday)?;
        allow_attributes(holiday, "holiday", &["id", "title"])?;
        let raw_id = required(holiday, "holiday", "id")?;
        let id = parse_holiday_id(raw_id).ok_or_else(|| ImportError::InvalidHolidayId {
            value: raw_id.to_owned(),
        })?;
        let title = required(holiday, "holiday", "title")?;
        if holidays.insert(id, title.to_owned()).is_some() {
            return Err(ImportError::DuplicateHolidayId { id });
        }
    }
    Ok(holidays)
}

fn parse_days(
    element: &Element,
    year: i32,
    holidays: &BTreeMap<u8, String>,
) -> Result<BTreeMap<NaiveDate, Entry>, ImportError> {
    allow_attributes(element, "days", &[])?;
    let mut entries = BTreeMap::new();
    for day_element in &element.children {
        if day_element.name != "day" {
            return Err(unexpected(day_element, "days"));
        }
        no_children(day_element)?;
        allow_attributes(day_element, "day", &["d", "t", "h", "f"])?;
        let day = parse_month_day(year, required(day_element, "day", "d")?)?;
        let entry = parse_entry(day_element, day, year, holidays)?;
        if entries.insert(day, entry).is_some() {
            return Err(ImportError::DuplicateDay { day });
        }
    }
    Ok(entries)
}

fn parse_entry(
    element: &Element,
    day: NaiveDate,
    year: i32,
    holidays: &BTreeMap<u8, String>,
) -> Result<Entry, ImportError> {
    let day_type = required(element, "day", "t")?;
    let holiday = element.attribute("h");
    let moved_from = element.attribute("f");
    let working = match day_type {
        "1" => None,
        "2" => Some(Entry::Shortened),
        "3" => Some(Entry::WorkingWeekend),
        _ => {
            return Err(ImportError::UnknownDayType {
                day,
                value: day_type.to_owned(),
            });
        }
    };
    if let Some(entry) = working {
        let attribute = match (holiday, moved_from) {
            (Some(_), _) => "h",
            (None, Some(_)) => "f",
            (None, None) => return Ok(entry),
        };
        return Err(ImportError::AttributeOnWorkingDay { day, attribute });
    }
    let holiday = holiday
        .map(|value| {
            parse_holiday_id(value)
                .filter(|id| holidays.contains_key(id))
                .ok_or_else(|| ImportError::UnknownHolidayRef {
                    day,
                    value: value.to_owned(),
                })
        })
        .transpose()?;
    let moved_from = moved_from
        .map(|value| parse_month_day(year, value))
        .transpose()?;
    Ok(Entry::DayOff {
        holiday,
        moved_from,
    })
}

/// `MM.DD` with exactly two digits each, naming a date that exists in `year`.
fn parse_month_day(year: i32, value: &str) -> Result<NaiveDate, ImportError> {
    let invalid = || ImportError::InvalidDay {
        value: value.to_owned(),
    };
    let bytes = value.as_bytes();
    let well_formed = bytes.len() == 5
        && bytes[2] == b'.'
        && [0, 1, 3, 4].iter().all(|&i| bytes[i].is_ascii_digit());
    if !well_formed {
        return Err(invalid());
    }
    let number = |i: usize| (bytes[i] - b'0') * 10 + (bytes[i + 1] - b'0');
    NaiveDate::from_ymd_opt(year, number(0).into(), number(3).into()).ok_or_else(invalid)
}

fn parse_holiday_id(value: &str) -> Option<u8> {
    value
        .parse::<u8>()
        .ok()
        .filter(|&id| id > 0 && value.bytes().all(|b| b.is_ascii_digit()))
}

fn required<'e>(
    element: &'e Element,
    name: &'static str,
    attribute: &'static str,
) -> Result<&'e str, ImportError> {
    element
        .attribute(attribute)
        .ok_or(ImportError::MissingAttribute {
            element: name,
            attribute,
        })
}

fn allow_attributes(
    element: &Element,
    name: &'static str,
    allowed: &[&str],
) -> Result<(), ImportError> {
    match element
        .attributes
        .iter()
        .find(|(key, _)| !allowed.contains(&key.as_str()))
    {
        Some((key, _)) => Err(ImportError::UnknownAttribute {
            element: name,
            attribute: key.clone(),
        }),
        None => Ok(()),
    }
}

fn no_children(element: &Element) -> Result<(), ImportError> {
    match element.children.first() {
        Some(child) => Err(unexpected(child, &element.name)),
        None => Ok(()),
    }
}

fn unexpected(element: &Element, parent: &str) -> ImportError {
    ImportError::UnexpectedElement {
        element: element.name.clone(),
        parent: parent.to_owned(),
    }
}
