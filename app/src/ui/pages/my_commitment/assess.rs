//! The mid-year step and the year-end self-assessment.

use super::form_error;
use crate::api::commitments::{CommitmentStep, CommitmentView, SelfAssess};
use crate::domain::commitment::{CommitmentState, Step};
use crate::domain::grading::{Grade, uses_points};
use crate::domain::numfmt;
use crate::domain::records::CommitmentRecord;
use crate::domain::undertaking::{ItemResult, Undertaking};
use crate::paths::MyQuery;
use crate::ui::commitment_text::{
    CommitmentError, grade_label, problem_section, result_label, roman,
};
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The member's mid-year review.
#[component]
pub(super) fn MidYearForm(v: CommitmentView, step: ServerAction<CommitmentStep>) -> impl IntoView {
    let year = v.year.year;
    let version = v.commitment.as_ref().map_or(0, |c| c.version);
    let note = v
        .commitment
        .as_ref()
        .map(|c| c.mid_year_note.clone())
        .unwrap_or_default();
    let sections = v.year.sections.clone();
    let error = move || form_error(step.value().get(), CommitmentStep::PATH);
    view! {
        <section class="section cm-mid-year" aria-labelledby="cm-mid-year-title">
            <h2 id="cm-mid-year-title">{move || t().cm_mid_year_title}</h2>
            <p class="muted">{move || t().cm_mid_year_hint}</p>
            {move || error().map(|e| view! { <CommitmentError error=e sections=sections.clone()/> })}
            <ActionForm action=step attr:class="form cm-form">
                <input type="hidden" name="step" value=Step::MidYearReview.as_str()/>
                <input type="hidden" name="year" value=year/>
                <input type="hidden" name="member" value=v.member.member_id/>
                <input type="hidden" name="version" value=version/>
                <input type="hidden" name="back" value=MyQuery { year: Some(year) }.href()/>
                <div class="field">
                    <label class="field-label" for="cm-mid-year-note">{move || t().cm_mid_year_note}</label>
                    <textarea id="cm-mid-year-note" name="note" rows="5" required>{note}</textarea>
                </div>
                <div class="cm-buttons">
                    <button type="submit" class="button" disabled=move || step.pending().get()>
                        {move || t().cm_mid_year_save}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

/// The year-end self-assessment: a result per undertaking, then the grade
/// (or points) proposed and its justification.
#[component]
pub(super) fn SelfAssessForm(v: CommitmentView, assess: ServerAction<SelfAssess>) -> impl IntoView {
    let year = v.year.year;
    let points = uses_points(v.year.rule_set);
    let record: Option<CommitmentRecord> = v.commitment.clone();
    let version = record.as_ref().map_or(0, |c| c.version);
    let items = record.as_ref().map(|c| c.items.clone()).unwrap_or_default();
    let own = record.as_ref().and_then(|c| c.self_assessment);
    let own_note = record
        .as_ref()
        .map(|c| c.self_note.clone())
        .unwrap_or_default();
    let sections = v.year.sections.clone();
    let error_sections = sections.clone();
    let error = move || form_error(assess.value().get(), SelfAssess::PATH);
    // Early in the year the form waits, folded, until the member opens it.
    let locale = use_locale();
    let due = v.year.deadlines.self_assessment;
    let open = v.today > v.year.deadlines.mid_year
        || matches!(
            record.as_ref().map(|c| c.state),
            Some(CommitmentState::MidYearReviewed | CommitmentState::SelfAssessed)
        )
        || error().is_some();
    let wrong_section = move |s: usize| error().filter(|e| problem_section(e) == Some(s)).is_some();
    let grade_control = if points {
        let value = own
            .and_then(|a| a.points)
            .map(|p| p.to_string())
            .unwrap_or_default();
        view! {
            <div class="field">
                <label class="field-label" for="cm-points">{move || t().cm_points_label}</label>
                <input
                    id="cm-points"
                    type="number"
                    name="points"
                    min="0"
                    max="100"
                    step="1"
                    inputmode="numeric"
                    required
                    value=value
                    aria-describedby="cm-points-help"
                />
                <p class="field-help" id="cm-points-help">{move || t().cm_points_hint}</p>
            </div>
        }
        .into_any()
    } else {
        let chosen = own.map(|a| a.grade);
        view! {
            <div class="field">
                <label class="field-label" for="cm-grade">{move || t().cm_proposed_grade}</label>
                <select id="cm-grade" name="grade" required>
                    <option value="" selected=chosen.is_none()>{move || t().cm_choose}</option>
                    {Grade::ALL
                        .into_iter()
                        .map(|g| view! {
                            <option value=g.as_str() selected=chosen == Some(g)>{move || grade_label(g)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="section cm-assess" aria-labelledby="cm-assess-title">
            <details class="cm-later" open=open>
            <summary>
                <h2 id="cm-assess-title">{move || t().cm_self_title}</h2>
                <span class="muted">
                    {move || fill(t().cm_due, &[("date", &numfmt::date(due, locale.get()))])}
                </span>
            </summary>
            <p class="muted">{move || t().cm_self_hint}</p>
            {move || error().map(|e| view! { <CommitmentError error=e sections=error_sections.clone()/> })}
            <ActionForm action=assess attr:class="form cm-form">
                <input type="hidden" name="year" value=year/>
                <input type="hidden" name="version" value=version/>
                {sections
                    .iter()
                    .enumerate()
                    .filter(|(s, _)| items.iter().any(|u| u.section == *s))
                    .map(|(s, title)| {
                        let rows = items
                            .iter()
                            .enumerate()
                            .filter(|(_, u)| u.section == s)
                            .map(|(i, u)| (i, u.clone()))
                            .collect::<Vec<_>>();
                        view! {
                            <fieldset class="cm-assess-section" class:invalid=move || wrong_section(s)>
                                <legend>{roman(s + 1)} ". " {title.clone()}</legend>
                                <ol class="cm-list">
                                    {rows
                                        .into_iter()
                                        .map(|(i, u)| view! { <AssessItem i u/> })
                                        .collect_view()}
                                </ol>
                            </fieldset>
                        }
                    })
                    .collect_view()}
                {grade_control}
                <div class="field">
                    <label class="field-label" for="cm-justification">{move || t().cm_justification}</label>
                    <textarea id="cm-justification" name="note" rows="5" required>{own_note}</textarea>
                </div>
                <div class="cm-buttons">
                    <button type="submit" class="button" disabled=move || assess.pending().get()>
                        {move || t().cm_self_save}
                    </button>
                </div>
            </ActionForm>
            </details>
        </section>
    }
}

/// One undertaking's result and note (`results[i]`, `notes[i]`).
#[component]
pub(super) fn AssessItem(i: usize, u: Undertaking) -> impl IntoView {
    let chosen = u.result;
    let select_id = format!("cm-result-{i}");
    let note_id = format!("cm-note-{i}");
    view! {
        <li class="cm-assess-item">
            <p class="cm-text">{u.text}</p>
            <div class="cm-assess-controls">
                <div class="field">
                    <label class="field-label" for=select_id.clone()>{move || t().cm_result}</label>
                    <select id=select_id name=format!("results[{i}]") required>
                        <option value="" selected=chosen.is_none()>{move || t().cm_choose}</option>
                        {ItemResult::ALL
                            .into_iter()
                            .map(|r| view! {
                                <option value=r.as_str() selected=chosen == Some(r)>{move || result_label(r)}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for=note_id.clone()>{move || t().cm_result_note}</label>
                    <input id=note_id type="text" name=format!("notes[{i}]") value=u.result_note maxlength="2000"/>
                </div>
            </div>
        </li>
    }
}
