//! The import statements, compiled once per backend: the including module names its
//! store type `This` and its database `Db`.

use super::{Db, This};

#[allow(dead_code)]
type Conn = <Db as sqlx::Database>::Connection;

/// A unit already stored under a code the import names.
#[derive(sqlx::FromRow)]
struct KnownUnit {
    code: String,
    kind: String,
    path: String,
    valid_from: chrono::NaiveDate,
    valid_to: Option<chrono::NaiveDate>,
}

/// A current unit the import hangs units or members under.
#[derive(sqlx::FromRow)]
struct AnchorRow {
    id: i64,
    path: String,
    depth: i32,
    kind: String,
    valid_from: chrono::NaiveDate,
}

#[async_trait::async_trait]
impl crate::store::import::ImportStore for This {
    async fn import_lookup(
        &self,
        codes: &[String],
        cards: &[String],
    ) -> Result<crate::domain::import::Existing, crate::store::StoreError> {
        use crate::domain::import::{Existing, ExistingUnit};
        let mut existing = Existing::default();
        for chunk in codes.chunks(crate::store::import::CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "SELECT code, kind, path, valid_from, valid_to FROM units WHERE code IN (",
            );
            let mut list = q.separated(", ");
            for c in chunk {
                list.push_bind(c.clone());
            }
            q.push(")");
            let rows: Vec<KnownUnit> = q.build_query_as().fetch_all(&self.pool).await?;
            for u in rows {
                let kind = crate::domain::UnitKind::parse(&u.kind).ok_or_else(|| {
                    crate::store::StoreError::Fault(format!("unknown unit kind {}", u.kind))
                })?;
                existing.units.insert(
                    u.code.clone(),
                    ExistingUnit {
                        code: u.code,
                        kind,
                        path: u.path,
                        valid_from: u.valid_from,
                        current: u.valid_to.is_none(),
                    },
                );
            }
        }
        for chunk in cards.chunks(crate::store::import::CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "SELECT card_number FROM members WHERE card_number IN (",
            );
            let mut list = q.separated(", ");
            for c in chunk {
                list.push_bind(c.clone());
            }
            q.push(")");
            let rows: Vec<(String,)> = q.build_query_as().fetch_all(&self.pool).await?;
            existing.card_numbers.extend(rows.into_iter().map(|r| r.0));
        }
        Ok(existing)
    }

    async fn apply_import(
        &self,
        batch: &crate::domain::import::Batch,
        today: chrono::NaiveDate,
        audit: &crate::store::model::AuditEntry,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<crate::store::import::ImportOutcome, crate::store::StoreError> {
        let mut tx = self.write_tx().await?;
        let outcome = Self::import_in_transaction(&mut tx, batch, today, progress).await?;
        Self::rebuild_stats(&mut tx).await?;
        Self::write_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(outcome)
    }
}

impl This {
    /// The current unit with this code, as a parent or a cell.
    pub(super) async fn import_anchor(
        conn: &mut Conn,
        code: &str,
    ) -> Result<Option<crate::store::import::Anchor>, crate::store::StoreError> {
        let row: Option<AnchorRow> = sqlx::query_as(
            "SELECT id, path, depth, kind, valid_from FROM units WHERE code = $1 AND valid_to IS NULL",
        )
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
        row.map(|r| {
            Ok(crate::store::import::Anchor {
                id: r.id,
                path: r.path,
                depth: r.depth,
                kind: crate::domain::UnitKind::parse(&r.kind).ok_or_else(|| {
                    crate::store::StoreError::Fault(format!("unknown unit kind {}", r.kind))
                })?,
                valid_from: r.valid_from,
            })
        })
        .transpose()
    }

