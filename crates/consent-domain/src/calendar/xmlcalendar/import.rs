//! xmlcalendar document → [`YearCalendar`], refusing anything doubtful.
//!
//! A wrong calendar silently moves legal deadlines, so the import is strict: unknown
//! elements and attributes, duplicates, impossible dates, a working weekend day on a
//! weekday or a public holiday made working are all errors, never skipped.
//!
//! The XML itself is read by roxmltree, with DTDs refused: no entity is ever declared, so
//! none can expand (billion laughs) or fetch a file. What xmlcalendar does not use and
//! roxmltree accepts (text content, CDATA, namespaces) is refused here.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use roxmltree::{Document, Node, ParsingOptions};

use super::super::year::{Entry, YearCalendar};
use super::super::{ImportError, Provenance, statutory};

/// More nodes than this cannot be a calendar (a year has 366 days, each one element and the
/// indentation after it); the limit bounds what a hostile file makes the parser allocate,
/// and how deep it can nest.
const MAX_NODES: u32 = 10_000;

type Element<'a, 'input> = Node<'a, 'input>;

pub(in super::super) fn import(text: &str) -> Result<YearCalendar, ImportError> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options).map_err(|e| malformed(&e))?;
    no_text(&document)?;
    let root = document.root_element();
    if name(root) != "calendar" {
        return Err(ImportError::NotACalendar {
            found: name(root).to_owned(),
        });
    }
    allow_attributes(root, "calendar", &["year", "lang", "date", "country"])?;
    let year = parse_year(required(root, "calendar", "year")?)?;
    if let Some(country) = root.attribute("country").filter(|&c| c != "ru") {
        return Err(ImportError::WrongCountry {
            value: country.to_owned(),
        });
    }

    let mut holidays_element = None;
    let mut days_element = None;
    for child in elements(root) {
        let (element, slot) = match name(child) {
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

fn parse_holidays(element: Element) -> Result<BTreeMap<u8, String>, ImportError> {
    allow_attributes(element, "holidays", &[])?;
    let mut holidays = BTreeMap::new();
    for holiday in elements(element) {
        if name(holiday) != "holiday" {
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
    element: Element,
    year: i32,
    holidays: &BTreeMap<u8, String>,
) -> Result<BTreeMap<NaiveDate, Entry>, ImportError> {
    allow_attributes(element, "days", &[])?;
    let mut entries = BTreeMap::new();
    for day_element in elements(element) {
        if name(day_element) != "day" {
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
    element: Element,
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

fn required<'a>(
    element: Element<'a, '_>,
    name: &'static str,
    attribute: &'static str,
) -> Result<&'a str, ImportError> {
    element
        .attribute(attribute)
        .ok_or(ImportError::MissingAttribute {
            element: name,
            attribute,
        })
}

/// Every attribute, and every namespace declaration, must be one the format defines. Names are
/// compared as written, prefix included, so `xml:lang` is not taken for `lang`.
fn allow_attributes(
    element: Element,
    name: &'static str,
    allowed: &[&str],
) -> Result<(), ImportError> {
    let unknown = |attribute: String| ImportError::UnknownAttribute {
        element: name,
        attribute,
    };
    // roxmltree lists the declarations in scope, so one made on an ancestor is met there first.
    if let Some(namespace) = element
        .namespaces()
        .find(|namespace| namespace.name() != Some("xml"))
    {
        return Err(unknown(match namespace.name() {
            Some(prefix) => format!("xmlns:{prefix}"),
            None => "xmlns".to_owned(),
        }));
    }
    let source = element.document().input_text();
    match element
        .attributes()
        .map(|attribute| &source[attribute.range_qname()])
        .find(|key| !allowed.contains(key))
    {
        Some(key) => Err(unknown(key.to_owned())),
        None => Ok(()),
    }
}

fn no_children(element: Element) -> Result<(), ImportError> {
    match elements(element).next() {
        Some(child) => Err(unexpected(child, name(element))),
        None => Ok(()),
    }
}

fn unexpected(element: Element, parent: &str) -> ImportError {
    ImportError::UnexpectedElement {
        element: name(element).to_owned(),
        parent: parent.to_owned(),
    }
}

/// The child elements; comments and processing instructions are skipped, and text was refused
/// by [`no_text`].
fn elements<'a, 'input>(element: Element<'a, 'input>) -> impl Iterator<Item = Element<'a, 'input>> {
    element.children().filter(Node::is_element)
}

/// The element's name as written in the file, prefix included, so `<x:day>` is not a `<day>`.
fn name<'input>(element: Element<'_, 'input>) -> &'input str {
    let source = &element.document().input_text()[element.range()];
    let tag = source.strip_prefix('<').unwrap_or(source);
    let end = tag
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(tag.len());
    &tag[..end]
}

/// xmlcalendar puts nothing between tags but indentation; any other text (CDATA included) is
/// refused, pointing at its first character.
fn no_text(document: &Document) -> Result<(), ImportError> {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    for node in document.descendants().filter(Node::is_text) {
        if node.text().unwrap_or_default().chars().all(is_space) {
            continue;
        }
        // Adjacent text and CDATA are one node: point at the first character that is not space.
        let range = node.range();
        let offset = document.input_text()[range.clone()]
            .find(|c: char| !is_space(c))
            .unwrap_or(0);
        return Err(at(
            document.text_pos_at(range.start + offset),
            "text content is not allowed",
        ));
    }
    Ok(())
}

/// roxmltree's refusal as the import's own error: the position, and a fixed English reason
/// (a reason never quotes the file).
fn malformed(error: &roxmltree::Error) -> ImportError {
    use roxmltree::Error as E;
    // No wildcard: a variant added by a newer roxmltree must be given its reason here.
    let reason = match error {
        E::DtdDetected | E::InvalidExternalID(_) => "DOCTYPE declarations are not supported",
        E::UnknownEntityReference(..) => "unknown entity",
        E::MalformedEntityReference(_) => "'&' must start an entity such as &amp;",
        E::UnexpectedEntityCloseTag(_) | E::EntityReferenceLoop(_) | E::EntityResolver(..) => {
            "entity cannot be resolved"
        }
        E::InvalidXmlPrefixUri(_)
        | E::UnexpectedXmlUri(_)
        | E::UnexpectedXmlnsUri(_)
        | E::InvalidElementNamePrefix(_)
        | E::DuplicatedNamespace(..)
        | E::UnknownNamespace(..) => "invalid namespace",
        E::UnexpectedCloseTag(..) => "closing tag does not match the open element",
        E::InvalidAttributeValue(_) => "'<' is not allowed in an attribute value",
        E::DuplicatedAttribute(..) => "duplicate attribute",
        E::NoRootNode => "expected the root element",
        E::UnclosedRootNode => "element is not closed",
        E::UnexpectedEndOfStream => "the document ends too early",
        E::UnexpectedDeclaration(_) => "the XML declaration is not at the start",
        E::NodesLimitReached | E::AttributesLimitReached | E::NamespacesLimitReached => {
            "too many nodes for a calendar"
        }
        E::InvalidName(_) => "expected a name",
        E::NonXmlChar(..) => "a character XML does not allow",
        E::InvalidChar(..) | E::InvalidChar2(..) | E::InvalidString(..) => "unexpected character",
        E::UnknownToken(_) => "unexpected content",
        E::InvalidComment(_) => "'--' inside a comment",
        E::InvalidCharacterData(_) => "']]>' is not allowed in text",
    };
    at(error.pos(), reason)
}

fn at(position: roxmltree::TextPos, reason: &'static str) -> ImportError {
    let number = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    ImportError::MalformedXml {
        line: number(position.row),
        column: number(position.col),
        reason,
    }
}
