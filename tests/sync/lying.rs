//! A server that lies, over real HTTPS with a pinned certificate: the desk's engine must refuse
//! each lie with an error, promptly, and leave its store as it was. The honest server never tells
//! these lies, so only a server of our own can prove the engine's guards.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use consent_desk_tests::history;
use consent_domain::ids::DeskId;
use consent_domain::staff::StaffId;
use consent_store::{DatabaseId, DbKey, Store};
use consent_sync::client::{ClientError, Credential, ServerAddress};
use consent_sync::clinic_key::ClinicKey;
use consent_sync::convert::to_wire;
use consent_sync::membership::{self, Membership};
use consent_sync::{Engine, SyncError};
use consent_wire::{
    Head, PullResponse, PulledRow, PushRequest, PushResponse, WIRE_HEADER, WIRE_VERSION,
};
use serde_json::Value;

/// Long enough for a loaded 2-core machine to answer a few requests, short enough that an engine
/// that keeps asking fails the test rather than the CI job.
const GIVE_UP: Duration = Duration::from_secs(5);

const SERVER_ID: [u8; 16] = [0x5e; 16];

/// What the liar answers: its wire header (`None`: no header) and its body, always with 200.
struct Answer {
    wire: Option<String>,
    body: Value,
}

impl Answer {
    fn of(body: impl serde::Serialize) -> Answer {
        Answer {
            wire: Some(WIRE_VERSION.to_string()),
            body: serde_json::to_value(body).expect("JSON"),
        }
    }
}

type Script = dyn Fn(&str, &Value) -> Answer + Send + Sync;

/// An HTTPS server on loopback with a certificate of its own, answering every request by a script
/// (the route and the request's JSON body) and keeping the routes it was asked.
struct Liar {
    rt: tokio::runtime::Runtime,
    address: ServerAddress,
    asked: Arc<Mutex<Vec<String>>>,
    handle: axum_server::Handle<SocketAddr>,
    _tls: tempfile::TempDir,
}

impl Liar {
    fn start(script: impl Fn(&str, &Value) -> Answer + Send + Sync + 'static) -> Liar {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let tls = tempfile::tempdir().expect("temp dir");
        let files = consent_server::tls::TlsFiles::in_dir(tls.path());
        let fingerprint =
            consent_server::tls::generate(&files, &["127.0.0.1".into()]).expect("certificate");
        let config = consent_server::tls::server_config(&files).expect("TLS config");
        let asked = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let app = {
            let asked = asked.clone();
            axum::Router::new().fallback(move |uri: Uri, body: Bytes| {
                let asked = asked.clone();
                let script = script.clone();
                async move { answer(&asked, &*script, &uri, &body) }
            })
        };
        let handle = axum_server::Handle::new();
        let serving = axum_server::bind_rustls(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            axum_server::tls_rustls::RustlsConfig::from_config(config),
        )
        .handle(handle.clone())
        .serve(app.into_make_service());
        rt.spawn(serving);
        let addr = rt.block_on(handle.listening()).expect("the liar listens");
        Liar {
            rt,
            address: ServerAddress {
                host: "127.0.0.1".into(),
                port: addr.port(),
                fingerprint,
            },
            asked,
            handle,
            _tls: tls,
        }
    }

    /// The routes asked so far, in order.
    fn asked(&self) -> Vec<String> {
        self.asked.lock().expect("not poisoned").clone()
    }
}

impl Drop for Liar {
    fn drop(&mut self) {
        self.handle.shutdown();
    }
}

fn answer(asked: &Mutex<Vec<String>>, script: &Script, uri: &Uri, body: &[u8]) -> Response {
    asked
        .lock()
        .expect("not poisoned")
        .push(uri.path().to_owned());
    let request: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let Answer { wire, body } = script(uri.path(), &request);
    let mut response = (StatusCode::OK, axum::Json(body)).into_response();
    if let Some(wire) = wire {
        response
            .headers_mut()
            .insert(WIRE_HEADER, wire.parse().expect("a header value"));
    }
    response
}

/// The clinic key of every desk here: the one a replayed row of another desk was sealed with.
fn clinic() -> ClinicKey {
    ClinicKey::from_bytes([0xc1; 32])
}

/// Desk `n`'s store, with `events` events of its own about patient `n`.
fn new_store(dir: &tempfile::TempDir, n: usize, events: usize) -> Store {
    let key = DbKey::generate().expect("key");
    let id = DatabaseId::generate().expect("database id");
    let desk = DeskId::from_uuid(uuid::Uuid::from_u128(0x11a7_0000 + n as u128));
    let mut store = Store::create(dir.path().join("desk.db"), &key, &id, desk).expect("store");
    let bodies = (0..events).map(|step| history::body(n, step)).collect();
    store
        .append_all(
            StaffId::from_u128(1),
            consent_server::http::now_ms(),
            bodies,
        )
        .expect("append");
    store
}

/// A desk with `events` events of its own, a member of the liar's "clinic", with its marks set.
struct Desk {
    store: Store,
    engine: Engine,
    _dir: tempfile::TempDir,
}

