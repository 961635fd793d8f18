//! Where the database is and where the server listens.

use std::path::{Path, PathBuf};

/// The database URL: `DATABASE_URL` when given, else an SQLite file in the
/// data directory (created when missing).
pub fn database_url(database_url: Option<&str>, data_dir: &Path) -> std::io::Result<String> {
    if let Some(url) = database_url.filter(|u| !u.trim().is_empty()) {
        return Ok(url.trim().to_string());
    }
    std::fs::create_dir_all(data_dir)?;
    let file = data_dir.join("dangbo.sqlite3");
    Ok(format!("sqlite://{}", file.display()))
}

/// `$XDG_DATA_HOME/dangbo`, else `~/.local/share/dangbo`, else `./data`.
pub fn default_data_dir() -> PathBuf {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(xdg).join("dangbo");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(home).join(".local/share/dangbo");
    }
    PathBuf::from("data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_url_wins_and_sqlite_file_lives_in_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            database_url(Some(" postgres://x@h/db "), dir.path()).unwrap(),
            "postgres://x@h/db"
        );
        let nested = dir.path().join("a/b");
        let url = database_url(None, &nested).unwrap();
        assert!(url.starts_with("sqlite://") && url.ends_with("a/b/dangbo.sqlite3"));
        assert!(nested.is_dir());
    }
}
