//! The legal wording of the forms: every heading, fixed sentence and label, with the built-in Russian
//! text as the default and a clinic's own wording loaded from a TOML file.
//!
//! The override file sets any subset of keys, flat or in sections (`consent.title = "…"` or
//! `[consent]` / `title = "…"`). [`FormTexts::load`] refuses the whole file on the first problem: an
//! unknown key (a typo would otherwise be silently ignored), a value that is not text, an empty text,
//! a malformed `{placeholder}`, a text that drops one of the placeholders of the built-in wording (a
//! consent must keep naming the subject, the clinic, the e-mail…) or adds one the form cannot fill,
//! or a character the form font cannot print. It never falls back on its own: the caller decides
//! what to do with a refused file.

mod builtin;
mod template;

use std::borrow::Cow;

pub use builtin::TextKey;
use template::{Malformed, Segment, parse, placeholders};

use crate::fonts;
use crate::layout::Span;

/// Why a wording file was refused. Texts are clinic settings, not personal data, so keys may be named.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextsError {
    /// Not valid TOML.
    #[error("the texts file is not valid TOML (line {line}): {message}")]
    Syntax { line: usize, message: String },
    /// A key the forms do not use.
    #[error("unknown text key {0}")]
    UnknownKey(String),
    /// A value that is not a string.
    #[error("text {0} is not a string")]
    NotText(String),
    /// An empty or blank text.
    #[error("text {0} is empty")]
    Empty(String),
    /// A `{` or `}` outside a `{name}` placeholder.
    #[error("text {0} has a malformed placeholder")]
    BadPlaceholder(String),
    /// A placeholder of the built-in text is missing.
    #[error("text {key} must contain the placeholder {{{placeholder}}}")]
    MissingPlaceholder { key: String, placeholder: String },
    /// A placeholder the form has no value for.
    #[error("text {key} uses the unknown placeholder {{{placeholder}}}")]
    UnknownPlaceholder { key: String, placeholder: String },
    /// A character the form font cannot print.
    #[error("text {0} contains a character the form font cannot print")]
    Unprintable(String),
}

impl TextsError {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            TextsError::Syntax { .. } => "texts_syntax",
            TextsError::UnknownKey(_) => "texts_unknown_key",
            TextsError::NotText(_) => "texts_not_text",
            TextsError::Empty(_) => "texts_empty",
            TextsError::BadPlaceholder(_) => "texts_bad_placeholder",
            TextsError::MissingPlaceholder { .. } => "texts_missing_placeholder",
            TextsError::UnknownPlaceholder { .. } => "texts_unknown_placeholder",
            TextsError::Unprintable(_) => "texts_unprintable",
        }
    }
}

/// The wording of every form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormTexts {
    texts: Vec<Cow<'static, str>>,
}

impl Default for FormTexts {
    fn default() -> Self {
        Self::builtin()
    }
}

impl FormTexts {
    /// The built-in Russian wording.
    pub fn builtin() -> FormTexts {
        FormTexts {
            texts: TextKey::ALL
                .iter()
                .map(|key| Cow::Borrowed(key.builtin()))
                .collect(),
        }
    }

    /// The built-in wording with the overrides of a TOML file (see the module docs for the rules).
    pub fn load(toml_text: &str) -> Result<FormTexts, TextsError> {
        let table: toml::Table = toml_text.parse().map_err(|e: toml::de::Error| {
            let line = e.span().map_or(0, |span| {
                // A span is a byte range; `get` keeps a bad one from panicking.
                toml_text
                    .get(..span.start)
                    .unwrap_or(toml_text)
                    .matches('\n')
                    .count()
                    + 1
            });
            TextsError::Syntax {
                line,
                message: e.message().to_owned(),
            }
        })?;
        let mut entries = Vec::new();
        flatten("", &table, &mut entries)?;
        let mut texts = FormTexts::builtin();
        for (key_name, text) in entries {
            let key = TextKey::ALL
                .iter()
                .copied()
                .find(|k| k.key() == key_name)
                .ok_or_else(|| TextsError::UnknownKey(key_name.clone()))?;
            check(key, &text)?;
            texts.texts[key as usize] = Cow::Owned(text);
        }
        Ok(texts)
    }

    /// The text of `key`, placeholders unfilled.
    pub fn get(&self, key: TextKey) -> &str {
        self.texts.get(key as usize).map_or("", |t| t.as_ref())
    }

    /// The text of `key` with its placeholders filled from `args`. A placeholder without a value is
    /// left as written, which tests catch.
    pub(crate) fn fill(&self, key: TextKey, args: &[(&str, &str)]) -> String {
        self.spans(key, args).into_iter().map(|s| s.text).collect()
    }

    /// The text of `key`, filled, as one regular span (for values that are wording, not data).
    pub(crate) fn plain(&self, key: TextKey, args: &[(&str, &str)]) -> Vec<Span> {
        vec![Span::regular(self.fill(key, args))]
    }

    /// The text of `key` as spans: the fixed wording regular, the filled-in values bold, so the data
    /// stand out on the paper as if typed into a blank.
    pub(crate) fn spans(&self, key: TextKey, args: &[(&str, &str)]) -> Vec<Span> {
        self.mixed(key, args, &[])
    }

