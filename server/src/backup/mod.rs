//! Backups of the whole database and their restore.
//!
//! On SQLite a backup is `VACUUM INTO` a temporary file (one read
//! transaction: consistent while the app goes on writing), checked and
//! counted there, then archived with its manifest (see `archive`). On
//! PostgreSQL `pg_dump` writes its custom format inside an exported snapshot,
//! so that the manifest's counts are those of the dump. The file is written
//! under a temporary name and renamed when complete: a crash never leaves a
//! half backup under a backup's name.

pub mod archive;
pub mod postgres;
pub mod schedule;
pub mod web;

use app::domain::backup::{BackupKind, Manifest, ManifestProblem, file_name, parse_file_name};
use app::store::backup::BackupStore;
use app::store::{Backend, DynStore, SqliteStore, StoreError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the backup file is damaged: {0}")]
    Damaged(String),
    #[error("{}", problem_text(.0))]
    Refused(ManifestProblem),
    #[error(
        "the database already holds data; restoring would replace it. Run again with --replace \
         (the current database is then kept aside), or restore into a new --data-dir"
    )]
    NotEmpty,
    #[error("the restored database fails its checks: {0}")]
    Check(String),
    #[error("{0}")]
    Tool(String),
    #[error("the job did not finish: {0}")]
    Blocking(String),
}

fn problem_text(p: &ManifestProblem) -> String {
    match p {
        ManifestProblem::NewerFormat(f) => {
            format!(
                "the backup was written by a newer dangbo (file format {f}); upgrade dangbo first"
            )
        }
        ManifestProblem::NewerMigration { file, app } => format!(
            "the backup comes from a newer dangbo (database migration {file}, this one knows up to {app}); upgrade dangbo first"
        ),
        ManifestProblem::OtherBackend(b) => {
            format!("the backup is of a {b} database and restores only into one")
        }
    }
}

/// A backup file on disk.
#[derive(Debug, Clone)]
pub struct BackupFile {
    pub path: PathBuf,
    pub name: String,
    pub bytes: u64,
    pub manifest: Manifest,
}

/// What `take` did.
#[derive(Debug, Clone)]
pub struct Taken {
    pub file: BackupFile,
    pub took: Duration,
}

/// Runs blocking IO on the blocking pool.
async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, BackupError> + Send + 'static,
) -> Result<T, BackupError> {
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| BackupError::Blocking(e.to_string()))?
}

/// A name for a temporary file in `dir` that no other backup uses.
fn temporary(dir: &Path, what: &str) -> PathBuf {
    let n: u64 = rand::random();
    dir.join(format!(".{what}-{n:016x}.partial"))
}

