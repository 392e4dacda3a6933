//! [`YearCalendar`] → xmlcalendar text, laid out like xmlcalendar.ru's own files so an
//! administrator can compare them side by side. Importing the output gives back the same
//! days, holidays and `date` attribute, hence the same text.

use chrono::{Datelike, NaiveDate};

use super::super::Provenance;
use super::super::year::{Entry, YearCalendar};

pub(in super::super) fn export(year: &YearCalendar) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<calendar year=\"{}\" lang=\"ru\"", year.year));
    if let Some(generated) = generated(&year.provenance) {
        out.push_str(&format!(" date=\"{}\"", escape(&generated)));
    }
    out.push_str(" country=\"ru\">\n    <holidays>\n");
    for (id, title) in &year.holidays {
        out.push_str(&format!(
            "        <holiday id=\"{id}\" title=\"{}\"/>\n",
            escape(title)
        ));
    }
    out.push_str("    </holidays>\n    <days>\n");
    for (&day, entry) in &year.entries {
        out.push_str(&format!("        <day d=\"{}\"", month_day(day)));
        match entry {
            Entry::DayOff {
                holiday,
                moved_from,
            } => {
                out.push_str(" t=\"1\"");
                if let Some(id) = holiday {
                    out.push_str(&format!(" h=\"{id}\""));
                }
                if let Some(from) = moved_from {
                    out.push_str(&format!(" f=\"{}\"", month_day(*from)));
                }
            }
            Entry::Shortened => out.push_str(" t=\"2\""),
            Entry::WorkingWeekend => out.push_str(" t=\"3\""),
        }
        out.push_str("/>\n");
    }
    out.push_str("    </days>\n</calendar>\n");
    out
}

/// The `date` attribute: when the data was produced. A decree's signing date is the
/// closest built-in equivalent; there is no clock to ask, by design.
fn generated(provenance: &Provenance) -> Option<String> {
    match provenance {
        Provenance::Decree { signed, .. } => Some(format!(
            "{}.{:02}.{:02}",
            signed.year(),
            signed.month(),
            signed.day()
        )),
        Provenance::Provisional { .. } => None,
        Provenance::Imported { generated } => generated.clone(),
    }
}

fn month_day(date: NaiveDate) -> String {
    format!("{:02}.{:02}", date.month(), date.day())
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            _ => escaped.push(c),
        }
    }
    escaped
}
