//! Crash safety: an event acknowledged by `Store::append` survives a kill -9 of the writing process at
//! any moment. A child process appends in a loop and prints an acknowledgement after each commit; it is
//! killed without warning; the database must hold every acknowledged event and its chain must verify.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use consent_domain::event::EventBody;
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
