//! What every store does (the `Store` trait), compiled once per backend: the
//! including module names its store type `This` and its database `Db`.

use super::{Db, This};

#[allow(dead_code)]
type Conn = <Db as sqlx::Database>::Connection;

impl This {
    /// A writing transaction. On SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`, waiting up to the busy timeout behind
    /// another writer) instead of at its first write: a deferred
    /// transaction that has read cannot wait then, and fails with
    /// "database is locked" when another writer committed meanwhile.
    pub(crate) async fn write_tx(
        &self,
    ) -> Result<sqlx::Transaction<'static, Db>, crate::store::StoreError> {
        let begin = match <Self as crate::store::Store>::backend(self) {
            crate::store::Backend::Sqlite => "BEGIN IMMEDIATE",
            crate::store::Backend::Postgres => "BEGIN",
        };
        Ok(self.pool.begin_with(begin).await?)
    }
}

#[async_trait::async_trait]
impl crate::store::Store for This {
    fn backend(&self) -> crate::store::Backend {
        This::BACKEND
    }

    async fn migrate(&self) -> Result<(), crate::store::StoreError> {
        self.run_migrations().await?;
        // Fills in what the new tables add for data loaded before them.
        crate::store::org::OrgStore::refresh_derived(self).await
    }

    async fn sessions(&self) -> Result<crate::store::sessions::Sessions, crate::store::StoreError> {
        self.session_store().await
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    async fn ping(&self) -> Result<(), crate::store::StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn counts(&self) -> Result<crate::store::model::TableCounts, crate::store::StoreError> {
        let row: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM members), \
             (SELECT COUNT(*) FROM memberships), (SELECT COUNT(*) FROM positions), \
             (SELECT COUNT(*) FROM unit_events), (SELECT COUNT(*) FROM years), \
             (SELECT COUNT(*) FROM audit_log)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(crate::store::model::TableCounts {
            units: row.0,
            members: row.1,
            memberships: row.2,
            positions: row.3,
            unit_events: row.4,
            years: row.5,
            audit_log: row.6,
        })
    }

