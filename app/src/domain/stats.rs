//! The committee's yearly figures (`/thong-ke`): each unit's commitments by
//! state and its members' final grades, kept per subtree by the store
//! (`unit_year_figures`), and what the dashboard derives from them.

use super::commitment::CommitmentState;
use super::grading::Grade;
use serde::{Deserialize, Serialize};

/// What a kept figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure {
    /// Commitments in this state.
    State(CommitmentState),
    /// Members whose year ended with this final grade.
    Grade(Grade),
}

impl Figure {
    /// The key the store keeps it under.
    pub fn key(self) -> String {
        match self {
            Figure::State(s) => format!("state:{}", s.as_str()),
            Figure::Grade(g) => format!("grade:{}", g.as_str()),
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        let (kind, value) = key.split_once(':')?;
        match kind {
            "state" => CommitmentState::parse(value).map(Figure::State),
            "grade" => Grade::parse(value).map(Figure::Grade),
            _ => None,
        }
    }

    /// The figures one commitment counts in: its state, and its final grade
    /// once it has one.
    pub fn of_commitment(state: CommitmentState, grade: Option<Grade>) -> Vec<Figure> {
        let mut out = vec![Figure::State(state)];
        out.extend(grade.map(Figure::Grade));
        out
    }
}

/// The stages a commitment passes after approval, in order: how far the
/// year has gone (mid-year review, self-assessment, the cell's proposal,
/// the committee's grade).
pub const STAGES: [CommitmentState; 5] = [
    CommitmentState::Approved,
    CommitmentState::MidYearReviewed,
    CommitmentState::SelfAssessed,
    CommitmentState::Proposed,
    CommitmentState::Graded,
];

/// The states a commitment that reached `stage` may be in: that stage of
/// [`STAGES`] and the later ones (none when `stage` is not a stage).
pub fn stages_from(stage: CommitmentState) -> impl Iterator<Item = CommitmentState> {
    STAGES.into_iter().skip_while(move |s| *s != stage)
}

/// One subtree's figures of a year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearFigures {
    /// Members of the subtree today (full, probationary, exempt).
    pub members: i64,
    /// Those members' commitments by state, in `CommitmentState::ALL`
    /// order (a member who left takes theirs out).
    pub states: [i64; 8],
    /// Those members' final grades, in `Grade::ALL` order.
    pub grades: [i64; 4],
}

impl YearFigures {
    pub fn add(&mut self, figure: Figure, n: i64) {
        match figure {
            Figure::State(s) => self.states[state_index(s)] += n,
            Figure::Grade(g) => self.grades[grade_index(g)] += n,
        }
    }

    pub fn state(&self, s: CommitmentState) -> i64 {
        self.states[state_index(s)]
    }

    pub fn grade(&self, g: Grade) -> i64 {
        self.grades[grade_index(g)]
    }

    /// Commitments begun, in any state.
    pub fn started(&self) -> i64 {
        self.states.iter().sum()
    }

    /// Members with no commitment of the year yet.
    pub fn not_started(&self) -> i64 {
        (self.members - self.started()).max(0)
    }

    /// Submitted and not sent back (waiting for review, approved or later).
    pub fn filed(&self) -> i64 {
        CommitmentState::ALL
            .into_iter()
            .filter(|s| s.is_filed())
            .map(|s| self.state(s))
            .sum()
    }

    /// Commitments that reached `stage` (one of [`STAGES`]) or a later one.
    pub fn reached(&self, stage: CommitmentState) -> i64 {
        stages_from(stage).map(|s| self.state(s)).sum()
    }

    pub fn approved(&self) -> i64 {
        self.reached(CommitmentState::Approved)
    }

    /// Members with a final grade.
    pub fn graded(&self) -> i64 {
        self.grades.iter().sum()
    }

    /// Progress of the year's filing in thousandths of the members:
    /// approved first, then filed; what "furthest behind" sorts by.
    pub fn progress(&self) -> (i64, i64) {
        let share = |n: i64| {
            if self.members == 0 {
                1000
            } else {
                n * 1000 / self.members
            }
        };
        (share(self.approved()), share(self.filed()))
    }
}

