//! The rules of the server's storage, written once for every backend: what a push may add, what an
//! enrollment needs, who a credential belongs to. Each operation is one transaction of the backend;
//! a refusal is decided by reads before anything is written, so a refused request changes nothing.

use consent_wire::{
    DeskInfo, EnrollRequest, EnrollResponse, Head, LinkError, NewEnrollment, PulledRow, Refusal,
    WIRE_VERSION, WireRow, WrappedKey,
};
use sha2::{Digest, Sha256};

use super::{Backend, Counts, StorageError, StoredDesk, Token, TokenKind, WriteTx, meta};

/// The most rows one push may carry.
pub const MAX_PUSH_ROWS: usize = 5_000;
/// The most wrapped keys one push may carry.
pub const MAX_PUSH_KEYS: usize = 5_000;
/// The most rows one pull page holds.
pub const MAX_PULL_ROWS: usize = 5_000;
/// The longest desk name.
pub const MAX_DESK_NAME: usize = 100;
/// The kind of row that destroys a subject's data: the server deletes its wrapped key with it.
pub const DATA_DESTROYED: &str = "data_destroyed";
/// A wrapped key: a 24-byte nonce and a 32-byte key with its 16-byte tag.
const WRAPPED_NONCE_LEN: usize = 24;
const WRAPPED_LEN: usize = 48;

/// A request the rules refuse, with the reason a desk is told.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refused {
    pub refusal: Refusal,
    pub message: String,
    pub seq: Option<u64>,
}

impl Refused {
    pub fn new(refusal: Refusal, message: impl Into<String>) -> Refused {
        Refused {
            refusal,
            message: message.into(),
            seq: None,
        }
    }
}

/// Why an operation did not happen: refused by a rule, or the storage failed.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error(transparent)]
    Refused(#[from] Refused),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The answer to a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pushed {
    pub held: Option<Head>,
    pub stored: u64,
    /// The highest cursor after the push (to wake long-polls).
    pub latest: u64,
}

/// One page of a pull.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub rows: Vec<PulledRow>,
    pub keys: Vec<WrappedKey>,
    pub next: u64,
    pub more: bool,
    pub heads: Vec<Head>,
    pub latest: u64,
}

/// A first-desk code's parts, as the server made them (the secret leaves only in the printed code).
#[derive(Debug)]
pub struct FirstToken {
    pub token_id: [u8; 16],
    pub secret: zeroize::Zeroizing<[u8; 32]>,
    pub expires_ms: u64,
}

/// The server's storage with its rules.
pub struct Storage {
    backend: Box<dyn Backend>,
    /// When each desk's last-seen time was last written (see [`Storage::seen`]).
    seen: std::sync::Mutex<std::collections::HashMap<[u8; 16], u64>>,
}

/// A pull records its desk as seen at most this often. Writing it on every page cost a committed
/// (fsynced) write per page, and on SQLite every write makes the readers drop their page caches,
/// so each page of an initial pull read and decrypted its rows and keys from the file again. The
/// desk list shows last-seen times to the minute.
const SEEN_EVERY_MS: u64 = 30_000;

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Storage")
            .field("backend", &self.backend.name())
            .finish()
    }
}

/// SHA-256 of a secret, as the server keeps it.
pub fn secret_hash(secret: &[u8]) -> [u8; 32] {
    Sha256::digest(secret).into()
}

/// Compares two hashes in time independent of where they differ.
fn same(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn random<const N: usize>() -> Result<[u8; N], StorageError> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out)
        .map_err(|_| StorageError::Database("the system random number generator failed".into()))?;
    Ok(out)
}

fn link_refusal(e: &LinkError) -> Refused {
    let refusal = match e {
        LinkError::Gap { .. } => Refusal::Gap,
        LinkError::BrokenLink { .. } => Refusal::BrokenLink,
        LinkError::BadHash { .. } => Refusal::BadHash,
        LinkError::Malformed { .. } => Refusal::Malformed,
    };
    Refused {
        refusal,
        message: e.to_string(),
        seq: Some(e.seq()),
    }
}

impl Storage {
    pub fn new(backend: Box<dyn Backend>) -> Storage {
        Storage {
            backend,
            seen: std::sync::Mutex::default(),
        }
    }

