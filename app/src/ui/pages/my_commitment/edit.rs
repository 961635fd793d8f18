//! The form that writes the undertakings, section by section.

use super::form_error;
use crate::api::commitments::{CommitmentView, SaveCommitment};
use crate::domain::commitment::Step;
use crate::domain::undertaking::Undertaking;
use crate::ui::commitment_text::{
    CommitmentError, commitment_error_text, kept_as_draft, problem_section, roman,
};
use crate::ui::i18n::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The undertakings of one section, one a line (the form's text).
pub(super) fn section_text(items: &[Undertaking], section: usize) -> String {
    items
        .iter()
        .filter(|u| u.section == section)
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The undertakings, a textarea per section, saved or submitted.
#[component]
pub(super) fn EditForm(v: CommitmentView, save: ServerAction<SaveCommitment>) -> impl IntoView {
    let year = v.year.year;
    let version = v.commitment.as_ref().map_or(0, |c| c.version);
    let items = v
        .commitment
        .as_ref()
        .map(|c| c.items.clone())
        .unwrap_or_default();
    let sections = v.year.sections.clone();
    let can_submit = v.steps.contains(&Step::Submit);
    let error = move || form_error(save.value().get(), SaveCommitment::PATH);
    let error_sections = sections.clone();
    view! {
        <section class="section cm-edit" aria-labelledby="cm-edit-title">
            <h2 id="cm-edit-title">{move || t().cm_undertakings}</h2>
            <p class="muted cm-intro">{move || t().cm_edit_intro}</p>
            {move || error().map(|e| {
                // A refused submission was kept as a draft.
                let kept = kept_as_draft(&e);
                view! {
                    {kept.then(|| view! { <p class="cm-kept">{move || t().cm_saved_not_submitted}</p> })}
                    <CommitmentError error=e sections=error_sections.clone()/>
                }
            })}
            <ActionForm action=save attr:class="form cm-form">
                <input type="hidden" name="year" value=year/>
                <input type="hidden" name="version" value=version/>
                {sections
                    .iter()
                    .enumerate()
                    .map(|(i, title)| {
                        let id = format!("cm-section-{i}");
                        let help = format!("cm-section-{i}-help");
                        let err_id = format!("cm-section-{i}-error");
                        let text = section_text(&items, i);
                        let rows = (text.lines().count() + 2).clamp(3, 12);
                        let sections = sections.clone();
                        let wrong = move || error().filter(|e| problem_section(e) == Some(i));
                        let described = {
                            let (help, err_id) = (help.clone(), err_id.clone());
                            move || {
                                if wrong().is_some() { format!("{help} {err_id}") } else { help.clone() }
                            }
                        };
                        view! {
                            <div class="field cm-field">
                                <label class="field-label" for=id.clone()>
                                    {roman(i + 1)} ". " {title.clone()}
                                </label>
                                <textarea
                                    id=id
                                    name=format!("sections[{i}]")
                                    rows=rows
                                    aria-describedby=described
                                    aria-invalid=move || wrong().is_some().then_some("true")
                                >
                                    {text}
                                </textarea>
                                <p class="field-help" id=help>{move || t().cm_one_per_line}</p>
                                {move || wrong().map(|e| view! {
                                    <p class="field-error" id=err_id.clone()>{commitment_error_text(&e, &sections)}</p>
                                })}
                            </div>
                        }
                    })
                    .collect_view()}
                <div class="cm-buttons">
                    <button type="submit" class="button button-quiet" disabled=move || save.pending().get()>
                        {move || t().cm_save_draft}
                    </button>
                    {can_submit.then(|| view! {
                        <button type="submit" class="button" name="submit" value="1" disabled=move || save.pending().get()>
                            {move || t().cm_submit}
                        </button>
                    })}
                </div>
            </ActionForm>
        </section>
    }
}
