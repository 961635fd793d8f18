//! The commendations a member or an organisation received, for their pages.

use crate::domain::commendation_records::AwardRow;
use crate::domain::numfmt;
use crate::ui::commendation_text::form_label;
use crate::ui::i18n::{t, use_locale};
use leptos::prelude::*;

#[component]
pub fn Awards(awards: Vec<AwardRow>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="section" id="khen-thuong">
            <h2>{move || t().kt_awards_title}</h2>
            {if awards.is_empty() {
                view! { <p class="muted">{move || t().kt_awards_none}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table">
                            <thead>
                                <tr>
                                    <th scope="col">{move || t().kt_col_decision}</th>
                                    <th scope="col">{move || t().kt_col_date}</th>
                                    <th scope="col">{move || t().kt_col_issuer}</th>
                                    <th scope="col">{move || t().kt_col_form}</th>
                                    <th scope="col">{move || t().kt_col_content}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {awards
                                    .into_iter()
                                    .map(|a| {
                                        let (day, form) = (a.decision.decided_on, a.form);
                                        let number = a.decision.number;
                                        let key = number.clone();
                                        let href = format!(
                                            "{}/{}",
                                            crate::api::commendations::DECISIONS_PAGE,
                                            a.decision.id
                                        );
                                        // The province's decisions have no unit of the app.
                                        let issuer = a.issuer.map(|u| u.name);
                                        view! {
                                            <tr data-decision=key>
                                                <td class="nowrap"><a href=href>{number}</a></td>
                                                <td class="nowrap">{move || numfmt::date(day, locale.get())}</td>
                                                <td>{move || issuer.clone().unwrap_or_else(|| t().kt_province.to_string())}</td>
                                                <td>{move || form_label(form)}</td>
                                                <td>{a.title}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// The Party badges a member was awarded, for their page.
#[component]
pub fn Badges(badges: Vec<crate::domain::badge::Awarded>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="section" id="huy-hieu">
            <h2>{move || t().hh_title}</h2>
            {if badges.is_empty() {
                view! { <p class="muted">{move || t().hh_member_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="hh-awarded">
                        {badges
                            .into_iter()
                            .map(|b| {
                                let (m, day) = (b.milestone, b.award_date);
                                view! {
                                    <li data-milestone=m.to_string()>
                                        <strong>{move || crate::ui::i18n::fill(t().hh_milestone, &[("n", &m.to_string())])}</strong>
                                        " · " {move || numfmt::date(day, locale.get())}
                                        " · " {b.decision_number}
                                        {(!b.badge_number.is_empty()).then(|| view! { " · " {b.badge_number} })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
