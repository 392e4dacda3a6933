//! The service's message catalogue: Russian first, English second. Every error has both; a unit test
//! checks that the Russian texts are Russian and the English ones carry no Cyrillic.

use consent_domain::Lang;
use consent_domain::dates::ru_date;
use consent_domain::patient::{FieldError, FieldPath, Problem};
use consent_domain::staff::Forbidden;

use crate::error::Missing;
use crate::{DataDirProblem, DeskFileDefect, ServiceError, SettingsDefect};

/// Picks the text for `lang`.
fn pick(lang: Lang, ru: String, en: String) -> String {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// Where a message is read. The app puts each field's error under its input, where the input's own
/// hint says what it takes; a terminal has no such place, so there a field's error names the field's
/// path (the JSON key, `document.kind`) and spells out what it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Surface {
    #[default]
    App,
    Terminal,
}

pub(crate) fn error_message(error: &ServiceError, lang: Lang, surface: Surface) -> String {
    match error {
        ServiceError::DataDirUnavailable { path, reason } => pick(
            lang,
            format!(
                "Каталог данных «{}» недоступен: {reason}. Проверьте права доступа или укажите другой \
                 каталог в переменной CONSENT_DESK_DATA_DIR.",
                path.display()
            ),
            format!(
                "The data directory \"{}\" is unavailable: {reason}. Check its permissions or set \
                 another directory in CONSENT_DESK_DATA_DIR.",
                path.display()
            ),
        ),
        ServiceError::SettingsCorrupt { path, defect } => pick(
            lang,
            format!(
                "Файл настроек «{}» повреждён ({}). Используются настройки по умолчанию; файл не \
                 изменён. Исправьте или удалите его.",
                path.display(),
                defect_ru(defect)
            ),
            format!(
                "The settings file \"{}\" is damaged ({defect}). Defaults are in use; the file was \
                 left unchanged. Fix or delete it.",
                path.display()
            ),
        ),
        ServiceError::SettingsWriteFailed { path, reason } => pick(
            lang,
            format!(
                "Не удалось сохранить настройки в «{}»: {reason}.",
                path.display()
            ),
            format!(
                "Could not save the settings to \"{}\": {reason}.",
                path.display()
            ),
        ),
        ServiceError::UnknownLanguage { tag } => pick(
            lang,
            format!("Язык «{tag}» не поддерживается; доступны: ru (русский), en (английский)."),
            format!(
                "The language \"{tag}\" is not supported; available: ru (Russian), en (English)."
            ),
        ),
        ServiceError::InvalidPatient(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| field_message(e, lang, surface))
                .collect();
            pick(
                lang,
                format!(
                    "Анкета пациента заполнена с ошибками:\n- {}",
                    lines.join("\n- ")
                ),
                format!("The patient form has errors:\n- {}", lines.join("\n- ")),
            )
        }
        ServiceError::BadInput { what, detail } => bad_input(what, detail, lang),
        ServiceError::InvalidClinic(e) => clinic_message(e, lang),
        ServiceError::Form { detail } => form_message(detail, lang),
        ServiceError::Session { detail } => {
            let (ru, en) = match *detail {
                crate::session::SIGNED_OUT => (
                    "Никто не вошёл в систему: войдите под своей учётной записью.",
                    "Nobody is signed in: sign in with your own account.",
                ),
                crate::session::LOCKED => (
                    "Экран заблокирован: введите пароль, чтобы продолжить.",
                    "The screen is locked: enter your password to continue.",
                ),
                _ => (
                    "Сеанс другого сотрудника не закрыт: сначала выйдите из него.",
                    "Another staff member's session is open: sign it out first.",
                ),
            };
            pick(lang, ru.to_owned(), en.to_owned())
        }
        ServiceError::SignInFailed => pick(
            lang,
            "Неверный логин или пароль.".to_owned(),
            "Wrong login or password.".to_owned(),
        ),
        ServiceError::SignInPaused { seconds } => pick(
            lang,
            format!(
                "Слишком много неудачных попыток входа. Следующая попытка — через {seconds} с."
            ),
            format!("Too many failed sign-in attempts. Try again in {seconds} s."),
        ),
        ServiceError::Output { detail } => output_message(detail, lang),
        ServiceError::ClinicNotSet => pick(
            lang,
            "Реквизиты клиники не заполнены: формы не печатаются без оператора. Администратор \
             заполняет их в настройках (consentctl clinic set)."
                .to_owned(),
            "The clinic's details are not set: forms are not printed without an operator. An \
             administrator sets them in Settings (consentctl clinic set)."
                .to_owned(),
        ),
        ServiceError::Forbidden(forbidden) => forbidden_message(forbidden, lang),
        ServiceError::NotFound(missing) => not_found(*missing, lang),
        ServiceError::Rule { detail } => rule_message(detail, lang),
        ServiceError::UnknownYear { year } => pick(
            lang,
            format!(
                "Производственный календарь на {year} год неизвестен: срок не рассчитан. Загрузите \
                 календарь года (consentctl calendar import ФАЙЛ)."
            ),
            format!(
                "The production calendar for {year} is not known, so the deadline was not computed. \
                 Import that year (consentctl calendar import FILE)."
            ),
        ),
        ServiceError::NotInitialized { path } => pick(
            lang,
            format!(
                "На этом рабочем месте ещё нет базы данных ({}). Выполните первоначальную настройку: \
                 consentctl init.",
                path.display()
            ),
            format!(
                "This desk has no database yet ({}). Run the first set-up: consentctl init.",
                path.display()
            ),
        ),
        ServiceError::DataDir { path, problem } => data_dir_message(path, *problem, lang),
        ServiceError::DeskFile { path, defect } => desk_file_message(path, *defect, lang),
        ServiceError::AlreadyInitialized { path } => pick(
            lang,
            format!(
                "База данных уже существует ({}); повторная настройка её не перезапишет.",
                path.display()
            ),
            format!(
                "A database already exists ({}); set-up will not overwrite it.",
                path.display()
            ),
        ),
        ServiceError::Key(e) => key_message(e.code(), &e.to_string(), lang),
        ServiceError::Store(consent_store::StoreError::RestoreWouldReplace { path, events }) => {
            pick(
                lang,
                format!(
                    "Резервная копия цела (событий: {events}), но на месте базы уже есть файлы                      ({}). Ничего не изменено. Чтобы восстановить, добавьте --replace: прежние                      файлы будут перенесены в папку replaced-… рядом с базой, а не удалены.",
                    path.display()
                ),
                format!(
                    "The backup is whole ({events} events), but files are already in the                      database's place ({}). Nothing was changed. To restore, add --replace: the                      old files are moved into a replaced-… folder beside the database, not deleted.",
                    path.display()
                ),
            )
        }
        ServiceError::Store(e) => store_message(e.code(), &e.to_string(), lang),
        ServiceError::Backup { file, error } => backup_message(file, error, lang),
        ServiceError::RestoreNeedsKey { path } => pick(
            lang,
            format!(
                "В папке «{}» нет desk.json, поэтому ключ базы нельзя взять из хранилища ключей.                  Укажите ключ с листа восстановления: в переменной CONSENT_DESK_DB_KEY или файлом                  (--key-file).",
                path.display()
            ),
            format!(
                "There is no desk.json in \"{}\", so the database key cannot be taken from the                  keyring. Give the key from the recovery sheet: in CONSENT_DESK_DB_KEY or as a                  file (--key-file).",
                path.display()
            ),
        ),
    }
}

