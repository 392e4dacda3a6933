//! Losses the chain alone cannot see: a cut tail (the newest rows deleted with the key in hand), an
//! older copy of the file put back (what a lost `-wal` file amounts to). The anchor outside the
//! database remembers how far the chain reached; a crash before the anchor is written is no alarm.

use consent_domain::ids::DeskId;
use consent_store::Store;
use consent_store::anchor::{Anchor, Anchored, Rollback};
use consent_store::ledger::Head;
use uuid::Uuid;

use crate::ledger::{desk, raw_connection, register};
use crate::util::sidecar;

#[test]
fn deleting_the_newest_events_is_reported_with_what_was_lost() {
    let mut d = desk();
    for n in 1..=6u128 {
        register(&mut d.store, d.admin, n, "Хвостова");
    }
    assert!(d.store.verify().expect("verify").is_intact());
    drop(d.store);
    let conn = raw_connection(&d.path, &d.key);
    conn.execute_batch(
        "DROP TRIGGER ledger_no_delete; \
         DELETE FROM ledger WHERE seq > (SELECT MAX(seq) - 3 FROM ledger);",
    )
    .expect("cut the tail with the key in hand");
    drop(conn);

    let mut store = Store::open(&d.path, &d.key).expect("it still opens");
    let Some(Rollback::Missing {
        missing,
        last_seq,
        at_ms,
    }) = store.rollback().cloned()
    else {
        panic!(
            "the cut tail went unnoticed at open: {:?}",
            store.rollback()
        );
    };
    assert_eq!((missing, last_seq), (3, 7));
    assert!(at_ms >= crate::ledger::NOW_MS);
    let report = store.verify().expect("verify");
    assert!(!report.is_intact(), "«Журнал цел» for a cut ledger");
    assert_eq!(report.defects, Vec::new(), "the chain itself is whole");
    assert!(report.rollback.is_some());
    let refused = store
        .rebuild()
        .expect_err("the shortened ledger is not folded");
    assert_eq!(refused.code(), "ledger_rolled_back");
}

#[test]
fn an_older_copy_of_the_file_put_back_is_reported() {
    let mut d = desk();
    register(&mut d.store, d.admin, 1, "Копиева");
    drop(d.store); // checkpoints into the main file
    let old = std::fs::read(&d.path).expect("copy of the file");
    let mut store = Store::open(&d.path, &d.key).expect("reopen");
    register(&mut store, d.admin, 2, "Копиева");
    register(&mut store, d.admin, 3, "Копиева");
    drop(store);
    // As if the -wal file were lost, or a backup restored over the desk by hand.
    std::fs::write(&d.path, old).expect("put the old copy back");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sidecar(&d.path, suffix));
    }
    let store = Store::open(&d.path, &d.key).expect("it opens");
    assert!(
        matches!(store.rollback(), Some(Rollback::Missing { missing: 2, .. })),
        "{:?}",
        store.rollback()
    );
}

#[test]
fn an_anchor_behind_the_ledger_is_no_alarm_and_catches_up() {
    let mut d = desk();
    register(&mut d.store, d.admin, 1, "Отставшая");
    register(&mut d.store, d.admin, 2, "Отставшая");
    drop(d.store);
    // A crash after the commit and before the anchor was written: the anchor knows only seq 1.
    let conn = raw_connection(&d.path, &d.key);
    let (desk_id, hash): (Vec<u8>, Vec<u8>) = conn
        .query_row("SELECT desk_id, hash FROM ledger WHERE seq = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("the first row");
    drop(conn);
    let anchor = Anchor::of(&d.path, &d.key);
    anchor.forget().expect("remove");
    let desk_id = DeskId::from_uuid(Uuid::from_slice(&desk_id).expect("uuid"));
    anchor
        .advance(&Anchored {
            desk: desk_id,
            head: Head {
                seq: 1,
                hash: hash.try_into().expect("32 bytes"),
            },
            wall_ms: crate::ledger::NOW_MS,
        })
        .expect("an anchor behind");
    let store = Store::open(&d.path, &d.key).expect("open");
    assert_eq!(store.rollback(), None);
    assert!(store.verify().expect("verify").is_intact());
    match anchor.read() {
        consent_store::anchor::AnchorState::Valid(now) => assert_eq!(now.head.seq, 3),
        other => panic!("the anchor did not catch up: {other:?}"),
    }
}

#[test]
fn an_edited_anchor_is_reported() {
    let mut d = desk();
    register(&mut d.store, d.admin, 1, "Правкина");
    drop(d.store);
    let anchor = Anchor::of(&d.path, &d.key);
    let text = std::fs::read_to_string(anchor.path()).expect("the anchor exists");
    std::fs::write(anchor.path(), text.replacen(" 2 ", " 1 ", 1)).expect("edit");
    let store = Store::open(&d.path, &d.key).expect("open");
    assert_eq!(store.rollback(), Some(&Rollback::AnchorInvalid));
    assert!(!store.verify().expect("verify").is_intact());
}
