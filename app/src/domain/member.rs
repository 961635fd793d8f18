//! Member statuses, genders and leadership positions.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum MemberStatus {
    /// Dự bị: the 12 months after admission.
    Probationary,
    /// Chính thức.
    Full,
    /// Miễn sinh hoạt: exempt from activities (age, health); still a member.
    Exempt,
    /// Chuyển sinh hoạt đi.
    TransferredOut,
    Deceased,
    Removed,
}
text_forms!(MemberStatus);

impl MemberStatus {
    pub const ALL: [MemberStatus; 6] = [
        MemberStatus::Probationary,
        MemberStatus::Full,
        MemberStatus::Exempt,
        MemberStatus::TransferredOut,
        MemberStatus::Deceased,
        MemberStatus::Removed,
    ];

    /// Counted among the organisation's members (the seed's 4,521).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            MemberStatus::Probationary | MemberStatus::Full | MemberStatus::Exempt
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}
text_forms!(Gender);

/// A position in a unit grants rights over the unit's subtree for its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum PositionRole {
    /// Bí thư.
    Secretary,
    /// Phó bí thư.
    DeputySecretary,
    /// Ủy viên Ban Thường vụ.
    StandingCommitteeMember,
    /// Cấp ủy viên / Chi ủy viên.
    CommitteeMember,
    /// Tổ trưởng.
    GroupLeader,
}
text_forms!(PositionRole);

impl PositionRole {
    pub const ALL: [PositionRole; 5] = [
        PositionRole::Secretary,
        PositionRole::DeputySecretary,
        PositionRole::StandingCommitteeMember,
        PositionRole::CommitteeMember,
        PositionRole::GroupLeader,
    ];
}

/// A cell with at least this many full members elects a cell committee (DOMAIN.md).
pub const CELL_COMMITTEE_MIN_FULL_MEMBERS: usize = 9;
/// A cell committee has at most this many members.
pub const CELL_COMMITTEE_MAX: usize = 7;
/// A grassroots organisation needs at least this many full members.
pub const GRASSROOTS_MIN_FULL_MEMBERS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_activity() {
        for s in MemberStatus::ALL {
            assert_eq!(MemberStatus::parse(s.as_str()), Some(s));
        }
        let active: Vec<_> = MemberStatus::ALL
            .into_iter()
            .filter(|s| s.is_active())
            .collect();
        assert_eq!(
            active,
            vec![
                MemberStatus::Probationary,
                MemberStatus::Full,
                MemberStatus::Exempt
            ]
        );
        for r in PositionRole::ALL {
            assert_eq!(PositionRole::parse(r.as_str()), Some(r));
        }
        assert_eq!(Gender::parse("female"), Some(Gender::Female));
        assert_eq!(Gender::parse("x"), None);
    }
}
