//! Personal names: surname, given name, patronymic.

use std::fmt;

use super::Problem;
use super::error::{Collector, FieldPath};
use super::text::{char_len, present, squash};

/// Longest accepted name part, in characters.
pub const NAME_MAX_LEN: usize = 100;

const NAME_FORMAT: Problem = Problem::BadFormat {
    expected: "Cyrillic or Latin letters of one alphabet, hyphen, apostrophe, space",
};

/// One part of a name, cleaned but with the capitalization as typed: people
/// like "ван дер Берг" or "McDonald" know their spelling better than a rule.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NamePart(String);

impl NamePart {
    /// Accepts letters of one alphabet (Cyrillic incl. ё, or Latin incl.
    /// diacritics for foreign patients), hyphen, apostrophe and space.
    ///
    /// Mixing alphabets inside one part is rejected: a Latin "C" or "o"
    /// inside a Cyrillic surname (wrong keyboard layout) looks right on
    /// screen but makes the patient unfindable by search.
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let text = tidy(raw);
        let len = char_len(&text);
        if len == 0 {
            return Err(Problem::Required);
        }
        if len > NAME_MAX_LEN {
            return Err(Problem::TooLong { max: NAME_MAX_LEN });
        }
        let mut script = None;
        let mut prev_is_letter = false;
        for c in text.chars() {
            match Script::of(c) {
                Some(s) => {
                    if *script.get_or_insert(s) != s {
                        return Err(NAME_FORMAT);
                    }
                    prev_is_letter = true;
                }
                None if is_separator(c) && prev_is_letter => prev_is_letter = false,
                None => return Err(NAME_FORMAT),
            }
        }
        // Also covers "must contain a letter": a letter-less text ends (and
        // starts) with a separator or is empty.
        if !prev_is_letter {
            return Err(NAME_FORMAT);
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "Анна-Мария" → "А.-М.", "Jean Paul" → "J. P.".
    fn initials(&self) -> String {
        self.0
            .split(' ')
            .map(|word| {
                word.split('-')
                    .filter_map(|piece| piece.chars().find(|c| c.is_alphabetic()))
                    .map(|c| format!("{}.", c.to_uppercase()))
                    .collect::<Vec<_>>()
                    .join("-")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Display for NamePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Cyrillic,
    Latin,
}

impl Script {
    fn of(c: char) -> Option<Self> {
        // Most names are these letters: answered before `is_alphabetic`, a table search outside
        // ASCII that every stored patient read back pays for every letter.
        match c {
            'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => return Some(Self::Cyrillic),
            'a'..='z' | 'A'..='Z' => return Some(Self::Latin),
            _ => {}
        }
        if !c.is_alphabetic() {
            return None;
        }
        match c {
            'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
                Some(Self::Latin)
            }
            '\u{0400}'..='\u{052F}' => Some(Self::Cyrillic),
            _ => None,
        }
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '\'' | ' ')
}

/// Deliberate normalizations, each for something a receptionist can't see:
/// typographic apostrophes and hyphens (Word, phones), decomposed й/ё
/// (pasted from macOS), and spaces around a hyphen ("Салтыков - Щедрин").
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in squash(raw).chars() {
        match c {
            '\u{2019}' | '\u{02BC}' => out.push('\''),
            '\u{2010}' | '\u{2011}' | '\u{2013}' => out.push('-'),
            '\u{0306}' | '\u{0308}' => {
                let composed = match (out.chars().last(), c) {
                    (Some('и'), '\u{0306}') => Some('й'),
                    (Some('И'), '\u{0306}') => Some('Й'),
                    (Some('е'), '\u{0308}') => Some('ё'),
                    (Some('Е'), '\u{0308}') => Some('Ё'),
                    _ => None,
                };
                match composed {
                    Some(letter) => {
                        out.pop();
                        out.push(letter);
                    }
                    // Left in place so the format check rejects it.
                    None => out.push(c),
                }
            }
            _ => out.push(c),
        }
    }
    out.replace(" - ", "-")
        .replace(" -", "-")
        .replace("- ", "-")
}

/// A validated full name.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PersonName {
    pub surname: NamePart,
    pub given_name: NamePart,
    /// Many foreigners have none; it is never invented.
    pub patronymic: Option<NamePart>,
}

impl PersonName {
    /// "Фамилия Имя Отчество", the order used on Russian forms.
    pub fn display_name(&self) -> String {
        let mut out = format!("{} {}", self.surname, self.given_name);
        if let Some(p) = &self.patronymic {
            out.push(' ');
            out.push_str(p.as_str());
        }
        out
    }

