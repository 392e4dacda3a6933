//! The world one fault schedule runs in: a real `consent-server` process and two or three desks
//! (the service's `Desk`, in this process), each reaching the server through its own
//! [`FaultProxy`], each with its own settable clock.
//!
//! Every desk also has a **probe**: a second connection to its database (as `consentctl` or the
//! sync task would open it). The test reads heads and rows through it without going through the
//! desk, and moves the desk's sync marks back to deliver a batch twice.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use consent_desk_tests::fault_proxy::{FaultProxy, Faults};
use consent_desk_tests::rng::Rng;
use consent_desk_tests::server::{Server, ServerDir};
use consent_domain::Lang;
use consent_domain::ids::DeskId;
use consent_domain::staff::Staff;
use consent_service::clock::Clock;
use consent_service::desk::SyncSummary;
use consent_service::{Desk, KeyChoice, NewStaff, ServiceError};
use consent_store::ledger::Head;
use consent_store::{DbKey, Store};

/// 2025-10-24 12:00 MSK: every desk's clock starts near it.
pub const NOW_MS: u64 = 1_761_296_400_000;
pub const HOUR_MS: u64 = 60 * 60 * 1_000;

/// A desk's clock that the schedule moves: skewed by hours from the others, stepped forward by
/// days for a desk that was offline, stepped back as an NTP correction would.
#[derive(Debug)]
pub struct SkewClock(AtomicU64);

impl SkewClock {
    pub fn set(&self, ms: u64) {
        self.0.store(ms, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

impl Clock for SkewClock {
    fn now_ms(&self) -> u64 {
        self.get()
    }
}

/// One desk of the cluster.
pub struct Slot {
    pub name: char,
    pub dir: PathBuf,
    pub key: String,
    pub login: String,
    pub clock: Arc<SkewClock>,
    /// `None` while the desk's files belong to a child process.
    pub desk: Option<Desk>,
    pub staff: Staff,
    pub probe: Store,
    pub proxy: FaultProxy,
    pub id: DeskId,
    /// This desk's head after its last acknowledged write: every desk must end up holding it.
    pub acked: Option<Head>,
}

impl Slot {
    pub fn desk(&mut self) -> &mut Desk {
        self.desk
            .as_mut()
            .expect("the desk is open in this process")
    }

    /// The head of this desk's own chain, as its file holds it now.
    pub fn own_head(&self) -> Option<Head> {
        self.probe
            .heads()
            .expect("heads")
            .into_iter()
            .find(|(d, _)| *d == self.id)
            .map(|(_, h)| h)
    }

    /// Syncs once. A desk cut off from its server is expected under faults (`None`); any other
    /// failure is a bug and fails the test.
    pub fn sync(&mut self) -> Option<SyncSummary> {
        let staff = self.staff.clone();
        tolerate(self.name, self.desk().sync_now(&staff))
    }
}

/// Whether a sync failure is the network's (expected under faults), else a failed test.
pub fn tolerate<T>(desk: char, result: Result<T, ServiceError>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(e) if e.detail() == Some("sync_unreachable") => None,
        Err(e) => panic!("desk {desk}: sync failed with other than a transport error: {e:?}"),
    }
}

/// Where a cluster's files live: in memory when the machine has `/dev/shm`. The suite kills
/// processes, never the machine, and a killed process's writes stay in the page cache, so a disk
/// would check nothing more; its fsyncs (one per event, thousands per schedule) would only make
/// the run several times slower on a CI machine's shared disk. The crash suite covers disks.
fn scratch() -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::Builder::new()
            .prefix("consent-sync-faults-")
            .tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("temp dir")
}

/// A server, its desks, and what the schedule did (printed when a check fails).
pub struct Cluster {
    /// How to run this again (seed and schedule), printed on failure with the log.
    pub context: String,
    pub log: Vec<String>,
    pub slots: Vec<Slot>,
    pub server: Option<Server>,
    pub addr: SocketAddr,
    pub server_dir: ServerDir,
    /// Patients registered anywhere (a desk that has not pulled them yet is refused: expected).
    pub patients: Vec<String>,
    dirs: tempfile::TempDir,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("\n==== sync fault schedule failed: {}", self.context);
            for line in &self.log {
                eprintln!("  {line}");
            }
            eprintln!("==== {}\n", self.context);
        }
    }
}

