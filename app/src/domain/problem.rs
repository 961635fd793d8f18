//! Refusals that cross from the server to the page as typed values (the
//! page names each in the user's language; nothing is parsed from text).

use super::commendation::Ineligible;
use super::commitment;
use super::decision::DecisionProblem;
use super::grading::Quota;
use super::proposal::Refusal;
use super::undertaking::ContentProblem;
use super::year::YearProblem;
use serde::{Deserialize, Serialize};

/// A field of a form, as a problem names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Title,
    Cover,
    Minutes,
    Achievements,
    Reason,
    Nominees,
    Unit,
    Year,
    Occasion,
    Form,
    Outcome,
    Step,
    /// A good model's area, description, who runs it, results, start day.
    ModelField,
    Description,
    RunBy,
    Results,
    Since,
    /// A Party badge's number, as the province's decision gives it.
    BadgeNumber,
    /// The date of a discipline or of a period outside the Party.
    Date,
    /// A discipline's form.
    Discipline,
    /// A note kept with a record.
    Note,
    /// A resolution target's indicator, target value, actual, unit of
    /// measure, direction and evidence.
    Indicator,
    TargetValue,
    Actual,
    Measure,
    Direction,
    Evidence,
    /// A body's person: their workplace, card number and role.
    Workplace,
    CardNumber,
    Role,
    BodyKind,
    /// A search's words.
    Query,
    /// A member's number, or a list of them.
    Member,
    Members,
    /// A unit's kind, code, name, and the unit a change moves to.
    Kind,
    Code,
    Name,
    Target,
    /// A member's status.
    Status,
    /// A commitment's grade, the day a reopening lasts until, the members
    /// picked to approve together, a year's grading rules.
    Grade,
    Until,
    Picks,
    RuleSet,
    /// A year's four deadlines.
    FilingDeadline,
    MidYearDeadline,
    SelfAssessmentDeadline,
    GradingDeadline,
    /// The audit log's filters: who, what, from and to which day.
    Actor,
    Action,
    From,
    To,
    /// The day a past structure is shown as of.
    AsOf,
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldProblem {
    Missing,
    TooLong,
    /// Not one of the values the field takes.
    Unknown,
    TooMany,
    /// Already listed (a value that may appear once).
    Taken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Field {
        field: Field,
        problem: FieldProblem,
    },
    /// A proposal's step refused by its state machine.
    Proposal(Refusal),
    Decision(DecisionProblem),
    /// The nominee at this position of the list (from 0) cannot be proposed.
    Nominee {
        position: usize,
        why: Ineligible,
    },
    /// The request could not be read: a field missing or of the wrong type,
    /// a body that is not UTF-8, or a value only a crafted link would send
    /// (a page, an order, a cursor).
    Request,
    /// A commitment's step refused by its state machine or its deadline
    /// (never `NotAllowed` or `Stale`: those are 403 and 409).
    Commitment(commitment::Refusal),
    /// What a member wrote or assessed.
    Content(ContentProblem),
    /// The grades decided would break the year's quota of excellent ones.
    Quota(Quota),
    /// A year's settings.
    Year(YearProblem),
    /// More units than the chart opens at once (a branch to open in parts).
    BranchTooBig,
}

impl Problem {
    pub fn field(field: Field, problem: FieldProblem) -> Problem {
        Problem::Field { field, problem }
    }
}

/// Longer than `max` characters (not bytes: Vietnamese letters take two or three).
pub fn too_long(value: &str, max: usize) -> bool {
    value.chars().count() > max
}

/// A form's `yyyy-mm-dd` day, from the Party's founding (3/2/1930) to `today`.
pub fn party_day(s: &str, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    let founded = chrono::NaiveDate::from_ymd_opt(1930, 2, 3)?;
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (founded..=today).contains(d))
}
