//! `server join`, `server code` and `sync`: this desk's membership of the clinic server.

use std::io::Read;

use consent_domain::Lang;
use serde::Serialize;

use crate::args::{JoinArgs, ServerCommand};
use crate::context::Context;
use crate::error::CliError;
use crate::output::Report;

pub fn run(ctx: &Context, cmd: ServerCommand) -> Result<Report, CliError> {
    match cmd {
        ServerCommand::Join(args) => join(ctx, args),
        ServerCommand::Code => code(ctx),
    }
}

fn join(ctx: &Context, args: JoinArgs) -> Result<Report, CliError> {
    let code = if args.code == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| CliError::UnreadableFile {
                path: "-".into(),
                kind: e.kind(),
            })?;
        text
    } else {
        args.code
    };
    let (mut desk, actor) = ctx.open_as()?;
    let view = desk.join_server(&actor, &code, &args.name)?;
    let text = match ctx.lang {
        Lang::Ru => format!(
            "Рабочее место подключено к серверу клиники {}:{}.\nОтпечаток сертификата сервера: {}\n\
             Сверьте его с тем, что показал сервер при настройке.",
            view.host, view.port, view.fingerprint
        ),
        Lang::En => format!(
            "This desk has joined the clinic server {}:{}.\nServer certificate fingerprint: {}\n\
             Compare it with the one the server showed at set-up.",
            view.host, view.port, view.fingerprint
        ),
    };
    Ok(Report::new(&view, text))
}

#[derive(Debug, Serialize)]
struct CodeView {
    code: String,
    valid_hours: u64,
}

fn code(ctx: &Context) -> Result<Report, CliError> {
    let (mut desk, actor) = ctx.open_as()?;
    let view = CodeView {
        code: desk.add_desk_code(&actor)?,
        valid_hours: consent_service::desk::DESK_CODE_TTL.as_secs() / 3600,
    };
    let text = match ctx.lang {
        Lang::Ru => format!(
            "Код подключения нового рабочего места (одноразовый, действует {} ч):\n{}",
            view.valid_hours, view.code
        ),
        Lang::En => format!(
            "Enrollment code for a new desk (one-time, valid {} h):\n{}",
            view.valid_hours, view.code
        ),
    };
    Ok(Report::new(&view, text))
}

pub fn sync(ctx: &Context) -> Result<Report, CliError> {
    let (mut desk, actor) = ctx.open_as()?;
    let view = desk.sync_now(&actor)?;
    let text = match ctx.lang {
        Lang::Ru => format!(
            "Синхронизировано: отправлено записей — {}, получено — {}, изменились данные \
             пациентов — {}.",
            view.pushed, view.pulled, view.patients_changed
        ),
        Lang::En => format!(
            "Synced: {} records sent, {} received, {} patients' data changed.",
            view.pushed, view.pulled, view.patients_changed
        ),
    };
    Ok(Report::new(&view, text))
}
