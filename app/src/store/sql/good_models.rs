//! The good-model registry's statements, compiled once per backend: the
//! including module names its store type `This` and its database `Db`.

use super::{Db, This};
use crate::domain::good_model::{Checked, GoodModelRow};
use crate::domain::text::{fold, nfc};
use crate::store::StoreError;
use crate::store::good_models::*;
use crate::store::model::AuditEntry;
use chrono::NaiveDate;
use sqlx::{QueryBuilder, Transaction};

type Tx = Transaction<'static, Db>;

async fn write_audit(tx: &mut Tx, id: i64, audit: &AuditEntry) -> Result<(), StoreError> {
    let mut entry = audit.clone();
    entry.entity = "good_model".into();
    entry.entity_id = Some(id.to_string());
    if entry.unit_path.is_none() {
        let path: String = sqlx::query_scalar(
            "SELECT u.path FROM good_models g JOIN units u ON u.id = g.unit_id WHERE g.id = $1",
        )
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
        entry.unit_path = Some(path);
    }
    This::write_audit(tx, &entry).await
}

/// A stale or missing row after an UPDATE … WHERE version matched nothing.
async fn missed(tx: &mut Tx, id: i64) -> StoreError {
    let exists: Result<Option<i64>, _> =
        sqlx::query_scalar("SELECT id FROM good_models WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await;
    match exists {
        Ok(Some(_)) => StoreError::Conflict,
        Ok(None) => StoreError::NotFound,
        Err(e) => e.into(),
    }
}

/// The filter's conditions, after a `WHERE 1 = 1`.
fn push_filter(qb: &mut QueryBuilder<'static, Db>, f: &GoodModelFilter) {
    if let Some(year) = f.year {
        qb.push(" AND g.year = ").push_bind(year);
    }
    if let Some(tree) = &f.subtree {
        qb.push(" AND u.path >= ")
            .push_bind(tree.clone())
            .push(" AND u.path < ")
            .push_bind(crate::store::path_upper_bound(tree));
    }
    if let Some(field) = f.field {
        qb.push(" AND g.field = ").push_bind(field.as_str());
    }
    match f.recognised {
        Some(true) => {
            qb.push(" AND g.recognised_on IS NOT NULL");
        }
        Some(false) => {
            qb.push(" AND g.recognised_on IS NULL");
        }
        None => {}
    }
    if let Some(words) = f.search.as_deref() {
        for word in words.split_whitespace().take(8) {
            let like = format!("%{}%", word.replace(['%', '_'], ""));
            qb.push(" AND (g.title_key LIKE ")
                .push_bind(like.clone())
                .push(" OR u.search_key LIKE ")
                .push_bind(like)
                .push(")");
        }
    }
}

impl This {
    pub(crate) async fn good_models_create(
        &self,
        unit_id: i64,
        year: i32,
        m: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let now = chrono::Utc::now();
        let title = nfc(&m.title);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO good_models (unit_id, year, title, title_key, field, description, \
             run_by, since, results, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(unit_id)
        .bind(year)
        .bind(&title)
        .bind(fold(&title))
        .bind(m.field.as_str())
        .bind(nfc(&m.description))
        .bind(nfc(&m.run_by))
        .bind(m.since)
        .bind(nfc(&m.results))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        write_audit(&mut tx, id, audit).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub(crate) async fn good_models_update(
        &self,
        id: i64,
        expected_version: i64,
        m: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let title = nfc(&m.title);
        let version: Option<i64> = sqlx::query_scalar(
            "UPDATE good_models SET title = $3, title_key = $4, field = $5, description = $6, \
             run_by = $7, since = $8, results = $9, updated_at = $10, version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(&title)
        .bind(fold(&title))
        .bind(m.field.as_str())
        .bind(nfc(&m.description))
        .bind(nfc(&m.run_by))
        .bind(m.since)
        .bind(nfc(&m.results))
        .bind(chrono::Utc::now())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(version) = version else {
            return Err(missed(&mut tx, id).await);
        };
        write_audit(&mut tx, id, audit).await?;
        tx.commit().await?;
        Ok(version)
    }

    pub(crate) async fn good_models_recognise(
        &self,
        id: i64,
        expected_version: i64,
        recognition: Option<(i64, NaiveDate)>,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let version: Option<i64> = sqlx::query_scalar(
            "UPDATE good_models SET recognised_by = $3, recognised_on = $4, updated_at = $5, \
             version = version + 1 WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(recognition.map(|r| r.0))
        .bind(recognition.map(|r| r.1))
        .bind(chrono::Utc::now())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(version) = version else {
            return Err(missed(&mut tx, id).await);
        };
        write_audit(&mut tx, id, audit).await?;
        tx.commit().await?;
        Ok(version)
    }

    pub(crate) async fn good_models_one(
        &self,
        id: i64,
    ) -> Result<Option<GoodModelHead>, StoreError> {
        let row: Option<GoodModelDbRow> =
            sqlx::query_as(&format!("SELECT {GOOD_MODEL_COLUMNS} WHERE g.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(TryInto::try_into).transpose()
    }

    pub(crate) async fn good_models_list(
        &self,
        f: &GoodModelFilter,
    ) -> Result<Vec<GoodModelRow>, StoreError> {
        let mut qb = QueryBuilder::<Db>::new(format!("SELECT {GOOD_MODEL_COLUMNS} WHERE 1 = 1"));
        push_filter(&mut qb, f);
        qb.push(" ORDER BY g.year DESC, u.path, g.title_key, g.id LIMIT ")
            .push_bind(f.limit)
            .push(" OFFSET ")
            .push_bind(f.offset);
        let rows: Vec<GoodModelDbRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|r| GoodModelHead::try_from(r).map(|h| h.row))
            .collect()
    }

    pub(crate) async fn good_models_count(&self, f: &GoodModelFilter) -> Result<i64, StoreError> {
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT COUNT(*) FROM good_models g JOIN units u ON u.id = g.unit_id WHERE 1 = 1",
        );
        push_filter(&mut qb, f);
        Ok(qb.build_query_scalar().fetch_one(&self.pool).await?)
    }

    pub(crate) async fn good_models_years(&self) -> Result<Vec<i32>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT DISTINCT year FROM good_models ORDER BY year DESC")
                .fetch_all(&self.pool)
                .await?,
        )
    }
}

#[async_trait::async_trait]
impl GoodModelStore for This {
    async fn create_good_model(
        &self,
        unit_id: i64,
        year: i32,
        model: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        self.good_models_create(unit_id, year, model, audit).await
    }

    async fn update_good_model(
        &self,
        id: i64,
        expected_version: i64,
        model: &Checked,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        self.good_models_update(id, expected_version, model, audit)
            .await
    }

    async fn recognise_good_model(
        &self,
        id: i64,
        expected_version: i64,
        recognition: Option<(i64, NaiveDate)>,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        self.good_models_recognise(id, expected_version, recognition, audit)
            .await
    }

    async fn good_model(&self, id: i64) -> Result<Option<GoodModelHead>, StoreError> {
        self.good_models_one(id).await
    }

    async fn good_models(&self, filter: &GoodModelFilter) -> Result<Vec<GoodModelRow>, StoreError> {
        self.good_models_list(filter).await
    }

    async fn count_good_models(&self, filter: &GoodModelFilter) -> Result<i64, StoreError> {
        self.good_models_count(filter).await
    }

    async fn good_model_years(&self) -> Result<Vec<i32>, StoreError> {
        self.good_models_years().await
    }
}
