//! The decision register (`/quyet-dinh-khen-thuong?nam=&q=&trang=`): every
//! commendation decision the caller may read, newest first, searchable by
//! number, title or recipient (diacritics ignored); and one decision
//! (`/quyet-dinh-khen-thuong/{id}`) with its recipients.

use crate::api::commendations::{
    DECISIONS_PAGE, DecisionView, DecisionsData, PROPOSALS_PAGE, decision_register,
};
use crate::domain::commendation::Form;
use crate::domain::commendation_records::{DecisionRow, Nominee};
use crate::domain::numfmt;
use crate::paths::{self, DecisionsQuery};
use crate::ui::commendation_text::{form_label, occasion_label, position_label};
use crate::ui::components::ErrorNotice;
use crate::ui::components::decision_paper::decision_resource;
use crate::ui::components::nominee::{cited_model, nominee_name};
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;

/// The register at `page` (the first page's address has none).
fn register_link(q: &DecisionsQuery, page: i64) -> String {
    DecisionsQuery {
        page: paths::page_number(page),
        ..q.clone()
    }
    .href()
}

/// The register as XLSX, with the same year and search.
fn register_xlsx(q: &DecisionsQuery) -> String {
    DecisionsQuery {
        page: None,
        ..q.clone()
    }
    .href_at("/xuat/quyet-dinh-khen-thuong.xlsx")
}

