//! The steps of a fault schedule (see the suite's documentation in `faults.rs`).

use std::time::Duration;

use consent_desk_tests::fault_proxy::Faults;
use consent_desk_tests::fixtures::{patient_input, population_surname};
use consent_desk_tests::rng::Rng;
use consent_service::{GrantInput, ReceiveInput, ServiceError};
use consent_sync::membership;

use super::Stats;
use super::cluster::{Cluster, HOUR_MS, Slot, tolerate};
use super::expensive;

/// One schedule: a random run of steps, sometimes with one expensive fault among them.
pub fn schedule(cluster: &mut Cluster, rng: &mut Rng, stats: &mut Stats) {
    let steps = rng.range(8, 24) as usize;
    let special = rng.below(100);
    let at = rng.index(steps);
    for step in 0..steps {
        let d = rng.index(cluster.slots.len());
        if step == at {
            match special {
                // A desk back from days offline costs about as much as thirty other schedules
                // (thousands of use cases, each a committed event): about four per default run.
                0..=1 => expensive::offline_for_days(cluster, d, rng, stats),
                2..=7 => expensive::kill_desk_mid_pull(cluster, d, rng, stats),
                8..=19 => expensive::kill_server_mid_batch(cluster, d, rng, stats),
                _ => {}
            }
        }
        match rng.below(100) {
            0..=39 => {
                let actions = rng.range(1, 4) as usize;
                work(cluster, d, rng, actions, stats, false);
            }
            40..=59 => sync(cluster, d, stats),
            60..=71 => {
                let faults = random_faults(rng);
                cluster.note(format!("{}: faults {faults:?}", cluster.slots[d].name));
                cluster.slots[d].proxy.set(faults);
            }
            72..=79 => sync_all_at_once(cluster, rng, stats),
            80..=89 => deliver_twice(cluster, d, rng, stats),
            90..=94 => step_clock(cluster, d, rng),
            _ => {
                cluster.note(format!("{}: network healed", cluster.slots[d].name));
                cluster.slots[d].proxy.set(Faults::PASS);
            }
        }
    }
}

/// A fault for one desk's link. Byte budgets are log-uniform from 16 bytes (inside the TLS
/// handshake) to 128 KiB (inside a large push or pull page).
pub(super) fn random_faults(rng: &mut Rng) -> Faults {
    let bytes = |rng: &mut Rng| {
        let scale = 1u64 << rng.range(4, 17);
        Some(scale + rng.below(scale))
    };
    let delay = |rng: &mut Rng| Duration::from_millis(rng.range(1, 6));
    match rng.below(7) {
        0 => Faults::PASS,
        1 => Faults {
            offline: true,
            ..Faults::PASS
        },
        2 => Faults {
            cut_request_after: bytes(rng),
            ..Faults::PASS
        },
        3 => Faults {
            cut_response_after: bytes(rng),
            ..Faults::PASS
        },
        4 => Faults {
            delay: delay(rng),
            ..Faults::PASS
        },
        5 => Faults {
            cut_request_after: bytes(rng),
            delay: delay(rng),
            ..Faults::PASS
        },
        _ => Faults {
            cut_response_after: bytes(rng),
            delay: delay(rng),
            ..Faults::PASS
        },
    }
}

/// Whether a use case's failure is the domain's answer (a patient this desk has not pulled yet,
/// a rule), which a schedule's random choices can meet; anything else fails the test.
fn domain_refusal(e: &ServiceError) -> bool {
    matches!(
        e,
        ServiceError::NotFound(_)
            | ServiceError::Rule { .. }
            | ServiceError::BadInput { .. }
            | ServiceError::InvalidPatient(_)
    )
}

