//! The administrator's account actions: create accounts for members who have
//! none, disable or enable an account, reset a password to a one-time one.
//! One-time passwords are left in the administrator's session for the
//! accounts page to show once, never put in a URL.

use super::client::client_address;
use super::password;
use crate::router::AppState;
use app::api::accounts::{FLASH_KEY, NOTICE_KEY, OneTime};
use app::domain::authz::{Action, Actor, Target, can};
use app::domain::text::url_escape;
use app::store::model::{AuditEntry, NewUser};
use axum::Extension;
use axum::extract::{Form, FromRequest, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower_sessions::Session;

pub const ACCOUNTS_PAGE: &str = "/quan-tri/tai-khoan";
/// Accounts created per click: each needs its own password hash.
pub const BATCH: i64 = 100;

#[derive(Deserialize)]
pub struct AccountForm {
    user_id: Option<i64>,
    /// "1" to disable, "0" to enable.
    disabled: Option<String>,
    /// The list's search, kept across the action.
    q: Option<String>,
}

fn back(q: Option<&str>) -> Response {
    match q.filter(|q| !q.is_empty()) {
        Some(q) => crate::redirect::to(&format!("{ACCOUNTS_PAGE}?q={}", url_escape(q))),
        None => crate::redirect::to(ACCOUNTS_PAGE),
    }
}

fn missing() -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        "Thiếu dữ liệu. / Missing data.",
    )
        .into_response()
}

/// The form of an action on one account, and that account.
async fn account_action(
    state: &AppState,
    req: Request,
) -> Result<(AccountForm, app::store::model::UserRecord), Response> {
    let Ok(Form(form)) = Form::<AccountForm>::from_request(req, state).await else {
        return Err(missing());
    };
    let Some(user_id) = form.user_id else {
        return Err(missing());
    };
    match state.store.user_by_id(user_id).await {
        Ok(Some(user)) => Ok((form, user)),
        Ok(None) => Err((
            StatusCode::NOT_FOUND,
            "Không có tài khoản này. / No such account.",
        )
            .into_response()),
        Err(e) => Err(failed(e)),
    }
}

fn refused() -> Response {
    (
        StatusCode::FORBIDDEN,
        "Bạn không có quyền quản lý tài khoản. / You may not manage accounts.",
    )
        .into_response()
}

/// An audit entry by the acting administrator about the account `target`.
async fn audit(
    state: &AppState,
    actor: &Actor,
    action: &str,
    target: &str,
    target_cell: Option<String>,
    address: &str,
    after: serde_json::Value,
) -> AuditEntry {
    let user_id = match actor {
        Actor::User(u) => Some(u.user_id),
        Actor::Anonymous => None,
    };
    let label = match user_id {
        Some(id) => match state.store.user_by_id(id).await {
            Ok(Some(u)) => u.username,
            _ => format!("user #{id}"),
        },
        None => "anonymous".into(),
    };
    AuditEntry {
        actor_user_id: user_id,
        actor_label: label,
        action: action.into(),
        entity: "user".into(),
        entity_id: Some(target.to_string()),
        before: None,
        after: Some(after),
        ip: Some(address.to_string()),
        // The member's cell: their secretaries see what was done to the account.
        unit_path: target_cell,
    }
}

async fn notice(session: &Session, code: &str) {
    if let Err(e) = session.insert(NOTICE_KEY, code).await {
        tracing::error!(error = %e, "could not store a notice");
    }
}

fn failed(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "account action failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Hệ thống đang gặp sự cố. Vui lòng thử lại. / Something went wrong; please try again.",
    )
        .into_response()
}

