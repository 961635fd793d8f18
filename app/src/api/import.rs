//! The import page's data. The upload and the confirmation are form posts
//! handled by the server (`server::import`), which leaves the check's report
//! in the session for this page to show, and the outcome once written.

use super::ApiError;
use crate::domain::import::Report;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::IMPORT_PAGE;
pub use crate::paths::TEMPLATE_CSV_MEMBERS;
pub use crate::paths::TEMPLATE_CSV_UNITS;
pub use crate::paths::TEMPLATE_XLSX;

/// Session key of the checked file waiting for confirmation.
pub const PENDING_KEY: &str = "import_pending";
/// Session key of the last import's outcome, shown once.
pub const DONE_KEY: &str = "import_done";
/// Errors kept for the page (the counts stay exact).
pub const SHOWN_ERRORS: usize = 500;

/// A checked file waiting for the user's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// Names the checked rows kept on the server; sent back with the
    /// confirmation, compared with the session's.
    pub token: String,
    pub file_name: String,
    /// At most [`SHOWN_ERRORS`] errors.
    pub report: Report,
    pub error_count: usize,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    pub file_name: String,
    pub units: u64,
    pub members: u64,
    /// Invalid rows left out ("import the valid rows").
    pub skipped: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportState {
    pub pending: Option<Pending>,
    pub done: Option<Done>,
}

/// The import page: 401 for visitors, 403 for those who may not change the
/// structure anywhere.
#[server(prefix = "/api", endpoint = "import")]
pub async fn import_page() -> Result<ImportState, ApiError> {
    use super::context;
    use super::error::respond;

    let (_, actor) = context::request().map_err(respond)?;
    if !may_import(&actor) {
        return Err(respond(context::refusal(&actor, false)));
    }
    let session = use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<tower_sessions::Session>().cloned());
    let Some(session) = session else {
        return Ok(ImportState {
            pending: None,
            done: None,
        });
    };
    // A report the session cannot read back (from an older version) is
    // as good as none: the user uploads again.
    let pending = session.get::<Pending>(PENDING_KEY).await.ok().flatten();
    // Shown once.
    let done = session.remove::<Done>(DONE_KEY).await.ok().flatten();
    Ok(ImportState { pending, done })
}

/// Whether the caller may import anything (the navigation shows the page
/// only then; the server checks every row anyway).
#[server(prefix = "/api", endpoint = "can_import")]
pub async fn can_import() -> Result<bool, ApiError> {
    let (_, actor) = super::context::request().map_err(super::error::respond)?;
    Ok(may_import(&actor))
}

/// Changing the structure somewhere: the bloc's standing committee and the
/// administrators. Which rows fall within reach is decided row by row.
#[cfg(feature = "ssr")]
pub fn may_import(actor: &crate::domain::Actor) -> bool {
    use crate::domain::authz::{Action, scope_paths};
    scope_paths(actor, Action::ChangeStructure).is_none_or(|paths| !paths.is_empty())
}
