//! Finding the built site (WASM, JS, CSS, assets) wherever the binary runs.

use std::path::{Path, PathBuf};

const MARKER: &str = "pkg/dangbo.js";

/// The first candidate that holds a built site: an explicit setting, the
/// variable cargo-leptos sets, `site/` beside the binary or one level up
/// (`target/<profile>/dangbo` → `target/site`), and the workspace's own
/// `target/site` (for binaries built outside the workspace target folder).
pub fn find_site_root(explicit: Option<&Path>) -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = explicit {
        candidates.push(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("LEPTOS_SITE_ROOT") {
        candidates.push(PathBuf::from(p));
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        candidates.push(dir.join("site"));
        candidates.push(dir.join("../site"));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site"));
    candidates
        .into_iter()
        .find(|c| c.join(MARKER).is_file())
        .map(|c| c.canonicalize().unwrap_or(c))
}
