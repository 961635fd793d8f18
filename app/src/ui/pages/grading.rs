//! The grassroots committee's year-end grading (`/xep-loai?to-chuc=CODE&nam=YEAR`):
//! the quota of the year's rules with the decided and the projected figures,
//! the members by cell with their self-assessed, proposed and decided grades,
//! a decision form per member awaiting one, a bulk "decide as proposed", and
//! the grades of the organisation's cells. The bloc's standing committee,
//! which grades grassroots organisations rather than members, sees only that
//! last part.
//!
//! As on the review page, every form is a plain post answered by a redirect
//! (`?da-luu=1`, `?da-quyet-dinh=N`), refusals come back in `?__err=`, and
//! with JavaScript the forms post in place and the data reloads.

use crate::api::commitments::{
    CommitmentStep, DecideMany, GRADING_PAGE, GradeUnit, GradingData, org_grading,
};
use crate::domain::GradingRuleSet;
use crate::domain::commitment::{CommitmentState, Step};
use crate::domain::grading::{Grade, Quota, uses_points};
use crate::domain::numfmt;
use crate::domain::records::{CommitmentRow, UnitGradeRow};
use crate::domain::text::url_escape;
use crate::ui::commitment_text::{
    deadline_label, grade_label, rule_set_label, state_class, state_label,
};
use crate::ui::components::form_error::FormError;
use crate::ui::components::grade::{grade_abbr, grade_options, grade_short};
use crate::ui::components::unit_year_nav::UnitYearNav;
use crate::ui::components::{ConfirmSubmit, ErrorNotice};
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::labels::kind_label;
use crate::ui::resource::{Reload, page_resource};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The id of the bulk form; the checkboxes in the tables belong to it by
/// their `form` attribute (the per-member forms sit in the same tables, and
/// forms cannot nest).
const BULK_FORM: &str = "xep-loai-theo-de-xuat";

fn grading_link(org: &str, year: i32) -> String {
    format!("{GRADING_PAGE}?to-chuc={}&nam={year}", url_escape(org))
}

/// The member filters (`loc`): by where the decision stands.
const FILTERS: [&str; 3] = ["proposed", "graded", "not_proposed"];

fn matches_filter(state: Option<CommitmentState>, filter: Option<&str>) -> bool {
    match filter {
        Some("proposed") => state == Some(CommitmentState::Proposed),
        Some("graded") => state == Some(CommitmentState::Graded),
        Some("not_proposed") => !awaits_decision(state),
        _ => true,
    }
}

/// The grade choices by their abbreviations (the legend above the tables
/// spells them out), to keep a decision's form on one line.
fn short_grade_options(selected: Option<Grade>) -> impl IntoView {
    view! {
        <option value="" selected=selected.is_none()>"—"</option>
        {Grade::ALL
            .into_iter()
            .map(|g| view! {
                <option value=g.as_str() selected=selected == Some(g)>{move || grade_short(g)}</option>
            })
            .collect_view()}
    }
}

/// Awaiting the committee's decision (or open to changing it).
fn awaits_decision(state: Option<CommitmentState>) -> bool {
    matches!(
        state,
        Some(CommitmentState::Proposed | CommitmentState::Graded)
    )
}

/// The page's forms, one action per server function (an action takes a
/// refusal posted without JavaScript, `?__path=&__err=`, as its first value:
/// one per row would show it on every row). The data reloads after each
/// success.
#[derive(Clone, Copy)]
struct Actions {
    decide_many: ServerAction<DecideMany>,
    step: ServerAction<CommitmentStep>,
    unit: ServerAction<GradeUnit>,
}

