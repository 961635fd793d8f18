//! The members by cell, with a decision form for each one awaiting it.

use super::{
    Actions, BULK_FORM, QuotaExplained, awaits_decision, matches_filter, short_grade_options,
};
use crate::api::commitments::CommitmentStep;
use crate::domain::GradingRuleSet;
use crate::domain::commitment::{CommitmentState, Step};
use crate::domain::grading::{Grade, Quota, uses_points};
use crate::domain::numfmt;
use crate::domain::records::CommitmentRow;
use crate::paths::{GradingQuery, TICK_ALL};
use crate::ui::commitment_text::{grade_label, state_class, state_label};
use crate::ui::components::bulk::BulkBar;
use crate::ui::components::form_error::FormError;
use crate::ui::components::grade::{grade_abbr, grade_short};
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

/// The members by cell, the decision forms, the bulk form.
#[component]
pub(super) fn Members(
    rows: Vec<CommitmentRow>,
    year: i32,
    rules: GradingRuleSet,
    org: String,
    /// The page's address as it is (forms come back to it).
    back: String,
    filter: Option<String>,
    decided_quota: Quota,
    projected_quota: Quota,
    grading_open: bool,
    tick_all: bool,
    actions: Actions,
    /// The members whose grade the caller may decide (the server says).
    decidable: Vec<i64>,
) -> impl IntoView {
    let locale = use_locale();
    // The member list of the page, filtered, with every box ticked or not.
    let list_link = {
        let org = org.clone();
        move |filter: Option<&str>, tick: bool| {
            let query = GradingQuery {
                org: Some(org.clone()),
                year: Some(year),
                filter: filter.map(str::to_string),
                tick: tick.then(|| TICK_ALL.to_string()),
            };
            format!("{}#dang-vien", query.href())
        }
    };
    let decide_many = actions.decide_many;
    // The member whose decision was posted last (with JavaScript), to show a
    // refusal on that row; without JavaScript it is shown above the tables.
    let step = actions.step;
    let last = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        if let Some(member) = step.input().with(|i| i.as_ref().map(|i| i.member)) {
            last.set(Some(member));
        }
    });
    let n = move |v: usize| numfmt::count(v as i64, locale.get());
    let total = rows.len();
    let graded = rows
        .iter()
        .filter(|r| r.state == Some(CommitmentState::Graded))
        .count();
    let pending = rows
        .iter()
        .filter(|r| r.state == Some(CommitmentState::Proposed))
        .count();
    let not_proposed = total - graded - pending;
    let bulk = rows
        .iter()
        .any(|r| r.state == Some(CommitmentState::Proposed) && decidable.contains(&r.member_id));

    // By cell, in the order the rows come (the store sorts them).
    let mut cells: Vec<(String, Vec<(usize, CommitmentRow)>)> = Vec::new();
    let shown = rows
        .into_iter()
        .enumerate()
        .filter(|(_, r)| matches_filter(r.state, filter.as_deref()));
    for (i, r) in shown {
        match cells.last_mut() {
            Some((_, list)) if list[0].1.cell_id == r.cell_id => list.push((i, r)),
            _ => cells.push((r.cell_name.clone(), vec![(i, r)])),
        }
    }
    // The counts, each a filter of the list below.
    type Label = fn() -> &'static str;
    let count_items: [(Option<&'static str>, usize, Label); 4] = [
        (None, total, || t().rv_count_members),
        (Some("graded"), graded, || t().rv_count_graded),
        (Some("proposed"), pending, || t().rv_count_pending),
        (Some("not_proposed"), not_proposed, || {
            t().rv_count_not_proposed
        }),
    ];
    let counts = view! {
        <nav aria-label=move || t().rv_filter_label>
            <ul class="rv-counts">
                {count_items
                    .into_iter()
                    .map(|(code, k, label)| {
                        let href = list_link(code, false);
                        let here = filter.as_deref() == code;
                        view! {
                            <li
                                data-count=code.unwrap_or("members")
                                class:attention={code == Some("proposed") && k > 0}
                            >
                                <a href=href aria-current=here.then_some("page")>
                                    <span class="count">{move || n(k)}</span>
                                    " "
                                    {move || label()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    };
    let bulk_link = list_link(Some("proposed"), true);
    let shown_none = cells.is_empty();
    view! {
        {counts}
        <QuotaExplained rules decided=decided_quota projected=projected_quota/>
        {move || {
            last.get()
                .is_none()
                .then(|| step.value().get().and_then(Result::err))
                .flatten()
                .map(|e| view! { <FormError error=e/> })
        }}
        <section class="section rv-members" id="dang-vien">
            <h2>{move || t().rv_members_by_cell}</h2>
            <p class="muted rv-legend">
                {Grade::ALL
                    .into_iter()
                    .map(|g| view! {
                        <span class="nowrap">
                            <abbr class=format!("grade grade-{}", g.as_str())>{move || grade_short(g)}</abbr>
                            ": "
                            {move || grade_label(g)}
                        </span>
                        " "
                    })
                    .collect_view()}
            </p>
            {if shown_none {
                view! {
                    <p class="notice">{move || if total == 0 { t().rv_no_rows } else { t().rv_no_match }}</p>
                }
                .into_any()
            } else {
                cells
                    .into_iter()
                    .map(|(cell, list)| {
                        let k = list.len();
                        view! {
                            <section class="rv-cell">
                                <h3>{cell} " " <span class="muted">"(" {move || n(k)} ")"</span></h3>
                                <div class="table-wrap">
                                    <table class="data-table rv-table rv-grading-table">
                                        <thead>
                                            <tr>
                                                {bulk.then(|| view! { <th scope="col">{move || t().rv_col_pick}</th> })}
                                                <th scope="col">{move || t().rv_col_name}</th>
                                                <th scope="col">{move || t().rv_col_state}</th>
                                                <th scope="col">{move || t().rv_col_self}</th>
                                                <th scope="col">{move || t().rv_col_proposed}</th>
                                                <th scope="col">{move || t().rv_col_decided}</th>
                                                {grading_open.then(|| view! { <th scope="col">{move || t().rv_col_action}</th> })}
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {list
                                                .into_iter()
                                                .map(|(i, r)| {
                                                    let may_decide = decidable.contains(&r.member_id);
                                                    view! {
                                                    <MemberLine
                                                        i
                                                        r
                                                        year
                                                        rules
                                                        back=back.clone()
                                                        bulk
                                                        grading_open
                                                        tick_all
                                                        action=step
                                                        last
                                                        may_decide
                                                    />
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            </section>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
        {bulk.then(|| view! {
            <ActionForm action=decide_many attr:id=BULK_FORM attr:class="rv-bulk">
                <input type="hidden" name="year" value=year.to_string()/>
                <input type="hidden" name="org" value=org.clone()/>
                <BulkBar
                    hint=|s| s.rv_decide_many_hint
                    ticked=tick_all
                    tick_href=bulk_link.clone()
                    tick_label=|s| s.rv_select_all_proposed
                    untick_href=back.clone()
                    submit=|s| s.rv_decide_many
                    question=|s| s.rv_decide_many_confirm
                    pending=decide_many.pending()
                />
            </ActionForm>
        })}
        {move || {
            decide_many.value().get().and_then(Result::err).map(|e| view! { <FormError error=e/> })
        }}
    }
}

/// One member: state, grades, and the decision form when one is awaited.
#[component]
pub(super) fn MemberLine(
    i: usize,
    r: CommitmentRow,
    year: i32,
    rules: GradingRuleSet,
    back: String,
    bulk: bool,
    grading_open: bool,
    tick_all: bool,
    action: ServerAction<CommitmentStep>,
    last: RwSignal<Option<i64>>,
    /// The caller may decide this grade now (the server says); a row
    /// awaiting a decision that the caller may not take is their own,
    /// decided by the deputy.
    may_decide: bool,
) -> impl IntoView {
    let state = r.state;
    let member_id = r.member_id;
    let pickable = bulk && state == Some(CommitmentState::Proposed) && may_decide;
    let own = (!may_decide && grading_open && awaits_decision(state))
        .then(|| view! { <span class="muted">{move || t().rv_own_row}</span> });
    let decide = may_decide.then(|| {
        let chosen = r.decided_grade.or(r.proposed_grade);
        let name = r.full_name.clone();
        let control = if uses_points(rules) {
            view! {
                <input
                    type="number"
                    name="points"
                    min="0"
                    max="100"
                    step="1"
                    inputmode="numeric"
                    required
                    aria-label=move || t().rv_points_label
                />
            }
            .into_any()
        } else {
            view! {
                <select name="grade" required aria-label=move || fill(t().rv_decide_member, &[("name", &name)])>
                    {short_grade_options(chosen)}
                </select>
            }
            .into_any()
        };
        let form = view! {
            <ActionForm action attr:class="rv-decide">
                <input type="hidden" name="year" value=year.to_string()/>
                <input type="hidden" name="member" value=r.member_id.to_string()/>
                <input type="hidden" name="step" value=Step::Decide.as_str()/>
                <input type="hidden" name="version" value=r.version.to_string()/>
                <input type="hidden" name="back" value=back.clone()/>
                {control}
                <button type="submit" class="button button-small" disabled=move || action.pending().get()>
                    {move || t().rv_decide}
                </button>
            </ActionForm>
        };
        // A decision taken can be changed until the deadline, behind a
        // disclosure so the list stays readable.
        let refused = move || (last.get() == Some(member_id)).then(|| action.value().get().and_then(Result::err)).flatten();
        let form = if state == Some(CommitmentState::Graded) {
            view! {
                <details class="rv-change" open=refused().is_some()>
                    <summary>{move || t().rv_change_decision}</summary>
                    {form}
                </details>
            }
            .into_any()
        } else {
            form.into_any()
        };
        view! {
            {form}
            {move || {
                (last.get() == Some(member_id))
                    .then(|| action.value().get().and_then(Result::err))
                    .flatten()
                    .map(|e| view! { <FormError error=e/> })
            }}
        }
    });
    let name = r.full_name.clone();
    view! {
        <tr data-member=r.member_id.to_string() data-state=state.map_or("not_started", CommitmentState::as_str)>
            {bulk.then(|| view! {
                <td class="rv-pick" data-label=move || t().rv_col_pick>
                    {pickable.then(|| view! {
                        <input
                            type="checkbox"
                            form=BULK_FORM
                            name=format!("picks[{i}]")
                            value=format!("{}:{}", r.member_id, r.version)
                            checked=tick_all
                            aria-label=move || fill(t().rv_pick_member, &[("name", &name)])
                        />
                    })}
                </td>
            })}
            <td class="rv-name" data-label=move || t().rv_col_name>
                <a href=crate::paths::member(r.member_id)>{r.full_name.clone()}</a>
                <span class="muted nowrap">" · " {r.card_number.clone()}</span>
            </td>
            <td class="rv-state" data-label=move || t().rv_col_state>
                <span class=state_class(state)>{move || state_label(state)}</span>
            </td>
            <td class="nowrap" data-label=move || t().rv_col_self>{grade_abbr(r.self_grade)}</td>
            <td class="nowrap" data-label=move || t().rv_col_proposed>{grade_abbr(r.proposed_grade)}</td>
            <td class="nowrap" data-label=move || t().rv_col_decided>{grade_abbr(r.decided_grade)}</td>
            {grading_open.then(|| view! { <td class="rv-decide-cell" data-label=move || t().rv_col_action>{decide}{own}</td> })}
        </tr>
    }
}
