//! Commendation proposals, their nominees and decisions (the statements
//! are in `sql/commendations.rs`, compiled once per backend).
//!
//! Every step is one transaction: the proposal's version is checked and
//! raised by the same UPDATE, so of two concurrent writers exactly one wins
//! and the other gets [`StoreError::Conflict`]; the audit entry and the
//! notifications are written with the step or not at all. A decision's
//! number is raised and read back in that transaction too: numbers per
//! issuer and term have no gaps and no twins.

use super::StoreError;
use super::model::{AuditEntry, NewNotification};
use crate::domain::attachment::AttachmentRow;
use crate::domain::commendation::{Form, NomineeKind, Occasion};
use crate::domain::commendation_records::{
    AwardRow, DecisionRef, DecisionRow, NomineeRecord, ProposalRecord, ProposalRow,
};
use crate::domain::decision::SignerPosition;
use crate::domain::grading::Grade;
use crate::domain::proposal::{Outcome, ProposalState};
use async_trait::async_trait;
use chrono::NaiveDate;

/// Who a nominee is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Member(i64),
    Unit(i64),
}

impl Subject {
    pub fn kind(self) -> NomineeKind {
        match self {
            Subject::Member(_) => NomineeKind::Individual,
            Subject::Unit(_) => NomineeKind::Collective,
        }
    }

    /// The key of the one-achievement-one-award claim ('m42', 'u7').
    pub(crate) fn key(self) -> String {
        match self {
            Subject::Member(id) => format!("m{id}"),
            Subject::Unit(id) => format!("u{id}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNominee {
    pub subject: Subject,
    pub achievements: String,
    pub good_model_id: Option<i64>,
}

/// A new proposal, as a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    pub proposer_id: i64,
    /// `None`: the province.
    pub awarder_id: Option<i64>,
    pub year: i32,
    pub occasion: Occasion,
    pub form: Form,
    pub title: String,
    pub cover: String,
    pub minutes: String,
    pub nominees: Vec<NewNominee>,
    pub created_by: Option<i64>,
}

/// What the decision records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    /// The issuing unit; `None`: the province, whose `number` is given.
    pub issuer_id: Option<i64>,
    /// The number's form for this issuer ("{}-QĐ/ĐUK", the store puts the
    /// sequence number in); ignored for the province.
    pub number_pattern: String,
    pub term_start: i32,
    pub number: Option<String>,
    pub decided_on: NaiveDate,
    pub signer_name: String,
    pub signer_position: SignerPosition,
    pub created_by: Option<i64>,
}

/// Nominees going up to the next level in a proposal of the awarding
/// level's own, submitted there at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forward {
    /// `None`: the province.
    pub awarder_id: Option<i64>,
    pub title: String,
    pub cover: String,
    pub on: NaiveDate,
    pub created_by: Option<i64>,
}

/// A step on a proposal (the domain has decided it may be taken).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProposalChange {
    /// Title, texts and the whole list replaced (a draft or a returned one).
    Edit {
        title: String,
        cover: String,
        minutes: String,
        nominees: Vec<NewNominee>,
    },
    Submit {
        on: NaiveDate,
    },
    Return {
        reason: String,
    },
    Reject {
        reason: String,
    },
    /// One nominee's outcome while the proposal is with the awarding level.
    Mark {
        nominee_id: i64,
        outcome: Outcome,
        reason: String,
    },
    /// The list settled into `state`; the forwarded nominees go up with
    /// `forward` (required when any nominee is forwarded).
    Settle {
        state: ProposalState,
        forward: Option<Forward>,
    },
    Decide(NewDecision),
}

/// What a step left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepResult {
    pub version: i64,
    /// The proposal the forwarded nominees went up in.
    pub forwarded_to: Option<i64>,
    pub decision: Option<DecisionRef>,
}

/// Which decisions a register shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionFilter {
    /// Every unit's decisions; otherwise those of the units on `lines`
    /// (each path's own unit and the units above it) and within `subtrees`.
    pub all: bool,
    pub lines: Vec<String>,
    pub subtrees: Vec<String>,
    /// The province's decisions too.
    pub province: bool,
    pub year: Option<i32>,
    /// Folded words the number, title or a recipient's name must contain.
    pub search: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

