//! What the commendation pages show, as read from the store: shared by the
//! server and the browser build (the store itself is server-only).

use super::commendation::{Form, Occasion};
use super::decision::SignerPosition;
use super::org::UnitRef;
use super::proposal::{Outcome, ProposalState};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A unit where a proposal starts or is decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedUnit {
    pub id: i64,
    pub path: String,
    pub unit: UnitRef,
}

/// A proposal as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalRecord {
    pub id: i64,
    pub proposer: PlacedUnit,
    /// The level asked to award; `None`: the province.
    pub awarder: Option<PlacedUnit>,
    pub year: i32,
    pub occasion: Occasion,
    pub form: Form,
    pub title: String,
    pub cover: String,
    pub minutes: String,
    pub state: ProposalState,
    pub reason: String,
    pub forwarded_from: Option<i64>,
    pub version: i64,
    pub submitted_on: Option<NaiveDate>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// The decision, once there is one.
    pub decision: Option<DecisionRef>,
}

/// Who is nominated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Nominee {
    Member {
        id: i64,
        full_name: String,
        card_number: String,
        cell: UnitRef,
    },
    Unit {
        id: i64,
        unit: UnitRef,
    },
}

impl Nominee {
    pub fn kind(&self) -> super::commendation::NomineeKind {
        match self {
            Nominee::Member { .. } => super::commendation::NomineeKind::Individual,
            Nominee::Unit { .. } => super::commendation::NomineeKind::Collective,
        }
    }
}

/// One line of a proposal's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NomineeRecord {
    pub id: i64,
    pub nominee: Nominee,
    /// The achievement report (báo cáo thành tích).
    pub achievements: String,
    pub good_model_id: Option<i64>,
    pub outcome: Outcome,
    pub outcome_reason: String,
}

/// A proposal in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalRow {
    pub id: i64,
    pub proposer: UnitRef,
    pub awarder: Option<UnitRef>,
    pub year: i32,
    pub occasion: Occasion,
    pub form: Form,
    pub title: String,
    pub state: ProposalState,
    pub nominees: i64,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A decision named by its number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRef {
    pub id: i64,
    pub number: String,
    pub decided_on: NaiveDate,
}

/// A decision of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRow {
    pub id: i64,
    pub number: String,
    pub decided_on: NaiveDate,
    /// `None`: the province.
    pub issuer: Option<UnitRef>,
    pub signer_name: String,
    pub signer_position: SignerPosition,
    pub year: i32,
    pub occasion: Occasion,
    pub form: Form,
    pub title: String,
    pub recipients: i64,
}

/// A commendation a member or an organisation received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardRow {
    pub decision: DecisionRef,
    pub issuer: Option<UnitRef>,
    pub year: i32,
    pub occasion: Occasion,
    pub form: Form,
    pub title: String,
}
