//! Greedy line breaking by glyph advance widths.
//!
//! Lines break at spaces. A word wider than a whole line (a 100-letter double surname, an address typed
//! without spaces) is split after a hyphen, a slash or a comma where possible, else between letters:
//! a form must never push text into the margin. `\n` forces a break.

use super::{Face, Span};
use crate::fonts::Fonts;

/// A word, or the part of one, in one face.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Atom {
    pub face: Face,
    pub text: String,
    /// Advance in points, the trailing space included.
    pub width: f32,
    /// The atom ends with a word space that justification may widen.
    pub gap_after: bool,
}

/// One wrapped line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub atoms: Vec<Atom>,
    /// Natural width in points.
    pub width: f32,
    /// Number of widenable word spaces.
    pub gaps: usize,
    /// The last line of a paragraph or before a forced break: never justified.
    pub last: bool,
}

/// Wraps `spans` at `size` points into lines of `first_width` (the first line) and `width` (the rest).
/// The second value is false when some character has no glyph in the fonts.
pub(crate) fn wrap(
    spans: &[Span],
    size: f32,
    first_width: f32,
    width: f32,
    fonts: &Fonts,
) -> (Vec<Line>, bool) {
    let mut printable = true;
    let words = words(spans, size, fonts, &mut printable);
    let mut lines = Vec::new();
    let mut current = Line {
        atoms: Vec::new(),
        width: 0.0,
        gaps: 0,
        last: false,
    };
    let avail = |lines: &Vec<Line>| if lines.is_empty() { first_width } else { width };

    for word in words {
        if word.break_before && !current.atoms.is_empty() {
            current.last = true;
            push_line(
                &mut lines,
                std::mem::replace(&mut current, empty_line()),
                size,
                fonts,
            );
        }
        let word_width: f32 = word.atoms.iter().map(|a| a.width).sum();
        if !current.atoms.is_empty() {
            let space = fonts
                .metrics(current.atoms.last().map_or(Face::Regular, |a| a.face))
                .width(" ", size);
            let fits = current.width + space + word_width <= avail(&lines);
            // A word longer than any line starts right here (breaking after a hyphen) rather than
            // leaving «Я,» alone on a line.
            let starts_here = word_width > width;
            if fits || starts_here {
                if let Some(last) = current.atoms.last_mut() {
                    last.text.push(' ');
                    last.width += space;
                    last.gap_after = true;
                }
                current.width += space;
                current.gaps += 1;
                if fits {
                    current.width += word_width;
                    current.atoms.extend(word.atoms);
                } else {
                    split_long_word(
                        word.atoms,
                        size,
                        fonts,
                        &mut lines,
                        &mut current,
                        first_width,
                        width,
                    );
                }
                continue;
            }
            push_line(
                &mut lines,
                std::mem::replace(&mut current, empty_line()),
                size,
                fonts,
            );
        }
        if word_width <= avail(&lines) {
            current.width = word_width;
            current.atoms = word.atoms;
        } else {
            split_long_word(
                word.atoms,
                size,
                fonts,
                &mut lines,
                &mut current,
                first_width,
                width,
            );
        }
    }
    if !current.atoms.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    if let Some(last) = lines.last_mut() {
        last.last = true;
    }
    (lines, printable)
}

/// Ends a line: a word space left at its end (before a word that moved on) is dropped, so it neither
/// counts in the width nor gets stretched.
fn push_line(lines: &mut Vec<Line>, mut line: Line, size: f32, fonts: &Fonts) {
    if let Some(last) = line.atoms.last_mut()
        && last.gap_after
        && last.text.ends_with(' ')
    {
        last.text.pop();
        let space = fonts.metrics(last.face).width(" ", size);
        last.width -= space;
        last.gap_after = false;
        line.width -= space;
        line.gaps = line.gaps.saturating_sub(1);
    }
    lines.push(line);
}

fn empty_line() -> Line {
    Line {
        atoms: Vec::new(),
        width: 0.0,
        gaps: 0,
        last: false,
    }
}

struct Word {
    atoms: Vec<Atom>,
    break_before: bool,
}

