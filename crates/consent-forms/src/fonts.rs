//! The two embedded faces (PT Sans regular and bold, ParaType Free Font License, see `fonts/`) and their
//! metrics.
//!
//! Line wrapping needs the advance width of every glyph, and it must be the same width the PDF viewer
//! uses, or justified lines would overrun the margin: both come from the font's own `hmtx` table here,
//! and printpdf writes the same widths into the PDF's `/W` array. Kerning is not applied on either side.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::FormError;
use crate::layout::Face;

/// PT Sans Regular (`PTS55F.ttf` of Debian's `fonts-paratype`).
static REGULAR_TTF: &[u8] = include_bytes!("../fonts/PTSans-Regular.ttf");
/// PT Sans Bold (`PTS75F.ttf`).
static BOLD_TTF: &[u8] = include_bytes!("../fonts/PTSans-Bold.ttf");

/// Characters below this code point get their advance from a table built once: Latin, Latin-1,
/// Latin Extended-A and Cyrillic, i.e. nearly every character a Russian form prints.
const TABLE_END: u32 = 0x0530;
/// Marks a character the face has no glyph for.
const NO_GLYPH: u16 = u16::MAX;

/// The metrics of one face, in units of one em (multiply by the font size in points).
#[derive(Debug)]
pub(crate) struct Metrics {
    face: ttf_parser::Face<'static>,
    per_unit: f32,
    table: Vec<u16>,
    /// Height above the baseline of the tallest glyphs, in em.
    pub ascent: f32,
    /// Depth below the baseline, as a positive number of em.
    pub descent: f32,
}

impl Metrics {
    fn load(bytes: &'static [u8]) -> Option<Self> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let per_unit = 1.0 / f32::from(face.units_per_em());
        let table = (0..TABLE_END)
            .map(|cp| {
                char::from_u32(cp)
                    .and_then(|c| face.glyph_index(c))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(NO_GLYPH)
            })
            .collect();
        Some(Self {
            ascent: f32::from(face.ascender()) * per_unit,
            descent: -f32::from(face.descender()) * per_unit,
            face,
            per_unit,
            table,
        })
    }

    /// The advance of `c` in em, or `None` when the face cannot print it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let units = match self.table.get(c as usize) {
            Some(&NO_GLYPH) => None,
            Some(&units) => Some(units),
            None => self
                .face
                .glyph_index(c)
                .and_then(|g| self.face.glyph_hor_advance(g)),
        }?;
        Some(f32::from(units) * self.per_unit)
    }

    /// The width of `text` at `size` points; a character without a glyph counts as nothing (the caller
    /// checks printability separately).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().filter_map(|c| self.advance(c)).sum::<f32>() * size
    }
}

/// Both faces: metrics for the layout, parsed fonts for printpdf.
#[derive(Debug)]
pub(crate) struct Fonts {
    regular: Metrics,
    bold: Metrics,
    pdf_regular: ParsedFont,
    pdf_bold: ParsedFont,
}

impl Fonts {
    /// Parsed once per process: parsing a face takes about a millisecond, as long as a whole form.
    pub fn get() -> Result<&'static Fonts, FormError> {
        static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(Fonts::load)
            .as_ref()
            .ok_or(FormError::Font)
    }

    fn load() -> Option<Fonts> {
        let mut warnings = Vec::new();
        Some(Fonts {
            regular: Metrics::load(REGULAR_TTF)?,
            bold: Metrics::load(BOLD_TTF)?,
            pdf_regular: ParsedFont::from_bytes(REGULAR_TTF, 0, &mut warnings)?,
            pdf_bold: ParsedFont::from_bytes(BOLD_TTF, 0, &mut warnings)?,
        })
    }

    pub fn metrics(&self, face: Face) -> &Metrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    pub fn pdf_font(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.pdf_regular,
            Face::Bold => &self.pdf_bold,
        }
    }

    /// Whether both faces can print every character of `text` (so a value may be set in either).
    pub fn can_print(&self, text: &str) -> bool {
        text.chars().all(|c| {
            c == '\n' || (self.regular.advance(c).is_some() && self.bold.advance(c).is_some())
        })
    }
}

/// Whether the form fonts (both faces) have a glyph for `c`: what a text saved for printing on every
/// form (the clinic's details) is checked against. False when the fonts cannot be loaded.
pub fn printable(c: char) -> bool {
    Fonts::get().is_ok_and(|f| f.can_print(c.encode_utf8(&mut [0; 4])))
}

/// Whether the form fonts can print every character of `text`; `\n` counts as printable.
pub(crate) fn can_print(text: &str) -> bool {
    Fonts::get().is_ok_and(|f| f.can_print(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_follows_the_fonts_coverage() {
        for c in ['Ж', 'ё', 'Q', '№', '«', '—', '7'] {
            assert!(printable(c), "{c}");
        }
        for c in ['李', '✓', '☎', '\u{1F600}'] {
            assert!(!printable(c), "{c}");
        }
    }
}
