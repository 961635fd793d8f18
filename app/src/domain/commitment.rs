//! The yearly commitment's state machine (DESIGN.md "Workflows"): who may take
//! which step from which state, by which deadline, on which version.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a member's commitment of a year stands. No commitment at all is
/// "not started" (`None` where a state is optional).
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommitmentState {
    Draft,
    Submitted,
    Returned,
    Approved,
    MidYearReviewed,
    SelfAssessed,
    /// The cell has proposed a grade.
    Proposed,
    /// The grassroots committee has decided the grade.
    Graded,
}
text_forms!(CommitmentState);

impl CommitmentState {
    pub const ALL: [CommitmentState; 8] = [
        CommitmentState::Draft,
        CommitmentState::Submitted,
        CommitmentState::Returned,
        CommitmentState::Approved,
        CommitmentState::MidYearReviewed,
        CommitmentState::SelfAssessed,
        CommitmentState::Proposed,
        CommitmentState::Graded,
    ];

    /// Filed: submitted once and not sent back since.
    pub fn is_filed(self) -> bool {
        !matches!(self, CommitmentState::Draft | CommitmentState::Returned)
    }
}

/// Who acts, relative to the commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// The member whose commitment it is.
    Owner,
    /// The secretary or deputy secretary of the member's cell.
    Reviewer,
    /// The grassroots committee above the cell.
    Committee,
}

/// A step of the workflow. Its text form ("mid_year_review") is the forms'
/// `step` field and the audit action's tail ("commitment.approve").
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Save the undertakings without submitting.
    Save,
    Submit,
    /// Send back with a reason.
    Return,
    Approve,
    MidYearReview,
    /// Assess each undertaking and propose one's own grade.
    SelfAssess,
    /// The cell's proposal of a grade.
    Propose,
    /// The committee's decision.
    Decide,
    /// Give the member more time after a deadline has passed.
    Reopen,
}
text_forms!(Step);

/// The year's deadlines, each the last day on which its stage is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    pub filing: NaiveDate,
    pub mid_year: NaiveDate,
    pub self_assessment: NaiveDate,
    pub grading: NaiveDate,
}

impl Deadlines {
    /// In the order of the stages, each within `year`.
    pub fn are_ordered(&self, year: i32) -> bool {
        use chrono::Datelike;
        let all = [
            self.filing,
            self.mid_year,
            self.self_assessment,
            self.grading,
        ];
        all.windows(2).all(|w| w[0] < w[1]) && self.filing.year() == year
    }

    /// The deadline that bounds a member's step.
    fn of_owner_step(&self, step: Step) -> Option<NaiveDate> {
        match step {
            Step::Save | Step::Submit => Some(self.filing),
            Step::MidYearReview => Some(self.mid_year),
            Step::SelfAssess => Some(self.self_assessment),
            _ => None,
        }
    }
}

/// Why a step is refused; each maps to one message in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Not this role's step (or one's own commitment to review).
    NotAllowed,
    /// Not a step from this state.
    WrongState { state: Option<CommitmentState> },
    /// Someone changed it first: reload (HTTP 409).
    Stale { current: i64 },
    /// The deadline passed; only the cell's secretary can reopen it.
    PastDeadline { deadline: NaiveDate },
    /// A return needs a reason.
    ReasonRequired,
    /// Reopening is for after a deadline.
    NothingToReopen,
}

/// What a step is taken on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context<'a> {
    pub state: Option<CommitmentState>,
    /// The version the caller read; `current_version` is the stored one.
    pub expected_version: i64,
    pub current_version: i64,
    pub today: NaiveDate,
    pub deadlines: &'a Deadlines,
    /// A reopening's extension: the member's deadlines run to this day.
    pub extended_to: Option<NaiveDate>,
    /// The actor is the member whose commitment it is.
    pub actor_is_owner: bool,
    pub reason: Option<&'a str>,
}

