//! A commitment's history: every step taken on it, oldest first.

use crate::domain::numfmt;
use crate::domain::records::CommitmentEvent;
use crate::ui::commitment_text::{action_label, grade_label};
use crate::ui::i18n::{t, use_locale};
use leptos::prelude::*;

/// Every step taken on the commitment, oldest first: when, what, who, the
/// grade and the note. The member's page and the secretary's panel share it.
#[component]
pub fn History(
    events: Vec<CommitmentEvent>,
    /// The member whose own steps read "you" (the member's page).
    #[prop(optional)]
    own_member: Option<i64>,
    /// Inside another section (the review panel): a smaller heading.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let locale = use_locale();
    let heading = move || t().cm_history;
    view! {
        <section class=if nested { "rv-history" } else { "section cm-history" }>
            {if nested {
                view! { <h3>{heading}</h3> }.into_any()
            } else {
                view! { <h2>{heading}</h2> }.into_any()
            }}
            {if events.is_empty() {
                view! { <p class="muted">{move || t().cm_no_history}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {events
                            .into_iter()
                            .map(|e| {
                                let at = e.at.timestamp();
                                let own = own_member.is_some() && e.actor_member_id == own_member;
                                let who = e.who().to_string();
                                let action = e.action.clone();
                                let grade = e.grade;
                                let detail = e.detail.filter(|d| !d.is_empty());
                                view! {
                                    <li data-action=e.action.clone()>
                                        <time class="when" datetime=e.at.to_rfc3339()>
                                            {move || numfmt::local_datetime(at, locale.get())}
                                        </time>
                                        " "
                                        <strong>{move || action_label(&action)}</strong>
                                        " · "
                                        <span class="who">{move || if own { t().cm_you.to_string() } else { who.clone() }}</span>
                                        {grade.map(|g| view! { <p class="note">{move || grade_label(g)}</p> })}
                                        {detail.map(|d| view! { <p class="note cm-pre">{d}</p> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}
