//! The sync engine: joining a server, pushing this desk's rows, pulling the others'.
//!
//! * **Push** sends this desk's rows after the last one the server acknowledged, in batches, with
//!   its subjects' keys wrapped with the clinic key and desk-level bodies sealed for transport. The
//!   server's answer is the only thing that moves the acknowledged mark, so a batch lost on the way
//!   is sent again, and the server takes a batch it already holds as a no-op.
//! * **Pull** takes pages after the last cursor taken in, checks each row (a transport seal must
//!   open; `Store::ingest` checks every chain and every body it can open) and stores them in one
//!   transaction per page. Then it compares the server's heads with the chains held here: equal
//!   heads mean equal histories, so silent divergence is found and reported, never papered over.
//! * **Healing**: a server restored from an older backup has a lower latest cursor (pull starts
//!   again from the start; what is held is skipped) and lower heads of this desk's chain (push
//!   sends again what it lacks). Nothing local is ever dropped.

use std::time::Duration;

use consent_domain::ids::{DeskId, PatientId};
use consent_store::crypto::SubjectKey;
use consent_store::ledger::Row;
use consent_store::{Store, StoreError};
use consent_wire::{
    CodeError, CodeKind, EnrollRequest, EnrollmentCode, NewEnrollment, PullResponse, Refusal,
    WIRE_VERSION,
};
use sha2::Digest;

use crate::client::{Client, ClientError, Credential, ServerAddress};
use crate::clinic_key::ClinicKey;
use crate::convert::{from_wire, to_wire};
use crate::membership::{self, Membership};

/// Rows per push.
pub const PUSH_BATCH: usize = 1_000;
/// Rows per pull page.
pub const PULL_PAGE: u32 = 2_000;

/// Why sync did not happen. Each says what the desk's staff or administrator can do.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("this desk has not joined a clinic server")]
    NotJoined,
    #[error("this desk has already joined a clinic server")]
    AlreadyJoined,
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the enrollment code is not valid: {0}")]
    Code(#[from] CodeError),
    #[error(
        "the clinic key in the enrollment package does not open: the code or the server is not the one that made it"
    )]
    Package,
    #[error("the server answered for another clinic key than this desk's")]
    ClinicKeyMismatch,
    #[error("the server sent data that does not open with the clinic key")]
    Sealed,
    #[error("another server answers at this desk's server address (its id changed)")]
    ServerChanged,
    #[error("the server's copy of desk {desk}'s chain differs from this desk's copy")]
    Diverged { desk: DeskId },
    #[error(
        "the server holds rows of this desk's own chain that this desk lacks (row {server_seq}; this desk has {local_seq}): was this desk restored from an older backup?"
    )]
    OwnRowsAhead { server_seq: u64, local_seq: u64 },
}

/// What one pull brought.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pulled {
    pub rows: usize,
    /// Patients whose data changed (for the UI to refresh).
    pub subjects: Vec<PatientId>,
    /// Whether staff, the clinic's details or other desk-level data changed.
    pub desk_changed: bool,
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn random<const N: usize>() -> Result<[u8; N], SyncError> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|_| SyncError::Package)?;
    Ok(out)
}

/// Joins the server an enrollment code names, as desk `name`. The first desk of a clinic makes the
/// clinic key; a further desk opens it from the package only the code's secret opens.
pub async fn join(store: &mut Store, code: &str, name: &str) -> Result<Membership, SyncError> {
    if Membership::load(store)?.is_some() {
        return Err(SyncError::AlreadyJoined);
    }
    let code = EnrollmentCode::parse(code)?;
    let server = ServerAddress {
        host: code.host.clone(),
        port: code.port,
        fingerprint: code.fingerprint,
    };
    let client = Client::new(&server, None)?;
    let made = match code.kind {
        CodeKind::First => Some(ClinicKey::generate().map_err(|_| SyncError::Package)?),
        CodeKind::Further => None,
    };
    let answer = client
        .enroll(&EnrollRequest {
            wire: WIRE_VERSION,
            token_id: code.token_id,
            token: code.token(),
            desk: *store.desk().as_bytes(),
            desk_name: name.to_owned(),
            clinic_key_id: made.as_ref().map(ClinicKey::id),
        })
        .await?;
    let clinic = match (made, &answer.package) {
        (Some(made), None) => made,
        (None, Some(package)) => ClinicKey::open_package(
            package,
            &code.package_key(),
            code.token_id,
            code.fingerprint,
        )
        .map_err(|_| SyncError::Package)?,
        _ => return Err(SyncError::Package),
    };
    if answer.clinic_key_id != Some(clinic.id()) {
        return Err(SyncError::ClinicKeyMismatch);
    }
    let membership = Membership {
        server,
        server_id: answer.server,
        credential: Credential {
            desk: *store.desk().as_bytes(),
            secret: zeroize::Zeroizing::new(answer.credential.clone()),
        },
        clinic,
    };
    membership.save(store)?;
    Ok(membership)
}

