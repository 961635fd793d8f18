//! Exports of the org chart and of a unit's subtree.
//!
//! - `GET /xuat/so-do.svg?mo=A,B&ngay=yyyy-mm-dd`: the chart as the page
//!   shows it with the units `mo` open, as of `ngay` (today when absent);
//! - `GET /xuat/so-do.png?…&scale=2`: the same, rasterized on the server;
//! - `GET /xuat/don-vi/{code}.csv` and `.xlsx`: every current unit of the
//!   subtree; the XLSX has a second sheet of members when the caller may
//!   list them there, the CSV has its own `/xuat/don-vi/{code}/dang-vien.csv`;
//! - `GET /xuat/quyet-dinh-khen-thuong.xlsx`: the register of commendation
//!   decisions (`decisions`);
//! - `GET /xuat/mo-hinh-hay.xlsx`: the good-model registry (`good_models`);
//! - `GET /xuat/ban-chi-dao/{id}.xlsx`: a special body's people (`bodies`);
//! - `GET /xuat/giay-khen/{id}.pdf`: a decision's certificates (`certificates`);
//! - `GET /xuat/de-nghi/{id}.xlsx`, `/xuat/huy-hieu.xlsx`: the lists sent
//!   upward (`lists`).
//!
//! The structure is open to everyone logged in, member lists only within
//! the caller's scope: every handler decides with `can`. CSV is streamed a
//! page of rows at a time (a page's formatting is light work, left on the
//! async worker). The heavy files (XLSX, SVG, PNG and the grade lists) are
//! refused before they are read when a cheap count says they would be too
//! large; then each takes a place on [`blocking::EXPORTS`] before it reads
//! its rows, and is drawn or zipped on the blocking pool in that place. So
//! a few are read, held and built at a time; a flood answers 503 and never
//! stalls the other pages.

pub mod bodies;
pub mod certificates;
pub mod decisions;
pub mod good_models;
pub mod grades;
pub mod layout;
pub mod lists;
pub mod png;
pub mod sheets;
pub mod stats;
pub mod svg;
pub mod table;

use crate::blocking::{self, Lane, Place};
use crate::http::{AppState, Caller, HttpError, Text};
use app::domain::authz::{Action, Actor, Target, can};
use app::domain::org::OrgNode;
use app::domain::{Locale, UnitKind, numfmt};
use app::store::DynStore;
use app::store::model::Unit;
use axum::Router;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use layout::ChartNode;
use serde::Deserialize;
use std::collections::HashMap;

/// Open units one export may name (as the chart page).
pub const MAX_OPEN: usize = 40;
/// Units one chart export may draw.
pub const MAX_NODES: usize = 5_000;
/// Units per page of a level read for the chart.
const LEVEL_PAGE: i64 = 500;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/xuat/{file}", get(chart))
        .route("/xuat/don-vi/{file}", get(subtree))
        .route("/xuat/don-vi/{code}/dang-vien.csv", get(members_csv))
        .route("/xuat/xep-loai/{file}", get(grades::grade_list))
        .route("/xuat/cam-ket/{file}", get(grades::commitment_report))
        .route(
            "/xuat/quyet-dinh-khen-thuong.xlsx",
            get(decisions::register),
        )
        .route("/xuat/mo-hinh-hay.xlsx", get(good_models::registry))
        .route("/xuat/thong-ke.xlsx", get(stats::workbook))
        .route("/xuat/ban-chi-dao/{file}", get(bodies::body_list))
        .route("/xuat/giay-khen/{file}", get(certificates::certificates))
        .route("/xuat/de-nghi/{file}", get(lists::proposal_list))
        .route("/xuat/huy-hieu.xlsx", get(lists::badge_list))
}

/// 403 for a unit whose members the caller may not list.
pub(super) fn forbidden() -> HttpError {
    HttpError::Forbidden(Text::of(|s| s.export_err_forbidden))
}

/// 404: no such unit.
pub(super) fn no_unit() -> HttpError {
    HttpError::NotFound(Text::of(|s| s.export_err_no_unit))
}

/// A part of the address (`Path`, `Query`) a download handler takes; one
/// that cannot be read (not UTF-8, a field given twice) is refused with the
/// downloads' own message, where axum would answer in its own English.
pub struct Address<T>(pub T);

impl<S, T> FromRequestParts<S> for Address<T>
where
    S: Send + Sync,
    T: FromRequestParts<S>,
    T::Rejection: std::fmt::Display,
{
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        T::from_request_parts(parts, state)
            .await
            .map(Address)
            .map_err(|e| {
                tracing::info!(error = %e, uri = %parts.uri.path(), "download address refused");
                HttpError::invalid(|s| s.export_err_address)
            })
    }
}

