//! What every printed form must be, checked on one of each: a scannable QR code with the form id,
//! the short code in print, nothing outside the margins, page numbers when long, deterministic bytes,
//! metadata, subset fonts with a ToUnicode map, and a small file.

mod common;

use common::docs::{self, Built};
use common::tools::{decode_qr, pdffonts, pdfinfo, pdftotext, pdftotext_page};
use common::*;
use consent_forms::{FormTexts, LayoutLog, qr_payload, short_code};

fn all() -> Vec<Built> {
    docs::all(&FormTexts::builtin())
}

#[test]
fn every_form_has_a_qr_code_that_decodes_to_its_id() {
    for doc in all() {
        assert_eq!(
            decode_qr(&doc.pdf.bytes),
            format!("consent-desk:form:{}", doc.form),
            "{}",
            doc.name
        );
        assert_eq!(
            qr_payload(doc.form),
            format!("consent-desk:form:{}", doc.form)
        );
    }
}

#[test]
fn every_form_prints_its_short_code_next_to_the_label() {
    for doc in all() {
        let page1 = pdftotext_page(&doc.pdf.bytes, 1);
        let code = short_code(doc.form);
        let lines: Vec<&str> = page1.lines().collect();
        let label = lines
            .iter()
            .position(|l| l.trim_end().ends_with("Код бланка"))
            .unwrap_or_else(|| panic!("{}: no «Код бланка» label:\n{page1}", doc.name));
        assert!(
            lines[label + 1..]
                .iter()
                .take(2)
                .any(|l| l.trim_end().ends_with(&code)),
            "{}: the code {code} is not under its label:\n{page1}",
            doc.name
        );
    }
}

#[test]
fn nothing_is_set_outside_the_margins_or_over_other_text() {
    for doc in all() {
        let layout = &doc.pdf.layout;
        assert!(!layout.boxes.is_empty(), "{}", doc.name);
        assert_eq!(layout.outside_margins(), vec![], "{}", doc.name);
        assert_eq!(layout.overlaps(), vec![], "{}", doc.name);
        assert!(
            layout.boxes.iter().all(|b| b.page < doc.pdf.pages),
            "{}",
            doc.name
        );
        // The margins are the 20 mm the forms promise.
        assert!((LayoutLog::MARGIN - 56.69).abs() < 0.01);
    }
}

#[test]
fn long_forms_number_their_pages_and_short_ones_do_not() {
    for doc in all() {
        let pages = doc.pdf.pages;
        let info = pdfinfo(&doc.pdf.bytes);
        assert!(
            info.contains(&format!("Pages:           {pages}")),
            "{}: {info}",
            doc.name
        );
        if pages == 1 {
            assert!(
                !pdftotext(&doc.pdf.bytes).contains("Страница"),
                "{}",
                doc.name
            );
            continue;
        }
        for page in 1..=pages {
            let text = pdftotext_page(&doc.pdf.bytes, page);
            assert_has(&text, &format!("Страница {page} из {pages}"));
            if page > 1 {
                // The running header repeats the clinic and the code.
                let first = text
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or_default();
                assert!(
                    first.contains("ООО «Клиника семейной медицины»"),
                    "{}: {first}",
                    doc.name
                );
                assert!(
                    first.contains(&short_code(doc.form)),
                    "{}: {first}",
                    doc.name
                );
            }
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let first = all();
    let second = all();
    for (a, b) in first.iter().zip(&second) {
        assert!(
            a.pdf.bytes == b.pdf.bytes,
            "{} differs between two renders",
            a.name
        );
    }
    // And a different form id gives a different document (QR, code, /ID).
    assert!(first[0].pdf.bytes != first[1].pdf.bytes);
}

#[test]
fn metadata_says_what_the_form_is_and_when_it_was_made() {
    for doc in all() {
        let info = pdfinfo(&doc.pdf.bytes);
        let iso = {
            let (_dir, path) = tools::temp_pdf(&doc.pdf.bytes);
            let out = std::process::Command::new("pdfinfo")
                .args(["-isodates", path.to_str().expect("path")])
                .output()
                .expect("pdfinfo is installed (poppler-utils)");
            String::from_utf8(out.stdout).expect("utf-8")
        };
        let field = |text: &str, key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_owned()))
                .unwrap_or_else(|| panic!("{}: no {key} in\n{text}", doc.name))
        };
        let title = field(&info, "Title:");
        assert_eq!(title, doc.pdf.title, "{}", doc.name);
        assert!(
            title.contains(&short_code(doc.form)),
            "{}: {title}",
            doc.name
        );
        assert!(
            !title.contains("Ёлкин"),
            "{}: no personal data in the title",
            doc.name
        );
        assert_eq!(field(&info, "Author:"), "ООО «Клиника семейной медицины»");
        assert!(!field(&info, "Subject:").is_empty(), "{}", doc.name);
        let created = field(&iso, "CreationDate:");
        let expected = if doc.name == "act" {
            "2025-11-05T15:00:00+03"
        } else {
            "2025-10-24T09:30:00+03"
        };
        assert!(created.starts_with(expected), "{}: {created}", doc.name);
        let raw = String::from_utf8_lossy(&doc.pdf.bytes);
        assert!(raw.contains("/Lang(ru)"), "{}: no /Lang", doc.name);
    }
}

#[test]
fn fonts_are_embedded_subsets_with_unicode_maps_and_files_are_small() {
    for doc in all() {
        let fonts = pdffonts(&doc.pdf.bytes);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{}: {fonts}", doc.name);
        for row in rows {
            assert!(row.contains("+PTSans-"), "{}: {row}", doc.name);
            assert!(
                row.contains("yes yes yes"),
                "{}: not embedded/subset/unicode: {row}",
                doc.name
            );
        }
        let kb = doc.pdf.bytes.len() / 1024;
        assert!(kb <= 80, "{}: {kb} KB", doc.name);
    }
}

#[test]
fn every_placeholder_is_filled() {
    for doc in all() {
        let text = pdftotext(&doc.pdf.bytes);
        assert!(
            !text.contains('{') && !text.contains('}'),
            "{}:\n{text}",
            doc.name
        );
    }
}

mod tools {
    pub use super::common::tools::temp_pdf;
}
