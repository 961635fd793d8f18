//! The server side of the badge functions.

use super::{BadgeRow, BadgesData, CutList};
use crate::api::ApiError;
use crate::api::commendations::Rows;
use crate::api::context;
use crate::domain::authz::{Action, Actor, Target, can};
use crate::domain::badge::{self, BadgeKind, Discipline, Early};
use crate::domain::decision::{self, DecisionProblem};
use crate::domain::org::UnitRef;
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::store::badges::{BadgeMember, NewBadge};
use crate::store::model::AuditEntry;
use crate::store::{DynStore, StoreError};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// Members one list reads at most (those admitted long enough ago).
pub const MAX_READ: i64 = 20_000;
/// Units below offered when a list is cut.
const MAX_BELOW: i64 = 200;

/// The award date asked for: one of the four of its year.
fn award_date(on: Option<&str>, today: NaiveDate) -> Result<NaiveDate, ApiError> {
    match on.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(badge::next_award_date(today)),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .filter(|d| badge::is_award_date(*d) && (1960..=2200).contains(&d.year()))
            .ok_or_else(|| ApiError::field(Field::Since, FieldProblem::Unknown)),
    }
}

pub async fn list(
    store: &DynStore,
    actor: &Actor,
    on: Option<String>,
    unit: Option<String>,
) -> Result<BadgesData, ApiError> {
    list_reading(store, actor, on, unit, MAX_READ).await
}

/// `list`, reading at most `read` members (tests cut a list with a few).
pub async fn list_reading(
    store: &DynStore,
    actor: &Actor,
    on: Option<String>,
    unit: Option<String>,
    read: i64,
) -> Result<BadgesData, ApiError> {
    let read = read.clamp(0, MAX_READ);
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
                .any(|(x, ..): &(UnitRef, String, i64)| x.code == u.code)
        {
            units.push((
                UnitRef {
                    code: u.code.clone(),
                    name: u.name.clone(),
                    kind: u.kind,
                },
                u.path.clone(),
                u.id,
            ));
        }
    }
    let code = unit.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
    let (unit, path, unit_id) = match code {
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
                u.id,
            )
        }
        None => units.first().cloned().ok_or(ApiError::Forbidden)?,
    };
    let mut members = store
        .badge_members(&path, badge::admitted_by(on), read + 1)
        .await?;
    // Past the limit the page says so, offers the units below, and counts
    // per milestone only where they are kept (the next award date).
    let cut = members.len() > read as usize;
    members.truncate(read as usize);
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
    let mut below = Vec::new();
    if cut {
        by_milestone = match store.badges_due(unit_id).await? {
            Some((kept_on, counts)) if kept_on == on => counts,
            _ => Vec::new(),
        };
        let level = store
            .org_level(Some(unit_id), None, None, MAX_BELOW)
            .await?;
        below = level
            .nodes
            .into_iter()
            .map(|n| UnitRef {
                code: n.code,
                name: n.name,
                kind: n.kind,
            })
            .collect();
    }
    let lost = store.lost_badges(&path, MAX_READ).await?;
    let can_record = bloc_leadership(store, actor).await?.is_some();
    Ok(BadgesData {
        lost,
        on,
        dates: badge::award_dates(on.year()).to_vec(),
        unit,
        units: units.into_iter().map(|(u, ..)| u).collect(),
        rows,
        by_milestone,
        cut: cut.then_some(CutList { read, below }),
        can_record,
    })
}

/// The bloc (the root unit) when the caller is of its leadership, who
/// record the province's decisions.
async fn bloc_leadership(
    store: &DynStore,
    actor: &Actor,
) -> Result<Option<crate::store::model::Unit>, ApiError> {
    let Some(root) = store.root_unit().await? else {
        return Ok(None);
    };
    let t = Target::Unit {
        kind: root.kind,
        path: &root.path,
    };
    Ok(can(actor, Action::AwardCommendation, t).then_some(root))
}

/// Badges one decision records at most.
pub const MAX_RECORD: usize = 2_000;
/// A badge's number ("HH30-001234") in characters at most.
const BADGE_NUMBER_MAX: usize = 30;

/// Records the province's decision `number` awarding, on the award date
/// `on`, the badges numbered in `badges` to the members in `members` (same
/// keys). Each must be on the bloc's list of that date: the milestone is
/// the list's, not the form's. How many were recorded.
pub async fn record(
    store: &DynStore,
    actor: &Actor,
    on: &str,
    number: &str,
    members: Rows,
    badges: Rows,
) -> Result<usize, ApiError> {
    let (user, bloc) = bloc_recorder(store, actor).await?;
    let (on, number) = decision_of(store, on, number).await?;
    let wanted = numbered(&members, &badges)?;
    // Only the members named: the bloc's whole list may be millions long.
    let named: Vec<i64> = wanted.iter().map(|(m, _)| *m).collect();
    let listed: HashMap<i64, BadgeMember> = store
        .badge_members_named(&named, badge::admitted_by(on))
        .await?
        .into_iter()
        .filter(|m| m.cell_path.starts_with(&bloc.path))
        .map(|m| (m.member_id, m))
        .collect();
    let mut recorded = Vec::with_capacity(wanted.len());
    for (member, badge_number) in wanted {
        let m = listed
            .get(&member)
            .ok_or_else(|| ApiError::field(Field::Nominees, FieldProblem::Unknown))?;
        let milestone = badge::listed_for(&m.record, on)
            .ok_or_else(|| ApiError::field(Field::Nominees, FieldProblem::Unknown))?;
        recorded.push(NewBadge {
            member_id: member,
            milestone,
            award_date: on,
            decision_number: number.to_string(),
            badge_number,
            kind: if m.record.early == Some(Early::Posthumous) {
                BadgeKind::Posthumous
            } else {
                BadgeKind::Award
            },
            replaces: None,
        });
    }
    save(
        store,
        user,
        &bloc.path,
        "badge.record",
        (on, number),
        &recorded,
    )
    .await
}