#[component]
pub fn GradingPage() -> impl IntoView {
    let query = use_query_map();
    let key = move || {
        query.with(|q| {
            (
                q.get("to-chuc").filter(|v| !v.trim().is_empty()),
                q.get("nam").and_then(|v| v.trim().parse::<i32>().ok()),
            )
        })
    };
    let actions = Actions {
        decide_many: ServerAction::new(),
        step: ServerAction::new(),
        unit: ServerAction::new(),
    };
    let reload = Reload::new()
        .after(actions.decide_many)
        .after(actions.step)
        .after(actions.unit);
    let data = page_resource(
        move || (key(), reload.key()),
        |((org, year), _)| org_grading(org, year),
    );
    view! {
        <Title text=page_title(|s| s.rv_grading_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || {
                let (tick_all, filter) = query.with(|q| {
                    (
                        q.get("chon").as_deref() == Some("tat-ca"),
                        q.get("loc").filter(|f| FILTERS.contains(&f.as_str())),
                    )
                });
                Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <Body page actions tick_all filter/> }.into_any(),
                        Err(e) => view! {
                            <header class="page-header"><h1>{move || t().rv_grading_title}</h1></header>
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
    page: GradingData,
    actions: Actions,
    tick_all: bool,
    filter: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    let GradingData {
        year,
        years,
        orgs,
        org_code,
        org_name,
        rows,
        decided_quota,
        projected_quota,
        units,
        today: _,
        grading_open,
        decidable,
    } = page;
    let y = year.year;
    let rules = year.rule_set;
    let grading_deadline = year.deadlines.grading;
    let home = grading_link(&org_code, y);
    let back = match &filter {
        Some(f) => format!("{home}&loc={f}"),
        None => home.clone(),
    };

    let (saved, decided_n) = (redirect_flag("da-luu"), redirect_flag("da-quyet-dinh"));

    let only_units = rows.is_empty() && !units.is_empty();
    let members_part = (!only_units).then(|| {
        view! {
            <Members
                rows
                year=y
                rules
                org=org_code.clone()
                home=home.clone()
                back=back.clone()
                filter=filter.clone()
                decided_quota
                projected_quota
                grading_open
                tick_all
                actions
                decidable
            />
        }
    });
    let units_part = (!units.is_empty()).then(|| {
        view! {
            <Units
                units
                year=y
                back=back.clone()
                grading_open
                action=actions.unit
            />
        }
    });
    // The bloc's standing committee grades organisations, not members.
    let heading = move || {
        if only_units {
            t().rv_units_title
        } else {
            t().rv_grading_title
        }
    };
    let title_org = org_name.clone();
    view! {
        <Title text=page_title(move |s| {
            let heading = if only_units { s.rv_units_title } else { s.rv_grading_title };
            format!("{heading} · {title_org}")
        })/>
        <header class="page-header rv-header">
            <h1>{heading}</h1>
            <p class="subtitle">
                <strong>{org_name.clone()}</strong>
                " · "
                {move || fill(t().rv_year_n, &[("year", &y.to_string())])}
            </p>
        </header>
        <UnitYearNav
            units=orgs
            current_code=org_code.clone()
            years
            current_year=y
            units_label=Signal::derive(move || t().rv_orgs.to_string())
            link=Callback::new(move |(code, year): (String, i32)| grading_link(&code, year))
        />
        <p class="rv-deadlines muted">
            {move || format!("{}: {}", deadline_label("grading"), numfmt::date(grading_deadline, locale.get()))}
            " · " {move || rule_set_label(rules)}
        </p>
        {(!grading_open).then(|| view! {
            <p class="notice">
                {move || fill(t().rv_grading_closed, &[("date", &numfmt::date(grading_deadline, locale.get()))])}
            </p>
        })}
        {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().rv_saved}</p> })}
        {move || decided_n.get().map(|k| view! {
            <p class="notice notice-ok" role="status">{move || fill(t().rv_decided_n, &[("n", &k)])}</p>
        })}
        {members_part}
        {units_part}
    }
}

