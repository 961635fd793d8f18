//! Resolution targets (chỉ tiêu nghị quyết): a unit's yearly resolution sets
//! targets, each an indicator with a target value; the actual is counted
//! from the data when the app knows the indicator, entered otherwise. This
//! decides how an actual stands against its target, checks what the
//! standing committee enters, and counts the known indicators' actuals.
//!
//! Values are kept in tenths (132 is 1320, 38,9 % is 389): one decimal
//! place is as fine as resolutions write them.

use super::problem::{Field, FieldProblem, Problem, too_long};
use serde::{Deserialize, Serialize};

/// Targets of one unit's resolution of a year, at most.
pub const MAX_TARGETS: usize = 40;
pub const MAX_TITLE_LEN: usize = 300;
pub const MAX_MEASURE_LEN: usize = 50;
pub const MAX_NOTE_LEN: usize = 2_000;
pub const MAX_EVIDENCE_LEN: usize = 500;
/// The largest value entered, in tenths (a hundred million).
pub const MAX_VALUE: i64 = 1_000_000_000;
/// 100 %, in tenths of a percent.
pub const FULL_PERCENT: i64 = 1_000;

/// How an actual stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetStatus {
    Exceeded,
    Met,
    Behind,
}

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Direction {
    /// More is better (admissions, shares filed, good models …).
    AtLeast,
    /// Less is better (members graded "not completed", disciplines …).
    AtMost,
}

text_forms!(Direction);

/// What a target measures: one the app counts, or one entered by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Indicator {
    /// Members admitted in the year (kết nạp đảng viên mới).
    Admissions,
    /// Share of the members who filed the year's commitment.
    CommitmentsFiled,
    /// Share of the graded members graded good or excellent.
    MembersGoodOrBetter,
    /// Share of the graded organisations below graded good or excellent.
    OrganisationsGoodOrBetter,
    /// Good models registered for the year.
    GoodModels,
    /// Collectives and individuals commended under the year.
    Commended,
    /// Anything else: its wording, unit of measure and actual are entered.
    Other,
}

text_forms!(Indicator);

/// The figures of a subtree and year the known indicators are counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Known {
    pub members: i64,
    pub filed: i64,
    pub admitted: i64,
    /// Members' final grades, in `Grade::ALL` order (best first).
    pub member_grades: [i64; 4],
    /// Organisations' grades below the unit, in `Grade::ALL` order.
    pub organisation_grades: [i64; 4],
    pub good_models: i64,
    pub commended: i64,
}

/// `n` of `of` in tenths of a percent, rounded; `None` of nothing.
fn share(n: i64, of: i64) -> Option<i64> {
    (of > 0).then(|| {
        let (n, of) = (i128::from(n.max(0)), i128::from(of));
        i64::try_from((n * 1000 + of / 2) / of).unwrap_or(i64::MAX)
    })
}

fn good_or_better(grades: &[i64; 4]) -> Option<i64> {
    share(grades[0] + grades[1], grades.iter().sum())
}

impl Indicator {
    /// The indicators the app counts, in the order forms offer them.
    pub const KNOWN: [Indicator; 6] = [
        Indicator::Admissions,
        Indicator::CommitmentsFiled,
        Indicator::MembersGoodOrBetter,
        Indicator::OrganisationsGoodOrBetter,
        Indicator::GoodModels,
        Indicator::Commended,
    ];

    /// Measured as a share (in tenths of a percent, at most 100 %).
    pub fn is_percent(self) -> bool {
        matches!(
            self,
            Indicator::CommitmentsFiled
                | Indicator::MembersGoodOrBetter
                | Indicator::OrganisationsGoodOrBetter
        )
    }

