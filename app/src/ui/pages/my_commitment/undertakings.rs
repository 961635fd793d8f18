//! The undertakings as filed, by section.

use crate::api::commitments::CommitmentView;
use crate::domain::numfmt;
use crate::domain::undertaking::Undertaking;
use crate::ui::commitment_text::{result_label, roman};
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

/// The undertakings read-only, by section, numbered, with their results.
#[component]
pub(super) fn Undertakings(v: CommitmentView) -> impl IntoView {
    let locale = use_locale();
    let Some(c) = v.commitment.clone() else {
        let year = v.year.year;
        let filing = v.year.deadlines.filing;
        let passed = v.today > filing;
        return view! {
            <section class="section cm-items">
                <h2>{move || t().cm_undertakings}</h2>
                <p class="muted">
                    {move || {
                        if passed {
                            fill(t().cm_not_started_closed, &[
                                ("year", &year.to_string()),
                                ("date", &numfmt::date(filing, locale.get())),
                            ])
                        } else {
                            t().cm_not_started_text.to_string()
                        }
                    }}
                </p>
            </section>
        }
        .into_any();
    };
    view! {
        <section class="section cm-items">
            <h2>{move || t().cm_undertakings}</h2>
            <ItemList sections=v.year.sections.clone() items=c.items/>
            {(!c.mid_year_note.is_empty()).then(|| view! {
                <div class="cm-note">
                    <h3>{move || t().cm_mid_year_title}</h3>
                    <p class="cm-pre">{c.mid_year_note.clone()}</p>
                </div>
            })}
        </section>
    }
    .into_any()
}

/// Sections with their numbered undertakings (and results, once assessed).
#[component]
pub fn ItemList(sections: Vec<String>, items: Vec<Undertaking>) -> impl IntoView {
    sections
        .into_iter()
        .enumerate()
        .map(|(i, title)| {
            let mine: Vec<Undertaking> = items.iter().filter(|u| u.section == i).cloned().collect();
            view! {
                <div class="cm-section">
                    <h3>{roman(i + 1)} ". " {title}</h3>
                    {if mine.is_empty() {
                        view! { <p class="muted">{move || t().cm_section_empty}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="cm-list">
                                {mine
                                    .into_iter()
                                    .map(|u| {
                                        let result = u.result;
                                        view! {
                                            <li>
                                                <span class="cm-text">{u.text}</span>
                                                {result.map(|r| view! {
                                                    " "
                                                    <span class=format!("badge result result-{}", r.as_str())>
                                                        {move || result_label(r)}
                                                    </span>
                                                })}
                                                {(!u.result_note.is_empty()).then(|| view! {
                                                    <p class="cm-result-note">{u.result_note.clone()}</p>
                                                })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        }
                        .into_any()
                    }}
                </div>
            }
        })
        .collect_view()
}
