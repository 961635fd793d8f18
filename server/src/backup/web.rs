//! The backups page's actions: start a backup (it runs on after the answer;
//! the page shows it running) and download one. Administrators only; every
//! download is audited, since the file holds every dossier.

use super::schedule::{Backups, Requester};
use crate::answer;
use crate::auth::client::client_address;
use crate::router::AppState;
use app::api::backups::{BackupActivity, BackupCatalog, BackupRow, BackupSettings};
use app::domain::authz::{Action, Actor, Target, can};
use app::domain::backup::{BackupKind, parse_file_name};
use app::store::DynStore;
use app::store::model::AuditEntry;
use axum::Extension;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::sync::{Arc, Mutex};

pub const BACKUPS_PAGE: &str = "/quan-tri/sao-luu";

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
fn refused(actor: &Actor, req: &Request) -> Option<Response> {
    if can(actor, Action::ManageBackups, Target::System) {
        return None;
    }
    let locale = answer::locale(req.headers());
    Some(match actor {
        Actor::Anonymous => {
            answer::text(StatusCode::UNAUTHORIZED, locale, |s| s.error_unauthorized)
        }
        Actor::User(_) => answer::text(StatusCode::FORBIDDEN, locale, |s| s.error_manage_backups),
    })
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

fn unavailable(req: &Request) -> Response {
    let locale = answer::locale(req.headers());
    answer::failed(locale, "backups", "no backup folder configured")
}

async fn start(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    req: Request,
) -> Response {
    if let Some(refusal) = refused(&actor, &req) {
        return refusal;
    }
    let Some(backups) = state.backups.clone() else {
        return unavailable(&req);
    };
    let ip = client_address(&req);
    drop(req);
    let by = requester(&state, &actor, ip).await;
    // Running already: the page shows it; nothing more to start.
    backups.start(by);
    crate::redirect::to(BACKUPS_PAGE)
}

async fn download(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(name): Path<String>,
    req: Request,
) -> Response {
    if let Some(refusal) = refused(&actor, &req) {
        return refusal;
    }
    let locale = answer::locale(req.headers());
    let Some(backups) = state.backups.clone() else {
        return unavailable(&req);
    };
    // Only names the app gives its backups: never a path.
    if parse_file_name(&name).is_none() {
        return answer::text(StatusCode::NOT_FOUND, locale, |s| s.error_not_found);
    }
    let ip = client_address(&req);
    drop(req);
    let path = backups.config.dir.join(&name);
    let file = match tokio::fs::File::open(&path).await {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return answer::text(StatusCode::NOT_FOUND, locale, |s| s.error_not_found);
        }
        Err(e) => return answer::failed(locale, "opening a backup", e),
    };
    let bytes = match file.metadata().await {
        Ok(m) => m.len(),
        Err(e) => return answer::failed(locale, "reading a backup", e),
    };
    let by = requester(&state, &actor, ip).await;
    let entry = AuditEntry {
        actor_user_id: by.user_id,
        actor_label: by.label,
        action: "backup.download".into(),
        entity: "backup".into(),
        entity_id: Some(name.clone()),
        before: None,
        after: Some(serde_json::json!({ "bytes": bytes })),
        ip: by.ip,
        unit_path: None,
    };
    // No record, no file: a download nobody can account for is refused.
    if let Err(e) = state.store.append_audit(&entry).await {
        return answer::failed(locale, "auditing a backup download", e);
    }
    let body = Body::from_stream(tokio_util::io::ReaderStream::with_capacity(file, 1 << 16));
    (
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
        .into_response()
}
