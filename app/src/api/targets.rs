//! Resolution targets (chỉ tiêu nghị quyết, `/thong-ke/chi-tieu?don-vi=&nam=`):
//! the targets a unit's yearly resolution sets, each with its actual —
//! counted by the app for the indicators it knows, entered with a note and
//! evidence for the others — and where it stands. Whoever sees the unit's
//! dashboard sees them; the unit's own leadership sets them up. Forms post
//! here and are answered by a redirect, so every step works without the WASM.
// The server functions' arguments are the forms' fields, one each.
#![allow(clippy::too_many_arguments)]

use super::ApiError;
use crate::domain::org::UnitRef;
use crate::domain::targets::{Indicator, ResolutionTarget, Standing};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::TARGETS_PAGE;

/// A target with its actual and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetView {
    pub target: ResolutionTarget,
    /// Counted by the app for a known indicator, as entered otherwise
    /// (tenths); `None` while there is nothing to count or nothing entered.
    pub actual: Option<i64>,
    pub standing: Standing,
    /// How far past the target, in tenths of a percent of it: positive when
    /// better (fewer, for a target of at most).
    pub margin: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetsData {
    pub unit: UnitRef,
    pub year: i32,
    /// Years set up, newest first.
    pub years: Vec<i32>,
    pub targets: Vec<TargetView>,
    /// The caller sets this resolution's targets (the unit's leadership).
    pub can_edit: bool,
    /// Known indicators not listed yet (a known one is listed once).
    pub free: Vec<Indicator>,
    /// The targets as progress bars against their target line (SVG).
    pub chart: Option<String>,
}

/// The targets of `unit` (the highest unit the caller leads when absent)
/// for `year` (the working year when absent).
#[server(prefix = "/api", endpoint = "targets/list")]
pub async fn target_list(unit: Option<String>, year: Option<i32>) -> Result<TargetsData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::page(&store, &actor, unit, year)
        .await
        .map_err(respond)
}

/// Adds a target to `unit`'s resolution of `year` (no `id`), or changes
/// target `id` at `version`; answered by a redirect to the list.
#[server(prefix = "/api", endpoint = "targets/save")]
pub async fn save_target(
    id: Option<i64>,
    version: Option<i64>,
    unit: Option<String>,
    year: Option<i32>,
    indicator: String,
    title: Option<String>,
    measure: Option<String>,
    direction: Option<String>,
    target: String,
    actual: Option<String>,
    note: Option<String>,
    evidence: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::targets::Draft;
    let (store, actor) = context::request().map_err(respond)?;
    let draft = Draft {
        indicator,
        title: title.unwrap_or_default(),
        measure: measure.unwrap_or_default(),
        direction: direction.unwrap_or_default(),
        target,
        actual: actual.unwrap_or_default(),
        note: note.unwrap_or_default(),
        evidence: evidence.unwrap_or_default(),
    };
    let back = match (id, version) {
        (Some(id), Some(version)) => server::update(&store, &actor, id, version, &draft).await,
        (None, None) => {
            server::create(
                &store,
                &actor,
                unit.as_deref().unwrap_or_default(),
                year,
                &draft,
            )
            .await
        }
        _ => Err(ApiError::request()),
    }
    .map_err(respond)?;
    context::redirect(&format!("{back}&da-luu=1"));
    Ok(())
}

/// Takes target `id` (at `version`) out of its resolution.
#[server(prefix = "/api", endpoint = "targets/delete")]
pub async fn delete_target(id: i64, version: i64) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let back = server::delete(&store, &actor, id, version)
        .await
        .map_err(respond)?;
    context::redirect(&format!("{back}&da-xoa=1"));
    Ok(())
}

/// The list of `code`'s targets of `year`.
pub fn targets_link(code: &str, year: i32) -> String {
    crate::paths::TargetsQuery {
        unit: Some(code.to_string()),
        year: Some(year),
    }
    .href()
}

#[cfg(feature = "ssr")]
pub mod server;
