//! Small pieces shared by pages.

use super::i18n::{fill, t};
use crate::api::ApiError;
use leptos::prelude::*;

/// One headline figure with a label and an optional detail line.
#[component]
pub fn StatCard(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(optional, into)] detail: Option<Signal<String>>,
    /// Stable hook for tests and styles.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    view! {
        <section class="stat-card" data-stat=id>
            <h2 class="stat-label">{label}</h2>
            <p class="stat-value">{value}</p>
            {detail.map(|d| view! { <p class="stat-detail">{d}</p> })}
        </section>
    }
}

/// An API error as a sentence the user can act on, in their language.
pub fn error_text(e: &ApiError) -> String {
    let s = t();
    match e {
        ApiError::Unauthorized => s.error_unauthorized.to_string(),
        ApiError::Forbidden => s.error_forbidden.to_string(),
        ApiError::NotFound => s.error_not_found.to_string(),
        ApiError::Conflict => s.error_conflict.to_string(),
        ApiError::Invalid(detail) => fill(s.error_invalid, &[("detail", detail)]),
        ApiError::Internal => s.error_internal.to_string(),
        ApiError::Transport(_) => s.error_network.to_string(),
    }
}

#[component]
pub fn ErrorNotice(error: ApiError) -> impl IntoView {
    view! { <p class="notice notice-error" role="alert">{move || error_text(&error)}</p> }
}
