//! `dangbo bench`: server-side timings of the pages and functions, printed as
//! figures (not a timed test). Requests go through the real router in-process,
//! so the numbers are server time: routing, SSR, database, no network.

use crate::commands::{self, CommandError};
use crate::router::{AppState, router};
use app::store::DynStore;
use axum::body::Body;
use axum::http::{Request, header};
use std::time::{Duration, Instant};
use tower::ServiceExt;

type MakeRequest = fn() -> Request<Body>;

pub struct Figures {
    pub name: &'static str,
    pub samples: Vec<Duration>,
}

impl Figures {
    fn quantile(&self, q: f64) -> Duration {
        let mut s = self.samples.clone();
        s.sort();
        let i = ((s.len() as f64 - 1.0) * q).round() as usize;
        s[i.min(s.len() - 1)]
    }

    pub fn line(&self) -> String {
        let ms = |d: Duration| format!("{:.2}", d.as_secs_f64() * 1000.0);
        format!(
            "{:<34} n={:<5} p50={:>7} ms  p95={:>7} ms  p99={:>7} ms  max={:>7} ms",
            self.name,
            self.samples.len(),
            ms(self.quantile(0.50)),
            ms(self.quantile(0.95)),
            ms(self.quantile(0.99)),
            ms(self.quantile(1.0)),
        )
    }
}

pub async fn run(store: DynStore, iterations: usize) -> Result<Vec<Figures>, CommandError> {
    let root = store
        .root_unit()
        .await?
        .ok_or_else(|| CommandError::Usage("the database holds no organisation".into()))?;
    let state = AppState::new(
        commands::leptos_options(([127, 0, 0, 1], 0).into(), None),
        store.clone(),
        crate::auth::AuthConfig::default(),
    )
    .await?;
    let app = router(state);

    let mut out = Vec::new();

    let mut samples = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let t = Instant::now();
        store.unit_summary(&root, 2020).await?;
        samples.push(t.elapsed());
    }
    out.push(Figures {
        name: "store: bloc summary",
        samples,
    });

    let requests: [(&'static str, MakeRequest); 3] = [
        ("GET / (home page, SSR)", || {
            Request::get("/").body(Body::empty()).expect("request")
        }),
        ("POST /api/summary", || {
            Request::post("/api/summary")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("year=2020"))
                .expect("request")
        }),
        ("GET /healthz", || {
            Request::get("/healthz")
                .body(Body::empty())
                .expect("request")
        }),
    ];
    for (name, make) in requests {
        // Warm up connections and caches once.
        let _ = app.clone().oneshot(make()).await;
        let mut samples = Vec::with_capacity(iterations);
        for _ in 0..iterations {
            let t = Instant::now();
            let res = app.clone().oneshot(make()).await.expect("infallible");
            let status = res.status();
            let _ = axum::body::to_bytes(res.into_body(), usize::MAX).await;
            samples.push(t.elapsed());
            if !status.is_success() {
                return Err(CommandError::Usage(format!("{name} answered {status}")));
            }
        }
        out.push(Figures { name, samples });
    }
    Ok(out)
}
