//! The clinic under measure: one real server process and the desks that join it, each a fresh
//! encrypted store driven through the sync engine exactly as the app's sync task drives it.

use std::ops::Range;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use consent_desk_tests::history::{EVENTS_PER_PATIENT, body};
use consent_desk_tests::server::{Server, ServerDir};
use consent_domain::ids::DeskId;
use consent_domain::staff::StaffId;
use consent_store::{DatabaseId, DbKey, Store};
use consent_sync::Engine;
use uuid::Uuid;

pub const ACTOR: StaffId = StaffId::from_u128(1);

/// A desk: its store and its engine.
pub struct Desk {
    pub store: Store,
    pub engine: Engine,
}

pub struct Clinic {
    /// Shared by every desk: `Handle::block_on` from many threads at once is allowed, and the HTTP
    /// connections' background tasks run on its workers.
    pub rt: tokio::runtime::Runtime,
    pub server_dir: ServerDir,
    pub server: Server,
    /// Desk A, the clinic's first desk: it makes the codes of the others and holds the history.
    pub first: Desk,
    /// The load's desks, kept enrolled so the memory measure can connect them again.
    pub connected: Vec<Desk>,
    files: tempfile::TempDir,
    desks_made: u32,
}

impl Clinic {
    pub fn start(server_dir: ServerDir) -> Clinic {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let server = server_dir.start();
        let files = tempfile::Builder::new()
            .prefix("sync-bench-")
            .tempdir()
            .expect("temp dir");
        let mut store = new_store(files.path().join("desk-0.db"), 0);
        rt.block_on(consent_sync::join(
            &mut store,
            &server.first_code(),
            "Окно 1",
        ))
        .expect("the first desk joins");
        let engine = Engine::for_store(&store).expect("engine");
        Clinic {
            rt,
            server_dir,
            server,
            first: Desk { store, engine },
            connected: Vec::new(),
            files,
            desks_made: 1,
        }
    }

    /// A new desk joined with a further-desk code made at desk A (it holds nothing yet).
    pub fn join_desk(&mut self, name: &str) -> Desk {
        let code = self
            .rt
            .block_on(self.first.engine.add_desk_code(Duration::from_secs(3600)))
            .expect("a further-desk code");
        let n = self.desks_made;
        self.desks_made += 1;
        let mut store = new_store(self.files.path().join(format!("desk-{n}.db")), n);
        self.rt
            .block_on(consent_sync::join(&mut store, &code, name))
            .expect("the desk joins");
        let engine = Engine::for_store(&store).expect("engine");
        Desk { store, engine }
    }

    pub fn server_pid(&self) -> u32 {
        self.server.process.id()
    }

    pub fn server_log(&self) -> PathBuf {
        self.server_dir.log()
    }
}

fn new_store(path: PathBuf, n: u32) -> Store {
    let key = DbKey::generate().expect("key");
    let id = DatabaseId::generate().expect("database id");
    let desk = DeskId::from_uuid(Uuid::from_u128(0x5e7c_0000 + u128::from(n)));
    Store::create(path, &key, &id, desk).expect("create a desk store")
}

pub fn now_ms() -> u64 {
    consent_server::http::now_ms()
}

/// Appends the histories of `patients` (ten events each) to `store` with `append_all`, `batch`
/// events per transaction, step by step across all of them (a patient's events lie far apart in
/// the ledger, as a clinic's do over the years). Returns the events appended and the time spent in
/// `append_all` only (making the bodies is not the store's work).
pub fn append_history(
    store: &mut Store,
    patients: Range<usize>,
    batch: usize,
) -> (usize, Duration) {
    let mut took = Duration::ZERO;
    let mut events = 0;
    let numbers: Vec<usize> = patients.collect();
    for step in 0..EVENTS_PER_PATIENT {
        for chunk in numbers.chunks(batch) {
            let bodies: Vec<_> = chunk.iter().map(|&n| body(n, step)).collect();
            events += bodies.len();
            let started = Instant::now();
            store
                .append_all(ACTOR, now_ms(), bodies)
                .expect("append_all");
            took += started.elapsed();
        }
    }
    (events, took)
}

/// Requests of `route` the server logged after byte `from` of its log: how many, and the
/// milliseconds it spent in them (handler and storage, the answer's JSON included; not the TLS
/// and transfer).
pub fn server_time(log: &std::path::Path, route: &str, from: usize) -> (usize, f64) {
    let text = std::fs::read(log).unwrap_or_default();
    let text = String::from_utf8_lossy(text.get(from..).unwrap_or_default());
    let mut count = 0;
    let mut ms = 0.0;
    for line in text.lines().filter(|l| l.contains(route)) {
        let Some(value) = line.split("ms=").nth(1) else {
            continue;
        };
        let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(v) = digits.parse::<f64>() {
            count += 1;
            ms += v;
        }
    }
    (count, ms)
}

pub fn log_len(log: &std::path::Path) -> usize {
    std::fs::metadata(log).map_or(0, |m| m.len() as usize)
}
