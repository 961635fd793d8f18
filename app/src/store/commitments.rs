//! Yearly commitments: the years' settings, each member's commitment and its
//! steps, the lists a cell's secretary and a grassroots committee work from,
//! organisations' grades, the inbox and installation settings.
//!
//! Every step is one transaction: the version is checked and raised by the
//! same UPDATE (`... WHERE id = $1 AND version = $2`), so of two concurrent
//! writers exactly one wins and the other gets [`StoreError::Conflict`]; its
//! audit entry and notifications are written with it or not at all.

use super::StoreError;
use super::model::{
    AuditEntry, CommitmentEvent, CommitmentRecord, CommitmentRow, CommitmentWrite, MemberPlace,
    NewNotification, NoticeKind, Notification, UnitGradeRow, Year,
};
use crate::domain::commitment::CommitmentState;
use crate::domain::grading::Grade;
use crate::domain::undertaking::{Assessment, ItemResult, Undertaking};
use async_trait::async_trait;

#[async_trait]
pub trait CommitmentStore: Send + Sync {
    /// One year's settings.
    async fn year(&self, year: i32) -> Result<Option<Year>, StoreError>;
    /// Creates a year (`expected_version` 0) or updates it at that version
    /// (stale: `Conflict`), with its audit entry.
    async fn save_year(
        &self,
        config: &Year,
        expected_version: i64,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    /// Whether any member has a commitment in `year` (its rules are then fixed).
    async fn year_has_commitments(&self, year: i32) -> Result<bool, StoreError>;

    /// Where a member is (current cell), for authorization.
    async fn member_place(&self, member_id: i64) -> Result<Option<MemberPlace>, StoreError>;
    async fn commitment(
        &self,
        year: i32,
        member_id: i64,
    ) -> Result<Option<CommitmentRecord>, StoreError>;
    /// The commitment's audit entries, oldest first. An entry's `after`
    /// gives the step's detail (its "reason" or else its "note" string) and
    /// grade (its "grade", as `Grade::as_str`).
    async fn commitment_history(
        &self,
        commitment_id: i64,
    ) -> Result<Vec<CommitmentEvent>, StoreError>;
    /// Writes the steps in one transaction: all of them, or none when any
    /// version is stale (`Conflict`). Returns each commitment's id and new
    /// version, `(id, version)`, in the order of `writes`; they are written
    /// in the order of year and member, so that concurrent batches take
    /// their rows in the same order (on PostgreSQL: no deadlock). A write at
    /// `expected_version` 0 creates the commitment (`Conflict` when one
    /// exists). The store sets the audit entry's entity ("commitment") and
    /// entity id, its unit path when missing (the member's cell), and each
    /// notification's commitment id. A self-assessment whose undertakings do
    /// not match the stored ones in count and sections is `Invalid`.
    async fn apply_commitments(
        &self,
        writes: &[CommitmentWrite],
    ) -> Result<Vec<(i64, i64)>, StoreError>;

    /// The active members (probationary, full, exempt) of one cell with their
    /// commitment of `year`, in Vietnamese name order.
    async fn cell_commitments(
        &self,
        cell_id: i64,
        year: i32,
    ) -> Result<Vec<CommitmentRow>, StoreError>;
    /// The same for every cell of a subtree (a grassroots organisation),
    /// ordered by cell, then name.
    async fn subtree_commitments(
        &self,
        path: &str,
        year: i32,
    ) -> Result<Vec<CommitmentRow>, StoreError>;

    /// The organisations directly below `parent_id` (today) with their grade of `year`.
    async fn child_unit_grades(
        &self,
        parent_id: i64,
        year: i32,
    ) -> Result<Vec<UnitGradeRow>, StoreError>;
    /// Sets an organisation's grade at `expected_version` (0: not graded yet).
    async fn set_unit_grade(
        &self,
        unit_id: i64,
        year: i32,
        grade: Grade,
        note: &str,
        expected_version: i64,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;

    /// The accounts of these members (member id, user id); members without one are left out.
    async fn member_users(&self, member_ids: &[i64]) -> Result<Vec<(i64, i64)>, StoreError>;
    /// Accounts of the secretaries and deputies of a cell, positions valid on `today`.
    async fn cell_reviewer_users(
        &self,
        cell_id: i64,
        today: chrono::NaiveDate,
    ) -> Result<Vec<i64>, StoreError>;
    async fn add_notifications(&self, notes: &[NewNotification]) -> Result<(), StoreError>;
    /// Newest first.
    async fn notifications(
        &self,
        user_id: i64,
        limit: i64,
    ) -> Result<Vec<Notification>, StoreError>;
    async fn unread_notifications(&self, user_id: i64) -> Result<i64, StoreError>;
    /// Marks one (or, with `None`, every) notification of the user read.
    async fn mark_read(&self, user_id: i64, id: Option<i64>) -> Result<(), StoreError>;
    /// Whether a notice of this kind went to the user since `since`
    /// (deadline reminders are sent once).
    async fn notified_since(
        &self,
        user_id: i64,
        kind: NoticeKind,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, StoreError>;
    /// The user's newest notice of this kind, if any.
    async fn latest_notification(
        &self,
        user_id: i64,
        kind: NoticeKind,
    ) -> Result<Option<Notification>, StoreError>;

    async fn setting(&self, key: &str) -> Result<Option<String>, StoreError>;
    async fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError>;
}

/// A notification as stored: id, at, kind, subject, detail, link, read_at.
pub(crate) type NoticeRow = (
    i64,
    chrono::DateTime<chrono::Utc>,
    String,
    String,
    String,
    String,
    Option<chrono::DateTime<chrono::Utc>>,
);

pub(crate) fn notice(r: NoticeRow) -> Notification {
    Notification {
        id: r.0,
        at: r.1,
        kind: NoticeKind::parse(&r.2),
        subject: r.3,
        detail: r.4,
        link: r.5,
        read: r.6.is_some(),
    }
}

/// Raw commitment row; converted to [`CommitmentRecord`] with checked enums.
#[derive(sqlx::FromRow)]
pub(crate) struct CommitmentDbRow {
    pub id: i64,
    pub year: i32,
    pub member_id: i64,
    pub state: String,
    pub version: i64,
    pub extended_to: Option<chrono::NaiveDate>,
    pub return_reason: String,
    pub mid_year_note: String,
    pub self_grade: Option<String>,
    pub self_points: Option<i32>,
    pub self_note: String,
    pub proposed_grade: Option<String>,
    pub proposed_points: Option<i32>,
    pub proposed_note: String,
    pub final_grade: Option<String>,
    pub final_points: Option<i32>,
    pub final_note: String,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub approved_at: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// The columns of [`CommitmentDbRow`].
pub(crate) const COMMITMENT_COLUMNS: &str = "id, year, member_id, state, version, extended_to, \
     return_reason, mid_year_note, self_grade, self_points, self_note, proposed_grade, \
     proposed_points, proposed_note, final_grade, final_points, final_note, submitted_at, \
     approved_at, updated_at";

impl CommitmentDbRow {
    pub(crate) fn into_record(
        self,
        items: Vec<Undertaking>,
    ) -> Result<CommitmentRecord, StoreError> {
        Ok(CommitmentRecord {
            id: self.id,
            year: self.year,
            member_id: self.member_id,
            state: parse_state(&self.state)?,
            version: self.version,
            extended_to: self.extended_to,
            return_reason: self.return_reason,
            mid_year_note: self.mid_year_note,
            self_assessment: assessment(self.self_grade, self.self_points)?,
            self_note: self.self_note,
            proposed: assessment(self.proposed_grade, self.proposed_points)?,
            proposed_note: self.proposed_note,
            decided: assessment(self.final_grade, self.final_points)?,
            decided_note: self.final_note,
            items,
            submitted_at: self.submitted_at,
            approved_at: self.approved_at,
            updated_at: self.updated_at,
        })
    }
}

/// Raw row of a cell's or an organisation's list.
#[derive(sqlx::FromRow)]
pub(crate) struct ListRow {
    pub member_id: i64,
    pub full_name: String,
    pub card_number: String,
    pub status: String,
    pub cell_id: i64,
    pub cell_code: String,
    pub cell_name: String,
    pub commitment_id: Option<i64>,
    pub state: Option<String>,
    pub version: i64,
    pub self_grade: Option<String>,
    pub proposed_grade: Option<String>,
    pub final_grade: Option<String>,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The select of a list: members with their cell and (left-joined) commitment
/// of the year `$1`; the caller adds the condition and the order.
pub(crate) const LIST_SELECT: &str = "SELECT m.id AS member_id, m.full_name, m.card_number, \
     m.status, u.id AS cell_id, u.code AS cell_code, u.name AS cell_name, \
     c.id AS commitment_id, c.state, COALESCE(c.version, 0) AS version, c.self_grade, \
     c.proposed_grade, c.final_grade, c.updated_at \
     FROM members m JOIN units u ON u.id = m.cell_id \
     LEFT JOIN commitments c ON c.member_id = m.id AND c.year = $1 \
     WHERE m.status IN ('probationary','full','exempt')";

impl TryFrom<ListRow> for CommitmentRow {
    type Error = StoreError;
    fn try_from(r: ListRow) -> Result<Self, StoreError> {
        Ok(CommitmentRow {
            member_id: r.member_id,
            full_name: r.full_name,
            card_number: r.card_number,
            status: super::org::parse_status(&r.status)?,
            cell_id: r.cell_id,
            cell_code: r.cell_code,
            cell_name: r.cell_name,
            commitment_id: r.commitment_id,
            state: r.state.as_deref().map(parse_state).transpose()?,
            version: r.version,
            self_grade: parse_grade(r.self_grade.as_deref())?,
            proposed_grade: parse_grade(r.proposed_grade.as_deref())?,
            decided_grade: parse_grade(r.final_grade.as_deref())?,
            updated_at: r.updated_at,
        })
    }
}

pub(crate) fn parse_state(s: &str) -> Result<CommitmentState, StoreError> {
    CommitmentState::parse(s)
        .ok_or_else(|| StoreError::Invalid(format!("unknown commitment state {s}")))
}

pub(crate) fn parse_grade(s: Option<&str>) -> Result<Option<Grade>, StoreError> {
    s.map(|s| Grade::parse(s).ok_or_else(|| StoreError::Invalid(format!("unknown grade {s}"))))
        .transpose()
}

pub(crate) fn parse_unit_kind(s: &str) -> Result<crate::domain::UnitKind, StoreError> {
    crate::domain::UnitKind::parse(s)
        .ok_or_else(|| StoreError::Invalid(format!("unknown unit kind {s}")))
}

/// A stored grade and its points (the 2025 rules).
pub(crate) fn assessment(
    grade: Option<String>,
    points: Option<i32>,
) -> Result<Option<Assessment>, StoreError> {
    let Some(grade) = parse_grade(grade.as_deref())? else {
        return Ok(None);
    };
    let points = points
        .map(|p| u8::try_from(p).map_err(|_| StoreError::Invalid(format!("points {p}"))))
        .transpose()?;
    Ok(Some(Assessment { grade, points }))
}

/// An undertaking as stored.
pub(crate) fn undertaking(
    section: i32,
    text: String,
    result: Option<String>,
    result_note: String,
) -> Result<Undertaking, StoreError> {
    Ok(Undertaking {
        section: usize::try_from(section)
            .map_err(|_| StoreError::Invalid(format!("section {section}")))?,
        text,
        result: result
            .map(|r| {
                ItemResult::parse(&r)
                    .ok_or_else(|| StoreError::Invalid(format!("unknown result {r}")))
            })
            .transpose()?,
        result_note,
    })
}

/// Each undertaking's place within its section (0, 1, … in the given order).
pub(crate) fn positions(items: &[Undertaking]) -> Vec<i32> {
    let mut next: std::collections::HashMap<usize, i32> = std::collections::HashMap::new();
    items
        .iter()
        .map(|u| {
            let n = next.entry(u.section).or_insert(0);
            *n += 1;
            *n - 1
        })
        .collect()
}

/// A step of the history from its audit entry: the detail is the entry's
/// "reason" (a return) or "note" (a review, a grade's justification), the
/// grade its "grade".
pub(crate) fn event(
    at: chrono::DateTime<chrono::Utc>,
    actor_label: String,
    action: String,
    after: Option<serde_json::Value>,
) -> CommitmentEvent {
    let text = |key: &str| {
        after
            .as_ref()
            .and_then(|a| a.get(key))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    CommitmentEvent {
        at,
        actor_label,
        actor_name: None,
        actor_member_id: None,
        action,
        detail: text("reason").or_else(|| text("note")),
        grade: text("grade").as_deref().and_then(Grade::parse),
    }
}

/// Commitment statements for both backends (see `impl_common!`).
macro_rules! impl_commitments {
    ($store:ty, $db:ty, $conn:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::commitments::CommitmentStore for $store {
            async fn year(
                &self,
                year: i32,
            ) -> Result<Option<$crate::store::model::Year>, $crate::store::StoreError> {
                let row: Option<$crate::store::YearRow> = sqlx::query_as(
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
                config: &$crate::store::model::Year,
                expected_version: i64,
                audit: &$crate::store::model::AuditEntry,
            ) -> Result<(), $crate::store::StoreError> {
                use $crate::domain::text::nfc;
                let sections: Vec<String> = config.sections.iter().map(|s| nfc(s)).collect();
                let sections = serde_json::to_string(&sections)
                    .map_err(|e| $crate::store::StoreError::Invalid(e.to_string()))?;
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
                    return Err($crate::store::StoreError::Conflict);
                }
                Self::write_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn year_has_commitments(&self, year: i32) -> Result<bool, $crate::store::StoreError> {
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
            ) -> Result<Option<$crate::store::model::MemberPlace>, $crate::store::StoreError> {
                let row: Option<(i64, String, String, String, i64, String, String, String, String)> =
                    sqlx::query_as(
                        "SELECT m.id, m.full_name, m.card_number, m.status, u.id, u.code, u.name, u.kind, u.path \
                         FROM members m JOIN units u ON u.id = m.cell_id WHERE m.id = $1",
                    )
                    .bind(member_id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| {
                    Ok($crate::store::model::MemberPlace {
                        member_id: r.0,
                        full_name: r.1,
                        card_number: r.2,
                        status: $crate::store::org::parse_status(&r.3)?,
                        cell_id: r.4,
                        cell_code: r.5,
                        cell_name: r.6,
                        cell_kind: $crate::store::commitments::parse_unit_kind(&r.7)?,
                        cell_path: r.8,
                    })
                })
                .transpose()
            }

            async fn commitment(
                &self,
                year: i32,
                member_id: i64,
            ) -> Result<Option<$crate::store::model::CommitmentRecord>, $crate::store::StoreError> {
                use $crate::store::commitments::{COMMITMENT_COLUMNS, CommitmentDbRow, undertaking};
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
                let items: Vec<(i32, String, Option<String>, String)> = sqlx::query_as(
                    "SELECT section, text, result, result_note FROM commitment_items \
                     WHERE commitment_id = $1 ORDER BY section, position, id",
                )
                .bind(row.id)
                .fetch_all(&mut *conn)
                .await?;
                let items = items
                    .into_iter()
                    .map(|(section, text, result, note)| undertaking(section, text, result, note))
                    .collect::<Result<Vec<_>, _>>()?;
                row.into_record(items).map(Some)
            }

            async fn commitment_history(
                &self,
                commitment_id: i64,
            ) -> Result<Vec<$crate::store::model::CommitmentEvent>, $crate::store::StoreError> {
                use sqlx::types::Json;
                type Row = (
                    chrono::DateTime<chrono::Utc>,
                    String,
                    Option<i64>,
                    Option<String>,
                    String,
                    Option<Json<serde_json::Value>>,
                );
                // The actor by account id, or by username for entries loaded
                // without one (the demo's past steps), then their member name.
                let rows: Vec<Row> = sqlx::query_as(
                    "SELECT a.at, a.actor_label, m.id, m.full_name, a.action, a.after_json \
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
                    .map(|(at, label, member_id, name, action, after)| {
                        let mut e = $crate::store::commitments::event(
                            at,
                            label,
                            action,
                            after.map(|j| j.0),
                        );
                        e.actor_member_id = member_id;
                        e.actor_name = name;
                        e
                    })
                    .collect())
            }

            async fn apply_commitments(
                &self,
                writes: &[$crate::store::model::CommitmentWrite],
            ) -> Result<Vec<(i64, i64)>, $crate::store::StoreError> {
                use $crate::domain::commitment::CommitmentState;
                use $crate::store::StoreError;
                use $crate::store::model::CommitmentChange;
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
                let mut figures = $crate::store::stats::FigureMoves::default();
                for i in order {
                    let w = &writes[i];
                    let $crate::store::stats::CommitmentFigures { cell_path, figures: before, grade, counted } =
                        Self::commitment_figures(&mut tx, w.member_id, w.year).await?;
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
                    let mut q = QueryBuilder::<$db>::new("UPDATE commitments SET state = ");
                    q.push_bind(w.next_state.as_str())
                        .push(", version = version + 1, updated_at = ")
                        .push_bind(now);
                    let graded = |q: &mut QueryBuilder<'_, $db>, prefix: &str, a: &$crate::domain::undertaking::Assessment, note: &str| {
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
                        CommitmentChange::SelfAssess { assessment, note, .. } => {
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
                        $crate::domain::stats::Figure::of_commitment(w.next_state, grade)
                    } else {
                        Vec::new()
                    };
                    figures.add(&cell_path, w.year, &$crate::domain::stats::moves(&before, &after));
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
            ) -> Result<Vec<$crate::store::model::CommitmentRow>, $crate::store::StoreError> {
                use $crate::store::commitments::{LIST_SELECT, ListRow};
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
            ) -> Result<Vec<$crate::store::model::CommitmentRow>, $crate::store::StoreError> {
                use $crate::store::commitments::{LIST_SELECT, ListRow};
                let sql = format!(
                    "{LIST_SELECT} AND u.path >= $2 AND u.path < $3 \
                     ORDER BY u.sort_key, u.id, m.name_key, m.id"
                );
                let rows: Vec<ListRow> = sqlx::query_as(&sql)
                    .bind(year)
                    .bind(path)
                    .bind($crate::store::path_upper_bound(path))
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn child_unit_grades(
                &self,
                parent_id: i64,
                year: i32,
            ) -> Result<Vec<$crate::store::model::UnitGradeRow>, $crate::store::StoreError> {
                use $crate::store::commitments::{parse_grade, parse_unit_kind};
                let rows: Vec<(i64, String, String, String, Option<String>, String, i64)> = sqlx::query_as(
                    "SELECT u.id, u.code, u.name, u.kind, g.grade, COALESCE(g.note, ''), COALESCE(g.version, 0) \
                     FROM units u LEFT JOIN unit_grades g ON g.unit_id = u.id AND g.year = $2 \
                     WHERE u.parent_id = $1 AND u.valid_to IS NULL ORDER BY u.sort_key, u.id",
                )
                .bind(parent_id)
                .bind(year)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        Ok($crate::store::model::UnitGradeRow {
                            unit_id: r.0,
                            code: r.1,
                            name: r.2,
                            kind: parse_unit_kind(&r.3)?,
                            grade: parse_grade(r.4.as_deref())?,
                            note: r.5,
                            version: r.6,
                        })
                    })
                    .collect()
            }

            async fn set_unit_grade(
                &self,
                unit_id: i64,
                year: i32,
                grade: $crate::domain::grading::Grade,
                note: &str,
                expected_version: i64,
                audit: &$crate::store::model::AuditEntry,
            ) -> Result<(), $crate::store::StoreError> {
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
                    return Err($crate::store::StoreError::Conflict);
                }
                Self::write_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn member_users(
                &self,
                member_ids: &[i64],
            ) -> Result<Vec<(i64, i64)>, $crate::store::StoreError> {
                use sqlx::QueryBuilder;
                let mut out = Vec::new();
                for chunk in member_ids.chunks(1000) {
                    let mut q = QueryBuilder::<$db>::new("SELECT member_id, id FROM users WHERE member_id IN (");
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
            ) -> Result<Vec<i64>, $crate::store::StoreError> {
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
                notes: &[$crate::store::model::NewNotification],
            ) -> Result<(), $crate::store::StoreError> {
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
            ) -> Result<Vec<$crate::store::model::Notification>, $crate::store::StoreError> {
                let rows: Vec<$crate::store::commitments::NoticeRow> = sqlx::query_as(
                    "SELECT id, at, kind, subject, detail, link, read_at FROM notifications \
                     WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
                )
                .bind(user_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map($crate::store::commitments::notice).collect())
            }

            async fn latest_notification(
                &self,
                user_id: i64,
                kind: $crate::store::model::NoticeKind,
            ) -> Result<Option<$crate::store::model::Notification>, $crate::store::StoreError> {
                let row: Option<$crate::store::commitments::NoticeRow> = sqlx::query_as(
                    "SELECT id, at, kind, subject, detail, link, read_at FROM notifications \
                     WHERE user_id = $1 AND kind = $2 ORDER BY at DESC, id DESC LIMIT 1",
                )
                .bind(user_id)
                .bind(kind.as_str())
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map($crate::store::commitments::notice))
            }

            async fn unread_notifications(&self, user_id: i64) -> Result<i64, $crate::store::StoreError> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
                )
                .bind(user_id)
                .fetch_one(&self.pool)
                .await?;
                Ok(n)
            }

            async fn mark_read(&self, user_id: i64, id: Option<i64>) -> Result<(), $crate::store::StoreError> {
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
                kind: $crate::store::model::NoticeKind,
                since: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::StoreError> {
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

            async fn setting(&self, key: &str) -> Result<Option<String>, $crate::store::StoreError> {
                let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(value)
            }

            async fn set_setting(&self, key: &str, value: &str) -> Result<(), $crate::store::StoreError> {
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

        impl $store {
            /// Replaces a commitment's undertakings.
            async fn commitments_replace_items(
                conn: &mut $conn,
                commitment_id: i64,
                items: &[$crate::domain::undertaking::Undertaking],
            ) -> Result<(), $crate::store::StoreError> {
                use sqlx::QueryBuilder;
                sqlx::query("DELETE FROM commitment_items WHERE commitment_id = $1")
                    .bind(commitment_id)
                    .execute(&mut *conn)
                    .await?;
                let positions = $crate::store::commitments::positions(items);
                let rows: Vec<_> = items.iter().zip(positions).collect();
                // 6 parameters a row, within either backend's limit.
                for chunk in rows.chunks(1000) {
                    QueryBuilder::<$db>::new(
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
            async fn commitments_assess_items(
                conn: &mut $conn,
                commitment_id: i64,
                items: &[$crate::domain::undertaking::Undertaking],
            ) -> Result<(), $crate::store::StoreError> {
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
                    return Err($crate::store::StoreError::Invalid(format!(
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
            async fn commitments_notify(
                conn: &mut $conn,
                notes: &[$crate::store::model::NewNotification],
                commitment_id: Option<i64>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                use sqlx::QueryBuilder;
                // 7 parameters a row, within either backend's limit.
                for chunk in notes.chunks(1000) {
                    QueryBuilder::<$db>::new(
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
    };
}
pub(crate) use impl_commitments;
