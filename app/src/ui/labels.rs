//! Names of the domain's kinds and statuses in the reader's language (from
//! the one source, `crate::labels`).

use super::i18n::t;
use crate::domain::{Gender, MemberStatus, PositionRole, UnitEventKind, UnitKind};
use crate::labels;

pub fn kind_label(kind: UnitKind) -> &'static str {
    labels::kind_label(kind, t())
}

pub fn status_label(status: MemberStatus) -> &'static str {
    labels::status_label(status, t())
}

pub fn gender_label(gender: Gender) -> &'static str {
    labels::gender_label(gender, t())
}

pub fn event_label(kind: UnitEventKind) -> &'static str {
    labels::event_label(kind, t())
}

/// A position's name; `None` is "member of the cell".
pub fn role_label(role: Option<PositionRole>) -> &'static str {
    labels::role_label(role, t())
}
