//! E-mail addresses, checked pragmatically.

use std::fmt;

use super::Problem;
use super::text::char_len;

/// RFC 5321 limit for a whole address.
pub const EMAIL_MAX_LEN: usize = 254;
const LOCAL_MAX_LEN: usize = 64;
const LABEL_MAX_LEN: usize = 63;

const EMAIL_FORMAT: Problem = Problem::BadFormat {
    expected: "name@domain.tld",
};

/// An e-mail address with its domain lowercased.
///
/// Not a full RFC 5322 parser: it catches what a receptionist mistypes
/// (missing @, spaces, missing dot) and lets the rest through, because the
/// only real check is whether mail arrives. Internationalized domains like
/// `почта.рф` are accepted as typed (not punycoded).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Problem::Required);
        }
        if char_len(s) > EMAIL_MAX_LEN {
            return Err(Problem::TooLong { max: EMAIL_MAX_LEN });
        }
        if s.chars().any(char::is_whitespace) || crate::text::check_stored_text(s).is_err() {
            return Err(EMAIL_FORMAT);
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(EMAIL_FORMAT);
        };
        if !valid_local(local) {
            return Err(EMAIL_FORMAT);
        }
        // Domains are case-insensitive; the local part, formally, is not.
        let domain = domain.to_lowercase();
        if !valid_domain(&domain) {
            return Err(EMAIL_FORMAT);
        }
        Ok(Self(format!("{local}@{domain}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn valid_local(local: &str) -> bool {
    !local.is_empty()
        && char_len(local) <= LOCAL_MAX_LEN
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.contains(['<', '>', '(', ')', '[', ']', ',', ';', ':', '"', '\\'])
}

fn valid_domain(domain: &str) -> bool {
    // Rejects a second '@' too, since it is not a label character.
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(tld) = labels.last() else {
        return false;
    };
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && char_len(label) <= LABEL_MAX_LEN
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && char_len(tld) >= 2
        && tld.chars().any(char::is_alphabetic)
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_table() {
        let ok = |s: &str| Ok(s.to_string());
        let long_local = "a".repeat(LOCAL_MAX_LEN + 1);
        let too_long = format!("{}@{}.ru", "a".repeat(60), "b".repeat(200));
        let cases: Vec<(String, Result<String, Problem>)> = vec![
            ("ivanov@example.ru".into(), ok("ivanov@example.ru")),
            (" Ivanov@Example.RU ".into(), ok("Ivanov@example.ru")),
            ("a.b+tag@mail.co.uk".into(), ok("a.b+tag@mail.co.uk")),
            ("иван@почта.рф".into(), ok("иван@почта.рф")),
            ("ivan@ПОЧТА.РФ".into(), ok("ivan@почта.рф")),
            (
                "x@xn--80a1acny.xn--p1ai".into(),
                ok("x@xn--80a1acny.xn--p1ai"),
            ),
            ("x@my-clinic.ru".into(), ok("x@my-clinic.ru")),
            ("".into(), Err(Problem::Required)),
            ("   ".into(), Err(Problem::Required)),
            ("ivanov.example.ru".into(), Err(EMAIL_FORMAT)),
            ("ivanov@@example.ru".into(), Err(EMAIL_FORMAT)),
            ("a@b@example.ru".into(), Err(EMAIL_FORMAT)),
            ("@example.ru".into(), Err(EMAIL_FORMAT)),
            ("ivanov@".into(), Err(EMAIL_FORMAT)),
            ("ivanov@localhost".into(), Err(EMAIL_FORMAT)),
            ("iva nov@example.ru".into(), Err(EMAIL_FORMAT)),
            ("ivanov@exam ple.ru".into(), Err(EMAIL_FORMAT)),
            ("ivanov@example..ru".into(), Err(EMAIL_FORMAT)),
            ("ivanov@.example.ru".into(), Err(EMAIL_FORMAT)),
            ("ivanov@example.ru.".into(), Err(EMAIL_FORMAT)),
            ("ivanov@-example.ru".into(), Err(EMAIL_FORMAT)),
            ("ivanov@example.r".into(), Err(EMAIL_FORMAT)),
            ("ivanov@example.123".into(), Err(EMAIL_FORMAT)),
            ("ivanov@exa_mple.ru".into(), Err(EMAIL_FORMAT)),
            (".ivanov@example.ru".into(), Err(EMAIL_FORMAT)),
            ("iva..nov@example.ru".into(), Err(EMAIL_FORMAT)),
            ("\"iv\"@example.ru".into(), Err(EMAIL_FORMAT)),
            (format!("{long_local}@example.ru"), Err(EMAIL_FORMAT)),
            // An override in the local part would show another address than the stored one.
            ("ivan\u{202e}ur.elpmaxe@mail.ru".into(), Err(EMAIL_FORMAT)),
            ("ivan\u{1b}[2J@mail.ru".into(), Err(EMAIL_FORMAT)),
            (too_long, Err(Problem::TooLong { max: EMAIL_MAX_LEN })),
        ];
        for (input, expected) in cases {
            assert_eq!(
                Email::parse(&input).map(|e| e.0),
                expected,
                "Email::parse({input:?})"
            );
        }
    }
}

crate::patient::redacted_debug!(Email);
