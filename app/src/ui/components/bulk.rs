//! The bar of a list whose rows are ticked for one step on them all (the
//! review's approvals, the grading's decisions): a hint, a link that ticks
//! every box or none (a link, so that it works without JavaScript), and the
//! confirmed submit.

use super::ConfirmSubmit;
use crate::labels::Strings;
use crate::ui::i18n::t;
use leptos::prelude::*;

type Text = fn(&'static Strings) -> &'static str;

#[component]
pub fn BulkBar(
    hint: Text,
    /// Whether the address ticks every box now.
    ticked: bool,
    /// The address that ticks them, and its link's words.
    tick_href: String,
    tick_label: Text,
    /// The address that ticks none.
    untick_href: String,
    submit: Text,
    question: Text,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    view! {
        <p class="muted">
            {move || hint(t())} " "
            {if ticked {
                view! { <a href=untick_href>{move || t().rv_select_none}</a> }.into_any()
            } else {
                view! { <a href=tick_href>{move || tick_label(t())}</a> }.into_any()
            }}
        </p>
        <ConfirmSubmit
            label=Signal::derive(move || submit(t()).to_string())
            question=Signal::derive(move || question(t()).to_string())
            pending
        />
    }
}
