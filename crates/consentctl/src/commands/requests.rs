//! `requests journal`: the journal of subject requests for a period, shown, as JSON, or written to a
//! CSV or PDF file (0600, never over an existing file without `--force`). The files hold no patient's
//! personal data, only pseudonymous references.

use std::path::Path;

use serde::Serialize;

use crate::args::{JournalArgs, RequestsCommand};
use crate::context::Context;
use crate::error::CliError;
use crate::human;
use crate::output::Report;
use crate::output_file;
use crate::texts::tr;

/// What `--json` says about a written export (the journal itself is in the file).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportView {
    format: &'static str,
    file: String,
    bytes: usize,
}

pub fn run(ctx: &Context, command: RequestsCommand) -> Result<Report, CliError> {
    match command {
        RequestsCommand::Journal(args) => journal(ctx, &args),
    }
}

fn journal(ctx: &Context, args: &JournalArgs) -> Result<Report, CliError> {
    let (desk, actor) = ctx.open_as()?;
    let (format, path, bytes) = match (&args.csv, &args.pdf) {
        (Some(path), _) => ("csv", path, desk.journal_csv(&actor, &args.from, &args.to)?),
        (None, Some(path)) => ("pdf", path, desk.journal_pdf(&actor, &args.from, &args.to)?),
        (None, None) => {
            let view = desk.journal(&actor, &args.from, &args.to)?;
            return Ok(Report::new(&view, human::journal(ctx.lang, &view)));
        }
    };
    output_file::write(path, &bytes, args.force)?;
    let view = ExportView {
        format,
        file: path.display().to_string(),
        bytes: bytes.len(),
    };
    let text = format!(
        "{}: {} ({} {})",
        tr(ctx.lang, "Журнал записан", "Journal written"),
        view.file,
        view.bytes,
        tr(ctx.lang, "байт", "bytes")
    );
    Ok(Report::new(&view, text).on_stderr(path == Path::new("-")))
}
