//! The grades of the organisation's cells.

use crate::api::commitments::GradeUnit;
use crate::domain::numfmt;
use crate::domain::records::UnitGradeRow;
use crate::ui::commitment_text::grade_label;
use crate::ui::components::form_error::FormError;
use crate::ui::components::grade::grade_options;
use crate::ui::i18n::{fill, t, use_locale};
use crate::ui::labels::kind_label;
use leptos::prelude::*;

/// The organisations below with their grades, a form each.
#[component]
pub(super) fn Units(
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
pub(super) fn UnitLine(
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
                <a href=crate::paths::unit(&u.code)>{u.name.clone()}</a>
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
