//! Party badges (Huy hiệu Đảng): what a badge list reads of members — the
//! admission date, periods outside the Party, disciplines, a secretary's
//! early or posthumous mark, the badges awarded — and the writes of those
//! facts (statements in `sql/badges.rs`, compiled once per backend).

use super::StoreError;
use super::model::AuditEntry;
use crate::domain::badge::{
    Awarded, BadgeKind, Discipline, DisciplineEntry, Early, GapEntry, LostBadge, Record,
};
use crate::domain::org::UnitRef;
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A member a badge list may name, with what decides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeMember {
    pub member_id: i64,
    pub full_name: String,
    pub card_number: String,
    pub cell: UnitRef,
    pub cell_path: String,
    pub record: Record,
}

/// A badge the province awarded, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBadge {
    pub member_id: i64,
    pub milestone: u32,
    pub award_date: NaiveDate,
    pub decision_number: String,
    pub badge_number: String,
    pub kind: BadgeKind,
    /// The lost badge this one replaces (for `BadgeKind::Replacement`).
    pub replaces: Option<i64>,
}

#[async_trait]
pub trait BadgeStore: Send + Sync {
    /// Members of the subtree at `path` admitted on or before `admitted_by`
    /// who are members still (full, probationary, exempt) or deceased, in
    /// cell and name order, at most `limit`.
    async fn badge_members(
        &self,
        path: &str,
        admitted_by: NaiveDate,
        limit: i64,
    ) -> Result<Vec<BadgeMember>, StoreError>;
    /// The members in `ids` who would be in `badge_members` (anywhere),
    /// in no order: what a decision names, checked against the list's
    /// rule without reading the whole list.
    async fn badge_members_named(
        &self,
        ids: &[i64],
        admitted_by: NaiveDate,
    ) -> Result<Vec<BadgeMember>, StoreError>;
    /// The members listed for a badge in the subtree of `unit_id`, per
    /// milestone in milestone order, as kept for the next award date (that
    /// date with them); `None` before anything is counted.
    async fn badges_due(
        &self,
        unit_id: i64,
    ) -> Result<Option<(NaiveDate, Vec<(u32, i64)>)>, StoreError>;
    /// Counts the badges due afresh when they are not kept for the award
    /// date `on`; true when it counted.
    async fn refresh_badges_due(&self, on: NaiveDate) -> Result<bool, StoreError>;
    /// Sets (or, `None`, clears) a member's early or posthumous mark.
    async fn set_badge_mark(
        &self,
        member_id: i64,
        early: Option<Early>,
        by: Option<i64>,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    async fn add_discipline(
        &self,
        member_id: i64,
        decided_on: NaiveDate,
        form: Discipline,
        note: &str,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    async fn add_membership_gap(
        &self,
        member_id: i64,
        from: NaiveDate,
        to: NaiveDate,
        note: &str,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    /// Badges awarded, in one transaction (the demo's history, the bloc's
    /// record of the province's decision). A replacement must name a badge
    /// of the same member and milestone reported lost and not replaced yet
    /// (`Conflict` when another decision replaced it first).
    async fn record_badges(
        &self,
        badges: &[NewBadge],
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    /// Reports `member_id`'s badge `badge_id` lost on `lost_on`: `NotFound`
    /// when it is not theirs, `Conflict` when it was reported or replaced
    /// already.
    async fn report_lost_badge(
        &self,
        member_id: i64,
        badge_id: i64,
        lost_on: NaiveDate,
        note: &str,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    /// Badges of the subtree at `path` reported lost and not replaced yet,
    /// in cell and name order, at most `limit`.
    async fn lost_badges(&self, path: &str, limit: i64) -> Result<Vec<LostBadge>, StoreError>;
    /// A member's badges, earliest first.
    async fn badges_of(&self, member_id: i64) -> Result<Vec<Awarded>, StoreError>;
    /// A member's disciplines and periods outside the Party, oldest first.
    async fn party_history(
        &self,
        member_id: i64,
    ) -> Result<(Vec<DisciplineEntry>, Vec<GapEntry>), StoreError>;
}
