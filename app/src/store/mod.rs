//! Storage: one trait, an SQLite and a PostgreSQL implementation, chosen by
//! the URL scheme. The only place SQL lives.
//!
//! Most statements are identical on both backends (numbered `$1` parameters
//! work in SQLite too), so `impl_common!` writes them once for each pool type;
//! what differs (migrations, id sequences, pool tuning) stays per backend.

pub mod accounts;
pub mod backup;
pub mod badges;
pub mod bodies;
pub mod commendations;
pub mod commitments;
pub mod export;
pub mod good_models;
pub mod import;
pub mod model;
pub mod org;
pub mod outbox;
mod postgres;
pub mod sessions;
mod sqlite;
pub mod stats;
pub mod structure;
pub mod targets;

use crate::domain::UnitSummary;
use async_trait::async_trait;
use model::{AuditEntry, Dataset, TableCounts, Unit, Year};
use std::sync::Arc;

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("invalid data: {0}")]
    Invalid(String),
    #[error("no such record")]
    NotFound,
    /// A stale version: someone else changed the record first.
    #[error("version conflict")]
    Conflict,
    #[error("unsupported database URL (expected sqlite:// or postgres://): {0}")]
    UnsupportedUrl(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[async_trait]
pub trait Store:
    accounts::AccountStore
    + backup::BackupStore
    + org::OrgStore
    + import::ImportStore
    + export::ExportStore
    + structure::StructureStore
    + commitments::CommitmentStore
    + commendations::CommendationStore
    + good_models::GoodModelStore
    + badges::BadgeStore
    + bodies::BodyStore
    + outbox::OutboxStore
    + stats::StatsStore
    + targets::TargetStore
    + Send
    + Sync
    + 'static
{
    fn backend(&self) -> Backend;
    /// The concrete store, for backend-specific tests and tools.
    fn as_any(&self) -> &dyn std::any::Any;
    /// Applies the backend's pending migrations.
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Answers when the database does (health checks).
    async fn ping(&self) -> Result<(), StoreError>;
    async fn counts(&self) -> Result<TableCounts, StoreError>;
    /// Loads a whole organisation into an empty database in one transaction.
    async fn load_dataset(&self, data: &Dataset, actor_label: &str) -> Result<(), StoreError> {
        self.load_dataset_with_progress(data, actor_label, &|_: u64, _: u64| {})
            .await
    }
    /// `load_dataset`, calling `progress(done, total)` as the work advances
    /// (rows written, name words and figures counted per member and unit).
    async fn load_dataset_with_progress(
        &self,
        data: &Dataset,
        actor_label: &str,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<(), StoreError>;
    /// The current bloc: the root of today's tree.
    async fn root_unit(&self) -> Result<Option<Unit>, StoreError>;
    async fn unit_by_code(&self, code: &str) -> Result<Option<Unit>, StoreError>;
    async fn unit_by_id(&self, id: i64) -> Result<Option<Unit>, StoreError>;
    async fn years(&self) -> Result<Vec<Year>, StoreError>;
    /// The summary figures of `unit`'s current subtree for `year`.
    async fn unit_summary(&self, unit: &Unit, year: i32) -> Result<UnitSummary, StoreError>;
    async fn append_audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// Newest first, at most `limit`, within `scopes` (subtree paths; `None`:
    /// everything, entries without a unit included).
    async fn audit_entries(
        &self,
        filter: &model::AuditFilter,
        scopes: Option<&[String]>,
        limit: i64,
    ) -> Result<Vec<model::AuditRecord>, StoreError>;
}

pub type DynStore = Arc<dyn Store>;

/// The newest migration this build knows for `backend`: a backup taken by
/// a newer build (a higher level) cannot be restored by this one.
pub fn newest_migration(backend: Backend) -> i64 {
    let migrator = match backend {
        Backend::Sqlite => sqlx::migrate!("../migrations/sqlite"),
        Backend::Postgres => sqlx::migrate!("../migrations/postgres"),
    };
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Opens (creating an SQLite file if needed) the database at `url`.
pub async fn connect(url: &str) -> Result<DynStore, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl(redact(url)))
    }
}

