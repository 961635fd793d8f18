//! The organisation's year: its figures, deadlines and stages.

use super::people::{CohortTable, ProbationDue};
use crate::api::stats::drill_link;
use crate::domain::commitment::CommitmentState;
use crate::domain::numfmt;
use crate::domain::stats::{Drill, STAGES, YearFigures};
use crate::domain::{MemberStatus, UnitKind};
use crate::paths;
use crate::ui::commitment_text::{deadline_label, stage_label_in};
use crate::ui::i18n::{fill, t, use_locale};
use crate::ui::labels::status_label;
use leptos::prelude::*;

/// Organisations and members, each figure linking to the list behind it.
#[component]
pub(super) fn Organisation(
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
    let unit_page = paths::unit(&code);
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
pub(super) fn CommitmentIntro(figures: YearFigures) -> impl IntoView {
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
pub(super) fn Deadlines(list: [(&'static str, chrono::NaiveDate); 4]) -> impl IntoView {
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
pub(super) fn Stages(figures: YearFigures, code: String, year: i32) -> impl IntoView {
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
