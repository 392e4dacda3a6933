//! The app's background sync: one thread with a small runtime of its own and its own handle on the
//! desk's database (one more writer beside the app and `consentctl`), so a slow or dead server never
//! blocks the UI or a use case.
//!
//! The loop: push what the server lacks, then pull with a long-poll that the server ends as soon as
//! another desk pushes. A local change ([`SyncTask::local_change`]) or «Синхронизировать сейчас»
//! ([`SyncTask::sync_now`]) ends the wait at once, so a change leaves the desk within moments. A
//! failure waits 1, 2, 4 … 30 s, each drawn at random from its upper half, so desks cut off together
//! do not come back together; a local change does not shorten the wait, «сейчас» does.
//!
//! The task reports through a listener: [`SyncEvent::Status`] when its state changed (the app asks
//! [`crate::Session::sync_status`] again, in the language of the moment) and [`SyncEvent::Arrived`]
//! when rows of other desks were taken in, with the patients whose data changed, so search, the card
//! and the queue refresh without polling.
//!
//! Invariants: no personal data in the status, the events or the logs (patient ids only, which are
//! random); the task opens the desk only after the app has (the app runs the migrations and the
//! anchor check first); stopping waits for a pull in progress to store its page or drop it whole.

use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::Notify;

use consent_domain::Lang;

use crate::api::Arrival;
use crate::{Desk, ErrorPayload, ServiceError};

/// How long a pull waits for news before asking again (the server may cap it lower).
pub const LONG_POLL: Duration = Duration::from_secs(25);
/// The first wait after a failure; it doubles up to [`BACKOFF_MAX`].
pub const BACKOFF_FIRST: Duration = Duration::from_secs(1);
/// The longest wait between attempts while the server cannot be reached.
pub const BACKOFF_MAX: Duration = Duration::from_secs(30);

/// The name of [`SyncEvent::Status`] on its way to the UI.
pub const STATUS_EVENT: &str = "sync-status";
/// The name of [`SyncEvent::Arrived`] on its way to the UI.
pub const ARRIVED_EVENT: &str = "sync-arrived";

/// What the task tells the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncEvent {
    /// The sync state changed: ask for the status again.
    Status,
    /// Other desks' rows were taken in.
    Arrived(Arrival),
}

/// The task's own facts; the app adds what its desk knows (rows waiting, the server) when it
/// reports them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskState {
    /// When the last push and pull both succeeded (wall time, ms).
    pub synced_ms: Option<u64>,
    /// Since when the server could not be reached (wall time, ms); cleared by a success.
    pub offline_since_ms: Option<u64>,
    /// Why the last attempt failed, unless the server simply could not be reached: the error as
    /// the app shows it, in Russian and in English (the language may change before it is shown).
    pub problem: Option<Box<[ErrorPayload; 2]>>,
}

impl TaskState {
    /// The problem in `lang`.
    pub fn problem_in(&self, lang: Lang) -> Option<&ErrorPayload> {
        let both = self.problem.as_deref()?;
        Some(match lang {
            Lang::Ru => &both[0],
            Lang::En => &both[1],
        })
    }
}

/// Opens the task's own handle on the desk, once the app has opened it.
pub type Opener = Box<dyn FnMut() -> Result<Desk, ServiceError> + Send>;
/// Receives the task's events (the shell forwards them to the UI).
pub type Listener = Arc<dyn Fn(SyncEvent) + Send + Sync>;

#[derive(Debug, Default)]
struct Flags {
    stop: bool,
    now: bool,
    local: bool,
    /// The app has its desk open: the task may open its own.
    desk_ready: bool,
}

struct Shared {
    flags: Mutex<Flags>,
    wake: Notify,
    state: Mutex<TaskState>,
    listener: Listener,
}

impl Shared {
    fn flags(&self) -> std::sync::MutexGuard<'_, Flags> {
        self.flags.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn poke(&self, set: impl FnOnce(&mut Flags)) {
        set(&mut self.flags());
        self.wake.notify_one();
    }