#[component]
pub fn DecisionsPage() -> impl IntoView {
    // Out of range is answered by the server, not clamped here.
    let q = paths::query::<DecisionsQuery>();
    let page = page_resource(
        move || q.get(),
        |q| decision_register(q.year, q.q, Some(q.page.unwrap_or(1))),
    );
    view! {
        <Title text=page_title(|s| s.kt_register_title.into())/>
        <header class="page-header">
            <p class="breadcrumb"><a href=PROPOSALS_PAGE>{move || t().kt_title}</a></p>
            <h1>{move || t().kt_register_title}</h1>
        </header>
        <form method="get" action=DECISIONS_PAGE class="kt-search" role="search">
            <label class="field">
                <span class="field-label">{move || t().kt_register_search}</span>
                <input type="search" name="q" maxlength="200" value=move || q.with(|q| q.q.clone().unwrap_or_default())/>
            </label>
            <label class="field">
                <span class="field-label">{move || t().kt_field_year}</span>
                <input
                    type="number"
                    name="nam"
                    min="2000"
                    max="2100"
                    value=move || q.with(|q| q.year.map(|y| y.to_string()).unwrap_or_default())
                />
            </label>
            <button type="submit" class="button button-quiet">{move || t().kt_search}</button>
        </form>
        <p>
            <a class="button button-quiet" href=move || q.with(register_xlsx) download>
                {move || t().kt_register_xlsx}
            </a>
        </p>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || {
                let query = q.get();
                Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Register page query/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Register(page: DecisionsData, query: DecisionsQuery) -> impl IntoView {
    let locale = use_locale();
    let DecisionsData { rows, page, more } = page;
    if rows.is_empty() {
        return view! { <p class="muted">{move || t().kt_register_none}</p> }.into_any();
    }
    let prev = (page > 1).then(|| register_link(&query, page - 1));
    let next = more.then(|| register_link(&query, page + 1));
    view! {
        <div class="table-wrap">
            <table class="data-table kt-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t().kt_col_number}</th>
                        <th scope="col">{move || t().kt_col_date}</th>
                        <th scope="col">{move || t().kt_col_issuer}</th>
                        <th scope="col">{move || t().kt_col_form}</th>
                        <th scope="col">{move || t().kt_col_content}</th>
                        <th scope="col">{move || t().kt_col_count}</th>
                        <th scope="col">{move || t().kt_signer}</th>
                    </tr>
                </thead>
                <tbody>{rows.into_iter().map(|r| view! { <RegisterRow row=r/> }).collect_view()}</tbody>
            </table>
        </div>
        <nav class="pager" aria-label=move || t().kt_pages>
            {prev.map(|href| view! { <a href=href rel="prev">{move || t().kt_prev}</a> })}
            " " <span>{move || fill(t().kt_page_n, &[("n", &numfmt::count(page, locale.get()))])}</span> " "
            {next.map(|href| view! { <a href=href rel="next">{move || t().kt_next}</a> })}
        </nav>
    }
    .into_any()
}

#[component]
fn RegisterRow(row: DecisionRow) -> impl IntoView {
    let locale = use_locale();
    let (day, form, occasion, n) = (row.decided_on, row.form, row.occasion, row.recipients);
    let issuer = row.issuer.map(|u| u.name);
    let position = row.signer_position;
    view! {
        <tr data-decision=row.number.clone()>
            <td class="nowrap"><a href=paths::decision(row.id)>{row.number.clone()}</a></td>
            <td class="nowrap">{move || numfmt::date(day, locale.get())}</td>
            <td>{move || issuer.clone().unwrap_or_else(|| t().kt_province.to_string())}</td>
            <td>{move || form_label(form)}</td>
            <td>{row.title}<br/><small class="muted">{move || occasion_label(occasion)}</small></td>
            <td class="num">{move || numfmt::count(n, locale.get())}</td>
            <td>{row.signer_name}<br/><small class="muted">{move || position_label(position)}</small></td>
        </tr>
    }
}

#[component]
pub fn DecisionPage() -> impl IntoView {
    let page = decision_resource();
    view! {
        <Title text=page_title(|s| s.kt_register_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <Decision view/> }.into_any(),
                    Err(e) => view! {
                        <header class="page-header"><h1>{move || t().kt_register_title}</h1></header>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Decision(view: DecisionView) -> impl IntoView {
    let locale = use_locale();
    let DecisionView {
        decision: d,
        recipients,
        proposal_id,
        ..
    } = view;
    let (day, form, occasion, position) = (d.decided_on, d.form, d.occasion, d.signer_position);
    let issuer = d.issuer.clone().map(|u| u.name);
    let number = d.number.clone();
    let rows = recipients
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let (name, detail) = nominee_name(&r.nominee);
            let href = match &r.nominee {
                Nominee::Member { id, .. } => paths::member(*id),
                Nominee::Unit { unit, .. } => paths::unit(&unit.code),
            };
            let name = view! { <a href=href>{name}</a> };
            view! {
                <tr>
                    <td class="num">{i + 1}</td>
                    <td>{name}{(!detail.is_empty()).then(|| view! { <br/><small class="muted">{detail}</small> })}</td>
                    <td class="pre">{r.achievements}{cited_model(r.good_model_id)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=page_title(move |s| format!("{} · {number}", s.kt_register_title))/>
        <header class="page-header">
            <p class="breadcrumb"><a href=DECISIONS_PAGE>{move || t().kt_register_title}</a></p>
            <h1 data-decision=d.number.clone()>{move || t().kt_decision_word} " " {d.number.clone()}</h1>
            <p class="subtitle">{d.title.clone()}</p>
        </header>
        <p class="kt-buttons">
            <a class="button button-quiet" href=paths::decision_print(d.id)>{move || t().kt_print_link}</a>
            {(form == Form::Certificate).then(|| view! {
                <a class="button button-quiet" href=format!("/xuat/giay-khen/{}.pdf", d.id) download>
                    {move || t().kt_certificates_pdf}
                </a>
                <a class="button button-quiet" href=paths::certificate_print(d.id)>
                    {move || t().kt_cert_print_link}
                </a>
            })}
        </p>
        <dl class="kt-facts">
            <dt>{move || t().kt_col_issuer}</dt>
            <dd>{move || issuer.clone().unwrap_or_else(|| t().kt_province.to_string())}</dd>
            <dt>{move || t().kt_col_date}</dt>
            <dd>{move || numfmt::date(day, locale.get())}</dd>
            <dt>{move || t().kt_col_form}</dt>
            <dd>{move || form_label(form)} " · " {move || occasion_label(occasion)}</dd>
            <dt>{move || t().kt_signer}</dt>
            <dd>{d.signer_name.clone()} " (" {move || position_label(position)} ")"</dd>
            {proposal_id.map(|p| view! {
                <dt>{move || t().kt_dossier}</dt>
                <dd><a href=paths::proposal(p)>{move || t().kt_dossier_link}</a></dd>
            })}
        </dl>
        <section class="section" id="danh-sach">
            <h2>{move || t().kt_recipients} " (" {move || numfmt::count(d.recipients, locale.get())} ")"</h2>
            <div class="table-wrap">
                <table class="data-table kt-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{move || t().kt_col_nominee}</th>
                            <th scope="col">{move || t().kt_field_achievements}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
