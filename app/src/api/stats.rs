//! The committee's dashboard (`/thong-ke?don-vi=CODE&nam=YEAR&sap-xep=`):
//! one subtree's figures of a year — its organisation, its members'
//! commitments and grades, its resolution's targets — and each unit
//! directly below side by side, for the leadership of the subtree's top
//! (`Action::ViewStatistics`).

use super::ApiError;
use super::targets::TargetView;
use crate::domain::UnitSummary;
use crate::domain::commitment::Deadlines;
use crate::domain::org::UnitRef;
use crate::domain::stats::{Drill, DrillRow, RowOrder, YearFigures};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::STATS_PAGE;
pub use crate::paths::STATS_PRINT;
pub use crate::paths::STATS_STREAM;
/// Units below shown at most (the bloc has 98; a province's largest
/// committee a few hundred).
pub const STATS_ROWS: i64 = 500;

/// A unit on the way up, and whether the caller may open its dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailStep {
    pub unit: UnitRef,
    pub open: bool,
}

/// A unit directly below, with its figures of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    pub unit: UnitRef,
    pub figures: YearFigures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardData {
    pub unit: UnitRef,
    /// From the root down to the unit above this one.
    pub trail: Vec<TrailStep>,
    pub year: i32,
    /// Years set up, newest first.
    pub years: Vec<i32>,
    /// The year's deadlines, when the year is set up.
    pub deadlines: Option<Deadlines>,
    pub summary: UnitSummary,
    pub figures: YearFigures,
    /// The organisations below graded in the year, by grade.
    pub organisation_grades: [i64; 4],
    pub rows: Vec<UnitRow>,
    /// More units below than shown.
    pub more_rows: bool,
    pub order: RowOrder,
    /// The unit's resolution targets of the year, with their actuals.
    pub targets: Vec<TargetView>,
    /// Recipients of the year's decisions in the subtree by form:
    /// (form, organisations, members).
    pub commended_by_form: Vec<(crate::domain::commendation::Form, i64, i64)>,
    /// Members today by gender and age band.
    pub cohorts: crate::domain::cohort::Cohorts,
    /// Probationary members due for full membership (their 12 months end
    /// within a month of the working date, or have ended).
    pub probation_due: i64,
    /// The day the figures were read (the working date).
    pub today: chrono::NaiveDate,
    /// Probations ending on or before this day count in it.
    pub probation_due_by: chrono::NaiveDate,
    /// The next award date of Party badges, and the members listed for it
    /// per milestone.
    pub badges_on: chrono::NaiveDate,
    pub badges_due: Vec<(u32, i64)>,
    /// People today of the Steering Committee 35 and its helpers, the
    /// unit's own and those of the units below.
    pub bodies: crate::domain::body::BodyCounts,
    pub charts: Charts,
}

/// The charts, as SVG drawn on the server (see `charts`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Charts {
    /// Filed and approved shares of the units furthest behind.
    pub filing: Option<String>,
    /// Members by grade.
    pub grades: Option<String>,
    /// The resolution's targets, each actual against its target line.
    pub targets: Option<String>,
}

/// The dashboard of `unit` (a code; the highest unit the caller leads when
/// absent) for `year` (the working year when absent).
#[server(prefix = "/api", endpoint = "stats/dashboard")]
pub async fn dashboard(
    unit: Option<String>,
    year: Option<i32>,
    order: Option<String>,
) -> Result<DashboardData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::dashboard(&store, &actor, unit, year, order)
        .await
        .map_err(respond)
}

pub use crate::paths::DRILL_PAGE;
/// Members per page of that list.
pub const DRILL_ROWS: i64 = 50;
/// Pages at most (5,000 members: the list is for finding people, the
/// workbook for counting them).
pub const DRILL_PAGES: i64 = 100;

/// The address of the members behind `drill` in the subtree of `code`.
pub fn drill_link(code: &str, year: i32, drill: Drill) -> String {
    crate::paths::DrillQuery {
        unit: Some(code.to_string()),
        year: Some(year),
        filter: Some(drill.code().to_string()),
        page: None,
    }
    .href()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillPage {
    pub unit: UnitRef,
    pub trail: Vec<TrailStep>,
    pub year: i32,
    pub drill: Drill,
    /// From 1.
    pub page: i64,
    pub rows: Vec<DrillRow>,
    /// A next page.
    pub more: bool,
    /// Probations due: admitted on or before this day.
    pub due_by: chrono::NaiveDate,
}

/// The members of `unit`'s subtree behind the figure `filter` (a
/// `Drill::code`) of `year`, `page` by page; for those who see the unit's
/// dashboard.
#[server(prefix = "/api", endpoint = "stats/members")]
pub async fn drill_list(
    unit: Option<String>,
    year: Option<i32>,
    filter: String,
    page: Option<i64>,
) -> Result<DrillPage, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::drill(&store, &actor, unit, year, filter, page)
        .await
        .map_err(respond)
}

