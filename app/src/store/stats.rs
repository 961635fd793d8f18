//! The committee's yearly figures per subtree (`unit_year_figures`): read by
//! the dashboard, kept by the writes that move them (statements in
//! `sql/stats.rs`, compiled once per backend).

use super::StoreError;
use crate::domain::cohort::Cohorts;
use crate::domain::commitment::CommitmentState;
use crate::domain::grading::Grade;
use crate::domain::org::{UnitRef, path_ids};
use crate::domain::stats::{Drill, DrillRow, Figure, YearFigures};
use async_trait::async_trait;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// A unit directly below the one a dashboard shows, with its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFigures {
    pub unit: UnitRef,
    pub figures: YearFigures,
}

#[async_trait]
pub trait StatsStore: Send + Sync {
    /// The organisations below `unit_id` graded in `year`, by grade (in
    /// `Grade::ALL` order).
    async fn organisation_grades(&self, unit_id: i64, year: i32) -> Result<[i64; 4], StoreError>;
    /// The figures of `year` of the subtree of `unit_id`.
    async fn year_figures(&self, unit_id: i64, year: i32) -> Result<YearFigures, StoreError>;
    /// The figures of `year` of each current unit directly below
    /// `parent_id`, in the chart's order, at most `limit`.
    async fn child_figures(
        &self,
        parent_id: i64,
        year: i32,
        limit: i64,
    ) -> Result<Vec<UnitFigures>, StoreError>;
    /// Recipients of the year's decisions issued in the subtree at `path`,
    /// by form: (form, organisations, members), in `Form::VARIANTS` order.
    async fn commended_by_form(
        &self,
        path: &str,
        year: i32,
    ) -> Result<Vec<(crate::domain::commendation::Form, i64, i64)>, StoreError>;
    /// The members of the subtree of `unit_id` by gender and age band, as
    /// kept (`Cohorts::year` says the year they are reckoned in).
    async fn cohorts(&self, unit_id: i64) -> Result<Cohorts, StoreError>;
    /// Counts the cohorts again when they are not reckoned in `year` (the
    /// year turned, or the working date moved); whether it did.
    async fn refresh_cohorts(&self, year: i32) -> Result<bool, StoreError>;
    /// Probationary members of the subtree of `unit_id` admitted on or
    /// before `admitted_by`, as kept by admission day.
    async fn probation_due(&self, unit_id: i64, admitted_by: NaiveDate) -> Result<i64, StoreError>;
    /// The members behind a figure of `year` of the subtree of `unit_id`,
    /// in the chart's order of their cells and by name within a cell,
    /// `limit` from `offset` (`admitted_by`: for `Drill::ProbationDue`).
    async fn drill(
        &self,
        unit_id: i64,
        year: i32,
        drill: Drill,
        admitted_by: NaiveDate,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<DrillRow>, StoreError>;
}

/// Where a commitment stands in the figures before a write (see
/// `commitment_figures`).
pub(crate) struct CommitmentFigures {
    pub cell_path: String,
    pub figures: Vec<Figure>,
    pub grade: Option<Grade>,
    /// Whether its member is counted today (probationary, full, exempt).
    pub counted: bool,
}

pub(crate) fn counted_status(status: &str) -> Result<bool, StoreError> {
    crate::domain::MemberStatus::parse(status)
        .map(|s| s.is_active())
        .ok_or_else(|| StoreError::Fault(format!("member status {status}")))
}

/// Changes of kept figures, summed per (unit, year, figure) and applied in
/// that order: two transactions never wait for each other's rows in
/// opposite orders.
#[derive(Debug, Default)]
pub(crate) struct FigureMoves(
    BTreeMap<(i64, i32, String), i64>,
    /// The cells and years moved (told to the other instances).
    std::collections::BTreeSet<(String, i32)>,
);

impl FigureMoves {
    /// `moves` of one commitment of `year` whose member's cell is at `path`:
    /// every unit on the path counts it.
    pub(crate) fn add(&mut self, path: &str, year: i32, moves: &[(Figure, i64)]) {
        for id in path_ids(path) {
            for (figure, n) in moves {
                *self.0.entry((id, year, figure.key())).or_default() += n;
            }
        }
        if !moves.is_empty() {
            self.1.insert((path.to_string(), year));
        }
    }

    /// Where figures moved: each cell and year.
    pub(crate) fn places(&self) -> impl Iterator<Item = (&str, i32)> {
        self.1.iter().map(|(p, y)| (p.as_str(), *y))
    }

