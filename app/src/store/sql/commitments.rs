//! The commitment statements, compiled once per backend: the including module names its
//! store type `This` and its database `Db`.

use super::{Db, This};

#[allow(dead_code)]
type Conn = <Db as sqlx::Database>::Connection;

/// A member with their cell.
#[derive(sqlx::FromRow)]
struct PlaceRow {
    member_id: i64,
    full_name: String,
    card_number: String,
    status: String,
    cell_id: i64,
    cell_code: String,
    cell_name: String,
    cell_kind: String,
    cell_path: String,
}

/// An undertaking of a commitment.
#[derive(sqlx::FromRow)]
struct ItemRow {
    section: i32,
    text: String,
    result: Option<String>,
    result_note: String,
}

/// An audit entry of a commitment, with the actor's member if any.
#[derive(sqlx::FromRow)]
struct EventRow {
    at: chrono::DateTime<chrono::Utc>,
    actor_label: String,
    member_id: Option<i64>,
    full_name: Option<String>,
    action: String,
    after_json: Option<sqlx::types::Json<serde_json::Value>>,
}

/// A child unit with its grade of the year, if graded.
#[derive(sqlx::FromRow)]
struct GradeRow {
    unit_id: i64,
    code: String,
    name: String,
    kind: String,
    grade: Option<String>,
    note: String,
    version: i64,
}

#[async_trait::async_trait]
impl crate::store::commitments::CommitmentStore for This {
    async fn year(
        &self,
        year: i32,
    ) -> Result<Option<crate::store::model::Year>, crate::store::StoreError> {
        let row: Option<crate::store::YearRow> = sqlx::query_as(
            "SELECT year, theme, rule_set, sections, filing_deadline, mid_year_deadline, \
             self_assessment_deadline, grading_deadline, version FROM years WHERE year = $1",
        )
        .bind(year)
        .fetch_optional(&self.pool)
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn save_year(
        &self,
        config: &crate::store::model::Year,
        expected_version: i64,
        audit: &crate::store::model::AuditEntry,
    ) -> Result<(), crate::store::StoreError> {
        use crate::domain::text::nfc;
        let sections: Vec<String> = config.sections.iter().map(|s| nfc(s)).collect();
        let sections = serde_json::to_string(&sections)
            .map_err(|e| crate::store::StoreError::Fault(e.to_string()))?;
        let d = &config.deadlines;
        let mut tx = self.write_tx().await?;
        let done = if expected_version == 0 {
            sqlx::query(
                "INSERT INTO years (year, theme, rule_set, created_at, sections, filing_deadline, \
                 mid_year_deadline, self_assessment_deadline, grading_deadline, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1) ON CONFLICT (year) DO NOTHING",
            )
            .bind(config.year)
            .bind(nfc(&config.theme))
            .bind(config.rule_set.as_str())
            .bind(chrono::Utc::now())
            .bind(&sections)
            .bind(d.filing)
            .bind(d.mid_year)
            .bind(d.self_assessment)
            .bind(d.grading)
            .execute(&mut *tx)
            .await?
        } else {
            sqlx::query(
                "UPDATE years SET theme = $1, rule_set = $2, sections = $3, filing_deadline = $4, \
                 mid_year_deadline = $5, self_assessment_deadline = $6, grading_deadline = $7, \
                 version = version + 1 WHERE year = $8 AND version = $9",
            )
            .bind(nfc(&config.theme))
            .bind(config.rule_set.as_str())
            .bind(&sections)
            .bind(d.filing)
            .bind(d.mid_year)
            .bind(d.self_assessment)
            .bind(d.grading)
            .bind(config.year)
            .bind(expected_version)
            .execute(&mut *tx)
            .await?
        };
        if done.rows_affected() != 1 {
            return Err(crate::store::StoreError::Conflict);
        }
        Self::write_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn year_has_commitments(&self, year: i32) -> Result<bool, crate::store::StoreError> {
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM commitments WHERE year = $1)")
                .bind(year)
                .fetch_one(&self.pool)
                .await?;
        Ok(exists)
    }

    async fn member_place(
        &self,
        member_id: i64,
    ) -> Result<Option<crate::store::model::MemberPlace>, crate::store::StoreError> {
        let row: Option<PlaceRow> = sqlx::query_as(
            "SELECT m.id AS member_id, m.full_name, m.card_number, m.status, u.id AS cell_id, \
             u.code AS cell_code, u.name AS cell_name, u.kind AS cell_kind, u.path AS cell_path \
             FROM members m JOIN units u ON u.id = m.cell_id WHERE m.id = $1",
        )
        .bind(member_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(crate::store::model::MemberPlace {
                member_id: r.member_id,
                full_name: r.full_name,
                card_number: r.card_number,
                status: crate::store::org::parse_status(&r.status)?,
                cell_id: r.cell_id,
                cell_code: r.cell_code,
                cell_name: r.cell_name,
                cell_kind: crate::store::commitments::parse_unit_kind(&r.cell_kind)?,
                cell_path: r.cell_path,
            })
        })
        .transpose()
    }

