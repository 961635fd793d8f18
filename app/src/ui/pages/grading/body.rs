//! The page's body: the quota, the members, the organisation's cells.

use super::{Actions, Members, Units};
use crate::api::commitments::GradingData;
use crate::domain::numfmt;
use crate::paths;
use crate::paths::GradingQuery;
use crate::ui::commitment_text::{deadline_label, rule_set_label};
use crate::ui::components::unit_year_nav::UnitYearNav;
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub(super) fn Body(
    page: GradingData,
    actions: Actions,
    tick_all: bool,
    filter: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    let GradingData {
        year,
        years,
        orgs,
        org_code,
        org_name,
        rows,
        decided_quota,
        projected_quota,
        units,
        today: _,
        grading_open,
        decidable,
    } = page;
    let y = year.year;
    let rules = year.rule_set;
    let grading_deadline = year.deadlines.grading;
    let back = GradingQuery {
        org: Some(org_code.clone()),
        year: Some(y),
        filter: filter.clone(),
        tick: None,
    }
    .href();

    let (saved, decided_n) = (redirect_flag("da-luu"), redirect_flag("da-quyet-dinh"));

    let only_units = rows.is_empty() && !units.is_empty();
    let members_part = (!only_units).then(|| {
        view! {
            <Members
                rows
                year=y
                rules
                org=org_code.clone()
                back=back.clone()
                filter=filter.clone()
                decided_quota
                projected_quota
                grading_open
                tick_all
                actions
                decidable
            />
        }
    });
    let units_part = (!units.is_empty()).then(|| {
        view! {
            <Units
                units
                year=y
                back=back.clone()
                grading_open
                action=actions.unit
            />
        }
    });
    // The bloc's standing committee grades organisations, not members.
    let heading = move || {
        if only_units {
            t().rv_units_title
        } else {
            t().rv_grading_title
        }
    };
    let title_org = org_name.clone();
    view! {
        <Title text=page_title(move |s| {
            let heading = if only_units { s.rv_units_title } else { s.rv_grading_title };
            format!("{heading} · {title_org}")
        })/>
        <header class="page-header rv-header">
            <h1>{heading}</h1>
            <p class="subtitle">
                <strong>{org_name.clone()}</strong>
                " · "
                {move || fill(t().rv_year_n, &[("year", &y.to_string())])}
            </p>
        </header>
        <UnitYearNav
            units=orgs
            current_code=org_code.clone()
            years
            current_year=y
            units_label=Signal::derive(move || t().rv_orgs.to_string())
            link=Callback::new(move |(code, year): (String, i32)| paths::grading(&code, year))
        />
        <p class="rv-deadlines muted">
            {move || format!("{}: {}", deadline_label("grading"), numfmt::date(grading_deadline, locale.get()))}
            " · " {move || rule_set_label(rules)}
        </p>
        {(!grading_open).then(|| view! {
            <p class="notice">
                {move || fill(t().rv_grading_closed, &[("date", &numfmt::date(grading_deadline, locale.get()))])}
            </p>
        })}
        {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().rv_saved}</p> })}
        {move || decided_n.get().map(|k| view! {
            <p class="notice notice-ok" role="status">{move || fill(t().rv_decided_n, &[("n", &k)])}</p>
        })}
        {members_part}
        {units_part}
    }
}