/// Takes a backup of the database behind `store` (whose URL is `url`) into
/// `dir`. One backup at a time per process: a second waits for the first.
pub async fn take(
    store: &DynStore,
    url: &str,
    dir: &Path,
    kind: BackupKind,
    reason: Option<String>,
) -> Result<Taken, BackupError> {
    static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _turn = ONE_AT_A_TIME.lock().await;
    let started = Instant::now();
    tokio::fs::create_dir_all(dir).await?;
    // Names are to the second: a second backup within the same second
    // waits for the next one rather than take the first one's name.
    let mut taken_at = chrono::Utc::now();
    while tokio::fs::try_exists(dir.join(file_name(taken_at, kind))).await? {
        tokio::time::sleep(Duration::from_millis(200)).await;
        taken_at = chrono::Utc::now();
    }
    let data = temporary(dir, "data");
    let result = async {
        let (counts, migration, data_file) = match store.backend() {
            Backend::Sqlite => {
                store.snapshot_into(&data).await?;
                // Counted and checked in the copy itself: what it holds.
                let copy = SqliteStore::open_file(&data, true).await?;
                let problems = copy.integrity_problems().await?;
                let counts = copy.backup_counts().await?;
                let migration = copy.migration_level().await?;
                copy.close().await;
                if !problems.is_empty() {
                    return Err(BackupError::Check(problems.join("; ")));
                }
                (counts, migration, "dangbo.sqlite3")
            }
            Backend::Postgres => {
                let (counts, migration) = postgres::dump(store, url, &data).await?;
                (counts, migration, "dangbo.pgdump")
            }
        };
        let name = file_name(taken_at, kind);
        let path = dir.join(&name);
        let final_path = path.clone();
        let partial = temporary(dir, "backup");
        let manifest_data = data.clone();
        let backend = store.backend().as_str();
        let manifest = blocking(move || {
            let (sha, bytes) = archive::checksum(&manifest_data)?;
            let manifest = Manifest {
                format: app::domain::backup::FORMAT,
                app_version: env!("CARGO_PKG_VERSION").into(),
                backend: backend.into(),
                migration,
                taken_at,
                kind,
                reason,
                counts,
                data_file: data_file.into(),
                data_bytes: bytes,
                data_sha256: sha,
            };
            let written = archive::write(&partial, &manifest, &manifest_data);
            if let Err(e) = written {
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
            // Never over another file (a second process's backup, say).
            let placed = std::fs::hard_link(&partial, &final_path);
            let _ = std::fs::remove_file(&partial);
            placed?;
            Ok(manifest)
        })
        .await?;
        let bytes = tokio::fs::metadata(&path).await?.len();
        Ok(BackupFile {
            name,
            path,
            bytes,
            manifest,
        })
    }
    .await;
    let _ = tokio::fs::remove_file(&data).await;
    let file = result?;
    tracing::info!(
        file = %file.name,
        bytes = file.bytes,
        seconds = started.elapsed().as_secs_f64(),
        "backup taken"
    );
    Ok(Taken {
        file,
        took: started.elapsed(),
    })
}

/// The backups in `dir`, newest first: files named as this app names them,
/// with a manifest that reads. Others are left alone and not listed.
pub async fn list(dir: &Path) -> Result<Vec<BackupFile>, BackupError> {
    let dir = dir.to_path_buf();
    blocking(move || {
        let mut out = Vec::new();
        let read = match std::fs::read_dir(&dir) {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e.into()),
        };
        for entry in read {
            let entry = entry?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if parse_file_name(&name).is_none() {
                continue;
            }
            let path = entry.path();
            match archive::read_manifest(&path) {
                Ok(manifest) => out.push(BackupFile {
                    bytes: entry.metadata()?.len(),
                    name,
                    path,
                    manifest,
                }),
                Err(e) => tracing::warn!(file = %name, error = %e, "unreadable backup left alone"),
            }
        }
        out.sort_by_key(|f| std::cmp::Reverse(f.manifest.taken_at));
        Ok(out)
    })
    .await
}

/// Deletes the backups in `dir` that `retention` does not keep; returns
/// their names.
pub async fn prune(
    dir: &Path,
    retention: &app::domain::backup::Retention,
) -> Result<Vec<String>, BackupError> {
    let files = list(dir).await?;
    let times: Vec<_> = files
        .iter()
        .map(|f| (f.manifest.taken_at, f.manifest.kind))
        .collect();
    let keep = retention.keep(&times);
    let mut removed = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if !keep.contains(&i) {
            tokio::fs::remove_file(&f.path).await?;
            removed.push(f.name.clone());
        }
    }
    Ok(removed)
}

/// What `restore` did.
#[derive(Debug)]
pub struct Restored {
    pub manifest: Manifest,
    /// Where the database that was replaced was kept, with `--replace`.
    pub kept_aside: Option<PathBuf>,
    pub took: Duration,
}

