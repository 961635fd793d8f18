//! The members behind a figure of the dashboard
//! (`/thong-ke/danh-sach?don-vi=CODE&nam=YEAR&loc=FILTER&trang=N`): who has
//! not started a commitment, whose is waiting or was returned, who was
//! graded what, whose probation is ending — in cell and name order, 50 to a
//! page, each name leading to the member's page. Plain links throughout, so
//! it works without JavaScript.

use crate::api::stats::{DRILL_PAGES, DrillPage, drill_list};
use crate::domain::numfmt;
use crate::domain::stats::Drill;
use crate::domain::stats::RowOrder;
use crate::paths::{self, DrillQuery};
use crate::ui::commitment_text::{grade_label, stage_label_in, state_label};
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::pages::stats::{Trail, link};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StatsMembersPage() -> impl IntoView {
    let query = paths::query::<DrillQuery>();
    let data = page_resource(
        move || {
            query.with(|q| {
                let filter = q.filter.clone().unwrap_or_default();
                (q.unit.clone(), q.year, filter, q.page)
            })
        },
        |(unit, year, filter, page)| drill_list(unit, year, filter, page),
    );
    view! {
        <Title text=page_title(|s| s.dl_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <Members p/> }.into_any(),
                    Err(e) => view! {
                        <header class="page-header"><h1>{move || t().dl_title}</h1></header>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// What the list holds, in words.
fn heading(
    drill: Drill,
    year: i32,
    due_by: chrono::NaiveDate,
    locale: crate::domain::Locale,
) -> String {
    let s = t();
    let y = year.to_string();
    match drill {
        Drill::NotStarted => fill(s.dl_not_started, &[("year", &y)]),
        Drill::State(st) => fill(
            s.dl_state,
            &[("year", &y), ("state", state_label(Some(st)))],
        ),
        Drill::Reached(st) => fill(
            s.dl_reached,
            &[("year", &y), ("stage", stage_label_in(st, s))],
        ),
        Drill::Grade(g) => fill(s.dl_grade, &[("year", &y), ("grade", grade_label(g))]),
        Drill::ProbationDue => fill(s.dl_probation, &[("date", &numfmt::date(due_by, locale))]),
    }
}

#[component]
fn Members(p: DrillPage) -> impl IntoView {
    let DrillPage {
        unit,
        trail,
        year,
        drill,
        page,
        rows,
        more,
        due_by,
    } = p;
    let locale = use_locale();
    let name = unit.name.clone();
    let back = link(&unit.code, year, RowOrder::default());
    let here = DrillQuery {
        unit: Some(unit.code.clone()),
        year: Some(year),
        filter: Some(drill.code().to_string()),
        page: None,
    };
    let at = move |n: i64| {
        DrillQuery {
            page: Some(n),
            ..here.clone()
        }
        .href()
    };
    let prev = (page > 1).then(|| at(page - 1));
    let next = more.then(|| at(page + 1));
    let last = page == DRILL_PAGES && more;
    let yearly = drill.yearly();
    let body = if rows.is_empty() {
        view! { <p class="muted">{move || t().dl_none}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="data-table dl-members">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().dl_name}</th>
                            <th scope="col">{move || t().dl_cell}</th>
                            {yearly.then(|| view! {
                                <th scope="col">{move || t().dl_commitment}</th>
                                <th scope="col">{move || t().dl_grade_col}</th>
                            })}
                            {(!yearly).then(|| view! { <th scope="col">{move || t().dl_admitted}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|r| {
                                let (state, grade, admitted) = (r.state, r.grade, r.admitted);
                                view! {
                                    <tr data-member=r.member_id.to_string()>
                                        <th scope="row"><a href=paths::member(r.member_id)>{r.full_name}</a></th>
                                        <td>
                                            {r.cell.name}
                                            {r.organisation.map(|o| view! { <span class="dl-org">{o.name}</span> })}
                                        </td>
                                        {yearly.then(|| view! {
                                            <td>{move || state_label(state)}</td>
                                            <td>{move || grade.map(grade_label).unwrap_or("")}</td>
                                        })}
                                        {(!yearly).then(|| view! {
                                            <td>{move || numfmt::date(admitted, locale.get())}</td>
                                        })}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <header class="page-header">
            <Trail trail year order=RowOrder::default()/>
            <h1>{move || heading(drill, year, due_by, locale.get())}</h1>
            <p class="subtitle">{move || fill(t().dl_of_unit, &[("unit", &name)])}</p>
        </header>
        <p><a href=back>{move || t().dl_back}</a></p>
        {body}
        <nav class="pager" aria-label=move || fill(t().dl_page, &[("n", &page.to_string())])>
            {prev.map(|href| view! { <a href=href rel="prev">{move || t().dl_prev}</a> })}
            <span>{move || fill(t().dl_page, &[("n", &page.to_string())])}</span>
            {(!last).then(|| next.map(|href| view! { <a href=href rel="next">{move || t().dl_next}</a> })).flatten()}
        </nav>
        {last.then(|| view! {
            <p class="muted">{move || fill(t().dl_limit, &[("n", &DRILL_PAGES.to_string())])}</p>
        })}
    }
}