/// `actions` use cases at desk `d`; each acknowledged one moves the desk's acknowledged head.
pub(super) fn work(
    cluster: &mut Cluster,
    d: usize,
    rng: &mut Rng,
    actions: usize,
    stats: &mut Stats,
    quiet: bool,
) {
    let mut done = 0;
    let mut refused = 0;
    for _ in 0..actions {
        let choice = rng.below(10);
        let patient = (!cluster.patients.is_empty())
            .then(|| cluster.patients[rng.index(cluster.patients.len())].clone());
        let mut input = patient_input(&population_surname(rng.index(4096)));
        input.phone = Some(format!("+7 9{:09}", rng.below(1_000_000_000)));
        let slot = &mut cluster.slots[d];
        let staff = slot.staff.clone();
        let desk = slot.desk();
        let (what, result): (&str, Result<Option<String>, ServiceError>) = match (choice, patient) {
            (0..=3, _) | (_, None) => (
                "register",
                desk.register_patient(&staff, &input)
                    .map(|card| Some(card.patient.id)),
            ),
            (4..=6, Some(p)) => (
                "update",
                desk.update_patient(&staff, &p, &input).map(|_| None),
            ),
            (7..=8, Some(p)) => (
                "request",
                desk.receive_request(
                    &staff,
                    &ReceiveInput {
                        patient: p,
                        kind: "access".into(),
                        purposes: vec![],
                        received_on: None,
                        channel: "in_person".into(),
                        details: None,
                    },
                )
                .map(|_| None),
            ),
            (_, Some(p)) => {
                let purposes = desk.purposes(&staff).expect("purposes");
                let code = purposes[rng.index(purposes.len())].code.clone();
                (
                    "consent",
                    desk.grant_consent(
                        &staff,
                        &GrantInput {
                            patient: p,
                            granted: vec![code],
                            until: None,
                        },
                    )
                    .map(|_| None),
                )
            }
        };
        match result {
            Ok(new_patient) => {
                slot.acked = slot.own_head();
                done += 1;
                if !quiet {
                    let seq = slot.acked.map_or(0, |h| h.seq);
                    let line = format!("{}: {what} acknowledged as row {seq}", slot.name);
                    cluster.note(line);
                }
                cluster.patients.extend(new_patient);
            }
            Err(e) if domain_refusal(&e) => {
                refused += 1;
                if !quiet {
                    let line = format!("{}: {what} refused: {e}", slot.name);
                    cluster.note(line);
                }
            }
            Err(e) => panic!("desk {}: {what} failed: {e:?}", slot.name),
        }
    }
    stats.actions += done;
    if quiet {
        let name = cluster.slots[d].name;
        cluster.note(format!(
            "{name}: {done} use cases acknowledged, {refused} refused"
        ));
    }
}

pub(super) fn note_sync(
    cluster: &mut Cluster,
    name: char,
    result: Option<&consent_service::desk::SyncSummary>,
) {
    cluster.note(match result {
        Some(s) => format!("{name}: synced, pushed {} pulled {}", s.pushed, s.pulled),
        None => format!("{name}: sync unreachable"),
    });
}

pub(super) fn sync(cluster: &mut Cluster, d: usize, stats: &mut Stats) {
    let result = cluster.slots[d].sync();
    stats.syncs += 1;
    stats.syncs_failed += usize::from(result.is_none());
    let name = cluster.slots[d].name;
    note_sync(cluster, name, result.as_ref());
}

/// Every desk syncs at the same moment, each behind its own proxy with its own delay: the server
/// sees interleaved pushes and pulls, and answers arrive in another order than requests left.
fn sync_all_at_once(cluster: &mut Cluster, rng: &mut Rng, stats: &mut Stats) {
    for slot in &cluster.slots {
        let mut faults = slot.proxy.faults();
        faults.delay = Duration::from_millis(rng.below(6));
        slot.proxy.set(faults);
    }
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = cluster
            .slots
            .iter_mut()
            .map(|slot| scope.spawn(move || (slot.name, slot.sync())))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    stats.concurrent += 1;
    for (name, result) in results {
        stats.syncs += 1;
        stats.syncs_failed += usize::from(result.is_none());
        note_sync(cluster, name, result.as_ref());
    }
}

