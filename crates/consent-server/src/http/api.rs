//! The handlers: each checks what the extractors could not, runs the storage call on the blocking
//! pool, and answers with a wire message.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use consent_wire::{
    DeskList, Done, EnrollRequest, EnrollResponse, NewEnrollment, PullRequest, PullResponse,
    PushRequest, PushResponse, Refusal, RevokeDesk, WIRE_VERSION,
};

use super::AppState;
use super::extract::{ApiError, Desk, Wire, WireHeader};

/// The committed OpenAPI description, served as is.
pub const OPENAPI: &str = include_str!("../../openapi.json");

pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| ApiError::internal())?
}

pub async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let storage = state.storage.clone();
    let counts = blocking(move || Ok(storage.counts()?)).await;
    match counts {
        Ok(c) => Json(serde_json::json!({
            "status": "ok",
            "wire": WIRE_VERSION,
            "backend": state.storage.backend_name(),
            "rows": c.rows,
            "desks": c.desks,
        }))
        .into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let storage = state.storage.clone();
    let counts = blocking(move || Ok(storage.counts()?)).await.ok();
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(counts),
    )
}

pub async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

pub async fn enroll(
    State(state): State<AppState>,
    Wire(req): Wire<EnrollRequest>,
) -> Result<Json<EnrollResponse>, ApiError> {
    let storage = state.storage.clone();
    let desk = uuid::Uuid::from_bytes(req.desk);
    let answer = blocking(move || Ok(storage.enroll(&req, now_ms())?)).await?;
    tracing::info!(%desk, "desk enrolled");
    Ok(Json(answer))
}

pub async fn add_enrollment(
    State(state): State<AppState>,
    Desk(desk): Desk,
    Wire(req): Wire<NewEnrollment>,
) -> Result<Json<Done>, ApiError> {
    let storage = state.storage.clone();
    blocking(move || Ok(storage.add_enrollment(desk.desk, &req, now_ms())?)).await?;
    Ok(Json(Done::new()))
}

pub async fn push(
    State(state): State<AppState>,
    Desk(desk): Desk,
    Wire(req): Wire<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    if *state.stopping.borrow() {
        return Err(ApiError::new(
            Refusal::Unavailable,
            "the server is shutting down",
        ));
    }
    let storage = state.storage.clone();
    let pushed =
        blocking(move || Ok(storage.push(desk.desk, &req.rows, &req.keys, now_ms())?)).await?;
    state.metrics.push(pushed.stored);
    if pushed.stored > 0 {
        state.latest.send_if_modified(|latest| {
            let moved = pushed.latest > *latest;
            *latest = (*latest).max(pushed.latest);
            moved
        });
    }
    Ok(Json(PushResponse {
        wire: WIRE_VERSION,
        held: pushed.held,
        stored: pushed.stored,
    }))
}

pub async fn pull(
    State(state): State<AppState>,
    Desk(desk): Desk,
    Wire(req): Wire<PullRequest>,
) -> Result<Json<PullResponse>, ApiError> {
    let mut news = state.latest.subscribe();
    let mut stopping = state.stopping.subscribe();
    let wait = Duration::from_millis(req.wait_ms).min(state.long_poll);
    let server = state.server_id;
    let read = |state: &AppState, note_seen: bool| {
        let storage = state.storage.clone();
        let (after, limit) = (req.after, req.limit as usize);
        blocking(move || {
            if note_seen {
                storage.seen(desk.desk, now_ms())?;
            }
            Ok(storage.pull(after, limit)?)
        })
    };
    // `Storage::seen` writes the last-seen time at most every 30 s.
    let mut page = read(&state, true).await?;
    if page.rows.is_empty() && !wait.is_zero() && !*stopping.borrow() {
        let _waiting = state.metrics.long_poll();
        news.mark_unchanged();
        // Anything pushed after the read above moved `latest`, so this wakes for it.
        let woke = tokio::select! {
            changed = news.wait_for(|latest| *latest > req.after) => changed.is_ok(),
            _ = stopping.wait_for(|s| *s) => false,
            _ = tokio::time::sleep(wait) => false,
        };
        if woke {
            page = read(&state, false).await?;
        }
    }
    state.metrics.pull();
    Ok(Json(PullResponse {
        wire: WIRE_VERSION,
        server,
        rows: page.rows,
        keys: page.keys,
        next: page.next,
        more: page.more,
        latest: page.latest,
        heads: page.heads,
    }))
}

pub async fn desks(
    State(state): State<AppState>,
    _: WireHeader,
    Desk(_): Desk,
) -> Result<Json<DeskList>, ApiError> {
    let storage = state.storage.clone();
    let desks = blocking(move || Ok(storage.desks()?)).await?;
    Ok(Json(DeskList {
        wire: WIRE_VERSION,
        desks,
    }))
}

pub async fn revoke(
    State(state): State<AppState>,
    Desk(by): Desk,
    Wire(req): Wire<RevokeDesk>,
) -> Result<Json<Done>, ApiError> {
    let storage = state.storage.clone();
    blocking(move || Ok(storage.revoke(req.desk, now_ms())?)).await?;
    tracing::info!(
        desk = %uuid::Uuid::from_bytes(req.desk),
        by = %uuid::Uuid::from_bytes(by.desk),
        "desk revoked"
    );
    Ok(Json(Done::new()))
}
