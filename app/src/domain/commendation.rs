//! Commendations (khen thưởng): the forms, who may award which to whom, and
//! who is a candidate (DOMAIN.md "Commendation"). The workflow of a proposal
//! is in `proposal`, decision numbers in `decision`.

use super::UnitKind;
use super::grading::Grade;
use serde::{Deserialize, Serialize};

/// Forms of commendation, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Form {
    /// Biểu dương.
    Praise,
    /// Giấy khen.
    Certificate,
    /// Bằng khen (the province's).
    ProvincialCertificate,
    /// Cờ (the province's banner, for organisations).
    Banner,
}

/// Who is commended: a member, or an organisation (collective).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum NomineeKind {
    /// Cá nhân.
    Individual,
    /// Tập thể.
    Collective,
}

/// Why a commendation is proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Occasion {
    /// After the year's grading: those graded excellent that year.
    Yearly,
    /// Excellent five years in a row, ending with the year.
    FiveYears,
    /// A thematic campaign (the 2020 theme on Hồ Chí Minh's thought, ethics
    /// and style).
    Thematic,
    /// Ad hoc: a particular deed.
    AdHoc,
}

text_forms!(Form, NomineeKind, Occasion);

/// The body that awards: a unit of the app, or the province above the bloc
/// (outside the app; the bloc records its decisions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Awarder {
    Unit(UnitKind),
    Province,
}

/// The rules on who awards what, by year. Quy định 232-QĐ/TW (2025), Mục 28,
/// kept the table of 29-QĐ/TW (2016) in substance; a year keeps the rules in
/// force then, so a later change is a new variant, not an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AwardRules {
    /// Quy định 29-QĐ/TW of 2016.
    Rules2016,
    /// Quy định 232-QĐ/TW of 2025.
    Rules2025,
}

/// The rules in force for a year's commendations.
pub fn rules_in_force(year: i32) -> AwardRules {
    if year >= 2025 {
        AwardRules::Rules2025
    } else {
        AwardRules::Rules2016
    }
}

impl AwardRules {
    /// The regulation's number, as documents cite it.
    pub fn citation(self) -> &'static str {
        match self {
            AwardRules::Rules2016 => "29-QĐ/TW",
            AwardRules::Rules2025 => "232-QĐ/TW",
        }
    }

    /// Whether `awarder` may award `form` to a nominee of `kind` in its
    /// subtree: a cell praises its members and party groups; a sub-committee
    /// praises; a grassroots cell praises and gives certificates to its
    /// members; a grassroots committee and the bloc to their organisations
    /// and members; the province gives its certificates and banners.
    pub fn may_award(self, awarder: Awarder, form: Form, kind: NomineeKind) -> bool {
        use Form::*;
        use UnitKind::*;
        match self {
            AwardRules::Rules2016 | AwardRules::Rules2025 => match awarder {
                Awarder::Province => {
                    form == ProvincialCertificate
                        || (form == Banner && kind == NomineeKind::Collective)
                }
                Awarder::Unit(unit) => {
                    let forms: &[Form] = match unit {
                        Cell | SubCommittee => &[Praise],
                        GrassrootsCell | GrassrootsCommittee | Bloc => &[Praise, Certificate],
                        Group => &[],
                    };
                    // A grassroots cell commends its members only.
                    let to_collectives = !matches!(unit, GrassrootsCell);
                    forms.contains(&form) && (kind == NomineeKind::Individual || to_collectives)
                }
            },
        }
    }
}

/// Whether a nominee is a candidate for an occasion of `year`, from the
/// grades they were given (year → grade, any order).
pub fn candidacy(occasion: Occasion, year: i32, grades: &[(i32, Grade)]) -> Result<(), Ineligible> {
    let grade_of = |y: i32| grades.iter().find(|(g, _)| *g == y).map(|(_, g)| *g);
    match occasion {
        Occasion::Yearly => match grade_of(year) {
            Some(Grade::Excellent) => Ok(()),
            _ => Err(Ineligible::NotExcellent { year }),
        },
        Occasion::FiveYears => {
            match (year - 4..=year).find(|y| grade_of(*y) != Some(Grade::Excellent)) {
                None => Ok(()),
                Some(year) => Err(Ineligible::NotExcellent { year }),
            }
        }
        Occasion::Thematic | Occasion::AdHoc => Ok(()),
    }
}

