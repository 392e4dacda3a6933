//! `print consent | withdrawal | act | notice`: the paper forms as PDF files (or on standard output, to
//! pipe into `lp`). The file holds personal data: it is created readable by its owner only.

use std::io::Write;
use std::path::{Path, PathBuf};

use consent_service::desk::PrintedPdf;
use serde::Serialize;

use crate::args::{OutputArg, PrintCommand};
use crate::context::Context;
use crate::error::CliError;
use crate::output::Report;
use crate::texts::tr;

/// What `--json` says about a printed form (the PDF itself goes to the file).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PrintedView {
    form: String,
    short_code: String,
    title: String,
    pages: usize,
    bytes: usize,
    file: String,
}

pub fn run(ctx: &Context, command: PrintCommand) -> Result<Report, CliError> {
    let (mut desk, actor) = ctx.open_as()?;
    let (printed, out) = match command {
        PrintCommand::Consent(args) => (
            desk.print_consent(&actor, &args.consent, !args.hide_refused)?,
            args.out,
        ),
        PrintCommand::Withdrawal(args) => {
            let pdf = match (&args.patient, &args.consent, args.blank) {
                (_, _, true) => desk.print_blank_withdrawal(&actor)?,
                (Some(patient), _, false) => {
                    desk.print_withdrawal_for_patient(&actor, patient, &args.purposes)?
                }
                (None, Some(consent), false) => {
                    desk.print_withdrawal(&actor, consent, &args.purposes)?
                }
                (None, None, false) => {
                    return Err(CliError::Service(consent_service::ServiceError::BadInput {
                        what: "patient id",
                        detail: "empty",
                    }));
                }
            };
            (vec![pdf], args.out)
        }
        PrintCommand::Act(args) => (vec![desk.print_act(&actor, &args.withdrawal)?], args.out),
        PrintCommand::Notice(args) => (
            vec![desk.print_notice(&actor, &args.request, &args.kind)?],
            args.out,
        ),
    };
    write_all(ctx, &printed, &out)
}

fn write_all(ctx: &Context, printed: &[PrintedPdf], out: &OutputArg) -> Result<Report, CliError> {
    let mut views = Vec::new();
    for (index, pdf) in printed.iter().enumerate() {
        let path = if index == 0 {
            out.output.clone()
        } else {
            sibling(&out.output, index)
        };
        write(&path, &pdf.bytes)?;
        views.push(PrintedView {
            form: pdf.form_id.clone(),
            short_code: pdf.short_code.clone(),
            title: pdf.title.clone(),
            pages: pdf.pages,
            bytes: pdf.bytes.len(),
            file: path.display().to_string(),
        });
    }
    let lang = ctx.lang;
    let text = views
        .iter()
        .map(|v| {
            format!(
                "{} {}: {} ({} {}), QR {}{}",
                tr(lang, "Бланк", "Form"),
                v.short_code,
                v.file,
                v.pages,
                tr(lang, "стр.", "p."),
                consent_service::desk::QR_PREFIX,
                v.form
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let piped = out.output == Path::new("-");
    Ok(Report::new(&views, text).on_stderr(piped))
}

/// The second document of a print (the consent to dissemination) goes beside the first.
fn sibling(path: &Path, index: usize) -> PathBuf {
    if path == Path::new("-") {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}-{}.pdf", index + 1))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let failed = |e: std::io::Error| CliError::UnwritableFile {
        path: path.to_path_buf(),
        kind: e.kind(),
    };
    if path == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(failed);
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(failed)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(failed)
}
