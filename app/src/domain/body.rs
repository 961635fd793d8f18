//! Special bodies attached to a unit (Nghị quyết 35-NQ/TW, 2018): the
//! Steering Committee 35 (Ban Chỉ đạo 35) that protects the Party's
//! ideological foundation, its secretariat, its collaborators and their
//! wider group. Their people may be party members of the app or outside
//! people (a name and a workplace); each holds a role from a day, until a
//! day when they leave.

use super::org::UnitRef;
use super::problem::{Field, FieldProblem, Problem, party_day, too_long};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_NAME_LEN: usize = 200;
pub const MAX_WORKPLACE_LEN: usize = 300;
/// People a body lists at most (the seed's largest group has 154).
pub const MAX_PEOPLE: usize = 2_000;

/// What a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum BodyKind {
    /// Ban Chỉ đạo 35.
    SteeringCommittee,
    /// Tổ thư ký (tổ giúp việc) of the Steering Committee.
    Secretariat,
    /// Cộng tác viên: the collaborators named by the Steering Committee.
    Collaborators,
    /// Nhóm cộng tác viên: the wider group of collaborators.
    CollaboratorGroup,
}

text_forms!(BodyKind);

impl BodyKind {
    pub const ALL: [BodyKind; 4] = [
        BodyKind::SteeringCommittee,
        BodyKind::Secretariat,
        BodyKind::Collaborators,
        BodyKind::CollaboratorGroup,
    ];
}

/// A person's role in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum BodyRole {
    /// Trưởng ban.
    Head,
    /// Phó trưởng ban.
    Deputy,
    /// Thành viên.
    Member,
    /// Thư ký.
    Secretary,
    /// Cộng tác viên.
    Collaborator,
}

text_forms!(BodyRole);

impl BodyRole {
    pub const ALL: [BodyRole; 5] = [
        BodyRole::Head,
        BodyRole::Deputy,
        BodyRole::Member,
        BodyRole::Secretary,
        BodyRole::Collaborator,
    ];
}

/// A body with how many people it has today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyRow {
    pub id: i64,
    pub unit: UnitRef,
    pub kind: BodyKind,
    pub name: String,
    pub since: NaiveDate,
    pub people: i64,
    pub version: i64,
}

/// Someone in a body: a party member of the app (their card number), or
/// an outside person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyPerson {
    pub id: i64,
    pub member_id: Option<i64>,
    pub card_number: Option<String>,
    pub full_name: String,
    pub workplace: String,
    pub role: BodyRole,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

/// The people a unit's bodies of each kind have today: the unit's own, and
/// those of the units below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BodyCounts {
    /// In `BodyKind::ALL` order.
    pub own: [i64; 4],
    pub below: [i64; 4],
}

/// A person to add, as the form sends it (untrimmed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonDraft {
    /// A party member's card number; empty for an outside person.
    pub card_number: String,
    pub full_name: String,
    pub workplace: String,
    pub role: String,
    pub from: String,
}

/// Who to add, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Person {
    /// A party member, found by card number in the body's unit.
    Member { card_number: String },
    Outside {
        full_name: String,
        workplace: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedPerson {
    pub person: Person,
    pub role: BodyRole,
    pub from: NaiveDate,
}

/// The draft, or the first problem with it.
pub fn check_person(d: &PersonDraft, today: NaiveDate) -> Result<CheckedPerson, Problem> {
    let bad = |field, problem| Err(Problem::field(field, problem));
    let card = d.card_number.trim();
    let person = if card.is_empty() {
        let name = d.full_name.trim();
        if name.is_empty() {
            return bad(Field::Title, FieldProblem::Missing);
        }
        if too_long(name, MAX_NAME_LEN) {
            return bad(Field::Title, FieldProblem::TooLong);
        }
        if too_long(d.workplace.trim(), MAX_WORKPLACE_LEN) {
            return bad(Field::Workplace, FieldProblem::TooLong);
        }
        Person::Outside {
            full_name: name.to_string(),
            workplace: d.workplace.trim().to_string(),
        }
    } else if card.len() == 8 && card.bytes().all(|b| b.is_ascii_digit()) {
        Person::Member {
            card_number: card.to_string(),
        }
    } else {
        return bad(Field::CardNumber, FieldProblem::Unknown);
    };
    let Some(role) = BodyRole::parse(d.role.trim()) else {
        return bad(Field::Role, FieldProblem::Unknown);
    };
    let Some(from) = party_day(&d.from, today) else {
        return bad(Field::Date, FieldProblem::Unknown);
    };
    Ok(CheckedPerson { person, role, from })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, 3, 15).unwrap()
    }

    fn draft() -> PersonDraft {
        PersonDraft {
            full_name: "  Nguyễn Văn An ".into(),
            workplace: "Báo Hậu Giang".into(),
            role: "collaborator".into(),
            from: "2020-09-01".into(),
            ..PersonDraft::default()
        }
    }

    #[test]
    fn an_outside_person_or_a_member_by_card() {
        let c = check_person(&draft(), today()).unwrap();
        assert_eq!(
            c.person,
            Person::Outside {
                full_name: "Nguyễn Văn An".into(),
                workplace: "Báo Hậu Giang".into()
            }
        );
        assert_eq!(c.role, BodyRole::Collaborator);
        let by_card = PersonDraft {
            card_number: " 61012468 ".into(),
            full_name: String::new(),
            ..draft()
        };
        assert_eq!(
            check_person(&by_card, today()).unwrap().person,
            Person::Member {
                card_number: "61012468".into()
            }
        );
    }

    #[test]
    fn each_problem_names_its_field() {
        let cases = [
            (
                PersonDraft {
                    full_name: " ".into(),
                    ..draft()
                },
                Field::Title,
                FieldProblem::Missing,
            ),
            (
                PersonDraft {
                    full_name: "ễ".repeat(201),
                    ..draft()
                },
                Field::Title,
                FieldProblem::TooLong,
            ),
            (
                PersonDraft {
                    workplace: "w".repeat(301),
                    ..draft()
                },
                Field::Workplace,
                FieldProblem::TooLong,
            ),
            (
                PersonDraft {
                    card_number: "6101246".into(),
                    ..draft()
                },
                Field::CardNumber,
                FieldProblem::Unknown,
            ),
            (
                PersonDraft {
                    role: "boss".into(),
                    ..draft()
                },
                Field::Role,
                FieldProblem::Unknown,
            ),
            (
                PersonDraft {
                    from: "2021-03-16".into(),
                    ..draft()
                },
                Field::Date,
                FieldProblem::Unknown,
            ),
        ];
        for (d, field, problem) in cases {
            assert_eq!(
                check_person(&d, today()),
                Err(Problem::field(field, problem)),
                "{d:?}"
            );
        }
    }
}
