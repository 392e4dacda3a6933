//! The clinic's details and the forms printed to files.

use crate::support::*;

#[test]
fn the_clinic_details_are_set_by_an_admin_and_checked() {
    let desk = Desk::with_staff();
    let unset = desk
        .run(&["--json", "--as", "reg", "clinic", "show"])
        .ok_json();
    assert!(unset.is_null(), "{unset}");
    let args = |inn: &'static str| {
        vec![
            "--json",
            "--as",
            "admin",
            "clinic",
            "set",
            "--name",
            "ООО «Клиника доктора Смирнова»",
            "--inn",
            inn,
            "--ogrn",
            "1027700132195",
        ]
    };
    let bad = desk.run(&args("7707083894"));
    let error = bad.error(2);
    assert_eq!(error["detail"], "clinic_bad_checksum");
    assert_eq!(error["fields"][0]["field"], "inn");
    let refused = desk.run(&[
        "--json",
        "--as",
        "reg",
        "clinic",
        "set",
        "--name",
        "X",
        "--inn",
        "7707083893",
        "--ogrn",
        "1027700132195",
    ]);
    assert_eq!(refused.error(1)["code"], "forbidden");
    let saved = desk.run(&args("7707083893")).ok_json();
    assert_eq!(
        saved["withdrawalEmail"], "klinika_s_m@mail.ru",
        "the policy's default"
    );
    let shown = desk.run(&["--as", "reg", "clinic", "show"]);
    assert_eq!(shown.code, 0, "{shown:?}");
    assert!(shown.stdout.contains("ИНН: 7707083893"), "{shown:?}");
    assert!(shown.stdout.contains("153013, г. Иваново"), "{shown:?}");
}
#[test]
fn forms_are_printed_to_files_readable_by_their_owner_only() {
    let desk = Desk::with_staff();
    let patient = desk.patient("Ёлкина", "+7 912 000-00-02");
    let consent = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "grant",
            "--patient",
            &patient,
            "--purposes",
            "medical_account,notifications",
        ])
        .ok_json();
    let consent_id = string(&consent["id"]);
    let pdf = desk.dir.path().join("consent.pdf");
    let pdf_arg = pdf.to_str().expect("utf-8 path");

    let no_clinic = desk.run(&[
        "--json",
        "--as",
        "reg",
        "print",
        "consent",
        "--consent",
        &consent_id,
        "-o",
        pdf_arg,
    ]);
    assert_eq!(no_clinic.error(1)["detail"], "clinic_not_set");
    assert!(!pdf.exists(), "nothing written when nothing can be printed");

    desk.set_clinic();
    let print_to = |target: &str, extra: &[&str]| {
        let mut args = vec![
            "--json",
            "--as",
            "reg",
            "print",
            "consent",
            "--consent",
            &consent_id,
            "-o",
            target,
        ];
        args.extend_from_slice(extra);
        desk.run(&args)
    };
    let status = || {
        let shown = desk
            .run(&["--json", "--as", "reg", "consent", "show", &consent_id])
            .ok_json();
        (
            string(&shown["status"]),
            shown["forms"].as_array().map_or(0, Vec::len),
        )
    };
    // A copy that cannot reach its file is not recorded as printed.
    let missing = desk.dir.path().join("no-such-dir").join("consent.pdf");
    let unwritable = print_to(missing.to_str().expect("utf-8 path"), &[]);
    assert_eq!(unwritable.error(1)["detail"], "unwritable_file");
    let directory = print_to(desk.dir.path().to_str().expect("utf-8 path"), &["--force"]);
    assert_eq!(directory.error(2)["detail"], "output_directory");
    // An existing file is kept without --force, and a link is never followed.
    let existing = desk.dir.path().join("existing.pdf");
    std::fs::write(&existing, b"kept").expect("an existing file");
    let exists = print_to(existing.to_str().expect("utf-8 path"), &[]);
    assert_eq!(exists.error(2)["detail"], "output_exists");
    assert_eq!(std::fs::read(&existing).expect("read"), b"kept");
    #[cfg(unix)]
    {
        let link = desk.dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&existing, &link).expect("symlink");
        let through = print_to(link.to_str().expect("utf-8 path"), &["--force"]);
        assert_eq!(through.error(2)["detail"], "output_symlink");
        assert_eq!(std::fs::read(&existing).expect("read"), b"kept");
    }
    assert_eq!(
        status(),
        ("draft".to_owned(), 0),
        "no refused print was recorded"
    );

    let printed = print_to(pdf_arg, &[]).ok_json();
    let code = string(&printed[0]["shortCode"]);
    assert_eq!(code.len(), 9, "{printed}");
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the form holds personal data");
    }
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed; cargo xtask test installs it");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Ёлкина"), "the patient's name is on the form");
    assert!(text.contains(&code), "the short code is on the form");

    let shown = desk
        .run(&["--json", "--as", "reg", "consent", "show", &consent_id])
        .ok_json();
    assert_eq!(shown["status"], "awaiting_signature");
    desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "sign",
        "--form",
        &code,
        "--paper",
        "Шкаф 3",
    ])
    .ok_json();

    let blank = desk
        .command(&["--as", "reg", "print", "withdrawal", "--blank", "-o", "-"])
        .output()
        .expect("run consentctl");
    let stderr = String::from_utf8_lossy(&blank.stderr);
    assert!(blank.status.success(), "{stderr}");
    assert!(
        blank.stdout.starts_with(b"%PDF"),
        "a PDF on standard output"
    );
    assert!(
        stderr.contains("Бланк"),
        "the report goes to stderr: {stderr}"
    );
}
