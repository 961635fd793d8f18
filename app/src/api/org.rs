//! The org chart, search, the unit page and the member page.

use super::ApiError;
use crate::domain::UnitSummary;
use crate::domain::org::OrgNode;
use crate::domain::org::{
    Leader, LevelCursor, MemberPage, MemberProfile, OrgLevel, SearchHit, UnitHistoryEntry, UnitRef,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Nodes per request when a level is wide (the bloc has 98 children in the
/// demo, about 52,000 at national scale).
pub const LEVEL_PAGE: i64 = 200;
/// Members per page on the unit page.
pub const MEMBER_PAGE: i64 = 50;
/// Units below a unit per page on the unit page (the chart shows the whole
/// level): a list a phone can scroll, and a page that does not grow with
/// the unit (the bloc's 98 units were 40 % of its HTML).
pub const CHILD_PAGE: i64 = 25;
/// Events a unit page shows first, newest first: the bloc has over a
/// hundred, and rendering them all made its page the slowest of the app.
pub const HISTORY_RECENT: i64 = 20;
/// Events a unit page shows when all are asked for.
pub const HISTORY_ALL: i64 = 200;
/// Levels one chart request may open (a search trail is at most 5 deep).
#[cfg(feature = "ssr")]
const MAX_OPEN: usize = 40;

/// The first levels of the chart: the roots, and the children of every open
/// unit that is reachable from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartData {
    pub roots: OrgLevel,
    /// (code of the parent, its children), parents before children.
    pub levels: Vec<(String, OrgLevel)>,
    /// The date the chart shows, when not today.
    pub as_of: Option<chrono::NaiveDate>,
}

/// What the unit page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitPageData {
    pub node: OrgNode,
    /// From the root down to the parent.
    pub trail: Vec<UnitRef>,
    pub leaders: Vec<Leader>,
    /// A page of the units below: from the first, or after the one asked for.
    pub children: OrgLevel,
    /// The page of units below is not the first.
    pub children_after: bool,
    pub history: Vec<UnitHistoryEntry>,
    /// Older events than those in `history` exist.
    pub more_history: bool,
    /// Subtree figures (current units only).
    pub summary: Option<UnitSummary>,
    /// The members page asked for, when the caller may list them.
    pub members: Option<MemberPage>,
    /// The caller may change the structure here.
    pub can_change: bool,
    /// The server's date (the browser has no reliable clock of its own here).
    pub today: chrono::NaiveDate,
    /// The commendations the unit received.
    pub awards: Vec<crate::domain::commendation_records::AwardRow>,
}

/// A date field of a form (`yyyy-mm-dd`), empty meaning none.
#[cfg(feature = "ssr")]
fn parse_date(value: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    match value.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                ApiError::field(
                    crate::domain::problem::Field::AsOf,
                    crate::domain::problem::FieldProblem::Unknown,
                )
            }),
    }
}

/// The unit with `code`, if the caller may perform `action` on it; 404 when
/// it does not exist, the caller's refusal otherwise.
#[cfg(feature = "ssr")]
pub(crate) async fn authorized_unit(
    store: &crate::store::DynStore,
    actor: &crate::domain::Actor,
    code: &str,
    action: crate::domain::Action,
) -> Result<crate::store::model::Unit, ApiError> {
    use super::context::refusal;
    use crate::domain::{authz::Target, can};
    let unit = store
        .unit_by_code(code.trim())
        .await?
        .ok_or_else(|| refusal(actor, true))?;
    let target = Target::Unit {
        kind: unit.kind,
        path: &unit.path,
    };
    if can(actor, action, target) {
        Ok(unit)
    } else {
        Err(refusal(actor, false))
    }
}

/// Everyone logged in sees the structure; checked against the bloc itself
/// where no unit is named.
#[cfg(feature = "ssr")]
fn may_view_structure(actor: &crate::domain::Actor) -> Result<(), ApiError> {
    use crate::domain::{Action, UnitKind, authz::Target, can};
    let target = Target::Unit {
        kind: UnitKind::Bloc,
        path: "/",
    };
    if can(actor, Action::ViewStructure, target) {
        Ok(())
    } else {
        Err(super::context::refusal(actor, false))
    }
}

/// The chart with the units in `open` (codes, comma-separated) expanded, as
/// of `as_of` (`yyyy-mm-dd`; today when empty).
#[server(prefix = "/api", endpoint = "org/chart")]
pub async fn org_chart(open: Option<String>, as_of: Option<String>) -> Result<ChartData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    may_view_structure(&actor).map_err(respond)?;
    let as_of = parse_date(as_of.as_deref()).map_err(respond)?;
    let roots = store
        .org_level(None, as_of, None, LEVEL_PAGE)
        .await
        .map_err(|e| respond(e.into()))?;
    // Open only what is reachable from the roots through open units, so the
    // result is a tree whatever the query says.
    let mut wanted: Vec<String> = open
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .take(MAX_OPEN)
        .map(str::to_string)
        .collect();
    let mut levels: Vec<(String, OrgLevel)> = Vec::new();
    let mut frontier: Vec<OrgNode> = roots.nodes.clone();
    while let Some(pos) = frontier.iter().position(|n| wanted.contains(&n.code)) {
        let node = frontier.remove(pos);
        wanted.retain(|c| c != &node.code);
        let level = store
            .org_level(Some(node.id), as_of, None, LEVEL_PAGE)
            .await
            .map_err(|e| respond(e.into()))?;
        frontier.extend(level.nodes.iter().cloned());
        levels.push((node.code, level));
    }
    Ok(ChartData {
        roots,
        levels,
        as_of,
    })
}

