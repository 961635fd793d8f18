//! Who is logged in, for the header and the pages that adapt to the role.

use super::ApiError;
use crate::domain::PositionRole;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyUnit {
    pub code: String,
    pub name: String,
    /// The position held there; `None` for the member's own cell.
    pub role: Option<PositionRole>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub is_admin: bool,
    pub must_change_password: bool,
    /// May open the audit log (some of it).
    pub can_view_audit: bool,
    /// May see the org chart.
    pub can_view_chart: bool,
    /// The units the user leads, then their own cell.
    pub units: Vec<MyUnit>,
    /// Has a commitment to file (a member's account).
    pub can_file: bool,
    /// Reviews the commitments of a cell.
    pub can_review: bool,
    /// Decides grades of members or organisations.
    pub can_grade: bool,
    /// Sets up the years.
    pub can_manage_years: bool,
    /// Proposes or awards commendations for some unit (the proposals page).
    pub can_commend: bool,
    /// Leads a unit: its dashboard of figures (`/thong-ke`).
    #[serde(default)]
    pub can_view_stats: bool,
    /// The working date deadlines are checked against, when the installation
    /// has one (a demo data set); the header shows it.
    pub working_date: Option<chrono::NaiveDate>,
    /// On a one-time password given by an administrator: who and when.
    pub password_reset: Option<PasswordReset>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordReset {
    /// The administrator's name.
    pub by: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The logged-in user, or `None` for a visitor.
#[server(prefix = "/api", endpoint = "me")]
pub async fn whoami() -> Result<Option<Me>, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::Actor;
    use crate::domain::unit::unit_id_of_path;

    let (store, actor) = context::request().map_err(respond)?;
    let can_view_audit =
        crate::domain::authz::scope_paths(&actor, crate::domain::Action::ViewAudit)
            .is_none_or(|s| !s.is_empty());
    let can_view_chart =
        crate::domain::authz::scope_paths(&actor, crate::domain::Action::ViewStructure)
            .is_none_or(|s| !s.is_empty());
    use crate::domain::authz::{Action, Target, can, workflow_scopes};
    let can_review = !workflow_scopes(&actor, Action::ReviewCommitment).is_empty();
    let can_grade = !workflow_scopes(&actor, Action::DecideGrade).is_empty()
        || !workflow_scopes(&actor, Action::GradeUnit).is_empty();
    let can_manage_years = can(&actor, Action::ManageYears, Target::System);
    let can_commend = match &actor {
        Actor::User(u) => u.scopes.iter().any(|s| {
            let unit = || Target::Unit {
                kind: s.unit_kind,
                path: &s.unit_path,
            };
            can(&actor, Action::ProposeCommendation, unit())
                || can(&actor, Action::AwardCommendation, unit())
        }),
        Actor::Anonymous => false,
    };
    let can_view_stats = match &actor {
        Actor::User(u) => u.scopes.iter().any(|s| {
            can(
                &actor,
                Action::ViewStatistics,
                Target::Unit {
                    kind: s.unit_kind,
                    path: &s.unit_path,
                },
            )
        }),
        Actor::Anonymous => false,
    };
    let Actor::User(user) = actor else {
        return Ok(None);
    };
    let working_date = store
        .setting(crate::store::model::WORKING_DATE)
        .await
        .map_err(|e| respond(e.into()))?
        .and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
    let record = store
        .user_by_id(user.user_id)
        .await
        .map_err(|e| respond(e.into()))?
        .ok_or_else(|| respond(ApiError::Unauthorized))?;
    // The units the user leads, then their own cell if not among them.
    let mut wanted: Vec<(i64, Option<PositionRole>)> = user
        .scopes
        .iter()
        .map(|s| (s.unit_id, Some(s.role)))
        .collect();
    if let Some(id) = user.cell_path.as_deref().and_then(unit_id_of_path)
        && !wanted.iter().any(|(unit, _)| *unit == id)
    {
        wanted.push((id, None));
    }
    let mut units = Vec::with_capacity(wanted.len());
    for (id, role) in wanted {
        let Some(u) = store.unit_by_id(id).await.map_err(|e| respond(e.into()))? else {
            continue;
        };
        let name = super::unit_label(&store, &u)
            .await
            .map_err(|e| respond(e.into()))?;
        units.push(MyUnit {
            code: u.code,
            name,
            role,
        });
    }
    let password_reset = if record.must_change_password {
        store
            .latest_notification(
                user.user_id,
                crate::domain::records::NoticeKind::PasswordReset,
            )
            .await
            .map_err(|e| respond(e.into()))?
            .map(|n| PasswordReset {
                by: n.subject,
                at: n.at,
            })
    } else {
        None
    };
    Ok(Some(Me {
        username: record.username,
        display_name: record.display_name,
        is_admin: record.is_admin,
        must_change_password: record.must_change_password,
        can_view_audit,
        can_view_chart,
        units,
        can_file: user.member_id.is_some() && !user.must_change_password,
        can_review,
        can_grade,
        can_manage_years,
        can_commend,
        can_view_stats,
        working_date,
        password_reset,
    }))
}
