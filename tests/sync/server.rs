//! A real server process, real TLS with a pinned certificate, the real desk-side client.

use std::time::Duration;

use consent_desk_tests::server::ServerDir;
use consent_sync::client::{Client, ClientError, Credential, ServerAddress};
use consent_sync::clinic_key::ClinicKey;
use consent_wire::{
    CodeKind, EnrollRequest, EnrollmentCode, NO_SUBJECT_BYTES, NewEnrollment, Refusal,
    WIRE_VERSION, WireRow,
};
use sha2::Digest;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

fn random<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    for b in out.iter_mut() {
        *b = rand_byte();
    }
    out
}

fn rand_byte() -> u8 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static STATE: AtomicU64 = AtomicU64::new(0x9e37_79b9_7f4a_7c15);
    let mut x = STATE.fetch_add(0x9e37_79b9_7f4a_7c15, Ordering::Relaxed);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (x ^ (x >> 31)) as u8
}

/// One desk's series as a test writes it: subject rows with opaque sealed bodies, desk-level rows
/// transport-sealed with the clinic key.
struct Series {
    desk: [u8; 16],
    rows: Vec<WireRow>,
}

impl Series {
    fn new(desk: [u8; 16]) -> Series {
        Series {
            desk,
            rows: Vec::new(),
        }
    }

    fn add(&mut self, subject: Option<[u8; 16]>, kind: &str, clinic: &ClinicKey) -> WireRow {
        let seq = self.rows.len() as u64 + 1;
        let prev_hash = self.rows.last().map_or(consent_wire::GENESIS, |r| r.hash);
        let (subject, nonce, body) = match subject {
            Some(s) => (s, random::<24>().to_vec(), random::<48>().to_vec()),
            None => (
                NO_SUBJECT_BYTES,
                Vec::new(),
                br#"{"v":1,"clinic":"x"}"#.to_vec(),
            ),
        };
        let mut row = WireRow {
            desk: self.desk,
            seq,
            event: random(),
            hlc_ms: 1_780_000_000_000 + seq,
            hlc_counter: 0,
            actor: [1; 16],
            kind: kind.into(),
            subject,
            nonce,
            body,
            transport_nonce: None,
            prev_hash,
            hash: [0; 32],
        };
        row.hash = row.computed_hash().expect("not yet sealed for transport");
        self.rows.push(row.clone());
        let mut wire = row;
        if subject == NO_SUBJECT_BYTES {
            clinic.seal_body(&mut wire).expect("seal");
        }
        wire
    }
}

fn enroll(
    rt: &tokio::runtime::Runtime,
    code: &EnrollmentCode,
    desk: [u8; 16],
    clinic_key_id: Option<[u8; 32]>,
) -> Result<(Client, consent_wire::EnrollResponse), ClientError> {
    let address = ServerAddress {
        host: code.host.clone(),
        port: code.port,
        fingerprint: code.fingerprint,
    };
    let client = Client::new(&address, None)?;
    let answer = rt.block_on(client.enroll(&EnrollRequest {
        wire: WIRE_VERSION,
        token_id: code.token_id,
        token: code.token(),
        desk,
        desk_name: "Окно 1".into(),
        clinic_key_id,
    }))?;
    let credential = Credential {
        desk,
        secret: zeroize::Zeroizing::new(answer.credential.clone()),
    };
    Ok((client.with_credential(credential), answer))
}

/// A further desk's code, made at desk `a` as an administrator makes one: the clinic key sealed
/// under the code's secret, the code registered with the server.
fn further_code(
    rt: &tokio::runtime::Runtime,
    a: &Client,
    first: &EnrollmentCode,
    clinic: &ClinicKey,
) -> EnrollmentCode {
    let further = EnrollmentCode {
        kind: CodeKind::Further,
        host: first.host.clone(),
        port: first.port,
        fingerprint: first.fingerprint,
        token_id: random(),
        secret: zeroize::Zeroizing::new(random()),
    };
    let package = clinic
        .seal_package(
            &further.package_key(),
            further.token_id,
            further.fingerprint,
        )
        .expect("package");
    rt.block_on(a.add_enrollment(&NewEnrollment {
        wire: WIRE_VERSION,
        token_id: further.token_id,
        token_hash: sha2::Sha256::digest(further.token()).into(),
        package,
        expires_ms: consent_server::http::now_ms() + 60_000,
    }))
    .expect("the code is registered");
    further
}