    async fn commitment(
        &self,
        year: i32,
        member_id: i64,
    ) -> Result<Option<crate::store::model::CommitmentRecord>, crate::store::StoreError> {
        use crate::store::commitments::{COMMITMENT_COLUMNS, CommitmentDbRow, undertaking};
        let mut conn = self.pool.acquire().await?;
        let sql = format!(
            "SELECT {COMMITMENT_COLUMNS} FROM commitments WHERE year = $1 AND member_id = $2"
        );
        let row: Option<CommitmentDbRow> = sqlx::query_as(&sql)
            .bind(year)
            .bind(member_id)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let items: Vec<ItemRow> = sqlx::query_as(
            "SELECT section, text, result, result_note FROM commitment_items \
             WHERE commitment_id = $1 ORDER BY section, position, id",
        )
        .bind(row.id)
        .fetch_all(&mut *conn)
        .await?;
        let items = items
            .into_iter()
            .map(|i| undertaking(i.section, i.text, i.result, i.result_note))
            .collect::<Result<Vec<_>, _>>()?;
        row.into_record(items).map(Some)
    }

    async fn commitment_history(
        &self,
        commitment_id: i64,
    ) -> Result<Vec<crate::store::model::CommitmentEvent>, crate::store::StoreError> {
        // The actor by account id, or by username for entries loaded
        // without one (the demo's past steps), then their member name.
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT a.at, a.actor_label, m.id AS member_id, m.full_name, a.action, a.after_json \
             FROM audit_log a \
             LEFT JOIN users u ON u.id = COALESCE(a.actor_user_id, \
                 (SELECT id FROM users WHERE username = a.actor_label)) \
             LEFT JOIN members m ON m.id = u.member_id \
             WHERE a.entity = 'commitment' AND a.entity_id = $1 ORDER BY a.at, a.id",
        )
        .bind(commitment_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let after = r.after_json.map(|j| j.0);
                let mut e = crate::store::commitments::event(r.at, r.actor_label, r.action, after);
                e.actor_member_id = r.member_id;
                e.actor_name = r.full_name;
                e
            })
            .collect())
    }

    async fn apply_commitments(
        &self,
        writes: &[crate::store::model::CommitmentWrite],
    ) -> Result<Vec<(i64, i64)>, crate::store::StoreError> {
        use crate::domain::commitment::CommitmentState;
        use crate::store::StoreError;
        use crate::store::model::CommitmentChange;
        use sqlx::QueryBuilder;
        let now = chrono::Utc::now();
        let mut tx = self.write_tx().await?;
        // The rows are taken in one order, by year and member, whatever
        // the order of `writes` (stable: two steps on one commitment keep
        // theirs). Two batches over the same commitments in different
        // orders would otherwise each hold a row the other waits for,
        // and PostgreSQL would abort one with "deadlock detected"
        // instead of letting it find the other's versions (a conflict).
        let mut order: Vec<usize> = (0..writes.len()).collect();
        order.sort_by_key(|&i| (writes[i].year, writes[i].member_id));
        let mut out = vec![(0, 0); writes.len()];
        // The yearly figures move with the commitments, applied once
        // at the end (store::stats).
        let mut figures = crate::store::stats::FigureMoves::default();
        for i in order {
            let w = &writes[i];
            let crate::store::stats::CommitmentFigures {
                cell_path,
                figures: before,
                grade,
                counted,
            } = Self::commitment_figures(&mut tx, w.member_id, w.year).await?;
            if w.expected_version == 0 {
                // A shell at version 0, brought to version 1 by the
                // step below; taken already: someone was first.
                let created: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO commitments (year, member_id, state, version, created_at, updated_at) \
                     VALUES ($1, $2, $3, 0, $4, $4) ON CONFLICT (year, member_id) DO NOTHING RETURNING id",
                )
                .bind(w.year)
                .bind(w.member_id)
                .bind(w.next_state.as_str())
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                if created.is_none() {
                    return Err(StoreError::Conflict);
                }
            }
            let mut q = QueryBuilder::<Db>::new("UPDATE commitments SET state = ");
            q.push_bind(w.next_state.as_str())
                .push(", version = version + 1, updated_at = ")
                .push_bind(now);
            let graded = |q: &mut QueryBuilder<'_, Db>,
                          prefix: &str,
                          a: &crate::domain::undertaking::Assessment,
                          note: &str| {
                q.push(format!(", {prefix}_grade = "))
                    .push_bind(a.grade.as_str())
                    .push(format!(", {prefix}_points = "))
                    .push_bind(a.points.map(i32::from))
                    .push(format!(", {prefix}_note = "))
                    .push_bind(note.to_string());
            };
            match &w.change {
                CommitmentChange::Items(_) => {
                    if w.next_state == CommitmentState::Submitted {
                        q.push(", submitted_at = ").push_bind(now);
                    }
                }
                CommitmentChange::Return { reason } => {
                    q.push(", return_reason = ").push_bind(reason.clone());
                }
                CommitmentChange::Approve => {
                    q.push(", approved_at = ").push_bind(now);
                }
                CommitmentChange::MidYearReview { note } => {
                    q.push(", mid_year_note = ").push_bind(note.clone());
                }
                CommitmentChange::SelfAssess {
                    assessment, note, ..
                } => {
                    graded(&mut q, "self", assessment, note);
                }
                CommitmentChange::Propose { assessment, note } => {
                    graded(&mut q, "proposed", assessment, note);
                }
                CommitmentChange::Decide { assessment, note } => {
                    graded(&mut q, "final", assessment, note);
                }
                CommitmentChange::Reopen { until } => {
                    q.push(", extended_to = ").push_bind(*until);
                }
            }
            q.push(" WHERE year = ")
                .push_bind(w.year)
                .push(" AND member_id = ")
                .push_bind(w.member_id)
                .push(" AND version = ")
                .push_bind(w.expected_version)
                .push(" RETURNING id, version");
            let row: Option<(i64, i64)> = q.build_query_as().fetch_optional(&mut *tx).await?;
            // Dropping the transaction rolls back the writes before.
            let (id, version) = row.ok_or(StoreError::Conflict)?;
            let grade = match &w.change {
                CommitmentChange::Decide { assessment, .. } => Some(assessment.grade),
                _ => grade,
            };
            let after = if counted {
                crate::domain::stats::Figure::of_commitment(w.next_state, grade)
            } else {
                Vec::new()
            };
            figures.add(
                &cell_path,
                w.year,
                &crate::domain::stats::moves(&before, &after),
            );
            match &w.change {
                CommitmentChange::Items(items) => {
                    Self::commitments_replace_items(&mut tx, id, items).await?;
                }
                CommitmentChange::SelfAssess { items, .. } => {
                    Self::commitments_assess_items(&mut tx, id, items).await?;
                }
                _ => {}
            }
            let mut entry = w.audit.clone();
            entry.entity = "commitment".into();
            entry.entity_id = Some(id.to_string());
            if entry.unit_path.is_none() {
                entry.unit_path = Some(cell_path);
            }
            Self::write_audit(&mut tx, &entry).await?;
            Self::commitments_notify(&mut tx, &w.notify, Some(id), now).await?;
            out[i] = (id, version);
        }
        Self::apply_figure_moves(&mut tx, &figures).await?;
        tx.commit().await?;
        Ok(out)
    }

    async fn cell_commitments(
        &self,
        cell_id: i64,
        year: i32,
    ) -> Result<Vec<crate::store::model::CommitmentRow>, crate::store::StoreError> {
        use crate::store::commitments::{LIST_SELECT, ListRow};
        let sql = format!("{LIST_SELECT} AND m.cell_id = $2 ORDER BY m.name_key, m.id");
        let rows: Vec<ListRow> = sqlx::query_as(&sql)
            .bind(year)
            .bind(cell_id)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn subtree_commitments(
        &self,
        path: &str,
        year: i32,
    ) -> Result<Vec<crate::store::model::CommitmentRow>, crate::store::StoreError> {
        use crate::store::commitments::{LIST_SELECT, ListRow};
        let sql = format!(
            "{LIST_SELECT} AND u.path >= $2 AND u.path < $3 \
             ORDER BY u.sort_key, u.id, m.name_key, m.id"
        );
        let rows: Vec<ListRow> = sqlx::query_as(&sql)
            .bind(year)
            .bind(path)
            .bind(crate::store::path_upper_bound(path))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn child_unit_grades(
        &self,
        parent_id: i64,
        year: i32,
    ) -> Result<Vec<crate::store::model::UnitGradeRow>, crate::store::StoreError> {
        use crate::store::commitments::{parse_grade, parse_unit_kind};
        let rows: Vec<GradeRow> = sqlx::query_as(
            "SELECT u.id AS unit_id, u.code, u.name, u.kind, g.grade, \
             COALESCE(g.note, '') AS note, COALESCE(g.version, 0) AS version \
             FROM units u LEFT JOIN unit_grades g ON g.unit_id = u.id AND g.year = $2 \
             WHERE u.parent_id = $1 AND u.valid_to IS NULL ORDER BY u.sort_key, u.id",
        )
        .bind(parent_id)
        .bind(year)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(crate::store::model::UnitGradeRow {
                    unit_id: r.unit_id,
                    code: r.code,
                    name: r.name,
                    kind: parse_unit_kind(&r.kind)?,
                    grade: parse_grade(r.grade.as_deref())?,
                    note: r.note,
                    version: r.version,
                })
            })
            .collect()
    }

    async fn set_unit_grade(
        &self,
        unit_id: i64,
        year: i32,
        grade: crate::domain::grading::Grade,
        note: &str,
        expected_version: i64,
        audit: &crate::store::model::AuditEntry,
    ) -> Result<(), crate::store::StoreError> {
        let now = chrono::Utc::now();
        let mut tx = self.write_tx().await?;
        let done = if expected_version == 0 {
            sqlx::query(
                "INSERT INTO unit_grades (unit_id, year, grade, note, decided_by, decided_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (unit_id, year) DO NOTHING",
            )
            .bind(unit_id)
            .bind(year)
            .bind(grade.as_str())
            .bind(note)
            .bind(audit.actor_user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
        } else {
            sqlx::query(
                "UPDATE unit_grades SET grade = $1, note = $2, decided_by = $3, decided_at = $4, \
                 version = version + 1 WHERE unit_id = $5 AND year = $6 AND version = $7",
            )
            .bind(grade.as_str())
            .bind(note)
            .bind(audit.actor_user_id)
            .bind(now)
            .bind(unit_id)
            .bind(year)
            .bind(expected_version)
            .execute(&mut *tx)
            .await?
        };
        if done.rows_affected() != 1 {
            return Err(crate::store::StoreError::Conflict);
        }
        Self::write_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn member_users(
        &self,
        member_ids: &[i64],
    ) -> Result<Vec<(i64, i64)>, crate::store::StoreError> {
        use sqlx::QueryBuilder;
        let mut out = Vec::new();
        for chunk in member_ids.chunks(1000) {
            let mut q =
                QueryBuilder::<Db>::new("SELECT member_id, id FROM users WHERE member_id IN (");
            let mut ids = q.separated(", ");
            for id in chunk {
                ids.push_bind(*id);
            }
            q.push(") ORDER BY member_id");
            let rows: Vec<(i64, i64)> = q.build_query_as().fetch_all(&self.pool).await?;
            out.extend(rows);
        }
        Ok(out)
    }

    async fn cell_reviewer_users(
        &self,
        cell_id: i64,
        today: chrono::NaiveDate,
    ) -> Result<Vec<i64>, crate::store::StoreError> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT us.id FROM positions p JOIN users us ON us.member_id = p.member_id \
             WHERE p.unit_id = $1 AND p.role IN ('secretary','deputy_secretary') \
             AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to >= $2) \
             AND NOT us.disabled ORDER BY us.id",
        )
        .bind(cell_id)
        .bind(today)
        .fetch_all(&self.pool)
        .await?;
        Ok(ids)
    }

    async fn add_notifications(
        &self,
        notes: &[crate::store::model::NewNotification],
    ) -> Result<(), crate::store::StoreError> {
        if notes.is_empty() {
            return Ok(());
        }
        let mut tx = self.write_tx().await?;
        Self::commitments_notify(&mut tx, notes, None, chrono::Utc::now()).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn notifications(
        &self,
        user_id: i64,
        limit: i64,
    ) -> Result<Vec<crate::store::model::Notification>, crate::store::StoreError> {
        let rows: Vec<crate::store::commitments::NoticeRow> = sqlx::query_as(
            "SELECT id, at, kind, subject, detail, link, read_at FROM notifications \
             WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(user_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(crate::store::commitments::notice)
            .collect())
    }

    async fn latest_notification(
        &self,
        user_id: i64,
        kind: crate::store::model::NoticeKind,
    ) -> Result<Option<crate::store::model::Notification>, crate::store::StoreError> {
        let row: Option<crate::store::commitments::NoticeRow> = sqlx::query_as(
            "SELECT id, at, kind, subject, detail, link, read_at FROM notifications \
             WHERE user_id = $1 AND kind = $2 ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(user_id)
        .bind(kind.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(crate::store::commitments::notice))
    }

    async fn unread_notifications(&self, user_id: i64) -> Result<i64, crate::store::StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    async fn mark_read(
        &self,
        user_id: i64,
        id: Option<i64>,
    ) -> Result<(), crate::store::StoreError> {
        let now = chrono::Utc::now();
        match id {
            Some(id) => {
                sqlx::query(
                    "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id = $3 AND read_at IS NULL",
                )
                .bind(now)
                .bind(user_id)
                .bind(id)
                .execute(&self.pool)
                .await?;
            }
            None => {
                sqlx::query(
                    "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
                )
                .bind(now)
                .bind(user_id)
                .execute(&self.pool)
                .await?;
            }
        }
        Ok(())
    }

    async fn notified_since(
        &self,
        user_id: i64,
        kind: crate::store::model::NoticeKind,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, crate::store::StoreError> {
        let exists: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM notifications WHERE user_id = $1 AND kind = $2 AND at >= $3)",
        )
        .bind(user_id)
        .bind(kind.as_str())
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(exists)
    }

    async fn setting(&self, key: &str) -> Result<Option<String>, crate::store::StoreError> {
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(value)
    }

    async fn set_setting(&self, key: &str, value: &str) -> Result<(), crate::store::StoreError> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

impl This {
    /// Replaces a commitment's undertakings.
    pub(super) async fn commitments_replace_items(
        conn: &mut Conn,
        commitment_id: i64,
        items: &[crate::domain::undertaking::Undertaking],
    ) -> Result<(), crate::store::StoreError> {
        use sqlx::QueryBuilder;
        sqlx::query("DELETE FROM commitment_items WHERE commitment_id = $1")
            .bind(commitment_id)
            .execute(&mut *conn)
            .await?;
        let positions = crate::store::commitments::positions(items);
        let rows: Vec<_> = items.iter().zip(positions).collect();
        // 6 parameters a row, within either backend's limit.
        for chunk in rows.chunks(1000) {
            QueryBuilder::<Db>::new(
                "INSERT INTO commitment_items (commitment_id, section, position, text, result, result_note) ",
            )
            .push_values(chunk, |mut b, (u, position)| {
                b.push_bind(commitment_id)
                    .push_bind(i32::try_from(u.section).unwrap_or(i32::MAX))
                    .push_bind(*position)
                    .push_bind(u.text.clone())
                    .push_bind(u.result.map(|r| r.as_str()))
                    .push_bind(u.result_note.clone());
            })
            .build()
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    /// Writes the year-end results onto the stored undertakings, which
    /// must match `items` in count, order and section.
    pub(super) async fn commitments_assess_items(
        conn: &mut Conn,
        commitment_id: i64,
        items: &[crate::domain::undertaking::Undertaking],
    ) -> Result<(), crate::store::StoreError> {
        let stored: Vec<(i64, i32)> = sqlx::query_as(
            "SELECT id, section FROM commitment_items WHERE commitment_id = $1 \
             ORDER BY section, position, id",
        )
        .bind(commitment_id)
        .fetch_all(&mut *conn)
        .await?;
        if stored.len() != items.len()
            || stored
                .iter()
                .zip(items)
                .any(|((_, section), u)| usize::try_from(*section).ok() != Some(u.section))
        {
            return Err(crate::store::StoreError::Invalid(format!(
                "the assessment of commitment {commitment_id} does not match its {} undertakings",
                stored.len()
            )));
        }
        for ((id, _), u) in stored.iter().zip(items) {
            sqlx::query("UPDATE commitment_items SET result = $1, result_note = $2 WHERE id = $3")
                .bind(u.result.map(|r| r.as_str()))
                .bind(&u.result_note)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// Adds notices, about `commitment_id` when given (else as they say).
    pub(super) async fn commitments_notify(
        conn: &mut Conn,
        notes: &[crate::store::model::NewNotification],
        commitment_id: Option<i64>,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::store::StoreError> {
        use sqlx::QueryBuilder;
        // 7 parameters a row, within either backend's limit.
        for chunk in notes.chunks(1000) {
            QueryBuilder::<Db>::new(
                "INSERT INTO notifications (user_id, at, kind, commitment_id, subject, detail, link) ",
            )
            .push_values(chunk, |mut b, n| {
                b.push_bind(n.user_id)
                    .push_bind(at)
                    .push_bind(n.kind.as_str())
                    .push_bind(commitment_id.or(n.commitment_id))
                    .push_bind(n.subject.clone())
                    .push_bind(n.detail.clone())
                    .push_bind(n.link.clone());
            })
            .build()
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }
}
