//! The Party badges a member was awarded (`#huy-hieu` on their page): how
//! each came (awarded, posthumous, a replacement), which were reported lost
//! and whether another was given; the cell's secretary reports a badge
//! lost, which puts it on the bloc's list for the province.

use crate::api::badges::ReportLostBadge;
use crate::domain::badge::{Awarded, BadgeKind};
use crate::domain::numfmt;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

#[component]
pub fn MemberBadges(
    member: i64,
    badges: Vec<Awarded>,
    can_report: bool,
    report: ServerAction<ReportLostBadge>,
) -> impl IntoView {
    let reported = crate::ui::flags::redirect_flag("da-bao-mat");
    let list = if badges.is_empty() {
        view! { <p class="muted">{move || t().hh_member_none}</p> }.into_any()
    } else {
        view! {
            <ul class="hh-awarded">
                {badges
                    .into_iter()
                    .map(|b| view! { <Badge member b can_report report/> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="section" id="huy-hieu">
            <h2>{move || t().hh_title}</h2>
            {move || reported.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().hh_lost_reported}</p> })}
            {list}
        </section>
    }
}

#[component]
fn Badge(
    member: i64,
    b: Awarded,
    can_report: bool,
    report: ServerAction<ReportLostBadge>,
) -> impl IntoView {
    let locale = use_locale();
    let (m, day, kind, lost_on, replaced) =
        (b.milestone, b.award_date, b.kind, b.lost_on, b.replaced);
    let kind_label = move || match kind {
        BadgeKind::Award => None,
        BadgeKind::Posthumous => Some(t().hh_kind_posthumous),
        BadgeKind::Replacement => Some(t().hh_kind_replacement),
    };
    let lost_text = lost_on.map(|on| {
        move || {
            let on = numfmt::date(on, locale.get());
            if replaced {
                fill(t().hh_lost_replaced, &[("date", &on)])
            } else {
                fill(t().hh_lost_waiting, &[("date", &on)])
            }
        }
    });
    let form = (can_report && b.held()).then(|| {
        let label = fill(t().hh_lost_summary, &[("n", &m.to_string())]);
        view! {
            <details class="hh-lost">
                <summary>{label}</summary>
                <ActionForm action=report attr:class="hh-lost-form">
                    <input type="hidden" name="member" value=member.to_string()/>
                    <input type="hidden" name="badge" value=b.id.to_string()/>
                    <label class="field">
                        <span class="field-label">{move || t().hh_lost_on}</span>
                        <input type="date" name="date" required/>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().hh_field_note}</span>
                        <input type="text" name="note" maxlength="500"/>
                    </label>
                    <button type="submit" class="button button-quiet" disabled=move || report.pending().get()>
                        {move || t().hh_lost_submit}
                    </button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <li data-milestone=m.to_string() data-badge=b.id.to_string() data-kind=kind.as_str() data-lost=lost_on.is_some().to_string()>
            <strong>{move || fill(t().hh_milestone, &[("n", &m.to_string())])}</strong>
            " · " {move || numfmt::date(day, locale.get())}
            " · " {b.decision_number}
            {(!b.badge_number.is_empty()).then(|| view! { " · " {b.badge_number} })}
            {move || kind_label().map(|k| view! { " · " <span class="badge state-approved">{k}</span> })}
            {lost_text.map(|text| view! { <br/><span class="badge state-returned">{text}</span> })}
            {form}
        </li>
    }
}
