//! The locale tables (compiled in from `locales/*.json` by build.rs, so a
//! missing or misspelt key is a compile error) and the names of the
//! domain's kinds in them. The one source of those names: pages, exports,
//! the import template and the importer all read them here.

use crate::domain::{Gender, Locale, MemberStatus, PositionRole, UnitEventKind, UnitKind};

include!(concat!(env!("OUT_DIR"), "/strings.rs"));

pub fn strings(locale: Locale) -> &'static Strings {
    match locale {
        Locale::Vi => &VI,
        Locale::En => &EN,
    }
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(template.to_string(), |s, (k, v)| {
        s.replace(&format!("{{{k}}}"), v)
    })
}

pub fn kind_label(kind: UnitKind, s: &'static Strings) -> &'static str {
    match kind {
        UnitKind::Bloc => s.kind_bloc,
        UnitKind::GrassrootsCommittee => s.kind_grassroots_committee,
        UnitKind::GrassrootsCell => s.kind_grassroots_cell,
        UnitKind::SubCommittee => s.kind_sub_committee,
        UnitKind::Cell => s.kind_cell,
        UnitKind::Group => s.kind_group,
    }
}

pub fn status_label(status: MemberStatus, s: &'static Strings) -> &'static str {
    match status {
        MemberStatus::Probationary => s.status_probationary,
        MemberStatus::Full => s.status_full,
        MemberStatus::Exempt => s.status_exempt,
        MemberStatus::TransferredOut => s.status_transferred_out,
        MemberStatus::Deceased => s.status_deceased,
        MemberStatus::Removed => s.status_removed,
    }
}

pub fn gender_label(gender: Gender, s: &'static Strings) -> &'static str {
    match gender {
        Gender::Male => s.gender_male,
        Gender::Female => s.gender_female,
    }
}

pub fn event_label(kind: UnitEventKind, s: &'static Strings) -> &'static str {
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
pub fn role_label(role: Option<PositionRole>, s: &'static Strings) -> &'static str {
    match role {
        None => s.role_own_cell,
        Some(PositionRole::Secretary) => s.role_secretary,
        Some(PositionRole::DeputySecretary) => s.role_deputy_secretary,
        Some(PositionRole::StandingCommitteeMember) => s.role_standing_committee_member,
        Some(PositionRole::CommitteeMember) => s.role_committee_member,
        Some(PositionRole::GroupLeader) => s.role_group_leader,
    }
}

/// Every name `value` has in the two tables (Vietnamese first).
pub fn names<T: Copy>(
    value: T,
    label: fn(T, &'static Strings) -> &'static str,
) -> [&'static str; 2] {
    [label(value, &VI), label(value, &EN)]
}
