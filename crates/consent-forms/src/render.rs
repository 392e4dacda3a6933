//! Laid-out pages to PDF bytes: printpdf writes the pages and the subset fonts, then the finished
//! document is patched so that the same input always gives the same bytes.
//!
//! printpdf 0.12 draws its trailer `/ID` and resource names from a process-wide pseudo-random counter
//! and writes every date as UTC whatever its offset, and it has no `/Lang`. So fonts get fixed
//! resource names here, and the trailer, the catalogue and the `/Info` dictionary are rewritten with
//! lopdf before compression.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use crate::error::FormError;
use crate::fonts::Fonts;
use crate::layout::{Draw, Face, Piece, TextRun};
use crate::metadata::Metadata;

/// Resource names of the two faces. Six capitals, because printpdf also uses the first six characters
/// as the subset tag of the font name (`CDSREG+PTSans-Regular`), which the PDF spec wants in capitals.
const REGULAR_ID: &str = "CDSREG";
const BOLD_ID: &str = "CDSBLD";

fn font_id(face: Face) -> FontId {
    FontId(
        match face {
            Face::Regular => REGULAR_ID,
            Face::Bold => BOLD_ID,
        }
        .to_owned(),
    )
}

/// Writes `pages` (A4) as a PDF with `meta`.
pub(crate) fn render(pages: &[Vec<Draw>], meta: &Metadata) -> Result<Vec<u8>, FormError> {
    let fonts = Fonts::get()?;
    let mut doc = PdfDocument::new(&meta.title);
    for face in [Face::Regular, Face::Bold] {
        doc.resources
            .fonts
            .map
            .insert(font_id(face), PdfFont::new(fonts.pdf_font(face).clone()));
    }
    let pdf_pages = pages
        .iter()
        .map(|draws| PdfPage::new(Mm(210.0), Mm(297.0), page_ops(draws)))
        .collect();
    doc.with_pages(pdf_pages);

    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    patch(&mut pdf, meta)?;
    compress(&mut pdf)?;
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(|_| FormError::Pdf)?;
    Ok(bytes)
}

/// Deflates every stream not yet filtered, at zlib's default level. lopdf's own `compress` uses the
/// best level, which on a 2,000-page journal took 2.7 s of 7 for a file 0.2 % smaller.
fn compress(pdf: &mut lopdf::Document) -> Result<(), FormError> {
    use std::io::Write;
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.dict.get(b"Filter").is_err()
        {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            encoder
                .write_all(&stream.content)
                .map_err(|_| FormError::Pdf)?;
            let deflated = encoder.finish().map_err(|_| FormError::Pdf)?;
            // As lopdf does: keep a stream plain when deflating does not pay for the filter entry.
            if deflated.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(deflated);
            }
        }
    }
    Ok(())
}

