//! The Party badges due on the next award date, kept per subtree
//! (`unit_badges_due`) so the dashboard reads them instead of counting
//! members; compiled once per backend: the including module names its
//! store type `This` and its database `Db`.

use super::{Db, This};
use crate::domain::badge::{self, Discipline, Early, Gap, Record};
use crate::domain::member::MemberStatus;
use crate::domain::org::path_ids;
use crate::store::StoreError;
use chrono::NaiveDate;
use futures_util::TryStreamExt;
use sqlx::QueryBuilder;
use std::collections::HashMap;

type Conn = <Db as sqlx::Database>::Connection;

/// Members per IN list.
const CHUNK: usize = 500;
/// Rows per INSERT (3 binds each).
const INSERT_ROWS: usize = 1000;

/// Where a member stands on the badge list of the kept award date: their
/// cell's path and the milestone they are listed for.
pub(crate) type Listings = HashMap<i64, (String, u32)>;

/// Statuses a badge list reads: members still, and the deceased (listed
/// when marked posthumous).
const LISTED_STATUSES: &str = "('full', 'probationary', 'exempt', 'deceased')";

/// A member who may be listed, with what a full count reads of them.
#[derive(sqlx::FromRow)]
struct Candidate {
    id: i64,
    cell_id: i64,
    admission_date: NaiveDate,
    status: String,
    early: Option<String>,
    /// The highest milestone awarded.
    awarded: Option<i32>,
}

/// A member who may be listed, with their cell's path.
#[derive(sqlx::FromRow)]
struct PlacedCandidate {
    id: i64,
    admission_date: NaiveDate,
    status: String,
    path: String,
}

/// Adds to `records` what else decides a listing: periods outside the
/// Party, disciplines, the early mark and the highest milestone awarded.
pub(crate) async fn fill_records(
    conn: &mut Conn,
    records: &mut HashMap<i64, Record>,
) -> Result<(), StoreError> {
    let ids: Vec<i64> = records.keys().copied().collect();
    for chunk in ids.chunks(CHUNK) {
        let in_list = |head: &str, tail: &str| {
            let mut qb = QueryBuilder::<Db>::new(head);
            let mut list = qb.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            qb.push(tail);
            qb
        };
        let gaps: Vec<(i64, NaiveDate, NaiveDate)> = in_list(
            "SELECT member_id, gap_from, gap_to FROM membership_gaps WHERE member_id IN (",
            ")",
        )
        .build_query_as()
        .fetch_all(&mut *conn)
        .await?;
        for (id, from, to) in gaps {
            if let Some(r) = records.get_mut(&id) {
                r.gaps.push(Gap { from, to });
            }
        }
        let found: Vec<(i64, NaiveDate, String)> = in_list(
            "SELECT member_id, decided_on, form FROM disciplines WHERE member_id IN (",
            ")",
        )
        .build_query_as()
        .fetch_all(&mut *conn)
        .await?;
        for (id, on, form) in found {
            let form = Discipline::parse(&form)
                .ok_or_else(|| StoreError::Fault(format!("discipline {form:?}")))?;
            if let Some(r) = records.get_mut(&id) {
                r.disciplines.push((on, form));
            }
        }
        let marks: Vec<(i64, String)> = in_list(
            "SELECT member_id, early FROM badge_marks WHERE member_id IN (",
            ")",
        )
        .build_query_as()
        .fetch_all(&mut *conn)
        .await?;
        for (id, early) in marks {
            if let Some(r) = records.get_mut(&id) {
                r.early = Early::parse(&early);
            }
        }
        let awarded: Vec<(i64, i32)> = in_list(
            "SELECT member_id, MAX(milestone) FROM badges WHERE member_id IN (",
            ") GROUP BY member_id",
        )
        .build_query_as()
        .fetch_all(&mut *conn)
        .await?;
        for (id, milestone) in awarded {
            if let Some(r) = records.get_mut(&id) {
                r.awarded = u32::try_from(milestone).ok();
            }
        }
    }
    Ok(())
}

/// The award date the kept counts are for, if they are kept.
async fn kept_on(conn: &mut Conn) -> Result<Option<NaiveDate>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT award_date FROM badges_due_on WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?,
    )
}

