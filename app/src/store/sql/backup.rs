//! The backup statements, compiled once per backend: the including module names its
//! store type `This` and its database `Db`.

use super::{Db, This};

#[allow(dead_code)]
type Conn = <Db as sqlx::Database>::Connection;

#[async_trait::async_trait]
impl crate::store::backup::BackupStore for This {
    async fn snapshot_into(&self, file: &std::path::Path) -> Result<(), crate::store::StoreError> {
        self.backend_snapshot_into(file).await
    }

    async fn in_exported_snapshot(
        &self,
        dump: crate::store::backup::SnapshotJob,
    ) -> Result<Result<(crate::domain::backup::BackupCounts, i64), String>, crate::store::StoreError>
    {
        self.backend_exported_snapshot(dump).await
    }

    async fn integrity_problems(&self) -> Result<Vec<String>, crate::store::StoreError> {
        self.backend_integrity_problems().await
    }

    async fn backup_counts(
        &self,
    ) -> Result<crate::domain::backup::BackupCounts, crate::store::StoreError> {
        let (units, members, commitments, audit_entries): (i64, i64, i64, i64) =
            sqlx::query_as(crate::store::backup::COUNTS)
                .fetch_one(&self.pool)
                .await?;
        Ok(crate::domain::backup::BackupCounts {
            units,
            members,
            commitments,
            audit_entries,
        })
    }

    async fn migration_level(&self) -> Result<i64, crate::store::StoreError> {
        // A database the app never migrated has no table to ask.
        let level: Result<Option<i64>, sqlx::Error> =
            sqlx::query_scalar(crate::store::backup::MIGRATION_LEVEL)
                .fetch_one(&self.pool)
                .await;
        match level {
            Ok(level) => Ok(level.unwrap_or(0)),
            Err(sqlx::Error::Database(_)) => Ok(0),
            Err(e) => Err(e.into()),
        }
    }

    async fn holds_data(&self) -> Result<bool, crate::store::StoreError> {
        let found: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM units) OR EXISTS (SELECT 1 FROM users)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(found)
    }

    async fn record_backup_event(
        &self,
        audit: &crate::store::model::AuditEntry,
        admin_notice: Option<(crate::store::model::NoticeKind, String, String, String)>,
    ) -> Result<(), crate::store::StoreError> {
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
                .map(|user_id| crate::store::model::NewNotification {
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
    ) -> Result<bool, crate::store::StoreError> {
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