    async fn load_dataset_with_progress(
        &self,
        data: &crate::store::model::Dataset,
        actor_label: &str,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<(), crate::store::StoreError> {
        let paths = crate::store::unit_paths(data)?;
        // Rows per statement stay under the backend's limit on bound
        // parameters; larger statements mean fewer round trips.
        let max_binds = match self.backend() {
            crate::store::Backend::Sqlite => 32_766,
            crate::store::Backend::Postgres => 65_535,
        };
        let (units, members) = (data.units.len() as u64, data.members.len() as u64);
        // Rows inserted, then the name words per member, then the
        // figures per unit.
        let total = units
            + data.unit_parents.len() as u64
            + data.unit_events.len() as u64
            + members
            + data.memberships.len() as u64
            + data.positions.len() as u64
            + data.years.len() as u64
            + data.commitments.len() as u64
            + data
                .commitments
                .iter()
                .map(|c| (c.items.len() + c.history.len()) as u64)
                .sum::<u64>()
            + data.unit_grades.len() as u64
            + data.settings.len() as u64
            + members
            + units;
        let mut done = 0u64;
        let mut advance = |n: u64| {
            done += n;
            progress(done.min(total), total);
        };
        advance(0);
        let mut conn = self.pool.acquire().await?;
        let sqlite = self.backend() == crate::store::Backend::Sqlite;
        if sqlite {
            // The indexes of millions of rows are written in random
            // order: a large page cache keeps them in memory until the
            // commit (the default is 2 MB). Reset afterwards.
            sqlx::query("PRAGMA cache_size = -1048576")
                .execute(&mut *conn)
                .await?;
        }
        let loaded = Self::load_in_transaction(
            &mut conn,
            data,
            actor_label,
            &paths,
            max_binds,
            &mut advance,
        )
        .await;
        if loaded.is_ok() {
            let settle = if sqlite {
                // The write-ahead log holds a copy of every page
                // written: give its space back now that it is in the
                // database file.
                "PRAGMA wal_checkpoint(TRUNCATE)"
            } else {
                // Planner statistics and the visibility map now, not
                // whenever autovacuum comes round: plans at millions
                // of rows depend on the first, index-only scans on
                // the second (4.5 s at 5.6 M members).
                "VACUUM (ANALYZE) units, unit_parents, unit_events, members, memberships, positions, \
                 member_words, unit_stats, unit_admissions, unit_cohorts, commitments, commitment_items, \
                 unit_grades, unit_year_figures, audit_log"
            };
            sqlx::query(settle).execute(&mut *conn).await?;
        }
        if sqlite {
            sqlx::query("PRAGMA cache_size = -2000")
                .execute(&mut *conn)
                .await?;
        }
        loaded
    }

    async fn root_unit(
        &self,
    ) -> Result<Option<crate::store::model::Unit>, crate::store::StoreError> {
        let row: Option<crate::store::UnitRow> = sqlx::query_as(
            "SELECT id, code, name, kind, parent_id, path, valid_from, valid_to FROM units \
             WHERE parent_id IS NULL AND valid_to IS NULL AND kind = 'bloc' ORDER BY id LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn unit_by_code(
        &self,
        code: &str,
    ) -> Result<Option<crate::store::model::Unit>, crate::store::StoreError> {
        let row: Option<crate::store::UnitRow> = sqlx::query_as(
            "SELECT id, code, name, kind, parent_id, path, valid_from, valid_to FROM units WHERE code = $1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn unit_by_id(
        &self,
        id: i64,
    ) -> Result<Option<crate::store::model::Unit>, crate::store::StoreError> {
        let row: Option<crate::store::UnitRow> = sqlx::query_as(
            "SELECT id, code, name, kind, parent_id, path, valid_from, valid_to FROM units WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn years(&self) -> Result<Vec<crate::store::model::Year>, crate::store::StoreError> {
        let rows: Vec<crate::store::YearRow> = sqlx::query_as(
            "SELECT year, theme, rule_set, sections, filing_deadline, mid_year_deadline, \
             self_assessment_deadline, grading_deadline, version FROM years ORDER BY year",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn unit_summary(
        &self,
        unit: &crate::store::model::Unit,
        year: i32,
    ) -> Result<crate::domain::UnitSummary, crate::store::StoreError> {
        // Kept up to date with every change (store::org): one row.
        let stats: Option<(i64, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT full_members, probationary_members, exempt_members, grassroots_committees, \
             grassroots_cells, sub_committees, cells FROM unit_stats WHERE unit_id = $1",
        )
        .bind(unit.id)
        .fetch_optional(&self.pool)
        .await?;
        let stats = stats.unwrap_or_default();
        // Kept with unit_stats (store::org): one row, none for a year
        // without admissions.
        let admitted: Option<i64> = sqlx::query_scalar(
            "SELECT admitted FROM unit_admissions WHERE unit_id = $1 AND year = $2",
        )
        .bind(unit.id)
        .bind(year)
        .fetch_optional(&self.pool)
        .await?;
        let admitted = admitted.unwrap_or(0);
        let year_theme: Option<String> =
            sqlx::query_scalar("SELECT theme FROM years WHERE year = $1")
                .bind(year)
                .fetch_optional(&self.pool)
                .await?;
        let upper = crate::store::path_upper_bound(&unit.path);
        let good_models: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM good_models g JOIN units u ON u.id = g.unit_id \
             WHERE g.year = $1 AND u.path >= $2 AND u.path < $3",
        )
        .bind(year)
        .bind(&unit.path)
        .bind(&upper)
        .fetch_one(&self.pool)
        .await?;
        // Recipients of the year's decisions issued in the subtree,
        // by the issuer's kind: organisations, members.
        let commended: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT i.kind, COUNT(r.unit_id), COUNT(r.member_id) FROM decisions d \
             JOIN units i ON i.id = d.issuer_id \
             JOIN commendation_nominees r ON r.decision_id = d.id \
             WHERE d.year = $1 AND i.path >= $2 AND i.path < $3 GROUP BY i.kind",
        )
        .bind(year)
        .bind(&unit.path)
        .bind(&upper)
        .fetch_all(&self.pool)
        .await?;
        let (mut by_bloc, mut by_grassroots) = ((0, 0), (0, 0));
        for (kind, units, members) in commended {
            match crate::domain::UnitKind::parse(&kind) {
                Some(crate::domain::UnitKind::Bloc) => by_bloc = (units, members),
                Some(
                    crate::domain::UnitKind::GrassrootsCommittee
                    | crate::domain::UnitKind::GrassrootsCell,
                ) => {
                    by_grassroots.0 += units;
                    by_grassroots.1 += members;
                }
                _ => {}
            }
        }
        Ok(crate::domain::UnitSummary {
            unit_code: unit.code.clone(),
            unit_name: unit.name.clone(),
            unit_kind: unit.kind,
            year,
            year_theme,
            grassroots_committees: stats.3,
            grassroots_cells: stats.4,
            sub_committees: stats.5,
            cells: stats.6,
            full_members: stats.0,
            probationary_members: stats.1,
            exempt_members: stats.2,
            admitted_in_year: admitted,
            good_models,
            commended_by_bloc: by_bloc,
            commended_by_grassroots: by_grassroots,
        })
    }

    async fn audit_entries(
        &self,
        filter: &crate::store::model::AuditFilter,
        scopes: Option<&[String]>,
        limit: i64,
    ) -> Result<Vec<crate::store::model::AuditRecord>, crate::store::StoreError> {
        self.read_audit(filter, scopes, limit).await
    }

    async fn append_audit(
        &self,
        entry: &crate::store::model::AuditEntry,
    ) -> Result<(), crate::store::StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::write_audit(&mut conn, entry).await
    }
}

impl This {
    pub(super) async fn read_audit(
        &self,
        filter: &crate::store::model::AuditFilter,
        scopes: Option<&[String]>,
        limit: i64,
    ) -> Result<Vec<crate::store::model::AuditRecord>, crate::store::StoreError> {
        use sqlx::QueryBuilder;
        let mut q = QueryBuilder::<Db>::new(
            "SELECT id, at, actor_label, action, entity, entity_id, ip, unit_path \
             FROM audit_log WHERE 1 = 1",
        );
        if let Some(scopes) = scopes {
            crate::store::org::push_scopes(&mut q, "unit_path", scopes);
        }
        if let Some(path) = &filter.unit_path {
            q.push(" AND unit_path >= ")
                .push_bind(path.clone())
                .push(" AND unit_path < ")
                .push_bind(crate::store::path_upper_bound(path));
        }
        if let Some(actor) = filter.actor.as_deref().filter(|a| !a.is_empty()) {
            q.push(" AND LOWER(actor_label) LIKE ")
                .push_bind(format!(
                    "%{}%",
                    crate::store::like_escape(&actor.to_lowercase())
                ))
                .push(" ESCAPE '\\'");
        }
        if let Some(action) = filter.action.as_deref().filter(|a| !a.is_empty()) {
            q.push(" AND action LIKE ")
                .push_bind(format!("{}%", crate::store::like_escape(action)))
                .push(" ESCAPE '\\'");
        }
        if let Some(from) = filter.from {
            q.push(" AND at >= ")
                .push_bind(from.and_hms_opt(0, 0, 0).map(|t| t.and_utc()));
        }
        if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
            q.push(" AND at < ")
                .push_bind(to.and_hms_opt(0, 0, 0).map(|t| t.and_utc()));
        }
        q.push(" ORDER BY at DESC, id DESC LIMIT ").push_bind(limit);
        Ok(q.build_query_as().fetch_all(&self.pool).await?)
    }

    pub(super) async fn write_audit(
        conn: &mut Conn,
        e: &crate::store::model::AuditEntry,
    ) -> Result<(), crate::store::StoreError> {
        use sqlx::types::Json;
        sqlx::query(
            "INSERT INTO audit_log (at, actor_user_id, actor_label, action, entity, entity_id, \
             before_json, after_json, ip, unit_path) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(chrono::Utc::now())
        .bind(e.actor_user_id)
        .bind(&e.actor_label)
        .bind(&e.action)
        .bind(&e.entity)
        .bind(&e.entity_id)
        .bind(e.before.as_ref().map(Json))
        .bind(e.after.as_ref().map(Json))
        .bind(&e.ip)
        .bind(&e.unit_path)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// The load proper: everything or nothing.
    pub(super) async fn load_in_transaction(
        conn: &mut Conn,
        data: &crate::store::model::Dataset,
        actor_label: &str,
        paths: &[(String, i32)],
        max_binds: usize,
        advance: &mut (dyn FnMut(u64) + Send),
    ) -> Result<(), crate::store::StoreError> {
        use sqlx::Connection;
        let mut tx = conn.begin().await?;
        if <Db as sqlx::Database>::NAME == "PostgreSQL" {
            // Millions of rows take minutes: beyond the pool's limit.
            sqlx::query("SET LOCAL statement_timeout = 0")
                .execute(&mut *tx)
                .await?;
        }
        let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM units")
            .fetch_one(&mut *tx)
            .await?;
        if existing > 0 {
            return Err(crate::store::StoreError::Invalid(
                "the database already holds an organisation".into(),
            ));
        }
        Self::insert_dataset(&mut tx, data, paths, max_binds, advance).await?;
        Self::after_bulk_load(&mut tx).await?;
        // A few thousand names per call: the words of millions of
        // members are never all in memory at once.
        for chunk in data.members.chunks(20_000) {
            let names: Vec<(i64, String)> =
                chunk.iter().map(|m| (m.id, m.full_name.clone())).collect();
            Self::insert_name_words(&mut tx, &names).await?;
            advance(chunk.len() as u64);
        }
        Self::rebuild_stats(&mut tx).await?;
        advance(data.units.len() as u64);
        let entry =
            crate::store::model::AuditEntry::new(None, actor_label.to_string(), "dataset.load")
                .about("organisation", data.units.first().map(|u| u.code.clone()))
                .after(serde_json::json!({
                    "units": data.units.len(),
                    "members": data.members.len(),
                    "positions": data.positions.len(),
                    "years": data.years.len(),
                    "commitments": data.commitments.len(),
                }))
                .in_unit(data.units.first().map(|u| format!("/{}/", u.id)));
        Self::write_audit(&mut tx, &entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Multi-row inserts, each statement with as many rows as the
    /// backend's limit of `max_binds` bound parameters allows.
    pub(super) async fn insert_dataset(
        conn: &mut Conn,
        data: &crate::store::model::Dataset,
        paths: &[(String, i32)],
        max_binds: usize,
        advance: &mut (dyn FnMut(u64) + Send),
    ) -> Result<(), crate::store::StoreError> {
        use crate::domain::text::{collation_key, fold, name_sort_key, nfc};
        use sqlx::QueryBuilder;
        let rows = |columns: usize| (max_binds / columns).max(1);
        let now = chrono::Utc::now();

        let units: Vec<_> = data.units.iter().zip(paths).collect();
        for chunk in units.chunks(rows(12)) {
            QueryBuilder::<Db>::new(
                "INSERT INTO units (id, code, name, kind, parent_id, path, depth, valid_from, valid_to, created_at, \
                 sort_key, search_key) ",
            )
            .push_values(chunk, |mut b, (u, (path, depth))| {
                let name = nfc(&u.name);
                b.push_bind(u.id)
                    .push_bind(u.code.clone())
                    .push_bind(name.clone())
                    .push_bind(u.kind.as_str())
                    .push_bind(u.parent_id)
                    .push_bind(path.clone())
                    .push_bind(*depth)
                    .push_bind(u.valid_from)
                    .push_bind(u.valid_to)
                    .push_bind(now)
                    .push_bind(collation_key(&name))
                    .push_bind(fold(&name));
            })
            .build()
            .execute(&mut *conn)
            .await?;
            advance(chunk.len() as u64);
        }
        for chunk in data.unit_parents.chunks(rows(4)) {
            QueryBuilder::<Db>::new(
                "INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) ",
            )
            .push_values(chunk, |mut b, p| {
                b.push_bind(p.unit_id)
                    .push_bind(p.parent_id)
                    .push_bind(p.valid_from)
                    .push_bind(p.valid_to);
            })
            .build()
            .execute(&mut *conn)
            .await?;
            advance(chunk.len() as u64);
        }
        for chunk in data.unit_events.chunks(rows(6)) {
            QueryBuilder::<Db>::new(
                "INSERT INTO unit_events (unit_id, kind, event_date, related_unit_id, note, created_at) ",
            )
            .push_values(chunk, |mut b, e| {
                b.push_bind(e.unit_id)
                    .push_bind(e.kind.as_str())
                    .push_bind(e.date)
                    .push_bind(e.related_unit_id)
                    .push_bind(nfc(&e.note))
                    .push_bind(now);
            })
            .build()
            .execute(&mut *conn)
            .await?;
            advance(chunk.len() as u64);
        }
        for chunk in data.members.chunks(rows(18)) {
            QueryBuilder::<Db>::new(
                "INSERT INTO members (id, card_number, record_number, full_name, name_key, search_key, \
                 gender, birth_date, admission_date, full_membership_date, status, cell_id, job_title, \
                 workplace, phone, email, created_at, updated_at) ",
            )
            .push_values(chunk, |mut b, m| {
                let name = nfc(&m.full_name);
                b.push_bind(m.id)
                    .push_bind(m.card_number.clone())
                    .push_bind(m.record_number.clone())
                    .push_bind(name.clone())
                    .push_bind(name_sort_key(&name))
                    .push_bind(fold(&name))
                    .push_bind(m.gender.as_str())
                    .push_bind(m.birth_date)
                    .push_bind(m.admission_date)
                    .push_bind(m.full_membership_date)
                    .push_bind(m.status.as_str())
                    .push_bind(m.cell_id)
                    .push_bind(nfc(&m.job_title))
                    .push_bind(nfc(&m.workplace))
                    .push_bind(m.phone.clone())
                    .push_bind(m.email.clone())
                    .push_bind(now)
                    .push_bind(now);
            })
            .build()
            .execute(&mut *conn)
            .await?;
            advance(chunk.len() as u64);
        }
        for chunk in data.memberships.chunks(rows(4)) {
            QueryBuilder::<Db>::new(
                "INSERT INTO memberships (member_id, unit_id, valid_from, valid_to) ",
            )
            .push_values(chunk, |mut b, m| {
                b.push_bind(m.member_id)
                    .push_bind(m.unit_id)
                    .push_bind(m.valid_from)
                    .push_bind(m.valid_to);
            })
            .build()
            .execute(&mut *conn)
            .await?;
            advance(chunk.len() as u64);
        }
        for chunk in data.positions.chunks(rows(6)) {
            QueryBuilder::<Db>::new(
                "INSERT INTO positions (member_id, unit_id, role, term_label, valid_from, valid_to) ",
            )
            .push_values(chunk, |mut b, p| {
                b.push_bind(p.member_id)
                    .push_bind(p.unit_id)
                    .push_bind(p.role.as_str())
                    .push_bind(p.term_label.clone())
                    .push_bind(p.valid_from)
                    .push_bind(p.valid_to);
            })
            .build()
            .execute(&mut *conn)
            .await?;
            advance(chunk.len() as u64);
        }
        for y in &data.years {
            sqlx::query(
                "INSERT INTO years (year, theme, rule_set, created_at, sections, filing_deadline, \
                 mid_year_deadline, self_assessment_deadline, grading_deadline, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(y.year)
            .bind(nfc(&y.theme))
            .bind(y.rule_set.as_str())
            .bind(now)
            .bind(serde_json::to_string(&y.sections).unwrap_or_default())
            .bind(y.deadlines.filing)
            .bind(y.deadlines.mid_year)
            .bind(y.deadlines.self_assessment)
            .bind(y.deadlines.grading)
            .bind(y.version)
            .execute(&mut *conn)
            .await?;
            advance(1);
        }
        Self::insert_commitments(conn, data, paths, max_binds, advance).await?;
        Ok(())
    }

    /// The commitments of a dataset with their undertakings, their
    /// history as audit entries (at the times given, scoped to the
    /// member's cell), the organisations' grades and the settings.
    pub(super) async fn insert_commitments(
        conn: &mut Conn,
        data: &crate::store::model::Dataset,
        paths: &[(String, i32)],
        max_binds: usize,
        advance: &mut (dyn FnMut(u64) + Send),
    ) -> Result<(), crate::store::StoreError> {
        use crate::domain::text::nfc;
        use sqlx::QueryBuilder;
        use std::collections::HashMap;
        let rows = |columns: usize| (max_binds / columns).max(1);
        let now = chrono::Utc::now();
        let unit_path: HashMap<i64, &str> = data
            .units
            .iter()
            .zip(paths)
            .map(|(u, (path, _))| (u.id, path.as_str()))
            .collect();
        let cell_path: HashMap<i64, &str> = data
            .members
            .iter()
            .filter_map(|m| unit_path.get(&m.cell_id).map(|p| (m.id, *p)))
            .collect();
        let grade = |a: &Option<(crate::domain::undertaking::Assessment, String)>| {
            (
                a.as_ref().map(|(a, _)| a.grade.as_str()),
                a.as_ref().and_then(|(a, _)| a.points).map(i32::from),
                a.as_ref().map(|(_, note)| nfc(note)).unwrap_or_default(),
            )
        };
        for chunk in data.commitments.chunks(rows(20)) {
            QueryBuilder::<Db>::new(
                "INSERT INTO commitments (id, year, member_id, state, version, return_reason, \
                 mid_year_note, self_grade, self_points, self_note, proposed_grade, proposed_points, \
                 proposed_note, final_grade, final_points, final_note, submitted_at, approved_at, \
                 created_at, updated_at) ",
            )
            .push_values(chunk, |mut b, c| {
                let (self_grade, self_points, self_note) = grade(&c.self_assessment);
                let (proposed_grade, proposed_points, proposed_note) = grade(&c.proposed);
                let (final_grade, final_points, final_note) = grade(&c.decided);
                b.push_bind(c.id)
                    .push_bind(c.year)
                    .push_bind(c.member_id)
                    .push_bind(c.state.as_str())
                    .push_bind(1i64)
                    .push_bind(nfc(&c.return_reason))
                    .push_bind(nfc(&c.mid_year_note))
                    .push_bind(self_grade)
                    .push_bind(self_points)
                    .push_bind(self_note)
                    .push_bind(proposed_grade)
                    .push_bind(proposed_points)
                    .push_bind(proposed_note)
                    .push_bind(final_grade)
                    .push_bind(final_points)
                    .push_bind(final_note)
                    .push_bind(c.submitted_at)
                    .push_bind(c.approved_at)
                    .push_bind(c.history.first().map_or(now, |e| e.at))
                    .push_bind(c.history.last().map_or(now, |e| e.at));
            })
            .build()
            .execute(&mut *conn)
            .await?;
            advance(chunk.len() as u64);
        }
        let items: Vec<(i64, &crate::domain::undertaking::Undertaking, i32)> = data
            .commitments
            .iter()
            .flat_map(|c| {
                let positions = crate::store::commitments::positions(&c.items);
                c.items
                    .iter()
                    .zip(positions)
                    .map(move |(u, p)| (c.id, u, p))
            })
            .collect();
        for chunk in items.chunks(rows(6)) {
            QueryBuilder::<Db>::new(
                "INSERT INTO commitment_items (commitment_id, section, position, text, result, result_note) ",
            )
            .push_values(chunk, |mut b, (id, u, position)| {
                b.push_bind(*id)
                    .push_bind(i32::try_from(u.section).unwrap_or(i32::MAX))
                    .push_bind(*position)
                    .push_bind(nfc(&u.text))
                    .push_bind(u.result.map(|r| r.as_str()))
                    .push_bind(nfc(&u.result_note));
            })
            .build()
            .execute(&mut *conn)
            .await?;
            advance(chunk.len() as u64);
        }
        // Without ids: the log's own sequence numbers them.
        let mut history = Vec::new();
        for c in &data.commitments {
            let path = cell_path.get(&c.member_id).ok_or_else(|| {
                crate::store::StoreError::Fault(format!(
                    "commitment {} of an unknown member {}",
                    c.id, c.member_id
                ))
            })?;
            history.extend(c.history.iter().map(|e| (c.id, *path, e)));
        }
        for chunk in history.chunks(rows(7)) {
            QueryBuilder::<Db>::new(
                "INSERT INTO audit_log (at, actor_label, action, entity, entity_id, after_json, unit_path) ",
            )
            .push_values(chunk, |mut b, (id, path, e)| {
                b.push_bind(e.at)
                    .push_bind(e.actor_label.clone())
                    .push_bind(e.action.clone())
                    .push_bind("commitment")
                    .push_bind(id.to_string())
                    .push_bind(sqlx::types::Json(e.after.clone()))
                    .push_bind(path.to_string());
            })
            .build()
            .execute(&mut *conn)
            .await?;
            advance(chunk.len() as u64);
        }
        for chunk in data.unit_grades.chunks(rows(6)) {
            QueryBuilder::<Db>::new(
                "INSERT INTO unit_grades (unit_id, year, grade, note, decided_at, version) ",
            )
            .push_values(chunk, |mut b, g| {
                b.push_bind(g.unit_id)
                    .push_bind(g.year)
                    .push_bind(g.grade.as_str())
                    .push_bind(nfc(&g.note))
                    .push_bind(now)
                    .push_bind(1i64);
            })
            .build()
            .execute(&mut *conn)
            .await?;
            advance(chunk.len() as u64);
        }
        for chunk in data.settings.chunks(rows(2)) {
            QueryBuilder::<Db>::new("INSERT INTO settings (key, value) ")
                .push_values(chunk, |mut b, (key, value)| {
                    b.push_bind(key.clone()).push_bind(value.clone());
                })
                .build()
                .execute(&mut *conn)
                .await?;
            advance(chunk.len() as u64);
        }
        Ok(())
    }
}
