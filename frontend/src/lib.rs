//! The browser entry: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronous: each page's code comes in its own chunk (ui::routes).
    wasm_bindgen_futures::spawn_local(async {
        let document = leptos::prelude::document();
        let Some(body) = document.body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body, app::ui::App)
            .await
            .forget();
        // Marks the page as interactive only once the page's own chunk has
        // hydrated too (tests and styles tell server-rendered from hydrated).
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("data-hydrated", "true");
        }
    });
}
