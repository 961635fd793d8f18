//! The one error of the HTTP handlers (form posts, downloads, streams): a
//! status and a sentence from the locale tables. The sentence is written in
//! both languages ("…vi… / …en…": a download has no page around it);
//! [`localize`] rewrites it in the caller's language on the way out when
//! the request says one, so a handler only says what went wrong.

use crate::blocking::Busy;
use app::api::ApiError;
use app::domain::Locale;
use app::domain::authz::{Action, Actor, Target, can};
use app::labels::{Strings, fill, strings};
use app::store::StoreError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// A sentence of the locale tables, with the values of its placeholders.
#[derive(Debug, Clone)]
pub struct Text {
    pick: fn(&'static Strings) -> &'static str,
    values: Vec<(&'static str, String)>,
}

impl Text {
    pub fn of(pick: fn(&'static Strings) -> &'static str) -> Self {
        Text {
            pick,
            values: Vec::new(),
        }
    }

    /// Fills `{key}` with `value`.
    pub fn with(mut self, key: &'static str, value: impl ToString) -> Self {
        self.values.push((key, value.to_string()));
        self
    }

    pub fn in_locale(&self, locale: Locale) -> String {
        let values: Vec<(&str, &str)> = self.values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill((self.pick)(strings(locale)), &values)
    }

    /// For a caller who named no language: Vietnamese, then English.
    pub fn in_both(&self) -> String {
        format!(
            "{} / {}",
            self.in_locale(Locale::Vi),
            self.in_locale(Locale::En)
        )
    }
}

/// What a handler answers when it does not do what was asked.
#[derive(Debug)]
pub enum HttpError {
    /// 401: not logged in.
    Unauthorized,
    /// 403, saying what the caller may not do.
    Forbidden(Text),
    /// 404, saying what is not there (or not to be revealed).
    NotFound(Text),
    /// 409: someone changed it first.
    Conflict,
    /// 422: what was sent is refused, and why.
    Invalid(Text),
    /// No place for heavy work freed in time (503 with `Retry-After`), or
    /// the job failed (500).
    Busy(Busy),
    /// 500: ours. Logged with what failed; the caller gets the apology.
    Internal(String),
}

impl HttpError {
    pub fn forbidden() -> Self {
        HttpError::Forbidden(Text::of(|s| s.error_forbidden))
    }

    pub fn not_found() -> Self {
        HttpError::NotFound(Text::of(|s| s.error_not_found))
    }

    pub fn invalid(pick: fn(&'static Strings) -> &'static str) -> Self {
        HttpError::Invalid(Text::of(pick))
    }

    /// A failure of ours, logged with `what` failed.
    pub fn internal(what: &str, e: impl std::fmt::Display) -> Self {
        HttpError::Internal(format!("{what}: {e}"))
    }

    /// 401 for a visitor, `forbidden` for anyone logged in.
    pub fn refusal(actor: &Actor, forbidden: Text) -> Self {
        match actor {
            Actor::Anonymous => HttpError::Unauthorized,
            Actor::User(_) => HttpError::Forbidden(forbidden),
        }
    }

    /// Nothing when the domain's `can` lets `actor` take `action` on
    /// `target`; else its [`refusal`](Self::refusal), before anything is read.
    pub fn require(
        actor: &Actor,
        action: Action,
        target: Target<'_>,
        forbidden: Text,
    ) -> Result<(), Self> {
        if can(actor, action, target) {
            Ok(())
        } else {
            Err(HttpError::refusal(actor, forbidden))
        }
    }
}

impl From<StoreError> for HttpError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => HttpError::not_found(),
            StoreError::Conflict => HttpError::Conflict,
            StoreError::Invalid(detail) => {
                tracing::info!(%detail, "store refused a value");
                HttpError::invalid(|s| s.problem_request)
            }
            e => HttpError::internal("store", e),
        }
    }
}

impl From<Busy> for HttpError {
    fn from(e: Busy) -> Self {
        HttpError::Busy(e)
    }
}

/// A server function's error, for handlers that answer what one decides.
impl From<ApiError> for HttpError {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Unauthorized => HttpError::Unauthorized,
            ApiError::Forbidden => HttpError::forbidden(),
            ApiError::NotFound => HttpError::not_found(),
            ApiError::Conflict => HttpError::Conflict,
            ApiError::Refused(_) => HttpError::invalid(|s| s.problem_request),
            e => HttpError::internal("api", e),
        }
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let (status, text) = match self {
            HttpError::Unauthorized => {
                (StatusCode::UNAUTHORIZED, Text::of(|s| s.error_unauthorized))
            }
            HttpError::Forbidden(t) => (StatusCode::FORBIDDEN, t),
            HttpError::NotFound(t) => (StatusCode::NOT_FOUND, t),
            HttpError::Conflict => (StatusCode::CONFLICT, Text::of(|s| s.error_conflict)),
            HttpError::Invalid(t) => (StatusCode::UNPROCESSABLE_ENTITY, t),
            HttpError::Busy(busy) => return busy.response(),
            HttpError::Internal(e) => {
                tracing::error!(error = %e, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Text::of(|s| s.error_internal),
                )
            }
        };
        let mut res = (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            text.in_both(),
        )
            .into_response();
        res.extensions_mut().insert(text);
        res
    }
}

/// Writes an error's sentence in the caller's language when the request
/// names one (the cookie's choice, or `Accept-Language`, as every browser
/// sends); both languages are already there for one that does not.
pub async fn localize(req: Request, next: Next) -> Response {
    let locale = super::extract::named_locale(req.headers());
    let mut res = next.run(req).await;
    if let Some(text) = res.extensions_mut().remove::<Text>()
        && let Some(locale) = locale
    {
        res.headers_mut().remove(header::CONTENT_LENGTH);
        *res.body_mut() = Body::from(text.in_locale(locale));
    }
    res
}
