//! The import page: what the two sheets hold, the templates, the upload
//! form, the check's report, and the confirmation. Every step is a plain
//! form post answered by a redirect (see `server::import::web`), so the page
//! works before and without WebAssembly; once hydrated, the upload is sent
//! by script so that its progress can be shown.

use crate::api::import::{Done, IMPORT_PAGE, ImportState, can_import, import_page};
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

/// What the page is doing with the user's file (after hydration only: the
/// server-rendered page never leaves `Idle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Phase {
    Idle,
    /// Percent sent.
    Uploading(u8),
    /// Sent; the server is reading and checking it.
    Checking,
    /// The confirmation was sent; the server is writing.
    Writing,
    /// The upload did not get through.
    Failed(Failure),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Failure {
    TooLarge,
    Refused,
    Network,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let query = use_query_map();
    let data = page_resource(|| (), |_| import_page());
    view! {
        <Title text=page_title(|s| s.import_title.into())/>
        <header class="page-header">
            <h1>{move || t().import_title}</h1>
        </header>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let failure = query.with_untracked(|m| m.get("loi"));
                        view! { <Import data=d failure/> }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Import(data: ImportState, failure: Option<String>) -> impl IntoView {
    let phase = RwSignal::new(Phase::Idle);
    let failure = failure.map(|code| {
        view! {
            <div class="notice notice-error import-notice">
                <p role="alert">{move || failure_text(t(), &code)}</p>
            </div>
        }
    });
    let done = data.done.map(|d| view! { <DoneNotice done=d/> });
    let report = data
        .pending
        .map(|p| view! { <PendingReport pending=p phase/> });
    view! {
        {failure}
        {done}
        <p class="import-intro">{move || t().import_intro}</p>
        {report}
        <div class="import-grid">
            <UploadForm phase/>
            <Help/>
        </div>
    }
}

#[component]
fn DoneNotice(done: Done) -> impl IntoView {
    let locale = use_locale();
    let Done {
        file_name,
        units,
        members,
        skipped,
    } = done;
    view! {
        <div class="notice notice-ok import-done import-notice">
            <p role="status">
                {move || {
                    let what = units_and_members(t(), units as i64, members as i64, locale.get());
                    fill(t().import_done, &[("what", &what), ("file", &file_name)])
                }}
            </p>
            {(skipped > 0).then(|| view! {
                <p>
                    {move || {
                        let s = t();
                        let rows = counted(s.import_n_rows_one, s.import_n_rows, skipped as i64, locale.get());
                        fill(s.import_done_skipped, &[("rows", &rows)])
                    }}
                </p>
            })}
        </div>
    }
}

/// Sends the upload form by script, following its progress; the server
/// answers with the page to go to (the report, or an error code).
#[cfg(feature = "hydrate")]
mod upload {
    use super::{Failure, IMPORT_PAGE, Phase};
    use crate::domain::import::MAX_FILE_BYTES;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::convert::FromWasmAbi;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = XMLHttpRequest, extends = web_sys::EventTarget)]
        #[derive(Clone)]
        type Xhr;
        #[wasm_bindgen(constructor, js_class = "XMLHttpRequest")]
        fn new() -> Xhr;
        #[wasm_bindgen(method, js_class = "XMLHttpRequest")]
        fn open(this: &Xhr, method: &str, url: &str);
        #[wasm_bindgen(method, js_class = "XMLHttpRequest", js_name = setRequestHeader)]
        fn set_request_header(this: &Xhr, name: &str, value: &str);
        #[wasm_bindgen(method, js_class = "XMLHttpRequest")]
        fn send(this: &Xhr, body: &FormData);
        #[wasm_bindgen(method, js_class = "XMLHttpRequest")]
        fn abort(this: &Xhr);
        #[wasm_bindgen(method, getter, js_class = "XMLHttpRequest")]
        fn upload(this: &Xhr) -> web_sys::EventTarget;
        #[wasm_bindgen(method, getter, js_class = "XMLHttpRequest")]
        fn status(this: &Xhr) -> u16;
        #[wasm_bindgen(method, getter, js_class = "XMLHttpRequest", js_name = responseText)]
        fn response_text(this: &Xhr) -> String;

        #[wasm_bindgen(js_name = FormData)]
        type FormData;
        #[wasm_bindgen(constructor, js_class = "FormData")]
        fn new(form: &web_sys::HtmlFormElement) -> FormData;
    }

    fn listen<E: FromWasmAbi + 'static>(
        target: &web_sys::EventTarget,
        event: &str,
        f: impl FnMut(E) + 'static,
    ) {
        let closure = Closure::<dyn FnMut(E)>::new(f);
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        // One upload per page: the listeners live as long as the page.
        closure.forget();
    }

    pub fn send(form: &web_sys::HtmlFormElement, phase: RwSignal<Phase>) {
        let xhr = Xhr::new();
        xhr.open("POST", IMPORT_PAGE);
        xhr.set_request_header("X-Requested-With", "XMLHttpRequest");
        phase.set(Phase::Uploading(0));
        // The multipart body is a little larger than the file.
        let limit = (MAX_FILE_BYTES + 64 * 1024) as f64;
        let sending = xhr.clone();
        listen(
            &xhr.upload(),
            "progress",
            move |ev: web_sys::ProgressEvent| {
                if !ev.length_computable() || ev.total() <= 0.0 {
                    return;
                }
                if ev.total() > limit {
                    sending.abort();
                    phase.set(Phase::Failed(Failure::TooLarge));
                    return;
                }
                let percent = (ev.loaded() / ev.total() * 100.0).clamp(0.0, 100.0) as u8;
                phase.set(if percent >= 100 {
                    Phase::Checking
                } else {
                    Phase::Uploading(percent)
                });
            },
        );
        listen(&xhr.upload(), "load", move |_: web_sys::Event| {
            if matches!(phase.get_untracked(), Phase::Uploading(_)) {
                phase.set(Phase::Checking);
            }
        });
        let answered = xhr.clone();
        listen(&xhr, "load", move |_: web_sys::Event| {
            let next = answered.response_text();
            match answered.status() {
                200 => match crate::domain::local_path::local_path(&next) {
                    Some(next) => {
                        let _ = window().location().set_href(&next);
                    }
                    None => phase.set(Phase::Failed(Failure::Network)),
                },
                401 | 403 => phase.set(Phase::Failed(Failure::Refused)),
                413 => phase.set(Phase::Failed(Failure::TooLarge)),
                _ => phase.set(Phase::Failed(Failure::Network)),
            }
        });
        listen(&xhr, "error", move |_: web_sys::Event| {
            phase.set(Phase::Failed(Failure::Network));
        });
        xhr.send(&FormData::new(form));
    }
}

/// The navigation's link, for those the server lets import.
#[component]
pub fn ImportLink() -> impl IntoView {
    let allowed = page_resource(|| (), |_| can_import());
    let location = use_location();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                allowed.await.unwrap_or(false).then(|| view! {
                    <a
                        href=IMPORT_PAGE
                        aria-current=move || (location.pathname.get() == IMPORT_PAGE).then_some("page")
                    >
                        {move || t().import_nav}
                    </a>
                })
            })}
        </Suspense>
    }
}

mod form;
mod report;
mod text;

use form::{Help, ProgressLine, UploadForm};
use report::PendingReport;
use text::{counted, units_and_members};
pub use text::{error_message, failure_text, field_label, sheet_label};
