//! The one permission check every server function goes through.
//!
//! A position in unit U grants rights over U's subtree for the position's
//! term (the store hands over only positions valid today). Every member may
//! act on their own records. Administrators manage accounts and read the
//! audit log, but do not, by that alone, see member dossiers. Anonymous
//! visitors see what the bloc publishes anyway: its aggregate figures.

use super::{PositionRole, UnitKind};
use serde::{Deserialize, Serialize};

/// A unit the actor leads, with the role held there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub unit_id: i64,
    /// Materialized path of the unit ('/1/7/'): its subtree is every path
    /// starting with it.
    pub unit_path: String,
    pub unit_kind: UnitKind,
    pub role: PositionRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub user_id: i64,
    /// The member behind the account; staff accounts have none.
    pub member_id: Option<i64>,
    /// Path of the member's current cell.
    pub cell_path: Option<String>,
    pub is_admin: bool,
    /// A one-time password is in use: nothing is allowed but changing it.
    pub must_change_password: bool,
    /// Positions valid today.
    pub scopes: Vec<Scope>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// Not logged in.
    Anonymous,
    User(User),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Aggregate figures of a unit's subtree (no personal data).
    ViewSummary,
    /// The member list of a unit's subtree (names, statuses, positions).
    ViewMembers,
    /// One member's dossier.
    ViewMember,
    /// The audit log of a unit's subtree.
    ViewAudit,
    /// List, create, disable and reset accounts.
    ManageAccounts,
    /// Change one's own password.
    ChangeOwnPassword,
    /// Read and mark one's own notices.
    ReadOwnInbox,
    /// The org chart: units, their figures and leaders (no member lists).
    ViewStructure,
    /// Create, rename, move, merge, split, dissolve units; transfer members
    /// and change their status; import.
    ChangeStructure,
    /// File, revise and self-assess one's own yearly commitment.
    FileCommitment,
    /// Approve or return a member's commitment and propose their grade: the
    /// secretary or deputy secretary of the member's cell.
    ReviewCommitment,
    /// Decide a member's year-end grade: the leadership of the member's
    /// grassroots organisation.
    DecideGrade,
    /// Grade an organisation: a grassroots committee its cells, the bloc its
    /// grassroots organisations.
    GradeUnit,
    /// Set up a year: theme, form, deadlines, rules (the bloc's standing committee).
    ManageYears,
    /// List, take and download backups of the whole database (which hold
    /// every dossier): administrators only.
    ManageBackups,
    /// Draft and submit a commendation proposal of a unit: its leadership.
    ProposeCommendation,
    /// Review, settle and decide the proposals addressed to a unit (the
    /// bloc's leadership also records the province's decisions).
    AwardCommendation,
    /// Read a proposal's dossier (its texts and attachments): the leadership
    /// of the proposing unit and of the levels above it.
    ViewProposal,
    /// Read a unit's decisions (not their dossiers): everyone in its subtree
    /// and the leadership above it.
    ViewDecision,
    /// The committee's dashboard of a subtree (`/thong-ke`): its units'
    /// progress side by side, for the leadership of the subtree's top.
    ViewStatistics,
    /// Set up a unit's resolution targets of a year and report the actuals
    /// entered by hand: the unit's own leadership (its standing committee).
    SetTargets,
    /// Set up a unit's special bodies (Ban Chỉ đạo 35, its secretariat and
    /// collaborators) and their people: the unit's own leadership.
    ManageBodies,
}

impl Action {
    pub const ALL: [Action; 22] = [
        Action::ViewSummary,
        Action::ViewMembers,
        Action::ViewMember,
        Action::ViewAudit,
        Action::ManageAccounts,
        Action::ChangeOwnPassword,
        Action::ReadOwnInbox,
        Action::ViewStructure,
        Action::ChangeStructure,
        Action::FileCommitment,
        Action::ReviewCommitment,
        Action::DecideGrade,
        Action::GradeUnit,
        Action::ManageYears,
        Action::ManageBackups,
        Action::ProposeCommendation,
        Action::AwardCommendation,
        Action::ViewProposal,
        Action::ViewDecision,
        Action::ViewStatistics,
        Action::SetTargets,
        Action::ManageBodies,
    ];
}