/// A backup refused before anything was replaced: what is wrong with that file, and what to do.
fn backup_message(file: &std::path::Path, error: &consent_store::StoreError, lang: Lang) -> String {
    let file = file.display();
    let (ru, en) = match error.code() {
        "db_wrong_key" => (
            format!(
                "Ключ не открывает резервную копию «{file}»: это копия другой базы, не копия \
                 Consent Desk, или её первая страница повреждена. Ничего не изменено."
            ),
            format!(
                "The key does not open the backup \"{file}\": it is a copy of another database, \
                 not a Consent Desk backup, or its first page is damaged. Nothing was changed."
            ),
        ),
        "db_not_found" => (
            format!("Файл резервной копии «{file}» не найден. Ничего не изменено."),
            format!("The backup file \"{file}\" does not exist. Nothing was changed."),
        ),
        "backup_of_another_desk" => (
            format!(
                "«{file}» — резервная копия базы другого рабочего места (её идентификатор не \
                 совпадает с desk.json). Ничего не изменено; возьмите копию этого рабочего места."
            ),
            format!(
                "\"{file}\" is a backup of another desk's database (its id differs from \
                 desk.json's). Nothing was changed; use a backup of this desk."
            ),
        ),
        _ => (
            format!(
                "Резервная копия «{file}» повреждена или не является копией Consent Desk, и \
                 восстановить её нельзя. Ничего не изменено; возьмите другую копию. Причина: {error}."
            ),
            format!(
                "The backup \"{file}\" is damaged or not a Consent Desk backup and cannot be \
                 restored. Nothing was changed; use another copy. Reason: {error}."
            ),
        ),
    };
    pick(lang, ru, en)
}

fn data_dir_message(path: &std::path::Path, problem: DataDirProblem, lang: Lang) -> String {
    let path = path.display();
    match problem {
        DataDirProblem::NotADirectory => pick(
            lang,
            format!(
                "«{path}» — файл, а не каталог. Укажите в --data-dir (или в CONSENT_DESK_DATA_DIR) \
                 каталог данных рабочего места: в нём лежат consent-desk.db и desk.json."
            ),
            format!(
                "\"{path}\" is a file, not a directory. Give the desk's data directory in --data-dir \
                 (or CONSENT_DESK_DATA_DIR): the one holding consent-desk.db and desk.json."
            ),
        ),
        DataDirProblem::NotADesk => pick(
            lang,
            format!(
                "Каталог «{path}» — не каталог данных Consent Desk: базы данных consent-desk.db в \
                 нём нет, а другие файлы есть. Проверьте --data-dir (или CONSENT_DESK_DATA_DIR). \
                 Новое рабочее место создаётся в новом или пустом каталоге: consentctl init \
                 --data-dir КАТАЛОГ."
            ),
            format!(
                "\"{path}\" is not a Consent Desk data directory: there is no consent-desk.db in \
                 it, but there are other files. Check --data-dir (or CONSENT_DESK_DATA_DIR). A new \
                 desk is set up in a new or empty directory: consentctl init --data-dir DIR."
            ),
        ),
        DataDirProblem::DatabaseMissing => pick(
            lang,
            format!(
                "В каталоге данных «{path}» есть файл рабочего места desk.json, но нет базы данных \
                 consent-desk.db: её удалили или переместили. Не выполняйте первоначальную \
                 настройку заново: верните базу на место или восстановите её из резервной копии \
                 (consentctl restore), либо обратитесь к администратору."
            ),
            format!(
                "The data directory \"{path}\" has the desk file desk.json but no database \
                 consent-desk.db: it was deleted or moved. Do not run the first set-up again: put \
                 the database back or restore it from a backup (consentctl restore), or ask the \
                 administrator."
            ),
        ),
    }
}

fn desk_file_message(path: &std::path::Path, defect: DeskFileDefect, lang: Lang) -> String {
    let path = path.display();
    let (what_ru, what_en) = match defect {
        DeskFileDefect::Missing => (
            format!("Нет файла рабочего места «{path}»"),
            format!("The desk file \"{path}\" is missing"),
        ),
        DeskFileDefect::Unreadable => (
            format!(
                "Файл рабочего места «{path}» не читается (нет прав на чтение или ошибка диска)"
            ),
            format!(
                "The desk file \"{path}\" cannot be read (no read permission, or a disk error)"
            ),
        ),
        DeskFileDefect::Damaged => (
            format!(
                "Файл рабочего места «{path}» повреждён: он пуст или содержит не то, что \
                 записывает программа"
            ),
            format!(
                "The desk file \"{path}\" is damaged: it is empty or does not hold what the \
                 program writes there"
            ),
        ),
    };
    let (todo_ru, todo_en) = match defect {
        DeskFileDefect::Unreadable => (
            "проверьте права на этот файл",
            "check the file's permissions",
        ),
        _ => (
            "восстановите desk.json из резервной копии каталога данных или обратитесь к \
             администратору",
            "restore desk.json from a backup of the data directory or ask the administrator",
        ),
    };
    pick(
        lang,
        format!(
            "{what_ru}. В нём записано, какая это база данных и где её ключ; сама база данных не \
             затронута. Не выполняйте первоначальную настройку заново: {todo_ru}."
        ),
        format!(
            "{what_en}. It says which database this is and where its key is kept; the database \
             itself is untouched. Do not run the first set-up again: {todo_en}."
        ),
    )
}

