//! `rebuild` says what it repaired: any projection column edited behind the store's back (a search
//! key, a display name, a flag) counts as a difference, not only ids and records.

use consent_store::Store;

use crate::ledger::{consent_flow, desk, raw_connection, register};

#[test]
fn every_edited_projection_column_is_reported_and_repaired() {
    let edits = [
        "UPDATE patients SET display_name = 'Подменённая Фамилия'",
        "UPDATE patients SET surname_key = 'подмена'",
        "UPDATE requests SET is_open = 0",
        // The indexed short code a typed code is looked up by (migration 0005).
        "UPDATE forms SET short_code = 'ZZZZ-ZZZZ'",
    ];
    for edit in edits {
        let mut d = desk();
        let patient = register(&mut d.store, d.admin, 1, "Белова");
        consent_flow(&mut d.store, d.admin, patient);
        assert!(
            d.store.rebuild().expect("rebuild").unchanged,
            "{edit}: clean"
        );
        drop(d.store);
        let changed = raw_connection(&d.path, &d.key)
            .execute(edit, [])
            .expect("edit with the key in hand");
        assert_eq!(changed, 1, "{edit}");
        let mut store = Store::open(&d.path, &d.key).expect("reopen");
        let report = store.rebuild().expect("rebuild");
        assert!(!report.unchanged, "{edit}: the repair went unreported");
        assert!(
            store.rebuild().expect("again").unchanged,
            "{edit}: repaired"
        );
        assert_eq!(store.search("белова", 10).expect("search").len(), 1);
        assert_eq!(store.queue().expect("queue").len(), 1, "{edit}");
    }
}
