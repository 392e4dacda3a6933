//! The desk's membership of the clinic server: joining with a code (an administrator), syncing now
//! (any staff member), and making a further desk's code (an administrator). The network calls run
//! on a small runtime of their own for the call's duration; the desk's data stay in its store.

use std::time::Duration;

use consent_domain::staff::{Staff, UseCase, authorize};
use serde::Serialize;
use ts_rs::TS;

use super::Desk;
use crate::ServiceError;
use crate::api::ServerView;
use crate::error::sync_problem::{SyncProblem, from_sync};

/// How long a further desk's code works.
pub const DESK_CODE_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncSummary {
    /// Rows of this desk the server took in.
    pub pushed: u64,
    /// Rows of other desks this desk took in.
    pub pulled: usize,
    /// Patients whose data changed here.
    pub patients_changed: usize,
}

impl ServerView {
    pub(crate) fn of(membership: &consent_sync::membership::Membership) -> ServerView {
        ServerView {
            host: membership.server.host.clone(),
            port: membership.server.port,
            fingerprint: consent_wire::code::show_fingerprint(&membership.server.fingerprint),
        }
    }
}

/// Runs `work` on a runtime of its own, on a thread of its own: the caller may itself be on an
/// async runtime's thread (the app's commands are), where blocking on a second runtime would panic.
fn off_runtime<T: Send>(
    work: impl FnOnce(&tokio::runtime::Runtime) -> Result<T, ServiceError> + Send,
) -> Result<T, ServiceError> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|_| ServiceError::Sync(SyncProblem::Unreachable))?;
                work(&rt)
            })
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

impl Desk {
    /// Joins the clinic server the enrollment `code` names, as desk `name`, then syncs once.
    pub fn join_server(
        &mut self,
        actor: &Staff,
        code: &str,
        name: &str,
    ) -> Result<ServerView, ServiceError> {
        authorize(actor, UseCase::EnrollDesk)?;
        crate::error::check_stored_text(name, "desk_name")?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(ServiceError::BadInput {
                what: "desk_name",
                detail: if name.is_empty() { "empty" } else { "too_long" },
            });
        }
        let store = &mut self.store;
        let membership = off_runtime(|rt| {
            rt.block_on(consent_sync::join(store, code, name))
                .map_err(from_sync)
        })?;
        tracing::info!(host = %membership.server.host, "desk joined the clinic server");
        Ok(ServerView::of(&membership))
    }

    /// Pushes what the server lacks and takes in what other desks did.
    pub fn sync_now(&mut self, actor: &Staff) -> Result<SyncSummary, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        let engine = consent_sync::Engine::for_store(&self.store).map_err(from_sync)?;
        let store = &mut self.store;
        let (pushed, pulled) =
            off_runtime(|rt| rt.block_on(engine.sync(store)).map_err(from_sync))?;
        self.store.catch_up()?;
        Ok(SyncSummary {
            pushed,
            pulled: pulled.rows,
            patients_changed: pulled.subjects.len(),
        })
    }

    /// A digest of everything folded from the ledger (patients, consents, requests, staff, the
    /// clinic): two desks that hold the same events have the same digest.
    pub fn state_digest(&self) -> Result<String, ServiceError> {
        Ok(hex::encode(self.store.projection_digest()?))
    }

    /// A one-time code (valid 24 hours) for a further desk to join the clinic server.
    pub fn add_desk_code(&mut self, actor: &Staff) -> Result<String, ServiceError> {
        authorize(actor, UseCase::EnrollDesk)?;
        let engine = consent_sync::Engine::for_store(&self.store).map_err(from_sync)?;
        off_runtime(|rt| {
            rt.block_on(engine.add_desk_code(DESK_CODE_TTL))
                .map_err(from_sync)
        })
    }

    /// Every desk the clinic server knows (an administrator), as the server lists them.
    pub fn clinic_desks(
        &mut self,
        actor: &Staff,
    ) -> Result<Vec<consent_wire::DeskInfo>, ServiceError> {
        authorize(actor, UseCase::EnrollDesk)?;
        let engine = consent_sync::Engine::for_store(&self.store).map_err(from_sync)?;
        let list = off_runtime(|rt| {
            rt.block_on(engine.client().desks())
                .map_err(|e| from_sync(e.into()))
        })?;
        Ok(list.desks)
    }

    /// Revokes another desk of the clinic (an administrator): the server refuses it from now on.
    /// This desk cannot revoke itself from here (that would cut it off with nobody at the server
    /// knowing why); `consent-server desk revoke` can.
    pub fn revoke_desk(&mut self, actor: &Staff, desk: &str) -> Result<(), ServiceError> {
        authorize(actor, UseCase::EnrollDesk)?;
        let id = uuid::Uuid::parse_str(desk.trim()).map_err(|_| ServiceError::BadInput {
            what: "desk",
            detail: "bad_id",
        })?;
        if id.as_bytes() == self.store.desk().as_bytes() {
            return Err(ServiceError::Rule {
                detail: "desk_revoke_self",
            });
        }
        let engine = consent_sync::Engine::for_store(&self.store).map_err(from_sync)?;
        off_runtime(|rt| {
            rt.block_on(engine.client().revoke(*id.as_bytes()))
                .map_err(|e| from_sync(e.into()))
        })?;
        tracing::info!(desk = %id, "desk revoked from this desk");
        Ok(())
    }

    /// The server this desk has joined, if any.
    pub fn server(&self) -> Result<Option<ServerView>, ServiceError> {
        Ok(consent_sync::membership::Membership::load(&self.store)?
            .as_ref()
            .map(ServerView::of))
    }

    /// Rows of this desk the server has not acknowledged yet (all of them before a join).
    pub fn unsent_rows(&self) -> Result<u64, ServiceError> {
        let head = self.store.own_head_seq()?;
        Ok(head.saturating_sub(consent_sync::membership::pushed(&self.store)?))
    }

    /// The last row this handle wrote: a use case that moved it recorded something.
    pub fn written_seq(&self) -> u64 {
        self.store.written_seq()
    }

    /// The background task's engine; `None` until the desk joins a server.
    pub(crate) fn engine(&self) -> Result<Option<consent_sync::Engine>, ServiceError> {
        match consent_sync::Engine::for_store(&self.store) {
            Ok(engine) => Ok(Some(engine)),
            Err(consent_sync::SyncError::NotJoined) => Ok(None),
            Err(other) => Err(from_sync(other)),
        }
    }

    /// The background task's push: what the server lacks of this desk's chain.
    pub(crate) async fn push_unsent(
        &mut self,
        engine: &consent_sync::Engine,
    ) -> Result<u64, ServiceError> {
        engine.push(&mut self.store).await.map_err(from_sync)
    }

    /// The background task's pull: waits up to `wait` for news, then takes in every page.
    pub(crate) async fn pull_news(
        &mut self,
        engine: &consent_sync::Engine,
        wait: Duration,
    ) -> Result<consent_sync::Pulled, ServiceError> {
        self.store.catch_up()?;
        engine.pull(&mut self.store, wait).await.map_err(from_sync)
    }
}