#[async_trait]
pub trait CommendationStore: Send + Sync {
    /// A new draft with its nominees; `Conflict` when a nominee is already
    /// held by a live proposal for the same year, occasion and form.
    async fn create_proposal(
        &self,
        proposal: &NewProposal,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    /// Where a proposal stands and between which units, without its dossier:
    /// enough to decide who may read or act on it.
    async fn proposal_head(&self, id: i64) -> Result<Option<ProposalHead>, StoreError>;
    async fn proposal(&self, id: i64) -> Result<Option<ProposalRecord>, StoreError>;
    /// In the list's order.
    async fn nominees(&self, proposal_id: i64) -> Result<Vec<NomineeRecord>, StoreError>;
    /// Takes a step at `expected_version` (stale: `Conflict`), with its audit
    /// entry (the store sets entity and id) and notices.
    async fn proposal_step(
        &self,
        id: i64,
        expected_version: i64,
        change: &ProposalChange,
        audit: &AuditEntry,
        notify: &[NewNotification],
    ) -> Result<StepResult, StoreError>;
    /// Proposals made by these units, newest first.
    async fn proposals_from(
        &self,
        unit_ids: &[i64],
        year: Option<i32>,
        limit: i64,
    ) -> Result<Vec<ProposalRow>, StoreError>;
    /// Proposals addressed to these units (and, with `province`, to the
    /// province, which the bloc records), drafts left out, newest first.
    async fn proposals_to(
        &self,
        unit_ids: &[i64],
        province: bool,
        year: Option<i32>,
        limit: i64,
    ) -> Result<Vec<ProposalRow>, StoreError>;
    /// Of these subjects, those a live proposal (other than `except`) holds
    /// for the year, occasion and form.
    async fn claimed(
        &self,
        subjects: &[Subject],
        year: i32,
        occasion: Occasion,
        form: Form,
        except: Option<i64>,
    ) -> Result<Vec<Subject>, StoreError>;
    /// Final grades of members (from their commitments) by year.
    async fn member_grades(
        &self,
        member_ids: &[i64],
        years: std::ops::RangeInclusive<i32>,
    ) -> Result<Vec<(i64, i32, Grade)>, StoreError>;
    /// Grades of organisations by year.
    async fn unit_grades(
        &self,
        unit_ids: &[i64],
        years: std::ops::RangeInclusive<i32>,
    ) -> Result<Vec<(i64, i32, Grade)>, StoreError>;

    /// The register: newest first.
    async fn decisions(&self, filter: &DecisionFilter) -> Result<Vec<DecisionRow>, StoreError>;
    async fn decision(&self, id: i64) -> Result<Option<DecisionRow>, StoreError>;
    /// The decision's recipients, in the list's order.
    async fn recipients(&self, decision_id: i64) -> Result<Vec<NomineeRecord>, StoreError>;
    /// The proposal a decision decided.
    async fn decision_proposal(&self, decision_id: i64) -> Result<Option<i64>, StoreError>;
    /// Commendations a member or an organisation received, newest first.
    async fn awards_of(&self, subject: Subject) -> Result<Vec<AwardRow>, StoreError>;

    /// Keeps a file with a proposal's dossier; `Invalid` when the proposal
    /// holds its most already.
    async fn add_attachment(
        &self,
        proposal_id: i64,
        file: &NewAttachment,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    /// A proposal's files, in the order they came.
    async fn attachments(&self, proposal_id: i64) -> Result<Vec<AttachmentRow>, StoreError>;
    /// A file's row and its proposal, without its bytes.
    async fn attachment(&self, id: i64) -> Result<Option<(AttachmentRow, i64)>, StoreError>;
    async fn attachment_data(&self, id: i64) -> Result<Option<Vec<u8>>, StoreError>;
    async fn remove_attachment(&self, id: i64, audit: &AuditEntry) -> Result<(), StoreError>;
}

/// A file to keep, its type told by its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub name: String,
    pub kind: crate::domain::attachment::Kind,
    pub data: Vec<u8>,
    pub sha256: String,
    pub uploaded_by: Option<i64>,
}

/// A unit a proposal names: id, path and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadUnit {
    pub id: i64,
    pub path: String,
    pub kind: crate::domain::UnitKind,
}