/// What an action is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    Unit {
        kind: UnitKind,
        path: &'a str,
    },
    /// A member, located by the path of their current cell.
    Member {
        member_id: i64,
        cell_path: &'a str,
    },
    /// The system as a whole (accounts, one's own password).
    System,
}

impl Target<'_> {
    fn path(&self) -> Option<&str> {
        match self {
            Target::Unit { path, .. }
            | Target::Member {
                cell_path: path, ..
            } => Some(path),
            Target::System => None,
        }
    }
}

/// Whether `role` held in some unit grants `action` over that unit's subtree.
fn role_grants(role: PositionRole, action: Action) -> bool {
    use Action::*;
    use PositionRole::*;
    match action {
        ViewSummary | ViewMembers | ViewMember => true,
        // The audit log holds who changed what: for the unit's leadership.
        ViewAudit | ViewStatistics => {
            matches!(role, Secretary | DeputySecretary | StandingCommitteeMember)
        }
        // Decided before scopes are looked at (see `can`).
        ManageAccounts | ChangeOwnPassword | ReadOwnInbox | ViewStructure | ChangeStructure
        | FileCommitment | ReviewCommitment | DecideGrade | GradeUnit | ManageYears
        | ManageBackups | ProposeCommendation | AwardCommendation | ViewProposal | ViewDecision
        | SetTargets | ManageBodies => false,
    }
}

/// Whether a position grants a step of the commitment workflow over the
/// members of its subtree: review in one's cell (secretary, deputy), the
/// decision in one's grassroots organisation (its standing members too).
fn workflow_grants(scope: &Scope, action: Action) -> bool {
    use PositionRole::*;
    match action {
        Action::ReviewCommitment => {
            matches!(scope.role, Secretary | DeputySecretary)
                && matches!(scope.unit_kind, UnitKind::Cell | UnitKind::GrassrootsCell)
        }
        Action::DecideGrade => {
            matches!(
                scope.role,
                Secretary | DeputySecretary | StandingCommitteeMember
            ) && matches!(
                scope.unit_kind,
                UnitKind::GrassrootsCommittee | UnitKind::GrassrootsCell
            )
        }
        _ => false,
    }
}

/// Whether a position's holder grades an organisation of `kind` below it:
/// a grassroots committee its cells, the bloc its grassroots organisations.
fn grades_units(scope: &Scope, kind: UnitKind) -> bool {
    use PositionRole::*;
    matches!(
        scope.role,
        Secretary | DeputySecretary | StandingCommitteeMember
    ) && match scope.unit_kind {
        UnitKind::Bloc => matches!(
            kind,
            UnitKind::GrassrootsCommittee | UnitKind::GrassrootsCell
        ),
        UnitKind::GrassrootsCommittee => matches!(kind, UnitKind::Cell | UnitKind::SubCommittee),
        _ => false,
    }
}

/// A unit's leadership: its secretary, deputies and standing members.
fn leads(scope: &Scope) -> bool {
    use PositionRole::*;
    matches!(
        scope.role,
        Secretary | DeputySecretary | StandingCommitteeMember
    )
}

/// The bloc's standing committee: secretary, deputies, standing members of
/// a bloc-level unit. They (and administrators) change the structure.
fn leads_bloc(scope: &Scope) -> bool {
    use PositionRole::*;
    scope.unit_kind == UnitKind::Bloc
        && matches!(
            scope.role,
            Secretary | DeputySecretary | StandingCommitteeMember
        )
}

