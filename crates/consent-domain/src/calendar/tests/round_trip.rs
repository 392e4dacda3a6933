//! Export to xmlcalendar and import back, and agreement with xmlcalendar.ru's own file.

use chrono::Datelike;

use crate::dates::date;

use super::super::{Calendar, Provenance, UnknownYear, YearCalendar};
use super::{builtin, days_of, xml_2025};

#[test]
fn every_built_in_year_survives_export_and_import() {
    let calendar = builtin();
    for year in calendar.known_years() {
        let original = calendar.year(year).expect("known");
        let text = calendar.to_xml(year).expect("known");
        let imported = YearCalendar::from_xml(&text).expect("own export imports");
        assert_eq!(imported.year(), year);
        assert_eq!(imported.entries, original.entries, "days of {year}");
        assert_eq!(imported.holidays, original.holidays, "holidays of {year}");
        let Provenance::Decree { signed, .. } = original.provenance() else {
            panic!("{year} is built from a decree");
        };
        let generated = format!(
            "{}.{:02}.{:02}",
            signed.year(),
            signed.month(),
            signed.day()
        );
        assert_eq!(
            imported.provenance(),
            &Provenance::Imported {
                generated: Some(generated)
            },
            "provenance of {year}"
        );
        let reimported = Calendar::empty().with_year(imported);
        assert_eq!(reimported.to_xml(year), Ok(text), "text of {year}");
        for day in days_of(year) {
            assert_eq!(reimported.day_kind(day), calendar.day_kind(day), "{day}");
        }
    }
}

#[test]
fn the_export_reads_like_an_xmlcalendar_file() {
    let text = xml_2025();
    let expected_lines = [
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<calendar year="2025" lang="ru" date="2024.10.04" country="ru">"#,
        r#"        <holiday id="6" title="День Победы"/>"#,
        r#"        <day d="03.07" t="2"/>"#,
        r#"        <day d="05.09" t="1" h="6"/>"#,
        r#"        <day d="11.01" t="3"/>"#,
        r#"        <day d="11.03" t="1" f="11.01"/>"#,
        r#"        <day d="12.31" t="1" f="01.05"/>"#,
    ];
    for line in expected_lines {
        assert!(text.lines().any(|l| l == line), "missing line {line:?}");
    }
    assert_eq!(
        text.lines().filter(|l| l.contains("<day ")).count(),
        14 + 5 + 1 + 3
    );
    assert!(
        !text.contains(r#"d="02.24""#),
        "24.02.2025 is an ordinary day"
    );
}

/// xmlcalendar.ru's 2026 file (its layout), typed in from the published data: the
/// built-in 2026 must agree with it on every day.
const XMLCALENDAR_RU_2026: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2026" lang="ru" date="2025.09.30" country="ru">
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
        <day d="01.01" t="1" h="1"/>
        <day d="01.02" t="1" h="1"/>
        <day d="01.03" t="1" h="1"/>
        <day d="01.04" t="1" h="1"/>
        <day d="01.05" t="1" h="1"/>
        <day d="01.06" t="1" h="1"/>
        <day d="01.07" t="1" h="2"/>
        <day d="01.08" t="1" h="1"/>
        <day d="01.09" t="1" f="01.03"/>
        <day d="02.23" t="1" h="3"/>
        <day d="03.08" t="1" h="4"/>
        <day d="03.09" t="1" f="03.08"/>
        <day d="04.30" t="2"/>
        <day d="05.01" t="1" h="5"/>
        <day d="05.08" t="2"/>
        <day d="05.09" t="1" h="6"/>
        <day d="05.11" t="1" f="05.09"/>
        <day d="06.11" t="2"/>
        <day d="06.12" t="1" h="7"/>
        <day d="11.03" t="2"/>
        <day d="11.04" t="1" h="8"/>
        <day d="12.31" t="1" f="01.04"/>
    </days>
</calendar>"#;

#[test]
fn built_in_2026_agrees_with_xmlcalendar_ru_on_every_day() {
    let mut published = Calendar::empty();
    assert_eq!(published.import_xml(XMLCALENDAR_RU_2026), Ok(2026));
    let calendar = builtin();
    for day in days_of(2026) {
        assert_eq!(published.day_kind(day), calendar.day_kind(day), "{day}");
    }
}

/// The weekday Art. 112 holidays of 2026, the least a valid 2026 document must list;
/// `{h}` is where a holiday reference for 12.06 goes.
const MINIMAL_2026_DAYS: &str = "<days>\
    <day d='01.01' t='1'/><day d='01.02' t='1'/><day d='01.05' t='1'/>\
    <day d='01.06' t='1'/><day d='01.07' t='1'/><day d='01.08' t='1'/>\
    <day d='02.23' t='1'/><day d='05.01' t='1'/><day d='06.12' t='1'{h}/>\
    <day d='11.04' t='1'/></days>";

#[test]
fn titles_with_markup_characters_round_trip() {
    let titles = [
        (
            "&amp; &lt;tag&gt; &quot;q&quot; &apos;a&apos;",
            r#"& <tag> "q" 'a'"#,
        ),
        ("&#1025;лка &#x416;", "Ёлка Ж"),
        ("День России", "День России"),
    ];
    for (raw, decoded) in titles {
        let days = MINIMAL_2026_DAYS.replace("{h}", " h='7'");
        let xml = format!(
            "<calendar year='2026'><holidays><holiday id='7' title='{raw}'/></holidays>\
             {days}</calendar>"
        );
        let year = YearCalendar::from_xml(&xml).expect("valid");
        assert_eq!(year.holiday_title(7), Some(decoded), "title {raw:?}");
        let calendar = Calendar::empty().with_year(year);
        let exported = calendar.to_xml(2026).expect("known");
        let again = YearCalendar::from_xml(&exported).expect("own export imports");
        assert_eq!(again.holiday_title(7), Some(decoded), "re-imported {raw:?}");
    }
}

#[test]
fn exporting_an_unknown_year_fails() {
    assert_eq!(builtin().to_xml(2030), Err(UnknownYear { year: 2030 }));
    let minimal = format!(
        "<calendar year='2026'>{}</calendar>",
        MINIMAL_2026_DAYS.replace("{h}", "")
    );
    let year = YearCalendar::from_xml(&minimal).expect("holidays without titles are fine");
    assert_eq!(year.holiday_title(1), None);
    assert_eq!(
        Calendar::empty().with_year(year).day_kind(date(2026, 1, 1)),
        Ok(super::super::DayKind::DayOff { moved_from: None })
    );
}
