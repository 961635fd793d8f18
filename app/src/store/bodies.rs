//! Special bodies attached to a unit (Ban Chỉ đạo 35 and its helpers): the
//! statements are in `sql/bodies.rs`, compiled once per backend. Every
//! change of a body or its people checks and raises the body's version and
//! writes its audit entry in the same transaction.

use super::StoreError;
use super::model::AuditEntry;
use crate::domain::UnitKind;
use crate::domain::body::{BodyCounts, BodyKind, BodyPerson, BodyRole, BodyRow};
use async_trait::async_trait;
use chrono::NaiveDate;

/// A body with what authorization needs: its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyHead {
    pub row: BodyRow,
    pub unit_id: i64,
    pub unit_path: String,
    pub unit_kind: UnitKind,
}

/// A person to add, resolved: a member of the app (by id) or an outside person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBodyPerson {
    pub member_id: Option<i64>,
    pub full_name: String,
    pub workplace: String,
    pub role: BodyRole,
    pub from: NaiveDate,
}

#[async_trait]
pub trait BodyStore: Send + Sync {
    async fn create_body(
        &self,
        unit_id: i64,
        kind: BodyKind,
        name: &str,
        since: NaiveDate,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    /// The new version of the body; a stale `expected_version`: `Conflict`.
    async fn add_body_people(
        &self,
        body_id: i64,
        expected_version: i64,
        people: &[NewBodyPerson],
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    /// Person `person_id` of the body leaves on `on`; the new version.
    async fn end_body_person(
        &self,
        body_id: i64,
        expected_version: i64,
        person_id: i64,
        on: NaiveDate,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    async fn body(&self, id: i64) -> Result<Option<BodyHead>, StoreError>;
    /// The bodies of one unit, by kind, with their people today.
    async fn unit_bodies(&self, unit_id: i64) -> Result<Vec<BodyRow>, StoreError>;
    /// A body's people: those in it first (by role, then name), then those who left.
    async fn body_people(&self, body_id: i64) -> Result<Vec<BodyPerson>, StoreError>;
    /// The people today of a unit's bodies and of the bodies of the units below it.
    async fn body_counts(&self, unit_id: i64) -> Result<BodyCounts, StoreError>;
    /// A current member with this card number whose cell is in the subtree
    /// at `path`: their id, name and workplace.
    async fn member_in_subtree(
        &self,
        path: &str,
        card_number: &str,
    ) -> Result<Option<(i64, String, String)>, StoreError>;
}

#[derive(sqlx::FromRow)]
pub(crate) struct BodyDbRow {
    pub id: i64,
    pub unit_id: i64,
    pub unit_path: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_kind: String,
    pub kind: String,
    pub name: String,
    pub since: NaiveDate,
    pub people: i64,
    pub version: i64,
}

/// The columns of [`BodyDbRow`], over `bodies b`.
pub(crate) const BODY_COLUMNS: &str = "b.id, b.unit_id, u.path AS unit_path, u.code AS unit_code, \
     u.name AS unit_name, u.kind AS unit_kind, b.kind, b.name, b.since, \
     (SELECT COUNT(*) FROM body_people p WHERE p.body_id = b.id AND p.valid_to IS NULL) AS people, \
     b.version FROM bodies b JOIN units u ON u.id = b.unit_id";

impl TryFrom<BodyDbRow> for BodyHead {
    type Error = StoreError;

    fn try_from(r: BodyDbRow) -> Result<Self, StoreError> {
        let kind = BodyKind::parse(&r.kind)
            .ok_or_else(|| StoreError::Fault(format!("body kind {:?}", r.kind)))?;
        let unit = super::org::unit_ref(r.unit_code, r.unit_name, &r.unit_kind)?;
        Ok(BodyHead {
            unit_id: r.unit_id,
            unit_path: r.unit_path,
            unit_kind: unit.kind,
            row: BodyRow {
                id: r.id,
                unit,
                kind,
                name: r.name,
                since: r.since,
                people: r.people,
                version: r.version,
            },
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PersonDbRow {
    pub id: i64,
    pub member_id: Option<i64>,
    pub card_number: Option<String>,
    pub full_name: String,
    pub workplace: String,
    pub role: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl TryFrom<PersonDbRow> for BodyPerson {
    type Error = StoreError;

    fn try_from(r: PersonDbRow) -> Result<Self, StoreError> {
        let role = BodyRole::parse(&r.role)
            .ok_or_else(|| StoreError::Fault(format!("body role {:?}", r.role)))?;
        Ok(BodyPerson {
            id: r.id,
            member_id: r.member_id,
            card_number: r.card_number,
            full_name: r.full_name,
            workplace: r.workplace,
            role,
            from: r.valid_from,
            to: r.valid_to,
        })
    }
}
