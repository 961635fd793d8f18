//! The statements of the yearly figures, compiled once per backend: the
//! including module names its store type `This` and its database `Db`.

use super::{Db, This};
use crate::domain::cohort::Cohorts;
use crate::domain::commitment::CommitmentState;
use crate::domain::grading::Grade;
use crate::domain::org::path_ids;
use crate::domain::stats::{Drill, DrillRow};
use crate::domain::stats::{Figure, YearFigures};
use crate::store::StoreError;
use crate::store::stats::*;
use chrono::NaiveDate;
use sqlx::QueryBuilder;

type Conn = <Db as sqlx::Database>::Connection;

/// Rows per INSERT (4 binds each).
const CHUNK: usize = 1000;

/// A member's cell path and status, with their commitment of a year if any.
#[derive(sqlx::FromRow)]
struct CommitmentPlace {
    path: String,
    status: String,
    state: Option<String>,
    final_grade: Option<String>,
}

/// A unit directly below a dashboard's, with its members today.
#[derive(sqlx::FromRow)]
struct ChildUnit {
    id: i64,
    code: String,
    name: String,
    kind: String,
    members: i64,
}

/// The kept cohorts of a subtree.
#[derive(sqlx::FromRow)]
struct CohortRow {
    year: i32,
    male: i64,
    female: i64,
    age_to_30: i64,
    age_31_40: i64,
    age_41_50: i64,
    age_51_60: i64,
    age_over_60: i64,
}

/// A member behind a figure, with their cell and commitment of the year.
#[derive(sqlx::FromRow)]
struct DrillLine {
    id: i64,
    full_name: String,
    cell_code: String,
    cell_name: String,
    cell_kind: String,
    state: Option<String>,
    final_grade: Option<String>,
    admission_date: NaiveDate,
    cell_path: String,
}

/// A grassroots committee a drilled member's cell is under.
#[derive(sqlx::FromRow)]
struct Organisation {
    id: i64,
    code: String,
    name: String,
    kind: String,
}

impl This {
    /// Applies summed changes of figures (in the writing transaction).
    pub(crate) async fn apply_figure_moves(
        conn: &mut Conn,
        moves: &FigureMoves,
    ) -> Result<(), StoreError> {
        for chunk in moves.rows().chunks(CHUNK) {
            QueryBuilder::<Db>::new("INSERT INTO unit_year_figures (unit_id, year, figure, n) ")
                .push_values(chunk, |mut b, (id, year, key, n)| {
                    b.push_bind(*id).push_bind(*year).push_bind(key.to_string()).push_bind(*n);
                })
                .push(" ON CONFLICT (unit_id, year, figure) DO UPDATE SET n = unit_year_figures.n + excluded.n")
                .build()
                .execute(&mut *conn)
                .await?;
        }
        for (path, year) in moves.places() {
            notify(conn, path, Some(year)).await?;
        }
        Ok(())
    }

    /// What a commitment of `member_id` in `year` counts in now, and its
    /// member's cell path: read before a write changes it. The figures
    /// count the members of today only (like `members`), so a commitment
    /// of a member who left counts in none (`counted` is false).
    pub(crate) async fn commitment_figures(
        conn: &mut Conn,
        member_id: i64,
        year: i32,
    ) -> Result<CommitmentFigures, StoreError> {
        let row: Option<CommitmentPlace> = sqlx::query_as(
            "SELECT u.path, m.status, c.state, c.final_grade FROM members m JOIN units u ON u.id = m.cell_id \
             LEFT JOIN commitments c ON c.member_id = m.id AND c.year = $2 WHERE m.id = $1",
        )
        .bind(member_id)
        .bind(year)
        .fetch_optional(&mut *conn)
        .await?;
        let row = row.ok_or(StoreError::NotFound)?;
        let counted = counted_status(&row.status)?;
        let grade = row.final_grade.as_deref().and_then(Grade::parse);
        let figures = match row.state.as_deref().and_then(CommitmentState::parse) {
            Some(state) if counted => Figure::of_commitment(state, grade),
            _ => Vec::new(),
        };
        Ok(CommitmentFigures {
            cell_path: row.path,
            figures,
            grade,
            counted,
        })
    }