impl Desk {
    fn new(liar: &Liar, events: usize, pushed: u64, pulled: u64) -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = new_store(&dir, 0, events);
        let desk = store.desk();
        Membership {
            server: liar.address.clone(),
            server_id: SERVER_ID,
            credential: Credential {
                desk: *desk.as_bytes(),
                secret: zeroize::Zeroizing::new("00".repeat(32)),
            },
            clinic: clinic(),
        }
        .save(&mut store)
        .expect("membership");
        membership::set_pushed(&mut store, pushed).expect("push mark");
        membership::set_pulled(&mut store, pulled).expect("pull mark");
        let engine = Engine::for_store(&store).expect("engine");
        Desk {
            store,
            engine,
            _dir: dir,
        }
    }

    /// What a lie must not change: both marks and this desk's chain.
    fn marks(&self) -> (u64, u64, Vec<(DeskId, consent_store::ledger::Head)>) {
        (
            membership::pushed(&self.store).expect("push mark"),
            membership::pulled(&self.store).expect("pull mark"),
            self.store.heads().expect("heads"),
        )
    }

    fn push(&mut self, liar: &Liar) -> Result<u64, SyncError> {
        let Desk { store, engine, .. } = self;
        liar.rt
            .block_on(async { tokio::time::timeout(GIVE_UP, engine.push(store)).await })
            .expect("the engine gives up on the lie instead of asking again and again")
    }

    fn pull(&mut self, liar: &Liar) -> Result<consent_sync::Pulled, SyncError> {
        let Desk { store, engine, .. } = self;
        liar.rt
            .block_on(async {
                tokio::time::timeout(GIVE_UP, engine.pull(store, Duration::ZERO)).await
            })
            .expect("the engine gives up on the lie instead of asking again and again")
    }
}

fn bad_answer<T: std::fmt::Debug>(result: Result<T, SyncError>) -> String {
    match result {
        Err(SyncError::Client(ClientError::BadAnswer(why))) => why,
        other => panic!("expected BadAnswer, got {other:?}"),
    }
}

/// A pull page with no rows: `next` and `more` as the script says, every other field honest.
fn page(next: u64, more: bool) -> PullResponse {
    PullResponse {
        wire: WIRE_VERSION,
        server: SERVER_ID,
        rows: vec![],
        keys: vec![],
        next,
        more,
        latest: next + 10,
        heads: vec![],
    }
}

/// A push taken, the server saying it holds `held(before, last)` of the desk's series: `before`
/// the seq before the batch's first row, `last` its last row.
fn taken(request: &Value, held: impl Fn(u64, u64) -> u64) -> Answer {
    let push: PushRequest = serde_json::from_value(request.clone()).expect("a push request");
    let (first, last) = match (push.rows.first(), push.rows.last()) {
        (Some(first), Some(last)) => (first, last),
        _ => panic!("the engine pushed an empty batch"),
    };
    let seq = held(first.seq - 1, last.seq);
    Answer::of(PushResponse {
        wire: WIRE_VERSION,
        held: (seq > 0).then_some(Head {
            desk: first.desk,
            seq,
            hash: [0; 32],
        }),
        stored: push.rows.len() as u64,
    })
}

#[test]
fn a_push_taken_without_the_held_head_moving_is_a_bad_answer() {
    let started = Instant::now();
    // "Taken", holding just what the desk had acknowledged before the batch; then a head that
    // moved back. An engine that believed either would send the same batch for ever.
    for (lie, back) in [("held stays", 0), ("held goes back", 1)] {
        let liar = Liar::start(move |_, request| taken(request, |before, _| before - back));
        let mut desk = Desk::new(&liar, 5, 2, 0);
        let before = desk.marks();
        let why = bad_answer(desk.push(&liar));
        assert!(why.contains("holds no more"), "{lie}: {why}");
        assert_eq!(liar.asked(), ["/api/v1/push"], "{lie}: one batch, no retry");
        assert_eq!(desk.marks(), before, "{lie}: the push mark did not move");
    }

    // The same liar telling the truth moves the mark: the setup itself is not what fails above.
    let liar = Liar::start(|_, request| taken(request, |_, last| last));
    let mut desk = Desk::new(&liar, 5, 2, 0);
    assert_eq!(desk.push(&liar).expect("an honest answer"), 3);
    assert_eq!(desk.marks().0, 5);
    assert_eq!(liar.asked(), ["/api/v1/push"]);
    assert!(started.elapsed() < GIVE_UP, "took {:?}", started.elapsed());
}