fn clinic_message(error: &consent_domain::clinic::ClinicError, lang: Lang) -> String {
    use consent_domain::clinic::{ClinicError, ClinicField};
    let (field_ru, field_en) = match error.field() {
        ClinicField::Name => ("Наименование клиники", "The clinic's name"),
        ClinicField::Inn => ("ИНН", "INN"),
        ClinicField::Ogrn => ("ОГРН", "OGRN"),
        ClinicField::LegalAddress => ("Юридический адрес", "Legal address"),
        ClinicField::PostalAddress => ("Почтовый адрес", "Postal address"),
        ClinicField::WithdrawalEmail => ("Электронная почта для отзывов", "E-mail for withdrawals"),
        ClinicField::Phone => ("Телефон", "Phone"),
        ClinicField::Processor => (
            "Обработчик (наименование и адрес)",
            "Processor (name and address)",
        ),
        ClinicField::InformationSystem => ("Информационная система", "Information system"),
    };
    let (ru, en) = match error {
        ClinicError::Unprintable(_, c) => {
            let code = *c as u32;
            return pick(
                lang,
                format!(
                    "{field_ru}: символ «{c}» (U+{code:04X}) не печатается шрифтом форм: замените \
                     его, иначе не напечатается ни одна форма."
                ),
                format!(
                    "{field_en}: the character «{c}» (U+{code:04X}) cannot be printed by the \
                     forms' font: replace it, or no form can be printed."
                ),
            );
        }
        ClinicError::Required(_) => ("обязательно для заполнения", "is required"),
        ClinicError::TooLong(_) => (
            "слишком длинно (не более 500 символов)",
            "is too long (at most 500)",
        ),
        ClinicError::BadFormat(ClinicField::Inn) => {
            ("нужно 10 цифр (ИНН организации)", "needs 10 digits")
        }
        ClinicError::BadFormat(ClinicField::Ogrn) => ("нужно 13 цифр", "needs 13 digits"),
        ClinicError::BadFormat(_) => ("неверный формат", "has a bad format"),
        ClinicError::BadChecksum(_) => (
            "неверная контрольная цифра: проверьте номер",
            "has a wrong check digit: check the number",
        ),
        ClinicError::BadCharacter(_) => (
            "содержит управляющий символ или невидимый символ смены направления текста: \
             введите текст заново, не копируя его",
            "contains a control character or an invisible text-direction override: type it \
             again rather than pasting it",
        ),
    };
    pick(
        lang,
        format!("{field_ru}: {ru}."),
        format!("{field_en}: {en}."),
    )
}

/// Why a form was not printed, by the forms crate's error code.
fn output_message(detail: &str, lang: Lang) -> String {
    let (ru, en) = match detail {
        "printer_missing" => (
            "Печать недоступна: в системе не найдена служба печати (CUPS, команда lp). Откройте \
             форму в программе просмотра PDF или попросите администратора установить принтер.",
            "Printing is not available: the system has no print service (CUPS, the lp command). \
             Open the form in the PDF viewer or ask the administrator to set up a printer.",
        ),
        "printer_failed" => (
            "Принтер не принял форму: проверьте, что принтер по умолчанию включён и настроен. \
             Форма не отмечена как напечатанная.",
            "The printer did not take the form: check that the default printer is on and set up. \
             The form was not recorded as printed.",
        ),
        "viewer_missing" => (
            "Программа просмотра PDF не найдена (xdg-open). Напечатайте форму на принтере.",
            "No PDF viewer was found (xdg-open). Print the form on the printer instead.",
        ),
        "viewer_no_private_dir" => (
            "Форму нельзя открыть во внешней программе: нет личного каталога в оперативной памяти \
             (XDG_RUNTIME_DIR), а записывать персональные данные на диск нельзя. Напечатайте \
             форму на принтере.",
            "The form cannot be opened in an external viewer: there is no private memory-backed \
             directory (XDG_RUNTIME_DIR), and personal data must not be written to disk. Print \
             the form instead.",
        ),
        _ => (
            "Программа просмотра PDF не открыла форму. Напечатайте форму на принтере.",
            "The PDF viewer did not open the form. Print the form on the printer instead.",
        ),
    };
    pick(lang, ru.to_owned(), en.to_owned())
}

fn form_message(detail: &str, lang: Lang) -> String {
    let (ru, en) = match detail.strip_prefix("forms_").unwrap_or(detail) {
        "clinic_field_missing" | "clinic_field_invalid" => (
            "Реквизиты клиники заполнены не полностью или с ошибкой: администратор исправляет их \
             в настройках (consentctl clinic set).",
            "The clinic's details are incomplete or wrong: an administrator corrects them in \
             Settings (consentctl clinic set).",
        ),
        "missing_data" => (
            "В карточке пациента не хватает данных, обязательных для этой формы (документ, адрес).",
            "The patient's record lacks data this form requires (document, address).",
        ),
        "unprintable_character" => (
            "В данных есть символ, которого нет в шрифте формы: исправьте запись.",
            "The data contain a character the form's font cannot print: correct the record.",
        ),
        "minor_without_representative" => (
            "Пациент несовершеннолетний, а законный представитель не указан: форму подписывает \
             представитель.",
            "The patient is a minor with no legal representative: the representative signs the form.",
        ),
        "nothing_granted" => (
            "В согласии не отмечено ни одной цели: печатать нечего.",
            "The consent grants no purpose: there is nothing to print.",
        ),
        "purpose_not_in_force" => (
            "Эта цель не действует в согласии, её нельзя отозвать.",
            "That purpose is not in force in the consent, so it cannot be withdrawn.",
        ),
        "policy_mismatch" | "unknown_purpose" => (
            "Согласие дано по другой редакции политики, чем доступна для печати.",
            "The consent was given under another policy version than the one available to print.",
        ),
        "not_extended" => (
            "Срок по запросу не продлевался: уведомлять о продлении не о чем.",
            "The request was not extended: there is no extension to notify.",
        ),
        "undecided_purposes" => (
            "Решение принято не по всем целям: уведомление о результате пока не готово.",
            "Not every purpose is decided yet: the outcome notice is not ready.",
        ),
        "empty" | "no_dissemination_purpose" => (
            "Для этой формы нет данных: печатать нечего.",
            "There is nothing for this form to print.",
        ),
        "wrong_request_kind" => (
            "Эта форма предназначена для запроса другого вида.",
            "This form is for a request of another kind.",
        ),
        d if d.starts_with("texts_") => (
            "Файл формулировок forms.toml в каталоге данных содержит ошибку: исправьте или удалите его.",
            "The wording file forms.toml in the data directory has an error: fix or delete it.",
        ),
        _ => (
            "Форму нельзя заполнить полностью: печать отменена.",
            "The form cannot be filled completely: nothing was printed.",
        ),
    };
    pick(lang, ru.to_owned(), en.to_owned())
}

