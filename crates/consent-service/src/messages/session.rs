//! The session's forms: an error's payload with the exact limits of the desk name and the idle
//! minutes, and the field an argument error belongs to, so a form shows it inline.

use consent_domain::Lang;

use crate::profile::{DESK_NAME_MAX, MAX_IDLE_LOCK_MINUTES};
use crate::{ErrorPayload, FieldMessage, ServiceError};

/// The field of a form that an argument error belongs to (the first-start form, the sign-in form).
fn field_of(what: &str) -> Option<&'static str> {
    Some(match what {
        "staff login" => "login",
        "staff name" => "full_name",
        "password" => "password",
        "desk name" => "desk_name",
        "idle lock minutes" => "idle_lock_minutes",
        "role" => "role",
        _ => return None,
    })
}

/// [`ServiceError::payload`] plus what the session's forms need: the exact limits of the desk name and
/// idle minutes, and the field an argument error belongs to so the form can show it inline.
pub fn localize(error: &ServiceError, lang: Lang) -> ErrorPayload {
    let pick = |ru: &str, en: &str| match lang {
        Lang::Ru => ru.to_owned(),
        Lang::En => en.to_owned(),
    };
    let mut payload = error.payload(lang);
    if let ServiceError::BadInput { what, detail } = error {
        if *what == "desk name" {
            match *detail {
                "empty" => {
                    payload.message = pick(
                        "Название рабочего места: обязательно для заполнения.",
                        "Desk name: required.",
                    )
                }
                "too_long" => {
                    payload.message = pick(
                        &format!(
                            "Название рабочего места: слишком длинное (не более {DESK_NAME_MAX} символов)."
                        ),
                        &format!("Desk name: too long (at most {DESK_NAME_MAX} characters)."),
                    )
                }
                // A character the text rule refuses: the catalogue's words say which.
                _ => {}
            }
        } else if *what == "idle lock minutes" {
            payload.message = pick(
                &format!(
                    "Время до блокировки: нужно целое число минут от 1 до {MAX_IDLE_LOCK_MINUTES}."
                ),
                &format!("Idle lock: a whole number of minutes from 1 to {MAX_IDLE_LOCK_MINUTES}."),
            );
        }
        if let (Some(field), true) = (field_of(what), payload.fields.is_empty()) {
            payload.fields.push(FieldMessage {
                field: field.to_owned(),
                problem: (*detail).to_owned(),
                message: payload.message.clone(),
            });
        }
    }
    payload
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;
    use crate::error::{LOCKED, SESSION_OPEN, SIGNED_OUT};

    fn signed_out() -> ServiceError {
        ServiceError::Session { detail: SIGNED_OUT }
    }

    fn locked() -> ServiceError {
        ServiceError::Session { detail: LOCKED }
    }

    #[test]
    fn session_texts_are_russian_and_english() {
        let errors = [
            signed_out(),
            locked(),
            ServiceError::Session {
                detail: SESSION_OPEN,
            },
            ServiceError::BadInput {
                what: "desk name",
                detail: "empty",
            },
            ServiceError::BadInput {
                what: "desk name",
                detail: "too_long",
            },
            ServiceError::BadInput {
                what: "idle lock minutes",
                detail: "bad_number",
            },
        ];
        let cyrillic = |s: &str| {
            s.chars()
                .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        };
        for error in &errors {
            let ru = localize(error, Lang::Ru).message;
            let en = localize(error, Lang::En).message;
            assert!(!ru.chars().any(|c| c.is_ascii_alphabetic()), "{ru}");
            assert!(!cyrillic(&en), "{en}");
        }
        assert_eq!(localize(&locked(), Lang::Ru).code, ErrorCode::Forbidden);
        let fields = localize(&errors[3], Lang::Ru).fields;
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].field, "desk_name");
    }
}
