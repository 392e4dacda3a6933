//! The code that names a printed form, scanned (`consent-desk:form:<uuid>`, a bare UUID) or typed
//! (`XXXX-XXXX`): any text is read or refused without a panic; a short code reads back as itself;
//! and the codes printed for the form the first 16 bytes make read back to that form.

#![no_main]

use consent_domain::ids::FormId;
use consent_forms::{FormCode, qr_payload, read_form_code, short_code};
use libfuzzer_sys::fuzz_target;
use uuid::Uuid;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Some(FormCode::Short(code)) = read_form_code(text)
    {
        assert_eq!(code.len(), 9, "XXXX-XXXX");
        assert_eq!(read_form_code(&code), Some(FormCode::Short(code.clone())));
    }
    if let Some(bytes) = data.first_chunk::<16>() {
        let form = FormId::from_uuid(Uuid::from_bytes(*bytes));
        assert_eq!(read_form_code(&qr_payload(form)), Some(FormCode::Id(form)));
        let short = short_code(form);
        assert_eq!(read_form_code(&short), Some(FormCode::Short(short.clone())));
    }
});
