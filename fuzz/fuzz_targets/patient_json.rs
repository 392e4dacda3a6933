//! The patient JSON of `consentctl patient add|update --from-json`: any text is refused or read
//! into changes without a panic, and the form those changes fill is validated by the domain's rules
//! without one.

#![no_main]

use consent_domain::dates::date;
use consent_domain::patient::{PatientInput, validate};
use libfuzzer_sys::fuzz_target;

// The very file consentctl compiles (its package would build SQLCipher into this one).
#[allow(dead_code, unreachable_pub)]
#[path = "../../crates/consentctl/src/patient_form/changes.rs"]
mod changes;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(form) = changes::from_json(text) else {
        return;
    };
    let mut input = PatientInput::default();
    form.apply(&mut input);
    let _ = validate(&input, date(2026, 6, 1));
});