/// Rounds to 1/100 pt: invisible, and keeps the content streams short.
fn pt(value: f32) -> Pt {
    Pt((value * 100.0).round() / 100.0)
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

/// Graphics first, then all text in one text object, so fills never cover text.
fn page_ops(draws: &[Draw]) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut fill: Option<f32> = None;
    let mut stroke: Option<(f32, f32)> = None;
    for draw in draws {
        match draw {
            Draw::Fill {
                x,
                y,
                w,
                h,
                grey: g,
            } => {
                if fill != Some(*g) {
                    ops.push(Op::SetFillColor { col: grey(*g) });
                    fill = Some(*g);
                }
                let mut rect = Rect::from_xywh(pt(*x), pt(*y), pt(*w), pt(*h));
                rect.mode = Some(PaintMode::Fill);
                ops.push(Op::DrawRectangle { rectangle: rect });
            }
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                grey: g,
            } => {
                if stroke != Some((*width, *g)) {
                    ops.push(Op::SetOutlineColor { col: grey(*g) });
                    ops.push(Op::SetOutlineThickness { pt: pt(*width) });
                    stroke = Some((*width, *g));
                }
                let point = |x: f32, y: f32| LinePoint {
                    p: Point { x: pt(x), y: pt(y) },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x1, *y1), point(*x2, *y2)],
                        is_closed: false,
                    },
                });
            }
            Draw::Text(_) => {}
        }
    }
    let runs: Vec<&TextRun> = draws
        .iter()
        .filter_map(|d| match d {
            Draw::Text(run) => Some(run),
            _ => None,
        })
        .collect();
    if runs.is_empty() {
        return ops;
    }
    ops.push(Op::StartTextSection);
    let mut font: Option<(Face, f32)> = None;
    let mut ink: Option<f32> = None;
    for run in runs {
        let level = run.ink.level();
        if ink != Some(level) {
            ops.push(Op::SetFillColor { col: grey(level) });
            ink = Some(level);
        }
        if font != Some((run.face, run.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(run.face)),
                size: Pt(run.size),
            });
            font = Some((run.face, run.size));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(pt(run.x), pt(run.baseline)),
        });
        let items = run
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => TextItem::Text(text.clone()),
                // TJ offsets are in thousandths of the font size, and negative moves right.
                Piece::Gap(gap) => TextItem::Offset((-gap * 1000.0 / run.size).round()),
            })
            .collect();
        ops.push(Op::ShowText { items });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Makes the document deterministic and complete: PDF 1.7, `/Lang`, our `/Info`, a trailer `/ID`
/// derived from the form id.
fn patch(pdf: &mut lopdf::Document, meta: &Metadata) -> Result<(), FormError> {
    pdf.version = "1.7".to_owned();
    let catalog = pdf.catalog_mut().map_err(|_| FormError::Pdf)?;
    catalog.set("Lang", Object::string_literal(meta.lang));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    let info = Dictionary::from_iter(vec![
        ("Title", text_string(&meta.title)),
        ("Author", text_string(&meta.author)),
        ("Subject", text_string(&meta.subject)),
        ("Keywords", text_string(&meta.keywords)),
        ("Creator", text_string(&meta.creator)),
        ("Producer", text_string(&meta.producer)),
        ("CreationDate", date_string(meta.created)),
        ("ModDate", date_string(meta.created)),
    ]);
    let info_id = pdf.add_object(info);
    pdf.trailer.set("Info", Object::Reference(info_id));
    // The first /ID names the document for good, the second this revision: both are the form id, as
    // a printed form is never revised, only printed anew under a new id.
    let id = Object::String(meta.id.to_vec(), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    // printpdf's own /Info dictionary is now unreferenced.
    pdf.prune_objects();
    Ok(())
}

/// A PDF text string: UTF-16BE with a byte order mark, so Cyrillic shows in every viewer.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A PDF date, `D:YYYYMMDDHHmmSS+HH'mm'`, with the timestamp's own offset.
fn date_string(at: DateTime<FixedOffset>) -> Object {
    let offset = at.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.unsigned_abs() / 60;
    let text = format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}{sign}{:02}'{:02}'",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        offset / 60,
        offset % 60,
    );
    Object::string_literal(text)
}

#[cfg(test)]
mod tests {
    use consent_domain::dates::instant;

    use super::*;

    #[test]
    fn dates_keep_their_offset() {
        let cases = [
            (
                instant("2025-10-24T09:05:07+03:00"),
                "D:20251024090507+03'00'",
            ),
            (instant("2025-01-02T23:59:00Z"), "D:20250102235900+00'00'"),
            (
                instant("2025-01-02T10:00:00-05:30"),
                "D:20250102100000-05'30'",
            ),
        ];
        for (at, expected) in cases {
            assert_eq!(
                date_string(at),
                Object::String(expected.as_bytes().to_vec(), StringFormat::Literal)
            );
        }
    }

    #[test]
    fn text_strings_are_utf16_with_a_bom() {
        assert_eq!(
            text_string("Ёж"),
            Object::String(
                vec![0xfe, 0xff, 0x04, 0x01, 0x04, 0x36],
                StringFormat::Hexadecimal
            )
        );
    }
}
