//! The order rows arrive in does not matter: three desks' chains, taken in by a fourth in random
//! batches and random interleavings of the desks (each desk's rows in their own order, as a pull
//! delivers them), with batches delivered twice, fold to what a rebuild of the result gives and to
//! what one batch of everything gives.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use consent_domain::event::EventBody;
use consent_domain::ids::PatientId;
use consent_store::crypto::SubjectKey;
use consent_store::ledger::{NO_SUBJECT, Row};
use proptest::prelude::*;

use crate::ingest::{
    append, assert_whole, desk, destroyed, digest, drafted, pull, register, signed, staff,
    withdrawal,
};
use crate::ledger::NOW_MS;

/// Each source desk's own chain, and every subject key.
struct Sources {
    chains: Vec<Vec<Row>>,
    keys: BTreeMap<PatientId, SubjectKey>,
}

/// Three desks that share patients (B and C took A's first rows and keys, as they would from the
/// server) and then work concurrently on the same patients with interleaved clocks: both sign one
/// form, a withdrawal races a signature, a login is taken twice, a patient's data are destroyed.
fn sources() -> &'static Sources {
    static SOURCES: OnceLock<Sources> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let mut a = desk(0xA, true);
        let mut b = desk(0xB, false);
        let mut c = desk(0xC, false);
        append(&mut a.store, NOW_MS + 10, (1..=4).map(register).collect());
        append(
            &mut a.store,
            NOW_MS + 20,
            [drafted(1, 0), drafted(2, 0)].concat(),
        );
        pull(&a.store, &mut b.store);
        pull(&a.store, &mut c.store);
        let t = NOW_MS + 100;
        append(&mut a.store, t, vec![signed(1, 0)]);
        append(&mut b.store, t + 1, vec![signed(1, 0), register(5)]);
        append(&mut c.store, t + 2, vec![withdrawal(1), register(6)]);
        append(&mut a.store, t + 3, vec![signed(2, 0), withdrawal(2)]);
        append(&mut b.store, t + 4, drafted(3, 0));
        append(&mut c.store, t + 5, drafted(4, 0));
        append(&mut b.store, t + 6, vec![signed(3, 0), withdrawal(5)]);
        append(&mut a.store, t + 7, destroyed(2));
        append(
            &mut c.store,
            t + 8,
            [vec![signed(4, 0)], drafted(6, 1)].concat(),
        );
        append(
            &mut b.store,
            t + 9,
            vec![EventBody::StaffSaved {
                staff: staff(2, "clerk"),
            }],
        );
        append(
            &mut c.store,
            t + 9,
            vec![EventBody::StaffSaved {
                staff: staff(3, "clerk"),
            }],
        );
        append(&mut a.store, t + 10, vec![withdrawal(3), signed(3, 0)]);
        let mut keys = BTreeMap::new();
        let mut chains = Vec::new();
        for d in [&a, &b, &c] {
            let own = d.store.desk();
            let chain = d.store.rows_after(own, 0, usize::MAX).expect("rows");
            for row in &chain {
                if row.subject != NO_SUBJECT
                    && let Some(key) = d.store.subject_key(row.subject).expect("key")
                {
                    keys.entry(row.subject).or_insert(key);
                }
            }
            chains.push(chain);
        }
        Sources { chains, keys }
    })
}

/// The keys of the subjects of `rows`.
fn keys_of(rows: &[Row]) -> Vec<(PatientId, SubjectKey)> {
    let keys = &sources().keys;
    let mut out: BTreeMap<PatientId, SubjectKey> = BTreeMap::new();
    for row in rows {
        if let Some(key) = keys.get(&row.subject) {
            out.insert(row.subject, key.clone());
        }
    }
    out.into_iter().collect()
}

/// The rows of the first `desks` chains, merged by `picks` (each pick takes the next row of one
/// of the desks that still have rows).
fn interleave(desks: usize, picks: &[u8]) -> Vec<Row> {
    let chains = &sources().chains[..desks];
    let mut next = vec![0usize; desks];
    let mut out = Vec::new();
    let mut picks = picks.iter().cycle();
    loop {
        let live: Vec<usize> = (0..desks).filter(|&d| next[d] < chains[d].len()).collect();
        if live.is_empty() {
            return out;
        }
        let d = live[usize::from(*picks.next().unwrap_or(&0)) % live.len()];
        out.push(chains[d][next[d]].clone());
        next[d] += 1;
    }
}

/// A new desk that took `rows` in one batch.
fn at_once(desks: usize) -> [u8; 32] {
    static DIGESTS: OnceLock<Vec<[u8; 32]>> = OnceLock::new();
    DIGESTS.get_or_init(|| {
        (0..=3)
            .map(|n| {
                let rows: Vec<Row> = sources().chains[..n].concat();
                let mut d = desk(0xD, false);
                d.store.ingest(&rows, &keys_of(&rows)).expect("one batch");
                digest(&d.store)
            })
            .collect()
    })[desks]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_batches_in_any_interleaving_fold_as_a_rebuild_and_as_one_batch(
        desks in 2usize..=3,
        picks in proptest::collection::vec(any::<u8>(), 1..64),
        sizes in proptest::collection::vec(1usize..12, 1..16),
        twice in proptest::collection::vec(any::<bool>(), 1..16),
    ) {
        let rows = interleave(desks, &picks);
        let mut d = desk(0xD, false);
        let mut start = 0;
        let mut batch = 0;
        while start < rows.len() {
            let end = (start + sizes[batch % sizes.len()]).min(rows.len());
            let part = &rows[start..end];
            let keys = keys_of(part);
            let report = d.store.ingest(part, &keys).expect("batch");
            prop_assert_eq!(report.stored + report.skipped, part.len());
            if twice[batch % twice.len()] {
                let again = d.store.ingest(part, &keys).expect("again");
                prop_assert_eq!((again.stored, again.skipped), (0, part.len()));
            }
            start = end;
            batch += 1;
        }
        prop_assert_eq!(digest(&d.store), at_once(desks));
        assert_whole(&mut d.store);
    }
}
