//! The one permission check every server function goes through.
//!
//! Accounts and positions arrive with the accounts work; until then the only
//! actor is the anonymous visitor, who may see what the bloc publishes anyway
//! (its aggregate figures, as in the press) and nothing below it.

use super::UnitKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Not logged in.
    Anonymous,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Aggregate figures of a unit's subtree (no personal data).
    ViewSummary,
}

/// What an action is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    Unit { kind: UnitKind, path: &'a str },
}

pub fn can(actor: &Actor, action: Action, target: Target<'_>) -> bool {
    match (actor, action, target) {
        // The bloc's own totals are public; a subtree's are not.
        (Actor::Anonymous, Action::ViewSummary, Target::Unit { kind, .. }) => {
            kind == UnitKind::Bloc
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action × actor × target kind, with the expected answer spelled out.
    #[test]
    fn permission_matrix() {
        let table: &[(Actor, Action, UnitKind, bool)] = &[
            (Actor::Anonymous, Action::ViewSummary, UnitKind::Bloc, true),
            (
                Actor::Anonymous,
                Action::ViewSummary,
                UnitKind::GrassrootsCommittee,
                false,
            ),
            (
                Actor::Anonymous,
                Action::ViewSummary,
                UnitKind::GrassrootsCell,
                false,
            ),
            (
                Actor::Anonymous,
                Action::ViewSummary,
                UnitKind::SubCommittee,
                false,
            ),
            (Actor::Anonymous, Action::ViewSummary, UnitKind::Cell, false),
            (
                Actor::Anonymous,
                Action::ViewSummary,
                UnitKind::Group,
                false,
            ),
        ];
        assert_eq!(table.len(), UnitKind::ALL.len());
        for (actor, action, kind, expected) in table {
            let target = Target::Unit {
                kind: *kind,
                path: "/1/2/",
            };
            assert_eq!(
                can(actor, *action, target),
                *expected,
                "{actor:?} {action:?} {kind:?}"
            );
        }
    }
}