/// A proposal without its dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalHead {
    pub id: i64,
    pub proposer: HeadUnit,
    /// `None`: the province.
    pub awarder: Option<HeadUnit>,
    pub year: i32,
    pub occasion: Occasion,
    pub form: Form,
    pub title: String,
    pub state: ProposalState,
    pub version: i64,
    pub submitted_on: Option<NaiveDate>,
}

/// A proposal row as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct ProposalDbRow {
    pub id: i64,
    pub proposer_id: i64,
    pub proposer_path: String,
    pub proposer_code: String,
    pub proposer_name: String,
    pub proposer_kind: String,
    pub awarder_id: Option<i64>,
    pub awarder_path: Option<String>,
    pub awarder_code: Option<String>,
    pub awarder_name: Option<String>,
    pub awarder_kind: Option<String>,
    pub year: i32,
    pub occasion: String,
    pub form: String,
    pub title: String,
    pub cover: String,
    pub minutes: String,
    pub state: String,
    pub reason: String,
    pub forwarded_from: Option<i64>,
    pub version: i64,
    pub submitted_on: Option<NaiveDate>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub decision_id: Option<i64>,
    pub decision_number: Option<String>,
    pub decided_on: Option<NaiveDate>,
}

/// The columns of [`ProposalDbRow`], over `commendation_proposals p`.
pub(crate) const PROPOSAL_COLUMNS: &str = "p.id, p.proposer_id, pu.path AS proposer_path, \
     pu.code AS proposer_code, pu.name AS proposer_name, pu.kind AS proposer_kind, \
     p.awarder_id, au.path AS awarder_path, au.code AS awarder_code, au.name AS awarder_name, \
     au.kind AS awarder_kind, p.year, p.occasion, p.form, p.title, p.cover, p.minutes, p.state, \
     p.reason, p.forwarded_from, p.version, p.submitted_on, p.updated_at, \
     d.id AS decision_id, d.number AS decision_number, d.decided_on \
     FROM commendation_proposals p JOIN units pu ON pu.id = p.proposer_id \
     LEFT JOIN units au ON au.id = p.awarder_id LEFT JOIN decisions d ON d.proposal_id = p.id";

fn invalid(what: &str, value: &str) -> StoreError {
    StoreError::Fault(format!("{what} {value:?}"))
}

pub(crate) use super::org::unit_ref;

/// A unit a row may lack (a LEFT JOIN's NULLs: the province).
pub(crate) fn optional_unit_ref(
    code: Option<String>,
    name: Option<String>,
    kind: Option<String>,
) -> Result<Option<crate::domain::org::UnitRef>, StoreError> {
    match (code, name, kind) {
        (Some(code), Some(name), Some(kind)) => Ok(Some(unit_ref(code, name, &kind)?)),
        _ => Ok(None),
    }
}

pub(crate) fn occasion(s: &str) -> Result<Occasion, StoreError> {
    Occasion::parse(s).ok_or_else(|| invalid("occasion", s))
}

pub(crate) fn form(s: &str) -> Result<Form, StoreError> {
    Form::parse(s).ok_or_else(|| invalid("form", s))
}

impl TryFrom<ProposalDbRow> for ProposalRecord {
    type Error = StoreError;

    fn try_from(r: ProposalDbRow) -> Result<Self, StoreError> {
        use crate::domain::commendation_records::PlacedUnit;
        let awarder = match (r.awarder_id, r.awarder_path, r.awarder_code, r.awarder_name) {
            (Some(id), Some(path), Some(code), Some(name)) => Some(PlacedUnit {
                id,
                path,
                unit: unit_ref(code, name, r.awarder_kind.as_deref().unwrap_or_default())?,
            }),
            _ => None,
        };
        Ok(ProposalRecord {
            id: r.id,
            proposer: PlacedUnit {
                id: r.proposer_id,
                path: r.proposer_path,
                unit: unit_ref(r.proposer_code, r.proposer_name, &r.proposer_kind)?,
            },
            awarder,
            year: r.year,
            occasion: occasion(&r.occasion)?,
            form: form(&r.form)?,
            title: r.title,
            cover: r.cover,
            minutes: r.minutes,
            state: ProposalState::parse(&r.state).ok_or_else(|| invalid("state", &r.state))?,
            reason: r.reason,
            forwarded_from: r.forwarded_from,
            version: r.version,
            submitted_on: r.submitted_on,
            updated_at: r.updated_at,
            decision: match (r.decision_id, r.decision_number, r.decided_on) {
                (Some(id), Some(number), Some(decided_on)) => Some(DecisionRef {
                    id,
                    number,
                    decided_on,
                }),
                _ => None,
            },
        })
    }
}

