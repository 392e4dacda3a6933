//! What every API request must bring, checked before a handler runs: the wire version (header and
//! body), the body's shape, and for a desk's requests its credential. Every refusal is
//! `{wire, code, message}` with a status that fits.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use consent_wire::{ErrorBody, Refusal, WIRE_HEADER, WIRE_VERSION, WireOnly};
use serde::de::DeserializeOwned;

use super::AppState;
use crate::storage::StoredDesk;
use crate::storage::rules::{Refused, RulesError};

/// A refusal as an HTTP answer.
#[derive(Debug)]
pub struct ApiError(pub Refused);

impl ApiError {
    pub fn new(refusal: Refusal, message: impl Into<String>) -> ApiError {
        ApiError(Refused::new(refusal, message))
    }

    pub fn internal() -> ApiError {
        ApiError::new(Refusal::Internal, "the server failed; see its log")
    }
}

impl From<RulesError> for ApiError {
    fn from(e: RulesError) -> ApiError {
        match e {
            RulesError::Refused(r) => ApiError(r),
            RulesError::Storage(e) => {
                tracing::error!(error = %e, "storage failed");
                ApiError::internal()
            }
        }
    }
}

impl From<crate::storage::StorageError> for ApiError {
    fn from(e: crate::storage::StorageError) -> ApiError {
        ApiError::from(RulesError::Storage(e))
    }
}

pub fn status_of(refusal: Refusal) -> StatusCode {
    match refusal {
        Refusal::WireVersion | Refusal::Malformed => StatusCode::BAD_REQUEST,
        Refusal::Unauthenticated | Refusal::TokenUnknown => StatusCode::UNAUTHORIZED,
        Refusal::Revoked | Refusal::WrongDesk => StatusCode::FORBIDDEN,
        Refusal::TokenExpired | Refusal::TokenUsed => StatusCode::GONE,
        Refusal::NotFound => StatusCode::NOT_FOUND,
        Refusal::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Refusal::Fork
        | Refusal::Gap
        | Refusal::BrokenLink
        | Refusal::BadHash
        | Refusal::DeskExists
        | Refusal::ClinicKeyMismatch
        | Refusal::ClinicKeyMissing => StatusCode::CONFLICT,
        Refusal::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Refusal::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            wire: WIRE_VERSION,
            code: self.0.refusal,
            message: self.0.message,
            seq: self.0.seq,
        };
        let mut response = (status_of(body.code), axum::Json(body)).into_response();
        response.extensions_mut().insert(self.0.refusal);
        response
    }
}

fn check_header(parts: &Parts) -> Result<(), ApiError> {
    match parts.headers.get(WIRE_HEADER).map(HeaderValue::to_str) {
        Some(Ok(v)) if v.trim() == WIRE_VERSION.to_string() => Ok(()),
        Some(_) => Err(ApiError::new(
            Refusal::WireVersion,
            format!("this server speaks wire version {WIRE_VERSION} only"),
        )),
        None => Err(ApiError::new(
            Refusal::WireVersion,
            format!(
                "the {WIRE_HEADER} header is missing (this server speaks version {WIRE_VERSION})"
            ),
        )),
    }
}

/// A JSON body of wire type `T`, of this wire version.
#[derive(Debug)]
pub struct Wire<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for Wire<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        check_header(&parts)?;
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| {
                ApiError::new(
                    Refusal::TooLarge,
                    format!("a request body is at most {} bytes", super::MAX_BODY),
                )
            })?;
        let version: WireOnly = serde_json::from_slice(&bytes)
            .map_err(|_| ApiError::new(Refusal::Malformed, "the body is not a wire message"))?;
        if version.wire != WIRE_VERSION {
            return Err(ApiError::new(
                Refusal::WireVersion,
                format!("this server speaks wire version {WIRE_VERSION} only"),
            ));
        }
        serde_json::from_slice(&bytes).map(Wire).map_err(|e| {
            // serde's message names the field and the position, never the value's bytes at length.
            ApiError::new(Refusal::Malformed, format!("the body is malformed: {e}"))
        })
    }
}

/// The wire version header alone (requests without a body).
#[derive(Debug)]
pub struct WireHeader;

impl FromRequestParts<AppState> for WireHeader {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        check_header(parts).map(|()| WireHeader)
    }
}

/// The desk whose credential the request carries: `Authorization: Bearer <desk uuid>.<64 hex>`.
#[derive(Debug)]
pub struct Desk(pub StoredDesk);

impl FromRequestParts<AppState> for Desk {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let unauthenticated =
            || ApiError::new(Refusal::Unauthenticated, "no valid desk credential");
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(unauthenticated)?;
        let token = value.strip_prefix("Bearer ").ok_or_else(unauthenticated)?;
        let (desk, secret) = token.split_once('.').ok_or_else(unauthenticated)?;
        let desk = uuid::Uuid::try_parse(desk).map_err(|_| unauthenticated())?;
        let mut raw = zeroize::Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(secret, &mut raw[..]).map_err(|_| unauthenticated())?;
        let storage = state.storage.clone();
        let desk_bytes = *desk.as_bytes();
        let found = tokio::task::spawn_blocking(move || storage.authenticate(desk_bytes, &raw[..]))
            .await
            .map_err(|_| ApiError::internal())??;
        Ok(Desk(found))
    }
}
