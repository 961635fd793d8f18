//! The chart drawn as an ARIA tree: the stage, the legend, levels and nodes.

use super::keys::on_key;
use super::state::{ChartState, View2d};
use super::{ROW_MAX, chart_href, dom};
use crate::api::org::ChartData;
use crate::domain::org::OrgNode;
use crate::domain::{UnitKind, numfmt};
use crate::paths;
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::{fill, t, use_locale};
use crate::ui::labels::kind_label;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

#[component]
pub(super) fn Chart(data: ChartData, selected: Option<String>) -> impl IntoView {
    let mut levels = HashMap::new();
    let mut open = HashSet::new();
    let first = data.roots.nodes.first().map(|n| n.code.clone());
    levels.insert(String::new(), data.roots);
    for (code, level) in data.levels {
        open.insert(code.clone());
        levels.insert(code, level);
    }
    let as_of_date = data.as_of;
    // By hand: chrono's formatter would weigh on the WASM bundle.
    let as_of = as_of_date.map(|d| {
        use chrono::Datelike;
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    });
    let navigate = leptos_router::hooks::use_navigate();
    let state = ChartState {
        levels: RwSignal::new(levels),
        open: RwSignal::new(open),
        loading: RwSignal::new(HashSet::new()),
        selected: RwSignal::new(selected.clone().or(first)),
        highlight: StoredValue::new(selected.clone()),
        as_of: StoredValue::new(as_of.clone()),
        error: RwSignal::new(None),
        view: View2d {
            scale: RwSignal::new(1.0),
            x: RwSignal::new(0.0),
            y: RwSignal::new(0.0),
        },
    };
    provide_context(state);
    let locale = use_locale();
    let viewport = NodeRef::<leptos::html::Div>::new();
    let stage = NodeRef::<leptos::html::Div>::new();
    // Reveal a search result once the chart is on screen.
    if let Some(code) = selected {
        Effect::new(move |_| {
            if viewport.get().is_some() {
                dom::center_on(&code, state.view);
            }
        });
    }
    let v = state.view;
    // Through the CSSOM, which the page's CSP allows (a style attribute it
    // would not); on the server the stage is simply not transformed.
    Effect::new(move |_| dom::apply_transform(stage, v.x.get(), v.y.get(), v.scale.get()));
    let zoom_by = move |factor: f64| dom::zoom_at_center(viewport, v, factor);
    let as_of_note = as_of_date.map(|date| {
        view! {
            <p class="notice as-of-note" data-testid="as-of-note">
                {move || fill(t().chart_as_of_note, &[("date", &numfmt::date(date, locale.get()))])}
                " "
                <a href=paths::CHART>{move || t().chart_today}</a>
            </p>
        }
    });
    view! {
        {as_of_note}
        {move || state.error.get().map(|e| view! { <ErrorNotice error=e/> })}
        <section class="chart" aria-label=move || t().chart_title>
            <div class="chart-bar">
                <div class="chart-zoom" role="group" aria-label=move || t().chart_zoom>
                    <button type="button" class="tool" on:click=move |_| zoom_by(1.0 / 1.25) title=move || t().chart_zoom_out>
                        "−"
                    </button>
                    <span class="zoom-level" aria-live="polite">
                        {move || format!("{:.0}%", v.scale.get() * 100.0)}
                    </span>
                    <button type="button" class="tool" on:click=move |_| zoom_by(1.25) title=move || t().chart_zoom_in>
                        "+"
                    </button>
                    <button type="button" class="tool" on:click=move |_| dom::fit(viewport, stage, v)>
                        {move || t().chart_fit}
                    </button>
                    <button
                        type="button"
                        class="tool"
                        on:click=move |_| {
                            v.scale.set(1.0);
                            v.x.set(0.0);
                            v.y.set(0.0);
                        }
                    >
                        "100%"
                    </button>
                </div>
                <Legend/>
                <crate::ui::components::export_links::ChartExportLinks open=Signal::derive(move || state.open_list()) as_of=state.as_of.get_value()/>
            </div>
            <div
                class="chart-viewport"
                node_ref=viewport
                on:wheel=move |ev| dom::on_wheel(ev, viewport, v)
                on:pointerdown=move |ev| dom::on_pointer_down(ev, v)
                on:pointermove=move |ev| dom::on_pointer_move(ev, viewport, v)
                on:pointerup=dom::on_pointer_up
                on:pointercancel=dom::on_pointer_up
            >
                <div class="chart-stage" node_ref=stage>
                    <ul
                        class="tree level row"
                        role="tree"
                        id="org-tree"
                        aria-label=move || t().chart_title
                        on:keydown=move |ev| on_key(ev, state, &|href: &str| navigate(href, Default::default()))
                    >
                        <Level parent=String::new() depth=1/>
                    </ul>
                </div>
            </div>
            <p class="chart-hint muted">{move || t().chart_hint}</p>
        </section>
    }
}

#[component]
fn Legend() -> impl IntoView {
    let kinds = [
        UnitKind::Bloc,
        UnitKind::GrassrootsCommittee,
        UnitKind::GrassrootsCell,
        UnitKind::Cell,
    ];
    view! {
        <ul class="legend" aria-label=move || t().chart_legend>
            {kinds
                .into_iter()
                .map(|k| view! { <li class=format!("swatch kind-{}", k.as_str())>{move || kind_label(k)}</li> })
                .collect_view()}
            <li class="legend-figures">{move || t().chart_legend_figures}</li>
        </ul>
    }
}

