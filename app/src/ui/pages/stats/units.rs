//! The table of the units under the one chosen, with their figures.

use super::link;
use crate::api::stats::{UnitRow, drill_link};
use crate::domain::UnitKind;
use crate::domain::commitment::CommitmentState;
use crate::domain::numfmt;
use crate::domain::stats::{Drill, RowOrder};
use crate::ui::i18n::{t, use_locale};
use leptos::prelude::*;

/// The units below with where their commitments stand.
#[component]
pub(super) fn UnitTable(
    rows: Vec<UnitRow>,
    year: i32,
    order: RowOrder,
    kind: UnitKind,
) -> impl IntoView {
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