#[test]
fn a_pull_page_with_more_that_does_not_move_on_is_a_bad_answer() {
    let started = Instant::now();
    // An empty page with `more` that creeps one cursor step at a time would keep the engine asking
    // for ever just the same.
    for (lie, step) in [
        ("next stays", 0),
        ("next goes back", -1),
        ("empty, creeping on", 1),
    ] {
        let liar = Liar::start(move |_, request| {
            let after = request["after"].as_u64().expect("after");
            Answer::of(page(after.saturating_add_signed(step), true))
        });
        let mut desk = Desk::new(&liar, 1, 0, 7);
        let before = desk.marks();
        let why = bad_answer(desk.pull(&liar));
        assert!(why.contains("does not move on"), "{lie}: {why}");
        // Not even the next page is asked for (the engine fetches it ahead of storing this one).
        assert_eq!(liar.asked(), ["/api/v1/pull"], "{lie}: one page, no retry");
        assert_eq!(desk.marks(), before, "{lie}: the pull mark did not move");
    }

    // A last page that moves on (an honest server's answer when other desks' rows were all
    // someone else's to skip): the engine keeps its cursor.
    let liar = Liar::start(|_, _| Answer::of(page(10, false)));
    let mut desk = Desk::new(&liar, 1, 0, 7);
    desk.pull(&liar).expect("an honest last page");
    assert_eq!(desk.marks().1, 10);
    assert!(started.elapsed() < GIVE_UP, "took {:?}", started.elapsed());
}

#[test]
fn a_page_that_does_not_move_on_is_refused_before_its_rows_are_taken_in() {
    // Another desk's genuine rows and key, as a server replays them: they check out, so only the
    // page's own claim can tell the engine not to take them in.
    let other = tempfile::tempdir().expect("temp dir");
    let other = new_store(&other, 1, 2);
    let rows: Vec<PulledRow> = other
        .rows_after(other.desk(), 0, 10)
        .expect("rows")
        .iter()
        .zip(8..)
        .map(|(row, cursor)| PulledRow {
            cursor,
            row: to_wire(row, &clinic()).expect("wire row"),
        })
        .collect();
    let key = other
        .subject_key(history::patient_id(1))
        .expect("read")
        .expect("the patient's key");
    let keys = vec![
        clinic()
            .wrap(*history::patient_id(1).as_bytes(), key.as_bytes())
            .expect("wrap"),
    ];
    let replay = move |next: u64, more: bool| {
        Answer::of(PullResponse {
            rows: rows.clone(),
            keys: keys.clone(),
            ..page(next, more)
        })
    };

    let liar = Liar::start({
        let replay = replay.clone();
        move |_, request| replay(request["after"].as_u64().expect("after"), true)
    });
    let mut desk = Desk::new(&liar, 1, 0, 7);
    let before = desk.marks();
    let why = bad_answer(desk.pull(&liar));
    assert!(why.contains("does not move on"), "{why}");
    assert_eq!(
        desk.marks(),
        before,
        "the refused page's rows were not taken in"
    );

    // The same rows on a page that ends: taken in, so the refusal above is the page's doing.
    let liar =
        Liar::start(move |_, request| replay(request["after"].as_u64().expect("after") + 2, false));
    let mut desk = Desk::new(&liar, 1, 0, 7);
    assert_eq!(desk.pull(&liar).expect("an honest page").rows, 2);
    assert_eq!(
        desk.marks().2.len(),
        2,
        "the other desk's chain is held now"
    );
}

/// An honest answer made into a lie.
type Rewrite = fn(Answer) -> Answer;

/// How the desk's client must refuse a lie.
#[derive(Debug, Clone, Copy)]
enum Refused {
    /// Another wire version, naming the one the server claimed (`None`: it claimed none).
    WireVersion(Option<u32>),
    /// An answer that is not a valid message of this version.
    BadAnswer,
}

#[test]
fn an_answer_of_another_wire_version_or_with_an_unknown_field_is_refused() {
    let honest = |_: &str, request: &Value| {
        let after = request["after"].as_u64().expect("after");
        Answer::of(page(after + 3, false))
    };
    let lies: [(&str, Rewrite, Refused); 4] = [
        (
            "header of another version",
            |a| Answer {
                wire: Some((WIRE_VERSION + 1).to_string()),
                ..a
            },
            Refused::WireVersion(Some(WIRE_VERSION + 1)),
        ),
        (
            "no header",
            |a| Answer { wire: None, ..a },
            Refused::WireVersion(None),
        ),
        (
            "body of another version",
            |mut a| {
                a.body["wire"] = (WIRE_VERSION + 1).into();
                a
            },
            Refused::WireVersion(Some(WIRE_VERSION + 1)),
        ),
        (
            "an unknown field",
            |mut a| {
                a.body["hint"] = true.into();
                a
            },
            Refused::BadAnswer,
        ),
    ];
    for (lie, rewrite, expected) in lies {
        let liar = Liar::start(move |route, request| rewrite(honest(route, request)));
        let mut desk = Desk::new(&liar, 1, 0, 7);
        let before = desk.marks();
        match (desk.pull(&liar), expected) {
            (
                Err(SyncError::Client(ClientError::WireVersion { server })),
                Refused::WireVersion(claimed),
            ) => assert_eq!(server, claimed, "{lie}"),
            (Err(SyncError::Client(ClientError::BadAnswer(_))), Refused::BadAnswer) => {}
            (other, _) => panic!("{lie}: expected {expected:?}, got {other:?}"),
        }
        assert_eq!(desk.marks(), before, "{lie}: the answer was not taken in");
    }

    let liar = Liar::start(honest);
    let mut desk = Desk::new(&liar, 1, 0, 7);
    desk.pull(&liar).expect("the honest answer is taken");
    assert_eq!(desk.marks().1, 10);
}
