//! SQLite: the embedded default. One file, WAL so readers never wait for the
//! writer, a busy timeout so concurrent writers queue instead of failing.

use super::accounts::impl_accounts;
use super::org::impl_org;
use super::{Backend, StoreError, impl_common};
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

impl_common!(SqliteStore, Sqlite, SqliteConnection, {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        sqlx::migrate!("../migrations/sqlite")
            .run(&self.pool)
            .await?;
        // Fills in what the new tables add for data loaded before them.
        crate::store::org::OrgStore::refresh_derived(self).await
    }
});

impl_accounts!(SqliteStore, Sqlite, SqliteConnection);
impl_org!(SqliteStore, Sqlite, SqliteConnection);
super::import::impl_import!(SqliteStore, Sqlite, SqliteConnection);
super::export::impl_export!(SqliteStore, Sqlite, SqliteConnection);
super::structure::impl_structure!(SqliteStore, Sqlite, SqliteConnection);
super::commitments::impl_commitments!(SqliteStore, Sqlite, SqliteConnection);
super::outbox::impl_outbox!(SqliteStore);
super::backup::impl_backup!(SqliteStore);
super::backup::sqlite_backup!(SqliteStore);

// The commendation statements, written once for both backends (the one
// file is meant to be compiled once per backend).
type This = SqliteStore;
type Db = Sqlite;
#[path = "badges_due_sql.rs"]
#[allow(clippy::duplicate_mod)]
mod badges_due_sql;
#[path = "badges_sql.rs"]
#[allow(clippy::duplicate_mod)]
mod badges_sql;
#[path = "bodies_sql.rs"]
#[allow(clippy::duplicate_mod)]
mod bodies_sql;
#[path = "commendations_sql.rs"]
#[allow(clippy::duplicate_mod)]
mod commendations_sql;
#[path = "good_models_sql.rs"]
#[allow(clippy::duplicate_mod)]
mod good_models_sql;
#[path = "stats_sql.rs"]
#[allow(clippy::duplicate_mod)]
mod stats_sql;
#[path = "targets_sql.rs"]
#[allow(clippy::duplicate_mod)]
mod targets_sql;
