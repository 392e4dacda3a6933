//! Shared handling of receptionist-typed text.

use super::Problem;

/// Trims and turns every run of whitespace (incl. tabs, newlines, NBSP) into
/// one space, so pasted text compares and stores the same as typed text.
pub(super) fn squash(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `None` for a missing or blank optional field: an emptied form field means
/// "not given", not "given as empty".
pub(super) fn present(raw: Option<&str>) -> Option<&str> {
    raw.filter(|s| !s.trim().is_empty())
}

/// Counts characters, not bytes: limits are shown to people, and Cyrillic
/// takes two bytes per letter in UTF-8.
pub(super) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Free text such as an address or an issuing authority. Whitespace is squashed first, so a pasted
/// tab or line break becomes a space; any other control character, or a bidirectional override that
/// would make the printed address read differently from the stored one, is refused.
pub(super) fn free_text(raw: &str, min: usize, max: usize) -> Result<String, Problem> {
    let text = squash(raw);
    let len = char_len(&text);
    if len == 0 {
        return Err(Problem::Required);
    }
    if len > max {
        return Err(Problem::TooLong { max });
    }
    if len < min {
        return Err(Problem::TooShort { min });
    }
    if crate::text::check_stored_text(&text).is_err() {
        return Err(Problem::BadFormat {
            expected: "printable text",
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_table() {
        let cases = [
            ("  a  ", "a"),
            ("a \t\n b", "a b"),
            ("a\u{a0}b", "a b"),
            ("", ""),
            ("   ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(squash(input), expected, "squash({input:?})");
        }
    }

    #[test]
    fn free_text_table() {
        let cases: [(&str, Result<&str, Problem>); 9] = [
            (" ул.  Ленина, 1 ", Ok("ул. Ленина, 1")),
            ("", Err(Problem::Required)),
            ("  \n ", Err(Problem::Required)),
            ("abcd", Err(Problem::TooShort { min: 5 })),
            ("abcdefghijklmnopqrstu", Err(Problem::TooLong { max: 20 })),
            (
                "ab\u{7}cde",
                Err(Problem::BadFormat {
                    expected: "printable text",
                }),
            ),
            (
                "ул. Ленина\u{1b}[2J",
                Err(Problem::BadFormat {
                    expected: "printable text",
                }),
            ),
            (
                "ул. \u{202e}анинеЛ",
                Err(Problem::BadFormat {
                    expected: "printable text",
                }),
            ),
            (
                "\u{2066}ул. Ленина\u{2069}",
                Err(Problem::BadFormat {
                    expected: "printable text",
                }),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                free_text(input, 5, 20),
                expected.map(String::from),
                "free_text({input:?})"
            );
        }
    }

    #[test]
    fn present_table() {
        let cases = [
            (None, None),
            (Some(""), None),
            (Some("  "), None),
            (Some(" x "), Some(" x ")),
        ];
        for (input, expected) in cases {
            assert_eq!(present(input), expected, "present({input:?})");
        }
    }
}
