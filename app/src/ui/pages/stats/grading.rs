//! The year-end grades of members and organisations.

use crate::api::stats::drill_link;
use crate::domain::grading::Grade;
use crate::domain::numfmt;
use crate::domain::stats::{Drill, YearFigures};
use crate::labels::Strings;
use crate::ui::commitment_text::grade_label;
use crate::ui::components::figure::ChartFigure;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

/// Members by grade, with the quota's use.
#[component]
pub(super) fn Grading(
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
        let rows: Vec<(Grade, i64, Option<String>)> = Grade::ALL
            .into_iter()
            .map(|g| {
                (
                    g,
                    figures.grade(g),
                    Some(drill_link(&code, year, Drill::Grade(g))),
                )
            })
            .collect();
        view! {
            <p class="tk-lead">
                {move || {
                    let l = locale.get();
                    fill(t().tk_grading_intro, &[("graded", &numfmt::count(graded, l)), ("members", &numfmt::count(members, l))])
                }}
            </p>
            <ChartFigure svg=grades title=Signal::derive(move || fill(t().tk_chart_grades, &[("year", &title_year)]))/>
            <GradeTable class="tk-grades" count=|s| s.tk_grade_count rows total=graded/>
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
pub(super) fn OrganisationGrades(counts: [i64; 4]) -> impl IntoView {
    let graded: i64 = counts.iter().sum();
    let rows: Vec<(Grade, i64, Option<String>)> = Grade::ALL
        .into_iter()
        .zip(counts)
        .map(|(g, n)| (g, n, None))
        .collect();
    view! {
        <h3>{move || t().tk_organisation_grades}</h3>
        {if graded == 0 {
            view! { <p class="muted">{move || t().tk_no_organisations_graded}</p> }.into_any()
        } else {
            view! {
                <GradeTable class="tk-unit-grades" count=|s| s.tk_organisation_count rows total=graded/>
            }
            .into_any()
        }}
    }
}

/// Grades with how many have each (a link to who, where there is a list)
/// and their share of `total`.
#[component]
fn GradeTable(
    class: &'static str,
    count: fn(&'static Strings) -> &'static str,
    rows: Vec<(Grade, i64, Option<String>)>,
    total: i64,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="table-wrap">
            <table class=format!("data-table {class}")>
                <thead>
                    <tr>
                        <th scope="col">{move || t().tk_grade}</th>
                        <th scope="col" class="num">{move || count(t())}</th>
                        <th scope="col" class="num">{move || t().tk_grade_share}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(g, n, href)| {
                            let figure = move || numfmt::count(n, locale.get());
                            view! {
                                <tr data-grade=g.as_str()>
                                    <th scope="row">{move || grade_label(g)}</th>
                                    <td class="num">
                                        {match href {
                                            Some(href) => view! { <a href=href>{figure}</a> }.into_any(),
                                            None => figure.into_any(),
                                        }}
                                    </td>
                                    <td class="num">{move || numfmt::percent(n, total, locale.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
