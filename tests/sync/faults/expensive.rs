//! The expensive faults, one in some schedules: the server killed (-9) mid-batch and restarted on
//! its address; a desk offline for days that comes back with thousands of events; a desk's sync
//! process killed (-9) mid-pull and the desk reopened.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use consent_desk_tests::fault_proxy::Faults;
use consent_desk_tests::process::Guarded;
use consent_desk_tests::rng::Rng;
use consent_domain::Lang;
use consent_service::{Desk, KeyChoice};
use consent_sync::membership;

use super::Stats;
use super::cluster::{Cluster, HOUR_MS};
use super::steps::{note_sync, random_faults, sync, work};

const DAY_MS: u64 = 24 * HOUR_MS;

/// The server is killed (-9) while a desk's push is on the way, and started again.
pub(super) fn kill_server_mid_batch(
    cluster: &mut Cluster,
    d: usize,
    rng: &mut Rng,
    stats: &mut Stats,
) {
    let actions = rng.range(5, 40) as usize;
    work(cluster, d, rng, actions, stats, true);
    let delay = Duration::from_millis(rng.range(0, 3));
    let after = Duration::from_millis(rng.range(0, 80));
    kill_server_during_sync(cluster, d, delay, after, rng, stats);
}

/// Desk `d` syncs (its link delaying every chunk by `delay`) and the server is killed `after`
/// into it; then started again on its address, or left down until a later step starts it.
fn kill_server_during_sync(
    cluster: &mut Cluster,
    d: usize,
    delay: Duration,
    after: Duration,
    rng: &mut Rng,
    stats: &mut Stats,
) {
    let Some(server) = cluster.server.take() else {
        return;
    };
    let slot = &mut cluster.slots[d];
    let name = slot.name;
    let pending = slot
        .own_head()
        .map_or(0, |h| h.seq)
        .saturating_sub(membership::pushed(&slot.probe).expect("mark"));
    slot.proxy.set(Faults {
        delay,
        ..Faults::PASS
    });
    let result = std::thread::scope(|scope| {
        let syncing = scope.spawn(|| slot.sync());
        std::thread::sleep(after);
        server.kill();
        syncing
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    });
    stats.server_kills += 1;
    stats.server_kills_mid_sync += usize::from(result.is_none());
    stats.syncs += 1;
    cluster.note(format!(
        "server killed -9 {after:?} into {name}'s sync ({pending} rows not yet acknowledged by the server)"
    ));
    note_sync(cluster, name, result.as_ref());
    if rng.chance(70) {
        cluster.restart_server();
        cluster.note("server restarted on its address".into());
    } else {
        cluster.note("server left down for now".into());
    }
}

/// A desk is cut off for days (its clock moves on), takes thousands of events, then comes back.
pub(super) fn offline_for_days(cluster: &mut Cluster, d: usize, rng: &mut Rng, stats: &mut Stats) {
    stats.offline_days += 1;
    let slot = &cluster.slots[d];
    slot.proxy.set(Faults {
        offline: true,
        ..Faults::PASS
    });
    let days = rng.range(2, 6);
    slot.clock.set(slot.clock.get() + days * DAY_MS);
    let name = slot.name;
    cluster.note(format!("{name}: offline for {days} days"));
    sync(cluster, d, stats);
    let actions = rng.range(1_000, 2_000) as usize;
    work(cluster, d, rng, actions, stats, true);
    // Back: thousands of rows go up in batches of a thousand, through a clean link, a faulty
    // one, or with the server killed while they travel.
    match rng.below(3) {
        0 => {
            cluster.slots[d].proxy.set(Faults::PASS);
            cluster.note(format!("{name}: back online"));
            sync(cluster, d, stats);
        }
        1 => {
            let faults = random_faults(rng);
            cluster.slots[d].proxy.set(faults);
            cluster.note(format!("{name}: back online with {faults:?}"));
            sync(cluster, d, stats);
        }
        _ => {
            cluster.restart_server();
            let delay = Duration::from_millis(rng.range(0, 2));
            let after = Duration::from_millis(rng.range(20, 1_500));
            kill_server_during_sync(cluster, d, delay, after, rng, stats);
        }
    }
}