/// The children of `parent`, as a row or a grid, with "more" when paged.
#[component]
fn Level(parent: String, depth: usize) -> impl IntoView {
    let state = expect_context::<ChartState>();
    let key = parent.clone();
    let nodes = move || state.children(&key).map(|l| l.nodes).unwrap_or_default();
    let more_key = parent.clone();
    let next = move || state.children(&more_key).and_then(|l| l.next);
    let for_more = parent.clone();
    view! {
        <For each=nodes key=|n| n.code.clone() let:node>
            <Node node depth/>
        </For>
        {move || {
            next()
                .map(|cursor| {
                    let parent = for_more.clone();
                    view! {
                        <li class="more" role="none">
                            <button
                                type="button"
                                class="tool"
                                on:click=move |_| state.load_more(parent.clone(), cursor.clone())
                            >
                                {move || t().chart_more}
                            </button>
                        </li>
                    }
                })
        }}
    }
    .into_any()
}

#[component]
fn Node(node: OrgNode, depth: usize) -> impl IntoView {
    let state = expect_context::<ChartState>();
    let locale = use_locale();
    let code = node.code.clone();
    let has_children = node.child_count > 0;
    let open = {
        let code = code.clone();
        Memo::new(move |_| state.is_open(&code))
    };
    let wide = {
        let code = code.clone();
        Memo::new(move |_| {
            state
                .children(&code)
                .is_some_and(|l| l.nodes.len() > ROW_MAX)
        })
    };
    let toggle_href = {
        let code = code.clone();
        move || {
            let mut list = state.open_list();
            if list.contains(&code) {
                list.retain(|c| c != &code);
            } else {
                list.push(code.clone());
            }
            chart_href(&list, Some(&code), state.as_of.get_value().as_deref())
        }
    };
    let on_toggle = {
        let code = code.clone();
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            state.selected.set(Some(code.clone()));
            if state.is_open(&code) {
                state.collapse(&code);
            } else {
                state.expand(code.clone());
            }
        }
    };
    let on_branch = {
        let code = code.clone();
        move |_| {
            if state.is_open(&code) {
                state.collapse_branch(&code);
            } else {
                state.expand_branch(code.clone());
            }
        }
    };
    let selected = {
        let code = code.clone();
        Memo::new(move |_| state.selected.with(|s| s.as_deref() == Some(code.as_str())))
    };
    let highlighted = state
        .highlight
        .with_value(|h| h.as_deref() == Some(code.as_str()));
    let loading = {
        let code = code.clone();
        Memo::new(move |_| state.loading.with(|l| l.contains(&code)))
    };
    let on_focus = {
        let code = code.clone();
        move |_| state.selected.set(Some(code.clone()))
    };
    let figures = {
        let (full, probationary) = (node.full_members, node.probationary_members);
        move || {
            fill(
                t().chart_node_figures,
                &[
                    ("full", &numfmt::count(full, locale.get())),
                    ("probationary", &numfmt::count(probationary, locale.get())),
                ],
            )
        }
    };
    let children_code = code.clone();
    let kind = node.kind;
    let child_count = node.child_count;
    view! {
        <li
            role="treeitem"
            id=format!("n-{}", code)
            data-code=code.clone()
            aria-expanded=move || has_children.then(|| open.get().to_string())
            aria-selected=move || selected.get().to_string()
            tabindex=move || if selected.get() { "0" } else { "-1" }
            class=move || {
                format!(
                    "node kind-{}{}{}",
                    kind.as_str(),
                    if open.get() { " open" } else { "" },
                    if highlighted { " highlight" } else { "" },
                )
            }
            on:focus=on_focus
        >
            <div class="card">
                {has_children
                    .then(|| {
                        view! {
                            <a
                                class="toggle"
                                href=toggle_href
                                tabindex="-1"
                                aria-hidden="true"
                                on:click=on_toggle
                            >
                                <span class="chevron">{move || if open.get() { "▾" } else { "▸" }}</span>
                                <span class="count">{child_count}</span>
                            </a>
                        }
                    })}
                <div class="card-body">
                    <a class="name" href=paths::unit(&code) tabindex="-1">{node.name.clone()}</a>
                    <span class="kind">{move || kind_label(kind)}</span>
                    <span class="figures">{figures}</span>
                    {node.secretary.clone().map(|name| view! {
                        <span class="secretary">{move || t().chart_secretary} ": " {name.clone()}</span>
                    })}
                </div>
                {has_children
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="branch"
                                tabindex="-1"
                                title=move || if open.get() { t().chart_collapse_branch } else { t().chart_expand_branch }
                                on:click=on_branch
                            >
                                {move || if open.get() { "⊟" } else { "⊞" }}
                            </button>
                        }
                    })}
                {move || loading.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
            </div>
            {move || {
                open.get()
                    .then(|| {
                        let parent = children_code.clone();
                        view! {
                            <ul role="group" class=move || if wide.get() { "level grid" } else { "level row" }>
                                <Level parent depth=depth + 1/>
                            </ul>
                        }
                    })
            }}
        </li>
    }
    // tachys knows no `aria-level` attribute: added by name.
    .add_any_attr(leptos::tachys::html::attribute::custom::custom_attribute(
        "aria-level",
        depth.to_string(),
    ))
    .into_any()
}
