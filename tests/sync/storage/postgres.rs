//! The storage story on a throwaway PostgreSQL cluster, and what only this backend needs checked.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use consent_desk_tests::postgres::TestCluster;
use consent_server::storage::StorageError;
use consent_server::storage::postgres::{
    HEADS_SQL, PostgresBackend, SCHEMA_VERSION_KEY, latest_version,
};

use super::{id, read, row, story, write};

fn backend(cluster: &TestCluster, pool: usize) -> PostgresBackend {
    PostgresBackend::connect(&cluster.url(), pool).expect("connect to the test cluster")
}

#[test]
fn postgres_story() {
    let cluster = TestCluster::start();
    story(&backend(&cluster, 4));
}

/// The bug this guards against: cursors from a sequence commit out of order, and a puller that
/// saw cursor N+1 before N committed never sees N. Writers here push as fast as they can while a
/// puller follows; every row must reach it exactly once, the cursors 1, 2, 3, … without a gap.
#[test]
fn postgres_cursor_is_never_skipped_by_a_puller() {
    const WRITERS: u8 = 4;
    const TRANSACTIONS: u64 = 150;
    let cluster = TestCluster::start();
    let backend = Arc::new(backend(&cluster, WRITERS as usize + 2));
    let done = Arc::new(AtomicBool::new(false));

    let puller = {
        let (backend, done) = (Arc::clone(&backend), Arc::clone(&done));
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            let mut after = 0;
            let deadline = Instant::now() + Duration::from_secs(300);
            loop {
                // Read the flag before the page: a page read after the writers finished is final.
                let finished = done.load(Ordering::SeqCst);
                let page = read(&*backend, |tx| tx.rows_after(after, 100));
                if page.is_empty() {
                    if finished {
                        return seen;
                    }
                    assert!(Instant::now() < deadline, "the writers never finished");
                    std::thread::sleep(Duration::from_millis(1));
                }
                for (cursor, row) in page {
                    seen.push((cursor, row.desk, row.seq));
                    after = cursor;
                }
            }
        })
    };

    let writers: Vec<_> = (0..WRITERS)
        .map(|n| {
            let backend = Arc::clone(&backend);
            std::thread::spawn(move || {
                let desk = id(n + 1);
                let (mut seq, mut prev) = (0, [0u8; 32]);
                for t in 0..TRANSACTIONS {
                    // One to three rows a transaction, so transactions differ in length.
                    let batch: Vec<_> = (0..1 + (t + u64::from(n)) % 3)
                        .map(|_| {
                            seq += 1;
                            let next = row(desk, seq, prev);
                            prev = next.hash;
                            next
                        })
                        .collect();
                    write(&*backend, |tx| {
                        for row in &batch {
                            tx.insert_row(row)?;
                        }
                        Ok(())
                    })
                    .expect("push a batch");
                }
                seq
            })
        })
        .collect();
    let mut total = 0;
    for writer in writers {
        total += writer.join().expect("a writer panicked");
    }
    done.store(true, Ordering::SeqCst);
    let seen = puller.join().expect("the puller panicked");

    let cursors: Vec<u64> = seen.iter().map(|(cursor, _, _)| *cursor).collect();
    let missing: Vec<u64> = (1..=total).filter(|c| !cursors.contains(c)).collect();
    assert!(
        missing.is_empty(),
        "the puller never saw {} cursors, the first {:?} ({} of {total} rows seen)",
        missing.len(),
        &missing[..missing.len().min(10)],
        seen.len()
    );
    assert_eq!(
        cursors,
        (1..=total).collect::<Vec<_>>(),
        "the puller saw the cursors in order, each once"
    );
    let rows: BTreeSet<_> = seen.iter().map(|(_, desk, seq)| (*desk, *seq)).collect();
    assert_eq!(rows.len() as u64, total, "every row was seen exactly once");
    let heads = read(&*backend, |tx| tx.heads());
    assert_eq!(heads.len(), usize::from(WRITERS));
}

