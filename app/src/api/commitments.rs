//! Yearly commitments: a member's own ("my commitment"), a cell secretary's
//! review, a grassroots committee's grading. Each function is thin:
//! authenticate → authorize (`domain::can` and the state machine) → store
//! (one transaction, version-checked) → notify. Forms post to these
//! functions directly and are answered by a redirect, so every step works
//! before (and without) the WASM.
// The server functions' arguments are the forms' fields, one each.
#![allow(clippy::too_many_arguments)]

use super::ApiError;
use crate::domain::commitment::{CommitmentState, Step};
use crate::domain::grading::{Grade, Quota};
use crate::domain::records::{CommitmentEvent, CommitmentRecord, CommitmentRow, MemberPlace};
use crate::domain::year::YearConfig;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::GRADING_PAGE;
pub use crate::paths::MY_PAGE;
pub use crate::paths::REVIEW_PAGE;

/// One commitment with what the caller may do to it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentView {
    pub year: YearConfig,
    pub member: MemberPlace,
    /// `None`: not started.
    pub commitment: Option<CommitmentRecord>,
    pub history: Vec<CommitmentEvent>,
    /// Steps open to the caller today (by role, state and deadline).
    pub steps: Vec<Step>,
    /// The working date deadlines are checked against.
    pub today: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCommitmentData {
    /// Every year set up, newest first.
    pub years: Vec<i32>,
    pub view: CommitmentView,
}

/// A member's own commitment of `year` (by default the year in progress).
#[server(prefix = "/api", endpoint = "commitments/mine")]
pub async fn my_commitment(year: Option<i32>) -> Result<MyCommitmentData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let member_id = server::own_member(&actor).map_err(respond)?;
    let (numbers, year) = server::years_and_pick(&store, year)
        .await
        .map_err(respond)?;
    let view = server::view(&store, &actor, year, member_id)
        .await
        .map_err(respond)?;
    Ok(MyCommitmentData {
        years: numbers,
        view,
    })
}

/// One member's commitment, for their reviewer or grading committee.
#[server(prefix = "/api", endpoint = "commitments/one")]
pub async fn commitment_of(year: i32, member: i64) -> Result<CommitmentView, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::view(&store, &actor, year, member)
        .await
        .map_err(respond)
}

/// Saves the undertakings (one textarea per section, one undertaking a line)
/// as a draft, or with `submit` submits them. A submission the rules refuse
/// is still saved as a draft, so nothing typed is lost, and the refusal says
/// which section is missing.
#[server(prefix = "/api", endpoint = "commitments/save")]
pub async fn save_commitment(
    year: i32,
    version: i64,
    sections: Option<Vec<String>>,
    submit: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let member_id = server::own_member(&actor).map_err(respond)?;
    let submit = submit.is_some_and(|s| !s.is_empty());
    let outcome = server::save(
        &store,
        &actor,
        year,
        member_id,
        version,
        sections.unwrap_or_default(),
        submit,
    )
    .await
    .map_err(respond)?;
    let flag = if submit { "da-nop" } else { "da-luu" };
    match outcome {
        Some(problem) => Err(respond(ApiError::Refused(
            crate::domain::problem::Problem::Content(problem),
        ))),
        None => {
            crate::api::context::redirect(&crate::paths::flagged(
                &crate::paths::my_commitment(year),
                flag,
                1,
            ));
            Ok(())
        }
    }
}

/// A step on one commitment: `return` (with `reason`), `approve`,
/// `mid_year_review` (`note`), `propose` and `decide` (`grade` or `points`,
/// `note`), `reopen` (`until`). `back` is the page to return to.
#[server(prefix = "/api", endpoint = "commitments/step")]
pub async fn commitment_step(
    year: i32,
    member: i64,
    step: String,
    version: i64,
    reason: Option<String>,
    note: Option<String>,
    grade: Option<String>,
    points: Option<String>,
    until: Option<String>,
    back: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    use crate::domain::problem::{Field, FieldProblem};
    let step = Step::parse(&step)
        .ok_or_else(|| respond(ApiError::field(Field::Step, FieldProblem::Unknown)))?;
    let input = server::StepInput {
        reason,
        note,
        grade,
        points,
        until,
    };
    server::take_step(&store, &actor, year, member, step, version, input)
        .await
        .map_err(respond)?;
    crate::api::context::redirect(&server::back_to(back.as_deref(), "da-luu"));
    Ok(())
}

