//! A backup is a consistent, encrypted copy of the desk, made while it is in use, that opens with the
//! same key and holds the same chain; it never replaces a file and is readable by its owner only.

use consent_store::Store;

use crate::ledger::{consent_flow, desk, register};
use crate::util::contains;

#[test]
fn a_backup_opens_with_the_same_key_and_holds_the_same_chain() {
    let mut d = desk();
    let patient = register(&mut d.store, d.admin, 1, "Резервова");
    consent_flow(&mut d.store, d.admin, patient);
    let target = d.path.with_file_name("backup.db");
    let events = d
        .store
        .backup_to(&target)
        .expect("backup while the desk is open");
    assert_eq!(events, 6);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
    let bytes = std::fs::read(&target).expect("read the copy");
    assert!(
        !contains(&bytes, "Резервова".as_bytes()),
        "the copy is encrypted"
    );
    assert!(
        !contains(&bytes, b"SQLite format 3"),
        "not a plain SQLite file"
    );

    // The desk goes on; the copy is the desk as it was.
    register(&mut d.store, d.admin, 2, "Позднева");
    let copy = Store::open(&target, &d.key).expect("the copy opens with the desk's key");
    let (copied, _) = copy.events().expect("events");
    assert_eq!(copied.len(), 6);
    assert!(copy.verify().expect("verify").is_intact());
    assert_eq!(copy.queue().expect("queue").len(), 1);
    assert_eq!(copy.search("резервова", 10).expect("search").len(), 1);

    let refused = d
        .store
        .backup_to(&target)
        .expect_err("an existing file is never replaced");
    assert_eq!(refused.code(), "db_already_exists");
    let leftovers: Vec<_> = std::fs::read_dir(d.path.parent().expect("dir"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
