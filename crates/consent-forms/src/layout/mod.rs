//! Page layout without a layout engine: A4 pages with fixed margins, lines wrapped by the fonts' own
//! glyph widths, text that flows onto new pages with a running header, tables whose header row repeats,
//! and a «Страница N из M» footer once the page count is known.
//!
//! The output is a list of pages of [`Draw`] items in points (origin bottom left, as in PDF); `render`
//! turns them into PDF operators. Every text run's box is recorded in a [`LayoutLog`], so tests can check
//! that nothing was set outside the margins.

mod draw;
mod flow;
mod geometry;
mod log;
mod table;
mod wrap;

pub(crate) use draw::{Draw, Ink, Piece, TextRun};
pub(crate) use flow::Flow;
pub(crate) use geometry::{CONTENT_WIDTH, MARGIN, mm};
pub use log::{LayoutLog, TextBox};
pub(crate) use table::{Cell, Table};

/// The two faces a form uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// A piece of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    pub face: Face,
}

impl Span {
    pub fn regular(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            face: Face::Regular,
        }
    }

    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            face: Face::Bold,
        }
    }
}

/// Horizontal alignment of a paragraph's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    /// Both edges flush; the last line of a paragraph (and a line with too few words) stays left.
    Justify,
    Center,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    /// Font size in points.
    pub size: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
    pub align: Align,
    pub ink: Ink,
    /// Indent of the first line, in points (added to `left`).
    pub first_indent: f32,
    /// Distance from the content area's left edge, in points.
    pub left: f32,
    /// Distance from the content area's right edge, in points.
    pub right: f32,
    /// Space below the paragraph, in points.
    pub space_after: f32,
}

impl Style {
    /// Body text: 10 pt, justified.
    pub const BODY: Style = Style {
        size: 10.0,
        leading: 1.3,
        align: Align::Justify,
        ink: Ink::Black,
        first_indent: 0.0,
        left: 0.0,
        right: 0.0,
        space_after: 4.0,
    };

    /// Small print: captions, notes, the header's details.
    pub const SMALL: Style = Style {
        size: 8.0,
        leading: 1.25,
        align: Align::Left,
        ink: Ink::Black,
        first_indent: 0.0,
        left: 0.0,
        right: 0.0,
        space_after: 0.0,
    };

    pub fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }

    pub fn align(self, align: Align) -> Style {
        Style { align, ..self }
    }

    pub fn ink(self, ink: Ink) -> Style {
        Style { ink, ..self }
    }

    pub fn left(self, left: f32) -> Style {
        Style { left, ..self }
    }

    pub fn right(self, right: f32) -> Style {
        Style { right, ..self }
    }

    pub fn first_indent(self, first_indent: f32) -> Style {
        Style {
            first_indent,
            ..self
        }
    }

    pub fn after(self, space_after: f32) -> Style {
        Style {
            space_after,
            ..self
        }
    }

    /// The height of one line, in points.
    pub fn line_height(self) -> f32 {
        self.size * self.leading
    }
}
