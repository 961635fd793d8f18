//! Names of the domain's kinds and statuses in the reader's language.

use super::i18n::t;
use crate::domain::{Gender, MemberStatus, PositionRole, UnitEventKind, UnitKind};

pub fn kind_label(kind: UnitKind) -> &'static str {
    let s = t();
    match kind {
        UnitKind::Bloc => s.kind_bloc,
        UnitKind::GrassrootsCommittee => s.kind_grassroots_committee,
        UnitKind::GrassrootsCell => s.kind_grassroots_cell,
        UnitKind::SubCommittee => s.kind_sub_committee,
        UnitKind::Cell => s.kind_cell,
        UnitKind::Group => s.kind_group,
    }
}

pub fn status_label(status: MemberStatus) -> &'static str {
    let s = t();
    match status {
        MemberStatus::Probationary => s.status_probationary,
        MemberStatus::Full => s.status_full,
        MemberStatus::Exempt => s.status_exempt,
        MemberStatus::TransferredOut => s.status_transferred_out,
        MemberStatus::Deceased => s.status_deceased,
        MemberStatus::Removed => s.status_removed,
    }
}

pub fn gender_label(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => t().gender_male,
        Gender::Female => t().gender_female,
    }
}

pub fn event_label(kind: UnitEventKind) -> &'static str {
    let s = t();
    match kind {
        UnitEventKind::Create => s.event_create,
        UnitEventKind::Merge => s.event_merge,
        UnitEventKind::Split => s.event_split,
        UnitEventKind::Rename => s.event_rename,
        UnitEventKind::Move => s.event_move,
        UnitEventKind::Dissolve => s.event_dissolve,
    }
}

/// A position's name; `None` is "member of the cell".
pub fn role_label(role: Option<PositionRole>) -> &'static str {
    let s = t();
    match role {
        None => s.role_own_cell,
        Some(PositionRole::Secretary) => s.role_secretary,
        Some(PositionRole::DeputySecretary) => s.role_deputy_secretary,
        Some(PositionRole::StandingCommitteeMember) => s.role_standing_committee_member,
        Some(PositionRole::CommitteeMember) => s.role_committee_member,
        Some(PositionRole::GroupLeader) => s.role_group_leader,
    }
}
