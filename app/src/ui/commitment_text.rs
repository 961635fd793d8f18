//! The yearly commitment in words, shared by its pages (the member's, the
//! cell's review, the committee's grading, the years, the print view):
//! names of states, grades, results, steps and rule sets, and the sentence
//! for each problem the commitment and year functions refuse with
//! (`ApiError::Refused`, see `api::commitments::server`).

use super::components::error_text;
use super::i18n::{Strings, fill, strings, t};
use crate::api::ApiError;
use crate::domain::commitment::{CommitmentState, Refusal, Step};
use crate::domain::grading::Grade;
use crate::domain::numfmt;
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::records::{NoticeKind, Notification};
use crate::domain::undertaking::{
    Assessment, ContentProblem, ItemResult, MAX_ITEM_LEN, MAX_ITEMS_PER_SECTION,
};
use crate::domain::year::YearProblem;
use crate::domain::{GradingRuleSet, Locale};
use leptos::prelude::*;

/// A commitment's state; `None` is "not started".
pub fn state_label(state: Option<CommitmentState>) -> &'static str {
    let s = t();
    match state {
        None => s.cm_state_not_started,
        Some(CommitmentState::Draft) => s.cm_state_draft,
        Some(CommitmentState::Submitted) => s.cm_state_submitted,
        Some(CommitmentState::Returned) => s.cm_state_returned,
        Some(CommitmentState::Approved) => s.cm_state_approved,
        Some(CommitmentState::MidYearReviewed) => s.cm_state_mid_year_reviewed,
        Some(CommitmentState::SelfAssessed) => s.cm_state_self_assessed,
        Some(CommitmentState::Proposed) => s.cm_state_proposed,
        Some(CommitmentState::Graded) => s.cm_state_graded,
    }
}

/// The CSS class of a state's badge (`badge state-…`, colours in main.css):
/// "state-none", "state-draft", "state-submitted", …
pub fn state_class(state: Option<CommitmentState>) -> &'static str {
    match state {
        None => "badge state-none",
        Some(CommitmentState::Draft) => "badge state-draft",
        Some(CommitmentState::Submitted) => "badge state-submitted",
        Some(CommitmentState::Returned) => "badge state-returned",
        Some(CommitmentState::Approved) => "badge state-approved",
        Some(CommitmentState::MidYearReviewed) => "badge state-mid_year_reviewed",
        Some(CommitmentState::SelfAssessed) => "badge state-self_assessed",
        Some(CommitmentState::Proposed) => "badge state-proposed",
        Some(CommitmentState::Graded) => "badge state-graded",
    }
}

/// A grade's full Vietnamese name ("Hoàn thành tốt nhiệm vụ").
pub fn grade_label(grade: Grade) -> &'static str {
    grade_label_in(grade, t())
}

/// A stage of the year after approval (`domain::stats::STAGES`), as the
/// dashboard and its XLSX name it: what has been reached.
pub fn stage_label_in(stage: CommitmentState, s: &'static Strings) -> &'static str {
    match stage {
        CommitmentState::MidYearReviewed => s.tk_stage_mid_year,
        CommitmentState::SelfAssessed => s.tk_stage_self,
        CommitmentState::Proposed => s.tk_stage_proposed,
        CommitmentState::Graded => s.tk_stage_graded,
        _ => s.tk_stage_approved,
    }
}

/// The same in the given strings (outside a page: e-mails).
pub fn grade_label_in(grade: Grade, s: &'static Strings) -> &'static str {
    match grade {
        Grade::Excellent => s.cm_grade_excellent,
        Grade::Good => s.cm_grade_good,
        Grade::Completed => s.cm_grade_completed,
        Grade::NotCompleted => s.cm_grade_not_completed,
    }
}

/// A grade with its points when the year's rules score them:
/// "Hoàn thành tốt nhiệm vụ (82 điểm)".
pub fn assessment_label(a: &Assessment) -> String {
    match a.points {
        Some(p) => format!(
            "{} ({})",
            grade_label(a.grade),
            fill(t().cm_points, &[("n", &p.to_string())])
        ),
        None => grade_label(a.grade).to_string(),
    }
}

/// The result of one undertaking at the year's end.
pub fn result_label(result: ItemResult) -> &'static str {
    let s = t();
    match result {
        ItemResult::Done => s.cm_result_done,
        ItemResult::Partly => s.cm_result_partly,
        ItemResult::NotDone => s.cm_result_not_done,
    }
}

pub fn step_label(step: Step) -> &'static str {
    let s = t();
    match step {
        Step::Save => s.cm_step_save,
        Step::Submit => s.cm_step_submit,
        Step::Return => s.cm_step_return,
        Step::Approve => s.cm_step_approve,
        Step::MidYearReview => s.cm_step_mid_year_review,
        Step::SelfAssess => s.cm_step_self_assess,
        Step::Propose => s.cm_step_propose,
        Step::Decide => s.cm_step_decide,
        Step::Reopen => s.cm_step_reopen,
    }
}

