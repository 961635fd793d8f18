//! The server side of the good-model functions: who registers, edits and
//! recognises, the domain's checks, the store's version-checked writes.

use super::{GoodModelQuery, GoodModelView, GoodModelsData};
use crate::api::ApiError;
use crate::api::context;
use crate::domain::authz::{Action, Actor, Target, User, can};
use crate::domain::good_model::{self, Draft, ModelField};
use crate::domain::org::UnitRef;
use crate::domain::paging;
use crate::domain::problem::{Field, FieldProblem};
use crate::store::DynStore;
use crate::store::good_models::{GoodModelFilter, GoodModelHead};
use crate::store::model::Unit;

/// Models a page lists.
pub const PAGE_SIZE: i64 = 50;
/// Search text at most, in characters.
const MAX_SEARCH: usize = 200;

fn user_of(actor: &Actor) -> Result<&User, ApiError> {
    match actor {
        Actor::User(u) => Ok(u),
        Actor::Anonymous => Err(ApiError::Unauthorized),
    }
}

fn unit_ref(u: &Unit) -> UnitRef {
    UnitRef {
        code: u.code.clone(),
        name: u.name.clone(),
        kind: u.kind,
    }
}

fn target(u: &Unit) -> Target<'_> {
    Target::Unit {
        kind: u.kind,
        path: &u.path,
    }
}

/// The filter a query asks for (bounded, folded), without its page.
pub async fn filter(
    store: &DynStore,
    actor: &Actor,
    q: &GoodModelQuery,
) -> Result<(GoodModelFilter, Option<UnitRef>), ApiError> {
    user_of(actor)?;
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let search = match text(&q.q) {
        Some(s) if s.chars().count() > MAX_SEARCH => {
            return Err(ApiError::field(Field::Title, FieldProblem::TooLong));
        }
        s => s
            .map(|s| crate::domain::text::fold(&s))
            .filter(|s| !s.is_empty()),
    };
    let model_field = match text(&q.field) {
        None => None,
        Some(f) => Some(
            ModelField::parse(&f)
                .ok_or_else(|| ApiError::field(Field::ModelField, FieldProblem::Unknown))?,
        ),
    };
    let recognised = match text(&q.recognised).as_deref() {
        None => None,
        Some("1") => Some(true),
        Some("0") => Some(false),
        Some(_) => return Err(ApiError::request()),
    };
    if q.year.is_some_and(|y| !(1930..=2200).contains(&y)) {
        return Err(ApiError::field(Field::Year, FieldProblem::Unknown));
    }
    let (subtree, unit) = match text(&q.unit) {
        None => (None, None),
        Some(code) => {
            let u = store
                .unit_by_code(&code)
                .await?
                .ok_or_else(|| ApiError::field(Field::Unit, FieldProblem::Unknown))?;
            if !can(actor, Action::ViewStructure, target(&u)) {
                return Err(context::refusal(actor, true));
            }
            (Some(u.path.clone()), Some(unit_ref(&u)))
        }
    };
    Ok((
        GoodModelFilter {
            year: q.year,
            subtree,
            field: model_field,
            recognised,
            search,
            limit: PAGE_SIZE,
            offset: 0,
        },
        unit,
    ))
}

pub async fn list(
    store: &DynStore,
    actor: &Actor,
    q: GoodModelQuery,
) -> Result<GoodModelsData, ApiError> {
    let page = q.page.unwrap_or(1);
    if !(1..=paging::MAX_PAGE).contains(&page) {
        return Err(ApiError::request());
    }
    let (mut f, unit) = filter(store, actor, &q).await?;
    let total = store.count_good_models(&f).await?;
    f.limit = PAGE_SIZE + 1;
    f.offset = paging::offset(page, PAGE_SIZE);
    let mut rows = store.good_models(&f).await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let mut registering = Vec::new();
    if let Actor::User(user) = actor {
        for s in &user.scopes {
            let t = Target::Unit {
                kind: s.unit_kind,
                path: &s.unit_path,
            };
            if can(actor, Action::ProposeCommendation, t)
                && let Some(u) = store.unit_by_id(s.unit_id).await?
                && u.valid_to.is_none()
            {
                registering.push(unit_ref(&u));
            }
        }
    }
    registering.dedup();
    Ok(GoodModelsData {
        rows,
        total,
        page,
        more,
        years: store.good_model_years().await?,
        unit,
        registering,
        working_year: chrono::Datelike::year(&context::today(store).await?),
    })
}

