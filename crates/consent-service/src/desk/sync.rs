//! The desk's membership of the clinic server: joining with a code (an administrator), syncing now
//! (any staff member), and making a further desk's code (an administrator). The network calls run
//! on a small runtime of their own for the call's duration; the desk's data stay in its store.

use std::time::Duration;

use consent_domain::staff::{Staff, UseCase, authorize};
use serde::Serialize;
use ts_rs::TS;

use super::Desk;
use crate::ServiceError;
use crate::sync_problem::from_sync;

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

/// The server this desk belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerView {
    pub host: String,
    pub port: u16,
    /// The pinned certificate's fingerprint, as an administrator compares it.
    pub fingerprint: String,
}

fn runtime() -> Result<tokio::runtime::Runtime, ServiceError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|_| ServiceError::Sync(crate::sync_problem::SyncProblem::Unreachable))
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
        let rt = runtime()?;
        let membership = rt
            .block_on(consent_sync::join(&mut self.store, code, name))
            .map_err(from_sync)?;
        tracing::info!(host = %membership.server.host, "desk joined the clinic server");
        Ok(ServerView {
            host: membership.server.host.clone(),
            port: membership.server.port,
            fingerprint: consent_wire::code::show_fingerprint(&membership.server.fingerprint),
        })
    }

    /// Pushes what the server lacks and takes in what other desks did.
    pub fn sync_now(&mut self, actor: &Staff) -> Result<SyncSummary, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        let engine = consent_sync::Engine::for_store(&self.store).map_err(from_sync)?;
        let rt = runtime()?;
        let (pushed, pulled) = rt
            .block_on(engine.sync(&mut self.store))
            .map_err(from_sync)?;
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
        let rt = runtime()?;
        rt.block_on(engine.add_desk_code(DESK_CODE_TTL))
            .map_err(from_sync)
    }
}
