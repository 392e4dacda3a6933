//! The HTTPS client of the clinic server's API.
//!
//! TLS trusts exactly one certificate: the one whose SHA-256 fingerprint the enrollment code
//! carried (clinics have no public CA; the server made its own). Any other certificate is refused and
//! reported as [`ClientError::CertificateChanged`] with both fingerprints, so the administrator can
//! tell a replaced server from an attack; it is never accepted. Every answer must carry this wire
//! version, in its header and its body, or it is refused before it is read.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use consent_wire::{
    DeskList, Done, EnrollRequest, EnrollResponse, ErrorBody, NewEnrollment, PullRequest,
    PullResponse, PushRequest, PushResponse, Refusal, RevokeDesk, WIRE_HEADER, WIRE_VERSION,
    WireOnly, WireRow, WrappedKey,
};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

/// Where the server is and which certificate it must present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    pub host: String,
    pub port: u16,
    pub fingerprint: [u8; 32],
}

/// A desk's credential: its id and the secret the server gave it at enrollment.
#[derive(Clone)]
pub struct Credential {
    pub desk: [u8; 16],
    pub secret: zeroize::Zeroizing<String>,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("desk", &uuid::Uuid::from_bytes(self.desk))
            .finish_non_exhaustive()
    }
}

/// Why a call did not get its answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    #[error("the server presented another certificate than the one this desk trusts")]
    CertificateChanged { expected: [u8; 32], seen: [u8; 32] },
    #[error("the server refused: {message}")]
    Refused {
        code: Refusal,
        message: String,
        seq: Option<u64>,
    },
    #[error("the server speaks another wire version ({server:?}; this desk speaks {WIRE_VERSION})")]
    WireVersion { server: Option<u32> },
    #[error("the server's answer is not valid: {0}")]
    BadAnswer(String),
}

#[derive(Debug)]
struct Pinned {
    fingerprint: [u8; 32],
    seen: Mutex<Option<[u8; 32]>>,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let seen: [u8; 32] = Sha256::digest(end_entity.as_ref()).into();
        if seen == self.fingerprint {
            return Ok(ServerCertVerified::assertion());
        }
        if let Ok(mut slot) = self.seen.lock() {
            *slot = Some(seen);
        }
        Err(rustls::Error::InvalidCertificate(
            CertificateError::ApplicationVerificationFailure,
        ))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// ring, as the server uses (see consent-server's `tls::provider` for why).
#[allow(deprecated)]
fn provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// A client of one server, for one desk (or for an enrollment, before the desk has a credential).
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    credential: Option<Credential>,
    pin: Arc<Pinned>,
}

/// The longest any request may take besides a long-poll's wait.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

impl Client {
    pub fn new(
        server: &ServerAddress,
        credential: Option<Credential>,
    ) -> Result<Client, ClientError> {
        let provider = Arc::new(provider());
        let pin = Arc::new(Pinned {
            fingerprint: server.fingerprint,
            seen: Mutex::new(None),
            provider: provider.clone(),
        });
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| ClientError::Unreachable(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(pin.clone())
            .with_no_client_auth();
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(Duration::from_secs(10))
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(|e| ClientError::Unreachable(e.to_string()))?;
        Ok(Client {
            http,
            base: format!("https://{}:{}", server.host, server.port),
            credential,
            pin,
        })
    }

    pub fn with_credential(&self, credential: Credential) -> Client {
        Client {
            credential: Some(credential),
            ..self.clone()
        }
    }

    fn transport_error(&self, e: reqwest::Error) -> ClientError {
        if let Some(seen) = self.pin.seen.lock().ok().and_then(|mut s| s.take()) {
            return ClientError::CertificateChanged {
                expected: self.pin.fingerprint,
                seen,
            };
        }
        // reqwest's text names the URL (host and port only) and the cause; no body, no credential.
        let mut text = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            text = format!("{text}: {s}");
            source = s.source();
        }
        ClientError::Unreachable(text)
    }

    async fn call<B: Serialize, A: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
        extra_wait: Duration,
    ) -> Result<A, ClientError> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(WIRE_HEADER, WIRE_VERSION.to_string())
            .timeout(REQUEST_TIMEOUT + extra_wait);
        if let Some(c) = &self.credential {
            request = request.bearer_auth(format!(
                "{}.{}",
                uuid::Uuid::from_bytes(c.desk),
                c.secret.as_str()
            ));
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(|e| self.transport_error(e))?;
        let status = response.status();
        let version = response
            .headers()
            .get(WIRE_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u32>().ok());
        let bytes = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(e))?;
        if version != Some(WIRE_VERSION) {
            return Err(ClientError::WireVersion { server: version });
        }
        let body_version: WireOnly = serde_json::from_slice(&bytes)
            .map_err(|_| ClientError::BadAnswer(format!("HTTP {status} without a wire message")))?;
        if body_version.wire != WIRE_VERSION {
            return Err(ClientError::WireVersion {
                server: Some(body_version.wire),
            });
        }
        if !status.is_success() {
            let error: ErrorBody = serde_json::from_slice(&bytes)
                .map_err(|e| ClientError::BadAnswer(format!("HTTP {status}: {e}")))?;
            if error.code == Refusal::WireVersion {
                return Err(ClientError::WireVersion { server: None });
            }
            return Err(ClientError::Refused {
                code: error.code,
                message: error.message,
                seq: error.seq,
            });
        }
        serde_json::from_slice(&bytes).map_err(|e| ClientError::BadAnswer(e.to_string()))
    }

    pub async fn enroll(&self, request: &EnrollRequest) -> Result<EnrollResponse, ClientError> {
        self.call(
            reqwest::Method::POST,
            "/api/v1/enroll",
            Some(request),
            Duration::ZERO,
        )
        .await
    }

    pub async fn add_enrollment(&self, request: &NewEnrollment) -> Result<Done, ClientError> {
        self.call(
            reqwest::Method::POST,
            "/api/v1/enrollments",
            Some(request),
            Duration::ZERO,
        )
        .await
    }

    pub async fn push(
        &self,
        rows: Vec<WireRow>,
        keys: Vec<WrappedKey>,
    ) -> Result<PushResponse, ClientError> {
        let request = PushRequest {
            wire: WIRE_VERSION,
            rows,
            keys,
        };
        self.call(
            reqwest::Method::POST,
            "/api/v1/push",
            Some(&request),
            Duration::ZERO,
        )
        .await
    }

    /// Rows after `after`; with `wait`, the server holds the request until news or the wait ends.
    pub async fn pull(
        &self,
        after: u64,
        limit: u32,
        wait: Duration,
    ) -> Result<PullResponse, ClientError> {
        let request = PullRequest {
            wire: WIRE_VERSION,
            after,
            limit,
            wait_ms: wait.as_millis() as u64,
        };
        self.call(reqwest::Method::POST, "/api/v1/pull", Some(&request), wait)
            .await
    }

    pub async fn desks(&self) -> Result<DeskList, ClientError> {
        self.call::<(), _>(reqwest::Method::GET, "/api/v1/desks", None, Duration::ZERO)
            .await
    }

    pub async fn revoke(&self, desk: [u8; 16]) -> Result<Done, ClientError> {
        let request = RevokeDesk {
            wire: WIRE_VERSION,
            desk,
        };
        self.call(
            reqwest::Method::POST,
            "/api/v1/desks/revoke",
            Some(&request),
            Duration::ZERO,
        )
        .await
    }
}
