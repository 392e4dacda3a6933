//! Identifiers of purposes: the stable slug that records store, and the policy item that states the purpose
//! in one policy edition.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

/// A malformed identifier: a purpose code, a policy item number or a policy version id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// Not 1 to 40 characters of `a-z`, `0-9`, `_` starting with a letter.
    #[error(
        "invalid purpose code {0:?}: expected 1 to 40 characters of a-z, 0-9 and _, starting with a letter"
    )]
    PurposeCode(String),
    /// Not dot-separated decimal numbers without leading zeros, such as `2.2.1`.
    #[error(
        "invalid policy item {0:?}: expected dot-separated numbers without leading zeros, such as 2.2.1"
    )]
    PolicyItem(String),
    /// Not 1 to 32 characters of latin letters, digits, `.`, `_`, `-` starting with a letter or digit.
    #[error(
        "invalid policy version id {0:?}: expected 1 to 32 characters of latin letters, digits, '.', '_' and '-', starting with a letter or digit"
    )]
    PolicyVersionId(String),
}

impl FormatError {
    /// A stable snake_case code for logs, the UI's message lookup and tests.
    pub fn code(&self) -> &'static str {
        match self {
            FormatError::PurposeCode(_) => "invalid_purpose_code",
            FormatError::PolicyItem(_) => "invalid_policy_item",
            FormatError::PolicyVersionId(_) => "invalid_policy_version_id",
        }
    }
}

/// The stable identifier of a purpose (`identification`, `advertising`, ...).
///
/// Consents and withdrawals store this slug, never the item number, because a later policy edition may
/// renumber its items while the purpose stays the same.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PurposeCode(Cow<'static, str>);

impl PurposeCode {
    /// Policy 2.2.1.
    pub const IDENTIFICATION: PurposeCode = PurposeCode::from_static("identification");
    /// Policy 2.2.2.
    pub const PERSONAL_ACCOUNT: PurposeCode = PurposeCode::from_static("personal_account");
    /// Policy 2.2.3.
    pub const FEEDBACK: PurposeCode = PurposeCode::from_static("feedback");
    /// Policy 2.2.4.
    pub const FRAUD_PREVENTION_LOCATION: PurposeCode =
        PurposeCode::from_static("fraud_prevention_location");
    /// Policy 2.2.5.
    pub const DATA_VERIFICATION: PurposeCode = PurposeCode::from_static("data_verification");
    /// Policy 2.2.6.
    pub const MEDICAL_ACCOUNT: PurposeCode = PurposeCode::from_static("medical_account");
    /// Policy 2.2.7.
    pub const NOTIFICATIONS: PurposeCode = PurposeCode::from_static("notifications");
    /// Policy 2.2.8.
    pub const SUPPORT: PurposeCode = PurposeCode::from_static("support");
    /// Policy 2.2.9.
    pub const ADVERTISING: PurposeCode = PurposeCode::from_static("advertising");

    const MAX_LEN: usize = 40;

    /// Checks and wraps a code read from storage, the wire or a new policy edition.
    pub fn parse(code: impl Into<Cow<'static, str>>) -> Result<Self, FormatError> {
        let code = code.into();
        if Self::is_well_formed(&code) {
            Ok(Self(code))
        } else {
            Err(FormatError::PurposeCode(code.into_owned()))
        }
    }

    /// Unchecked: only for literals of this module, which the catalogue tests validate.
    pub(super) const fn from_static(code: &'static str) -> Self {
        Self(Cow::Borrowed(code))
    }

