//! Who a proposal or a decision names, and the good model they cite.

use crate::domain::commendation_records::Nominee;
use crate::paths;
use crate::ui::i18n::t;
use leptos::prelude::*;

/// A link to the good model a nominee's achievements cite.
pub fn cited_model(id: Option<i64>) -> impl IntoView {
    id.map(|id| {
        view! {
            <br/>
            <a class="kt-model" href=paths::good_model(id)>{move || t().gm_cited}</a>
        }
    })
}

/// A nominee's name and where they are.
pub fn nominee_name(n: &Nominee) -> (String, String) {
    match n {
        Nominee::Member {
            full_name,
            card_number,
            cell,
            ..
        } => (full_name.clone(), format!("{card_number} · {}", cell.name)),
        Nominee::Unit { unit, .. } => (unit.name.clone(), String::new()),
    }
}