/// A URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// The exclusive upper bound of a materialized-path prefix: every descendant
/// path of '/1/5/' lies in ['/1/5/', '/1/50').
pub(crate) fn path_upper_bound(path: &str) -> String {
    let mut upper = path.trim_end_matches('/').to_string();
    upper.push('0');
    upper
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Raw unit row; converted to [`Unit`] with checked enums.
#[derive(sqlx::FromRow)]
pub(crate) struct UnitRow {
    id: i64,
    code: String,
    name: String,
    kind: String,
    parent_id: Option<i64>,
    path: String,
    valid_from: chrono::NaiveDate,
    valid_to: Option<chrono::NaiveDate>,
}

impl TryFrom<UnitRow> for Unit {
    type Error = StoreError;
    fn try_from(r: UnitRow) -> Result<Self, StoreError> {
        let kind = crate::domain::UnitKind::parse(&r.kind)
            .ok_or_else(|| StoreError::Invalid(format!("unknown unit kind {}", r.kind)))?;
        Ok(Unit {
            id: r.id,
            code: r.code,
            name: r.name,
            kind,
            parent_id: r.parent_id,
            path: r.path,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
        })
    }
}

/// Raw year row; converted to [`Year`] with checked rules and sections.
#[derive(sqlx::FromRow)]
pub(crate) struct YearRow {
    year: i32,
    theme: String,
    rule_set: String,
    sections: String,
    filing_deadline: Option<chrono::NaiveDate>,
    mid_year_deadline: Option<chrono::NaiveDate>,
    self_assessment_deadline: Option<chrono::NaiveDate>,
    grading_deadline: Option<chrono::NaiveDate>,
    version: i64,
}

impl TryFrom<YearRow> for Year {
    type Error = StoreError;
    fn try_from(r: YearRow) -> Result<Self, StoreError> {
        let rule_set = crate::domain::GradingRuleSet::parse(&r.rule_set)
            .ok_or_else(|| StoreError::Invalid(format!("unknown rule set {}", r.rule_set)))?;
        let sections: Vec<String> = serde_json::from_str(&r.sections)
            .map_err(|e| StoreError::Invalid(format!("sections of {}: {e}", r.year)))?;
        let missing = || StoreError::Invalid(format!("deadlines of {} missing", r.year));
        Ok(Year {
            year: r.year,
            theme: r.theme,
            rule_set,
            sections,
            deadlines: crate::domain::commitment::Deadlines {
                filing: r.filing_deadline.ok_or_else(missing)?,
                mid_year: r.mid_year_deadline.ok_or_else(missing)?,
                self_assessment: r.self_assessment_deadline.ok_or_else(missing)?,
                grading: r.grading_deadline.ok_or_else(missing)?,
            },
            version: r.version,
        })
    }
}

/// Checks a dataset before anything is written and derives each unit's path.
pub(crate) fn unit_paths(data: &Dataset) -> Result<Vec<(String, i32)>, StoreError> {
    use std::collections::HashMap;
    let mut known: HashMap<i64, (String, i32)> = HashMap::with_capacity(data.units.len());
    let mut out = Vec::with_capacity(data.units.len());
    for u in &data.units {
        let (path, depth) = match u.parent_id {
            None => (format!("/{}/", u.id), 0),
            Some(p) => {
                let (parent_path, parent_depth) = known.get(&p).ok_or_else(|| {
                    StoreError::Invalid(format!("unit {} comes before its parent {p}", u.code))
                })?;
                (format!("{parent_path}{}/", u.id), parent_depth + 1)
            }
        };
        if known.insert(u.id, (path.clone(), depth)).is_some() {
            return Err(StoreError::Invalid(format!("duplicate unit id {}", u.id)));
        }
        out.push((path, depth));
    }
    Ok(out)
}

/// Statements shared by both backends, written once for each pool type.
macro_rules! impl_common {
    ($store:ty, $db:ty, $conn:ty, { $($backend_specific:tt)* }) => {
        impl $store {
            /// A writing transaction. On SQLite it takes the write lock at
            /// once (`BEGIN IMMEDIATE`, waiting up to the busy timeout behind
            /// another writer) instead of at its first write: a deferred
            /// transaction that has read cannot wait then, and fails with
            /// "database is locked" when another writer committed meanwhile.
            pub(crate) async fn write_tx(
                &self,
            ) -> Result<sqlx::Transaction<'static, $db>, $crate::store::StoreError> {
                let begin = match <Self as $crate::store::Store>::backend(self) {
                    $crate::store::Backend::Sqlite => "BEGIN IMMEDIATE",
                    $crate::store::Backend::Postgres => "BEGIN",
                };
                Ok(self.pool.begin_with(begin).await?)
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            $($backend_specific)*

            fn as_any(&self) -> &dyn std::any::Any {
                self
            }

            async fn ping(&self) -> Result<(), $crate::store::StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn counts(&self) -> Result<$crate::store::model::TableCounts, $crate::store::StoreError> {
                let row: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
                    "SELECT (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM members), \
                     (SELECT COUNT(*) FROM memberships), (SELECT COUNT(*) FROM positions), \
                     (SELECT COUNT(*) FROM unit_events), (SELECT COUNT(*) FROM years), \
                     (SELECT COUNT(*) FROM audit_log)",
                )
                .fetch_one(&self.pool)
                .await?;
                Ok($crate::store::model::TableCounts {
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
                data: &$crate::store::model::Dataset,
                actor_label: &str,
                progress: &(dyn Fn(u64, u64) + Send + Sync),
            ) -> Result<(), $crate::store::StoreError> {
                let paths = $crate::store::unit_paths(data)?;
                // Rows per statement stay under the backend's limit on bound
                // parameters; larger statements mean fewer round trips.
                let max_binds = match self.backend() {
                    $crate::store::Backend::Sqlite => 32_766,
                    $crate::store::Backend::Postgres => 65_535,
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
                    + data.commitments.iter().map(|c| (c.items.len() + c.history.len()) as u64).sum::<u64>()
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
                let sqlite = self.backend() == $crate::store::Backend::Sqlite;
                if sqlite {
                    // The indexes of millions of rows are written in random
                    // order: a large page cache keeps them in memory until the
                    // commit (the default is 2 MB). Reset afterwards.
                    sqlx::query("PRAGMA cache_size = -1048576").execute(&mut *conn).await?;
                }
                let loaded =
                    Self::load_in_transaction(&mut *conn, data, actor_label, &paths, max_binds, &mut advance)
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
                    sqlx::query("PRAGMA cache_size = -2000").execute(&mut *conn).await?;
                }
                loaded
            }

            async fn root_unit(&self) -> Result<Option<$crate::store::model::Unit>, $crate::store::StoreError> {
                let row: Option<$crate::store::UnitRow> = sqlx::query_as(
                    "SELECT id, code, name, kind, parent_id, path, valid_from, valid_to FROM units \
                     WHERE parent_id IS NULL AND valid_to IS NULL AND kind = 'bloc' ORDER BY id LIMIT 1",
                )
                .fetch_optional(&self.pool)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn unit_by_code(&self, code: &str) -> Result<Option<$crate::store::model::Unit>, $crate::store::StoreError> {
                let row: Option<$crate::store::UnitRow> = sqlx::query_as(
                    "SELECT id, code, name, kind, parent_id, path, valid_from, valid_to FROM units WHERE code = $1",
                )
                .bind(code)
                .fetch_optional(&self.pool)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn unit_by_id(&self, id: i64) -> Result<Option<$crate::store::model::Unit>, $crate::store::StoreError> {
                let row: Option<$crate::store::UnitRow> = sqlx::query_as(
                    "SELECT id, code, name, kind, parent_id, path, valid_from, valid_to FROM units WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn years(&self) -> Result<Vec<$crate::store::model::Year>, $crate::store::StoreError> {
                let rows: Vec<$crate::store::YearRow> = sqlx::query_as(
                    "SELECT year, theme, rule_set, sections, filing_deadline, mid_year_deadline, \
                     self_assessment_deadline, grading_deadline, version FROM years ORDER BY year",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn unit_summary(
                &self,
                unit: &$crate::store::model::Unit,
                year: i32,
            ) -> Result<$crate::domain::UnitSummary, $crate::store::StoreError> {
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
                let admitted: Option<i64> =
                    sqlx::query_scalar("SELECT admitted FROM unit_admissions WHERE unit_id = $1 AND year = $2")
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
                let upper = $crate::store::path_upper_bound(&unit.path);
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
                    match $crate::domain::UnitKind::parse(&kind) {
                        Some($crate::domain::UnitKind::Bloc) => by_bloc = (units, members),
                        Some(
                            $crate::domain::UnitKind::GrassrootsCommittee
                            | $crate::domain::UnitKind::GrassrootsCell,
                        ) => {
                            by_grassroots.0 += units;
                            by_grassroots.1 += members;
                        }
                        _ => {}
                    }
                }
                Ok($crate::domain::UnitSummary {
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
                filter: &$crate::store::model::AuditFilter,
                scopes: Option<&[String]>,
                limit: i64,
            ) -> Result<Vec<$crate::store::model::AuditRecord>, $crate::store::StoreError> {
                self.read_audit(filter, scopes, limit).await
            }

            async fn append_audit(
                &self,
                entry: &$crate::store::model::AuditEntry,
            ) -> Result<(), $crate::store::StoreError> {
                let mut conn = self.pool.acquire().await?;
                Self::write_audit(&mut conn, entry).await
            }
        }

        impl $store {
            async fn read_audit(
                &self,
                filter: &$crate::store::model::AuditFilter,
                scopes: Option<&[String]>,
                limit: i64,
            ) -> Result<Vec<$crate::store::model::AuditRecord>, $crate::store::StoreError> {
                use sqlx::QueryBuilder;
                let mut q = QueryBuilder::<$db>::new(
                    "SELECT id, at, actor_label, action, entity, entity_id, ip, unit_path \
                     FROM audit_log WHERE 1 = 1",
                );
                if let Some(scopes) = scopes {
                    $crate::store::org::push_scopes(&mut q, "unit_path", scopes);
                }
                if let Some(path) = &filter.unit_path {
                    q.push(" AND unit_path >= ")
                        .push_bind(path.clone())
                        .push(" AND unit_path < ")
                        .push_bind($crate::store::path_upper_bound(path));
                }
                if let Some(actor) = filter.actor.as_deref().filter(|a| !a.is_empty()) {
                    q.push(" AND LOWER(actor_label) LIKE ")
                        .push_bind(format!("%{}%", $crate::store::like_escape(&actor.to_lowercase())))
                        .push(" ESCAPE '\\'");
                }
                if let Some(action) = filter.action.as_deref().filter(|a| !a.is_empty()) {
                    q.push(" AND action LIKE ")
                        .push_bind(format!("{}%", $crate::store::like_escape(action)))
                        .push(" ESCAPE '\\'");
                }
                if let Some(from) = filter.from {
                    q.push(" AND at >= ").push_bind(from.and_hms_opt(0, 0, 0).map(|t| t.and_utc()));
                }
                if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
                    q.push(" AND at < ").push_bind(to.and_hms_opt(0, 0, 0).map(|t| t.and_utc()));
                }
                q.push(" ORDER BY at DESC, id DESC LIMIT ").push_bind(limit);
                let rows: Vec<(
                    i64,
                    chrono::DateTime<chrono::Utc>,
                    String,
                    String,
                    String,
                    Option<String>,
                    Option<String>,
                    Option<String>,
                )> = q.build_query_as().fetch_all(&self.pool).await?;
                Ok(rows
                    .into_iter()
                    .map(|r| $crate::store::model::AuditRecord {
                        id: r.0,
                        at: r.1,
                        actor_label: r.2,
                        action: r.3,
                        entity: r.4,
                        entity_id: r.5,
                        ip: r.6,
                        unit_path: r.7,
                    })
                    .collect())
            }

            async fn write_audit(
                conn: &mut $conn,
                e: &$crate::store::model::AuditEntry,
            ) -> Result<(), $crate::store::StoreError> {
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
            async fn load_in_transaction(
                conn: &mut $conn,
                data: &$crate::store::model::Dataset,
                actor_label: &str,
                paths: &[(String, i32)],
                max_binds: usize,
                advance: &mut (dyn FnMut(u64) + Send),
            ) -> Result<(), $crate::store::StoreError> {
                use sqlx::Connection;
                let mut tx = conn.begin().await?;
                if <$db as sqlx::Database>::NAME == "PostgreSQL" {
                    // Millions of rows take minutes: beyond the pool's limit.
                    sqlx::query("SET LOCAL statement_timeout = 0").execute(&mut *tx).await?;
                }
                let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM units")
                    .fetch_one(&mut *tx)
                    .await?;
                if existing > 0 {
                    return Err($crate::store::StoreError::Invalid(
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
                let entry = $crate::store::model::AuditEntry {
                    actor_user_id: None,
                    actor_label: actor_label.to_string(),
                    action: "dataset.load".into(),
                    entity: "organisation".into(),
                    entity_id: data.units.first().map(|u| u.code.clone()),
                    before: None,
                    after: Some(serde_json::json!({
                        "units": data.units.len(),
                        "members": data.members.len(),
                        "positions": data.positions.len(),
                        "years": data.years.len(),
                        "commitments": data.commitments.len(),
                    })),
                    ip: None,
                    unit_path: data.units.first().map(|u| format!("/{}/", u.id)),
                };
                Self::write_audit(&mut tx, &entry).await?;
                tx.commit().await?;
                Ok(())
            }

            /// Multi-row inserts, each statement with as many rows as the
            /// backend's limit of `max_binds` bound parameters allows.
            async fn insert_dataset(
                conn: &mut $conn,
                data: &$crate::store::model::Dataset,
                paths: &[(String, i32)],
                max_binds: usize,
                advance: &mut (dyn FnMut(u64) + Send),
            ) -> Result<(), $crate::store::StoreError> {
                use $crate::domain::text::{collation_key, fold, name_sort_key, nfc};
                use sqlx::QueryBuilder;
                let rows = |columns: usize| (max_binds / columns).max(1);
                let now = chrono::Utc::now();

                let units: Vec<_> = data.units.iter().zip(paths).collect();
                for chunk in units.chunks(rows(12)) {
                    QueryBuilder::<$db>::new(
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
                    QueryBuilder::<$db>::new("INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) ")
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
                    QueryBuilder::<$db>::new(
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
                    QueryBuilder::<$db>::new(
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
                    QueryBuilder::<$db>::new("INSERT INTO memberships (member_id, unit_id, valid_from, valid_to) ")
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
                    QueryBuilder::<$db>::new(
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
            async fn insert_commitments(
                conn: &mut $conn,
                data: &$crate::store::model::Dataset,
                paths: &[(String, i32)],
                max_binds: usize,
                advance: &mut (dyn FnMut(u64) + Send),
            ) -> Result<(), $crate::store::StoreError> {
                use $crate::domain::text::nfc;
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
                let grade = |a: &Option<($crate::domain::undertaking::Assessment, String)>| {
                    (
                        a.as_ref().map(|(a, _)| a.grade.as_str()),
                        a.as_ref().and_then(|(a, _)| a.points).map(i32::from),
                        a.as_ref().map(|(_, note)| nfc(note)).unwrap_or_default(),
                    )
                };
                for chunk in data.commitments.chunks(rows(20)) {
                    QueryBuilder::<$db>::new(
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
                let items: Vec<(i64, &$crate::domain::undertaking::Undertaking, i32)> = data
                    .commitments
                    .iter()
                    .flat_map(|c| {
                        let positions = $crate::store::commitments::positions(&c.items);
                        c.items.iter().zip(positions).map(move |(u, p)| (c.id, u, p))
                    })
                    .collect();
                for chunk in items.chunks(rows(6)) {
                    QueryBuilder::<$db>::new(
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
                        $crate::store::StoreError::Invalid(format!(
                            "commitment {} of an unknown member {}",
                            c.id, c.member_id
                        ))
                    })?;
                    history.extend(c.history.iter().map(|e| (c.id, *path, e)));
                }
                for chunk in history.chunks(rows(7)) {
                    QueryBuilder::<$db>::new(
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
                    QueryBuilder::<$db>::new(
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
                    QueryBuilder::<$db>::new("INSERT INTO settings (key, value) ")
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
    };
}
pub(crate) use impl_common;
