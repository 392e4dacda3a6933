//! The page: A4 portrait, 20 mm margins on every side, in PDF points.

/// Millimetres to points.
pub(crate) const fn mm(value: f32) -> f32 {
    value * 72.0 / 25.4
}

/// A4 width (210 mm).
pub(crate) const PAGE_WIDTH: f32 = mm(210.0);
/// A4 height (297 mm).
pub(crate) const PAGE_HEIGHT: f32 = mm(297.0);
/// The same margin on all four sides: nothing is ever set outside it.
pub(crate) const MARGIN: f32 = mm(20.0);
/// Width between the left and right margins.
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Top edge of the content area.
pub(crate) const CONTENT_TOP: f32 = PAGE_HEIGHT - MARGIN;
/// Bottom edge of the content area.
pub(crate) const CONTENT_BOTTOM: f32 = MARGIN;
/// The band at the bottom of the content area that holds the footer; flowing text stops above it.
pub(crate) const FOOTER_BAND: f32 = 16.0;
/// The band at the top of pages 2 and later that holds the running header.
pub(crate) const HEADER_BAND: f32 = 22.0;
