//! Text that flows down the page and onto the next one.

use super::draw::{Draw, Ink, Piece, TextRun};
use super::geometry::{
    CONTENT_BOTTOM, CONTENT_TOP, CONTENT_WIDTH, FOOTER_BAND, HEADER_BAND, MARGIN, PAGE_WIDTH, mm,
};
use super::log::{LayoutLog, TextBox};
use super::wrap::{Line, wrap};
use super::{Align, Face, Span, Style};
use crate::fonts::Fonts;

/// Size of the running header and the footer.
const FURNITURE_SIZE: f32 = 7.5;
/// Size of the captions under signature and fill-in lines.
const CAPTION_SIZE: f32 = 6.5;
/// Justification stops when a word space would grow beyond this share of the font size: a line with two
/// long words spread across the page reads worse than a ragged one.
const MAX_JUSTIFY_GAP: f32 = 1.0;

/// The text of the running header of pages 2 and later.
#[derive(Debug, Clone, Default)]
struct RunningHeader {
    left: String,
    right: String,
}

/// A document being laid out: pages of draw items and the current position on the last one.
#[derive(Debug)]
pub(crate) struct Flow {
    pub(super) fonts: &'static Fonts,
    pages: Vec<Vec<Draw>>,
    boxes: Vec<TextBox>,
    /// The top of the free space on the current page.
    y: f32,
    header: RunningHeader,
    printable: bool,
}

impl Flow {
    pub fn new(fonts: &'static Fonts) -> Flow {
        Flow {
            fonts,
            pages: vec![Vec::new()],
            boxes: Vec::new(),
            y: CONTENT_TOP,
            header: RunningHeader::default(),
            printable: true,
        }
    }

    /// What pages 2 and later repeat at the top: the clinic and the document on the left, the form's
    /// short code on the right.
    pub fn set_running_header(&mut self, left: String, right: String) {
        self.header = RunningHeader { left, right };
    }

    /// The current position: the top of the free space.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves the position down to `y` (never up), e.g. below a block drawn beside the flow.
    pub fn move_below(&mut self, y: f32) {
        self.y = self.y.min(y);
    }

    /// The lowest point flowing content may reach: the footer band stays free.
    fn floor() -> f32 {
        CONTENT_BOTTOM + FOOTER_BAND
    }

    /// The height left on the current page.
    pub fn remaining(&self) -> f32 {
        self.y - Self::floor()
    }

    /// The height of a fresh page's free space (pages 2+, below the running header).
    pub fn page_capacity() -> f32 {
        CONTENT_TOP - HEADER_BAND - Self::floor()
    }

    fn at_page_top(&self) -> bool {
        let top = if self.pages.len() == 1 {
            CONTENT_TOP
        } else {
            CONTENT_TOP - HEADER_BAND
        };
        self.y >= top - 0.01
    }

