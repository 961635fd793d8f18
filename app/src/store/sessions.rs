//! Login sessions kept in the application database (so that several
//! instances share them), through tower-sessions' sqlx stores.

use super::{DynStore, StoreError};
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore as SqliteSessions};

/// The session store of whichever backend the app runs on.
#[derive(Debug, Clone)]
pub enum Sessions {
    Sqlite(SqliteSessions),
    Postgres(PostgresStore),
}

impl Sessions {
    /// Opens the session table beside the app's data, creating it if needed.
    pub async fn for_store(store: &DynStore) -> Result<Self, StoreError> {
        store.sessions().await
    }

    /// The sessions of a SQLite database (for `SqliteStore`).
    pub(crate) async fn sqlite(pool: sqlx::SqlitePool) -> Result<Self, StoreError> {
        let sessions = SqliteSessions::new(pool);
        sessions.migrate().await?;
        Ok(Sessions::Sqlite(sessions))
    }

    /// The sessions of a PostgreSQL database (for `PgStore`).
    pub(crate) async fn postgres(pool: sqlx::PgPool) -> Result<Self, StoreError> {
        let sessions = PostgresStore::new(pool);
        sessions.migrate().await?;
        Ok(Sessions::Postgres(sessions))
    }

    /// Deletes expired sessions now and then, for as long as the server runs.
    pub fn spawn_cleanup(&self) {
        let period = tokio::time::Duration::from_secs(3600);
        match self.clone() {
            Sessions::Sqlite(s) => drop(tokio::spawn(s.continuously_delete_expired(period))),
            Sessions::Postgres(s) => drop(tokio::spawn(s.continuously_delete_expired(period))),
        }
    }
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.create(record).await,
            Sessions::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.save(record).await,
            Sessions::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Sessions::Sqlite(s) => s.load(id).await,
            Sessions::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.delete(id).await,
            Sessions::Postgres(s) => s.delete(id).await,
        }
    }
}
