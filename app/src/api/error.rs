//! The one error type of the API layer. Variants carry no internals: those are
//! logged on the server, and the UI turns each variant into a sentence in the
//! user's language.

use crate::domain::problem::Problem;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    /// 401: not logged in.
    #[error("not logged in")]
    Unauthorized,
    /// 403: logged in, but out of scope.
    #[error("out of scope")]
    Forbidden,
    /// 404: missing, or not to be revealed.
    #[error("not found")]
    NotFound,
    /// 409: a stale version.
    #[error("version conflict")]
    Conflict,
    /// 422: refused for a reason the page names from its type.
    #[error("refused: {0:?}")]
    Refused(Problem),
    /// 500: details are in the server log only.
    #[error("internal error")]
    Internal,
    /// The request never reached the function (network, encoding).
    #[error("transport: {0}")]
    Transport(String),
}

impl ApiError {
    /// A refusal for a field: the page names the field and what is wrong.
    pub fn field(
        field: crate::domain::problem::Field,
        problem: crate::domain::problem::FieldProblem,
    ) -> Self {
        ApiError::Refused(Problem::Field { field, problem })
    }

    /// A value only a crafted request would send (a page, an order, a cursor).
    pub fn request() -> Self {
        ApiError::Refused(Problem::Request)
    }

    pub fn status(&self) -> u16 {
        match self {
            ApiError::Unauthorized => 401,
            ApiError::Forbidden => 403,
            ApiError::NotFound => 404,
            ApiError::Conflict => 409,
            ApiError::Refused(_) => 422,
            ApiError::Internal | ApiError::Transport(_) => 500,
        }
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server these three come only from reading the request: a
        // field missing, of the wrong type, or a body that is not UTF-8 (or
        // over the size limit). That is the caller's input, refused as such
        // (422), not a failure of the server; the details go to the log.
        #[cfg(feature = "ssr")]
        if let ServerFnErrorErr::Args(_)
        | ServerFnErrorErr::MissingArg(_)
        | ServerFnErrorErr::Deserialization(_) = &value
        {
            tracing::info!(error = %value, "server function arguments refused");
            return respond(ApiError::Refused(Problem::Request));
        }
        ApiError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            crate::store::StoreError::Conflict => ApiError::Conflict,
            // A row asked for by what the caller sent that is not there (the
            // caller's scope was checked first), or a value the store refuses
            // (too long, out of range): the caller's, not the server's.
            crate::store::StoreError::NotFound => ApiError::NotFound,
            crate::store::StoreError::Invalid(detail) => {
                tracing::info!(%detail, "store refused a value");
                ApiError::Refused(Problem::Request)
            }
            e => {
                tracing::error!(error = %e, "store error");
                ApiError::Internal
            }
        }
    }
}

/// Sets the HTTP status of the current response to match `e` and returns it.
/// A plain form post (one that accepts HTML, made before or without the
/// WASM) keeps the redirect Leptos answers it with, back to the form with
/// the error in `?__err=`: a browser does not follow a 422.
#[cfg(feature = "ssr")]
pub fn respond(e: ApiError) -> ApiError {
    use leptos::prelude::use_context;
    let plain_form_post = use_context::<axum::http::request::Parts>().is_some_and(|p| {
        p.method == axum::http::Method::POST
            && p.uri.path().starts_with("/api/")
            && p.headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    });
    if !plain_form_post
        && let Some(res) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(code) = axum::http::StatusCode::from_u16(e.status())
    {
        res.set_status(code);
    }
    e
}
