//! A commendation proposal's state machine (DESIGN.md "Workflows"): a unit's
//! leadership drafts a list of nominees and submits it to the level asked
//! to award; that level returns it with a reason, rejects it, or goes
//! through the nominees — approving those it may award, striking out
//! others with a reason, forwarding the rest to the level above — and then
//! decides the approved ones with a numbered decision. The bloc records the
//! province's decisions on what it forwarded there.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ProposalState {
    Draft,
    /// With the level asked to award.
    Submitted,
    /// Sent back to the proposer with a reason.
    Returned,
    /// The list is settled: every nominee approved, struck out or forwarded.
    Approved,
    /// A numbered decision commends the approved nominees.
    Decided,
    Rejected,
    /// Every nominee not struck out went up to the next level, in a
    /// proposal of that level's own.
    Forwarded,
}

impl ProposalState {
    /// No step leads out of it.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            ProposalState::Decided | ProposalState::Rejected | ProposalState::Forwarded
        )
    }
}

/// What the awarding level made of one nominee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Outcome {
    Pending,
    Approved,
    /// Struck out of the list, with a reason.
    StruckOut,
    /// Sent up to the level above.
    Forwarded,
}

text_forms!(ProposalState, Outcome);

/// Who acts, relative to the proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// The leadership of the proposing unit.
    Proposer,
    /// The leadership of the level asked to award; for the province, the
    /// bloc's standing committee, which records its decision.
    Awarder,
}

/// A step of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Step {
    /// Save the draft (or the returned proposal) without submitting.
    Save,
    Submit,
    /// Send back to the proposer with a reason.
    Return,
    /// Refuse the whole proposal with a reason.
    Reject,
    /// Settle the list once every nominee has an outcome.
    Settle,
    /// Issue (or, for the province, record) the decision.
    Decide,
}
text_forms!(Step);

/// Why a step is refused; each maps to one message in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    NotAllowed,
    WrongState {
        state: Option<ProposalState>,
    },
    /// Someone changed it first: reload (HTTP 409).
    Stale {
        current: i64,
    },
    ReasonRequired,
    /// A submission lists at least one nominee.
    NoNominees,
    /// A submission has its cover text (tờ trình).
    CoverRequired,
    /// Nominees still without an outcome.
    Undecided {
        count: usize,
    },
    /// This level may not award the proposal's form to this nominee: forward
    /// it or strike it out.
    NotAwardable,
    /// Nothing is above the province.
    CannotForward,
}

/// What a step is taken on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context<'a> {
    pub state: Option<ProposalState>,
    /// The version the caller read; `current_version` is the stored one.
    pub expected_version: i64,
    pub current_version: i64,
    pub reason: Option<&'a str>,
    pub has_cover: bool,
    pub outcomes: &'a [Outcome],
}

fn blank(s: Option<&str>) -> bool {
    s.is_none_or(|r| r.trim().is_empty())
}

/// The state a step leads to, or why it is refused. Checked in this order:
/// role, version, state, reason, content.
pub fn step(role: Role, step: Step, cx: &Context) -> Result<ProposalState, Refusal> {
    use ProposalState::*;
    let allowed = match step {
        Step::Save | Step::Submit => role == Role::Proposer,
        Step::Return | Step::Reject | Step::Settle | Step::Decide => role == Role::Awarder,
    };
    if !allowed {
        return Err(Refusal::NotAllowed);
    }
    if cx.state.is_some() && cx.expected_version != cx.current_version {
        return Err(Refusal::Stale {
            current: cx.current_version,
        });
    }
    let next = match (step, cx.state) {
        (Step::Save, None | Some(Draft)) => Draft,
        (Step::Save, Some(Returned)) => Returned,
        (Step::Submit, Some(Draft | Returned)) => Submitted,
        (Step::Return, Some(Submitted)) => Returned,
        (Step::Reject, Some(Submitted)) => Rejected,
        (Step::Settle, Some(Submitted)) => settled(cx.outcomes)?,
        (Step::Decide, Some(Approved)) => Decided,
        _ => return Err(Refusal::WrongState { state: cx.state }),
    };
    if matches!(step, Step::Return | Step::Reject) && blank(cx.reason) {
        return Err(Refusal::ReasonRequired);
    }
    if step == Step::Submit {
        if cx.outcomes.is_empty() {
            return Err(Refusal::NoNominees);
        }
        if !cx.has_cover {
            return Err(Refusal::CoverRequired);
        }
    }
    Ok(next)
}

