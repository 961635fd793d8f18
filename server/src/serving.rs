//! The HTTP server around the router, built to hold under slow clients,
//! floods and faults:
//!
//! - each connection must send a request's headers within
//!   [`Limits::header_read`], and an idle kept-alive connection is closed
//!   after the same time (hyper starts that clock whenever it waits for a
//!   request), so slow or silent clients cannot pile up (slowloris);
//! - at most [`Limits::max_connections`] connections are open; one more is
//!   answered 503 and closed at once;
//! - at most [`Limits::max_in_flight`] requests are handled at once; more get
//!   503 with `Retry-After` straight away instead of queueing without end;
//! - a request taking longer than [`Limits::request`] is answered 503 (and
//!   logged), so that a hang becomes a visible error rather than silence;
//! - a panic in a handler answers a 500 page (and is logged) instead of
//!   dropping the connection without a word;
//! - on shutdown the server stops accepting, lets requests in progress
//!   finish, and returns after [`Limits::shutdown_grace`] at the latest.

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;

/// How much the server takes at once, and how long it waits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time to send a request's headers, and the longest a kept-alive
    /// connection may sit idle.
    pub header_read: Duration,
    /// Time to answer one request (its body may stream on after that).
    pub request: Duration,
    /// Time to answer an upload (imports of large spreadsheets on slow lines).
    pub upload: Duration,
    pub max_connections: usize,
    pub max_in_flight: usize,
    /// Time requests in progress get to finish at shutdown.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(30),
            upload: Duration::from_secs(120),
            max_connections: 2_048,
            max_in_flight: 512,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Seconds a client is told to wait after a 503.
const RETRY_AFTER: u64 = 2;

/// A short page for the answers the server gives on its own (503, 500),
/// in both languages since no locale is known there.
fn plain_page(status: StatusCode, text: &'static str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>dangbo</title></head><body><main><p>{text}</p>\
         <p><a href=\"/\">Trang chủ / Home</a></p></main></body></html>"
    );
    let mut res = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER));
    }
    res
}

pub fn busy() -> Response {
    plain_page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Hệ thống đang bận. Vui lòng thử lại sau ít giây. / \
         The server is busy; please try again in a few seconds.",
    )
}

fn timed_out() -> Response {
    plain_page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Yêu cầu xử lý quá lâu và đã dừng; dữ liệu chưa lưu thì không bị ghi dở. \
         Vui lòng thử lại. / The request took too long and was stopped; \
         nothing was half-written. Please try again.",
    )
}

fn panicked(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = what, "a request handler panicked");
    failed()
}

/// 500: something went wrong on the server (already logged by the caller).
pub fn failed() -> Response {
    plain_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Hệ thống gặp sự cố khi xử lý yêu cầu này. Vui lòng thử lại. / \
         Something went wrong with this request; please try again.",
    )
}

/// Wraps the router in the limits that apply to every request.
pub fn protect(router: Router, limits: Limits) -> Router {
    let in_flight = Arc::new(Semaphore::new(limits.max_in_flight.max(1)));
    router
        .layer(CatchPanicLayer::custom(panicked))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            deadline(limits, req, next)
        }))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let in_flight = in_flight.clone();
            async move {
                match in_flight.try_acquire_owned() {
                    Ok(_permit) => next.run(req).await,
                    Err(_) => {
                        tracing::warn!("over the in-flight request limit: 503");
                        busy()
                    }
                }
            }
        }))
}

async fn deadline(limits: Limits, req: Request, next: Next) -> Response {
    // The import page's post carries the spreadsheet.
    let upload = req.method() == axum::http::Method::POST
        && req.uri().path() == app::api::import::IMPORT_PAGE;
    let limit = if upload {
        limits.upload
    } else {
        limits.request
    };
    // Kept for the log line (a cheap clone: the URI shares its bytes).
    let uri = req.uri().clone();
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::error!(
                path = uri.path(),
                seconds = limit.as_secs(),
                "request timed out"
            );
            timed_out()
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then lets the
/// requests in progress finish within the grace time.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let router = protect(router, limits);
    let connections = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .keep_alive(true);
    let http = Arc::new(http);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    // Out of file descriptors and the like: wait, don't spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let service = router
            .clone()
            .map_request(move |mut req: Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                req
            });
        let conn = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            seconds = limits.shutdown_grace.as_secs(),
            "requests still running at shutdown were cut off"
        );
    }
    Ok(())
}

/// One connection too many: a 503 written straight to the socket, then closed.
async fn refuse(mut stream: tokio::net::TcpStream) {
    const ANSWER: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
        Content-Type: text/plain; charset=utf-8\r\nRetry-After: 2\r\n\
        Connection: close\r\nContent-Length: 25\r\n\r\nServer busy; try again.\r\n";
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(ANSWER)).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;

    fn get_req(path: &str) -> Request {
        Request::get(path).body(Body::empty()).unwrap()
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_a_500_page() {
        let app = protect(
            Router::new().route(
                "/p",
                get(|| async {
                    panic!("boom");
                    #[allow(unreachable_code)]
                    ()
                }),
            ),
            Limits::default(),
        );
        let res = app.oneshot(get_req("/p")).await.unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(res.into_body(), 10_000).await.unwrap();
        assert!(String::from_utf8_lossy(&body).contains("Vui lòng thử lại"));
    }

    #[tokio::test]
    async fn a_request_past_its_time_is_a_503() {
        let limits = Limits {
            request: Duration::from_millis(100),
            ..Limits::default()
        };
        let app = protect(
            Router::new().route(
                "/slow",
                get(|| async { tokio::time::sleep(Duration::from_secs(5)).await }),
            ),
            limits,
        );
        let started = std::time::Instant::now();
        let res = app.oneshot(get_req("/slow")).await.unwrap();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn requests_past_the_in_flight_limit_are_refused_at_once() {
        let limits = Limits {
            max_in_flight: 1,
            ..Limits::default()
        };
        let gate = Arc::new(tokio::sync::Notify::new());
        let wait = gate.clone();
        let app = protect(
            Router::new().route(
                "/hold",
                get(move || {
                    let wait = wait.clone();
                    async move { wait.notified().await }
                }),
            ),
            limits,
        );
        let first = tokio::spawn(app.clone().oneshot(get_req("/hold")));
        tokio::time::sleep(Duration::from_millis(50)).await;
        let second = app.clone().oneshot(get_req("/hold")).await.unwrap();
        assert_eq!(second.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(second.headers().contains_key(header::RETRY_AFTER));
        gate.notify_one();
        assert_eq!(first.await.unwrap().unwrap().status(), StatusCode::OK);
    }
}
