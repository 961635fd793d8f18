//! PostgreSQL: for several stateless app instances side by side.

use super::accounts::impl_accounts;
use super::org::impl_org;
use super::{Backend, StoreError, impl_common};
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
                    return Err(StoreError::Invalid(format!("schema name {name}")));
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

impl_common!(PgStore, Postgres, PgConnection, {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        sqlx::migrate!("../migrations/postgres")
            .run(&self.pool)
            .await?;
        // Fills in what the new tables add for data loaded before them.
        crate::store::org::OrgStore::refresh_derived(self).await
    }
});

impl_accounts!(PgStore, Postgres, PgConnection);
impl_org!(PgStore, Postgres, PgConnection);
super::import::impl_import!(PgStore, Postgres, PgConnection);
super::export::impl_export!(PgStore, Postgres, PgConnection);
super::structure::impl_structure!(PgStore, Postgres, PgConnection);
super::commitments::impl_commitments!(PgStore, Postgres, PgConnection);
super::outbox::impl_outbox!(PgStore);
super::backup::impl_backup!(PgStore);
super::backup::postgres_backup!(PgStore);

// The commendation statements, written once for both backends (the one
// file is meant to be compiled once per backend).
type This = PgStore;
type Db = Postgres;
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
