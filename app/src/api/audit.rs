//! Reading the audit log, scoped like everything else.

use super::ApiError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    /// Unix seconds (shown in the reader's language and Vietnam time).
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub ip: Option<String>,
    pub unit_name: Option<String>,
}

/// At most this many lines per request (newest first).
pub const AUDIT_PAGE: i64 = 200;

/// The audit log within the caller's scope, filtered. Dates are `yyyy-mm-dd`.
#[server(prefix = "/api", endpoint = "audit")]
pub async fn list_audit(
    actor: Option<String>,
    unit: Option<String>,
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Vec<AuditLine>, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::authz::{Action, Target, can, scope_paths};
    use crate::store::model::AuditFilter;
    use std::collections::HashMap;

    let (store, caller) = context::request().map_err(respond)?;
    let scopes = scope_paths(&caller, Action::ViewAudit);
    if scopes.as_ref().is_some_and(|s| s.is_empty()) {
        return Err(respond(context::refusal(&caller, false)));
    }
    // The text filters are matched as patterns: a longer one is nobody's name
    // or action, and the database refuses a pattern past its own limit.
    const MAX_FILTER: usize = 100;
    use crate::domain::problem::{Field, FieldProblem};
    for (field, value) in [(Field::Actor, &actor), (Field::Action, &action)] {
        if value
            .as_ref()
            .is_some_and(|v| v.chars().count() > MAX_FILTER)
        {
            return Err(respond(ApiError::field(field, FieldProblem::TooLong)));
        }
    }
    let date = |v: &Option<String>, field: Field| -> Result<Option<chrono::NaiveDate>, ApiError> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| ApiError::field(field, FieldProblem::Unknown)),
        }
    };
    let mut filter = AuditFilter {
        actor: actor
            .map(|a| crate::domain::text::clean(&a))
            .filter(|a| !a.is_empty()),
        unit_path: None,
        action: action
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty()),
        from: date(&from, Field::From).map_err(respond)?,
        to: date(&to, Field::To).map_err(respond)?,
    };
    if let Some(code) = unit.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        let found = store
            .unit_by_code(code)
            .await
            .map_err(|e| respond(e.into()))?;
        let Some(u) = found else {
            return Err(respond(context::refusal(&caller, true)));
        };
        if !can(
            &caller,
            Action::ViewAudit,
            Target::Unit {
                kind: u.kind,
                path: &u.path,
            },
        ) {
            return Err(respond(context::refusal(&caller, false)));
        }
        filter.unit_path = Some(u.path);
    }
    let records = store
        .audit_entries(&filter, scopes.as_deref(), AUDIT_PAGE)
        .await
        .map_err(|e| respond(e.into()))?;
    // Unit names by the last id of each path, looked up once each.
    let mut names: HashMap<i64, Option<String>> = HashMap::new();
    let mut lines = Vec::with_capacity(records.len());
    for r in records {
        let unit_id = r
            .unit_path
            .as_deref()
            .and_then(crate::domain::unit::unit_id_of_path);
        let unit_name = match unit_id {
            None => None,
            Some(id) => match names.get(&id) {
                Some(n) => n.clone(),
                None => {
                    let n = match store.unit_by_id(id).await.map_err(|e| respond(e.into()))? {
                        Some(u) => Some(
                            super::unit_label(&store, &u)
                                .await
                                .map_err(|e| respond(e.into()))?,
                        ),
                        None => None,
                    };
                    names.insert(id, n.clone());
                    n
                }
            },
        };
        lines.push(AuditLine {
            id: r.id,
            at: r.at.timestamp(),
            actor: r.actor_label,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            ip: r.ip,
            unit_name,
        });
    }
    Ok(lines)
}
