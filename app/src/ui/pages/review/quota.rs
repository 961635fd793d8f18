//! The year's quota of grades, as the cell's proposals stand against it.

use crate::domain::Locale;
use crate::domain::grading::Quota;
use crate::domain::numfmt;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

/// "N excellent, M good, at most K excellent" in the template's words.
fn sentence(template: &str, q: Quota, locale: Locale) -> String {
    let n = |v: u32| numfmt::count(i64::from(v), locale);
    let figures = [
        ("excellent", n(q.excellent)),
        ("good", n(q.good)),
        ("max", n(q.max_excellent)),
    ];
    let args: Vec<(&str, &str)> = figures.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(template, &args)
}

/// The warning when the proposals exceed the quota.
fn warning(q: Quota, locale: Locale) -> impl IntoView {
    view! {
        <p class="notice notice-warn rv-quota-warning">
            <strong>"⚠ "</strong>
            {sentence(t().rv_quota_warning, q, locale)}
        </p>
    }
}

/// The cell's proposals against the year's quota; a warning when over it.
#[component]
pub(super) fn QuotaBox(quota: Signal<Quota>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="rv-quota" aria-live="polite" data-testid="quota">
            {move || {
                let q = quota.get();
                if q.holds() {
                    view! { <p class="rv-quota-ok">{sentence(t().rv_quota_status, q, locale.get())}</p> }
                        .into_any()
                } else {
                    warning(q, locale.get()).into_any()
                }
            }}
            <p class="muted rv-quota-note">{move || t().rv_quota_note}</p>
        </section>
    }
}

/// The quota line inside the propose form: follows the grade being picked.
#[component]
pub(super) fn QuotaLine(quota: Signal<Quota>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="rv-quota-live" aria-live="polite">
            {move || {
                let q = quota.get();
                if q.holds() {
                    view! { <p class="muted">{sentence(t().rv_quota_status, q, locale.get())}</p> }.into_any()
                } else {
                    warning(q, locale.get()).into_any()
                }
            }}
        </div>
    }
}