fn defect_ru(defect: &SettingsDefect) -> String {
    match defect {
        SettingsDefect::Invalid { line, column } => {
            format!("ошибка в строке {line}, столбце {column}")
        }
        SettingsDefect::UnsupportedLanguage { tag } => format!("неизвестный язык «{tag}»"),
        SettingsDefect::Unreadable { reason } => format!("не удаётся прочитать: {reason}"),
    }
}

fn bad_input(what: &str, detail: &str, lang: Lang) -> String {
    let (ru, en) = match detail {
        "bad_date" => (
            "неверная дата (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)",
            "not a valid date (expected DD.MM.YYYY or YYYY-MM-DD)",
        ),
        "bad_id" => ("неверный идентификатор", "not a valid identifier"),
        "unknown_purpose" => (
            "неизвестная цель обработки (см. consentctl consent purposes)",
            "unknown purpose (see consentctl consent purposes)",
        ),
        "unknown_choice" => ("недопустимое значение", "not one of the allowed values"),
        "bad_number" => ("неверное число", "not a valid number"),
        "empty" => ("не может быть пустым", "must not be empty"),
        "too_long" => ("слишком длинное значение", "too long"),
        "bad_login" => (
            "неверный логин (3–32 символа: строчные латинские буквы, цифры, «.», «_», «-»)",
            "not a valid login (3-32 characters: lowercase latin letters, digits, '.', '_', '-')",
        ),
        "bad_name" => ("неверное ФИО сотрудника", "not a valid staff name"),
        "text_control_character" => (
            "содержит управляющий символ (например, перевод строки, табуляцию или escape-\
             последовательность терминала): введите текст заново, не копируя его",
            "contains a control character (a line break, a tab or a terminal escape sequence, \
             say): type it again rather than pasting it",
        ),
        "text_direction_override" => (
            "содержит невидимый символ смены направления текста, из-за которого текст на экране \
             читается иначе, чем сохранён: введите текст заново, не копируя его",
            "contains an invisible text-direction override that makes it read differently on \
             screen from what is stored: type it again rather than pasting it",
        ),
        "password_too_short" => (
            "пароль слишком короткий (не менее 8 символов)",
            "the password is too short (at least 8 characters)",
        ),
        "bad_calendar" => (
            "файл календаря отклонён (ожидается формат xmlcalendar)",
            "the calendar file was refused (expected the xmlcalendar format)",
        ),
        "unreadable_file" => ("файл не читается", "the file cannot be read"),
        "date_in_future" => (
            "дата ещё не наступила: укажите день, когда это произошло",
            "the day has not come yet: give the day it happened",
        ),
        "date_before_registration" => (
            "раньше дня регистрации пациента",
            "before the day the patient was registered",
        ),
        "date_before_consent" => (
            "раньше дня подписания согласия, которое отзывается",
            "before the day the consent being withdrawn was signed",
        ),
        "date_before_received" => (
            "раньше дня получения запроса",
            "before the day the request was received",
        ),
        "term_before_draft" => (
            "согласие закончилось бы раньше дня его оформления",
            "the consent would end before the day it is drawn up",
        ),
        "term_too_long" => (
            "срок длиннее 100 лет; бессрочное согласие (до отзыва) оформляется без даты окончания",
            "longer than 100 years; a consent until withdrawn is given with no end date",
        ),
        "unknown_form_code" => (
            "код формы не распознан (отсканируйте QR-код или введите короткий код с бланка)",
            "the form code is not recognised (scan the QR code or type the short code from the form)",
        ),
        "bad_recovery_code" => (
            "код не распознан: нужны 64 символа 0–9 и a–f с листа восстановления (пробелы и \
             дефисы между группами можно не вводить)",
            "the code is not recognised: it is the 64 characters 0-9 and a-f from the recovery \
             sheet (spaces and dashes between groups are optional)",
        ),
        "recovery_code_other_database" => (
            "это лист восстановления другой базы данных (другого рабочего места)",
            "this recovery sheet belongs to another database (another desk)",
        ),
        "recovery_code_wrong" => (
            "код не подходит к базе данных этого рабочего места; база не изменена",
            "the code does not open this desk's database; nothing was changed",
        ),
        _ => ("недопустимое значение", "not acceptable"),
    };
    let what_ru = argument_ru(what);
    pick(lang, format!("{what_ru}: {ru}."), format!("{what}: {en}."))
}

fn argument_ru(what: &str) -> &str {
    match what {
        "date" => "Дата",
        "received date" => "Дата получения",
        "recovery code" => "Код восстановления",
        "patient id" => "Идентификатор пациента",
        "consent id" => "Идентификатор согласия",
        "request id" => "Идентификатор запроса",
        "form code" => "Код формы",
        "purpose" => "Цель обработки",
        "channel" => "Способ получения",
        "request kind" => "Вид запроса",
        "term" => "Срок действия",
        "number of days" => "Число дней",
        "staff login" => "Логин сотрудника",
        "staff name" => "ФИО сотрудника",
        "role" => "Роль",
        "paper location" => "Место хранения бланка",
        "reason" => "Причина продления",
        "legal ground" => "Правовое основание",
        "calendar file" => "Файл календаря",
        "password" => "Пароль",
        "notice" => "Вид уведомления",
        "desk name" => "Название рабочего места",
        "idle lock minutes" => "Время до блокировки",
        "query" => "Поисковый запрос",
        other => other,
    }
}

fn forbidden_message(forbidden: &Forbidden, lang: Lang) -> String {
    let use_case = forbidden.use_case();
    match forbidden {
        Forbidden::Inactive { .. } => pick(
            lang,
            "Учётная запись сотрудника отключена: действие запрещено.".to_owned(),
            "The staff account is disabled: the action is refused.".to_owned(),
        ),
        Forbidden::RoleTooLow { role, .. } => pick(
            lang,
            format!(
                "Недостаточно прав: «{}» доступно роли «{}» и выше, а у вас роль «{}».",
                use_case.title_ru(),
                forbidden.required_role().name_ru(),
                role.name_ru()
            ),
            format!(
                "Not allowed: \"{}\" needs the role \"{}\" or higher; yours is \"{}\".",
                use_case.title_en(),
                forbidden.required_role().name_en(),
                role.name_en()
            ),
        ),
    }
}

