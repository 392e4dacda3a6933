//! `consentctl`: Consent Desk on the command line.
//!
//! The same use cases as the desktop app, through the same service layer (`consent_service::Desk`),
//! for administrators and automation: first set-up, staff, patients, consents and their paper forms,
//! withdrawals and other subject requests, the managers' queue, ledger verification and rebuild, and
//! the production calendar. `docs/consentctl.md` is the manual.
//!
//! Layout: [`args`] is the command line (clap), [`context`] resolves the global options and the
//! environment, [`key`] chooses the database key source, [`commands`] runs one use case each and
//! returns a [`output::Report`], which [`output`] prints as JSON or through [`human`] for people.
//!
//! Exit codes: 0 success, 1 failure at run time, 2 bad input (see [`error`]).
//!
//! Nothing is logged: the output is the only trace, and it goes to the person or script that asked.

mod args;
mod clock;
mod commands;
mod context;
mod error;
mod human;
mod key;
mod output;
mod output_file;
mod patient_form;
mod texts;
mod usage;

use std::ffi::OsString;
use std::process::ExitCode;

use consent_domain::Lang;
use consent_service::{ErrorCode, ErrorPayload};

use crate::context::Context;
use crate::error::EXIT_BAD_INPUT;

fn main() -> ExitCode {
    let raw: Vec<OsString> = std::env::args_os().collect();
    let cli = match args::parse(&raw) {
        Ok(cli) => cli,
        Err(error) => return usage_error(&raw, &error),
    };
    let ctx = Context::from_process(cli.global);
    match commands::run(&ctx, cli.command) {
        Ok(report) => output::print_report(ctx.json, &report),
        Err(error) => output::print_error(ctx.lang, ctx.json, &error),
    }
}

/// Help and version go to stdout with exit 0; a usage error is bad input (exit 2), reported in the
/// language and format asked for (see [`usage`]), even though the options that ask were not parsed.
fn usage_error(raw: &[OsString], error: &clap::Error) -> ExitCode {
    if !error.use_stderr() {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let lang = early_lang(raw);
    let explained = usage::explain(error, lang);
    if raw.iter().any(|a| a == "--json") {
        let payload = ErrorPayload {
            code: ErrorCode::InvalidInput,
            message: explained.lines(lang).join("\n"),
            detail: Some("usage".to_owned()),
            fields: Vec::new(),
        };
        output::write_out(&output::error_json(&payload));
    } else {
        output::write_err(&explained.lines(lang).join("\n"));
    }
    ExitCode::from(EXIT_BAD_INPUT)
}

/// `--lang X`, `--lang=X` or `CONSENT_DESK_LANG`, read before clap has parsed anything.
fn early_lang(raw: &[OsString]) -> Lang {
    let mut from_args = None;
    let mut iter = raw.iter().filter_map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        if arg == "--lang" {
            from_args = iter.next().map(str::to_owned);
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            from_args = Some(value.to_owned());
        }
    }
    from_args
        .or_else(|| std::env::var(consent_service::LANG_ENV).ok())
        .and_then(|tag| tag.parse().ok())
        .unwrap_or_default()
}
