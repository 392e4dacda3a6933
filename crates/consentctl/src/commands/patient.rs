//! `patient add | update | find | show`.

use consent_domain::patient::PatientInput;

use crate::args::PatientCommand;
use crate::context::Context;
use crate::error::{CliError, Duplicate};
use crate::human;
use crate::output::Report;
use crate::patient_form;
use crate::texts::tr;

pub fn run(ctx: &Context, command: PatientCommand) -> Result<Report, CliError> {
    let lang = ctx.lang;
    match command {
        PatientCommand::Add(args) => {
            // The file is read before the database is opened: a typo in it costs no key prompt.
            let changes = patient_form::changes(&args.form)?;
            let (mut desk, actor) = ctx.open_as()?;
            let mut input = PatientInput::default();
            changes.apply(&mut input);
            // The app shows the similar patients before it saves; a script cannot look, so a likely
            // duplicate is refused until the admin says it is another person.
            if !args.confirm_new {
                let similar = desk.likely_duplicates(&actor, &input)?;
                if !similar.is_empty() {
                    return Err(CliError::LikelyDuplicate(
                        similar
                            .into_iter()
                            .map(|(why, patient)| Duplicate {
                                id: patient.id,
                                reason: why.code(),
                            })
                            .collect(),
                    ));
                }
            }
            let card = desk.register_patient(&actor, &input)?;
            let text = format!(
                "{}\n\n{}",
                tr(lang, "Пациент зарегистрирован.", "Patient registered."),
                human::card(lang, &card)
            );
            Ok(Report::new(&card, text))
        }
        PatientCommand::Update(args) => {
            let mut changes = patient_form::changes(&args.form)?;
            if args.no_representative {
                changes.remove_representative();
            }
            if changes.is_empty() {
                return Err(CliError::NothingToUpdate);
            }
            let (mut desk, actor) = ctx.open_as()?;
            let mut input = desk.patient_input(&actor, &args.id)?;
            changes.apply(&mut input);
            let card = desk.update_patient(&actor, &args.id, &input)?;
            let text = format!(
                "{}\n\n{}",
                tr(lang, "Данные пациента заменены.", "Patient data replaced."),
                human::card(lang, &card)
            );
            Ok(Report::new(&card, text))
        }
        PatientCommand::Find(args) => {
            let (desk, actor) = ctx.open_as()?;
            let found = desk.find_patients(&actor, &args.query, args.limit)?;
            Ok(Report::new(&found, human::summaries(lang, &found)))
        }
        PatientCommand::Show(args) => {
            let (desk, actor) = ctx.open_as()?;
            let card = desk.card(&actor, &args.id)?;
            Ok(Report::new(&card, human::card(lang, &card)))
        }
    }
}