/// The year-end self-assessment: a result for each undertaking (in order),
/// optional notes, the proposed grade (or points) and its justification.
#[server(prefix = "/api", endpoint = "commitments/self-assess")]
pub async fn self_assess(
    year: i32,
    version: i64,
    results: Option<Vec<String>>,
    notes: Option<Vec<String>>,
    grade: Option<String>,
    points: Option<String>,
    note: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let member_id = server::own_member(&actor).map_err(respond)?;
    server::self_assess(
        &store,
        &actor,
        year,
        member_id,
        version,
        results.unwrap_or_default(),
        notes.unwrap_or_default(),
        server::StepInput {
            reason: None,
            note,
            grade,
            points,
            until: None,
        },
    )
    .await
    .map_err(respond)?;
    crate::api::context::redirect(&crate::paths::flagged(
        &crate::paths::my_commitment(year),
        "da-luu",
        1,
    ));
    Ok(())
}

/// The cell's members with their state, for its secretary or deputy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewData {
    pub year: YearConfig,
    pub years: Vec<i32>,
    /// The cells the caller reviews (code, name), to switch between.
    pub cells: Vec<(String, String)>,
    pub cell_code: String,
    pub cell_name: String,
    pub rows: Vec<CommitmentRow>,
    /// The cell's proposals against the year's quota (a warning only: the
    /// rule binds the grassroots organisation).
    pub proposals_quota: Quota,
    pub today: NaiveDate,
    /// The members whose commitment the caller may approve now (submitted,
    /// not their own, within their permission), for "approve several".
    pub approvable: Vec<i64>,
    pub grading_open: bool,
}

#[server(prefix = "/api", endpoint = "commitments/review")]
pub async fn cell_review(cell: Option<String>, year: Option<i32>) -> Result<ReviewData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::review_page(&store, &actor, cell, year)
        .await
        .map_err(respond)
}

/// Approves every listed submitted commitment of one cell in one
/// transaction (`picks`: "member:version"); all or none.
#[server(prefix = "/api", endpoint = "commitments/approve-many")]
pub async fn approve_many(
    year: i32,
    cell: String,
    picks: Option<Vec<String>>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let n = server::approve_many(&store, &actor, year, &cell, picks.unwrap_or_default())
        .await
        .map_err(respond)?;
    let review = crate::paths::review(&cell, year, None);
    crate::api::context::redirect(&crate::paths::flagged(&review, "da-duyet", n));
    Ok(())
}

/// Decides the picked members' grades as their cells proposed, in one
/// transaction, refused as a whole when it would break the quota.
#[server(prefix = "/api", endpoint = "commitments/decide-many")]
pub async fn decide_many(
    year: i32,
    org: String,
    picks: Option<Vec<String>>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let n = server::decide_as_proposed(&store, &actor, year, &org, picks.unwrap_or_default())
        .await
        .map_err(respond)?;
    let grading = crate::paths::grading(&org, year);
    crate::api::context::redirect(&crate::paths::flagged(&grading, "da-quyet-dinh", n));
    Ok(())
}

/// A grassroots organisation's members for its committee's decision, with
/// the quota per the year's rules, and its cells' grades.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradingData {
    pub year: YearConfig,
    pub years: Vec<i32>,
    /// The organisations the caller decides in (code, name).
    pub orgs: Vec<(String, String)>,
    pub org_code: String,
    pub org_name: String,
    pub rows: Vec<CommitmentRow>,
    /// The decided grades against the quota.
    pub decided_quota: Quota,
    /// The quota if every pending proposal were decided as proposed.
    pub projected_quota: Quota,
    /// The organisation's cells with their grades (when the caller grades them).
    pub units: Vec<crate::domain::records::UnitGradeRow>,
    pub today: NaiveDate,
    pub grading_open: bool,
    /// The members whose grade the caller may decide now (proposed or
    /// decided, not their own: the deputy decides that one).
    pub decidable: Vec<i64>,
}

#[server(prefix = "/api", endpoint = "commitments/grading")]
pub async fn org_grading(org: Option<String>, year: Option<i32>) -> Result<GradingData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::grading_page(&store, &actor, org, year)
        .await
        .map_err(respond)
}

/// Grades an organisation (a cell by its grassroots committee, a grassroots
/// organisation by the bloc).
#[server(prefix = "/api", endpoint = "commitments/unit-grade")]
pub async fn grade_unit(
    year: i32,
    unit: String,
    grade: String,
    version: i64,
    note: Option<String>,
    back: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::grade_unit(&store, &actor, year, &unit, &grade, version, note)
        .await
        .map_err(respond)?;
    crate::api::context::redirect(&server::back_to(back.as_deref(), "da-luu"));
    Ok(())
}

/// Grade as text in forms and lists.
pub fn grade_code(g: Grade) -> &'static str {
    g.as_str()
}

/// Whether a state counts as filed (for progress bars).
pub fn is_filed(state: Option<CommitmentState>) -> bool {
    state.is_some_and(CommitmentState::is_filed)
}

#[cfg(feature = "ssr")]
pub mod server;
