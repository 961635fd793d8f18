//! The administrators' backups page: the files, the schedule, a backup
//! running now. Taking and downloading one are form posts and downloads the
//! server handles (they are files, not data for a page).

use super::ApiError;
use crate::domain::backup::{BackupCounts, BackupKind};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupRow {
    pub name: String,
    pub taken_at: DateTime<Utc>,
    pub kind: BackupKind,
    pub bytes: u64,
    pub counts: BackupCounts,
}

/// How this server keeps backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSettings {
    pub dir: String,
    /// Hours between scheduled backups; `None`: no schedule.
    pub every_hours: Option<i64>,
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
    pub others: usize,
}

/// The state of backups taken from the page (this server only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupActivity {
    /// A backup started at this time is running.
    pub running_since: Option<DateTime<Utc>>,
    /// The last one started from the page failed at this time.
    pub last_failed: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupsData {
    pub settings: BackupSettings,
    pub activity: BackupActivity,
    /// Newest first.
    pub rows: Vec<BackupRow>,
}

/// What the server offers the server functions about backups.
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait BackupCatalog: Send + Sync {
    fn settings(&self) -> BackupSettings;
    fn activity(&self) -> BackupActivity;
    /// The backups on disk, newest first.
    async fn list(&self) -> Result<Vec<BackupRow>, String>;
    /// A backup before a change that could not otherwise be undone (`reason`:
    /// the change's audit action), by the user `by` (id, username); its file
    /// name, for the change's audit entry.
    async fn before_change(&self, reason: &str, by: (i64, &str)) -> Result<String, String>;
}

/// Takes the backup before a change when the server keeps backups: `None`
/// where it keeps none (tools, tests); a failure refuses the change.
#[cfg(feature = "ssr")]
pub async fn before_change(reason: &str, by: (i64, &str)) -> Result<Option<String>, ApiError> {
    use leptos::prelude::use_context;
    let Some(catalog) = use_context::<super::context::ApiContext>().and_then(|c| c.backups) else {
        return Ok(None);
    };
    catalog.before_change(reason, by).await.map(Some).map_err(|e| {
        tracing::error!(error = %e, reason, "the backup before a change failed; change refused");
        ApiError::Internal
    })
}

#[server(prefix = "/api", endpoint = "backups")]
pub async fn admin_backups() -> Result<BackupsData, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::authz::{Action, Target, can};

    let (_, actor) = context::request().map_err(respond)?;
    if !can(&actor, Action::ManageBackups, Target::System) {
        return Err(respond(context::refusal(&actor, false)));
    }
    let catalog = context::backups().map_err(respond)?;
    let rows = catalog.list().await.map_err(|e| {
        tracing::error!(error = %e, "could not list the backups");
        respond(ApiError::Internal)
    })?;
    Ok(BackupsData {
        settings: catalog.settings(),
        activity: catalog.activity(),
        rows,
    })
}
