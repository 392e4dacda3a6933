//! A clinic's own wording: loaded from a file, validated, printed.

mod common;

use common::*;
use consent_forms::{FormTexts, TextKey, consent_form};

#[test]
fn an_override_file_changes_the_printed_wording() {
    let file = r#"
        [consent]
        title = "СОГЛАСИЕ ПАЦИЕНТА"
        subtitle = "на обработку его персональных данных"

        [common]
        form_code = "Номер бланка"
    "#;
    let texts = FormTexts::load(file).expect("valid override");
    assert_eq!(texts.get(TextKey::ConsentTitle), "СОГЛАСИЕ ПАЦИЕНТА");
    let clinic = clinic();
    let patient = patient();
    let consent = usual_consent();
    let pdf = consent_form(&consent_input(&patient, &consent, &clinic, 1), &texts).expect("form");
    let text = all_text(&pdf);
    assert_has(&text, "СОГЛАСИЕ ПАЦИЕНТА");
    assert_has(&text, "на обработку его персональных данных");
    assert_has(&text, "Номер бланка");
    assert!(
        pdf.title
            .starts_with("Согласие пациента на обработку его персональных данных")
    );
}

#[test]
fn a_file_that_drops_a_legal_placeholder_is_refused() {
    // The statement must keep naming the signer and the clinic.
    let file = r#"consent.statement = "Я согласен на всё.""#;
    let err = FormTexts::load(file).expect_err("refused");
    assert_eq!(err.code(), "texts_missing_placeholder");
    assert!(err.to_string().contains("consent.statement"), "{err}");
    // Every key's required placeholders are listed for the settings screen.
    assert!(
        TextKey::ConsentStatement
            .placeholders()
            .contains(&"clinic_name")
    );
    assert!(TextKey::ConsentWithdrawal.placeholders().contains(&"email"));
    // Unknown keys are refused rather than ignored.
    assert_eq!(
        FormTexts::load("[consent]\ntitel = \"x\"")
            .expect_err("typo")
            .code(),
        "texts_unknown_key"
    );
}

#[test]
fn every_form_stays_in_its_margins_with_twice_as_long_wording() {
    // Every text doubled (placeholders repeat, which is allowed): labels, captions, headings and
    // table headers all grow, and nothing may leave the page or overprint.
    let mut file = String::new();
    for key in TextKey::ALL {
        let text = key.builtin();
        let doubled = format!("{text} {text}");
        file.push_str(&format!("\"{}\" = {:?}\n", key.key(), doubled));
    }
    let texts = FormTexts::load(&file).expect("doubled wording is valid");
    for doc in common::docs::all(&texts) {
        assert_eq!(doc.pdf.layout.outside_margins(), vec![], "{}", doc.name);
        assert_eq!(doc.pdf.layout.overlaps(), vec![], "{}", doc.name);
    }
}
