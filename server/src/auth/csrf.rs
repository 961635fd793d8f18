//! Cross-site request forgery: a state-changing request must name this site
//! in its `Origin` (or, failing that, `Referer`) header; one that names
//! another site, or neither, is refused. Browsers send `Origin` with every
//! form post and fetch (Chromium, Firefox and Safari alike, same-site too),
//! so a request without either did not come from a page of this site. The
//! session cookie is also `SameSite=Lax`, so this is the second fence, not
//! the only one.

use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn same_origin_only(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    match (source, host) {
        (Some(source), Some(host)) if authority(source) == Some(host) => next.run(req).await,
        _ => {
            tracing::warn!(origin = ?source, host = ?host, "cross-origin request refused");
            (
                StatusCode::FORBIDDEN,
                "Yêu cầu bị từ chối: gửi từ trang web khác. / Request refused: sent from another site.",
            )
                .into_response()
        }
    }
}

/// `host[:port]` of an absolute http(s) URL; `None` for anything else
/// (including the `null` origin of sandboxed frames).
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|a| !a.is_empty())
}

#[cfg(test)]
mod tests {
    use super::authority;

    #[test]
    fn authority_of_origins_and_referers() {
        assert_eq!(authority("http://127.0.0.1:3000"), Some("127.0.0.1:3000"));
        assert_eq!(
            authority("https://dangbo.example/x?y"),
            Some("dangbo.example")
        );
        assert_eq!(authority("null"), None);
        assert_eq!(authority("file:///etc"), None);
        assert_eq!(authority("http://"), None);
    }
}
