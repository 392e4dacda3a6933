//! Registration address (адрес регистрации) as free text.

use std::fmt;

use super::Problem;
use super::text::free_text;

pub const ADDRESS_MIN_LEN: usize = 5;
pub const ADDRESS_MAX_LEN: usize = 500;

/// Free text, whitespace squashed to one line: the consent form prints it
/// on one line, and Russian addresses have no structure worth enforcing at
/// a front desk (foreign patients' addresses have even less).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Address(String);

impl Address {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let text = free_text(raw, ADDRESS_MIN_LEN, ADDRESS_MAX_LEN)?;
        // "-----" or "12345" is a placeholder, not an address.
        if !text.chars().any(char::is_alphabetic) {
            return Err(Problem::BadFormat {
                expected: "an address with letters",
            });
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_table() {
        let ok = |s: &str| Ok(s.to_string());
        let at_max = format!("г. {}", "я".repeat(ADDRESS_MAX_LEN - 3));
        let over_max = format!("г. {}", "я".repeat(ADDRESS_MAX_LEN - 2));
        let cases: Vec<(String, Result<String, Problem>)> = vec![
            (
                "г. Москва, ул. Ленина, д. 1, кв. 2".into(),
                ok("г. Москва, ул. Ленина, д. 1, кв. 2"),
            ),
            (
                "  г. Москва,\n  ул. Ленина,\td. 1 ".into(),
                ok("г. Москва, ул. Ленина, d. 1"),
            ),
            ("Ufa 1".into(), ok("Ufa 1")),
            (at_max.clone(), Ok(at_max)),
            ("".into(), Err(Problem::Required)),
            (" \n ".into(), Err(Problem::Required)),
            (
                "Уфа".into(),
                Err(Problem::TooShort {
                    min: ADDRESS_MIN_LEN,
                }),
            ),
            (
                "12345".into(),
                Err(Problem::BadFormat {
                    expected: "an address with letters",
                }),
            ),
            (
                over_max,
                Err(Problem::TooLong {
                    max: ADDRESS_MAX_LEN,
                }),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                Address::parse(&input).map(|a| a.0),
                expected,
                "Address::parse({input:?})"
            );
        }
    }
}

crate::patient::redacted_debug!(Address);
