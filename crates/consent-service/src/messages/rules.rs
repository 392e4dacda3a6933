//! The domain's rule codes (consents, requests, conflicts) in words.

use consent_domain::Lang;

use super::pick;

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
        "subject_blocked" => (
            "Данные пациента заблокированы на время проверки: их нельзя изменять и печатать, пока \
             менеджер не снимет блокировку.",
            "The patient's data are blocked during a verification: they cannot be changed or printed \
             until a manager unblocks them.",
        ),
        "subject_not_blocked" => (
            "Данные пациента не заблокированы по этому обращению.",
            "The patient's data are not blocked under this request.",
        ),
        "request_already_taken" => (
            "Обращение уже у вас в работе.",
            "The request is already in your work.",
        ),
        "patient_exists" => (
            "Пациент с таким идентификатором уже зарегистрирован.",
            "A patient with this id is already registered.",
        ),
        "request_details_missing" => (
            "Запишите, что пациент просит исправить: какие сведения неверны и какими они должны \
             быть.",
            "Write down what the patient asks to correct: which data are wrong and what they should \
             be.",
        ),
        "request_not_extended" => (
            "Срок по этому обращению не продлевался.",
            "This request's deadline was not extended.",
        ),
        "request_extension_notice_recorded" => (
            "Отправка уведомления о продлении уже записана.",
            "Sending the extension's notice was already recorded.",
        ),
        "request_already_corrected" => (
            "Исправление по этому обращению уже внесено.",
            "The correction for this request was already applied.",
        ),
        "subject_destroyed" => (
            "Данные этого пациента уничтожены: по нему можно только завершить обращение.",
            "This patient's data were destroyed: only their request can still be finished.",
        ),
        "destruction_not_stopped" => (
            "Уничтожить данные можно по отзыву, по каждой цели которого уже принято решение.",
            "Data are destroyed under a withdrawal whose every purpose was decided.",
        ),
        "destruction_data_needed" => (
            "Данные пациента ещё обрабатываются: действует согласие на другую цель или обработка \
             продолжается на ином правовом основании. Уничтожить их целиком нельзя.",
            "The patient's data are still processed: a consent for another purpose is in force, or \
             processing goes on under another legal ground. They cannot be destroyed as a whole.",
        ),
        "destruction_other_request_open" => (
            "По пациенту есть другое открытое обращение: сначала завершите его.",
            "Another request of the patient is open: finish it first.",
        ),
        "destruction_subject_blocked" => (
            "Данные пациента заблокированы по другому обращению: сначала снимите блокировку.",
            "The patient's data are blocked under another request: unblock them first.",
        ),
        "destruction_surname_mismatch" => (
            "Фамилия введена неверно: данные не уничтожены. Введите фамилию пациента, чтобы \
             подтвердить уничтожение.",
            "The surname does not match: nothing was destroyed. Type the patient's surname to \
             confirm the destruction.",
        ),
        "act_keeping_ended" => (
            "Срок хранения акта (3 года) истёк: ФИО из него удалены, акт больше не печатается.",
            "The act's keeping period (3 years) ended: the name was removed and the act is no longer \
             printed.",
        ),
        "act_unreadable" => (
            "Запись реестра актов повреждена: обратитесь к администратору.",
            "The register entry of the act is damaged: contact the administrator.",
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
        "desk_sheet_printer_only" => (
            "Лист подключения содержит одноразовый код клиники: он печатается только на принтере и \
             не открывается в других программах.",
            "The enrollment sheet holds the clinic's one-time code: it is only printed, never opened \
             in another program.",
        ),
        "desk_code_unknown" => (
            "Этот код подключения создан не на этом рабочем месте или до перезапуска программы: \
             создайте новый код и напечатайте лист для него.",
            "This enrollment code was not made at this desk since the program started: make a new \
             code and print the sheet for it.",
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
        "desk_revoke_self" => (
            "Это рабочее место нельзя отключить с него самого: отключите его с другого рабочего \
             места или на сервере (consent-server desk revoke).",
            "This desk cannot revoke itself: revoke it from another desk or on the server \
             (consent-server desk revoke).",
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
