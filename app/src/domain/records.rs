//! What the commitment pages show, as read from the store: shared by the
//! server and the browser build (the store itself is server-only).

use super::{MemberStatus, UnitKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A member's commitment as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentRecord {
    pub id: i64,
    pub year: i32,
    pub member_id: i64,
    pub state: super::commitment::CommitmentState,
    pub version: i64,
    pub extended_to: Option<NaiveDate>,
    pub return_reason: String,
    pub mid_year_note: String,
    pub self_assessment: Option<super::undertaking::Assessment>,
    pub self_note: String,
    pub proposed: Option<super::undertaking::Assessment>,
    pub proposed_note: String,
    pub decided: Option<super::undertaking::Assessment>,
    pub decided_note: String,
    /// By section, in the member's order.
    pub items: Vec<super::undertaking::Undertaking>,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub approved_at: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A step in a commitment's history (its audit entries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who acted, as recorded (a username).
    pub actor_label: String,
    /// Their name when they are a member.
    pub actor_name: Option<String>,
    pub actor_member_id: Option<i64>,
    /// "commitment.submit", …
    pub action: String,
    /// A return's reason, a grade's justification, a mid-year note.
    pub detail: Option<String>,
    pub grade: Option<super::grading::Grade>,
}

impl CommitmentEvent {
    /// The name to show: the member's, else the recorded username.
    pub fn who(&self) -> &str {
        self.actor_name.as_deref().unwrap_or(&self.actor_label)
    }
}

/// A member of a list (a cell's review, a grassroots organisation's
/// grading) with where their commitment stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentRow {
    pub member_id: i64,
    pub full_name: String,
    pub card_number: String,
    pub status: MemberStatus,
    pub cell_id: i64,
    pub cell_code: String,
    pub cell_name: String,
    pub commitment_id: Option<i64>,
    /// `None`: not started.
    pub state: Option<super::commitment::CommitmentState>,
    /// 0 when not started.
    pub version: i64,
    pub self_grade: Option<super::grading::Grade>,
    pub proposed_grade: Option<super::grading::Grade>,
    pub decided_grade: Option<super::grading::Grade>,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Where a member is, for authorization and notices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPlace {
    pub member_id: i64,
    pub full_name: String,
    pub card_number: String,
    pub status: MemberStatus,
    pub cell_id: i64,
    pub cell_code: String,
    pub cell_name: String,
    pub cell_kind: UnitKind,
    pub cell_path: String,
}

/// What a notice is about; stored by its name, read back checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum NoticeKind {
    /// A member's commitment was submitted (to the cell's secretaries).
    Submitted,
    Returned,
    Approved,
    Graded,
    Reopened,
    /// Commitments of a cell still missing near the filing deadline.
    Deadline,
    /// An administrator gave the account a one-time password (subject: who).
    PasswordReset,
    /// A backup failed (to administrators; subject: its kind, detail: when).
    BackupFailed,
    /// A commendation proposal reached the level that awards (to its
    /// secretaries; subject: the proposing unit, detail: the title).
    ProposalSubmitted,
    /// Sent back to the proposer (subject: the title, detail: the reason).
    ProposalReturned,
    /// Refused (subject: the title, detail: the reason).
    ProposalRejected,
    /// A decision commends the member (subject: its number).
    Commended,
    /// A kind this build does not know (written by a newer one): shown as
    /// its subject and detail.
    Other,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 12] = [
        NoticeKind::Submitted,
        NoticeKind::Returned,
        NoticeKind::Approved,
        NoticeKind::Graded,
        NoticeKind::Reopened,
        NoticeKind::Deadline,
        NoticeKind::PasswordReset,
        NoticeKind::BackupFailed,
        NoticeKind::ProposalSubmitted,
        NoticeKind::ProposalReturned,
        NoticeKind::ProposalRejected,
        NoticeKind::Commended,
    ];

    /// The stored name back; unknown names are [`NoticeKind::Other`].
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// A kind this version does not know reads as "other".
    pub fn parse(s: &str) -> Self {
        s.parse().unwrap_or(NoticeKind::Other)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub kind: NoticeKind,
    pub subject: String,
    pub detail: String,
    pub link: String,
    pub read: bool,
}

/// An organisation's grade of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitGradeRow {
    pub unit_id: i64,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub grade: Option<super::grading::Grade>,
    pub note: String,
    /// 0 when not graded yet.
    pub version: i64,
}

#[cfg(test)]
mod notice_tests {
    use super::NoticeKind;

    #[test]
    fn notice_kinds_read_back_as_written() {
        for k in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(k.as_str()), k);
        }
        assert_eq!(NoticeKind::parse("from_a_newer_build"), NoticeKind::Other);
    }
}