/// Runs CPU-heavy work on the blocking pool in `place` (taken before the
/// rows were read); the job keeps it until it has finished, even if the
/// client has gone, so the limit counts the work that really runs.
async fn in_place<T, F>(place: Place, job: F) -> Result<T, HttpError>
where
    F: FnOnce() -> Result<T, HttpError> + Send + 'static,
    T: Send + 'static,
{
    place.run(job).await?
}

/// The content type of a workbook.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A workbook built on the blocking lane `place`, sent as the file `name`.
async fn send_xlsx<F>(place: Place, name: &str, build: F) -> Result<Response, HttpError>
where
    F: FnOnce() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> + Send + 'static,
{
    let bytes = in_place(place, move || {
        build().map_err(|e| HttpError::Internal(e.to_string()))
    })
    .await?;
    Ok(download(bytes, XLSX, name))
}

fn refusal(actor: &Actor) -> HttpError {
    HttpError::refusal(actor, Text::of(|s| s.export_err_forbidden))
}

/// Everyone logged in sees the structure; checked against the bloc where no
/// unit is named (as the chart page does).
fn may_view_structure(actor: &Actor) -> Result<(), HttpError> {
    let target = Target::Unit {
        kind: UnitKind::Bloc,
        path: "/",
    };
    if can(actor, Action::ViewStructure, target) {
        Ok(())
    } else {
        Err(refusal(actor))
    }
}

/// The unit `code` if the caller may see the structure there; 404 when there
/// is no such unit (for the anonymous: 401 first).
async fn structure_unit(store: &DynStore, actor: &Actor, code: &str) -> Result<Unit, HttpError> {
    if matches!(actor, Actor::Anonymous) {
        return Err(HttpError::Unauthorized);
    }
    let unit = store.unit_by_code(code.trim()).await?.ok_or(no_unit())?;
    if unit.valid_to.is_some() {
        return Err(HttpError::invalid(|s| s.export_err_closed_unit));
    }
    if can(actor, Action::ViewStructure, target(&unit)) {
        Ok(unit)
    } else {
        Err(refusal(actor))
    }
}

fn target(unit: &Unit) -> Target<'_> {
    Target::Unit {
        kind: unit.kind,
        path: &unit.path,
    }
}

fn may_view_members(actor: &Actor, unit: &Unit) -> bool {
    can(actor, Action::ViewMembers, target(unit))
}

/// The Vietnamese strings (the files are for the bloc's own paperwork).
fn vi() -> &'static app::ui::i18n::Strings {
    app::ui::i18n::strings(Locale::Vi)
}

pub fn kind_vi(kind: UnitKind) -> &'static str {
    app::labels::kind_label(kind, vi())
}

/// A file name's stem and extension (`so-do.svg` → ("so-do", "svg")).
fn split_file(file: &str) -> Option<(&str, &str)> {
    file.rsplit_once('.').filter(|(stem, _)| !stem.is_empty())
}

fn download(bytes: impl Into<axum::body::Body>, content_type: &str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes.into(),
    )
        .into_response()
}

/// A code fit for a file name (codes are ASCII in practice; anything else
/// becomes `_`).
fn file_code(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct ChartQuery {
    pub mo: Option<String>,
    pub ngay: Option<String>,
    pub scale: Option<String>,
}

async fn chart(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Path(file)): Address<Path<String>>,
    Address(Query(q)): Address<Query<ChartQuery>>,
) -> Result<Response, HttpError> {
    chart_file(&state.store, &actor, &file, &q, &blocking::EXPORTS).await
}

/// `so-do.svg` or `so-do.png`, drawn on `lane`.
async fn chart_file(
    store: &DynStore,
    actor: &Actor,
    file: &str,
    q: &ChartQuery,
    lane: &Lane,
) -> Result<Response, HttpError> {
    let kind = match split_file(file) {
        Some(("so-do", ext @ ("svg" | "png"))) => ext,
        _ => return Err(no_unit()),
    };
    may_view_structure(actor)?;
    let scale = match kind {
        "png" => Some(png::parse_scale(q.scale.as_deref())?),
        _ => None,
    };
    let place = lane.place().await?;
    // Read within the chart's cap (MAX_NODES, checked a level page at a time).
    let chart = chart_for(store, q).await?;
    Ok(match scale {
        None => {
            let svg = in_place(place, move || Ok(chart.svg())).await?;
            download(svg, "image/svg+xml; charset=utf-8", "so-do.svg")
        }
        Some(scale) => {
            let bytes = in_place(place, move || png::rasterize(&chart.svg(), scale)).await?;
            download(bytes, "image/png", "so-do.png")
        }
    })
}