/// The caller and the bloc they lead, when they record the province's
/// decisions.
async fn bloc_recorder<'a>(
    store: &DynStore,
    actor: &'a Actor,
) -> Result<(&'a crate::domain::authz::User, crate::store::model::Unit), ApiError> {
    let Actor::User(user) = actor else {
        return Err(ApiError::Unauthorized);
    };
    match bloc_leadership(store, actor).await? {
        Some(bloc) => Ok((user, bloc)),
        None => Err(context::refusal(actor, false)),
    }
}

/// Records the badges of the province's decision `(on, number)`, audited
/// as `action` in the bloc at `path`. How many were recorded.
async fn save(
    store: &DynStore,
    user: &crate::domain::authz::User,
    path: &str,
    action: &str,
    (on, number): (NaiveDate, &str),
    recorded: &[NewBadge],
) -> Result<usize, ApiError> {
    let entry = context::audit_entry(store, user, action)
        .await
        .after(serde_json::json!({ "decision": number, "on": on }))
        .in_unit(Some(path.to_string()));
    match store.record_badges(recorded, &entry).await {
        // A lost badge left the list (replaced meanwhile) since it was read.
        Err(StoreError::NotFound) => Err(ApiError::Conflict),
        other => Ok(other.map(|()| recorded.len())?),
    }
}

/// The award date and the province's decision number of a recording.
async fn decision_of<'a>(
    store: &DynStore,
    on: &str,
    number: &'a str,
) -> Result<(NaiveDate, &'a str), ApiError> {
    let on = award_date(Some(on), context::today(store).await?)?;
    let number = number.trim();
    if !decision::is_document_number(number) {
        return Err(ApiError::Refused(Problem::Decision(
            DecisionProblem::BadNumber,
        )));
    }
    Ok((on, number))
}

/// The (key, badge number) pairs of a recording form: `keys[i]` names a
/// member or a lost badge, `badges[i]` its new number; rows left empty were
/// not in the decision, and a key counts once.
fn numbered(keys: &Rows, badges: &Rows) -> Result<Vec<(i64, String)>, ApiError> {
    if keys.len() > MAX_RECORD || badges.len() > MAX_RECORD {
        return Err(ApiError::field(Field::Nominees, FieldProblem::TooMany));
    }
    let mut wanted: Vec<(i64, String)> = Vec::new();
    for (i, badge) in badges {
        let badge = badge.trim();
        if badge.is_empty() {
            continue;
        }
        if badge.chars().count() > BADGE_NUMBER_MAX || badge.chars().any(char::is_control) {
            return Err(ApiError::field(Field::BadgeNumber, FieldProblem::TooLong));
        }
        let key = keys
            .get(i)
            .and_then(|m| m.trim().parse::<i64>().ok())
            .ok_or_else(|| ApiError::field(Field::Nominees, FieldProblem::Unknown))?;
        if wanted.iter().any(|(k, _)| *k == key) {
            return Err(ApiError::field(Field::Nominees, FieldProblem::Unknown));
        }
        wanted.push((key, badge.to_string()));
    }
    if wanted.is_empty() {
        return Err(ApiError::field(Field::BadgeNumber, FieldProblem::Missing));
    }
    Ok(wanted)
}

/// Records the province's decision `number` replacing, on the award date
/// `on`, the lost badges in `lost` with the badges numbered in `badges`
/// (same keys). Each must be on the bloc's list of lost badges. How many
/// were recorded.
pub async fn replace(
    store: &DynStore,
    actor: &Actor,
    on: &str,
    number: &str,
    lost: Rows,
    badges: Rows,
) -> Result<usize, ApiError> {
    let (user, bloc) = bloc_recorder(store, actor).await?;
    let (on, number) = decision_of(store, on, number).await?;
    let wanted = numbered(&lost, &badges)?;
    let listed: HashMap<i64, badge::LostBadge> = store
        .lost_badges(&bloc.path, MAX_READ)
        .await?
        .into_iter()
        .map(|b| (b.badge_id, b))
        .collect();
    let mut recorded = Vec::with_capacity(wanted.len());
    for (lost, badge_number) in wanted {
        let b = listed
            .get(&lost)
            .ok_or_else(|| ApiError::field(Field::Nominees, FieldProblem::Unknown))?;
        recorded.push(NewBadge {
            member_id: b.member_id,
            milestone: b.milestone,
            award_date: on,
            decision_number: number.to_string(),
            badge_number,
            kind: BadgeKind::Replacement,
            replaces: Some(lost),
        });
    }
    save(
        store,
        user,
        &bloc.path,
        "badge.replace",
        (on, number),
        &recorded,
    )
    .await
}

