//! Commendation proposals and decisions. Each function is thin: authenticate
//! → authorize (`domain::can`, then the proposal's state machine) → store
//! (one transaction, version-checked, audited) → notify. Forms post here
//! directly and are answered by a redirect, so every step works without
//! the WASM; refusals travel as [`ApiError::Refused`] with a typed problem.
// The server functions' arguments are the forms' fields, one each.
#![allow(clippy::too_many_arguments)]

use super::ApiError;
use crate::domain::commendation::{Form, Occasion};
use crate::domain::commendation_records::{
    AwardRow, DecisionRow, NomineeRecord, ProposalRecord, ProposalRow,
};
use crate::domain::grading::Grade;
use crate::domain::org::UnitRef;
use crate::domain::proposal::Step;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::DECISIONS_PAGE;
pub use crate::paths::PROPOSALS_PAGE;

/// A unit the caller acts for, and where its proposals may be addressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposingUnit {
    pub unit: UnitRef,
    /// The levels a proposal may be addressed to: the unit itself when it
    /// awards, its parent, and for the bloc the province (`None`).
    pub addressees: Vec<Option<UnitRef>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalsData {
    pub year: i32,
    pub years: Vec<i32>,
    /// Units whose proposals the caller makes.
    pub proposing: Vec<ProposingUnit>,
    /// Made by those units.
    pub made: Vec<ProposalRow>,
    /// Addressed to the units where the caller awards.
    pub to_review: Vec<ProposalRow>,
}

/// The caller's proposals to make and to review, for a year (by default the
/// working year, when it is set up).
#[server(prefix = "/api", endpoint = "commendations/list")]
pub async fn proposal_lists(year: Option<i32>) -> Result<ProposalsData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::list(&store, &actor, year).await.map_err(respond)
}

/// One proposal with what the caller may do to it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalView {
    pub record: ProposalRecord,
    pub nominees: Vec<NomineeRecord>,
    /// Steps open to the caller (the server checks each again).
    pub steps: Vec<Step>,
    /// The caller marks nominees (the awarding level, while submitted).
    pub marks: bool,
    /// By nominee, in order: whether the awarding level may approve it.
    pub awardable: Vec<bool>,
    /// Nominees may go up a level (not from the province).
    pub can_forward: bool,
    pub today: NaiveDate,
    /// Who may be added to the list, while the caller edits it.
    pub candidates: Option<Candidates>,
    /// Good models the list's achievements may cite, while it is edited.
    pub models: Vec<CitableModel>,
    /// The dossier's files, and whether the caller may add and remove them.
    pub attachments: Vec<crate::domain::attachment::AttachmentRow>,
    pub can_attach: bool,
}

/// A good model a nominee's achievements may cite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitableModel {
    pub id: i64,
    pub title: String,
    pub year: i32,
}

/// One who may be added to a proposal's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// As the list form sends it: "m{member id}" or "u{unit code}".
    pub key: String,
    pub name: String,
    /// A member's card number and cell; an organisation's kind is in `unit`.
    pub card_number: Option<String>,
    pub place: String,
    /// The grade of the proposal's year.
    pub grade: Option<Grade>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidates {
    pub members: Vec<Candidate>,
    /// The organisations directly below the proposing unit.
    pub units: Vec<Candidate>,
    /// Members that matched but are not shown (past the page's limit).
    pub more: usize,
    /// Only those graded excellent in the year (yearly and five-year
    /// commendations).
    pub excellent_only: bool,
}

/// One proposal; `q` narrows the candidates by name or card number.
#[server(prefix = "/api", endpoint = "commendations/one")]
pub async fn proposal_one(id: i64, q: Option<String>) -> Result<ProposalView, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::view(&store, &actor, id, q).await.map_err(respond)
}

/// Rows of a list form by their index (`nominees[3]=m12`): a row whose box
/// is not ticked sends nothing, so indices may have gaps; a nominee's
/// achievements are the row of the same index.
pub type Rows = std::collections::BTreeMap<u32, String>;

/// A new draft from `unit` (a code) to `to` (a code; empty: the province),
/// with nominees as "m{member id}" or "u{unit code}" and each one's
/// achievements in the row of the same index. Answered by a redirect to
/// the draft.
#[server(prefix = "/api", endpoint = "commendations/new")]
pub async fn new_proposal(
    unit: String,
    to: Option<String>,
    year: i32,
    occasion: String,
    form: String,
    title: String,
    cover: Option<String>,
    minutes: Option<String>,
    nominees: Option<Rows>,
    achievements: Option<Rows>,
    models: Option<Rows>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let input =
        server::DraftInput::from_form(title, cover, minutes, nominees, achievements, models);
    let id = server::create(&store, &actor, &unit, to, year, &occasion, &form, input)
        .await
        .map_err(respond)?;
    context::redirect(&crate::paths::flagged(
        &crate::paths::proposal(id),
        "da-luu",
        1,
    ));
    Ok(())
}

