//! The HTTP API over TLS: routes, shared state, long-polls, and graceful shutdown.
//!
//! Storage calls are blocking (SQLite, the synchronous PostgreSQL client), so each runs on tokio's
//! blocking pool; a pull that finds nothing new waits on a watch of the latest cursor, which every
//! accepted push moves, so other desks hear of it at once.

mod api;
pub mod extract;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use consent_wire::{Refusal, WIRE_HEADER, WIRE_VERSION};
use tokio::sync::watch;

use crate::metrics::Metrics;
use crate::storage::rules::Storage;

/// The largest request body: a full push (5,000 rows) with room to spare.
pub const MAX_BODY: usize = 48 * 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub storage: Arc<Storage>,
    pub metrics: Arc<Metrics>,
    /// The latest cursor; a push moves it, waiting pulls watch it.
    pub latest: Arc<watch::Sender<u64>>,
    /// Set when the server begins to shut down: waiting pulls answer at once.
    pub stopping: Arc<watch::Sender<bool>>,
    pub long_poll: Duration,
    /// The server's id, read once at start (it never changes).
    pub server_id: [u8; 16],
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl AppState {
    pub fn new(
        storage: Arc<Storage>,
        long_poll: Duration,
    ) -> Result<AppState, crate::storage::StorageError> {
        let latest = storage.latest_cursor()?;
        let server_id = storage.server_id()?;
        Ok(AppState {
            server_id,
            storage,
            metrics: Arc::new(Metrics::default()),
            latest: Arc::new(watch::channel(latest).0),
            stopping: Arc::new(watch::channel(false).0),
            long_poll,
        })
    }
}

/// Every route of the server. `openapi.json` describes the same list (a test holds them equal).
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/health"),
    ("GET", "/metrics"),
    ("GET", "/api/v1/openapi.json"),
    ("POST", "/api/v1/enroll"),
    ("POST", "/api/v1/enrollments"),
    ("POST", "/api/v1/push"),
    ("POST", "/api/v1/pull"),
    ("GET", "/api/v1/desks"),
    ("POST", "/api/v1/desks/revoke"),
];

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/health", get(api::health))
        .route("/metrics", get(api::metrics))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/enroll", post(api::enroll))
        .route("/api/v1/enrollments", post(api::add_enrollment))
        .route("/api/v1/push", post(api::push))
        .route("/api/v1/pull", post(api::pull))
        .route("/api/v1/desks", get(api::desks))
        .route("/api/v1/desks/revoke", post(api::revoke))
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Times and logs each request (route, status, refusal: never a body), counts refusals, and marks
/// the answer with the wire version.
async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned());
    let method = request.method().clone();
    let started = Instant::now();
    let mut response = next.run(request).await;
    let took = started.elapsed();
    response
        .headers_mut()
        .insert(WIRE_HEADER, HeaderValue::from(WIRE_VERSION));
    let refusal = response.extensions().get::<Refusal>().copied();
    if let Some(r) = refusal {
        state.metrics.refused(r);
    }
    let route_name = ROUTES
        .iter()
        .find(|(_, p)| Some(*p) == route.as_deref())
        .map_or("other", |(_, p)| *p);
    state.metrics.observe(route_name, took);
    tracing::info!(
        %method,
        route = route_name,
        status = response.status().as_u16(),
        refusal = refusal.map(Refusal::code),
        ms = took.as_millis() as u64,
        "request"
    );
    response
}

/// Serves on `listen` until SIGINT or SIGTERM, then stops taking connections, wakes waiting pulls
/// and lets requests in flight (a push's transaction included) finish for up to `grace`.
/// `ready` is told the bound address (the port when `listen` asks for port 0).
pub async fn serve(
    listen: SocketAddr,
    tls: Arc<rustls::ServerConfig>,
    state: AppState,
    grace: Duration,
    ready: impl FnOnce(SocketAddr) + Send + 'static,
) -> std::io::Result<()> {
    let handle = axum_server::Handle::new();
    let app = router(state.clone());
    let waiter = handle.clone();
    tokio::spawn(async move {
        if let Some(addr) = waiter.listening().await {
            ready(addr);
        }
    });
    let stopper = handle.clone();
    let stopping = state.stopping.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        stopping.send_replace(true);
        stopper.graceful_shutdown(Some(grace));
    });
    axum_server::bind_rustls(
        listen,
        axum_server::tls_rustls::RustlsConfig::from_config(tls),
    )
    .handle(handle)
    .serve(app.into_make_service())
    .await
}

async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
}

pub use api::now_ms;

#[cfg(test)]
mod openapi_tests;
