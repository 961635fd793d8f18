//! The administrator's account actions: create accounts for members who have
//! none, disable or enable an account, reset a password to a one-time one.
//! One-time passwords are left in the administrator's session, sealed (see
//! `app::api::one_time`), for the accounts page to show once, never put in a
//! URL; a reset of a member who has an e-mail goes to that e-mail instead
//! when e-mail is on.

use super::password;
use crate::http::{AppState, Caller, ClientAddr, HttpError, Text};
use app::api::accounts::{AccountNotice, FLASH_KEY, NOTICE_KEY, OneTime};
use app::api::one_time;
use app::domain::authz::{Action, Actor, Target};
use app::domain::text::url_escape;
use app::store::model::{AuditEntry, NewNotification, NewUser, NoticeKind, UserRecord};
use axum::extract::{Form, FromRequest, Request, State};
use axum::http::header::SET_COOKIE;
use axum::response::Response;
use serde::Deserialize;
use tower_sessions::Session;

pub use app::paths::ACCOUNTS_PAGE;
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

/// The form of an action on one account, and that account.
async fn account_action(
    state: &AppState,
    req: Request,
) -> Result<(AccountForm, UserRecord), HttpError> {
    let missing = || HttpError::invalid(|s| s.error_missing);
    let Ok(Form(form)) = Form::<AccountForm>::from_request(req, state).await else {
        return Err(missing());
    };
    let user_id = form.user_id.ok_or_else(missing)?;
    match state.store.user_by_id(user_id).await? {
        Some(user) => Ok((form, user)),
        None => Err(HttpError::NotFound(Text::of(|s| s.error_no_account))),
    }
}

/// Account management is for administrators (checked before anything is read).
fn may_manage(actor: &Actor) -> Result<(), HttpError> {
    let forbidden = Text::of(|s| s.error_manage_accounts);
    HttpError::require(actor, Action::ManageAccounts, Target::System, forbidden)
}

/// The acting administrator's own account (for names in audit and notices).
async fn acting(state: &AppState, actor: &Actor) -> Option<UserRecord> {
    match actor {
        Actor::User(u) => state.store.user_by_id(u.user_id).await.ok().flatten(),
        Actor::Anonymous => None,
    }
}

/// An audit entry by the acting administrator about the account `target`.
fn audit(
    actor: &Actor,
    admin: Option<&UserRecord>,
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
    let label = match (admin, user_id) {
        (Some(a), _) => a.username.clone(),
        (None, Some(id)) => format!("user #{id}"),
        (None, None) => "anonymous".into(),
    };
    AuditEntry::new(user_id, label, action)
        .about("user", Some(target.to_string()))
        .after(after)
        .from_address(address)
        // The member's cell: their secretaries see what was done to the account.
        .in_unit(target_cell)
}

async fn notice(session: &Session, n: AccountNotice) {
    if let Err(e) = session.insert(NOTICE_KEY, n).await {
        tracing::error!(error = %e, "could not store a notice");
    }
}

/// Leaves one-time passwords for the accounts page, sealed in the session;
/// the answer (a redirect there) carries the key in its cookie.
async fn hand_over(
    state: &AppState,
    session: &Session,
    list: &[OneTime],
    then: Response,
) -> Result<Response, HttpError> {
    let sealed = one_time::seal(list)
        .ok_or_else(|| HttpError::internal("sealing one-time passwords", "no random source"))?;
    session
        .insert(FLASH_KEY, &sealed.sealed)
        .await
        .map_err(|e| HttpError::internal("keeping one-time passwords", e))?;
    let cookie = one_time::key_cookie(
        &sealed.key,
        one_time::KEY_MAX_AGE,
        state.auth.secure_cookies,
    );
    let mut res = then;
    let cookie = cookie
        .parse()
        .map_err(|e| HttpError::internal("one-time password cookie", e))?;
    res.headers_mut().append(SET_COOKIE, cookie);
    Ok(res)
}

/// Creates accounts (with one-time passwords) for up to [`BATCH`] members who have none.
pub async fn create_member_accounts(
    State(state): State<AppState>,
    session: Session,
    Caller(actor): Caller,
    ClientAddr { audit: address, .. }: ClientAddr,
) -> Result<Response, HttpError> {
    may_manage(&actor)?;
    let (_, members) = state.store.members_without_account(BATCH).await?;
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
    let made = made?.map_err(|e| HttpError::internal("hashing one-time passwords", e))?;
    let (users, passwords): (Vec<NewUser>, Vec<OneTime>) = made.into_iter().unzip();
    let admin = acting(&state, &actor).await;
    let entry = audit(
        &actor,
        admin.as_ref(),
        "accounts.create",
        "members",
        None,
        &address,
        serde_json::json!({ "accounts": users.len() }),
    );
    state.store.insert_users(&users, &entry).await?;
    notice(&session, AccountNotice::Created).await;
    hand_over(&state, &session, &passwords, back(None)).await
}