fn state_index(s: CommitmentState) -> usize {
    CommitmentState::ALL
        .iter()
        .position(|x| *x == s)
        .unwrap_or_default()
}

fn grade_index(g: Grade) -> usize {
    Grade::ALL.iter().position(|x| *x == g).unwrap_or_default()
}

/// The change of figures one commitment write makes: out of what it counted
/// in before, into what it counts in after (figures in both cancel out).
pub fn moves(before: &[Figure], after: &[Figure]) -> Vec<(Figure, i64)> {
    let mut out: Vec<(Figure, i64)> = Vec::new();
    for (list, sign) in [(before, -1), (after, 1)] {
        for f in list {
            match out.iter_mut().find(|(g, _)| g == f) {
                Some((_, n)) => *n += sign,
                None => out.push((*f, sign)),
            }
        }
    }
    out.retain(|(_, n)| *n != 0);
    out.sort_by_key(|(f, _)| f.key());
    out
}

/// How the dashboard orders its unit rows.
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowOrder {
    /// The units furthest behind first (least approved, then least filed).
    #[default]
    #[strum(serialize = "cham-nhat")]
    Behind,
    /// The chart's order (by name).
    #[strum(serialize = "ten")]
    Name,
}
text_forms!(RowOrder);

impl RowOrder {
    pub const ALL: [RowOrder; 2] = [RowOrder::Behind, RowOrder::Name];
}

/// Orders rows of (name key, figures) as `order` says; stable for equals.
pub fn order_rows<T>(rows: &mut [T], order: RowOrder, figures: impl Fn(&T) -> &YearFigures) {
    if order == RowOrder::Behind {
        rows.sort_by_key(|r| figures(r).progress());
    }
}

/// The members behind one figure of the dashboard
/// (`/thong-ke/danh-sach?don-vi=&nam=&loc=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Drill {
    /// Members (probationary, full, exempt) with no commitment of the year.
    NotStarted,
    /// Commitments in this state.
    State(CommitmentState),
    /// Commitments that reached this stage (one of [`STAGES`]) or a later one.
    Reached(CommitmentState),
    /// Members whose year ended with this grade.
    Grade(Grade),
    /// Probationary members due for full membership (see
    /// `cohort::probation_due_by`).
    ProbationDue,
}

impl Drill {
    /// Its value in the page's address (`loc`).
    pub fn code(self) -> String {
        match self {
            Drill::NotStarted => "chua-lap".into(),
            Drill::State(s) => s.as_str().into(),
            Drill::Reached(s) => format!("tu-{}", s.as_str()),
            Drill::Grade(g) => format!("xep-loai-{}", g.as_str()),
            Drill::ProbationDue => "den-han-chinh-thuc".into(),
        }
    }

    /// Every filter there is, for reading an address back.
    pub fn all() -> impl Iterator<Item = Drill> {
        [Drill::NotStarted, Drill::ProbationDue]
            .into_iter()
            .chain(CommitmentState::ALL.into_iter().map(Drill::State))
            .chain(STAGES.into_iter().map(Drill::Reached))
            .chain(Grade::ALL.into_iter().map(Drill::Grade))
    }

    pub fn parse(code: &str) -> Option<Drill> {
        Drill::all().find(|d| d.code() == code)
    }

    /// Whether the list depends on the year (all but probations).
    pub fn yearly(self) -> bool {
        self != Drill::ProbationDue
    }
}

