//! The special bodies in words, shared by their page, the dashboard and
//! the XLSX lists: each kind and role.

use super::i18n::{Strings, t};
use crate::domain::body::{BodyKind, BodyRole};

pub fn kind_label_in(k: BodyKind, s: &'static Strings) -> &'static str {
    match k {
        BodyKind::SteeringCommittee => s.bd_kind_steering_committee,
        BodyKind::Secretariat => s.bd_kind_secretariat,
        BodyKind::Collaborators => s.bd_kind_collaborators,
        BodyKind::CollaboratorGroup => s.bd_kind_collaborator_group,
    }
}

pub fn kind_label(k: BodyKind) -> &'static str {
    kind_label_in(k, t())
}

pub fn role_label_in(r: BodyRole, s: &'static Strings) -> &'static str {
    match r {
        BodyRole::Head => s.bd_role_head,
        BodyRole::Deputy => s.bd_role_deputy,
        BodyRole::Member => s.bd_role_member,
        BodyRole::Secretary => s.bd_role_secretary,
        BodyRole::Collaborator => s.bd_role_collaborator,
    }
}

pub fn role_label(r: BodyRole) -> &'static str {
    role_label_in(r, t())
}
