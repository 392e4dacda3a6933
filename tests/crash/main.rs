//! Crash safety: an event acknowledged by `Store::append` survives a kill -9 of the writing process at
//! any moment. A child process appends in a loop and prints an acknowledgement after each commit; it is
//! killed without warning; the database must hold every acknowledged event and its chain must verify.
//! And several writers on one desk: two processes write through the service at once, one of them
//! killed again and again, and no write is refused or lost.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Lines};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use consent_domain::event::{Event, EventBody};
use consent_domain::ids::DeskId;
use consent_domain::staff::{Login, Role, Staff, StaffId};
use consent_store::{DatabaseId, DbKey, Store};
use uuid::Uuid;

#[test]
fn kill_9_loses_no_acknowledged_event() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("desk.db");
    let key = DbKey::generate().expect("key");
    {
        let mut store = Store::create(
            &path,
            &key,
            &DatabaseId::generate().expect("id"),
            DeskId::from_uuid(Uuid::from_u128(9)),
        )
        .expect("create");
        let admin = Staff::new(
            StaffId::from_u128(1),
            Login::parse("admin").expect("login"),
            "Администратор",
            Role::Admin,
        )
        .expect("staff");
        store
            .append(
                StaffId::from_u128(1),
                1,
                EventBody::StaffSaved { staff: admin },
            )
            .expect("seed");
    }

    for round in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crash-writer"))
            .arg(&path)
            .arg(key.reveal_hex().as_str())
            .arg(round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the writer");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut acked = Vec::new();
        let started = Instant::now();
        // Kill at a different moment each round, mid-stream.
        let target = 40 + round * 37;
        while acked.len() < target && started.elapsed() < Duration::from_secs(60) {
            match lines.next() {
                Some(Ok(line)) => {
                    let seq: u64 = line
                        .split_whitespace()
                        .nth(1)
                        .and_then(|s| s.parse().ok())
                        .expect("ack line");
                    acked.push(seq);
                }
                _ => break,
            }
        }
        child.kill().expect("SIGKILL the writer");
        let _ = child.wait();
        assert!(
            acked.len() >= target,
            "round {round}: the writer acknowledged too little"
        );

        let mut store = Store::open(&path, &key).expect("reopen after the crash");
        let (events, _) = store.events().expect("read events");
        let seqs: std::collections::BTreeSet<u64> = events.iter().map(|e| e.seq).collect();
        for seq in &acked {
            assert!(
                seqs.contains(seq),
                "round {round}: acknowledged event {seq} was lost"
            );
        }
        let verification = store.verify().expect("verify");
        assert!(verification.is_intact(), "round {round}: {verification:?}");
        assert_eq!(
            store.rebuild().expect("rebuild").patients,
            events
                .iter()
                .filter(|e| e.body.kind() == "patient_registered")
                .count(),
            "round {round}: projections match the ledger"
        );
    }
}

/// A service writer on the prepared desk in `dir`, registering up to `count` patients.
fn service_writer(dir: &std::path::Path, count: u64) -> (Child, Lines<BufReader<ChildStdout>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_service-writer"))
        .arg(dir)
        .arg(count.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start a service writer");
    let stdout = child.stdout.take().expect("piped stdout");
    (child, BufReader::new(stdout).lines())
}

/// The patient id of an `ack <id>` line; a `refused …` line fails the test.
fn acknowledged(line: &str) -> String {
    match line.strip_prefix("ack ") {
        Some(id) => id.to_owned(),
        None => panic!("a write was refused: {line}"),
    }
}

#[test]
fn two_service_processes_write_one_desk_at_once_and_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    consent_desk_tests::desk::prepare_desk(dir.path());
    const STEADY: usize = 400;

    // The steady writer registers STEADY patients while the other is killed at random moments.
    let (mut steady, steady_lines) = service_writer(dir.path(), STEADY as u64);
    let steady_acks = std::thread::spawn(move || {
        steady_lines
            .map(|line| acknowledged(&line.expect("read the steady writer")))
            .collect::<Vec<_>>()
    });

    let mut killed_acks = Vec::new();
    let mut seed = std::process::id() as u64 ^ 0x9e37_79b9_7f4a_7c15;
    let started = Instant::now();
    let mut kills = 0;
    // Kill and restart the other writer for as long as the steady one is writing.
    while (!steady_acks.is_finished() || kills < 3) && started.elapsed() < Duration::from_secs(300)
    {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let target = 5 + (seed >> 33) as usize % 60;
        let (mut child, mut lines) = service_writer(dir.path(), 1_000_000);
        let mut round = 0;
        while round < target {
            match lines.next() {
                Some(Ok(line)) => {
                    killed_acks.push(acknowledged(&line));
                    round += 1;
                }
                _ => panic!("the writer ended before it was killed"),
            }
        }
        child.kill().expect("SIGKILL the writer");
        let _ = child.wait();
        kills += 1;
    }
    let steady_acks = steady_acks
        .join()
        .expect("the steady writer's acknowledgements");
    let status = steady.wait().expect("the steady writer ends");
    assert!(status.success(), "the steady writer failed: {status}");
    assert_eq!(
        steady_acks.len(),
        STEADY,
        "every write of the steady writer acknowledged"
    );
    assert!(kills >= 3, "{kills} kills, {} acks", killed_acks.len());

    let key = DbKey::from_hex(consent_desk_tests::desk::TEST_KEY).expect("the test key");
    let store = Store::open(dir.path().join("consent-desk.db"), &key).expect("open the desk");
    let (events, shredded) = store.events().expect("events");
    assert_eq!(shredded, 0);
    let mut seqs: Vec<u64> = events.iter().map(|e| e.seq).collect();
    seqs.sort_unstable();
    let expected: Vec<u64> = (1..=seqs.len() as u64).collect();
    assert_eq!(seqs, expected, "seq 1..N without gaps");
    let stored: BTreeSet<String> = events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::PatientRegistered { patient, .. } => Some(patient.to_string()),
            _ => None,
        })
        .collect();
    for id in steady_acks.iter().chain(&killed_acks) {
        assert!(stored.contains(id), "acknowledged patient {id} was lost");
    }
    // The two really wrote at once: in ledger order their registrations alternate many times.
    let steady_ids: BTreeSet<&String> = steady_acks.iter().collect();
    let mut in_order: Vec<&Event> = events.iter().collect();
    in_order.sort_by_key(|e| e.seq);
    let owners: Vec<bool> = in_order
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::PatientRegistered { patient, .. } => {
                Some(steady_ids.contains(&patient.to_string()))
            }
            _ => None,
        })
        .collect();
    let switches = owners.windows(2).filter(|w| w[0] != w[1]).count();
    assert!(
        // Each run of the killed writer inside the steady one's stream makes two switches.
        switches >= 4,
        "the writers hardly overlapped: {switches} switches"
    );
    assert!(store.verify().expect("verify").is_intact());
}
