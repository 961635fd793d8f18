//! What a commitment holds: concrete undertakings per section, and at year
//! end their self-assessment and the proposed grade. Checked here, before
//! anything is stored, with problems the form can show beside the field.

use super::grading::Grade;
use serde::{Deserialize, Serialize};

pub const MAX_ITEMS_PER_SECTION: usize = 20;
pub const MAX_ITEM_LEN: usize = 1000;
pub const MAX_NOTE_LEN: usize = 2000;
/// Enough to say why, short enough to read in a list.
pub const MAX_JUSTIFICATION_LEN: usize = 1000;

/// One undertaking of a section, with its year-end assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Undertaking {
    /// Index into the year's sections.
    pub section: usize,
    pub text: String,
    pub result: Option<ItemResult>,
    pub result_note: String,
}

/// How far an undertaking was carried out, as the member judges at year end.
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemResult {
    /// Hoàn thành.
    Done,
    /// Hoàn thành một phần.
    Partly,
    /// Chưa hoàn thành.
    NotDone,
}
text_forms!(ItemResult);

impl ItemResult {
    pub const ALL: [ItemResult; 3] = [ItemResult::Done, ItemResult::Partly, ItemResult::NotDone];
}

/// A problem with what was entered, located for the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContentProblem {
    /// A section without any undertaking (submitting needs one in each).
    EmptySection {
        section: usize,
    },
    TooManyItems {
        section: usize,
    },
    ItemTooLong {
        section: usize,
    },
    /// An undertaking refers to a section the year does not have.
    UnknownSection,
    /// The year-end assessment leaves an undertaking unassessed.
    NotAssessed {
        section: usize,
    },
    /// A grade (or points, under the 2025 rules) is needed.
    GradeMissing,
    /// Points are 0–100.
    PointsOutOfRange,
    /// A proposed grade needs a short justification.
    JustificationMissing,
    TextTooLong,
}

/// Cleans what the form sent: NFC, trimmed, blank undertakings dropped,
/// sections kept in order with their items in the order given.
pub fn clean(items: Vec<Undertaking>) -> Vec<Undertaking> {
    let mut items: Vec<Undertaking> = items
        .into_iter()
        .map(|u| Undertaking {
            text: super::text::clean(&u.text),
            result_note: super::text::clean(&u.result_note),
            ..u
        })
        .filter(|u| !u.text.is_empty())
        .collect();
    // Stable: the order within a section is the member's.
    items.sort_by_key(|u| u.section);
    items
}

/// Problems of undertakings for a draft (`submit` false) or a submission.
pub fn check_items(items: &[Undertaking], sections: usize, submit: bool) -> Vec<ContentProblem> {
    let mut problems = Vec::new();
    if items.iter().any(|u| u.section >= sections) {
        problems.push(ContentProblem::UnknownSection);
    }
    for section in 0..sections {
        let of = || items.iter().filter(|u| u.section == section);
        let n = of().count();
        if submit && n == 0 {
            problems.push(ContentProblem::EmptySection { section });
        }
        if n > MAX_ITEMS_PER_SECTION {
            problems.push(ContentProblem::TooManyItems { section });
        }
        if of().any(|u| u.text.chars().count() > MAX_ITEM_LEN) {
            problems.push(ContentProblem::ItemTooLong { section });
        }
    }
    problems
}

/// A grade as proposed or decided: directly, or by points under the 2025 rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub grade: Grade,
    pub points: Option<u8>,
}

/// Reads a grade from a form: under a points-based rule set the points
/// decide the grade; otherwise the grade is chosen.
pub fn assessment(
    rules: super::GradingRuleSet,
    grade: Option<Grade>,
    points: Option<i64>,
) -> Result<Assessment, ContentProblem> {
    if super::grading::uses_points(rules) {
        let p = points.ok_or(ContentProblem::GradeMissing)?;
        let p = u8::try_from(p)
            .ok()
            .filter(|p| *p <= 100)
            .ok_or(ContentProblem::PointsOutOfRange)?;
        Ok(Assessment {
            grade: super::grading::grade_from_points(p),
            points: Some(p),
        })
    } else {
        Ok(Assessment {
            grade: grade.ok_or(ContentProblem::GradeMissing)?,
            points: None,
        })
    }
}

