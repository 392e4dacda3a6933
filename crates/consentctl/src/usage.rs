//! Command-line mistakes in the person's language.
//!
//! Clap has no translations: its error texts are English. Staff read Russian first, so a usage error is
//! told again from clap's structured account of it (the error kind and its context: which option, which
//! value, what would have been valid), in the language asked for, each part on its own line:
//!
//! ```text
//! Ошибка в командной строке: не указаны обязательные параметры: --admin-login <ЛОГИН>, --admin-name <ФИО>
//! Использование: consentctl init --admin-login <ЛОГИН> --admin-name <ФИО>
//! Справка: consentctl init --help
//! ```

use clap::error::{ContextKind, ContextValue, ErrorKind};
use consent_domain::Lang;

use crate::texts::tr;

/// A usage error, told in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    /// What is wrong, in one line.
    pub problem: String,
    /// How the command is used (clap's usage line with a localized heading), when clap knows it.
    pub usage: Option<String>,
    /// Where the help is.
    pub help: String,
}

impl UsageError {
    /// The lines a person reads on stderr.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut lines = vec![format!(
            "{}: {}",
            tr(lang, "Ошибка в командной строке", "Command-line error"),
            self.problem
        )];
        lines.extend(self.usage.clone());
        lines.push(self.help.clone());
        lines
    }
}

/// Tells `error` in `lang`.
pub fn explain(error: &clap::Error, lang: Lang) -> UsageError {
    let usage = usage_line(error, lang);
    let command = usage
        .as_deref()
        .and_then(|line| line.split_once(": ").map(|(_, rest)| command_path(rest)))
        .unwrap_or_else(|| "consentctl".to_owned());
    UsageError {
        problem: problem(error, lang),
        usage,
        help: format!("{} {command} --help", tr(lang, "Справка:", "Help:")),
    }
}

/// `consentctl patient add` from a usage line: the words before the first option or placeholder.
fn command_path(usage: &str) -> String {
    usage
        .split_whitespace()
        .take_while(|word| !word.starts_with(['-', '[', '<']))
        .collect::<Vec<_>>()
        .join(" ")
}

fn usage_line(error: &clap::Error, lang: Lang) -> Option<String> {
    let rendered = match error.get(ContextKind::Usage)? {
        ContextValue::StyledStr(usage) => usage.to_string(),
        _ => return None,
    };
    let line = rendered
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())?
        .trim_start_matches("Usage:")
        .trim();
    let line = match lang {
        Lang::Ru => line.replace("[OPTIONS]", "[ПАРАМЕТРЫ]"),
        Lang::En => line.to_owned(),
    };
    Some(format!("{} {line}", tr(lang, "Использование:", "Usage:")))
}