#[test]
fn postgres_refuses_a_newer_schema_and_reopens_its_own() {
    let cluster = TestCluster::start();
    let first = backend(&cluster, 1);
    write(&first, |tx| tx.set_meta("kept", b"yes")).unwrap();
    drop(first);
    // Connecting again migrates nothing and loses nothing.
    let again = backend(&cluster, 1);
    assert_eq!(read(&again, |tx| tx.meta("kept")), Some(b"yes".to_vec()));
    let current = read(&again, |tx| tx.meta(SCHEMA_VERSION_KEY));
    assert_eq!(current, Some(latest_version().to_string().into_bytes()));

    let newer = (latest_version() + 1).to_string();
    write(&again, |tx| {
        tx.set_meta(SCHEMA_VERSION_KEY, newer.as_bytes())
    })
    .unwrap();
    match PostgresBackend::connect(&cluster.url(), 1) {
        Err(StorageError::TooNew(version)) => assert_eq!(version, latest_version() + 1),
        other => panic!("a newer schema was not refused: {other:?}"),
    }
}

#[test]
fn postgres_errors_never_show_the_password() {
    let cluster = TestCluster::start();
    let wrong = cluster.url().replace(cluster.password(), "Wr0ng-Secret");
    let err = PostgresBackend::connect(&wrong, 1).unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("Wr0ng-Secret"), "{shown}");
    assert!(!shown.contains(cluster.password()), "{shown}");
    assert!(shown.contains("28P01"), "the reason is given: {shown}");

    let good = backend(&cluster, 1);
    let shown = format!("{good:?}");
    assert!(!shown.contains(cluster.password()), "{shown}");
    // A constraint error names the constraint, never the values involved.
    let first = row(id(1), 1, [0; 32]);
    let mut fork = row(id(1), 1, [0; 32]);
    fork.event = [7; 16];
    write(&good, |tx| tx.insert_row(&first)).unwrap();
    let err = write(&good, |tx| tx.insert_row(&fork)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the server's database failed: SQLSTATE 23505 (rows_desk_seq_key)"
    );
}

#[test]
fn postgres_refuses_values_a_bigint_cannot_hold() {
    let cluster = TestCluster::start();
    let backend = backend(&cluster, 1);
    let mut huge = row(id(1), 1, [0; 32]);
    huge.hlc_ms = u64::MAX;
    huge.hash = huge.computed_hash().unwrap();
    let err = write(&backend, |tx| tx.insert_row(&huge)).unwrap_err();
    assert!(err.to_string().contains("row clock"), "{err}");
    assert!(read(&backend, |tx| tx.rows_after(0, 10)).is_empty());
    assert_eq!(read(&backend, |tx| tx.latest_cursor()), 0);
    // At the limit it is stored and read back as given.
    huge.hlc_ms = i64::MAX as u64;
    huge.hash = huge.computed_hash().unwrap();
    assert_eq!(write(&backend, |tx| tx.insert_row(&huge)).unwrap(), 1);
    assert_eq!(
        read(&backend, |tx| tx.rows_after(0, 10)),
        vec![(1, huge.clone())]
    );
}

/// `heads` must walk the (desk, seq) index, not read every row: checked on the plan PostgreSQL
/// chooses for a table of many rows.
#[test]
fn postgres_heads_do_not_scan_the_rows() {
    let cluster = TestCluster::start();
    let backend = backend(&cluster, 1);
    write(&backend, |tx| {
        for n in 1..=5 {
            let (mut prev, desk) = ([0; 32], id(n));
            for seq in 1..=2_000 {
                let next = row(desk, seq, prev);
                prev = next.hash;
                tx.insert_row(&next)?;
            }
        }
        Ok(())
    })
    .unwrap();
    let mut admin = cluster.admin(consent_desk_tests::postgres::DATABASE);
    admin.batch_execute("ANALYZE rows").unwrap();
    let heads = read(&backend, |tx| tx.heads());
    assert_eq!(
        heads.iter().map(|h| h.seq).collect::<Vec<_>>(),
        vec![2_000; 5]
    );
    let plan: Vec<String> = admin
        .query(&format!("EXPLAIN {HEADS_SQL}"), &[])
        .unwrap()
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect();
    let plan = plan.join("\n");
    assert!(!plan.contains("Seq Scan"), "{plan}");
    assert!(plan.contains("rows_desk_seq_key"), "{plan}");
}