    fn state(&self) -> TaskState {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Changes the state and tells the app when it changed.
    fn update(&self, change: impl FnOnce(&mut TaskState)) {
        let changed = {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            let before = state.clone();
            change(&mut state);
            *state != before
        };
        if changed {
            (self.listener)(SyncEvent::Status);
        }
    }

    fn stopping(&self) -> bool {
        self.flags().stop
    }
}

/// The running task. Dropping it stops the task and waits for it.
pub struct SyncTask {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for SyncTask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncTask")
            .field("state", &self.shared.state())
            .finish_non_exhaustive()
    }
}

impl SyncTask {
    /// Starts the task. It waits for [`SyncTask::desk_ready`] before it opens anything.
    pub fn start(
        opener: Opener,
        listener: Listener,
        clock: Arc<dyn crate::clock::Clock>,
    ) -> SyncTask {
        let shared = Arc::new(Shared {
            flags: Mutex::new(Flags::default()),
            wake: Notify::new(),
            state: Mutex::new(TaskState::default()),
            listener,
        });
        let inner = shared.clone();
        let thread = std::thread::Builder::new()
            .name("consent-sync".into())
            .spawn(move || {
                // Two workers: the next pull page travels while the current one is stored.
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(error) => {
                        tracing::error!("the sync task could not start its runtime: {error}");
                        return;
                    }
                };
                runtime.block_on(run(inner, opener, clock));
            })
            .ok();
        if thread.is_none() {
            tracing::error!("the sync task's thread could not start");
        }
        SyncTask { shared, thread }
    }

    /// The app has opened its desk (after a first start, a restored key, or at start-up).
    pub fn desk_ready(&self) {
        self.shared.poke(|f| f.desk_ready = true);
    }

    /// Something was recorded at this desk: send it now.
    pub fn local_change(&self) {
        self.shared.poke(|f| f.local = true);
        // The count of rows waiting changed even when the server cannot be reached.
        (self.shared.listener)(SyncEvent::Status);
    }

    /// «Синхронизировать сейчас», or the desk has just joined: try now, whatever the last failure.
    pub fn sync_now(&self) {
        self.shared.poke(|f| f.now = true);
    }

    pub fn state(&self) -> TaskState {
        self.shared.state()
    }
}

