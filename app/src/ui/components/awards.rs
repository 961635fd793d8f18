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
