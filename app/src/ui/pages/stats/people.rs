//! Parts of the dashboard about people rather than commitments: members by
//! gender and age band, probations ending, and the Party badges due at the
//! next award date.

use crate::api::stats::drill_link;
use crate::domain::cohort::{AgeBand, Cohorts};
use crate::domain::numfmt;
use crate::domain::stats::Drill;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

fn band_label(band: AgeBand) -> &'static str {
    let s = t();
    match band {
        AgeBand::UpTo30 => s.tk_age_to_30,
        AgeBand::From31To40 => s.tk_age_31_40,
        AgeBand::From41To50 => s.tk_age_41_50,
        AgeBand::From51To60 => s.tk_age_51_60,
        AgeBand::Over60 => s.tk_age_over_60,
    }
}

/// Members by gender and by age band, each with its share.
#[component]
pub fn CohortTable(cohorts: Cohorts) -> impl IntoView {
    let locale = use_locale();
    let total = cohorts.total();
    let rows = [
        ("male", cohorts.male, None),
        ("female", cohorts.female, None),
    ]
    .into_iter()
    .chain(
        AgeBand::ALL
            .into_iter()
            .map(|b| (b.as_str(), cohorts.band(b), Some(b))),
    );
    let year = cohorts.year.to_string();
    view! {
        <h3>{move || fill(t().tk_gender_age, &[("year", &year)])}</h3>
        <div class="table-wrap">
            <table class="data-table tk-cohorts">
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">{move || t().tk_figure}</span></th>
                        <th scope="col" class="num">{move || t().tk_members}</th>
                        <th scope="col" class="num">{move || t().tk_grade_share}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .map(|(key, n, band)| {
                            let label = move || match band {
                                Some(b) => band_label(b),
                                None if key == "male" => t().tk_male,
                                None => t().tk_female,
                            };
                            view! {
                                <tr data-cohort=key class:tk-group-start=band == Some(AgeBand::UpTo30)>
                                    <th scope="row">{label}</th>
                                    <td class="num">{move || numfmt::count(n, locale.get())}</td>
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

/// Probationary members due for full membership, linking to their names.
#[component]
pub fn ProbationDue(
    count: i64,
    code: String,
    year: i32,
    /// Admitted on or before this day: probations ending within a year of it.
    due_by: chrono::NaiveDate,
) -> impl IntoView {
    let locale = use_locale();
    let ends = due_by
        .checked_add_months(chrono::Months::new(12))
        .unwrap_or(due_by);
    let href = drill_link(&code, year, Drill::ProbationDue);
    view! {
        <div class="tk-figure" data-figure="probation-due">
            <dt>{move || t().tk_probation_due}</dt>
            <dd>
                <a href=href>{move || numfmt::count(count, locale.get())}</a>
                <span class="stat-detail">{move || fill(t().tk_probation_due_detail, &[("date", &numfmt::date(ends, locale.get()))])}</span>
            </dd>
        </div>
    }
}

/// The members listed for a Party badge at the next award date, per
/// milestone, with a link to the list itself.
#[component]
pub fn BadgesDue(on: chrono::NaiveDate, due: Vec<(u32, i64)>, code: String) -> impl IntoView {
    let locale = use_locale();
    let date = move || numfmt::date(on, locale.get());
    let href = crate::paths::badges(on, &code);
    let total: i64 = due.iter().map(|(_, n)| n).sum();
    let body = if due.is_empty() {
        view! { <p class="muted">{move || t().tk_badges_none}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="data-table tk-badges">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().tk_figure}</th>
                            <th scope="col" class="num">{move || t().tk_members}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {due
                            .into_iter()
                            .map(|(years, n)| view! {
                                <tr data-milestone=years.to_string()>
                                    <th scope="row">{move || fill(t().tk_badges_milestone, &[("years", &years.to_string())])}</th>
                                    <td class="num">{move || numfmt::count(n, locale.get())}</td>
                                </tr>
                            })
                            .collect_view()}
                        <tr class="tk-total">
                            <th scope="row">{move || t().tk_badges_total}</th>
                            <td class="num">{move || numfmt::count(total, locale.get())}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <h3>{move || fill(t().tk_badges, &[("date", &date())])}</h3>
        {body}
        <p class="tk-more"><a href=href>{move || t().tk_badges_open}</a></p>
    }
}
