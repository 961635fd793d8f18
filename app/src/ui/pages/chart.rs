//! The interactive org chart (`/so-do`).
//!
//! The server renders the chart with the units named in `?mo=` open, so it
//! reads and navigates before the WASM loads (every toggle is a link). After
//! hydration a toggle opens in place, loading one level at a time; the chart
//! pans and zooms with mouse, wheel and touch; arrow keys walk it as an ARIA
//! tree. Narrow levels are drawn as a row under their parent, wide ones
//! (the bloc's 98 organisations) as a grid of cards.

use crate::api::ApiError;
use crate::api::org::{ChartData, load_level, org_chart, search};
use crate::domain::org::{LevelCursor, OrgLevel, OrgNode, SearchHit};
use crate::domain::{UnitKind, numfmt};
use crate::ui::components::{ErrorNotice, Field};
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::labels::{kind_label, status_label};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::collections::{HashMap, HashSet};

/// Levels up to this many units are drawn as a row.
const ROW_MAX: usize = 4;
/// "Open the whole branch" stops after loading this many units.
const BRANCH_BUDGET: usize = 600;

#[component]
pub fn ChartPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &'static str| query.with(|q| q.get(k).filter(|v| !v.trim().is_empty()));
    let chart = page_resource(
        move || (get("mo"), get("ngay")),
        |(open, as_of)| org_chart(open, as_of),
    );
    let hits = page_resource(
        move || get("q"),
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
        <form class="chart-tools" method="get" action="/so-do" role="search">
            <Field label=Signal::derive(move || t().chart_search.to_string())>
                <input
                    type="search"
                    name="q"
                    prop:value=move || get("q").unwrap_or_default()
                    placeholder=move || t().chart_search_hint
                    maxlength="100"
                />
            </Field>
            <Field label=Signal::derive(move || t().chart_as_of.to_string())>
                <input type="date" name="ngay" prop:value=move || get("ngay").unwrap_or_default()/>
            </Field>
            <input type="hidden" name="mo" prop:value=move || get("mo").unwrap_or_default()/>
            <button type="submit" class="button">{move || t().chart_go}</button>
        </form>
        <Suspense>
            {move || Suspend::new(async move {
                match hits.await {
                    Ok(Some(hits)) => view! { <SearchResults hits as_of=get("ngay")/> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match chart.await {
                    Ok(data) => view! { <Chart data selected=get("chon")/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The chart URL with `open` expanded and `selected` marked.
fn chart_href(open: &[String], selected: Option<&str>, as_of: Option<&str>) -> String {
    use crate::domain::text::url_escape;
    let mut parts = Vec::new();
    if !open.is_empty() {
        parts.push(format!("mo={}", url_escape(&open.join(","))));
    }
    if let Some(code) = selected {
        parts.push(format!("chon={}", url_escape(code)));
    }
    if let Some(date) = as_of {
        parts.push(format!("ngay={}", url_escape(date)));
    }
    let mut href = if parts.is_empty() {
        "/so-do".to_string()
    } else {
        format!("/so-do?{}", parts.join("&"))
    };
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
                        <a class="hit-page" href=format!("/don-vi/{}", unit.code)>{move || t().chart_open_page}</a>
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
                        <a href=format!("/dang-vien/{member_id}")>{full_name}</a>
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

/// The chart's state, shared by every node through context.
#[derive(Clone, Copy)]
struct ChartState {
    /// Children by parent code ("" for the roots).
    levels: RwSignal<HashMap<String, OrgLevel>>,
    open: RwSignal<HashSet<String>>,
    loading: RwSignal<HashSet<String>>,
    /// The tree's one tab stop, and the highlight of a search.
    selected: RwSignal<Option<String>>,
    highlight: StoredValue<Option<String>>,
    as_of: StoredValue<Option<String>>,
    error: RwSignal<Option<ApiError>>,
    view: View2d,
}

/// Pan and zoom of the chart's stage.
#[derive(Clone, Copy)]
struct View2d {
    scale: RwSignal<f64>,
    x: RwSignal<f64>,
    y: RwSignal<f64>,
}

impl ChartState {
    fn children(&self, parent: &str) -> Option<OrgLevel> {
        self.levels.with(|l| l.get(parent).cloned())
    }

    fn is_open(&self, code: &str) -> bool {
        self.open.with(|o| o.contains(code))
    }

    /// The open codes, in a stable order for links.
    fn open_list(&self) -> Vec<String> {
        let mut v: Vec<String> = self.open.with(|o| o.iter().cloned().collect());
        v.sort();
        v
    }

    /// Loads the children of `code` unless they are there, then opens it.
    fn expand(self, code: String) {
        if self.children(&code).is_some() {
            self.open.update(|o| {
                o.insert(code);
            });
            return;
        }
        if self.loading.with(|l| l.contains(&code)) {
            return;
        }
        self.loading.update(|l| {
            l.insert(code.clone());
        });
        spawn_local(async move {
            let result = load_level(code.clone(), self.as_of.get_value(), None).await;
            self.loading.update(|l| {
                l.remove(&code);
            });
            match result {
                Ok(level) => {
                    self.levels.update(|l| {
                        l.insert(code.clone(), level);
                    });
                    self.open.update(|o| {
                        o.insert(code);
                    });
                }
                Err(e) => self.error.set(Some(e)),
            }
        });
    }

    fn collapse(self, code: &str) {
        self.open.update(|o| {
            o.remove(code);
        });
    }

    /// Closes `code` and everything open below it.
    fn collapse_branch(self, code: &str) {
        let mut stack = vec![code.to_string()];
        let mut closing = Vec::new();
        while let Some(c) = stack.pop() {
            if let Some(level) = self.children(&c) {
                stack.extend(level.nodes.iter().map(|n| n.code.clone()));
            }
            closing.push(c);
        }
        self.open.update(|o| {
            for c in &closing {
                o.remove(c);
            }
        });
    }

    /// Opens `code` and its whole branch, level by level, within a budget.
    fn expand_branch(self, code: String) {
        spawn_local(async move {
            let mut queue = vec![code];
            let mut loaded = 0usize;
            while let Some(c) = queue.pop() {
                let level = match self.children(&c) {
                    Some(level) => level,
                    None => match load_level(c.clone(), self.as_of.get_value(), None).await {
                        Ok(level) => {
                            self.levels.update(|l| {
                                l.insert(c.clone(), level.clone());
                            });
                            level
                        }
                        Err(e) => {
                            self.error.set(Some(e));
                            return;
                        }
                    },
                };
                loaded += level.nodes.len();
                self.open.update(|o| {
                    o.insert(c.clone());
                });
                if loaded > BRANCH_BUDGET {
                    self.error.set(Some(ApiError::Refused(
                        crate::domain::problem::Problem::BranchTooBig,
                    )));
                    return;
                }
                queue.extend(
                    level
                        .nodes
                        .iter()
                        .filter(|n| n.child_count > 0)
                        .map(|n| n.code.clone()),
                );
            }
        });
    }

    /// The next page of a wide level.
    fn load_more(self, parent: String, after: LevelCursor) {
        spawn_local(async move {
            match load_level(parent.clone(), self.as_of.get_value(), Some(after)).await {
                Ok(more) => self.levels.update(|l| {
                    if let Some(level) = l.get_mut(&parent) {
                        level.nodes.extend(more.nodes);
                        level.next = more.next;
                    }
                }),
                Err(e) => self.error.set(Some(e)),
            }
        });
    }
}

#[component]
fn Chart(data: ChartData, selected: Option<String>) -> impl IntoView {
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
                <a href="/so-do">{move || t().chart_today}</a>
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
                <crate::ui::pages::print::ChartExportLinks open=Signal::derive(move || state.open_list()) as_of=state.as_of.get_value()/>
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
                    <a class="name" href=format!("/don-vi/{}", code) tabindex="-1">{node.name.clone()}</a>
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

/// Arrow keys walk the visible items, Right/Left open and close, Enter opens
/// the unit's page (WAI-ARIA tree pattern).
fn on_key(ev: leptos::ev::KeyboardEvent, state: ChartState, go_to: &dyn Fn(&str)) {
    let Some(current) = state.selected.get_untracked() else {
        return;
    };
    let items = dom::visible_items();
    let Some(i) = items.iter().position(|c| *c == current) else {
        return;
    };
    let go = |code: Option<&String>| {
        if let Some(code) = code {
            state.selected.set(Some(code.clone()));
            dom::focus(code, state.view);
        }
    };
    let has_children = dom::has_children(&current);
    match ev.key().as_str() {
        "ArrowDown" => go(items.get(i + 1)),
        "ArrowUp" => go(i.checked_sub(1).and_then(|j| items.get(j))),
        "Home" => go(items.first()),
        "End" => go(items.last()),
        "ArrowRight" if has_children && !state.is_open(&current) => state.expand(current),
        "ArrowRight" if has_children => {
            let first = state
                .children(&current)
                .and_then(|l| l.nodes.first().map(|n| n.code.clone()));
            go(first.as_ref());
        }
        "ArrowLeft" if state.is_open(&current) => state.collapse(&current),
        "ArrowLeft" => go(dom::parent_of(&current).as_ref()),
        "Enter" => go_to(&format!("/don-vi/{current}")),
        _ => return,
    }
    ev.prevent_default();
}

/// What touches the page: focus, geometry, pointers. Only in the browser.
#[cfg(feature = "hydrate")]
mod dom {
    use super::View2d;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;

    const MIN_SCALE: f64 = 0.2;
    const MAX_SCALE: f64 = 3.0;

    thread_local! {
        /// Pointers down on the viewport: id → last position.
        static POINTERS: RefCell<Vec<(i32, f64, f64)>> = const { RefCell::new(Vec::new()) };
    }

    fn item(code: &str) -> Option<web_sys::HtmlElement> {
        document()
            .get_element_by_id(&format!("n-{code}"))
            .and_then(|e| e.dyn_into().ok())
    }

    /// The codes of the tree items on screen, in reading order.
    pub fn visible_items() -> Vec<String> {
        let Ok(list) = document().query_selector_all("#org-tree [role=treeitem]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .filter_map(|e| e.get_attribute("data-code"))
            .collect()
    }

    pub fn has_children(code: &str) -> bool {
        item(code).is_some_and(|e| e.has_attribute("aria-expanded"))
    }

    pub fn parent_of(code: &str) -> Option<String> {
        item(code)?
            .parent_element()?
            .closest("[role=treeitem]")
            .ok()
            .flatten()?
            .get_attribute("data-code")
    }

    pub fn focus(code: &str, view: View2d) {
        if let Some(e) = item(code) {
            let _ = e.focus();
            keep_in_view(&e, view);
        }
    }

    fn viewport_of(e: &web_sys::Element) -> Option<web_sys::Element> {
        e.closest(".chart-viewport").ok().flatten()
    }

    /// Pans so that the item is inside the viewport.
    fn keep_in_view(e: &web_sys::Element, view: View2d) {
        let Some(vp) = viewport_of(e) else { return };
        let (r, v) = (e.get_bounding_client_rect(), vp.get_bounding_client_rect());
        let margin = 24.0;
        let mut dx = 0.0;
        let mut dy = 0.0;
        if r.bottom() > v.bottom() - margin {
            dy = v.bottom() - margin - r.bottom();
        }
        if r.top() + dy < v.top() + margin {
            dy = v.top() + margin - r.top();
        }
        if r.right() > v.right() - margin {
            dx = v.right() - margin - r.right();
        }
        if r.left() + dx < v.left() + margin {
            dx = v.left() + margin - r.left();
        }
        view.x.update(|x| *x += dx);
        view.y.update(|y| *y += dy);
    }

    /// Brings a unit to the middle of the viewport and focuses it.
    pub fn center_on(code: &str, view: View2d) {
        let Some(e) = item(code) else { return };
        let Some(vp) = viewport_of(&e) else { return };
        let (r, v) = (e.get_bounding_client_rect(), vp.get_bounding_client_rect());
        view.x
            .update(|x| *x += v.left() + v.width() / 2.0 - (r.left() + r.width() / 2.0));
        view.y
            .update(|y| *y += v.top() + v.height() / 3.0 - r.top());
        let _ = e.focus_with_options(&{
            let o = web_sys::FocusOptions::new();
            o.set_prevent_scroll(true);
            o
        });
    }

    pub fn apply_transform(stage: NodeRef<leptos::html::Div>, x: f64, y: f64, scale: f64) {
        if let Some(stage) = stage.get() {
            let _ = web_sys::HtmlElement::style(&stage).set_property(
                "transform",
                &format!("translate({x:.1}px, {y:.1}px) scale({scale:.3})"),
            );
        }
    }

    fn zoom_at(view: View2d, factor: f64, px: f64, py: f64) {
        let old = view.scale.get_untracked();
        let new = (old * factor).clamp(MIN_SCALE, MAX_SCALE);
        let k = new / old;
        view.x.update(|x| *x = px - (px - *x) * k);
        view.y.update(|y| *y = py - (py - *y) * k);
        view.scale.set(new);
    }

    pub fn zoom_at_center(vp: NodeRef<leptos::html::Div>, view: View2d, factor: f64) {
        if let Some(vp) = vp.get_untracked() {
            let r = vp.get_bounding_client_rect();
            zoom_at(view, factor, r.width() / 2.0, r.height() / 2.0);
        }
    }

    /// Scales the whole chart into the viewport.
    pub fn fit(vp: NodeRef<leptos::html::Div>, stage: NodeRef<leptos::html::Div>, view: View2d) {
        let (Some(vp), Some(stage)) = (vp.get_untracked(), stage.get_untracked()) else {
            return;
        };
        let (w, h) = (stage.scroll_width() as f64, stage.scroll_height() as f64);
        let (vw, vh) = (vp.client_width() as f64, vp.client_height() as f64);
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        let s = (vw / w).min(vh / h).clamp(MIN_SCALE, 1.0);
        view.scale.set(s);
        view.x.set(((vw - w * s) / 2.0).max(0.0));
        view.y.set(0.0);
    }

    /// The wheel pans (Shift: sideways); with Ctrl (and a trackpad pinch) it zooms.
    pub fn on_wheel(ev: leptos::ev::WheelEvent, vp: NodeRef<leptos::html::Div>, view: View2d) {
        ev.prevent_default();
        if ev.ctrl_key() || ev.meta_key() {
            if let Some(vp) = vp.get_untracked() {
                let r = vp.get_bounding_client_rect();
                let factor = (-ev.delta_y() * 0.002).exp();
                zoom_at(
                    view,
                    factor,
                    ev.client_x() as f64 - r.left(),
                    ev.client_y() as f64 - r.top(),
                );
            }
        } else if ev.shift_key() {
            view.x.update(|x| *x -= ev.delta_y() + ev.delta_x());
        } else {
            view.x.update(|x| *x -= ev.delta_x());
            view.y.update(|y| *y -= ev.delta_y());
        }
    }

    pub fn on_pointer_down(ev: leptos::ev::PointerEvent, _view: View2d) {
        // Links and buttons keep their clicks.
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a, button").ok().flatten())
            .is_some();
        if on_control {
            return;
        }
        if let Some(t) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = t.set_pointer_capture(ev.pointer_id());
        }
        POINTERS.with(|p| {
            let mut p = p.borrow_mut();
            p.retain(|(id, _, _)| *id != ev.pointer_id());
            p.push((ev.pointer_id(), ev.client_x() as f64, ev.client_y() as f64));
        });
    }

    /// One pointer pans; two pinch-zoom around their middle.
    pub fn on_pointer_move(
        ev: leptos::ev::PointerEvent,
        vp: NodeRef<leptos::html::Div>,
        view: View2d,
    ) {
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        POINTERS.with(|p| {
            let mut p = p.borrow_mut();
            let Some(i) = p.iter().position(|(id, _, _)| *id == ev.pointer_id()) else {
                return;
            };
            let (_, ox, oy) = p[i];
            if p.len() == 1 {
                view.x.update(|vx| *vx += x - ox);
                view.y.update(|vy| *vy += y - oy);
            } else if p.len() == 2 {
                let (_, ax, ay) = p[1 - i];
                let before = ((ox - ax).powi(2) + (oy - ay).powi(2)).sqrt();
                let after = ((x - ax).powi(2) + (y - ay).powi(2)).sqrt();
                if before > 0.0
                    && let Some(vp) = vp.get_untracked()
                {
                    let r = vp.get_bounding_client_rect();
                    zoom_at(
                        view,
                        after / before,
                        (x + ax) / 2.0 - r.left(),
                        (y + ay) / 2.0 - r.top(),
                    );
                }
            }
            p[i] = (ev.pointer_id(), x, y);
        });
    }

    pub fn on_pointer_up(ev: leptos::ev::PointerEvent) {
        POINTERS.with(|p| p.borrow_mut().retain(|(id, _, _)| *id != ev.pointer_id()));
    }
}

/// On the server nothing moves: the chart is a plain, scrollable page.
#[cfg(not(feature = "hydrate"))]
mod dom {
    use super::View2d;
    use leptos::prelude::*;

    pub fn visible_items() -> Vec<String> {
        Vec::new()
    }
    pub fn has_children(_: &str) -> bool {
        false
    }
    pub fn parent_of(_: &str) -> Option<String> {
        None
    }
    pub fn focus(_: &str, _: View2d) {}
    pub fn center_on(_: &str, _: View2d) {}
    pub fn zoom_at_center(_: NodeRef<leptos::html::Div>, _: View2d, _: f64) {}
    pub fn apply_transform(_: NodeRef<leptos::html::Div>, _: f64, _: f64, _: f64) {}
    pub fn fit(_: NodeRef<leptos::html::Div>, _: NodeRef<leptos::html::Div>, _: View2d) {}
    pub fn on_wheel(_: leptos::ev::WheelEvent, _: NodeRef<leptos::html::Div>, _: View2d) {}
    pub fn on_pointer_down(_: leptos::ev::PointerEvent, _: View2d) {}
    pub fn on_pointer_move(_: leptos::ev::PointerEvent, _: NodeRef<leptos::html::Div>, _: View2d) {}
    pub fn on_pointer_up(_: leptos::ev::PointerEvent) {}
}
