//! The grades of the member's year: self-assessed, proposed, decided.

use crate::domain::records::CommitmentRecord;
use crate::domain::undertaking::Assessment;
use crate::ui::commitment_text::assessment_label;
use crate::ui::i18n::t;
use leptos::prelude::*;

/// One grade of the commitment: whose, what, why.
pub(super) struct GradeRow {
    label: fn() -> &'static str,
    assessment: Assessment,
    note: String,
    key: &'static str,
}

/// The self-assessment, the cell's proposal and the final grade, when there.
#[component]
pub(super) fn Grades(c: CommitmentRecord) -> impl IntoView {
    let rows: Vec<GradeRow> = [
        (
            (|| t().cm_self_assessment) as fn() -> &'static str,
            c.self_assessment,
            c.self_note.clone(),
            "self",
        ),
        (
            || t().cm_cell_proposal,
            c.proposed,
            c.proposed_note.clone(),
            "proposed",
        ),
        (
            || t().cm_final_grade,
            c.decided,
            c.decided_note.clone(),
            "decided",
        ),
    ]
    .into_iter()
    .filter_map(|(label, a, note, key)| {
        a.map(|assessment| GradeRow {
            label,
            assessment,
            note,
            key,
        })
    })
    .collect();
    if rows.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="section cm-grades">
            <h2>{move || t().cm_assessments}</h2>
            <dl class="facts cm-grade-list">
                {rows
                    .into_iter()
                    .map(|row| {
                        let GradeRow { label, assessment, note, key } = row;
                        view! {
                            <div class=format!("fact cm-grade-{key}")>
                                <dt>{move || label()}</dt>
                                <dd>
                                    <strong>{move || assessment_label(&assessment)}</strong>
                                    {(!note.is_empty()).then(|| view! { <p class="cm-grade-note">{note.clone()}</p> })}
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>
    }
    .into_any()
}
