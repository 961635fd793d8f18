//! `/lang/{code}`: the language switch for browsers without (or before) the
//! WASM.

use crate::auth::handlers::safe_next;
use crate::http::AppState;
use app::domain::Locale;
use axum::Router;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/lang/{code}", get(switch_language))
}

#[derive(Deserialize)]
struct Back {
    back: Option<String>,
}

/// The language switch for browsers without (or before) the WASM: remember
/// the choice in a cookie and go back to the page. A language that cannot be
/// read is no language; a `back` that cannot be read (given twice, say) is
/// no page to go back to.
async fn switch_language(
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<Back>, QueryRejection>,
) -> Response {
    let Some(locale) = code.ok().and_then(|Path(code)| Locale::parse(&code)) else {
        return (
            StatusCode::NOT_FOUND,
            "Không có ngôn ngữ này. / No such language.",
        )
            .into_response();
    };
    // Only same-site paths: never an open redirect.
    let back = safe_next(query.ok().and_then(|Query(q)| q.back).as_deref());
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        Locale::COOKIE,
        locale.code()
    );
    let mut res = crate::redirect::to(&back);
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}
