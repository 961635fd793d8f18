//! A proposal's state as a coloured label.

use crate::domain::proposal::ProposalState;
use crate::ui::commendation_text::state_label;
use leptos::prelude::*;

/// A proposal's state as a coloured label.
pub fn state_badge(state: ProposalState) -> impl IntoView {
    view! { <span class=format!("badge state-{}", state.as_str())>{move || state_label(state)}</span> }
}
