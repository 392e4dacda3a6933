//! Every way an xmlcalendar import is refused, and that a refusal changes nothing.

use std::collections::HashSet;
use std::mem::discriminant;

use crate::dates::date;

use super::super::ImportError::{self, *};
use super::{builtin, edit, xml_2025};

fn malformed(line: usize, column: usize, reason: &'static str) -> ImportError {
    MalformedXml {
        line,
        column,
        reason,
    }
}

/// The classic entity-expansion bomb: ten levels of ten references, 10^9 "lol"s if expanded.
const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE calendar [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<calendar year="2025"><holidays><holiday id="1" title="&lol9;"/></holidays><days/></calendar>"#;

/// (case, document, expected error). Edited cases start from the valid built-in 2025.
fn cases() -> Vec<(&'static str, String, ImportError)> {
    let base = xml_2025();
    let day = |from: &str, to: &str| edit(&base, from, to);
    let s = |text: &str| text.to_owned();
    vec![
        // Not XML, or XML beyond the subset xmlcalendar uses.
        ("empty", s(""), malformed(1, 1, "expected the root element")),
        (
            "plain text",
            s("hello"),
            malformed(1, 1, "unexpected content"),
        ),
        (
            "unclosed root",
            s(r#"<calendar year="2025">"#),
            malformed(1, 1, "element is not closed"),
        ),
        (
            "mismatched closing tag",
            s(r#"<calendar year="2025"></days>"#),
            malformed(1, 23, "closing tag does not match the open element"),
        ),
        (
            "duplicate attribute",
            s(r#"<calendar year="2025" year="2026"/>"#),
            malformed(1, 23, "duplicate attribute"),
        ),
        (
            "unquoted attribute",
            s("<calendar year=2025/>"),
            malformed(1, 16, "unexpected character"),
        ),
        (
            "attributes not separated",
            s(r#"<calendar year="2025"lang="ru"/>"#),
            malformed(1, 22, "unexpected character"),
        ),
        (
            "less-than in a value",
            s(r#"<calendar year="20<25"/>"#),
            malformed(1, 19, "unexpected character"),
        ),
        (
            "unknown entity",
            day("Новогодние каникулы", "Новогодние &nbsp; каникулы"),
            malformed(4, 43, "unknown entity"),
        ),
        (
            "text content",
            day("<days>", "<days>junk"),
            malformed(13, 11, "text content is not allowed"),
        ),
        (
            "CDATA",
            day("<days>", "<days><![CDATA[x]]>"),
            malformed(13, 11, "text content is not allowed"),
        ),
        (
            "DOCTYPE",
            s("<!DOCTYPE calendar><calendar/>"),
            malformed(1, 1, "DOCTYPE declarations are not supported"),
        ),
        (
            "unclosed comment",
            s("<!-- calendar"),
            malformed(1, 14, "unexpected character"),
        ),
        (
            "second root",
            s(r#"<calendar year="2025"/><calendar/>"#),
            malformed(1, 24, "unexpected content"),
        ),
        (
            "nesting bomb",
            format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000)),
            malformed(1, 1, "too many nodes for a calendar"),
        ),
        // A DTD is refused before anything in it is read, so no entity expands (billion laughs)
        // and no external file is fetched.
        (
            "billion laughs",
            s(BILLION_LAUGHS),
            malformed(1, 1, "DOCTYPE declarations are not supported"),
        ),
        (
            "external entity",
            s(r#"<?xml version="1.0"?>
<!DOCTYPE calendar [<!ENTITY year SYSTEM "file:///etc/hostname">]>
<calendar year="&year;"><days/></calendar>"#),
            malformed(1, 1, "DOCTYPE declarations are not supported"),
        ),
        (
            "namespace declared",
            day(r#"lang="ru""#, r#"lang="ru" xmlns="urn:x""#),
            UnknownAttribute {
                element: "calendar",
                attribute: s("xmlns"),
            },
        ),
        (
            "prefixed attribute",
            day(
                r#"<day d="03.07" t="2"/>"#,
                r#"<day d="03.07" t="2" xml:lang="ru"/>"#,
            ),
            UnknownAttribute {
                element: "day",
                attribute: s("xml:lang"),
            },
        ),
        (
            "entity in text",
            day("<days>", "<days>&amp;"),
            malformed(13, 11, "text content is not allowed"),
        ),
        // Well-formed, but not an xmlcalendar document.
        (
            "other root",
            s("<kalendar/>"),
            NotACalendar {
                found: s("kalendar"),
            },
        ),
        (
            "missing year",
            day(r#"year="2025" "#, ""),
            MissingAttribute {
                element: "calendar",
                attribute: "year",
            },
        ),
        (
            "year not a number",
            day(r#"year="2025""#, r#"year="abc""#),
            InvalidYear { value: s("abc") },
        ),
        (
            "five-digit year",
            day(r#"year="2025""#, r#"year="20255""#),
            InvalidYear { value: s("20255") },
        ),
        (
            "year before Art. 112 wording",
            day(r#"year="2025""#, r#"year="2012""#),
            InvalidYear { value: s("2012") },
        ),
        (
            "year too far",
            day(r#"year="2025""#, r#"year="2101""#),
            InvalidYear { value: s("2101") },
        ),
        (
            "signed year",
            day(r#"year="2025""#, r#"year="+202""#),
            InvalidYear { value: s("+202") },
        ),
        (
            "Belarus calendar",
            day(r#"country="ru""#, r#"country="by""#),
            WrongCountry { value: s("by") },
        ),
        (
            "unknown root attribute",
            day(r#"lang="ru""#, r#"lang="ru" region="77""#),
            UnknownAttribute {
                element: "calendar",
                attribute: s("region"),
            },
        ),
        (
            "no days",
            s(r#"<calendar year="2025"><holidays/></calendar>"#),
            MissingDays,
        ),
        (
            "days twice",
            day("</days>", "</days>\n<days></days>"),
            RepeatedElement { element: "days" },
        ),
        (
            "unknown section",
            day("<days>", "<months/><days>"),
            UnexpectedElement {
                element: s("months"),
                parent: s("calendar"),
            },
        ),
        (
            "unknown element in days",
            day(r#"<day d="03.07" t="2"/>"#, "<week/>"),
            UnexpectedElement {
                element: s("week"),
                parent: s("days"),
            },
        ),
        (
            "element inside a day",
            day(
                r#"<day d="03.07" t="2"/>"#,
                r#"<day d="03.07" t="2"><x/></day>"#,
            ),
            UnexpectedElement {
                element: s("x"),
                parent: s("day"),
            },
        ),
        // Holidays.
        (
            "holiday id zero",
            day(r#"<holiday id="2" "#, r#"<holiday id="0" "#),
            InvalidHolidayId { value: s("0") },
        ),
        (
            "holiday id too big",
            day(r#"<holiday id="2" "#, r#"<holiday id="256" "#),
            InvalidHolidayId { value: s("256") },
        ),
        (
            "holiday id twice",
            day(r#"<holiday id="2" "#, r#"<holiday id="1" "#),
            DuplicateHolidayId { id: 1 },
        ),
        (
            "holiday without title",
            day(r#" title="Рождество Христово""#, ""),
            MissingAttribute {
                element: "holiday",
                attribute: "title",
            },
        ),
        // Days.
        (
            "February 30",
            day(r#"d="03.07""#, r#"d="02.30""#),
            InvalidDay { value: s("02.30") },
        ),
        (
            "29 February of a common year",
            day(r#"d="03.07""#, r#"d="02.29""#),
            InvalidDay { value: s("02.29") },
        ),
        (
            "month 13",
            day(r#"d="03.07""#, r#"d="13.01""#),
            InvalidDay { value: s("13.01") },
        ),
        (
            "day zero",
            day(r#"d="03.07""#, r#"d="03.00""#),
            InvalidDay { value: s("03.00") },
        ),
        (
            "single digits",
            day(r#"d="03.07""#, r#"d="3.7""#),
            InvalidDay { value: s("3.7") },
        ),
        (
            "ISO separator",
            day(r#"d="03.07""#, r#"d="03-07""#),
            InvalidDay { value: s("03-07") },
        ),
        (
            "day without d",
            day(r#"<day d="03.07" t="2"/>"#, r#"<day t="2"/>"#),
            MissingAttribute {
                element: "day",
                attribute: "d",
            },
        ),
        (
            "day without t",
            day(r#"<day d="03.07" t="2"/>"#, r#"<day d="03.07"/>"#),
            MissingAttribute {
                element: "day",
                attribute: "t",
            },
        ),
        (
            "unknown day attribute",
            day(
                r#"<day d="03.07" t="2"/>"#,
                r#"<day d="03.07" t="2" note="x"/>"#,
            ),
            UnknownAttribute {
                element: "day",
                attribute: s("note"),
            },
        ),
        (
            "type 4",
            day(r#"<day d="03.07" t="2"/>"#, r#"<day d="03.07" t="4"/>"#),
            UnknownDayType {
                day: date(2025, 3, 7),
                value: s("4"),
            },
        ),
        (
            "type with leading zero",
            day(r#"<day d="03.07" t="2"/>"#, r#"<day d="03.07" t="02"/>"#),
            UnknownDayType {
                day: date(2025, 3, 7),
                value: s("02"),
            },
        ),
        (
            "duplicate day",
            day(
                r#"<day d="03.07" t="2"/>"#,
                r#"<day d="03.07" t="2"/><day d="03.07" t="1"/>"#,
            ),
            DuplicateDay {
                day: date(2025, 3, 7),
            },
        ),
        (
            "working weekend on a Friday",
            day(r#"<day d="03.07" t="2"/>"#, r#"<day d="03.07" t="3"/>"#),
            WorkingWeekendOnWeekday {
                day: date(2025, 3, 7),
            },
        ),
        (
            "undefined holiday",
            day(
                r#"<day d="01.01" t="1" h="1"/>"#,
                r#"<day d="01.01" t="1" h="9"/>"#,
            ),
            UnknownHolidayRef {
                day: date(2025, 1, 1),
                value: s("9"),
            },
        ),
        (
            "holiday reference not a number",
            day(
                r#"<day d="01.01" t="1" h="1"/>"#,
                r#"<day d="01.01" t="1" h="one"/>"#,
            ),
            UnknownHolidayRef {
                day: date(2025, 1, 1),
                value: s("one"),
            },
        ),
        (
            "holiday on a shortened day",
            day(
                r#"<day d="03.07" t="2"/>"#,
                r#"<day d="03.07" t="2" h="4"/>"#,
            ),
            AttributeOnWorkingDay {
                day: date(2025, 3, 7),
                attribute: "h",
            },
        ),
        (
            "moved-from on a working Saturday",
            day(
                r#"<day d="11.01" t="3"/>"#,
                r#"<day d="11.01" t="3" f="01.04"/>"#,
            ),
            AttributeOnWorkingDay {
                day: date(2025, 11, 1),
                attribute: "f",
            },
        ),
        (
            "moved from 31 November",
            day(r#"f="11.01""#, r#"f="11.31""#),
            InvalidDay { value: s("11.31") },
        ),
        (
            "Victory Day missing on a Friday",
            day(r#"<day d="05.09" t="1" h="6"/>"#, ""),
            StatutoryHolidayWorking {
                day: date(2025, 5, 9),
            },
        ),
        (
            "Russia Day shortened",
            day(
                r#"<day d="06.12" t="1" h="7"/>"#,
                r#"<day d="06.12" t="2"/>"#,
            ),
            StatutoryHolidayWorking {
                day: date(2025, 6, 12),
            },
        ),
    ]
}

#[test]
fn invalid_documents_are_refused_with_a_precise_error() {
    for (case, xml, expected) in cases() {
        let mut calendar = builtin();
        assert_eq!(calendar.import_xml(&xml), Err(expected), "case {case:?}");
    }
}

#[test]
fn a_refused_import_leaves_the_calendar_unchanged() {
    for (case, xml, _) in cases() {
        let mut calendar = builtin();
        let before = calendar.clone();
        assert!(calendar.import_xml(&xml).is_err(), "case {case:?}");
        assert_eq!(calendar, before, "case {case:?}");
    }
}

#[test]
fn every_error_kind_has_its_own_snake_case_code() {
    let errors: Vec<ImportError> = cases().into_iter().map(|(_, _, error)| error).collect();
    let kinds: HashSet<_> = errors.iter().map(discriminant).collect();
    let codes: HashSet<&str> = errors.iter().map(ImportError::code).collect();
    assert_eq!(kinds.len(), 18, "the cases cover every error kind");
    assert_eq!(codes.len(), kinds.len(), "one code per kind");
    for code in codes {
        assert!(
            code.starts_with("calendar_xml_")
                && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{code:?} is a snake_case calendar_xml_ code"
        );
    }
}

#[test]
fn messages_are_english_and_name_the_culprit() {
    let cases = [
        (
            malformed(3, 7, "unknown entity"),
            "malformed XML at line 3, column 7: unknown entity",
        ),
        (
            InvalidDay {
                value: "02.30".to_owned(),
            },
            "invalid day \"02.30\": expected an existing date of the year as MM.DD",
        ),
        (
            WorkingWeekendOnWeekday {
                day: date(2025, 3, 7),
            },
            "day 2025-03-07 is marked as a working weekend day (t=3) but is not a Saturday or Sunday",
        ),
        (
            StatutoryHolidayWorking {
                day: date(2025, 5, 9),
            },
            "day 2025-05-09 is a public holiday (Labour Code Art. 112) but would be a working day",
        ),
    ];
    for (error, message) in cases {
        assert_eq!(error.to_string(), message, "{error:?}");
    }
}
