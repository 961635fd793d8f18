//! The dashboard's figures as they change, over Server-Sent Events
//! (`/thong-ke/truc-tiep?don-vi=CODE&nam=YEAR&sap-xep=`). The stream is
//! authorized as the page is (the same `dashboard`), then listens to the
//! bus (`app::api::live`): when a write moved figures on its unit's path,
//! it reads the dashboard again — the viewer's own, in the viewer's scope;
//! events carry nothing else — and sends it when it differs from the last
//! one sent. A burst is gathered: at most one reading per `MIN_GAP`, the
//! first at once, the next one after the gap covering all that came in it. A comment every 15 s
//! keeps proxies from closing an idle stream; `X-Accel-Buffering: no` keeps
//! nginx from holding it back. A viewer whose scope ended is cut off at the
//! next change; every stream ends when the server shuts down.

use crate::http::{AppState, Caller, HttpError};
use app::api::live::Moved;
use app::api::stats::{DashboardData, STATS_STREAM, server::dashboard};
use app::domain::Actor;
use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderValue;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream;
use serde::Deserialize;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, broadcast};

/// Open streams at most (each holds a connection): the rest get 503.
pub const MAX_STREAMS: usize = 500;
/// The least time between two readings of one stream's figures.
pub const MIN_GAP: Duration = Duration::from_millis(200);
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The open streams' permits.
#[derive(Clone)]
pub struct Streams(Arc<Semaphore>);

impl Default for Streams {
    fn default() -> Self {
        Streams(Arc::new(Semaphore::new(MAX_STREAMS)))
    }
}

pub fn routes() -> Router<AppState> {
    Router::new().route(STATS_STREAM, get(open))
}

#[derive(Debug, Deserialize)]
struct Ask {
    #[serde(rename = "don-vi")]
    unit: Option<String>,
    #[serde(rename = "nam")]
    year: Option<i32>,
    #[serde(rename = "sap-xep")]
    order: Option<String>,
}

/// What one stream asks for and has sent.
struct Watch {
    state: AppState,
    actor: Actor,
    ask: Ask,
    path: String,
    year: i32,
    rx: broadcast::Receiver<Moved>,
    last: String,
    read_at: tokio::time::Instant,
    _permit: OwnedSemaphorePermit,
}

async fn open(
    State(state): State<AppState>,
    Caller(actor): Caller,
    query: Result<Query<Ask>, QueryRejection>,
) -> Result<Response, HttpError> {
    let Ok(Query(ask)) = query else {
        return Err(HttpError::invalid(|s| s.problem_request));
    };
    // Authorized exactly as the page: the same reading of the same figures.
    let first = read(&state, &actor, &ask).await?;
    let Ok(permit) = state.streams.0.clone().try_acquire_owned() else {
        return Ok(crate::serving::busy());
    };
    let path = state
        .store
        .unit_by_code(&first.unit.code)
        .await?
        .ok_or_else(HttpError::not_found)?
        .path;
    let watch = Watch {
        rx: state.live.subscribe(),
        year: first.year,
        last: serde_json::to_string(&first).unwrap_or_default(),
        read_at: tokio::time::Instant::now(),
        state,
        actor,
        ask,
        path,
        _permit: permit,
    };
    let closed = watch.state.live.closed();
    let events = stream::unfold(watch, next);
    let events = futures_util::StreamExt::take_until(events, closed);
    let mut res = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(HEARTBEAT))
        .into_response();
    let headers = res.headers_mut();
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    headers.insert(
        axum::http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    Ok(res)
}

async fn read(
    state: &AppState,
    actor: &Actor,
    ask: &Ask,
) -> Result<DashboardData, app::api::ApiError> {
    dashboard(
        &state.store,
        actor,
        ask.unit.clone(),
        ask.year,
        ask.order.clone(),
    )
    .await
}

/// Waits for a change on the stream's path, gathers the burst, and yields
/// the figures read again (skipping reads that changed nothing).
async fn next(mut w: Watch) -> Option<(Result<Event, Infallible>, Watch)> {
    loop {
        match w.rx.recv().await {
            Ok(moved) if moved.concerns(&w.path, w.year) => {}
            Ok(_) => continue,
            // Missed some: read again to be sure.
            Err(RecvError::Lagged(_)) => {}
            Err(RecvError::Closed) => return None,
        }
        tokio::time::sleep_until(w.read_at + MIN_GAP).await;
        // What came meanwhile is covered by the read below.
        while !matches!(
            w.rx.try_recv(),
            Err(broadcast::error::TryRecvError::Empty | broadcast::error::TryRecvError::Closed)
        ) {}
        w.read_at = tokio::time::Instant::now();
        let fresh = match read(&w.state, &w.actor, &w.ask).await {
            Ok(d) => d,
            Err(e) => {
                // Out of scope now (a position ended), or the database failed.
                tracing::info!(error = %e, "a live dashboard stream ended");
                return None;
            }
        };
        let json = match serde_json::to_string(&fresh) {
            Ok(j) => j,
            Err(e) => {
                tracing::error!(error = %e, "live figures could not be written");
                return None;
            }
        };
        if json == w.last {
            continue;
        }
        w.last = json.clone();
        return Some((Ok(Event::default().event("figures").data(json)), w));
    }
}

/// On PostgreSQL (one or several instances): every write `NOTIFY`s on
/// commit, and this relays each notice, this instance's own included, to
/// the streams — the one source, so nothing comes twice. After a lost
/// connection (notices sent meanwhile are lost), every open dashboard reads
/// its figures again. Ends when the server shuts down.
pub fn spawn_relay(url: String, live: Arc<app::api::live::Live>) {
    use app::api::live::CHANNEL;
    use sqlx::postgres::PgListener;
    let everything = || Moved {
        path: "/".into(),
        year: None,
    };
    live.relayed_by_database();
    tokio::spawn(async move {
        let stop = live.closed();
        tokio::pin!(stop);
        loop {
            let listener = async {
                let mut l = PgListener::connect(&url).await?;
                l.listen(CHANNEL).await?;
                Ok::<_, sqlx::Error>(l)
            };
            let mut listener = tokio::select! {
                () = &mut stop => return,
                l = listener => match l {
                    Ok(l) => l,
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot listen for other instances' changes; trying again");
                        tokio::time::sleep(Duration::from_secs(2)).await;
                        continue;
                    }
                },
            };
            // Whatever was missed while not listening: read again.
            live.relay(everything());
            loop {
                let got = tokio::select! {
                    () = &mut stop => return,
                    got = listener.try_recv() => got,
                };
                match got {
                    Ok(Some(n)) => match serde_json::from_str::<Moved>(n.payload()) {
                        Ok(moved) => live.relay(moved),
                        Err(e) => {
                            tracing::warn!(error = %e, "an unreadable notice of changed figures")
                        }
                    },
                    // Reconnected by the next call; notices meanwhile are lost.
                    Ok(None) => live.relay(everything()),
                    Err(e) => {
                        tracing::warn!(error = %e, "lost the other instances' changes; listening again");
                        break;
                    }
                }
            }
        }
    });
}
