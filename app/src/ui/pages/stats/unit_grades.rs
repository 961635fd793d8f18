//! The dashboard's grades unit by unit: each unit below with its members by
//! the four grades and the share of "excellent" to "good" (the quota is
//! counted within each grassroots organisation, which these rows are for
//! the bloc); and the year's commendations by form.

use crate::api::stats::{UnitRow, drill_link};
use crate::domain::commendation::Form;
use crate::domain::grading::Grade;
use crate::domain::numfmt;
use crate::domain::stats::Drill;
use crate::ui::commendation_text::form_label;
use crate::ui::components::grade::grade_short;
use crate::ui::i18n::t;
use crate::ui::i18n::use_locale;
use leptos::prelude::*;

/// The units below by grade, those with graded members only.
#[component]
pub fn UnitGrades(rows: Vec<UnitRow>, year: i32) -> impl IntoView {
    let locale = use_locale();
    let rows: Vec<UnitRow> = rows
        .into_iter()
        .filter(|r| r.figures.graded() > 0)
        .collect();
    (!rows.is_empty()).then(|| view! {
        <h3>{move || t().tk_unit_grades}</h3>
        <div class="table-wrap">
            <table class="data-table tk-unit-member-grades">
                <thead>
                    <tr>
                        <th scope="col">{move || t().tk_unit}</th>
                        {Grade::ALL
                            .into_iter()
                            .map(|g| view! {
                                <th scope="col" class="num">
                                    <abbr title=move || crate::ui::commitment_text::grade_label(g)>{move || grade_short(g)}</abbr>
                                </th>
                            })
                            .collect_view()}
                        <th scope="col" class="num">{move || t().tk_quota_share}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let f = r.figures;
                            let code = r.unit.code.clone();
                            let (excellent, good) = (f.grade(Grade::Excellent), f.grade(Grade::Good));
                            view! {
                                <tr data-unit=r.unit.code>
                                    <th scope="row">{r.unit.name}</th>
                                    {Grade::ALL
                                        .into_iter()
                                        .map(|g| {
                                            let n = f.grade(g);
                                            let href = drill_link(&code, year, Drill::Grade(g));
                                            view! { <td class="num"><a href=href>{move || numfmt::count(n, locale.get())}</a></td> }
                                        })
                                        .collect_view()}
                                    <td class="num">{move || numfmt::percent(excellent, good, locale.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    })
}

/// Organisations and members commended in the year, by form.
#[component]
pub fn CommendedByForm(rows: Vec<(Form, i64, i64)>) -> impl IntoView {
    let locale = use_locale();
    (!rows.is_empty()).then(|| view! {
        <h3>{move || t().tk_by_form}</h3>
        <div class="table-wrap">
            <table class="data-table tk-forms">
                <thead>
                    <tr>
                        <th scope="col">{move || t().tk_form}</th>
                        <th scope="col" class="num">{move || t().tk_collectives}</th>
                        <th scope="col" class="num">{move || t().tk_individuals}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(form, units, members)| view! {
                            <tr data-form=form.as_str()>
                                <th scope="row">{move || form_label(form)}</th>
                                <td class="num">{move || numfmt::count(units, locale.get())}</td>
                                <td class="num">{move || numfmt::count(members, locale.get())}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    })
}
