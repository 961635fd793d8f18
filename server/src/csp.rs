//! Content-Security-Policy. Every response gets one, set here rather than by
//! the page (a header left in Leptos's response options was, now and then,
//! missing from the first page of a run). Pages allow their own inline
//! hydration scripts by a nonce made per response, handed to Leptos through
//! the request's extensions.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The nonce of one response.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// For everything that is not a page: nothing inline, no framing.
const STRICT: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

pub async fn content_security_policy(mut req: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new().as_inner().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let is_page = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if is_page {
        HeaderValue::from_str(&page_policy(&nonce)).unwrap_or(HeaderValue::from_static(STRICT))
    } else {
        HeaderValue::from_static(STRICT)
    };
    res.headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, policy);
    res
}

/// Inside a page render: makes Leptos use this response's nonce.
pub fn provide_page_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<CspNonce>().cloned());
    match nonce {
        Some(n) => provide_context(leptos::nonce::Nonce::from_value(n.0)),
        // Not through the middleware (should not happen): a fresh one, which
        // the strict policy will refuse, rather than none at all.
        None => leptos::nonce::provide_nonce(),
    }
}
