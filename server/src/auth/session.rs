//! The session cookie and the actor of each request.

use super::AuthConfig;
use crate::router::AppState;
use app::domain::Actor;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// Session keys.
pub const USER_ID: &str = "uid";
pub const LOGIN_AT: &str = "at";
pub const COOKIE_NAME: &str = "dangbo_session";

pub fn layer(
    sessions: app::store::sessions::Sessions,
    config: &AuthConfig,
) -> tower_sessions::SessionManagerLayer<app::store::sessions::Sessions> {
    let idle = tower_sessions::cookie::time::Duration::seconds(config.idle.num_seconds());
    tower_sessions::SessionManagerLayer::new(sessions)
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_path("/")
        .with_expiry(tower_sessions::Expiry::OnInactivity(idle))
}

/// Puts the request's [`Actor`] into its extensions, where server functions
/// and handlers find it. A session past its absolute lifetime, or whose
/// account was disabled or removed, is ended here.
pub async fn resolve_actor(
    State(state): State<AppState>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let actor = match current_actor(&state, &session).await {
        Ok(actor) => actor,
        Err(e) => {
            tracing::error!(error = %e, "could not resolve the session's actor");
            Actor::Anonymous
        }
    };
    // A one-time password must be replaced before anything else is shown.
    if let Actor::User(user) = &actor
        && user.must_change_password
        && req.method() == axum::http::Method::GET
        && !allowed_before_password_change(req.uri().path())
    {
        return axum::response::Redirect::to(super::handlers::PASSWORD_PAGE).into_response();
    }
    req.extensions_mut().insert(actor);
    next.run(req).await
}

fn allowed_before_password_change(path: &str) -> bool {
    path == super::handlers::PASSWORD_PAGE
        || ["/pkg/", "/api/", "/auth/", "/lang/", "/healthz", "/favicon"]
            .iter()
            .any(|p| path.starts_with(p))
}

async fn current_actor(state: &AppState, session: &Session) -> Result<Actor, String> {
    let Some(user_id) = session
        .get::<i64>(USER_ID)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(Actor::Anonymous);
    };
    let login_at = session
        .get::<i64>(LOGIN_AT)
        .await
        .map_err(|e| e.to_string())?;
    let now = chrono::Utc::now();
    let expired = login_at
        .and_then(|at| chrono::DateTime::from_timestamp(at, 0))
        .is_none_or(|at| now - at > state.auth.absolute);
    let actor = if expired {
        None
    } else {
        state
            .store
            .actor(user_id, now.date_naive())
            .await
            .map_err(|e| e.to_string())?
    };
    match actor {
        Some(user) => Ok(Actor::User(user)),
        None => {
            session.flush().await.map_err(|e| e.to_string())?;
            Ok(Actor::Anonymous)
        }
    }
}
