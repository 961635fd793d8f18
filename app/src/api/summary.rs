//! The summary figures of a unit's subtree.

use super::ApiError;
use crate::domain::UnitSummary;
use leptos::prelude::*;

/// Figures of `unit` (a unit code; the bloc when absent) for `year` (the
/// latest configured year when absent).
#[server(prefix = "/api", endpoint = "summary")]
pub async fn get_summary(unit: Option<String>, year: Option<i32>) -> Result<UnitSummary, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::{Action, Actor, authz::Target, can};

    let (store, actor) = context::request().map_err(respond)?;
    let found = match &unit {
        Some(code) => store.unit_by_code(code.trim()).await,
        None => match store.root_unit().await {
            // No organisation at all: nothing to protect, say so plainly.
            Ok(None) => return Err(respond(ApiError::NotFound)),
            other => other,
        },
    }
    .map_err(|e| respond(e.into()))?;
    let allowed = found.as_ref().is_some_and(|u| {
        can(
            &actor,
            Action::ViewSummary,
            Target::Unit {
                kind: u.kind,
                path: &u.path,
            },
        )
    });
    let Some(unit) = found.filter(|_| allowed) else {
        // Whether a unit exists is itself information: a refused caller cannot tell.
        return Err(respond(match actor {
            Actor::Anonymous => ApiError::Unauthorized,
        }));
    };
    let year = match year {
        Some(y) if (1930..=2100).contains(&y) => y,
        Some(_) => return Err(respond(ApiError::Invalid("year".into()))),
        None => store
            .years()
            .await
            .map_err(|e| respond(e.into()))?
            .last()
            .map_or_else(|| chrono::Datelike::year(&chrono::Utc::now()), |y| y.year),
    };
    store
        .unit_summary(&unit, year)
        .await
        .map_err(|e| respond(e.into()))
}
