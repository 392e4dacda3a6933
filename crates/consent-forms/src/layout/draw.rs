//! What a page is made of, in points with the origin at the bottom left.

use super::Face;

/// Text colour: black for content, grey for captions and the running header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    Black,
    Grey,
}

impl Ink {
    /// The grey level (0 black, 1 white).
    pub fn level(self) -> f32 {
        match self {
            Ink::Black => 0.0,
            Ink::Grey => 0.4,
        }
    }
}

/// A piece of a text run: text, or extra space that justification adds after a word space.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Text(String),
    Gap(f32),
}

/// Text in one face on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextRun {
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub face: Face,
    pub ink: Ink,
    pub pieces: Vec<Piece>,
    /// The advance of the whole run, gaps included.
    pub width: f32,
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Draw {
    Text(TextRun),
    /// A filled rectangle (a QR module run, a table header's background) in a grey level.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: f32,
    },
    /// A straight stroked line (rules, table borders, signature lines).
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        grey: f32,
    },
}
