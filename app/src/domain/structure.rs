//! Structural changes of the organisation and the rules they obey, checked
//! before anything is written (and again by the store's transaction).
//!
//! A change names units by code and members by id; the store gathers the
//! facts the rules need ([`UnitFacts`], [`MemberFacts`]) and [`check`] says
//! whether the change may happen, with every problem named.

use super::{MemberStatus, UnitKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a bloc standing committee (or an administrator) may change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// A new unit under `parent`.
    Create {
        parent: String,
        kind: UnitKind,
        code: String,
        name: String,
    },
    Rename {
        unit: String,
        name: String,
    },
    /// The unit, with its subtree and members, goes under `parent`.
    Move {
        unit: String,
        parent: String,
    },
    /// The sources close; their members and units go to the target, which
    /// exists or is created (`new`: code and name, under the first source's
    /// parent, of the first source's kind).
    Merge {
        sources: Vec<String>,
        into: MergeTarget,
    },
    /// New units of the source's kind beside it, each taking the listed
    /// members; the source goes on with the rest.
    Split {
        source: String,
        parts: Vec<SplitPart>,
    },
    /// The unit closes; its members (if any) go to `members_to`.
    Dissolve {
        unit: String,
        members_to: Option<String>,
    },
    /// A member moves to another cell.
    Transfer {
        member_id: i64,
        cell: String,
    },
    /// Probationary → full (the date is the decision's), exempt, transferred
    /// out, deceased, removed.
    SetStatus {
        member_id: i64,
        status: MemberStatus,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MergeTarget {
    Existing(String),
    New { code: String, name: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitPart {
    pub code: String,
    pub name: String,
    pub members: Vec<i64>,
}

/// A dated change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dated {
    pub change: Change,
    /// The day the change takes effect (the resolution's date).
    pub date: NaiveDate,
}

/// What the rules need to know of a unit named by a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitFacts {
    pub code: String,
    pub kind: UnitKind,
    pub path: String,
    pub valid_from: NaiveDate,
    pub open: bool,
    /// Active members whose cell this is.
    pub members: i64,
    /// Open units directly below.
    pub children: i64,
    pub is_root: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFacts {
    pub member_id: i64,
    pub status: MemberStatus,
    pub cell: String,
    pub admission_date: NaiveDate,
}

/// Why a change may not happen; the UI says each in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    UnknownUnit(String),
    UnknownMember(i64),
    ClosedUnit(String),
    CodeTaken(String),
    BadCode,
    BadName,
    FutureDate,
    DateBeforeUnit(String),
    /// `child` may not sit under `parent`.
    KindNotAllowed {
        parent: UnitKind,
        child: UnitKind,
    },
    /// Moving a unit under itself or its own subtree.
    Cycle(String),
    SameUnit(String),
    RootUnit,
    NeedsTwoUnits,
    /// Members of the source need a unit that holds members.
    MembersNeedCell(String),
    /// The unit still has units below it.
    HasChildren(String),
    /// The unit still has members and no destination was given.
    HasMembers(String),
    NotAMemberOf {
        member_id: i64,
        unit: String,
    },
    MemberEnded(i64),
    StatusUnchanged,
    StatusNotAllowed {
        from: MemberStatus,
        to: MemberStatus,
    },
    NothingToDo,
    /// The change cannot be made for this member, and why would tell the
    /// caller what only the member's dossier says (status, cell), which
    /// they may not read.
    MemberFactsHidden(i64),
}

/// `problems` as a caller hears them who may read the dossiers `may_read`
/// says: of any other member they learn that the change cannot be made,
/// not which status or cell stands in the way.
pub fn redact(
    change: &Change,
    problems: Vec<Problem>,
    may_read: impl Fn(i64) -> bool,
) -> Vec<Problem> {
    let status_of = match change {
        Change::SetStatus { member_id, .. } => Some(*member_id),
        _ => None,
    };
    let mut out: Vec<Problem> = Vec::with_capacity(problems.len());
    for p in problems {
        let about = match &p {
            Problem::MemberEnded(id) | Problem::NotAMemberOf { member_id: id, .. } => Some(*id),
            Problem::StatusUnchanged | Problem::StatusNotAllowed { .. } => status_of,
            _ => None,
        };
        let p = match about {
            Some(id) if !may_read(id) => Problem::MemberFactsHidden(id),
            _ => p,
        };
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// A code as written: upper case letters, digits and '-', '_', '.', 2–40.
pub fn valid_code(code: &str) -> bool {
    (2..=40).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

fn valid_name(name: &str) -> bool {
    let n = name.trim().chars().count();
    (3..=200).contains(&n)
}

/// Whether a member's status may go from `from` to `to`.
pub fn status_change_allowed(from: MemberStatus, to: MemberStatus) -> bool {
    use MemberStatus::*;
    match (from, to) {
        _ if from == to => false,
        (Probationary, Full) => true,
        (Probationary | Full, Exempt) => true,
        (Exempt, Full) => true,
        (Probationary | Full | Exempt, TransferredOut | Deceased | Removed) => true,
        _ => false,
    }
}

/// Every unit and member a change names (for the store to look up).
pub fn named(change: &Change) -> (Vec<String>, Vec<i64>) {
    match change {
        Change::Create { parent, .. } => (vec![parent.clone()], vec![]),
        Change::Rename { unit, .. } => (vec![unit.clone()], vec![]),
        Change::Move { unit, parent } => (vec![unit.clone(), parent.clone()], vec![]),
        Change::Merge { sources, into } => {
            let mut units = sources.clone();
            if let MergeTarget::Existing(t) = into {
                units.push(t.clone());
            }
            (units, vec![])
        }
        Change::Split { source, parts } => (
            vec![source.clone()],
            parts
                .iter()
                .flat_map(|p| p.members.iter().copied())
                .collect(),
        ),
        Change::Dissolve { unit, members_to } => {
            let mut units = vec![unit.clone()];
            units.extend(members_to.iter().cloned());
            (units, vec![])
        }
        Change::Transfer { member_id, cell } => (vec![cell.clone()], vec![*member_id]),
        Change::SetStatus { member_id, .. } => (vec![], vec![*member_id]),
    }
}

/// New codes a change would create (the store checks they are free).
pub fn new_codes(change: &Change) -> Vec<String> {
    match change {
        Change::Create { code, .. } => vec![code.clone()],
        Change::Merge {
            into: MergeTarget::New { code, .. },
            ..
        } => vec![code.clone()],
        Change::Split { parts, .. } => parts.iter().map(|p| p.code.clone()).collect(),
        _ => Vec::new(),
    }
}

/// The problems of `change` given the facts (empty: it may happen).
/// `taken`: the new codes already in use.
pub fn check(
    dated: &Dated,
    today: NaiveDate,
    units: &[UnitFacts],
    members: &[MemberFacts],
    taken: &[String],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let date = dated.date;
    if date > today {
        problems.push(Problem::FutureDate);
    }
    let (unit_codes, member_ids) = named(&dated.change);
    for code in &unit_codes {
        match units.iter().find(|u| &u.code == code) {
            None => problems.push(Problem::UnknownUnit(code.clone())),
            Some(u) if !u.open => problems.push(Problem::ClosedUnit(code.clone())),
            Some(u) if u.valid_from > date => problems.push(Problem::DateBeforeUnit(code.clone())),
            Some(_) => {}
        }
    }
    for id in &member_ids {
        if !members.iter().any(|m| m.member_id == *id) {
            problems.push(Problem::UnknownMember(*id));
        }
    }
    for code in new_codes(&dated.change) {
        if !valid_code(&code) {
            problems.push(Problem::BadCode);
        } else if taken.contains(&code) {
            problems.push(Problem::CodeTaken(code));
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    let unit = |code: &str| {
        units
            .iter()
            .find(|u| u.code == code)
            .expect("checked above")
    };
    let member = |id: i64| {
        members
            .iter()
            .find(|m| m.member_id == id)
            .expect("checked above")
    };
    let allows = |parent: &UnitFacts, child: UnitKind, problems: &mut Vec<Problem>| {
        if !parent.kind.allows_child(child) {
            problems.push(Problem::KindNotAllowed {
                parent: parent.kind,
                child,
            });
        }
    };
    match &dated.change {
        Change::Create {
            parent, kind, name, ..
        } => {
            if !valid_name(name) {
                problems.push(Problem::BadName);
            }
            allows(unit(parent), *kind, &mut problems);
        }
        Change::Rename { unit: code, name } => {
            if !valid_name(name) {
                problems.push(Problem::BadName);
            }
            if unit(code).is_root {
                problems.push(Problem::RootUnit);
            }
        }
        Change::Move { unit: code, parent } => {
            let (u, p) = (unit(code), unit(parent));
            if u.is_root {
                problems.push(Problem::RootUnit);
            } else if p.path.starts_with(&u.path) {
                problems.push(Problem::Cycle(code.clone()));
            } else {
                allows(p, u.kind, &mut problems);
            }
        }
        Change::Merge { sources, into } => {
            let mut distinct = sources.clone();
            distinct.sort();
            distinct.dedup();
            let target = match into {
                MergeTarget::Existing(t) => Some(unit(t)),
                MergeTarget::New { name, .. } => {
                    if !valid_name(name) {
                        problems.push(Problem::BadName);
                    }
                    None
                }
            };
            let needed = if target.is_some() { 1 } else { 2 };
            if distinct.len() < needed || distinct.len() != sources.len() {
                problems.push(Problem::NeedsTwoUnits);
            }
            let Some(first) = sources.first().map(|s| unit(s)) else {
                return problems;
            };
            // A new target takes the first source's kind.
            let target_kind = target.map_or(first.kind, |t| t.kind);
            let target_holds = target_kind.holds_members();
            for s in sources.iter().map(|s| unit(s)) {
                if s.is_root {
                    problems.push(Problem::RootUnit);
                }
                if let Some(t) = target {
                    if t.code == s.code {
                        problems.push(Problem::SameUnit(s.code.clone()));
                    } else if t.path.starts_with(&s.path) {
                        problems.push(Problem::Cycle(s.code.clone()));
                    }
                }
                if s.kind != target_kind {
                    problems.push(Problem::KindNotAllowed {
                        parent: target_kind,
                        child: s.kind,
                    });
                }
                if s.members > 0 && !target_holds {
                    problems.push(Problem::MembersNeedCell(s.code.clone()));
                }
                if sources
                    .iter()
                    .any(|o| o != &s.code && unit(o).path.starts_with(&s.path))
                {
                    problems.push(Problem::Cycle(s.code.clone()));
                }
            }
        }
        Change::Split { source, parts } => {
            let s = unit(source);
            if parts.is_empty() {
                problems.push(Problem::NothingToDo);
            }
            if s.is_root {
                problems.push(Problem::RootUnit);
            }
            for p in parts {
                if !valid_name(&p.name) {
                    problems.push(Problem::BadName);
                }
                if !p.members.is_empty() && !s.kind.holds_members() {
                    problems.push(Problem::MembersNeedCell(p.code.clone()));
                }
                for id in &p.members {
                    let m = member(*id);
                    if m.cell != *source || !m.status.is_active() {
                        problems.push(Problem::NotAMemberOf {
                            member_id: *id,
                            unit: source.clone(),
                        });
                    }
                }
            }
            let mut codes: Vec<&String> = parts.iter().map(|p| &p.code).collect();
            codes.sort();
            codes.dedup();
            if codes.len() != parts.len() {
                problems.push(Problem::CodeTaken(parts[0].code.clone()));
            }
        }
        Change::Dissolve {
            unit: code,
            members_to,
        } => {
            let u = unit(code);
            if u.is_root {
                problems.push(Problem::RootUnit);
            }
            if u.children > 0 {
                problems.push(Problem::HasChildren(code.clone()));
            }
            match members_to {
                None if u.members > 0 => problems.push(Problem::HasMembers(code.clone())),
                Some(to) if to == code => problems.push(Problem::SameUnit(to.clone())),
                Some(to) if !unit(to).kind.holds_members() => {
                    problems.push(Problem::MembersNeedCell(to.clone()))
                }
                _ => {}
            }
        }
        Change::Transfer { member_id, cell } => {
            let m = member(*member_id);
            let c = unit(cell);
            if !m.status.is_active() {
                problems.push(Problem::MemberEnded(*member_id));
            }
            if !c.kind.holds_members() {
                problems.push(Problem::MembersNeedCell(cell.clone()));
            }
            if m.cell == *cell {
                problems.push(Problem::SameUnit(cell.clone()));
            }
        }
        Change::SetStatus { member_id, status } => {
            let m = member(*member_id);
            if m.status == *status {
                problems.push(Problem::StatusUnchanged);
            } else if !status_change_allowed(m.status, *status) {
                problems.push(Problem::StatusNotAllowed {
                    from: m.status,
                    to: *status,
                });
            }
            if date < m.admission_date {
                problems.push(Problem::DateBeforeUnit(m.cell.clone()));
            }
        }
    }
    problems
}

/// What a change did (or, in a preview, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub units_created: Vec<String>,
    pub units_closed: Vec<String>,
    /// Units that changed parent (with their subtrees).
    pub units_moved: i64,
    pub members_moved: i64,
    pub positions_ended: i64,
    /// Active members of the whole organisation before and after: a merge,
    /// a split, a move or a transfer keeps every member accounted for.
    pub members_before: i64,
    pub members_after: i64,
    /// Where to look at the result.
    pub focus: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn unit(code: &str, kind: UnitKind, path: &str, members: i64, children: i64) -> UnitFacts {
        UnitFacts {
            code: code.into(),
            kind,
            path: path.into(),
            valid_from: d(2015, 1, 1),
            open: true,
            members,
            children,
            is_root: path.matches('/').count() == 2,
        }
    }

    fn facts() -> Vec<UnitFacts> {
        vec![
            unit("B", UnitKind::Bloc, "/1/", 0, 3),
            unit("C1", UnitKind::GrassrootsCommittee, "/1/2/", 0, 2),
            unit("C1-01", UnitKind::Cell, "/1/2/3/", 10, 0),
            unit("C1-02", UnitKind::Cell, "/1/2/4/", 5, 0),
            unit("C2", UnitKind::GrassrootsCommittee, "/1/6/", 0, 0),
            unit("G1", UnitKind::GrassrootsCell, "/1/5/", 7, 0),
        ]
    }

    fn run(change: Change) -> Vec<Problem> {
        let members = vec![MemberFacts {
            member_id: 1,
            status: MemberStatus::Probationary,
            cell: "C1-01".into(),
            admission_date: d(2020, 1, 1),
        }];
        check(
            &Dated {
                change,
                date: d(2021, 1, 1),
            },
            d(2021, 6, 1),
            &facts(),
            &members,
            &["C1".to_string()],
        )
    }

    #[test]
    fn merges_keep_kinds_and_never_swallow_an_ancestor() {
        let merge = |sources: &[&str], into: &str| Change::Merge {
            sources: sources.iter().map(|s| s.to_string()).collect(),
            into: MergeTarget::Existing(into.into()),
        };
        assert!(run(merge(&["C1-02"], "C1-01")).is_empty());
        assert!(run(merge(&["C2"], "C1")).is_empty());
        assert!(matches!(
            run(merge(&["C1-02"], "C1")).as_slice(),
            [Problem::KindNotAllowed { .. }, Problem::MembersNeedCell(_)]
        ));
        assert!(run(merge(&["C1"], "C1-01")).contains(&Problem::Cycle("C1".into())));
        assert!(run(merge(&["C1-01"], "C1-01")).contains(&Problem::SameUnit("C1-01".into())));
        assert!(run(merge(&["NOPE"], "C1-01")).contains(&Problem::UnknownUnit("NOPE".into())));
        let new = Change::Merge {
            sources: vec!["C1-01".into()],
            into: MergeTarget::New {
                code: "C1-09".into(),
                name: "Chi bộ mới".into(),
            },
        };
        assert_eq!(run(new), vec![Problem::NeedsTwoUnits]);
    }

    #[test]
    fn moves_never_make_a_cycle_and_respect_levels() {
        let mv = |unit: &str, parent: &str| Change::Move {
            unit: unit.into(),
            parent: parent.into(),
        };
        assert!(run(mv("C1-01", "C2")).is_empty());
        assert_eq!(run(mv("C1", "C1-01")), vec![Problem::Cycle("C1".into())]);
        assert!(matches!(
            run(mv("C1-01", "B")).as_slice(),
            [Problem::KindNotAllowed { .. }]
        ));
        assert_eq!(run(mv("B", "C1")), vec![Problem::RootUnit]);
    }

    #[test]
    fn dissolving_needs_an_empty_unit_or_a_destination() {
        let dissolve = |unit: &str, to: Option<&str>| Change::Dissolve {
            unit: unit.into(),
            members_to: to.map(Into::into),
        };
        assert_eq!(
            run(dissolve("G1", None)),
            vec![Problem::HasMembers("G1".into())]
        );
        assert!(run(dissolve("G1", Some("C1-01"))).is_empty());
        assert_eq!(
            run(dissolve("C1", None)),
            vec![Problem::HasChildren("C1".into())]
        );
        assert!(run(dissolve("C2", None)).is_empty());
    }

    #[test]
    fn transfers_and_statuses() {
        assert!(
            run(Change::Transfer {
                member_id: 1,
                cell: "G1".into()
            })
            .is_empty()
        );
        assert_eq!(
            run(Change::Transfer {
                member_id: 1,
                cell: "C1-01".into()
            }),
            vec![Problem::SameUnit("C1-01".into())]
        );
        assert_eq!(
            run(Change::Transfer {
                member_id: 1,
                cell: "C1".into()
            }),
            vec![Problem::MembersNeedCell("C1".into())]
        );
        assert!(
            run(Change::SetStatus {
                member_id: 1,
                status: MemberStatus::Full
            })
            .is_empty()
        );
        assert_eq!(
            run(Change::Transfer {
                member_id: 9,
                cell: "G1".into()
            }),
            vec![Problem::UnknownMember(9)]
        );
        assert!(status_change_allowed(
            MemberStatus::Exempt,
            MemberStatus::Full
        ));
        assert!(!status_change_allowed(
            MemberStatus::Deceased,
            MemberStatus::Full
        ));
        assert!(!status_change_allowed(
            MemberStatus::Full,
            MemberStatus::Probationary
        ));
    }

    #[test]
    fn new_units_need_a_free_valid_code_and_an_allowed_place() {
        let create = |parent: &str, kind, code: &str| Change::Create {
            parent: parent.into(),
            kind,
            code: code.into(),
            name: "Chi bộ Phòng Mới".into(),
        };
        assert!(run(create("C1", UnitKind::Cell, "C1-03")).is_empty());
        assert_eq!(
            run(create("C1", UnitKind::Cell, "C1")),
            vec![Problem::CodeTaken("C1".into())]
        );
        assert_eq!(
            run(create("C1", UnitKind::Cell, "c 1")),
            vec![Problem::BadCode]
        );
        assert!(matches!(
            run(create("B", UnitKind::Cell, "X1")).as_slice(),
            [Problem::KindNotAllowed { .. }]
        ));
        let future = check(
            &Dated {
                change: create("C1", UnitKind::Cell, "C1-03"),
                date: d(2030, 1, 1),
            },
            d(2021, 6, 1),
            &facts(),
            &[],
            &[],
        );
        assert_eq!(future, vec![Problem::FutureDate]);
    }

    /// A small organisation in memory: enough to apply the checked changes.
    #[derive(Clone, Debug)]
    struct Model {
        /// code, kind, parent index, open, members.
        units: Vec<(String, UnitKind, Option<usize>, bool, i64)>,
    }

    impl Model {
        fn new() -> Self {
            use UnitKind::*;
            let mut units = vec![("B".to_string(), Bloc, None, true, 0)];
            for c in 0..3 {
                units.push((format!("C{c}"), GrassrootsCommittee, Some(0), true, 0));
                let parent = units.len() - 1;
                for k in 0..3 {
                    units.push((format!("C{c}-{k}"), Cell, Some(parent), true, 5 + k as i64));
                }
            }
            units.push(("G0".into(), GrassrootsCell, Some(0), true, 7));
            Model { units }
        }

        fn path(&self, i: usize) -> String {
            let mut ids = vec![i];
            let mut at = i;
            while let Some(p) = self.units[at].2 {
                ids.push(p);
                at = p;
                assert!(ids.len() <= self.units.len(), "a cycle");
            }
            ids.iter()
                .rev()
                .map(|id| format!("/{}", id + 1))
                .collect::<String>()
                + "/"
        }

        fn facts(&self) -> Vec<UnitFacts> {
            (0..self.units.len())
                .map(|i| {
                    let (code, kind, parent, open, members) = &self.units[i];
                    UnitFacts {
                        code: code.clone(),
                        kind: *kind,
                        path: self.path(i),
                        valid_from: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
                        open: *open,
                        members: *members,
                        children: self.units.iter().filter(|u| u.2 == Some(i) && u.3).count()
                            as i64,
                        is_root: parent.is_none(),
                    }
                })
                .collect()
        }

        fn index(&self, code: &str) -> usize {
            self.units.iter().position(|u| u.0 == code).unwrap()
        }

        fn members(&self) -> i64 {
            self.units.iter().filter(|u| u.3).map(|u| u.4).sum()
        }

        /// What the store does, in memory.
        fn apply(&mut self, change: &Change) {
            match change {
                Change::Move { unit, parent } => {
                    let (u, p) = (self.index(unit), self.index(parent));
                    self.units[u].2 = Some(p);
                }
                Change::Merge {
                    sources,
                    into: MergeTarget::Existing(t),
                } => {
                    let t = self.index(t);
                    for s in sources {
                        let s = self.index(s);
                        self.units[t].4 += self.units[s].4;
                        self.units[s].4 = 0;
                        for c in 0..self.units.len() {
                            if self.units[c].2 == Some(s) && self.units[c].3 {
                                self.units[c].2 = Some(t);
                            }
                        }
                        self.units[s].3 = false;
                    }
                }
                Change::Dissolve { unit, members_to } => {
                    let u = self.index(unit);
                    if let Some(to) = members_to {
                        let to = self.index(to);
                        self.units[to].4 += self.units[u].4;
                        self.units[u].4 = 0;
                    }
                    self.units[u].3 = false;
                }
                _ => unreachable!(),
            }
        }
    }

    proptest::proptest! {
        /// Whatever sequence of moves, merges and dissolutions is asked for,
        /// what the rules let through leaves a tree: one root, every open
        /// unit under an open parent of an allowed kind, no cycle, and every
        /// member still counted.
        #[test]
        fn the_tree_stays_a_tree(ops in proptest::collection::vec((0u8..3, 0usize..14, 0usize..14), 1..40)) {
            let mut model = Model::new();
            let members = model.members();
            let today = NaiveDate::from_ymd_opt(2021, 6, 1).unwrap();
            for (op, a, b) in ops {
                let (a, b) = (model.units[a].0.clone(), model.units[b].0.clone());
                let change = match op {
                    0 => Change::Move { unit: a, parent: b },
                    1 => Change::Merge { sources: vec![a], into: MergeTarget::Existing(b) },
                    _ => Change::Dissolve { unit: a, members_to: Some(b) },
                };
                let dated = Dated { change, date: today };
                if check(&dated, today, &model.facts(), &[], &[]).is_empty() {
                    model.apply(&dated.change);
                }
                let roots = model.units.iter().filter(|u| u.3 && u.2.is_none()).count();
                proptest::prop_assert_eq!(roots, 1);
                for (i, u) in model.units.iter().enumerate() {
                    if let (true, Some(p)) = (u.3, u.2) {
                        let parent = &model.units[p];
                        proptest::prop_assert!(parent.3, "{} under closed {}", u.0, parent.0);
                        proptest::prop_assert!(parent.1.allows_child(u.1), "{} under {}", u.0, parent.0);
                        let _ = model.path(i);
                    }
                }
                proptest::prop_assert_eq!(model.members(), members);
            }
        }
    }

    #[test]
    fn refusals_about_unreadable_members_tell_nothing_of_their_dossier() {
        let change = Change::SetStatus {
            member_id: 7,
            status: MemberStatus::Full,
        };
        let problems = vec![
            Problem::MemberEnded(7),
            Problem::StatusNotAllowed {
                from: MemberStatus::Deceased,
                to: MemberStatus::Full,
            },
            Problem::FutureDate,
        ];
        assert_eq!(
            redact(&change, problems.clone(), |_| false),
            vec![Problem::MemberFactsHidden(7), Problem::FutureDate]
        );
        assert_eq!(redact(&change, problems.clone(), |id| id == 7), problems);
        let transfer = Change::Transfer {
            member_id: 8,
            cell: "C1".into(),
        };
        assert_eq!(
            redact(
                &transfer,
                vec![Problem::NotAMemberOf {
                    member_id: 8,
                    unit: "C2".into()
                }],
                |_| false
            ),
            vec![Problem::MemberFactsHidden(8)]
        );
    }
}