/// The quota explained: the year's rule, the decided and the projected
/// figures, and what breaks it.
#[component]
fn QuotaExplained(rules: GradingRuleSet, decided: Quota, projected: Quota) -> impl IntoView {
    let locale = use_locale();
    let n = move |v: u32| numfmt::count(i64::from(v), locale.get());
    let rule = move || {
        let s = t();
        match rules {
            GradingRuleSet::Rules2019 => s.rv_rule_2019,
            GradingRuleSet::Rules2023 => s.rv_rule_2023,
            GradingRuleSet::Rules2025 => s.rv_rule_2025,
        }
    };
    let line = move |label: fn() -> &'static str, q: Quota, id: &'static str| {
        view! {
            <tr data-quota=id class:broken=!q.holds()>
                <th scope="row">{move || label()}</th>
                <td class="num" data-label=move || grade_label(Grade::Excellent)>{move || n(q.excellent)}</td>
                <td class="num" data-label=move || grade_label(Grade::Good)>{move || n(q.good)}</td>
                <td class="num" data-label=move || t().rv_quota_max>{move || n(q.max_excellent)}</td>
                <td class="rv-verdict">
                    {if q.holds() {
                        view! { <span class="rv-ok">"✓ " {move || t().rv_quota_holds}</span> }.into_any()
                    } else {
                        view! {
                            <strong class="rv-broken">
                                "⚠ " {move || t().rv_quota_broken} " (+" {move || n(q.excess())} ")"
                            </strong>
                        }
                        .into_any()
                    }}
                </td>
            </tr>
        }
    };
    // Good grades needed for the projected excellent ones: 5 per excellent.
    let more_good = (projected.excellent * 5).saturating_sub(projected.good);
    view! {
        <section class="rv-quota rv-quota-box" aria-labelledby="rv-quota-title" data-testid="quota">
            <h2 id="rv-quota-title">{move || t().rv_quota_title}</h2>
            <p>{rule}</p>
            <div class="table-wrap">
                <table class="data-table rv-quota-table">
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="col">{move || grade_label(Grade::Excellent)}</th>
                            <th scope="col">{move || grade_label(Grade::Good)}</th>
                            <th scope="col">{move || t().rv_quota_max}</th>
                            <th scope="col"><span class="rv-hidden">{move || t().rv_col_state}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {line(|| t().rv_quota_decided, decided, "decided")}
                        {line(|| t().rv_quota_projected, projected, "projected")}
                    </tbody>
                </table>
            </div>
            {(!decided.holds()).then(|| view! {
                <p class="notice notice-error">
                    {move || fill(t().rv_quota_breaks_now, &[("excess", &n(decided.excess()))])}
                </p>
            })}
            {(decided.holds() && !projected.holds()).then(|| view! {
                <p class="notice notice-warn">
                    {move || fill(
                        t().rv_quota_breaks,
                        &[("excess", &n(projected.excess())), ("more", &n(more_good))],
                    )}
                </p>
            })}
        </section>
    }
}

