//! Ruled tables whose rows never split and whose header row repeats on every page the table spans.

use super::draw::Draw;
use super::flow::Flow;
use super::geometry::{CONTENT_WIDTH, MARGIN};
use super::wrap::Line;
use super::{Align, Span, Style};
use crate::error::FormError;

/// Inner padding of a cell, in points.
const PAD: f32 = 3.0;
/// Grey of the header row's background.
const HEADER_FILL: f32 = 0.9;

/// One cell: its text and alignment.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub spans: Vec<Span>,
    pub align: Align,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            spans: vec![Span::regular(text)],
            align: Align::Left,
        }
    }

    pub fn bold(text: impl Into<String>) -> Cell {
        Cell {
            spans: vec![Span::bold(text)],
            align: Align::Left,
        }
    }

    pub fn align(self, align: Align) -> Cell {
        Cell { align, ..self }
    }
}

/// A table across the content width.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// Relative column widths; they are scaled to the content width.
    pub widths: Vec<f32>,
    /// Repeated at the top of every page the table spans; bold on grey.
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    pub size: f32,
    /// What a row too tall for a page is called in the error.
    pub name: &'static str,
}

struct Laid {
    lines: Vec<Vec<Line>>,
    height: f32,
}

impl Flow {
    /// Sets `table`, starting new pages between rows as needed.
    pub fn table(&mut self, table: &Table) -> Result<(), FormError> {
        let total: f32 = table.widths.iter().sum();
        let widths: Vec<f32> = table
            .widths
            .iter()
            .map(|w| w / total * CONTENT_WIDTH)
            .collect();
        let style = Style::BODY.size(table.size).after(0.0);
        let header =
            (!table.header.is_empty()).then(|| self.lay_row(&table.header, &widths, style));
        let header_h = header.as_ref().map_or(0.0, |h| h.height);
        let rows: Vec<Laid> = table
            .rows
            .iter()
            .map(|row| self.lay_row(row, &widths, style))
            .collect();
        if rows
            .iter()
            .any(|r| r.height + header_h > Flow::page_capacity())
        {
            return Err(FormError::TooTall(table.name));
        }
        let first = rows.first().map_or(0.0, |r| r.height);
        self.keep(header_h + first);
        if let Some(h) = &header {
            self.draw_row(&table.header, h, &widths, style, true);
        }
        for (cells, laid) in table.rows.iter().zip(&rows) {
            if self.remaining() < laid.height {
                self.new_page();
                if let Some(h) = &header {
                    self.draw_row(&table.header, h, &widths, style, true);
                }
            }
            self.draw_row(cells, laid, &widths, style, false);
        }
        self.gap(4.0);
        Ok(())
    }

    fn lay_row(&mut self, cells: &[Cell], widths: &[f32], style: Style) -> Laid {
        let lines: Vec<Vec<Line>> = cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| self.wrap(&cell.spans, style, w - 2.0 * PAD))
            .collect();
        let rows = lines.iter().map(Vec::len).max().unwrap_or(1);
        Laid {
            height: rows as f32 * style.line_height() + 2.0 * PAD,
            lines,
        }
    }

    fn draw_row(
        &mut self,
        cells: &[Cell],
        laid: &Laid,
        widths: &[f32],
        style: Style,
        header: bool,
    ) {
        let top = self.y();
        let bottom = top - laid.height;
        if header {
            self.draw(Draw::Fill {
                x: MARGIN,
                y: bottom,
                w: CONTENT_WIDTH,
                h: laid.height,
                grey: HEADER_FILL,
            });
        }
        let mut x = MARGIN;
        for ((cell, lines), w) in cells.iter().zip(&laid.lines).zip(widths) {
            let cell_style = style.align(cell.align);
            for (i, line) in lines.iter().enumerate() {
                let baseline = self.baseline(
                    top - PAD - i as f32 * style.line_height(),
                    style.size,
                    style.line_height(),
                );
                self.place_line(line, x + PAD, w - 2.0 * PAD, baseline, cell_style);
            }
            x += w;
        }
        let rule = |x1, y1, x2, y2| Draw::Line {
            x1,
            y1,
            x2,
            y2,
            width: 0.5,
            grey: 0.25,
        };
        self.draw(rule(MARGIN, top, MARGIN + CONTENT_WIDTH, top));
        self.draw(rule(MARGIN, bottom, MARGIN + CONTENT_WIDTH, bottom));
        let mut x = MARGIN;
        self.draw(rule(x, top, x, bottom));
        for w in widths {
            x += w;
            self.draw(rule(x, top, x, bottom));
        }
        self.move_below(bottom);
    }
}
