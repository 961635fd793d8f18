//! The org chart, unit and member pages, search, and the derived data they
//! read: sort and search keys, name words, and figures rolled up per subtree.

use super::StoreError;
use super::model::Unit;
use crate::domain::org::{
    Leader, LevelCursor, MemberPage, MemberProfile, MemberSort, OrgLevel, SearchHit,
    UnitHistoryEntry, UnitRef,
};
use crate::domain::{MemberStatus, UnitKind};
use async_trait::async_trait;
use chrono::NaiveDate;
use sqlx::QueryBuilder;

/// What a member list asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberQuery {
    /// Empty: the active statuses (probationary, full, exempt).
    pub statuses: Vec<MemberStatus>,
    pub sort: MemberSort,
    pub offset: i64,
    pub limit: i64,
}

#[async_trait]
pub trait OrgStore: Send + Sync {
    /// The units directly under `parent` (the roots when `None`) as they were
    /// on `as_of` (today's tree when `None`), in display order, at most
    /// `limit`, after `after`.
    async fn org_level(
        &self,
        parent: Option<i64>,
        as_of: Option<NaiveDate>,
        after: Option<&LevelCursor>,
        limit: i64,
    ) -> Result<OrgLevel, StoreError>;
    /// The units of a path, root first (breadcrumbs, search trails).
    async fn units_by_ids(&self, ids: &[i64]) -> Result<Vec<Unit>, StoreError>;
    /// Every position ever held in the unit: current first, by rank.
    async fn unit_leaders(&self, unit_id: i64, today: NaiveDate)
    -> Result<Vec<Leader>, StoreError>;
    /// Events of the unit and events that name it, newest first.
    /// The unit's events, newest first, at most `limit`.
    async fn unit_history(
        &self,
        unit_id: i64,
        limit: i64,
    ) -> Result<Vec<UnitHistoryEntry>, StoreError>;
    /// Members whose current cell lies in `unit`'s subtree.
    async fn unit_members(
        &self,
        unit: &Unit,
        query: &MemberQuery,
    ) -> Result<MemberPage, StoreError>;
    async fn member_profile(&self, member_id: i64) -> Result<Option<MemberProfile>, StoreError>;
    /// The path of the member's current cell: enough to decide who may read
    /// the dossier before any of it is loaded.
    async fn member_cell_path(&self, member_id: i64) -> Result<Option<String>, StoreError>;
    /// Current units whose name contains every term, and members of the
    /// `member_scopes` subtrees (`None`: everywhere) whose name has a word
    /// starting with the longest term and contains the others.
    async fn search(
        &self,
        terms: &[String],
        member_scopes: Option<&[String]>,
        limit: i64,
    ) -> Result<Vec<SearchHit>, StoreError>;
    /// Fills in what older databases lack (keys, name words, figures); cheap
    /// when there is nothing to do.
    async fn refresh_derived(&self) -> Result<(), StoreError>;
}

/// The subtree figures of every current unit, rolled up from member counts
/// per cell along the paths.
pub(crate) fn roll_up(
    units: &[(i64, String, String)],
    counts: &[(i64, String, i64)],
) -> Vec<(i64, [i64; 8])> {
    use crate::domain::org::path_ids;
    use std::collections::HashMap;
    let mut stats: HashMap<i64, [i64; 8]> = units.iter().map(|(id, _, _)| (*id, [0; 8])).collect();
    let paths: HashMap<i64, &str> = units.iter().map(|(id, p, _)| (*id, p.as_str())).collect();
    for (cell_id, status, n) in counts {
        let slot = match MemberStatus::parse(status) {
            Some(MemberStatus::Full) => 0,
            Some(MemberStatus::Probationary) => 1,
            Some(MemberStatus::Exempt) => 2,
            _ => continue,
        };
        let Some(path) = paths.get(cell_id) else {
            continue;
        };
        for id in path_ids(path) {
            if let Some(s) = stats.get_mut(&id) {
                s[slot] += n;
            }
        }
    }
    for (id, path, kind) in units {
        let slot = match UnitKind::parse(kind) {
            Some(UnitKind::GrassrootsCommittee) => 3,
            Some(UnitKind::GrassrootsCell) => 4,
            Some(UnitKind::SubCommittee) => 5,
            Some(UnitKind::Cell) => 6,
            Some(UnitKind::Group) => 7,
            _ => continue,
        };
        // A unit counts in its ancestors' subtrees, not its own.
        for ancestor in path_ids(path).into_iter().filter(|a| a != id) {
            if let Some(s) = stats.get_mut(&ancestor) {
                s[slot] += 1;
            }
        }
    }
    let mut out: Vec<_> = stats.into_iter().collect();
    out.sort_unstable_by_key(|(id, _)| *id);
    out
}

