//! Staff logins: what a staff member types to sign in on a shared PC.

use std::fmt;

/// Why a login was refused. Messages name the offending character and position, not the login itself,
/// since logins are usually made from people's names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
    /// Fewer than 3 characters.
    #[error("the login is too short: {len} characters, at least 3 are needed")]
    TooShort {
        /// Its length in characters.
        len: usize,
    },
    /// More than 32 characters.
    #[error("the login is too long: {len} characters, at most 32 are allowed")]
    TooLong {
        /// Its length in characters.
        len: usize,
    },
    /// An uppercase latin letter; reported apart so the UI can suggest the lowercase login.
    #[error(
        "the login has an uppercase letter at position {position}: only lowercase letters are allowed"
    )]
    Uppercase {
        /// 1-based position of the letter.
        position: usize,
    },
    /// A character outside `a-z`, `0-9`, `.`, `_`, `-` (Cyrillic letters included).
    #[error(
        "the login has {ch:?} at position {position}: only latin letters a-z, digits 0-9, '.', '_' and '-' are allowed"
    )]
    InvalidCharacter {
        /// The character.
        ch: char,
        /// 1-based position of the character.
        position: usize,
    },
    /// Starts with `.`, `_` or `-`.
    #[error("the login must start with a letter or a digit, not {ch:?}")]
    BadStart {
        /// The first character.
        ch: char,
    },
}

impl LoginError {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            LoginError::TooShort { .. } => "login_too_short",
            LoginError::TooLong { .. } => "login_too_long",
            LoginError::Uppercase { .. } => "login_uppercase",
            LoginError::InvalidCharacter { .. } => "login_invalid_character",
            LoginError::BadStart { .. } => "login_bad_start",
        }
    }
}

/// A valid login: 3 to 32 characters of `a-z`, `0-9`, `.`, `_`, `-`, starting with a letter or digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Login(String);

impl Login {
    const MIN_LEN: usize = 3;
    const MAX_LEN: usize = 32;

    /// Checks a login as typed. Nothing is trimmed or lowercased: the UI may offer that, but the domain
    /// does not guess which account was meant.
    pub fn parse(login: &str) -> Result<Self, LoginError> {
        let len = login.chars().count();
        if len < Self::MIN_LEN {
            return Err(LoginError::TooShort { len });
        }
        if len > Self::MAX_LEN {
            return Err(LoginError::TooLong { len });
        }
        for (i, ch) in login.chars().enumerate() {
            let position = i + 1;
            if ch.is_ascii_uppercase() {
                return Err(LoginError::Uppercase { position });
            }
            if !(ch.is_ascii_lowercase() || ch.is_ascii_digit() || matches!(ch, '.' | '_' | '-')) {
                return Err(LoginError::InvalidCharacter { ch, position });
            }
        }
        // A leading '-' would read as an option to consentctl; a leading '.' or '_' looks like a hidden or
        // system name.
        match login.chars().next() {
            Some(ch) if !ch.is_ascii_alphanumeric() => Err(LoginError::BadStart { ch }),
            _ => Ok(Self(login.to_owned())),
        }
    }

    /// The login as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_validation() {
        use LoginError::*;
        let max = "a".repeat(32);
        let over = "a".repeat(33);
        let cases: Vec<(&str, Result<(), LoginError>)> = vec![
            ("ivanova", Ok(())),
            ("a.ivanova", Ok(())),
            ("petrov_2", Ok(())),
            ("reg-01", Ok(())),
            ("abc", Ok(())),
            ("007", Ok(())),
            ("a..b", Ok(())),
            ("desk1-", Ok(())),
            (&max, Ok(())),
            ("", Err(TooShort { len: 0 })),
            ("ab", Err(TooShort { len: 2 })),
            (&over, Err(TooLong { len: 33 })),
            ("Ivanova", Err(Uppercase { position: 1 })),
            ("ivanovA", Err(Uppercase { position: 7 })),
            (
                "иванова",
                Err(InvalidCharacter {
                    ch: 'и',
                    position: 1,
                }),
            ),
            // Cyrillic "а" that looks latin: counted as one character, refused.
            (
                "ivаnova",
                Err(InvalidCharacter {
                    ch: 'а',
                    position: 3,
                }),
            ),
            (
                "ivan ova",
                Err(InvalidCharacter {
                    ch: ' ',
                    position: 5,
                }),
            ),
            (
                " ivanova",
                Err(InvalidCharacter {
                    ch: ' ',
                    position: 1,
                }),
            ),
            (
                "ivanova@clinic",
                Err(InvalidCharacter {
                    ch: '@',
                    position: 8,
                }),
            ),
            (
                "iv+a",
                Err(InvalidCharacter {
                    ch: '+',
                    position: 3,
                }),
            ),
            ("ёж", Err(TooShort { len: 2 })),
            ("-rf", Err(BadStart { ch: '-' })),
            (".ivanova", Err(BadStart { ch: '.' })),
            ("_admin", Err(BadStart { ch: '_' })),
        ];
        for (input, expected) in cases {
            let actual = Login::parse(input);
            match expected {
                Ok(()) => assert_eq!(actual.map(|l| l.as_str().to_owned()), Ok(input.to_owned())),
                Err(e) => assert_eq!(actual, Err(e), "input {input:?}"),
            }
        }
    }

    #[test]
    fn error_codes_and_messages() {
        let cases = [
            (LoginError::TooShort { len: 1 }, "login_too_short"),
            (LoginError::TooLong { len: 40 }, "login_too_long"),
            (LoginError::Uppercase { position: 1 }, "login_uppercase"),
            (
                LoginError::InvalidCharacter {
                    ch: '@',
                    position: 2,
                },
                "login_invalid_character",
            ),
            (LoginError::BadStart { ch: '-' }, "login_bad_start"),
        ];
        for (error, code) in cases {
            assert_eq!(error.code(), code);
            assert!(error.to_string().starts_with("the login"), "{error}");
        }
    }
}