    /// The changes left after cancelling out.
    pub(crate) fn rows(&self) -> Vec<(i64, i32, &str, i64)> {
        self.0
            .iter()
            .filter(|(_, n)| **n != 0)
            .map(|((id, year, key), n)| (*id, *year, key.as_str(), *n))
            .collect()
    }
}

/// The commitments of a cell in a year in one state and final grade.
#[derive(sqlx::FromRow)]
pub(crate) struct FigureCount {
    pub cell_id: i64,
    pub year: i32,
    pub state: String,
    pub final_grade: Option<String>,
    pub n: i64,
}

/// The members of a cell of one gender born in one year.
#[derive(sqlx::FromRow)]
pub(crate) struct CohortCount {
    pub cell_id: i64,
    pub gender: String,
    pub born: i32,
    pub n: i64,
}

/// The figures of every current unit, rolled up along the paths from
/// counts per cell.
pub(crate) fn roll_up_figures(
    units: &[(i64, String, String)],
    counts: &[FigureCount],
) -> Result<Vec<(i64, i32, String, i64)>, StoreError> {
    let paths: HashMap<i64, &str> = units.iter().map(|(id, p, _)| (*id, p.as_str())).collect();
    let mut moves = FigureMoves::default();
    for c in counts {
        let Some(path) = paths.get(&c.cell_id) else {
            continue;
        };
        let state = CommitmentState::parse(&c.state)
            .ok_or_else(|| StoreError::Fault(format!("commitment state {}", c.state)))?;
        let grade = match c.final_grade.as_deref() {
            None => None,
            Some(g) => {
                Some(Grade::parse(g).ok_or_else(|| StoreError::Fault(format!("grade {g}")))?)
            }
        };
        let figures: Vec<(Figure, i64)> = Figure::of_commitment(state, grade)
            .into_iter()
            .map(|f| (f, c.n))
            .collect();
        moves.add(path, c.year, &figures);
    }
    Ok(moves
        .rows()
        .into_iter()
        .filter(|(id, ..)| paths.contains_key(id))
        .map(|(id, year, key, n)| (id, year, key.to_string(), n))
        .collect())
}

/// Figures read back from their rows (unknown keys are left out: a newer
/// release may keep more).
pub(crate) fn figures_from(members: i64, rows: &[(String, i64)]) -> YearFigures {
    let mut f = YearFigures {
        members,
        ..YearFigures::default()
    };
    for (key, n) in rows {
        if let Some(figure) = Figure::parse(key) {
            f.add(figure, *n);
        }
    }
    f
}

/// Every current unit's cohorts reckoned in `year`, rolled up along the
/// paths from counts per cell.
pub(crate) fn roll_up_cohorts(
    units: &[(i64, String, String)],
    counts: &[CohortCount],
    year: i32,
) -> Result<Vec<(i64, Cohorts)>, StoreError> {
    use crate::domain::member::Gender;
    let empty = Cohorts {
        year,
        ..Cohorts::default()
    };
    let mut out: HashMap<i64, Cohorts> = units.iter().map(|(id, ..)| (*id, empty)).collect();
    let paths: HashMap<i64, &str> = units.iter().map(|(id, p, _)| (*id, p.as_str())).collect();
    for count in counts {
        let g = Gender::parse(&count.gender)
            .ok_or_else(|| StoreError::Fault(format!("gender {}", count.gender)))?;
        let Some(path) = paths.get(&count.cell_id) else {
            continue;
        };
        for id in path_ids(path) {
            if let Some(c) = out.get_mut(&id) {
                c.add(g, count.born, count.n);
            }
        }
    }
    let mut out: Vec<_> = out.into_iter().collect();
    out.sort_unstable_by_key(|(id, _)| *id);
    Ok(out)
}

/// The columns a member counts in: gender's, then age band's.
pub(crate) fn cohort_columns(
    gender: crate::domain::member::Gender,
    band: crate::domain::cohort::AgeBand,
) -> (&'static str, &'static str) {
    use crate::domain::cohort::AgeBand;
    use crate::domain::member::Gender;
    let g = match gender {
        Gender::Male => "male",
        Gender::Female => "female",
    };
    let b = match band {
        AgeBand::UpTo30 => "age_to_30",
        AgeBand::From31To40 => "age_31_40",
        AgeBand::From41To50 => "age_41_50",
        AgeBand::From51To60 => "age_51_60",
        AgeBand::Over60 => "age_over_60",
    };
    (g, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_roll_up_the_paths_and_cancel_out() {
        let units = vec![
            (1, "/1/".to_string(), "bloc".to_string()),
            (2, "/1/2/".to_string(), "grassroots_committee".to_string()),
            (3, "/1/2/3/".to_string(), "cell".to_string()),
            (4, "/1/4/".to_string(), "grassroots_cell".to_string()),
        ];
        let count = |cell_id, state: &str, grade: Option<&str>, n| FigureCount {
            cell_id,
            year: 2021,
            state: state.to_string(),
            final_grade: grade.map(str::to_string),
            n,
        };
        let counts = vec![
            count(3, "submitted", None, 5),
            count(4, "graded", Some("good"), 2),
            // A closed cell's commitments count nowhere.
            count(9, "draft", None, 7),
        ];
        let rows = roll_up_figures(&units, &counts).expect("valid");
        let of = |id: i64| -> Vec<(String, i64)> {
            rows.iter()
                .filter(|r| r.0 == id)
                .map(|r| (r.2.clone(), r.3))
                .collect()
        };
        assert_eq!(figures_from(0, &of(1)).state(CommitmentState::Submitted), 5);
        assert_eq!(figures_from(0, &of(1)).grade(Grade::Good), 2);
        assert_eq!(figures_from(0, &of(2)).started(), 5);
        assert_eq!(figures_from(0, &of(4)).state(CommitmentState::Graded), 2);
        assert!(of(9).is_empty());

        let mut moves = FigureMoves::default();
        let up = [(Figure::State(CommitmentState::Approved), 1)];
        let down = [(Figure::State(CommitmentState::Approved), -1)];
        moves.add("/1/2/3/", 2021, &up);
        moves.add("/1/4/", 2021, &down);
        // The bloc gains and loses one: nothing left to write for it.
        let rows = moves.rows();
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.0 != 1));
        assert!(roll_up_figures(&units, &[count(3, "lost", None, 1)]).is_err());
    }
}
