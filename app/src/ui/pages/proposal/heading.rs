//! The proposal's heading: what is proposed, by whom to whom, its state, the decision once made.

use crate::api::commendations::PROPOSALS_PAGE;
use crate::domain::commendation_records::ProposalRecord;
use crate::domain::numfmt;
use crate::domain::proposal::ProposalState;
use crate::paths;
use crate::ui::commendation_text::{form_label, occasion_label};
use crate::ui::components::proposal_state::state_badge;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

/// Title, who proposes to whom, the state, the reason of a return or a
/// refusal, and the decision once made.
#[component]
pub(super) fn Heading(record: ProposalRecord) -> impl IntoView {
    let locale = use_locale();
    let (form, occasion, year, state) = (record.form, record.occasion, record.year, record.state);
    let awarder = record.awarder.as_ref().map(|a| a.unit.name.clone());
    let submitted = record.submitted_on;
    let reason = (!record.reason.trim().is_empty()
        && matches!(state, ProposalState::Returned | ProposalState::Rejected))
    .then(|| record.reason.clone());
    view! {
        <header class="page-header">
            <p class="breadcrumb"><a href=PROPOSALS_PAGE>{move || t().kt_title}</a></p>
            <h1>{record.title.clone()}</h1>
            <p class="subtitle">
                {move || form_label(form)} " · " {move || occasion_label(occasion)} " · "
                {move || fill(t().rv_year_n, &[("year", &year.to_string())])}
            </p>
        </header>
        <dl class="kt-facts">
            <dt>{move || t().kt_col_proposer}</dt>
            <dd>{record.proposer.unit.name.clone()}</dd>
            <dt>{move || t().kt_field_to}</dt>
            <dd>{move || awarder.clone().unwrap_or_else(|| t().kt_province.to_string())}</dd>
            <dt>{move || t().kt_col_state}</dt>
            <dd data-state=state.as_str()>{state_badge(state)}</dd>
            <dt>{move || t().kt_field_nominees}</dt>
            <dd><a href=format!("/xuat/de-nghi/{}.xlsx", record.id) download>{move || t().kt_list_xlsx}</a></dd>
            {submitted.map(|d| view! {
                <dt>{move || t().kt_submitted_on}</dt>
                <dd>{move || numfmt::date(d, locale.get())}</dd>
            })}
            {record.forwarded_from.map(|from| view! {
                <dt>{move || t().kt_forwarded_from}</dt>
                <dd><a href=paths::proposal(from)>{move || t().kt_forwarded_from_link}</a></dd>
            })}
            {record.decision.clone().map(|d| {
                let day = d.decided_on;
                view! {
                    <dt>{move || t().kt_col_decision}</dt>
                    <dd>
                        <a href=paths::decision(d.id) data-decision=d.number.clone()>{d.number.clone()}</a>
                        " · " {move || numfmt::date(day, locale.get())}
                    </dd>
                }
            })}
        </dl>
        {reason.map(|r| view! {
            <div class="notice notice-warn"><p><strong>{move || t().kt_field_reason} ": "</strong>{r}</p></div>
        })}
        {(!record.cover.trim().is_empty()).then(|| view! {
            <details class="kt-text">
                <summary>{move || t().kt_field_cover}</summary>
                <p class="pre">{record.cover.clone()}</p>
            </details>
        })}
        {(!record.minutes.trim().is_empty()).then(|| view! {
            <details class="kt-text">
                <summary>{move || t().kt_field_minutes}</summary>
                <p class="pre">{record.minutes.clone()}</p>
            </details>
        })}
    }
}
