//! Structural changes in one transaction each: units created, renamed,
//! moved, merged, split, dissolved; members transferred or given a new
//! status. History is kept (dated parent links, memberships, positions and
//! events are closed, never deleted), the subtree figures follow, and the
//! audit entry is written in the same transaction. A preview runs the very
//! same statements and rolls back.

use super::StoreError;
use super::model::AuditEntry;
use crate::domain::structure::{Dated, MemberFacts, Outcome, UnitFacts};
use async_trait::async_trait;

#[async_trait]
pub trait StructureStore: Send + Sync {
    /// The facts the rules need about the named units and members, and which
    /// of `new_codes` are taken.
    async fn structure_facts(
        &self,
        units: &[String],
        members: &[i64],
        new_codes: &[String],
    ) -> Result<(Vec<UnitFacts>, Vec<MemberFacts>, Vec<String>), StoreError>;
    /// Carries out a checked change; with `commit` false, reports what it
    /// would do and writes nothing.
    async fn apply_structure(
        &self,
        dated: &Dated,
        audit: &AuditEntry,
        commit: bool,
    ) -> Result<Outcome, StoreError>;
}

/// Active statuses, for SQL.
pub(crate) const ACTIVE: &str = "('probationary','full','exempt')";
