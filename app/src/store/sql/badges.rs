//! The badge statements, compiled once per backend: the including module
//! names its store type `This` and its database `Db`.

use super::{Db, This};
use crate::domain::badge::{
    Awarded, BadgeKind, Discipline, DisciplineEntry, Early, Gap, GapEntry, LostBadge, Record,
};
use crate::domain::member::MemberStatus;
use crate::store::StoreError;
use crate::store::badges::*;
use crate::store::model::AuditEntry;
use chrono::NaiveDate;
use sqlx::{QueryBuilder, Transaction};
use std::collections::HashMap;

type Tx = Transaction<'static, Db>;

/// Members per IN list.
const CHUNK: usize = 500;

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    full_name: String,
    card_number: String,
    status: String,
    admission_date: NaiveDate,
    cell_code: String,
    cell_name: String,
    cell_kind: String,
    cell_path: String,
}

/// Whose records `badges_members` reads.
enum Which<'a> {
    /// The subtree at `path`, in cell and name order, at most `limit`.
    Subtree { path: &'a str, limit: i64 },
    /// These members, wherever they are.
    Named(&'a [i64]),
}

async fn audit_on(
    tx: &mut Tx,
    member_id: i64,
    entity: &str,
    audit: &AuditEntry,
) -> Result<(), StoreError> {
    let mut entry = audit.clone();
    entry.entity = entity.into();
    entry.entity_id = Some(member_id.to_string());
    if entry.unit_path.is_none() {
        let path: Option<String> = sqlx::query_scalar(
            "SELECT c.path FROM members m JOIN units c ON c.id = m.cell_id WHERE m.id = $1",
        )
        .bind(member_id)
        .fetch_optional(&mut **tx)
        .await?;
        entry.unit_path = Some(path.ok_or(StoreError::NotFound)?);
    }
    This::write_audit(tx, &entry).await
}

impl This {
    async fn badges_members(
        &self,
        which: Which<'_>,
        admitted_by: NaiveDate,
    ) -> Result<Vec<BadgeMember>, StoreError> {
        const SELECT: &str = "SELECT m.id, m.full_name, m.card_number, m.status, m.admission_date, \
             c.code AS cell_code, c.name AS cell_name, c.kind AS cell_kind, c.path AS cell_path \
             FROM members m JOIN units c ON c.id = m.cell_id \
             WHERE m.status IN ('full', 'probationary', 'exempt', 'deceased') AND m.admission_date <= ";
        let mut rows: Vec<MemberRow> = Vec::new();
        match which {
            Which::Subtree { path, limit } => {
                rows = QueryBuilder::<Db>::new(SELECT)
                    .push_bind(admitted_by)
                    .push(" AND c.path >= ")
                    .push_bind(path.to_string())
                    .push(" AND c.path < ")
                    .push_bind(crate::store::path_upper_bound(path))
                    .push(" ORDER BY c.path, m.name_key, m.id LIMIT ")
                    .push_bind(limit)
                    .build_query_as()
                    .fetch_all(&self.pool)
                    .await?;
            }
            Which::Named(ids) => {
                for chunk in ids.chunks(CHUNK) {
                    let mut q = QueryBuilder::<Db>::new(SELECT);
                    q.push_bind(admitted_by).push(" AND m.id IN (");
                    let mut list = q.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    q.push(")");
                    rows.extend(
                        q.build_query_as::<MemberRow>()
                            .fetch_all(&self.pool)
                            .await?,
                    );
                }
            }
        }
        let mut records: HashMap<i64, Record> = rows
            .iter()
            .map(|r| {
                (
                    r.id,
                    Record {
                        admitted: r.admission_date,
                        deceased: r.status == MemberStatus::Deceased.as_str(),
                        ..Record::default()
                    },
                )
            })
            .collect();
        let mut conn = self.pool.acquire().await?;
        super::badges_due::fill_records(&mut conn, &mut records).await?;
        rows.into_iter()
            .map(|r| {
                Ok(BadgeMember {
                    member_id: r.id,
                    record: records.remove(&r.id).unwrap_or_default(),
                    full_name: r.full_name,
                    card_number: r.card_number,
                    cell_path: r.cell_path,
                    cell: crate::store::org::unit_ref(r.cell_code, r.cell_name, &r.cell_kind)?,
                })
            })
            .collect()
    }
}

#[async_trait::async_trait]
impl BadgeStore for This {
    async fn badge_members(
        &self,
        path: &str,
        admitted_by: NaiveDate,
        limit: i64,
    ) -> Result<Vec<BadgeMember>, StoreError> {
        self.badges_members(Which::Subtree { path, limit }, admitted_by)
            .await
    }

    async fn badge_members_named(
        &self,
        ids: &[i64],
        admitted_by: NaiveDate,
    ) -> Result<Vec<BadgeMember>, StoreError> {
        self.badges_members(Which::Named(ids), admitted_by).await
    }

    async fn badges_due(
        &self,
        unit_id: i64,
    ) -> Result<Option<(NaiveDate, Vec<(u32, i64)>)>, StoreError> {
        self.kept_badges_due(unit_id).await
    }

    async fn refresh_badges_due(&self, on: NaiveDate) -> Result<bool, StoreError> {
        self.refresh_kept_badges_due(on).await
    }

    async fn set_badge_mark(
        &self,
        member_id: i64,
        early: Option<Early>,
        by: Option<i64>,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let before = This::badge_listings(&mut tx, &[member_id]).await?;
        sqlx::query("DELETE FROM badge_marks WHERE member_id = $1")
            .bind(member_id)
            .execute(&mut *tx)
            .await?;
        if let Some(early) = early {
            sqlx::query(
                "INSERT INTO badge_marks (member_id, early, marked_by, marked_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(member_id)
            .bind(early.as_str())
            .bind(by)
            .bind(chrono::Utc::now())
            .execute(&mut *tx)
            .await?;
        }
        let after = This::badge_listings(&mut tx, &[member_id]).await?;
        This::move_badges_due(&mut tx, &before, &after).await?;
        audit_on(&mut tx, member_id, "badge_mark", audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn add_discipline(
        &self,
        member_id: i64,
        decided_on: NaiveDate,
        form: Discipline,
        note: &str,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let before = This::badge_listings(&mut tx, &[member_id]).await?;
        sqlx::query(
            "INSERT INTO disciplines (member_id, decided_on, form, note) VALUES ($1, $2, $3, $4)",
        )
        .bind(member_id)
        .bind(decided_on)
        .bind(form.as_str())
        .bind(note)
        .execute(&mut *tx)
        .await?;
        let after = This::badge_listings(&mut tx, &[member_id]).await?;
        This::move_badges_due(&mut tx, &before, &after).await?;
        audit_on(&mut tx, member_id, "discipline", audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn add_membership_gap(
        &self,
        member_id: i64,
        from: NaiveDate,
        to: NaiveDate,
        note: &str,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        if to <= from {
            return Err(StoreError::Invalid("a gap ends after it starts".into()));
        }
        let mut tx = self.write_tx().await?;
        let before = This::badge_listings(&mut tx, &[member_id]).await?;
        sqlx::query(
            "INSERT INTO membership_gaps (member_id, gap_from, gap_to, note) VALUES ($1, $2, $3, $4)",
        )
        .bind(member_id)
        .bind(from)
        .bind(to)
        .bind(note)
        .execute(&mut *tx)
        .await?;
        let after = This::badge_listings(&mut tx, &[member_id]).await?;
        This::move_badges_due(&mut tx, &before, &after).await?;
        audit_on(&mut tx, member_id, "membership_gap", audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_badges(
        &self,
        badges: &[NewBadge],
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let now = chrono::Utc::now();
        for b in badges {
            if (b.kind == BadgeKind::Replacement) != b.replaces.is_some() {
                return Err(StoreError::Invalid(
                    "a replacement names the lost badge".into(),
                ));
            }
            if let Some(lost) = b.replaces {
                let found: Option<(i64, i32)> = sqlx::query_as(
                    "SELECT member_id, milestone FROM badges WHERE id = $1 AND lost_on IS NOT NULL",
                )
                .bind(lost)
                .fetch_optional(&mut *tx)
                .await?;
                if found != Some((b.member_id, b.milestone as i32)) {
                    return Err(StoreError::NotFound);
                }
            }
        }
        let mut members: Vec<i64> = badges.iter().map(|b| b.member_id).collect();
        members.sort_unstable();
        members.dedup();
        let before = This::badge_listings(&mut tx, &members).await?;
        for chunk in badges.chunks(CHUNK) {
            let inserted = QueryBuilder::<Db>::new(
                "INSERT INTO badges (member_id, milestone, kind, award_date, decision_number, \
                 badge_number, replaces, recorded_at) ",
            )
            .push_values(chunk, |mut b, x| {
                b.push_bind(x.member_id)
                    .push_bind(x.milestone as i32)
                    .push_bind(x.kind.as_str())
                    .push_bind(x.award_date)
                    .push_bind(x.decision_number.clone())
                    .push_bind(x.badge_number.clone())
                    .push_bind(x.replaces)
                    .push_bind(now);
            })
            .build()
            .execute(&mut *tx)
            .await;
            match inserted {
                // The lost badge was replaced meanwhile (its unique index).
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                    return Err(StoreError::Conflict);
                }
                other => {
                    other?;
                }
            }
        }
        let after = This::badge_listings(&mut tx, &members).await?;
        This::move_badges_due(&mut tx, &before, &after).await?;
        let mut entry = audit.clone();
        entry.entity = "badge".into();
        let mut after = entry.after.take().unwrap_or_else(|| serde_json::json!({}));
        if let Some(o) = after.as_object_mut() {
            o.insert("badges".into(), badges.len().into());
        }
        entry.after = Some(after);
        This::write_audit(&mut tx, &entry).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn report_lost_badge(
        &self,
        member_id: i64,
        badge_id: i64,
        lost_on: NaiveDate,
        note: &str,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        // A replaced badge was reported lost before (record_badges checks),
        // so its date alone tells whether it was reported.
        let found: Option<Option<NaiveDate>> =
            sqlx::query_scalar("SELECT lost_on FROM badges WHERE id = $1 AND member_id = $2")
                .bind(badge_id)
                .bind(member_id)
                .fetch_optional(&mut *tx)
                .await?;
        match found {
            None => return Err(StoreError::NotFound),
            Some(None) => {}
            Some(Some(_)) => return Err(StoreError::Conflict),
        }
        let changed = sqlx::query(
            "UPDATE badges SET lost_on = $1, lost_note = $2 WHERE id = $3 AND lost_on IS NULL",
        )
        .bind(lost_on)
        .bind(note)
        .bind(badge_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(StoreError::Conflict);
        }
        let mut entry = audit.clone();
        if let Some(o) = entry.after.as_mut().and_then(|a| a.as_object_mut()) {
            o.insert("badge".into(), badge_id.into());
        }
        audit_on(&mut tx, member_id, "badge", &entry).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn lost_badges(&self, path: &str, limit: i64) -> Result<Vec<LostBadge>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            member_id: i64,
            full_name: String,
            card_number: String,
            cell_code: String,
            cell_name: String,
            cell_kind: String,
            milestone: i32,
            award_date: NaiveDate,
            decision_number: String,
            badge_number: String,
            lost_on: NaiveDate,
            lost_note: String,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT b.id, b.member_id, m.full_name, m.card_number, \
             c.code AS cell_code, c.name AS cell_name, c.kind AS cell_kind, \
             b.milestone, b.award_date, b.decision_number, b.badge_number, b.lost_on, b.lost_note \
             FROM badges b JOIN members m ON m.id = b.member_id JOIN units c ON c.id = m.cell_id \
             WHERE b.lost_on IS NOT NULL AND c.path >= $1 AND c.path < $2 \
             AND NOT EXISTS (SELECT 1 FROM badges r WHERE r.replaces = b.id) \
             ORDER BY c.path, m.name_key, b.id LIMIT $3",
        )
        .bind(path)
        .bind(crate::store::path_upper_bound(path))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(LostBadge {
                    badge_id: r.id,
                    member_id: r.member_id,
                    full_name: r.full_name,
                    card_number: r.card_number,
                    cell: crate::store::org::unit_ref(r.cell_code, r.cell_name, &r.cell_kind)?,
                    milestone: r.milestone.max(0) as u32,
                    award_date: r.award_date,
                    decision_number: r.decision_number,
                    badge_number: r.badge_number,
                    lost_on: r.lost_on,
                    note: r.lost_note,
                })
            })
            .collect()
    }

    async fn badges_of(&self, member_id: i64) -> Result<Vec<Awarded>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            milestone: i32,
            award_date: NaiveDate,
            decision_number: String,
            badge_number: String,
            kind: String,
            lost_on: Option<NaiveDate>,
            replaced: bool,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT b.id, b.milestone, b.award_date, b.decision_number, b.badge_number, b.kind, \
             b.lost_on, EXISTS (SELECT 1 FROM badges r WHERE r.replaces = b.id) AS replaced \
             FROM badges b WHERE b.member_id = $1 ORDER BY b.milestone, b.id",
        )
        .bind(member_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Awarded {
                    id: r.id,
                    milestone: r.milestone.max(0) as u32,
                    award_date: r.award_date,
                    decision_number: r.decision_number,
                    badge_number: r.badge_number,
                    kind: BadgeKind::parse(&r.kind)
                        .ok_or_else(|| StoreError::Fault(format!("badge kind {:?}", r.kind)))?,
                    lost_on: r.lost_on,
                    replaced: r.replaced,
                })
            })
            .collect()
    }

    async fn party_history(
        &self,
        member_id: i64,
    ) -> Result<(Vec<DisciplineEntry>, Vec<GapEntry>), StoreError> {
        let found: Vec<(NaiveDate, String, String)> = sqlx::query_as(
            "SELECT decided_on, form, note FROM disciplines WHERE member_id = $1 \
             ORDER BY decided_on, id",
        )
        .bind(member_id)
        .fetch_all(&self.pool)
        .await?;
        let disciplines = found
            .into_iter()
            .map(|(decided_on, form, note)| {
                Ok(DisciplineEntry {
                    decided_on,
                    form: Discipline::parse(&form)
                        .ok_or_else(|| StoreError::Fault(format!("discipline {form:?}")))?,
                    note,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let gaps: Vec<(NaiveDate, NaiveDate, String)> = sqlx::query_as(
            "SELECT gap_from, gap_to, note FROM membership_gaps WHERE member_id = $1 \
             ORDER BY gap_from, id",
        )
        .bind(member_id)
        .fetch_all(&self.pool)
        .await?;
        let gaps = gaps
            .into_iter()
            .map(|(from, to, note)| GapEntry {
                gap: Gap { from, to },
                note,
            })
            .collect();
        Ok((disciplines, gaps))
    }
}
