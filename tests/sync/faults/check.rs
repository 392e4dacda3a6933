//! What must hold after every schedule, once the faults are off and the desks have synced until
//! nothing moves: no acknowledged event lost, none duplicated (on any desk or on the server),
//! every chain verifies, every desk's state digest equals the others', and the latest patients
//! registered anywhere open at every desk.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use consent_domain::ids::DeskId;
use consent_store::ledger::Head;

use super::cluster::Cluster;

/// Checks everything; panics (with the schedule's log, see [`Cluster`]'s drop) on the first
/// broken invariant.
pub fn invariants(cluster: &mut Cluster) {
    let heads = same_heads(cluster);
    acknowledged_present(cluster);
    exactly_once_on_desks(cluster, &heads);
    exactly_once_on_server(cluster, &heads);
    verified_and_equal(cluster);
    patients_everywhere(cluster);
}

/// The latest patients registered anywhere have a card at every desk (the ledger checks above
/// say the events are there; this says the fold made them into patients staff can open).
fn patients_everywhere(cluster: &mut Cluster) {
    let latest: Vec<String> = cluster.patients.iter().rev().take(30).cloned().collect();
    for slot in &mut cluster.slots {
        let staff = slot.staff.clone();
        let name = slot.name;
        for id in &latest {
            if let Err(e) = slot.desk().card(&staff, id) {
                panic!("desk {name} has no card for patient {id}: {e}");
            }
        }
    }
}

/// Every desk holds the same chains up to the same heads, and a chain of every desk.
fn same_heads(cluster: &Cluster) -> BTreeMap<DeskId, Head> {
    let mut all = cluster.slots.iter().map(|s| {
        (
            s.name,
            s.probe
                .heads()
                .expect("heads")
                .into_iter()
                .collect::<BTreeMap<_, _>>(),
        )
    });
    let (first_name, first) = all.next().expect("a desk");
    for (name, heads) in all {
        assert_eq!(
            heads, first,
            "desk {name} holds other heads than desk {first_name}"
        );
    }
    for slot in &cluster.slots {
        assert!(
            first.contains_key(&slot.id),
            "desk {}'s chain is missing",
            slot.name
        );
    }
    first
}

/// The head each desk had after its last acknowledged write is held, with its hash, everywhere:
/// by the hash chain, so is every acknowledged event before it.
fn acknowledged_present(cluster: &Cluster) {
    for owner in &cluster.slots {
        let Some(acked) = owner.acked else { continue };
        for holder in &cluster.slots {
            let held = holder.probe.held_hash(owner.id, acked.seq).expect("hash");
            assert_eq!(
                held,
                Some(acked.hash),
                "desk {} lacks desk {}'s acknowledged event {} (or holds another)",
                holder.name,
                owner.name,
                acked.seq
            );
        }
    }
}

/// Every desk holds each chain as rows 1..=head, each once, and no event id twice.
fn exactly_once_on_desks(cluster: &Cluster, heads: &BTreeMap<DeskId, Head>) {
    for holder in &cluster.slots {
        let mut events = HashSet::new();
        for (desk, head) in heads {
            let rows = holder.probe.rows_after(*desk, 0, usize::MAX).expect("rows");
            let seqs: Vec<u64> = rows.iter().map(|r| r.seq).collect();
            assert!(
                seqs.iter().copied().eq(1..=head.seq),
                "desk {} holds chain {desk} as {} rows up to {:?}, its head is {}",
                holder.name,
                seqs.len(),
                seqs.last(),
                head.seq
            );
            for row in &rows {
                assert!(
                    events.insert(row.event),
                    "desk {} holds event {:?} twice",
                    holder.name,
                    row.event
                );
            }
        }
    }
}

/// The server's rows, pulled from the start: every (desk, seq) once, cursors rising, no event id
/// twice, and its heads are the desks' heads.
fn exactly_once_on_server(cluster: &Cluster, heads: &BTreeMap<DeskId, Head>) {
    let engine = consent_sync::Engine::for_store(&cluster.slots[0].probe).expect("engine");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut after = 0;
    let mut last_cursor = 0;
    let mut places = HashSet::new();
    let mut events = HashSet::new();
    let mut count: BTreeMap<[u8; 16], u64> = BTreeMap::new();
    let server_heads = loop {
        let page = rt
            .block_on(engine.client().pull(after, 5_000, Duration::ZERO))
            .expect("the server answers with no faults");
        for pulled in &page.rows {
            assert!(pulled.cursor > last_cursor, "cursors go back on the server");
            last_cursor = pulled.cursor;
            assert!(
                places.insert((pulled.row.desk, pulled.row.seq)),
                "the server holds row {} of a desk twice",
                pulled.row.seq
            );
            assert!(
                events.insert(pulled.row.event),
                "the server holds an event twice"
            );
            *count.entry(pulled.row.desk).or_default() += 1;
        }
        after = page.next;
        if !page.more {
            break page.heads;
        }
    };
    let server: BTreeMap<DeskId, Head> = server_heads
        .iter()
        .map(|h| {
            (
                DeskId::from_bytes(h.desk),
                Head {
                    seq: h.seq,
                    hash: h.hash,
                },
            )
        })
        .collect();
    assert_eq!(&server, heads, "the server's heads are not the desks'");
    for (desk, head) in heads {
        assert_eq!(
            count.get(desk.as_bytes()).copied().unwrap_or(0),
            head.seq,
            "the server's row count of chain {desk}"
        );
    }
}

/// Every desk's ledger verifies and folds to the same state.
fn verified_and_equal(cluster: &mut Cluster) {
    let mut digests = Vec::new();
    for slot in &mut cluster.slots {
        let staff = slot.staff.clone();
        let name = slot.name;
        let desk = slot.desk();
        let report = desk.verify(&staff).expect("verify");
        assert!(
            report.intact,
            "desk {name}'s ledger does not verify: {:?}",
            report.defects
        );
        digests.push((name, desk.state_digest().expect("digest")));
    }
    let (first_name, first) = &digests[0];
    for (name, digest) in &digests[1..] {
        assert_eq!(
            digest, first,
            "desk {name}'s state digest differs from desk {first_name}'s"
        );
    }
}