/// A member behind a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillRow {
    pub member_id: i64,
    pub full_name: String,
    pub cell: super::org::UnitRef,
    /// The grassroots committee the cell belongs to, when it lies below the
    /// unit whose list this is: cells of different committees share names
    /// ("Chi bộ 1").
    pub organisation: Option<super::org::UnitRef>,
    /// The commitment of the year, when there is one.
    pub state: Option<CommitmentState>,
    pub grade: Option<Grade>,
    pub admitted: chrono::NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn figures(members: i64, counts: &[(CommitmentState, i64)]) -> YearFigures {
        let mut f = YearFigures {
            members,
            ..YearFigures::default()
        };
        for (s, n) in counts {
            f.add(Figure::State(*s), *n);
        }
        f
    }

    #[test]
    fn drill_codes_round_trip() {
        let all: Vec<Drill> = Drill::all().collect();
        assert_eq!(all.len(), 2 + 8 + 5 + 4);
        for d in &all {
            assert_eq!(Drill::parse(&d.code()), Some(*d));
        }
        let codes: std::collections::HashSet<String> = all.iter().map(|d| d.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert_eq!(Drill::parse("tu-draft"), None);
        assert_eq!(Drill::parse(""), None);
        assert!(!Drill::ProbationDue.yearly());
    }

    #[test]
    fn keys_round_trip() {
        for s in CommitmentState::ALL {
            assert_eq!(
                Figure::parse(&Figure::State(s).key()),
                Some(Figure::State(s))
            );
        }
        for g in Grade::ALL {
            assert_eq!(
                Figure::parse(&Figure::Grade(g).key()),
                Some(Figure::Grade(g))
            );
        }
        assert_eq!(Figure::parse("state:lost"), None);
        assert_eq!(Figure::parse("grade"), None);
        assert_eq!(Figure::parse("x:good"), None);
    }

    #[test]
    fn the_stages_of_a_cell() {
        use CommitmentState::*;
        let f = figures(
            30,
            &[
                (Draft, 2),
                (Submitted, 3),
                (Returned, 1),
                (Approved, 10),
                (MidYearReviewed, 4),
                (Graded, 5),
            ],
        );
        assert_eq!(f.started(), 25);
        assert_eq!(f.not_started(), 5);
        assert_eq!(f.filed(), 22);
        assert_eq!(f.approved(), 19);
        assert_eq!(f.reached(MidYearReviewed), 9);
        assert_eq!(f.reached(Graded), 5);
        assert_eq!(f.progress(), (633, 733));
    }

    #[test]
    fn a_grade_moves_with_its_commitment() {
        use CommitmentState::*;
        let before = Figure::of_commitment(Proposed, None);
        let after = Figure::of_commitment(Graded, Some(Grade::Good));
        assert_eq!(
            moves(&before, &after),
            vec![
                (Figure::Grade(Grade::Good), 1),
                (Figure::State(Graded), 1),
                (Figure::State(Proposed), -1)
            ]
        );
        // A regrade keeps the state and moves the grade.
        let regraded = Figure::of_commitment(Graded, Some(Grade::Excellent));
        assert_eq!(
            moves(&after, &regraded),
            vec![
                (Figure::Grade(Grade::Excellent), 1),
                (Figure::Grade(Grade::Good), -1)
            ]
        );
        assert!(moves(&after, &after).is_empty());
    }

    #[test]
    fn furthest_behind_first() {
        use CommitmentState::*;
        let mut rows = vec![
            ("a", figures(10, &[(Approved, 10)])),
            ("b", figures(10, &[(Submitted, 8)])),
            ("c", figures(10, &[(Approved, 2), (Submitted, 1)])),
            ("d", figures(10, &[(Approved, 2)])),
            ("e", figures(0, &[])),
        ];
        order_rows(&mut rows, RowOrder::Behind, |r| &r.1);
        let names: Vec<_> = rows.iter().map(|r| r.0).collect();
        assert_eq!(names, ["b", "d", "c", "a", "e"]);
        order_rows(&mut rows, RowOrder::Name, |r| &r.1);
        assert_eq!(rows[0].0, "b");
        for o in RowOrder::ALL {
            assert_eq!(RowOrder::parse(o.as_str()), Some(o));
        }
    }

    proptest! {
        /// However the states split, the shares add up: not started,
        /// drafts, returned and filed are the members.
        #[test]
        fn the_parts_make_the_whole(counts in proptest::collection::vec(0i64..50, 8), extra in 0i64..50) {
            let mut f = YearFigures::default();
            for (s, n) in CommitmentState::ALL.into_iter().zip(&counts) {
                f.add(Figure::State(s), *n);
            }
            f.members = f.started() + extra;
            prop_assert_eq!(
                f.not_started() + f.state(CommitmentState::Draft) + f.state(CommitmentState::Returned) + f.filed(),
                f.members
            );
            prop_assert!(f.approved() <= f.filed());
            let (approved, filed) = f.progress();
            prop_assert!(approved <= filed && filed <= 1000);
        }
    }
}
