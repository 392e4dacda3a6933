//! The clinic's `forms.toml` (the forms' wording): any text is loaded or refused without a panic,
//! and every text of a loaded file can be read.

#![no_main]

use consent_forms::{FormTexts, TextKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(texts) = FormTexts::load(text) else {
        return;
    };
    for key in TextKey::ALL {
        let _ = texts.get(*key);
    }
});
