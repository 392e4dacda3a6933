//! The xmlcalendar import (`Calendar::import_xml`): any text is refused or imported without a
//! panic, and a year it imported exports to a document that imports again to the same export.

#![no_main]

use consent_domain::calendar::Calendar;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Empty, not built in: the import does not depend on other years, and building the statutory
    // years on every run would cost most of the time.
    let mut calendar = Calendar::empty();
    let Ok(year) = calendar.import_xml(text) else {
        return;
    };
    let exported = calendar.to_xml(year).expect("an imported year is known");
    let mut again = Calendar::empty();
    assert_eq!(again.import_xml(&exported), Ok(year), "the export imports");
    assert_eq!(
        again.to_xml(year).as_deref(),
        Ok(exported.as_str()),
        "and exports the same"
    );
});
