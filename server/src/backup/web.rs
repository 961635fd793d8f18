//! The backups page's actions: start a backup (it runs on after the answer;
//! the page shows it running) and download one. Administrators only; every
//! download is audited, since the file holds every dossier.

use super::schedule::{Backups, Requester};
use crate::http::{AppState, Caller, ClientAddr, HttpError, Text};
use app::api::backups::{BackupActivity, BackupCatalog, BackupRow, BackupSettings};
use app::domain::authz::{Action, Actor, Target};
use app::domain::backup::{BackupKind, parse_file_name};
use app::store::DynStore;
use app::store::model::AuditEntry;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::sync::{Arc, Mutex};

pub use app::paths::BACKUPS_PAGE;

/// The backups of a serving process: its settings, and what the page started.
pub struct ServerBackups {
    pub config: Arc<Backups>,
    store: DynStore,
    activity: Mutex<BackupActivity>,
}

impl ServerBackups {
    pub fn new(config: Arc<Backups>, store: DynStore) -> Self {
        ServerBackups {
            config,
            store,
            activity: Mutex::new(BackupActivity::default()),
        }
    }

    fn activity_mut(&self) -> std::sync::MutexGuard<'_, BackupActivity> {
        // The state is two times; a panic elsewhere cannot leave it half set.
        self.activity.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts a manual backup unless one is running; false when one is.
    pub fn start(self: &Arc<Self>, by: Requester) -> bool {
        {
            let mut a = self.activity_mut();
            if a.running_since.is_some() {
                return false;
            }
            a.running_since = Some(chrono::Utc::now());
        }
        let this = self.clone();
        tokio::spawn(async move {
            let result = this
                .config
                .take(&this.store, BackupKind::Manual, None, &by)
                .await;
            let mut a = this.activity_mut();
            a.last_failed = match result {
                Ok(_) => None,
                Err(_) => a.running_since,
            };
            a.running_since = None;
        });
        true
    }
}

#[async_trait::async_trait]
impl BackupCatalog for ServerBackups {
    fn settings(&self) -> BackupSettings {
        let r = self.config.retention;
        BackupSettings {
            dir: self.config.dir.display().to_string(),
            every_hours: self.config.every.map(|e| e.duration().num_hours()),
            daily: r.daily,
            weekly: r.weekly,
            monthly: r.monthly,
            others: r.others,
        }
    }

    fn activity(&self) -> BackupActivity {
        self.activity_mut().clone()
    }

    async fn before_change(&self, reason: &str, by: (i64, &str)) -> Result<String, String> {
        let by = Requester {
            user_id: Some(by.0),
            label: by.1.to_string(),
            ip: None,
        };
        self.config
            .take(
                &self.store,
                BackupKind::BeforeChange,
                Some(reason.to_string()),
                &by,
            )
            .await
            .map(|t| t.file.name)
            .map_err(|e| e.to_string())
    }

    async fn list(&self) -> Result<Vec<BackupRow>, String> {
        let files = super::list(&self.config.dir)
            .await
            .map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            .map(|f| BackupRow {
                name: f.name,
                taken_at: f.manifest.taken_at,
                kind: f.manifest.kind,
                bytes: f.bytes,
                counts: f.manifest.counts,
            })
            .collect())
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/quan-tri/sao-luu/tao", post(start))
        .route("/quan-tri/sao-luu/tep/{name}", get(download))
}

/// Backups are for administrators (checked before anything is read).
fn may_manage(actor: &Actor) -> Result<(), HttpError> {
    let forbidden = Text::of(|s| s.error_manage_backups);
    HttpError::require(actor, Action::ManageBackups, Target::System, forbidden)
}

/// Who acts, for the audit entry.
async fn requester(state: &AppState, actor: &Actor, ip: String) -> Requester {
    let (user_id, label) = match actor {
        Actor::User(u) => (
            Some(u.user_id),
            app::api::context::actor_label(&state.store, u).await,
        ),
        Actor::Anonymous => (None, "anonymous".into()),
    };
    Requester {
        user_id,
        label,
        ip: Some(ip),
    }
}

fn configured(state: &AppState) -> Result<Arc<ServerBackups>, HttpError> {
    state
        .backups
        .clone()
        .ok_or_else(|| HttpError::internal("backups", "no backup folder configured"))
}

async fn start(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ClientAddr { audit: ip, .. }: ClientAddr,
) -> Result<Response, HttpError> {
    may_manage(&actor)?;
    let backups = configured(&state)?;
    let by = requester(&state, &actor, ip).await;
    // Running already: the page shows it; nothing more to start.
    backups.start(by);
    Ok(crate::redirect::to(BACKUPS_PAGE))
}

async fn download(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ClientAddr { audit: ip, .. }: ClientAddr,
    Path(name): Path<String>,
) -> Result<Response, HttpError> {
    may_manage(&actor)?;
    let backups = configured(&state)?;
    // Only names the app gives its backups: never a path.
    if parse_file_name(&name).is_none() {
        return Err(HttpError::not_found());
    }
    let path = backups.config.dir.join(&name);
    let file = match tokio::fs::File::open(&path).await {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(HttpError::not_found());
        }
        Err(e) => return Err(HttpError::internal("opening a backup", e)),
    };
    let bytes = file
        .metadata()
        .await
        .map_err(|e| HttpError::internal("reading a backup", e))?
        .len();
    let by = requester(&state, &actor, ip).await;
    let mut entry = AuditEntry::new(by.user_id, by.label, "backup.download")
        .about("backup", Some(name.clone()))
        .after(serde_json::json!({ "bytes": bytes }));
    entry.ip = by.ip;
    // No record, no file: a download nobody can account for is refused.
    state.store.append_audit(&entry).await?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::with_capacity(file, 1 << 16));
    Ok((
        [
            (header::CONTENT_TYPE, "application/gzip".to_string()),
            (header::CONTENT_LENGTH, bytes.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}
