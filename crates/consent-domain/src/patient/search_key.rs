//! Normalized keys the store indexes and searches by.
//!
//! Both the stored value and the typed query go through the same function,
//! so the store can compare keys with `=` or `LIKE 'key%'`. SQLite's
//! `LIKE`, `lower()` and FTS5's default tokenizer fold only ASCII case and
//! know nothing about `ё`: without these keys "Ёлкина" would not be found
//! by "елкина" (and Russian writers drop the dots on ё all the time), nor
//! "ЁЛКИНА" by "ёлкина".

use super::phone::Phone;

/// Lowercase, `ё` → `е`, trimmed, whitespace runs collapsed to one space.
pub fn name(s: &str) -> String {
    s.split_whitespace()
        .map(|word| word.to_lowercase().replace('ё', "е"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Digits only, with a full Russian number canonicalised to `7XXXXXXXXXX`
/// exactly as [`Phone::parse`] does, so "8 912 …", "+7 (912) …" and
/// "912 …" give one key.
///
/// A partial number is left as its digits; the UI should search partial
/// input with a contains-match and without the leading 8.
pub fn phone_digits(s: &str) -> String {
    match Phone::parse(s) {
        Ok(phone) => phone.digits().to_string(),
        Err(_) => s.chars().filter(char::is_ascii_digit).collect(),
    }
}

/// Uppercase letters and digits only: "45 10 123456", "4510-123456" and
/// "iv-мю 123456" match however they were typed.
pub fn document_number(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys() {
        let cases = [
            ("Ёлкина", "елкина"),
            ("ЁЛКИНА", "елкина"),
            ("  Пётр   Алексеевич ", "петр алексеевич"),
            ("Салтыков-Щедрин", "салтыков-щедрин"),
            ("O'Brien", "o'brien"),
            ("Müller", "müller"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(name(input), expected, "name({input:?})");
        }
    }

    #[test]
    fn phone_keys() {
        let same = [
            "8 912 345 67 89",
            "+7 (912) 345-67-89",
            "89123456789",
            "79123456789",
            "912-345-67-89",
        ];
        for input in same {
            assert_eq!(
                phone_digits(input),
                "79123456789",
                "phone_digits({input:?})"
            );
        }
        let cases = [
            ("+44 20 7946 0958", "442079460958"),
            ("345-67", "34567"),
            ("8 912", "8912"),
            ("тел. 12", "12"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(phone_digits(input), expected, "phone_digits({input:?})");
        }
    }

    #[test]
    fn document_number_keys() {
        let cases = [
            ("45 10 123456", "4510123456"),
            ("4510-123456", "4510123456"),
            ("iv-мю 123456", "IVМЮ123456"),
            ("ab 123/45", "AB12345"),
            ("№ 7", "7"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(
                document_number(input),
                expected,
                "document_number({input:?})"
            );
        }
    }
}
