//! Plain-text answers of the form handlers (the requests pages make without
//! a server function), in the caller's language, from the pages' own locale
//! tables.

use app::domain::Locale;
use app::ui::i18n::{Strings, strings};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// The caller's language: the cookie's choice, else `Accept-Language`.
pub fn locale(headers: &HeaderMap) -> Locale {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    header(COOKIE)
        .and_then(Locale::from_cookie_header)
        .unwrap_or_else(|| Locale::from_accept_language(header(ACCEPT_LANGUAGE).unwrap_or("")))
}

/// `status` with the text `pick` chooses, in `locale`.
pub fn text(
    status: StatusCode,
    locale: Locale,
    pick: fn(&'static Strings) -> &'static str,
) -> Response {
    (
        status,
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        pick(strings(locale)),
    )
        .into_response()
}

/// A failure of ours: logged in full, answered with the general apology.
pub fn failed(locale: Locale, what: &str, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "{what} failed");
    text(StatusCode::INTERNAL_SERVER_ERROR, locale, |s| {
        s.error_internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_in_the_callers_language() {
        let mut h = HeaderMap::new();
        assert_eq!(locale(&h), Locale::Vi);
        h.insert(ACCEPT_LANGUAGE, "en-GB,en;q=0.9".parse().unwrap());
        assert_eq!(locale(&h), Locale::En);
        h.insert(COOKIE, format!("{}=vi", Locale::COOKIE).parse().unwrap());
        assert_eq!(locale(&h), Locale::Vi, "the cookie's choice wins");
    }
}