/// Restores `file` into the database at `url`: refuses a damaged file, one
/// from a newer app or the other backend, and a database that holds data
/// unless `replace` (the old database is then kept aside, never deleted).
/// Checks the result against the manifest and applies pending migrations.
/// The server must not be running on that database meanwhile.
pub async fn restore(file: &Path, url: &str, replace: bool) -> Result<Restored, BackupError> {
    let started = Instant::now();
    let backend = if url.starts_with("sqlite:") {
        Backend::Sqlite
    } else {
        Backend::Postgres
    };
    let source = file.to_path_buf();
    let manifest = blocking(move || archive::read_manifest(&source)).await?;
    manifest
        .check(backend.as_str(), app::store::newest_migration(backend))
        .map_err(BackupError::Refused)?;
    let kept_aside = match backend {
        Backend::Sqlite => restore_sqlite(file, url, replace, &manifest).await?,
        Backend::Postgres => postgres::restore(file, url, replace, &manifest).await?,
    };
    Ok(Restored {
        manifest,
        kept_aside,
        took: started.elapsed(),
    })
}

async fn restore_sqlite(
    file: &Path,
    url: &str,
    replace: bool,
    manifest: &Manifest,
) -> Result<Option<PathBuf>, BackupError> {
    let target = SqliteStore::file_of(url)?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    tokio::fs::create_dir_all(&dir).await?;
    // Extracted beside the target, so that the final step is one rename.
    let staged = temporary(&dir, "restore");
    let (source, dest) = (file.to_path_buf(), staged.clone());
    blocking(move || archive::extract_data(&source, &dest)).await?;
    let checked = async {
        let copy = SqliteStore::open_file(&staged, true).await?;
        let problems = copy.integrity_problems().await?;
        let counts = copy.backup_counts().await?;
        copy.close().await;
        if !problems.is_empty() {
            return Err(BackupError::Check(problems.join("; ")));
        }
        if counts != manifest.counts {
            return Err(BackupError::Check(format!(
                "the rows differ from the manifest: found {counts:?}, expected {:?}",
                manifest.counts
            )));
        }
        Ok(())
    }
    .await;
    if let Err(e) = checked {
        let _ = tokio::fs::remove_file(&staged).await;
        return Err(e);
    }
    let kept_aside = match put_aside(&target, replace).await {
        Ok(kept) => kept,
        Err(e) => {
            let _ = tokio::fs::remove_file(&staged).await;
            return Err(e);
        }
    };
    tokio::fs::rename(&staged, &target).await?;
    // The restored file at its place: migrate it to this app's level, and
    // check it again only if that changed it (a whole check of a national
    // database takes a minute and a half).
    let store = app::store::connect(url).await?;
    store.migrate().await?;
    if manifest.migration < app::store::newest_migration(store.backend()) {
        let problems = store.integrity_problems().await?;
        if !problems.is_empty() {
            return Err(BackupError::Check(problems.join("; ")));
        }
    }
    Ok(kept_aside)
}

/// Moves the database at `target` (with its WAL) out of the way when it
/// holds data and `replace` is given; refuses when it holds data and not.
/// An empty database (no units, no accounts) is simply replaced.
async fn put_aside(target: &Path, replace: bool) -> Result<Option<PathBuf>, BackupError> {
    if !tokio::fs::try_exists(target).await? {
        return Ok(None);
    }
    let current = SqliteStore::open_file(target, false).await?;
    let has_data = current.holds_data().await?;
    // Everything into the main file, so that it can move alone.
    current.checkpoint().await?;
    current.close().await;
    if has_data && !replace {
        return Err(BackupError::NotEmpty);
    }
    let aside = has_data.then(|| {
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let mut name = target.as_os_str().to_owned();
        name.push(format!(".before-restore-{stamp}"));
        PathBuf::from(name)
    });
    match &aside {
        Some(aside) => tokio::fs::rename(target, aside).await?,
        None => tokio::fs::remove_file(target).await?,
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = target.as_os_str().to_owned();
        side.push(suffix);
        let _ = tokio::fs::remove_file(PathBuf::from(side)).await;
    }
    Ok(aside)
}
