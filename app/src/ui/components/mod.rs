//! Small pieces shared by pages.

pub mod awards;
pub mod bulk;
pub mod decision_paper;
pub mod export_links;
pub mod figure;
pub mod form_error;
pub mod grade;
pub mod history;
pub mod member_badges;
pub mod nominee;
pub mod party_history;
pub mod proposal_state;
pub mod summary;
pub mod unit_year_nav;

use super::i18n::t;
use crate::api::ApiError;
use crate::paths;
use leptos::prelude::*;

/// The bar above a print view: back to the page it came from, a hint on
/// printing, and (once the WASM runs; CSS hides it before) a button that
/// opens the browser's print dialog.
#[component]
pub fn PrintTools(
    #[prop(into)] back: String,
    back_label: fn() -> &'static str,
    hint: fn() -> &'static str,
) -> impl IntoView {
    view! {
        <div class="print-tools">
            <a href=back>{move || back_label()}</a>
            <p class="muted">{move || hint()}</p>
            <button type="button" class="button print-button" on:click=move |_| print_dialog()>
                {move || t().export_print_button}
            </button>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn print_dialog() {
    let _ = window().print();
}

#[cfg(not(feature = "hydrate"))]
fn print_dialog() {}

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
        ApiError::Refused(problem) => crate::ui::commendation_text::problem_text(problem),
        ApiError::Internal => s.error_internal.to_string(),
        ApiError::Transport(_) => s.error_network.to_string(),
    }
}

/// An error as a notice; a refusal to a visitor offers the login.
#[component]
pub fn ErrorNotice(error: ApiError) -> impl IntoView {
    let action = match error {
        ApiError::Unauthorized => Some(view! { <LoginLink class="button"/> }.into_any()),
        ApiError::Forbidden | ApiError::NotFound => {
            Some(view! { <a class="button" href="/">{move || t().back_home}</a> }.into_any())
        }
        _ => None,
    };
    let text = error_text(&error);
    view! {
        <div class="notice notice-error">
            <p role="alert">{text}</p>
            {action.map(|a| view! { <p>{a}</p> })}
        </div>
    }
}

/// For pages that need a logged-in user.
#[component]
pub fn LoginNeeded() -> impl IntoView {
    view! { <ErrorNotice error=ApiError::Unauthorized/> }
}

/// "Log in", coming back to the current page afterwards.
#[component]
pub fn LoginLink(class: &'static str) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let href = move || {
        let path = location.pathname.get();
        if path.is_empty() || path == "/" || path.starts_with(paths::LOGIN_PAGE) {
            paths::LOGIN_PAGE.to_string()
        } else {
            paths::with_query(paths::LOGIN_PAGE, &[("next", Some(path))])
        }
    };
    view! { <a class=class href=href>{move || t().nav_login}</a> }
}

/// A labelled form field (the label wraps the control: no ids needed).
#[component]
pub fn Field(#[prop(into)] label: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            {children()}
        </label>
    }
}

/// The submit button of a bulk or irreversible step, inside the form it
/// sends: a disclosure to open, then "Xác nhận", so it takes two deliberate
/// clicks with or without JavaScript.
#[component]
pub fn ConfirmSubmit(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] question: Signal<String>,
    /// Disables the button while the step is under way.
    #[prop(into)]
    pending: Signal<bool>,
) -> impl IntoView {
    view! {
        <details class="confirm rv-confirm">
            <summary class="button">{label}</summary>
            <div class="confirm-box">
                <p>{question}</p>
                <button type="submit" class="button" disabled=move || pending.get()>
                    {move || t().confirm}
                </button>
            </div>
        </details>
    }
}
