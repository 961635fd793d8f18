//! The administrator's list of accounts. Changes (create, disable, reset)
//! are form posts handled by the server, which leaves any one-time passwords
//! in the session for this page to show once.

use super::ApiError;
use crate::domain::account::AccountRow;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A one-time password to hand over, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneTime {
    pub username: String,
    pub display_name: String,
    pub password: String,
}

/// The session key under which the server leaves one-time passwords, sealed
/// (see `one_time`).
pub const FLASH_KEY: &str = "one_time_passwords";
/// The session key of the last account action's outcome.
pub const NOTICE_KEY: &str = "account_notice";

/// The outcome of the last account action, shown once on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountNotice {
    Created,
    Disabled,
    Enabled,
    /// A one-time password, shown with the list to hand over.
    Reset,
    /// The one-time password went to the member's e-mail only.
    ResetMailed {
        name: String,
    },
    /// The e-mail could not be sent; the password is unchanged.
    MailFailed {
        name: String,
    },
    /// The administrator's own account cannot be disabled from here.
    NotSelf,
}
pub const PER_PAGE: i64 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsData {
    pub total: i64,
    pub page: i64,
    pub rows: Vec<AccountRow>,
    /// Active members who have no account yet.
    pub without_account: i64,
    pub one_time: Vec<OneTime>,
    pub notice: Option<AccountNotice>,
    /// The caller's own account (not to be disabled from here).
    pub me: i64,
}

#[server(prefix = "/api", endpoint = "accounts")]
pub async fn admin_accounts(
    q: Option<String>,
    page: Option<i64>,
) -> Result<AccountsData, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::authz::{Action, Actor, Target, can};

    let (store, actor) = context::request().map_err(respond)?;
    if !can(&actor, Action::ManageAccounts, Target::System) {
        return Err(respond(context::refusal(&actor, false)));
    }
    let Actor::User(me) = &actor else {
        return Err(respond(ApiError::Unauthorized));
    };
    // A search longer than any name or card number finds nothing, and the
    // database refuses a pattern past its own limit.
    const MAX_QUERY: usize = 100;
    if q.as_ref().is_some_and(|q| q.chars().count() > MAX_QUERY) {
        return Err(respond(ApiError::field(
            crate::domain::problem::Field::Query,
            crate::domain::problem::FieldProblem::TooLong,
        )));
    }
    let page = crate::domain::paging::page(page);
    let query = q
        .as_deref()
        .map(crate::domain::text::clean)
        .unwrap_or_default();
    let (total, rows) = store
        .list_accounts(
            &query,
            crate::domain::paging::offset(page, PER_PAGE),
            PER_PAGE,
        )
        .await
        .map_err(|e| respond(e.into()))?;
    let (without_account, _) = store
        .members_without_account(0)
        .await
        .map_err(|e| respond(e.into()))?;
    // Shown once: taken out of the session as they are read.
    let (one_time, notice) = match session() {
        Some(s) => (
            unseal(s.remove::<String>(FLASH_KEY).await.ok().flatten()),
            s.remove::<AccountNotice>(NOTICE_KEY).await.ok().flatten(),
        ),
        None => (Vec::new(), None),
    };
    Ok(AccountsData {
        total,
        page,
        rows,
        without_account,
        one_time,
        notice,
        me: me.user_id,
    })
}

/// The sealed list opened with the key from this request's cookie, which is
/// then removed.
#[cfg(feature = "ssr")]
fn unseal(sealed: Option<String>) -> Vec<OneTime> {
    use super::one_time;
    use axum::http::header::{COOKIE, SET_COOKIE};
    let Some(sealed) = sealed else {
        return Vec::new();
    };
    let key = use_context::<axum::http::request::Parts>().and_then(|p| {
        p.headers
            .get(COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(one_time::key_of)
            .map(str::to_string)
    });
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(v) = one_time::key_cookie("", 0, false).parse()
    {
        res.append_header(SET_COOKIE, v);
    }
    match key.and_then(|k| one_time::open(&k, &sealed)) {
        Some(list) => list,
        None => {
            tracing::warn!("one-time passwords could not be opened (key cookie missing or stale)");
            Vec::new()
        }
    }
}

#[cfg(feature = "ssr")]
fn session() -> Option<tower_sessions::Session> {
    use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<tower_sessions::Session>().cloned())
}
