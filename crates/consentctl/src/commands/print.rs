//! `print consent | withdrawal | act | notice`: the paper forms as PDF files (or on standard output, to
//! pipe into `lp`). The file holds personal data: it is created readable by its owner only.

use std::path::{Path, PathBuf};

use consent_service::desk::PrintedPdf;
use serde::Serialize;

use crate::args::{OutputArg, PrintCommand};
use crate::context::Context;
use crate::error::CliError;
use crate::output::Report;
use crate::output_file;
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
    // The files are written inside the print, before it is recorded: a copy that never reached its
    // file (a missing directory, a refused target) leaves no "printed" event behind.
    let (printed, out) = match command {
        PrintCommand::Consent(args) => (
            desk.print_consent(&actor, &args.consent, !args.hide_refused, |pdfs| {
                write_all(pdfs, &args.out)
            })?,
            args.out,
        ),
        PrintCommand::Withdrawal(args) => {
            let deliver = |pdfs: &[PrintedPdf]| write_all(pdfs, &args.out);
            let pdf = match (&args.patient, &args.consent, args.blank) {
                (_, _, true) => {
                    let pdf = desk.print_blank_withdrawal(&actor)?;
                    deliver(std::slice::from_ref(&pdf))?;
                    pdf
                }
                (Some(patient), _, false) => {
                    desk.print_withdrawal_for_patient(&actor, patient, &args.purposes, deliver)?
                }
                (None, Some(consent), false) => {
                    desk.print_withdrawal(&actor, consent, &args.purposes, deliver)?
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
        PrintCommand::Act(args) => (
            vec![desk.print_act(&actor, &args.withdrawal, |pdfs| write_all(pdfs, &args.out))?],
            args.out,
        ),
        PrintCommand::Notice(args) => (
            vec![
                desk.print_notice(&actor, &args.request, &args.kind, |pdfs| {
                    write_all(pdfs, &args.out)
                })?,
            ],
            args.out,
        ),
    };
    Ok(report(ctx, &printed, &out))
}

/// The file of the `index`th document of a print.
fn target(out: &OutputArg, index: usize) -> PathBuf {
    if index == 0 {
        out.output.clone()
    } else {
        sibling(&out.output, index)
    }
}

fn write_all(printed: &[PrintedPdf], out: &OutputArg) -> Result<(), CliError> {
    for (index, pdf) in printed.iter().enumerate() {
        output_file::write(&target(out, index), &pdf.bytes, out.force)?;
    }
    Ok(())
}

fn report(ctx: &Context, printed: &[PrintedPdf], out: &OutputArg) -> Report {
    let views: Vec<PrintedView> = printed
        .iter()
        .enumerate()
        .map(|(index, pdf)| PrintedView {
            form: pdf.form_id.clone(),
            short_code: pdf.short_code.clone(),
            title: pdf.title.clone(),
            pages: pdf.pages,
            bytes: pdf.bytes.len(),
            file: target(out, index).display().to_string(),
        })
        .collect();
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
    Report::new(&views, text).on_stderr(piped)
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