    /// Adds (`sign` 1) or takes away (-1) the figures of every commitment
    /// of `member_id` at the cell `path` and above: the member moves there,
    /// away, or starts or stops being counted.
    pub(crate) async fn count_member_figures(
        conn: &mut Conn,
        member_id: i64,
        path: &str,
        sign: i64,
    ) -> Result<(), StoreError> {
        let rows: Vec<(i32, String, Option<String>)> =
            sqlx::query_as("SELECT year, state, final_grade FROM commitments WHERE member_id = $1")
                .bind(member_id)
                .fetch_all(&mut *conn)
                .await?;
        let mut out = FigureMoves::default();
        for (year, state, grade) in rows {
            let Some(state) = CommitmentState::parse(&state) else {
                return Err(StoreError::Fault(format!("commitment state {state}")));
            };
            let figures: Vec<(Figure, i64)> =
                Figure::of_commitment(state, grade.as_deref().and_then(Grade::parse))
                    .into_iter()
                    .map(|f| (f, sign))
                    .collect();
            out.add(path, year, &figures);
        }
        Self::apply_figure_moves(conn, &out).await
    }

    /// Recomputes every current unit's figures from the commitments.
    pub(crate) async fn rebuild_figures(
        conn: &mut Conn,
        units: &[(i64, String, String)],
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM unit_year_figures")
            .execute(&mut *conn)
            .await?;
        let counts: Vec<FigureCount> = sqlx::query_as(
            "SELECT m.cell_id, c.year, c.state, c.final_grade, COUNT(*) AS n FROM commitments c \
             JOIN members m ON m.id = c.member_id WHERE m.status IN ('probationary', 'full', 'exempt') \
             GROUP BY m.cell_id, c.year, c.state, c.final_grade",
        )
        .fetch_all(&mut *conn)
        .await?;
        let rows = roll_up_figures(units, &counts)?;
        for chunk in rows.chunks(CHUNK) {
            QueryBuilder::<Db>::new("INSERT INTO unit_year_figures (unit_id, year, figure, n) ")
                .push_values(chunk, |mut b, (id, year, key, n)| {
                    b.push_bind(*id)
                        .push_bind(*year)
                        .push_bind(key.clone())
                        .push_bind(*n);
                })
                .build()
                .execute(&mut *conn)
                .await?;
        }
        // Every figure may have moved.
        notify(conn, "/", None).await
    }
}

/// The year cohorts are reckoned in when they are counted afresh: the
/// year they are kept for, else the working date's, else today's.
async fn cohort_year(conn: &mut Conn) -> Result<i32, StoreError> {
    let kept: Option<i32> = sqlx::query_scalar("SELECT year FROM unit_cohorts LIMIT 1")
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(y) = kept {
        return Ok(y);
    }
    Ok(crate::domain::cohort::cohort_year(
        working_date(conn).await?,
    ))
}

/// The working date set for the installation, else today.
pub(crate) async fn working_date(conn: &mut Conn) -> Result<NaiveDate, StoreError> {
    let set: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(crate::store::model::WORKING_DATE)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(set
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Utc::now().date_naive()))
}