/// The members by cell, the decision forms, the bulk form.
#[component]
fn Members(
    rows: Vec<CommitmentRow>,
    year: i32,
    rules: GradingRuleSet,
    org: String,
    /// The page's address without a filter.
    home: String,
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
                        let href = match code {
                            Some(c) => format!("{home}&loc={c}#dang-vien"),
                            None => format!("{home}#dang-vien"),
                        };
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
    let bulk_link = format!("{home}&loc=proposed&chon=tat-ca#dang-vien");
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
                <p class="muted">
                    {move || t().rv_decide_many_hint} " "
                    {if tick_all {
                        view! { <a href=back.clone()>{move || t().rv_select_none}</a> }.into_any()
                    } else {
                        view! { <a href=bulk_link.clone()>{move || t().rv_select_all_proposed}</a> }.into_any()
                    }}
                </p>
                <ConfirmSubmit
                    label=Signal::derive(move || t().rv_decide_many.to_string())
                    question=Signal::derive(move || t().rv_decide_many_confirm.to_string())
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
fn MemberLine(
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
                <a href=format!("/dang-vien/{}", r.member_id)>{r.full_name.clone()}</a>
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

/// The organisations below with their grades, a form each.
#[component]
fn Units(
    units: Vec<UnitGradeRow>,
    year: i32,
    back: String,
    grading_open: bool,
    action: ServerAction<GradeUnit>,
) -> impl IntoView {
    let locale = use_locale();
    let total = units.len();
    let graded = units.iter().filter(|u| u.grade.is_some()).count();
    let last = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(unit) = action.input().with(|i| i.as_ref().map(|i| i.unit.clone())) {
            last.set(Some(unit));
        }
    });
    view! {
        <section class="section rv-units" id="to-chuc">
            <h2>{move || t().rv_units_title}</h2>
            <p class="muted">
                {move || t().rv_units_intro} " "
                <strong>
                    {move || {
                        let n = |v: usize| numfmt::count(v as i64, locale.get());
                        fill(t().rv_units_graded, &[("graded", &n(graded)), ("total", &n(total))])
                    }}
                </strong>
            </p>
            {move || {
                last.get()
                    .is_none()
                    .then(|| action.value().get().and_then(Result::err))
                    .flatten()
                    .map(|e| view! { <FormError error=e/> })
            }}
            <div class="table-wrap">
                <table class="data-table rv-table rv-units-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().rv_col_unit}</th>
                            <th scope="col">{move || t().rv_col_grade}</th>
                            {grading_open.then(|| view! { <th scope="col">{move || t().rv_col_action}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {units
                            .into_iter()
                            .map(|u| view! { <UnitLine u year back=back.clone() grading_open action last/> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn UnitLine(
    u: UnitGradeRow,
    year: i32,
    back: String,
    grading_open: bool,
    action: ServerAction<GradeUnit>,
    last: RwSignal<Option<String>>,
) -> impl IntoView {
    let here = u.code.clone();
    let kind = u.kind;
    let grade = u.grade;
    let form = grading_open.then(|| {
        let name = u.name.clone();
        let (code, note) = (u.code.clone(), u.note.clone());
        view! {
            <ActionForm action attr:class="rv-unit-form">
                <input type="hidden" name="year" value=year.to_string()/>
                <input type="hidden" name="unit" value=code/>
                <input type="hidden" name="version" value=u.version.to_string()/>
                <input type="hidden" name="back" value=back.clone()/>
                <select name="grade" required aria-label=move || fill(t().rv_decide_member, &[("name", &name)])>
                    {grade_options(grade)}
                </select>
                <input
                    type="text"
                    name="note"
                    maxlength="2000"
                    value=note
                    placeholder=move || t().rv_note_short
                    aria-label=move || t().rv_note_short
                />
                <button type="submit" class="button button-small" disabled=move || action.pending().get()>
                    {move || t().rv_save}
                </button>
            </ActionForm>
            {move || {
                (last.get().as_deref() == Some(here.as_str()))
                    .then(|| action.value().get().and_then(Result::err))
                    .flatten()
                    .map(|e| view! { <FormError error=e/> })
            }}
        }
    });
    view! {
        <tr data-unit=u.code.clone()>
            <td data-label=move || t().rv_col_unit>
                <a href=format!("/don-vi/{}", u.code)>{u.name.clone()}</a>
                " " <span class="muted">{move || kind_label(kind)}</span>
            </td>
            <td data-label=move || t().rv_col_grade>
                {match grade {
                    Some(g) => view! { <strong class=format!("grade grade-{}", g.as_str())>{move || grade_label(g)}</strong> }.into_any(),
                    None => view! { <span class="muted">{move || t().rv_not_graded}</span> }.into_any(),
                }}
                {(!u.note.is_empty()).then(|| view! { <p class="rv-note">{u.note.clone()}</p> })}
            </td>
            {grading_open.then(|| view! { <td data-label=move || t().rv_col_action>{form}</td> })}
        </tr>
    }
}