fn not_found(missing: Missing, lang: Lang) -> String {
    let (ru, en) = match missing {
        Missing::Patient => ("Пациент не найден.", "No such patient."),
        Missing::Consent => ("Согласие не найдено.", "No such consent."),
        Missing::Form => (
            "Бланк с таким кодом не найден: возможно, он напечатан на другом рабочем месте и ещё не \
             синхронизирован.",
            "No form has this code: it may have been printed at another desk and not synced yet.",
        ),
        Missing::Request => ("Запрос не найден.", "No such request."),
        Missing::Staff => (
            "Сотрудник с таким логином не найден (укажите --as ЛОГИН).",
            "No staff member has this login (pass --as LOGIN).",
        ),
    };
    pick(lang, ru.to_owned(), en.to_owned())
}

/// Domain rule codes (`ConsentError`, `RequestError`, conflicts) in words.
pub(crate) fn rule_message(detail: &str, lang: Lang) -> String {
    let (ru, en) = match detail {
        "consent_no_purposes" => (
            "В согласии должна быть отмечена хотя бы одна цель обработки.",
            "A consent needs a decision for at least one purpose.",
        ),
        "consent_unknown_purpose" => (
            "Такой цели нет в действующей редакции политики.",
            "That purpose is not in the policy version in force.",
        ),
        "consent_term_ends_before_draft" => (
            "Срок действия согласия заканчивается раньше даты его оформления.",
            "The consent would end before the day it is drawn up.",
        ),
        "consent_term_too_long" => (
            "Срок действия согласия длиннее 100 лет; бессрочное согласие оформляется без даты \
             окончания.",
            "The consent's term is longer than 100 years; a consent until withdrawn has no end date.",
        ),
        "consent_not_printed" => (
            "Бланк согласия ещё не напечатан: сначала распечатайте его.",
            "The consent form has not been printed yet: print it first.",
        ),
        "consent_already_signed" => (
            "Это согласие уже подписано и подтверждено.",
            "This consent is already signed and confirmed.",
        ),
        "consent_unknown_form" => (
            "Этот бланк относится к другому согласию.",
            "This printed form belongs to another consent.",
        ),
        "consent_paper_location_missing" => (
            "Укажите, где хранится подписанный бланк (не длиннее 200 символов).",
            "Say where the signed paper is kept (at most 200 characters).",
        ),
        "consent_not_in_force" => (
            "Согласие не действует (не подписано, отозвано или заменено новым).",
            "The consent is not in force (unsigned, withdrawn or superseded).",
        ),
        "consent_purpose_not_granted" => (
            "Эта цель не была разрешена в согласии.",
            "That purpose was not granted in the consent.",
        ),
        "consent_purpose_already_withdrawn" => (
            "Согласие на эту цель уже отозвано.",
            "Consent for that purpose is already withdrawn.",
        ),
        "consent_supersedes_itself" => (
            "Согласие не может заменить само себя.",
            "A consent cannot supersede itself.",
        ),
        "consent_print_after_signature" => (
            "Согласие уже подписано: повторная печать бланка не нужна.",
            "The consent is already signed: the form is not printed again.",
        ),
        "request_empty_scope" => (
            "Отзывать нечего: у пациента нет действующих согласий на указанные цели.",
            "Nothing to withdraw: the patient has no consent in force for those purposes.",
        ),
        "request_wrong_status" => (
            "Этот шаг недоступен на текущем этапе обработки запроса.",
            "This step is not available at the request's current stage.",
        ),
        "request_step_not_applicable" => (
            "Для запроса этого вида такой шаг не предусмотрен.",
            "Requests of this kind have no such step.",
        ),
        "request_purpose_out_of_scope" => (
            "Эта цель не входит в отзыв.",
            "That purpose is not covered by the withdrawal.",
        ),
        "request_purpose_already_decided" => (
            "По этой цели решение уже принято.",
            "That purpose is already decided.",
        ),
        "request_legal_ground_missing" => (
            "Укажите правовое основание, по которому обработка продолжается.",
            "Give the legal ground on which processing continues.",
        ),
        "request_already_extended" => (
            "Срок уже продлевался: продление допускается один раз.",
            "The deadline was already extended: one extension only.",
        ),
        "request_reason_missing" => (
            "Укажите причину продления: она войдёт в мотивированное уведомление субъекту.",
            "Give the reason for the extension: it goes into the reasoned notice to the subject.",
        ),
        "request_not_extendable" => (
            "Срок по запросу этого вида продлить нельзя.",
            "Requests of this kind cannot be extended.",
        ),
        "request_nothing_to_dispose" => (
            "Обработка ни по одной цели не прекращена: уничтожать или блокировать нечего.",
            "Processing stopped for no purpose: there is nothing to destroy or block.",
        ),
        "request_received_in_future" => (
            "Дата получения не может быть в будущем.",
            "The received date cannot be in the future.",
        ),
        "request_notified_before_received" => (
            "Дата уведомления раньше даты получения запроса.",
            "The notification date is before the request was received.",
        ),
        "request_text_too_long" => (
            "Текст слишком длинный (не более 1000 символов).",
            "The text is too long (at most 1000 characters).",
        ),
        "patient_exists" => (
            "Пациент с таким идентификатором уже зарегистрирован.",
            "A patient with this id is already registered.",
        ),
        "act_needs_destroyed_data" => (
            "Акт об уничтожении составляется после того, как данные по отзыву уничтожены.",
            "The act of destruction is drawn up once the withdrawal's data were destroyed.",
        ),
        "recovery_sheet_printer_only" => (
            "Лист восстановления содержит ключ базы данных: он печатается только на принтере и не \
             открывается в других программах.",
            "The recovery sheet holds the database key: it is only printed, never opened in another \
             program.",
        ),
        "restore_not_needed" => (
            "База данных уже открыта: восстанавливать доступ не нужно.",
            "The database is already open: there is no access to restore.",
        ),
        "restore_key_not_in_keyring" => (
            "Ключ этого рабочего места задан администратором (переменная CONSENT_DESK_DB_KEY или \
             файл ключа), а не хранится в хранилище ключей ОС: впишите код с листа восстановления \
             туда и перезапустите программу.",
            "This desk's key is set by the administrator (CONSENT_DESK_DB_KEY or a key file), not \
             kept in the OS keyring: put the code from the recovery sheet there and restart.",
        ),
        "staff_login_taken" => (
            "Этот логин уже занят другим сотрудником.",
            "This login is already taken by another staff member.",
        ),
        _ => (
            "Действие противоречит правилам обработки.",
            "The step is refused by the processing rules.",
        ),
    };
    pick(lang, ru.to_owned(), en.to_owned())
}

