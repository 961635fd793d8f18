//! Special bodies (`/ban-chi-dao?don-vi=`): a unit's Steering Committee 35,
//! its secretariat, its collaborators and their wider group, with their
//! people — read by whoever sees the unit's dashboard, set up by the unit's
//! own leadership. Forms post here and are answered by a redirect, so
//! every step works without the WASM.
// The server functions' arguments are the forms' fields, one each.
#![allow(clippy::too_many_arguments)]

use super::ApiError;
use crate::domain::body::{BodyCounts, BodyPerson, BodyRow};
use crate::domain::org::UnitRef;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::BODIES_PAGE;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyView {
    pub row: BodyRow,
    /// In it today first, then those who left.
    pub people: Vec<BodyPerson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodiesData {
    pub unit: UnitRef,
    pub bodies: Vec<BodyView>,
    /// People today of the unit's bodies and of those of the units below.
    pub counts: BodyCounts,
    /// The caller sets up this unit's bodies (its leadership).
    pub can_manage: bool,
    pub today: NaiveDate,
}

/// The bodies of `unit` (the highest unit the caller leads when absent).
#[server(prefix = "/api", endpoint = "bodies/list")]
pub async fn body_list(unit: Option<String>) -> Result<BodiesData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::page(&store, &actor, unit).await.map_err(respond)
}

/// Sets up a body of `unit`.
#[server(prefix = "/api", endpoint = "bodies/new")]
pub async fn new_body(
    unit: String,
    kind: String,
    name: String,
    since: String,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let back = server::create(&store, &actor, &unit, &kind, &name, &since)
        .await
        .map_err(respond)?;
    context::redirect(&format!("{back}&da-luu=1"));
    Ok(())
}

/// Adds a person to body `body` at `version`: a party member by card
/// number, or an outside person by name and workplace.
#[server(prefix = "/api", endpoint = "bodies/add")]
pub async fn add_body_person(
    body: i64,
    version: i64,
    card_number: Option<String>,
    full_name: Option<String>,
    workplace: Option<String>,
    role: String,
    from: String,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::body::PersonDraft;
    let (store, actor) = context::request().map_err(respond)?;
    let draft = PersonDraft {
        card_number: card_number.unwrap_or_default(),
        full_name: full_name.unwrap_or_default(),
        workplace: workplace.unwrap_or_default(),
        role,
        from,
    };
    let back = server::add(&store, &actor, body, version, &draft)
        .await
        .map_err(respond)?;
    context::redirect(&format!("{back}&da-luu=1#ban-{body}"));
    Ok(())
}

/// Person `person` leaves body `body` (at `version`) today.
#[server(prefix = "/api", endpoint = "bodies/end")]
pub async fn end_body_person(body: i64, version: i64, person: i64) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let back = server::end(&store, &actor, body, version, person)
        .await
        .map_err(respond)?;
    context::redirect(&format!("{back}&da-luu=1#ban-{body}"));
    Ok(())
}

/// The bodies page of `code`.
pub fn bodies_link(code: &str) -> String {
    crate::paths::BodiesQuery {
        unit: Some(code.to_string()),
    }
    .href()
}

#[cfg(feature = "ssr")]
pub mod server;
