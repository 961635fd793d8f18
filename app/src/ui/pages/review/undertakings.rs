//! A commitment's undertakings and its year-end assessments.

use crate::domain::undertaking::{Assessment, Undertaking};
use crate::ui::commitment_text::{assessment_label, result_label, roman};
use crate::ui::i18n::t;
use leptos::prelude::*;

/// The undertakings by section, with their year-end results when assessed.
#[component]
pub(super) fn Undertakings(sections: Vec<String>, items: Vec<Undertaking>) -> impl IntoView {
    view! {
        <section class="rv-undertakings">
            <h3>{move || t().rv_undertakings}</h3>
            {sections
                .into_iter()
                .enumerate()
                .map(|(i, title)| {
                    let mine: Vec<Undertaking> = items.iter().filter(|u| u.section == i).cloned().collect();
                    view! {
                        <section class="rv-section">
                            <h4>{roman(i + 1)} ". " {title}</h4>
                            {if mine.is_empty() {
                                view! { <p class="muted">{move || t().rv_section_empty}</p> }.into_any()
                            } else {
                                view! {
                                    <ol>
                                        {mine
                                            .into_iter()
                                            .map(|u| {
                                                let result = u.result;
                                                let note = u.result_note.clone();
                                                view! {
                                                    <li>
                                                        <span class="rv-item">{u.text}</span>
                                                        {result.map(|r| view! {
                                                            <span class=format!("rv-result rv-result-{}", r.as_str())>
                                                                {move || t().rv_result} ": " {move || result_label(r)}
                                                            </span>
                                                        })}
                                                        {(!note.is_empty()).then(|| view! { <span class="rv-result-note">{note}</span> })}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                }
                                .into_any()
                            }}
                        </section>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// The mid-year note and the grades with their justifications.
#[component]
pub(super) fn Assessments(
    mid_year: String,
    own: Option<(Assessment, String)>,
    proposed: Option<(Assessment, String)>,
    decided: Option<(Assessment, String)>,
) -> impl IntoView {
    type Label = fn() -> &'static str;
    let grade_rows: Vec<(Label, Assessment, String)> = [
        ((|| t().rv_self_assessment) as Label, own),
        ((|| t().rv_proposed) as Label, proposed),
        ((|| t().rv_decided) as Label, decided),
    ]
    .into_iter()
    .filter_map(|(label, a)| a.map(|(a, note)| (label, a, note)))
    .collect();
    if mid_year.is_empty() && grade_rows.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="rv-assessments">
            {(!mid_year.is_empty()).then(|| view! {
                <h3>{move || t().rv_mid_year}</h3>
                <p class="rv-note">{mid_year.clone()}</p>
            })}
            {(!grade_rows.is_empty()).then(|| view! {
                <dl class="rv-grades">
                    {grade_rows
                        .into_iter()
                        .map(|(label, a, note)| view! {
                            <div class="rv-grade-row">
                                <dt>{move || label()}</dt>
                                <dd>
                                    <strong class=format!("grade grade-{}", a.grade.as_str())>{move || assessment_label(&a)}</strong>
                                    {(!note.is_empty()).then(|| view! {
                                        <span class="rv-note">{move || t().rv_justification} ": " {note.clone()}</span>
                                    })}
                                </dd>
                            </div>
                        })
                        .collect_view()}
                </dl>
            })}
        </section>
    }
    .into_any()
}
