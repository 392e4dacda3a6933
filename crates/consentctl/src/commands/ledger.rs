//! `verify` and `rebuild`: the ledger's integrity and the projections folded from it.

use crate::context::Context;
use crate::error::CliError;
use crate::human;
use crate::output::Report;

/// A ledger with defects is a finding, not a failure to run: the report is printed (also under
/// `--json`) and the exit code is 1, so a nightly script notices.
pub fn verify(ctx: &Context) -> Result<Report, CliError> {
    let (desk, actor) = ctx.open_as()?;
    let report = desk.verify(&actor)?;
    Ok(Report::new(&report, human::verify(ctx.lang, &report)).failed(!report.intact))
}

pub fn rebuild(ctx: &Context) -> Result<Report, CliError> {
    let (mut desk, actor) = ctx.open_as()?;
    let view = desk.rebuild(&actor)?;
    Ok(Report::new(&view, human::rebuild(ctx.lang, &view)))
}
