//! The nominees of a proposal.

use crate::api::commendations::MarkNominee;
use crate::domain::commendation_records::{Nominee, NomineeRecord, ProposalRecord};
use crate::domain::proposal::Outcome;
use crate::ui::commendation_text::outcome_label;
use crate::ui::components::nominee::{cited_model, nominee_name};
use crate::ui::i18n::{fill, t};
use leptos::prelude::*;
use strum::VariantArray;

/// The form key of a listed nominee, as candidates are keyed.
pub(super) fn nominee_key(n: &Nominee) -> String {
    match n {
        Nominee::Member { id, .. } => format!("m{id}"),
        Nominee::Unit { unit, .. } => format!("u{}", unit.code),
    }
}

/// The list as the awarding level and the other readers see it; with
/// `marks`, a form per nominee to approve, strike out or forward it.
#[component]
pub(super) fn NomineeList(
    record: ProposalRecord,
    nominees: Vec<NomineeRecord>,
    marks: bool,
    awardable: Vec<bool>,
    can_forward: bool,
    action: ServerAction<MarkNominee>,
) -> impl IntoView {
    let (id, version) = (record.id, record.version);
    let busy = move || action.pending().get();
    let rows = nominees
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let (name, place) = nominee_name(&n.nominee);
            let outcome = n.outcome;
            let may_approve = awardable.get(i).copied().unwrap_or(false);
            let form = marks.then(|| {
                let choices: Vec<Outcome> = Outcome::VARIANTS
                    .iter()
                    .copied()
                    .filter(|o| match o {
                        Outcome::Approved => may_approve,
                        Outcome::Forwarded => can_forward,
                        _ => true,
                    })
                    .collect();
                let label = fill(t().kt_mark_label, &[("name", &name)]);
                view! {
                    <ActionForm action attr:class="kt-mark">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="version" value=version.to_string()/>
                        <input type="hidden" name="nominee" value=n.id.to_string()/>
                        <select name="outcome" aria-label=label>
                            {choices
                                .into_iter()
                                .map(|o| view! {
                                    <option value=o.as_str() selected=o == outcome>{move || outcome_label(o)}</option>
                                })
                                .collect_view()}
                        </select>
                        <input type="text" name="reason" maxlength="2000" placeholder=move || t().kt_reason_placeholder/>
                        <button type="submit" class="button button-quiet" disabled=busy>{move || t().kt_mark}</button>
                    </ActionForm>
                }
            });
            let reason = (!n.outcome_reason.is_empty()).then(|| n.outcome_reason.clone());
            view! {
                <tr data-nominee=nominee_key(&n.nominee)>
                    <td class="num">{i + 1}</td>
                    <td>
                        <strong>{name.clone()}</strong>
                        <br/>
                        <small class="muted">{place}</small>
                    </td>
                    <td class="pre">{n.achievements.clone()}{cited_model(n.good_model_id)}</td>
                    <td data-outcome=outcome.as_str()>
                        {move || outcome_label(outcome)}
                        {reason.clone().map(|r| view! { <br/><small class="muted">{r}</small> })}
                        {form}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="section" id="danh-sach">
            <h2>{move || t().kt_field_nominees}</h2>
            <div class="table-wrap">
                <table class="data-table kt-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{move || t().kt_col_nominee}</th>
                            <th scope="col">{move || t().kt_field_achievements}</th>
                            <th scope="col">{move || t().kt_field_outcome}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