pub async fn set_disabled(
    State(state): State<AppState>,
    session: Session,
    Caller(actor): Caller,
    ClientAddr { audit: address, .. }: ClientAddr,
    req: Request,
) -> Result<Response, HttpError> {
    may_manage(&actor)?;
    let Actor::User(me) = &actor else {
        return Err(HttpError::Unauthorized);
    };
    let (form, target) = account_action(&state, req).await?;
    let disabled = match form.disabled.as_deref() {
        Some("1") => true,
        Some("0") => false,
        _ => return Err(HttpError::invalid(|s| s.error_missing)),
    };
    if disabled && target.id == me.user_id {
        notice(&session, AccountNotice::NotSelf).await;
        return Ok(back(form.q.as_deref()));
    }
    let action = if disabled {
        "account.disable"
    } else {
        "account.enable"
    };
    let admin = acting(&state, &actor).await;
    let entry = audit(
        &actor,
        admin.as_ref(),
        action,
        &target.username,
        target.cell_path.clone(),
        &address,
        serde_json::json!({ "disabled": disabled }),
    );
    state
        .store
        .set_disabled(target.id, disabled, &entry)
        .await?;
    let outcome = if disabled {
        AccountNotice::Disabled
    } else {
        AccountNotice::Enabled
    };
    notice(&session, outcome).await;
    Ok(back(form.q.as_deref()))
}

/// Gives the account a one-time password, to be changed at the next login.
/// A member with an e-mail gets it by e-mail only when e-mail is on: the
/// administrator never learns it. Either way the owner finds a notice of
/// who reset it, in the inbox and on the password page.
pub async fn reset_password(
    State(state): State<AppState>,
    session: Session,
    Caller(actor): Caller,
    ClientAddr { audit: address, .. }: ClientAddr,
    req: Request,
) -> Result<Response, HttpError> {
    may_manage(&actor)?;
    let (form, target) = account_action(&state, req).await?;
    let one_time = password::one_time();
    let hash = crate::blocking::PASSWORDS
        .run({
            let p = one_time.clone();
            move || password::hash(&p)
        })
        .await?
        .map_err(|e| HttpError::internal("hashing a one-time password", e))?;
    let admin = acting(&state, &actor).await;
    let by = admin
        .as_ref()
        .map_or_else(|| "?".to_string(), |a| a.display_name.clone());
    // The letter goes first: if it cannot be sent, nothing has changed.
    let mail_to = state
        .mailer
        .as_ref()
        .zip(target.member_id.and(target.email.as_deref()));
    let emailed = if let Some((mailer, to)) = mail_to {
        let letter = crate::mail::OneTimeLetter {
            to,
            display_name: &target.display_name,
            username: &target.username,
            password: &one_time,
            by: &by,
        };
        if let Err(e) = mailer.send_one_time(&letter).await {
            tracing::warn!(account = target.id, error = %e, "one-time password not e-mailed");
            let name = target.display_name.clone();
            notice(&session, AccountNotice::MailFailed { name }).await;
            return Ok(back(form.q.as_deref()));
        }
        true
    } else {
        false
    };
    let entry = audit(
        &actor,
        admin.as_ref(),
        "account.reset",
        &target.username,
        target.cell_path.clone(),
        &address,
        serde_json::json!({ "must_change_password": true, "emailed": emailed }),
    );
    let told = NewNotification {
        user_id: target.id,
        kind: NoticeKind::PasswordReset,
        commitment_id: None,
        subject: by,
        detail: String::new(),
        link: super::handlers::PASSWORD_PAGE.into(),
    };
    state
        .store
        .set_password(target.id, &hash, true, &entry, Some((&told, emailed)))
        .await?;
    if emailed {
        let name = target.display_name;
        notice(&session, AccountNotice::ResetMailed { name }).await;
        return Ok(back(form.q.as_deref()));
    }
    notice(&session, AccountNotice::Reset).await;
    let shown = [OneTime {
        username: target.username,
        display_name: target.display_name,
        password: one_time,
    }];
    hand_over(&state, &session, &shown, back(form.q.as_deref())).await
}
