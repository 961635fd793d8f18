//! Good models (mô hình hay, cách làm hiệu quả): the registry per unit per
//! year (the statements are in `sql/good_models.rs`, compiled once per
//! backend). Every write checks and raises the row's version and writes
//! its audit entry in the same transaction.

use super::StoreError;
use super::model::AuditEntry;
use crate::domain::good_model::{Checked, GoodModelRow, ModelField};
use async_trait::async_trait;
use chrono::NaiveDate;

/// Which models a list asks for, newest year first, then by unit and title.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoodModelFilter {
    pub year: Option<i32>,
    /// Models of this unit and the units below it.
    pub subtree: Option<String>,
    pub field: Option<ModelField>,
    /// Recognised (`Some(true)`) or waiting (`Some(false)`).
    pub recognised: Option<bool>,
    /// Folded words the title must contain.
    pub search: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// A model with what authorization needs: its unit's path and kind, and
/// the unit above (which recognises it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoodModelHead {
    pub row: GoodModelRow,
    pub unit_id: i64,
    pub unit_path: String,
    pub parent_id: Option<i64>,
}

#[async_trait]
pub trait GoodModelStore: Send + Sync {
    async fn create_good_model(
        &self,
        unit_id: i64,
        year: i32,
        model: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    /// The new version; a stale `expected_version`: `Conflict`.
    async fn update_good_model(
        &self,
        id: i64,
        expected_version: i64,
        model: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    /// Recognised by `by` on `on`, or (`None`) the recognition withdrawn.
    async fn recognise_good_model(
        &self,
        id: i64,
        expected_version: i64,
        recognition: Option<(i64, NaiveDate)>,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    async fn good_model(&self, id: i64) -> Result<Option<GoodModelHead>, StoreError>;
    async fn good_models(&self, filter: &GoodModelFilter) -> Result<Vec<GoodModelRow>, StoreError>;
    /// How many models the filter matches (its limit and offset ignored).
    async fn count_good_models(&self, filter: &GoodModelFilter) -> Result<i64, StoreError>;
    /// Years that have models, newest first.
    async fn good_model_years(&self) -> Result<Vec<i32>, StoreError>;
}

/// A model row as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct GoodModelDbRow {
    pub id: i64,
    pub unit_id: i64,
    pub unit_path: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_kind: String,
    pub parent_id: Option<i64>,
    pub year: i32,
    pub title: String,
    pub field: String,
    pub description: String,
    pub run_by: String,
    pub since: Option<NaiveDate>,
    pub results: String,
    pub by_code: Option<String>,
    pub by_name: Option<String>,
    pub by_kind: Option<String>,
    pub recognised_on: Option<NaiveDate>,
    pub version: i64,
}

/// The columns of [`GoodModelDbRow`], over `good_models g`.
pub(crate) const GOOD_MODEL_COLUMNS: &str = "g.id, g.unit_id, u.path AS unit_path, \
     u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, u.parent_id, g.year, \
     g.title, g.field, g.description, g.run_by, g.since, g.results, b.code AS by_code, \
     b.name AS by_name, b.kind AS by_kind, g.recognised_on, g.version \
     FROM good_models g JOIN units u ON u.id = g.unit_id LEFT JOIN units b ON b.id = g.recognised_by";

impl TryFrom<GoodModelDbRow> for GoodModelHead {
    type Error = StoreError;

    fn try_from(r: GoodModelDbRow) -> Result<Self, StoreError> {
        use super::commendations::{optional_unit_ref, unit_ref};
        let field = ModelField::parse(&r.field)
            .ok_or_else(|| StoreError::Fault(format!("model field {:?}", r.field)))?;
        Ok(GoodModelHead {
            unit_id: r.unit_id,
            unit_path: r.unit_path,
            parent_id: r.parent_id,
            row: GoodModelRow {
                id: r.id,
                unit: unit_ref(r.unit_code, r.unit_name, &r.unit_kind)?,
                year: r.year,
                title: r.title,
                field,
                description: r.description,
                run_by: r.run_by,
                since: r.since,
                results: r.results,
                recognised_by: optional_unit_ref(r.by_code, r.by_name, r.by_kind)?,
                recognised_on: r.recognised_on,
                version: r.version,
            },
        })
    }
}
