//! PostgreSQL: for several stateless app instances side by side.

use super::{Backend, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgConnection, PgPool, Postgres};
use std::str::FromStr;
use std::time::Duration;

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        // Every pooled connection is bounded: a cancelled request can never
        // leave a transaction open holding locks (PostgreSQL ends it after a
        // minute idle), a statement cannot run away, and a write waits for a
        // lock at most 10 s before failing (and rolling back) visibly. The
        // bulk load lifts the statement limit inside its own transaction.
        let options = PgConnectOptions::from_str(url)?
            .application_name("dangbo")
            .options([
                ("statement_timeout", "60s"),
                ("lock_timeout", "10s"),
                ("idle_in_transaction_session_timeout", "60s"),
            ]);
        // Sized for a 2-core server; PostgreSQL's own default allows 100
        // connections, so several instances fit side by side.
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Whether the database has the app's tables (a restore needs it bare).
    pub async fn has_schema(&self) -> Result<bool, StoreError> {
        let found: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_name = '_sqlx_migrations'",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    /// Renames the `public` schema to `aside` (kept, with all its data) and
    /// makes a new empty one, in one transaction; `aside` = None drops it
    /// instead (only for a schema without data).
    pub async fn clear_public_schema(&self, aside: Option<&str>) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        match aside {
            Some(name) => {
                // A schema name made by the app (letters, digits, '_'),
                // never from input: identifiers cannot be bound.
                if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    return Err(StoreError::Fault(format!("schema name {name}")));
                }
                sqlx::query(&format!("ALTER SCHEMA public RENAME TO {name}"))
                    .execute(&mut *tx)
                    .await?;
            }
            None => {
                sqlx::query("DROP SCHEMA public CASCADE")
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query("CREATE SCHEMA public")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Ids were given explicitly: move the identity sequences past them.
    async fn after_bulk_load(conn: &mut PgConnection) -> Result<(), StoreError> {
        for table in [
            "units",
            "unit_events",
            "members",
            "memberships",
            "positions",
            "commitments",
            "commitment_items",
        ] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 GREATEST((SELECT MAX(id) FROM {table}), 1))"
            ))
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }
}

impl PgStore {
    const BACKEND: Backend = Backend::Postgres;

    async fn run_migrations(&self) -> Result<(), StoreError> {
        sqlx::migrate!("../migrations/postgres")
            .run(&self.pool)
            .await?;
        Ok(())
    }

    /// Login sessions in this database (tower-sessions' store for it).
    async fn session_store(&self) -> Result<super::sessions::Sessions, StoreError> {
        super::sessions::Sessions::postgres(self.pool.clone()).await
    }
}

// The statements, written once for both backends (`sql/`).
type This = PgStore;
type Db = Postgres;
#[path = "sql/mod.rs"]
#[allow(clippy::duplicate_mod)]
mod sql;

// PostgreSQL's part: `pg_dump` takes the snapshot, `pg_restore` checks it.
impl PgStore {
    async fn backend_snapshot_into(
        &self,
        _file: &std::path::Path,
    ) -> Result<(), crate::store::StoreError> {
        Err(crate::store::StoreError::Fault(
            "PostgreSQL backups are taken with pg_dump".into(),
        ))
    }

    async fn backend_exported_snapshot(
        &self,
        dump: crate::store::backup::SnapshotJob,
    ) -> Result<Result<(crate::domain::backup::BackupCounts, i64), String>, crate::store::StoreError>
    {
        let mut tx = self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await?;
        // The dump may take longer than the pool's idle-in-transaction
        // limit, during which this transaction only waits.
        sqlx::query("SET LOCAL idle_in_transaction_session_timeout = 0")
            .execute(&mut *tx)
            .await?;
        let snapshot: String = sqlx::query_scalar("SELECT pg_export_snapshot()")
            .fetch_one(&mut *tx)
            .await?;
        let (units, members, commitments, audit_entries): (i64, i64, i64, i64) =
            sqlx::query_as(crate::store::backup::COUNTS)
                .fetch_one(&mut *tx)
                .await?;
        let migration: Option<i64> = sqlx::query_scalar(crate::store::backup::MIGRATION_LEVEL)
            .fetch_one(&mut *tx)
            .await?;
        let dumped = dump(snapshot).await;
        tx.rollback().await?;
        Ok(dumped.map(|()| {
            (
                crate::domain::backup::BackupCounts {
                    units,
                    members,
                    commitments,
                    audit_entries,
                },
                migration.unwrap_or(0),
            )
        }))
    }

    async fn backend_integrity_problems(&self) -> Result<Vec<String>, crate::store::StoreError> {
        // pg_restore checks the dump as it reads it; the row counts
        // against the manifest are the restore's check.
        Ok(Vec::new())
    }
}
