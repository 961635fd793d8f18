//! A grade as the lists show it, and the grade choices of a form.

use crate::domain::grading::Grade;
use crate::ui::commitment_text::grade_label;
use crate::ui::i18n::t;
use leptos::prelude::*;

/// A grade as the lists show it: the usual abbreviation (HTXSNV, HTTNV, …),
/// with the full name on hover and for screen readers.
pub fn grade_short(grade: Grade) -> &'static str {
    let s = t();
    match grade {
        Grade::Excellent => s.rv_grade_short_excellent,
        Grade::Good => s.rv_grade_short_good,
        Grade::Completed => s.rv_grade_short_completed,
        Grade::NotCompleted => s.rv_grade_short_not_completed,
    }
}

/// `<abbr>` of a grade for tables; nothing when there is none.
pub fn grade_abbr(grade: Option<Grade>) -> impl IntoView {
    grade.map(|g| {
        view! {
            <abbr class=format!("grade grade-{}", g.as_str()) title=move || grade_label(g)>
                {move || grade_short(g)}
            </abbr>
        }
    })
}

/// The grade choices of a select, with `selected` chosen.
pub fn grade_options(selected: Option<Grade>) -> impl IntoView {
    view! {
        <option value="" selected=selected.is_none()>{move || t().rv_grade_choose}</option>
        {Grade::ALL
            .into_iter()
            .map(|g| view! {
                <option value=g.as_str() selected=selected == Some(g)>{move || grade_label(g)}</option>
            })
            .collect_view()}
    }
}
