//! Form posts of the login page, the logout button and the password page.

use super::password::{self, Weakness};
use super::session::{LOGIN_AT, USER_ID};
use crate::router::AppState;
use app::domain::Actor;
use app::domain::authz::{Action, Target, can};
use app::domain::text::{clean, url_escape};
use app::store::model::{AuditEntry, UserRecord};
use axum::Extension;
use axum::extract::{ConnectInfo, Form, FromRequest, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::net::SocketAddr;
use tower_sessions::Session;

pub const LOGIN_PAGE: &str = "/dang-nhap";
pub const PASSWORD_PAGE: &str = "/doi-mat-khau";

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
    confirm: String,
}

/// The client's address, for throttling and the audit log.
pub fn client_address(req: &Request) -> String {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Only same-site paths are followed after a login: never an open redirect.
pub fn safe_next(next: Option<&str>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or("/")
        .to_string()
}

fn login_error(code: &str, until: Option<chrono::DateTime<chrono::Utc>>, next: &str) -> Response {
    let mut url = format!("{LOGIN_PAGE}?loi={code}");
    if let Some(until) = until {
        url.push_str(&format!("&den={}", until.timestamp()));
    }
    if next != "/" {
        url.push_str(&format!("&next={}", url_escape(next)));
    }
    Redirect::to(&url).into_response()
}

fn audit(action: &str, user: Option<&UserRecord>, username: &str, address: &str) -> AuditEntry {
    AuditEntry {
        actor_user_id: user.map(|u| u.id),
        actor_label: username.to_string(),
        action: action.into(),
        entity: "user".into(),
        entity_id: Some(username.to_string()),
        before: None,
        after: None,
        ip: Some(address.to_string()),
        unit_path: user.and_then(|u| u.cell_path.clone()),
    }
}

fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "login handling failed");
    login_error("he_thong", None, "/")
}

pub async fn login(State(state): State<AppState>, session: Session, req: Request) -> Response {
    let address = client_address(&req);
    let Form(form) = match Form::<LoginForm>::from_request(req, &state).await {
        Ok(f) => f,
        Err(_) => return login_error("thieu", None, "/"),
    };
    let next = safe_next(form.next.as_deref());
    let username = clean(&form.username).to_lowercase();
    if username.is_empty() || form.password.is_empty() {
        return login_error("thieu", None, &next);
    }
    let now = chrono::Utc::now();
    let policy = state.auth.throttle;
    let store = &state.store;

    let address_counter = match store.address_counter(&address).await {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    let user = match store.user_by_username(&username).await {
        Ok(u) => u,
        Err(e) => return internal(e),
    };
    let locked = address_counter
        .locked_at(now)
        .or_else(|| user.as_ref().and_then(|u| u.counter.locked_at(now)));
    if let Some(until) = locked {
        let entry = audit(
            "auth.login_refused_locked",
            user.as_ref(),
            &username,
            &address,
        );
        if let Err(e) = store.append_audit(&entry).await {
            return internal(e);
        }
        return login_error("khoa", Some(until), &next);
    }
    let password_ok = match &user {
        Some(u) => password::verify(&u.password_hash, &form.password),
        None => {
            password::verify_nothing(&form.password);
            false
        }
    };
    let user = match user {
        Some(user) if password_ok => user,
        known => {
            let address_counter =
                address_counter.after_failure(now, policy.address_failures, &policy);
            let user_counter = known.as_ref().map(|u| {
                (
                    u.id,
                    u.counter
                        .after_failure(now, policy.account_failures, &policy),
                )
            });
            let entry = audit("auth.login_failed", known.as_ref(), &username, &address);
            if let Err(e) = store
                .record_login_failure(user_counter, &address, address_counter, &entry)
                .await
            {
                return internal(e);
            }
            let locked = user_counter
                .and_then(|(_, c)| c.locked_at(now))
                .or_else(|| address_counter.locked_at(now));
            return match locked {
                Some(until) => login_error("khoa", Some(until), &next),
                None => login_error("sai", None, &next),
            };
        }
    };
    if user.disabled {
        return login_error("tat", None, &next);
    }
    // A new session id at every login: a planted cookie is worth nothing.
    if let Err(e) = session.cycle_id().await {
        return internal(e);
    }
    if let Err(e) = session.insert(USER_ID, user.id).await {
        return internal(e);
    }
    if let Err(e) = session.insert(LOGIN_AT, now.timestamp()).await {
        return internal(e);
    }
    let entry = audit("auth.login", Some(&user), &username, &address);
    if let Err(e) = store.record_login_success(user.id, &entry).await {
        return internal(e);
    }
    if user.must_change_password {
        return Redirect::to(PASSWORD_PAGE).into_response();
    }
    Redirect::to(&next).into_response()
}

pub async fn logout(
    State(state): State<AppState>,
    session: Session,
    Extension(actor): Extension<Actor>,
    req: Request,
) -> Response {
    if let Actor::User(u) = &actor
        && let Ok(Some(user)) = state.store.user_by_id(u.user_id).await
    {
        let entry = audit(
            "auth.logout",
            Some(&user),
            &user.username,
            &client_address(&req),
        );
        if let Err(e) = state.store.append_audit(&entry).await {
            tracing::error!(error = %e, "audit of a logout failed");
        }
    }
    if let Err(e) = session.flush().await {
        tracing::error!(error = %e, "could not end a session");
    }
    Redirect::to("/").into_response()
}

fn password_error(code: &str) -> Response {
    Redirect::to(&format!("{PASSWORD_PAGE}?loi={code}")).into_response()
}

pub async fn change_password(
    State(state): State<AppState>,
    session: Session,
    Extension(actor): Extension<Actor>,
    req: Request,
) -> Response {
    let address = client_address(&req);
    let Actor::User(me) = &actor else {
        return Redirect::to(&format!("{LOGIN_PAGE}?next={PASSWORD_PAGE}")).into_response();
    };
    if !can(&actor, Action::ChangeOwnPassword, Target::System) {
        return password_error("he_thong");
    }
    let Form(form) = match Form::<PasswordForm>::from_request(req, &state).await {
        Ok(f) => f,
        Err(_) => return password_error("thieu"),
    };
    let user = match state.store.user_by_id(me.user_id).await {
        Ok(Some(u)) => u,
        Ok(None) => return Redirect::to(LOGIN_PAGE).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "password change failed");
            return password_error("he_thong");
        }
    };
    if !password::verify(&user.password_hash, &form.current) {
        return password_error("sai");
    }
    if let Err(w) = password::check_new(&user.username, &form.current, &form.new, &form.confirm) {
        return password_error(Weakness::code(w));
    }
    let hash = match password::hash(&form.new) {
        Ok(h) => h,
        Err(e) => {
            tracing::error!(error = %e, "password hashing failed");
            return password_error("he_thong");
        }
    };
    let entry = audit(
        "auth.password_changed",
        Some(&user),
        &user.username,
        &address,
    );
    if let Err(e) = state
        .store
        .set_password(user.id, &hash, false, &entry)
        .await
    {
        tracing::error!(error = %e, "password change failed");
        return password_error("he_thong");
    }
    // The session that proved the old password continues under a new id.
    if let Err(e) = session.cycle_id().await {
        tracing::error!(error = %e, "could not renew the session id");
    }
    Redirect::to(&format!("{PASSWORD_PAGE}?xong=1")).into_response()
}
