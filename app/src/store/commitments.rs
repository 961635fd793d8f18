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
        .ok_or_else(|| StoreError::Fault(format!("unknown commitment state {s}")))
}

pub(crate) fn parse_grade(s: Option<&str>) -> Result<Option<Grade>, StoreError> {
    s.map(|s| Grade::parse(s).ok_or_else(|| StoreError::Fault(format!("unknown grade {s}"))))
        .transpose()
}

pub(crate) fn parse_unit_kind(s: &str) -> Result<crate::domain::UnitKind, StoreError> {
    crate::domain::UnitKind::parse(s)
        .ok_or_else(|| StoreError::Fault(format!("unknown unit kind {s}")))
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
        .map(|p| u8::try_from(p).map_err(|_| StoreError::Fault(format!("points {p}"))))
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
            .map_err(|_| StoreError::Fault(format!("section {section}")))?,
        text,
        result: result
            .map(|r| {
                ItemResult::parse(&r)
                    .ok_or_else(|| StoreError::Fault(format!("unknown result {r}")))
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
