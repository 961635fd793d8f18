//! The session cookie and the actor of each request.

use super::AuthConfig;
use crate::http::AppState;
use app::domain::Actor;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

/// Session keys.
pub const USER_ID: &str = "uid";
pub const LOGIN_AT: &str = "at";
/// The account's session epoch at login (see `AccountStore::actor`).
pub const EPOCH: &str = "ep";
/// When the session was last saved: its idle limit runs from then.
pub const SEEN: &str = "seen";
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
        return crate::redirect::to(super::handlers::PASSWORD_PAGE);
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
    let epoch = session
        .get::<i64>(EPOCH)
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or(0);
    let now = chrono::Utc::now();
    let expired = login_at
        .and_then(|at| chrono::DateTime::from_timestamp(at, 0))
        .is_none_or(|at| now - at > state.auth.absolute);
    let actor = if expired {
        None
    } else {
        state
            .store
            .actor(user_id, epoch, now.date_naive())
            .await
            .map_err(|e| e.to_string())?
    };
    match actor {
        Some(user) => {
            keep_alive(state, session, now).await?;
            Ok(Actor::User(user))
        }
        None => {
            session.flush().await.map_err(|e| e.to_string())?;
            Ok(Actor::Anonymous)
        }
    }
}

/// Activity extends the idle limit. tower-sessions saves a session (and sends
/// its cookie with a new expiry) only when it was modified, so a session in
/// use would still end an idle limit after its last change. Noting the time
/// now and then, once a tenth of the limit has passed, keeps it alive at the
/// cost of one write every few minutes per user rather than one per request.
async fn keep_alive(
    state: &AppState,
    session: &Session,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), String> {
    let seen = session.get::<i64>(SEEN).await.map_err(|e| e.to_string())?;
    let stale = seen.is_none_or(|at| now.timestamp() - at >= state.auth.idle.num_seconds() / 10);
    if stale {
        session
            .insert(SEEN, now.timestamp())
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