impl This {
    /// Counts every current unit's cohorts afresh, reckoned in `year` (the
    /// year kept when `None`).
    pub(crate) async fn rebuild_cohorts(
        conn: &mut Conn,
        units: &[(i64, String, String)],
        year: Option<i32>,
    ) -> Result<(), StoreError> {
        let year = match year {
            Some(y) => y,
            None => cohort_year(conn).await?,
        };
        sqlx::query("DELETE FROM unit_cohorts")
            .execute(&mut *conn)
            .await?;
        // The year from the ISO text of the date works on both backends.
        let counts: Vec<CohortCount> = sqlx::query_as(
            "SELECT cell_id, gender, CAST(SUBSTR(CAST(birth_date AS TEXT), 1, 4) AS INTEGER) AS born, COUNT(*) AS n \
             FROM members WHERE status IN ('probationary', 'full', 'exempt') GROUP BY cell_id, gender, born",
        )
        .fetch_all(&mut *conn)
        .await?;
        let rows = roll_up_cohorts(units, &counts, year)?;
        for chunk in rows.chunks(CHUNK / 2) {
            QueryBuilder::<Db>::new(
                "INSERT INTO unit_cohorts (unit_id, year, male, female, age_to_30, age_31_40, \
                 age_41_50, age_51_60, age_over_60) ",
            )
            .push_values(chunk, |mut b, (id, c)| {
                b.push_bind(*id)
                    .push_bind(c.year)
                    .push_bind(c.male)
                    .push_bind(c.female);
                for n in c.bands {
                    b.push_bind(n);
                }
            })
            .build()
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    /// Adds `delta` (±1) to the cohorts of every unit on `path` for the
    /// member `member_id` (in the writing transaction; nothing when the
    /// path's units are not counted yet: the next count takes them).
    pub(crate) async fn adjust_cohorts(
        conn: &mut Conn,
        member_id: i64,
        path: &str,
        delta: i64,
    ) -> Result<(), StoreError> {
        use crate::domain::cohort::AgeBand;
        use crate::domain::member::Gender;
        use chrono::Datelike;
        let ids = path_ids(path);
        let Some(top) = ids.first() else {
            return Ok(());
        };
        let year: Option<i32> =
            sqlx::query_scalar("SELECT year FROM unit_cohorts WHERE unit_id = $1")
                .bind(top)
                .fetch_optional(&mut *conn)
                .await?;
        let Some(year) = year else {
            return Ok(());
        };
        let (gender, born): (String, NaiveDate) =
            sqlx::query_as("SELECT gender, birth_date FROM members WHERE id = $1")
                .bind(member_id)
                .fetch_one(&mut *conn)
                .await?;
        let gender =
            Gender::parse(&gender).ok_or_else(|| StoreError::Fault(format!("gender {gender}")))?;
        let (g, b) = cohort_columns(gender, AgeBand::of(born.year(), year));
        let mut q = QueryBuilder::<Db>::new(format!("UPDATE unit_cohorts SET {g} = {g} + "));
        q.push_bind(delta)
            .push(format!(", {b} = {b} + "))
            .push_bind(delta)
            .push(" WHERE unit_id IN (");
        let mut list = q.separated(", ");
        for id in &ids {
            list.push_bind(*id);
        }
        q.push(")");
        q.build().execute(&mut *conn).await?;
        Ok(())
    }
}

impl This {
    /// Counts every current unit's probationary members by admission day
    /// afresh.
    pub(crate) async fn rebuild_probations(
        conn: &mut Conn,
        units: &[(i64, String, String)],
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM unit_probations")
            .execute(&mut *conn)
            .await?;
        let counts: Vec<(i64, NaiveDate, i64)> = sqlx::query_as(
            "SELECT cell_id, admission_date, COUNT(*) FROM members \
             WHERE status = 'probationary' GROUP BY cell_id, admission_date",
        )
        .fetch_all(&mut *conn)
        .await?;
        let rows = crate::store::org::roll_up_counts(units, counts);
        for chunk in rows.chunks(CHUNK) {
            QueryBuilder::<Db>::new("INSERT INTO unit_probations (unit_id, admitted_on, n) ")
                .push_values(chunk, |mut b, (id, day, n)| {
                    b.push_bind(*id).push_bind(*day).push_bind(*n);
                })
                .build()
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// Adds `delta` (±1) for the probationary member `member_id` to every
    /// unit on `path` (in the writing transaction).
    pub(crate) async fn adjust_probations(
        conn: &mut Conn,
        member_id: i64,
        path: &str,
        delta: i64,
    ) -> Result<(), StoreError> {
        let day: NaiveDate = sqlx::query_scalar("SELECT admission_date FROM members WHERE id = $1")
            .bind(member_id)
            .fetch_one(&mut *conn)
            .await?;
        let ids = path_ids(path);
        if ids.is_empty() {
            return Ok(());
        }
        QueryBuilder::<Db>::new("INSERT INTO unit_probations (unit_id, admitted_on, n) ")
            .push_values(&ids, |mut b, id| {
                b.push_bind(*id).push_bind(day).push_bind(delta);
            })
            .push(" ON CONFLICT (unit_id, admitted_on) DO UPDATE SET n = unit_probations.n + excluded.n")
            .build()
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}

/// Tells the other instances on PostgreSQL, in the writing transaction (so
/// on commit, and never for a write rolled back), that figures under `path`
/// moved. SQLite has one instance: nothing to tell.
pub(crate) async fn notify(
    conn: &mut Conn,
    path: &str,
    year: Option<i32>,
) -> Result<(), StoreError> {
    use crate::api::live::{CHANNEL, Moved};
    if <Db as sqlx::Database>::NAME != "PostgreSQL" {
        return Ok(());
    }
    let notice = Moved {
        path: path.to_string(),
        year,
    };
    let payload = serde_json::to_string(&notice).map_err(|e| StoreError::Fault(e.to_string()))?;
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CHANNEL)
        .bind(payload)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Members of a subtree today, as unit_stats keeps them.
const MEMBERS: &str = "COALESCE(s.full_members + s.probationary_members + s.exempt_members, 0)";

#[async_trait::async_trait]
impl StatsStore for This {
    async fn organisation_grades(&self, unit_id: i64, year: i32) -> Result<[i64; 4], StoreError> {
        let path: Option<String> = sqlx::query_scalar("SELECT path FROM units WHERE id = $1")
            .bind(unit_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(path) = path else {
            return Ok([0; 4]);
        };
        // The units strictly below, graded in the year (a few thousand at
        // national scale: unit_grades holds organisations, not members).
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT g.grade, COUNT(*) FROM unit_grades g JOIN units u ON u.id = g.unit_id \
             WHERE g.year = $1 AND u.path > $2 AND u.path < $3 GROUP BY g.grade",
        )
        .bind(year)
        .bind(&path)
        .bind(crate::store::path_upper_bound(&path))
        .fetch_all(&self.pool)
        .await?;
        let mut out = [0; 4];
        for (grade, n) in rows {
            let g = Grade::parse(&grade)
                .ok_or_else(|| StoreError::Fault(format!("unit grade {grade}")))?;
            if let Some(i) = Grade::ALL.iter().position(|x| *x == g) {
                out[i] += n;
            }
        }
        Ok(out)
    }

    async fn year_figures(&self, unit_id: i64, year: i32) -> Result<YearFigures, StoreError> {
        let members: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT {MEMBERS} FROM units u LEFT JOIN unit_stats s ON s.unit_id = u.id WHERE u.id = $1"
        ))
        .bind(unit_id)
        .fetch_optional(&self.pool)
        .await?;
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT figure, n FROM unit_year_figures WHERE unit_id = $1 AND year = $2",
        )
        .bind(unit_id)
        .bind(year)
        .fetch_all(&self.pool)
        .await?;
        Ok(figures_from(members.unwrap_or(0), &rows))
    }

    async fn child_figures(
        &self,
        parent_id: i64,
        year: i32,
        limit: i64,
    ) -> Result<Vec<UnitFigures>, StoreError> {
        let units: Vec<ChildUnit> = sqlx::query_as(&format!(
            "SELECT u.id, u.code, u.name, u.kind, {MEMBERS} AS members FROM units u \
             LEFT JOIN unit_stats s ON s.unit_id = u.id \
             WHERE u.parent_id = $1 AND u.valid_to IS NULL ORDER BY u.sort_key, u.id LIMIT $2"
        ))
        .bind(parent_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        if units.is_empty() {
            return Ok(Vec::new());
        }
        // The listed units' figures only (a national root has thousands).
        let mut q = QueryBuilder::<Db>::new(
            "SELECT unit_id, figure, n FROM unit_year_figures WHERE year = ",
        );
        q.push_bind(year).push(" AND unit_id IN (");
        let mut ids = q.separated(", ");
        for u in &units {
            ids.push_bind(u.id);
        }
        q.push(")");
        let rows: Vec<(i64, String, i64)> = q.build_query_as().fetch_all(&self.pool).await?;
        let mut by_unit: std::collections::HashMap<i64, Vec<(String, i64)>> = Default::default();
        for (id, key, n) in rows {
            by_unit.entry(id).or_default().push((key, n));
        }
        units
            .into_iter()
            .map(|u| {
                let own = by_unit.remove(&u.id).unwrap_or_default();
                Ok(UnitFigures {
                    unit: crate::store::org::unit_ref(u.code, u.name, &u.kind)?,
                    figures: figures_from(u.members, &own),
                })
            })
            .collect()
    }
    async fn commended_by_form(
        &self,
        path: &str,
        year: i32,
    ) -> Result<Vec<(crate::domain::commendation::Form, i64, i64)>, StoreError> {
        use crate::domain::commendation::Form;
        use strum::VariantArray;
        // As the summary counts them (`unit_summary`), by form.
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT d.form, COUNT(r.unit_id), COUNT(r.member_id) FROM decisions d \
             JOIN units i ON i.id = d.issuer_id \
             JOIN commendation_nominees r ON r.decision_id = d.id \
             WHERE d.year = $1 AND i.path >= $2 AND i.path < $3 GROUP BY d.form",
        )
        .bind(year)
        .bind(path)
        .bind(crate::store::path_upper_bound(path))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for form in Form::VARIANTS {
            if let Some((_, units, members)) = rows.iter().find(|r| r.0 == form.as_str()) {
                out.push((*form, *units, *members));
            }
        }
        if out.len() < rows.len() {
            return Err(StoreError::Fault("an unknown form of commendation".into()));
        }
        Ok(out)
    }

    async fn cohorts(&self, unit_id: i64) -> Result<Cohorts, StoreError> {
        let row: Option<CohortRow> = sqlx::query_as(
            "SELECT year, male, female, age_to_30, age_31_40, age_41_50, age_51_60, age_over_60 \
             FROM unit_cohorts WHERE unit_id = $1",
        )
        .bind(unit_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map_or_else(Cohorts::default, |r| Cohorts {
            year: r.year,
            male: r.male,
            female: r.female,
            bands: [
                r.age_to_30,
                r.age_31_40,
                r.age_41_50,
                r.age_51_60,
                r.age_over_60,
            ],
        }))
    }

    async fn refresh_cohorts(&self, year: i32) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let (stale, counted, units): (bool, bool, bool) = sqlx::query_as(
            "SELECT EXISTS (SELECT 1 FROM unit_cohorts WHERE year <> $1), \
             EXISTS (SELECT 1 FROM unit_cohorts), EXISTS (SELECT 1 FROM units)",
        )
        .bind(year)
        .fetch_one(&mut *tx)
        .await?;
        if !stale && (counted || !units) {
            return Ok(false);
        }
        let units: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT id, path, kind FROM units WHERE valid_to IS NULL")
                .fetch_all(&mut *tx)
                .await?;
        Self::rebuild_cohorts(&mut tx, &units, Some(year)).await?;
        notify(&mut tx, "/", None).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn probation_due(&self, unit_id: i64, admitted_by: NaiveDate) -> Result<i64, StoreError> {
        let n: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(SUM(n) AS BIGINT) FROM unit_probations WHERE unit_id = $1 AND admitted_on <= $2",
        )
        .bind(unit_id)
        .bind(admitted_by)
        .fetch_one(&self.pool)
        .await?;
        Ok(n.unwrap_or(0))
    }

    async fn drill(
        &self,
        unit_id: i64,
        year: i32,
        drill: Drill,
        admitted_by: NaiveDate,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<DrillRow>, StoreError> {
        // The subtree in the chart's order (each unit's own members, then
        // its children by name, a batch at a time), skipping whole units by
        // their kept counts: a page reads the few units it passes, not every
        // member behind the figure (5.6 M at national scale). One
        // transaction, one snapshot.
        let mut tx = self.pool.begin().await?;
        let at = DrillAt {
            year,
            drill,
            admitted_by,
        };
        let Some(root) = at.counts(&mut tx, Counts::Unit(unit_id)).await?.pop() else {
            return Ok(Vec::new());
        };
        let limit = usize::try_from(limit).unwrap_or(0);
        let mut skip = offset.max(0);
        let mut out = Vec::new();
        let mut stack = vec![Level::one(root)];
        while out.len() < limit {
            let Some(level) = stack.last_mut() else {
                break;
            };
            if level.ready.is_empty() && !level.ended {
                let batch = at
                    .counts(
                        &mut tx,
                        Counts::Below {
                            parent: level.parent,
                            after: level.after.clone(),
                        },
                    )
                    .await?;
                level.take(batch);
            }
            let Some((id, n)) = level.ready.pop_front() else {
                stack.pop();
                continue;
            };
            if skip >= n {
                skip -= n.max(0);
                continue;
            }
            // Its own members first: counted only when some are skipped.
            let own = if skip > 0 {
                at.own_count(&mut tx, id).await?
            } else {
                i64::MAX
            };
            if skip >= own {
                skip -= own;
            } else {
                let rows = at.members(&mut tx, id, skip, limit - out.len()).await?;
                skip = 0;
                out.extend(rows);
            }
            stack.push(Level::below(id));
        }
        name_organisations(&mut tx, unit_id, out).await
    }
}

/// Whose counts `DrillAt::counts` reads.
enum Counts {
    Unit(i64),
    /// The next `DRILL_BATCH` current units right below `parent`, in the
    /// chart's order, after the one named (its sort key and id).
    Below {
        parent: i64,
        after: Option<(String, i64)>,
    },
}

/// Units below one parent whose counts one read takes (a national root
/// has 52,000).
const DRILL_BATCH: i64 = 100;

/// The units of one level still to walk.
struct Level {
    parent: i64,
    ready: std::collections::VecDeque<(i64, i64)>,
    after: Option<(String, i64)>,
    ended: bool,
}

impl Level {
    fn one(unit: (i64, i64, String)) -> Self {
        Level {
            parent: 0,
            ready: [(unit.0, unit.1)].into(),
            after: None,
            ended: true,
        }
    }

    fn below(parent: i64) -> Self {
        Level {
            parent,
            ready: Default::default(),
            after: None,
            ended: false,
        }
    }

    fn take(&mut self, batch: Vec<(i64, i64, String)>) {
        self.ended = (batch.len() as i64) < DRILL_BATCH;
        if let Some((id, _, key)) = batch.last() {
            self.after = Some((key.clone(), *id));
        }
        self.ready
            .extend(batch.into_iter().map(|(id, n, _)| (id, n)));
    }
}

/// One list behind a figure, read a unit at a time.
struct DrillAt {
    year: i32,
    drill: Drill,
    admitted_by: NaiveDate,
}

impl DrillAt {
    /// The kept count of the list's members in each unit's subtree: what
    /// `members` lists there, by the same rules (store tests check it).
    async fn counts(
        &self,
        conn: &mut Conn,
        of: Counts,
    ) -> Result<Vec<(i64, i64, String)>, StoreError> {
        use crate::domain::stats::stages_from;
        let mut q = QueryBuilder::<Db>::new("SELECT u.id, CAST(");
        let figures = |q: &mut QueryBuilder<'_, Db>, keys: Vec<String>| {
            q.push(
                "(SELECT COALESCE(SUM(f.n), 0) FROM unit_year_figures f WHERE f.unit_id = u.id AND f.year = ",
            )
            .push_bind(self.year)
            .push(" AND f.figure IN (");
            let mut list = q.separated(", ");
            for k in keys {
                list.push_bind(k);
            }
            q.push("))");
        };
        let states = |from: Option<CommitmentState>| -> Vec<String> {
            match from {
                None => CommitmentState::ALL
                    .iter()
                    .map(|s| Figure::State(*s).key())
                    .collect(),
                Some(stage) => stages_from(stage).map(|s| Figure::State(s).key()).collect(),
            }
        };
        match self.drill {
            Drill::NotStarted => {
                q.push(MEMBERS).push(" - ");
                figures(&mut q, states(None));
            }
            Drill::State(s) => figures(&mut q, vec![Figure::State(s).key()]),
            Drill::Reached(stage) => figures(&mut q, states(Some(stage))),
            Drill::Grade(g) => figures(&mut q, vec![Figure::Grade(g).key()]),
            Drill::ProbationDue => {
                q.push(
                    "(SELECT COALESCE(SUM(p.n), 0) FROM unit_probations p WHERE p.unit_id = u.id AND p.admitted_on <= ",
                )
                .push_bind(self.admitted_by)
                .push(")");
            }
        }
        q.push(" AS BIGINT), u.sort_key FROM units u LEFT JOIN unit_stats s ON s.unit_id = u.id WHERE ");
        match of {
            Counts::Unit(id) => {
                q.push("u.id = ").push_bind(id);
            }
            Counts::Below { parent, after } => {
                q.push("u.parent_id = ")
                    .push_bind(parent)
                    .push(" AND u.valid_to IS NULL");
                if let Some((key, id)) = after {
                    q.push(" AND (u.sort_key > ")
                        .push_bind(key.clone())
                        .push(" OR (u.sort_key = ")
                        .push_bind(key)
                        .push(" AND u.id > ")
                        .push_bind(id)
                        .push("))");
                }
                q.push(" ORDER BY u.sort_key, u.id LIMIT ")
                    .push_bind(DRILL_BATCH);
            }
        }
        Ok(q.build_query_as().fetch_all(&mut *conn).await?)
    }

    /// How many of the list's members `unit_id` holds itself (its cell's).
    async fn own_count(&self, conn: &mut Conn, unit_id: i64) -> Result<i64, StoreError> {
        let mut q = QueryBuilder::<Db>::new("SELECT COUNT(*) FROM members m ");
        self.member_filter(&mut q, unit_id);
        Ok(q.build_query_scalar().fetch_one(&mut *conn).await?)
    }

    /// The joins and conditions of the list's members whose cell is
    /// `cell_id`: members counted today only, as the figures count them.
    fn member_filter<'a>(&self, q: &mut QueryBuilder<'a, Db>, cell_id: i64) {
        use crate::domain::stats::stages_from;
        q.push("LEFT JOIN commitments c ON c.member_id = m.id AND c.year = ")
            .push_bind(self.year)
            .push(" WHERE m.cell_id = ")
            .push_bind(cell_id)
            .push(" AND m.status IN ('probationary', 'full', 'exempt') AND ");
        match self.drill {
            Drill::NotStarted => {
                q.push("c.member_id IS NULL");
            }
            Drill::State(s) => {
                q.push("c.state = ").push_bind(s.as_str());
            }
            Drill::Reached(stage) => {
                q.push("c.state IN (");
                let mut list = q.separated(", ");
                for s in stages_from(stage) {
                    list.push_bind(s.as_str());
                }
                q.push(")");
            }
            Drill::Grade(g) => {
                q.push("c.final_grade = ").push_bind(g.as_str());
            }
            Drill::ProbationDue => {
                // The date wrapped so that no index on it is taken: SQLite
                // would otherwise read every probationary member of the
                // country by (status, admission date) for each cell.
                q.push("m.status = 'probationary' AND COALESCE(m.admission_date, m.admission_date) <= ")
                    .push_bind(self.admitted_by);
            }
        }
    }

