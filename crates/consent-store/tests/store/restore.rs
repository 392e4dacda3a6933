//! A restore checks the backup before it replaces anything, never while the desk is open, keeps what
//! it replaces, and leaves a desk whose ledger reaches its (new) anchor.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use consent_store::{DbKey, Restore, Store};

use crate::ledger::{consent_flow, desk, register};

const PAGE: u64 = 4096;

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn leftovers(dir: &Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|n| n.contains(".restore-"))
        .collect()
}

#[test]
fn a_backup_takes_the_desks_place_and_the_replaced_files_are_kept() {
    let mut d = desk();
    let kept = register(&mut d.store, d.admin, 1, "Сохранова");
    consent_flow(&mut d.store, d.admin, kept);
    let backup = d.path.with_file_name("backup.db");
    let in_backup = d.store.backup_to(&backup).expect("backup");
    register(&mut d.store, d.admin, 2, "Позднева");
    drop(d.store);
    let dir = d.path.parent().expect("dir").to_path_buf();

    let restore = Restore::check(&backup, &d.path, &d.key).expect("the backup checks out");
    assert_eq!(restore.events(), in_backup);
    assert_eq!(
        restore
            .store()
            .staff_by_login("admin")
            .expect("staff")
            .map(|s| s.full_name().to_owned()),
        Some("Смирнова Ольга Викторовна".to_owned()),
        "the checked copy can be asked who its staff are"
    );
    let restored = restore.install(true, 1_780_000_000_000).expect("installed");

    assert_eq!(restored.events, in_backup);
    assert_eq!(restored.head_seq, Some(in_backup));
    let newer = restored
        .newer_than_backup
        .expect("the old anchor knew one event more");
    assert_eq!(newer.head.seq, in_backup + 1);
    let folder = restored
        .replaced_into
        .expect("the old files were moved aside");
    assert!(
        folder
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("replaced-")),
        "{folder:?}"
    );
    let moved = names_in(&folder);
    assert!(
        moved.contains(&"desk.db".to_owned()) && moved.contains(&"desk.db-anchor".to_owned()),
        "{moved:?}"
    );
    assert!(leftovers(&dir).is_empty(), "{:?}", names_in(&dir));

    let store = Store::open(&d.path, &d.key).expect("the restored desk opens");
    assert_eq!(store.rollback(), None, "anchored at its own head");
    assert!(store.verify().expect("verify").is_intact());
    assert_eq!(store.search("сохранова", 10).expect("search").len(), 1);
    assert!(
        store.search("позднева", 10).expect("search").is_empty(),
        "registered after the backup"
    );
    drop(store);

    // What was replaced is whole and can still be opened by the admin who holds the key.
    let old = Store::open(folder.join("desk.db"), &d.key).expect("the replaced desk opens");
    assert_eq!(old.search("позднева", 10).expect("search").len(), 1);
}

#[test]
fn a_restore_into_an_empty_folder_needs_no_replace() {
    let mut d = desk();
    register(&mut d.store, d.admin, 1, "Новосёлова");
    let backup = d.path.with_file_name("backup.db");
    d.store.backup_to(&backup).expect("backup");
    drop(d.store);
    let new_home = tempfile::tempdir().expect("a new computer's folder");
    let target = new_home.path().join("desk.db");

    let restored = Restore::check(&backup, &target, &d.key)
        .expect("check")
        .install(false, 1_780_000_000_000)
        .expect("nothing to replace");
    assert_eq!(restored.replaced_into, None);
    assert_eq!(restored.newer_than_backup, None);
    let store = Store::open(&target, &d.key).expect("opens");
    assert!(store.verify().expect("verify").is_intact());
    assert_eq!(store.search("новоселова", 10).expect("search").len(), 1);
}

#[test]
fn a_restore_is_refused_while_the_desk_is_open_and_an_open_waits_for_a_restore() {
    let d = desk();
    let backup = d.path.with_file_name("backup.db");
    d.store.backup_to(&backup).expect("backup");
    let dir = d.path.parent().expect("dir").to_path_buf();

    let refused = Restore::check(&backup, &d.path, &d.key).expect_err("the desk is open");
    assert_eq!(refused.code(), "db_in_use");
    assert!(leftovers(&dir).is_empty(), "{:?}", names_in(&dir));
    drop(d.store);

    let restore = Restore::check(&backup, &d.path, &d.key).expect("now it is free");
    let blocked = Store::open(&d.path, &d.key).expect_err("a restore is under way");
    assert_eq!(blocked.code(), "db_restoring");
    drop(restore);
    assert!(leftovers(&dir).is_empty(), "{:?}", names_in(&dir));
    Store::open(&d.path, &d.key).expect("an abandoned restore changed nothing");
}

#[test]
fn a_damaged_or_foreign_backup_replaces_nothing() {
    let mut d = desk();
    for n in 1..=60u128 {
        register(&mut d.store, d.admin, n, "Повреждённая");
    }
    let backup = d.path.with_file_name("backup.db");
    d.store.backup_to(&backup).expect("backup");
    drop(d.store);
    let dir = d.path.parent().expect("dir").to_path_buf();
    let before = std::fs::read(&d.path).expect("desk bytes");

    let wrong = DbKey::generate().expect("another key");
    let refused = Restore::check(&backup, &d.path, &wrong).expect_err("wrong key");
    assert_eq!(refused.code(), "db_wrong_key");
    assert!(
        refused.to_string().contains("backup.db"),
        "names the backup, not its temporary copy: {refused}"
    );

    let pages = std::fs::metadata(&backup).expect("size").len() / PAGE;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&backup)
        .expect("open the backup as a failing disk would");
    file.seek(SeekFrom::Start((pages - 2) * PAGE + 1000))
        .expect("seek");
    file.write_all(&[0x5a; 8]).expect("damage");
    drop(file);
    let refused = Restore::check(&backup, &d.path, &d.key).expect_err("a damaged backup");
    assert_eq!(refused.code(), "db_damaged");
    assert!(refused.to_string().contains("backup.db"), "{refused}");

    let missing = Restore::check(&dir.join("none.db"), &d.path, &d.key).expect_err("no file");
    assert_eq!(missing.code(), "db_not_found");

    assert_eq!(std::fs::read(&d.path).expect("desk bytes"), before);
    assert!(leftovers(&dir).is_empty(), "{:?}", names_in(&dir));
}

#[test]
fn without_replace_an_existing_desk_stays_in_place() {
    let mut d = desk();
    let backup = d.path.with_file_name("backup.db");
    d.store.backup_to(&backup).expect("backup");
    register(&mut d.store, d.admin, 1, "Оставшаяся");
    drop(d.store);
    let dir = d.path.parent().expect("dir").to_path_buf();
    let before = names_in(&dir);

    let refused = Restore::check(&backup, &d.path, &d.key)
        .expect("check")
        .install(false, 1_780_000_000_000)
        .expect_err("a database is in the way");
    assert_eq!(refused.code(), "restore_would_replace");
    assert_eq!(names_in(&dir), before, "nothing moved, nothing left behind");
    let store = Store::open(&d.path, &d.key).expect("opens");
    assert_eq!(store.search("оставшаяся", 10).expect("search").len(), 1);
}