/// A history entry by its audit action ("commitment.submit", as in
/// `CommitmentEvent::action`): its step, or "other".
pub fn action_label(action: &str) -> &'static str {
    action
        .strip_prefix("commitment.")
        .and_then(Step::parse)
        .map_or(t().cm_step_other, step_label)
}

/// A year's grading rules, named as the regulations are.
pub fn rule_set_label(rules: GradingRuleSet) -> &'static str {
    let s = t();
    match rules {
        GradingRuleSet::Rules2019 => s.cm_rules_2019,
        GradingRuleSet::Rules2023 => s.cm_rules_2023,
        GradingRuleSet::Rules2025 => s.cm_rules_2025,
    }
}

/// A deadline by its field name ("filing", "mid_year", "self_assessment",
/// "grading", as in `Deadlines` and `save_year`'s arguments).
pub fn deadline_label(field: &str) -> &'static str {
    let s = t();
    match field {
        "filing" => s.cm_deadline_filing,
        "mid_year" => s.cm_deadline_mid_year,
        "self_assessment" => s.cm_deadline_self_assessment,
        _ => s.cm_deadline_grading,
    }
}

/// 1 → "I", 4 → "IV", 12 → "XII" (the form's sections).
pub fn roman(n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The sentence for a problem of the commitment and year functions, or
/// `None` for one they do not answer with (said as [`error_text`] says it).
/// `sections` (the year's section titles) names the section a content
/// problem is in; without them the section is named by its number.
pub fn problem_text(problem: &Problem, sections: &[String]) -> Option<String> {
    let s = t();
    let section = |i: usize| {
        sections
            .get(i)
            .cloned()
            .unwrap_or_else(|| fill(s.cm_p_section_n, &[("n", &(i + 1).to_string())]))
    };
    let text = match *problem {
        Problem::Commitment(r) => match r {
            Refusal::WrongState { .. } => s.cm_p_wrong_state.to_string(),
            Refusal::PastDeadline { deadline } => {
                let date = numfmt::date(deadline, super::i18n::use_locale().get());
                fill(s.cm_p_past_deadline, &[("date", &date)])
            }
            Refusal::ReasonRequired => s.cm_p_reason_required.to_string(),
            Refusal::NothingToReopen => s.cm_p_nothing_to_reopen.to_string(),
            Refusal::NotAllowed => s.error_forbidden.to_string(),
            Refusal::Stale { .. } => s.cm_p_conflict.to_string(),
        },
        Problem::Content(c) => match c {
            ContentProblem::EmptySection { section: i } => {
                fill(s.cm_p_empty_section, &[("section", &section(i))])
            }
            ContentProblem::TooManyItems { section: i } => fill(
                s.cm_p_too_many_items,
                &[
                    ("section", &section(i)),
                    ("max", &MAX_ITEMS_PER_SECTION.to_string()),
                ],
            ),
            ContentProblem::ItemTooLong { section: i } => fill(
                s.cm_p_item_too_long,
                &[("section", &section(i)), ("max", &MAX_ITEM_LEN.to_string())],
            ),
            ContentProblem::UnknownSection => s.cm_p_unknown_section.to_string(),
            ContentProblem::NotAssessed { section: i } => {
                fill(s.cm_p_not_assessed, &[("section", &section(i))])
            }
            ContentProblem::GradeMissing => s.cm_p_grade_missing.to_string(),
            ContentProblem::PointsOutOfRange => s.cm_p_points_out_of_range.to_string(),
            ContentProblem::JustificationMissing => s.cm_p_justification_missing.to_string(),
            ContentProblem::TextTooLong => s.cm_p_text_too_long.to_string(),
        },
        Problem::Quota(q) => fill(
            s.cm_p_quota,
            &[
                ("excellent", &q.excellent.to_string()),
                ("good", &q.good.to_string()),
                ("max", &q.max_excellent.to_string()),
            ],
        ),
        Problem::Year(p) => match p {
            YearProblem::BadYear => s.cm_p_year_bad_year,
            YearProblem::ThemeMissing => s.cm_p_year_theme_missing,
            YearProblem::ThemeTooLong => s.cm_p_year_theme_too_long,
            YearProblem::NoSections => s.cm_p_year_no_sections,
            YearProblem::TooManySections => s.cm_p_year_too_many_sections,
            YearProblem::BadSection => s.cm_p_year_bad_section,
            YearProblem::DeadlinesOutOfOrder => s.cm_p_year_deadlines,
            YearProblem::RulesLocked => s.cm_p_year_rules_locked,
        }
        .to_string(),
        Problem::Field { field, problem } => match (field, problem) {
            (Field::Grade, _) => s.cm_p_grade.to_string(),
            (Field::Until, _) => s.cm_p_until.to_string(),
            (Field::Picks, FieldProblem::Missing) => s.cm_p_nothing_picked.to_string(),
            (Field::Picks, _) => s.cm_p_picks.to_string(),
            (Field::RuleSet, _) => s.cm_p_rule_set.to_string(),
            (Field::Step, _) => s.cm_p_step.to_string(),
            (Field::Unit, _) => s.cm_p_org.to_string(),
            (Field::FilingDeadline, _) => fill(s.cm_p_date, &[("field", deadline_label("filing"))]),
            (Field::MidYearDeadline, _) => {
                fill(s.cm_p_date, &[("field", deadline_label("mid_year"))])
            }
            (Field::SelfAssessmentDeadline, _) => {
                fill(s.cm_p_date, &[("field", deadline_label("self_assessment"))])
            }
            (Field::GradingDeadline, _) => {
                fill(s.cm_p_date, &[("field", deadline_label("grading"))])
            }
            _ => return None,
        },
        _ => return None,
    };
    Some(text)
}

/// An error of a commitment or year function as a sentence: its problems
/// and a version conflict in the commitment's words, the rest as
/// [`error_text`] says them.
pub fn commitment_error_text(error: &ApiError, sections: &[String]) -> String {
    match error {
        ApiError::Refused(problem) => {
            problem_text(problem, sections).unwrap_or_else(|| error_text(error))
        }
        ApiError::Conflict => t().cm_p_conflict.to_string(),
        _ => error_text(error),
    }
}

/// The position of the section a content problem is in, to show the
/// sentence beside that section's field.
pub fn problem_section(error: &ApiError) -> Option<usize> {
    match error {
        ApiError::Refused(Problem::Content(
            ContentProblem::EmptySection { section }
            | ContentProblem::TooManyItems { section }
            | ContentProblem::ItemTooLong { section }
            | ContentProblem::NotAssessed { section },
        )) => Some(*section),
        _ => None,
    }
}

/// A refused submission: it was still saved as a draft.
pub fn kept_as_draft(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Refused(Problem::Content(ContentProblem::EmptySection { .. }))
    )
}