fn refusal<T: std::fmt::Debug>(result: Result<T, ClientError>) -> Refusal {
    match result {
        Err(ClientError::Refused { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn desks_enroll_push_and_pull_through_a_real_sqlite_server() {
    desks_enroll_push_and_pull(ServerDir::sqlite());
}

#[test]
fn desks_enroll_push_and_pull_through_a_real_postgres_server() {
    let cluster = consent_desk_tests::postgres::TestCluster::start();
    desks_enroll_push_and_pull(ServerDir::postgres(&cluster.url()));
}

fn desks_enroll_push_and_pull(dir: ServerDir) {
    let rt = runtime();
    let server = dir.start();
    let first = EnrollmentCode::parse(&server.first_code()).expect("a code");
    assert_eq!(first.kind, CodeKind::First);
    assert_eq!(first.fingerprint, dir.fingerprint());

    // The first desk brings the clinic key it made; the server keeps only its id.
    let clinic = ClinicKey::generate().expect("key");
    let desk_a = random::<16>();
    let (a, answer) = enroll(&rt, &first, desk_a, Some(clinic.id())).expect("first desk joins");
    let secret_a = answer.credential.clone();
    assert_eq!(answer.package, None);
    assert_eq!(answer.clinic_key_id, Some(clinic.id()));
    assert_eq!(
        refusal(enroll(&rt, &first, random(), Some(clinic.id()))),
        Refusal::TokenUsed,
        "a code works once"
    );

    let patient = random::<16>();
    let mut series_a = Series::new(desk_a);
    let rows = vec![
        series_a.add(None, "clinic_details_set", &clinic),
        series_a.add(Some(patient), "patient_registered", &clinic),
        series_a.add(Some(patient), "consent_granted", &clinic),
    ];
    let wrapped = clinic.wrap(patient, &[7; 32]).expect("wrap");
    let pushed = rt
        .block_on(a.push(rows.clone(), vec![wrapped.clone()]))
        .expect("push");
    assert_eq!(pushed.stored, 3);
    assert_eq!(pushed.held.map(|h| h.seq), Some(3));
    let again = rt
        .block_on(a.push(rows.clone(), vec![]))
        .expect("a replayed batch");
    assert_eq!(
        again.stored, 0,
        "a batch delivered twice stores nothing twice"
    );

    let further = further_code(&rt, &a, &first, &clinic);
    let further = EnrollmentCode::parse(&further.to_text().expect("text")).expect("reads back");
    let desk_b = random::<16>();
    let (b, answer) = enroll(&rt, &further, desk_b, None).expect("desk B joins");
    let got = ClinicKey::open_package(
        answer.package.as_deref().expect("a package"),
        &further.package_key(),
        further.token_id,
        further.fingerprint,
    )
    .expect("B opens the package with the code's secret");
    assert_eq!(got, clinic, "B holds the clinic key now");

    // B pulls what A pushed: the chain, the wrapped key, the desk-level body it can open.
    let page = rt.block_on(b.pull(0, 100, Duration::ZERO)).expect("pull");
    assert_eq!(page.rows.len(), 3);
    assert!(page.rows.windows(2).all(|w| w[0].cursor < w[1].cursor));
    for (pulled, held) in page.rows.iter().zip(&series_a.rows) {
        let mut row = pulled.row.clone();
        if row.transport_nonce.is_some() {
            got.open_body(&mut row).expect("B opens the transport seal");
        }
        assert_eq!(&row, held, "row {} arrives as desk A holds it", row.seq);
        assert_eq!(row.computed_hash(), Some(row.hash));
    }
    assert_eq!(page.keys.len(), 1);
    assert_eq!(*got.unwrap(&page.keys[0]).expect("unwraps"), [7; 32]);
    assert_eq!(page.heads.len(), 1);
    assert_eq!(page.heads[0].seq, 3);
    assert_eq!(page.latest, page.next);

    // A long-poll wakes when A pushes.
    let waiting = {
        let b = b.clone();
        let after = page.next;
        rt.spawn(async move { b.pull(after, 100, Duration::from_secs(20)).await })
    };
    std::thread::sleep(Duration::from_millis(300));
    let late = series_a.add(Some(patient), "consent_withdrawn", &clinic);
    rt.block_on(a.push(vec![late.clone()], vec![]))
        .expect("push");
    let woke = rt
        .block_on(waiting)
        .expect("task")
        .expect("the long-poll answers");
    assert_eq!(woke.rows.len(), 1);
    assert_eq!(woke.rows[0].row.hash, late.hash);

    // Refusals, each with its reason; none changes what the server holds.
    let mut forked = late.clone();
    forked.body[0] ^= 1;
    forked.hash = forked.computed_hash().expect("subject row");
    assert_eq!(
        refusal(rt.block_on(a.push(vec![forked], vec![]))),
        Refusal::Fork
    );
    let mut gap_series = Series::new(desk_a);
    for _ in 0..6 {
        gap_series.add(Some(patient), "patient_updated", &clinic);
    }
    let gap = gap_series.rows[5].clone();
    assert_eq!(
        refusal(rt.block_on(a.push(vec![gap], vec![]))),
        Refusal::Gap
    );
    let mut series_b = Series::new(desk_b);
    let b_row = series_b.add(Some(patient), "patient_updated", &clinic);
    assert_eq!(
        refusal(rt.block_on(a.push(vec![b_row.clone()], vec![]))),
        Refusal::WrongDesk
    );
    let mut tampered = series_a.add(Some(patient), "patient_updated", &clinic);
    tampered.body[3] ^= 0x10;
    assert_eq!(
        refusal(rt.block_on(a.push(vec![tampered], vec![]))),
        Refusal::BadHash
    );
    series_a.rows.pop();
    let all = rt.block_on(b.pull(0, 100, Duration::ZERO)).expect("pull");
    assert_eq!(all.rows.len(), 4, "the refused pushes added nothing");

    // Credentials: none, wrong, revoked.
    let anonymous = Client::new(
        &ServerAddress {
            host: first.host.clone(),
            port: first.port,
            fingerprint: first.fingerprint,
        },
        None,
    )
    .expect("client");
    assert_eq!(
        refusal(rt.block_on(anonymous.pull(0, 10, Duration::ZERO))),
        Refusal::Unauthenticated
    );
    let impostor = anonymous.with_credential(Credential {
        desk: desk_a,
        secret: zeroize::Zeroizing::new("00".repeat(32)),
    });
    assert_eq!(
        refusal(rt.block_on(impostor.push(vec![], vec![]))),
        Refusal::Unauthenticated
    );
    rt.block_on(a.revoke(desk_b)).expect("A revokes B");
    assert_eq!(
        refusal(rt.block_on(b.pull(0, 10, Duration::ZERO))),
        Refusal::Revoked
    );
    assert_eq!(
        refusal(rt.block_on(b.push(vec![b_row], vec![]))),
        Refusal::Revoked
    );
    let desks = rt.block_on(a.desks()).expect("desks");
    assert_eq!(desks.desks.len(), 2);
    assert!(
        desks
            .desks
            .iter()
            .any(|d| d.desk == desk_b && d.revoked_ms.is_some())
    );
    assert_eq!(
        desks
            .desks
            .iter()
            .find(|d| d.desk == desk_a)
            .map(|d| d.rows),
        Some(4)
    );

    // A server with another certificate is refused, never trusted.
    let pinned_elsewhere = Client::new(
        &ServerAddress {
            host: first.host.clone(),
            port: first.port,
            fingerprint: [0xee; 32],
        },
        None,
    )
    .expect("client");
    match rt.block_on(pinned_elsewhere.pull(0, 10, Duration::ZERO)) {
        Err(ClientError::CertificateChanged { expected, seen }) => {
            assert_eq!(expected, [0xee; 32]);
            assert_eq!(seen, first.fingerprint);
        }
        other => panic!("expected CertificateChanged, got {other:?}"),
    }

    // A graceful stop, a restart: everything is still there.
    assert!(server.stop().success(), "SIGTERM ends the server cleanly");
    let server = dir.start();
    let again = Client::new(
        &ServerAddress {
            host: "127.0.0.1".into(),
            port: server.addr.port(),
            fingerprint: first.fingerprint,
        },
        None,
    )
    .expect("client");
    let a = again.with_credential(Credential {
        desk: desk_a,
        secret: zeroize::Zeroizing::new(secret_a),
    });
    let after = rt
        .block_on(a.pull(0, 100, Duration::ZERO))
        .expect("pull after restart");
    assert_eq!(after.rows, all.rows, "the restart lost or changed nothing");
    let empty = again.with_credential(Credential {
        desk: desk_a,
        secret: zeroize::Zeroizing::new(String::new()),
    });
    assert_eq!(
        refusal(rt.block_on(empty.pull(0, 10, Duration::ZERO))),
        Refusal::Unauthenticated,
        "an empty credential is no credential"
    );
    drop(server);
}

/// HTTPS requests with bodies the desk's client never writes, trusting only the server's own
/// certificate (it is self-signed, so it is its own and only root).
struct RawClient {
    http: reqwest::Client,
    base: String,
    bearer: String,
}

/// What the server answered: status, its wire header, and the body as JSON.
#[derive(Debug)]
struct RawAnswer {
    status: u16,
    wire: Option<String>,
    body: serde_json::Value,
}

impl RawAnswer {
    /// The status and refusal code of a refused request, whose body must be a well-formed
    /// `ErrorBody` of this wire version.
    fn refusal(&self) -> (u16, Refusal) {
        let error: consent_wire::ErrorBody =
            serde_json::from_value(self.body.clone()).expect("a refusal's body");
        assert_eq!(
            error.wire, WIRE_VERSION,
            "a refusal speaks the server's version"
        );
        assert_eq!(self.wire.as_deref(), Some(&*WIRE_VERSION.to_string()));
        (self.status, error.code)
    }
}

impl RawClient {
    fn new(dir: &ServerDir, addr: std::net::SocketAddr, credential: &Credential) -> RawClient {
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(rustls::pki_types::CertificateDer::from(dir.certificate()))
            .expect("the server's certificate as the only root");
        let provider = std::sync::Arc::new(consent_server::tls::provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .timeout(Duration::from_secs(30))
            .build()
            .expect("HTTPS client");
        RawClient {
            http,
            base: format!("https://{addr}"),
            bearer: format!(
                "{}.{}",
                uuid::Uuid::from_bytes(credential.desk),
                credential.secret.as_str()
            ),
        }
    }

    fn post(
        &self,
        rt: &tokio::runtime::Runtime,
        path: &str,
        header_wire: u32,
        body: &serde_json::Value,
    ) -> RawAnswer {
        rt.block_on(async {
            let answer = self
                .http
                .post(format!("{}{path}", self.base))
                .header(consent_wire::WIRE_HEADER, header_wire.to_string())
                .bearer_auth(&self.bearer)
                .json(body)
                .send()
                .await
                .expect("the server answers");
            let status = answer.status().as_u16();
            let wire = answer
                .headers()
                .get(consent_wire::WIRE_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let body = answer.json().await.expect("a JSON body");
            RawAnswer { status, wire, body }
        })
    }
}

/// `value` with `field` set to `to` in the object at `pointer` (`""`: the top).
fn with(
    value: &serde_json::Value,
    pointer: &str,
    field: &str,
    to: serde_json::Value,
) -> serde_json::Value {
    let mut value = value.clone();
    value
        .pointer_mut(pointer)
        .and_then(serde_json::Value::as_object_mut)
        .expect("an object at the pointer")
        .insert(field.into(), to);
    value
}

/// What a desk can see of the server's state, less what a request may touch by design (a pull
/// records when its desk was last seen).
fn server_state(
    rt: &tokio::runtime::Runtime,
    desk: &Client,
) -> (consent_wire::PullResponse, Vec<(String, u64, Option<u64>)>) {
    let pulled = rt
        .block_on(desk.pull(0, 100, Duration::ZERO))
        .expect("pull");
    let desks = rt.block_on(desk.desks()).expect("desks").desks;
    let desks = desks
        .into_iter()
        .map(|d| (d.name, d.rows, d.revoked_ms))
        .collect();
    (pulled, desks)
}

#[test]
fn another_wire_version_or_an_unknown_field_is_refused_over_https_and_changes_nothing() {
    let rt = runtime();
    let dir = ServerDir::sqlite();
    let server = dir.start();
    let first = EnrollmentCode::parse(&server.first_code()).expect("a code");
    let clinic = ClinicKey::generate().expect("key");
    let desk = random::<16>();
    let (a, answer) = enroll(&rt, &first, desk, Some(clinic.id())).expect("first desk joins");
    let patient = random::<16>();
    let mut series = Series::new(desk);
    let rows = vec![
        series.add(None, "clinic_details_set", &clinic),
        series.add(Some(patient), "patient_registered", &clinic),
    ];
    let wrapped = clinic.wrap(patient, &[7; 32]).expect("wrap");
    rt.block_on(a.push(rows, vec![wrapped])).expect("push");
    let raw = RawClient::new(
        &dir,
        server.addr,
        &Credential {
            desk,
            secret: zeroize::Zeroizing::new(answer.credential),
        },
    );

    // Bodies the server takes as they are: each refusal below differs from one of them in one
    // thing only, and each is sent as it is at the end to prove it.
    let next = series.add(Some(patient), "consent_granted", &clinic);
    let push = serde_json::to_value(consent_wire::PushRequest {
        wire: WIRE_VERSION,
        rows: vec![next],
        keys: vec![],
    })
    .expect("JSON");
    let pull = serde_json::to_value(consent_wire::PullRequest {
        wire: WIRE_VERSION,
        after: 0,
        limit: 100,
        wait_ms: 0,
    })
    .expect("JSON");
    let further = further_code(&rt, &a, &first, &clinic);
    let enroll = serde_json::to_value(EnrollRequest {
        wire: WIRE_VERSION,
        token_id: further.token_id,
        token: further.token(),
        desk: random(),
        desk_name: "Окно 2".into(),
        clinic_key_id: None,
    })
    .expect("JSON");
    let before = server_state(&rt, &a);
    assert_eq!(before.0.heads.len(), 1);
    assert_eq!(before.0.heads[0].seq, 2);

    let other = serde_json::json!(WIRE_VERSION + 1);
    for (path, body) in [
        ("/api/v1/push", &push),
        ("/api/v1/pull", &pull),
        ("/api/v1/enroll", &enroll),
    ] {
        for (what, header, sent, refusal) in [
            (
                "the body's version",
                WIRE_VERSION,
                with(body, "", "wire", other.clone()),
                Refusal::WireVersion,
            ),
            (
                "the header's version",
                WIRE_VERSION + 1,
                body.clone(),
                Refusal::WireVersion,
            ),
            (
                "an unknown field",
                WIRE_VERSION,
                with(body, "", "hint", true.into()),
                Refusal::Malformed,
            ),
        ] {
            let refused = raw.post(&rt, path, header, &sent);
            assert_eq!(refused.refusal(), (400, refusal), "{path}: {what}");
        }
    }
    let refused = raw.post(
        &rt,
        "/api/v1/push",
        WIRE_VERSION,
        &with(&push, "/rows/0", "hint", true.into()),
    );
    assert_eq!(
        refused.refusal(),
        (400, Refusal::Malformed),
        "an unknown field inside a row"
    );
    assert_eq!(
        server_state(&rt, &a),
        before,
        "no refused request changed what the server holds"
    );

    let pushed = raw.post(&rt, "/api/v1/push", WIRE_VERSION, &push);
    assert_eq!(pushed.status, 200, "{:?}", pushed.body);
    assert_eq!(
        pushed.body["stored"], 1,
        "the row the refused pushes carried"
    );
    let pulled = raw.post(&rt, "/api/v1/pull", WIRE_VERSION, &pull);
    assert_eq!(pulled.status, 200, "{:?}", pulled.body);
    assert_eq!(pulled.body["rows"].as_array().map(Vec::len), Some(3));
    let enrolled = raw.post(&rt, "/api/v1/enroll", WIRE_VERSION, &enroll);
    assert_eq!(
        enrolled.status, 200,
        "the token the refused enrollments carried is still unused: {:?}",
        enrolled.body
    );
    drop(server);
}
