//! `/healthz`: whether the database answers, for load balancers and probes.

use crate::http::AppState;
use app::store::DynStore;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::time::Duration;

pub fn routes() -> Router<AppState> {
    Router::new().route("/healthz", get(health))
}

/// 200 with the backend's name when the database answers within two seconds, else 503.
async fn health(State(store): State<DynStore>) -> Response {
    let backend = store.backend().as_str();
    match tokio::time::timeout(Duration::from_secs(2), store.ping()).await {
        Ok(Ok(())) => {
            Json(serde_json::json!({ "status": "ok", "database": backend })).into_response()
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "health check: database error");
            unavailable(backend)
        }
        Err(_) => {
            tracing::warn!("health check: database timed out");
            unavailable(backend)
        }
    }
}

fn unavailable(backend: &str) -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(serde_json::json!({ "status": "unavailable", "database": backend })),
    )
        .into_response()
}
