//! What the server hands every server function through Leptos context.

use super::ApiError;
use crate::domain::Actor;
use crate::store::DynStore;

#[derive(Clone)]
pub struct ApiContext {
    pub store: DynStore,
}

/// The store and the calling actor. The server's session layer puts the
/// actor into the request's extensions; without one the caller is anonymous.
pub fn request() -> Result<(DynStore, Actor), ApiError> {
    use leptos::prelude::use_context;
    let ctx = use_context::<ApiContext>().ok_or_else(|| {
        tracing::error!("ApiContext missing from the server function context");
        ApiError::Internal
    })?;
    let actor = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Actor>().cloned())
        .unwrap_or(Actor::Anonymous);
    Ok((ctx.store, actor))
}

/// The refusal for an actor: 401 when not logged in; otherwise 404 when
/// even the target's existence must not be revealed, else 403.
pub fn refusal(actor: &Actor, hide_existence: bool) -> ApiError {
    match actor {
        Actor::Anonymous => ApiError::Unauthorized,
        Actor::User(_) if hide_existence => ApiError::NotFound,
        Actor::User(_) => ApiError::Forbidden,
    }
}