fn key_message(code: &str, english: &str, lang: Lang) -> String {
    let ru = match code {
        "key_malformed" => {
            "Ключ базы данных задан неверно: нужны ровно 64 шестнадцатеричных символа \
             (CONSENT_DESK_DB_KEY или --key-file)."
        }
        "key_file_not_found" => "Файл ключа не найден.",
        "key_file_permissions" => {
            "Файл ключа доступен другим пользователям: выполните chmod 600 для этого файла."
        }
        "key_file_unreadable" | "key_file_not_a_file" => "Файл ключа не читается.",
        "keyring_entry_missing" => {
            "В хранилище ключей ОС нет ключа этой базы. Восстановите доступ по листу \
             восстановления или синхронизацией с сервером клиники."
        }
        "keyring_entry_exists" => {
            "В хранилище ключей ОС уже есть ключ этой базы; он не будет перезаписан."
        }
        "keyring_unavailable" => {
            "Хранилище ключей ОС недоступно (нет сеанса рабочего стола). Передайте ключ явно: \
             CONSENT_DESK_DB_KEY или --key-file."
        }
        _ => "Не удалось получить ключ базы данных.",
    };
    pick(lang, ru.to_owned(), format!("{english}."))
}

fn store_message(code: &str, english: &str, lang: Lang) -> String {
    let ru = match code {
        "db_wrong_key" => {
            "Ключ не подходит к базе данных (или файл не является базой Consent Desk). База не \
             изменена."
        }
        "db_not_found" => "Файл базы данных не найден.",
        "db_already_exists" => "База данных уже существует; она не будет перезаписана.",
        "db_not_encrypted" => "Файл — незашифрованная база SQLite, а не база Consent Desk.",
        "db_damaged" => {
            "Файл базы данных повреждён или обрезан. Ничего не изменено. Восстановите базу из \
             резервной копии; что именно повреждено, покажет consentctl verify."
        }
        "db_empty" => "Файл базы данных пуст: вероятно, настройка была прервана.",
        "db_incomplete" => "База данных создана не полностью.",
        "db_too_new" => {
            "База создана более новой версией Consent Desk: обновите программу, чтобы открыть её."
        }
        "db_busy" => "База данных занята другой программой (Consent Desk уже запущен?).",
        "db_in_use" => {
            "База открыта в Consent Desk или в команде consentctl: закройте их все и повторите \
             восстановление. Ничего не изменено."
        }
        "db_restoring" => {
            "В базу сейчас восстанавливается резервная копия: дождитесь окончания и повторите."
        }
        "db_read_only" => "База данных доступна только для чтения: проверьте права на файл.",
        "ledger_rolled_back" => {
            "Журнал короче, чем был, или переписан (так говорит его якорь рядом с базой): \
             последние события утеряны или удалены. Журнал не перестроен; восстановите базу из \
             резервной копии (подробности: consentctl verify)."
        }
        "ledger_keys_missing" => {
            "Ключи части пациентов удалены без записи об уничтожении их данных: база изменена в \
             обход программы. Журнал не перестроен; восстановите базу из резервной копии \
             (подробности: consentctl verify)."
        }
        "stored_patient_invalid" | "ledger_body_unreadable" => {
            "Запись журнала не читается: проверьте целостность (consentctl verify)."
        }
        _ => "Ошибка базы данных.",
    };
    pick(lang, ru.to_owned(), format!("{english}."))
}

/// «Серия паспорта: неверный формат», and on a terminal «Серия паспорта (document.series): …».
pub(crate) fn field_message(error: &FieldError, lang: Lang, surface: Surface) -> String {
    let (label_ru, label_en) = field_label(error.field);
    let (problem_ru, problem_en) = problem_text(error.problem, surface);
    let (label_ru, label_en) = match surface {
        Surface::App => (label_ru.to_owned(), label_en.to_owned()),
        Surface::Terminal => {
            let path = error.field.as_str();
            (
                format!("{label_ru} ({path})"),
                format!("{label_en} ({path})"),
            )
        }
    };
    pick(
        lang,
        format!("{label_ru}: {problem_ru}"),
        format!("{label_en}: {problem_en}"),
    )
}

fn field_label(field: FieldPath) -> (&'static str, &'static str) {
    match field.as_str() {
        "surname" => ("Фамилия", "Surname"),
        "given_name" => ("Имя", "Given name"),
        "patronymic" => ("Отчество", "Patronymic"),
        "birth_date" => ("Дата рождения", "Birth date"),
        "sex" => ("Пол", "Sex"),
        "phone" => ("Телефон", "Phone"),
        "email" => ("Электронная почта", "E-mail"),
        "contact" => ("Контакты", "Contact"),
        "address" => ("Адрес", "Address"),
        "document.kind" => ("Вид документа", "Document kind"),
        "document.series" => ("Серия документа", "Document series"),
        "document.number" => ("Номер документа", "Document number"),
        "document.issue_date" => ("Дата выдачи документа", "Document issue date"),
        "document.issuer" => ("Кем выдан документ", "Document issuer"),
        "document.subdivision_code" => ("Код подразделения", "Subdivision code"),
        "representative" => ("Законный представитель", "Legal representative"),
        "representative.surname" => ("Фамилия представителя", "Representative's surname"),
        "representative.given_name" => ("Имя представителя", "Representative's given name"),
        "representative.patronymic" => ("Отчество представителя", "Representative's patronymic"),
        "representative.birth_date" => {
            ("Дата рождения представителя", "Representative's birth date")
        }
        "representative.phone" => ("Телефон представителя", "Representative's phone"),
        "representative.address" => ("Адрес представителя", "Representative's address"),
        "representative.document.kind" => (
            "Вид документа представителя",
            "Representative's document kind",
        ),
        "representative.document.series" => (
            "Серия документа представителя",
            "Representative's document series",
        ),
        "representative.document.number" => (
            "Номер документа представителя",
            "Representative's document number",
        ),
        "representative.document.issue_date" => (
            "Дата выдачи документа представителя",
            "Representative's document issue date",
        ),
        "representative.document.issuer" => (
            "Кем выдан документ представителя",
            "Representative's document issuer",
        ),
        "representative.document.subdivision_code" => (
            "Код подразделения (представитель)",
            "Representative's subdivision code",
        ),
        "representative.authority.kind" => (
            "Документ, подтверждающий полномочия",
            "Document of authority",
        ),
        "representative.authority.number" => (
            "Номер документа о полномочиях",
            "Number of the document of authority",
        ),
        "representative.authority.date" => (
            "Дата документа о полномочиях",
            "Date of the document of authority",
        ),
        "representative.authority.issuer" => (
            "Кем выдан документ о полномочиях",
            "Issuer of the document of authority",
        ),
        _ => ("Поле", "Field"),
    }
}

