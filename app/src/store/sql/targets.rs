//! The resolution targets' statements, compiled once per backend: the
//! including module names its store type `This` and its database `Db`.

use super::{Db, This};
use crate::domain::targets::{Checked, Indicator, MAX_TARGETS, ResolutionTarget};
use crate::domain::text::nfc;
use crate::store::StoreError;
use crate::store::model::AuditEntry;
use crate::store::targets::*;
use sqlx::Transaction;

type Tx = Transaction<'static, Db>;

/// The target's unit's path and year (for the audit entry and the notice).
async fn place(tx: &mut Tx, id: i64) -> Result<Option<(String, i32)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT u.path, t.year FROM resolution_targets t JOIN units u ON u.id = t.unit_id \
         WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Writes the audit entry and tells the other instances the unit's figures
/// of the year moved.
async fn record(
    tx: &mut Tx,
    id: i64,
    audit: &AuditEntry,
    path: &str,
    year: i32,
) -> Result<(), StoreError> {
    let mut entry = audit.clone();
    entry.entity = "target".into();
    entry.entity_id = Some(id.to_string());
    entry.unit_path = Some(path.to_string());
    This::write_audit(tx, &entry).await?;
    super::stats::notify(tx, path, Some(year)).await
}

/// Refuses a known indicator listed twice in a unit's resolution of a year
/// (`except` is the target being changed), and a list already full.
async fn check_list(
    tx: &mut Tx,
    unit_id: i64,
    year: i32,
    spec: &Checked,
    except: Option<i64>,
) -> Result<(), StoreError> {
    let listed: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, indicator FROM resolution_targets WHERE unit_id = $1 AND year = $2",
    )
    .bind(unit_id)
    .bind(year)
    .fetch_all(&mut **tx)
    .await?;
    let others = listed.iter().filter(|(id, _)| Some(*id) != except);
    let twice = spec.indicator != Indicator::Other
        && others.clone().any(|(_, i)| i == spec.indicator.as_str());
    if twice || (except.is_none() && listed.len() >= MAX_TARGETS) {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

/// A stale or missing row after an UPDATE … WHERE version matched nothing.
async fn missed(tx: &mut Tx, id: i64) -> StoreError {
    match place(tx, id).await {
        Ok(Some(_)) => StoreError::Conflict,
        Ok(None) => StoreError::NotFound,
        Err(e) => e,
    }
}

impl This {
    pub(crate) async fn targets_create(
        &self,
        unit_id: i64,
        year: i32,
        spec: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        check_list(&mut tx, unit_id, year, spec, None).await?;
        let now = chrono::Utc::now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO resolution_targets (unit_id, year, position, indicator, title, measure, \
             direction, target, actual, note, evidence, created_at, updated_at) \
             VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM resolution_targets \
             WHERE unit_id = $1 AND year = $2), $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(unit_id)
        .bind(year)
        .bind(spec.indicator.as_str())
        .bind(nfc(&spec.title))
        .bind(nfc(&spec.measure))
        .bind(spec.direction.as_str())
        .bind(spec.target)
        .bind(spec.actual)
        .bind(nfc(&spec.note))
        .bind(nfc(&spec.evidence))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let (path, year) = place(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        record(&mut tx, id, audit, &path, year).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub(crate) async fn targets_update(
        &self,
        id: i64,
        expected_version: i64,
        spec: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let head: Option<(i64, i32)> =
            sqlx::query_as("SELECT unit_id, year FROM resolution_targets WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let (unit_id, year) = head.ok_or(StoreError::NotFound)?;
        check_list(&mut tx, unit_id, year, spec, Some(id)).await?;
        let version: Option<i64> = sqlx::query_scalar(
            "UPDATE resolution_targets SET indicator = $3, title = $4, measure = $5, \
             direction = $6, target = $7, actual = $8, note = $9, evidence = $10, \
             updated_at = $11, version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(spec.indicator.as_str())
        .bind(nfc(&spec.title))
        .bind(nfc(&spec.measure))
        .bind(spec.direction.as_str())
        .bind(spec.target)
        .bind(spec.actual)
        .bind(nfc(&spec.note))
        .bind(nfc(&spec.evidence))
        .bind(chrono::Utc::now())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(version) = version else {
            return Err(missed(&mut tx, id).await);
        };
        let (path, year) = place(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        record(&mut tx, id, audit, &path, year).await?;
        tx.commit().await?;
        Ok(version)
    }

    pub(crate) async fn targets_delete(
        &self,
        id: i64,
        expected_version: i64,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let Some((path, year)) = place(&mut tx, id).await? else {
            return Err(StoreError::NotFound);
        };
        let gone = sqlx::query("DELETE FROM resolution_targets WHERE id = $1 AND version = $2")
            .bind(id)
            .bind(expected_version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if gone == 0 {
            return Err(StoreError::Conflict);
        }
        record(&mut tx, id, audit, &path, year).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn targets_one(&self, id: i64) -> Result<Option<TargetHead>, StoreError> {
        let row: Option<TargetDbRow> =
            sqlx::query_as(&format!("SELECT {TARGET_COLUMNS} WHERE t.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(TryInto::try_into).transpose()
    }

    pub(crate) async fn targets_list(
        &self,
        unit_id: i64,
        year: i32,
    ) -> Result<Vec<ResolutionTarget>, StoreError> {
        let rows: Vec<TargetDbRow> = sqlx::query_as(&format!(
            "SELECT {TARGET_COLUMNS} WHERE t.unit_id = $1 AND t.year = $2 ORDER BY t.position, t.id"
        ))
        .bind(unit_id)
        .bind(year)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| TargetHead::try_from(r).map(|h| h.target))
            .collect()
    }
}

#[async_trait::async_trait]
impl TargetStore for This {
    async fn create_target(
        &self,
        unit_id: i64,
        year: i32,
        spec: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        self.targets_create(unit_id, year, spec, audit).await
    }

    async fn update_target(
        &self,
        id: i64,
        expected_version: i64,
        spec: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        self.targets_update(id, expected_version, spec, audit).await
    }

    async fn delete_target(
        &self,
        id: i64,
        expected_version: i64,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        self.targets_delete(id, expected_version, audit).await
    }

    async fn target(&self, id: i64) -> Result<Option<TargetHead>, StoreError> {
        self.targets_one(id).await
    }

    async fn targets(&self, unit_id: i64, year: i32) -> Result<Vec<ResolutionTarget>, StoreError> {
        self.targets_list(unit_id, year).await
    }
}
