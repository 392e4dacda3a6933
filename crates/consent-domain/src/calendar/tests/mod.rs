//! Tests of the calendar module, one file per concern. Expected values come from the
//! decrees and published production calendars, not from running the code.

mod builtin_data;
mod builtin_totals;
mod day_kinds;
mod deadlines;
mod import_errors;
mod import_override;
mod revision;
mod round_trip;
mod working_days;

use chrono::{Datelike, NaiveDate};

use super::Calendar;

fn builtin() -> Calendar {
    Calendar::builtin()
}

/// Every date of `year`, in order.
fn days_of(year: i32) -> impl Iterator<Item = NaiveDate> {
    let first = NaiveDate::from_yo_opt(year, 1).expect("1 January exists");
    std::iter::successors(Some(first), |day| day.succ_opt()).take_while(move |d| d.year() == year)
}

/// The built-in 2025 exported as xmlcalendar, the starting point for import cases.
fn xml_2025() -> String {
    builtin().to_xml(2025).expect("2025 is built in")
}

/// `text` with `from` replaced by `to`; fails loudly if `from` is absent, so a case can
/// never pass because its edit silently did nothing.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture lacks {from:?}");
    text.replacen(from, to, 1)
}