    /// Like [`FormTexts::spans`], with the values of `plain` set regular: the clinic's own details
    /// and wording-like values read better unemphasised.
    pub(crate) fn mixed(
        &self,
        key: TextKey,
        bold: &[(&str, &str)],
        plain: &[(&str, &str)],
    ) -> Vec<Span> {
        let text = self.get(key);
        let Ok(segments) = parse(text) else {
            return vec![Span::regular(text)];
        };
        segments
            .into_iter()
            .filter_map(|segment| match segment {
                Segment::Literal(literal) => Some(Span::regular(literal)),
                Segment::Placeholder(name) => {
                    if let Some((_, value)) = bold.iter().find(|(n, _)| *n == name) {
                        (!value.is_empty()).then(|| Span::bold(*value))
                    } else if let Some((_, value)) = plain.iter().find(|(n, _)| *n == name) {
                        (!value.is_empty()).then(|| Span::regular(*value))
                    } else {
                        Some(Span::regular(format!("{{{name}}}")))
                    }
                }
            })
            .collect()
    }
}

/// Collects `key = "text"` pairs, section names joined with dots.
fn flatten(
    prefix: &str,
    table: &toml::Table,
    out: &mut Vec<(String, String)>,
) -> Result<(), TextsError> {
    for (name, value) in table {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match value {
            toml::Value::String(text) => out.push((key, text.clone())),
            toml::Value::Table(inner) => flatten(&key, inner, out)?,
            _ => return Err(TextsError::NotText(key)),
        }
    }
    Ok(())
}

/// The rules an overriding text must follow.
fn check(key: TextKey, text: &str) -> Result<(), TextsError> {
    let name = || key.key().to_owned();
    if text.trim().is_empty() {
        return Err(TextsError::Empty(name()));
    }
    let given = placeholders(text).map_err(|Malformed| TextsError::BadPlaceholder(name()))?;
    let expected = key.placeholders();
    if let Some(missing) = expected.iter().find(|p| !given.contains(p)) {
        return Err(TextsError::MissingPlaceholder {
            key: name(),
            placeholder: (*missing).to_owned(),
        });
    }
    if let Some(unknown) = given.iter().find(|p| !expected.contains(p)) {
        return Err(TextsError::UnknownPlaceholder {
            key: name(),
            placeholder: (*unknown).to_owned(),
        });
    }
    if !fonts::can_print(text) {
        return Err(TextsError::Unprintable(name()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_texts_are_valid_overrides_of_themselves() {
        let mut seen = std::collections::BTreeSet::new();
        for key in TextKey::ALL {
            assert!(seen.insert(key.key()), "duplicate key {}", key.key());
            assert_eq!(check(*key, key.builtin()), Ok(()), "{}", key.key());
            assert!(
                key.key()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
                "{}",
                key.key()
            );
        }
    }

    #[test]
    fn a_file_overrides_some_keys_flat_or_in_sections() {
        let texts = FormTexts::load(
            "\"consent.title\" = \"СОГЛАСИЕ ПАЦИЕНТА\"\n\
             [withdrawal]\n\
             title = \"ЗАЯВЛЕНИЕ ОБ ОТЗЫВЕ\"\n",
        )
        .expect("valid");
        assert_eq!(texts.get(TextKey::ConsentTitle), "СОГЛАСИЕ ПАЦИЕНТА");
        assert_eq!(texts.get(TextKey::WithdrawalTitle), "ЗАЯВЛЕНИЕ ОБ ОТЗЫВЕ");
        assert_eq!(
            texts.get(TextKey::ConsentSubtitle),
            TextKey::ConsentSubtitle.builtin()
        );
        assert_eq!(
            FormTexts::load("").expect("empty file"),
            FormTexts::builtin()
        );
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let statement = TextKey::ConsentStatement.key();
        let cases = [
            ("consent.title = ", "texts_syntax"),
            ("consent.titel = \"x\"", "texts_unknown_key"),
            ("consent.title = 5", "texts_not_text"),
            ("consent.title = \"  \"", "texts_empty"),
            ("consent.title = \"{oops\"", "texts_bad_placeholder"),
            (
                &*format!("\"{statement}\" = \"Я даю согласие {{clinic_name}}.\""),
                "texts_missing_placeholder",
            ),
            (
                "consent.title = \"СОГЛАСИЕ {patient_name}\"",
                "texts_unknown_placeholder",
            ),
            ("consent.title = \"同意\"", "texts_unprintable"),
        ];
        for (file, code) in cases {
            let err = FormTexts::load(file).expect_err(file);
            assert_eq!(err.code(), code, "{file}: {err}");
        }
        let syntax = FormTexts::load("a = \"x\"\nconsent.title = ").expect_err("syntax");
        assert!(
            matches!(syntax, TextsError::Syntax { line: 2, .. }),
            "{syntax:?}"
        );
    }

    #[test]
    fn filling_makes_values_bold_and_skips_empty_ones() {
        let texts = FormTexts::builtin();
        let spans = texts.spans(TextKey::CommonPage, &[("page", "1"), ("pages", "2")]);
        assert_eq!(
            spans.iter().map(|s| s.text.as_str()).collect::<String>(),
            "Страница 1 из 2"
        );
        assert!(spans.iter().any(|s| s.face == crate::layout::Face::Bold));
    }
}
