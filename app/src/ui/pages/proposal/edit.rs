//! The form that edits a draft proposal.

use super::{CandidateRow, ListTable, model_choice, nominee_key};
use crate::api::commendations::{Candidates, CitableModel, SaveProposal};
use crate::domain::commendation_records::{NomineeRecord, ProposalRecord};
use crate::domain::numfmt;
use crate::paths;
use crate::ui::components::nominee::nominee_name;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

/// The proposer's draft: texts, the list (untick to take someone off), and
/// candidates to tick; saved as a whole, or saved and submitted.
#[component]
pub(super) fn EditForm(
    record: ProposalRecord,
    nominees: Vec<NomineeRecord>,
    search: Option<String>,
    candidates: Candidates,
    models: Vec<CitableModel>,
    action: ServerAction<SaveProposal>,
) -> impl IntoView {
    let locale = use_locale();
    let busy = move || action.pending().get();
    let listed = nominees.len();
    let current = nominees
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let (name, place) = nominee_name(&n.nominee);
            let label = fill(t().kt_keep_label, &[("name", &name)]);
            view! {
                <tr data-nominee=nominee_key(&n.nominee)>
                    <td>
                        // The property too: with JavaScript the page redraws
                        // in the same elements, which keep what was ticked.
                        <input
                            type="checkbox"
                            name=format!("nominees[{i}]")
                            value=nominee_key(&n.nominee)
                            checked
                            prop:checked=true
                            aria-label=label
                        />
                    </td>
                    <td>
                        <strong>{name.clone()}</strong>
                        <br/>
                        <small class="muted">{place}</small>
                    </td>
                    <td>
                        <textarea
                            name=format!("achievements[{i}]")
                            rows="3"
                            maxlength="20000"
                            aria-label=fill(t().kt_achievements_of, &[("name", &name)])
                            prop:value=n.achievements.clone()
                        >
                            {n.achievements.clone()}
                        </textarea>
                        {model_choice(i, &name, &models, n.good_model_id)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let Candidates {
        members,
        units,
        more,
        excellent_only,
    } = candidates;
    let offered = members.len() + units.len();
    let candidate_rows = units
        .into_iter()
        .chain(members)
        .enumerate()
        .map(|(k, c)| view! { <CandidateRow index=listed + k candidate=c/> })
        .collect_view();
    let id = record.id;
    let n = move |v: usize| numfmt::count(v as i64, locale.get());
    view! {
        <form method="get" action=paths::proposal(id) class="kt-search" role="search">
            <label class="field">
                <span class="field-label">{move || t().kt_search_candidates}</span>
                <input type="search" name="tim" maxlength="200" value=search.clone().unwrap_or_default()/>
            </label>
            <button type="submit" class="button button-quiet">{move || t().kt_search}</button>
        </form>
        <ActionForm action attr:class="kt-edit">
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="version" value=record.version.to_string()/>
            <label class="field">
                <span class="field-label">{move || t().kt_field_title}</span>
                <input
                    type="text"
                    name="title"
                    required
                    maxlength="300"
                    value=record.title.clone()
                    prop:value=record.title.clone()
                />
            </label>
            <label class="field">
                <span class="field-label">{move || t().kt_field_cover}</span>
                <textarea name="cover" rows="5" maxlength="20000" prop:value=record.cover.clone()>
                    {record.cover.clone()}
                </textarea>
            </label>
            <label class="field">
                <span class="field-label">{move || t().kt_field_minutes}</span>
                <textarea name="minutes" rows="3" maxlength="20000" prop:value=record.minutes.clone()>
                    {record.minutes.clone()}
                </textarea>
            </label>
            <section class="section" id="danh-sach">
                <h2>{move || t().kt_field_nominees} " (" {move || n(listed)} ")"</h2>
                {if listed == 0 {
                    view! { <p class="muted">{move || t().kt_list_empty}</p> }.into_any()
                } else {
                    view! {
                        <ListTable heads=[|s| s.kt_col_keep, |s| s.kt_col_nominee, |s| s.kt_field_achievements]>
                            {current}
                        </ListTable>
                    }
                    .into_any()
                }}
            </section>
            <section class="section" id="ung-vien">
                <h2>{move || t().kt_candidates}</h2>
                {excellent_only.then(|| view! { <p class="muted">{move || t().kt_candidates_excellent}</p> })}
                {if offered == 0 {
                    view! { <p class="muted">{move || t().kt_candidates_none}</p> }.into_any()
                } else {
                    view! {
                        <ListTable heads=[|s| s.kt_col_add, |s| s.kt_col_nominee, |s| s.kt_col_grade]>
                            {candidate_rows}
                        </ListTable>
                    }
                    .into_any()
                }}
                {(more > 0).then(|| view! {
                    <p class="muted">{move || fill(t().kt_candidates_more, &[("n", &n(more))])}</p>
                })}
            </section>
            <div class="kt-buttons">
                <button type="submit" class="button button-quiet" disabled=busy>{move || t().kt_save}</button>
                <button type="submit" class="button" name="submit" value="1" disabled=busy>{move || t().kt_submit}</button>
            </div>
        </ActionForm>
    }
}
