//! The record of where every text run went: what tests check the margins against.

use super::geometry::{MARGIN, PAGE_HEIGHT, PAGE_WIDTH};

/// The box of one text run, in points from the page's bottom left corner: from the run's start to its
/// end, and from the face's descender to its ascender.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    /// 0-based page index.
    pub page: usize,
    pub left: f32,
    pub bottom: f32,
    pub right: f32,
    pub top: f32,
}

/// Where everything on a form was set. Kept for every form (it costs a few kilobytes), so a caller or
/// a test can check the layout without parsing the PDF.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutLog {
    pub boxes: Vec<TextBox>,
}

impl LayoutLog {
    /// Tolerance for rounding in the width sums, far below anything visible (0.01 mm).
    const EPSILON: f32 = 0.03;

    /// Page width in points (A4).
    pub const PAGE_WIDTH: f32 = PAGE_WIDTH;
    /// Page height in points (A4).
    pub const PAGE_HEIGHT: f32 = PAGE_HEIGHT;
    /// The margin on every side, in points (20 mm).
    pub const MARGIN: f32 = MARGIN;

    /// The boxes that reach into a margin or off the page; empty for a good form.
    pub fn outside_margins(&self) -> Vec<TextBox> {
        let (min_x, max_x) = (MARGIN - Self::EPSILON, PAGE_WIDTH - MARGIN + Self::EPSILON);
        let (min_y, max_y) = (MARGIN - Self::EPSILON, PAGE_HEIGHT - MARGIN + Self::EPSILON);
        self.boxes
            .iter()
            .filter(|b| b.left < min_x || b.right > max_x || b.bottom < min_y || b.top > max_y)
            .copied()
            .collect()
    }

    /// Pairs of boxes on the same page that overlap by more than a hair: text printed over text.
    pub fn overlaps(&self) -> Vec<(TextBox, TextBox)> {
        // Neighbouring lines touch (ascender of one at the descender of the next), so a small
        // tolerance keeps touching boxes from counting.
        const SLACK: f32 = 0.5;
        let mut found = Vec::new();
        for (i, a) in self.boxes.iter().enumerate() {
            for b in &self.boxes[i + 1..] {
                if a.page == b.page
                    && a.left + SLACK < b.right
                    && b.left + SLACK < a.right
                    && a.bottom + SLACK < b.top
                    && b.bottom + SLACK < a.top
                {
                    found.push((*a, *b));
                }
            }
        }
        found
    }
}
