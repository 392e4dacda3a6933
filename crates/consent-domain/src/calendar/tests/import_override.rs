//! Imports replace or add years, and deadlines follow.

use crate::dates::date;

use super::super::{DayKind, DeadlineRule, Provenance, UnknownYear};
use super::{builtin, edit, xml_2025};

/// A 2028 with nothing but the Art. 112 holidays, enough to extend the calendar.
const XML_2028: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2028" lang="ru" country="ru">
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

/// 2021 as xmlcalendar.ru publishes it (its layout, `" />` included), with the
/// presidential non-working days of 04–07.05.2021 as holiday 9: an administrator who
/// wants them as days off imports exactly this.
const XML_2021_WITH_PRESIDENTIAL_DAYS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2021" lang="ru" date="2021.10.27">
	<holidays>
		<holiday id="1" title="Новогодние каникулы" />
		<holiday id="2" title="Рождество Христово" />
		<holiday id="3" title="День защитника Отечества" />
		<holiday id="4" title="Международный женский день" />
		<holiday id="5" title="Праздник Весны и Труда" />
		<holiday id="6" title="День Победы" />
		<holiday id="7" title="День России" />
		<holiday id="8" title="День народного единства" />
		<holiday id="9" title="Нерабочие дни (Указ Президента от 23.04.2021 №242)" />
	</holidays>
	<!-- t: 1 day off, 2 shortened, 3 working weekend -->
	<days>
		<day d="01.01" t="1" h="1" />
		<day d="01.02" t="1" h="1" />
		<day d="01.03" t="1" h="1" />
		<day d="01.04" t="1" h="1" />
		<day d="01.05" t="1" h="1" />
		<day d="01.06" t="1" h="1" />
		<day d="01.07" t="1" h="2" />
		<day d="01.08" t="1" h="1" />
		<day d="02.20" t="2" />
		<day d="02.22" t="1" f="02.20" />
		<day d="02.23" t="1" h="3" />
		<day d="03.08" t="1" h="4" />
		<day d="04.30" t="2" />
		<day d="05.01" t="1" h="5" />
		<day d="05.03" t="1" />
		<day d="05.04" t="1" h="9" />
		<day d="05.05" t="1" h="9" />
		<day d="05.06" t="1" h="9" />
		<day d="05.07" t="1" h="9" />
		<day d="05.09" t="1" h="6" />
		<day d="05.10" t="1" />
		<day d="06.11" t="2" />
		<day d="06.12" t="1" h="7" />
		<day d="06.14" t="1" />
		<day d="11.03" t="2" />
		<day d="11.04" t="1" h="8" />
		<day d="11.05" t="1" f="01.02" />
		<day d="12.31" t="1" f="01.03" />
	</days>
</calendar>
"#;

#[test]
fn an_imported_year_overrides_the_built_in_one_and_moves_deadlines() {
    let received = date(2025, 10, 24);
    let rule = DeadlineRule::WorkingDays(10);
    let mut calendar = builtin();
    assert_eq!(rule.due(received, &calendar), Ok(date(2025, 11, 10)));

    // A (hypothetical) correction: Saturday 01.11.2025 is not a working day after all.
    let corrected = edit(&xml_2025(), "        <day d=\"11.01\" t=\"3\"/>\n", "");
    assert_eq!(calendar.import_xml(&corrected), Ok(2025));

    assert_eq!(rule.due(received, &calendar), Ok(date(2025, 11, 11)));
    assert_eq!(calendar.day_kind(date(2025, 11, 1)), Ok(DayKind::Weekend));
    assert_eq!(calendar.known_years(), builtin().known_years());
    let provenance = calendar.year(2025).expect("still known").provenance();
    assert_eq!(
        provenance,
        &Provenance::Imported {
            generated: Some("2024.10.04".to_owned())
        }
    );
    assert_eq!(
        calendar.year(2026),
        builtin().year(2026),
        "other years untouched"
    );
}

#[test]
fn importing_a_new_year_extends_the_calendar() {
    let mut calendar = builtin();
    let start = date(2027, 12, 30);
    assert_eq!(
        calendar.add_working_days(start, 1),
        Err(UnknownYear { year: 2028 })
    );
    assert_eq!(calendar.import_xml(XML_2028), Ok(2028));
    assert_eq!(calendar.known_years(), (2019..=2028).collect::<Vec<_>>());
    assert_eq!(calendar.add_working_days(start, 1), Ok(date(2028, 1, 10)));
    assert_eq!(
        calendar.year(2028).expect("imported").provenance(),
        &Provenance::Imported { generated: None }
    );
}

#[test]
fn an_xmlcalendar_ru_file_with_extra_non_working_days_is_taken_as_is() {
    let mut calendar = builtin();
    assert_eq!(
        calendar.import_xml(XML_2021_WITH_PRESIDENTIAL_DAYS),
        Ok(2021)
    );
    let year = calendar.year(2021).expect("imported");
    assert_eq!(year.working_day_count(), 247 - 4);
    assert_eq!(
        year.holiday_title(9),
        Some("Нерабочие дни (Указ Президента от 23.04.2021 №242)")
    );
    let cases = [
        (date(2021, 5, 5), DayKind::Holiday { id: 9 }),
        (date(2021, 5, 3), DayKind::DayOff { moved_from: None }),
        (date(2021, 5, 1), DayKind::Holiday { id: 5 }),
        (date(2021, 2, 20), DayKind::Shortened),
        (date(2021, 5, 11), DayKind::Working),
    ];
    for (day, kind) in cases {
        assert_eq!(calendar.day_kind(day), Ok(kind), "kind of {day}");
    }
}
