//! The interactive org chart (`/so-do`).
//!
//! The server renders the chart with the units named in `?mo=` open, so it
//! reads and navigates before the WASM loads (every toggle is a link). After
//! hydration a toggle opens in place, loading one level at a time; the chart
//! pans and zooms with mouse, wheel and touch; arrow keys walk it as an ARIA
//! tree. Narrow levels are drawn as a row under their parent, wide ones
//! (the bloc's 98 organisations) as a grid of cards.

use crate::api::org::{org_chart, search};
use crate::domain::org::SearchHit;
use crate::domain::text::url_escape;
use crate::paths::{self, ChartQuery};
use crate::ui::components::{ErrorNotice, Field};
use crate::ui::i18n::{page_title, t};
use crate::ui::labels::{kind_label, status_label};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;
use tree::Chart;

/// Levels up to this many units are drawn as a row.
const ROW_MAX: usize = 4;
/// "Open the whole branch" stops after loading this many units.
const BRANCH_BUDGET: usize = 600;

#[component]
pub fn ChartPage() -> impl IntoView {
    let query = paths::query::<ChartQuery>();
    let chart = page_resource(
        move || query.with(|q| (q.open.clone(), q.as_of.clone())),
        |(open, as_of)| org_chart(open, as_of),
    );
    let hits = page_resource(
        move || query.with(|q| q.search.clone()),
        |q| async move {
            match q {
                Some(q) => search(q).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <Title text=page_title(|s| s.chart_title.into())/>
        <header class="page-header">
            <h1>{move || t().chart_title}</h1>
            <p class="subtitle">{move || t().chart_intro}</p>
        </header>
        <form class="chart-tools" method="get" action=paths::CHART role="search">
            <Field label=Signal::derive(move || t().chart_search.to_string())>
                <input
                    type="search"
                    name="q"
                    prop:value=move || query.with(|q| q.search.clone().unwrap_or_default())
                    placeholder=move || t().chart_search_hint
                    maxlength="100"
                />
            </Field>
            <Field label=Signal::derive(move || t().chart_as_of.to_string())>
                <input type="date" name="ngay" prop:value=move || query.with(|q| q.as_of.clone().unwrap_or_default())/>
            </Field>
            <input type="hidden" name="mo" prop:value=move || query.with(|q| q.open.clone().unwrap_or_default())/>
            <button type="submit" class="button">{move || t().chart_go}</button>
        </form>
        <Suspense>
            {move || Suspend::new(async move {
                match hits.await {
                    Ok(Some(hits)) => view! { <SearchResults hits as_of=query.with(|q| q.as_of.clone())/> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match chart.await {
                    Ok(data) => view! { <Chart data selected=query.with(|q| q.selected.clone())/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The chart URL with `open` expanded and `selected` marked.
pub(super) fn chart_href(open: &[String], selected: Option<&str>, as_of: Option<&str>) -> String {
    let query = ChartQuery {
        open: (!open.is_empty()).then(|| open.join(",")),
        selected: selected.map(str::to_string),
        as_of: as_of.map(str::to_string),
        search: None,
    };
    let mut href = query.href();
    // Without the WASM, the browser scrolls the chart to the marked unit.
    if let Some(code) = selected {
        href.push_str(&format!("#n-{}", url_escape(code)));
    }
    href
}

#[component]
fn SearchResults(hits: Vec<SearchHit>, as_of: Option<String>) -> impl IntoView {
    if hits.is_empty() {
        return view! { <p class="notice" data-testid="search-empty">{move || t().chart_no_hits}</p> }
            .into_any();
    }
    let items = hits
        .into_iter()
        .map(|hit| match hit {
            SearchHit::Unit { unit, trail } => {
                let href = chart_href(&trail, Some(&unit.code), as_of.as_deref());
                let kind = unit.kind;
                view! {
                    <li class="hit hit-unit">
                        <a href=href>{unit.name}</a>
                        <span class="muted">" · " {move || kind_label(kind)}</span>
                        " "
                        <a class="hit-page" href=paths::unit(&unit.code)>{move || t().chart_open_page}</a>
                    </li>
                }
                .into_any()
            }
            SearchHit::Member {
                member_id,
                full_name,
                status,
                cell,
                trail,
            } => {
                let mut open = trail.clone();
                open.pop();
                let href = chart_href(&open, Some(&cell.code), as_of.as_deref());
                view! {
                    <li class="hit hit-member">
                        <a href=paths::member(member_id)>{full_name}</a>
                        <span class="muted">" · " {move || status_label(status)} " · "</span>
                        <a href=href>{cell.name}</a>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <section class="hits" aria-live="polite">
            <h2>{move || t().chart_hits}</h2>
            <ul>{items}</ul>
        </section>
    }
    .into_any()
}

mod keys;
mod state;
mod tree;

#[cfg(feature = "hydrate")]
#[path = "dom_browser.rs"]
mod dom;
#[cfg(not(feature = "hydrate"))]
#[path = "dom_server.rs"]
mod dom;
