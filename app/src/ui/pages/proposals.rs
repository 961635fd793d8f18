//! The commendation proposals of a year (`/khen-thuong?nam=YEAR`): those the
//! caller's units made, those addressed to the levels where the caller
//! awards, and a form per proposing unit to start a new one. The new draft
//! opens on its own page, where its list is made.

use crate::api::commendations::{
    DECISIONS_PAGE, NewProposal, ProposalsData, ProposingUnit, proposal_lists,
};
use crate::domain::commendation::{Form, Occasion};
use crate::domain::commendation_records::ProposalRow;
use crate::domain::numfmt;
use crate::paths::{self, ProposalsQuery};
use crate::ui::commendation_text::{form_label, occasion_label};
use crate::ui::components::ErrorNotice;
use crate::ui::components::proposal_state::state_badge;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;
use strum::VariantArray;

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let query = paths::query::<ProposalsQuery>();
    let year = Memo::new(move |_| query.with(|q| q.year));
    let create = ServerAction::<NewProposal>::new();
    let page = page_resource(move || year.get(), proposal_lists);
    view! {
        <Title text=page_title(|s| s.kt_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Body page create/> }.into_any(),
                    Err(e) => view! {
                        <header class="page-header"><h1>{move || t().kt_title}</h1></header>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Body(page: ProposalsData, create: ServerAction<NewProposal>) -> impl IntoView {
    let ProposalsData {
        year,
        years,
        proposing,
        made,
        to_review,
    } = page;
    if proposing.is_empty() && made.is_empty() && to_review.is_empty() {
        return view! {
            <header class="page-header"><h1>{move || t().kt_title}</h1></header>
            <p class="notice">{move || t().kt_not_involved}</p>
            <p><a class="button" href=DECISIONS_PAGE>{move || t().kt_register_title}</a></p>
        }
        .into_any();
    }
    let year_links = (years.len() > 1).then(|| {
        view! {
            <nav class="rv-switch rv-years" aria-label=move || t().rv_years>
                <span class="rv-switch-label">{move || t().rv_years} ": "</span>
                <ul>
                    {years
                        .into_iter()
                        .map(|y| view! {
                            <li>
                                <a href=ProposalsQuery { year: Some(y) }.href() aria-current=(y == year).then_some("page")>{y}</a>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    let review = (!to_review.is_empty()).then(|| {
        view! {
            <section class="section" id="cho-xet">
                <h2>{move || t().kt_to_review}</h2>
                <ProposalTable rows=to_review/>
            </section>
        }
    });
    let new_forms = (!proposing.is_empty()).then(|| {
        view! {
            <section class="section" id="lap-de-nghi">
                <h2>{move || t().kt_new}</h2>
                <p class="muted">{move || t().kt_new_hint}</p>
                {move || create.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
                {proposing
                    .into_iter()
                    .map(|unit| view! { <NewProposalForm unit year action=create/> })
                    .collect_view()}
            </section>
        }
    });
    view! {
        <header class="page-header">
            <h1>{move || t().kt_title}</h1>
            <p class="subtitle">{move || fill(t().rv_year_n, &[("year", &year.to_string())])}</p>
        </header>
        {year_links}
        <p class="kt-links">
            <a href=DECISIONS_PAGE>{move || t().kt_register_title}</a> " · "
            <a href=paths::GOOD_MODELS_PAGE>{move || t().gm_title}</a> " · "
            <a href=paths::BADGES_PAGE>{move || t().hh_link}</a>
        </p>
        {review}
        <section class="section" id="da-lap">
            <h2>{move || t().kt_made}</h2>
            <ProposalTable rows=made/>
        </section>
        {new_forms}
    }
    .into_any()
}

/// Proposals as a table, each title linking to its page.
#[component]
pub(crate) fn ProposalTable(rows: Vec<ProposalRow>) -> impl IntoView {
    let locale = use_locale();
    if rows.is_empty() {
        return view! { <p class="muted">{move || t().kt_none}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data-table kt-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t().kt_col_content}</th>
                        <th scope="col">{move || t().kt_col_proposer}</th>
                        <th scope="col">{move || t().kt_col_issuer}</th>
                        <th scope="col">{move || t().kt_col_form}</th>
                        <th scope="col">{move || t().kt_col_count}</th>
                        <th scope="col">{move || t().kt_col_state}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let (form, occasion, n) = (r.form, r.occasion, r.nominees);
                            let awarder = r.awarder.map(|u| u.name);
                            view! {
                                <tr data-proposal=r.id.to_string()>
                                    <td>
                                        <a href=paths::proposal(r.id)>{r.title}</a>
                                        <br/>
                                        <small class="muted">{move || occasion_label(occasion)}</small>
                                    </td>
                                    <td>{r.proposer.name}</td>
                                    <td>{move || awarder.clone().unwrap_or_else(|| t().kt_province.to_string())}</td>
                                    <td>{move || form_label(form)}</td>
                                    <td class="num">{move || numfmt::count(n, locale.get())}</td>
                                    <td>{state_badge(r.state)}</td>
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

/// A new draft of one proposing unit: to whom, which occasion and form, a
/// title. The list is made on the draft's page.
#[component]
fn NewProposalForm(
    unit: ProposingUnit,
    year: i32,
    action: ServerAction<NewProposal>,
) -> impl IntoView {
    let ProposingUnit { unit, addressees } = unit;
    let busy = move || action.pending().get();
    view! {
        <ActionForm action attr:class="kt-new">
            <fieldset>
                <legend>{unit.name.clone()}</legend>
                <input type="hidden" name="unit" value=unit.code.clone()/>
                <input type="hidden" name="year" value=year.to_string()/>
                <label class="field">
                    <span class="field-label">{move || t().kt_field_to}</span>
                    <select name="to">
                        {addressees
                            .into_iter()
                            .map(|a| match a {
                                Some(u) => view! { <option value=u.code>{u.name}</option> }.into_any(),
                                None => view! { <option value="">{move || t().kt_province}</option> }.into_any(),
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{move || t().kt_field_occasion}</span>
                    <select name="occasion">
                        {Occasion::VARIANTS
                            .iter()
                            .map(|o| {
                                let o = *o;
                                view! { <option value=o.as_str() selected=o == Occasion::Yearly>{move || occasion_label(o)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{move || t().kt_field_form}</span>
                    <select name="form">
                        {Form::VARIANTS
                            .iter()
                            .map(|f| {
                                let f = *f;
                                view! { <option value=f.as_str() selected=f == Form::Certificate>{move || form_label(f)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{move || t().kt_field_title}</span>
                    <input type="text" name="title" required maxlength="300" placeholder=move || t().kt_title_placeholder/>
                </label>
                <button type="submit" class="button" disabled=busy>{move || t().kt_create}</button>
            </fieldset>
        </ActionForm>
    }
}
