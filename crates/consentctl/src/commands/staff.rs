//! `staff add | list`: accounts, for administrators.

use consent_service::NewStaff;

use crate::args::StaffCommand;
use crate::context::Context;
use crate::error::CliError;
use crate::human;
use crate::output::Report;
use crate::texts::tr;

pub fn run(ctx: &Context, command: StaffCommand) -> Result<Report, CliError> {
    let (mut desk, actor) = ctx.open_as()?;
    let lang = ctx.lang;
    match command {
        StaffCommand::Add(args) => {
            let view = desk.add_staff(
                &actor,
                NewStaff {
                    login: args.login,
                    full_name: args.name,
                    role: args.role,
                },
            )?;
            let text = format!(
                "{}\n{}",
                tr(lang, "Сотрудник добавлен.", "Staff member added."),
                human::staff(lang, &view)
            );
            Ok(Report::new(&view, text))
        }
        StaffCommand::List => {
            let list = desk.staff_list(&actor)?;
            Ok(Report::new(&list, human::staff_list(lang, &list)))
        }
    }
}