    /// "Иванов И. И." — the form used in signatures on consent forms.
    pub fn initials(&self) -> String {
        let mut out = format!("{} {}", self.surname, self.given_name.initials());
        if let Some(p) = &self.patronymic {
            out.push(' ');
            out.push_str(&p.initials());
        }
        out
    }
}

/// Where each part of a name is reported.
pub(super) struct NamePaths {
    pub surname: FieldPath,
    pub given_name: FieldPath,
    pub patronymic: FieldPath,
}

pub(super) fn parse_name(
    surname: &str,
    given_name: &str,
    patronymic: Option<&str>,
    at: NamePaths,
    errors: &mut Collector,
) -> Option<PersonName> {
    let surname = errors.take(at.surname, NamePart::parse(surname));
    let given_name = errors.take(at.given_name, NamePart::parse(given_name));
    let patronymic = errors.take(
        at.patronymic,
        present(patronymic).map(NamePart::parse).transpose(),
    );
    Some(PersonName {
        surname: surname?,
        given_name: given_name?,
        patronymic: patronymic?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(s: &str) -> NamePart {
        NamePart::parse(s).expect(s)
    }

    #[test]
    fn accepted_names() {
        let cases = [
            ("Иванов", "Иванов"),
            ("  Ёлкина ", "Ёлкина"),
            ("Салтыков-Щедрин", "Салтыков-Щедрин"),
            ("Салтыков - Щедрин", "Салтыков-Щедрин"),
            ("Салтыков\u{2010}Щедрин", "Салтыков-Щедрин"),
            ("O'Brien", "O'Brien"),
            ("O\u{2019}Brien", "O'Brien"),
            ("д'Артаньян", "д'Артаньян"),
            ("ван  дер   Берг", "ван дер Берг"),
            ("Müller", "Müller"),
            ("Nguyễn", "Nguyễn"),
            ("Олексій", "Олексій"),
            ("Андреи\u{0306}", "Андрей"),
            ("Пе\u{0308}тр", "Пётр"),
            ("иванов", "иванов"),
            ("Я", "Я"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                NamePart::parse(input).map(|n| n.0),
                Ok(expected.to_string()),
                "{input:?}"
            );
        }
    }

    #[test]
    fn rejected_names() {
        let long = "я".repeat(NAME_MAX_LEN + 1);
        let cases = [
            ("", Problem::Required),
            ("   ", Problem::Required),
            (long.as_str(), Problem::TooLong { max: NAME_MAX_LEN }),
            ("Иванов2", NAME_FORMAT),
            ("R2D2", NAME_FORMAT),
            ("-", NAME_FORMAT),
            ("'", NAME_FORMAT),
            ("-Иванов", NAME_FORMAT),
            ("Иванов-", NAME_FORMAT),
            ("Иван--ов", NAME_FORMAT),
            ("O''Brien", NAME_FORMAT),
            ("Иванов.", NAME_FORMAT),
            ("Ivan_ov", NAME_FORMAT),
            ("Cидоров", NAME_FORMAT), // Latin C + Cyrillic rest
            ("Ivanоv", NAME_FORMAT),  // Cyrillic о
            ("李", NAME_FORMAT),
            ("x\u{0306}", NAME_FORMAT),
            ("Анна\u{7}", NAME_FORMAT),
        ];
        for (input, expected) in cases {
            assert_eq!(NamePart::parse(input), Err(expected), "{input:?}");
        }
        assert_eq!(
            NamePart::parse(&"я".repeat(NAME_MAX_LEN)).map(|n| char_len(&n.0)),
            Ok(NAME_MAX_LEN),
            "exactly at the limit"
        );
    }

    #[test]
    fn display_name_and_initials() {
        let cases = [
            (
                ("Иванов", "Иван", Some("Иванович")),
                "Иванов Иван Иванович",
                "Иванов И. И.",
            ),
            (("Smith", "John", None), "Smith John", "Smith J."),
            (
                ("Петрова", "Анна-Мария", Some("ёрковна")),
                "Петрова Анна-Мария ёрковна",
                "Петрова А.-М. Ё.",
            ),
            (
                ("Dupont", "Jean Paul", None),
                "Dupont Jean Paul",
                "Dupont J. P.",
            ),
        ];
        for ((surname, given, patronymic), display, initials) in cases {
            let name = PersonName {
                surname: part(surname),
                given_name: part(given),
                patronymic: patronymic.map(part),
            };
            assert_eq!(name.display_name(), display, "display_name of {surname}");
            assert_eq!(name.initials(), initials, "initials of {surname}");
        }
    }
}

crate::patient::redacted_debug!(NamePart);

crate::patient::redacted_debug!(PersonName);
