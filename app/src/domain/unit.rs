//! Kinds of party organisation and the dated events that change the tree.

use serde::{Deserialize, Serialize};

/// Levels are data (DOMAIN.md): the kind says what a unit is, not where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum UnitKind {
    /// Đảng bộ Khối — the root of this app.
    Bloc,
    /// Đảng bộ cơ sở.
    GrassrootsCommittee,
    /// Chi bộ cơ sở (directly under the bloc).
    GrassrootsCell,
    /// Đảng bộ bộ phận.
    SubCommittee,
    /// Chi bộ trực thuộc.
    Cell,
    /// Tổ đảng.
    Group,
}
text_forms!(UnitKind);

impl UnitKind {
    pub const ALL: [UnitKind; 6] = [
        UnitKind::Bloc,
        UnitKind::GrassrootsCommittee,
        UnitKind::GrassrootsCell,
        UnitKind::SubCommittee,
        UnitKind::Cell,
        UnitKind::Group,
    ];

    /// A grassroots organisation (tổ chức cơ sở đảng): the level that grades and
    /// applies the excellence quota.
    pub fn is_grassroots(self) -> bool {
        matches!(
            self,
            UnitKind::GrassrootsCommittee | UnitKind::GrassrootsCell
        )
    }

    /// Units that hold members directly (a member's current cell is one of these).
    pub fn holds_members(self) -> bool {
        matches!(self, UnitKind::GrassrootsCell | UnitKind::Cell)
    }

    /// Whether `child` may sit directly under `self`.
    pub fn allows_child(self, child: UnitKind) -> bool {
        use UnitKind::*;
        match self {
            Bloc => matches!(child, GrassrootsCommittee | GrassrootsCell),
            GrassrootsCommittee => matches!(child, SubCommittee | Cell),
            SubCommittee => matches!(child, Cell),
            GrassrootsCell | Cell => matches!(child, Group),
            Group => false,
        }
    }
}

/// The id of the unit a materialized path ('/1/7/42/') ends in: 42.
pub fn unit_id_of_path(path: &str) -> Option<i64> {
    path.trim_end_matches('/').rsplit('/').next()?.parse().ok()
}

/// The grassroots organisation (the unit directly under the bloc) whose
/// subtree holds `path`: the second id of '/1/7/42/'. The quota on grades is
/// counted per grassroots organisation.
pub fn grassroots_id_of_path(path: &str) -> Option<i64> {
    path.trim_matches('/').split('/').nth(1)?.parse().ok()
}

/// Structural events, dated, kept forever (the chart can be shown as of any date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum UnitEventKind {
    Create,
    Merge,
    Split,
    Rename,
    Move,
    Dissolve,
}
text_forms!(UnitEventKind);

impl UnitEventKind {
    pub const ALL: [UnitEventKind; 6] = [
        UnitEventKind::Create,
        UnitEventKind::Merge,
        UnitEventKind::Split,
        UnitEventKind::Rename,
        UnitEventKind::Move,
        UnitEventKind::Dissolve,
    ];
}

/// The grading rules in force for a year; past years keep theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum GradingRuleSet {
    /// Rules of 2018/2019: excellent ≤ 20 % of those graded good, per grassroots organisation.
    #[strum(serialize = "rules_2019")]
    Rules2019,
    /// 124-QĐ/TW (2023).
    #[strum(serialize = "rules_2023")]
    Rules2023,
    /// 366-QĐ/TW (2025): 100-point scale.
    #[strum(serialize = "rules_2025")]
    Rules2025,
}
text_forms!(GradingRuleSet);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_text() {
        for k in UnitKind::ALL {
            assert_eq!(UnitKind::parse(k.as_str()), Some(k));
        }
        for k in UnitEventKind::ALL {
            assert_eq!(UnitEventKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(UnitKind::parse("province"), None);
    }

    #[test]
    fn a_path_ends_in_its_unit() {
        assert_eq!(unit_id_of_path("/1/7/42/"), Some(42));
        assert_eq!(unit_id_of_path("/1/"), Some(1));
        assert_eq!(grassroots_id_of_path("/1/7/42/"), Some(7));
        assert_eq!(grassroots_id_of_path("/1/7/"), Some(7));
        assert_eq!(grassroots_id_of_path("/1/"), None);
        assert_eq!(unit_id_of_path(""), None);
        assert_eq!(unit_id_of_path("/x/"), None);
    }

    #[test]
    fn tree_shape_rules() {
        use UnitKind::*;
        assert!(Bloc.allows_child(GrassrootsCommittee));
        assert!(Bloc.allows_child(GrassrootsCell));
        assert!(!Bloc.allows_child(Cell));
        assert!(GrassrootsCommittee.allows_child(Cell));
        assert!(!GrassrootsCell.allows_child(Cell));
        assert!(!Group.allows_child(Group));
        assert!(GrassrootsCell.is_grassroots() && GrassrootsCommittee.is_grassroots());
        assert!(!Cell.is_grassroots());
    }
}
