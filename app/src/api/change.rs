//! Structural changes (merge, split, transfer, …) from a form: preview,
//! then confirm.
// The server function's arguments are the form's fields, one each.
#![allow(clippy::too_many_arguments)]

use super::ApiError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a structural change did, or (not confirmed) would do, or why it may not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeResult {
    pub problems: Vec<crate::domain::structure::Problem>,
    pub outcome: Option<crate::domain::structure::Outcome>,
    pub committed: bool,
}

/// A structural change from a form: `op` is one of create, rename, move,
/// merge, split, dissolve, transfer, status; the other fields as the change
/// needs them (`units`, `members`: comma-separated). Without `confirm` it is
/// a preview: the change runs and is rolled back. Confirmed, it is written
/// and the browser goes to the unit it concerns.
#[server(prefix = "/api", endpoint = "org/change")]
pub async fn change_structure(
    op: String,
    date: String,
    unit: Option<String>,
    target: Option<String>,
    units: Option<String>,
    code: Option<String>,
    name: Option<String>,
    kind: Option<String>,
    member: Option<String>,
    status: Option<String>,
    members: Option<String>,
    confirm: Option<String>,
) -> Result<ChangeResult, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::structure::{
        Change, Dated, MergeTarget, SplitPart, check, named, new_codes, redact,
    };
    use crate::domain::{Action, MemberStatus, UnitKind, authz::Target, can};
    let (store, actor) = context::request().map_err(respond)?;
    let crate::domain::Actor::User(user) = &actor else {
        return Err(respond(ApiError::Unauthorized));
    };
    use crate::domain::problem::{Field, FieldProblem};
    let invalid = |field: Field| respond(ApiError::field(field, FieldProblem::Unknown));
    let missing = |field: Field| respond(ApiError::field(field, FieldProblem::Missing));
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let need = |v: &Option<String>, field: Field| text(v).ok_or_else(|| missing(field));
    let list = |v: &Option<String>| -> Vec<String> {
        text(v)
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let member_id = |v: &Option<String>| -> Result<i64, ApiError> {
        need(v, Field::Member)?
            .parse()
            .map_err(|_| invalid(Field::Member))
    };
    let date = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| invalid(Field::Date))?;
    let change = match op.as_str() {
        "create" => Change::Create {
            parent: need(&unit, Field::Unit)?,
            kind: UnitKind::parse(&need(&kind, Field::Kind)?)
                .ok_or_else(|| invalid(Field::Kind))?,
            code: need(&code, Field::Code)?.to_uppercase(),
            name: need(&name, Field::Name)?,
        },
        "rename" => Change::Rename {
            unit: need(&unit, Field::Unit)?,
            name: need(&name, Field::Name)?,
        },
        "move" => Change::Move {
            unit: need(&unit, Field::Unit)?,
            parent: need(&target, Field::Target)?,
        },
        "merge" => Change::Merge {
            sources: list(&units),
            into: match text(&target) {
                Some(t) => MergeTarget::Existing(t),
                None => MergeTarget::New {
                    code: need(&code, Field::Code)?.to_uppercase(),
                    name: need(&name, Field::Name)?,
                },
            },
        },
        "split" => Change::Split {
            source: need(&unit, Field::Unit)?,
            parts: vec![SplitPart {
                code: need(&code, Field::Code)?.to_uppercase(),
                name: need(&name, Field::Name)?,
                members: list(&members)
                    .iter()
                    .map(|m| m.parse().map_err(|_| invalid(Field::Members)))
                    .collect::<Result<_, _>>()?,
            }],
        },
        "dissolve" => Change::Dissolve {
            unit: need(&unit, Field::Unit)?,
            members_to: text(&target),
        },
        "transfer" => Change::Transfer {
            member_id: member_id(&member)?,
            cell: need(&target, Field::Target)?,
        },
        "status" => Change::SetStatus {
            member_id: member_id(&member)?,
            status: MemberStatus::parse(&need(&status, Field::Status)?)
                .ok_or_else(|| invalid(Field::Status))?,
        },
        _ => return Err(respond(ApiError::request())),
    };
    let dated = Dated { change, date };
    let fail = |e: crate::store::StoreError| respond(e.into());
    let (unit_codes, member_ids) = named(&dated.change);
    let (unit_facts, member_facts, taken) = store
        .structure_facts(&unit_codes, &member_ids, &new_codes(&dated.change))
        .await
        .map_err(fail)?;
    // Every unit and member the change touches must be within the caller's
    // reach (the bloc's standing committee, administrators).
    let mut in_scope = unit_facts.iter().all(|u| {
        can(
            &actor,
            Action::ChangeStructure,
            Target::Unit {
                kind: u.kind,
                path: &u.path,
            },
        )
    });
    // Where each member is, for deciding what the caller may hear of them.
    let mut member_paths: Vec<(i64, String)> = Vec::with_capacity(member_facts.len());
    for m in &member_facts {
        let cell = unit_facts
            .iter()
            .find(|u| u.code == m.cell)
            .map(|u| u.path.clone());
        let path = match cell {
            Some(p) => p,
            None => store
                .unit_by_code(&m.cell)
                .await
                .map_err(fail)?
                .map(|u| u.path)
                .unwrap_or_default(),
        };
        in_scope &= can(
            &actor,
            Action::ChangeStructure,
            Target::Member {
                member_id: m.member_id,
                cell_path: &path,
            },
        );
        member_paths.push((m.member_id, path));
    }
    // With nothing found to check against, the caller must at least be one
    // who changes structures somewhere (then hears which codes are unknown).
    let somewhere = crate::domain::authz::scope_paths(&actor, Action::ChangeStructure)
        .is_none_or(|p| !p.is_empty());
    if !in_scope || !somewhere {
        return Err(respond(context::refusal(&actor, false)));
    }
    let today = chrono::Utc::now().date_naive();
    // An administrator changes structures without reading dossiers: the
    // refusals do not tell them a member's status or cell.
    let may_read = |id: i64| {
        member_paths.iter().any(|(m, path)| {
            *m == id
                && can(
                    &actor,
                    Action::ViewMember,
                    Target::Member {
                        member_id: id,
                        cell_path: path,
                    },
                )
        })
    };
    let problems = redact(
        &dated.change,
        check(&dated, today, &unit_facts, &member_facts, &taken),
        may_read,
    );
    let confirmed = confirm.as_deref().is_some_and(|c| !c.is_empty());
    if !problems.is_empty() {
        if confirmed {
            return Err(respond(ApiError::request()));
        }
        return Ok(ChangeResult {
            problems,
            outcome: None,
            committed: false,
        });
    }
    let actor_label = store
        .user_by_id(user.user_id)
        .await
        .map_err(fail)?
        .map_or_else(|| user.user_id.to_string(), |u| u.username);
    let action = format!("structure.{op}");
    // Merges, splits and dissolutions cannot be undone by another change: a
    // backup first, named in the change's audit entry, lets a restore.
    let backup = match (&dated.change, confirmed) {
        (Change::Merge { .. } | Change::Split { .. } | Change::Dissolve { .. }, true) => {
            super::backups::before_change(&action, (user.user_id, &actor_label))
                .await
                .map_err(respond)?
        }
        _ => None,
    };
    let entry = crate::store::model::AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label,
        action,
        entity: if member_ids.is_empty() {
            "unit".into()
        } else {
            "member".into()
        },
        entity_id: unit_codes
            .first()
            .cloned()
            .or_else(|| member_ids.first().map(|m| m.to_string())),
        before: None,
        after: backup.map(|name| serde_json::json!({ "backup": name })),
        ip: None,
        unit_path: unit_facts.first().map(|u| u.path.clone()),
    };
    let outcome = store
        .apply_structure(&dated, &entry, confirmed)
        .await
        .map_err(fail)?;
    if confirmed {
        // Units and members moved: every dashboard reads its figures again.
        super::context::publish("/", None);
        let back = match (&dated.change, &outcome.focus) {
            (Change::Transfer { member_id, .. } | Change::SetStatus { member_id, .. }, _) => {
                crate::paths::flagged(&crate::paths::member(*member_id), "da-luu", 1)
            }
            (_, Some(code)) => format!(
                "{}#lich-su",
                crate::paths::flagged(&crate::paths::unit(code), "da-luu", 1)
            ),
            _ => crate::paths::CHART.to_string(),
        };
        crate::api::context::redirect(&back);
    }
    Ok(ChangeResult {
        problems,
        outcome: Some(outcome),
        committed: confirmed,
    })
}