/// A chart ready to draw: the tree the page shows and its title.
pub struct Chart {
    roots: Vec<ChartNode>,
    title: String,
}

impl Chart {
    /// The SVG: laid out and written (CPU work, for the blocking pool).
    pub fn svg(&self) -> String {
        let s = vi();
        let kind = |k: UnitKind| kind_vi(k);
        let figures = |full: i64, probationary: i64| {
            app::ui::i18n::fill(
                s.chart_node_figures,
                &[
                    ("full", &numfmt::count(full, Locale::Vi)),
                    ("probationary", &numfmt::count(probationary, Locale::Vi)),
                ],
            )
        };
        svg::chart_svg(
            &self.roots,
            s.chart_secretary,
            &svg::Texts {
                title: &self.title,
                kind: &kind,
                figures: &figures,
            },
        )
    }
}

/// The chart for the page's query, read from the store.
pub async fn chart_for(store: &DynStore, q: &ChartQuery) -> Result<Chart, HttpError> {
    let as_of = match q.ngay.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| HttpError::invalid(|s| s.export_err_date))?,
        ),
    };
    let open: Vec<String> =
        q.mo.as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .take(MAX_OPEN)
            .map(str::to_string)
            .collect();
    let roots = chart_tree(store, &open, as_of).await?;
    let chart_title = vi().chart_title;
    let title = match as_of {
        Some(d) => format!("{chart_title} — {}", d.format("%d/%m/%Y")),
        None => chart_title.to_string(),
    };
    Ok(Chart { roots, title })
}

/// Every unit of a level, page by page.
async fn whole_level(
    store: &DynStore,
    parent: Option<i64>,
    as_of: Option<chrono::NaiveDate>,
    budget: &mut usize,
) -> Result<Vec<OrgNode>, HttpError> {
    let mut nodes = Vec::new();
    let mut after = None;
    loop {
        let level = store
            .org_level(parent, as_of, after.as_ref(), LEVEL_PAGE)
            .await?;
        *budget = budget.saturating_sub(level.nodes.len());
        if *budget == 0 {
            return Err(HttpError::Invalid(
                Text::of(|s| s.export_err_chart_too_large).with("max", MAX_NODES),
            ));
        }
        nodes.extend(level.nodes);
        match level.next {
            Some(next) => after = Some(next),
            None => return Ok(nodes),
        }
    }
}

/// The roots and, open, every unit of `open` reachable from them through
/// open units: the tree the page shows.
async fn chart_tree(
    store: &DynStore,
    open: &[String],
    as_of: Option<chrono::NaiveDate>,
) -> Result<Vec<ChartNode>, HttpError> {
    let mut budget = MAX_NODES + 1;
    let roots = whole_level(store, None, as_of, &mut budget).await?;
    let mut levels: HashMap<String, Vec<OrgNode>> = HashMap::new();
    let mut frontier: Vec<(String, i64)> = roots.iter().map(|n| (n.code.clone(), n.id)).collect();
    let mut wanted: Vec<&str> = open.iter().map(String::as_str).collect();
    // Breadth first, like the page's server function: a tree whatever the
    // query says.
    while let Some(pos) = frontier
        .iter()
        .position(|(code, _)| wanted.contains(&code.as_str()))
    {
        let (code, id) = frontier.remove(pos);
        wanted.retain(|c| *c != code);
        let children = whole_level(store, Some(id), as_of, &mut budget).await?;
        frontier.extend(children.iter().map(|n| (n.code.clone(), n.id)));
        levels.insert(code, children);
    }
    Ok(roots.iter().map(|n| build(n, &levels)).collect())
}

fn build(node: &OrgNode, levels: &HashMap<String, Vec<OrgNode>>) -> ChartNode {
    ChartNode {
        code: node.code.clone(),
        name: node.name.clone(),
        kind: node.kind,
        full_members: node.full_members,
        probationary_members: node.probationary_members,
        secretary: node.secretary.clone(),
        child_count: node.child_count,
        children: levels
            .get(&node.code)
            .map(|c| c.iter().map(|n| build(n, levels)).collect()),
    }
}

/// `/xuat/don-vi/{code}.csv` and `.xlsx`.
async fn subtree(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Path(file)): Address<Path<String>>,
) -> Result<Response, HttpError> {
    subtree_file(&state.store, &actor, &file, &blocking::EXPORTS).await
}

