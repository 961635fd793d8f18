//! A commitment's print view (`/in/cam-ket?nam=&dang-vien=`): one A4 page
//! laid out as the paper form members sign — the committee and cell top
//! left, the Party's name top right, the place and date, the title, the
//! member, the sections in roman numerals with their undertakings, and the
//! two signature blocks. The page itself is what is printed (the site's
//! header and footer are not); the Print button, once the WASM runs, only
//! opens the browser's dialog.

use crate::api::ApiError;
use crate::api::commitments::{CommitmentView, commitment_of};
use crate::api::org::unit_page;
use crate::domain::numfmt;
use crate::domain::org::UnitRef;
use crate::domain::undertaking::Undertaking;
use crate::paths::{self, CommitmentPrintQuery, MyQuery, ReviewQuery};
use crate::ui::CurrentUser;
use crate::ui::commitment_text::roman;
use crate::ui::components::{ErrorNotice, PrintTools};
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::page_resource;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CommitmentPrintPage() -> impl IntoView {
    let query = paths::query::<CommitmentPrintQuery>();
    let data = page_resource(
        move || query.with(|q| (q.year, q.member)),
        |(year, member)| async move {
            let (Some(year), Some(member)) = (year, member) else {
                return Err(ApiError::NotFound);
            };
            let view = commitment_of(year, member).await?;
            // The unit above the cell, for the form's heading.
            let above = unit_page(view.member.cell_code.clone(), None, None, None, None, None)
                .await
                .ok()
                .and_then(|u| u.trail.last().cloned());
            Ok((view, above))
        },
    );
    let me = expect_context::<CurrentUser>().0;
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                let result = data.await;
                let username = me.await.ok().flatten().map(|m| m.username).unwrap_or_default();
                match result {
                    Ok((v, above)) => {
                        let own = v.member.card_number == username;
                        view! { <Sheet v above own/> }.into_any()
                    }
                    Err(e) => view! { <Title text=page_title(|s| s.cm_print_title.into())/><ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Vietnam's calendar date of an instant (UTC+7).
fn local_date(at: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    (at + chrono::Duration::hours(7)).date_naive()
}

#[component]
fn Sheet(v: CommitmentView, above: Option<UnitRef>, own: bool) -> impl IntoView {
    let locale = use_locale();
    let year = v.year.year;
    let member = v.member.clone();
    let back = if own {
        MyQuery { year: Some(year) }.href()
    } else {
        ReviewQuery {
            cell: Some(member.cell_code.clone()),
            year: Some(year),
            member: Some(member.member_id),
            ..ReviewQuery::default()
        }
        .href()
    };
    let items: Vec<Undertaking> = v
        .commitment
        .as_ref()
        .map(|c| c.items.clone())
        .unwrap_or_default();
    let signed = v
        .commitment
        .as_ref()
        .and_then(|c| c.submitted_at)
        .map(local_date);
    let approved = v
        .commitment
        .as_ref()
        .and_then(|c| c.approved_at)
        .map(local_date);
    let date_line = move || match signed {
        Some(d) => fill(
            t().cm_print_date,
            &[
                ("d", &format!("{:02}", d.day())),
                ("m", &format!("{:02}", d.month())),
                ("y", &d.year().to_string()),
                ("date", &numfmt::date(d, locale.get())),
            ],
        ),
        None => fill(
            t().cm_print_date,
            &[("d", "……"), ("m", "……"), ("y", "………"), ("date", "……………")],
        ),
    };
    let theme = v.year.theme.clone();
    let title_name = member.full_name.clone();
    view! {
        <Title text=page_title(move |s| format!("{} — {title_name}", s.cm_print_title))/>
        <PrintTools back back_label=|| t().cm_print_back hint=|| t().cm_print_hint/>
        <article class="cm-paper" lang="vi">
            <header class="cm-paper-head">
                <div class="cm-paper-org">
                    {above.map(|u| view! { <p class="cm-paper-above">{u.name}</p> })}
                    <p class="cm-paper-cell"><strong>{member.cell_name.clone()}</strong></p>
                    <p class="cm-paper-star" aria-hidden="true">"*"</p>
                </div>
                <div class="cm-paper-party">
                    <p><strong class="cm-underline">{move || t().cm_print_party}</strong></p>
                    <p class="cm-paper-date"><em>"……………, " {date_line}</em></p>
                </div>
            </header>
            <h1 class="cm-paper-title">
                {move || fill(t().cm_print_heading, &[("year", &year.to_string())])}
            </h1>
            <p class="cm-paper-theme">
                <em>{move || fill(t().cm_print_theme, &[("year", &year.to_string()), ("theme", &theme)])}</em>
            </p>
            <dl class="cm-paper-who">
                <div>
                    <dt>{move || t().cm_print_name} ":"</dt>
                    <dd><strong>{member.full_name.clone()}</strong></dd>
                </div>
                <div>
                    <dt>{move || t().cm_print_card} ":"</dt>
                    <dd>{member.card_number.clone()}</dd>
                </div>
                <div class="wide">
                    <dt>{move || t().cm_print_cell} ":"</dt>
                    <dd>{member.cell_name.clone()}</dd>
                </div>
            </dl>
            <p class="cm-paper-intro">{move || t().cm_print_intro}</p>
            {v.year
                .sections
                .iter()
                .enumerate()
                .map(|(i, title)| {
                    let mine: Vec<String> = items
                        .iter()
                        .filter(|u| u.section == i)
                        .map(|u| u.text.clone())
                        .collect();
                    view! {
                        <section class="cm-paper-section">
                            <h2>{roman(i + 1)} ". " {title.clone()}</h2>
                            {if mine.is_empty() {
                                // An empty section prints lines to write on.
                                view! {
                                    <p class="cm-paper-blank" aria-hidden="true"></p>
                                    <p class="cm-paper-blank" aria-hidden="true"></p>
                                }
                                .into_any()
                            } else {
                                view! {
                                    <ol>
                                        {mine.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                                    </ol>
                                }
                                .into_any()
                            }}
                        </section>
                    }
                })
                .collect_view()}
            <footer class="cm-paper-signatures">
                <div class="cm-sign">
                    <p><strong>{move || t().cm_print_confirm}</strong></p>
                    {approved.map(|d| view! {
                        <p class="cm-sign-note">
                            <em>{move || fill(t().cm_print_approved_on, &[("date", &numfmt::date(d, locale.get()))])}</em>
                        </p>
                    })}
                </div>
                <div class="cm-sign">
                    <p><strong>{move || t().cm_print_signer}</strong></p>
                    <p class="cm-sign-note"><em>{move || t().cm_print_sign_hint}</em></p>
                    <p class="cm-sign-name"><strong>{member.full_name.clone()}</strong></p>
                </div>
            </footer>
        </article>
    }
}
