//! A commendation decision's print view (`/in/quyet-dinh/{id}`): one A4
//! document in the Party's layout — the level above and the issuing
//! committee top left with the number, the Party's name, the place and date
//! top right, the title, the grounds, the articles, the recipients of
//! copies and the signature block ("T/M …", position, name) — then the
//! list of those commended. The page itself is what is printed; the Print
//! button, once the WASM runs, only opens the browser's dialog.

use crate::api::commendations::DecisionView;
use crate::domain::commendation::{Awarder, rules_in_force};
use crate::domain::commendation_records::Nominee;
use crate::domain::decision::{committee_name, issuing_body, on_behalf_of};
use crate::ui::commendation_text::form_label;
use crate::ui::components::PrintTools;
use crate::ui::components::decision_paper::decision_paper;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DecisionPrintPage() -> impl IntoView {
    decision_paper(|v| view! { <Document v/> }.into_any())
}

#[component]
fn Document(v: DecisionView) -> impl IntoView {
    let DecisionView {
        decision: d,
        recipients,
        proposal_id: _,
        issuer_above,
        proposer,
    } = v;
    let issuer = match &d.issuer {
        Some(u) => Awarder::Unit(u.kind),
        None => Awarder::Province,
    };
    let issuer_name = d
        .issuer
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_else(|| t().kt_province.to_string());
    let day = d.decided_on;
    let locale = use_locale();
    let date_line = move || {
        fill(
            t().cm_print_date,
            &[
                ("d", &format!("{:02}", day.day())),
                ("m", &format!("{:02}", day.month())),
                ("y", &day.year().to_string()),
                ("date", &crate::domain::numfmt::date(day, locale.get())),
            ],
        )
    };
    let (form, n, year) = (d.form, recipients.len(), d.year);
    let citation = rules_in_force(year).citation();
    let title = d.title.clone();
    let rows = recipients
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let (name, place) = match r.nominee {
                Nominee::Member {
                    full_name, cell, ..
                } => (format!("{} {full_name}", t().kt_print_comrade), cell.name),
                Nominee::Unit { unit, .. } => (unit.name, String::new()),
            };
            view! {
                <tr>
                    <td class="num">{i + 1}</td>
                    <td>{name}</td>
                    <td>{place}</td>
                </tr>
            }
        })
        .collect_view();
    let number = d.number.clone();
    view! {
        <Title text=page_title(move |s| format!("{} {number}", s.kt_decision_word))/>
        <PrintTools back=crate::paths::decision(d.id) back_label=|| t().kt_print_back hint=|| t().kt_print_hint/>
        <article class="cm-paper kt-paper" lang="vi">
            <header class="cm-paper-head">
                <div class="cm-paper-org">
                    {issuer_above.map(|u| view! { <p class="cm-paper-above">{u}</p> })}
                    <p class="cm-paper-cell"><strong>{committee_name(&issuer_name)}</strong></p>
                    <p class="cm-paper-star" aria-hidden="true">"*"</p>
                    <p class="kt-paper-number">{move || t().kt_print_number} " " {d.number.clone()}</p>
                </div>
                <div class="cm-paper-party">
                    <p><strong class="cm-underline">{move || t().cm_print_party}</strong></p>
                    <p class="cm-paper-date"><em>{date_line}</em></p>
                </div>
            </header>
            <h1 class="cm-paper-title">
                {move || t().kt_print_decision}
                <br/>
                <span class="kt-paper-about">{move || fill(t().kt_print_about, &[("title", &title)])}</span>
            </h1>
            <p class="kt-paper-body-head"><strong>{issuing_body(issuer, &issuer_name)}</strong></p>
            <ul class="kt-paper-grounds">
                <li>{move || t().kt_print_ground_charter}</li>
                <li>{move || fill(t().kt_print_ground_rules, &[("rules", citation)])}</li>
                <li>{move || fill(t().kt_print_ground_proposal, &[("proposer", &proposer)])}</li>
            </ul>
            <p class="kt-paper-decides"><strong>{move || t().kt_print_decides}</strong></p>
            <p class="kt-paper-article">
                <strong>{move || t().kt_print_article_1}</strong> " "
                {move || fill(t().kt_print_article_1_text, &[("form", form_label(form)), ("n", &n.to_string())])}
            </p>
            <p class="kt-paper-article">
                <strong>{move || t().kt_print_article_2}</strong> " " {move || t().kt_print_article_2_text}
            </p>
            <p class="kt-paper-article">
                <strong>{move || t().kt_print_article_3}</strong> " " {move || t().kt_print_article_3_text}
            </p>
            <div class="cm-paper-signatures">
                <div class="kt-paper-copies">
                    <p><strong><em>{move || t().kt_print_copies}</em></strong></p>
                    <p>{move || t().kt_print_copies_1}</p>
                    <p>{move || t().kt_print_copies_2}</p>
                </div>
                <div class="kt-paper-sign">
                    <p><strong>{on_behalf_of(issuer)}</strong></p>
                    <p><strong>{d.signer_position.printed()}</strong></p>
                    <p class="kt-paper-sign-space" aria-hidden="true"></p>
                    <p><strong>{d.signer_name.clone()}</strong></p>
                </div>
            </div>
            <section class="kt-paper-list">
                <h2>{move || t().kt_print_list}</h2>
                <p class="cm-paper-theme">
                    <em>{move || fill(t().kt_print_list_of, &[("number", &d.number)])}</em>
                </p>
                <table class="print-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().kt_print_col_no}</th>
                            <th scope="col">{move || t().kt_col_nominee}</th>
                            <th scope="col">{move || t().kt_print_col_unit}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        </article>
    }
}