    /// `sqlite` or `postgres`.
    pub fn backend_name(&self) -> &'static str {
        self.backend.name()
    }

    /// The server's id, made on first use and kept for good.
    pub fn server_id(&self) -> Result<[u8; 16], StorageError> {
        let mut id = None;
        self.backend.write(&mut |tx| {
            id = Some(match tx.meta(meta::SERVER_ID)? {
                Some(v) => v
                    .try_into()
                    .map_err(|_| StorageError::Corrupt("server id"))?,
                None => {
                    let fresh: [u8; 16] = random()?;
                    tx.set_meta(meta::SERVER_ID, &fresh)?;
                    fresh
                }
            });
            Ok(())
        })?;
        id.ok_or(StorageError::Corrupt("server id"))
    }

    /// The desk a credential `Bearer <desk>.<secret>` belongs to, if it is enrolled and not revoked.
    pub fn authenticate(&self, desk: [u8; 16], secret: &[u8]) -> Result<StoredDesk, RulesError> {
        let mut found = None;
        self.backend.read(&mut |tx| {
            found = tx.desk(&desk)?;
            Ok(())
        })?;
        let unknown = || Refused::new(Refusal::Unauthenticated, "unknown desk or wrong credential");
        let desk = found.ok_or_else(unknown)?;
        if !same(&desk.credential_hash, &secret_hash(secret)) {
            return Err(unknown().into());
        }
        if desk.revoked_ms.is_some() {
            return Err(Refused::new(
                Refusal::Revoked,
                "this desk was revoked by an administrator",
            )
            .into());
        }
        Ok(desk)
    }

    /// Stores a push from `desk`: its own rows in sequence order, and wrapped keys.
    pub fn push(
        &self,
        desk: [u8; 16],
        rows: &[WireRow],
        keys: &[WrappedKey],
        now_ms: u64,
    ) -> Result<Pushed, RulesError> {
        if rows.len() > MAX_PUSH_ROWS || keys.len() > MAX_PUSH_KEYS {
            return Err(Refused::new(
                Refusal::TooLarge,
                format!("a push carries at most {MAX_PUSH_ROWS} rows and {MAX_PUSH_KEYS} keys"),
            )
            .into());
        }
        if let Some(row) = rows.iter().find(|r| r.desk != desk) {
            return Err(Refused {
                refusal: Refusal::WrongDesk,
                message: "a row of another desk's series".into(),
                seq: Some(row.seq),
            }
            .into());
        }
        if keys
            .iter()
            .any(|k| k.nonce.len() != WRAPPED_NONCE_LEN || k.sealed.len() != WRAPPED_LEN)
        {
            return Err(
                Refused::new(Refusal::Malformed, "a wrapped key has the wrong size").into(),
            );
        }
        let mut refused = None;
        let mut outcome = None;
        self.backend
            .write(&mut |tx| {
                refused = None;
                let plan = match plan_push(tx, &desk, rows)? {
                    Ok(plan) => plan,
                    Err(r) => {
                        refused = Some(r);
                        return Ok(());
                    }
                };
                for key in keys {
                    if !tx.destroyed(&key.subject)? {
                        tx.put_key(key)?;
                    }
                }
                let mut latest = tx.latest_cursor()?;
                for row in &rows[plan..] {
                    latest = match tx.insert_row(row) {
                        Ok(cursor) => cursor,
                        Err(StorageError::DuplicateEvent) => {
                            refused = Some(Refused {
                                refusal: Refusal::Malformed,
                                message: "an event id the server already holds on another row"
                                    .into(),
                                seq: Some(row.seq),
                            });
                            return Err(StorageError::DuplicateEvent);
                        }
                        Err(e) => return Err(e),
                    };
                    if row.kind == DATA_DESTROYED && !row.is_desk_level() {
                        tx.destroy_key(&row.subject)?;
                    }
                }
                let stored = (rows.len() - plan) as u64;
                tx.desk_pushed(&desk, stored, now_ms)?;
                let held = tx.head(&desk)?.map(|(seq, hash)| Head { desk, seq, hash });
                outcome = Some(Pushed {
                    held,
                    stored,
                    latest,
                });
                Ok(())
            })
            .or_else(|e| match (&e, &refused) {
                (StorageError::DuplicateEvent, Some(_)) => Ok(()),
                _ => Err(e),
            })?;
        if let Some(r) = refused {
            return Err(r.into());
        }
        outcome.ok_or_else(|| StorageError::Corrupt("push outcome").into())
    }

    /// Up to `limit` rows after cursor `after`, with the keys of their subjects and every head.
    pub fn pull(&self, after: u64, limit: usize) -> Result<Page, StorageError> {
        let limit = limit.clamp(1, MAX_PULL_ROWS);
        let mut page = None;
        self.backend.read(&mut |tx| {
            let mut rows = tx.rows_after(after, limit + 1)?;
            let more = rows.len() > limit;
            rows.truncate(limit);
            let mut subjects: Vec<[u8; 16]> = rows
                .iter()
                .filter(|(_, r)| !r.is_desk_level())
                .map(|(_, r)| r.subject)
                .collect();
            subjects.sort_unstable();
            subjects.dedup();
            let keys = tx.keys_for(&subjects)?;
            let next = rows.last().map_or(after, |(c, _)| *c);
            page = Some(Page {
                rows: rows
                    .into_iter()
                    .map(|(cursor, row)| PulledRow { cursor, row })
                    .collect(),
                keys,
                next,
                more,
                heads: tx.heads()?,
                latest: tx.latest_cursor()?,
            });
            Ok(())
        })?;
        page.ok_or(StorageError::Corrupt("pull page"))
    }

    /// The highest cursor given so far.
    pub fn latest_cursor(&self) -> Result<u64, StorageError> {
        let mut latest = 0;
        self.backend.read(&mut |tx| {
            latest = tx.latest_cursor()?;
            Ok(())
        })?;
        Ok(latest)
    }

    /// A code for the clinic's first desk. Refused once any desk has enrolled: further desks join
    /// with a code an administrator makes at an enrolled desk.
    pub fn first_desk_token(&self, now_ms: u64, ttl_ms: u64) -> Result<FirstToken, RulesError> {
        let secret = zeroize::Zeroizing::new(random::<32>()?);
        let token_id: [u8; 16] = random()?;
        let code = consent_wire::EnrollmentCode {
            kind: consent_wire::CodeKind::First,
            host: "x".into(),
            port: 1,
            fingerprint: [0; 32],
            token_id,
            secret: secret.clone(),
        };
        let token = Token {
            token_id,
            token_hash: secret_hash(&code.token()),
            kind: TokenKind::First,
            package: None,
            created_ms: now_ms,
            expires_ms: now_ms.saturating_add(ttl_ms),
            made_by: None,
            used_ms: None,
        };
        let mut refused = None;
        self.backend.write(&mut |tx| {
            refused = None;
            if !tx.desks()?.is_empty() {
                refused = Some(Refused::new(
                    Refusal::DeskExists,
                    "a desk has already joined: make further codes at an enrolled desk \
                     (Settings → Desks → Add a desk)",
                ));
                return Ok(());
            }
            tx.insert_token(&token)
        })?;
        if let Some(r) = refused {
            return Err(r.into());
        }
        Ok(FirstToken {
            token_id,
            secret,
            expires_ms: token.expires_ms,
        })
    }

    /// Registers a further desk's code made by an administrator at enrolled desk `by`.
    pub fn add_enrollment(
        &self,
        by: [u8; 16],
        new: &NewEnrollment,
        now_ms: u64,
    ) -> Result<(), RulesError> {
        if new.expires_ms <= now_ms || new.package.len() > 1024 {
            return Err(Refused::new(
                Refusal::Malformed,
                "an expired code or an oversized package",
            )
            .into());
        }
        let token = Token {
            token_id: new.token_id,
            token_hash: new.token_hash,
            kind: TokenKind::Further,
            package: Some(new.package.clone()),
            created_ms: now_ms,
            expires_ms: new.expires_ms,
            made_by: Some(by),
            used_ms: None,
        };
        let mut refused = None;
        self.backend.write(&mut |tx| {
            refused = None;
            if tx.meta(meta::CLINIC_KEY_ID)?.is_none() {
                refused = Some(Refused::new(
                    Refusal::ClinicKeyMissing,
                    "the clinic has no key yet",
                ));
                return Ok(());
            }
            if tx.token(&token.token_id)?.is_some() {
                refused = Some(Refused::new(
                    Refusal::Malformed,
                    "a token id already in use",
                ));
                return Ok(());
            }
            tx.insert_token(&token)
        })?;
        match refused {
            Some(r) => Err(r.into()),
            None => Ok(()),
        }
    }

    /// Enrolls a desk that proves a one-time token.
    pub fn enroll(&self, req: &EnrollRequest, now_ms: u64) -> Result<EnrollResponse, RulesError> {
        let name = req.desk_name.trim();
        if name.is_empty()
            || name.chars().count() > MAX_DESK_NAME
            || name.chars().any(char::is_control)
        {
            return Err(Refused::new(
                Refusal::Malformed,
                "a desk name of 1 to 100 printable characters",
            )
            .into());
        }
        let server = self.server_id()?;
        let credential: zeroize::Zeroizing<[u8; 32]> = zeroize::Zeroizing::new(random()?);
        let presented = secret_hash(&req.token);
        let mut refused = None;
        let mut answer = None;
        self.backend.write(&mut |tx| {
            refused = None;
            let decision = enroll_checks(tx, req, &presented, now_ms)?;
            let (package, clinic_key_id) = match decision {
                Ok(d) => d,
                Err(r) => {
                    refused = Some(r);
                    return Ok(());
                }
            };
            if tx.desk(&req.desk)?.is_some() {
                refused = Some(Refused::new(
                    Refusal::DeskExists,
                    "this desk is already enrolled",
                ));
                return Ok(());
            }
            if tx.meta(meta::CLINIC_KEY_ID)?.is_none() {
                tx.set_meta(meta::CLINIC_KEY_ID, &clinic_key_id)?;
            }
            tx.insert_desk(&StoredDesk {
                desk: req.desk,
                name: name.to_owned(),
                credential_hash: secret_hash(&credential[..]),
                enrolled_ms: now_ms,
                last_seen_ms: Some(now_ms),
                rows: 0,
                revoked_ms: None,
            })?;
            tx.mark_token_used(&req.token_id, now_ms)?;
            answer = Some((package, clinic_key_id));
            Ok(())
        })?;
        if let Some(r) = refused {
            return Err(r.into());
        }
        let (package, clinic_key_id) = answer.ok_or(StorageError::Corrupt("enrollment"))?;
        Ok(EnrollResponse {
            wire: WIRE_VERSION,
            server,
            credential: hex::encode(&credential[..]),
            package,
            clinic_key_id: Some(clinic_key_id),
        })
    }

    /// Every desk, for the administrator's list.
    pub fn desks(&self) -> Result<Vec<DeskInfo>, StorageError> {
        let mut desks = Vec::new();
        self.backend.read(&mut |tx| {
            desks = tx.desks()?;
            Ok(())
        })?;
        Ok(desks
            .into_iter()
            .map(|d| DeskInfo {
                desk: d.desk,
                name: d.name,
                enrolled_ms: d.enrolled_ms,
                last_seen_ms: d.last_seen_ms,
                rows: d.rows,
                revoked_ms: d.revoked_ms,
            })
            .collect())
    }

    /// Revokes a desk's credential. Its rows stay: they are the clinic's record.
    pub fn revoke(&self, desk: [u8; 16], now_ms: u64) -> Result<(), RulesError> {
        let mut known = false;
        self.backend.write(&mut |tx| {
            known = tx.desk(&desk)?.is_some();
            if known {
                tx.revoke_desk(&desk, now_ms)?;
            }
            Ok(())
        })?;
        if !known {
            return Err(Refused::new(Refusal::NotFound, "no such desk").into());
        }
        Ok(())
    }

    /// Records that `desk` was seen (a pull), unless this server wrote it less than
    /// [`SEEN_EVERY_MS`] ago.
    pub fn seen(&self, desk: [u8; 16], now_ms: u64) -> Result<(), StorageError> {
        let recent = |written: &std::collections::HashMap<[u8; 16], u64>| {
            written
                .get(&desk)
                .is_some_and(|at| now_ms.saturating_sub(*at) < SEEN_EVERY_MS)
        };
        if self.seen.lock().is_ok_and(|written| recent(&written)) {
            return Ok(());
        }
        self.backend.write(&mut |tx| tx.desk_seen(&desk, now_ms))?;
        if let Ok(mut written) = self.seen.lock() {
            written.insert(desk, now_ms);
        }
        Ok(())
    }

    pub fn counts(&self) -> Result<Counts, StorageError> {
        let mut counts = Counts::default();
        self.backend.read(&mut |tx| {
            counts = tx.counts()?;
            Ok(())
        })?;
        Ok(counts)
    }
}

