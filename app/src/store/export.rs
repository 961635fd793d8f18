//! Exports: a subtree's units and members walked page by page in a stable
//! order, so that a file of any size is written without holding it all.

use super::StoreError;
use super::model::Unit;
use crate::domain::{Gender, MemberStatus, UnitKind};
use async_trait::async_trait;
use chrono::NaiveDate;

/// A current unit of an exported subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportUnit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    /// `None` for the root of the whole tree.
    pub parent_code: Option<String>,
    pub full_members: i64,
    pub probationary_members: i64,
    pub secretary: Option<String>,
    pub valid_from: NaiveDate,
    /// The walk's cursor (materialized path).
    pub path: String,
}

/// An active member of an exported subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportMember {
    pub id: i64,
    pub card_number: String,
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub admission_date: NaiveDate,
    pub status: MemberStatus,
    pub cell_code: String,
    pub cell_name: String,
    pub job_title: String,
    /// The walk's cursor: (cell path, name key, id).
    pub cursor: MemberCursor,
}

/// Where a member walk goes on: after this (cell path, name key, id).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberCursor {
    pub cell_path: String,
    pub name_key: String,
    pub id: i64,
}

#[async_trait]
pub trait ExportStore: Send + Sync {
    /// The current units of `root`'s subtree (`root` first) in path order,
    /// after the path `after`, at most `limit`.
    async fn export_units(
        &self,
        root: &Unit,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<ExportUnit>, StoreError>;
    /// The active members (probationary, full, exempt) whose current cell
    /// lies in `root`'s subtree, by cell, then in Vietnamese name order,
    /// after `after`, at most `limit`.
    async fn export_members(
        &self,
        root: &Unit,
        after: Option<&MemberCursor>,
        limit: i64,
    ) -> Result<Vec<ExportMember>, StoreError>;
    /// How many units `export_units` would give for `root`, counted no
    /// further than `at_most` (so that a size check stays cheap however
    /// large the subtree).
    async fn count_export_units(&self, root: &Unit, at_most: i64) -> Result<i64, StoreError>;
    /// How many members `export_members` would give (the rows of a grade
    /// list too), counted no further than `at_most`.
    async fn count_export_members(&self, root: &Unit, at_most: i64) -> Result<i64, StoreError>;
}

#[derive(sqlx::FromRow)]
pub(crate) struct UnitRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_code: Option<String>,
    pub full_members: i64,
    pub probationary_members: i64,
    pub secretary: Option<String>,
    pub valid_from: NaiveDate,
    pub path: String,
}

impl UnitRow {
    pub(crate) fn into_unit(self) -> Result<ExportUnit, StoreError> {
        Ok(ExportUnit {
            kind: UnitKind::parse(&self.kind)
                .ok_or_else(|| StoreError::Fault(format!("unknown unit kind {}", self.kind)))?,
            code: self.code,
            name: self.name,
            parent_code: self.parent_code,
            full_members: self.full_members,
            probationary_members: self.probationary_members,
            secretary: self.secretary,
            valid_from: self.valid_from,
            path: self.path,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    pub id: i64,
    pub card_number: String,
    pub full_name: String,
    pub name_key: String,
    pub gender: String,
    pub birth_date: NaiveDate,
    pub admission_date: NaiveDate,
    pub status: String,
    pub job_title: String,
    pub cell_code: String,
    pub cell_name: String,
    pub cell_path: String,
}

impl MemberRow {
    pub(crate) fn into_member(self) -> Result<ExportMember, StoreError> {
        use super::org::{parse_gender, parse_status};
        Ok(ExportMember {
            id: self.id,
            gender: parse_gender(&self.gender)?,
            status: parse_status(&self.status)?,
            card_number: self.card_number,
            full_name: self.full_name,
            birth_date: self.birth_date,
            admission_date: self.admission_date,
            job_title: self.job_title,
            cell_code: self.cell_code,
            cell_name: self.cell_name,
            cursor: MemberCursor {
                cell_path: self.cell_path,
                name_key: self.name_key,
                id: self.id,
            },
        })
    }
}
