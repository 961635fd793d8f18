//! What backups need of the database: a consistent snapshot (SQLite; on
//! PostgreSQL `pg_dump` takes it, see the server's backup module), the
//! counts and migration level a manifest records, an integrity check, and the
//! claim on a scheduled period that lets one instance of several take it.

use super::StoreError;
use super::model::{AuditEntry, NoticeKind};
use crate::domain::backup::BackupCounts;
use async_trait::async_trait;
use std::path::Path;

/// The rows a manifest counts, in one statement (also run inside the
/// PostgreSQL snapshot, so the counts are the dump's).
pub(crate) const COUNTS: &str = "SELECT (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM members), \
     (SELECT COUNT(*) FROM commitments), (SELECT COUNT(*) FROM audit_log)";
/// The newest migration applied.
pub(crate) const MIGRATION_LEVEL: &str = "SELECT MAX(version) FROM _sqlx_migrations WHERE success";

/// Work done with an exported snapshot's id (see
/// [`BackupStore::in_exported_snapshot`]).
pub type SnapshotJob = Box<
    dyn FnOnce(String) -> std::pin::Pin<Box<dyn Future<Output = Result<(), String>> + Send>> + Send,
>;

#[async_trait]
pub trait BackupStore: Send + Sync {
    /// Rows of the main tables.
    async fn backup_counts(&self) -> Result<BackupCounts, StoreError>;
    /// The newest migration applied (0 for a database never migrated).
    async fn migration_level(&self) -> Result<i64, StoreError>;
    /// Writes a consistent copy of the live database to `file`, which must
    /// not exist (SQLite's `VACUUM INTO`: one read transaction, writers go on).
    /// PostgreSQL: `Invalid` (the server runs `pg_dump`).
    async fn snapshot_into(&self, file: &Path) -> Result<(), StoreError>;
    /// PostgreSQL: runs `dump` with the id of a snapshot exported by a
    /// read-only repeatable-read transaction, and returns the counts and
    /// migration level seen in that same snapshot (so the manifest describes
    /// exactly what the dump holds), or the dump's own error. SQLite: `Invalid`.
    async fn in_exported_snapshot(
        &self,
        dump: SnapshotJob,
    ) -> Result<Result<(BackupCounts, i64), String>, StoreError>;
    /// What the database's own checks report; empty when all is well.
    async fn integrity_problems(&self) -> Result<Vec<String>, StoreError>;
    /// Whether the database holds an organisation or accounts (a restore
    /// into it would replace them).
    async fn holds_data(&self) -> Result<bool, StoreError>;
    /// A backup's audit entry and, for a failure, `(kind, subject, detail,
    /// link)` as a notice to every enabled administrator, together.
    async fn record_backup_event(
        &self,
        audit: &AuditEntry,
        admin_notice: Option<(NoticeKind, String, String, String)>,
    ) -> Result<(), StoreError>;
    /// Claims a scheduled backup's period for `instance`; false when another
    /// instance (or an earlier run) has it.
    async fn claim_backup_period(&self, period: i64, instance: &str) -> Result<bool, StoreError>;
}