fn problem_text(problem: Problem, surface: Surface) -> (String, String) {
    match problem {
        Problem::Required => ("обязательно для заполнения".into(), "is required".into()),
        Problem::TooShort { min } => (
            format!("слишком коротко (не менее {min} символов)"),
            format!("is too short (at least {min} characters)"),
        ),
        Problem::TooLong { max } => (
            format!("слишком длинно (не более {max} символов)"),
            format!("is too long (at most {max} characters)"),
        ),
        Problem::BadFormat { expected } => (
            format!(
                "неверный формат (ожидается: {})",
                expected_ru(expected, surface)
            ),
            format!("has a bad format (expected {expected})"),
        ),
        Problem::UnknownChoice { expected } => (
            format!(
                "недопустимое значение (ожидается: {})",
                expected_ru(expected, surface)
            ),
            format!("is not one of the allowed values ({expected})"),
        ),
        Problem::InFuture => ("не может быть в будущем".into(), "is in the future".into()),
        Problem::BeforeEarliest { earliest } => (
            format!("не может быть раньше {}", ru_date(earliest)),
            format!("cannot be before {earliest}"),
        ),
        Problem::BeforeBirth => (
            "не может быть раньше даты рождения".into(),
            "is before the birth date".into(),
        ),
        Problem::IssuedBeforeAge { min_age } => (
            format!("документ не выдаётся до {min_age} лет"),
            format!("cannot be issued before the age of {min_age}"),
        ),
        Problem::NotApplicable => (
            "не заполняется для документа этого вида".into(),
            "does not apply to this kind of document".into(),
        ),
        Problem::MinorNeedsRepresentative => (
            "для несовершеннолетнего нужен законный представитель".into(),
            "a minor needs a legal representative".into(),
        ),
        Problem::NoContact => (
            "укажите телефон или электронную почту".into(),
            "give a phone number or an e-mail".into(),
        ),
        Problem::ParentAuthorityOnlyForMinor => (
            "родитель представляет только несовершеннолетнего ребёнка".into(),
            "a parent represents only a minor child".into(),
        ),
    }
}

/// The patient module describes expected formats in English for logs; people get Russian. The more
/// specific descriptions come first: "an address with letters" is not a name's letters.
fn expected_ru(expected: &str, surface: Surface) -> String {
    let lower = expected.to_ascii_lowercase();
    let known = [
        ("dd.mm.yyyy", "ДД.ММ.ГГГГ или ГГГГ-ММ-ДД"),
        ("4 digits", "4 цифры"),
        ("6 digits", "6 цифр"),
        ("nnn-nnn", "три цифры, дефис, три цифры: NNN-NNN"),
        (
            "roman",
            "римское число, дефис и две русские буквы, например IV-МЮ",
        ),
        ("+7", "номер телефона, например +7 912 345-67-89"),
        ("phone", "номер телефона, например +7 912 345-67-89"),
        (
            "e-mail",
            "адрес электронной почты, например name@example.ru",
        ),
        ("email", "адрес электронной почты, например name@example.ru"),
        ("@", "адрес электронной почты, например name@example.ru"),
        ("male", "male или female (м или ж)"),
        ("address with letters", "адрес словами: город, улица, дом"),
        ("letters and digits", "буквы и цифры"),
        (
            "one alphabet",
            "буквы одного алфавита (кириллица или латиница), дефис, апостроф и пробел",
        ),
        ("letters", "буквы, дефис, апостроф и пробел"),
        (
            "printable text",
            "текст без управляющих символов и невидимых символов смены направления",
        ),
    ];
    if let Some((_, ru)) = known.iter().find(|(needle, _)| lower.contains(needle)) {
        return (*ru).to_owned();
    }
    match surface {
        Surface::App => "см. подсказку у поля".to_owned(),
        // The choices are codes (`ru_passport, ... or other`), the very words typed on a command
        // line: listed as they are, with the Russian "или".
        Surface::Terminal if is_code_list(expected) => expected.replace(" or ", " или "),
        Surface::Terminal => "см. docs/consentctl.md".to_owned(),
    }
}

