//! Names of the commendation workflow's forms, occasions, states and
//! outcomes, and its refusals as sentences, in the reader's language.

use super::i18n::{Strings, fill, t};
use crate::domain::commendation::{Form, Ineligible, Occasion};
use crate::domain::decision::{DecisionProblem, SignerPosition};
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::proposal::{Outcome, ProposalState, Refusal};

pub fn form_label(form: Form) -> &'static str {
    form_label_in(form, t())
}

/// In a given language's table (exports, which have no page around them).
pub fn form_label_in(form: Form, s: &'static Strings) -> &'static str {
    match form {
        Form::Praise => s.kt_form_praise,
        Form::Certificate => s.kt_form_certificate,
        Form::ProvincialCertificate => s.kt_form_provincial_certificate,
        Form::Banner => s.kt_form_banner,
    }
}

pub fn occasion_label(occasion: Occasion) -> &'static str {
    occasion_label_in(occasion, t())
}

pub fn occasion_label_in(occasion: Occasion, s: &'static Strings) -> &'static str {
    match occasion {
        Occasion::Yearly => s.kt_occasion_yearly,
        Occasion::FiveYears => s.kt_occasion_five_years,
        Occasion::Thematic => s.kt_occasion_thematic,
        Occasion::AdHoc => s.kt_occasion_ad_hoc,
    }
}

pub fn state_label(state: ProposalState) -> &'static str {
    let s = t();
    match state {
        ProposalState::Draft => s.kt_state_draft,
        ProposalState::Submitted => s.kt_state_submitted,
        ProposalState::Returned => s.kt_state_returned,
        ProposalState::Approved => s.kt_state_approved,
        ProposalState::Decided => s.kt_state_decided,
        ProposalState::Rejected => s.kt_state_rejected,
        ProposalState::Forwarded => s.kt_state_forwarded,
    }
}

pub fn position_label(position: SignerPosition) -> &'static str {
    position_label_in(position, t())
}

pub fn position_label_in(position: SignerPosition, s: &'static Strings) -> &'static str {
    match position {
        SignerPosition::Secretary => s.kt_position_secretary,
        SignerPosition::DeputySecretary => s.kt_position_deputy_secretary,
    }
}

pub fn outcome_label(outcome: Outcome) -> &'static str {
    let s = t();
    match outcome {
        Outcome::Pending => s.kt_outcome_pending,
        Outcome::Approved => s.kt_outcome_approved,
        Outcome::StruckOut => s.kt_outcome_struck_out,
        Outcome::Forwarded => s.kt_outcome_forwarded,
    }
}

fn field_label(field: Field) -> &'static str {
    let s = t();
    match field {
        Field::Title => s.kt_field_title,
        Field::Cover => s.kt_field_cover,
        Field::Minutes => s.kt_field_minutes,
        Field::Achievements => s.kt_field_achievements,
        Field::Reason => s.kt_field_reason,
        Field::Nominees => s.kt_field_nominees,
        Field::Unit => s.kt_field_unit,
        Field::Year => s.kt_field_year,
        Field::Occasion => s.kt_field_occasion,
        Field::Form => s.kt_field_form,
        Field::Outcome => s.kt_field_outcome,
        Field::Step => s.kt_field_step,
        Field::ModelField => s.gm_field_area,
        Field::Description => s.gm_field_description,
        Field::RunBy => s.gm_field_run_by,
        Field::Results => s.gm_field_results,
        Field::Since => s.gm_field_since,
        Field::BadgeNumber => s.hh_field_badge_number,
        Field::Date => s.hh_field_date,
        Field::Discipline => s.hh_field_discipline,
        Field::Note => s.hh_field_note,
        Field::Indicator => s.ct_field_indicator,
        Field::TargetValue => s.ct_field_target,
        Field::Actual => s.ct_field_actual,
        Field::Measure => s.ct_field_measure,
        Field::Direction => s.ct_field_direction,
        Field::Evidence => s.ct_field_evidence,
        Field::Workplace => s.bd_field_workplace,
        Field::CardNumber => s.bd_field_card,
        Field::Role => s.bd_field_role,
        Field::BodyKind => s.bd_field_kind,
        Field::Query => s.field_query,
        Field::Member => s.change_field_member,
        Field::Members => s.change_field_members,
        Field::Kind => s.change_field_kind,
        Field::Code => s.change_field_code,
        Field::Name => s.change_field_name,
        Field::Target => s.field_target,
        Field::Status => s.change_field_status,
        Field::Grade => s.rv_grade_label,
        Field::Until => s.rv_until_label,
        Field::Picks => s.field_picks,
        Field::RuleSet => s.field_rule_set,
        Field::FilingDeadline => s.cm_deadline_filing,
        Field::MidYearDeadline => s.cm_deadline_mid_year,
        Field::SelfAssessmentDeadline => s.cm_deadline_self_assessment,
        Field::GradingDeadline => s.cm_deadline_grading,
        Field::Actor => s.audit_actor,
        Field::Action => s.audit_action,
        Field::From => s.audit_from,
        Field::To => s.audit_to,
        Field::AsOf => s.field_as_of,
    }
}

