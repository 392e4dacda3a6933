//! `clinic show | set`: the operator's details that every printed form carries.

use consent_domain::clinic::ClinicInput;
use consent_service::api::ClinicView;

use crate::args::ClinicCommand;
use crate::context::Context;
use crate::error::CliError;
use crate::output::Report;
use crate::texts::tr;

pub fn run(ctx: &Context, command: ClinicCommand) -> Result<Report, CliError> {
    let (mut desk, actor) = ctx.open_as()?;
    let lang = ctx.lang;
    match command {
        ClinicCommand::Show => {
            let clinic = desk.clinic(&actor)?;
            let text = match &clinic {
                Some(view) => render(lang, view),
                None => tr(
                    lang,
                    "Реквизиты клиники не заданы (consentctl clinic set).",
                    "The clinic's details are not set (consentctl clinic set).",
                )
                .to_owned(),
            };
            Ok(Report::new(&clinic, text))
        }
        ClinicCommand::Set(args) => {
            let view = desk.set_clinic(
                &actor,
                &ClinicInput {
                    name: args.name,
                    inn: args.inn,
                    ogrn: args.ogrn,
                    legal_address: args.legal_address,
                    postal_address: args.postal_address,
                    withdrawal_email: args.email,
                    phone: args.phone,
                    processor_name: args.processor_name,
                    processor_address: args.processor_address,
                    information_system: args.information_system,
                },
            )?;
            let text = format!(
                "{}\n{}",
                tr(
                    lang,
                    "Реквизиты клиники сохранены.",
                    "The clinic's details are saved."
                ),
                render(lang, &view)
            );
            Ok(Report::new(&view, text))
        }
        ClinicCommand::Wording(args) => {
            let toml = crate::patient_form::read_text(&args.file)?;
            desk.set_form_wording(&actor, &toml)?;
            let text = tr(
                lang,
                "Формулировки форм сохранены для всей клиники: рабочие места получат их при синхронизации.",
                "The forms' wording is saved for the whole clinic: desks receive it when they sync.",
            );
            Ok(Report::new(&WordingView { saved: true }, text.to_owned()))
        }
    }
}

/// What `clinic wording` reports in `--json`.
#[derive(Debug, serde::Serialize)]
struct WordingView {
    saved: bool,
}

fn render(lang: consent_domain::Lang, view: &ClinicView) -> String {
    let mut lines = vec![
        format!("{}: {}", tr(lang, "Наименование", "Name"), view.name),
        format!("{}: {}", tr(lang, "ИНН", "INN"), view.inn),
        format!("{}: {}", tr(lang, "ОГРН", "OGRN"), view.ogrn),
        format!(
            "{}: {}",
            tr(lang, "Юридический адрес", "Legal address"),
            view.legal_address
        ),
        format!(
            "{}: {}",
            tr(lang, "Почтовый адрес", "Postal address"),
            view.postal_address
        ),
        format!(
            "{}: {}",
            tr(lang, "E-mail для отзывов", "E-mail for withdrawals"),
            view.withdrawal_email
        ),
        format!(
            "{}: {}",
            tr(lang, "Информационная система", "Information system"),
            view.information_system
        ),
    ];
    if let Some(phone) = &view.phone {
        lines.push(format!("{}: {phone}", tr(lang, "Телефон", "Phone")));
    }
    if let (Some(name), Some(address)) = (&view.processor_name, &view.processor_address) {
        lines.push(format!(
            "{}: {name}, {address}",
            tr(lang, "Обработчик", "Processor")
        ));
    }
    lines.join("\n")
}
