//! The service's message catalogue: Russian first, English second. Every error has both.

use consent_domain::Lang;

use crate::{ServiceError, SettingsDefect};

pub(crate) fn error_message(error: &ServiceError, lang: Lang) -> String {
    match (error, lang) {
        (ServiceError::DataDirUnavailable { path, reason }, Lang::Ru) => format!(
            "Каталог данных «{}» недоступен: {reason}. Проверьте права доступа или укажите другой \
             каталог в переменной CONSENT_DESK_DATA_DIR.",
            path.display()
        ),
        (ServiceError::DataDirUnavailable { path, reason }, Lang::En) => format!(
            "The data directory \"{}\" is unavailable: {reason}. Check its permissions or set another \
             directory in CONSENT_DESK_DATA_DIR.",
            path.display()
        ),
        (ServiceError::SettingsCorrupt { path, defect }, Lang::Ru) => format!(
            "Файл настроек «{}» повреждён ({}). Используются настройки по умолчанию; файл не \
             изменён. Исправьте или удалите его.",
            path.display(),
            defect_ru(defect)
        ),
        (ServiceError::SettingsCorrupt { path, defect }, Lang::En) => format!(
            "The settings file \"{}\" is damaged ({defect}). Defaults are in use; the file was left \
             unchanged. Fix or delete it.",
            path.display()
        ),
        (ServiceError::SettingsWriteFailed { path, reason }, Lang::Ru) => format!(
            "Не удалось сохранить настройки в «{}»: {reason}.",
            path.display()
        ),
        (ServiceError::SettingsWriteFailed { path, reason }, Lang::En) => format!(
            "Could not save the settings to \"{}\": {reason}.",
            path.display()
        ),
        (ServiceError::UnknownLanguage { tag }, Lang::Ru) => {
            format!("Язык «{tag}» не поддерживается; доступны: ru (русский), en (английский).")
        }
        (ServiceError::UnknownLanguage { tag }, Lang::En) => {
            format!(
                "The language \"{tag}\" is not supported; available: ru (Russian), en (English)."
            )
        }
    }
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn every_error() -> Vec<ServiceError> {
        let path = PathBuf::from("/data");
        let reason = "io".to_owned();
        vec![
            ServiceError::DataDirUnavailable {
                path: path.clone(),
                reason: reason.clone(),
            },
            ServiceError::SettingsCorrupt {
                path: path.clone(),
                defect: SettingsDefect::Invalid { line: 1, column: 2 },
            },
            ServiceError::SettingsCorrupt {
                path: path.clone(),
                defect: SettingsDefect::UnsupportedLanguage { tag: "de".into() },
            },
            ServiceError::SettingsWriteFailed { path, reason },
            ServiceError::UnknownLanguage { tag: "de".into() },
        ]
    }

    fn has_cyrillic(s: &str) -> bool {
        s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
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
    fn payload_carries_the_stable_code() {
        let error = ServiceError::UnknownLanguage { tag: "de".into() };
        let payload = error.payload(Lang::Ru);
        assert_eq!(payload.code, crate::ErrorCode::UnknownLanguage);
        let json = serde_json::to_value(&payload).expect("payload serializes");
        assert_eq!(json["code"], "unknown_language");
        assert!(json["message"].as_str().is_some_and(|m| m.contains("de")));
    }
}
