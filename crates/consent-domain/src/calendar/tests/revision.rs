//! The content fingerprint changes exactly when the content does.

use std::collections::HashSet;

use super::super::{Calendar, Revision};
use super::{builtin, edit, xml_2025};

#[test]
fn the_revision_is_deterministic_and_printable() {
    let revision = builtin().revision();
    assert_eq!(revision, builtin().revision());
    let text = revision.to_string();
    assert_eq!(text.len(), 16, "{text}");
    assert!(
        text.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    assert_eq!(Revision::from_value(revision.value()), revision);
}

#[test]
fn every_content_change_gives_a_new_revision() {
    let import = |xml: &str| {
        let mut calendar = builtin();
        calendar.import_xml(xml).expect("valid");
        calendar
    };
    let base = xml_2025();
    let without_2019 = builtin()
        .known_years()
        .into_iter()
        .filter(|&year| year != 2019)
        .map(|year| builtin().year(year).cloned().expect("built in"))
        .fold(Calendar::empty(), Calendar::with_year);
    let variants = [
        ("built in", builtin()),
        ("empty", Calendar::empty()),
        ("2019 dropped", without_2019),
        ("2025 re-imported unchanged", import(&base)),
        (
            "2025 without a shortened day",
            import(&edit(&base, "        <day d=\"03.07\" t=\"2\"/>\n", "")),
        ),
        (
            "2025 holiday renamed",
            import(&edit(&base, "День Победы", "День Победы!")),
        ),
        (
            "2025 generated another day",
            import(&edit(&base, "2024.10.04", "2024.10.05")),
        ),
    ];
    let mut seen = HashSet::new();
    for (case, calendar) in &variants {
        assert!(seen.insert(calendar.revision()), "case {case:?} collides");
    }
}

#[test]
fn the_same_content_keeps_its_revision() {
    let mut calendar = builtin();
    let before = calendar.revision();
    let same_year = builtin().year(2025).cloned().expect("built in");
    calendar = calendar.with_year(same_year);
    assert_eq!(calendar.revision(), before, "re-adding an identical year");

    let xml = xml_2025();
    calendar.import_xml(&xml).expect("valid");
    let after_first = calendar.revision();
    calendar.import_xml(&xml).expect("valid");
    assert_eq!(
        calendar.revision(),
        after_first,
        "importing the same file twice"
    );
}
