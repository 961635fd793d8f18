//! Every redirect the server answers goes through here: the target passes
//! the one local-path check of `domain` first, so no request value can send
//! a browser to another site or put an invalid `Location` header (a panic)
//! into a response.

use app::domain::local_path::local_or;
use axum::response::{IntoResponse, Redirect, Response};

/// 303 See Other to `path` when it is a path of this site, else to the home page.
pub fn to(path: &str) -> Response {
    Redirect::to(&local_or(Some(path), "/")).into_response()
}

/// A `next=`/`back=` value from a request: the path itself when it is local,
/// else the home page.
pub fn safe_next(next: Option<&str>) -> String {
    local_or(next, "/")
}