impl Drop for SyncTask {
    fn drop(&mut self) {
        self.shared.poke(|f| f.stop = true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Why the task waits.
enum Pause {
    /// Until it is woken (not joined yet, no desk yet).
    UntilWoken,
    /// Backing off after the `n`-th failure in a row.
    Backoff(u32),
}

async fn run(shared: Arc<Shared>, mut opener: Opener, clock: Arc<dyn crate::clock::Clock>) {
    let mut desk: Option<Desk> = None;
    let mut failures = 0u32;
    loop {
        if shared.stopping() {
            return;
        }
        let pause = match step(&shared, &mut opener, &mut desk, clock.as_ref()).await {
            Ok(None) => {
                failures = 0;
                continue;
            }
            Ok(Some(pause)) => pause,
            Err(error) => {
                failures = failures.saturating_add(1);
                note_failure(&shared, error, clock.now_ms());
                Pause::Backoff(failures)
            }
        };
        wait(&shared, pause).await;
    }
}

/// One round: push, then pull with a long-poll. `Ok(None)`: go round again at once.
async fn step(
    shared: &Shared,
    opener: &mut Opener,
    desk: &mut Option<Desk>,
    clock: &dyn crate::clock::Clock,
) -> Result<Option<Pause>, ServiceError> {
    if desk.is_none() {
        if !shared.flags().desk_ready {
            return Ok(Some(Pause::UntilWoken));
        }
        *desk = Some(opener()?);
    }
    let Some(desk) = desk.as_mut() else {
        return Ok(Some(Pause::UntilWoken));
    };
    let Some(engine) = desk.engine()? else {
        shared.update(|s| *s = TaskState::default());
        return Ok(Some(Pause::UntilWoken));
    };
    {
        let mut flags = shared.flags();
        flags.local = false;
        flags.now = false;
    }
    let pushed = desk.push_unsent(&engine).await?;
    if pushed > 0 {
        tracing::info!(rows = pushed, "sync: pushed");
    }
    // Everything the server has now, without waiting: only then is the desk "synced".
    let pulled = desk.pull_news(&engine, Duration::ZERO).await?;
    announce(shared, &pulled);
    synced(shared, clock.now_ms());
    let polled = {
        let poll = desk.pull_news(&engine, LONG_POLL);
        tokio::pin!(poll);
        loop {
            tokio::select! {
                pulled = &mut poll => break Some(pulled?),
                () = shared.wake.notified() => {
                    if wants_attention(shared) {
                        // Dropping the poll abandons its request; a page is stored whole or not
                        // at all.
                        break None;
                    }
                }
            }
        }
    };
    if let Some(pulled) = polled {
        announce(shared, &pulled);
        synced(shared, clock.now_ms());
    }
    Ok(None)
}

fn announce(shared: &Shared, pulled: &consent_sync::Pulled) {
    if pulled.rows == 0 {
        return;
    }
    tracing::info!(rows = pulled.rows, "sync: pulled");
    (shared.listener)(SyncEvent::Arrived(Arrival {
        patients: pulled.subjects.iter().map(ToString::to_string).collect(),
        desk_changed: pulled.desk_changed,
    }));
}

/// A wake-up that ends a long-poll: stop, «сейчас», or a change to send. Anything else (the app
/// opening its desk again) lets the poll go on.
fn wants_attention(shared: &Shared) -> bool {
    let flags = shared.flags();
    flags.stop || flags.now || flags.local
}

fn synced(shared: &Shared, at_ms: u64) {
    shared.update(|s| {
        s.synced_ms = Some(at_ms);
        s.offline_since_ms = None;
        s.problem = None;
    });
}

fn note_failure(shared: &Shared, error: ServiceError, now_ms: u64) {
    let unreachable = error.detail() == Some("sync_unreachable");
    tracing::info!(
        code = error.code().as_str(),
        detail = error.detail().unwrap_or(""),
        "sync: attempt failed"
    );
    let problem = (!unreachable).then(|| {
        Box::new([
            crate::messages::localize(&error, Lang::Ru),
            crate::messages::localize(&error, Lang::En),
        ])
    });
    shared.update(|s| {
        if unreachable {
            s.offline_since_ms.get_or_insert(now_ms);
        }
        s.problem = problem;
    });
}

async fn wait(shared: &Shared, pause: Pause) {
    let failures = match pause {
        Pause::UntilWoken => {
            if !shared.stopping() {
                shared.wake.notified().await;
            }
            return;
        }
        Pause::Backoff(failures) => failures,
    };
    let deadline = tokio::time::Instant::now() + backoff(failures, random_unit());
    loop {
        {
            let flags = shared.flags();
            if flags.stop || flags.now {
                return;
            }
        }
        tokio::select! {
            () = shared.wake.notified() => {}
            () = tokio::time::sleep_until(deadline) => return,
        }
    }
}

/// The wait after the `failures`-th failure in a row: 1, 2, 4 … up to 30 s, then a point drawn by
/// `unit` (0 ≤ unit < 1) from its upper half.
pub fn backoff(failures: u32, unit: f64) -> Duration {
    let exponent = failures.saturating_sub(1).min(16);
    let ceiling = BACKOFF_FIRST
        .saturating_mul(1u32 << exponent)
        .min(BACKOFF_MAX);
    ceiling.mul_f64(0.5 + 0.5 * unit.clamp(0.0, 1.0))
}

fn random_unit() -> f64 {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        return 0.5;
    }
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_its_ceiling_and_stays_in_the_upper_half() {
        let cases = [
            (1, 0.0, 500),
            (1, 0.999_999, 1_000),
            (2, 0.0, 1_000),
            (3, 0.5, 3_000),
            (5, 0.0, 8_000),
            (6, 0.0, 15_000),
            (6, 1.0, 30_000),
            (40, 0.0, 15_000),
            (u32::MAX, 1.0, 30_000),
        ];
        for (failures, unit, millis) in cases {
            let got = backoff(failures, unit).as_millis();
            assert!(
                got.abs_diff(millis) <= 1,
                "failures {failures}, unit {unit}: {got} ms, expected {millis}"
            );
        }
    }

    #[test]
    fn random_units_spread_over_the_interval() {
        let draws: Vec<f64> = (0..200).map(|_| random_unit()).collect();
        assert!(draws.iter().all(|u| (0.0..1.0).contains(u)));
        assert!(draws.iter().any(|u| *u < 0.25) && draws.iter().any(|u| *u > 0.75));
    }
}
