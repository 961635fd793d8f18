//! A unit's figures at a glance: members, organisations, admissions (the home page and a unit's page).

use crate::domain::{UnitKind, UnitSummary, numfmt};
use crate::ui::components::StatCard;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

#[component]
pub fn Summary(summary: UnitSummary) -> impl IntoView {
    let locale = use_locale();
    let s = StoredValue::new(summary);
    let n = move |f: fn(&UnitSummary) -> i64| numfmt::count(s.with_value(f), locale.get());
    let year = s.with_value(|s| s.year.to_string());
    let year_for_admitted = year.clone();
    let year_for_theme = year.clone();
    let year_for_models = year.clone();
    let year_for_commended = year.clone();
    // Only the levels a unit has: a cell has no cells under it.
    let kind = s.with_value(|s| s.unit_kind);
    let show_grassroots = kind == UnitKind::Bloc;
    let show_cells = matches!(
        kind,
        UnitKind::Bloc | UnitKind::GrassrootsCommittee | UnitKind::SubCommittee
    );
    // The commendation figures where a unit has any (the bloc's always).
    let show_commended = show_grassroots
        || s.with_value(|s| {
            s.good_models > 0
                || s.commended_by_bloc != (0, 0)
                || s.commended_by_grassroots != (0, 0)
        });
    view! {
        <header class="page-header">
            <h1>{s.with_value(|s| s.unit_name.clone())}</h1>
            <p class="subtitle">{move || fill(t().home_as_of_year, &[("year", &year)])}</p>
        </header>
        <div class="stat-grid">
            {show_grassroots.then(|| view! {
            <StatCard
                id="grassroots"
                label=Signal::derive(move || t().stat_grassroots.to_string())
                value=Signal::derive(move || n(UnitSummary::grassroots_total))
                detail=Signal::derive(move || {
                    fill(
                        t().stat_grassroots_detail,
                        &[
                            ("committees", &n(|s| s.grassroots_committees)),
                            ("cells", &n(|s| s.grassroots_cells)),
                        ],
                    )
                })
            />
            })}
            {show_cells.then(|| view! {
                <StatCard
                    id="cells"
                    label=Signal::derive(move || t().stat_cells.to_string())
                    value=Signal::derive(move || n(|s| s.cells))
                />
            })}
            <StatCard
                id="members"
                label=Signal::derive(move || t().stat_members.to_string())
                value=Signal::derive(move || n(UnitSummary::members_total))
                detail=Signal::derive(move || {
                    fill(
                        t().stat_members_detail,
                        &[
                            ("full", &n(|s| s.full_members)),
                            ("probationary", &n(|s| s.probationary_members)),
                            ("exempt", &n(|s| s.exempt_members)),
                        ],
                    )
                })
            />
            <StatCard
                id="admitted"
                label=Signal::derive(move || {
                    fill(t().stat_admitted, &[("year", &year_for_admitted)])
                })
                value=Signal::derive(move || n(|s| s.admitted_in_year))
            />
            {show_commended.then(|| view! {
                <StatCard
                    id="good-models"
                    label=Signal::derive(move || fill(t().stat_good_models, &[("year", &year_for_models)]))
                    value=Signal::derive(move || n(|s| s.good_models))
                />
                <StatCard
                    id="commended"
                    label=Signal::derive(move || fill(t().stat_commended, &[("year", &year_for_commended)]))
                    value=Signal::derive(move || {
                        n(|s| {
                            s.commended_by_bloc.0
                                + s.commended_by_bloc.1
                                + s.commended_by_grassroots.0
                                + s.commended_by_grassroots.1
                        })
                    })
                    detail=Signal::derive(move || {
                        fill(
                            t().stat_commended_detail,
                            &[
                                ("bloc_units", &n(|s| s.commended_by_bloc.0)),
                                ("bloc_members", &n(|s| s.commended_by_bloc.1)),
                                ("units", &n(|s| s.commended_by_grassroots.0)),
                                ("members", &n(|s| s.commended_by_grassroots.1)),
                            ],
                        )
                    })
                />
            })}
        </div>
        {s.with_value(|s| s.year_theme.clone()).map(|theme| {
            view! {
                <section class="theme">
                    <h2>{move || fill(t().home_theme_label, &[("year", &year_for_theme)])}</h2>
                    <p>{theme}</p>
                </section>
            }
        })}
    }
}
