//! The service's message catalogue: Russian first, English second. Every error has both; a unit test
//! checks that the Russian texts are Russian and the English ones carry no Cyrillic.

use consent_domain::Lang;
use consent_domain::staff::Forbidden;

use crate::error::{LOCKED, Missing, SIGNED_OUT};
use crate::{ErrorPayload, FieldMessage, ServiceError, SettingsDefect};
pub use session::localize;

mod fields;
mod rules;
mod session;
mod storage;
mod sync;
#[cfg(test)]
mod tests;

pub(crate) use fields::field_message;
pub(crate) use rules::rule_message;
use storage::{backup_message, data_dir_message, desk_file_message, key_message, store_message};

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

impl ServiceError {
    /// The message for a person, in `lang`, as the app shows it.
    pub fn message(&self, lang: Lang) -> String {
        self.message_on(lang, Surface::App)
    }

    /// The message for a person, in `lang`, worded for where it is read.
    pub fn message_on(&self, lang: Lang, surface: Surface) -> String {
        error_message(self, lang, surface)
    }

    /// The error as it crosses IPC.
    pub fn payload(&self, lang: Lang) -> ErrorPayload {
        self.payload_on(lang, Surface::App)
    }

    /// The error with its messages worded for where they are read (`consentctl`: a terminal).
    pub fn payload_on(&self, lang: Lang, surface: Surface) -> ErrorPayload {
        let fields = match self {
            ServiceError::InvalidPatient(errors) => errors
                .iter()
                .map(|e| FieldMessage {
                    field: e.field.as_str().to_owned(),
                    problem: e.problem.code().to_owned(),
                    message: field_message(e, lang, surface),
                })
                .collect(),
            ServiceError::InvalidClinic(e) => vec![FieldMessage {
                field: e.field().as_str().to_owned(),
                problem: e.code().to_owned(),
                message: self.message_on(lang, surface),
            }],
            _ => Vec::new(),
        };
        ErrorPayload {
            code: self.code(),
            message: self.message_on(lang, surface),
            detail: self.detail().map(str::to_owned),
            fields,
        }
    }
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
                SIGNED_OUT => (
                    "Никто не вошёл в систему: войдите под своей учётной записью.",
                    "Nobody is signed in: sign in with your own account.",
                ),
                LOCKED => (
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
        ServiceError::Sync(problem) => sync::sync_message(problem, lang),
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
        "export_failed" => (
            "Файл не сохранён: папка «Документы» недоступна для записи. Проверьте место на диске \
             и права на папку или сохраните журнал в PDF.",
            "The file was not saved: the Documents folder cannot be written. Check the free space \
             and the folder's permissions, or save the journal as PDF.",
        ),
        "export_no_folder" => (
            "Некуда сохранить файл: у пользователя нет домашней папки. Сохраните журнал в PDF.",
            "There is nowhere to save the file: the user has no home folder. Save the journal as \
             PDF.",
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
        "invalid_desk_code" => (
            "Это не код подключения рабочего места: создайте новый код.",
            "This is not a desk enrollment code: make a new code.",
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
        "ambiguous_form_code" => (
            "этот короткий код есть на нескольких бланках: отсканируйте QR-код бланка, чтобы не \
             отметить чужой",
            "this short code is on more than one form: scan the form's QR code so as not to mark \
             someone else's",
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
        "period_ends_before_start" => (
            "конец периода раньше его начала",
            "the period ends before it starts",
        ),
        "period_too_long" => (
            "период длиннее 5 лет: выгрузите журнал по частям",
            "the period is longer than 5 years: export the journal in parts",
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
        "period" => "Период журнала",
        "period start" => "Начало периода",
        "period end" => "Конец периода",
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
