//! The cell secretary's review of commitments
//! (`/duyet-cam-ket?chi-bo=CODE&nam=YEAR&loc=STATE&dang-vien=ID`): the cell's
//! members with where their commitments stand (counts per state as filter
//! links, a bar of how many have filed), a bulk approval of the submitted
//! ones, and — with `dang-vien` — one member's commitment with the forms of
//! the steps open to the secretary (approve, return with a reason, propose a
//! grade, reopen after a deadline).
//!
//! Every form is a plain post to a server function answered by a redirect
//! back to this page (`?da-luu=1`, `?da-duyet=N`), so it all works without
//! JavaScript; a refusal comes back in `?__err=` and is shown beside the form
//! it concerns. With JavaScript the forms post in place, the page reloads its
//! data, and the quota warning follows the grade being picked.

use crate::api::ApiError;
use crate::api::commitments::{
    ApproveMany, CommitmentStep, CommitmentView, REVIEW_PAGE, ReviewData, cell_review,
    commitment_of, is_filed,
};
use crate::domain::commitment::{CommitmentState, Step};
use crate::domain::grading::{self, Grade, Quota, grade_from_points, uses_points};
use crate::domain::numfmt;
use crate::domain::records::CommitmentRow;
use crate::domain::text::url_escape;
use crate::domain::undertaking::{Assessment, Undertaking};
use crate::ui::commitment_text::{
    assessment_label, deadline_label, fn_path, posted_error, result_label, roman, state_class,
    state_label, step_label,
};
use crate::ui::components::form_error::FormError;
use crate::ui::components::grade::{grade_abbr, grade_options};
use crate::ui::components::history::History;
use crate::ui::components::unit_year_nav::UnitYearNav;
use crate::ui::components::{ConfirmSubmit, ErrorNotice};
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::{Reload, page_resource};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// What the page's address asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct ReviewQuery {
    cell: Option<String>,
    year: Option<i32>,
    /// A state's code (`CommitmentState::as_str`, or "not_started").
    filter: Option<String>,
    member: Option<i64>,
    /// `chon=tat-ca`: every submitted commitment shown is ticked.
    tick_all: bool,
}

impl ReviewQuery {
    fn read(q: &ParamsMap) -> Self {
        let get = |k: &str| {
            q.get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        ReviewQuery {
            cell: get("chi-bo"),
            year: get("nam").and_then(|v| v.parse().ok()),
            filter: get("loc"),
            member: get("dang-vien").and_then(|v| v.parse().ok()),
            tick_all: get("chon").as_deref() == Some("tat-ca"),
        }
    }
}

/// The page's address for a cell and year, with a filter and a member.
fn review_link(cell: &str, year: i32, filter: Option<&str>, member: Option<i64>) -> String {
    let mut link = format!("{REVIEW_PAGE}?chi-bo={}&nam={year}", url_escape(cell));
    if let Some(f) = filter {
        link.push_str("&loc=");
        link.push_str(&url_escape(f));
    }
    if let Some(m) = member {
        link.push_str(&format!("&dang-vien={m}"));
    }
    link
}

/// A state's code in the filter (`loc`).
fn state_code(state: Option<CommitmentState>) -> &'static str {
    state.map_or("not_started", CommitmentState::as_str)
}

/// The states in the order of the year, "not started" first.
fn states_in_order() -> impl Iterator<Item = Option<CommitmentState>> {
    std::iter::once(None).chain(CommitmentState::ALL.into_iter().map(Some))
}

/// A date and time (UTC) as the day it was in Vietnam.
pub(crate) fn local_day(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    (at + chrono::TimeDelta::hours(7)).date_naive()
}

