//! What goes into and comes out of the store, independent of the backend.

use crate::domain::{Gender, MemberStatus, PositionRole, UnitEventKind, UnitKind};
use chrono::NaiveDate;
use serde::Serialize;

/// A whole organisation to load into an empty database (the demo, an import).
/// Ids are chosen by the caller so that rows can refer to each other; units
/// come parents first.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub units: Vec<NewUnit>,
    pub unit_parents: Vec<NewUnitParent>,
    pub unit_events: Vec<NewUnitEvent>,
    pub members: Vec<NewMember>,
    pub memberships: Vec<NewMembership>,
    pub positions: Vec<NewPosition>,
    pub years: Vec<NewYear>,
    /// Yearly commitments with their history (the demo's 2020 and 2021).
    pub commitments: Vec<NewCommitment>,
    pub unit_grades: Vec<NewUnitGrade>,
    /// Installation settings, e.g. [`WORKING_DATE`] of a demo.
    pub settings: Vec<(String, String)>,
}

/// The setting that fixes "today" for deadlines (a demo's calendar); absent,
/// the system date is used.
pub const WORKING_DATE: &str = "working_date";
/// Set to "1" when the demo organisation (with its public passwords) is loaded.
pub const DEMO_LOADED: &str = "demo_loaded";

#[derive(Debug, Clone)]
pub struct NewUnit {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: UnitKind,
    pub code: String,
    pub name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// A dated parent link; the current parent is also `NewUnit::parent_id`.
#[derive(Debug, Clone)]
pub struct NewUnitParent {
    pub unit_id: i64,
    pub parent_id: i64,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct NewUnitEvent {
    pub unit_id: i64,
    pub kind: UnitEventKind,
    pub date: NaiveDate,
    pub related_unit_id: Option<i64>,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct NewMember {
    pub id: i64,
    /// 8 digits.
    pub card_number: String,
    pub record_number: String,
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub admission_date: NaiveDate,
    pub full_membership_date: Option<NaiveDate>,
    pub status: MemberStatus,
    /// The member's current cell (a cell or a grassroots cell).
    pub cell_id: i64,
    pub job_title: String,
    pub workplace: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone)]
pub struct NewMembership {
    pub member_id: i64,
    pub unit_id: i64,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct NewPosition {
    pub member_id: i64,
    pub unit_id: i64,
    pub role: PositionRole,
    /// "2020–2025".
    pub term_label: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// A year's settings, as loaded and as read back.
pub type NewYear = crate::domain::year::YearConfig;

/// A unit as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_id: Option<i64>,
    pub path: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

pub type Year = crate::domain::year::YearConfig;

/// Row counts of the main tables (health checks, tests, the CLI).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TableCounts {
    pub units: i64,
    pub members: i64,
    pub memberships: i64,
    pub positions: i64,
    pub unit_events: i64,
    pub years: i64,
    pub audit_log: i64,
}

/// A line of the audit log to append.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub ip: Option<String>,
    /// Path of the unit the change belongs to: who may read the entry.
    pub unit_path: Option<String>,
}

impl AuditEntry {
    /// An entry of `action` by the account `user_id` (none: the system, or
    /// someone not logged in), named in the log as `label`.
    pub fn new(user_id: Option<i64>, label: impl Into<String>, action: impl Into<String>) -> Self {
        AuditEntry {
            actor_user_id: user_id,
            actor_label: label.into(),
            action: action.into(),
            entity: String::new(),
            entity_id: None,
            before: None,
            after: None,
            ip: None,
            unit_path: None,
        }
    }

    /// What it is about: a kind of record and, where there is one, its key.
    pub fn about(mut self, entity: impl Into<String>, id: Option<String>) -> Self {
        self.entity = entity.into();
        self.entity_id = id;
        self
    }

    pub fn before(mut self, value: serde_json::Value) -> Self {
        self.before = Some(value);
        self
    }

    pub fn after(mut self, value: serde_json::Value) -> Self {
        self.after = Some(value);
        self
    }

    /// The client's address (requests from outside; none for the CLI).
    pub fn from_address(mut self, ip: impl Into<String>) -> Self {
        self.ip = Some(ip.into());
        self
    }