/// A nominee row as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct NomineeDbRow {
    pub id: i64,
    pub member_id: Option<i64>,
    pub full_name: Option<String>,
    pub card_number: Option<String>,
    pub cell_code: Option<String>,
    pub cell_name: Option<String>,
    pub cell_kind: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub unit_kind: Option<String>,
    pub achievements: String,
    pub good_model_id: Option<i64>,
    pub outcome: String,
    pub outcome_reason: String,
}

/// The columns of [`NomineeDbRow`], over `commendation_nominees n`.
pub(crate) const NOMINEE_COLUMNS: &str = "n.id, n.member_id, m.full_name, m.card_number, \
     c.code AS cell_code, c.name AS cell_name, c.kind AS cell_kind, n.unit_id, \
     u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, n.achievements, \
     n.good_model_id, n.outcome, n.outcome_reason \
     FROM commendation_nominees n LEFT JOIN members m ON m.id = n.member_id \
     LEFT JOIN units c ON c.id = m.cell_id LEFT JOIN units u ON u.id = n.unit_id";

impl TryFrom<NomineeDbRow> for NomineeRecord {
    type Error = StoreError;

    fn try_from(r: NomineeDbRow) -> Result<Self, StoreError> {
        use crate::domain::commendation_records::Nominee;
        let nominee = match (r.member_id, r.unit_id) {
            (Some(id), None) => Nominee::Member {
                id,
                full_name: r.full_name.unwrap_or_default(),
                card_number: r.card_number.unwrap_or_default(),
                cell: unit_ref(
                    r.cell_code.unwrap_or_default(),
                    r.cell_name.unwrap_or_default(),
                    r.cell_kind.as_deref().unwrap_or_default(),
                )?,
            },
            (None, Some(id)) => Nominee::Unit {
                id,
                unit: unit_ref(
                    r.unit_code.unwrap_or_default(),
                    r.unit_name.unwrap_or_default(),
                    r.unit_kind.as_deref().unwrap_or_default(),
                )?,
            },
            _ => return Err(invalid("nominee", &r.id.to_string())),
        };
        Ok(NomineeRecord {
            id: r.id,
            nominee,
            achievements: r.achievements,
            good_model_id: r.good_model_id,
            outcome: Outcome::parse(&r.outcome).ok_or_else(|| invalid("outcome", &r.outcome))?,
            outcome_reason: r.outcome_reason,
        })
    }
}

/// A decision row as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct DecisionDbRow {
    pub id: i64,
    pub number: String,
    pub decided_on: NaiveDate,
    pub issuer_code: Option<String>,
    pub issuer_name: Option<String>,
    pub issuer_kind: Option<String>,
    pub signer_name: String,
    pub signer_position: String,
    pub year: i32,
    pub occasion: String,
    pub form: String,
    pub title: String,
    pub recipients: i64,
}

/// The columns of [`DecisionDbRow`], over `decisions d`.
pub(crate) const DECISION_COLUMNS: &str = "d.id, d.number, d.decided_on, i.code AS issuer_code, \
     i.name AS issuer_name, i.kind AS issuer_kind, d.signer_name, d.signer_position, d.year, \
     d.occasion, d.form, d.title, \
     (SELECT COUNT(*) FROM commendation_nominees r WHERE r.decision_id = d.id) AS recipients \
     FROM decisions d LEFT JOIN units i ON i.id = d.issuer_id";

impl TryFrom<DecisionDbRow> for DecisionRow {
    type Error = StoreError;

    fn try_from(r: DecisionDbRow) -> Result<Self, StoreError> {
        let issuer = optional_unit_ref(r.issuer_code, r.issuer_name, r.issuer_kind)?;
        Ok(DecisionRow {
            id: r.id,
            number: r.number,
            decided_on: r.decided_on,
            issuer,
            signer_name: r.signer_name,
            signer_position: SignerPosition::parse(&r.signer_position)
                .ok_or_else(|| invalid("signer position", &r.signer_position))?,
            year: r.year,
            occasion: occasion(&r.occasion)?,
            form: form(&r.form)?,
            title: r.title,
            recipients: r.recipients,
        })
    }
}