/// Counts per cell and key rolled up along the paths into every current
/// unit's subtree, in (unit, key) order: members admitted per year, the
/// probationary per admission day, the badges due per milestone.
pub(crate) fn roll_up_counts<K: Ord + Copy>(
    units: &[(i64, String, String)],
    counts: impl IntoIterator<Item = (i64, K, i64)>,
) -> Vec<(i64, K, i64)> {
    use crate::domain::org::path_ids;
    use std::collections::{BTreeMap, HashMap};
    let paths: HashMap<i64, &str> = units.iter().map(|(id, p, _)| (*id, p.as_str())).collect();
    let mut out: BTreeMap<(i64, K), i64> = BTreeMap::new();
    for (cell_id, key, n) in counts {
        let Some(path) = paths.get(&cell_id) else {
            continue;
        };
        for id in path_ids(path)
            .into_iter()
            .filter(|id| paths.contains_key(id))
        {
            *out.entry((id, key)).or_default() += n;
        }
    }
    out.into_iter().map(|((id, key), n)| (id, key, n)).collect()
}

/// Adds `OR`-ed path ranges of `scopes` on `column` (`1 = 0` when empty:
/// no scope never means everything).
pub(crate) fn push_scopes<'a, DB: sqlx::Database>(
    q: &mut QueryBuilder<'a, DB>,
    column: &str,
    scopes: &[String],
) where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    q.push(" AND (1 = 0");
    for path in scopes {
        q.push(format!(" OR ({column} >= "))
            .push_bind(path.clone())
            .push(format!(" AND {column} < "))
            .push_bind(super::path_upper_bound(path))
            .push(")");
    }
    q.push(")");
}

pub(crate) fn unit_ref(code: String, name: String, kind: &str) -> Result<UnitRef, StoreError> {
    Ok(UnitRef {
        code,
        name,
        kind: UnitKind::parse(kind)
            .ok_or_else(|| StoreError::Fault(format!("unknown unit kind {kind}")))?,
    })
}

pub(crate) fn parse_status(s: &str) -> Result<MemberStatus, StoreError> {
    MemberStatus::parse(s).ok_or_else(|| StoreError::Fault(format!("unknown status {s}")))
}

pub(crate) fn parse_role(s: &str) -> Result<crate::domain::PositionRole, StoreError> {
    crate::domain::PositionRole::parse(s)
        .ok_or_else(|| StoreError::Fault(format!("unknown role {s}")))
}

pub(crate) fn parse_gender(s: &str) -> Result<crate::domain::Gender, StoreError> {
    crate::domain::Gender::parse(s).ok_or_else(|| StoreError::Fault(format!("unknown gender {s}")))
}

/// Codes of the units on `path` above its last unit, root first.
pub(crate) fn trail(
    path: &str,
    codes: &std::collections::HashMap<i64, String>,
    include_last: bool,
) -> Vec<String> {
    let mut ids = crate::domain::org::path_ids(path);
    if !include_last {
        ids.pop();
    }
    ids.iter().filter_map(|id| codes.get(id).cloned()).collect()
}

/// A raw chart row.
#[derive(sqlx::FromRow)]
pub(crate) struct NodeRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub sort_key: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub full_members: i64,
    pub probationary_members: i64,
    pub child_count: i64,
    pub secretary: Option<String>,
}

impl NodeRow {
    pub(crate) fn into_node(self) -> Result<crate::domain::org::OrgNode, StoreError> {
        Ok(crate::domain::org::OrgNode {
            id: self.id,
            kind: UnitKind::parse(&self.kind)
                .ok_or_else(|| StoreError::Fault(format!("unknown unit kind {}", self.kind)))?,
            code: self.code,
            name: self.name,
            full_members: self.full_members,
            probationary_members: self.probationary_members,
            child_count: self.child_count,
            secretary: self.secretary,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ProfileRow {
    pub id: i64,
    pub full_name: String,
    pub gender: String,
    pub birth_date: NaiveDate,
    pub card_number: String,
    pub record_number: String,
    pub admission_date: NaiveDate,
    pub full_membership_date: Option<NaiveDate>,
    pub status: String,
    pub job_title: String,
    pub workplace: String,
    pub phone: String,
    pub email: String,
    pub cell_code: String,
    pub cell_name: String,
    pub cell_kind: String,
    pub cell_path: String,
}

/// "A unit valid on $n" for the alias `t`.
pub(crate) fn valid_on(t: &str, n: usize) -> String {
    format!("{t}.valid_from <= ${n} AND ({t}.valid_to IS NULL OR {t}.valid_to > ${n})")
}