/// "ru_passport, ru_birth_certificate or other": codes, commas and "or".
fn is_code_list(expected: &str) -> bool {
    expected
        .split([',', ' '])
        .filter(|word| !word.is_empty() && *word != "or")
        .all(|word| {
            word.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn has_cyrillic(s: &str) -> bool {
        s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    }

    fn every_error() -> Vec<ServiceError> {
        let path = PathBuf::from("/data");
        let mut errors = vec![
            ServiceError::DataDirUnavailable {
                path: path.clone(),
                reason: "io".into(),
            },
            ServiceError::SettingsCorrupt {
                path: path.clone(),
                defect: SettingsDefect::Invalid { line: 1, column: 2 },
            },
            ServiceError::SettingsWriteFailed {
                path: path.clone(),
                reason: "io".into(),
            },
            ServiceError::UnknownLanguage { tag: "de".into() },
            ServiceError::UnknownYear { year: 2031 },
            ServiceError::NotInitialized { path: path.clone() },
            ServiceError::AlreadyInitialized { path: path.clone() },
        ];
        for problem in [
            DataDirProblem::NotADirectory,
            DataDirProblem::NotADesk,
            DataDirProblem::DatabaseMissing,
        ] {
            errors.push(ServiceError::DataDir {
                path: path.clone(),
                problem,
            });
        }
        for defect in [
            DeskFileDefect::Missing,
            DeskFileDefect::Unreadable,
            DeskFileDefect::Damaged,
        ] {
            errors.push(ServiceError::DeskFile {
                path: path.clone(),
                defect,
            });
        }
        errors.push(ServiceError::SignInPaused { seconds: 30 });
        for detail in [
            "printer_missing",
            "printer_failed",
            "viewer_missing",
            "viewer_failed",
            "viewer_no_private_dir",
        ] {
            errors.push(ServiceError::Output { detail });
        }
        for missing in [
            Missing::Patient,
            Missing::Consent,
            Missing::Form,
            Missing::Request,
            Missing::Staff,
        ] {
            errors.push(ServiceError::NotFound(missing));
        }
        for detail in [
            "bad_date",
            "bad_id",
            "unknown_purpose",
            "unknown_choice",
            "bad_number",
            "empty",
            "too_long",
            "bad_login",
            "bad_name",
            "bad_calendar",
            "unreadable_file",
            "unknown_form_code",
            "bad_recovery_code",
            "recovery_code_other_database",
            "recovery_code_wrong",
            "text_control_character",
            "text_direction_override",
            "date_in_future",
            "date_before_registration",
            "date_before_consent",
            "date_before_received",
            "term_before_draft",
            "term_too_long",
        ] {
            errors.push(ServiceError::BadInput {
                what: "date",
                detail,
            });
        }
        errors
    }

    #[test]
    fn russian_messages_are_russian_and_english_ones_are_not() {
        for error in every_error() {
            let ru = error.message(Lang::Ru);
            let en = error.message(Lang::En);
            assert!(
                has_cyrillic(&ru),
                "{:?} has no Russian text: {ru}",
                error.code()
            );
            assert!(
                !has_cyrillic(&en),
                "{:?} leaks Cyrillic into English: {en}",
                error.code()
            );
            assert_ne!(ru, en);
        }
    }

    #[test]
    fn refused_characters_have_their_own_words() {
        for lang in Lang::ALL {
            let generic = bad_input("paper location", "no_such_detail", lang);
            for detail in ["text_control_character", "text_direction_override"] {
                let text = bad_input("paper location", detail, lang);
                assert_ne!(text, generic, "{detail} ({lang})");
            }
        }
        let ru = bad_input("reason", "text_direction_override", Lang::Ru);
        assert!(ru.starts_with("Причина продления: "), "{ru}");
        let ru = bad_input("legal ground", "text_control_character", Lang::Ru);
        assert!(ru.starts_with("Правовое основание: "), "{ru}");
    }

    #[test]
    fn every_domain_rule_has_its_own_words() {
        let generic = rule_message("no_such_rule", Lang::Ru);
        let codes = [
            "consent_no_purposes",
            "consent_unknown_purpose",
            "consent_term_ends_before_draft",
            "consent_term_too_long",
            "consent_not_printed",
            "consent_already_signed",
            "consent_unknown_form",
            "consent_paper_location_missing",
            "consent_not_in_force",
            "consent_purpose_not_granted",
            "consent_purpose_already_withdrawn",
            "consent_supersedes_itself",
            "consent_print_after_signature",
            "request_empty_scope",
            "request_wrong_status",
            "request_step_not_applicable",
            "request_purpose_out_of_scope",
            "request_purpose_already_decided",
            "request_legal_ground_missing",
            "request_already_extended",
            "request_reason_missing",
            "request_not_extendable",
            "request_nothing_to_dispose",
            "request_received_in_future",
            "request_notified_before_received",
            "request_text_too_long",
            "restore_not_needed",
            "restore_key_not_in_keyring",
            "recovery_sheet_printer_only",
        ];
        for code in codes {
            for lang in Lang::ALL {
                let text = rule_message(code, lang);
                assert_ne!(text, rule_message("no_such_rule", lang), "{code} ({lang})");
            }
            assert!(has_cyrillic(&rule_message(code, Lang::Ru)));
            assert!(!has_cyrillic(&rule_message(code, Lang::En)), "{code}");
        }
        assert!(has_cyrillic(&generic));
    }

    #[test]
    fn a_terminal_gets_the_field_path_and_what_it_takes_instead_of_the_hint_beside_the_field() {
        let input = consent_domain::patient::PatientInput {
            document: consent_domain::patient::DocumentInput {
                kind: "passport".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let today = consent_domain::dates::date(2025, 10, 24);
        let Err(errors) = consent_domain::patient::validate(&input, today) else {
            panic!("an empty form is refused");
        };
        let kind = *errors
            .iter()
            .find(|e| e.field.as_str() == "document.kind")
            .expect("the document kind is refused");
        let app = field_message(&kind, Lang::Ru, Surface::App);
        assert_eq!(
            app,
            "Вид документа: недопустимое значение (ожидается: см. подсказку у поля)"
        );
        let terminal = field_message(&kind, Lang::Ru, Surface::Terminal);
        assert_eq!(
            terminal,
            "Вид документа (document.kind): недопустимое значение (ожидается: ru_passport, \
             ru_birth_certificate, foreign_passport, residence_permit или other)"
        );
        let english = field_message(&kind, Lang::En, Surface::Terminal);
        assert!(
            english.starts_with("Document kind (document.kind): "),
            "{english}"
        );

        let error = ServiceError::InvalidPatient(errors);
        let payload = error.payload_on(Lang::Ru, Surface::Terminal);
        assert!(
            payload.message.contains("(document.kind)"),
            "{}",
            payload.message
        );
        assert!(!payload.message.contains("подсказк"), "{}", payload.message);
        assert!(payload.fields.iter().any(|f| f.message == terminal));
        assert!(
            error
                .payload(Lang::Ru)
                .fields
                .iter()
                .any(|f| f.message == app),
            "the app keeps its words"
        );
    }

    #[test]
    fn every_expected_format_of_the_patient_form_has_russian_words() {
        // The formats the patient module names; none may fall through to the hint beside the field.
        for expected in [
            "a real date as DD.MM.YYYY or YYYY-MM-DD",
            "4 digits",
            "6 digits",
            "NNN-NNN",
            "Roman numeral, hyphen, two Cyrillic capitals (IV-МЮ)",
            "letters and digits",
            "name@domain.tld",
            "Cyrillic or Latin letters of one alphabet, hyphen, apostrophe, space",
            "+7XXXXXXXXXX, 8XXXXXXXXXX or + country code and 8-15 digits",
            "male or female",
            "printable text",
            "an address with letters",
        ] {
            let ru = expected_ru(expected, Surface::App);
            assert!(!ru.contains("подсказк"), "{expected}: {ru}");
            assert!(has_cyrillic(&ru), "{expected}: {ru}");
        }
        assert_eq!(
            expected_ru("an address with letters", Surface::App),
            "адрес словами: город, улица, дом",
            "an address is not a name's letters"
        );
        assert_eq!(
            expected_ru("letters and digits", Surface::App),
            "буквы и цифры"
        );
    }

    #[test]
    fn clinic_details_say_where_to_fix_them_in_the_app_and_on_the_command_line() {
        // The same message reaches consentctl's print commands, which have no Settings screen.
        for detail in ["forms_clinic_field_missing", "forms_clinic_field_invalid"] {
            for lang in Lang::ALL {
                let text = form_message(detail, lang);
                assert!(text.contains("consentctl clinic set"), "{text}");
            }
        }
    }

    #[test]
    fn payload_carries_the_stable_code_and_detail() {
        let error = ServiceError::Rule {
            detail: "consent_already_signed",
        };
        let payload = error.payload(Lang::Ru);
        let json = serde_json::to_value(&payload).expect("payload serializes");
        assert_eq!(json["code"], "rule_violation");
        assert_eq!(json["detail"], "consent_already_signed");
        assert!(
            json["message"]
                .as_str()
                .is_some_and(|m| m.contains("уже подписано"))
        );
    }
}
