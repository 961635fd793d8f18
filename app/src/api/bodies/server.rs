//! The server side of the special bodies: who reads and who sets them up,
//! the domain's checks, the store's version-checked writes.

use super::{BodiesData, BodyView, bodies_link};
use crate::api::ApiError;
use crate::api::context;
use crate::api::stats::server::{leading, viewed_unit};
use crate::domain::authz::{Action, Actor, Target, User, can};
use crate::domain::body::{self, BodyKind, MAX_NAME_LEN, MAX_PEOPLE, Person, PersonDraft};
use crate::domain::org::UnitRef;
use crate::domain::problem::{Field, FieldProblem};
use crate::store::DynStore;
use crate::store::bodies::{BodyHead, NewBodyPerson};
use crate::store::model::Unit;

fn user_of(actor: &Actor) -> Result<&User, ApiError> {
    match actor {
        Actor::User(u) => Ok(u),
        Actor::Anonymous => Err(ApiError::Unauthorized),
    }
}

pub async fn page(
    store: &DynStore,
    actor: &Actor,
    unit: Option<String>,
) -> Result<BodiesData, ApiError> {
    user_of(actor)?;
    let unit = viewed_unit(store, actor, unit).await?;
    let mut bodies = Vec::new();
    for row in store.unit_bodies(unit.id).await? {
        let people = store.body_people(row.id).await?;
        bodies.push(BodyView { row, people });
    }
    let target = Target::Unit {
        kind: unit.kind,
        path: &unit.path,
    };
    Ok(BodiesData {
        can_manage: can(actor, Action::ManageBodies, target) && unit.valid_to.is_none(),
        counts: store.body_counts(unit.id).await?,
        unit: UnitRef {
            code: unit.code,
            name: unit.name,
            kind: unit.kind,
        },
        bodies,
        today: context::today(store).await?,
    })
}

/// Sets up a body; the address of the page to go back to.
pub async fn create(
    store: &DynStore,
    actor: &Actor,
    unit: &str,
    kind: &str,
    name: &str,
    since: &str,
) -> Result<String, ApiError> {
    let user = user_of(actor)?;
    let code = unit.trim();
    if code.is_empty() || code.len() > 100 {
        return Err(ApiError::field(Field::Unit, FieldProblem::Unknown));
    }
    let u = crate::api::org::authorized_unit(store, actor, code, Action::ManageBodies).await?;
    if u.valid_to.is_some() {
        return Err(ApiError::field(Field::Unit, FieldProblem::Unknown));
    }
    let kind = BodyKind::parse(kind.trim())
        .ok_or_else(|| ApiError::field(Field::BodyKind, FieldProblem::Unknown))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError::field(Field::Title, FieldProblem::Missing));
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(ApiError::field(Field::Title, FieldProblem::TooLong));
    }
    let today = context::today(store).await?;
    let since = crate::domain::problem::party_day(since, today)
        .ok_or_else(|| ApiError::field(Field::Date, FieldProblem::Unknown))?;
    let entry = context::audit_entry(store, user, "body.create")
        .await
        .after(serde_json::json!({ "kind": kind.as_str(), "name": name, "since": since }));
    store.create_body(u.id, kind, name, since, &entry).await?;
    context::publish(&u.path, None);
    Ok(bodies_link(&u.code))
}

/// The body and its unit, when the caller sets up that unit's bodies;
/// otherwise 404 to those who may not even see them, 403 to the others.
async fn managed(store: &DynStore, actor: &Actor, id: i64) -> Result<(BodyHead, Unit), ApiError> {
    user_of(actor)?;
    let head = store
        .body(id)
        .await?
        .ok_or_else(|| context::refusal(actor, true))?;
    let unit = leading(
        store,
        actor,
        (head.unit_id, head.unit_kind, &head.unit_path),
        Action::ManageBodies,
    )
    .await?;
    Ok((head, unit))
}

/// Adds a person; the address of the page to go back to.
pub async fn add(
    store: &DynStore,
    actor: &Actor,
    id: i64,
    version: i64,
    draft: &PersonDraft,
) -> Result<String, ApiError> {
    let user = user_of(actor)?;
    let (head, unit) = managed(store, actor, id).await?;
    if head.row.version != version {
        return Err(ApiError::Conflict);
    }
    if head.row.people >= MAX_PEOPLE as i64 {
        return Err(ApiError::field(Field::Nominees, FieldProblem::TooMany));
    }
    let today = context::today(store).await?;
    let checked = body::check_person(draft, today).map_err(ApiError::Refused)?;
    let person = match &checked.person {
        Person::Outside {
            full_name,
            workplace,
        } => NewBodyPerson {
            member_id: None,
            full_name: full_name.clone(),
            workplace: workplace.clone(),
            role: checked.role,
            from: checked.from,
        },
        // Only a member of the unit's own subtree: a card number elsewhere
        // is as unknown as one that does not exist.
        Person::Member { card_number } => {
            let (member_id, full_name, workplace) = store
                .member_in_subtree(&unit.path, card_number)
                .await?
                .ok_or_else(|| ApiError::field(Field::CardNumber, FieldProblem::Unknown))?;
            NewBodyPerson {
                member_id: Some(member_id),
                full_name,
                workplace,
                role: checked.role,
                from: checked.from,
            }
        }
    };
    let entry = context::audit_entry(store, user, "body.add")
        .await
        .after(serde_json::json!({
            "member_id": person.member_id,
            "full_name": person.full_name,
            "role": person.role.as_str(),
            "from": person.from,
        }));
    store
        .add_body_people(id, version, &[person], &entry)
        .await?;
    context::publish(&unit.path, None);
    Ok(bodies_link(&unit.code))
}

/// A person leaves the body today; the address of the page to go back to.
pub async fn end(
    store: &DynStore,
    actor: &Actor,
    id: i64,
    version: i64,
    person: i64,
) -> Result<String, ApiError> {
    let user = user_of(actor)?;
    let (head, unit) = managed(store, actor, id).await?;
    let still_in = store
        .body_people(id)
        .await?
        .iter()
        .any(|p| p.id == person && p.to.is_none());
    if head.row.version != version || !still_in {
        // Someone else changed the body first (or already saw them out).
        return Err(ApiError::Conflict);
    }
    let today = context::today(store).await?;
    let entry = context::audit_entry(store, user, "body.end")
        .await
        .after(serde_json::json!({ "person": person, "on": today }));
    store
        .end_body_person(id, version, person, today, &entry)
        .await?;
    context::publish(&unit.path, None);
    Ok(bodies_link(&unit.code))
}
