//! `dangbo bench`: server-side timings of the pages and functions, printed as
//! figures (not a timed test). Requests go through the real router in-process,
//! so the numbers are server time: routing, SSR, database, no network. The org
//! chart's store calls are timed directly (DESIGN.md budgets: a chart level
//! ≤ 20 ms, any subtree's figures ≤ 50 ms at national scale).

use crate::commands::{self, CommandError};
use crate::router::{AppState, router};
use app::domain::UnitKind;
use app::domain::org::{LevelCursor, MemberSort, OrgNode, search_terms};
use app::store::org::MemberQuery;
use app::store::{DynStore, StoreError, model::Unit};
use axum::body::Body;
use axum::http::{Request, header};
use std::future::Future;
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

/// `url` is the store's database: on PostgreSQL the bench also opens it as
/// two more instances, to time the push from one to the other.
/// A part of the bench, to time alone (at national scale a whole run takes
/// long).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// The summary, the chart and a committee's page, the home page.
    Org,
    /// Filing and reviewing commitments.
    Commitments,
    /// Proposals, decisions and badges.
    Commendations,
    /// The committee's dashboard and its live figures.
    Statistics,
}

pub async fn run(
    store: DynStore,
    url: &str,
    iterations: usize,
    only: Option<Part>,
) -> Result<Vec<Figures>, CommandError> {
    let part = |p: Part| only.is_none_or(|o| o == p);
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
    let live = state.live.clone();
    let app = router(state);

    let mut out = Vec::new();
    if part(Part::Org) {
        out.extend(org_part(&app, &store, &root, iterations).await?);
    }
    if part(Part::Commitments) {
        out.extend(commitments(&app, &store, iterations).await?);
    }
    if part(Part::Commendations) {
        out.extend(commendations(&app, &store, iterations).await?);
    }
    if part(Part::Statistics) {
        out.extend(statistics(&app, &store, &live, iterations).await?);
        if store.backend() == app::store::Backend::Postgres {
            out.extend(across_instances(url).await?);
        }
    }
    Ok(out)
}

