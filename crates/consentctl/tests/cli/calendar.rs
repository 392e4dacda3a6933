//! The production calendar: questions without a database, imports that refuse what is not xmlcalendar.

use crate::support::*;

#[test]
fn calendar_questions_need_no_database() {
    let desk = Desk::empty();
    let saturday = desk.run(&["calendar", "is-working-day", "01.11.2025"]);
    assert_eq!(saturday.code, 0, "{saturday:?}");
    assert!(
        saturday.stdout.starts_with("да: 01.11.2025, суббота"),
        "{saturday:?}"
    );
    let json = desk
        .run(&["--json", "calendar", "is-working-day", "01.11.2025"])
        .ok_json();
    assert_eq!(json["working"], true);
    assert_eq!(json["kind"], "working_weekend");
    assert_eq!(json["calendar"], "builtin");

    let holiday = desk.run(&["--lang", "en", "calendar", "is-working-day", "2025-11-04"]);
    assert!(
        holiday
            .stdout
            .starts_with("no: 04.11.2025, Tuesday — a public holiday"),
        "{holiday:?}"
    );

    let ten = desk.run(&["calendar", "add-working-days", "24.10.2025", "10"]);
    assert_eq!((ten.code, ten.stdout.trim()), (0, "10.11.2025"), "{ten:?}");
    let new_year = desk.run(&["calendar", "add-working-days", "26.12.2025", "10"]);
    assert_eq!(
        (new_year.code, new_year.stdout.trim()),
        (0, "21.01.2026"),
        "{new_year:?}"
    );
    let added = desk
        .run(&["--json", "calendar", "add-working-days", "26.12.2025", "10"])
        .ok_json();
    assert_eq!(added["date"], "2026-01-21");

    let unknown = desk.run(&["calendar", "add-working-days", "15.03.2031", "1"]);
    assert_eq!(unknown.code, 2, "{unknown:?}");
    assert!(unknown.stderr.contains("2031"), "{unknown:?}");
    assert!(unknown.stderr.contains("calendar import"), "{unknown:?}");
    let unknown_json = desk.run(&["--json", "calendar", "is-working-day", "15.03.2031"]);
    assert_eq!(unknown_json.error(2)["code"], "unknown_year");
    assert!(
        !desk.data_dir().join("consent-desk.db").exists(),
        "no database was created"
    );
}

#[test]
fn calendar_import_refuses_what_is_not_xmlcalendar_and_changes_nothing() {
    let desk = Desk::with_staff();
    let put = |name: &str, text: &str| {
        let path = desk.dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_str().expect("utf-8 path").to_owned()
    };
    let not_xml = put("notes.txt", "01.01.2031 выходной\n");
    let broken = put("broken.xml", &CALENDAR_2031.replace("t=\"1\"", "t=\"9\""));
    for file in [&not_xml, &broken] {
        let refused = desk.run(&["--json", "--as", "admin", "calendar", "import", file]);
        let error = refused.error(2);
        assert_eq!(error["detail"], "bad_calendar", "{file}");
        let day = desk.run(&["--json", "calendar", "is-working-day", "09.01.2031"]);
        assert_eq!(
            day.error(2)["code"],
            "unknown_year",
            "still unknown after {file}"
        );
    }
    let missing = desk.run(&[
        "--json",
        "--as",
        "admin",
        "calendar",
        "import",
        "/nonexistent/2031.xml",
    ]);
    assert_eq!(missing.error(2)["detail"], "unreadable_file");

    let good = put("2031.xml", CALENDAR_2031);
    let imported = desk
        .run(&["--json", "--as", "admin", "calendar", "import", &good])
        .ok_json();
    assert_eq!(imported["year"], 2031);
    let day = desk
        .run(&["--json", "calendar", "is-working-day", "09.01.2031"])
        .ok_json();
    assert_eq!(
        (day["working"].clone(), day["calendar"].clone()),
        (Value::Bool(true), "desk".into())
    );
    let builtin = desk.run(&[
        "--json",
        "calendar",
        "is-working-day",
        "--builtin",
        "09.01.2031",
    ]);
    assert_eq!(builtin.error(2)["code"], "unknown_year");
}
/// 2031 with nothing but the Labour Code holidays (Friday 09.01.2031 is an ordinary working day).
pub const CALENDAR_2031: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2031" lang="ru" country="ru">
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