pub fn can(actor: &Actor, action: Action, target: Target<'_>) -> bool {
    let user = match actor {
        Actor::Anonymous => {
            // The bloc's own totals are public (as in the press); nothing else is.
            return action == Action::ViewSummary
                && matches!(
                    target,
                    Target::Unit {
                        kind: UnitKind::Bloc,
                        ..
                    }
                );
        }
        Actor::User(user) => user,
    };
    // An action only makes sense on some kinds of target.
    let fits = match action {
        Action::ViewSummary
        | Action::ViewMembers
        | Action::ViewStructure
        | Action::ViewStatistics => matches!(target, Target::Unit { .. }),
        Action::ChangeStructure => !matches!(target, Target::System),
        Action::ViewAudit => !matches!(target, Target::Member { .. }),
        Action::ViewMember => matches!(target, Target::Member { .. }),
        Action::ManageAccounts | Action::ChangeOwnPassword => true,
        Action::ReadOwnInbox => matches!(target, Target::System),
        Action::FileCommitment | Action::ReviewCommitment | Action::DecideGrade => {
            matches!(target, Target::Member { .. })
        }
        Action::GradeUnit
        | Action::ProposeCommendation
        | Action::AwardCommendation
        | Action::ViewProposal
        | Action::ViewDecision
        | Action::SetTargets
        | Action::ManageBodies => matches!(target, Target::Unit { .. }),
        Action::ManageYears | Action::ManageBackups => matches!(target, Target::System),
    };
    if !fits {
        return false;
    }
    match action {
        Action::ChangeOwnPassword => return true,
        _ if user.must_change_password => return false,
        Action::ManageAccounts | Action::ManageBackups => return user.is_admin,
        Action::ReadOwnInbox => return true,
        Action::ViewAudit if user.is_admin => return true,
        // Who is where and who leads them is open to everyone in the bloc.
        Action::ViewStructure => return true,
        Action::ChangeStructure => {
            return user.is_admin
                || target.path().is_some_and(|path| {
                    user.scopes
                        .iter()
                        .any(|s| leads_bloc(s) && path.starts_with(&s.unit_path))
                });
        }
        Action::ManageYears => return user.scopes.iter().any(leads_bloc),
        Action::FileCommitment | Action::ReviewCommitment | Action::DecideGrade => {
            let Target::Member {
                member_id,
                cell_path,
            } = target
            else {
                return false;
            };
            let own = user.member_id == Some(member_id);
            return if action == Action::FileCommitment {
                own
            } else {
                // Nobody reviews or grades their own commitment.
                !own && user
                    .scopes
                    .iter()
                    .any(|s| cell_path.starts_with(&s.unit_path) && workflow_grants(s, action))
            };
        }
        Action::ProposeCommendation
        | Action::AwardCommendation
        | Action::ViewProposal
        | Action::SetTargets
        | Action::ManageBodies => {
            let Target::Unit { path, .. } = target else {
                return false;
            };
            // Proposing, awarding and a resolution's targets are the unit's
            // own leadership's; the
            // dossier is also open to the leadership of the levels above.
            let exact = action != Action::ViewProposal;
            return user.scopes.iter().any(|s| {
                leads(s) && path.starts_with(&s.unit_path) && (!exact || path == s.unit_path)
            });
        }
        Action::ViewDecision => {
            let Target::Unit { path, .. } = target else {
                return false;
            };
            return user
                .cell_path
                .as_deref()
                .is_some_and(|c| c.starts_with(path))
                || user
                    .scopes
                    .iter()
                    .any(|s| path.starts_with(&s.unit_path) || s.unit_path.starts_with(path));
        }
        Action::GradeUnit => {
            let Target::Unit { kind, path } = target else {
                return false;
            };
            return user.scopes.iter().any(|s| {
                path.starts_with(&s.unit_path) && path != s.unit_path && grades_units(s, kind)
            });
        }
        _ => {}
    }
    if action == Action::ViewSummary
        && matches!(
            target,
            Target::Unit {
                kind: UnitKind::Bloc,
                ..
            }
        )
    {
        return true;
    }
    let Some(path) = target.path() else {
        return false;
    };
    // Own records: one's dossier, and the figures of one's own cell.
    let own = match (action, target) {
        (Action::ViewMember, Target::Member { member_id, .. }) => user.member_id == Some(member_id),
        (Action::ViewSummary, Target::Unit { .. }) => user.cell_path.as_deref() == Some(path),
        _ => false,
    };
    own || user
        .scopes
        .iter()
        .any(|s| path.starts_with(&s.unit_path) && role_grants(s.role, action))
}