/// Where a list with these outcomes settles: approved when anyone is,
/// else forwarded when anyone went up, else rejected.
fn settled(outcomes: &[Outcome]) -> Result<ProposalState, Refusal> {
    let pending = outcomes.iter().filter(|o| **o == Outcome::Pending).count();
    if pending > 0 || outcomes.is_empty() {
        return Err(Refusal::Undecided { count: pending });
    }
    Ok(if outcomes.contains(&Outcome::Approved) {
        ProposalState::Approved
    } else if outcomes.contains(&Outcome::Forwarded) {
        ProposalState::Forwarded
    } else {
        ProposalState::Rejected
    })
}

/// Whether the awarding level may give one nominee `outcome` while the
/// proposal is submitted: approve only what it may award, strike out with
/// a reason, forward unless it is the province.
pub fn mark(
    state: ProposalState,
    outcome: Outcome,
    awardable: bool,
    at_province: bool,
    reason: Option<&str>,
) -> Result<(), Refusal> {
    if state != ProposalState::Submitted {
        return Err(Refusal::WrongState { state: Some(state) });
    }
    match outcome {
        Outcome::Pending => Ok(()),
        Outcome::Approved if !awardable => Err(Refusal::NotAwardable),
        Outcome::Approved => Ok(()),
        Outcome::StruckOut if blank(reason) => Err(Refusal::ReasonRequired),
        Outcome::StruckOut => Ok(()),
        Outcome::Forwarded if at_province => Err(Refusal::CannotForward),
        Outcome::Forwarded => Ok(()),
    }
}

