//! `consent grant | show | purposes | printed | sign`.

use consent_domain::Lang;
use consent_domain::purpose::{Catalogue, LegalGround, Necessity};
use consent_service::GrantInput;
use consent_service::api::ConsentView;
use serde::Serialize;

use crate::args::ConsentCommand;
use crate::context::Context;
use crate::error::CliError;
use crate::human;
use crate::output::{Report, Table, day, fields};
use crate::texts::tr;

/// What `consent printed --json` prints.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PrintedView {
    consent: ConsentView,
    /// The form id, as `consent sign --form` takes it.
    form: String,
    /// The content of the form's QR code.
    qr: String,
}

/// What `consent purposes --json` prints: the policy catalogue.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PurposesView {
    policy_version: String,
    effective_from: String,
    purposes: Vec<PurposeView>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PurposeView {
    code: String,
    item: String,
    title: String,
    description: String,
    legal_ground: &'static str,
    /// `required` or `optional`.
    necessity: &'static str,
    /// Whether withdrawing consent stops processing for this purpose.
    stops_on_withdrawal: bool,
}

pub fn run(ctx: &Context, command: ConsentCommand) -> Result<Report, CliError> {
    let lang = ctx.lang;
    match command {
        ConsentCommand::Purposes => Ok(purposes(lang)),
        ConsentCommand::Grant(args) => {
            let (mut desk, actor) = ctx.open_as()?;
            let view = desk.grant_consent(
                &actor,
                &GrantInput {
                    patient: args.patient,
                    granted: args
                        .purposes
                        .into_iter()
                        .map(|p| p.trim().to_owned())
                        .collect(),
                    until: args.until,
                },
            )?;
            let text = format!(
                "{}\n{}",
                tr(
                    lang,
                    "Согласие оформлено. Следующий шаг: consentctl consent printed ID.",
                    "Consent drawn up. Next: consentctl consent printed ID."
                ),
                human::consent(lang, &view)
            );
            Ok(Report::new(&view, text))
        }
        ConsentCommand::Show(args) => {
            let (desk, actor) = ctx.open_as()?;
            let view = desk.consent(&actor, &args.id)?;
            Ok(Report::new(&view, human::consent(lang, &view)))
        }
        ConsentCommand::Printed(args) => {
            let (mut desk, actor) = ctx.open_as()?;
            let (consent, form) = desk.mark_printed(&actor, &args.id)?;
            let view = PrintedView {
                qr: format!("{}{form}", consent_service::desk::QR_PREFIX),
                form,
                consent,
            };
            let mut text = format!(
                "{}\n",
                tr(
                    lang,
                    "Печать бланка записана.",
                    "The printed form is recorded."
                )
            );
            text.push_str(&fields(
                &[
                    (tr(lang, "Код формы", "Form code"), view.form.clone()),
                    (tr(lang, "QR-код", "QR code"), view.qr.clone()),
                ],
                "",
            ));
            text.push_str(tr(
                lang,
                "После подписи: consentctl consent sign --form КОД --paper \"ГДЕ ХРАНИТСЯ\".\n\n",
                "Once signed: consentctl consent sign --form CODE --paper \"WHERE IT IS KEPT\".\n\n",
            ));
            text.push_str(&human::consent(lang, &view.consent));
            Ok(Report::new(&view, text))
        }
        ConsentCommand::Sign(args) => {
            let (mut desk, actor) = ctx.open_as()?;
            let view = desk.mark_signed(&actor, &args.form, &args.paper)?;
            let text = format!(
                "{}\n{}",
                tr(lang, "Подпись подтверждена.", "The signature is confirmed."),
                human::consent(lang, &view)
            );
            Ok(Report::new(&view, text))
        }
    }
}

fn ground(lang: Lang, ground: LegalGround) -> &'static str {
    match ground {
        LegalGround::Consent => tr(lang, "согласие", "consent"),
        LegalGround::Contract => tr(lang, "договор", "contract"),
        LegalGround::LegalObligation => tr(lang, "обязанность по закону", "legal obligation"),
        LegalGround::LegitimateInterests => tr(lang, "законный интерес", "legitimate interests"),
        LegalGround::MedicalPurposes => tr(lang, "медицинские цели", "medical purposes"),
    }
}

fn necessity(lang: Lang, necessity: Necessity) -> &'static str {
    match necessity {
        Necessity::Required => tr(lang, "обязательна", "required"),
        Necessity::Optional => tr(lang, "по желанию", "optional"),
    }
}

/// The catalogue needs no database: it is the policy built into this version.
fn purposes(lang: Lang) -> Report {
    let catalogue = Catalogue::builtin();
    let policy = catalogue.policy();
    let view = PurposesView {
        policy_version: policy.id().as_str().to_owned(),
        effective_from: policy.effective_from().to_string(),
        purposes: catalogue
            .iter()
            .map(|p| PurposeView {
                code: p.code.as_str().to_owned(),
                item: p.item.as_str().to_owned(),
                title: p.title.get(lang).to_owned(),
                description: p.description.get(lang).to_owned(),
                legal_ground: p.legal_ground.code(),
                necessity: p.necessity.code(),
                stops_on_withdrawal: p.stops_on_withdrawal(),
            })
            .collect(),
    };
    let mut text = match lang {
        Lang::Ru => format!(
            "Редакция политики {} (действует с {})\n",
            view.policy_version,
            day(policy.effective_from())
        ),
        Lang::En => format!(
            "Policy version {} (in force from {})\n",
            view.policy_version,
            day(policy.effective_from())
        ),
    };
    let mut table = Table::default();
    table.row([
        tr(lang, "П.", "Item"),
        tr(lang, "Код", "Code"),
        tr(lang, "Основание", "Ground"),
        tr(lang, "Обязательность", "Necessity"),
        tr(lang, "Название", "Title"),
    ]);
    for p in catalogue.iter() {
        table.row([
            p.item.as_str(),
            p.code.as_str(),
            ground(lang, p.legal_ground),
            necessity(lang, p.necessity),
            p.title.get(lang),
        ]);
    }
    text.push_str(&table.render(""));
    Report::new(&view, text)
}