/// The state a step leads to, or why it is refused. Checked in this order:
/// role, version, state, reason, deadline.
pub fn step(role: Role, step: Step, cx: &Context) -> Result<CommitmentState, Refusal> {
    use CommitmentState::*;
    let allowed_role = match step {
        Step::Save | Step::Submit | Step::MidYearReview | Step::SelfAssess => role == Role::Owner,
        Step::Return | Step::Approve | Step::Propose | Step::Reopen => {
            role == Role::Reviewer && !cx.actor_is_owner
        }
        Step::Decide => role == Role::Committee && !cx.actor_is_owner,
    };
    if !allowed_role {
        return Err(Refusal::NotAllowed);
    }
    // A stale version first: whatever the state now, the caller acted on an
    // older one and must reload (a second approval is a conflict, not a
    // wrong step).
    if cx.state.is_some() && cx.expected_version != cx.current_version {
        return Err(Refusal::Stale {
            current: cx.current_version,
        });
    }
    let next = match (step, cx.state) {
        (Step::Save, None | Some(Draft)) => Draft,
        (Step::Save, Some(Returned)) => Returned,
        // Filing at once, without a saved draft first, is a submission too.
        (Step::Submit, None | Some(Draft | Returned)) => Submitted,
        (Step::Return, Some(Submitted)) => Returned,
        (Step::Approve, Some(Submitted)) => Approved,
        (Step::MidYearReview, Some(Approved | MidYearReviewed)) => MidYearReviewed,
        (Step::SelfAssess, Some(Approved | MidYearReviewed | SelfAssessed)) => SelfAssessed,
        (Step::Propose, Some(SelfAssessed | Proposed)) => Proposed,
        (Step::Decide, Some(Proposed | Graded)) => Graded,
        (Step::Reopen, Some(s)) if s != Graded => s,
        (Step::Reopen, None) => Draft,
        _ => return Err(Refusal::WrongState { state: cx.state }),
    };
    if step == Step::Return && cx.reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(Refusal::ReasonRequired);
    }
    let last_day = |d: NaiveDate| cx.extended_to.map_or(d, |e| e.max(d));
    match step {
        Step::Propose | Step::Decide if cx.today > cx.deadlines.grading => {
            Err(Refusal::PastDeadline {
                deadline: cx.deadlines.grading,
            })
        }
        Step::Reopen => {
            // Reopening gives time for the member's next step; it is for
            // after that step's deadline.
            let next_step = match next {
                Draft | Returned => Step::Submit,
                Submitted | Approved => Step::MidYearReview,
                _ => Step::SelfAssess,
            };
            let deadline = cx
                .deadlines
                .of_owner_step(next_step)
                .unwrap_or(cx.deadlines.grading);
            if cx.today > last_day(deadline) {
                Ok(next)
            } else {
                Err(Refusal::NothingToReopen)
            }
        }
        _ => match cx.deadlines.of_owner_step(step) {
            Some(deadline) if cx.today > last_day(deadline) => {
                Err(Refusal::PastDeadline { deadline })
            }
            _ => Ok(next),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const DEADLINES: Deadlines = Deadlines {
        filing: NaiveDate::from_ymd_opt(2021, 3, 31).unwrap(),
        mid_year: NaiveDate::from_ymd_opt(2021, 7, 15).unwrap(),
        self_assessment: NaiveDate::from_ymd_opt(2021, 11, 30).unwrap(),
        grading: NaiveDate::from_ymd_opt(2021, 12, 20).unwrap(),
    };

    fn cx(state: Option<CommitmentState>, today: NaiveDate) -> Context<'static> {
        Context {
            state,
            expected_version: 3,
            current_version: 3,
            today,
            deadlines: &DEADLINES,
            extended_to: None,
            actor_is_owner: false,
            reason: None,
        }
    }

    fn owner(state: Option<CommitmentState>, today: NaiveDate) -> Context<'static> {
        Context {
            actor_is_owner: true,
            ..cx(state, today)
        }
    }

    #[test]
    fn the_whole_year_runs_file_return_resubmit_approve_assess_grade() {
        use CommitmentState::*;
        let jan = d(2021, 1, 15);
        let s = step(Role::Owner, Step::Save, &owner(None, jan)).unwrap();
        assert_eq!(s, Draft);
        let s = step(Role::Owner, Step::Submit, &owner(Some(s), jan)).unwrap();
        assert_eq!(s, Submitted);
        let returned = Context {
            reason: Some("Ghi cụ thể việc làm theo chuyên đề"),
            ..cx(Some(s), jan)
        };
        let s = step(Role::Reviewer, Step::Return, &returned).unwrap();
        assert_eq!(s, Returned);
        assert_eq!(
            step(Role::Owner, Step::Save, &owner(Some(s), jan)),
            Ok(Returned)
        );
        let s = step(Role::Owner, Step::Submit, &owner(Some(s), jan)).unwrap();
        let s = step(Role::Reviewer, Step::Approve, &cx(Some(s), jan)).unwrap();
        assert_eq!(s, Approved);
        let s = step(
            Role::Owner,
            Step::MidYearReview,
            &owner(Some(s), d(2021, 7, 1)),
        )
        .unwrap();
        let s = step(
            Role::Owner,
            Step::SelfAssess,
            &owner(Some(s), d(2021, 11, 20)),
        )
        .unwrap();
        let s = step(Role::Reviewer, Step::Propose, &cx(Some(s), d(2021, 12, 5))).unwrap();
        let s = step(Role::Committee, Step::Decide, &cx(Some(s), d(2021, 12, 15))).unwrap();
        assert_eq!(s, Graded);
        assert!(DEADLINES.are_ordered(2021));
    }

    #[test]
    fn refusals_name_their_reason() {
        use CommitmentState::*;
        let jan = d(2021, 1, 15);
        // A member cannot approve, not even their own; a secretary cannot file for them.
        assert_eq!(
            step(Role::Owner, Step::Approve, &owner(Some(Submitted), jan)),
            Err(Refusal::NotAllowed)
        );
        assert_eq!(
            step(Role::Reviewer, Step::Approve, &owner(Some(Submitted), jan)),
            Err(Refusal::NotAllowed)
        );
        assert_eq!(
            step(Role::Reviewer, Step::Submit, &cx(Some(Draft), jan)),
            Err(Refusal::NotAllowed)
        );
        // Not from this state.
        assert_eq!(
            step(Role::Reviewer, Step::Approve, &cx(Some(Draft), jan)),
            Err(Refusal::WrongState { state: Some(Draft) })
        );
        // A stale version: someone acted first.
        let stale = Context {
            expected_version: 2,
            ..cx(Some(Submitted), jan)
        };
        assert_eq!(
            step(Role::Reviewer, Step::Approve, &stale),
            Err(Refusal::Stale { current: 3 })
        );
        // A return needs a reason.
        let blank = Context {
            reason: Some("  "),
            ..cx(Some(Submitted), jan)
        };
        assert_eq!(
            step(Role::Reviewer, Step::Return, &blank),
            Err(Refusal::ReasonRequired)
        );
        // After the filing deadline the member cannot submit, until reopened.
        let april = d(2021, 4, 2);
        assert_eq!(
            step(Role::Owner, Step::Submit, &owner(Some(Draft), april)),
            Err(Refusal::PastDeadline {
                deadline: DEADLINES.filing
            })
        );
        assert_eq!(
            step(Role::Reviewer, Step::Reopen, &cx(Some(Draft), jan)),
            Err(Refusal::NothingToReopen)
        );
        assert_eq!(
            step(Role::Reviewer, Step::Reopen, &cx(Some(Draft), april)),
            Ok(Draft)
        );
        let extended = Context {
            extended_to: Some(d(2021, 4, 10)),
            ..owner(Some(Draft), april)
        };
        assert_eq!(step(Role::Owner, Step::Submit, &extended), Ok(Submitted));
        // Grading closes on its deadline.
        assert_eq!(
            step(
                Role::Committee,
                Step::Decide,
                &cx(Some(Proposed), d(2021, 12, 21))
            ),
            Err(Refusal::PastDeadline {
                deadline: DEADLINES.grading
            })
        );
    }

    #[test]
    fn states_round_trip_through_text() {
        for s in CommitmentState::ALL {
            assert_eq!(CommitmentState::parse(s.as_str()), Some(s));
        }
        assert!(CommitmentState::Submitted.is_filed());
        assert!(!CommitmentState::Returned.is_filed());
    }

    fn any_step() -> impl Strategy<Value = (Role, Step)> {
        let roles = prop_oneof![
            Just(Role::Owner),
            Just(Role::Reviewer),
            Just(Role::Committee)
        ];
        let steps = prop_oneof![
            Just(Step::Save),
            Just(Step::Submit),
            Just(Step::Return),
            Just(Step::Approve),
            Just(Step::MidYearReview),
            Just(Step::SelfAssess),
            Just(Step::Propose),
            Just(Step::Decide),
            Just(Step::Reopen),
        ];
        (roles, steps)
    }

    proptest! {
        /// Along any sequence of attempted steps: only a reviewer who is not
        /// the owner ever approves, and only what was submitted; a graded
        /// commitment changes only by the committee's decision; a stale
        /// version never changes anything.
        #[test]
        fn no_sequence_skips_review_or_reopens_a_grade(
            steps in proptest::collection::vec((any_step(), any::<bool>(), any::<bool>(), 0u32..365), 1..40)
        ) {
            let mut state: Option<CommitmentState> = None;
            let mut submitted = false;
            for ((role, s), is_owner, stale, day) in steps {
                let today = d(2021, 1, 1) + chrono::Days::new(day as u64);
                let c = Context {
                    state,
                    expected_version: if stale { 1 } else { 3 },
                    current_version: 3,
                    today,
                    deadlines: &DEADLINES,
                    extended_to: None,
                    actor_is_owner: is_owner,
                    reason: Some("lý do"),
                };
                if let Ok(next) = step(role, s, &c) {
                    prop_assert!(!(stale && state.is_some()), "a stale write went through");
                    if state == Some(CommitmentState::Graded) {
                        prop_assert!(role == Role::Committee && s == Step::Decide && next == CommitmentState::Graded);
                    }
                    if next == CommitmentState::Approved {
                        prop_assert!(role == Role::Reviewer && !is_owner && submitted);
                    }
                    submitted |= next == CommitmentState::Submitted;
                    if next == CommitmentState::Returned && state == Some(CommitmentState::Submitted) {
                        submitted = false;
                    }
                    state = Some(next);
                }
            }
        }
    }
}