/// The organisation's reads: the summary, the chart, a committee's page,
/// and the home page, a summary and the health check as requests.
async fn org_part(
    app: &axum::Router,
    store: &DynStore,
    root: &Unit,
    iterations: usize,
) -> Result<Vec<Figures>, CommandError> {
    let mut out = Vec::new();
    let mut samples = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let t = Instant::now();
        store.unit_summary(root, 2020).await?;
        samples.push(t.elapsed());
    }
    out.push(Figures {
        name: "store: bloc summary",
        samples,
    });
    out.extend(org(store, root, iterations).await?);

    let requests: [(&'static str, MakeRequest); 3] = [
        ("GET / (home page, SSR)", || {
            Request::get("/").body(Body::empty()).expect("request")
        }),
        ("POST /api/summary", || {
            same_site(Request::post("/api/summary"))
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

/// Committed changes pushed to an open dashboard at most (budget: p99 ≤
/// 100 ms on one instance, ≤ 250 ms across two).
const LIVE_CHANGES: usize = 200;

/// The committee's dashboard (budget: ≤ 50 ms server time for the bloc):
/// its figures from the store, the server function, the page; then the
/// bloc's dashboard open as a stream while commitments move one at a time
/// (`steps`), committed through the store and announced as the server
/// function does, timed from before the write to the figures arriving on
/// the stream. Writes: run on a scratch database.
async fn statistics(
    app: &axum::Router,
    store: &DynStore,
    live: &app::api::live::Live,
    iterations: usize,
) -> Result<Vec<Figures>, CommandError> {
    use app::domain::cohort::probation_due_by;
    use app::domain::stats::Drill;
    // The store's part runs on any organisation (a generated national one
    // has no demo logins); the requests and the stream need the bloc's.
    let Some(year) = store.years().await?.into_iter().map(|y| y.year).max() else {
        return Ok(Vec::new());
    };
    let root = store
        .root_unit()
        .await?
        .ok_or_else(|| CommandError::Usage("no organisation".into()))?;
    let today = app::api::context::today(store)
        .await
        .map_err(|e| CommandError::Usage(e.to_string()))?;
    let mut out = vec![
        time("store: dashboard figures (bloc)", iterations, || async {
            store.unit_summary(&root, year).await?;
            store.year_figures(root.id, year).await?;
            store.organisation_grades(root.id, year).await?;
            store.targets(root.id, year).await?;
            store.body_counts(root.id).await?;
            store.cohorts(root.id).await?;
            store.badges_due(root.id).await?;
            store.commended_by_form(&root.path, year).await?;
            store
                .probation_due(root.id, probation_due_by(today))
                .await?;
            store
                .child_figures(root.id, year, app::api::stats::STATS_ROWS + 1)
                .await
        })
        .await?,
    ];
    // A list's first and last page (the page limit's), and a list whose
    // members are few and spread out (probations ending).
    let last = (app::api::stats::DRILL_PAGES - 1) * app::api::stats::DRILL_ROWS;
    for (name, drill, offset) in [
        (
            "store: members behind a figure, page 1 (bloc, not started)",
            Drill::NotStarted,
            0,
        ),
        (
            "store: members behind a figure, last page (bloc, not started)",
            Drill::NotStarted,
            last,
        ),
        (
            "store: members behind a figure, page 1 (bloc, probations ending)",
            Drill::ProbationDue,
            0,
        ),
    ] {
        out.push(
            time(name, iterations, || async {
                store
                    .drill(root.id, year, drill, probation_due_by(today), offset, 51)
                    .await
            })
            .await?,
        );
    }
    let Some((year, bloc)) = newest_year_and(store, "bloc standing committee member").await? else {
        return Ok(out);
    };
    let cookie = log_in(app, &bloc).await?;
    for (name, path, body) in [
        (
            "POST /api/stats/dashboard (bloc)",
            "/api/stats/dashboard",
            format!("year={year}"),
        ),
        ("GET /thong-ke (dashboard, SSR)", "/thong-ke", String::new()),
    ] {
        out.push(time_requests(app, &cookie, name, path, body, iterations).await?);
    }

    let mut events = open_stream(app, &cookie, year).await?;
    let rows = store.subtree_commitments(&root.path, year).await?;
    let samples = time_pushes(&mut events, store, live, year, steps(&rows, LIVE_CHANGES)).await?;
    if !samples.is_empty() {
        out.push(Figures {
            name: "change committed → figures pushed",
            samples,
        });
    }
    Ok(out)
}

/// Two instances on one PostgreSQL database, as `dangbo serve` runs them
/// (budget: p99 ≤ 250 ms): each its own store, bus and `LISTEN` relay; the
/// bloc's dashboard open as a stream on A, the changes committed through B
/// (its `NOTIFY` in the writing transaction, as the server functions'
/// writes), timed from before the write to the figures arriving on A's
/// stream. Writes: run on a scratch database.
async fn across_instances(url: &str) -> Result<Vec<Figures>, CommandError> {
    let Some(a) = BenchInstance::start(url).await? else {
        return Ok(Vec::new());
    };
    let b = BenchInstance::start(url).await?;
    let result = async {
        let Some(b) = &b else {
            return Ok(Vec::new());
        };
        let Some((year, bloc)) =
            newest_year_and(&a.store, "bloc standing committee member").await?
        else {
            return Ok(Vec::new());
        };
        let root = a
            .store
            .root_unit()
            .await?
            .ok_or_else(|| CommandError::Usage("no organisation".into()))?;
        let cookie = log_in(&a.app, &bloc).await?;
        let mut events = open_stream(&a.app, &cookie, year).await?;
        let rows = b.store.subtree_commitments(&root.path, year).await?;
        let mut steps = steps(&rows, LIVE_CHANGES + 1);
        if steps.is_empty() {
            return Ok(Vec::new());
        }
        // The first change is not timed: it also waits for A to be listening
        // (A reads its figures again once it is, so the change arrives
        // either way).
        let rest = steps.split_off(1);
        time_pushes(&mut events, &b.store, &b.live, year, steps).await?;
        let samples = time_pushes(&mut events, &b.store, &b.live, year, rest).await?;
        Ok(if samples.is_empty() {
            Vec::new()
        } else {
            vec![Figures {
                name: "2 instances: committed on B → on A",
                samples,
            }]
        })
    }
    .await;
    a.live.close();
    if let Some(b) = b {
        b.live.close();
    }
    result
}

/// One more instance of the app, in process: a store of its own on `url`,
/// its bus relayed from the database. `None` when the database holds no
/// organisation.
struct BenchInstance {
    store: DynStore,
    live: std::sync::Arc<app::api::live::Live>,
    app: axum::Router,
}

impl BenchInstance {
    async fn start(url: &str) -> Result<Option<Self>, CommandError> {
        let store = app::store::connect(url).await?;
        if store.root_unit().await?.is_none() {
            return Ok(None);
        }
        let state = AppState::new(
            commands::leptos_options(([127, 0, 0, 1], 0).into(), None),
            store.clone(),
            crate::auth::AuthConfig::default(),
        )
        .await?;
        let live = state.live.clone();
        crate::live::spawn_relay(url.to_string(), live.clone());
        Ok(Some(BenchInstance {
            store,
            live,
            app: router(state),
        }))
    }
}

/// The bloc's dashboard of `year` opened as a stream by the holder of
/// `cookie`: its body, event after event.
async fn open_stream(
    app: &axum::Router,
    cookie: &str,
    year: i32,
) -> Result<axum::body::BodyDataStream, CommandError> {
    let req = same_site(Request::get(format!(
        "{}?nam={year}",
        app::api::stats::STATS_STREAM
    )))
    .header(header::COOKIE, cookie)
    .body(Body::empty())
    .expect("request");
    let res = app.clone().oneshot(req).await.expect("infallible");
    if !res.status().is_success() {
        return Err(CommandError::Usage(format!(
            "the stream answered {}",
            res.status()
        )));
    }
    Ok(res.into_body().into_data_stream())
}

/// A commitment moved one step on, as the bench's pushes move them.
struct Step<'a> {
    row: &'a app::store::model::CommitmentRow,
    next: app::domain::commitment::CommitmentState,
    change: app::store::model::CommitmentChange,
    action: &'static str,
}

/// `n` steps at most that move the dashboard's figures: the approved
/// commitments of `rows` to their mid-year review, then the submitted ones
/// to approved.
fn steps(rows: &[app::store::model::CommitmentRow], n: usize) -> Vec<Step<'_>> {
    use app::domain::commitment::CommitmentState;
    use app::store::model::CommitmentChange;
    let of = |state: CommitmentState| rows.iter().filter(move |r| r.state == Some(state));
    of(CommitmentState::Approved)
        .map(|row| Step {
            row,
            next: CommitmentState::MidYearReviewed,
            change: CommitmentChange::MidYearReview {
                note: "Đã kiểm điểm giữa năm".into(),
            },
            action: "commitment.mid_year_review",
        })
        .chain(of(CommitmentState::Submitted).map(|row| Step {
            row,
            next: CommitmentState::Approved,
            change: CommitmentChange::Approve,
            action: "commitment.approve",
        }))
        .take(n)
        .collect()
}

/// Takes `steps` one at a time, each committed through `store` and
/// published on `live` as the server functions do; for each, the time from
/// before the write to the next figures on `events`.
async fn time_pushes(
    events: &mut axum::body::BodyDataStream,
    store: &DynStore,
    live: &app::api::live::Live,
    year: i32,
    steps: Vec<Step<'_>>,
) -> Result<Vec<Duration>, CommandError> {
    use app::store::model::CommitmentWrite;
    use futures_util::StreamExt;
    let mut samples = Vec::new();
    let mut paths = std::collections::HashMap::new();
    for Step {
        row,
        next,
        change,
        action,
    } in steps
    {
        let path = match paths.get(&row.cell_id) {
            Some(p) => p,
            None => {
                let cell = store
                    .unit_by_id(row.cell_id)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                paths.entry(row.cell_id).or_insert(cell.path)
            }
        }
        .clone();
        // A stream reads at most once per gap: wait it out, as people do.
        tokio::time::sleep(crate::live::MIN_GAP).await;
        let write = CommitmentWrite {
            year,
            member_id: row.member_id,
            expected_version: row.version,
            next_state: next,
            change,
            audit: app::store::model::AuditEntry::new(None, "bench", action)
                .about("commitment", None),
            notify: Vec::new(),
        };
        let t = Instant::now();
        store.apply_commitments(&[write]).await?;
        live.publish(app::api::live::Moved {
            path,
            year: Some(year),
        });
        let mut seen = String::new();
        while !seen.contains("event: figures") {
            match tokio::time::timeout(Duration::from_secs(5), events.next()).await {
                Ok(Some(Ok(chunk))) => seen.push_str(&String::from_utf8_lossy(&chunk)),
                _ => return Err(CommandError::Usage("no figures came on the stream".into())),
            }
        }
        samples.push(t.elapsed());
    }
    Ok(samples)
}

/// A request as a page of the site sends it (the CSRF check wants its origin).
fn same_site(req: axum::http::request::Builder) -> axum::http::request::Builder {
    req.header(header::HOST, "bench.local")
        .header(header::ORIGIN, "http://bench.local")
}

/// Logs in through the router; the session cookie to send with requests.
async fn log_in(app: &axum::Router, username: &str) -> Result<String, CommandError> {
    let body = format!(
        "username={username}&password={}&next=%2F",
        crate::demo::DEMO_PASSWORD.replace('@', "%40")
    );
    let res = app
        .clone()
        .oneshot(
            same_site(Request::post("/auth/login"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("request"),
        )
        .await
        .expect("infallible");
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(crate::auth::session::COOKIE_NAME))
        .and_then(|c| c.split(';').next())
        .map(str::to_string)
        .ok_or_else(|| CommandError::Usage(format!("could not log in as {username}")))
}

/// Sends a request with a session cookie; its time and status.
async fn send(
    app: &axum::Router,
    cookie: &str,
    req: axum::http::request::Builder,
    body: String,
) -> (Duration, axum::http::StatusCode) {
    let req = same_site(req)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    let t = Instant::now();
    let res = app.clone().oneshot(req).await.expect("infallible");
    let status = res.status();
    let _ = axum::body::to_bytes(res.into_body(), usize::MAX).await;
    (t.elapsed(), status)
}

/// The commitment workflow on the demo's open year (budget: a cell's review
/// page and a submission answer ≤ 50 ms): a cell secretary's review page and
/// list, members' submissions, and approving 40 commitments in one
/// transaction. Writes to the database: run it on a scratch one.
async fn commitments(
    app: &axum::Router,
    store: &DynStore,
    iterations: usize,
) -> Result<Vec<Figures>, CommandError> {
    use app::domain::commitment::CommitmentState;
    use app::store::model::{CommitmentChange, CommitmentWrite};
    let Some((year, secretary)) = newest_year_and(store, "cell secretary").await? else {
        return Ok(Vec::new());
    };
    let cookie = log_in(app, &secretary).await?;
    let mut out = Vec::new();
    for (name, path, body) in [
        (
            "GET /duyet-cam-ket (review, SSR)",
            format!("/duyet-cam-ket?nam={year}"),
            String::new(),
        ),
        (
            "POST /api/commitments/review",
            "/api/commitments/review".to_string(),
            format!("year={year}"),
        ),
    ] {
        out.push(time_requests(app, &cookie, name, &path, body, iterations).await?);
    }

    // Submissions: each by a member who has not filed yet (logged in
    // beforehand; only the submission is timed).
    let root = store
        .root_unit()
        .await?
        .ok_or_else(|| CommandError::Usage("no organisation".into()))?;
    let rows = store.subtree_commitments(&root.path, year).await?;
    let sections = store.year(year).await?.map_or(0, |y| y.sections.len());
    let form: String = (0..sections)
        .map(|i| format!("&sections%5B{i}%5D=Vi%E1%BB%87c+c%E1%BB%A5+th%E1%BB%83+{i}"))
        .collect();
    let mut samples = Vec::new();
    for row in rows.iter().filter(|r| r.state.is_none()).take(iterations) {
        let cookie = log_in(app, &row.card_number).await?;
        let (took, status) = send(
            app,
            &cookie,
            Request::post("/api/commitments/save"),
            format!("year={year}&version=0&submit=1{form}"),
        )
        .await;
        // A script's post is answered 200 (the redirect rides in a header);
        // a refusal would be 4xx.
        if !(status.is_success() || status.is_redirection()) {
            return Err(CommandError::Usage(format!(
                "a submission answered {status}"
            )));
        }
        samples.push(took);
    }
    if !samples.is_empty() {
        out.push(Figures {
            name: "POST /api/commitments/save (submit)",
            samples,
        });
    }

    // Approving 40 at once: one transaction of the store.
    let rows = store.subtree_commitments(&root.path, year).await?;
    let mut submitted = rows
        .iter()
        .filter(|r| r.state == Some(CommitmentState::Submitted));
    let mut samples = Vec::new();
    loop {
        let batch: Vec<_> = submitted.by_ref().take(40).collect();
        if batch.len() < 40 {
            break;
        }
        let writes: Vec<CommitmentWrite> = batch
            .iter()
            .map(|r| CommitmentWrite {
                year,
                member_id: r.member_id,
                expected_version: r.version,
                next_state: CommitmentState::Approved,
                change: CommitmentChange::Approve,
                audit: app::store::model::AuditEntry::new(None, "bench", "commitment.approve")
                    .about("commitment", None)
                    .after(serde_json::json!({ "state": "approved", "bulk": true })),
                notify: Vec::new(),
            })
            .collect();
        let t = Instant::now();
        store.apply_commitments(&writes).await?;
        samples.push(t.elapsed());
    }
    if !samples.is_empty() {
        out.push(Figures {
            name: "store: approve 40 in one transaction",
            samples,
        });
    }
    Ok(out)
}

/// Recipients of the decision the bench makes (a batch as large as a
/// committee's yearly list gets).
const LARGE_DECISION: usize = 200;

/// The commendation pages as the bloc's standing committee reads them: the
/// decision register, and one decision of 200 recipients — its page, its
/// print view and every certificate in one PDF (CPU work on the blocking
/// pool, so fewer samples). Writes the decision: run it on a scratch
/// database.
async fn commendations(
    app: &axum::Router,
    store: &DynStore,
    iterations: usize,
) -> Result<Vec<Figures>, CommandError> {
    use app::domain::commendation::Occasion;
    use app::store::commendations::{NewNominee, Subject};
    let Some(standing) = store
        .demo_logins()
        .await?
        .into_iter()
        .find(|l| l.role == "bloc standing committee member")
    else {
        return Ok(Vec::new());
    };
    let root = store
        .root_unit()
        .await?
        .ok_or_else(|| CommandError::Usage("no organisation".into()))?;
    let year = store.years().await?.into_iter().map(|y| y.year).max();
    let members = match year {
        Some(y) => store.subtree_commitments(&root.path, y).await?,
        None => Vec::new(),
    };
    if members.len() < LARGE_DECISION {
        return Ok(Vec::new());
    }
    let nominees = members
        .iter()
        .take(LARGE_DECISION)
        .map(|m| NewNominee {
            subject: Subject::Member(m.member_id),
            achievements: "Có thành tích xuất sắc đột xuất trong công tác.".into(),
            good_model_id: None,
        })
        .collect();
    let day = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).expect("a date");
    let decision = crate::demo::commendations::decide(
        store,
        root.id,
        UnitKind::Bloc,
        Occasion::AdHoc,
        nominees,
        "Khen thưởng đột xuất (bench)",
        day,
        "Bench",
    )
    .await?
    .ok_or_else(|| CommandError::Usage("the bench decision has no number".into()))?;

    let cookie = log_in(app, &standing.username).await?;
    let mut out = Vec::new();
    let pages = [
        (
            "GET /quyet-dinh-khen-thuong (SSR)",
            "/quyet-dinh-khen-thuong?nam=2020".to_string(),
            iterations,
        ),
        (
            "GET decision, 200 recipients (SSR)",
            format!("/quyet-dinh-khen-thuong/{decision}"),
            iterations,
        ),
        (
            "GET decision print view, 200",
            format!("/in/quyet-dinh/{decision}"),
            iterations,
        ),
        (
            "GET certificates PDF, 200 pages",
            format!("/xuat/giay-khen/{decision}.pdf"),
            iterations.clamp(1, 20),
        ),
    ];
    for (name, path, n) in pages {
        let make = || Request::get(path.as_str());
        send(app, &cookie, make(), String::new()).await;
        let mut samples = Vec::with_capacity(n);
        for _ in 0..n {
            let (took, status) = send(app, &cookie, make(), String::new()).await;
            if !status.is_success() {
                return Err(CommandError::Usage(format!("{name} answered {status}")));
            }
            samples.push(took);
        }
        out.push(Figures { name, samples });
    }
    let body = "year=2020".to_string();
    let make = || Request::post("/api/commendations/decisions");
    send(app, &cookie, make(), body.clone()).await;
    let mut samples = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let (took, status) = send(app, &cookie, make(), body.clone()).await;
        if !status.is_success() {
            return Err(CommandError::Usage(format!(
                "POST /api/commendations/decisions answered {status}"
            )));
        }
        samples.push(took);
    }
    out.push(Figures {
        name: "POST /api/commendations/decisions",
        samples,
    });
    Ok(out)
}

/// The newest year set up and the demo's login of `role`: what the
/// workflow benches run on (none without them: those benches are skipped).
async fn newest_year_and(
    store: &DynStore,
    role: &str,
) -> Result<Option<(i32, String)>, CommandError> {
    let Some(year) = store.years().await?.into_iter().map(|y| y.year).max() else {
        return Ok(None);
    };
    let login = store
        .demo_logins()
        .await?
        .into_iter()
        .find(|l| l.role == role);
    Ok(login.map(|l| (year, l.username)))
}

/// `name`: a GET of `path` (a POST of `body` when there is one) as the
/// holder of `cookie`, once to warm up, then `iterations` times, timed; any
/// answer but a success stops the bench.
async fn time_requests(
    app: &axum::Router,
    cookie: &str,
    name: &'static str,
    path: &str,
    body: String,
    iterations: usize,
) -> Result<Figures, CommandError> {
    let method = if body.is_empty() { "GET" } else { "POST" };
    let make = || Request::builder().method(method).uri(path);
    send(app, cookie, make(), body.clone()).await;
    let mut samples = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let (took, status) = send(app, cookie, make(), body.clone()).await;
        if !status.is_success() {
            return Err(CommandError::Usage(format!("{name} answered {status}")));
        }
        samples.push(took);
    }
    Ok(Figures { name, samples })
}