/// Creates accounts (with one-time passwords) for up to [`BATCH`] members who have none.
pub async fn create_member_accounts(
    State(state): State<AppState>,
    session: Session,
    Extension(actor): Extension<Actor>,
    req: Request,
) -> Response {
    if !can(&actor, Action::ManageAccounts, Target::System) {
        return refused();
    }
    let address = client_address(&req);
    let (_, members) = match state.store.members_without_account(BATCH).await {
        Ok(m) => m,
        Err(e) => return failed(e),
    };
    // Argon2 is deliberately slow: hash off the async workers, in the lane
    // that logins share, so a batch cannot starve them of every core.
    let made = crate::blocking::PASSWORDS
        .run(move || {
            members
                .into_iter()
                .map(|m| {
                    let one_time = password::one_time();
                    password::hash(&one_time).map(|hash| {
                        (
                            NewUser {
                                username: m.card_number.clone(),
                                member_id: Some(m.member_id),
                                display_name: m.full_name.clone(),
                                password_hash: hash,
                                is_admin: false,
                                must_change_password: true,
                            },
                            OneTime {
                                username: m.card_number,
                                display_name: m.full_name,
                                password: one_time,
                            },
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .await;
    let made = match made {
        Ok(Ok(made)) => made,
        Ok(Err(e)) => return failed(e),
        Err(busy) => return busy.response(),
    };
    let (users, passwords): (Vec<NewUser>, Vec<OneTime>) = made.into_iter().unzip();
    let entry = audit(
        &state,
        &actor,
        "accounts.create",
        "members",
        None,
        &address,
        serde_json::json!({ "accounts": users.len() }),
    )
    .await;
    if let Err(e) = state.store.insert_users(&users, &entry).await {
        return failed(e);
    }
    if let Err(e) = session.insert(FLASH_KEY, &passwords).await {
        return failed(e);
    }
    notice(&session, "tao").await;
    back(None)
}

pub async fn set_disabled(
    State(state): State<AppState>,
    session: Session,
    Extension(actor): Extension<Actor>,
    req: Request,
) -> Response {
    let Actor::User(me) = &actor else {
        return refused();
    };
    if !can(&actor, Action::ManageAccounts, Target::System) {
        return refused();
    }
    let address = client_address(&req);
    let (form, target) = match account_action(&state, req).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let Some(flag) = form.disabled.as_deref() else {
        return missing();
    };
    let disabled = flag == "1";
    if disabled && target.id == me.user_id {
        notice(&session, "khong_tu_khoa").await;
        return back(form.q.as_deref());
    }
    let action = if disabled {
        "account.disable"
    } else {
        "account.enable"
    };
    let entry = audit(
        &state,
        &actor,
        action,
        &target.username,
        target.cell_path.clone(),
        &address,
        serde_json::json!({ "disabled": disabled }),
    )
    .await;
    if let Err(e) = state.store.set_disabled(target.id, disabled, &entry).await {
        return failed(e);
    }
    notice(&session, if disabled { "da_tat" } else { "da_mo" }).await;
    back(form.q.as_deref())
}

/// Gives the account a one-time password, to be changed at the next login.
pub async fn reset_password(
    State(state): State<AppState>,
    session: Session,
    Extension(actor): Extension<Actor>,
    req: Request,
) -> Response {
    if !can(&actor, Action::ManageAccounts, Target::System) {
        return refused();
    }
    let address = client_address(&req);
    let (form, target) = match account_action(&state, req).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let one_time = password::one_time();
    let hash = match crate::blocking::PASSWORDS
        .run({
            let p = one_time.clone();
            move || password::hash(&p)
        })
        .await
    {
        Ok(Ok(h)) => h,
        Ok(Err(e)) => return failed(e),
        Err(busy) => return busy.response(),
    };
    let entry = audit(
        &state,
        &actor,
        "account.reset",
        &target.username,
        target.cell_path.clone(),
        &address,
        serde_json::json!({ "must_change_password": true }),
    )
    .await;
    if let Err(e) = state
        .store
        .set_password(target.id, &hash, true, &entry)
        .await
    {
        return failed(e);
    }
    let shown = vec![OneTime {
        username: target.username,
        display_name: target.display_name,
        password: one_time,
    }];
    if let Err(e) = session.insert(FLASH_KEY, &shown).await {
        return failed(e);
    }
    notice(&session, "dat_lai").await;
    back(form.q.as_deref())
}
