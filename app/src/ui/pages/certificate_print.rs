//! A decision's certificates in the browser (`/in/giay-khen/{id}`): one A4
//! landscape sheet per recipient, laid out as the server's PDF lays them
//! (the Party's name and the issuing committee, "GIẤY KHEN", the recipient,
//! the achievement, the decision's number and the signature block), for a
//! committee that prints on its own paper. The sheets are the page; the
//! Print button, once the WASM runs, only opens the browser's dialog.

use crate::api::commendations::DecisionView;
use crate::domain::certificate;
use crate::domain::commendation::{Awarder, Form};
use crate::domain::decision::{issuing_body, on_behalf_of};
use crate::ui::components::PrintTools;
use crate::ui::components::decision_paper::decision_paper;
use crate::ui::i18n::{page_title, t};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CertificatePrintPage() -> impl IntoView {
    decision_paper(|v| view! { <Sheets v/> }.into_any())
}

#[component]
fn Sheets(v: DecisionView) -> impl IntoView {
    let d = v.decision;
    let number = d.number.clone();
    let tools = view! {
        <Title text=page_title(move |s| format!("{} · {number}", s.kt_cert_title))/>
        <PrintTools back=crate::paths::decision(d.id) back_label=|| t().kt_print_back hint=|| t().kt_cert_hint/>
    };
    if d.form != Form::Certificate {
        return view! {
            {tools}
            <p class="notice" role="status">{move || t().kt_cert_not_certificate}</p>
        }
        .into_any();
    }
    let issuer = match &d.issuer {
        Some(u) => Awarder::Unit(u.kind),
        None => Awarder::Province,
    };
    let issuer_name = d
        .issuer
        .as_ref()
        .map_or(certificate::PROVINCE, |u| u.name.as_str());
    let body = issuing_body(issuer, issuer_name);
    let total = v.recipients.len();
    let sheets = v
        .recipients
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let c = certificate::certificate(&d, r, i, total);
            view! {
                <article class="gk-sheet" lang="vi">
                    <p class="gk-party"><strong>{certificate::PARTY}</strong></p>
                    <p class="gk-body"><strong>{body.clone()}</strong></p>
                    <p class="gk-give">{certificate::GIVES}</p>
                    <h1 class="gk-title">{certificate::TITLE}</h1>
                    <p class="gk-who">{c.who}</p>
                    {(!c.place.is_empty()).then(|| view! { <p class="gk-place"><em>{c.place}</em></p> })}
                    <p class="gk-achievements"><em>{c.achievements}</em></p>
                    <div class="gk-foot">
                        <div class="gk-decision">
                            <p>{c.decision}</p>
                            <p>{c.entry}</p>
                        </div>
                        <div class="gk-sign">
                            <p><em>{c.date_line}</em></p>
                            <p><strong>{on_behalf_of(issuer)}</strong></p>
                            <p><strong>{d.signer_position.printed()}</strong></p>
                            <p class="gk-sign-space" aria-hidden="true"></p>
                            <p><strong>{d.signer_name.clone()}</strong></p>
                        </div>
                    </div>
                </article>
            }
        })
        .collect_view();
    view! {
        {tools}
        <div class="gk-sheets" data-sheets=total.to_string()>{sheets}</div>
    }
    .into_any()
}
