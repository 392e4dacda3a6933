//! `requests journal`: the table, JSON, the CSV and PDF files, refusals.

use crate::support::*;

/// A desk with the clinic set and one withdrawal received on 24.10.2025, still open.
fn desk_with_a_request() -> Desk {
    let desk = Desk::with_staff();
    desk.set_clinic();
    let patient = desk.patient("Ёлкина", "+7 912 345-67-89");
    desk.signed_consent(&patient, "advertising,notifications");
    desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "receive",
        "--patient",
        &patient,
        "--purposes",
        "advertising",
        "--received",
        "24.10.2025",
    ])
    .ok_json();
    desk
}

#[test]
fn the_journal_is_shown_written_and_refused_as_it_should_be() {
    let mut desk = desk_with_a_request();
    desk.at("2025-11-13");
    let period = ["--from", "01.10.2025", "--to", "2025-10-31"];
    let view = desk
        .run(
            &[
                &["--json", "--as", "mgr", "requests", "journal"][..],
                &period,
            ]
            .concat(),
        )
        .ok_json();
    let row = &view["rows"][0];
    assert_eq!(row["deadline"], "2025-11-10");
    assert_eq!(
        (row["timeliness"].as_str(), row["workingDays"].as_u64()),
        (Some("overdue"), Some(3))
    );

    let human = desk.run(&[&["--as", "mgr", "requests", "journal"][..], &period].concat());
    assert_eq!(human.code, 0, "{human:?}");
    assert!(
        human.stdout.contains("просрочено на 3 раб. дн."),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("Ёлкина"), "{}", human.stdout);

    let csv = desk.dir.path().join("журнал.csv");
    let csv_arg = csv.to_str().expect("utf-8 path");
    let written = desk
        .run(
            &[
                &[
                    "--json", "--as", "mgr", "requests", "journal", "--csv", csv_arg,
                ][..],
                &period,
            ]
            .concat(),
        )
        .ok_json();
    assert_eq!(written["format"], "csv");
    let bytes = file_bytes(&csv);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(written["bytes"].as_u64(), Some(bytes.len() as u64));
    let again = desk.run(
        &[
            &[
                "--json", "--as", "mgr", "requests", "journal", "--csv", csv_arg,
            ][..],
            &period,
        ]
        .concat(),
    );
    assert_eq!(
        again.error(2)["detail"],
        "output_exists",
        "never over an existing file"
    );

    let pdf = desk.dir.path().join("journal.pdf");
    let pdf_arg = pdf.to_str().expect("utf-8 path");
    desk.run(
        &[
            &[
                "--json", "--as", "mgr", "requests", "journal", "--pdf", pdf_arg,
            ][..],
            &period,
        ]
        .concat(),
    )
    .ok_json();
    assert!(file_bytes(&pdf).starts_with(b"%PDF"));

    let refused = desk.run(
        &[
            &["--json", "--as", "reg", "requests", "journal"][..],
            &period,
        ]
        .concat(),
    );
    assert_eq!(refused.error(1)["code"], "forbidden");
    let backwards = desk.run(&[
        "--json",
        "--as",
        "mgr",
        "requests",
        "journal",
        "--from",
        "01.11.2025",
        "--to",
        "01.10.2025",
    ]);
    assert_eq!(backwards.error(2)["detail"], "period_ends_before_start");
}