/// A desk's sync runs as a process of its own (as the app's sync task would) and is killed (-9)
/// while it pulls, sometimes while staff write at the desk; the desk is closed and opened again
/// in this process, with nothing acknowledged lost.
pub(super) fn kill_desk_mid_pull(
    cluster: &mut Cluster,
    d: usize,
    rng: &mut Rng,
    stats: &mut Stats,
) {
    stats.desk_kills += 1;
    // Something to pull: another desk's burst of work, on the server.
    let other = (d + 1 + rng.index(cluster.slots.len() - 1)) % cluster.slots.len();
    let burst = rng.range(100, 400) as usize;
    work(cluster, other, rng, burst, stats, true);
    cluster.restart_server();
    cluster.slots[other].proxy.set(Faults::PASS);
    let pushed = cluster.slots[other].sync();
    let other_name = cluster.slots[other].name;
    note_sync(cluster, other_name, pushed.as_ref());

    let slot = &mut cluster.slots[d];
    let name = slot.name;
    assert_eq!(
        slot.own_head(),
        slot.acked,
        "desk {name}'s own head before the kill"
    );
    slot.proxy.set(Faults {
        delay: Duration::from_millis(rng.range(0, 2)),
        ..Faults::PASS
    });
    let mut command = Command::new(env!("CARGO_BIN_EXE_sync-desk"));
    command
        .arg(&slot.dir)
        .arg(&slot.key)
        .arg(&slot.login)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut child = Guarded::spawn_configured("sync-desk", command);
    let mut stdout = BufReader::new(child.take_stdout().expect("piped stdout"));
    let mut first = String::new();
    stdout
        .read_line(&mut first)
        .expect("the child's first line");
    assert_eq!(
        first.trim(),
        "start",
        "the sync process did not open the desk"
    );
    let opened = Instant::now();
    // Pulling and folding a few hundred rows takes a few hundred milliseconds here: most kills
    // land in the first sync, the rest in the quiet ones after it.
    let after = Duration::from_millis(rng.range(5, 250));
    // Half the time staff keep working at the desk meanwhile: the app's appends and the sync
    // process's ingest take turns on one file, as they do in the clinic.
    let concurrent = rng.chance(50);
    let acked_before = cluster.slots[d].acked;
    while concurrent && opened.elapsed() < after {
        work(cluster, d, rng, 1, stats, true);
    }
    if let Some(left) = after.checked_sub(opened.elapsed()) {
        std::thread::sleep(left);
    }
    child.signal_and_wait("-KILL");
    let slot = &mut cluster.slots[d];
    // Closed and opened again, as after a crash of the whole app.
    slot.desk = None;
    let mut said = String::new();
    let _ = stdout.read_to_string(&mut said);
    drop(child);
    let outcomes: Vec<&str> = said.lines().collect();
    stats.desk_kills_mid_first_sync += usize::from(outcomes.is_empty());
    if let Some(bad) = outcomes
        .iter()
        .find(|l| l.starts_with("failed") && **l != "failed sync_unreachable")
    {
        panic!("desk {name}'s sync process: {bad}");
    }

    let desk = Desk::open(
        &slot.dir,
        KeyChoice::Env(slot.key.clone()),
        slot.clock.clone() as Arc<dyn consent_service::clock::Clock>,
        Lang::Ru,
    )
    .expect("the desk opens after its sync process was killed");
    assert_eq!(
        desk.ledger_warning(Lang::En),
        None,
        "desk {name}'s ledger must still reach its anchor"
    );
    slot.desk = Some(desk);
    assert_eq!(
        slot.own_head(),
        slot.acked,
        "desk {name} lost its own events"
    );
    let staff = slot.staff.clone();
    let report = slot.desk().verify(&staff).expect("verify");
    assert!(
        report.intact,
        "desk {name} after the kill: {:?}",
        report.defects
    );
    let written = slot.acked.map_or(0, |h| h.seq) - acked_before.map_or(0, |h| h.seq);
    cluster.note(format!(
        "{name}: sync process killed -9 {:?} after it opened the desk ({} syncs done: {:?}; \
         {written} events written meanwhile); reopened",
        opened.elapsed().max(after),
        outcomes.len(),
        outcomes
    ));
}