impl This {
    /// Counts every current unit's badges due afresh for the award date
    /// `on` (when `None`: the next one from the working date). Members are
    /// read a page at a time; the few periods outside the Party and
    /// disciplines are read whole.
    pub(crate) async fn rebuild_badges_due(
        conn: &mut Conn,
        units: &[(i64, String, String)],
        on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        let on = match on {
            Some(on) => on,
            None => badge::next_award_date(super::stats::working_date(conn).await?),
        };
        let mut gaps: HashMap<i64, Vec<Gap>> = HashMap::new();
        let rows: Vec<(i64, NaiveDate, NaiveDate)> =
            sqlx::query_as("SELECT member_id, gap_from, gap_to FROM membership_gaps")
                .fetch_all(&mut *conn)
                .await?;
        for (id, from, to) in rows {
            gaps.entry(id).or_default().push(Gap { from, to });
        }
        let mut disciplines: HashMap<i64, Vec<(NaiveDate, Discipline)>> = HashMap::new();
        let rows: Vec<(i64, NaiveDate, String)> =
            sqlx::query_as("SELECT member_id, decided_on, form FROM disciplines")
                .fetch_all(&mut *conn)
                .await?;
        for (id, decided, form) in rows {
            let form = Discipline::parse(&form)
                .ok_or_else(|| StoreError::Fault(format!("discipline {form:?}")))?;
            disciplines.entry(id).or_default().push((decided, form));
        }
        // Listed members per (cell, milestone), from one pass over the
        // members streamed (SQLite takes them from the status index, so a
        // paged read in id order would sort them all again for each page).
        let mut per_cell: HashMap<(i64, u32), i64> = HashMap::new();
        {
            let sql = format!(
                "SELECT m.id, m.cell_id, m.admission_date, m.status, k.early, \
                 (SELECT MAX(b.milestone) FROM badges b WHERE b.member_id = m.id) AS awarded \
                 FROM members m LEFT JOIN badge_marks k ON k.member_id = m.id \
                 WHERE m.admission_date <= $1 AND m.status IN {LISTED_STATUSES}"
            );
            let mut rows = sqlx::query_as::<_, Candidate>(&sql)
                .bind(badge::admitted_by(on))
                .fetch(&mut *conn);
            while let Some(m) = rows.try_next().await? {
                let record = Record {
                    admitted: m.admission_date,
                    gaps: gaps.remove(&m.id).unwrap_or_default(),
                    disciplines: disciplines.remove(&m.id).unwrap_or_default(),
                    early: m.early.as_deref().and_then(Early::parse),
                    awarded: m.awarded.and_then(|a| u32::try_from(a).ok()),
                    deceased: m.status == MemberStatus::Deceased.as_str(),
                };
                if let Some(milestone) = badge::listed_for(&record, on) {
                    *per_cell.entry((m.cell_id, milestone)).or_default() += 1;
                }
            }
        }
        let rows = crate::store::org::roll_up_counts(
            units,
            per_cell
                .into_iter()
                .map(|((cell, milestone), n)| (cell, milestone, n)),
        );
        sqlx::query("DELETE FROM unit_badges_due")
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM badges_due_on")
            .execute(&mut *conn)
            .await?;
        sqlx::query("INSERT INTO badges_due_on (id, award_date) VALUES (1, $1)")
            .bind(on)
            .execute(&mut *conn)
            .await?;
        for chunk in rows.chunks(INSERT_ROWS) {
            QueryBuilder::<Db>::new("INSERT INTO unit_badges_due (unit_id, milestone, n) ")
                .push_values(chunk, |mut b, (id, milestone, n)| {
                    b.push_bind(*id).push_bind(*milestone as i32).push_bind(*n);
                })
                .build()
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// Where each of `ids` stands on the list of the kept award date (in the
    /// writing transaction, before and after a write that may move them);
    /// nothing when no counts are kept yet.
    pub(crate) async fn badge_listings(
        conn: &mut Conn,
        ids: &[i64],
    ) -> Result<Listings, StoreError> {
        let Some(on) = kept_on(conn).await? else {
            return Ok(Listings::new());
        };
        let mut records: HashMap<i64, Record> = HashMap::new();
        let mut paths: HashMap<i64, String> = HashMap::new();
        for chunk in ids.chunks(CHUNK) {
            let mut qb = QueryBuilder::<Db>::new(
                "SELECT m.id, m.admission_date, m.status, c.path FROM members m \
                 JOIN units c ON c.id = m.cell_id WHERE m.admission_date <= ",
            );
            qb.push_bind(badge::admitted_by(on))
                .push(format!(" AND m.status IN {LISTED_STATUSES} AND m.id IN ("));
            let mut list = qb.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            qb.push(")");
            let rows: Vec<PlacedCandidate> = qb.build_query_as().fetch_all(&mut *conn).await?;
            for m in rows {
                records.insert(
                    m.id,
                    Record {
                        admitted: m.admission_date,
                        deceased: m.status == MemberStatus::Deceased.as_str(),
                        ..Record::default()
                    },
                );
                paths.insert(m.id, m.path);
            }
        }
        fill_records(conn, &mut records).await?;
        Ok(records
            .into_iter()
            .filter_map(|(id, r)| {
                let milestone = badge::listed_for(&r, on)?;
                Some((id, (paths.remove(&id)?, milestone)))
            })
            .collect())
    }

    /// Moves the kept counts from where members stood (`before`) to where
    /// they stand (`after`), along the paths (in the writing transaction).
    pub(crate) async fn move_badges_due(
        conn: &mut Conn,
        before: &Listings,
        after: &Listings,
    ) -> Result<(), StoreError> {
        let mut delta: HashMap<(i64, u32), i64> = HashMap::new();
        // A member who stays where they stood cancels out.
        for ((path, milestone), n) in before
            .values()
            .map(|l| (l, -1))
            .chain(after.values().map(|l| (l, 1)))
        {
            for unit in path_ids(path) {
                *delta.entry((unit, *milestone)).or_default() += n;
            }
        }
        let mut rows: Vec<_> = delta.into_iter().filter(|(_, n)| *n != 0).collect();
        // One order for every writer: no deadlock between two on PostgreSQL.
        rows.sort_unstable();
        for chunk in rows.chunks(INSERT_ROWS) {
            QueryBuilder::<Db>::new("INSERT INTO unit_badges_due (unit_id, milestone, n) ")
                .push_values(chunk, |mut b, ((id, milestone), n)| {
                    b.push_bind(*id).push_bind(*milestone as i32).push_bind(*n);
                })
                .push(
                    " ON CONFLICT (unit_id, milestone) DO UPDATE \
                     SET n = unit_badges_due.n + excluded.n",
                )
                .build()
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// The kept counts of the subtree of `unit_id`: their award date and
    /// the members listed per milestone, in milestone order.
    pub(crate) async fn kept_badges_due(
        &self,
        unit_id: i64,
    ) -> Result<Option<(NaiveDate, Vec<(u32, i64)>)>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let Some(on) = kept_on(&mut conn).await? else {
            return Ok(None);
        };
        let rows: Vec<(i32, i64)> = sqlx::query_as(
            "SELECT milestone, n FROM unit_badges_due WHERE unit_id = $1 AND n > 0 \
             ORDER BY milestone",
        )
        .bind(unit_id)
        .fetch_all(&mut *conn)
        .await?;
        Ok(Some((
            on,
            rows.into_iter()
                .filter_map(|(m, n)| Some((u32::try_from(m).ok()?, n)))
                .collect(),
        )))
    }

    /// Counts afresh when the kept award date is not `on` (or nothing is
    /// kept while there are members); true when it did.
    pub(crate) async fn refresh_kept_badges_due(&self, on: NaiveDate) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let kept = kept_on(&mut tx).await?;
        let members: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM members)")
            .fetch_one(&mut *tx)
            .await?;
        if kept == Some(on) || (kept.is_none() && !members) {
            return Ok(false);
        }
        let units: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT id, path, kind FROM units WHERE valid_to IS NULL")
                .fetch_all(&mut *tx)
                .await?;
        Self::rebuild_badges_due(&mut tx, &units, Some(on)).await?;
        super::stats::notify(&mut tx, "/", None).await?;
        tx.commit().await?;
        Ok(true)
    }
}