    pub(super) fn is_well_formed(code: &str) -> bool {
        let mut chars = code.chars();
        let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        starts_with_letter
            && code.len() <= Self::MAX_LEN
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PurposeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The number of the policy item that states a purpose, such as `2.2.1`.
///
/// Ordered numerically part by part, so `2.2.10` follows `2.2.9`: that order is the policy order in which
/// forms list purposes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PolicyItem(Cow<'static, str>);

impl PolicyItem {
    /// Checks and wraps an item number.
    pub fn parse(item: impl Into<Cow<'static, str>>) -> Result<Self, FormatError> {
        let item = item.into();
        if Self::is_well_formed(&item) {
            Ok(Self(item))
        } else {
            Err(FormatError::PolicyItem(item.into_owned()))
        }
    }

    /// Unchecked: only for literals of this module, which the catalogue tests validate.
    pub(super) const fn from_static(item: &'static str) -> Self {
        Self(Cow::Borrowed(item))
    }

    pub(super) fn is_well_formed(item: &str) -> bool {
        // No leading zeros: `2.2.01` and `2.2.1` would otherwise be two spellings of one item.
        item.split('.').all(|part| {
            part.bytes().all(|b| b.is_ascii_digit())
                && (part == "0" || !part.starts_with('0'))
                && part.parse::<u32>().is_ok()
        })
    }

    /// The item number as written in the policy.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    // A malformed part (possible only before validation) sorts as 0 rather than panicking.
    fn parts(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.split('.').map(|part| part.parse().unwrap_or(0))
    }
}

impl Ord for PolicyItem {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts()
            .cmp(other.parts())
            // Keeps `Ord` consistent with `Eq` even for values that skipped validation.
            .then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for PolicyItem {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PolicyItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purpose_code_format() {
        let long_ok = "a".repeat(40);
        let too_long = "a".repeat(41);
        let cases: [(&str, bool); 12] = [
            ("advertising", true),
            ("fraud_prevention_location", true),
            ("a", true),
            ("purpose2", true),
            (&long_ok, true),
            (&too_long, false),
            ("", false),
            ("2purpose", false),
            ("_hidden", false),
            ("Advertising", false),
            ("personal-account", false),
            ("реклама", false),
        ];
        for (input, ok) in cases {
            let parsed = PurposeCode::parse(input.to_owned());
            assert_eq!(parsed.is_ok(), ok, "input {input:?}");
            match parsed {
                Ok(code) => assert_eq!(code.as_str(), input),
                Err(e) => {
                    assert_eq!(e, FormatError::PurposeCode(input.to_owned()));
                    assert_eq!(e.code(), "invalid_purpose_code");
                }
            }
        }
    }

    #[test]
    fn builtin_code_constants_are_well_formed() {
        let constants = [
            PurposeCode::IDENTIFICATION,
            PurposeCode::PERSONAL_ACCOUNT,
            PurposeCode::FEEDBACK,
            PurposeCode::FRAUD_PREVENTION_LOCATION,
            PurposeCode::DATA_VERIFICATION,
            PurposeCode::MEDICAL_ACCOUNT,
            PurposeCode::NOTIFICATIONS,
            PurposeCode::SUPPORT,
            PurposeCode::ADVERTISING,
        ];
        for code in constants {
            assert_eq!(PurposeCode::parse(code.as_str().to_owned()), Ok(code));
        }
    }

    #[test]
    fn policy_item_format() {
        let cases = [
            ("2.2.1", true),
            ("2.2.10", true),
            ("7", true),
            ("4294967295", true),
            ("4294967296", false),
            ("", false),
            ("2..1", false),
            ("2.2.", false),
            (".2", false),
            ("2.2.a", false),
            ("2,2,1", false),
            (" 2.2.1", false),
            ("2.2.+1", false),
            ("2.2.01", false),
            ("2.0.1", true),
        ];
        for (input, ok) in cases {
            let parsed = PolicyItem::parse(input);
            assert_eq!(parsed.is_ok(), ok, "input {input:?}");
            if let Err(e) = parsed {
                assert_eq!(e.code(), "invalid_policy_item", "input {input:?}");
            }
        }
    }

    #[test]
    fn policy_items_order_numerically() {
        let cases = [
            ("2.2.1", "2.2.2", Ordering::Less),
            ("2.2.9", "2.2.10", Ordering::Less),
            ("2.2", "2.2.1", Ordering::Less),
            ("3.1", "2.2.9", Ordering::Greater),
            ("2.2.1", "2.2.1", Ordering::Equal),
        ];
        for (a, b, expected) in cases {
            let a = PolicyItem::parse(a).unwrap();
            let b = PolicyItem::parse(b).unwrap();
            assert_eq!(a.cmp(&b), expected, "{a} vs {b}");
        }
    }
}
