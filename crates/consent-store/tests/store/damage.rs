//! The file itself is checked: a damaged page is named by `verify` (SQLCipher's page HMACs and
//! SQLite's quick_check), and an operation that meets it says the file is damaged, not a generic
//! database error.

use std::io::{Seek, SeekFrom, Write};

use consent_store::{Database, Store, StoreError};

use crate::ledger::{desk, register};

/// SQLCipher 4's page size.
const PAGE: u64 = 4096;

#[test]
fn a_damaged_page_is_named_by_verify_and_by_the_operation_that_meets_it() {
    let mut d = desk();
    for n in 1..=60u128 {
        register(&mut d.store, d.admin, n, "Повреждённая");
    }
    assert!(d.store.verify().expect("verify").is_intact());
    drop(d.store); // checkpoints the WAL into the file
    let pages = std::fs::metadata(&d.path).expect("size").len() / PAGE;
    assert!(pages > 6, "{pages} pages");

    // One flipped byte in the middle of a late page: the key still opens the file (page 1 is whole).
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&d.path)
        .expect("open the file as an attacker or a failing disk would");
    file.seek(SeekFrom::Start((pages - 2) * PAGE + 1000))
        .expect("seek");
    file.write_all(&[0x5a; 8]).expect("damage");
    drop(file);

    // The file's own check names the damage even when the store cannot load past it.
    let db =
        Database::open(&d.path, &d.key).expect("page 1 is whole: the key still opens the file");
    let problems = db
        .integrity_problems()
        .expect("the check reports, it does not fail");
    assert!(!problems.is_empty(), "the damaged page went unnoticed");
    drop(db);
    match Store::open(&d.path, &d.key) {
        // Loading met the damaged page: a damaged-file error, not a generic database error.
        Err(error) => {
            assert!(matches!(error, StoreError::Damaged { .. }), "{error:?}");
            assert_eq!(error.code(), "db_damaged");
        }
        Ok(store) => {
            let report = store.verify().expect("verify reports, it does not fail");
            assert!(
                !report.is_intact() && !report.file_problems.is_empty(),
                "{report:?}"
            );
        }
    }
}
