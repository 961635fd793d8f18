//! A year of commitments as the bloc's standing committee sets it up: theme,
//! the commitment form's sections, deadlines and grading rules. Past years
//! keep their settings (each year is its own row, versioned).

use super::GradingRuleSet;
use super::commitment::Deadlines;
use serde::{Deserialize, Serialize};

/// The six sections of the commitment form (DOMAIN.md "Yearly commitment"),
/// the default of a new year.
pub const DEFAULT_SECTIONS: [&str; 6] = [
    "Về tư tưởng chính trị",
    "Về phẩm chất đạo đức, lối sống",
    "Về tác phong, lề lối làm việc và ý thức tổ chức kỷ luật",
    "Về thực hiện chức trách, nhiệm vụ được giao",
    "Việc làm cụ thể học tập và làm theo chuyên đề năm",
    "Khắc phục hạn chế, khuyết điểm đã được chỉ ra",
];

pub const MAX_SECTIONS: usize = 12;
pub const MAX_SECTION_LEN: usize = 200;
pub const MAX_THEME_LEN: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearConfig {
    pub year: i32,
    pub theme: String,
    pub sections: Vec<String>,
    pub deadlines: Deadlines,
    pub rule_set: GradingRuleSet,
    pub version: i64,
}

impl YearConfig {
    /// A year with the default form and deadlines and the rules then in force.
    pub fn with_defaults(year: i32, theme: &str) -> Option<YearConfig> {
        Some(YearConfig {
            year,
            theme: theme.to_string(),
            sections: DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect(),
            deadlines: default_deadlines(year)?,
            rule_set: rules_in_force(year),
            version: 1,
        })
    }
}

/// The year whose figures summaries report on `today`: the newest year
/// whose grading has closed (its results are final, as in the bloc's
/// yearly report), else the oldest year set up.
pub fn reported_year(years: &[YearConfig], today: chrono::NaiveDate) -> Option<i32> {
    years
        .iter()
        .filter(|y| y.deadlines.grading < today)
        .map(|y| y.year)
        .max()
        .or_else(|| years.iter().map(|y| y.year).min())
}

/// The year commitment pages open on by default on `today`: the oldest year
/// whose grading is still open (the one members and secretaries work on; a
/// year set up in advance waits until the one before it has closed), else
/// the newest year set up.
pub fn working_year(years: &[YearConfig], today: chrono::NaiveDate) -> Option<i32> {
    years
        .iter()
        .filter(|y| y.deadlines.grading >= today)
        .map(|y| y.year)
        .min()
        .or_else(|| years.iter().map(|y| y.year).max())
}

/// Why a year's settings are refused (one message each in the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum YearProblem {
    /// Outside 2000–2100.
    BadYear,
    ThemeMissing,
    ThemeTooLong,
    NoSections,
    TooManySections,
    /// A section's title is empty or longer than 200 characters.
    BadSection,
    /// Deadlines must follow the stages in order, within the year.
    DeadlinesOutOfOrder,
    /// A year's rules are fixed once its commitments exist.
    RulesLocked,
}

/// The default deadlines of a year: filing by 31 March, mid-year review by
/// 15 July, self-assessment by 30 November, grading by 20 December.
pub fn default_deadlines(year: i32) -> Option<Deadlines> {
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(year, m, day);
    Some(Deadlines {
        filing: d(3, 31)?,
        mid_year: d(7, 15)?,
        self_assessment: d(11, 30)?,
        grading: d(12, 20)?,
    })
}

/// The grading rules in force in a year: 124-QĐ/TW from 2023, 366-QĐ/TW from 2025.
pub fn rules_in_force(year: i32) -> GradingRuleSet {
    match year {
        ..=2022 => GradingRuleSet::Rules2019,
        2023 | 2024 => GradingRuleSet::Rules2023,
        _ => GradingRuleSet::Rules2025,
    }
}