/// The children of the unit `parent` (a code), after `after` when paging.
#[server(prefix = "/api", endpoint = "org/level")]
pub async fn load_level(
    parent: String,
    as_of: Option<String>,
    after: Option<LevelCursor>,
) -> Result<OrgLevel, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::Action;
    let (store, actor) = context::request().map_err(respond)?;
    let unit = authorized_unit(&store, &actor, &parent, Action::ViewStructure)
        .await
        .map_err(respond)?;
    let as_of = parse_date(as_of.as_deref()).map_err(respond)?;
    store
        .org_level(Some(unit.id), as_of, after.as_ref(), LEVEL_PAGE)
        .await
        .map_err(|e| respond(e.into()))
}

/// Units (for everyone logged in) and members (within the caller's scope)
/// whose names match `query`, diacritics ignored.
#[server(prefix = "/api", endpoint = "org/search")]
pub async fn search(query: String) -> Result<Vec<SearchHit>, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::{Action, authz::scope_paths, org::search_terms};
    let (store, actor) = context::request().map_err(respond)?;
    may_view_structure(&actor).map_err(respond)?;
    if query.chars().count() > 100 {
        return Err(respond(ApiError::field(
            crate::domain::problem::Field::Query,
            crate::domain::problem::FieldProblem::TooLong,
        )));
    }
    let terms = search_terms(&query);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let scopes = scope_paths(&actor, Action::ViewMembers);
    store
        .search(&terms, scopes.as_deref(), 20)
        .await
        .map_err(|e| respond(e.into()))
}

/// The unit page: leaders, children, history, figures, what the caller may
/// do there, and (for those who may list them) a page of the subtree's
/// members: `status` a `MemberStatus` name (empty: the active ones), `sort`
/// a `MemberSort` name, `page` from 1; the latest events of the unit's
/// history, or with `all_history` all of them (up to [`HISTORY_ALL`]);
/// [`CHILD_PAGE`] units below it, after the unit whose code is
/// `children_after` when given (a unit below this one).
#[server(prefix = "/api", endpoint = "org/unit")]
pub async fn unit_page(
    code: String,
    status: Option<String>,
    sort: Option<String>,
    page: Option<i64>,
    all_history: Option<bool>,
    children_after: Option<String>,
) -> Result<UnitPageData, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::org::{MemberSort, path_ids};
    use crate::domain::{Action, MemberStatus, authz::Target, can};
    use crate::store::org::MemberQuery;
    let (store, actor) = context::request().map_err(respond)?;
    let unit = authorized_unit(&store, &actor, &code, Action::ViewStructure)
        .await
        .map_err(respond)?;
    let statuses = match status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Vec::new(),
        Some(s) => vec![MemberStatus::parse(s).ok_or_else(|| respond(ApiError::request()))?],
    };
    let sort = match sort.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => MemberSort::default(),
        Some(s) => MemberSort::parse(s).ok_or_else(|| respond(ApiError::request()))?,
    };
    let page = page.unwrap_or(1);
    if !(1..=crate::domain::paging::MAX_PAGE).contains(&page) {
        return Err(respond(ApiError::request()));
    }
    let today = chrono::Utc::now().date_naive();
    let fail = |e: crate::store::StoreError| respond(e.into());
    let mut ids = path_ids(&unit.path);
    ids.pop();
    let trail = store
        .units_by_ids(&ids)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|u| UnitRef {
            code: u.code,
            name: u.name,
            kind: u.kind,
        })
        .collect();
    let current = unit.valid_to.is_none();
    // A closed unit is shown as it was on its last day.
    let as_of = unit.valid_to.and_then(|d| d.pred_opt());
    let after = match children_after
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(c) => Some(child_cursor(&store, &unit, c).await.map_err(respond)?),
    };
    let children = store
        .org_level(Some(unit.id), as_of, after.as_ref(), CHILD_PAGE)
        .await
        .map_err(fail)?;
    let target = Target::Unit {
        kind: unit.kind,
        path: &unit.path,
    };
    // The figures page of a unit stays within the caller's summary scope;
    // the chart's member counts are open like the rest of the structure.
    let summary = if current {
        let year = super::context::summary_year(&store)
            .await
            .map_err(respond)?;
        Some(store.unit_summary(&unit, year).await.map_err(fail)?)
    } else {
        None
    };
    let node = OrgNode {
        id: unit.id,
        code: unit.code.clone(),
        name: unit.name.clone(),
        kind: unit.kind,
        full_members: summary.as_ref().map_or(0, |s| s.full_members),
        probationary_members: summary.as_ref().map_or(0, |s| s.probationary_members),
        child_count: children.nodes.len() as i64,
        secretary: None,
        valid_from: unit.valid_from,
        valid_to: unit.valid_to,
    };
    let members = if can(&actor, Action::ViewMembers, target) {
        let query = MemberQuery {
            statuses,
            sort,
            offset: crate::domain::paging::offset(page, MEMBER_PAGE),
            limit: MEMBER_PAGE,
        };
        Some(store.unit_members(&unit, &query).await.map_err(fail)?)
    } else {
        None
    };
    let summary = summary.filter(|_| can(&actor, Action::ViewSummary, target));
    let all_history = all_history.unwrap_or(false);
    let mut history = store
        .unit_history(
            unit.id,
            if all_history {
                HISTORY_ALL
            } else {
                HISTORY_RECENT + 1
            },
        )
        .await
        .map_err(fail)?;
    let more_history = !all_history && history.len() > HISTORY_RECENT as usize;
    if more_history {
        history.truncate(HISTORY_RECENT as usize);
    }
    Ok(UnitPageData {
        awards: store
            .awards_of(crate::store::commendations::Subject::Unit(unit.id))
            .await
            .map_err(fail)?,
        leaders: store.unit_leaders(unit.id, today).await.map_err(fail)?,
        history,
        more_history,
        members,
        can_change: can(&actor, Action::ChangeStructure, target),
        today,
        node,
        trail,
        children,
        children_after: after.is_some(),
        summary,
    })
}