/// Splits the spans into words (runs of non-space characters, possibly in several faces).
fn words(spans: &[Span], size: f32, fonts: &Fonts, printable: &mut bool) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut word: Vec<Atom> = Vec::new();
    let mut break_next = false;
    let finish = |word: &mut Vec<Atom>, words: &mut Vec<Word>, break_next: &mut bool| {
        if !word.is_empty() {
            words.push(Word {
                atoms: std::mem::take(word),
                break_before: std::mem::take(break_next),
            });
        }
    };
    for span in spans {
        let metrics = fonts.metrics(span.face);
        for c in span.text.chars() {
            if c == '\n' {
                finish(&mut word, &mut words, &mut break_next);
                break_next = true;
                continue;
            }
            // A no-break space glues, any other whitespace separates words.
            if c.is_whitespace() && c != '\u{a0}' {
                finish(&mut word, &mut words, &mut break_next);
                continue;
            }
            let advance = match metrics.advance(c) {
                Some(a) => a * size,
                None => {
                    *printable = false;
                    0.0
                }
            };
            match word.last_mut() {
                Some(atom) if atom.face == span.face => {
                    atom.text.push(c);
                    atom.width += advance;
                }
                _ => word.push(Atom {
                    face: span.face,
                    text: c.to_string(),
                    width: advance,
                    gap_after: false,
                }),
            }
        }
    }
    finish(&mut word, &mut words, &mut break_next);
    glue(words, size, fonts)
}

/// Abbreviations that Russian typesetting never leaves at the end of a line: they stay with the
/// word that follows («№ 152-ФЗ», «ст. 9», «г. Иваново»).
const GLUE_NEXT: [&str; 13] = [
    "№",
    "ст.",
    "ч.",
    "п.",
    "пп.",
    "г.",
    "д.",
    "ул.",
    "кв.",
    "корп.",
    "стр.",
    "гл.",
    "с.",
];

/// Joins words that must not be split across lines with a space that neither breaks nor stretches:
/// an abbreviation from [`GLUE_NEXT`] with the next word, and a dash with the word before it (a line
/// never starts with «—»).
fn glue(words: Vec<Word>, size: f32, fonts: &Fonts) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut glue_next = false;
    for word in words {
        let text: String = word.atoms.iter().map(|a| a.text.as_str()).collect();
        let is_dash = text == "—" || text == "–";
        let joins = !word.break_before && (glue_next || is_dash);
        glue_next = GLUE_NEXT.contains(&text.as_str());
        match out.last_mut() {
            Some(previous) if joins => {
                if let Some(last) = previous.atoms.last_mut() {
                    last.text.push(' ');
                    last.width += fonts.metrics(last.face).width(" ", size);
                }
                for atom in word.atoms {
                    match previous.atoms.last_mut() {
                        Some(last) if last.face == atom.face => {
                            last.text.push_str(&atom.text);
                            last.width += atom.width;
                        }
                        _ => previous.atoms.push(atom),
                    }
                }
            }
            _ => out.push(word),
        }
    }
    out
}

/// Breaks a word wider than a line into line-sized pieces, continuing `current` (which may already
/// hold words). It breaks after a hyphen, slash or comma when one fits; between letters only on a
/// line of its own, so a surname is never cut in two right after «Я,». Every full piece is pushed to
/// `lines`; the rest stays in `current`.
fn split_long_word(
    atoms: Vec<Atom>,
    size: f32,
    fonts: &Fonts,
    lines: &mut Vec<Line>,
    current: &mut Line,
    first_width: f32,
    width: f32,
) {
    let chars: Vec<(Face, char, f32)> = atoms
        .iter()
        .flat_map(|a| {
            let metrics = fonts.metrics(a.face);
            a.text
                .chars()
                .map(move |c| (a.face, c, metrics.advance(c).unwrap_or(0.0) * size))
        })
        .collect();
    let mut start = 0;
    while start < chars.len() {
        let line_width = if lines.is_empty() { first_width } else { width };
        let avail = line_width - current.width;
        let mut used = 0.0;
        let mut end = start;
        let mut last_break = None;
        while end < chars.len() && used + chars[end].2 <= avail {
            used += chars[end].2;
            if matches!(chars[end].1, '-' | '/' | ',' | '\\') {
                last_break = Some(end + 1);
            }
            end += 1;
        }
        if end == chars.len() {
            append(current, &chars[start..end]);
            return;
        }
        let cut = match last_break {
            Some(cut) if cut > start => cut,
            _ if !current.atoms.is_empty() => start,
            // At least one character per line, however narrow the column.
            _ => end.max(start + 1),
        };
        append(current, &chars[start..cut]);
        push_line(lines, std::mem::replace(current, empty_line()), size, fonts);
        start = cut;
    }
}

