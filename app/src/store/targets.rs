//! Resolution targets (chỉ tiêu nghị quyết): the targets of a unit's yearly
//! resolution (the statements are in `sql/targets.rs`, compiled once per
//! backend). Every write checks and raises the row's version and writes its
//! audit entry in the same transaction.

use super::StoreError;
use super::model::AuditEntry;
use crate::domain::UnitKind;
use crate::domain::targets::{Checked, Direction, Indicator, ResolutionTarget};
use async_trait::async_trait;

/// A target with what authorization needs: its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetHead {
    pub target: ResolutionTarget,
    pub unit_id: i64,
    pub unit_path: String,
    pub unit_kind: UnitKind,
}

#[async_trait]
pub trait TargetStore: Send + Sync {
    /// Adds a target at the end of the list of `unit_id`'s resolution of
    /// `year`. A known indicator already listed, or a full list: `Conflict`.
    async fn create_target(
        &self,
        unit_id: i64,
        year: i32,
        spec: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    /// The new version; a stale `expected_version`: `Conflict`.
    async fn update_target(
        &self,
        id: i64,
        expected_version: i64,
        spec: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    /// Removes the target, if it is still at `expected_version`.
    async fn delete_target(
        &self,
        id: i64,
        expected_version: i64,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    async fn target(&self, id: i64) -> Result<Option<TargetHead>, StoreError>;
    /// The targets of a unit's resolution of a year, in the list's order.
    async fn targets(&self, unit_id: i64, year: i32) -> Result<Vec<ResolutionTarget>, StoreError>;
}

/// A target row as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct TargetDbRow {
    pub id: i64,
    pub unit_id: i64,
    pub unit_path: String,
    pub unit_kind: String,
    pub year: i32,
    pub position: i32,
    pub indicator: String,
    pub title: String,
    pub measure: String,
    pub direction: String,
    pub target: i64,
    pub actual: Option<i64>,
    pub note: String,
    pub evidence: String,
    pub version: i64,
}

/// The columns of [`TargetDbRow`], over `resolution_targets t`.
pub(crate) const TARGET_COLUMNS: &str = "t.id, t.unit_id, u.path AS unit_path, \
     u.kind AS unit_kind, t.year, t.position, t.indicator, t.title, t.measure, t.direction, \
     t.target, t.actual, t.note, t.evidence, t.version \
     FROM resolution_targets t JOIN units u ON u.id = t.unit_id";

impl TryFrom<TargetDbRow> for TargetHead {
    type Error = StoreError;

    fn try_from(r: TargetDbRow) -> Result<Self, StoreError> {
        let bad = |what: &str, v: &str| StoreError::Fault(format!("target {what} {v:?}"));
        let indicator =
            Indicator::parse(&r.indicator).ok_or_else(|| bad("indicator", &r.indicator))?;
        let direction =
            Direction::parse(&r.direction).ok_or_else(|| bad("direction", &r.direction))?;
        let unit_kind =
            UnitKind::parse(&r.unit_kind).ok_or_else(|| bad("unit kind", &r.unit_kind))?;
        Ok(TargetHead {
            unit_id: r.unit_id,
            unit_path: r.unit_path,
            unit_kind,
            target: ResolutionTarget {
                id: r.id,
                year: r.year,
                position: r.position,
                spec: Checked {
                    indicator,
                    title: r.title,
                    measure: r.measure,
                    direction,
                    target: r.target,
                    actual: r.actual,
                    note: r.note,
                    evidence: r.evidence,
                },
                version: r.version,
            },
        })
    }
}
