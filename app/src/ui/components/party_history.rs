//! A member's disciplines and periods outside the Party (`#ky-luat` on
//! their page: both keep or delay a Party badge), with the forms that
//! record them for those who keep members' records.

use crate::api::badges::{AddDiscipline, AddGap};
use crate::domain::badge::{Discipline, DisciplineEntry, GapEntry};
use crate::domain::numfmt;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;
use strum::VariantArray;

pub fn discipline_label(d: Discipline) -> &'static str {
    match d {
        Discipline::Reprimand => t().hh_discipline_reprimand,
        Discipline::Warning => t().hh_discipline_warning,
        Discipline::RemovalFromPost => t().hh_discipline_removal_from_post,
    }
}

#[component]
pub fn PartyHistory(
    member: i64,
    disciplines: Vec<DisciplineEntry>,
    gaps: Vec<GapEntry>,
    can_change: bool,
    discipline: ServerAction<AddDiscipline>,
    gap: ServerAction<AddGap>,
) -> impl IntoView {
    let locale = use_locale();
    if !can_change && disciplines.is_empty() && gaps.is_empty() {
        return ().into_any();
    }
    let saved = crate::ui::flags::redirect_flag("da-ghi");
    let date = move |d: chrono::NaiveDate| numfmt::date(d, locale.get());
    let none = disciplines.is_empty() && gaps.is_empty();
    let items = disciplines
        .into_iter()
        .map(|d| {
            let (on, form) = (d.decided_on, d.form);
            view! {
                <li data-discipline=form.as_str()>
                    {move || fill(t().hh_discipline_item, &[("form", discipline_label(form)), ("date", date(on).as_str())])}
                    {(!d.note.is_empty()).then(|| view! { " — " {d.note} })}
                </li>
            }
        })
        .collect_view();
    let gap_items = gaps
        .into_iter()
        .map(|g| {
            let (from, to) = (g.gap.from, g.gap.to);
            view! {
                <li data-gap="">
                    {move || fill(t().hh_gap_item, &[("from", date(from).as_str()), ("to", date(to).as_str())])}
                    {(!g.note.is_empty()).then(|| view! { " — " {g.note} })}
                </li>
            }
        })
        .collect_view();
    let forms = can_change.then(|| {
        view! {
            <div class="hh-history-forms">
                <ActionForm action=discipline attr:class="hh-discipline">
                    <h3>{move || t().hh_add_discipline}</h3>
                    <input type="hidden" name="member" value=member.to_string()/>
                    <label class="field">
                        <span class="field-label">{move || t().hh_field_discipline}</span>
                        <select name="form" required>
                            {Discipline::VARIANTS
                                .iter()
                                .map(|d| {
                                    let d = *d;
                                    view! { <option value=d.as_str()>{move || discipline_label(d)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().hh_field_decided_on}</span>
                        <input type="date" name="date" required/>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().hh_field_note}</span>
                        <input type="text" name="note" maxlength="500"/>
                    </label>
                    <button type="submit" class="button button-quiet" disabled=move || discipline.pending().get()>
                        {move || t().hh_add_discipline}
                    </button>
                </ActionForm>
                <ActionForm action=gap attr:class="hh-gap">
                    <h3>{move || t().hh_add_gap}</h3>
                    <input type="hidden" name="member" value=member.to_string()/>
                    <label class="field">
                        <span class="field-label">{move || t().hh_field_from}</span>
                        <input type="date" name="from" required/>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().hh_field_to}</span>
                        <input type="date" name="to" required/>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().hh_field_note}</span>
                        <input type="text" name="note" maxlength="500"/>
                    </label>
                    <button type="submit" class="button button-quiet" disabled=move || gap.pending().get()>
                        {move || t().hh_add_gap}
                    </button>
                </ActionForm>
            </div>
        }
    });
    view! {
        <section class="section" id="ky-luat">
            <h2>{move || t().hh_history_title}</h2>
            {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().hh_saved}</p> })}
            {none.then(|| view! { <p class="muted">{move || t().hh_history_none}</p> })}
            <ul class="hh-history">{items}{gap_items}</ul>
            <p class="muted">{move || t().hh_history_note}</p>
            {forms}
        </section>
    }
    .into_any()
}
