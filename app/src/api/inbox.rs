//! The in-app inbox: notices of returns, approvals, submissions, grades,
//! and reminders to secretaries of members who have not filed as the
//! deadline nears.

use super::ApiError;
use crate::domain::records::Notification;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::INBOX_PAGE;
/// Reminders start this many days before the filing deadline.
pub const REMIND_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxData {
    pub notes: Vec<Notification>,
    pub unread: i64,
}

#[server(prefix = "/api", endpoint = "inbox")]
pub async fn inbox() -> Result<InboxData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let user = own_inbox(&actor).map_err(respond)?;
    let fail = |e: crate::store::StoreError| respond(e.into());
    Ok(InboxData {
        notes: store.notifications(user.user_id, 100).await.map_err(fail)?,
        unread: store
            .unread_notifications(user.user_id)
            .await
            .map_err(fail)?,
    })
}

/// Unread notices for the header's badge; a cell's secretary is reminded
/// here (once a week) of members who have not filed as the deadline nears.
#[server(prefix = "/api", endpoint = "inbox/unread")]
pub async fn unread_count() -> Result<i64, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    // No badge (and no reminder) for whoever has no inbox to read yet.
    let Ok(user) = own_inbox(&actor) else {
        return Ok(0);
    };
    if let Err(e) = remind(&store, &actor, user).await {
        // A reminder that could not be sent must not hide the badge.
        tracing::warn!(error = ?e, "deadline reminder failed");
    }
    store
        .unread_notifications(user.user_id)
        .await
        .map_err(|e| respond(e.into()))
}

/// Marks one notice (or all) read, then goes to `back` (or the inbox).
#[server(prefix = "/api", endpoint = "inbox/read")]
pub async fn mark_read(id: Option<i64>, back: Option<String>) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let user = own_inbox(&actor).map_err(respond)?;
    store
        .mark_read(user.user_id, id)
        .await
        .map_err(|e| respond(e.into()))?;
    let back = crate::domain::local_path::local_or(back.as_deref(), INBOX_PAGE);
    crate::api::context::redirect(&back);
    Ok(())
}

/// The caller, when they may read their own inbox (not on a one-time password).
#[cfg(feature = "ssr")]
fn own_inbox(actor: &crate::domain::Actor) -> Result<&crate::domain::authz::User, ApiError> {
    use crate::domain::authz::{Action, Target, can};
    match actor {
        crate::domain::Actor::User(user) if can(actor, Action::ReadOwnInbox, Target::System) => {
            Ok(user)
        }
        _ => Err(super::context::refusal(actor, false)),
    }
}

#[cfg(feature = "ssr")]
async fn remind(
    store: &crate::store::DynStore,
    actor: &crate::domain::Actor,
    user: &crate::domain::authz::User,
) -> Result<(), ApiError> {
    use crate::domain::authz::{Action, workflow_scopes};
    let cells = workflow_scopes(actor, Action::ReviewCommitment);
    if cells.is_empty() {
        return Ok(());
    }
    let today = super::context::today(store).await?;
    let Some(year) = store
        .years()
        .await?
        .into_iter()
        .filter(|y| {
            let days = (y.deadlines.filing - today).num_days();
            (0..=REMIND_DAYS).contains(&days)
        })
        .max_by_key(|y| y.year)
    else {
        return Ok(());
    };
    let since = chrono::Utc::now() - chrono::Duration::days(REMIND_DAYS);
    if store
        .notified_since(
            user.user_id,
            crate::store::model::NoticeKind::Deadline,
            since,
        )
        .await?
    {
        return Ok(());
    }
    let mut notes = Vec::new();
    for scope in cells {
        let Some(cell) = store.unit_by_id(scope.unit_id).await? else {
            continue;
        };
        let missing = store
            .cell_commitments(cell.id, year.year)
            .await?
            .iter()
            .filter(|r| !super::commitments::is_filed(r.state))
            .count();
        if missing > 0 {
            notes.push(crate::store::model::NewNotification {
                user_id: user.user_id,
                kind: crate::store::model::NoticeKind::Deadline,
                commitment_id: None,
                subject: cell.name.clone(),
                detail: format!("{missing}:{}", year.deadlines.filing),
                link: format!(
                    "{}?chi-bo={}&nam={}",
                    super::commitments::REVIEW_PAGE,
                    crate::domain::text::url_escape(&cell.code),
                    year.year
                ),
            });
        }
    }
    if !notes.is_empty() {
        store.add_notifications(&notes).await?;
    }
    Ok(())
}
