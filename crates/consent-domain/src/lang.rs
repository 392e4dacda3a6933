//! The languages Consent Desk speaks. Russian is the primary one: forms, the UI and messages default to it.

use std::fmt;
use std::str::FromStr;

/// A language of the user interface, of messages and of printed forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Russian: the default everywhere.
    #[default]
    Ru,
    /// English: the second language.
    En,
}

impl Lang {
    /// Every supported language, primary first.
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The BCP 47 tag (`ru`, `en`), as used in HTML `lang` attributes, PDF metadata and settings files.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A language tag that Consent Desk does not speak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown language tag {:?} (expected one of: ru, en)",
            self.0
        )
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts a bare tag or a regional one (`ru-RU`, `en_GB.UTF-8`), case-insensitively, so a POSIX
    /// locale from the environment parses too.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s
            .trim()
            .split(['-', '_', '.'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ru" => Ok(Lang::Ru),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_locales() {
        let cases = [
            ("ru", Some(Lang::Ru)),
            ("RU", Some(Lang::Ru)),
            ("ru-RU", Some(Lang::Ru)),
            ("ru_RU.UTF-8", Some(Lang::Ru)),
            (" en ", Some(Lang::En)),
            ("en_GB.UTF-8", Some(Lang::En)),
            ("de", None),
            ("", None),
            ("russian", None),
        ];
        for (input, expected) in cases {
            assert_eq!(input.parse::<Lang>().ok(), expected, "input {input:?}");
        }
    }

    #[test]
    fn russian_is_the_default_and_first() {
        assert_eq!(Lang::default(), Lang::Ru);
        assert_eq!(Lang::ALL[0], Lang::Ru);
    }

    #[test]
    fn tag_round_trips() {
        for lang in Lang::ALL {
            assert_eq!(lang.tag().parse::<Lang>(), Ok(lang));
            assert_eq!(lang.to_string(), lang.tag());
        }
    }
}