/// Checks a year's settings; `has_commitments` says whether members have
/// filed under the stored rules, `stored_rules` what those are.
pub fn check(
    config: &YearConfig,
    stored_rules: Option<GradingRuleSet>,
    has_commitments: bool,
) -> Vec<YearProblem> {
    let mut problems = Vec::new();
    if !(2000..=2100).contains(&config.year) {
        problems.push(YearProblem::BadYear);
    }
    let theme = config.theme.trim();
    if theme.is_empty() {
        problems.push(YearProblem::ThemeMissing);
    } else if theme.chars().count() > MAX_THEME_LEN {
        problems.push(YearProblem::ThemeTooLong);
    }
    if config.sections.is_empty() {
        problems.push(YearProblem::NoSections);
    } else if config.sections.len() > MAX_SECTIONS {
        problems.push(YearProblem::TooManySections);
    }
    if config
        .sections
        .iter()
        .any(|s| s.trim().is_empty() || s.chars().count() > MAX_SECTION_LEN)
    {
        problems.push(YearProblem::BadSection);
    }
    if !config.deadlines.are_ordered(config.year) || !within_year(config) {
        problems.push(YearProblem::DeadlinesOutOfOrder);
    }
    if has_commitments && stored_rules.is_some_and(|r| r != config.rule_set) {
        problems.push(YearProblem::RulesLocked);
    }
    problems
}

/// Grading may run into the first weeks of the next year, no further.
fn within_year(config: &YearConfig) -> bool {
    use chrono::Datelike;
    config.deadlines.grading.year() <= config.year + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(year: i32) -> YearConfig {
        YearConfig {
            year,
            theme: "Chuyên đề năm".into(),
            sections: DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect(),
            deadlines: default_deadlines(year).unwrap(),
            rule_set: rules_in_force(year),
            version: 1,
        }
    }

    #[test]
    fn the_default_year_is_valid_and_follows_the_rules_in_force() {
        assert_eq!(check(&config(2021), None, false), vec![]);
        assert_eq!(rules_in_force(2020), GradingRuleSet::Rules2019);
        assert_eq!(rules_in_force(2023), GradingRuleSet::Rules2023);
        assert_eq!(rules_in_force(2026), GradingRuleSet::Rules2025);
    }

    #[test]
    fn summaries_report_the_last_year_whose_grading_closed() {
        let years = [config(2020), config(2021)];
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(reported_year(&years, day(2021, 3, 15)), Some(2020));
        assert_eq!(reported_year(&years, day(2021, 12, 21)), Some(2021));
        assert_eq!(reported_year(&years, day(2020, 6, 1)), Some(2020));
        assert_eq!(reported_year(&[], day(2020, 6, 1)), None);
    }

    #[test]
    fn pages_open_on_the_year_in_progress_not_one_set_up_ahead() {
        let years = [config(2020), config(2021), config(2022)];
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(working_year(&years, day(2021, 3, 15)), Some(2021));
        assert_eq!(working_year(&years, day(2020, 11, 20)), Some(2020));
        assert_eq!(working_year(&years, day(2021, 12, 31)), Some(2022));
        assert_eq!(working_year(&years, day(2023, 2, 1)), Some(2022));
        assert_eq!(working_year(&[], day(2020, 6, 1)), None);
    }

    #[test]
    fn problems_are_named() {
        let mut c = config(2021);
        c.theme = "  ".into();
        c.sections.push(String::new());
        c.deadlines.mid_year = c.deadlines.filing;
        assert_eq!(
            check(&c, None, false),
            vec![
                YearProblem::ThemeMissing,
                YearProblem::BadSection,
                YearProblem::DeadlinesOutOfOrder
            ]
        );
        let mut c = config(2021);
        c.sections.clear();
        c.rule_set = GradingRuleSet::Rules2025;
        assert_eq!(
            check(&c, Some(GradingRuleSet::Rules2019), true),
            vec![YearProblem::NoSections, YearProblem::RulesLocked]
        );
        // Without commitments the rules may still change.
        let mut c = config(2021);
        c.rule_set = GradingRuleSet::Rules2025;
        assert_eq!(check(&c, Some(GradingRuleSet::Rules2019), false), vec![]);
    }
}
