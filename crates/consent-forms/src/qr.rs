//! The form's QR code as vector rectangles: sharp at any print resolution, and a few hundred bytes.

use qrcode::{Color, EcLevel, QrCode};

use crate::error::FormError;
use crate::layout::Draw;

/// A QR symbol: `width` × `width` modules, row-major from the top left, `true` = dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Symbol {
    pub width: usize,
    modules: Vec<bool>,
}

/// Encodes `payload` with error correction level M (15 %): a creased or stamped paper still scans,
/// and the 54-character payload stays a small symbol (version 3, 29 modules, with the encoder's
/// mixed-mode segments).
pub(crate) fn encode(payload: &str) -> Result<Symbol, FormError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|_| FormError::Qr)?;
    Ok(Symbol {
        width: code.width(),
        modules: code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
    })
}

impl Symbol {
    /// The dark modules as filled rectangles, one per horizontal run of dark modules, for a symbol
    /// whose top left corner is at (`left`, `top`) with modules `module` points wide. The quiet zone
    /// (4 modules of white around the symbol) is the caller's to keep free.
    pub fn draws(&self, left: f32, top: f32, module: f32) -> Vec<Draw> {
        let mut draws = Vec::new();
        for (row, cells) in self.modules.chunks(self.width).enumerate() {
            let y = top - (row + 1) as f32 * module;
            let mut col = 0;
            while col < cells.len() {
                if !cells[col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < cells.len() && cells[col] {
                    col += 1;
                }
                draws.push(Draw::Fill {
                    x: left + start as f32 * module,
                    y,
                    w: (col - start) as f32 * module,
                    h: module,
                    grey: 0.0,
                });
            }
        }
        draws
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_payload_is_a_small_symbol() {
        let symbol =
            encode("consent-desk:form:01900000-0000-7000-8000-000000000001").expect("encodes");
        assert_eq!(symbol.width, 29);
        // The three finder patterns: the top left module of each is dark.
        assert!(symbol.modules[0]);
        assert!(symbol.modules[symbol.width - 1]);
        assert!(symbol.modules[(symbol.width - 1) * symbol.width]);
        let draws = symbol.draws(0.0, 100.0, 2.0);
        let dark: f32 = draws
            .iter()
            .map(|d| match d {
                Draw::Fill { w, .. } => w / 2.0,
                _ => 0.0,
            })
            .sum();
        let expected = symbol.modules.iter().filter(|m| **m).count() as f32;
        assert_eq!(dark, expected, "every dark module drawn exactly once");
    }
}