/// A joined desk's engine.
#[derive(Debug, Clone)]
pub struct Engine {
    client: Client,
    membership: Membership,
}

impl Engine {
    /// The engine of the desk `store` belongs to; [`SyncError::NotJoined`] before `join`.
    pub fn for_store(store: &Store) -> Result<Engine, SyncError> {
        let membership = Membership::load(store)?.ok_or(SyncError::NotJoined)?;
        let client = Client::new(&membership.server, Some(membership.credential.clone()))?;
        Ok(Engine { client, membership })
    }

    pub fn membership(&self) -> &Membership {
        &self.membership
    }

    /// Pushes every row of this desk the server has not acknowledged. Returns how many it stored.
    pub async fn push(&self, store: &mut Store) -> Result<u64, SyncError> {
        let own = store.desk();
        let mut stored = 0;
        let mut healed = false;
        loop {
            let after = membership::pushed(store)?;
            let rows = store.rows_after(own, after, PUSH_BATCH)?;
            let Some(last) = rows.last().map(|r| r.seq) else {
                return Ok(stored);
            };
            let (wire, keys) = self.outgoing(store, &rows)?;
            match self.client.push(wire, keys).await {
                Ok(answer) => {
                    stored += answer.stored;
                    let held = answer.held.map_or(0, |h| h.seq);
                    // A server that takes a batch and says it holds nothing more would have this
                    // loop send the same batch for ever.
                    if held <= after {
                        return Err(ClientError::BadAnswer(
                            "the server took a batch but holds no more of this desk's rows".into(),
                        )
                        .into());
                    }
                    membership::set_pushed(store, held.min(last))?;
                }
                // The server lacks rows before this batch: it was restored from an older backup.
                // Start again from what it holds, once.
                Err(ClientError::Refused {
                    code: Refusal::Gap, ..
                }) if !healed => {
                    healed = true;
                    let heads = self.client.pull(u64::MAX >> 1, 1, Duration::ZERO).await?;
                    let held = heads
                        .heads
                        .iter()
                        .find(|h| h.desk == *own.as_bytes())
                        .map_or(0, |h| h.seq);
                    membership::set_pushed(store, held)?;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn outgoing(
        &self,
        store: &Store,
        rows: &[Row],
    ) -> Result<(Vec<consent_wire::WireRow>, Vec<consent_wire::WrappedKey>), SyncError> {
        let clinic = &self.membership.clinic;
        let wire = rows
            .iter()
            .map(|r| to_wire(r, clinic))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| SyncError::Sealed)?;
        let mut subjects: Vec<PatientId> = rows.iter().filter_map(Row::data_subject).collect();
        subjects.sort_unstable();
        subjects.dedup();
        let mut keys = Vec::with_capacity(subjects.len());
        for subject in subjects {
            if let Some(key) = store.subject_key(subject)? {
                keys.push(
                    clinic
                        .wrap(*subject.as_bytes(), key.as_bytes())
                        .map_err(|_| SyncError::Sealed)?,
                );
            }
        }
        Ok((wire, keys))
    }

    /// Pulls every row after the last one taken in. `wait` lets the first request wait for news
    /// (a long-poll); later pages never wait.
    pub async fn pull(&self, store: &mut Store, wait: Duration) -> Result<Pulled, SyncError> {
        let own = store.desk();
        let clinic = &self.membership.clinic;
        let mut report = Pulled::default();
        let mut wait = wait;
        let mut restarted = false;
        let mut prefetched: Option<Prefetch> = None;
        loop {
            let after = membership::pulled(store)?;
            let page = match prefetched.take() {
                Some(next) if next.after == after => next.take().await?,
                _ => self.client.pull(after, PULL_PAGE, wait).await?,
            };
            wait = Duration::ZERO;
            if page.server != self.membership.server_id {
                return Err(SyncError::ServerChanged);
            }
            if page.latest < after && !restarted {
                // The server was put back from an older backup: take everything in again (what
                // is held is skipped) and let push send what the server lacks.
                restarted = true;
                membership::set_pulled(store, 0)?;
                continue;
            }
            if page.more && (page.next <= after || page.rows.is_empty()) {
                // "More" without moving on would have this loop ask for the same page for ever,
                // and "more" with nothing in it (a server's pages are never empty unless they are
                // the last) could keep it asking one cursor step at a time. Refused before
                // anything of the page is taken in: a refused answer changes nothing here.
                return Err(
                    ClientError::BadAnswer("a pull page that does not move on".into()).into(),
                );
            }
            if page.more {
                // The next page travels while this one is checked and stored (on a multi-thread
                // runtime; on a current-thread one it is fetched at the next await, as before).
                prefetched = Some(Prefetch::start(&self.client, page.next));
            }
            let mut rows = Vec::with_capacity(page.rows.len());
            for pulled in page.rows {
                if pulled.row.desk == *own.as_bytes() {
                    check_own(store, own, pulled.row.seq, &pulled.row.hash)?;
                    continue;
                }
                rows.push(from_wire(pulled.row, clinic).map_err(|_| SyncError::Sealed)?);
            }
            let mut keys = Vec::with_capacity(page.keys.len());
            for wrapped in &page.keys {
                let key = clinic.unwrap(wrapped).map_err(|_| SyncError::Sealed)?;
                let key = SubjectKey::from_slice(&key[..]).map_err(|_| SyncError::Sealed)?;
                keys.push((PatientId::from_bytes(wrapped.subject), key));
            }
            if !rows.is_empty() {
                let ingested = store.ingest(&rows, &keys)?;
                report.rows += ingested.stored;
                report.subjects.extend(ingested.subjects);
                report.desk_changed |= ingested.desk_changed;
            }
            membership::set_pulled(store, page.next)?;
            if !page.more {
                self.compare_heads(store, &page.heads)?;
                break;
            }
        }
        report.subjects.sort_unstable();
        report.subjects.dedup();
        Ok(report)
    }

    /// Equal heads mean equal histories. The server may be behind (a desk that has not pushed yet,
    /// or a server restored from a backup: push heals this desk's own chain), never different.
    fn compare_heads(
        &self,
        store: &mut Store,
        heads: &[consent_wire::Head],
    ) -> Result<(), SyncError> {
        let own = store.desk();
        for head in heads {
            let desk = DeskId::from_bytes(head.desk);
            if desk == own {
                check_own(store, own, head.seq, &head.hash)?;
                if membership::pushed(store)? > head.seq {
                    membership::set_pushed(store, head.seq)?;
                }
                continue;
            }
            if store.held_hash(desk, head.seq)? != Some(head.hash) {
                return Err(SyncError::Diverged { desk });
            }
        }
        Ok(())
    }

    /// Push, pull, and push again what the pull's healing asked for. Returns the rows the server
    /// stored and what the pull brought.
    pub async fn sync(&self, store: &mut Store) -> Result<(u64, Pulled), SyncError> {
        let pushed = self.push(store).await?;
        let pulled = self.pull(store, Duration::ZERO).await?;
        let healed = self.push(store).await?;
        Ok((pushed + healed, pulled))
    }

    /// A code for a further desk (an administrator's act, checked by the caller): one-time,
    /// expiring after `ttl`, carrying the clinic key sealed under its secret.
    pub async fn add_desk_code(&self, ttl: Duration) -> Result<String, SyncError> {
        let server = &self.membership.server;
        let code = EnrollmentCode {
            kind: CodeKind::Further,
            host: server.host.clone(),
            port: server.port,
            fingerprint: server.fingerprint,
            token_id: random()?,
            secret: zeroize::Zeroizing::new(random()?),
        };
        let package = self
            .membership
            .clinic
            .seal_package(&code.package_key(), code.token_id, code.fingerprint)
            .map_err(|_| SyncError::Package)?;
        self.client
            .add_enrollment(&NewEnrollment {
                wire: WIRE_VERSION,
                token_id: code.token_id,
                token_hash: sha2::Sha256::digest(code.token()).into(),
                package,
                expires_ms: now_ms() + ttl.as_millis() as u64,
            })
            .await?;
        Ok(code.to_text()?)
    }

    pub fn client(&self) -> &Client {
        &self.client
    }
}

/// The next pull page, requested before the current one is stored. Dropped unused (an error, a
/// restart), the request is abandoned: a pull changes nothing on the server.
struct Prefetch {
    after: u64,
    task: tokio::task::JoinHandle<Result<PullResponse, ClientError>>,
}

impl Prefetch {
    fn start(client: &Client, after: u64) -> Prefetch {
        let client = client.clone();
        Prefetch {
            after,
            task: tokio::spawn(async move { client.pull(after, PULL_PAGE, Duration::ZERO).await }),
        }
    }

    async fn take(mut self) -> Result<PullResponse, ClientError> {
        (&mut self.task)
            .await
            .map_err(|e| ClientError::Unreachable(format!("the page request stopped: {e}")))?
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A row of this desk's own chain the server holds must be the one held here.
fn check_own(store: &Store, own: DeskId, seq: u64, hash: &[u8; 32]) -> Result<(), SyncError> {
    match store.held_hash(own, seq)? {
        Some(held) if held == *hash => Ok(()),
        Some(_) => Err(SyncError::Diverged { desk: own }),
        None => Err(SyncError::OwnRowsAhead {
            server_seq: seq,
            local_seq: store
                .heads()?
                .into_iter()
                .find(|(d, _)| *d == own)
                .map_or(0, |(_, h)| h.seq),
        }),
    }
}