/// Why a nominee cannot be proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ineligible {
    /// Not graded "hoàn thành xuất sắc nhiệm vụ" in that year.
    NotExcellent { year: i32 },
    /// Already proposed or awarded for the same achievement (nominee,
    /// occasion, year and form).
    AlreadyProposed,
    /// No longer a member (transferred out, deceased, removed) or a unit
    /// that is closed.
    Inactive,
    /// Outside the proposing unit's subtree, or the unit itself where the
    /// awarder cannot commend it.
    OutOfScope,
    /// The level asked cannot award this form to this nominee.
    NotAwardable,
}

/// The first level, going up from `from` (the proposing unit first, then
/// its ancestors, nearest first), that may award `form` to a nominee of
/// `kind`; the province when no unit may. A collective is never commended
/// by itself: its own level is skipped for it.
pub fn first_awarder(
    rules: AwardRules,
    chain: &[UnitKind],
    form: Form,
    kind: NomineeKind,
) -> Awarder {
    let skip = usize::from(kind == NomineeKind::Collective);
    chain
        .iter()
        .skip(skip)
        .map(|k| Awarder::Unit(*k))
        .find(|a| rules.may_award(*a, form, kind))
        .unwrap_or(Awarder::Province)
}

/// Limits on what a proposal holds.
pub const MAX_NOMINEES: usize = 300;
pub const MAX_TITLE_LEN: usize = 300;
/// The cover submission, an achievement report, a minutes excerpt.
pub const MAX_TEXT_LEN: usize = 20_000;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use strum::VariantArray;

    #[test]
    fn text_forms_round_trip() {
        for f in Form::VARIANTS {
            assert_eq!(Form::parse(f.as_str()), Some(*f));
        }
        for k in NomineeKind::VARIANTS {
            assert_eq!(NomineeKind::parse(k.as_str()), Some(*k));
        }
        for o in Occasion::VARIANTS {
            assert_eq!(Occasion::parse(o.as_str()), Some(*o));
        }
        assert_eq!(Form::Certificate.as_str(), "certificate");
        assert_eq!(Occasion::FiveYears.as_str(), "five_years");
        assert_eq!(Form::parse("medal"), None);
    }

    /// The table of Mục 28, row by row.
    #[test]
    fn who_awards_what() {
        use Form::*;
        use NomineeKind::*;
        use UnitKind::*;
        let r = rules_in_force(2020);
        let unit = Awarder::Unit;
        assert!(r.may_award(unit(Cell), Praise, Individual));
        assert!(r.may_award(unit(Cell), Praise, Collective));
        assert!(!r.may_award(unit(Cell), Certificate, Individual));
        assert!(r.may_award(unit(SubCommittee), Praise, Collective));
        assert!(!r.may_award(unit(SubCommittee), Certificate, Individual));
        assert!(r.may_award(unit(GrassrootsCell), Certificate, Individual));
        assert!(!r.may_award(unit(GrassrootsCell), Certificate, Collective));
        assert!(r.may_award(unit(GrassrootsCommittee), Certificate, Collective));
        assert!(r.may_award(unit(Bloc), Certificate, Individual));
        assert!(!r.may_award(unit(Bloc), ProvincialCertificate, Individual));
        assert!(!r.may_award(unit(Group), Praise, Individual));
        assert!(r.may_award(Awarder::Province, ProvincialCertificate, Individual));
        assert!(r.may_award(Awarder::Province, Banner, Collective));
        assert!(!r.may_award(Awarder::Province, Banner, Individual));
        assert!(!r.may_award(Awarder::Province, Certificate, Individual));
        assert_eq!(rules_in_force(2025), AwardRules::Rules2025);
        assert_eq!(rules_in_force(2024).citation(), "29-QĐ/TW");
    }

    #[test]
    fn a_proposal_goes_up_to_the_first_level_that_can_award() {
        use Form::*;
        use NomineeKind::*;
        use UnitKind::*;
        let r = AwardRules::Rules2016;
        let cell_up = [Cell, SubCommittee, GrassrootsCommittee, Bloc];
        assert_eq!(
            first_awarder(r, &cell_up, Praise, Individual),
            Awarder::Unit(Cell)
        );
        // A cell's certificate goes past the sub-committee to the committee.
        assert_eq!(
            first_awarder(r, &cell_up, Certificate, Individual),
            Awarder::Unit(GrassrootsCommittee)
        );
        // A cell is not praised by itself.
        assert_eq!(
            first_awarder(r, &cell_up, Praise, Collective),
            Awarder::Unit(SubCommittee)
        );
        assert_eq!(
            first_awarder(
                r,
                &[GrassrootsCommittee, Bloc],
                ProvincialCertificate,
                Individual
            ),
            Awarder::Province
        );
        // A grassroots cell as a collective: the bloc.
        assert_eq!(
            first_awarder(r, &[GrassrootsCell, Bloc], Certificate, Collective),
            Awarder::Unit(Bloc)
        );
    }

    #[test]
    fn candidates_by_grade() {
        use Grade::*;
        let grades = [
            (2016, Excellent),
            (2017, Excellent),
            (2018, Good),
            (2019, Excellent),
            (2020, Excellent),
        ];
        assert_eq!(candidacy(Occasion::Yearly, 2020, &grades), Ok(()));
        assert_eq!(
            candidacy(Occasion::Yearly, 2018, &grades),
            Err(Ineligible::NotExcellent { year: 2018 })
        );
        assert_eq!(
            candidacy(Occasion::Yearly, 2021, &grades),
            Err(Ineligible::NotExcellent { year: 2021 })
        );
        assert_eq!(
            candidacy(Occasion::FiveYears, 2020, &grades),
            Err(Ineligible::NotExcellent { year: 2018 })
        );
        assert_eq!(candidacy(Occasion::Thematic, 2020, &[]), Ok(()));
    }

    fn kind() -> impl Strategy<Value = UnitKind> {
        proptest::sample::select(UnitKind::ALL.to_vec())
    }

    proptest! {
        /// Five excellent years in a row make a candidate, and any year of
        /// the five that is not excellent is the one named.
        #[test]
        fn five_years_needs_every_year(grades in proptest::collection::vec(0usize..4, 5)) {
            let history: Vec<(i32, Grade)> =
                grades.iter().enumerate().map(|(i, g)| (2016 + i as i32, Grade::ALL[*g])).collect();
            let result = candidacy(Occasion::FiveYears, 2020, &history);
            match history.iter().find(|(_, g)| *g != Grade::Excellent) {
                None => prop_assert_eq!(result, Ok(())),
                Some((y, _)) => prop_assert_eq!(result, Err(Ineligible::NotExcellent { year: *y })),
            }
        }

        /// The level found can award, and no nearer level could.
        #[test]
        fn the_first_awarder_is_the_nearest_able(
            chain in proptest::collection::vec(kind(), 1..5),
            form in proptest::sample::select(Form::VARIANTS.to_vec()),
            collective in any::<bool>(),
        ) {
            let kind = if collective { NomineeKind::Collective } else { NomineeKind::Individual };
            let r = AwardRules::Rules2025;
            let found = first_awarder(r, &chain, form, kind);
            let skip = usize::from(collective);
            let nearer: Vec<UnitKind> = match found {
                Awarder::Unit(_) => {
                    prop_assert!(r.may_award(found, form, kind));
                    let at = chain.iter().skip(skip).position(|k| Awarder::Unit(*k) == found).unwrap();
                    chain.iter().skip(skip).take(at).copied().collect()
                }
                Awarder::Province => chain.iter().skip(skip).copied().collect(),
            };
            for k in nearer {
                prop_assert!(!r.may_award(Awarder::Unit(k), form, kind));
            }
        }
    }
}
