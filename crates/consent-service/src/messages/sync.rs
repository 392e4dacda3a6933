//! The messages of sync with the clinic server: what happened, that the desk's own work is safe,
//! and what to do.

use consent_domain::Lang;

use crate::error::sync_problem::SyncProblem;

pub(crate) fn sync_message(problem: &SyncProblem, lang: Lang) -> String {
    let (ru, en): (String, String) = match problem {
        SyncProblem::NotJoined => (
            "Рабочее место не подключено к серверу клиники. Подключите его: «Настройки» → «Сервер \
             клиники» или consentctl server join."
                .into(),
            "This desk has not joined a clinic server. Join it in Settings → Clinic server, or \
             with consentctl server join."
                .into(),
        ),
        SyncProblem::AlreadyJoined => (
            "Рабочее место уже подключено к серверу клиники.".into(),
            "This desk has already joined a clinic server.".into(),
        ),
        SyncProblem::Unreachable => (
            "Нет связи с сервером клиники. Работа продолжается; записи будут отправлены, когда \
             связь появится."
                .into(),
            "The clinic server cannot be reached. Work goes on; records are sent once it can be \
             reached again."
                .into(),
        ),
        SyncProblem::CertificateChanged { expected, seen } => (
            format!(
                "Сервер клиники предъявил другой сертификат (отпечаток {seen}; ожидался {expected}). \
                 Синхронизация остановлена, данные не отправлены. Обратитесь к администратору: \
                 если сервер заменён, рабочее место подключают заново."
            ),
            format!(
                "The clinic server presented another certificate (fingerprint {seen}; expected \
                 {expected}). Sync has stopped and nothing was sent. Ask the administrator: if the \
                 server was replaced, the desk must join it again."
            ),
        ),
        SyncProblem::Revoked => (
            "Администратор отключил это рабочее место от сервера клиники. Работа продолжается без \
             синхронизации; для подключения нужен новый код."
                .into(),
            "An administrator revoked this desk on the clinic server. Work goes on without sync; \
             joining again needs a new code."
                .into(),
        ),
        SyncProblem::Unauthenticated => (
            "Сервер клиники не узнал это рабочее место. Обратитесь к администратору.".into(),
            "The clinic server does not know this desk. Ask the administrator.".into(),
        ),
        SyncProblem::CodeUsed => (
            "Этот код подключения уже использован. Попросите администратора сделать новый.".into(),
            "This enrollment code was already used. Ask the administrator for a new one.".into(),
        ),
        SyncProblem::CodeExpired => (
            "Срок действия кода подключения истёк. Попросите администратора сделать новый.".into(),
            "This enrollment code has expired. Ask the administrator for a new one.".into(),
        ),
        SyncProblem::CodeUnknown => (
            "Сервер клиники не знает этот код подключения. Проверьте код или попросите новый."
                .into(),
            "The clinic server does not know this enrollment code. Check it or ask for a new one."
                .into(),
        ),
        SyncProblem::ServerRefused { code } => (
            format!(
                "Сервер клиники отклонил данные этого рабочего места (причина: {code}). Данные \
                 рабочего места не изменены. Обратитесь к администратору."
            ),
            format!(
                "The clinic server refused this desk's data (reason: {code}). Nothing on this desk \
                 changed. Ask the administrator."
            ),
        ),
        SyncProblem::WireVersion => (
            "Версия сервера клиники не совпадает с версией программы: обновите программу или \
             сервер."
                .into(),
            "The clinic server speaks another version: update Consent Desk or the server.".into(),
        ),
        SyncProblem::BadAnswer => (
            "Сервер клиники прислал неверный ответ. Ничего не изменено.".into(),
            "The clinic server sent an answer that is not valid. Nothing changed.".into(),
        ),
        SyncProblem::CodeInvalid => (
            "Код подключения не распознан: проверьте, что он введён или отсканирован полностью."
                .into(),
            "The enrollment code cannot be read: check that it was typed or scanned in full."
                .into(),
        ),
        SyncProblem::Package => (
            "Ключ клиники из кода подключения не открывается: код сделан не этим сервером, или \
             сервер подменён. Рабочее место не подключено."
                .into(),
            "The clinic key in the enrollment code does not open: the code was not made for this \
             server, or the server was replaced. The desk has not joined."
                .into(),
        ),
        SyncProblem::ClinicKeyMismatch => (
            "Сервер работает с ключом другой клиники. Рабочее место не подключено.".into(),
            "The server holds another clinic's key. The desk has not joined.".into(),
        ),
        SyncProblem::Sealed => (
            "Сервер прислал данные, которые не открываются ключом клиники. Ничего не сохранено; \
             обратитесь к администратору."
                .into(),
            "The server sent data that does not open with the clinic key. Nothing was stored; ask \
             the administrator."
                .into(),
        ),
        SyncProblem::ServerChanged => (
            "По адресу сервера клиники отвечает другой сервер. Синхронизация остановлена; \
             обратитесь к администратору."
                .into(),
            "Another server answers at the clinic server's address. Sync has stopped; ask the \
             administrator."
                .into(),
        ),
        SyncProblem::Diverged => (
            "Данные сервера клиники расходятся с данными этого рабочего места. Синхронизация \
             остановлена, ничего не удалено; обратитесь к администратору."
                .into(),
            "The clinic server's data differ from this desk's. Sync has stopped and nothing was \
             deleted; ask the administrator."
                .into(),
        ),
        SyncProblem::OwnRowsAhead {
            server_seq,
            local_seq,
        } => (
            format!(
                "На сервере клиники есть записи этого рабочего места, которых нет в его базе \
                 (запись №{server_seq}; в базе — до №{local_seq}). Возможно, база восстановлена из \
                 старой копии. Ничего не удалено; обратитесь к администратору."
            ),
            format!(
                "The clinic server holds records of this desk that its database lacks (record \
                 {server_seq}; the database has up to {local_seq}). Was it restored from an older \
                 backup? Nothing was deleted; ask the administrator."
            ),
        ),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}
