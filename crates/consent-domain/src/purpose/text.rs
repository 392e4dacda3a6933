//! Text that every form and screen needs in both of the product's languages.

use std::borrow::Cow;

/// The same text in Russian (primary) and English.
///
/// `Cow` lets the built-in catalogue live in `static` data while a later policy version may be assembled
/// from owned strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LocalizedText {
    ru: Cow<'static, str>,
    en: Cow<'static, str>,
}

impl LocalizedText {
    /// Text from owned or borrowed strings.
    pub fn new(ru: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Self {
        Self {
            ru: ru.into(),
            en: en.into(),
        }
    }

    /// Text from string literals; usable in `const` and `static` items.
    pub const fn from_static(ru: &'static str, en: &'static str) -> Self {
        Self {
            ru: Cow::Borrowed(ru),
            en: Cow::Borrowed(en),
        }
    }

    /// The Russian text.
    pub fn ru(&self) -> &str {
        &self.ru
    }

    /// The English text.
    pub fn en(&self) -> &str {
        &self.en
    }

    /// The text in `lang`.
    pub fn get(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Ru => self.ru(),
            crate::Lang::En => self.en(),
        }
    }
}

/// Whether `s` has at least one Cyrillic letter: the cheap check that the Russian and English slots were
/// not swapped or left in the wrong language.
pub(super) fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_cyrillic() {
        let cases = [
            ("Реклама", true),
            ("ё", true),
            ("SMS и e-mail", true),
            ("Advertising", false),
            ("", false),
            ("Reklama 2.2.9", false),
        ];
        for (input, expected) in cases {
            assert_eq!(has_cyrillic(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn owned_and_static_texts_compare_by_content() {
        let owned = LocalizedText::new(String::from("Реклама"), String::from("Advertising"));
        let borrowed = LocalizedText::from_static("Реклама", "Advertising");
        assert_eq!(owned, borrowed);
        assert_eq!(owned.ru(), "Реклама");
        assert_eq!(owned.en(), "Advertising");
    }
}