    /// The unit it belongs to: who may read the entry.
    pub fn in_unit(mut self, path: Option<String>) -> Self {
        self.unit_path = path;
        self
    }
}

/// An account as the login needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub username: String,
    pub member_id: Option<i64>,
    pub display_name: String,
    pub password_hash: String,
    pub is_admin: bool,
    pub disabled: bool,
    pub must_change_password: bool,
    /// Moves on at every password change; sessions of an older one end.
    pub session_epoch: i64,
    /// False once the member is transferred out, deceased or removed (staff
    /// accounts have no member and are active).
    pub member_active: bool,
    /// Path of the member's current cell (for scoping its audit entries).
    pub cell_path: Option<String>,
    /// The member's e-mail from the dossier, if any.
    pub email: Option<String>,
}

impl UserRecord {
    /// Whether the account may log in and act at all.
    pub fn may_log_in(&self) -> bool {
        !self.disabled && self.member_active
    }
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub member_id: Option<i64>,
    pub display_name: String,
    pub password_hash: String,
    pub is_admin: bool,
    pub must_change_password: bool,
}

/// A ready demo login, for the start-up message and the README.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoLogin {
    /// What the account can do: "member", "cell secretary", …
    pub role: String,
    pub username: String,
    pub display_name: String,
    pub unit_name: String,
}

/// What the audit page asks for; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AuditFilter {
    /// Part of the actor's username or label.
    pub actor: Option<String>,
    /// Entries of this unit's subtree (a materialized path).
    pub unit_path: Option<String>,
    /// Actions starting with this ("auth." for every login event).
    pub action: Option<String>,
    pub from: Option<NaiveDate>,
    /// Inclusive.
    pub to: Option<NaiveDate>,
}

/// One line of the audit log as read back.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct AuditRecord {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub ip: Option<String>,
    pub unit_path: Option<String>,
}

pub use crate::domain::account::AccountRow;

/// A member who has no account yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberWithoutAccount {
    pub member_id: i64,
    pub card_number: String,
    pub full_name: String,
}

/// A commitment to load (demo data), with its history as audit entries.
#[derive(Debug, Clone)]
pub struct NewCommitment {
    pub id: i64,
    pub year: i32,
    pub member_id: i64,
    pub state: crate::domain::commitment::CommitmentState,
    pub items: Vec<crate::domain::undertaking::Undertaking>,
    pub return_reason: String,
    pub mid_year_note: String,
    pub self_assessment: Option<(crate::domain::undertaking::Assessment, String)>,
    pub proposed: Option<(crate::domain::undertaking::Assessment, String)>,
    pub decided: Option<(crate::domain::undertaking::Assessment, String)>,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub approved_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Oldest first; written to audit_log with these times.
    pub history: Vec<NewCommitmentEvent>,
}

/// A past step of a loaded commitment.
#[derive(Debug, Clone)]
pub struct NewCommitmentEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    /// Username of who acted (a card number).
    pub actor_label: String,
    /// "commitment.submit", "commitment.return", …
    pub action: String,
    /// What the step said: {"state": "returned", "reason": "…"}.
    pub after: serde_json::Value,
}

#[derive(Debug, Clone)]
pub struct NewUnitGrade {
    pub unit_id: i64,
    pub year: i32,
    pub grade: crate::domain::grading::Grade,
    pub note: String,
}

/// A step to write, already checked by the domain (state machine, content,
/// permission). The store checks the version and writes it, its audit entry
/// and its notifications in one transaction.
#[derive(Debug, Clone)]
pub struct CommitmentWrite {
    pub year: i32,
    pub member_id: i64,
    /// The version the actor read; 0 when there is no commitment yet.
    pub expected_version: i64,
    pub next_state: crate::domain::commitment::CommitmentState,
    pub change: CommitmentChange,
    pub audit: AuditEntry,
    pub notify: Vec<NewNotification>,
}

#[derive(Debug, Clone)]
pub enum CommitmentChange {
    /// Draft saved, or submitted: the undertakings replace the stored ones.
    Items(Vec<crate::domain::undertaking::Undertaking>),
    Return {
        reason: String,
    },
    Approve,
    MidYearReview {
        note: String,
    },
    /// Results per undertaking (same order and count as stored), the
    /// member's proposed grade and justification.
    SelfAssess {
        items: Vec<crate::domain::undertaking::Undertaking>,
        assessment: crate::domain::undertaking::Assessment,
        note: String,
    },
    Propose {
        assessment: crate::domain::undertaking::Assessment,
        note: String,
    },
    Decide {
        assessment: crate::domain::undertaking::Assessment,
        note: String,
    },
    /// More time for the member's next step.
    Reopen {
        until: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub user_id: i64,
    pub kind: NoticeKind,
    pub commitment_id: Option<i64>,
    pub subject: String,
    pub detail: String,
    /// Where the notice leads (a same-site path).
    pub link: String,
}

// Read models shared with the browser build (the store is server-only).
pub use crate::domain::records::{
    CommitmentEvent, CommitmentRecord, CommitmentRow, MemberPlace, NoticeKind, Notification,
    UnitGradeRow,
};
