//! The browser entry: hydrates the server-rendered page.
// The pages' view types nest deeply; the default limit of 128 is not
// enough for a release build (debug builds erase them).
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::ui::App);
}
