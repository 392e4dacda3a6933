//! The committed OpenAPI description held to the code: its routes to the router, its refusal codes
//! to `Refusal`, its schemas to what serde writes for each wire message.

mod routes {
    use super::super::*;

    /// The committed OpenAPI description names exactly the routes the router serves, each with its
    /// method, and every refusal code the server can answer with.
    #[test]
    fn the_openapi_description_matches_the_router() {
        let doc: serde_json::Value = serde_json::from_str(api::OPENAPI).expect("valid JSON");
        let paths = doc["paths"].as_object().expect("paths");
        let mut described: Vec<(String, String)> = paths
            .iter()
            .flat_map(|(path, ops)| {
                ops.as_object()
                    .expect("operations")
                    .keys()
                    .map(|m| (m.to_uppercase(), path.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        described.sort();
        let mut served: Vec<(String, String)> = ROUTES
            .iter()
            .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
            .collect();
        served.sort();
        assert_eq!(described, served);
        let codes: Vec<&str> =
            doc["components"]["schemas"]["ErrorBody"]["properties"]["code"]["enum"]
                .as_array()
                .expect("codes")
                .iter()
                .filter_map(|c| c.as_str())
                .collect();
        let known: Vec<&str> = Refusal::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes, known);
    }
}

mod schemas {
    use consent_wire::*;
    use serde::Serialize;
    use serde_json::Value;

    use super::super::api::OPENAPI;

    fn row() -> WireRow {
        WireRow {
            desk: [1; 16],
            seq: 1,
            event: [2; 16],
            hlc_ms: 5,
            hlc_counter: 0,
            actor: [3; 16],
            kind: "clinic_details_set".into(),
            subject: NO_SUBJECT_BYTES,
            nonce: vec![],
            body: vec![1, 2],
            transport_nonce: Some(vec![0; 24]),
            prev_hash: [0; 32],
            hash: [9; 32],
        }
    }

    fn key() -> WrappedKey {
        WrappedKey {
            subject: [4; 16],
            nonce: vec![0; 24],
            sealed: vec![0; 48],
        }
    }

    fn head() -> Head {
        Head {
            desk: [1; 16],
            seq: 1,
            hash: [9; 32],
        }
    }

    /// Every message, with every optional field present, under its schema's name.
    fn samples() -> Vec<(&'static str, Value)> {
        fn v(x: impl Serialize) -> Value {
            serde_json::to_value(x).expect("serialises")
        }
        vec![
            ("WireRow", v(row())),
            ("WrappedKey", v(key())),
            ("Head", v(head())),
            (
                "EnrollRequest",
                v(EnrollRequest {
                    wire: WIRE_VERSION,
                    token_id: [1; 16],
                    token: [2; 32],
                    desk: [3; 16],
                    desk_name: "Окно".into(),
                    clinic_key_id: Some([4; 32]),
                }),
            ),
            (
                "EnrollResponse",
                v(EnrollResponse {
                    wire: WIRE_VERSION,
                    server: [1; 16],
                    credential: "ab".repeat(32),
                    package: Some(vec![1]),
                    clinic_key_id: Some([4; 32]),
                }),
            ),
            (
                "NewEnrollment",
                v(NewEnrollment {
                    wire: WIRE_VERSION,
                    token_id: [1; 16],
                    token_hash: [2; 32],
                    package: vec![1],
                    expires_ms: 9,
                }),
            ),
            (
                "PushRequest",
                v(PushRequest {
                    wire: WIRE_VERSION,
                    rows: vec![row()],
                    keys: vec![key()],
                }),
            ),
            (
                "PushResponse",
                v(PushResponse {
                    wire: WIRE_VERSION,
                    held: Some(head()),
                    stored: 1,
                }),
            ),
            (
                "PullRequest",
                v(PullRequest {
                    wire: WIRE_VERSION,
                    after: 0,
                    limit: 10,
                    wait_ms: 5,
                }),
            ),
            (
                "PulledRow",
                v(PulledRow {
                    cursor: 1,
                    row: row(),
                }),
            ),
            (
                "PullResponse",
                v(PullResponse {
                    wire: WIRE_VERSION,
                    server: [1; 16],
                    rows: vec![PulledRow {
                        cursor: 1,
                        row: row(),
                    }],
                    keys: vec![key()],
                    next: 1,
                    more: false,
                    latest: 1,
                    heads: vec![head()],
                }),
            ),
            (
                "DeskInfo",
                v(DeskInfo {
                    desk: [1; 16],
                    name: "Окно".into(),
                    enrolled_ms: 1,
                    last_seen_ms: Some(2),
                    rows: 3,
                    revoked_ms: Some(4),
                }),
            ),
            (
                "DeskList",
                v(DeskList {
                    wire: WIRE_VERSION,
                    desks: vec![],
                }),
            ),
            (
                "RevokeDesk",
                v(RevokeDesk {
                    wire: WIRE_VERSION,
                    desk: [1; 16],
                }),
            ),
            ("Done", v(Done::new())),
            (
                "ErrorBody",
                v(ErrorBody {
                    wire: WIRE_VERSION,
                    code: Refusal::Fork,
                    message: "m".into(),
                    seq: Some(1),
                }),
            ),
        ]
    }

    /// The committed description names each message's fields exactly as serde writes them: every
    /// field the code writes is described, every described field is written, and what the schema
    /// requires is what the code always writes.
    #[test]
    fn the_openapi_schemas_match_the_wire_types() {
        let doc: Value = serde_json::from_str(OPENAPI).expect("valid JSON");
        let schemas = doc["components"]["schemas"].as_object().expect("schemas");
        let samples = samples();
        let mut named: Vec<&str> = samples.iter().map(|(n, _)| *n).collect();
        named.sort_unstable();
        let mut described: Vec<&str> = schemas.keys().map(String::as_str).collect();
        described.sort_unstable();
        assert_eq!(named, described, "one schema per wire message");
        for (name, sample) in samples {
            let schema = &schemas[name];
            let mut written: Vec<&str> = sample
                .as_object()
                .expect("an object")
                .keys()
                .map(String::as_str)
                .collect();
            written.sort_unstable();
            let mut properties: Vec<&str> = schema["properties"]
                .as_object()
                .expect("properties")
                .keys()
                .map(String::as_str)
                .collect();
            properties.sort_unstable();
            assert_eq!(written, properties, "{name}: fields");
            for required in schema["required"].as_array().expect("required") {
                let field = required.as_str().expect("a name");
                assert!(
                    sample.get(field).is_some(),
                    "{name}: {field} is required but not written"
                );
            }
        }
    }
}
