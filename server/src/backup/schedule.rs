//! Backups inside `dangbo serve`: where they go, the schedule, retention,
//! and what is recorded of each (a log line, an audit entry, and for a
//! failure a notice to every administrator).

use super::{BackupError, Taken};
use app::domain::backup::{BackupKind, Every, Retention};
use app::store::model::{AuditEntry, NoticeKind};
use app::store::{DynStore, StoreError};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The backups of one server.
#[derive(Debug, Clone)]
pub struct Backups {
    pub dir: PathBuf,
    /// The database's URL (pg_dump connects with it).
    pub url: String,
    pub every: Option<Every>,
    pub retention: Retention,
    /// Names this process in the claims of scheduled periods.
    pub instance: String,
}

/// This process among several instances: host name and process id.
pub fn instance_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "host".into());
    format!("{host}:{}", std::process::id())
}

/// Who asked for a backup, for its audit entry.
#[derive(Debug, Clone)]
pub struct Requester {
    pub user_id: Option<i64>,
    pub label: String,
    pub ip: Option<String>,
}

impl Requester {
    pub fn schedule() -> Self {
        Requester {
            user_id: None,
            label: "dangbo backup schedule".into(),
            ip: None,
        }
    }
}

impl Backups {
    /// Takes a backup and records it: an audit entry either way; on failure
    /// a notice to the administrators. Scheduled backups are followed by
    /// retention.
    pub async fn take(
        &self,
        store: &DynStore,
        kind: BackupKind,
        reason: Option<String>,
        by: &Requester,
    ) -> Result<Taken, BackupError> {
        let result = super::take(store, &self.url, &self.dir, kind, reason.clone()).await;
        let (action, after) = match &result {
            Ok(t) => (
                "backup.create",
                serde_json::json!({
                    "file": t.file.name,
                    "kind": kind.as_str(),
                    "reason": reason,
                    "bytes": t.file.bytes,
                    "seconds": t.took.as_secs_f64(),
                    "counts": t.file.manifest.counts,
                }),
            ),
            Err(e) => {
                tracing::error!(error = %e, kind = kind.as_str(), "backup failed");
                (
                    "backup.failed",
                    serde_json::json!({ "kind": kind.as_str(), "reason": reason, "error": e.to_string() }),
                )
            }
        };
        let audit = AuditEntry {
            actor_user_id: by.user_id,
            actor_label: by.label.clone(),
            action: action.into(),
            entity: "backup".into(),
            entity_id: result.as_ref().ok().map(|t| t.file.name.clone()),
            before: None,
            after: Some(after),
            ip: by.ip.clone(),
            unit_path: None,
        };
        let notice = result.is_err().then(|| {
            (
                NoticeKind::BackupFailed,
                kind.as_str().to_string(),
                chrono::Utc::now().timestamp().to_string(),
                app::paths::BACKUPS_PAGE.to_string(),
            )
        });
        if let Err(e) = store.record_backup_event(&audit, notice).await {
            tracing::error!(error = %e, "could not record the backup's audit entry");
        }
        if kind == BackupKind::Scheduled && result.is_ok() {
            match super::prune(&self.dir, &self.retention).await {
                Ok(removed) if !removed.is_empty() => {
                    tracing::info!(removed = ?removed, "old backups removed by retention")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "retention could not remove old backups"),
            }
        }
        result
    }

    /// The scheduled backup of `period`, when this instance is the first
    /// to claim it (`None` when another instance, or an earlier start, has);
    /// the outer error: the claim could not be asked for.
    pub async fn run_period(
        &self,
        store: &DynStore,
        period: i64,
    ) -> Result<Option<Result<Taken, BackupError>>, StoreError> {
        if !store.claim_backup_period(period, &self.instance).await? {
            return Ok(None);
        }
        tracing::info!(period, "taking the scheduled backup");
        Ok(Some(
            self.take(store, BackupKind::Scheduled, None, &Requester::schedule())
                .await,
        ))
    }

    /// Runs the schedule until the process ends: once a minute, the first
    /// instance to claim the current period takes its backup (a failure is
    /// recorded by `take`; the next period tries again).
    pub fn spawn(self: Arc<Self>, store: DynStore) {
        let Some(every) = self.every else {
            return;
        };
        tokio::spawn(async move {
            let mut last = None;
            loop {
                let period = every.period(chrono::Utc::now());
                if last != Some(period) {
                    match self.run_period(&store, period).await {
                        Ok(_) => last = Some(period),
                        // Asked again in a minute.
                        Err(e) => tracing::warn!(error = %e, "could not claim the backup period"),
                    }
                }
                tokio::time::sleep(Duration::from_secs(60)).await;
            }
        });
    }
}
