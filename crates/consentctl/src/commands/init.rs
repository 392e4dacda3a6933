//! `init`: the first set-up of a desk.

use consent_domain::Lang;
use consent_service::api::StaffView;
use consent_service::{Desk, NewStaff};
use serde::Serialize;

use crate::args::InitArgs;
use crate::context::Context;
use crate::error::CliError;
use crate::output::{Report, fields};
use crate::texts::tr;
use crate::{human, key};

/// What `init --json` prints.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct InitView {
    data_dir: String,
    desk_id: String,
    /// `file`, `env` or `keyring`: where the key came from (never the key).
    key_source: &'static str,
    admin: StaffView,
}

pub fn run(ctx: &Context, args: &InitArgs) -> Result<Report, CliError> {
    let dir = ctx.data_dir()?;
    let choice = ctx.key_choice()?;
    let key_source = match &choice {
        consent_service::KeyChoice::File(_) => "file",
        consent_service::KeyChoice::Env(_) => "env",
        consent_service::KeyChoice::Keyring | consent_service::KeyChoice::KeyringIn(_) => "keyring",
    };
    let key_text = key::describe(&choice, ctx.lang);
    let admin = NewStaff {
        login: args.admin_login.trim().to_owned(),
        full_name: args.admin_name.clone(),
        role: "admin".to_owned(),
    };
    let desk = Desk::init(dir, choice, admin.clone(), ctx.clock()?, ctx.lang)?;
    let staff = desk.staff_by_login(&admin.login)?;
    let view = InitView {
        data_dir: dir.display().to_string(),
        desk_id: desk.desk_id().to_string(),
        key_source,
        admin: StaffView::from(&staff),
    };
    let lang = ctx.lang;
    let mut text = format!(
        "{}\n",
        tr(lang, "Рабочее место настроено.", "The desk is set up.")
    );
    text.push_str(&fields(
        &[
            (
                tr(lang, "Каталог данных", "Data directory"),
                view.data_dir.clone(),
            ),
            (tr(lang, "Рабочее место", "Desk"), view.desk_id.clone()),
            (tr(lang, "Ключ базы", "Database key"), key_text),
        ],
        "",
    ));
    text.push_str(&format!("\n{}\n", admin_heading(lang)));
    text.push_str(&human::staff(lang, &view.admin));
    Ok(Report::new(&view, text))
}

fn admin_heading(lang: Lang) -> &'static str {
    tr(lang, "Администратор:", "Administrator:")
}