/// Runs `call` once to warm up, then `iterations` times, timing each.
async fn time<T, F, Fut>(
    name: &'static str,
    iterations: usize,
    mut call: F,
) -> Result<Figures, CommandError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, StoreError>>,
{
    call().await?;
    let mut samples = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let t = Instant::now();
        call().await?;
        samples.push(t.elapsed());
    }
    Ok(Figures { name, samples })
}

/// The grassroots committee with the most cells (the widest level below the
/// root), and a cursor halfway through the root's children.
async fn walk_root(
    store: &DynStore,
    root: &Unit,
) -> Result<(Unit, Option<LevelCursor>), CommandError> {
    let mut best: Option<OrgNode> = None;
    let mut cursors: Vec<LevelCursor> = Vec::new();
    loop {
        let level = store
            .org_level(Some(root.id), None, cursors.last(), 1000)
            .await?;
        for node in level.nodes {
            if node.kind == UnitKind::GrassrootsCommittee
                && best
                    .as_ref()
                    .is_none_or(|b| node.child_count > b.child_count)
            {
                best = Some(node);
            }
        }
        match level.next {
            Some(next) => cursors.push(next),
            None => break,
        }
    }
    let id = best
        .ok_or_else(|| CommandError::Usage("the bloc has no grassroots committee".into()))?
        .id;
    let committee = store
        .unit_by_id(id)
        .await?
        .ok_or_else(|| CommandError::Usage(format!("unit {id} vanished")))?;
    let middle = cursors.get(cursors.len() / 2).cloned();
    Ok((committee, middle))
}

