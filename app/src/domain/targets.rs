//! Resolution targets (chỉ tiêu nghị quyết): a unit's yearly resolution sets
//! targets, each an indicator with a target value; the actual is counted
//! from the data when the app knows the indicator, entered otherwise. This
//! decides how an actual stands against its target.

use serde::{Deserialize, Serialize};

/// How an actual stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetStatus {
    Exceeded,
    Met,
    Behind,
}

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// More is better (admissions, shares filed, good models …).
    AtLeast,
    /// Less is better (members graded "not completed", disciplines …).
    AtMost,
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