    /// The actual, in tenths, counted from the data: `None` for an entered
    /// indicator, and for a share of nothing yet (nobody graded).
    pub fn actual(self, k: &Known) -> Option<i64> {
        match self {
            Indicator::Admissions => Some(k.admitted * 10),
            Indicator::CommitmentsFiled => share(k.filed, k.members),
            Indicator::MembersGoodOrBetter => good_or_better(&k.member_grades),
            Indicator::OrganisationsGoodOrBetter => good_or_better(&k.organisation_grades),
            Indicator::GoodModels => Some(k.good_models * 10),
            Indicator::Commended => Some(k.commended * 10),
            Indicator::Other => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub status: TargetStatus,
    /// (actual − target) / target, in tenths of a percent, rounded to the
    /// nearest: +389 is "+38,9 %". `None` for a target of zero.
    pub margin_tenths: Option<i64>,
}

/// How `actual` stands against `target` (both in the indicator's unit).
pub fn outcome(target: i64, actual: i64, direction: Direction) -> Outcome {
    use std::cmp::Ordering::*;
    let better = match direction {
        Direction::AtLeast => actual.cmp(&target),
        Direction::AtMost => target.cmp(&actual),
    };
    let status = match better {
        Greater => TargetStatus::Exceeded,
        Equal => TargetStatus::Met,
        Less => TargetStatus::Behind,
    };
    let margin_tenths = (target != 0).then(|| {
        let diff = i128::from(actual) - i128::from(target);
        let t = i128::from(target).abs();
        // Rounded half away from zero, in integers.
        let scaled = diff * 1000;
        let rounded = if scaled >= 0 {
            (scaled + t / 2) / t
        } else {
            -((-scaled + t / 2) / t)
        };
        i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN })
    });
    Outcome {
        status,
        margin_tenths,
    }
}

/// Where a target stands, as the dashboard says it.
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    Exceeded,
    Met,
    /// Short of the target once the year is over.
    Behind,
    /// Short of the target while the year runs.
    InProgress,
    /// No actual yet (an entered indicator not reported, a share of nothing).
    NoData,
}
text_forms!(Standing);

impl Standing {
    pub const ALL: [Standing; 5] = [
        Standing::Exceeded,
        Standing::Met,
        Standing::Behind,
        Standing::InProgress,
        Standing::NoData,
    ];

    /// Met or exceeded.
    pub fn reached(self) -> bool {
        matches!(self, Standing::Exceeded | Standing::Met)
    }
}

/// Where a target of a year stands, and its margin (positive when better
/// than the target, whichever way is better): short of the target is "in
/// progress" until the year is over.
pub fn standing(
    target: i64,
    actual: Option<i64>,
    direction: Direction,
    year_over: bool,
) -> (Standing, Option<i64>) {
    let Some(actual) = actual else {
        return (Standing::NoData, None);
    };
    let o = outcome(target, actual, direction);
    // Said the way it is read: positive when better, whichever way is better.
    let margin = match direction {
        Direction::AtLeast => o.margin_tenths,
        Direction::AtMost => o.margin_tenths.map(|m| m.saturating_neg()),
    };
    let s = match o.status {
        TargetStatus::Exceeded => Standing::Exceeded,
        TargetStatus::Met => Standing::Met,
        TargetStatus::Behind if year_over => Standing::Behind,
        TargetStatus::Behind => Standing::InProgress,
    };
    (s, margin)
}

/// A number as people write it ("95", "95,5", "95.5", "1.250" is not
/// accepted: no thousands separators), in tenths; at most one decimal.
pub fn parse_tenths(s: &str) -> Option<i64> {
    let s = s.trim().trim_end_matches('%').trim_end();
    let (whole, tenth) = match s.split_once([',', '.']) {
        Some((w, t)) if t.len() == 1 => (w, t),
        Some(_) => return None,
        None => (s, "0"),
    };
    if whole.is_empty() || whole.len() > 10 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !tenth.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = whole.parse::<i64>().ok()? * 10 + tenth.parse::<i64>().ok()?;
    (v <= MAX_VALUE).then_some(v)
}

/// A target as the standing committee's form sends it (untrimmed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub indicator: String,
    pub title: String,
    pub measure: String,
    pub direction: String,
    pub target: String,
    pub actual: String,
    pub note: String,
    pub evidence: String,
}