    /// The list's members whose cell is `cell_id`, by name, each with the
    /// cell's path.
    async fn members(
        &self,
        conn: &mut Conn,
        cell_id: i64,
        offset: i64,
        limit: usize,
    ) -> Result<Vec<(String, DrillRow)>, StoreError> {
        let mut q = QueryBuilder::<Db>::new(
            "SELECT m.id, m.full_name, u.code AS cell_code, u.name AS cell_name, u.kind AS cell_kind, \
             c.state, c.final_grade, m.admission_date, u.path AS cell_path \
             FROM members m JOIN units u ON u.id = m.cell_id ",
        );
        self.member_filter(&mut q, cell_id);
        q.push(" ORDER BY m.name_key, m.id LIMIT ")
            .push_bind(i64::try_from(limit).unwrap_or(i64::MAX))
            .push(" OFFSET ")
            .push_bind(offset);
        let rows: Vec<DrillLine> = q.build_query_as().fetch_all(&mut *conn).await?;
        rows.into_iter()
            .map(|r| {
                let state = match r.state {
                    Some(s) => Some(
                        CommitmentState::parse(&s)
                            .ok_or_else(|| StoreError::Fault(format!("commitment state {s}")))?,
                    ),
                    None => None,
                };
                Ok((
                    r.cell_path,
                    DrillRow {
                        member_id: r.id,
                        full_name: r.full_name,
                        cell: crate::store::org::unit_ref(r.cell_code, r.cell_name, &r.cell_kind)?,
                        organisation: None,
                        state,
                        grade: r.final_grade.as_deref().and_then(Grade::parse),
                        admitted: r.admission_date,
                    },
                ))
            })
            .collect()
    }
}