/// Checks a push against what is held: returns how many leading rows the server already holds (each
/// with the same hash), or why the push is refused.
fn plan_push(
    tx: &mut dyn WriteTx,
    desk: &[u8; 16],
    rows: &[WireRow],
) -> Result<Result<usize, Refused>, StorageError> {
    let head = tx.head(desk)?;
    let held_seq = head.map_or(0, |(s, _)| s);
    let mut held = 0;
    let mut before = head;
    for (i, row) in rows.iter().enumerate() {
        if let Err(e) = row.check_shape() {
            return Ok(Err(link_refusal(&e)));
        }
        if row.seq <= held_seq {
            if held != i {
                return Ok(Err(Refused {
                    refusal: Refusal::Gap,
                    message: "rows out of sequence order".into(),
                    seq: Some(row.seq),
                }));
            }
            match tx.row_hash(desk, row.seq)? {
                Some(hash) if hash == row.hash => held += 1,
                _ => {
                    return Ok(Err(Refused {
                        refusal: Refusal::Fork,
                        message: format!(
                            "the server holds another row {} of this desk's series",
                            row.seq
                        ),
                        seq: Some(row.seq),
                    }));
                }
            }
            continue;
        }
        if let Err(e) = row.check_follows(before) {
            return Ok(Err(link_refusal(&e)));
        }
        before = Some((row.seq, row.hash));
    }
    Ok(Ok(held))
}

