//! Staff passwords: argon2id hashes in PHC form (OWASP's parameters: 19 MiB, 2 passes, 1 lane).
//! A password is never stored, logged or put in an error.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::ServiceError;

/// The shortest password accepted.
pub const MIN_LEN: usize = 8;
/// The longest password accepted (hashing an unbounded input is a denial of service).
pub const MAX_LEN: usize = 256;

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Checks `password` against the policy's length limits.
pub fn check(password: &str) -> Result<(), ServiceError> {
    let len = password.chars().count();
    let detail = if len < MIN_LEN {
        "password_too_short"
    } else if len > MAX_LEN {
        "too_long"
    } else {
        return Ok(());
    };
    Err(ServiceError::BadInput {
        what: "password",
        detail,
    })
}

/// Checks the policy and hashes `password`.
pub fn hash(password: &str) -> Result<String, ServiceError> {
    check(password)?;
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| ServiceError::Store(consent_store::StoreError::Random))
}

/// Whether `password` matches the stored `hash`. A malformed hash never matches.
pub fn verify(password: &str, hash: &str) -> bool {
    if password.chars().count() > MAX_LEN {
        return false;
    }
    PasswordHash::new(hash)
        .map(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_their_password() {
        let hashed = hash("корректный-пароль").expect("hash");
        assert!(
            hashed.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hashed}"
        );
        assert!(!hashed.contains("корректный"));
        assert!(verify("корректный-пароль", &hashed));
        for wrong in ["корректный-парол", "", "КОРРЕКТНЫЙ-ПАРОЛЬ"] {
            assert!(!verify(wrong, &hashed), "{wrong:?}");
        }
        assert!(!verify("корректный-пароль", "not a hash"));
    }

    #[test]
    fn the_policy_refuses_short_and_huge_passwords() {
        let short = hash("1234567").expect_err("short");
        assert_eq!(short.detail(), Some("password_too_short"));
        let huge = hash(&"я".repeat(MAX_LEN + 1)).expect_err("huge");
        assert_eq!(huge.detail(), Some("too_long"));
        assert!(hash(&"я".repeat(MIN_LEN)).is_ok());
    }
}
