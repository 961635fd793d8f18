//! Import of units and members: what the checks need to know of the
//! database, and the write of a checked batch in one transaction.

use super::StoreError;
use super::model::AuditEntry;
use crate::domain::import::{Batch, Existing};
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub units: u64,
    pub members: u64,
}

#[async_trait]
pub trait ImportStore: Send + Sync {
    /// The units (current or not) with these codes and the card numbers
    /// among `cards` that are taken.
    async fn import_lookup(
        &self,
        codes: &[String],
        cards: &[String],
    ) -> Result<Existing, StoreError>;
    /// Writes a checked batch, everything or nothing: units (parents first;
    /// path, parent link and a 'create' event each), members with their
    /// membership and name words, the subtree figures, and `audit`.
    /// Units without a founding date start on `today`. A unit code or card
    /// number taken meanwhile, or a parent or cell gone, refuses the whole
    /// batch with [`StoreError::Invalid`]. `progress(done, total)` follows
    /// the rows written.
    async fn apply_import(
        &self,
        batch: &Batch,
        today: NaiveDate,
        audit: &AuditEntry,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<ImportOutcome, StoreError>;
}

/// Rows per multi-row statement (13 binds a member: well under SQLite's
/// 32,766 and PostgreSQL's 65,535 parameters).
pub(crate) const CHUNK: usize = 500;

/// A unit a batch row hangs under (existing or written earlier in the batch).
#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    pub id: i64,
    pub path: String,
    pub depth: i32,
    pub kind: crate::domain::UnitKind,
    pub valid_from: NaiveDate,
}

pub(crate) fn taken(what: &str, value: &str) -> StoreError {
    StoreError::Invalid(format!("{what} {value} exists already"))
}
