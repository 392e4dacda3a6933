//! The server's own TLS certificate. Clinics have no public CA, so `init` makes a self-signed
//! certificate and desks pin its SHA-256 fingerprint (carried in every enrollment code). The private
//! key is written 0600 and never printed; the fingerprint is what an administrator compares.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

/// The certificate and key files in the data directory.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl TlsFiles {
    pub fn in_dir(data_dir: &Path) -> TlsFiles {
        TlsFiles {
            cert: data_dir.join("tls-cert.pem"),
            key: data_dir.join("tls-key.pem"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("could not make the server certificate: {0}")]
    Generate(String),
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not read the server certificate or key ({path}): {reason}")]
    Read { path: PathBuf, reason: String },
}

/// Makes a self-signed certificate for `names` (DNS names or IP addresses the desks will use) and
/// writes it; refuses to overwrite either file. Returns the fingerprint.
pub fn generate(files: &TlsFiles, names: &[String]) -> Result<[u8; 32], TlsError> {
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)
        .map_err(|e| TlsError::Generate(e.to_string()))?;
    let mut params = rcgen::CertificateParams::new(names.to_vec())
        .map_err(|e| TlsError::Generate(e.to_string()))?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Consent Desk clinic server");
    // Ten years: a clinic should not find its desks locked out by an expiry nobody watches;
    // the pin, not the dates, is what desks trust.
    params.not_before = rcgen::date_time_ymd(2025, 1, 1);
    params.not_after = rcgen::date_time_ymd(2035, 12, 31);
    let cert = params
        .self_signed(&key)
        .map_err(|e| TlsError::Generate(e.to_string()))?;
    write_new(&files.key, key.serialize_pem().as_bytes(), 0o600)?;
    write_new(&files.cert, cert.pem().as_bytes(), 0o644)?;
    Ok(Sha256::digest(cert.der()).into())
}

fn write_new(path: &Path, bytes: &[u8], mode: u32) -> Result<(), TlsError> {
    let err = |source| TlsError::Write {
        path: path.to_owned(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(path).map_err(err)?;
    file.write_all(bytes).map_err(err)?;
    file.sync_all().map_err(err)
}

/// The certificate's DER bytes and its SHA-256 fingerprint.
pub fn fingerprint(files: &TlsFiles) -> Result<[u8; 32], TlsError> {
    let (certs, _) = read(files)?;
    let first = certs.first().ok_or_else(|| TlsError::Read {
        path: files.cert.clone(),
        reason: "no certificate in the file".into(),
    })?;
    Ok(Sha256::digest(first.as_ref()).into())
}

type Certs = Vec<rustls::pki_types::CertificateDer<'static>>;

fn read(files: &TlsFiles) -> Result<(Certs, rustls::pki_types::PrivateKeyDer<'static>), TlsError> {
    use rustls::pki_types::pem::PemObject;
    let bad = |path: &Path, e: rustls::pki_types::pem::Error| TlsError::Read {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let certs = rustls::pki_types::CertificateDer::pem_file_iter(&files.cert)
        .map_err(|e| bad(&files.cert, e))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(&files.cert, e))?;
    let key = rustls::pki_types::PrivateKeyDer::from_pem_file(&files.key)
        .map_err(|e| bad(&files.key, e))?;
    Ok((certs, key))
}

/// The rustls server configuration (TLS 1.3 and 1.2, ring).
pub fn server_config(files: &TlsFiles) -> Result<Arc<rustls::ServerConfig>, TlsError> {
    let (certs, key) = read(files)?;
    let provider = Arc::new(provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError::Generate(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| TlsError::Read {
            path: files.key.clone(),
            reason: e.to_string(),
        })?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// The TLS crypto provider: ring. rustls 0.23.48 deprecates ring's provider for lacking
/// post-quantum key exchange; aws-lc-rs would add a large C build to every fresh machine, and desks
/// pin this server's own certificate on the clinic's network. Revisit with rustls 0.24.
#[allow(deprecated)]
pub fn provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

pub use consent_wire::code::show_fingerprint;
