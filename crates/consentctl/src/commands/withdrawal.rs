//! `withdrawal receive | show`: withdrawals of consent and the other subject requests.

use consent_service::ReceiveInput;

use crate::args::WithdrawalCommand;
use crate::context::Context;
use crate::error::CliError;
use crate::human;
use crate::output::Report;
use crate::texts::tr;

pub fn run(ctx: &Context, command: WithdrawalCommand) -> Result<Report, CliError> {
    let lang = ctx.lang;
    match command {
        WithdrawalCommand::Receive(args) => {
            let (mut desk, actor) = ctx.open_as()?;
            let view = desk.receive_request(
                &actor,
                &ReceiveInput {
                    patient: args.patient,
                    kind: args.kind,
                    purposes: args
                        .purposes
                        .into_iter()
                        .map(|p| p.trim().to_owned())
                        .filter(|p| !p.is_empty())
                        .collect(),
                    received_on: args.received,
                    channel: args.channel,
                },
            )?;
            let text = format!(
                "{}\n{}",
                tr(lang, "Запрос принят.", "Request received."),
                human::request(lang, &view)
            );
            Ok(Report::new(&view, text))
        }
        WithdrawalCommand::Show(args) => {
            let (desk, actor) = ctx.open_as()?;
            let view = desk.request(&actor, &args.id)?;
            Ok(Report::new(&view, human::request(lang, &view)))
        }
    }
}
