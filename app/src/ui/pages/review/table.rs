//! The cell's members and the bulk approval of the submitted ones.

use super::{local_day, state_code};
use crate::api::commitments::ApproveMany;
use crate::domain::numfmt;
use crate::domain::records::CommitmentRow;
use crate::ui::commitment_text::{state_class, state_label};
use crate::ui::components::bulk::BulkBar;
use crate::ui::components::form_error::FormError;
use crate::ui::components::grade::grade_abbr;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

/// The members, with checkboxes for the submitted ones in one bulk form.
#[component]
pub(super) fn MemberTable(
    rows: Vec<CommitmentRow>,
    total: usize,
    year: i32,
    cell: String,
    current: Option<i64>,
    link: Callback<i64, String>,
    tick_all: bool,
    tick_all_link: String,
    untick_link: String,
    /// Members whose commitment the caller may approve now (the server's answer).
    approvable: Vec<i64>,
    action: ServerAction<ApproveMany>,
) -> impl IntoView {
    let locale = use_locale();
    if rows.is_empty() {
        return view! {
            <p class="notice">
                {move || if total == 0 { t().rv_no_members } else { t().rv_no_match }}
            </p>
        }
        .into_any();
    }
    let may_approve = |r: &CommitmentRow| approvable.contains(&r.member_id);
    let submitted = rows.iter().filter(|r| may_approve(r)).count();
    let bulk = submitted > 0;
    let lines = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let state = r.state;
            let pickable = may_approve(&r);
            let here = current == Some(r.member_id);
            let changed = r.updated_at.map(local_day);
            let grade = r.decided_grade.or(r.proposed_grade);
            let decided = r.decided_grade.is_some();
            let name = r.full_name.clone();
            view! {
                <tr class:current=here data-member=r.member_id.to_string() data-state=state_code(state)>
                    {bulk.then(|| view! {
                        <td class="rv-pick" data-label=move || t().rv_col_pick>
                            {pickable.then(|| {
                                let name = name.clone();
                                view! {
                                    <input
                                        type="checkbox"
                                        name=format!("picks[{i}]")
                                        value=format!("{}:{}", r.member_id, r.version)
                                        checked=tick_all
                                        aria-label=move || fill(t().rv_pick_member, &[("name", &name)])
                                    />
                                }
                            })}
                        </td>
                    })}
                    <td class="rv-name" data-label=move || t().rv_col_name>
                        <a href=link.run(r.member_id) aria-current=here.then_some("true")>{r.full_name.clone()}</a>
                    </td>
                    <td class="nowrap rv-card" data-label=move || t().rv_col_card>{r.card_number.clone()}</td>
                    <td class="rv-state" data-label=move || t().rv_col_state>
                        <span class=state_class(state)>{move || state_label(state)}</span>
                    </td>
                    <td class="nowrap" data-label=move || t().rv_col_changed>
                        {changed.map(|d| view! { {move || numfmt::date(d, locale.get())} })}
                    </td>
                    <td class="nowrap" data-label=move || t().rv_col_proposed>
                        {grade_abbr(grade)}
                        {decided.then(|| view! { " " <span class="muted">"(" {move || t().rv_col_decided} ")"</span> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ActionForm action>
            <input type="hidden" name="year" value=year.to_string()/>
            <input type="hidden" name="cell" value=cell/>
            <div class="table-wrap">
                <table class="data-table rv-table">
                    <thead>
                        <tr>
                            {bulk.then(|| view! { <th scope="col">{move || t().rv_col_pick}</th> })}
                            <th scope="col">{move || t().rv_col_name}</th>
                            <th scope="col">{move || t().rv_col_card}</th>
                            <th scope="col">{move || t().rv_col_state}</th>
                            <th scope="col">{move || t().rv_col_changed}</th>
                            <th scope="col">{move || t().rv_col_proposed}</th>
                        </tr>
                    </thead>
                    <tbody>{lines}</tbody>
                </table>
            </div>
            {bulk.then(|| view! {
                <div class="rv-bulk">
                    <BulkBar
                        hint=|s| s.rv_approve_hint
                        ticked=tick_all
                        tick_href=tick_all_link.clone()
                        tick_label=|s| s.rv_select_all
                        untick_href=untick_link.clone()
                        submit=|s| s.rv_approve_selected
                        question=|s| s.rv_approve_selected_confirm
                        pending=action.pending()
                    />
                </div>
            })}
            {move || action.value().get().and_then(Result::err).map(|e| view! { <FormError error=e/> })}
        </ActionForm>
    }
    .into_any()
}
