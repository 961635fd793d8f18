//! What the server hands every server function through Leptos context.

use super::ApiError;
use crate::domain::Actor;
use crate::store::DynStore;

#[derive(Clone)]
pub struct ApiContext {
    pub store: DynStore,
}

/// The store and the calling actor, or an internal error when the server was
/// wired without them (a bug, logged).
pub fn request() -> Result<(DynStore, Actor), ApiError> {
    let ctx = leptos::prelude::use_context::<ApiContext>().ok_or_else(|| {
        tracing::error!("ApiContext missing from the server function context");
        ApiError::Internal
    })?;
    // Sessions arrive with the accounts work; until then every caller is anonymous.
    Ok((ctx.store, Actor::Anonymous))
}