/// Problems of a year-end self-assessment: every undertaking assessed, and a
/// justification of the proposed grade.
pub fn check_self_assessment(items: &[Undertaking], justification: &str) -> Vec<ContentProblem> {
    let mut problems: Vec<ContentProblem> = Vec::new();
    for u in items.iter().filter(|u| u.result.is_none()) {
        let p = ContentProblem::NotAssessed { section: u.section };
        if !problems.contains(&p) {
            problems.push(p);
        }
    }
    if items
        .iter()
        .any(|u| u.result_note.chars().count() > MAX_NOTE_LEN)
    {
        problems.push(ContentProblem::TextTooLong);
    }
    problems.extend(check_justification(justification));
    problems
}

/// A grade proposal's or decision's justification: required, not too long.
pub fn check_justification(justification: &str) -> Option<ContentProblem> {
    let j = justification.trim();
    if j.is_empty() {
        Some(ContentProblem::JustificationMissing)
    } else if j.chars().count() > MAX_JUSTIFICATION_LEN {
        Some(ContentProblem::TextTooLong)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::GradingRuleSet;

    fn item(section: usize, text: &str) -> Undertaking {
        Undertaking {
            section,
            text: text.into(),
            result: None,
            result_note: String::new(),
        }
    }

    #[test]
    fn blank_undertakings_are_dropped_and_sections_kept_in_order() {
        let cleaned = clean(vec![
            item(2, " Đi làm đúng giờ "),
            item(0, "   "),
            item(0, "Học nghị quyết"),
            item(2, "Không uống rượu bia trong giờ làm việc"),
        ]);
        let texts: Vec<_> = cleaned
            .iter()
            .map(|u| (u.section, u.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (0, "Học nghị quyết"),
                (2, "Đi làm đúng giờ"),
                (2, "Không uống rượu bia trong giờ làm việc")
            ]
        );
    }

    #[test]
    fn a_submission_needs_every_section_a_draft_does_not() {
        let items = vec![item(0, "a"), item(1, "b")];
        assert_eq!(check_items(&items, 2, true), vec![]);
        assert_eq!(
            check_items(&items, 3, true),
            vec![ContentProblem::EmptySection { section: 2 }]
        );
        assert_eq!(check_items(&items, 3, false), vec![]);
        assert_eq!(
            check_items(&[item(5, "x")], 3, false),
            vec![ContentProblem::UnknownSection]
        );
        let long = "x".repeat(MAX_ITEM_LEN + 1);
        assert_eq!(
            check_items(&[item(0, &long)], 1, false),
            vec![ContentProblem::ItemTooLong { section: 0 }]
        );
        let many: Vec<_> = (0..=MAX_ITEMS_PER_SECTION).map(|_| item(0, "a")).collect();
        assert_eq!(
            check_items(&many, 1, false),
            vec![ContentProblem::TooManyItems { section: 0 }]
        );
    }

    #[test]
    fn assessments_by_grade_or_by_points() {
        assert_eq!(
            assessment(GradingRuleSet::Rules2019, Some(Grade::Good), None),
            Ok(Assessment {
                grade: Grade::Good,
                points: None
            })
        );
        assert_eq!(
            assessment(GradingRuleSet::Rules2019, None, Some(95)),
            Err(ContentProblem::GradeMissing)
        );
        assert_eq!(
            assessment(GradingRuleSet::Rules2025, Some(Grade::Completed), Some(92)),
            Ok(Assessment {
                grade: Grade::Excellent,
                points: Some(92)
            })
        );
        assert_eq!(
            assessment(GradingRuleSet::Rules2025, None, Some(101)),
            Err(ContentProblem::PointsOutOfRange)
        );
    }

    #[test]
    fn a_self_assessment_covers_every_undertaking_and_says_why() {
        let mut items = vec![item(0, "a"), item(1, "b")];
        assert_eq!(
            check_self_assessment(&items, ""),
            vec![
                ContentProblem::NotAssessed { section: 0 },
                ContentProblem::NotAssessed { section: 1 },
                ContentProblem::JustificationMissing
            ]
        );
        for u in &mut items {
            u.result = Some(ItemResult::Done);
        }
        assert_eq!(
            check_self_assessment(&items, "Hoàn thành tốt mọi nhiệm vụ"),
            vec![]
        );
    }
}
