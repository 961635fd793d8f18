//! PostgreSQL backups through the client tools: `pg_dump` in custom format
//! inside the app's exported snapshot, `pg_restore` into a bare database.
//! The password travels in the environment, never on the command line
//! (where other users of the machine could read it).

use super::BackupError;
use app::domain::backup::{BackupCounts, Manifest};
use app::store::backup::BackupStore;
use app::store::{DynStore, PgStore};
use std::path::{Path, PathBuf};
use tokio::process::Command;

const INSTALL: &str = "PostgreSQL backups need pg_dump and pg_restore, from the client tools \
     of the server's major version or newer (Debian and Ubuntu: apt install postgresql-client; \
     elsewhere the PostgreSQL client package), on this machine's PATH";

/// The URL without its password, and the password (percent-decoded).
fn split_password(url: &str) -> (String, Option<String>) {
    let (Some(scheme_end), Some(at)) = (url.find("://"), url.rfind('@')) else {
        return (url.to_string(), None);
    };
    if at < scheme_end {
        return (url.to_string(), None);
    }
    let userinfo = &url[scheme_end + 3..at];
    match userinfo.split_once(':') {
        Some((user, password)) => (
            format!("{}{}{}", &url[..scheme_end + 3], user, &url[at..]),
            Some(percent_decode(password)),
        ),
        None => (url.to_string(), None),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `name --dbname URL` with the URL's password in the environment.
fn tool(name: &str, url: &str) -> Command {
    let (url, password) = split_password(url);
    let mut cmd = Command::new(name);
    cmd.arg("--dbname")
        .arg(url)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true);
    if let Some(p) = password {
        cmd.env("PGPASSWORD", p);
    }
    cmd
}

/// Runs a client tool; its own message when it fails, the install hint
/// when it is not there.
async fn run(mut cmd: Command, name: &str) -> Result<(), String> {
    let out = cmd.output().await.map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            INSTALL.to_string()
        } else {
            format!("{name}: {e}")
        }
    })?;
    if out.status.success() {
        Ok(())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(format!("{name} failed: {}", err.trim()))
    }
}

/// `pg_dump -Fc` of the database into `data`, with the counts and migration
/// level of the same snapshot.
pub async fn dump(
    store: &DynStore,
    url: &str,
    data: &Path,
) -> Result<(BackupCounts, i64), BackupError> {
    let url = url.to_string();
    let data = data.to_path_buf();
    let job: app::store::backup::SnapshotJob = Box::new(move |snapshot: String| {
        Box::pin(async move {
            let mut cmd = tool("pg_dump", &url);
            cmd.arg("--format=custom")
                .arg("--no-owner")
                .arg("--no-privileges")
                .arg(format!("--snapshot={snapshot}"))
                .arg("--file")
                .arg(&data);
            run(cmd, "pg_dump").await
        })
    });
    match store.in_exported_snapshot(job).await? {
        Ok(seen) => Ok(seen),
        Err(message) => Err(BackupError::Tool(message)),
    }
}

/// Restores a custom-format dump into the database at `url`, which must
/// have no data unless `replace` (its schema is then renamed aside, with
/// everything in it); returns the name it was kept under.
pub async fn restore(
    file: &Path,
    url: &str,
    replace: bool,
    manifest: &Manifest,
) -> Result<Option<PathBuf>, BackupError> {
    let target = PgStore::connect(url).await?;
    let mut kept = None;
    if target.has_schema().await? {
        let has_data = target.holds_data().await?;
        if has_data && !replace {
            target.close().await;
            return Err(BackupError::NotEmpty);
        }
        let aside = has_data.then(|| {
            format!(
                "before_restore_{}",
                chrono::Utc::now().format("%Y%m%d_%H%M%S")
            )
        });
        target.clear_public_schema(aside.as_deref()).await?;
        kept = aside.map(PathBuf::from);
    }
    target.close().await;
    let dir = std::env::temp_dir();
    let staged = super::temporary(&dir, "restore");
    let (source, dest) = (file.to_path_buf(), staged.clone());
    super::blocking(move || super::archive::extract_data(&source, &dest)).await?;
    let mut cmd = tool("pg_restore", url);
    cmd.arg("--no-owner")
        .arg("--no-privileges")
        .arg("--exit-on-error")
        .arg("--single-transaction")
        .arg(&staged);
    let restored = run(cmd, "pg_restore").await;
    let _ = tokio::fs::remove_file(&staged).await;
    restored.map_err(BackupError::Tool)?;
    let store = app::store::connect(url).await?;
    let counts = store.backup_counts().await?;
    if counts != manifest.counts {
        return Err(BackupError::Check(format!(
            "the rows differ from the manifest: found {counts:?}, expected {:?}",
            manifest.counts
        )));
    }
    store.migrate().await?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url() {
        assert_eq!(
            split_password("postgres://dangbo:s%40cret@db:5432/dangbo"),
            (
                "postgres://dangbo@db:5432/dangbo".to_string(),
                Some("s@cret".to_string())
            )
        );
        assert_eq!(
            split_password("postgres://postgres@127.0.0.1/x"),
            ("postgres://postgres@127.0.0.1/x".to_string(), None)
        );
        assert_eq!(
            split_password("postgres:///x?host=/run"),
            ("postgres:///x?host=/run".to_string(), None)
        );
    }
}
