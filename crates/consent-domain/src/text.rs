//! The one rule every piece of free text the desk stores must keep: no control characters and no
//! bidirectional overrides or isolates.
//!
//! The ledger is append-only, so text accepted once is kept for good and shown again on screens, on
//! printed forms and in terminals (consentctl). A control character there is never what a person
//! meant to type: ESC starts a terminal escape sequence (`\e[2J` clears the screen), BEL rings, DEL
//! and the C1 codes act as controls on some terminals, and line breaks or tabs break one-line fields
//! on printed acts. A bidirectional override (U+202A–U+202E) or isolate (U+2066–U+2069) is invisible
//! yet reorders what follows, so a displayed name or address could read differently from what is
//! stored. Callers normalise whitespace first where they squash it (a pasted tab becomes a space);
//! whatever is left is checked here.

/// Why a text cannot be stored. The text itself is never quoted (it may be personal data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum TextProblem {
    /// A C0 control (incl. ESC, BEL, tab, line break), DEL or a C1 control.
    #[error("the text contains a control character")]
    ControlCharacter,
    /// A bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069).
    #[error("the text contains a bidirectional override or isolate")]
    DirectionOverride,
}

impl TextProblem {
    /// A stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            TextProblem::ControlCharacter => "text_control_character",
            TextProblem::DirectionOverride => "text_direction_override",
        }
    }
}

/// Whether `c` reorders the text after it without being visible itself.
fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks text about to be stored: `Ok` when it has no control character (`char::is_control`: C0,
/// DEL, C1) and no bidirectional override or isolate. The first problem found is reported.
pub fn check_stored_text(text: &str) -> Result<(), TextProblem> {
    for c in text.chars() {
        if c.is_control() {
            return Err(TextProblem::ControlCharacter);
        }
        if is_direction_override(c) {
            return Err(TextProblem::DirectionOverride);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_text_table() {
        use TextProblem::*;
        let cases: &[(&str, Result<(), TextProblem>)] = &[
            ("Шкаф 3, папка 2025/11", Ok(())),
            ("ООО «Клиника» — д. 5", Ok(())),
            ("", Ok(())),
            // Marks that are visible or harmless stay: NBSP, soft hyphen, zero-width joiner, LRM.
            ("a\u{a0}b\u{ad}c\u{200d}d\u{200e}", Ok(())),
            ("Шкаф\u{1b}[2J", Err(ControlCharacter)),
            ("bell\u{7}", Err(ControlCharacter)),
            ("\u{0}", Err(ControlCharacter)),
            ("line\nbreak", Err(ControlCharacter)),
            ("tab\there", Err(ControlCharacter)),
            ("del\u{7f}", Err(ControlCharacter)),
            ("c1\u{80}", Err(ControlCharacter)),
            ("csi\u{9b}2J", Err(ControlCharacter)),
            ("c1\u{9f}", Err(ControlCharacter)),
            ("\u{202a}lre", Err(DirectionOverride)),
            ("Иванов\u{202e}вонави", Err(DirectionOverride)),
            ("pdf\u{202c}", Err(DirectionOverride)),
            ("\u{2066}lri", Err(DirectionOverride)),
            ("pdi\u{2069}", Err(DirectionOverride)),
            // The neighbours of the ranges are ordinary characters.
            ("\u{202f}\u{2065}\u{206a}", Ok(())),
        ];
        for (text, expected) in cases {
            assert_eq!(check_stored_text(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn codes_are_stable() {
        assert_eq!(
            TextProblem::ControlCharacter.code(),
            "text_control_character"
        );
        assert_eq!(
            TextProblem::DirectionOverride.code(),
            "text_direction_override"
        );
    }
}
