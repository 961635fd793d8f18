//! Year-end grades and the quota on "excellent" (DOMAIN.md "Year-end grading").

use super::GradingRuleSet;
use serde::{Deserialize, Serialize};

/// The four grades, for members and for organisations, best first.
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// Hoàn thành xuất sắc nhiệm vụ.
    Excellent,
    /// Hoàn thành tốt nhiệm vụ.
    Good,
    /// Hoàn thành nhiệm vụ.
    Completed,
    /// Không hoàn thành nhiệm vụ.
    NotCompleted,
}
text_forms!(Grade);

impl Grade {
    pub const ALL: [Grade; 4] = [
        Grade::Excellent,
        Grade::Good,
        Grade::Completed,
        Grade::NotCompleted,
    ];
}

/// The grade a score on the 100-point scale of 366-QĐ/TW (2025) gives:
/// ≥ 90 excellent, 70–89 good, 50–69 completed, below 50 not completed.
pub fn grade_from_points(points: u8) -> Grade {
    match points {
        90.. => Grade::Excellent,
        70..=89 => Grade::Good,
        50..=69 => Grade::Completed,
        _ => Grade::NotCompleted,
    }
}

/// Whether a rule set grades members by points (the 2025 rules) rather than
/// directly by grade.
pub fn uses_points(rules: GradingRuleSet) -> bool {
    rules == GradingRuleSet::Rules2025
}

/// The quota within one grassroots organisation: those graded excellent may
/// not exceed 20 % of those graded good. DOMAIN.md gives it for the rules of
/// 2018/2019; the rules of 2023 and 2025 keep the same ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    pub excellent: u32,
    pub good: u32,
    /// The most "excellent" grades the "good" ones allow.
    pub max_excellent: u32,
}

impl Quota {
    pub fn holds(&self) -> bool {
        self.excellent <= self.max_excellent
    }

    /// How many "excellent" grades are over the quota.
    pub fn excess(&self) -> u32 {
        self.excellent.saturating_sub(self.max_excellent)
    }
}

/// The quota of a grassroots organisation's grades under `rules`.
pub fn quota(rules: GradingRuleSet, grades: impl IntoIterator<Item = Grade>) -> Quota {
    let (mut excellent, mut good) = (0u32, 0u32);
    for g in grades {
        match g {
            Grade::Excellent => excellent += 1,
            Grade::Good => good += 1,
            _ => {}
        }
    }
    let percent = match rules {
        GradingRuleSet::Rules2019 | GradingRuleSet::Rules2023 | GradingRuleSet::Rules2025 => 20,
    };
    Quota {
        excellent,
        good,
        // Whole members only: 20 % of 14 good allows 2, not 2.8.
        max_excellent: good * percent / 100,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn grades_round_trip_and_points_map_to_grades() {
        for g in Grade::ALL {
            assert_eq!(Grade::parse(g.as_str()), Some(g));
        }
        assert_eq!(Grade::parse("great"), None);
        assert_eq!(grade_from_points(100), Grade::Excellent);
        assert_eq!(grade_from_points(90), Grade::Excellent);
        assert_eq!(grade_from_points(89), Grade::Good);
        assert_eq!(grade_from_points(70), Grade::Good);
        assert_eq!(grade_from_points(69), Grade::Completed);
        assert_eq!(grade_from_points(50), Grade::Completed);
        assert_eq!(grade_from_points(49), Grade::NotCompleted);
        assert!(uses_points(GradingRuleSet::Rules2025));
        assert!(!uses_points(GradingRuleSet::Rules2019));
    }

    #[test]
    fn excellent_is_capped_at_a_fifth_of_good() {
        use Grade::*;
        let q = quota(
            GradingRuleSet::Rules2019,
            [vec![Good; 10], vec![Excellent; 2]].concat(),
        );
        assert_eq!((q.max_excellent, q.holds()), (2, true));
        let q = quota(
            GradingRuleSet::Rules2019,
            [vec![Good; 14], vec![Excellent; 3], vec![Completed; 5]].concat(),
        );
        assert_eq!((q.max_excellent, q.holds(), q.excess()), (2, false, 1));
        // No one good: no one may be excellent.
        let q = quota(GradingRuleSet::Rules2019, [Excellent, Completed]);
        assert_eq!((q.max_excellent, q.holds()), (0, false));
        assert!(quota(GradingRuleSet::Rules2019, []).holds());
    }

    proptest! {
        /// Within the quota exactly when excellent × 5 ≤ good, and moving one
        /// "excellent" to "good" never breaks a quota that held.
        #[test]
        fn quota_is_a_fifth_and_monotone(excellent in 0u32..50, good in 0u32..250, completed in 0u32..50) {
            let grades = std::iter::repeat_n(Grade::Excellent, excellent as usize)
                .chain(std::iter::repeat_n(Grade::Good, good as usize))
                .chain(std::iter::repeat_n(Grade::Completed, completed as usize));
            let q = quota(GradingRuleSet::Rules2019, grades);
            prop_assert_eq!(q.holds(), excellent * 5 <= good);
            if q.holds() && excellent > 0 {
                let fewer = Quota { excellent: excellent - 1, good: good + 1, max_excellent: (good + 1) / 5 };
                prop_assert!(fewer.holds());
            }
        }
    }
}
