//! The flags a form's redirect puts on the address to say what was done
//! (`?da-luu=1`, `?da-duyet=3`), which the page shows as a notice.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The value of the flag `name` on the address, unless the post came back
/// refused (`__err`). Followed as the address changes: with JavaScript a
/// page may be drawn again with its new data before the router has moved to
/// the redirect's address, and a flag read only once would miss the notice.
pub fn redirect_flag(name: &'static str) -> Signal<Option<String>> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get(name).filter(|_| q.get("__err").is_none())))
}
