//! Good models (mô hình hay, cách làm hiệu quả): the registry every member
//! reads, a unit's leadership registers and edits its own, the committee
//! above recognises them. Forms post here and are answered by a redirect,
//! so every step works without the WASM.
// The server functions' arguments are the forms' fields, one each.
#![allow(clippy::too_many_arguments)]

use super::ApiError;
use crate::domain::good_model::GoodModelRow;
use crate::domain::org::UnitRef;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::GOOD_MODELS_PAGE;

pub use crate::paths::GoodModelQuery;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodModelsData {
    pub rows: Vec<GoodModelRow>,
    /// How many match, over every page.
    pub total: i64,
    pub page: i64,
    pub more: bool,
    /// Years that have models, newest first.
    pub years: Vec<i32>,
    /// The unit `unit` named, when it did.
    pub unit: Option<UnitRef>,
    /// Units whose leadership the caller is: new models are theirs.
    pub registering: Vec<UnitRef>,
    /// The year a new model is registered for by default.
    pub working_year: i32,
}

/// Models the filter matches, 50 a page; any logged-in member reads them.
#[server(prefix = "/api", endpoint = "good-models/list")]
pub async fn good_model_list(
    year: Option<i32>,
    q: Option<String>,
    field: Option<String>,
    unit: Option<String>,
    recognised: Option<String>,
    page: Option<i64>,
) -> Result<GoodModelsData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let query = GoodModelQuery {
        year,
        q,
        field,
        unit,
        recognised,
        page,
    };
    server::list(&store, &actor, query).await.map_err(respond)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodModelView {
    pub row: GoodModelRow,
    /// The unit's leadership, while it is not recognised.
    pub can_edit: bool,
    /// The committee above: recognise, or withdraw the recognition.
    pub can_recognise: bool,
    /// The committee that recognises it (the unit above).
    pub recogniser: Option<UnitRef>,
    pub today: NaiveDate,
}

#[server(prefix = "/api", endpoint = "good-models/one")]
pub async fn good_model_one(id: i64) -> Result<GoodModelView, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::one(&store, &actor, id).await.map_err(respond)
}

/// Registers a model of `unit` for `year` (no `id`), or edits model `id`
/// at `version`; answered by a redirect to the model's page.
#[server(prefix = "/api", endpoint = "good-models/save")]
pub async fn save_good_model(
    id: Option<i64>,
    version: Option<i64>,
    unit: Option<String>,
    year: Option<i32>,
    title: String,
    field: String,
    description: Option<String>,
    run_by: Option<String>,
    since: Option<String>,
    results: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::good_model::Draft;
    let (store, actor) = context::request().map_err(respond)?;
    let draft = Draft {
        title,
        field,
        description: description.unwrap_or_default(),
        run_by: run_by.unwrap_or_default(),
        since: since.unwrap_or_default(),
        results: results.unwrap_or_default(),
    };
    let id = match (id, version) {
        (Some(id), Some(version)) => {
            server::update(&store, &actor, id, version, &draft)
                .await
                .map_err(respond)?;
            id
        }
        (None, None) => server::create(
            &store,
            &actor,
            unit.as_deref().unwrap_or_default(),
            year,
            &draft,
        )
        .await
        .map_err(respond)?,
        _ => return Err(respond(ApiError::request())),
    };
    context::redirect(&crate::paths::flagged(
        &crate::paths::good_model(id),
        "da-luu",
        1,
    ));
    Ok(())
}

/// The committee above recognises model `id`, or (`withdraw`) takes its
/// recognition back.
#[server(prefix = "/api", endpoint = "good-models/recognise")]
pub async fn recognise_good_model(
    id: i64,
    version: i64,
    withdraw: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let withdraw = withdraw.is_some_and(|w| !w.is_empty());
    server::recognise(&store, &actor, id, version, withdraw)
        .await
        .map_err(respond)?;
    context::redirect(&crate::paths::flagged(
        &crate::paths::good_model(id),
        "da-luu",
        1,
    ));
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod server;
