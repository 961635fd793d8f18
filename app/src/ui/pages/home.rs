//! The bloc at a glance: organisations, cells and members, read live from the
//! database and rendered on the server (readable before the WASM loads).

use crate::api::ApiError;
use crate::api::summary::get_summary;
use crate::domain::{UnitSummary, numfmt};
use crate::ui::components::{ErrorNotice, StatCard};
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let summary = Resource::new(|| (), |_| get_summary(None, None));
    view! {
        <Title text=move || t().home_title/>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(s) => view! { <Summary summary=s/> }.into_any(),
                    Err(ApiError::NotFound) => {
                        view! { <p class="notice">{move || t().home_empty}</p> }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Summary(summary: UnitSummary) -> impl IntoView {
    let locale = use_locale();
    let s = StoredValue::new(summary);
    let n = move |f: fn(&UnitSummary) -> i64| numfmt::count(s.with_value(f), locale.get());
    let year = s.with_value(|s| s.year.to_string());
    let year_for_admitted = year.clone();
    let year_for_theme = year.clone();
    view! {
        <header class="page-header">
            <h1>{s.with_value(|s| s.unit_name.clone())}</h1>
            <p class="subtitle">{move || fill(t().home_as_of_year, &[("year", &year)])}</p>
        </header>
        <div class="stat-grid">
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
            <StatCard
                id="cells"
                label=Signal::derive(move || t().stat_cells.to_string())
                value=Signal::derive(move || n(|s| s.cells))
            />
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