/// The subtree's CSV (streamed) or XLSX (built on `lane`).
async fn subtree_file(
    store: &DynStore,
    actor: &Actor,
    file: &str,
    lane: &Lane,
) -> Result<Response, HttpError> {
    let (code, ext) = split_file(file).ok_or(no_unit())?;
    if !matches!(ext, "csv" | "xlsx") {
        return Err(no_unit());
    }
    let unit = structure_unit(store, actor, code).await?;
    let name = format!("don-vi-{}.{ext}", file_code(&unit.code));
    Ok(if ext == "csv" {
        let body = table::units_csv(store.clone(), unit);
        download(body, "text/csv; charset=utf-8", &name)
    } else {
        let members = may_view_members(actor, &unit);
        let bytes = table::subtree_xlsx(store, &unit, members, lane).await?;
        download(bytes, XLSX, &name)
    })
}

/// `/xuat/don-vi/{code}/dang-vien.csv`: for those who may list the members.
async fn members_csv(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Path(code)): Address<Path<String>>,
) -> Result<Response, HttpError> {
    let unit = structure_unit(&state.store, &actor, &code).await?;
    if !may_view_members(&actor, &unit) {
        return Err(refusal(&actor));
    }
    let name = format!("dang-vien-{}.csv", file_code(&unit.code));
    let body = table::members_csv(state.store.clone(), unit);
    Ok(download(body, "text/csv; charset=utf-8", &name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocking::Busy;
    use app::domain::PositionRole;
    use app::domain::authz::{Scope, User};
    use axum::http::StatusCode;
    use std::time::Duration;

    fn respond(result: Result<Response, HttpError>) -> Response {
        result.unwrap_or_else(IntoResponse::into_response)
    }

    /// The lane of this test alone (the process-wide one is shared by every
    /// test running beside it): one place, a short wait.
    static LANE: Lane = Lane::new("export-test", 1, Duration::from_millis(50));

    /// A member of the bloc's standing committee: sees every export.
    fn standing(bloc: &Unit) -> Actor {
        Actor::User(User {
            user_id: 1,
            member_id: None,
            cell_path: None,
            is_admin: false,
            must_change_password: false,
            scopes: vec![Scope {
                unit_id: bloc.id,
                unit_path: bloc.path.clone(),
                unit_kind: bloc.kind,
                role: PositionRole::StandingCommitteeMember,
            }],
        })
    }

    fn is_busy(res: &Response) -> bool {
        res.status() == StatusCode::SERVICE_UNAVAILABLE
            && res.headers().get(header::RETRY_AFTER).is_some()
    }

    #[tokio::test]
    async fn heavy_exports_take_a_place_on_the_lane_and_answer_503_when_none_frees() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("demo.sqlite3").display());
        let store = crate::commands::open(&url).await.unwrap();
        assert!(crate::commands::load_demo_if_empty(&store).await.unwrap());
        let bloc = store
            .unit_by_code(crate::demo::BLOC_CODE)
            .await
            .unwrap()
            .unwrap();
        let actor = standing(&bloc);
        let xlsx = format!("{}.xlsx", bloc.code);
        let (no_chart, year) = (ChartQuery::default(), grades::YearQuery::default());

        // A job holds the only place until told to end.
        let (done, wait) = std::sync::mpsc::channel::<()>();
        let holder = tokio::spawn(LANE.run(move || wait.recv().is_ok()));
        while LANE.available() > 0 {
            tokio::task::yield_now().await;
        }
        for file in ["so-do.svg", "so-do.png"] {
            let res = respond(chart_file(&store, &actor, file, &no_chart, &LANE).await);
            assert!(is_busy(&res), "{file}: {}", res.status());
        }
        let res = respond(subtree_file(&store, &actor, &xlsx, &LANE).await);
        assert!(is_busy(&res), "xlsx: {}", res.status());
        let res = respond(grades::grade_list_file(&store, &actor, &xlsx, &year, &LANE).await);
        assert!(is_busy(&res), "grade list: {}", res.status());
        let res =
            respond(grades::commitment_report_file(&store, &actor, &xlsx, &year, &LANE).await);
        assert!(is_busy(&res), "report: {}", res.status());
        // CSV streams page by page, beside the lane.
        let csv = format!("{}.csv", bloc.code);
        let res = respond(subtree_file(&store, &actor, &csv, &LANE).await);
        assert_eq!(res.status(), StatusCode::OK);

        done.send(()).unwrap();
        assert!(holder.await.unwrap().unwrap());
        let res = respond(subtree_file(&store, &actor, &xlsx, &LANE).await);
        assert_eq!(res.status(), StatusCode::OK, "built once a place is free");
        assert_eq!(LANE.available(), 1);
    }

    #[test]
    fn a_full_lane_is_a_503_and_a_failed_job_a_500() {
        let full = HttpError::from(Busy::Full("x")).into_response();
        assert!(is_busy(&full));
        let failed = HttpError::from(Busy::Failed("x")).into_response();
        assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
