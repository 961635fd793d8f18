//! The dashboard's body: the figures of the unit chosen, its commendations and bodies.

use super::people::BadgesDue;
use super::unit_grades::{CommendedByForm, UnitGrades};
use super::{
    CommitmentIntro, Deadlines, Grading, Organisation, Stages, UnitTable, full_query, link,
};
use crate::api::stats::{Charts, DashboardData, STATS_PAGE, STATS_PRINT, TrailStep};
use crate::domain::numfmt;
use crate::domain::stats::RowOrder;
use crate::paths::{DecisionsQuery, GoodModelQuery};
use crate::ui::components::figure::ChartFigure;
use crate::ui::i18n::{fill, t, use_locale};
use crate::ui::pages::targets::{TargetSummary, TargetTable};
use leptos::prelude::*;

/// The dashboard's sections; `print`: as the A4 print view shows them
/// (no forms, no links to reload or download).
#[component]
pub(crate) fn Body(d: DashboardData, #[prop(optional)] print: bool) -> impl IntoView {
    let DashboardData {
        unit,
        trail,
        year,
        years,
        deadlines,
        summary,
        figures,
        organisation_grades,
        rows,
        more_rows,
        order,
        targets,
        commended_by_form,
        cohorts,
        probation_due,
        probation_due_by,
        today: _,
        badges_on,
        badges_due,
        bodies,
        charts,
    } = d;
    let name = unit.name.clone();
    let refresh = link(&unit.code, year, order);
    let xlsx = full_query(&unit.code, year, order).href_at("/xuat/thong-ke.xlsx");
    let deadlines = deadlines.map(|d| {
        [
            ("filing", d.filing),
            ("mid_year", d.mid_year),
            ("self_assessment", d.self_assessment),
            ("grading", d.grading),
        ]
    });
    let Charts {
        filing,
        grades,
        targets: target_chart,
    } = charts;
    let targets_href = crate::api::targets::targets_link(&unit.code, year);
    let print_href = full_query(&unit.code, year, order).href_at(STATS_PRINT);
    let commendations = summary.clone();
    let badges_code = unit.code.clone();
    let grade_rows = rows.clone();
    view! {
        <header class="page-header">
            <Trail trail year order/>
            <h1>{move || t().tk_title}</h1>
            <p class="subtitle">{move || fill(t().tk_intro, &[("unit", &name)])}</p>
        </header>
        {(!print).then(|| view! {
            <Filters code=unit.code.clone() year years order/>
            <p class="tk-refresh">
                <a href=refresh>{move || t().tk_refresh}</a>
                " · "
                <a href=xlsx download>{move || t().tk_xlsx}</a>
                " · "
                <a href=print_href>{move || t().tk_print}</a>
            </p>
        })}
        <Organisation summary=summary.clone() code=unit.code.clone() admissions=admissions_target(&targets) probation_due due_by=probation_due_by cohorts/>
        <section class="section tk-section" id="cam-ket">
            <h2>{move || fill(t().tk_commitments, &[("year", &year.to_string())])}</h2>
            <CommitmentIntro figures=figures.clone()/>
            {deadlines.map(|list| view! { <Deadlines list/> })}
            <Stages figures=figures.clone() code=unit.code.clone() year/>
            <h3>{move || t().tk_units}</h3>
            <ChartFigure svg=filing title=Signal::derive(move || t().tk_chart_behind.to_string()) legend=true/>
            <UnitTable rows year order kind=unit.kind/>
            {more_rows.then(|| view! {
                <p class="muted">{move || fill(t().tk_more_units, &[("n", &crate::api::stats::STATS_ROWS.to_string())])}</p>
            })}
        </section>
        <Grading figures year grades organisation_grades code=unit.code.clone()>
            <UnitGrades rows=grade_rows year/>
        </Grading>
        <Commendations summary=commendations code=unit.code.clone()>
            <CommendedByForm rows=commended_by_form/>
            <BadgesDue on=badges_on due=badges_due code=badges_code/>
        </Commendations>
        <section class="section tk-section" id="chi-tieu">
            <h2>{move || fill(t().ct_section, &[("year", &year.to_string())])}</h2>
            <TargetSummary targets=targets.clone() year/>
            <ChartFigure svg=target_chart title=Signal::derive(move || t().ct_chart.to_string())/>
            <TargetTable targets year/>
            <p><a href=targets_href>{move || t().ct_open}</a></p>
        </section>
        <Bodies counts=bodies code=unit.code.clone()/>
    }
}