fn text(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(value) => Some(value.clone()),
        ContextValue::Strings(values) => Some(values.join(", ")),
        ContextValue::StyledStr(value) => Some(value.to_string()),
        ContextValue::StyledStrs(values) => Some(
            values
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn quoted(value: Option<String>) -> String {
    format!("«{}»", value.unwrap_or_default())
}

/// Why a value was refused, in the chosen language. The parsers' own messages (the standard
/// library's "invalid digit found in string") are English, so they are recognised and reworded.
fn why_invalid(error: &clap::Error, lang: Lang) -> Option<String> {
    if let Some(valid) = text(error, ContextKind::ValidValue) {
        return Some(format!("{} {valid}", tr(lang, "допустимо:", "allowed:")));
    }
    let source = std::error::Error::source(error)?;
    if source.is::<std::num::ParseIntError>() {
        return Some(tr(lang, "ожидается целое число", "a whole number is expected").to_owned());
    }
    if source.to_string() == crate::args::LANG_CHOICES {
        return Some(format!(
            "{} {}",
            tr(lang, "допустимо:", "allowed:"),
            crate::args::LANG_CHOICES
        ));
    }
    None
}

/// One line saying what is wrong, with a suggestion when clap has one.
fn problem(error: &clap::Error, lang: Lang) -> String {
    let arg = || quoted(text(error, ContextKind::InvalidArg));
    let value = || quoted(text(error, ContextKind::InvalidValue));
    let mut line = match error.kind() {
        ErrorKind::MissingRequiredArgument => format!(
            "{} {}",
            tr(
                lang,
                "не указаны обязательные параметры:",
                "required arguments were not provided:"
            ),
            text(error, ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            tr(lang, "не указана команда", "no command was given").to_owned()
        }
        ErrorKind::InvalidSubcommand => format!(
            "{} {}",
            tr(lang, "неизвестная команда", "unknown command"),
            quoted(text(error, ContextKind::InvalidSubcommand))
        ),
        ErrorKind::UnknownArgument => {
            format!(
                "{} {}",
                tr(lang, "неизвестный параметр", "unknown argument"),
                arg()
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut line = match lang {
                Lang::Ru => format!("недопустимое значение {} для {}", value(), arg()),
                Lang::En => format!("invalid value {} for {}", value(), arg()),
            };
            if let Some(reason) = why_invalid(error, lang) {
                line.push_str(&format!(": {reason}"));
            }
            line
        }
        ErrorKind::ArgumentConflict => match lang {
            Lang::Ru => format!(
                "{} нельзя указывать вместе с {}",
                arg(),
                quoted(text(error, ContextKind::PriorArg))
            ),
            Lang::En => format!(
                "{} cannot be used with {}",
                arg(),
                quoted(text(error, ContextKind::PriorArg))
            ),
        },
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            match lang {
                Lang::Ru => format!("неверное число значений для {}", arg()),
                Lang::En => format!("wrong number of values for {}", arg()),
            }
        }
        ErrorKind::NoEquals => match lang {
            Lang::Ru => format!("значение {} указывается через «=»", arg()),
            Lang::En => format!("the value of {} is given with «=»", arg()),
        },
        ErrorKind::InvalidUtf8 => tr(
            lang,
            "аргумент не в кодировке UTF-8",
            "an argument is not valid UTF-8",
        )
        .to_owned(),
        _ => tr(
            lang,
            "команда не распознана",
            "the command was not understood",
        )
        .to_owned(),
    };
    if let Some(valid) = text(error, ContextKind::ValidValue) {
        line.push_str(&format!(" ({} {valid})", tr(lang, "допустимо:", "valid:")));
    }
    let suggestion = text(error, ContextKind::SuggestedArg)
        .or_else(|| text(error, ContextKind::SuggestedSubcommand))
        .or_else(|| text(error, ContextKind::SuggestedValue));
    if let Some(suggested) = suggestion {
        line.push_str(&format!(
            "; {} «{suggested}»?",
            tr(lang, "возможно, имелось в виду", "did you mean")
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::*;
    use crate::args;

    fn explained(args_line: &str, lang: Lang) -> UsageError {
        let raw: Vec<OsString> = std::iter::once("consentctl")
            .chain(args_line.split_whitespace())
            .map(OsString::from)
            .collect();
        match args::parse(&raw) {
            Ok(cli) => panic!("{args_line:?} parsed: {cli:?}"),
            Err(error) => explain(&error, lang),
        }
    }

    fn has_latin_words(line: &str) -> Vec<String> {
        // Option names, placeholders and program names are not words of a language.
        line.split(|c: char| c.is_whitespace() || ",:;()«»?".contains(c))
            .filter(|w| !w.is_empty() && !w.starts_with(['-', '<', '[']) && !w.contains('='))
            .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() > 2)
            .filter(|w| {
                ![
                    "consentctl",
                    "init",
                    "patient",
                    "find",
                    "queue",
                    "frobnicate",
                    "calendar",
                ]
                .contains(w)
            })
            .map(str::to_owned)
            .collect()
    }

    /// (command line, words the Russian problem must say, words the English one must say)
    const CASES: &[(&str, &str, &str)] = &[
        (
            "init",
            "не указаны обязательные параметры: --admin-login",
            "required arguments were not provided: --admin-login",
        ),
        (
            "patient frobnicate",
            "неизвестная команда «frobnicate»",
            "unknown command «frobnicate»",
        ),
        (
            "queue --bogus",
            "неизвестный параметр «--bogus»",
            "unknown argument «--bogus»",
        ),
        (
            "--lang de queue",
            "недопустимое значение «de» для «--lang <ЯЗЫК>»: допустимо: ru, en",
            "invalid value «de» for «--lang <ЯЗЫК>»: allowed: ru, en",
        ),
        (
            "patient find x --limit 5x",
            "недопустимое значение «5x» для «--limit <N>»: ожидается целое число",
            "invalid value «5x» for «--limit <N>»: a whole number is expected",
        ),
        ("", "не указана команда", "no command was given"),
    ];

    #[test]
    fn usage_errors_are_told_in_the_chosen_language_on_their_own_lines() {
        for (line, ru, en) in CASES {
            let russian = explained(line, Lang::Ru);
            assert!(russian.problem.contains(ru), "{line:?}: {russian:?}");
            let english = explained(line, Lang::En);
            assert!(english.problem.contains(en), "{line:?}: {english:?}");
            for text in russian.lines(Lang::Ru) {
                assert!(!text.contains('\n'), "{line:?}: {text:?}");
                assert!(
                    has_latin_words(&text).is_empty(),
                    "{line:?}: English in {text:?}"
                );
            }
            assert!(
                russian.help.starts_with("Справка: consentctl"),
                "{russian:?}"
            );
            assert!(english.help.starts_with("Help: consentctl"), "{english:?}");
        }
    }

    #[test]
    fn the_usage_line_and_help_name_the_subcommand() {
        let error = explained("init", Lang::Ru);
        let usage = error.usage.expect("clap knows the usage of init");
        assert!(
            usage.starts_with("Использование: consentctl init "),
            "{usage}"
        );
        assert!(!usage.contains("Usage"), "{usage}");
        assert_eq!(error.help, "Справка: consentctl init --help");
    }

    #[test]
    fn a_close_miss_gets_a_suggestion() {
        let error = explained("patient ad", Lang::Ru);
        assert!(
            error.problem.contains("возможно, имелось в виду «add»"),
            "{error:?}"
        );
    }
}
