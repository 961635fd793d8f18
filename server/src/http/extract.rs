//! What a handler takes from a request besides its form: who calls, a
//! logged-in user where one is needed, the client's address; and the
//! language a request names.

use super::HttpError;
use crate::auth::client::ClientIp;
use app::domain::Locale;
use app::domain::authz::{Actor, User};
use app::domain::client::throttle_key;
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use axum::http::request::Parts;
use std::convert::Infallible;

/// The caller, as `auth::session::resolve_actor` found them (a visitor
/// where it did not run).
pub struct Caller(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Caller(
            parts
                .extensions
                .get::<Actor>()
                .cloned()
                .unwrap_or(Actor::Anonymous),
        ))
    }
}

/// A logged-in caller; a visitor is answered 401.
pub struct SignedIn(pub User);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Actor>() {
            Some(Actor::User(u)) => Ok(SignedIn(u.clone())),
            _ => Err(HttpError::Unauthorized),
        }
    }
}

/// The client's address (see `auth::client`): as the audit log writes it,
/// and as logins are counted (an IPv6 client's /64).
pub struct ClientAddr {
    pub audit: String,
    pub throttle: String,
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts.extensions.get::<ClientIp>().map(|c| c.0);
        Ok(ClientAddr {
            audit: ip.map_or_else(|| "unknown".into(), |ip| ip.to_string()),
            throttle: ip.map_or_else(|| "unknown".into(), throttle_key),
        })
    }
}

/// The language the request names, if it names one: the cookie's choice,
/// else `Accept-Language`.
pub fn named_locale(headers: &HeaderMap) -> Option<Locale> {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    header(COOKIE)
        .and_then(Locale::from_cookie_header)
        .or_else(|| header(ACCEPT_LANGUAGE).map(Locale::from_accept_language))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_in_the_callers_language() {
        let mut h = HeaderMap::new();
        assert_eq!(named_locale(&h), None, "none named: both languages");
        h.insert(ACCEPT_LANGUAGE, "en-GB,en;q=0.9".parse().unwrap());
        assert_eq!(named_locale(&h), Some(Locale::En));
        h.insert(COOKIE, format!("{}=vi", Locale::COOKIE).parse().unwrap());
        assert_eq!(
            named_locale(&h),
            Some(Locale::Vi),
            "the cookie's choice wins"
        );
    }
}
