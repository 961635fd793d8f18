//! The server side of the badge functions.

use super::{BadgeRow, BadgesPage};
use crate::api::ApiError;
use crate::api::context;
use crate::domain::authz::{Action, Actor, Target, can};
use crate::domain::badge::{self, Early};
use crate::domain::org::UnitRef;
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::store::DynStore;
use crate::store::model::AuditEntry;
use chrono::{Datelike, Months, NaiveDate};

/// Members one list reads at most (those admitted long enough ago).
pub const MAX_READ: i64 = 20_000;

fn field(f: Field, p: FieldProblem) -> ApiError {
    ApiError::Refused(Problem::field(f, p))
}

/// The award date asked for: one of the four of its year.
fn award_date(on: Option<&str>, today: NaiveDate) -> Result<NaiveDate, ApiError> {
    match on.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(badge::award_dates(today.year())
            .into_iter()
            .chain(badge::award_dates(today.year() + 1))
            .find(|d| *d >= today)
            .unwrap_or(today)),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .filter(|d| badge::is_award_date(*d) && (1960..=2200).contains(&d.year()))
            .ok_or_else(|| field(Field::Since, FieldProblem::Unknown)),
    }
}

pub async fn list(
    store: &DynStore,
    actor: &Actor,
    on: Option<String>,
    unit: Option<String>,
) -> Result<BadgesPage, ApiError> {
    let Actor::User(user) = actor else {
        return Err(ApiError::Unauthorized);
    };
    let on = award_date(on.as_deref(), context::today(store).await?)?;
    // The units the caller leads (or leads above), widest first: the lists
    // name admission dates, which are the leadership's to read.
    let mut units = Vec::new();
    let mut scopes: Vec<_> = user.scopes.iter().collect();
    scopes.sort_by_key(|s| s.unit_path.len());
    for s in scopes {
        let t = Target::Unit {
            kind: s.unit_kind,
            path: &s.unit_path,
        };
        if can(actor, Action::ViewProposal, t)
            && let Some(u) = store.unit_by_id(s.unit_id).await?
            && !units
                .iter()
                .any(|(x, _): &(UnitRef, String)| x.code == u.code)
        {
            units.push((
                UnitRef {
                    code: u.code.clone(),
                    name: u.name.clone(),
                    kind: u.kind,
                },
                u.path.clone(),
            ));
        }
    }
    let code = unit.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
    let (unit, path) = match code {
        Some(code) => {
            let u = store
                .unit_by_code(&code)
                .await?
                .ok_or_else(|| context::refusal(actor, true))?;
            if !can(
                actor,
                Action::ViewProposal,
                Target::Unit {
                    kind: u.kind,
                    path: &u.path,
                },
            ) {
                return Err(context::refusal(actor, false));
            }
            (
                UnitRef {
                    code: u.code.clone(),
                    name: u.name.clone(),
                    kind: u.kind,
                },
                u.path,
            )
        }
        None => units.first().cloned().ok_or(ApiError::Forbidden)?,
    };
    // Nobody with fewer than 29 years (30, less a year early) is listed.
    let admitted_by = on.checked_sub_months(Months::new(29 * 12)).unwrap_or(on);
    let members = store.badge_members(&path, admitted_by, MAX_READ).await?;
    let mut rows = Vec::new();
    for m in members {
        let Some(milestone) = badge::listed_for(&m.record, on) else {
            continue;
        };
        let markable = can(
            actor,
            Action::ReviewCommitment,
            Target::Member {
                member_id: m.member_id,
                cell_path: &m.cell_path,
            },
        );
        rows.push(BadgeRow {
            member_id: m.member_id,
            full_name: m.full_name,
            card_number: m.card_number,
            cell: m.cell,
            admitted: m.record.admitted,
            months: badge::membership_months(m.record.admitted, &m.record.gaps, on),
            milestone,
            early: m.record.early,
            deceased: m.record.deceased,
            markable,
        });
    }
    let mut by_milestone: Vec<(u32, i64)> = Vec::new();
    for r in &rows {
        match by_milestone.iter_mut().find(|(m, _)| *m == r.milestone) {
            Some((_, n)) => *n += 1,
            None => by_milestone.push((r.milestone, 1)),
        }
    }
    by_milestone.sort_unstable();
    Ok(BadgesPage {
        on,
        dates: badge::award_dates(on.year()).to_vec(),
        unit,
        units: units.into_iter().map(|(u, _)| u).collect(),
        rows,
        by_milestone,
    })
}

pub async fn mark(
    store: &DynStore,
    actor: &Actor,
    member: i64,
    early: Option<&str>,
) -> Result<(), ApiError> {
    let Actor::User(user) = actor else {
        return Err(ApiError::Unauthorized);
    };
    let place = store
        .member_place(member)
        .await?
        .ok_or_else(|| context::refusal(actor, true))?;
    let target = Target::Member {
        member_id: member,
        cell_path: &place.cell_path,
    };
    if !can(actor, Action::ReviewCommitment, target) {
        // Those who may not read the member do not learn they exist.
        let seen = can(actor, Action::ViewMember, target);
        return Err(context::refusal(actor, !seen));
    }
    let early = match early.map(str::trim).filter(|e| !e.is_empty()) {
        None => None,
        Some(e) => {
            Some(Early::parse(e).ok_or_else(|| field(Field::Outcome, FieldProblem::Unknown))?)
        }
    };
    let entry = AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: context::actor_label(store, user).await,
        action: "badge.mark".into(),
        entity: String::new(),
        entity_id: None,
        before: None,
        after: Some(serde_json::json!({ "early": early.map(Early::as_str) })),
        ip: None,
        unit_path: None,
    };
    store
        .set_badge_mark(member, early, Some(user.user_id), &entry)
        .await?;
    Ok(())
}
