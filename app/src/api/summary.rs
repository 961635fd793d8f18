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
    use crate::domain::{Action, authz::Target, can};

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
    let Some(unit) = found else {
        return Err(respond(context::refusal(&actor, true)));
    };
    if !can(
        &actor,
        Action::ViewSummary,
        Target::Unit {
            kind: unit.kind,
            path: &unit.path,
        },
    ) {
        // Anonymous callers cannot tell a unit out of reach from a missing one.
        return Err(respond(context::refusal(&actor, false)));
    }
    let year = match year {
        Some(y) if (1930..=2100).contains(&y) => y,
        Some(_) => {
            return Err(respond(ApiError::field(
                crate::domain::problem::Field::Year,
                crate::domain::problem::FieldProblem::Unknown,
            )));
        }
        None => context::summary_year(&store).await.map_err(respond)?,
    };
    store
        .unit_summary(&unit, year)
        .await
        .map_err(|e| respond(e.into()))
}
