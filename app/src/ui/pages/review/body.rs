//! The page's body: the cell, its figures and filters, the member list and
//! the member's panel.

use super::{
    Actions, MemberPanel, MemberTable, QuotaBox, review_link, state_code, states_in_order,
};
use crate::api::ApiError;
use crate::api::commitments::{ApproveMany, CommitmentStep, CommitmentView, ReviewData, is_filed};
use crate::domain::commitment::CommitmentState;
use crate::domain::grading::{self, Grade};
use crate::domain::numfmt;
use crate::domain::records::CommitmentRow;
use crate::paths::{ReviewQuery, TICK_ALL};
use crate::ui::commitment_text::{deadline_label, fn_path, posted_error, state_label};
use crate::ui::components::ErrorNotice;
use crate::ui::components::form_error::FormError;
use crate::ui::components::unit_year_nav::UnitYearNav;
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub(super) fn Body(
    page: ReviewData,
    member: Result<Option<CommitmentView>, ApiError>,
    query: ReviewQuery,
    actions: Actions,
) -> impl IntoView {
    let locale = use_locale();
    let ReviewData {
        year,
        years,
        cells,
        cell_code,
        cell_name,
        rows,
        proposals_quota,
        today: _,
        approvable,
        grading_open,
    } = page;
    let y = year.year;
    let rules = year.rule_set;
    let deadlines = year.deadlines;
    let filter = query.filter.clone();
    let link = {
        let cell = cell_code.clone();
        move |filter: Option<&str>, member: Option<i64>| review_link(&cell, y, filter, member)
    };
    let back = link(filter.as_deref(), query.member);

    let (saved, approved) = (redirect_flag("da-luu"), redirect_flag("da-duyet"));
    let posted = posted_error();
    // Refusals of this page's forms come back as their actions' values;
    // another function's (none today) is shown at the top.
    let posted_other = posted
        .clone()
        .filter(|(p, _)| p != fn_path::<ApproveMany>() && p != fn_path::<CommitmentStep>())
        .map(|(_, e)| e);

    // The quota of the cell's proposals; while a grade is being picked in
    // the propose form (with JavaScript), counted with that grade instead of
    // the member's current one.
    let panel_member = member
        .as_ref()
        .ok()
        .and_then(|m| m.as_ref())
        .map(|m| m.member.member_id);
    let picked: RwSignal<Option<Option<Grade>>> = RwSignal::new(None);
    let others: Vec<Grade> = rows
        .iter()
        .filter(|r| Some(r.member_id) != panel_member)
        .filter_map(|r| r.decided_grade.or(r.proposed_grade))
        .collect();
    let live_quota = Signal::derive(move || match picked.get() {
        None => proposals_quota,
        Some(g) => grading::quota(rules, others.iter().copied().chain(g)),
    });
    let year_end = rows.iter().any(|r| {
        matches!(
            r.state,
            Some(
                CommitmentState::SelfAssessed | CommitmentState::Proposed | CommitmentState::Graded
            )
        )
    });

    // Counts per state, as filter links.
    let total = rows.len();
    let filed = rows.iter().filter(|r| is_filed(r.state)).count();
    let count = |code: &str| rows.iter().filter(|r| state_code(r.state) == code).count();
    let chips: Vec<(Option<CommitmentState>, usize)> = states_in_order()
        .map(|s| (s, count(state_code(s))))
        .filter(|(s, n)| *n > 0 || *s == Some(CommitmentState::Submitted))
        .collect();
    let n = move |v: usize| numfmt::count(v as i64, locale.get());

    let visible: Vec<CommitmentRow> = rows
        .iter()
        .filter(|r| filter.as_deref().is_none_or(|f| state_code(r.state) == f))
        .cloned()
        .collect();

    let panel = match member {
        Ok(Some(v)) => Some(
            view! {
                <MemberPanel
                    cv=v
                    close=link(filter.as_deref(), None)
                    back=back.clone()
                    actions
                    picked
                    live_quota
                />
            }
            .into_any(),
        ),
        Ok(None) => None,
        Err(e) => Some(view! { <ErrorNotice error=e/> }.into_any()),
    };

    let title_cell = cell_name.clone();
    view! {
        <Title text=page_title(move |s| format!("{} · {title_cell}", s.rv_title))/>
        <header class="page-header rv-header">
            <h1>{move || t().rv_title}</h1>
            <p class="subtitle">
                <strong>{cell_name.clone()}</strong>
                " · "
                {move || fill(t().rv_year_n, &[("year", &y.to_string())])}
            </p>
        </header>
        <UnitYearNav
            units=cells
            current_code=cell_code.clone()
            years
            current_year=y
            units_label=Signal::derive(move || t().rv_cells.to_string())
            link=Callback::new({
                let filter = filter.clone();
                move |(code, year): (String, i32)| review_link(&code, year, filter.as_deref(), None)
            })
        />
        <p class="rv-deadlines muted">
            {move || format!("{}: {}", deadline_label("filing"), numfmt::date(deadlines.filing, locale.get()))}
            " · "
            {move || format!("{}: {}", deadline_label("grading"), numfmt::date(deadlines.grading, locale.get()))}
        </p>
        {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().rv_saved}</p> })}
        {move || approved.get().map(|k| view! {
            <p class="notice notice-ok" role="status">{move || fill(t().rv_approved_n, &[("n", &k)])}</p>
        })}
        {posted_other.map(|e| view! { <FormError error=e/> })}

        <section class="rv-summary" aria-label=move || t().rv_progress_label>
            <div class="rv-progress">
                <label class="rv-progress-label">
                    <span>{move || t().rv_progress_label} ": "</span>
                    <strong>{move || fill(t().rv_filed_of, &[("filed", &n(filed)), ("total", &n(total))])}</strong>
                    <progress max=total.max(1).to_string() value=filed.to_string()>
                        {move || fill(t().rv_filed_of, &[("filed", &n(filed)), ("total", &n(total))])}
                    </progress>
                </label>
            </div>
            <nav class="rv-filters" aria-label=move || t().rv_filter_label>
                <ul>
                    <li>
                        <a
                            href=link(None, query.member)
                            aria-current=filter.is_none().then_some("page")
                        >
                            {move || t().rv_filter_all} " " <span class="count">{move || n(total)}</span>
                        </a>
                    </li>
                    {chips
                        .into_iter()
                        .map(|(state, k)| {
                            let code = state_code(state);
                            view! {
                                <li>
                                    <a
                                        href=link(Some(code), query.member)
                                        aria-current=(filter.as_deref() == Some(code)).then_some("page")
                                        class=format!("rv-chip rv-chip-{code}")
                                    >
                                        {move || state_label(state)} " " <span class="count">{move || n(k)}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </section>

        {(year_end || !proposals_quota.holds()).then(|| view! { <QuotaBox quota=live_quota/> })}

        {panel}

        <section class="section rv-members" id="danh-sach">
            <h2>{move || t().rv_members}</h2>
            <MemberTable
                rows=visible
                total
                year=y
                cell=cell_code.clone()
                current=query.member
                link=Callback::new({
                    let filter = filter.clone();
                    let link = link.clone();
                    move |m: i64| link(filter.as_deref(), Some(m))
                })
                tick_all=query.ticks_all()
                tick_all_link=ReviewQuery {
                    cell: Some(cell_code.clone()),
                    year: Some(y),
                    filter: Some("submitted".into()),
                    member: query.member,
                    tick: Some(TICK_ALL.into()),
                }
                .href()
                untick_link=link(filter.as_deref(), query.member)
                approvable
                action=actions.approve_many
            />
        </section>
        {(!grading_open && year_end).then(|| view! {
            <p class="muted">
                {move || fill(t().rv_grading_closed, &[("date", &numfmt::date(deadlines.grading, locale.get()))])}
            </p>
        })}
    }
}