/// The steps a role may be offered in a state (the page shows these; the
/// server checks each again when it is taken).
pub fn offered(role: Role, state: ProposalState) -> Vec<Step> {
    use ProposalState::*;
    match (role, state) {
        (Role::Proposer, Draft | Returned) => vec![Step::Save, Step::Submit],
        (Role::Awarder, Submitted) => vec![Step::Settle, Step::Return, Step::Reject],
        (Role::Awarder, Approved) => vec![Step::Decide],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use strum::VariantArray;

    fn cx<'a>(state: Option<ProposalState>, outcomes: &'a [Outcome]) -> Context<'a> {
        Context {
            state,
            expected_version: 2,
            current_version: 2,
            reason: None,
            has_cover: true,
            outcomes,
        }
    }

    #[test]
    fn text_forms_round_trip() {
        for s in ProposalState::VARIANTS {
            assert_eq!(ProposalState::parse(s.as_str()), Some(*s));
        }
        for o in Outcome::VARIANTS {
            assert_eq!(Outcome::parse(o.as_str()), Some(*o));
        }
        for s in Step::VARIANTS {
            assert_eq!(Step::parse(s.as_str()), Some(*s));
        }
        assert_eq!(ProposalState::parse("lost"), None);
    }

    #[test]
    fn draft_submit_return_resubmit_settle_decide() {
        use ProposalState::*;
        let two = [Outcome::Pending, Outcome::Pending];
        let s = step(Role::Proposer, Step::Save, &cx(None, &two)).unwrap();
        let s = step(Role::Proposer, Step::Submit, &cx(Some(s), &two)).unwrap();
        assert_eq!(s, Submitted);
        let back = Context {
            reason: Some("Bổ sung biên bản họp"),
            ..cx(Some(s), &two)
        };
        let s = step(Role::Awarder, Step::Return, &back).unwrap();
        assert_eq!(s, Returned);
        let s = step(Role::Proposer, Step::Submit, &cx(Some(s), &two)).unwrap();
        assert_eq!(
            step(Role::Awarder, Step::Settle, &cx(Some(s), &two)),
            Err(Refusal::Undecided { count: 2 })
        );
        let marked = [Outcome::Approved, Outcome::Forwarded];
        let s = step(Role::Awarder, Step::Settle, &cx(Some(s), &marked)).unwrap();
        assert_eq!(s, Approved);
        assert_eq!(
            step(Role::Awarder, Step::Decide, &cx(Some(s), &marked)),
            Ok(Decided)
        );
        assert!(Decided.is_closed() && !Approved.is_closed());
    }

    #[test]
    fn refusals_in_order() {
        use ProposalState::*;
        let one = [Outcome::Pending];
        assert_eq!(
            step(Role::Awarder, Step::Submit, &cx(Some(Draft), &one)),
            Err(Refusal::NotAllowed)
        );
        let stale = Context {
            expected_version: 1,
            ..cx(Some(Draft), &one)
        };
        assert_eq!(
            step(Role::Proposer, Step::Submit, &stale),
            Err(Refusal::Stale { current: 2 })
        );
        assert_eq!(
            step(Role::Awarder, Step::Reject, &cx(Some(Submitted), &one)),
            Err(Refusal::ReasonRequired)
        );
        assert_eq!(
            step(Role::Proposer, Step::Submit, &cx(Some(Draft), &[])),
            Err(Refusal::NoNominees)
        );
        let bare = Context {
            has_cover: false,
            ..cx(Some(Draft), &one)
        };
        assert_eq!(
            step(Role::Proposer, Step::Submit, &bare),
            Err(Refusal::CoverRequired)
        );
        assert_eq!(
            step(Role::Proposer, Step::Save, &cx(Some(Submitted), &one)),
            Err(Refusal::WrongState {
                state: Some(Submitted)
            })
        );
        assert_eq!(
            step(Role::Awarder, Step::Decide, &cx(Some(Submitted), &one)),
            Err(Refusal::WrongState {
                state: Some(Submitted)
            })
        );
    }

    #[test]
    fn marking_nominees() {
        use ProposalState::Submitted;
        assert_eq!(
            mark(Submitted, Outcome::Approved, true, false, None),
            Ok(())
        );
        assert_eq!(
            mark(Submitted, Outcome::Approved, false, false, None),
            Err(Refusal::NotAwardable)
        );
        assert_eq!(
            mark(Submitted, Outcome::StruckOut, true, false, Some(" ")),
            Err(Refusal::ReasonRequired)
        );
        assert_eq!(
            mark(Submitted, Outcome::Forwarded, true, true, None),
            Err(Refusal::CannotForward)
        );
        assert_eq!(
            mark(ProposalState::Draft, Outcome::Approved, true, false, None),
            Err(Refusal::WrongState {
                state: Some(ProposalState::Draft)
            })
        );
    }

    fn outcome() -> impl Strategy<Value = Outcome> {
        proptest::sample::select(Outcome::VARIANTS.to_vec())
    }

    proptest! {
        /// Settling: pending anywhere refuses; otherwise approved wins over
        /// forwarded, which wins over all struck out.
        #[test]
        fn settling_follows_the_outcomes(outcomes in proptest::collection::vec(outcome(), 1..12)) {
            let got = step(Role::Awarder, Step::Settle, &cx(Some(ProposalState::Submitted), &outcomes));
            let pending = outcomes.iter().filter(|o| **o == Outcome::Pending).count();
            let want = if pending > 0 {
                Err(Refusal::Undecided { count: pending })
            } else if outcomes.contains(&Outcome::Approved) {
                Ok(ProposalState::Approved)
            } else if outcomes.contains(&Outcome::Forwarded) {
                Ok(ProposalState::Forwarded)
            } else {
                Ok(ProposalState::Rejected)
            };
            prop_assert_eq!(got, want);
        }

        /// Every step offered is one the machine takes (given a reason and
        /// settled outcomes), and no step leaves a closed state.
        #[test]
        fn offered_steps_are_takeable(
            state in proptest::sample::select(ProposalState::VARIANTS.to_vec()),
            proposer in any::<bool>(),
        ) {
            let role = if proposer { Role::Proposer } else { Role::Awarder };
            let settled = [Outcome::Approved];
            let with_reason = Context { reason: Some("lý do"), ..cx(Some(state), &settled) };
            for s in offered(role, state) {
                prop_assert!(step(role, s, &with_reason).is_ok(), "{:?} {:?} {:?}", role, state, s);
            }
            if state.is_closed() {
                for s in Step::VARIANTS {
                    prop_assert!(step(role, *s, &with_reason).is_err());
                }
            }
        }
    }
}