/// The page's forms; the data reloads after each success. One action per
/// server function: an action takes a refusal posted without JavaScript
/// (`?__path=&__err=`) as its first value, so two of the same function
/// would show it twice.
#[derive(Clone, Copy)]
struct Actions {
    approve_many: ServerAction<ApproveMany>,
    step: ServerAction<CommitmentStep>,
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(ReviewQuery::read));
    let actions = Actions {
        approve_many: ServerAction::new(),
        step: ServerAction::new(),
    };
    // With JavaScript a success navigates to the same address (the flag
    // aside): load the data again.
    let reload = Reload::new()
        .after(actions.approve_many)
        .after(actions.step);
    let page = page_resource(
        move || (q.with(|q| (q.cell.clone(), q.year)), reload.key()),
        |((cell, year), _)| cell_review(cell, year),
    );
    let member = page_resource(
        move || (q.with(|q| (q.cell.clone(), q.year, q.member)), reload.key()),
        |((cell, year, member), _)| async move {
            let Some(member) = member else {
                return Ok(None);
            };
            let year = match year {
                Some(y) => y,
                None => cell_review(cell, None).await?.year.year,
            };
            commitment_of(year, member).await.map(Some)
        },
    );
    view! {
        <Title text=page_title(|s| s.rv_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || {
                let query = q.get();
                Suspend::new(async move {
                    let page = page.await;
                    let member = member.await;
                    match page {
                        Ok(page) => view! { <Body page member query actions/> }.into_any(),
                        Err(e) => view! {
                            <header class="page-header"><h1>{move || t().rv_title}</h1></header>
                            <ErrorNotice error=e/>
                        }
                        .into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Body(
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
                tick_all=query.tick_all
                tick_all_link=format!("{}&chon=tat-ca", link(Some("submitted"), query.member))
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

/// The cell's proposals against the year's quota; a warning when over it.
#[component]
fn QuotaBox(quota: Signal<Quota>) -> impl IntoView {
    let locale = use_locale();
    let figures = move |q: Quota| {
        let n = |v: u32| numfmt::count(i64::from(v), locale.get());
        [
            ("excellent", n(q.excellent)),
            ("good", n(q.good)),
            ("max", n(q.max_excellent)),
        ]
    };
    let sentence = move |template: &str, q: Quota| {
        let f = figures(q);
        let args: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(template, &args)
    };
    view! {
        <section class="rv-quota" aria-live="polite" data-testid="quota">
            {move || {
                let q = quota.get();
                if q.holds() {
                    view! { <p class="rv-quota-ok">{sentence(t().rv_quota_status, q)}</p> }.into_any()
                } else {
                    view! {
                        <p class="notice notice-warn rv-quota-warning">
                            <strong>"⚠ "</strong>
                            {sentence(t().rv_quota_warning, q)}
                        </p>
                    }
                    .into_any()
                }
            }}
            <p class="muted rv-quota-note">{move || t().rv_quota_note}</p>
        </section>
    }
}

/// The members, with checkboxes for the submitted ones in one bulk form.
#[component]
fn MemberTable(
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
                    <p class="muted">
                        {move || t().rv_approve_hint} " "
                        {if tick_all {
                            view! { <a href=untick_link.clone()>{move || t().rv_select_none}</a> }.into_any()
                        } else {
                            view! { <a href=tick_all_link.clone()>{move || t().rv_select_all}</a> }.into_any()
                        }}
                    </p>
                    <ConfirmSubmit
                        label=Signal::derive(move || t().rv_approve_selected.to_string())
                        question=Signal::derive(move || t().rv_approve_selected_confirm.to_string())
                        pending=action.pending()
                    />
                </div>
            })}
            {move || action.value().get().and_then(Result::err).map(|e| view! { <FormError error=e/> })}
        </ActionForm>
    }
    .into_any()
}

/// The hidden fields every step form sends.
#[component]
fn StepFields(year: i32, member: i64, step: Step, version: i64, back: String) -> impl IntoView {
    view! {
        <input type="hidden" name="year" value=year.to_string()/>
        <input type="hidden" name="member" value=member.to_string()/>
        <input type="hidden" name="step" value=step.as_str()/>
        <input type="hidden" name="version" value=version.to_string()/>
        <input type="hidden" name="back" value=back/>
    }
}

/// One member's commitment with the secretary's forms.
#[component]
fn MemberPanel(
    cv: CommitmentView,
    close: String,
    back: String,
    actions: Actions,
    picked: RwSignal<Option<Option<Grade>>>,
    live_quota: Signal<Quota>,
) -> impl IntoView {
    let locale = use_locale();
    let CommitmentView {
        year,
        member,
        commitment,
        history,
        steps,
        today,
    } = cv;
    let y = year.year;
    let rules = year.rule_set;
    let sections = year.sections.clone();
    let member_id = member.member_id;
    let state = commitment.as_ref().map(|c| c.state);
    let version = commitment.as_ref().map_or(0, |c| c.version);
    let has = |s: Step| steps.contains(&s);
    let name = member.full_name.clone();
    let title = {
        let name = name.clone();
        move || {
            fill(
                t().rv_member_title,
                &[("year", &y.to_string()), ("name", &name)],
            )
        }
    };

    let body = match &commitment {
        None => view! { <p class="muted">{move || t().rv_not_started_text}</p> }.into_any(),
        Some(c) => {
            let extended = c.extended_to;
            let returned = (c.state == CommitmentState::Returned && !c.return_reason.is_empty())
                .then(|| c.return_reason.clone());
            view! {
                {returned.map(|reason| view! {
                    <div class="notice rv-returned">
                        <p><strong>{move || t().rv_returned_reason} ": "</strong>{reason}</p>
                    </div>
                })}
                {extended.map(|d| view! {
                    <p class="muted">{move || fill(t().rv_extended, &[("date", &numfmt::date(d, locale.get()))])}</p>
                })}
                <Undertakings sections=sections.clone() items=c.items.clone()/>
                <Assessments
                    mid_year=c.mid_year_note.clone()
                    own=c.self_assessment.map(|a| (a, c.self_note.clone()))
                    proposed=c.proposed.map(|a| (a, c.proposed_note.clone()))
                    decided=c.decided.map(|a| (a, c.decided_note.clone()))
                />
            }
            .into_any()
        }
    };

    // The forms of the steps open to the caller, posting to one action: its
    // refusal (in place with JavaScript, from the address without it) is
    // shown once, above the forms.
    let action = actions.step;
    let fields = {
        let back = back.clone();
        move |step: Step| {
            view! { <StepFields year=y member=member_id step version back=back.clone()/> }
        }
    };
    let busy = move || action.pending().get();
    let approve = has(Step::Approve).then(|| {
        let hidden = fields(Step::Approve);
        view! {
            <ActionForm action>
                {hidden}
                <div class="rv-step rv-step-approve">
                    <h4>{move || t().rv_step_approve}</h4>
                    <p class="muted">{move || t().rv_step_approve_hint}</p>
                    <button type="submit" class="button" disabled=busy>
                        {move || step_label(Step::Approve)}
                    </button>
                </div>
            </ActionForm>
        }
    });
    let give_back = has(Step::Return).then(|| {
        let hidden = fields(Step::Return);
        view! {
            <ActionForm action>
                {hidden}
                <div class="rv-step rv-step-return">
                    <h4>{move || t().rv_step_return}</h4>
                    <label class="field">
                        <span class="field-label">{move || t().rv_reason_label}</span>
                        <textarea name="reason" required rows="3" maxlength="2000"></textarea>
                    </label>
                    <p class="muted">{move || t().rv_step_return_hint}</p>
                    <button type="submit" class="button button-quiet" disabled=busy>
                        {move || t().rv_submit_return}
                    </button>
                </div>
            </ActionForm>
        }
    });
    let propose = has(Step::Propose).then(|| {
        let hidden = fields(Step::Propose);
        let current = commitment.as_ref().and_then(|c| c.proposed.or(c.self_assessment));
        let note = commitment
            .as_ref()
            .map(|c| c.proposed_note.clone())
            .unwrap_or_default();
        let control = if uses_points(rules) {
            let points = current
                .and_then(|a| a.points)
                .map(|p| p.to_string())
                .unwrap_or_default();
            view! {
                <label class="field">
                    <span class="field-label">{move || t().rv_points_label}</span>
                    <input
                        type="number"
                        name="points"
                        min="0"
                        max="100"
                        step="1"
                        inputmode="numeric"
                        required
                        value=points
                        on:input=move |ev| {
                            let p = event_target_value(&ev).trim().parse::<u8>().ok().filter(|p| *p <= 100);
                            picked.set(Some(p.map(grade_from_points)));
                        }
                    />
                </label>
            }
            .into_any()
        } else {
            view! {
                <label class="field">
                    <span class="field-label">{move || t().rv_grade_label}</span>
                    <select
                        name="grade"
                        required
                        on:change=move |ev| picked.set(Some(Grade::parse(&event_target_value(&ev))))
                    >
                        {grade_options(current.map(|a| a.grade))}
                    </select>
                </label>
            }
            .into_any()
        };
        view! {
            <ActionForm action>
                {hidden}
                <div class="rv-step rv-step-propose">
                    <h4>{move || t().rv_step_propose}</h4>
                    {control}
                    <label class="field">
                        <span class="field-label">{move || t().rv_note_label}</span>
                        <textarea name="note" rows="2" maxlength="2000">{note}</textarea>
                    </label>
                    <QuotaLine quota=live_quota/>
                    <button type="submit" class="button" disabled=busy>
                        {move || t().rv_submit_propose}
                    </button>
                </div>
            </ActionForm>
        }
    });
    let reopen = has(Step::Reopen).then(|| {
        let hidden = fields(Step::Reopen);
        let min = today.to_string();
        let suggested = (today + chrono::TimeDelta::days(14)).to_string();
        view! {
            <ActionForm action>
                {hidden}
                <div class="rv-step rv-step-reopen">
                    <h4>{move || t().rv_step_reopen}</h4>
                    <p class="muted">{move || t().rv_step_reopen_hint}</p>
                    <label class="field">
                        <span class="field-label">{move || t().rv_until_label}</span>
                        <input type="date" name="until" required min=min value=suggested/>
                    </label>
                    <button type="submit" class="button button-quiet" disabled=busy>
                        {move || t().rv_submit_reopen}
                    </button>
                </div>
            </ActionForm>
        }
    });
    let any_step =
        approve.is_some() || give_back.is_some() || propose.is_some() || reopen.is_some();
    let refused = {
        let sections = sections.clone();
        move || {
            action
                .value()
                .get()
                .and_then(Result::err)
                .map(|e| view! { <FormError error=e sections=sections.clone()/> })
        }
    };

    view! {
        <article class="rv-panel" id="ban-cam-ket" aria-labelledby="rv-panel-title">
            <header class="rv-panel-head">
                <h2 id="rv-panel-title">{title}</h2>
                <p class="rv-panel-meta">
                    <span class=state_class(state)>{move || state_label(state)}</span>
                    " · " <span class="nowrap">{member.card_number.clone()}</span>
                    " · " <a href=format!("/dang-vien/{member_id}")>{move || t().rv_member_link}</a>
                </p>
                {any_step.then(|| view! {
                    <a class="rv-jump" href="#rv-steps-title">{move || t().rv_jump_steps} " ↓"</a>
                })}
                <a class="rv-close" href=close>{move || t().rv_member_close} " ✕"</a>
            </header>
            <div class="rv-panel-grid">
                <div class="rv-panel-main">{body}</div>
                <aside class="rv-panel-side">
                    <section class="rv-steps" aria-labelledby="rv-steps-title">
                        <h3 id="rv-steps-title">{move || t().rv_actions_title}</h3>
                        {refused}
                        {if any_step {
                            view! { {approve} {give_back} {propose} {reopen} }.into_any()
                        } else {
                            view! { <p class="muted">{move || t().rv_no_steps}</p> }.into_any()
                        }}
                    </section>
                    <History events=history nested=true/>
                </aside>
            </div>
        </article>
    }
}

/// The quota line inside the propose form: follows the grade being picked.
#[component]
fn QuotaLine(quota: Signal<Quota>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="rv-quota-live" aria-live="polite">
            {move || {
                let q = quota.get();
                let n = |v: u32| numfmt::count(i64::from(v), locale.get());
                let args = [
                    ("excellent", n(q.excellent)),
                    ("good", n(q.good)),
                    ("max", n(q.max_excellent)),
                ];
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                if q.holds() {
                    view! { <p class="muted">{fill(t().rv_quota_status, &args)}</p> }.into_any()
                } else {
                    view! {
                        <p class="notice notice-warn rv-quota-warning">
                            <strong>"⚠ "</strong>{fill(t().rv_quota_warning, &args)}
                        </p>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// The undertakings by section, with their year-end results when assessed.
#[component]
fn Undertakings(sections: Vec<String>, items: Vec<Undertaking>) -> impl IntoView {
    view! {
        <section class="rv-undertakings">
            <h3>{move || t().rv_undertakings}</h3>
            {sections
                .into_iter()
                .enumerate()
                .map(|(i, title)| {
                    let mine: Vec<Undertaking> = items.iter().filter(|u| u.section == i).cloned().collect();
                    view! {
                        <section class="rv-section">
                            <h4>{roman(i + 1)} ". " {title}</h4>
                            {if mine.is_empty() {
                                view! { <p class="muted">{move || t().rv_section_empty}</p> }.into_any()
                            } else {
                                view! {
                                    <ol>
                                        {mine
                                            .into_iter()
                                            .map(|u| {
                                                let result = u.result;
                                                let note = u.result_note.clone();
                                                view! {
                                                    <li>
                                                        <span class="rv-item">{u.text}</span>
                                                        {result.map(|r| view! {
                                                            <span class=format!("rv-result rv-result-{}", r.as_str())>
                                                                {move || t().rv_result} ": " {move || result_label(r)}
                                                            </span>
                                                        })}
                                                        {(!note.is_empty()).then(|| view! { <span class="rv-result-note">{note}</span> })}
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
                })
                .collect_view()}
        </section>
    }
}

/// The mid-year note and the grades with their justifications.
#[component]
fn Assessments(
    mid_year: String,
    own: Option<(Assessment, String)>,
    proposed: Option<(Assessment, String)>,
    decided: Option<(Assessment, String)>,
) -> impl IntoView {
    type Label = fn() -> &'static str;
    let grade_rows: Vec<(Label, Assessment, String)> = [
        ((|| t().rv_self_assessment) as Label, own),
        ((|| t().rv_proposed) as Label, proposed),
        ((|| t().rv_decided) as Label, decided),
    ]
    .into_iter()
    .filter_map(|(label, a)| a.map(|(a, note)| (label, a, note)))
    .collect();
    if mid_year.is_empty() && grade_rows.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="rv-assessments">
            {(!mid_year.is_empty()).then(|| view! {
                <h3>{move || t().rv_mid_year}</h3>
                <p class="rv-note">{mid_year.clone()}</p>
            })}
            {(!grade_rows.is_empty()).then(|| view! {
                <dl class="rv-grades">
                    {grade_rows
                        .into_iter()
                        .map(|(label, a, note)| view! {
                            <div class="rv-grade-row">
                                <dt>{move || label()}</dt>
                                <dd>
                                    <strong class=format!("grade grade-{}", a.grade.as_str())>{move || assessment_label(&a)}</strong>
                                    {(!note.is_empty()).then(|| view! {
                                        <span class="rv-note">{move || t().rv_justification} ": " {note.clone()}</span>
                                    })}
                                </dd>
                            </div>
                        })
                        .collect_view()}
                </dl>
            })}
        </section>
    }
    .into_any()
}
