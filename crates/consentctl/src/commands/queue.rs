//! `queue`: the managers' open requests, overdue first (the service sorts them).

use crate::context::Context;
use crate::error::CliError;
use crate::human;
use crate::output::Report;

pub fn run(ctx: &Context) -> Result<Report, CliError> {
    let (desk, actor) = ctx.open_as()?;
    let items = desk.queue(&actor)?;
    Ok(Report::new(&items, human::queue(ctx.lang, &items)))
}