/// Names each row's grassroots committee: the one on its cell's path below
/// `root` (above it, or `root` itself, it is the same for every row). One
/// read for the page (50 rows, a few cells, six levels at most).
async fn name_organisations(
    conn: &mut Conn,
    root: i64,
    rows: Vec<(String, DrillRow)>,
) -> Result<Vec<DrillRow>, StoreError> {
    let below_root = |path: &str| -> Vec<i64> {
        let ids = path_ids(path).into_iter();
        ids.skip_while(|id| *id != root).skip(1).collect()
    };
    let mut ids: Vec<i64> = rows.iter().flat_map(|(p, _)| below_root(p)).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut found = std::collections::HashMap::new();
    if !ids.is_empty() {
        let mut q = QueryBuilder::<Db>::new(
            "SELECT id, code, name, kind FROM units WHERE kind = 'grassroots_committee' AND id IN (",
        );
        let mut list = q.separated(", ");
        for id in ids {
            list.push_bind(id);
        }
        q.push(")");
        let units: Vec<Organisation> = q.build_query_as().fetch_all(&mut *conn).await?;
        for u in units {
            found.insert(u.id, crate::store::org::unit_ref(u.code, u.name, &u.kind)?);
        }
    }
    Ok(rows
        .into_iter()
        .map(|(path, mut row)| {
            row.organisation = below_root(&path)
                .into_iter()
                .find_map(|id| found.get(&id).cloned());
            row
        })
        .collect())
}
