//! Writes every document to `target/forms-preview/` (the PDF, and page 1 as PNG at 80 dpi) for
//! people to look at.

mod common;

use std::path::PathBuf;

use common::docs;
use common::tools::render_page;
use consent_forms::{FormTexts, KeyLocation, recovery_sheet};

#[test]
fn previews() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/forms-preview");
    std::fs::create_dir_all(&dir).expect("preview dir");
    for doc in docs::all(&FormTexts::builtin()) {
        std::fs::write(dir.join(format!("{}.pdf", doc.name)), &doc.pdf.bytes).expect("write pdf");
        let png = render_page(&doc.pdf.bytes, 1, 80, &dir.join(doc.name));
        assert!(png.exists(), "{}", png.display());
    }
    let texts = FormTexts::builtin();
    let recovery = recovery_sheet(&common::recovery_input(KeyLocation::Keyring), &texts)
        .expect("recovery sheet");
    std::fs::write(dir.join("recovery.pdf"), &recovery.bytes).expect("write pdf");
    let png = render_page(&recovery.bytes, 1, 80, &dir.join("recovery"));
    assert!(png.exists(), "{}", png.display());
}
