//! What the server hands every server function through Leptos context.

use super::ApiError;
use crate::domain::Actor;
use crate::store::DynStore;

#[derive(Clone)]
pub struct ApiContext {
    pub store: DynStore,
    /// The server's backups (none in tools that serve no pages).
    pub backups: Option<std::sync::Arc<dyn super::backups::BackupCatalog>>,
    /// Where committed changes of figures are told (see `live`).
    pub live: std::sync::Arc<super::live::Live>,
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

/// The server's backups.
pub fn backups() -> Result<std::sync::Arc<dyn super::backups::BackupCatalog>, ApiError> {
    use leptos::prelude::use_context;
    use_context::<ApiContext>()
        .and_then(|ctx| ctx.backups)
        .ok_or_else(|| {
            tracing::error!("no backups in the server function context");
            ApiError::Internal
        })
}

/// Tells the open dashboards that figures under `path` moved (after the
/// write committed).
pub fn publish(path: &str, year: Option<i32>) {
    if let Some(ctx) = leptos::prelude::use_context::<ApiContext>() {
        ctx.live.publish(super::live::Moved {
            path: path.to_string(),
            year,
        });
    }
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

/// The date deadlines are checked against: the installation's working date
/// when one is set (a demo organisation lives on its own calendar, shown in
/// the header), else the system date.
pub async fn today(store: &DynStore) -> Result<chrono::NaiveDate, ApiError> {
    let set = store
        .setting(crate::store::model::WORKING_DATE)
        .await
        .map_err(ApiError::from)?;
    Ok(set
        .and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Utc::now().date_naive()))
}

/// An audit entry of `action` by the caller, labelled with their username.
pub async fn audit_entry(
    store: &DynStore,
    user: &crate::domain::authz::User,
    action: impl Into<String>,
) -> crate::store::model::AuditEntry {
    crate::store::model::AuditEntry::new(Some(user.user_id), actor_label(store, user).await, action)
}

/// The caller's username for audit entries.
pub async fn actor_label(store: &DynStore, user: &crate::domain::authz::User) -> String {
    match store.user_by_id(user.user_id).await {
        Ok(Some(u)) => u.username,
        _ => format!("user #{}", user.user_id),
    }
}

/// The year summaries report by default (see `domain::year::reported_year`),
/// the current calendar year when none is set up.
pub async fn summary_year(store: &DynStore) -> Result<i32, ApiError> {
    let today = today(store).await?;
    let years = store.years().await.map_err(ApiError::from)?;
    Ok(crate::domain::year::reported_year(&years, today)
        .unwrap_or_else(|| chrono::Datelike::year(&today)))
}

/// Sends the browser on to `path` after a form's server function, through
/// the one local-path check (a value that is not a path on this site goes
/// to the home page instead; none can reach the header unchecked).
pub fn redirect(path: &str) {
    leptos_axum::redirect(&crate::domain::local_path::local_or(Some(path), "/"));
}