/// The year's good models and commendations in the subtree, each linking to
/// its register.
#[component]
pub(super) fn Commendations(
    summary: crate::domain::UnitSummary,
    code: String,
    children: Children,
) -> impl IntoView {
    let locale = use_locale();
    let n = move |v: i64| numfmt::count(v, locale.get());
    let year = summary.year;
    let models = GoodModelQuery {
        year: Some(year),
        unit: Some(code.clone()),
        ..GoodModelQuery::default()
    }
    .href();
    let decisions = DecisionsQuery {
        year: Some(year),
        ..DecisionsQuery::default()
    }
    .href();
    let good_models = summary.good_models;
    let pairs = [
        ("bloc", summary.commended_by_bloc),
        ("grassroots", summary.commended_by_grassroots),
    ];
    view! {
        <section class="section tk-section" id="khen-thuong">
            <h2>{move || fill(t().tk_commendations, &[("year", &year.to_string())])}</h2>
            <dl class="tk-figures">
                <div class="tk-figure" data-figure="good-models">
                    <dt>{move || fill(t().stat_good_models, &[("year", &year.to_string())])}</dt>
                    <dd><a href=models>{move || n(good_models)}</a></dd>
                </div>
                {pairs
                    .into_iter()
                    .map(|(by, (units, members))| {
                        let href = decisions.clone();
                        let label = move || if by == "bloc" { t().tk_commended_bloc } else { t().tk_commended_grassroots };
                        view! {
                            <div class="tk-figure" data-figure=format!("commended-{by}")>
                                <dt>{label}</dt>
                                <dd>
                                    <a href=href>{move || n(units + members)}</a>
                                    <span class="stat-detail">
                                        {move || fill(t().tk_collectives_individuals, &[("units", &n(units)), ("members", &n(members))])}
                                    </span>
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
            {children()}
        </section>
    }
}

/// The admissions target of the resolution (tenths) and the margin.
pub(super) fn admissions_target(
    targets: &[crate::api::targets::TargetView],
) -> Option<(i64, Option<i64>)> {
    targets
        .iter()
        .find(|v| v.target.spec.indicator == crate::domain::targets::Indicator::Admissions)
        .map(|v| (v.target.spec.target, v.margin))
}

/// The Steering Committee 35 and its helpers: people in the unit's own
/// bodies of each kind, and collaborators in the units below.
#[component]
pub(super) fn Bodies(counts: crate::domain::body::BodyCounts, code: String) -> impl IntoView {
    use crate::domain::body::BodyKind;
    use crate::ui::body_text::kind_label;
    let locale = use_locale();
    let n = move |v: i64| numfmt::count(v, locale.get());
    let href = crate::api::bodies::bodies_link(&code);
    let below = counts.below[2] + counts.below[3];
    view! {
        <section class="section tk-section" id="ban-chi-dao">
            <h2>{move || t().bd_title}</h2>
            <dl class="tk-figures">
                {BodyKind::ALL
                    .into_iter()
                    .zip(counts.own)
                    .map(|(k, v)| {
                        let href = href.clone();
                        view! {
                            <div class="tk-figure" data-figure=k.as_str()>
                                <dt>{move || kind_label(k)}</dt>
                                <dd><a href=href>{move || n(v)}</a></dd>
                            </div>
                        }
                    })
                    .collect_view()}
                <div class="tk-figure" data-figure="collaborators-below">
                    <dt>{move || t().bd_below}</dt>
                    <dd>{move || n(below)}</dd>
                </div>
            </dl>
            <p><a href=href.clone()>{move || t().bd_open}</a></p>
        </section>
    }
}

/// The levels above, each a link when the caller may open it.
#[component]
pub(crate) fn Trail(trail: Vec<TrailStep>, year: i32, order: RowOrder) -> impl IntoView {
    (!trail.is_empty()).then(|| {
        view! {
            <nav class="breadcrumb" aria-label=move || t().tk_trail>
                {trail
                    .into_iter()
                    .map(|s| {
                        let step = if s.open {
                            view! { <a href=link(&s.unit.code, year, order)>{s.unit.name}</a> }.into_any()
                        } else {
                            view! { <span>{s.unit.name}</span> }.into_any()
                        };
                        view! { {step} " › " }
                    })
                    .collect_view()}
            </nav>
        }
    })
}

/// Year and order, as a plain GET form.
#[component]
pub(super) fn Filters(code: String, year: i32, years: Vec<i32>, order: RowOrder) -> impl IntoView {
    view! {
        <form method="get" action=STATS_PAGE class="kt-search tk-filters">
            <input type="hidden" name="don-vi" value=code/>
            <label class="field">
                <span class="field-label">{move || t().tk_year}</span>
                <select name="nam">
                    {years
                        .into_iter()
                        .map(|y| view! { <option value=y.to_string() selected=y == year>{y}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field-label">{move || t().tk_order}</span>
                <select name="sap-xep">
                    {RowOrder::ALL
                        .into_iter()
                        .map(|o| {
                            let label = move || match o {
                                RowOrder::Behind => t().tk_order_behind,
                                RowOrder::Name => t().tk_order_name,
                            };
                            view! { <option value=o.as_str() selected=o == order>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <button type="submit" class="button button-quiet">{move || t().tk_show}</button>
        </form>
    }
}
