//! The print view of a unit: the unit and each unit directly under it, one
//! A4 page each. The files (SVG, PNG, CSV, XLSX) are plain HTTP routes of
//! the server (`server/src/export`).

use super::ApiError;
use crate::domain::org::{Leader, MemberPage, OrgNode};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Members listed on one printed page at most; the rest are in the files.
pub const PRINT_MEMBERS: i64 = 300;
/// Units directly under the printed unit that get a page each, at most.
pub const PRINT_UNITS: i64 = 200;

/// One printed page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintPage {
    pub node: OrgNode,
    /// Current positions only, by rank.
    pub leaders: Vec<Leader>,
    pub children: Vec<OrgNode>,
    /// More units below than listed.
    pub children_more: bool,
    /// The first members, when the caller may list them here.
    pub members: Option<MemberPage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintData {
    pub code: String,
    pub pages: Vec<PrintPage>,
    /// More units below than pages.
    pub more: bool,
    pub today: chrono::NaiveDate,
}

/// The unit `code` and the units directly under it, for printing.
#[server(prefix = "/api", endpoint = "export/print")]
pub async fn print_unit(code: String) -> Result<PrintData, ApiError> {
    use super::context;
    use super::error::respond;
    use super::org::authorized_unit;
    use crate::domain::{Action, authz::Target, can};
    use crate::store::org::MemberQuery;
    let (store, actor) = context::request().map_err(respond)?;
    let unit = authorized_unit(&store, &actor, &code, Action::ViewStructure)
        .await
        .map_err(respond)?;
    if unit.valid_to.is_some() {
        // A closed unit has no current members to list.
        return Err(respond(ApiError::field(
            crate::domain::problem::Field::Unit,
            crate::domain::problem::FieldProblem::Unknown,
        )));
    }
    let fail = |e: crate::store::StoreError| respond(e.into());
    let today = chrono::Utc::now().date_naive();
    let year = super::context::summary_year(&store)
        .await
        .map_err(respond)?;
    let summary = store.unit_summary(&unit, year).await.map_err(fail)?;
    let children = store
        .org_level(Some(unit.id), None, None, PRINT_UNITS)
        .await
        .map_err(fail)?;
    let leaders = store.unit_leaders(unit.id, today).await.map_err(fail)?;
    let secretary = leaders
        .iter()
        .find(|l| {
            l.role == crate::domain::PositionRole::Secretary
                && l.valid_from <= today
                && l.valid_to.is_none_or(|d| d > today)
        })
        .map(|l| l.full_name.clone());
    let root = OrgNode {
        id: unit.id,
        code: unit.code.clone(),
        name: unit.name.clone(),
        kind: unit.kind,
        full_members: summary.full_members,
        probationary_members: summary.probationary_members,
        child_count: children.nodes.len() as i64,
        secretary,
        valid_from: unit.valid_from,
        valid_to: None,
    };
    let mut units = vec![(root, unit.path.clone())];
    for n in &children.nodes {
        // A child's path is its parent's and its id.
        units.push((n.clone(), format!("{}{}/", unit.path, n.id)));
    }
    let mut pages = Vec::with_capacity(units.len());
    for (i, (node, path)) in units.into_iter().enumerate() {
        let below = if i == 0 {
            children.clone()
        } else {
            store
                .org_level(Some(node.id), None, None, PRINT_UNITS)
                .await
                .map_err(fail)?
        };
        let current = |l: &Leader| l.valid_from <= today && l.valid_to.is_none_or(|d| d > today);
        let leaders: Vec<Leader> = if i == 0 {
            leaders.iter().filter(|l| current(l)).cloned().collect()
        } else {
            store
                .unit_leaders(node.id, today)
                .await
                .map_err(fail)?
                .into_iter()
                .filter(current)
                .collect()
        };
        let target = Target::Unit {
            kind: node.kind,
            path: &path,
        };
        let members = if can(&actor, Action::ViewMembers, target) {
            let this = crate::store::model::Unit {
                id: node.id,
                code: node.code.clone(),
                name: node.name.clone(),
                kind: node.kind,
                parent_id: None,
                path: path.clone(),
                valid_from: node.valid_from,
                valid_to: None,
            };
            let query = MemberQuery {
                statuses: Vec::new(),
                sort: Default::default(),
                offset: 0,
                limit: PRINT_MEMBERS,
            };
            Some(store.unit_members(&this, &query).await.map_err(fail)?)
        } else {
            None
        };
        pages.push(PrintPage {
            node,
            leaders,
            children_more: below.next.is_some(),
            children: below.nodes,
            members,
        });
    }
    Ok(PrintData {
        code: unit.code,
        pages,
        more: children.next.is_some(),
        today,
    })
}
