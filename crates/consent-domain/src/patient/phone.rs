//! Phone numbers, stored in E.164 form (`+79123456789`).

use std::fmt;

use super::Problem;
use super::text::char_len;

/// Longest accepted input, with spaces and brackets, in characters.
pub const PHONE_MAX_LEN: usize = 30;

const PHONE_FORMAT: Problem = Problem::BadFormat {
    expected: "+7XXXXXXXXXX, 8XXXXXXXXXX or + country code and 8-15 digits",
};

/// A phone number in E.164 form: `+` and 8–15 digits.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// Russian numbers become `+7XXXXXXXXXX` from `8XXXXXXXXXX`,
    /// `7XXXXXXXXXX`, `+7…` or a bare 10-digit national number starting with
    /// 3, 4, 8 or 9 (area codes and mobiles). Other countries need the
    /// leading `+` — without it "380…" could be a Ukrainian number or a typo.
    /// Spaces, dashes, dots and parentheses are ignored.
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Problem::Required);
        }
        if char_len(s) > PHONE_MAX_LEN {
            return Err(Problem::TooLong { max: PHONE_MAX_LEN });
        }
        let (international, rest) = match s.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut digits = String::with_capacity(15);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '-' | '(' | ')' | '.' => {}
                c if c.is_whitespace() => {}
                _ => return Err(PHONE_FORMAT),
            }
        }
        let national = |d: &str| Self(format!("+7{d}"));
        match (international, digits.len(), digits.as_bytes().first()) {
            // +7 is shared by Russia and Kazakhstan, both with 10-digit
            // national numbers, so any other length is a typo.
            (true, 11, Some(b'7')) | (false, 11, Some(b'7' | b'8')) => Ok(national(&digits[1..])),
            (true, _, Some(b'7')) => Err(PHONE_FORMAT),
            (true, 8..=15, Some(b'1'..=b'9')) => Ok(Self(format!("+{digits}"))),
            (false, 10, Some(b'3' | b'4' | b'8' | b'9')) => Ok(national(&digits)),
            _ => Err(PHONE_FORMAT),
        }
    }

    /// `+79123456789`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Digits without the `+`, e.g. for a search key.
    pub fn digits(&self) -> &str {
        &self.0[1..]
    }

    pub fn is_russian(&self) -> bool {
        self.0.starts_with("+7")
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_table() {
        let ok = |s: &str| Ok(s.to_string());
        let cases: &[(&str, Result<String, Problem>)] = &[
            ("+79123456789", ok("+79123456789")),
            ("+7 (912) 345-67-89", ok("+79123456789")),
            ("8 912 345 67 89", ok("+79123456789")),
            ("89123456789", ok("+79123456789")),
            ("79123456789", ok("+79123456789")),
            ("8-912-345-67-89", ok("+79123456789")),
            ("  8 (912) 345.67.89 ", ok("+79123456789")),
            ("9123456789", ok("+79123456789")),
            ("(495) 123-45-67", ok("+74951234567")),
            ("8 800 555 35 35", ok("+78005553535")),
            ("+7\u{a0}912\u{a0}345\u{a0}67\u{a0}89", ok("+79123456789")),
            ("+44 20 7946 0958", ok("+442079460958")),
            ("+49 30 901820", ok("+4930901820")),
            ("+1 (202) 555-0143", ok("+12025550143")),
            ("+12345678", ok("+12345678")),
            ("+123456789012345", ok("+123456789012345")),
            ("", Err(Problem::Required)),
            ("  ", Err(Problem::Required)),
            ("+7 912 345 67 8", Err(PHONE_FORMAT)),
            ("+7 912 345 67 890", Err(PHONE_FORMAT)),
            ("891234567", Err(PHONE_FORMAT)),
            ("9912345678901", Err(PHONE_FORMAT)),
            ("1234567890", Err(PHONE_FORMAT)),
            ("380441234567", Err(PHONE_FORMAT)),
            ("+1234567", Err(PHONE_FORMAT)),
            ("+1234567890123456", Err(PHONE_FORMAT)),
            ("+0123456789", Err(PHONE_FORMAT)),
            ("++79123456789", Err(PHONE_FORMAT)),
            ("8912345678x", Err(PHONE_FORMAT)),
            ("8 912 345 67 89 доб. 12", Err(PHONE_FORMAT)),
            ("+7912345+6789", Err(PHONE_FORMAT)),
            ("+", Err(PHONE_FORMAT)),
            (
                "8 912 345 67 89               (моб)",
                Err(Problem::TooLong { max: PHONE_MAX_LEN }),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                &Phone::parse(input).map(|p| p.0),
                expected,
                "Phone::parse({input:?})"
            );
        }
    }

    #[test]
    fn digits_and_country() {
        let cases = [
            ("8 912 345 67 89", "79123456789", true),
            ("+44 20 7946 0958", "442079460958", false),
        ];
        for (input, digits, russian) in cases {
            let phone = Phone::parse(input).expect(input);
            assert_eq!(phone.digits(), digits, "{input}");
            assert_eq!(phone.is_russian(), russian, "{input}");
        }
    }
}

crate::patient::redacted_debug!(Phone);
