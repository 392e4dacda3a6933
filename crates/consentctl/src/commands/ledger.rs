//! `verify`, `rebuild`, `backup` and `restore`: the ledger's integrity, the projections folded from
//! it, an encrypted copy of the whole desk, and that copy put back.

use crate::context::Context;
use crate::error::CliError;
use crate::human;
use crate::output::Report;

/// A ledger with defects is a finding, not a failure to run: the report is printed (also under
/// `--json`) and the exit code is 1, so a nightly script notices.
/// A file too damaged for the desk to load is a finding too: the file's own check is reported.
pub fn verify(ctx: &Context) -> Result<Report, CliError> {
    let checked = ctx
        .open_as()
        .and_then(|(desk, actor)| Ok(desk.verify(&actor)?));
    let report = match checked {
        Ok(report) => report,
        Err(CliError::Service(error)) if error.detail() == Some("db_damaged") => {
            ctx.verify_file(&error)?
        }
        Err(other) => return Err(other),
    };
    Ok(Report::new(&report, human::verify(ctx.lang, &report)).failed(!report.intact))
}

pub fn rebuild(ctx: &Context) -> Result<Report, CliError> {
    let (mut desk, actor) = ctx.open_as()?;
    let view = desk.rebuild(&actor)?;
    Ok(Report::new(&view, human::rebuild(ctx.lang, &view)))
}

pub fn backup(ctx: &Context, file: &std::path::Path) -> Result<Report, CliError> {
    let (desk, actor) = ctx.open_as()?;
    let view = desk.backup(&actor, file)?;
    let text = match ctx.lang {
        consent_domain::Lang::Ru => format!(
            "Резервная копия записана: {} (событий: {}). Она зашифрована ключом базы: храните \
             лист восстановления отдельно от копии.",
            view.file, view.events
        ),
        consent_domain::Lang::En => format!(
            "Backup written: {} ({} events). It is encrypted with the database key: keep the \
             recovery sheet apart from the copy.",
            view.file, view.events
        ),
    };
    Ok(Report::new(&view, text))
}

/// Restores without opening the desk: it may be damaged, missing, or open elsewhere (then refused).
pub fn restore(ctx: &Context, file: &std::path::Path, replace: bool) -> Result<Report, CliError> {
    let view = ctx.restore(file, replace)?;
    Ok(Report::new(&view, human::restore(ctx.lang, &view)))
}
