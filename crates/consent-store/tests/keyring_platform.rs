//! Separate test binary (own process): `Keyring::platform()` installs the platform store as
//! keyring-core's process-wide default, which must not leak into the mock-store tests.
//! On a headless box (no D-Bus session) the platform keyring must fail with the distinct
//! `keyring_unavailable` error, not panic and not fall back.

use consent_store::Keyring;

#[test]
fn platform_keyring_is_available_or_cleanly_unavailable() {
    match Keyring::platform() {
        Ok(keyring) => eprintln!("platform keyring available: {keyring:?}"),
        Err(err) => {
            assert_eq!(err.code(), "keyring_unavailable", "{err}");
            assert!(err.to_string().contains("CONSENT_DESK_DB_KEY"), "{err}");
            eprintln!("platform keyring unavailable: {err}");
        }
    }
}
