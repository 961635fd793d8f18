//! The committee's dashboard (`/thong-ke?don-vi=CODE&nam=YEAR&sap-xep=`):
//! the subtree's organisation, its members' commitments and grades, and
//! every unit below side by side (each drills down to its own dashboard,
//! the levels above lead back up). Charts come drawn from the server, each
//! with its figures as a table; a plain GET form picks the year and order,
//! so the page is complete without JavaScript (with a link to reload it).
//! With JavaScript the page follows the server's stream of its figures
//! (`server::live`) and redraws as secretaries approve and committees grade.

use crate::api::stats::{
    Charts, DashboardData, STATS_PAGE, STATS_PRINT, TrailStep, UnitRow, dashboard, drill_link,
};
use crate::domain::commitment::CommitmentState;
use crate::domain::grading::Grade;
use crate::domain::numfmt;
use crate::domain::stats::{Drill, RowOrder, STAGES, YearFigures};
use crate::domain::text::url_escape;
use crate::domain::{MemberStatus, UnitKind};
use crate::ui::commitment_text::{deadline_label, grade_label, stage_label_in};
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::labels::status_label;
use crate::ui::pages::stats_grades::{CommendedByForm, UnitGrades};
use crate::ui::pages::stats_people::{BadgesDue, CohortTable, ProbationDue};
use crate::ui::pages::targets::{TargetSummary, TargetTable};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What the address asks for: unit code, year, row order (the dashboard's
/// and its print view's).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct StatsQuery {
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub order: Option<String>,
}

impl StatsQuery {
    pub fn read(m: &leptos_router::params::ParamsMap) -> Self {
        let get = |k: &str| {
            m.get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        StatsQuery {
            unit: get("don-vi"),
            // Out of range is answered by the server, not clamped here.
            year: get("nam").and_then(|v| v.parse().ok()),
            order: get("sap-xep"),
        }
    }
}

/// The dashboard of `code` in `year`, keeping the order.
pub(crate) fn link(code: &str, year: i32, order: RowOrder) -> String {
    let mut href = format!("{STATS_PAGE}?don-vi={}&nam={year}", url_escape(code));
    if order != RowOrder::default() {
        href.push_str(&format!("&sap-xep={}", order.as_str()));
    }
    href
}

#[component]
pub fn StatsPage() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(StatsQuery::read));
    let data = page_resource(move || q.get(), |q| dashboard(q.unit, q.year, q.order));
    view! {
        <Title text=page_title(|s| s.tk_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Live first=d/> }.into_any(),
                    Err(e) => view! {
                        <header class="page-header"><h1>{move || t().tk_title}</h1></header>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// The dashboard as first read, then as the server pushes it.
#[component]
fn Live(first: DashboardData) -> impl IntoView {
    let pushed = RwSignal::new(None::<DashboardData>);
    #[cfg(feature = "hydrate")]
    {
        let url = format!(
            "{}?don-vi={}&nam={}&sap-xep={}",
            crate::api::stats::STATS_STREAM,
            url_escape(&first.unit.code),
            first.year,
            first.order.as_str()
        );
        let stop = live::follow(url, pushed);
        on_cleanup(stop);
    }
    move || {
        let d = pushed.get().unwrap_or_else(|| first.clone());
        view! { <Body d/> }
    }
}

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
    let xlsx = format!(
        "/xuat/thong-ke.xlsx?don-vi={}&nam={year}&sap-xep={}",
        url_escape(&unit.code),
        order.as_str()
    );
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
    let print_href = format!(
        "{STATS_PRINT}?don-vi={}&nam={year}&sap-xep={}",
        url_escape(&unit.code),
        order.as_str()
    );
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
            <Chart svg=filing title=Signal::derive(move || t().tk_chart_behind.to_string()) legend=true/>
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
            <Chart svg=target_chart title=Signal::derive(move || t().ct_chart.to_string())/>
            <TargetTable targets year/>
            <p><a href=targets_href>{move || t().ct_open}</a></p>
        </section>
        <Bodies counts=bodies code=unit.code.clone()/>
    }
}