/// Appends characters to a line, merging with its last atom when the face is the same.
fn append(line: &mut Line, chars: &[(Face, char, f32)]) {
    for &(face, c, w) in chars {
        match line.atoms.last_mut() {
            Some(atom) if atom.face == face && !atom.gap_after => {
                atom.text.push(c);
                atom.width += w;
            }
            _ => line.atoms.push(Atom {
                face,
                text: c.to_string(),
                width: w,
                gap_after: false,
            }),
        }
        line.width += w;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::get().expect("fonts")
    }

    fn text_of(line: &Line) -> String {
        line.atoms.iter().map(|a| a.text.as_str()).collect()
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let words = "Я, Салтыкова-Щедрина Ёлка Аполлинариевна, действуя свободно, своей волей и в \
                     своём интересе, даю согласие на обработку персональных данных. "
            .repeat(6);
        for width in [60.0, 120.0, 250.0, 481.0] {
            let (lines, printable) =
                wrap(&[Span::regular(words.clone())], 10.0, width, width, fonts());
            assert!(printable);
            for line in &lines {
                assert!(line.width <= width + 0.01, "{} > {width}", line.width);
                let measured: f32 = line.atoms.iter().map(|a| a.width).sum();
                assert!((measured - line.width).abs() < 0.01);
            }
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let joined: String = lines.iter().map(text_of).collect();
            assert_eq!(
                strip(&joined),
                strip(&words),
                "no word lost or reordered at width {width}"
            );
        }
    }

    #[test]
    fn long_words_break_after_hyphens_first() {
        let surname = ["Иванова", "Петрова", "Сидорова", "Кузнецова", "Смирнова"].join("-");
        let (lines, _) = wrap(&[Span::bold(surname.clone())], 10.0, 120.0, 120.0, fonts());
        assert!(lines.len() > 1);
        for line in &lines[..lines.len() - 1] {
            assert!(text_of(line).ends_with('-'), "{}", text_of(line));
        }
        assert_eq!(lines.iter().map(text_of).collect::<String>(), surname);
    }

    #[test]
    fn words_without_break_points_split_between_letters() {
        let word = "Ж".repeat(200);
        let (lines, _) = wrap(&[Span::regular(word.clone())], 10.0, 100.0, 100.0, fonts());
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| l.width <= 100.01));
        assert_eq!(lines.iter().map(text_of).collect::<String>(), word);
    }

    #[test]
    fn faces_mix_within_a_line_and_newlines_break() {
        let spans = [
            Span::regular("Я, "),
            Span::bold("Иванов"),
            Span::regular(", даю\nсогласие"),
        ];
        let (lines, _) = wrap(&spans, 10.0, 400.0, 400.0, fonts());
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].last,
            "a forced break ends a justified paragraph line"
        );
        assert_eq!(text_of(&lines[0]), "Я, Иванов, даю");
        assert_eq!(lines[0].atoms.len(), 4);
        assert_eq!(lines[0].gaps, 2);
        assert_eq!(text_of(&lines[1]), "согласие");
    }

    #[test]
    fn abbreviations_stay_with_the_next_word_and_dashes_with_the_previous() {
        let text = "закона № 152-ФЗ — это ст. 9";
        for width in [40.0, 60.0, 80.0, 120.0] {
            let (lines, _) = wrap(&[Span::regular(text)], 10.0, width, width, fonts());
            let texts: Vec<String> = lines.iter().map(text_of).collect();
            for line in &texts {
                assert!(!line.ends_with('№') && !line.ends_with("ст."), "{texts:?}");
                assert!(!line.starts_with('—'), "{texts:?}");
            }
        }
    }

    #[test]
    fn missing_glyphs_are_reported() {
        let (_, printable) = wrap(&[Span::regular("Nguyễn")], 10.0, 400.0, 400.0, fonts());
        assert!(!printable);
    }
}
