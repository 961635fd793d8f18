//! The candidates a unit may propose, with the good models they cite.

use crate::api::commendations::{Candidate, CitableModel};
use crate::ui::commitment_text::grade_label;
use crate::ui::i18n::{Strings, fill, t};
use leptos::prelude::*;

/// The good model row `i`'s achievements cite, chosen from the proposer's.
pub(super) fn model_choice(
    i: usize,
    name: &str,
    models: &[CitableModel],
    chosen: Option<i64>,
) -> impl IntoView + use<> {
    (!models.is_empty()).then(|| {
        let label = fill(t().gm_cite_label, &[("name", name)]);
        let options = models
            .iter()
            .map(|m| {
                let text = format!("{} ({})", m.title, m.year);
                view! { <option value=m.id.to_string() selected=chosen == Some(m.id)>{text}</option> }
            })
            .collect_view();
        view! {
            <select name=format!("models[{i}]") class="kt-cite" aria-label=label>
                <option value="" selected=chosen.is_none()>{move || t().gm_cite_none}</option>
                {options}
            </select>
        }
    })
}

/// A list's table: three headed columns, the rows as children.
#[component]
pub(super) fn ListTable(
    heads: [fn(&'static Strings) -> &'static str; 3],
    children: Children,
) -> impl IntoView {
    let heads = heads
        .map(|h| view! { <th scope="col">{move || h(t())}</th> })
        .into_iter()
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data-table kt-table">
                <thead><tr>{heads}</tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// One who may be added: a box to tick.
#[component]
pub(super) fn CandidateRow(index: usize, candidate: Candidate) -> impl IntoView {
    let Candidate {
        key,
        name,
        card_number,
        place,
        grade,
    } = candidate;
    let label = fill(t().kt_add_label, &[("name", &name)]);
    let detail = match card_number {
        Some(card) => format!("{card} · {place}"),
        None => place,
    };
    let row_key = key.clone();
    view! {
        <tr data-candidate=row_key>
            <td>
                <input type="checkbox" name=format!("nominees[{index}]") value=key prop:checked=false aria-label=label/>
            </td>
            <td>
                <strong>{name}</strong>
                {(!detail.is_empty()).then(|| view! { <br/><small class="muted">{detail}</small> })}
            </td>
            <td>{move || grade.map(grade_label).unwrap_or("—")}</td>
        </tr>
    }
}
