//! Printing: a command hands back a [`Report`] (its view as JSON plus the same thing for people), and
//! this module writes one or the other. Errors go to stderr for people and to stdout under `--json`,
//! so a script reads one stream.

use std::io::Write;
use std::process::ExitCode;

use consent_domain::Lang;
use consent_domain::patient::parse_date;
use consent_service::ErrorPayload;
use serde::Serialize;

use crate::error::{CliError, Duplicate, EXIT_OK, EXIT_RUNTIME};
use crate::texts::tr;

/// What a command produced.
#[derive(Debug)]
pub struct Report {
    /// Serialized at once, so the keys keep the order of the view's fields.
    json: String,
    human: String,
    /// A command that ran but found a problem (a ledger that fails verification) exits 1.
    failed: bool,
    /// Standard output carries the command's data (a PDF written to `-`): the report goes to
    /// standard error so it does not corrupt it.
    to_stderr: bool,
}

impl Report {
    pub fn new(view: &impl Serialize, human: String) -> Report {
        Report {
            // The views are plain structs of strings, numbers and lists: serializing cannot fail, and
            // if a future view could, the person still gets the human text.
            json: serde_json::to_string_pretty(view).unwrap_or_else(|_| "null".to_owned()),
            human,
            failed: false,
            to_stderr: false,
        }
    }

    pub fn on_stderr(mut self, to_stderr: bool) -> Report {
        self.to_stderr = to_stderr;
        self
    }

    pub fn failed(mut self, failed: bool) -> Report {
        self.failed = failed;
        self
    }
}

pub fn print_report(json: bool, report: &Report) -> ExitCode {
    let text = if json { &report.json } else { &report.human };
    if report.to_stderr {
        write_err(text);
    } else {
        write_out(text);
    }
    ExitCode::from(if report.failed { EXIT_RUNTIME } else { EXIT_OK })
}

pub fn print_error(lang: Lang, json: bool, error: &CliError) -> ExitCode {
    let payload = error.payload(lang);
    if json {
        write_out(&error_json_with(&payload, error.similar()));
    } else {
        write_err(&format!(
            "{} {}",
            tr(lang, "ошибка:", "error:"),
            payload.message
        ));
    }
    error.exit_code()
}

/// `{"error": {code, message, detail, fields}}`.
pub fn error_json(payload: &ErrorPayload) -> String {
    error_json_with(payload, None)
}

/// The same, plus `similar: [{id, reason}]` for a refused likely duplicate, so a script gets the ids
/// without reading the message.
fn error_json_with(payload: &ErrorPayload, similar: Option<&[Duplicate]>) -> String {
    #[derive(Serialize)]
    struct Body<'a> {
        #[serde(flatten)]
        payload: &'a ErrorPayload,
        #[serde(skip_serializing_if = "Option::is_none")]
        similar: Option<&'a [Duplicate]>,
    }
    #[derive(Serialize)]
    struct Wrapped<'a> {
        error: Body<'a>,
    }
    let wrapped = Wrapped {
        error: Body { payload, similar },
    };
    serde_json::to_string_pretty(&wrapped).unwrap_or_else(|_| {
        // Unreachable for a struct of strings; still, a script gets valid JSON with the code.
        format!(r#"{{"error": {{"code": "{}"}}}}"#, payload.code.as_str())
    })
}

/// Writes a line to stdout. A closed pipe (`consentctl queue | head`) is not worth a panic.
pub fn write_out(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", text.trim_end_matches('\n'));
    let _ = out.flush();
}

pub fn write_err(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", text.trim_end_matches('\n'));
}

/// DD.MM.YYYY, as people read dates in Russia (and in this CLI's English output too).
pub use consent_domain::dates::ru_date as day;

/// An ISO date from a view, for people; anything unparsable is shown as it is.
pub fn iso_day(iso: &str) -> String {
    parse_date(iso).map(day).unwrap_or_else(|_| iso.to_owned())
}

/// The dash for "nothing here".
pub const NONE: &str = "—";

/// Columns padded to their widest cell, two spaces apart; the last column is not padded. Widths count
/// characters, not bytes, since most of the text is Cyrillic.
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    pub fn render(&self, indent: &str) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let mut out = String::new();
        for row in &self.rows {
            let mut line = String::from(indent);
            for (i, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if i + 1 < row.len() {
                    let pad = widths[i] - cell.chars().count() + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// `label  value` lines with the values aligned.
pub fn fields(rows: &[(&str, String)], indent: &str) -> String {
    let mut table = Table::default();
    for (label, value) in rows {
        table.row([(*label).to_owned(), value.clone()]);
    }
    table.render(indent)
}

#[cfg(test)]
mod tests {
    use consent_domain::dates::date;

    use super::*;

    #[test]
    fn dates_are_day_month_year() {
        assert_eq!(day(date(2025, 11, 10)), "10.11.2025");
        assert_eq!(iso_day("2026-01-21"), "21.01.2026");
        assert_eq!(iso_day("not a date"), "not a date");
    }

    #[test]
    fn columns_align_by_characters_not_bytes() {
        let mut table = Table::default();
        table.row(["Фамилия", "Иванов"]);
        table.row(["ID", "x"]);
        let text = table.render("");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Фамилия  Иванов");
        assert_eq!(lines[1], "ID       x");
    }
}