    /// Starts a new page with the running header.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = CONTENT_TOP;
        let header = self.header.clone();
        let baseline = CONTENT_TOP - self.ascent(FURNITURE_SIZE);
        let right_width = self.width(&header.right, Face::Bold, FURNITURE_SIZE);
        self.text_at(
            MARGIN + CONTENT_WIDTH - right_width,
            baseline,
            &[Span::bold(header.right.as_str())],
            FURNITURE_SIZE,
            Ink::Grey,
        );
        let left = self.fit(
            &header.left,
            Face::Regular,
            FURNITURE_SIZE,
            CONTENT_WIDTH - right_width - 12.0,
        );
        self.text_at(
            MARGIN,
            baseline,
            &[Span::regular(left)],
            FURNITURE_SIZE,
            Ink::Grey,
        );
        let rule_y = CONTENT_TOP - HEADER_BAND + 8.0;
        self.draw(Draw::Line {
            x1: MARGIN,
            y1: rule_y,
            x2: MARGIN + CONTENT_WIDTH,
            y2: rule_y,
            width: 0.5,
            grey: 0.6,
        });
        self.y = CONTENT_TOP - HEADER_BAND;
    }

    /// Starts a new page unless `height` still fits (or the page is still empty).
    pub fn keep(&mut self, height: f32) {
        if self.remaining() < height && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Vertical space; at the end of a page it is dropped rather than carried over.
    pub fn gap(&mut self, height: f32) {
        if self.remaining() <= height {
            self.new_page();
        } else {
            self.y -= height;
        }
    }

    /// Adds a draw item to the current page.
    pub fn draw(&mut self, item: Draw) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    /// The width of `text` in `face` at `size`.
    pub fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        self.fonts.metrics(face).width(text, size)
    }

    fn ascent(&self, size: f32) -> f32 {
        self.fonts
            .metrics(Face::Regular)
            .ascent
            .max(self.fonts.metrics(Face::Bold).ascent)
            * size
    }

    fn descent(&self, size: f32) -> f32 {
        self.fonts
            .metrics(Face::Regular)
            .descent
            .max(self.fonts.metrics(Face::Bold).descent)
            * size
    }

    /// The baseline that centres a line of `size` in a slot of `line_height` whose top is `top`.
    pub fn baseline(&self, top: f32, size: f32, line_height: f32) -> f32 {
        top - line_height / 2.0 - (self.ascent(size) - self.descent(size)) / 2.0
    }

    /// `text` cut to `width` with an ellipsis (for the one-line running header).
    fn fit(&self, text: &str, face: Face, size: f32, width: f32) -> String {
        if self.width(text, face, size) <= width {
            return text.to_owned();
        }
        let ellipsis = self.width("…", face, size);
        let mut out = String::new();
        let mut used = 0.0;
        for c in text.chars() {
            let w = self.width(c.encode_utf8(&mut [0; 4]), face, size);
            if used + w + ellipsis > width {
                break;
            }
            used += w;
            out.push(c);
        }
        out.truncate(out.trim_end().len());
        out.push('…');
        out
    }

    /// Wraps `spans` for a column of `width` points with `style`'s indents applied.
    pub fn wrap(&mut self, spans: &[Span], style: Style, width: f32) -> Vec<Line> {
        let width = (width - style.left - style.right).max(1.0);
        let (lines, printable) = wrap(
            spans,
            style.size,
            (width - style.first_indent).max(1.0),
            width,
            self.fonts,
        );
        self.printable &= printable;
        lines
    }

    /// The height `spans` take as a paragraph in the full content width.
    pub fn measure(&mut self, spans: &[Span], style: Style) -> f32 {
        self.wrap(spans, style, CONTENT_WIDTH).len() as f32 * style.line_height()
    }

    /// A paragraph across the content width, breaking onto new pages as needed.
    pub fn paragraph(&mut self, spans: &[Span], style: Style) {
        let lines = self.wrap(spans, style, CONTENT_WIDTH);
        let lh = style.line_height();
        let column = CONTENT_WIDTH - style.left - style.right;
        for (i, line) in lines.iter().enumerate() {
            if self.remaining() < lh {
                self.new_page();
            }
            let indent = if i == 0 { style.first_indent } else { 0.0 };
            let baseline = self.baseline(self.y, style.size, lh);
            self.place_line(
                line,
                MARGIN + style.left + indent,
                column - indent,
                baseline,
                style,
            );
            self.y -= lh;
        }
        self.y -= style.space_after;
    }

    /// A bold section heading, kept on the page with the first lines that follow it.
    pub fn heading(&mut self, text: &str) {
        let style = Style::BODY.size(10.5).align(Align::Left).after(3.0);
        let height = self.measure(&[Span::bold(text)], style);
        self.keep(height + 6.0 + 3.0 * Style::BODY.line_height());
        if !self.at_page_top() {
            self.y -= 6.0;
        }
        self.paragraph(&[Span::bold(text)], style);
    }

    /// A horizontal rule across the content width.
    pub fn rule(&mut self, width: f32, grey: f32) {
        self.draw(Draw::Line {
            x1: MARGIN,
            y1: self.y,
            x2: MARGIN + CONTENT_WIDTH,
            y2: self.y,
            width,
            grey,
        });
    }

    /// Sets one wrapped line with its left edge at `x` in a column `width` wide.
    pub fn place_line(&mut self, line: &Line, x: f32, width: f32, baseline: f32, style: Style) {
        let slack = (width - line.width).max(0.0);
        let mut gap = 0.0;
        let mut x = match style.align {
            Align::Left => x,
            Align::Center => x + slack / 2.0,
            Align::Justify => {
                if !line.last && line.gaps > 0 {
                    let per_gap = slack / line.gaps as f32;
                    if per_gap <= MAX_JUSTIFY_GAP * style.size {
                        gap = per_gap;
                    }
                }
                x
            }
        };
        let mut run: Option<TextRun> = None;
        for atom in &line.atoms {
            if run.as_ref().is_some_and(|r| r.face != atom.face)
                && let Some(done) = run.take()
            {
                x += done.width;
                self.push_run(done);
            }
            let current = run.get_or_insert_with(|| TextRun {
                x,
                baseline,
                size: style.size,
                face: atom.face,
                ink: style.ink,
                pieces: Vec::new(),
                width: 0.0,
            });
            current.pieces.push(Piece::Text(atom.text.clone()));
            current.width += atom.width;
            if atom.gap_after && gap > 0.0 {
                current.pieces.push(Piece::Gap(gap));
                current.width += gap;
            }
        }
        if let Some(done) = run {
            self.push_run(done);
        }
    }

    /// Sets `spans` on one line at an absolute position, without wrapping; returns the width.
    pub fn text_at(&mut self, x: f32, baseline: f32, spans: &[Span], size: f32, ink: Ink) -> f32 {
        let mut offset = 0.0;
        for span in spans {
            if span.text.is_empty() {
                continue;
            }
            self.printable &= self.fonts.can_print(&span.text);
            let width = self.width(&span.text, span.face, size);
            self.push_run(TextRun {
                x: x + offset,
                baseline,
                size,
                face: span.face,
                ink,
                pieces: vec![Piece::Text(span.text.clone())],
                width,
            });
            offset += width;
        }
        offset
    }

    fn push_run(&mut self, mut run: TextRun) {
        // A trailing gap moves nothing after it; dropping it keeps the content stream minimal.
        if let Some(Piece::Gap(g)) = run.pieces.last() {
            run.width -= g;
            run.pieces.pop();
        }
        let metrics = self.fonts.metrics(run.face);
        self.boxes.push(TextBox {
            page: self.pages.len() - 1,
            left: run.x,
            bottom: run.baseline - metrics.descent * run.size,
            right: run.x + run.width,
            top: run.baseline + metrics.ascent * run.size,
        });
        self.draw(Draw::Text(run));
    }

    /// A signature row: `left` (a date or a role) in the left column, a line to sign on, and the name
    /// spelled out as «/ Иванов И. И. /», with small captions under the line and the name.
    pub fn signature(&mut self, left: &[Span], name: &str, sign_caption: &str, name_caption: &str) {
        let style = Style::BODY.align(Align::Left).after(0.0);
        let lh = style.line_height();
        let (left_w, line_w) = (CONTENT_WIDTH * 0.38, CONTENT_WIDTH * 0.24);
        let name_w = CONTENT_WIDTH - left_w - line_w;
        let name_spans = [Span::regular(format!("/ {name} /"))];
        let left_lines = self.wrap(left, style, left_w - 8.0);
        let name_lines = self.wrap(&name_spans, style, name_w);
        let rows = left_lines.len().max(name_lines.len()).max(1);
        let caption_h = CAPTION_SIZE * 1.4;
        let height = rows as f32 * lh + caption_h;
        self.keep(height + 4.0);
        let top = self.y;
        for (i, line) in left_lines.iter().enumerate() {
            let baseline = self.baseline(top - i as f32 * lh, style.size, lh);
            self.place_line(line, MARGIN, left_w - 8.0, baseline, style);
        }
        // The name sits on the last row, next to the line, like a hand-written signature.
        let first_name_row = rows - name_lines.len();
        let centred = style.align(Align::Center);
        for (i, line) in name_lines.iter().enumerate() {
            let baseline = self.baseline(top - (first_name_row + i) as f32 * lh, style.size, lh);
            self.place_line(line, MARGIN + left_w + line_w, name_w, baseline, centred);
        }
        let last_baseline = self.baseline(top - (rows - 1) as f32 * lh, style.size, lh);
        let line_y = last_baseline - 1.5;
        self.draw(Draw::Line {
            x1: MARGIN + left_w,
            y1: line_y,
            x2: MARGIN + left_w + line_w - 8.0,
            y2: line_y,
            width: 0.6,
            grey: 0.0,
        });
        let caption_top = top - rows as f32 * lh;
        let caption_base = self.baseline(caption_top, CAPTION_SIZE, caption_h);
        self.caption(sign_caption, MARGIN + left_w, line_w - 8.0, caption_base);
        self.caption(name_caption, MARGIN + left_w + line_w, name_w, caption_base);
        self.y = top - height;
    }

    /// A centred grey caption in a column.
    fn caption(&mut self, text: &str, x: f32, width: f32, baseline: f32) {
        let style = Style::SMALL
            .size(CAPTION_SIZE)
            .ink(Ink::Grey)
            .align(Align::Center);
        let lines = self.wrap(&[Span::regular(text)], style, width);
        if let Some(line) = lines.first() {
            self.place_line(line, x, width, baseline, style);
        }
    }

    /// A label followed by a line to write on, from `left` points into the content area to the right
    /// margin, with an optional caption under the line: the fields of a blank form.
    pub fn fill_line(&mut self, label: &str, caption: &str, left: f32) {
        let style = Style::BODY.align(Align::Left).after(0.0);
        let lh = style.line_height() * 1.4;
        let caption_h = if caption.is_empty() {
            2.0
        } else {
            CAPTION_SIZE * 1.2
        };
        self.keep(lh + caption_h);
        let top = self.y;
        let baseline = top - lh + self.descent(style.size) + 2.0;
        let x = MARGIN + left;
        let room = CONTENT_WIDTH - left;
        let label_w = if label.is_empty() {
            0.0
        } else if self.width(label, Face::Regular, style.size) > room * 0.6 {
            // A long label (a clinic's own wording) gets lines of its own; the line to write on
            // follows under it, full width.
            self.paragraph(&[Span::regular(label)], style.left(left));
            return self.fill_line("", caption, left);
        } else {
            self.text_at(x, baseline, &[Span::regular(label)], style.size, Ink::Black) + 4.0
        };
        let line_y = baseline - 1.5;
        self.draw(Draw::Line {
            x1: x + label_w,
            y1: line_y,
            x2: MARGIN + CONTENT_WIDTH,
            y2: line_y,
            width: 0.5,
            grey: 0.0,
        });
        if !caption.is_empty() {
            let caption_base = line_y - self.ascent(CAPTION_SIZE) - 0.5;
            let width = MARGIN + CONTENT_WIDTH - x - label_w;
            self.caption(caption, x + label_w, width, caption_base);
        }
        self.y = top - lh - caption_h;
    }

    /// A paragraph with a square box in front of it, ticked or empty (for choices on the paper).
    pub fn checkbox(&mut self, spans: &[Span], checked: bool, style: Style) {
        let side = mm(3.2);
        let indent = side + 6.0;
        let style = style.left(style.left + indent);
        let lh = style.line_height();
        self.keep(lh);
        let top = self.y;
        let baseline = self.baseline(top, style.size, lh);
        let (x, y) = (MARGIN + style.left - indent, baseline - 1.0);
        let corners = [
            (x, y),
            (x + side, y),
            (x + side, y + side),
            (x, y + side),
            (x, y),
        ];
        for pair in corners.windows(2) {
            self.draw(Draw::Line {
                x1: pair[0].0,
                y1: pair[0].1,
                x2: pair[1].0,
                y2: pair[1].1,
                width: 0.6,
                grey: 0.0,
            });
        }
        if checked {
            for (x1, y1, x2, y2) in [
                (x + 1.2, y + 1.2, x + side - 1.2, y + side - 1.2),
                (x + 1.2, y + side - 1.2, x + side - 1.2, y + 1.2),
            ] {
                self.draw(Draw::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width: 0.9,
                    grey: 0.0,
                });
            }
        }
        self.paragraph(spans, style);
    }

    /// Ends the document: draws every page's footer (`left` and, when there is more than one page,
    /// `page_label(n, m)`), and returns the pages, the layout log and whether every character had a
    /// glyph.
    pub fn finish(
        mut self,
        left: &str,
        page_label: impl Fn(usize, usize) -> String,
    ) -> (Vec<Vec<Draw>>, LayoutLog, bool) {
        let total = self.pages.len();
        let baseline = CONTENT_BOTTOM + self.descent(FURNITURE_SIZE) + 0.5;
        for index in 0..total {
            let mut footer = Flow {
                fonts: self.fonts,
                pages: vec![Vec::new()],
                boxes: Vec::new(),
                y: 0.0,
                header: RunningHeader::default(),
                printable: true,
            };
            let right = if total > 1 {
                page_label(index + 1, total)
            } else {
                String::new()
            };
            let right_w = footer.width(&right, Face::Regular, FURNITURE_SIZE);
            footer.text_at(
                PAGE_WIDTH - MARGIN - right_w,
                baseline,
                &[Span::regular(right)],
                FURNITURE_SIZE,
                Ink::Grey,
            );
            let left = footer.fit(
                left,
                Face::Regular,
                FURNITURE_SIZE,
                CONTENT_WIDTH - right_w - 12.0,
            );
            footer.text_at(
                MARGIN,
                baseline,
                &[Span::regular(left)],
                FURNITURE_SIZE,
                Ink::Grey,
            );
            self.printable &= footer.printable;
            for mut b in footer.boxes {
                b.page = index;
                self.boxes.push(b);
            }
            if let (Some(page), Some(draws)) = (self.pages.get_mut(index), footer.pages.pop()) {
                page.extend(draws);
            }
        }
        (self.pages, LayoutLog { boxes: self.boxes }, self.printable)
    }
}