impl Cluster {
    /// A fresh server and `desks` desks joined to it, their clocks skewed by up to ±6 hours.
    pub fn new(desks: usize, rng: &mut Rng, context: String) -> Cluster {
        let dirs = scratch();
        let server_dir = ServerDir::sqlite_in(dirs.path());
        let server = server_dir.start();
        let addr = server.addr;
        let mut cluster = Cluster {
            context,
            log: Vec::new(),
            slots: Vec::new(),
            server: Some(server),
            addr,
            server_dir,
            patients: Vec::new(),
            dirs,
        };
        for n in 0..desks {
            cluster.add_desk(n, rng);
        }
        cluster
    }

    fn add_desk(&mut self, n: usize, rng: &mut Rng) {
        let name = (b'A' + n as u8) as char;
        let dir = self.dirs.path().join(name.to_string());
        let key: String = (0..4).map(|_| format!("{:016x}", rng.next_u64())).collect();
        let skew = rng.range(0, 12 * HOUR_MS);
        let clock = Arc::new(SkewClock(AtomicU64::new(NOW_MS - 6 * HOUR_MS + skew)));
        let login = format!("admin.{}", name.to_ascii_lowercase());
        let proxy = FaultProxy::start(self.addr);
        let mut desk = Desk::init(
            &dir,
            KeyChoice::Env(key.clone()),
            NewStaff {
                login: login.clone(),
                full_name: "Смирнова Ольга Викторовна".into(),
                role: "admin".into(),
            },
            clock.clone(),
            Lang::Ru,
        )
        .expect("init a desk");
        let staff = desk.staff_by_login(&login).expect("its administrator");
        let code = match self.slots.first_mut() {
            None => self
                .server
                .as_ref()
                .expect("running")
                .first_code_for(proxy.addr()),
            Some(first) => {
                let admin = first.staff.clone();
                first
                    .desk()
                    .add_desk_code(&admin)
                    .expect("a further desk's code")
            }
        };
        desk.join_server(&staff, &code, &format!("Окно {name}"))
            .expect("the desk joins");
        let db_key = DbKey::from_hex(&key).expect("key");
        let mut probe =
            Store::open(dir.join(consent_service::desk::DATABASE_FILE), &db_key).expect("probe");
        // A further desk's code names the server as the first desk reaches it (its proxy); this
        // desk gets a network link of its own, so faults can hit one desk and not the others.
        let mut membership = consent_sync::membership::Membership::load(&probe)
            .expect("membership")
            .expect("joined");
        membership.server.port = proxy.addr().port();
        membership.save(&mut probe).expect("save membership");
        let id = desk.desk_id();
        let mut slot = Slot {
            name,
            dir,
            key,
            login,
            clock,
            desk: Some(desk),
            staff,
            probe,
            proxy,
            id,
            acked: None,
        };
        slot.acked = slot.own_head();
        self.slots.push(slot);
    }

    pub fn note(&mut self, line: String) {
        self.log.push(line);
    }

    /// Starts the server again on its address (desks and proxies know it).
    pub fn restart_server(&mut self) {
        if self.server.is_none() {
            self.server = Some(self.server_dir.restart_on(self.addr));
        }
    }

    pub fn heal_network(&mut self) {
        for slot in &self.slots {
            slot.proxy.set(Faults::PASS);
        }
    }

    /// With faults off: every desk syncs, round after round, until a round moves nothing, and
    /// then once more. Every sync must succeed now.
    pub fn converge(&mut self) {
        self.heal_network();
        self.restart_server();
        let mut quiet_rounds = 0;
        for round in 0.. {
            assert!(round < 12, "the desks do not converge after {round} rounds");
            let mut moved = 0;
            for slot in &mut self.slots {
                let staff = slot.staff.clone();
                let name = slot.name;
                let summary = slot
                    .desk()
                    .sync_now(&staff)
                    .unwrap_or_else(|e| panic!("desk {name}: sync with no faults failed: {e:?}"));
                moved += summary.pushed + summary.pulled as u64;
            }
            self.log
                .push(format!("converge round {round}: {moved} rows moved"));
            if moved == 0 {
                quiet_rounds += 1;
                if quiet_rounds == 2 {
                    return;
                }
            } else {
                quiet_rounds = 0;
            }
        }
    }
}
