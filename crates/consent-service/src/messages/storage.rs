//! The database, its key, its folder, `desk.json` and backups, in words: what is wrong and what to do.

use consent_domain::Lang;

use super::pick;
use crate::{DataDirProblem, DeskFileDefect};

/// A backup refused before anything was replaced: what is wrong with that file, and what to do.
pub(super) fn backup_message(
    file: &std::path::Path,
    error: &consent_store::StoreError,
    lang: Lang,
) -> String {
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

pub(super) fn data_dir_message(
    path: &std::path::Path,
    problem: DataDirProblem,
    lang: Lang,
) -> String {
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

pub(super) fn desk_file_message(
    path: &std::path::Path,
    defect: DeskFileDefect,
    lang: Lang,
) -> String {
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

pub(super) fn key_message(code: &str, english: &str, lang: Lang) -> String {
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

pub(super) fn store_message(code: &str, english: &str, lang: Lang) -> String {
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
        "subject_destroyed" => {
            "Данные этого пациента уничтожены: по нему можно только завершить обращение \
             (уведомить, закрыть, напечатать акт). Ничего не изменено."
        }
        "ledger_keys_missing" => {
            "Ключи части пациентов удалены без записи об уничтожении их данных: база изменена в \
             обход программы. Журнал не перестроен; восстановите базу из резервной копии \
             (подробности: consentctl verify)."
        }
        // A batch of other desks' rows refused as a whole: nothing of it was stored, the desk's own
        // data are untouched, and the sync status shows why.
        "sync_refused_own_desk" => {
            "Синхронизация отклонена: сервер прислал записи журнала этого же рабочего места. \
             Ничего не сохранено."
        }
        "sync_refused_fork" => {
            "Синхронизация отклонена: запись журнала другого рабочего места отличается от уже \
             полученной (журнал раздвоился). Ничего не сохранено; обратитесь к администратору."
        }
        "sync_refused_gap" => {
            "Синхронизация отклонена: в журнале другого рабочего места пропущены записи. Ничего \
             не сохранено; синхронизация повторится."
        }
        "sync_refused_broken_link" | "sync_refused_hash_mismatch" => {
            "Синхронизация отклонена: цепочка журнала другого рабочего места нарушена. Ничего не \
             сохранено; обратитесь к администратору."
        }
        "sync_refused_tampered" => {
            "Синхронизация отклонена: запись журнала другого рабочего места не открывается ключом \
             пациента (изменена). Ничего не сохранено; обратитесь к администратору."
        }
        "sync_refused_malformed" => {
            "Синхронизация отклонена: запись журнала другого рабочего места составлена неверно. \
             Ничего не сохранено; обратитесь к администратору."
        }
        "sync_refused_key_missing" => {
            "Синхронизация приостановлена: для части полученных записей нет ключей пациентов. \
             Ничего не сохранено; ключи будут запрошены у сервера."
        }
        "stored_patient_invalid" | "ledger_body_unreadable" => {
            "Запись журнала не читается: проверьте целостность (consentctl verify)."
        }
        _ => "Ошибка базы данных.",
    };
    pick(lang, ru.to_owned(), format!("{english}."))
}
