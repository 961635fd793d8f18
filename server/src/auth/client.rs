//! The client's address of every request, resolved once: the peer, or behind
//! a trusted reverse proxy the client it names (see `domain::client`).

use crate::http::AppState;
use app::domain::client::{client_ip, throttle_key};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};

/// The request's client, as an extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if let Some(peer) = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
    {
        let values = |name| -> Vec<&str> {
            req.headers()
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect()
        };
        let ip = client_ip(
            peer,
            &state.auth.trusted_proxies,
            &values(header::HeaderName::from_static("x-forwarded-for")),
            &values(header::FORWARDED),
        );
        req.extensions_mut().insert(ClientIp(ip));
    }
    next.run(req).await
}

/// The client's address for the audit log.
pub fn client_address(req: &Request) -> String {
    req.extensions()
        .get::<ClientIp>()
        .map(|c| c.0.to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The address logins are counted under (an IPv6 client's /64).
pub fn throttle_address(req: &Request) -> String {
    req.extensions()
        .get::<ClientIp>()
        .map(|c| throttle_key(c.0))
        .unwrap_or_else(|| "unknown".into())
}
