//! SQLite: the embedded default. One file, WAL so readers never wait for the
//! writer, a busy timeout so concurrent writers queue instead of failing.

use super::{Backend, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqliteConnection, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable in WAL mode except for the last transactions on power loss.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true);
        // SQLite has one writer; more connections only help readers. Eight
        // covers two cores' worth of request handlers with room for slow reads.
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            // Every statement on the pool is a trip to the connection's
            // thread and back, and sqlx pings a connection on release as well
            // as (by default) on acquire: a third of the trips of a page's
            // reads. An embedded connection cannot have been hung up on.
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The database file a `sqlite://` URL names.
    pub fn file_of(url: &str) -> Result<std::path::PathBuf, StoreError> {
        Ok(SqliteConnectOptions::from_str(url)?
            .get_filename()
            .to_path_buf())
    }

    /// One connection to a database file as it is (a backup's copy, a
    /// database about to be replaced): no migration, its journal mode left
    /// alone, nothing created.
    pub async fn open_file(file: &std::path::Path, read_only: bool) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(file)
            .read_only(read_only)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Moves everything in the write-ahead log into the main file.
    pub async fn checkpoint(&self) -> Result<(), StoreError> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Closes the connections (before the file is moved or removed).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Nothing to do: SQLite's INTEGER PRIMARY KEY continues after the largest id.
    async fn after_bulk_load(_conn: &mut SqliteConnection) -> Result<(), StoreError> {
        Ok(())
    }
}

impl SqliteStore {
    const BACKEND: Backend = Backend::Sqlite;

    async fn run_migrations(&self) -> Result<(), StoreError> {
        sqlx::migrate!("../migrations/sqlite")
            .run(&self.pool)
            .await?;
        Ok(())
    }

    /// Login sessions in this database (tower-sessions' store for it).
    async fn session_store(&self) -> Result<super::sessions::Sessions, StoreError> {
        super::sessions::Sessions::sqlite(self.pool.clone()).await
    }
}

// The statements, written once for both backends (`sql/`).
type This = SqliteStore;
type Db = Sqlite;
#[path = "sql/mod.rs"]
#[allow(clippy::duplicate_mod)]
mod sql;

// SQLite's part: the snapshot and its checks.
impl SqliteStore {
    async fn backend_snapshot_into(
        &self,
        file: &std::path::Path,
    ) -> Result<(), crate::store::StoreError> {
        let target = file
            .to_str()
            .ok_or_else(|| crate::store::StoreError::Fault("backup path is not UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn backend_exported_snapshot(
        &self,
        _dump: crate::store::backup::SnapshotJob,
    ) -> Result<Result<(crate::domain::backup::BackupCounts, i64), String>, crate::store::StoreError>
    {
        Err(crate::store::StoreError::Fault(
            "SQLite backups are snapshots of the file".into(),
        ))
    }

    async fn backend_integrity_problems(&self) -> Result<Vec<String>, crate::store::StoreError> {
        let mut problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await?;
        problems.retain(|p| p != "ok");
        let orphans: Vec<(String, Option<i64>)> =
            sqlx::query_as("SELECT \"table\", rowid FROM pragma_foreign_key_check")
                .fetch_all(&self.pool)
                .await?;
        problems.extend(
            orphans
                .into_iter()
                .map(|(table, row)| format!("foreign key broken: {table} row {row:?}")),
        );
        Ok(problems)
    }
}
