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

macro_rules! impl_backup {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::backup::BackupStore for $store {
            async fn snapshot_into(
                &self,
                file: &std::path::Path,
            ) -> Result<(), $crate::store::StoreError> {
                self.backend_snapshot_into(file).await
            }

            async fn in_exported_snapshot(
                &self,
                dump: $crate::store::backup::SnapshotJob,
            ) -> Result<
                Result<($crate::domain::backup::BackupCounts, i64), String>,
                $crate::store::StoreError,
            > {
                self.backend_exported_snapshot(dump).await
            }

            async fn integrity_problems(&self) -> Result<Vec<String>, $crate::store::StoreError> {
                self.backend_integrity_problems().await
            }

            async fn backup_counts(
                &self,
            ) -> Result<$crate::domain::backup::BackupCounts, $crate::store::StoreError> {
                let (units, members, commitments, audit_entries): (i64, i64, i64, i64) =
                    sqlx::query_as($crate::store::backup::COUNTS)
                        .fetch_one(&self.pool)
                        .await?;
                Ok($crate::domain::backup::BackupCounts {
                    units,
                    members,
                    commitments,
                    audit_entries,
                })
            }

            async fn migration_level(&self) -> Result<i64, $crate::store::StoreError> {
                // A database the app never migrated has no table to ask.
                let level: Result<Option<i64>, sqlx::Error> =
                    sqlx::query_scalar($crate::store::backup::MIGRATION_LEVEL)
                        .fetch_one(&self.pool)
                        .await;
                match level {
                    Ok(level) => Ok(level.unwrap_or(0)),
                    Err(sqlx::Error::Database(_)) => Ok(0),
                    Err(e) => Err(e.into()),
                }
            }

            async fn holds_data(&self) -> Result<bool, $crate::store::StoreError> {
                let found: bool = sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM units) OR EXISTS (SELECT 1 FROM users)",
                )
                .fetch_one(&self.pool)
                .await?;
                Ok(found)
            }

            async fn record_backup_event(
                &self,
                audit: &$crate::store::model::AuditEntry,
                admin_notice: Option<($crate::store::model::NoticeKind, String, String, String)>,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.write_tx().await?;
                Self::write_audit(&mut tx, audit).await?;
                if let Some((kind, subject, detail, link)) = admin_notice {
                    let admins: Vec<i64> = sqlx::query_scalar(
                        "SELECT id FROM users WHERE is_admin AND NOT disabled ORDER BY id",
                    )
                    .fetch_all(&mut *tx)
                    .await?;
                    let notes: Vec<_> = admins
                        .into_iter()
                        .map(|user_id| $crate::store::model::NewNotification {
                            user_id,
                            kind,
                            commitment_id: None,
                            subject: subject.clone(),
                            detail: detail.clone(),
                            link: link.clone(),
                        })
                        .collect();
                    Self::commitments_notify(&mut tx, &notes, None, chrono::Utc::now()).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn claim_backup_period(
                &self,
                period: i64,
                instance: &str,
            ) -> Result<bool, $crate::store::StoreError> {
                let claimed = sqlx::query(
                    "INSERT INTO backup_claims (period, instance, claimed_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (period) DO NOTHING",
                )
                .bind(period)
                .bind(instance)
                .bind(chrono::Utc::now().timestamp_millis())
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(claimed == 1)
            }
        }
    };
}
pub(crate) use impl_backup;

/// SQLite's part: the snapshot and its checks.
macro_rules! sqlite_backup {
    ($store:ty) => {
        impl $store {
            async fn backend_snapshot_into(
                &self,
                file: &std::path::Path,
            ) -> Result<(), $crate::store::StoreError> {
                let target = file.to_str().ok_or_else(|| {
                    $crate::store::StoreError::Invalid("backup path is not UTF-8".into())
                })?;
                sqlx::query("VACUUM INTO $1")
                    .bind(target)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn backend_exported_snapshot(
                &self,
                _dump: $crate::store::backup::SnapshotJob,
            ) -> Result<
                Result<($crate::domain::backup::BackupCounts, i64), String>,
                $crate::store::StoreError,
            > {
                Err($crate::store::StoreError::Invalid(
                    "SQLite backups are snapshots of the file".into(),
                ))
            }

            async fn backend_integrity_problems(
                &self,
            ) -> Result<Vec<String>, $crate::store::StoreError> {
                let mut problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_all(&self.pool)
                    .await?;
                problems.retain(|p| p != "ok");
                let orphans: Vec<(String, Option<i64>)> =
                    sqlx::query_as("SELECT \"table\", rowid FROM pragma_foreign_key_check")
                        .fetch_all(&self.pool)
                        .await?;
                problems.extend(
                    orphans
                        .into_iter()
                        .map(|(table, row)| format!("foreign key broken: {table} row {row:?}")),
                );
                Ok(problems)
            }
        }
    };
}
pub(crate) use sqlite_backup;

/// PostgreSQL's part: `pg_dump` takes the snapshot, `pg_restore` checks it.
macro_rules! postgres_backup {
    ($store:ty) => {
        impl $store {
            async fn backend_snapshot_into(
                &self,
                _file: &std::path::Path,
            ) -> Result<(), $crate::store::StoreError> {
                Err($crate::store::StoreError::Invalid(
                    "PostgreSQL backups are taken with pg_dump".into(),
                ))
            }

            async fn backend_exported_snapshot(
                &self,
                dump: $crate::store::backup::SnapshotJob,
            ) -> Result<
                Result<($crate::domain::backup::BackupCounts, i64), String>,
                $crate::store::StoreError,
            > {
                let mut tx = self
                    .pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .await?;
                // The dump may take longer than the pool's idle-in-transaction
                // limit, during which this transaction only waits.
                sqlx::query("SET LOCAL idle_in_transaction_session_timeout = 0")
                    .execute(&mut *tx)
                    .await?;
                let snapshot: String = sqlx::query_scalar("SELECT pg_export_snapshot()")
                    .fetch_one(&mut *tx)
                    .await?;
                let (units, members, commitments, audit_entries): (i64, i64, i64, i64) =
                    sqlx::query_as($crate::store::backup::COUNTS)
                        .fetch_one(&mut *tx)
                        .await?;
                let migration: Option<i64> =
                    sqlx::query_scalar($crate::store::backup::MIGRATION_LEVEL)
                        .fetch_one(&mut *tx)
                        .await?;
                let dumped = dump(snapshot).await;
                tx.rollback().await?;
                Ok(dumped.map(|()| {
                    (
                        $crate::domain::backup::BackupCounts {
                            units,
                            members,
                            commitments,
                            audit_entries,
                        },
                        migration.unwrap_or(0),
                    )
                }))
            }

            async fn backend_integrity_problems(
                &self,
            ) -> Result<Vec<String>, $crate::store::StoreError> {
                // pg_restore checks the dump as it reads it; the row counts
                // against the manifest are the restore's check.
                Ok(Vec::new())
            }
        }
    };
}
pub(crate) use postgres_backup;
