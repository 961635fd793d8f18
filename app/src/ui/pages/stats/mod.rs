//! The committee's dashboard (`/thong-ke?don-vi=CODE&nam=YEAR&sap-xep=`):
//! the subtree's organisation, its members' commitments and grades, and
//! every unit below side by side (each drills down to its own dashboard,
//! the levels above lead back up). Charts come drawn from the server, each
//! with its figures as a table; a plain GET form picks the year and order,
//! so the page is complete without JavaScript (with a link to reload it).
//! With JavaScript the page follows the server's stream of its figures
//! (`server::live`) and redraws as secretaries approve and committees grade.

use crate::api::stats::{DashboardData, dashboard};
use crate::domain::stats::RowOrder;
use crate::paths::{self, StatsQuery};
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::{page_title, t};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;

/// The dashboard's query with the order written out, for the addresses
/// that take it whatever it is: the export, the print view, the stream.
fn full_query(code: &str, year: i32, order: RowOrder) -> StatsQuery {
    StatsQuery {
        unit: Some(code.to_string()),
        year: Some(year),
        order: Some(order.as_str().to_string()),
    }
}

/// The dashboard of `code` in `year`, keeping the order.
pub(crate) fn link(code: &str, year: i32, order: RowOrder) -> String {
    StatsQuery {
        unit: Some(code.to_string()),
        year: Some(year),
        order: (order != RowOrder::default()).then(|| order.as_str().to_string()),
    }
    .href()
}

#[component]
pub fn StatsPage() -> impl IntoView {
    let q = paths::query::<StatsQuery>();
    let data = page_resource(move || q.get(), |q| dashboard(q.unit, q.year, q.order));
    view! {
        <Title text=page_title(|s| s.tk_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Live first=d/> }.into_any(),
                    Err(e) => view! {
                        <header class="page-header"><h1>{move || t().tk_title}</h1></header>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// The dashboard as first read, then as the server pushes it.
#[component]
fn Live(first: DashboardData) -> impl IntoView {
    let pushed = RwSignal::new(None::<DashboardData>);
    #[cfg(feature = "hydrate")]
    {
        let url = full_query(&first.unit.code, first.year, first.order)
            .href_at(crate::api::stats::STATS_STREAM);
        let stop = live::follow(url, pushed);
        on_cleanup(stop);
    }
    move || {
        let d = pushed.get().unwrap_or_else(|| first.clone());
        view! { <Body d/> }
    }
}

/// Follows the dashboard's stream of figures (Server-Sent Events), opening
/// it again after a failure, one second later at first, then twice as long
/// each time up to half a minute (back to one second once figures arrive).
#[cfg(feature = "hydrate")]
mod live {
    use crate::api::stats::DashboardData;
    use leptos::prelude::*;
    use std::time::Duration;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = EventSource, extends = web_sys::EventTarget)]
        type Source;
        #[wasm_bindgen(catch, constructor, js_class = "EventSource")]
        fn new(url: &str) -> Result<Source, JsValue>;
        #[wasm_bindgen(method, js_class = "EventSource")]
        fn close(this: &Source);

        #[wasm_bindgen(js_name = MessageEvent, extends = web_sys::Event)]
        type Message;
        #[wasm_bindgen(method, getter, js_class = "MessageEvent")]
        fn data(this: &Message) -> JsValue;
    }

    const FIRST_RETRY: Duration = Duration::from_secs(1);
    const LAST_RETRY: Duration = Duration::from_secs(30);

    /// The open stream and its listeners, dropped together.
    struct Open {
        source: Source,
        _on_figures: Closure<dyn FnMut(Message)>,
        _on_error: Closure<dyn FnMut(web_sys::Event)>,
    }

    /// Keeps `pushed` on the latest figures until the returned function is called.
    pub fn follow(
        url: String,
        pushed: RwSignal<Option<DashboardData>>,
    ) -> impl FnOnce() + Send + Sync + 'static {
        let open: StoredValue<Option<Open>, LocalStorage> = StoredValue::new_local(None);
        let alive = StoredValue::new(true);
        let retry = StoredValue::new(FIRST_RETRY);
        connect(url, pushed, open, alive, retry);
        move || {
            alive.try_set_value(false);
            open.try_update_value(|o| {
                if let Some(o) = o.take() {
                    o.source.close();
                }
            });
        }
    }

    fn connect(
        url: String,
        pushed: RwSignal<Option<DashboardData>>,
        open: StoredValue<Option<Open>, LocalStorage>,
        alive: StoredValue<bool>,
        retry: StoredValue<Duration>,
    ) {
        if alive.try_get_value() != Some(true) {
            return;
        }
        let Ok(source) = Source::new(&url) else {
            return;
        };
        let on_figures = Closure::<dyn FnMut(Message)>::new(move |m: Message| {
            if let Some(d) = m
                .data()
                .as_string()
                .and_then(|s| serde_json::from_str(&s).ok())
            {
                pushed.try_set(Some(d));
                retry.try_set_value(FIRST_RETRY);
            }
        });
        let again = url.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            // Closed here and opened again later, whatever the browser
            // would do on its own: a refusal would otherwise end it for good.
            open.try_update_value(|o| {
                if let Some(o) = o.take() {
                    o.source.close();
                }
            });
            let url = again.clone();
            let wait = retry.try_get_value().unwrap_or(LAST_RETRY);
            retry.try_set_value((wait * 2).min(LAST_RETRY));
            set_timeout(move || connect(url, pushed, open, alive, retry), wait);
        });
        let target: &web_sys::EventTarget = source.unchecked_ref();
        let _ =
            target.add_event_listener_with_callback("figures", on_figures.as_ref().unchecked_ref());
        let _ = target.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
        open.try_set_value(Some(Open {
            source,
            _on_figures: on_figures,
            _on_error: on_error,
        }));
    }
}

mod body;
mod grading;
mod organisation;
mod people;
mod unit_grades;
mod units;

pub(crate) use body::{Body, Trail};
use grading::Grading;
use organisation::{CommitmentIntro, Deadlines, Organisation, Stages};
use units::UnitTable;