/// The units where `actor` holds a position granting a step of the
/// commitment workflow (`ReviewCommitment`: cells; `DecideGrade`: grassroots
/// organisations), or grading the organisations below (`GradeUnit`).
pub fn workflow_scopes(actor: &Actor, action: Action) -> Vec<Scope> {
    let Actor::User(user) = actor else {
        return Vec::new();
    };
    if user.must_change_password {
        return Vec::new();
    }
    user.scopes
        .iter()
        .filter(|s| match action {
            Action::GradeUnit => UnitKind::ALL.into_iter().any(|k| grades_units(s, k)),
            _ => workflow_grants(s, action),
        })
        .cloned()
        .collect()
}

/// Whether `actor` reviews (or, with `DecideGrade`, decides grades of) the
/// members of the unit at `path` other than themself.
pub fn acts_on_members_of(actor: &Actor, action: Action, path: &str) -> bool {
    // No member has id 0: this asks about the unit's members in general.
    can(
        actor,
        action,
        Target::Member {
            member_id: 0,
            cell_path: path,
        },
    )
}

/// The subtrees in which `actor` may perform `action` (for scoping lists and
/// counts in queries). `None` means everywhere.
pub fn scope_paths(actor: &Actor, action: Action) -> Option<Vec<String>> {
    match actor {
        Actor::Anonymous => Some(Vec::new()),
        Actor::User(user) if user.must_change_password => Some(Vec::new()),
        Actor::User(user) => {
            if action == Action::ViewStructure
                || (user.is_admin && matches!(action, Action::ViewAudit | Action::ChangeStructure))
            {
                return None;
            }
            if action == Action::ChangeStructure {
                let mut paths: Vec<String> = user
                    .scopes
                    .iter()
                    .filter(|s| leads_bloc(s))
                    .map(|s| s.unit_path.clone())
                    .collect();
                paths.sort();
                return Some(paths);
            }
            let mut paths: Vec<String> = user
                .scopes
                .iter()
                .filter(|s| role_grants(s.role, action) || workflow_grants(s, action))
                .map(|s| s.unit_path.clone())
                .collect();
            // Nested scopes add nothing: keep the outermost.
            paths.sort();
            paths.dedup_by(|inner, outer| inner.starts_with(outer.as_str()));
            Some(paths)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PositionRole::*;

    // The tree of the tests: bloc /1/, committee /1/2/ with cells /1/2/3/ and
    // /1/2/4/, grassroots cell /1/5/.
    const BLOC: &str = "/1/";
    const COMMITTEE: &str = "/1/2/";
    const CELL_A: &str = "/1/2/3/";
    const CELL_B: &str = "/1/2/4/";
    const GCELL: &str = "/1/5/";

    fn user(scopes: &[(&str, UnitKind, PositionRole)], admin: bool) -> Actor {
        Actor::User(User {
            user_id: 1,
            member_id: Some(10),
            cell_path: Some(CELL_A.into()),
            is_admin: admin,
            must_change_password: false,
            scopes: scopes
                .iter()
                .enumerate()
                .map(|(i, (path, kind, role))| Scope {
                    unit_id: i as i64,
                    unit_path: (*path).into(),
                    unit_kind: *kind,
                    role: *role,
                })
                .collect(),
        })
    }

    /// The roles of the matrix, each sitting in cell A (as members) except
    /// the anonymous visitor and the staff administrator.
    fn roles() -> Vec<(&'static str, Actor)> {
        vec![
            ("anonymous", Actor::Anonymous),
            ("member", user(&[], false)),
            (
                "cell secretary A",
                user(&[(CELL_A, UnitKind::Cell, Secretary)], false),
            ),
            (
                "cell deputy A",
                user(&[(CELL_A, UnitKind::Cell, DeputySecretary)], false),
            ),
            (
                "cell committee member A",
                user(&[(CELL_A, UnitKind::Cell, CommitteeMember)], false),
            ),
            (
                "group leader A",
                user(&[(CELL_A, UnitKind::Cell, GroupLeader)], false),
            ),
            (
                "committee secretary",
                user(
                    &[(COMMITTEE, UnitKind::GrassrootsCommittee, Secretary)],
                    false,
                ),
            ),
            (
                "committee standing member",
                user(
                    &[(
                        COMMITTEE,
                        UnitKind::GrassrootsCommittee,
                        StandingCommitteeMember,
                    )],
                    false,
                ),
            ),
            (
                "committee member",
                user(
                    &[(COMMITTEE, UnitKind::GrassrootsCommittee, CommitteeMember)],
                    false,
                ),
            ),
            (
                "bloc standing member",
                user(&[(BLOC, UnitKind::Bloc, StandingCommitteeMember)], false),
            ),
            (
                "admin",
                Actor::User(User {
                    user_id: 2,
                    member_id: None,
                    cell_path: None,
                    is_admin: true,
                    must_change_password: false,
                    scopes: vec![],
                }),
            ),
        ]
    }

    /// Targets, named as in the table below.
    fn target(name: &str) -> Target<'static> {
        match name {
            "bloc" => Target::Unit {
                kind: UnitKind::Bloc,
                path: BLOC,
            },
            "committee" => Target::Unit {
                kind: UnitKind::GrassrootsCommittee,
                path: COMMITTEE,
            },
            "own cell" => Target::Unit {
                kind: UnitKind::Cell,
                path: CELL_A,
            },
            "other cell" => Target::Unit {
                kind: UnitKind::Cell,
                path: CELL_B,
            },
            "other grassroots" => Target::Unit {
                kind: UnitKind::GrassrootsCell,
                path: GCELL,
            },
            "self" => Target::Member {
                member_id: 10,
                cell_path: CELL_A,
            },
            "cellmate" => Target::Member {
                member_id: 11,
                cell_path: CELL_A,
            },
            "other cell member" => Target::Member {
                member_id: 12,
                cell_path: CELL_B,
            },
            "system" => Target::System,
            _ => unreachable!("{name}"),
        }
    }

    /// Every action × every role × every target, the expected answer spelled
    /// out. Columns follow `roles()`: anon, member, secA, depA, cmA, grpA,
    /// csec, cstand, cmem, bloc, admin. 1 = allowed.
    #[rustfmt::skip]
    const MATRIX: &[(Action, &str, [u8; 11])] = &[
        //                                        an me sA dA cA gA cS cT cM bS ad
        (Action::ViewSummary, "bloc",              [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        (Action::ViewSummary, "committee",         [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]),
        (Action::ViewSummary, "own cell",          [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
        (Action::ViewSummary, "other cell",        [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]),
        (Action::ViewSummary, "other grassroots",  [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::ViewSummary, "self",              [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ViewSummary, "system",            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ViewMembers, "bloc",              [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::ViewMembers, "committee",         [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]),
        (Action::ViewMembers, "own cell",          [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
        (Action::ViewMembers, "other cell",        [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]),
        (Action::ViewMembers, "other grassroots",  [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::ViewMembers, "system",            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ViewMember,  "self",              [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
        (Action::ViewMember,  "cellmate",          [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
        (Action::ViewMember,  "other cell member", [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]),
        (Action::ViewMember,  "system",            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ViewAudit,   "bloc",              [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
        (Action::ViewAudit,   "committee",         [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1]),
        (Action::ViewAudit,   "own cell",          [0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1]),
        (Action::ViewAudit,   "other cell",        [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1]),
        (Action::ViewAudit,   "other grassroots",  [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
        (Action::ViewAudit,   "system",            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        (Action::ViewStatistics, "bloc",           [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::ViewStatistics, "committee",      [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0]),
        (Action::ViewStatistics, "own cell",       [0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0]),
        (Action::ViewStatistics, "other cell",     [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0]),
        (Action::ViewStatistics, "other grassroots", [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::ViewStatistics, "self",           [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ViewStatistics, "system",         [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ManageAccounts, "system",         [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        (Action::ManageAccounts, "own cell",       [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        (Action::ManageBackups, "system",          [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        (Action::ManageBackups, "bloc",            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ChangeOwnPassword, "system",      [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        (Action::ReadOwnInbox, "system",           [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        (Action::ReadOwnInbox, "own cell",         [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ViewStructure, "bloc",            [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        (Action::ViewStructure, "other grassroots",[0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        (Action::ViewStructure, "other cell",      [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        (Action::ViewStructure, "self",            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ViewStructure, "system",          [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ChangeStructure, "bloc",          [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
        (Action::ChangeStructure, "committee",     [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
        (Action::ChangeStructure, "own cell",      [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
        (Action::ChangeStructure, "other cell",    [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
        (Action::ChangeStructure, "self",          [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
        (Action::ChangeStructure, "other cell member", [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
        (Action::ChangeStructure, "system",        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::FileCommitment, "self",           [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
        (Action::FileCommitment, "cellmate",       [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::FileCommitment, "own cell",       [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ReviewCommitment, "self",         [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ReviewCommitment, "cellmate",     [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ReviewCommitment, "other cell member", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ReviewCommitment, "own cell",     [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::DecideGrade, "self",              [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::DecideGrade, "cellmate",          [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]),
        (Action::DecideGrade, "other cell member", [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]),
        (Action::DecideGrade, "system",            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::GradeUnit, "own cell",            [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]),
        (Action::GradeUnit, "committee",           [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::GradeUnit, "other grassroots",    [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::GradeUnit, "bloc",                [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::GradeUnit, "self",                [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ManageYears, "system",            [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::ManageYears, "bloc",              [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ProposeCommendation, "own cell",  [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ProposeCommendation, "other cell",[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ProposeCommendation, "committee", [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]),
        (Action::ProposeCommendation, "bloc",      [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::ProposeCommendation, "self",      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::AwardCommendation, "own cell",    [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
        (Action::AwardCommendation, "committee",   [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]),
        (Action::AwardCommendation, "other grassroots", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::AwardCommendation, "bloc",        [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::AwardCommendation, "system",      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ViewProposal, "own cell",         [0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0]),
        (Action::ViewProposal, "other cell",       [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0]),
        (Action::ViewProposal, "committee",        [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0]),
        (Action::ViewProposal, "other grassroots", [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::ViewProposal, "self",             [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ViewDecision, "bloc",             [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
        (Action::ViewDecision, "committee",        [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
        (Action::ViewDecision, "own cell",         [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
        (Action::ViewDecision, "other cell",       [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]),
        (Action::ViewDecision, "other grassroots", [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::ViewDecision, "system",           [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::SetTargets, "bloc",               [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::SetTargets, "committee",          [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]),
        (Action::SetTargets, "own cell",           [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
        (Action::SetTargets, "other cell",         [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::SetTargets, "other grassroots",   [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::SetTargets, "self",               [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::SetTargets, "system",             [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ManageBodies, "bloc",             [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (Action::ManageBodies, "committee",        [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]),
        (Action::ManageBodies, "own cell",         [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ManageBodies, "other cell",       [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ManageBodies, "other grassroots", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        (Action::ManageBodies, "system",           [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ];

    #[test]
    fn only_the_bloc_standing_committee_changes_the_structure() {
        // A plain committee member of the bloc, or a committee's secretary,
        // may not; a deputy of the bloc may.
        for (role, kind, path, allowed) in [
            (CommitteeMember, UnitKind::Bloc, BLOC, false),
            (DeputySecretary, UnitKind::Bloc, BLOC, true),
            (Secretary, UnitKind::GrassrootsCommittee, COMMITTEE, false),
        ] {
            let actor = user(&[(path, kind, role)], false);
            assert_eq!(
                can(&actor, Action::ChangeStructure, target("other cell")),
                allowed && path == BLOC,
                "{role:?} of {kind:?}"
            );
            assert_eq!(
                scope_paths(&actor, Action::ChangeStructure).is_some_and(|p| !p.is_empty()),
                allowed
            );
        }
    }

    #[test]
    fn permission_matrix() {
        let roles = roles();
        // No gaps: every action appears, with every kind of target it can meet.
        for action in Action::ALL {
            assert!(
                MATRIX.iter().any(|(a, _, _)| *a == action),
                "{action:?} missing"
            );
        }
        for (action, target_name, expected) in MATRIX {
            for ((role, actor), want) in roles.iter().zip(expected) {
                assert_eq!(
                    can(actor, *action, target(target_name)),
                    *want == 1,
                    "{role} {action:?} {target_name}"
                );
            }
        }
    }

    #[test]
    fn scopes_for_queries_keep_the_outermost_subtrees() {
        let actor = user(
            &[
                (CELL_A, UnitKind::Cell, Secretary),
                (COMMITTEE, UnitKind::GrassrootsCommittee, CommitteeMember),
                (GCELL, UnitKind::GrassrootsCell, GroupLeader),
            ],
            false,
        );
        assert_eq!(
            scope_paths(&actor, Action::ViewMembers),
            Some(vec![COMMITTEE.to_string(), GCELL.to_string()])
        );
        // Committee members and group leaders do not read the audit log.
        assert_eq!(
            scope_paths(&actor, Action::ViewAudit),
            Some(vec![CELL_A.to_string()])
        );
        assert_eq!(
            scope_paths(&Actor::Anonymous, Action::ViewMembers),
            Some(vec![])
        );
        let admin = Actor::User(User {
            user_id: 1,
            member_id: None,
            cell_path: None,
            is_admin: true,
            must_change_password: false,
            scopes: vec![],
        });
        assert_eq!(scope_paths(&admin, Action::ViewAudit), None);
        assert_eq!(scope_paths(&admin, Action::ViewMembers), Some(vec![]));
    }

    #[test]
    fn workflow_scopes_list_where_one_reviews_decides_and_grades() {
        let actor = user(
            &[
                (CELL_A, UnitKind::Cell, Secretary),
                (
                    COMMITTEE,
                    UnitKind::GrassrootsCommittee,
                    StandingCommitteeMember,
                ),
                (GCELL, UnitKind::GrassrootsCell, GroupLeader),
            ],
            false,
        );
        let paths = |action| {
            workflow_scopes(&actor, action)
                .into_iter()
                .map(|s| s.unit_path)
                .collect::<Vec<_>>()
        };
        assert_eq!(paths(Action::ReviewCommitment), vec![CELL_A]);
        assert_eq!(paths(Action::DecideGrade), vec![COMMITTEE]);
        assert_eq!(paths(Action::GradeUnit), vec![COMMITTEE]);
        assert!(acts_on_members_of(&actor, Action::ReviewCommitment, CELL_A));
        assert!(!acts_on_members_of(
            &actor,
            Action::ReviewCommitment,
            CELL_B
        ));
        assert!(acts_on_members_of(&actor, Action::DecideGrade, CELL_B));
        assert!(!acts_on_members_of(&actor, Action::DecideGrade, GCELL));
        assert!(workflow_scopes(&Actor::Anonymous, Action::DecideGrade).is_empty());
    }

    #[test]
    fn a_one_time_password_allows_only_changing_it() {
        let Actor::User(mut u) = user(&[(BLOC, UnitKind::Bloc, Secretary)], true) else {
            unreachable!()
        };
        u.must_change_password = true;
        let actor = Actor::User(u);
        assert_eq!(scope_paths(&actor, Action::ViewAudit), Some(vec![]));
        assert_eq!(scope_paths(&actor, Action::ViewMembers), Some(vec![]));
        for action in Action::ALL {
            for name in ["bloc", "own cell", "self", "system"] {
                assert_eq!(
                    can(&actor, action, target(name)),
                    action == Action::ChangeOwnPassword,
                    "{action:?} {name}"
                );
            }
        }
    }

    proptest::proptest! {
        /// A scope never leaks sideways: whatever a cell's secretary may do,
        /// nothing of a sibling cell is reachable (other members: ids ≠ the actor's 10).
        #[test]
        fn a_cell_scope_never_reaches_a_sibling(a in 2u32..500, b in 2u32..500, m in 11i64..100) {
            proptest::prop_assume!(a != b);
            let own = format!("/1/{a}/");
            let other = format!("/1/{b}/");
            let actor = user(&[(own.as_str(), UnitKind::Cell, Secretary)], false);
            for action in Action::ALL {
                let unit = Target::Unit { kind: UnitKind::Cell, path: &other };
                let member = Target::Member { member_id: m, cell_path: &other };
                // Which units exist, and who leads them, is open to every
                // member; so are the decisions of the units above one's own
                // cell (the actor's cell is /1/2/3/).
                proptest::prop_assert!(
                    !can(&actor, action, unit)
                        || matches!(action, Action::ChangeOwnPassword | Action::ViewStructure)
                        || (action == Action::ViewDecision && "/1/2/3/".starts_with(other.as_str()))
                );
                proptest::prop_assert!(!can(&actor, action, member) || action == Action::ChangeOwnPassword);
            }
        }
    }
}