/// What an enrollment hands out (the package, the clinic key id), or why it is refused.
type EnrollDecision = Result<(Option<Vec<u8>>, [u8; 32]), Refused>;

fn enroll_checks(
    tx: &mut dyn WriteTx,
    req: &EnrollRequest,
    presented: &[u8; 32],
    now_ms: u64,
) -> Result<EnrollDecision, StorageError> {
    let refuse = |r, m: &str| Ok(Err(Refused::new(r, m)));
    let Some(token) = tx.token(&req.token_id)? else {
        return refuse(Refusal::TokenUnknown, "unknown enrollment code");
    };
    if !same(&token.token_hash, presented) {
        return refuse(Refusal::TokenUnknown, "unknown enrollment code");
    }
    if token.used_ms.is_some() {
        return refuse(Refusal::TokenUsed, "this enrollment code was already used");
    }
    if token.expires_ms <= now_ms {
        return refuse(Refusal::TokenExpired, "this enrollment code has expired");
    }
    let held: Option<[u8; 32]> = tx
        .meta(meta::CLINIC_KEY_ID)?
        .map(|v| {
            v.try_into()
                .map_err(|_| StorageError::Corrupt("clinic key id"))
        })
        .transpose()?;
    match token.kind {
        TokenKind::First => {
            let Some(id) = req.clinic_key_id else {
                return refuse(Refusal::Malformed, "a first desk brings its clinic key id");
            };
            match held {
                Some(h) if h != id => refuse(
                    Refusal::ClinicKeyMismatch,
                    "the clinic already has another key",
                ),
                _ => Ok(Ok((None, id))),
            }
        }
        TokenKind::Further => {
            let (Some(h), Some(package)) = (held, token.package) else {
                return refuse(Refusal::ClinicKeyMissing, "the clinic has no key yet");
            };
            if req.clinic_key_id.is_some_and(|id| id != h) {
                return refuse(
                    Refusal::ClinicKeyMismatch,
                    "this desk holds another clinic's key",
                );
            }
            Ok(Ok((Some(package), h)))
        }
    }
}