/// A draft checked. A known indicator has no measure, direction or actual
/// of its own (the app counts it; more is better).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    pub indicator: Indicator,
    pub title: String,
    pub measure: String,
    pub direction: Direction,
    pub target: i64,
    pub actual: Option<i64>,
    pub note: String,
    pub evidence: String,
}

/// A target as stored: its place in the resolution's list, what it
/// measures, and its version (every change raises it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionTarget {
    pub id: i64,
    pub year: i32,
    pub position: i32,
    pub spec: Checked,
    pub version: i64,
}

/// The draft, or the first problem with it.
pub fn check(d: &Draft) -> Result<Checked, Problem> {
    let bad = |field, problem| Err(Problem::field(field, problem));
    let Some(indicator) = Indicator::parse(d.indicator.trim()) else {
        return bad(Field::Indicator, FieldProblem::Unknown);
    };
    let other = indicator == Indicator::Other;
    let title = d.title.trim();
    if other && title.is_empty() {
        return bad(Field::Title, FieldProblem::Missing);
    }
    for (value, field, max) in [
        (title, Field::Title, MAX_TITLE_LEN),
        (d.measure.trim(), Field::Measure, MAX_MEASURE_LEN),
        (d.note.trim(), Field::Note, MAX_NOTE_LEN),
        (d.evidence.trim(), Field::Evidence, MAX_EVIDENCE_LEN),
    ] {
        if too_long(value, max) {
            return bad(field, FieldProblem::TooLong);
        }
    }
    let direction = match d.direction.trim() {
        _ if !other => Direction::AtLeast,
        "" => Direction::AtLeast,
        s => match Direction::parse(s) {
            Some(dir) => dir,
            None => return bad(Field::Direction, FieldProblem::Unknown),
        },
    };
    let target = match d.target.trim() {
        "" => return bad(Field::TargetValue, FieldProblem::Missing),
        s => match parse_tenths(s) {
            Some(v) if !indicator.is_percent() || v <= FULL_PERCENT => v,
            _ => return bad(Field::TargetValue, FieldProblem::Unknown),
        },
    };
    let actual = match d.actual.trim() {
        "" => None,
        _ if !other => return bad(Field::Actual, FieldProblem::Unknown),
        s => match parse_tenths(s) {
            Some(v) => Some(v),
            None => return bad(Field::Actual, FieldProblem::Unknown),
        },
    };
    Ok(Checked {
        indicator,
        title: title.to_string(),
        measure: if other {
            d.measure.trim().to_string()
        } else {
            String::new()
        },
        direction,
        target,
        actual,
        note: d.note.trim().to_string(),
        evidence: d.evidence.trim().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known() -> Known {
        Known {
            members: 4521,
            filed: 4521,
            admitted: 132,
            member_grades: [600, 3400, 500, 21],
            organisation_grades: [20, 70, 8, 0],
            good_models: 84,
            commended: 255,
        }
    }

    #[test]
    fn known_indicators_count_their_actuals_in_tenths() {
        let k = known();
        assert_eq!(Indicator::Admissions.actual(&k), Some(1320));
        assert_eq!(Indicator::CommitmentsFiled.actual(&k), Some(1000));
        // 4,000 of 4,521 graded: 88,5 %.
        assert_eq!(Indicator::MembersGoodOrBetter.actual(&k), Some(885));
        // 90 of 98: 91,8 %.
        assert_eq!(Indicator::OrganisationsGoodOrBetter.actual(&k), Some(918));
        assert_eq!(Indicator::GoodModels.actual(&k), Some(840));
        assert_eq!(Indicator::Commended.actual(&k), Some(2550));
        assert_eq!(Indicator::Other.actual(&k), None);
        // A share of nobody is not known yet (not 0 %).
        let none = Known::default();
        assert_eq!(Indicator::MembersGoodOrBetter.actual(&none), None);
        assert_eq!(Indicator::CommitmentsFiled.actual(&none), None);
        assert_eq!(Indicator::Admissions.actual(&none), Some(0));
    }

    #[test]
    fn short_of_the_target_is_in_progress_until_the_year_is_over() {
        let at = Direction::AtLeast;
        assert_eq!(
            standing(950, Some(1320), at, true),
            (Standing::Exceeded, Some(389))
        );
        assert_eq!(standing(950, Some(300), at, false).0, Standing::InProgress);
        assert_eq!(standing(950, Some(300), at, true).0, Standing::Behind);
        assert_eq!(standing(950, None, at, true), (Standing::NoData, None));
        assert_eq!(standing(1000, Some(1000), at, false).0, Standing::Met);
        assert!(Standing::Met.reached() && !Standing::InProgress.reached());
        // "At most 5 disciplined": 2 is 60 % better, 6 is 20 % worse.
        let most = Direction::AtMost;
        assert_eq!(
            standing(50, Some(20), most, true),
            (Standing::Exceeded, Some(600))
        );
        assert_eq!(
            standing(50, Some(60), most, true),
            (Standing::Behind, Some(-200))
        );
    }

    #[test]
    fn numbers_are_read_as_people_write_them() {
        assert_eq!(parse_tenths("95"), Some(950));
        assert_eq!(parse_tenths(" 95,5 "), Some(955));
        assert_eq!(parse_tenths("95.5"), Some(955));
        assert_eq!(parse_tenths("100 %"), Some(1000));
        assert_eq!(parse_tenths("0"), Some(0));
        for bad in ["", "-3", "1.250", "9,55", "abc", "1e3", ",5", "99999999999"] {
            assert_eq!(parse_tenths(bad), None, "{bad:?}");
        }
        assert_eq!(parse_tenths("100000000"), Some(MAX_VALUE));
        assert_eq!(parse_tenths("100000000,1"), None);
    }

    fn draft(indicator: &str, target: &str) -> Draft {
        Draft {
            indicator: indicator.into(),
            target: target.into(),
            ..Draft::default()
        }
    }

    #[test]
    fn a_known_indicator_takes_a_target_and_nothing_the_app_counts() {
        let c = check(&draft("admissions", "95")).unwrap();
        assert_eq!(
            (c.indicator, c.target, c.actual, c.direction),
            (Indicator::Admissions, 950, None, Direction::AtLeast)
        );
        // Its measure and direction are the app's; an actual is refused.
        let d = Draft {
            measure: "người".into(),
            direction: "at_most".into(),
            ..draft("good_models", "80")
        };
        let c = check(&d).unwrap();
        assert_eq!((c.measure.as_str(), c.direction), ("", Direction::AtLeast));
        let d = Draft {
            actual: "90".into(),
            ..draft("good_models", "80")
        };
        assert_eq!(
            check(&d),
            Err(Problem::field(Field::Actual, FieldProblem::Unknown))
        );
        // A share is at most 100 %.
        assert_eq!(
            check(&draft("commitments_filed", "100,1")),
            Err(Problem::field(Field::TargetValue, FieldProblem::Unknown))
        );
    }

    #[test]
    fn an_entered_indicator_needs_its_wording_and_may_carry_its_actual() {
        let d = Draft {
            title: "  Bồi dưỡng quần chúng ưu tú ".into(),
            measure: "người".into(),
            direction: "at_least".into(),
            actual: "178".into(),
            note: "Theo báo cáo của Trung tâm bồi dưỡng chính trị".into(),
            ..draft("other", "150")
        };
        let c = check(&d).unwrap();
        assert_eq!(c.title, "Bồi dưỡng quần chúng ưu tú");
        assert_eq!((c.target, c.actual), (1500, Some(1780)));
        let cases = [
            (draft("other", "1"), Field::Title, FieldProblem::Missing),
            (draft("sport", "1"), Field::Indicator, FieldProblem::Unknown),
            (
                draft("admissions", " "),
                Field::TargetValue,
                FieldProblem::Missing,
            ),
            (
                draft("admissions", "-1"),
                Field::TargetValue,
                FieldProblem::Unknown,
            ),
            (
                Draft {
                    direction: "sideways".into(),
                    title: "x".into(),
                    ..draft("other", "1")
                },
                Field::Direction,
                FieldProblem::Unknown,
            ),
            (
                Draft {
                    actual: "nhiều".into(),
                    title: "x".into(),
                    ..draft("other", "1")
                },
                Field::Actual,
                FieldProblem::Unknown,
            ),
            (
                Draft {
                    title: "ệ".repeat(301),
                    ..draft("other", "1")
                },
                Field::Title,
                FieldProblem::TooLong,
            ),
            (
                Draft {
                    measure: "m".repeat(51),
                    title: "x".into(),
                    ..draft("other", "1")
                },
                Field::Measure,
                FieldProblem::TooLong,
            ),
            (
                Draft {
                    note: "n".repeat(2001),
                    ..draft("admissions", "1")
                },
                Field::Note,
                FieldProblem::TooLong,
            ),
            (
                Draft {
                    evidence: "e".repeat(501),
                    ..draft("admissions", "1")
                },
                Field::Evidence,
                FieldProblem::TooLong,
            ),
        ];
        for (d, field, problem) in cases {
            assert_eq!(check(&d), Err(Problem::field(field, problem)), "{d:?}");
        }
    }

    proptest! {
        /// Whatever is typed, checking never panics, and a value it
        /// accepts is within bounds.
        #[test]
        fn any_input_is_checked_without_panic(target in ".{0,20}", actual in ".{0,20}") {
            let d = Draft { indicator: "other".into(), title: "x".into(), target, actual, ..Draft::default() };
            if let Ok(c) = check(&d) {
                prop_assert!((0..=MAX_VALUE).contains(&c.target));
                prop_assert!(c.actual.is_none_or(|a| (0..=MAX_VALUE).contains(&a)));
            }
        }
    }

    #[test]
    fn the_seeds_admissions_exceed_their_target_by_38_9_percent() {
        let o = outcome(95, 132, Direction::AtLeast);
        assert_eq!(o.status, TargetStatus::Exceeded);
        assert_eq!(o.margin_tenths, Some(389));
    }

    #[test]
    fn met_behind_and_the_other_direction() {
        assert_eq!(
            outcome(100, 100, Direction::AtLeast).status,
            TargetStatus::Met
        );
        assert_eq!(outcome(100, 100, Direction::AtLeast).margin_tenths, Some(0));
        let behind = outcome(80, 60, Direction::AtLeast);
        assert_eq!(
            (behind.status, behind.margin_tenths),
            (TargetStatus::Behind, Some(-250))
        );
        // "At most 20 graded not completed": 10 beats the target, 30 falls behind.
        assert_eq!(
            outcome(20, 10, Direction::AtMost).status,
            TargetStatus::Exceeded
        );
        assert_eq!(
            outcome(20, 30, Direction::AtMost).status,
            TargetStatus::Behind
        );
        assert_eq!(outcome(0, 3, Direction::AtLeast).margin_tenths, None);
    }

    proptest! {
        /// The status agrees with the margin's sign (when there is one),
        /// and extreme values never overflow.
        #[test]
        fn status_and_margin_agree(target in any::<i64>(), actual in any::<i64>()) {
            let o = outcome(target, actual, Direction::AtLeast);
            match o.status {
                TargetStatus::Met => prop_assert_eq!(target, actual),
                TargetStatus::Exceeded => prop_assert!(actual > target),
                TargetStatus::Behind => prop_assert!(actual < target),
            }
            if let Some(m) = o.margin_tenths {
                let diff = (i128::from(actual) - i128::from(target)).signum() as i64;
                prop_assert!(m.signum() * diff >= 0);
            }
        }
    }
}