/// Saves a draft (or a returned proposal): texts and the whole list; with
/// `submit`, submits it to the level addressed.
#[server(prefix = "/api", endpoint = "commendations/save")]
pub async fn save_proposal(
    id: i64,
    version: i64,
    title: String,
    cover: Option<String>,
    minutes: Option<String>,
    nominees: Option<Rows>,
    achievements: Option<Rows>,
    models: Option<Rows>,
    submit: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let input =
        server::DraftInput::from_form(title, cover, minutes, nominees, achievements, models);
    let submit = submit.is_some_and(|s| !s.is_empty());
    server::save(&store, &actor, id, version, input, submit)
        .await
        .map_err(respond)?;
    let flag = if submit { "da-trinh" } else { "da-luu" };
    context::redirect(&crate::paths::flagged(&crate::paths::proposal(id), flag, 1));
    Ok(())
}

/// The awarding level's mark on one nominee: `approved`, `struck_out` (with
/// `reason`), `forwarded`, or back to `pending`.
#[server(prefix = "/api", endpoint = "commendations/mark")]
pub async fn mark_nominee(
    id: i64,
    version: i64,
    nominee: i64,
    outcome: String,
    reason: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::mark(&store, &actor, id, version, nominee, &outcome, reason)
        .await
        .map_err(respond)?;
    context::redirect(&crate::paths::flagged(
        &crate::paths::proposal(id),
        "da-luu",
        1,
    ));
    Ok(())
}

/// A step of the awarding level: `return` and `reject` (with `reason`),
/// `settle` (forwarded nominees go up with `forward_title`, `forward_cover`),
/// `decide` (`date`, `signer`, `position`; for the province its `number`).
#[server(prefix = "/api", endpoint = "commendations/step")]
pub async fn proposal_step(
    id: i64,
    version: i64,
    step: String,
    reason: Option<String>,
    forward_title: Option<String>,
    forward_cover: Option<String>,
    date: Option<String>,
    signer: Option<String>,
    position: Option<String>,
    number: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let input = server::StepInput {
        reason,
        forward_title,
        forward_cover,
        date,
        signer,
        position,
        number,
    };
    server::step(&store, &actor, id, version, &step, input)
        .await
        .map_err(respond)?;
    context::redirect(&crate::paths::flagged(
        &crate::paths::proposal(id),
        "da-luu",
        1,
    ));
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionsData {
    pub rows: Vec<DecisionRow>,
    pub page: i64,
    pub more: bool,
}

/// The decisions the caller may read (their units' and those above them;
/// the bloc's leadership every one), newest first, 50 a page.
#[server(prefix = "/api", endpoint = "commendations/decisions")]
pub async fn decision_register(
    year: Option<i32>,
    q: Option<String>,
    page: Option<i64>,
) -> Result<DecisionsData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::register(&store, &actor, year, q, page.unwrap_or(1))
        .await
        .map_err(respond)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    pub decision: DecisionRow,
    pub recipients: Vec<NomineeRecord>,
    /// The dossier it decided, when the caller may read it.
    pub proposal_id: Option<i64>,
    /// The level above the issuer, for the document's heading.
    pub issuer_above: Option<String>,
    /// The unit that proposed it ("Xét đề nghị của …").
    pub proposer: String,
}

#[server(prefix = "/api", endpoint = "commendations/decision")]
pub async fn decision_one(id: i64) -> Result<DecisionView, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::decision(&store, &actor, id).await.map_err(respond)
}

/// The commendations of a member (`member`) or of an organisation (`unit`,
/// a code), for their pages: the member's own, and those who may read
/// their dossier; an organisation's, for everyone who sees the chart.
#[server(prefix = "/api", endpoint = "commendations/awards")]
pub async fn awards(member: Option<i64>, unit: Option<String>) -> Result<Vec<AwardRow>, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::awards(&store, &actor, member, unit)
        .await
        .map_err(respond)
}

/// A proposal's form and occasion, checked, from their codes.
pub fn parse_kind(occasion: &str, form: &str) -> Result<(Occasion, Form), ApiError> {
    use crate::domain::problem::{Field, FieldProblem, Problem};
    let occasion = Occasion::parse(occasion.trim()).ok_or(ApiError::Refused(Problem::field(
        Field::Occasion,
        FieldProblem::Unknown,
    )))?;
    let form = Form::parse(form.trim()).ok_or(ApiError::Refused(Problem::field(
        Field::Form,
        FieldProblem::Unknown,
    )))?;
    Ok((occasion, form))
}

#[cfg(feature = "ssr")]
pub mod server;
