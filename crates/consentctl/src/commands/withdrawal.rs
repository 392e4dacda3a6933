//! `withdrawal receive | show | start | decide | extend | block | destroy | acts | unblock | notify |
//! close`: withdrawals of consent and the other subject requests, from intake to closing.

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
                    details: None,
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
        WithdrawalCommand::Start(args) => {
            step(ctx, |desk, actor| desk.start_request(actor, &args.id))
        }
        WithdrawalCommand::Decide(args) => step(ctx, |desk, actor| {
            desk.decide_purpose(actor, &args.id, &args.purpose, args.continues_on.as_deref())
        }),
        WithdrawalCommand::Extend(args) => step(ctx, |desk, actor| {
            desk.extend_request(actor, &args.id, &args.reason)
        }),
        WithdrawalCommand::Block(args) => step(ctx, |desk, actor| desk.block_data(actor, &args.id)),
        WithdrawalCommand::Destroy(args) => {
            let (mut desk, actor) = ctx.open_as()?;
            let act = desk.destroy_subject(&actor, &args.id, &args.surname)?;
            let text = format!(
                "{}\n{}",
                tr(
                    lang,
                    "Данные уничтожены: ключ шифрования пациента удалён, записи о нём стёрты.",
                    "The data were destroyed: the patient's encryption key was deleted and their \
                     records erased."
                ),
                human::act(lang, &act)
            );
            Ok(Report::new(&act, text))
        }
        WithdrawalCommand::Acts => {
            let (mut desk, actor) = ctx.open_as()?;
            let acts = desk.acts(&actor)?;
            let text = acts
                .iter()
                .map(|act| human::act(lang, act))
                .collect::<Vec<_>>()
                .join("\n\n");
            let text = if text.is_empty() {
                tr(lang, "Актов об уничтожении нет.", "No acts of destruction.").to_owned()
            } else {
                text
            };
            Ok(Report::new(&acts, text))
        }
        WithdrawalCommand::Unblock(args) => {
            step(ctx, |desk, actor| desk.unblock_request(actor, &args.id))
        }
        WithdrawalCommand::Notify(args) => step(ctx, |desk, actor| {
            desk.notify_subject(actor, &args.id, args.on.as_deref(), &args.channel)
        }),
        WithdrawalCommand::Close(args) => {
            step(ctx, |desk, actor| desk.close_request(actor, &args.id))
        }
    }
}

/// One manager's step on a request: open the desk as the actor, run it, show the request.
fn step(
    ctx: &Context,
    run: impl FnOnce(
        &mut consent_service::Desk,
        &consent_domain::staff::Staff,
    ) -> Result<consent_service::api::RequestView, consent_service::ServiceError>,
) -> Result<Report, CliError> {
    let (mut desk, actor) = ctx.open_as()?;
    let view = run(&mut desk, &actor)?;
    let text = format!(
        "{}\n{}",
        tr(ctx.lang, "Записано.", "Recorded."),
        human::request(ctx.lang, &view)
    );
    Ok(Report::new(&view, text))
}