    pub(super) async fn import_in_transaction(
        conn: &mut Conn,
        batch: &crate::domain::import::Batch,
        today: chrono::NaiveDate,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<crate::store::import::ImportOutcome, crate::store::StoreError> {
        use crate::domain::text::{collation_key, fold, name_sort_key, nfc};
        use crate::store::StoreError;
        use crate::store::import::{Anchor, CHUNK, taken};
        use std::collections::HashMap;

        let total = batch.rows() as u64;
        let mut done = 0u64;
        progress(0, total);
        let now = chrono::Utc::now();

        // Taken meanwhile? (The unique indexes would refuse too, with
        // a less useful message.)
        let codes: Vec<String> = batch.units.iter().map(|u| u.code.clone()).collect();
        for chunk in codes.chunks(CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new("SELECT code FROM units WHERE code IN (");
            let mut list = q.separated(", ");
            for c in chunk {
                list.push_bind(c.clone());
            }
            q.push(") LIMIT 1");
            let hit: Option<(String,)> = q.build_query_as().fetch_optional(&mut *conn).await?;
            if let Some((code,)) = hit {
                return Err(taken("unit code", &code));
            }
        }
        let cards: Vec<String> = batch
            .members
            .iter()
            .map(|m| m.card_number.clone())
            .collect();
        for chunk in cards.chunks(CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "SELECT card_number FROM members WHERE card_number IN (",
            );
            let mut list = q.separated(", ");
            for c in chunk {
                list.push_bind(c.clone());
            }
            q.push(") LIMIT 1");
            let hit: Option<(String,)> = q.build_query_as().fetch_optional(&mut *conn).await?;
            if let Some((card,)) = hit {
                return Err(taken("card number", &card));
            }
        }

        // Units, parents first: each needs its parent's id and path.
        let mut anchors: HashMap<String, Anchor> = HashMap::new();
        for u in &batch.units {
            let parent = match anchors.get(&u.parent_code) {
                Some(a) => a.clone(),
                None => {
                    let a = Self::import_anchor(&mut *conn, &u.parent_code)
                        .await?
                        .ok_or_else(|| {
                            StoreError::Invalid(format!("no current unit {}", u.parent_code))
                        })?;
                    anchors.insert(u.parent_code.clone(), a.clone());
                    a
                }
            };
            if !parent.kind.allows_child(u.kind) {
                return Err(StoreError::Invalid(format!(
                    "a {} cannot hold a {}",
                    parent.kind.as_str(),
                    u.kind.as_str()
                )));
            }
            let name = nfc(&u.name);
            let valid_from = u.founded.unwrap_or(today);
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO units (code, name, kind, parent_id, path, depth, valid_from, valid_to, \
                 created_at, sort_key, search_key) VALUES ($1, $2, $3, $4, '', $5, $6, NULL, $7, $8, $9) \
                 RETURNING id",
            )
            .bind(&u.code)
            .bind(&name)
            .bind(u.kind.as_str())
            .bind(parent.id)
            .bind(parent.depth + 1)
            .bind(valid_from)
            .bind(now)
            .bind(collation_key(&name))
            .bind(fold(&name))
            .fetch_one(&mut *conn)
            .await?;
            let path = format!("{}{id}/", parent.path);
            sqlx::query("UPDATE units SET path = $1 WHERE id = $2")
                .bind(&path)
                .bind(id)
                .execute(&mut *conn)
                .await?;
            sqlx::query(
                "INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) VALUES ($1, $2, $3, NULL)",
            )
            .bind(id)
            .bind(parent.id)
            .bind(valid_from)
            .execute(&mut *conn)
            .await?;
            sqlx::query(
                "INSERT INTO unit_events (unit_id, kind, event_date, related_unit_id, note, created_at) \
                 VALUES ($1, 'create', $2, NULL, $3, $4)",
            )
            .bind(id)
            .bind(valid_from)
            .bind("Nhập từ tệp")
            .bind(now)
            .execute(&mut *conn)
            .await?;
            anchors.insert(
                u.code.clone(),
                Anchor {
                    id,
                    path,
                    depth: parent.depth + 1,
                    kind: u.kind,
                    valid_from,
                },
            );
            done += 1;
            progress(done, total);
        }

        // Members, in chunks; their cells first.
        for m in &batch.members {
            if !anchors.contains_key(&m.cell_code) {
                let a = Self::import_anchor(&mut *conn, &m.cell_code)
                    .await?
                    .ok_or_else(|| {
                        StoreError::Invalid(format!("no current unit {}", m.cell_code))
                    })?;
                anchors.insert(m.cell_code.clone(), a);
            }
            if !anchors[&m.cell_code].kind.holds_members() {
                return Err(StoreError::Invalid(format!(
                    "{} holds no members",
                    m.cell_code
                )));
            }
        }
        for chunk in batch.members.chunks(CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO members (card_number, record_number, full_name, name_key, search_key, \
                 gender, birth_date, admission_date, full_membership_date, status, cell_id, job_title, \
                 workplace, phone, email, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, m| {
                let name = nfc(&m.full_name);
                b.push_bind(m.card_number.clone())
                    .push_bind(nfc(&m.record_number))
                    .push_bind(name.clone())
                    .push_bind(name_sort_key(&name))
                    .push_bind(fold(&name))
                    .push_bind(m.gender.as_str())
                    .push_bind(m.birth_date)
                    .push_bind(m.admission_date)
                    .push_bind(m.full_membership_date)
                    .push_bind(m.status.as_str())
                    .push_bind(anchors[&m.cell_code].id)
                    .push_bind(nfc(&m.job_title))
                    .push_bind(nfc(&m.workplace))
                    .push_bind(m.phone.clone())
                    .push_bind(m.email.clone())
                    .push_bind(now)
                    .push_bind(now);
            });
            q.push(" RETURNING id, card_number, full_name");
            let written: Vec<(i64, String, String)> =
                q.build_query_as().fetch_all(&mut *conn).await?;
            let ids: HashMap<&str, i64> = written
                .iter()
                .map(|(id, card, _)| (card.as_str(), *id))
                .collect();
            let mut memberships = Vec::with_capacity(chunk.len());
            for m in chunk {
                let id = *ids.get(m.card_number.as_str()).ok_or_else(|| {
                    StoreError::Fault(format!("member {} was not written", m.card_number))
                })?;
                let cell = &anchors[&m.cell_code];
                // From admission, or from the cell's founding if later.
                memberships.push((id, cell.id, m.admission_date.max(cell.valid_from)));
            }
            sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO memberships (member_id, unit_id, valid_from, valid_to) ",
            )
            .push_values(&memberships, |mut b, (member, unit, from)| {
                b.push_bind(*member)
                    .push_bind(*unit)
                    .push_bind(*from)
                    .push_bind(None::<chrono::NaiveDate>);
            })
            .build()
            .execute(&mut *conn)
            .await?;
            let names: Vec<(i64, String)> = written
                .into_iter()
                .map(|(id, _, name)| (id, name))
                .collect();
            Self::insert_name_words(&mut *conn, &names).await?;
            done += chunk.len() as u64;
            progress(done, total);
        }
        Ok(crate::store::import::ImportOutcome {
            units: batch.units.len() as u64,
            members: batch.members.len() as u64,
        })
    }
}