/// A batch delivered twice, one of four ways.
fn deliver_twice(cluster: &mut Cluster, d: usize, rng: &mut Rng, stats: &mut Stats) {
    stats.duplicates += 1;
    let slot = &mut cluster.slots[d];
    let name = slot.name;
    match rng.below(4) {
        0 => {
            // The push mark goes back (as if the acknowledgement was lost): push sends again.
            let pushed = membership::pushed(&slot.probe).expect("mark");
            let back = rng.range(0, pushed);
            membership::set_pushed(&mut slot.probe, back).expect("mark");
            let line = format!("{name}: push mark moved back from {pushed} to {back}");
            cluster.note(line);
            sync(cluster, d, stats);
        }
        1 => {
            // The pull cursor goes back: pages already taken in arrive again.
            let pulled = membership::pulled(&slot.probe).expect("cursor");
            let back = rng.range(0, pulled);
            membership::set_pulled(&mut slot.probe, back).expect("cursor");
            let line = format!("{name}: pull cursor moved back from {pulled} to {back}");
            cluster.note(line);
            sync(cluster, d, stats);
        }
        2 => double_push(cluster, d, stats),
        _ => replay_acknowledged(cluster, d, rng),
    }
}

/// The desk's sync and a second engine on the same file push the same pending rows at once.
fn double_push(cluster: &mut Cluster, d: usize, stats: &mut Stats) {
    let slot = &mut cluster.slots[d];
    let name = slot.name;
    let engine = consent_sync::Engine::for_store(&slot.probe).expect("engine");
    let head = slot.own_head().map_or(0, |h| h.seq);
    let pending = head.saturating_sub(membership::pushed(&slot.probe).expect("mark"));
    let Slot {
        desk, probe, staff, ..
    } = slot;
    let desk = desk.as_mut().expect("open");
    let (first, second) = std::thread::scope(|scope| {
        let a = scope.spawn(|| tolerate(name, desk.sync_now(staff)));
        let b = scope.spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            match rt.block_on(engine.push(probe)) {
                Ok(n) => Some(n),
                Err(consent_sync::SyncError::Client(
                    consent_sync::client::ClientError::Unreachable(_),
                )) => None,
                Err(e) => panic!("desk {name}: the second push failed: {e:?}"),
            }
        });
        (
            a.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    stats.syncs += 1;
    stats.syncs_failed += usize::from(first.is_none());
    cluster.note(format!(
        "{name}: {pending} pending rows pushed twice at once: sync {:?}, second push stored {second:?}",
        first.map(|s| s.pushed)
    ));
}

/// Rows the server acknowledged, sent again as they are: the server stores nothing.
fn replay_acknowledged(cluster: &mut Cluster, d: usize, rng: &mut Rng) {
    let slot = &mut cluster.slots[d];
    let name = slot.name;
    let pushed = membership::pushed(&slot.probe).expect("mark");
    if pushed == 0 {
        return;
    }
    let from = rng.range(0, pushed - 1);
    let count = rng.range(1, pushed - from) as usize;
    let engine = consent_sync::Engine::for_store(&slot.probe).expect("engine");
    let clinic = &engine.membership().clinic;
    let rows: Vec<_> = slot
        .probe
        .rows_after(slot.id, from, count)
        .expect("rows")
        .iter()
        .map(|r| consent_sync::convert::to_wire(r, clinic).expect("seal"))
        .collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let answer = rt.block_on(engine.client().push(rows, Vec::new()));
    let line = match answer {
        Ok(answer) => {
            assert_eq!(
                answer.stored,
                0,
                "desk {name}: a replay of acknowledged rows {}..={} stored rows",
                from + 1,
                from + count as u64
            );
            format!(
                "{name}: rows {}..={} replayed: nothing stored",
                from + 1,
                from + count as u64
            )
        }
        Err(consent_sync::client::ClientError::Unreachable(_)) => {
            format!("{name}: replay unreachable")
        }
        Err(e) => panic!("desk {name}: a replay of acknowledged rows was refused: {e:?}"),
    };
    cluster.note(line);
}

/// A desk's clock jumps by up to three hours either way (skew, or an NTP correction).
fn step_clock(cluster: &mut Cluster, d: usize, rng: &mut Rng) {
    let slot = &cluster.slots[d];
    let now = slot.clock.get();
    let step = rng.range(0, 3 * HOUR_MS);
    let next = if rng.chance(50) {
        now + step
    } else {
        now - step
    };
    slot.clock.set(next);
    let line = format!(
        "{}: clock stepped by {} min",
        slot.name,
        (next as i64 - now as i64) / 60_000
    );
    cluster.note(line);
}