/// The year's good models and commendations in the subtree, each linking to
/// its register.
#[component]
fn Commendations(
    summary: crate::domain::UnitSummary,
    code: String,
    children: Children,
) -> impl IntoView {
    let locale = use_locale();
    let n = move |v: i64| numfmt::count(v, locale.get());
    let year = summary.year;
    let models = format!("/mo-hinh-hay?nam={year}&don-vi={}", url_escape(&code));
    let decisions = format!("/quyet-dinh-khen-thuong?nam={year}");
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
fn admissions_target(targets: &[crate::api::targets::TargetView]) -> Option<(i64, Option<i64>)> {
    targets
        .iter()
        .find(|v| v.target.spec.indicator == crate::domain::targets::Indicator::Admissions)
        .map(|v| (v.target.spec.target, v.margin))
}

/// The Steering Committee 35 and its helpers: people in the unit's own
/// bodies of each kind, and collaborators in the units below.
#[component]
fn Bodies(counts: crate::domain::body::BodyCounts, code: String) -> impl IntoView {
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
fn Filters(code: String, year: i32, years: Vec<i32>, order: RowOrder) -> impl IntoView {
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

/// Organisations and members, each figure linking to the list behind it.
#[component]
fn Organisation(
    summary: crate::domain::UnitSummary,
    code: String,
    /// The resolution's admissions target and its margin, when it has one.
    admissions: Option<(i64, Option<i64>)>,
    probation_due: i64,
    due_by: chrono::NaiveDate,
    cohorts: crate::domain::cohort::Cohorts,
) -> impl IntoView {
    let locale = use_locale();
    let n = move |v: i64| numfmt::count(v, locale.get());
    let unit_page = format!("/don-vi/{}", url_escape(&code));
    let members = format!("{unit_page}#dang-vien");
    let below = format!("{unit_page}#don-vi-truc-thuoc");
    let by_status = [
        (MemberStatus::Full, summary.full_members),
        (MemberStatus::Probationary, summary.probationary_members),
        (MemberStatus::Exempt, summary.exempt_members),
    ];
    let year = summary.year.to_string();
    let grassroots = (summary.unit_kind == UnitKind::Bloc).then(|| {
        let (total, committees, cells) = (
            summary.grassroots_total(),
            summary.grassroots_committees,
            summary.grassroots_cells,
        );
        let below = below.clone();
        view! {
            <div class="tk-figure" data-figure="grassroots">
                <dt>{move || t().stat_grassroots}</dt>
                <dd>
                    <a href=below>{move || n(total)}</a>
                    <span class="stat-detail">
                        {move || fill(t().stat_grassroots_detail, &[("committees", &n(committees)), ("cells", &n(cells))])}
                    </span>
                </dd>
            </div>
        }
    });
    let cells = summary.cells;
    let show_cells = matches!(
        summary.unit_kind,
        UnitKind::Bloc | UnitKind::GrassrootsCommittee | UnitKind::SubCommittee
    );
    let total = summary.members_total();
    let admitted = summary.admitted_in_year;
    let code_for_due = code.clone();
    view! {
        <section class="section tk-section" id="to-chuc">
            <h2>{move || t().tk_organisation}</h2>
            <dl class="tk-figures">
                {grassroots}
                {show_cells.then(|| view! {
                    <div class="tk-figure" data-figure="cells">
                        <dt>{move || t().stat_cells}</dt>
                        <dd><a href=below.clone()>{move || n(cells)}</a></dd>
                    </div>
                })}
                <div class="tk-figure" data-figure="members">
                    <dt>{move || t().stat_members}</dt>
                    <dd><a href=members>{move || n(total)}</a></dd>
                </div>
                {by_status
                    .into_iter()
                    .map(|(status, count)| {
                        let href = format!("{unit_page}?trang-thai={}#dang-vien", status.as_str());
                        view! {
                            <div class="tk-figure" data-figure=status.as_str()>
                                <dt>{move || status_label(status)}</dt>
                                <dd><a href=href>{move || n(count)}</a></dd>
                            </div>
                        }
                    })
                    .collect_view()}
                <div class="tk-figure" data-figure="admitted">
                    <dt>{move || fill(t().stat_admitted, &[("year", &year)])}</dt>
                    <dd>
                        {move || n(admitted)}
                        {admissions.map(|(target, margin)| view! {
                            <span class="stat-detail">
                                {move || {
                                    let l = locale.get();
                                    let margin = margin.map(|m| numfmt::margin(m, l)).unwrap_or_default();
                                    fill(t().tk_admitted_target, &[("target", &numfmt::tenths(target, l)), ("margin", &margin)])
                                }}
                            </span>
                        })}
                    </dd>
                </div>
                <ProbationDue count=probation_due code=code_for_due year=summary.year due_by/>
            </dl>
            <CohortTable cohorts/>
        </section>
    }
}

#[component]
fn CommitmentIntro(figures: YearFigures) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class="tk-lead">
            {move || {
                let l = locale.get();
                fill(
                    t().tk_commitments_intro,
                    &[
                        ("filed", &numfmt::count(figures.filed(), l)),
                        ("members", &numfmt::count(figures.members, l)),
                        ("share", &numfmt::percent(figures.filed(), figures.members, l)),
                        ("approved", &numfmt::count(figures.approved(), l)),
                    ],
                )
            }}
        </p>
    }
}

#[component]
fn Deadlines(list: [(&'static str, chrono::NaiveDate); 4]) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ul class="tk-deadlines">
            {list
                .into_iter()
                .map(|(field, date)| view! {
                    <li>{move || fill(t().tk_deadline, &[("label", deadline_label(field)), ("date", &numfmt::date(date, locale.get()))])}</li>
                })
                .collect_view()}
        </ul>
    }
}

/// How far the year has gone: each stage after approval, with its share.
#[component]
fn Stages(figures: YearFigures, code: String, year: i32) -> impl IntoView {
    let locale = use_locale();
    let label = |s: CommitmentState| stage_label_in(s, t());
    view! {
        <h3>{move || t().tk_stages}</h3>
        <div class="table-wrap">
            <table class="data-table tk-stages">
                <tbody>
                    {STAGES
                        .into_iter()
                        .map(|stage| {
                            let n = figures.reached(stage);
                            let members = figures.members;
                            let href = drill_link(&code, year, Drill::Reached(stage));
                            view! {
                                <tr data-stage=stage.as_str()>
                                    <th scope="row">{move || label(stage)}</th>
                                    <td class="num"><a href=href>{move || numfmt::count(n, locale.get())}</a></td>
                                    <td class="num">{move || numfmt::percent(n, members, locale.get())}</td>
                                    <td class="tk-bar-cell" aria-hidden="true">
                                        <progress max=members.max(1).to_string() value=n.to_string()></progress>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A chart drawn on the server, titled (with its legend, when it has
/// two series); its figures are in the table after it.
#[component]
pub fn Chart(
    svg: Option<String>,
    title: Signal<String>,
    #[prop(optional)] legend: bool,
) -> impl IntoView {
    svg.map(|svg| {
        view! {
            <figure class="tk-chart">
                <figcaption>
                    {title}
                    {legend.then(|| view! {
                        <span class="tk-legend">
                            <span class="tk-key tk-key-approved"></span>{move || t().tk_approved_share}
                            <span class="tk-key tk-key-filed"></span>{move || t().tk_filed_share}
                        </span>
                    })}
                </figcaption>
                <div class="tk-svg" role="img" aria-label=title inner_html=svg></div>
            </figure>
        }
    })
}

/// The units below with where their commitments stand.
#[component]
fn UnitTable(rows: Vec<UnitRow>, year: i32, order: RowOrder, kind: UnitKind) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">{move || t().tk_no_units}</p> }.into_any();
    }
    let locale = use_locale();
    // Cells have no units below worth a dashboard of their own.
    let drill = !matches!(kind, UnitKind::Cell | UnitKind::Group);
    view! {
        <div class="table-wrap">
            <table class="data-table tk-units">
                <caption class="visually-hidden">{move || t().tk_chart_table}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t().tk_unit}</th>
                        <th scope="col" class="num">{move || t().tk_members}</th>
                        <th scope="col" class="num">{move || t().tk_not_started}</th>
                        <th scope="col" class="num">{move || t().tk_draft}</th>
                        <th scope="col" class="num">{move || t().tk_waiting}</th>
                        <th scope="col" class="num">{move || t().tk_returned}</th>
                        <th scope="col" class="num">{move || t().tk_approved}</th>
                        <th scope="col" class="num">{move || t().tk_filed_share}</th>
                        <th scope="col" class="num">{move || t().tk_approved_share}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let f = r.figures;
                            let name = if drill {
                                view! { <a href=link(&r.unit.code, year, order)>{r.unit.name}</a> }.into_any()
                            } else {
                                view! { <span>{r.unit.name}</span> }.into_any()
                            };
                            let c = move |n: i64| numfmt::count(n, locale.get());
                            // Each count links to the members behind it.
                            let cells = [
                                (f.not_started(), Drill::NotStarted),
                                (f.state(CommitmentState::Draft), Drill::State(CommitmentState::Draft)),
                                (f.state(CommitmentState::Submitted), Drill::State(CommitmentState::Submitted)),
                                (f.state(CommitmentState::Returned), Drill::State(CommitmentState::Returned)),
                                (f.approved(), Drill::Reached(CommitmentState::Approved)),
                            ];
                            let (filed, approved, members) = (f.filed(), f.approved(), f.members);
                            let code = r.unit.code.clone();
                            view! {
                                <tr data-unit=r.unit.code>
                                    <th scope="row">{name}</th>
                                    <td class="num">{move || c(members)}</td>
                                    {cells
                                        .into_iter()
                                        .map(|(n, d)| {
                                            let href = drill_link(&code, year, d);
                                            view! { <td class="num" data-drill=d.code()><a href=href>{move || c(n)}</a></td> }
                                        })
                                        .collect_view()}
                                    <td class="num">{move || numfmt::percent(filed, members, locale.get())}</td>
                                    <td class="num">{move || numfmt::percent(approved, members, locale.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Members by grade, with the quota's use.
#[component]
fn Grading(
    figures: YearFigures,
    year: i32,
    grades: Option<String>,
    organisation_grades: [i64; 4],
    code: String,
    children: Children,
) -> impl IntoView {
    let locale = use_locale();
    let graded = figures.graded();
    let members = figures.members;
    let year_text = year.to_string();
    let body = if graded == 0 {
        view! { <p class="muted">{move || t().tk_none_graded}</p> }.into_any()
    } else {
        let (excellent, good) = (figures.grade(Grade::Excellent), figures.grade(Grade::Good));
        let title_year = year_text.clone();
        view! {
            <p class="tk-lead">
                {move || {
                    let l = locale.get();
                    fill(t().tk_grading_intro, &[("graded", &numfmt::count(graded, l)), ("members", &numfmt::count(members, l))])
                }}
            </p>
            <Chart svg=grades title=Signal::derive(move || fill(t().tk_chart_grades, &[("year", &title_year)]))/>
            <div class="table-wrap">
                <table class="data-table tk-grades">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().tk_grade}</th>
                            <th scope="col" class="num">{move || t().tk_grade_count}</th>
                            <th scope="col" class="num">{move || t().tk_grade_share}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {Grade::ALL
                            .into_iter()
                            .map(|g| {
                                let n = figures.grade(g);
                                let href = drill_link(&code, year, Drill::Grade(g));
                                view! {
                                    <tr data-grade=g.as_str()>
                                        <th scope="row">{move || grade_label(g)}</th>
                                        <td class="num"><a href=href>{move || numfmt::count(n, locale.get())}</a></td>
                                        <td class="num">{move || numfmt::percent(n, graded, locale.get())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="tk-quota">
                {move || {
                    let l = locale.get();
                    fill(
                        t().tk_quota,
                        &[
                            ("excellent", &numfmt::count(excellent, l)),
                            ("good", &numfmt::count(good, l)),
                            ("share", &numfmt::percent(excellent, good, l)),
                        ],
                    )
                }}
            </p>
        }
        .into_any()
    };
    view! {
        <section class="section tk-section" id="xep-loai">
            <h2>{move || fill(t().tk_grading, &[("year", &year_text)])}</h2>
            {body}
            {children()}
            <OrganisationGrades counts=organisation_grades/>
        </section>
    }
}

/// The organisations below by the grade their committee gave them.
#[component]
fn OrganisationGrades(counts: [i64; 4]) -> impl IntoView {
    let locale = use_locale();
    let graded: i64 = counts.iter().sum();
    view! {
        <h3>{move || t().tk_organisation_grades}</h3>
        {if graded == 0 {
            view! { <p class="muted">{move || t().tk_no_organisations_graded}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="data-table tk-unit-grades">
                        <thead>
                            <tr>
                                <th scope="col">{move || t().tk_grade}</th>
                                <th scope="col" class="num">{move || t().tk_organisation_count}</th>
                                <th scope="col" class="num">{move || t().tk_grade_share}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {Grade::ALL
                                .into_iter()
                                .zip(counts)
                                .map(|(g, n)| view! {
                                    <tr data-grade=g.as_str()>
                                        <th scope="row">{move || grade_label(g)}</th>
                                        <td class="num">{move || numfmt::count(n, locale.get())}</td>
                                        <td class="num">{move || numfmt::percent(n, graded, locale.get())}</td>
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}

/// Follows the dashboard's stream of figures (Server-Sent Events), opening
/// it again after a failure, one second later at first, then twice as long
/// each time up to half a minute (back to one second once figures arrive).
#[cfg(feature = "hydrate")]
mod live {
    use crate::api::stats::DashboardData;
    use leptos::prelude::*;
    use std::time::Duration;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = EventSource, extends = web_sys::EventTarget)]
        type Source;
        #[wasm_bindgen(catch, constructor, js_class = "EventSource")]
        fn new(url: &str) -> Result<Source, JsValue>;
        #[wasm_bindgen(method, js_class = "EventSource")]
        fn close(this: &Source);

        #[wasm_bindgen(js_name = MessageEvent, extends = web_sys::Event)]
        type Message;
        #[wasm_bindgen(method, getter, js_class = "MessageEvent")]
        fn data(this: &Message) -> JsValue;
    }

    const FIRST_RETRY: Duration = Duration::from_secs(1);
    const LAST_RETRY: Duration = Duration::from_secs(30);

    /// The open stream and its listeners, dropped together.
    struct Open {
        source: Source,
        _on_figures: Closure<dyn FnMut(Message)>,
        _on_error: Closure<dyn FnMut(web_sys::Event)>,
    }

    /// Keeps `pushed` on the latest figures until the returned function is called.
    pub fn follow(
        url: String,
        pushed: RwSignal<Option<DashboardData>>,
    ) -> impl FnOnce() + Send + Sync + 'static {
        let open: StoredValue<Option<Open>, LocalStorage> = StoredValue::new_local(None);
        let alive = StoredValue::new(true);
        let retry = StoredValue::new(FIRST_RETRY);
        connect(url, pushed, open, alive, retry);
        move || {
            alive.try_set_value(false);
            open.try_update_value(|o| {
                if let Some(o) = o.take() {
                    o.source.close();
                }
            });
        }
    }

    fn connect(
        url: String,
        pushed: RwSignal<Option<DashboardData>>,
        open: StoredValue<Option<Open>, LocalStorage>,
        alive: StoredValue<bool>,
        retry: StoredValue<Duration>,
    ) {
        if alive.try_get_value() != Some(true) {
            return;
        }
        let Ok(source) = Source::new(&url) else {
            return;
        };
        let on_figures = Closure::<dyn FnMut(Message)>::new(move |m: Message| {
            if let Some(d) = m
                .data()
                .as_string()
                .and_then(|s| serde_json::from_str(&s).ok())
            {
                pushed.try_set(Some(d));
                retry.try_set_value(FIRST_RETRY);
            }
        });
        let again = url.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            // Closed here and opened again later, whatever the browser
            // would do on its own: a refusal would otherwise end it for good.
            open.try_update_value(|o| {
                if let Some(o) = o.take() {
                    o.source.close();
                }
            });
            let url = again.clone();
            let wait = retry.try_get_value().unwrap_or(LAST_RETRY);
            retry.try_set_value((wait * 2).min(LAST_RETRY));
            set_timeout(move || connect(url, pushed, open, alive, retry), wait);
        });
        let target: &web_sys::EventTarget = source.unchecked_ref();
        let _ =
            target.add_event_listener_with_callback("figures", on_figures.as_ref().unchecked_ref());
        let _ = target.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
        open.try_set_value(Some(Open {
            source,
            _on_figures: on_figures,
            _on_error: on_error,
        }));
    }
}
