//! The CLI's own words, Russian first and English second. The service localizes its errors itself;
//! what is here are labels for the codes its views carry (`awaiting_signature`, `stop_processing`, ...).
//!
//! An unknown code is shown as is rather than guessed at: a newer service may add one.

use consent_domain::Lang;
use consent_domain::staff::Role;

/// Picks the text for `lang`.
pub fn tr(lang: Lang, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

fn lookup<'a>(lang: Lang, code: &'a str, table: &[(&str, &'static str, &'static str)]) -> &'a str {
    table
        .iter()
        .find(|(known, _, _)| *known == code)
        .map(|(_, ru, en)| tr(lang, ru, en))
        .unwrap_or(code)
}

pub fn obligation(lang: Lang, code: &str) -> &str {
    lookup(
        lang,
        code,
        &[
            ("stop_processing", "прекратить обработку", "stop processing"),
            ("destroy", "уничтожить данные", "destroy the data"),
            ("answer", "дать ответ", "answer"),
            ("correct", "уточнить данные", "correct the data"),
            ("block", "заблокировать", "block the data"),
            ("answer_claim", "ответить на претензию", "answer the claim"),
        ],
    )
}

pub fn consent_status(lang: Lang, code: &str) -> &str {
    lookup(
        lang,
        code,
        &[
            ("draft", "черновик", "draft"),
            ("awaiting_signature", "ждёт подписи", "awaiting signature"),
            ("active", "действует", "active"),
            ("partly_withdrawn", "частично отозвано", "partly withdrawn"),
            ("withdrawn", "отозвано", "withdrawn"),
            ("superseded", "заменено новым", "superseded"),
            ("expired", "срок истёк", "expired"),
        ],
    )
}

pub fn request_kind(lang: Lang, code: &str) -> &str {
    lookup(
        lang,
        code,
        &[
            ("withdrawal", "отзыв согласия", "withdrawal of consent"),
            ("access", "запрос сведений", "access request"),
            ("correction", "уточнение данных", "correction"),
            ("blocking", "блокирование", "blocking"),
            ("claim", "претензия", "claim"),
        ],
    )
}

pub fn request_status(lang: Lang, code: &str) -> &str {
    lookup(
        lang,
        code,
        &[
            ("received", "получен", "received"),
            ("in_progress", "в работе", "in progress"),
            (
                "processing_stopped",
                "обработка прекращена",
                "processing stopped",
            ),
            (
                "data_disposed",
                "данные уничтожены или заблокированы",
                "data disposed of",
            ),
            ("data_blocked", "данные заблокированы", "data blocked"),
            ("subject_notified", "субъект уведомлён", "subject notified"),
            ("closed", "закрыт", "closed"),
        ],
    )
}

pub fn channel(lang: Lang, code: &str) -> &str {
    lookup(
        lang,
        code,
        &[
            ("in_person", "лично", "in person"),
            ("email", "по электронной почте", "by e-mail"),
            ("post", "по почте", "by post"),
        ],
    )
}

pub fn decision(lang: Lang, code: &str) -> &str {
    lookup(
        lang,
        code,
        &[
            ("granted", "разрешено", "granted"),
            ("refused", "отказ", "refused"),
        ],
    )
}

pub fn document_kind(lang: Lang, code: &str) -> &str {
    lookup(
        lang,
        code,
        &[
            ("ru_passport", "Паспорт РФ", "Russian passport"),
            (
                "ru_birth_certificate",
                "Свидетельство о рождении",
                "Birth certificate",
            ),
            (
                "foreign_passport",
                "Иностранный паспорт",
                "Foreign passport",
            ),
            ("residence_permit", "Вид на жительство", "Residence permit"),
            ("other", "Документ", "Document"),
        ],
    )
}

pub fn role(lang: Lang, code: &str) -> String {
    match code.parse::<Role>() {
        Ok(role) => tr(lang, role.name_ru(), role.name_en()).to_owned(),
        Err(_) => code.to_owned(),
    }
}

pub fn yes_no(lang: Lang, yes: bool) -> &'static str {
    match yes {
        true => tr(lang, "да", "yes"),
        false => tr(lang, "нет", "no"),
    }
}

/// "7 working days left", "OVERDUE by 2 working days", "due today".
pub fn days_left(lang: Lang, days: i64) -> String {
    match days {
        0 => tr(lang, "срок сегодня", "due today").to_owned(),
        d if d > 0 => match lang {
            Lang::Ru => format!("осталось {d} раб. дн."),
            Lang::En => format!("{} left", working_days_en(d)),
        },
        d => match lang {
            Lang::Ru => format!("ПРОСРОЧЕНО на {} раб. дн.", -d),
            Lang::En => format!("OVERDUE by {}", working_days_en(-d)),
        },
    }
}

fn working_days_en(n: i64) -> String {
    match n {
        1 => "1 working day".to_owned(),
        n => format!("{n} working days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cyrillic(s: &str) -> bool {
        s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    }

    #[test]
    fn obligations_read_as_the_issue_asks() {
        assert_eq!(
            obligation(Lang::Ru, "stop_processing"),
            "прекратить обработку"
        );
        assert_eq!(obligation(Lang::Ru, "destroy"), "уничтожить данные");
        assert_eq!(obligation(Lang::Ru, "answer"), "дать ответ");
        assert_eq!(obligation(Lang::Ru, "correct"), "уточнить данные");
        assert_eq!(obligation(Lang::Ru, "block"), "заблокировать");
        assert_eq!(
            obligation(Lang::Ru, "answer_claim"),
            "ответить на претензию"
        );
        assert_eq!(obligation(Lang::Ru, "something_new"), "something_new");
    }

    #[test]
    fn english_labels_have_no_cyrillic_and_russian_ones_do() {
        type Label = fn(Lang, &str) -> &str;
        let codes: [(Label, &[&str]); 5] = [
            (
                obligation,
                &[
                    "stop_processing",
                    "destroy",
                    "answer",
                    "correct",
                    "block",
                    "answer_claim",
                ],
            ),
            (
                consent_status,
                &[
                    "draft",
                    "awaiting_signature",
                    "active",
                    "partly_withdrawn",
                    "withdrawn",
                    "superseded",
                    "expired",
                ],
            ),
            (
                request_kind,
                &["withdrawal", "access", "correction", "blocking", "claim"],
            ),
            (
                request_status,
                &[
                    "received",
                    "in_progress",
                    "processing_stopped",
                    "data_disposed",
                    "data_blocked",
                    "subject_notified",
                    "closed",
                ],
            ),
            (channel, &["in_person", "email", "post"]),
        ];
        for (label, list) in codes {
            for code in list {
                assert!(has_cyrillic(label(Lang::Ru, code)), "{code}");
                assert!(!has_cyrillic(label(Lang::En, code)), "{code}");
            }
        }
    }

    #[test]
    fn days_left_says_overdue_plainly() {
        assert_eq!(days_left(Lang::Ru, 7), "осталось 7 раб. дн.");
        assert_eq!(days_left(Lang::Ru, -2), "ПРОСРОЧЕНО на 2 раб. дн.");
        assert_eq!(days_left(Lang::Ru, 0), "срок сегодня");
        assert_eq!(days_left(Lang::En, -1), "OVERDUE by 1 working day");
        assert_eq!(days_left(Lang::En, 3), "3 working days left");
    }
}