/// A form's error in a notice (`role="alert"`), in the commitment's words.
#[component]
pub fn CommitmentError(
    error: ApiError,
    /// The year's section titles, to name a section.
    #[prop(optional)]
    sections: Vec<String>,
) -> impl IntoView {
    view! {
        <div class="notice notice-error">
            <p role="alert">{move || commitment_error_text(&error, &sections)}</p>
        </div>
    }
}

/// The error a plain form post (without JavaScript) came back with: Leptos
/// sends the browser back to the form's page with `__path` (the server
/// function's path, e.g. "/api/commitments/save") and `__err`. Returns both.
pub fn posted_error() -> Option<(String, ApiError)> {
    leptos_router::hooks::use_query_map().with_untracked(|q| {
        let err = q.get("__err")?;
        let path = q.get("__path").unwrap_or_default();
        Some((
            path,
            leptos::server_fn::error::ServerFnUrlError::<ApiError>::decode_err(&err),
        ))
    })
}

/// The path a server function's form posts to (its `__path` in an error).
pub fn fn_path<F: leptos::server_fn::ServerFn>() -> &'static str {
    F::PATH
}

/// A notice of the inbox as a sentence in `locale` (the inbox, and the
/// e-mail that carries it when SMTP is configured).
pub fn notice_sentence(n: &Notification, locale: Locale) -> String {
    let s = strings(locale);
    // The server writes dates as "yyyy-mm-dd" (older notices "dd/mm/yyyy").
    let date = |d: &str| {
        chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .or_else(|_| chrono::NaiveDate::parse_from_str(d.trim(), "%d/%m/%Y"))
            .map(|d| numfmt::date(d, locale))
            .unwrap_or_else(|_| d.to_string())
    };
    match n.kind {
        NoticeKind::Approved => s.cm_n_approved.to_string(),
        NoticeKind::Returned => fill(s.cm_n_returned, &[("reason", &n.detail)]),
        NoticeKind::Submitted => fill(s.cm_n_submitted, &[("member", &n.subject)]),
        NoticeKind::Graded => {
            let grade = Grade::parse(&n.detail)
                .map_or_else(|| n.detail.clone(), |g| grade_label_in(g, s).to_string());
            fill(s.cm_n_graded, &[("grade", &grade)])
        }
        NoticeKind::Deadline => {
            let (count, day) = n.detail.split_once(':').unwrap_or((n.detail.as_str(), ""));
            fill(
                s.cm_n_deadline,
                &[("cell", &n.subject), ("n", count), ("date", &date(day))],
            )
        }
        NoticeKind::Reopened => fill(s.cm_n_reopened, &[("date", &date(&n.detail))]),
        NoticeKind::PasswordReset => fill(s.password_reset_notice, &[("by", &n.subject)]),
        NoticeKind::BackupFailed => {
            let when = n
                .detail
                .trim()
                .parse::<i64>()
                .map(|t| numfmt::local_datetime(t, locale))
                .unwrap_or_else(|_| n.detail.clone());
            fill(s.backup_failed_notice, &[("when", &when)])
        }
        NoticeKind::ProposalSubmitted => fill(
            s.kt_n_submitted,
            &[("unit", &n.subject), ("title", &n.detail)],
        ),
        NoticeKind::ProposalReturned => fill(
            s.kt_n_returned,
            &[("title", &n.subject), ("reason", &n.detail)],
        ),
        NoticeKind::ProposalRejected => fill(
            s.kt_n_rejected,
            &[("title", &n.subject), ("reason", &n.detail)],
        ),
        NoticeKind::Commended => fill(s.kt_n_commended, &[("number", &n.subject)]),
        NoticeKind::Other if n.detail.is_empty() => n.subject.clone(),
        NoticeKind::Other => format!("{}: {}", n.subject, n.detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        let got: Vec<String> = [1, 2, 3, 4, 5, 6, 9, 12].into_iter().map(roman).collect();
        assert_eq!(got, ["I", "II", "III", "IV", "V", "VI", "IX", "XII"]);
    }

    #[test]
    fn problems_become_sentences() {
        // The strings are read through the locale signal: it needs an owner.
        let owner = leptos::prelude::Owner::new();
        owner.set();
        let sections = vec!["Về tư tưởng chính trị".to_string()];
        let empty = |section| Problem::Content(ContentProblem::EmptySection { section });
        assert_eq!(
            problem_text(&empty(0), &sections).as_deref(),
            Some("Mục “Về tư tưởng chính trị” chưa có nội dung cam kết nào.")
        );
        assert_eq!(
            problem_text(&empty(3), &[]).as_deref(),
            Some("Mục “số 4” chưa có nội dung cam kết nào.")
        );
        let deadline = chrono::NaiveDate::from_ymd_opt(2021, 3, 31).unwrap();
        assert_eq!(
            problem_text(
                &Problem::Commitment(Refusal::PastDeadline { deadline }),
                &[]
            )
            .as_deref(),
            Some("Đã quá hạn (31/03/2021). Chỉ bí thư chi bộ mới có thể mở lại để gia hạn.")
        );
        let quota = crate::domain::grading::Quota {
            excellent: 3,
            good: 10,
            max_excellent: 2,
        };
        assert!(
            problem_text(&Problem::Quota(quota), &[])
                .unwrap()
                .contains("tối đa 2")
        );
        assert!(problem_text(&Problem::Year(YearProblem::RulesLocked), &[]).is_some());
        let filing = Problem::field(Field::FilingDeadline, FieldProblem::Unknown);
        assert!(problem_text(&filing, &[]).unwrap().contains("Hạn nộp"));
        let other = Problem::field(Field::Title, FieldProblem::Missing);
        assert_eq!(problem_text(&other, &[]), None);
        assert_eq!(problem_section(&ApiError::Refused(empty(2))), Some(2));
        assert_eq!(
            action_label("commitment.mid_year_review"),
            "Kiểm điểm giữa năm"
        );
        assert_eq!(action_label("commitment.unknown"), t().cm_step_other);
    }
}
