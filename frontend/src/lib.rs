//! The browser entry: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy: the pages' code comes in chunks (ui::routes).
    leptos::mount::hydrate_lazy(app::ui::App);
}
