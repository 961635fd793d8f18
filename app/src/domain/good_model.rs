//! Good models and effective practices (mô hình hay, cách làm hiệu quả):
//! registered by a unit's leadership for a year, recognised by the
//! committee above, cited by commendation proposals.

use super::org::UnitRef;
use super::problem::{Field, FieldProblem, Problem, party_day, too_long};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_LEN: usize = 300;
pub const MAX_TEXT_LEN: usize = 5_000;
pub const MAX_RUN_BY_LEN: usize = 300;

/// The area a model works in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ModelField {
    /// Xây dựng Đảng.
    PartyBuilding,
    /// Chính trị, tư tưởng (học tập và làm theo Bác).
    Ideology,
    /// Cải cách hành chính, chuyển đổi số.
    AdministrativeReform,
    /// Phát triển kinh tế, sản xuất.
    Economy,
    /// Văn hóa, xã hội, an sinh.
    Social,
    /// Dân vận.
    MassMobilisation,
}

text_forms!(ModelField);

/// A registered model, as lists and its page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodModelRow {
    pub id: i64,
    pub unit: UnitRef,
    pub year: i32,
    pub title: String,
    pub field: ModelField,
    pub description: String,
    pub run_by: String,
    pub since: Option<NaiveDate>,
    pub results: String,
    /// The committee above that recognised it, and when.
    pub recognised_by: Option<UnitRef>,
    pub recognised_on: Option<NaiveDate>,
    pub version: i64,
}

/// What the leadership enters, as the form sends it (trimmed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub title: String,
    pub field: String,
    pub description: String,
    pub run_by: String,
    pub since: String,
    pub results: String,
}

/// A draft checked: its field and start date parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub title: String,
    pub field: ModelField,
    pub description: String,
    pub run_by: String,
    pub since: Option<NaiveDate>,
    pub results: String,
}

/// The draft, or the first problem with it. A model runs since a day no
/// later than `today` and no earlier than 1930 (the Party's founding).
pub fn check(d: &Draft, today: NaiveDate) -> Result<Checked, Problem> {
    let bad = |field, problem| Err(Problem::field(field, problem));
    let title = d.title.trim();
    if title.is_empty() {
        return bad(Field::Title, FieldProblem::Missing);
    }
    if too_long(title, MAX_TITLE_LEN) {
        return bad(Field::Title, FieldProblem::TooLong);
    }
    let Some(field) = ModelField::parse(d.field.trim()) else {
        return bad(Field::ModelField, FieldProblem::Unknown);
    };
    for (value, f, max) in [
        (&d.description, Field::Description, MAX_TEXT_LEN),
        (&d.results, Field::Results, MAX_TEXT_LEN),
        (&d.run_by, Field::RunBy, MAX_RUN_BY_LEN),
    ] {
        if too_long(value.trim(), max) {
            return bad(f, FieldProblem::TooLong);
        }
    }
    let since = match d.since.trim() {
        "" => None,
        s => match party_day(s, today) {
            Some(day) => Some(day),
            None => return bad(Field::Since, FieldProblem::Unknown),
        },
    };
    Ok(Checked {
        title: title.to_string(),
        field,
        description: d.description.trim().to_string(),
        run_by: d.run_by.trim().to_string(),
        since,
        results: d.results.trim().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn draft() -> Draft {
        Draft {
            title: "  Mô hình \"Dân vận khéo\"  ".into(),
            field: "mass_mobilisation".into(),
            since: "2019-05-19".into(),
            ..Draft::default()
        }
    }

    #[test]
    fn a_good_draft_is_trimmed_and_parsed() {
        let c = check(&draft(), day(2021, 3, 15)).unwrap();
        assert_eq!(c.title, "Mô hình \"Dân vận khéo\"");
        assert_eq!(c.field, ModelField::MassMobilisation);
        assert_eq!(c.since, Some(day(2019, 5, 19)));
    }

    #[test]
    fn each_problem_names_its_field() {
        let today = day(2021, 3, 15);
        let cases = [
            (
                Draft {
                    title: " ".into(),
                    ..draft()
                },
                Field::Title,
                FieldProblem::Missing,
            ),
            (
                Draft {
                    title: "x".repeat(301),
                    ..draft()
                },
                Field::Title,
                FieldProblem::TooLong,
            ),
            (
                Draft {
                    field: "sport".into(),
                    ..draft()
                },
                Field::ModelField,
                FieldProblem::Unknown,
            ),
            (
                Draft {
                    results: "ạ".repeat(5001),
                    ..draft()
                },
                Field::Results,
                FieldProblem::TooLong,
            ),
            (
                Draft {
                    run_by: "a".repeat(301),
                    ..draft()
                },
                Field::RunBy,
                FieldProblem::TooLong,
            ),
            (
                Draft {
                    since: "2021-03-16".into(),
                    ..draft()
                },
                Field::Since,
                FieldProblem::Unknown,
            ),
            (
                Draft {
                    since: "1929-12-31".into(),
                    ..draft()
                },
                Field::Since,
                FieldProblem::Unknown,
            ),
            (
                Draft {
                    since: "15/03/2020".into(),
                    ..draft()
                },
                Field::Since,
                FieldProblem::Unknown,
            ),
        ];
        for (d, field, problem) in cases {
            assert_eq!(
                check(&d, today),
                Err(Problem::field(field, problem)),
                "{d:?}"
            );
        }
        // Exactly at the limits passes; a long text counts characters, not bytes.
        let d = Draft {
            title: "ệ".repeat(300),
            description: "ệ".repeat(5000),
            since: "2021-03-15".into(),
            ..draft()
        };
        assert!(check(&d, today).is_ok());
    }
}
