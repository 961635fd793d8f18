//! Storage: one trait, an SQLite and a PostgreSQL implementation, chosen by
//! the URL scheme. The only place SQL lives.
//!
//! Most statements are identical on both backends (numbered `$1` parameters
//! work in SQLite too), so `sql/` holds them once, compiled for each pool type;
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
    /// What the caller asked for breaks a rule the store keeps (a file too
    /// many, a unit that is no longer current, a dataset out of order): the
    /// caller's, answered 422.
    #[error("refused: {0}")]
    Invalid(String),
    /// Stored data the code cannot read, or a call this backend does not
    /// take: the server's fault, answered 500 and logged.
    #[error("fault: {0}")]
    Fault(String),
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
    /// The login sessions kept in this database.
    async fn sessions(&self) -> Result<sessions::Sessions, StoreError>;
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
            .ok_or_else(|| StoreError::Fault(format!("unknown unit kind {}", r.kind)))?;
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
            .ok_or_else(|| StoreError::Fault(format!("unknown rule set {}", r.rule_set)))?;
        let sections: Vec<String> = serde_json::from_str(&r.sections)
            .map_err(|e| StoreError::Fault(format!("sections of {}: {e}", r.year)))?;
        let missing = || StoreError::Fault(format!("deadlines of {} missing", r.year));
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