/// A refusal as a sentence the user can act on.
pub fn problem_text(problem: &Problem) -> String {
    let s = t();
    match *problem {
        Problem::Field { field, problem } => {
            let template = match problem {
                FieldProblem::Missing => s.kt_problem_missing,
                FieldProblem::TooLong => s.kt_problem_too_long,
                FieldProblem::Unknown => s.kt_problem_unknown,
                FieldProblem::TooMany => s.kt_problem_too_many,
                FieldProblem::Taken => s.kt_problem_taken,
            };
            fill(template, &[("field", field_label(field))])
        }
        Problem::Proposal(r) => match r {
            Refusal::NotAllowed => s.kt_refusal_not_allowed.into(),
            Refusal::WrongState { state } => fill(
                s.kt_refusal_wrong_state,
                &[("state", state.map_or("—", state_label))],
            ),
            Refusal::Stale { .. } => s.error_conflict.into(),
            Refusal::ReasonRequired => s.kt_refusal_reason_required.into(),
            Refusal::NoNominees => s.kt_refusal_no_nominees.into(),
            Refusal::CoverRequired => s.kt_refusal_cover_required.into(),
            Refusal::Undecided { count } => {
                fill(s.kt_refusal_undecided, &[("n", &count.to_string())])
            }
            Refusal::NotAwardable => s.kt_refusal_not_awardable.into(),
            Refusal::CannotForward => s.kt_refusal_cannot_forward.into(),
        },
        Problem::Decision(d) => match d {
            DecisionProblem::SignerMissing => s.kt_decision_signer_missing,
            DecisionProblem::SignerTooLong => s.kt_decision_signer_too_long,
            DecisionProblem::BadDate => s.kt_decision_bad_date,
            DecisionProblem::BadNumber => s.kt_decision_bad_number,
            DecisionProblem::NumberNotExpected => s.kt_decision_number_not_expected,
        }
        .into(),
        Problem::Nominee { position, why } => {
            let n = (position + 1).to_string();
            match why {
                Ineligible::NotExcellent { year } => fill(
                    s.kt_ineligible_not_excellent,
                    &[("n", &n), ("year", &year.to_string())],
                ),
                Ineligible::AlreadyProposed => fill(s.kt_ineligible_already_proposed, &[("n", &n)]),
                Ineligible::Inactive => fill(s.kt_ineligible_inactive, &[("n", &n)]),
                Ineligible::OutOfScope => fill(s.kt_ineligible_out_of_scope, &[("n", &n)]),
                Ineligible::NotAwardable => fill(s.kt_ineligible_not_awardable, &[("n", &n)]),
            }
        }
        Problem::Request => s.problem_request.into(),
        Problem::BranchTooBig => s.chart_branch_too_big.into(),
        // The commitment's own problems, said the way its pages say them.
        Problem::Commitment(_) | Problem::Content(_) | Problem::Quota(_) | Problem::Year(_) => {
            crate::ui::commitment_text::problem_text(problem, &[])
                .unwrap_or_else(|| s.problem_request.into())
        }
    }
}

pub fn model_field_label(f: crate::domain::good_model::ModelField) -> &'static str {
    model_field_label_in(f, t())
}

pub fn model_field_label_in(
    f: crate::domain::good_model::ModelField,
    s: &'static Strings,
) -> &'static str {
    use crate::domain::good_model::ModelField;
    match f {
        ModelField::PartyBuilding => s.gm_area_party_building,
        ModelField::Ideology => s.gm_area_ideology,
        ModelField::AdministrativeReform => s.gm_area_administrative_reform,
        ModelField::Economy => s.gm_area_economy,
        ModelField::Social => s.gm_area_social,
        ModelField::MassMobilisation => s.gm_area_mass_mobilisation,
    }
}
