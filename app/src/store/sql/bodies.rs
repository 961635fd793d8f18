//! The special bodies' statements, compiled once per backend: the
//! including module names its store type `This` and its database `Db`.

use super::{Db, This};
use crate::domain::body::{BodyCounts, BodyKind, BodyPerson, BodyRow};
use crate::domain::text::nfc;
use crate::store::StoreError;
use crate::store::bodies::*;
use crate::store::model::AuditEntry;
use chrono::NaiveDate;
use sqlx::{QueryBuilder, Transaction};

type Tx = Transaction<'static, Db>;

/// Rows per INSERT (7 binds each).
const CHUNK: usize = 500;

/// Writes the audit entry and tells the other instances the unit's
/// figures moved.
async fn write_audit(tx: &mut Tx, id: i64, audit: &AuditEntry) -> Result<(), StoreError> {
    let path: String = sqlx::query_scalar(
        "SELECT u.path FROM bodies b JOIN units u ON u.id = b.unit_id WHERE b.id = $1",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    let mut entry = audit.clone();
    entry.entity = "body".into();
    entry.entity_id = Some(id.to_string());
    entry.unit_path = Some(path.clone());
    This::write_audit(tx, &entry).await?;
    // The dashboards above count the body's people.
    super::stats::notify(tx, &path, None).await
}

/// Raises the body's version if it is still `expected`; else why not.
async fn bump(tx: &mut Tx, id: i64, expected: i64) -> Result<i64, StoreError> {
    let version: Option<i64> = sqlx::query_scalar(
        "UPDATE bodies SET version = version + 1, updated_at = $3 \
         WHERE id = $1 AND version = $2 RETURNING version",
    )
    .bind(id)
    .bind(expected)
    .bind(chrono::Utc::now())
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(v) = version {
        return Ok(v);
    }
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM bodies WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Err(if exists.is_some() {
        StoreError::Conflict
    } else {
        StoreError::NotFound
    })
}

impl This {
    async fn bodies_create(
        &self,
        unit_id: i64,
        kind: BodyKind,
        name: &str,
        since: NaiveDate,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let now = chrono::Utc::now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO bodies (unit_id, kind, name, since, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(unit_id)
        .bind(kind.as_str())
        .bind(nfc(name))
        .bind(since)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        write_audit(&mut tx, id, audit).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn bodies_add_people(
        &self,
        id: i64,
        expected: i64,
        people: &[NewBodyPerson],
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let version = bump(&mut tx, id, expected).await?;
        for chunk in people.chunks(CHUNK) {
            QueryBuilder::<Db>::new(
                "INSERT INTO body_people (body_id, member_id, full_name, workplace, role, valid_from) ",
            )
            .push_values(chunk, |mut b, p| {
                b.push_bind(id)
                    .push_bind(p.member_id)
                    .push_bind(nfc(&p.full_name))
                    .push_bind(nfc(&p.workplace))
                    .push_bind(p.role.as_str())
                    .push_bind(p.from);
            })
            .build()
            .execute(&mut *tx)
            .await?;
        }
        write_audit(&mut tx, id, audit).await?;
        tx.commit().await?;
        Ok(version)
    }

    async fn bodies_end_person(
        &self,
        id: i64,
        expected: i64,
        person_id: i64,
        on: NaiveDate,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let version = bump(&mut tx, id, expected).await?;
        let ended = sqlx::query(
            "UPDATE body_people SET valid_to = $3 \
             WHERE id = $1 AND body_id = $2 AND valid_to IS NULL",
        )
        .bind(person_id)
        .bind(id)
        .bind(on)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if ended == 0 {
            return Err(StoreError::NotFound);
        }
        write_audit(&mut tx, id, audit).await?;
        tx.commit().await?;
        Ok(version)
    }
}

#[async_trait::async_trait]
impl BodyStore for This {
    async fn create_body(
        &self,
        unit_id: i64,
        kind: BodyKind,
        name: &str,
        since: NaiveDate,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        self.bodies_create(unit_id, kind, name, since, audit).await
    }

    async fn add_body_people(
        &self,
        body_id: i64,
        expected_version: i64,
        people: &[NewBodyPerson],
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        self.bodies_add_people(body_id, expected_version, people, audit)
            .await
    }

    async fn end_body_person(
        &self,
        body_id: i64,
        expected_version: i64,
        person_id: i64,
        on: NaiveDate,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        self.bodies_end_person(body_id, expected_version, person_id, on, audit)
            .await
    }

    async fn body(&self, id: i64) -> Result<Option<BodyHead>, StoreError> {
        let row: Option<BodyDbRow> =
            sqlx::query_as(&format!("SELECT {BODY_COLUMNS} WHERE b.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn unit_bodies(&self, unit_id: i64) -> Result<Vec<BodyRow>, StoreError> {
        let rows: Vec<BodyDbRow> = sqlx::query_as(&format!(
            "SELECT {BODY_COLUMNS} WHERE b.unit_id = $1 ORDER BY b.id"
        ))
        .bind(unit_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<BodyRow> = rows
            .into_iter()
            .map(|r| BodyHead::try_from(r).map(|h| h.row))
            .collect::<Result<_, _>>()?;
        out.sort_by_key(|b| (b.kind, b.id));
        Ok(out)
    }

    async fn body_people(&self, body_id: i64) -> Result<Vec<BodyPerson>, StoreError> {
        let rows: Vec<PersonDbRow> = sqlx::query_as(
            "SELECT p.id, p.member_id, m.card_number, p.full_name, p.workplace, p.role, \
             p.valid_from, p.valid_to FROM body_people p LEFT JOIN members m ON m.id = p.member_id \
             WHERE p.body_id = $1",
        )
        .bind(body_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<BodyPerson> = rows
            .into_iter()
            .map(TryInto::try_into)
            .collect::<Result<_, _>>()?;
        out.sort_by(|a, b| {
            (a.to.is_some(), a.role, &a.full_name, a.id).cmp(&(
                b.to.is_some(),
                b.role,
                &b.full_name,
                b.id,
            ))
        });
        Ok(out)
    }

    async fn body_counts(&self, unit_id: i64) -> Result<BodyCounts, StoreError> {
        let path: Option<String> = sqlx::query_scalar("SELECT path FROM units WHERE id = $1")
            .bind(unit_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(path) = path else {
            return Ok(BodyCounts::default());
        };
        // Bodies are a few per organisation: this counts their people.
        let rows: Vec<(bool, String, i64)> = sqlx::query_as(
            "SELECT b.unit_id = $1, b.kind, COUNT(p.id) FROM bodies b \
             JOIN units u ON u.id = b.unit_id \
             JOIN body_people p ON p.body_id = b.id AND p.valid_to IS NULL \
             WHERE u.path >= $2 AND u.path < $3 GROUP BY b.unit_id = $1, b.kind",
        )
        .bind(unit_id)
        .bind(&path)
        .bind(crate::store::path_upper_bound(&path))
        .fetch_all(&self.pool)
        .await?;
        let mut out = BodyCounts::default();
        for (own, kind, n) in rows {
            let kind = BodyKind::parse(&kind)
                .ok_or_else(|| StoreError::Fault(format!("body kind {kind}")))?;
            let i = BodyKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
            if own {
                out.own[i] += n;
            } else {
                out.below[i] += n;
            }
        }
        Ok(out)
    }

    async fn member_in_subtree(
        &self,
        path: &str,
        card_number: &str,
    ) -> Result<Option<(i64, String, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT m.id, m.full_name, m.workplace FROM members m JOIN units u ON u.id = m.cell_id \
             WHERE m.card_number = $1 AND u.path >= $2 AND u.path < $3 \
             AND m.status IN ('full', 'probationary', 'exempt')",
        )
        .bind(card_number)
        .bind(path)
        .bind(crate::store::path_upper_bound(path))
        .fetch_optional(&self.pool)
        .await?)
    }
}