/// Server time of the org chart's store calls: expanding the root and the
/// widest committee, searching, and everything a committee's unit page reads.
async fn org(
    store: &DynStore,
    root: &Unit,
    iterations: usize,
) -> Result<Vec<Figures>, CommandError> {
    let (committee, middle) = walk_root(store, root).await?;
    let year = store.years().await?.last().map_or(2020, |y| y.year);
    let today = chrono::Utc::now().date_naive();
    let terms = search_terms("dien");
    let scope = [committee.path.clone()];
    let members = MemberQuery {
        statuses: Vec::new(),
        sort: MemberSort::Name,
        offset: 0,
        limit: 50,
    };
    let (s, c) = (store, &committee);
    let mut out = vec![
        time("org: expand the bloc (200)", iterations, move || {
            s.org_level(Some(root.id), None, None, 200)
        })
        .await?,
        time("org: expand the bloc, later page", iterations, || {
            s.org_level(Some(root.id), None, middle.as_ref(), 200)
        })
        .await?,
        time("org: expand largest committee", iterations, move || {
            s.org_level(Some(c.id), None, None, 200)
        })
        .await?,
        time("org: search \"dien\"", iterations, || {
            s.search(&terms, None, 20)
        })
        .await?,
        time("org: search \"dien\" in committee", iterations, || {
            s.search(&terms, Some(&scope), 20)
        })
        .await?,
        time("org: committee page (all reads)", iterations, || async {
            s.org_level(Some(c.id), None, None, 200).await?;
            s.unit_leaders(c.id, today).await?;
            s.unit_history(c.id, app::api::org::HISTORY_RECENT + 1)
                .await?;
            s.unit_members(c, &members).await?;
            s.unit_summary(c, year).await
        })
        .await?,
    ];
    // The parts of the page, to see which one costs.
    out.push(
        time("  page: leaders", iterations, move || {
            s.unit_leaders(c.id, today)
        })
        .await?,
    );
    out.push(
        time("  page: history", iterations, move || {
            s.unit_history(c.id, app::api::org::HISTORY_RECENT + 1)
        })
        .await?,
    );
    out.push(
        time("  page: members (50 by name)", iterations, || {
            s.unit_members(c, &members)
        })
        .await?,
    );
    out.push(
        time("  page: summary", iterations, move || {
            s.unit_summary(c, year)
        })
        .await?,
    );
    Ok(out)
}
