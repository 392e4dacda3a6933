//! The recovery code typed or scanned on the «Восстановить доступ» screen: any text is read or
//! refused without a panic; a code read once reads back the same when grouped as the sheet prints
//! it; and the key the first 32 bytes make reads back from its groups and its QR payload.

#![no_main]

use consent_forms::{group_recovery_code, read_recovery_code, recovery_qr_payload};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Some(code) = read_recovery_code(text)
    {
        assert_eq!(code.key_hex.len(), 64);
        let again = read_recovery_code(&group_recovery_code(&code.key_hex)).expect("grouped");
        assert_eq!(again.key_hex, code.key_hex);
        assert_eq!(again.database_id, None);
    }
    if let Some(key) = data.first_chunk::<32>() {
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        let grouped = read_recovery_code(&group_recovery_code(&hex)).expect("grouped");
        assert_eq!(grouped.key_hex.as_str(), hex);
        let scanned = read_recovery_code(&recovery_qr_payload("0123abcd", &hex)).expect("scanned");
        assert_eq!(scanned.key_hex.as_str(), hex);
        assert_eq!(scanned.database_id.as_deref(), Some("0123abcd"));
    }
});