/// The model, if the caller may read it (every logged-in member may).
async fn visible(store: &DynStore, actor: &Actor, id: i64) -> Result<GoodModelHead, ApiError> {
    user_of(actor)?;
    store
        .good_model(id)
        .await?
        .ok_or_else(|| context::refusal(actor, true))
}

/// Whether the caller leads the model's unit, and whether it leads the unit above.
async fn rights(
    store: &DynStore,
    actor: &Actor,
    h: &GoodModelHead,
) -> Result<(bool, Option<Unit>, bool), ApiError> {
    let own = Target::Unit {
        kind: h.row.unit.kind,
        path: &h.unit_path,
    };
    let leads = can(actor, Action::ProposeCommendation, own);
    let parent = match h.parent_id {
        Some(p) => store.unit_by_id(p).await?,
        None => None,
    };
    let above = parent
        .as_ref()
        .is_some_and(|p| can(actor, Action::AwardCommendation, target(p)));
    Ok((leads, parent, above))
}

pub async fn one(store: &DynStore, actor: &Actor, id: i64) -> Result<GoodModelView, ApiError> {
    let h = visible(store, actor, id).await?;
    let (leads, parent, above) = rights(store, actor, &h).await?;
    Ok(GoodModelView {
        can_edit: leads && h.row.recognised_on.is_none(),
        can_recognise: above,
        recogniser: parent.as_ref().map(unit_ref),
        today: context::today(store).await?,
        row: h.row,
    })
}

pub async fn create(
    store: &DynStore,
    actor: &Actor,
    unit: &str,
    year: Option<i32>,
    draft: &Draft,
) -> Result<i64, ApiError> {
    let user = user_of(actor)?;
    let u = store
        .unit_by_code(unit.trim())
        .await?
        .filter(|u| u.valid_to.is_none())
        .ok_or_else(|| ApiError::field(Field::Unit, FieldProblem::Unknown))?;
    if !can(actor, Action::ProposeCommendation, target(&u)) {
        return Err(context::refusal(actor, false));
    }
    let year = year.ok_or_else(|| ApiError::field(Field::Year, FieldProblem::Missing))?;
    if store.year(year).await?.is_none() {
        return Err(ApiError::field(Field::Year, FieldProblem::Unknown));
    }
    let today = context::today(store).await?;
    let checked = good_model::check(draft, today).map_err(ApiError::Refused)?;
    let entry = context::audit_entry(store, user, "good_model.create")
        .await
        .after(serde_json::json!({ "year": year, "field": checked.field.as_str() }));
    Ok(store
        .create_good_model(u.id, year, &checked, &entry)
        .await?)
}

pub async fn update(
    store: &DynStore,
    actor: &Actor,
    id: i64,
    version: i64,
    draft: &Draft,
) -> Result<(), ApiError> {
    let user = user_of(actor)?;
    let h = visible(store, actor, id).await?;
    let (leads, _, _) = rights(store, actor, &h).await?;
    if !leads {
        return Err(context::refusal(actor, false));
    }
    if h.row.recognised_on.is_some() {
        // What the committee above recognised stays as it was recognised.
        return Err(ApiError::Conflict);
    }
    let today = context::today(store).await?;
    let checked = good_model::check(draft, today).map_err(ApiError::Refused)?;
    let entry = context::audit_entry(store, user, "good_model.update")
        .await
        .after(serde_json::json!({ "field": checked.field.as_str() }));
    store
        .update_good_model(id, version, &checked, &entry)
        .await?;
    Ok(())
}

pub async fn recognise(
    store: &DynStore,
    actor: &Actor,
    id: i64,
    version: i64,
    withdraw: bool,
) -> Result<(), ApiError> {
    let user = user_of(actor)?;
    let h = visible(store, actor, id).await?;
    let (_, parent, above) = rights(store, actor, &h).await?;
    let Some(parent) = parent.filter(|_| above) else {
        return Err(context::refusal(actor, false));
    };
    if withdraw != h.row.recognised_on.is_some() {
        // Already as asked: someone else did it first.
        return Err(ApiError::Conflict);
    }
    let today = context::today(store).await?;
    let recognition = (!withdraw).then_some((parent.id, today));
    let action = if withdraw {
        "good_model.withdraw"
    } else {
        "good_model.recognise"
    };
    let entry = context::audit_entry(store, user, action)
        .await
        .after(serde_json::json!({ "by": parent.code }));
    store
        .recognise_good_model(id, version, recognition, &entry)
        .await?;
    Ok(())
}