#[cfg(feature = "ssr")]
pub mod charts;

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::commitments::server::years_and_pick;
    use crate::api::context::refusal;
    use crate::api::org::authorized_unit;
    use crate::api::targets::server::{evaluate, known, target_chart};
    use crate::domain::cohort::probation_due_by;
    use crate::domain::org::path_ids;
    use crate::domain::stats::order_rows;
    use crate::domain::{Action, Actor, authz::Target, can};
    use crate::store::DynStore;

    /// The unit a dashboard shows: `unit` (a code), or the highest unit the
    /// caller leads; refused unless the caller may see its statistics.
    pub async fn viewed_unit(
        store: &DynStore,
        actor: &Actor,
        unit: Option<String>,
    ) -> Result<crate::store::model::Unit, ApiError> {
        let Actor::User(user) = actor else {
            return Err(ApiError::Unauthorized);
        };
        let code = match unit.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(c) if c.len() > 100 => {
                return Err(ApiError::field(
                    crate::domain::problem::Field::Unit,
                    crate::domain::problem::FieldProblem::TooLong,
                ));
            }
            Some(c) => c.to_string(),
            // The highest unit the caller leads: the shortest path.
            None => {
                let top = user
                    .scopes
                    .iter()
                    .filter(|s| {
                        let target = Target::Unit {
                            kind: s.unit_kind,
                            path: &s.unit_path,
                        };
                        can(actor, Action::ViewStatistics, target)
                    })
                    .min_by_key(|s| s.unit_path.len())
                    .ok_or(ApiError::Forbidden)?;
                let found = store.unit_by_id(top.unit_id).await?;
                found.ok_or_else(|| refusal(actor, true))?.code
            }
        };
        authorized_unit(store, actor, &code, Action::ViewStatistics).await
    }

    /// The unit of a record on a unit's dashboard (a target, a body) that
    /// the caller changes with `action`, which its own leadership holds:
    /// refused 404 to those who may not even see the dashboard, else 403.
    pub async fn leading(
        store: &DynStore,
        actor: &Actor,
        unit: (i64, crate::domain::UnitKind, &str),
        action: Action,
    ) -> Result<crate::store::model::Unit, ApiError> {
        let (id, kind, path) = unit;
        let t = Target::Unit { kind, path };
        if !can(actor, action, t) {
            let hidden = !can(actor, Action::ViewStatistics, t);
            return Err(refusal(actor, hidden));
        }
        store.unit_by_id(id).await?.ok_or(ApiError::NotFound)
    }

    /// A year asked for, when one is: within the years the app keeps.
    pub fn asked_year(year: Option<i32>) -> Result<(), ApiError> {
        match year {
            Some(y) if !(1930..=2100).contains(&y) => Err(ApiError::field(
                crate::domain::problem::Field::Year,
                crate::domain::problem::FieldProblem::Unknown,
            )),
            _ => Ok(()),
        }
    }

    /// The units above the one at `path`, from the root down, and whether
    /// the caller may open their dashboards.
    async fn trail(
        store: &DynStore,
        actor: &Actor,
        path: &str,
    ) -> Result<Vec<TrailStep>, ApiError> {
        let mut ids = path_ids(path);
        ids.pop();
        Ok(store
            .units_by_ids(&ids)
            .await?
            .into_iter()
            .map(|u| {
                let open = can(
                    actor,
                    Action::ViewStatistics,
                    Target::Unit {
                        kind: u.kind,
                        path: &u.path,
                    },
                );
                TrailStep {
                    unit: UnitRef {
                        code: u.code,
                        name: u.name,
                        kind: u.kind,
                    },
                    open,
                }
            })
            .collect())
    }

    pub async fn drill(
        store: &DynStore,
        actor: &Actor,
        unit: Option<String>,
        year: Option<i32>,
        filter: String,
        page: Option<i64>,
    ) -> Result<DrillPage, ApiError> {
        if !matches!(actor, Actor::User(_)) {
            return Err(ApiError::Unauthorized);
        }
        asked_year(year)?;
        let page = page.unwrap_or(1);
        if !(1..=DRILL_PAGES).contains(&page) {
            return Err(ApiError::request());
        }
        let drill = (filter.len() <= 40)
            .then(|| Drill::parse(filter.trim()))
            .flatten()
            .ok_or_else(ApiError::request)?;
        let unit = viewed_unit(store, actor, unit).await?;
        let (_, year) = years_and_pick(store, year).await?;
        let due_by = probation_due_by(crate::api::context::today(store).await?);
        let mut rows = store
            .drill(
                unit.id,
                year,
                drill,
                due_by,
                (page - 1) * DRILL_ROWS,
                DRILL_ROWS + 1,
            )
            .await?;
        let more = rows.len() > DRILL_ROWS as usize;
        rows.truncate(DRILL_ROWS as usize);
        Ok(DrillPage {
            trail: trail(store, actor, &unit.path).await?,
            unit: UnitRef {
                code: unit.code,
                name: unit.name,
                kind: unit.kind,
            },
            year,
            drill,
            page,
            rows,
            more,
            due_by,
        })
    }

    pub async fn dashboard(
        store: &DynStore,
        actor: &Actor,
        unit: Option<String>,
        year: Option<i32>,
        order: Option<String>,
    ) -> Result<DashboardData, ApiError> {
        if !matches!(actor, Actor::User(_)) {
            return Err(ApiError::Unauthorized);
        }
        asked_year(year)?;
        let order = match order.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => RowOrder::default(),
            Some(s) => RowOrder::parse(s).ok_or_else(ApiError::request)?,
        };
        let unit = viewed_unit(store, actor, unit).await?;
        let (years, year) = years_and_pick(store, year).await?;
        let deadlines = store.year(year).await?.map(|y| y.deadlines);
        let trail = trail(store, actor, &unit.path).await?;
        let summary = store.unit_summary(&unit, year).await?;
        let figures = store.year_figures(unit.id, year).await?;
        let organisation_grades = store.organisation_grades(unit.id, year).await?;
        let known = known(&summary, &figures, organisation_grades);
        let today = crate::api::context::today(store).await?;
        let due_by = probation_due_by(today);
        let probation_due = store.probation_due(unit.id, due_by).await?;
        // Kept for one award date: the next, once the server has counted
        // them for it (at start and hourly, like the age bands).
        let (badges_on, badges_due) = store
            .badges_due(unit.id)
            .await?
            .unwrap_or_else(|| (crate::domain::badge::next_award_date(today), Vec::new()));
        let targets = evaluate(store.targets(unit.id, year).await?, &known, today);
        let mut rows: Vec<UnitRow> = store
            .child_figures(unit.id, year, STATS_ROWS + 1)
            .await?
            .into_iter()
            .map(|r| UnitRow {
                unit: r.unit,
                figures: r.figures,
            })
            .collect();
        let more_rows = rows.len() > STATS_ROWS as usize;
        rows.truncate(STATS_ROWS as usize);
        order_rows(&mut rows, order, |r| &r.figures);
        let charts = draw(&rows, &figures, &targets);
        Ok(DashboardData {
            unit: UnitRef {
                code: unit.code,
                name: unit.name,
                kind: unit.kind,
            },
            trail,
            year,
            years,
            deadlines,
            summary,
            figures,
            organisation_grades,
            rows,
            more_rows,
            order,
            targets,
            commended_by_form: store.commended_by_form(&unit.path, year).await?,
            cohorts: store.cohorts(unit.id).await?,
            probation_due,
            today,
            probation_due_by: due_by,
            badges_on,
            badges_due,
            bodies: store.body_counts(unit.id).await?,
            charts,
        })
    }

    /// The charts in the request's language: the furthest behind of the
    /// units below (whatever order the table is in), the grade split.
    fn draw(rows: &[UnitRow], figures: &YearFigures, targets: &[TargetView]) -> Charts {
        use crate::domain::grading::Grade;
        use crate::ui::commitment_text::grade_label_in;
        let locale = crate::ui::i18n::initial_locale();
        let strings = crate::ui::i18n::strings(locale);
        let mut behind: Vec<(&str, &YearFigures)> = rows
            .iter()
            .filter(|r| r.figures.members > 0)
            .map(|r| (r.unit.name.as_str(), &r.figures))
            .collect();
        behind.sort_by_key(|(_, f)| f.progress());
        let labels = Grade::ALL.map(|g| grade_label_in(g, strings));
        Charts {
            filing: super::charts::filing_bars(&behind),
            grades: super::charts::grade_bars(&labels, &figures.grades, |n| {
                crate::domain::numfmt::count(n, locale)
            }),
            targets: target_chart(targets, strings, locale),
        }
    }
}
