//! UI strings from `locales/*.json` (compiled in by build.rs), and the current
//! locale as a signal: chosen on the server from the cookie, else from
//! `Accept-Language`; read back in the browser from `<html lang>` so hydration
//! matches; switched in place after hydration, and by a plain link before it.

use crate::domain::Locale;
use leptos::prelude::*;

pub use crate::labels::{Strings, fill, strings};

#[derive(Clone, Copy)]
struct CurrentLocale(RwSignal<Locale>);

pub fn provide_locale() {
    provide_context(CurrentLocale(RwSignal::new(initial_locale())));
}

pub fn use_locale() -> RwSignal<Locale> {
    use_context::<CurrentLocale>()
        .map(|c| c.0)
        .unwrap_or_else(|| RwSignal::new(Locale::default()))
}

/// The strings of the current locale (reactive when read inside a closure).
pub fn t() -> &'static Strings {
    strings(use_locale().get())
}

/// Text for `<Title text=…/>`, picked from the current locale's strings.
///
/// Titles are rendered after the page, outside the request's reactive owner:
/// leptos_meta calls a title's closures only when it writes `<head>`, on
/// whichever worker the response resumed, where the current owner and arena
/// may be another request's or none. A closure calling `t()` then read
/// another request's locale, or a disposed value and panicked. So the server
/// resolves the text now, under this request's owner, and the title keeps a
/// plain string; the browser stays reactive over the locale signal taken
/// now, so the title follows a switch of language in place.
///
/// Nothing given to `<Title>` may call `t()` or `use_context`, or read a
/// signal it did not capture when it was created.
pub fn page_title(
    pick: impl Fn(&'static Strings) -> String + Send + Sync + 'static,
) -> leptos::text_prop::TextProp {
    #[cfg(feature = "ssr")]
    {
        leptos::text_prop::TextProp::from(pick(t()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        let locale = use_locale();
        leptos::text_prop::TextProp::from(move || pick(strings(locale.get())))
    }
}

/// The formatter of every page's title (`<Title formatter=…/>`): the page's
/// title, then the app's. Resolved now on the server, reactive over the
/// locale taken now in the browser; see [`page_title`].
pub fn title_formatter() -> impl Fn(String) -> String + Send + Sync + 'static {
    #[cfg(feature = "ssr")]
    let suffix = {
        let suffix = t().page_title_suffix;
        move || suffix
    };
    #[cfg(not(feature = "ssr"))]
    let suffix = {
        let locale = use_locale();
        move || strings(locale.get()).page_title_suffix
    };
    move |title| format!("{title} · {}", suffix())
}

/// The request's language (server functions answering outside a page).
#[cfg(feature = "ssr")]
pub(crate) fn initial_locale() -> Locale {
    use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return Locale::default();
    };
    let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
    header(COOKIE)
        .and_then(Locale::from_cookie_header)
        .unwrap_or_else(|| Locale::from_accept_language(header(ACCEPT_LANGUAGE).unwrap_or("")))
}

#[cfg(not(feature = "ssr"))]
fn initial_locale() -> Locale {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|lang| Locale::parse(&lang))
        .unwrap_or_default()
}

/// Remembers the choice for this browser (a year), as the server's
/// `/lang/{code}` route does for clicks before hydration.
#[cfg(feature = "hydrate")]
pub fn remember(locale: Locale) {
    use wasm_bindgen::JsCast;
    if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
        let _ = doc.set_cookie(&format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            Locale::COOKIE,
            locale.code()
        ));
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn remember(_locale: Locale) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::{EN, VI};

    #[test]
    fn both_locales_are_complete_and_fill_placeholders() {
        assert_eq!(VI.stat_members, "Đảng viên");
        assert_eq!(EN.stat_members, "Party members");
        assert_eq!(fill(VI.home_as_of_year, &[("year", "2020")]), "Năm 2020");
    }
}
