//! Which source the database key comes from.
//!
//! The precedence is fixed and documented: `--key-file` if given, else `CONSENT_DESK_DB_KEY` if set
//! (even to an empty or malformed value), else the OS keyring. Exactly one source is chosen before
//! anything is tried, and a failing source is reported, never replaced by the next one: a silent
//! fallback could open (or, in `init`, create) a database with a key nobody meant to use.

use std::ffi::OsString;
use std::path::Path;

use consent_service::KeyChoice;

use crate::error::CliError;

/// The environment variable that carries the key for headless use.
pub const KEY_ENV: &str = "CONSENT_DESK_DB_KEY";

/// Chooses the key source from `--key-file` and the value of [`KEY_ENV`] (read by the caller).
pub fn choose(key_file: Option<&Path>, env_value: Option<OsString>) -> Result<KeyChoice, CliError> {
    if let Some(path) = key_file {
        return Ok(KeyChoice::File(path.to_path_buf()));
    }
    match env_value {
        Some(value) => value
            .into_string()
            .map(KeyChoice::Env)
            .map_err(|_| CliError::KeyEnvNotUnicode),
        None => Ok(KeyChoice::Keyring),
    }
}

/// Where the key came from, for people: never the key itself.
pub fn describe(choice: &KeyChoice, lang: consent_domain::Lang) -> String {
    use consent_domain::Lang;
    match (choice, lang) {
        (KeyChoice::File(path), Lang::Ru) => format!("файл ключа «{}»", path.display()),
        (KeyChoice::File(path), Lang::En) => format!("key file \"{}\"", path.display()),
        (KeyChoice::Env(_), Lang::Ru) => format!("переменная окружения {KEY_ENV}"),
        (KeyChoice::Env(_), Lang::En) => format!("the {KEY_ENV} environment variable"),
        (KeyChoice::Keyring | KeyChoice::KeyringIn(_), Lang::Ru) => {
            "хранилище ключей ОС".to_owned()
        }
        (KeyChoice::Keyring | KeyChoice::KeyringIn(_), Lang::En) => "the OS keyring".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_wins_over_the_environment() {
        let choice = choose(Some(Path::new("/k")), Some("ab".into())).expect("choice");
        assert!(matches!(choice, KeyChoice::File(p) if p == Path::new("/k")));
    }

    #[test]
    fn environment_wins_over_the_keyring_even_when_empty() {
        let choice = choose(None, Some(OsString::new())).expect("choice");
        assert!(matches!(choice, KeyChoice::Env(v) if v.is_empty()));
    }

    #[test]
    fn keyring_is_the_last_resort_not_a_fallback() {
        assert!(matches!(choose(None, None), Ok(KeyChoice::Keyring)));
    }

    #[cfg(unix)]
    #[test]
    fn a_non_unicode_environment_value_is_an_error_not_the_keyring() {
        use std::os::unix::ffi::OsStringExt;
        let bad = OsString::from_vec(vec![0xff, 0xfe]);
        assert!(matches!(
            choose(None, Some(bad)),
            Err(CliError::KeyEnvNotUnicode)
        ));
    }
}