/// The cell's secretary reports a member's badge lost.
pub async fn report_lost(
    store: &DynStore,
    actor: &Actor,
    member: i64,
    badge_id: i64,
    date: &str,
    note: Option<&str>,
) -> Result<(), ApiError> {
    let user = allowed_on(store, actor, member, Action::ReviewCommitment).await?;
    let on = past_date(date, context::today(store).await?)?;
    let note = note_of(note)?;
    let entry = kept(store, user, "badge.lost", serde_json::json!({ "on": on })).await;
    match store
        .report_lost_badge(member, badge_id, on, &note, &entry)
        .await
    {
        // Not one of this member's badges.
        Err(StoreError::NotFound) => Err(ApiError::NotFound),
        other => Ok(other?),
    }
}

pub async fn mark(
    store: &DynStore,
    actor: &Actor,
    member: i64,
    early: Option<&str>,
) -> Result<(), ApiError> {
    let user = allowed_on(store, actor, member, Action::ReviewCommitment).await?;
    let early = match early.map(str::trim).filter(|e| !e.is_empty()) {
        None => None,
        Some(e) => Some(
            Early::parse(e)
                .ok_or_else(|| ApiError::field(Field::Outcome, FieldProblem::Unknown))?,
        ),
    };
    let entry = context::audit_entry(store, user, "badge.mark")
        .await
        .after(serde_json::json!({ "early": early.map(Early::as_str) }));
    store
        .set_badge_mark(member, early, Some(user.user_id), &entry)
        .await?;
    Ok(())
}

/// The caller, when they may take `action` on `member` (the cell's
/// secretary marks and reports for its members, the bloc's leadership keeps
/// their records); those who may not even read the member do not learn
/// they exist.
async fn allowed_on<'a>(
    store: &DynStore,
    actor: &'a Actor,
    member: i64,
    action: Action,
) -> Result<&'a crate::domain::authz::User, ApiError> {
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
    if !can(actor, action, target) {
        let seen = can(actor, Action::ViewMember, target);
        return Err(context::refusal(actor, !seen));
    }
    Ok(user)
}

/// A past date (not after today, not before 1930) from a form.
fn past_date(v: &str, today: NaiveDate) -> Result<NaiveDate, ApiError> {
    let v = v.trim();
    if v.is_empty() {
        return Err(ApiError::field(Field::Date, FieldProblem::Missing));
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= today && d.year() >= 1930)
        .ok_or_else(|| ApiError::field(Field::Date, FieldProblem::Unknown))
}

fn note_of(note: Option<&str>) -> Result<String, ApiError> {
    let note = note.unwrap_or("").trim();
    if note.chars().count() > badge::NOTE_MAX {
        return Err(ApiError::field(Field::Note, FieldProblem::TooLong));
    }
    Ok(crate::domain::text::clean(note))
}

/// The audit entry of a record keeper's `action`.
async fn kept(
    store: &DynStore,
    user: &crate::domain::authz::User,
    action: &str,
    after: serde_json::Value,
) -> AuditEntry {
    context::audit_entry(store, user, action).await.after(after)
}

pub async fn discipline(
    store: &DynStore,
    actor: &Actor,
    member: i64,
    date: &str,
    form: &str,
    note: Option<&str>,
) -> Result<(), ApiError> {
    let user = allowed_on(store, actor, member, Action::ChangeStructure).await?;
    let on = past_date(date, context::today(store).await?)?;
    let form = Discipline::parse(form.trim())
        .ok_or_else(|| ApiError::field(Field::Discipline, FieldProblem::Unknown))?;
    let note = note_of(note)?;
    let after = serde_json::json!({ "on": on, "form": form.as_str() });
    let entry = kept(store, user, "discipline.add", after).await;
    store
        .add_discipline(member, on, form, &note, &entry)
        .await?;
    Ok(())
}

pub async fn gap(
    store: &DynStore,
    actor: &Actor,
    member: i64,
    from: &str,
    to: &str,
    note: Option<&str>,
) -> Result<(), ApiError> {
    let user = allowed_on(store, actor, member, Action::ChangeStructure).await?;
    let today = context::today(store).await?;
    let (from, to) = (past_date(from, today)?, past_date(to, today)?);
    if to <= from {
        return Err(ApiError::field(Field::Date, FieldProblem::Unknown));
    }
    let note = note_of(note)?;
    let after = serde_json::json!({ "from": from, "to": to });
    let entry = kept(store, user, "membership_gap.add", after).await;
    store
        .add_membership_gap(member, from, to, &note, &entry)
        .await?;
    Ok(())
}