/// Where the page of units below `parent` starts: after its unit `code`
/// (units are listed by name in Vietnamese order, then by id).
#[cfg(feature = "ssr")]
async fn child_cursor(
    store: &crate::store::DynStore,
    parent: &crate::store::model::Unit,
    code: &str,
) -> Result<LevelCursor, ApiError> {
    let invalid = ApiError::request;
    if code.len() > 100 {
        return Err(invalid());
    }
    let unit = store.unit_by_code(code).await?.ok_or_else(invalid)?;
    // A closed unit lists its units as they were; they may be elsewhere now.
    if unit.parent_id != Some(parent.id) && parent.valid_to.is_none() {
        return Err(invalid());
    }
    Ok(LevelCursor {
        sort_key: crate::domain::text::collation_key(&unit.name),
        id: unit.id,
    })
}

/// A member's page: the dossier, and whether the caller may change the
/// member's cell or status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub profile: MemberProfile,
    pub can_change: bool,
    /// The commendations the member received.
    pub awards: Vec<crate::domain::commendation_records::AwardRow>,
    /// The Party badges the member was awarded.
    pub badges: Vec<crate::domain::badge::Awarded>,
    /// The caller (the cell's secretary) may report a badge lost.
    pub can_report_lost: bool,
    /// Disciplines and periods outside the Party (they delay the badges).
    pub disciplines: Vec<crate::domain::badge::DisciplineEntry>,
    pub gaps: Vec<crate::domain::badge::GapEntry>,
}

/// One member's dossier, for the member and those whose scope holds them;
/// anyone else learns nothing, not even that the member exists.
#[server(prefix = "/api", endpoint = "org/member")]
pub async fn member_dossier(id: i64) -> Result<MemberView, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::{Action, authz::Target, can};
    let (store, actor) = context::request().map_err(respond)?;
    if matches!(actor, crate::domain::Actor::Anonymous) {
        return Err(respond(ApiError::Unauthorized));
    }
    // Who may read it is decided from where the member is, before any of the
    // dossier is read: a refusal costs the same whoever is asked about.
    let cell_path = store
        .member_cell_path(id)
        .await
        .map_err(|e| respond(e.into()))?
        .ok_or_else(|| respond(ApiError::NotFound))?;
    let target = Target::Member {
        member_id: id,
        cell_path: &cell_path,
    };
    if !can(&actor, Action::ViewMember, target) {
        return Err(respond(context::refusal(&actor, true)));
    }
    let can_change = can(&actor, Action::ChangeStructure, target);
    let profile = store
        .member_profile(id)
        .await
        .map_err(|e| respond(e.into()))?
        .ok_or_else(|| respond(ApiError::NotFound))?;
    let awards = store
        .awards_of(crate::store::commendations::Subject::Member(id))
        .await
        .map_err(|e| respond(e.into()))?;
    let badges = store.badges_of(id).await.map_err(|e| respond(e.into()))?;
    let (disciplines, gaps) = store
        .party_history(id)
        .await
        .map_err(|e| respond(e.into()))?;
    Ok(MemberView {
        profile,
        can_change,
        awards,
        badges,
        can_report_lost: can(&actor, Action::ReviewCommitment, target),
        disciplines,
        gaps,
    })
}
