//! Form posts of the login page, the logout button and the password page.

use super::password::{self, Weakness};
use super::session::{EPOCH, LOGIN_AT, SEEN, USER_ID};
use crate::blocking;
use crate::http::{AppState, Caller, ClientAddr};
use crate::redirect;
use app::domain::Actor;
use app::domain::authz::{Action, Target, can};
use app::domain::text::{clean, url_escape};
use app::domain::throttle::{Verdict, verdict};
use app::store::model::{AuditEntry, UserRecord};
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::response::Response;
use serde::Deserialize;
use tower_sessions::Session;

pub use app::paths::{LOGIN_PAGE, PASSWORD_PAGE};

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

pub use crate::redirect::safe_next;

fn login_error(code: &str, until: Option<chrono::DateTime<chrono::Utc>>, next: &str) -> Response {
    let mut url = format!("{LOGIN_PAGE}?loi={code}");
    if let Some(until) = until {
        url.push_str(&format!("&den={}", until.timestamp()));
    }
    if next != "/" {
        url.push_str(&format!("&next={}", url_escape(next)));
    }
    redirect::to(&url)
}

fn audit(action: &str, user: Option<&UserRecord>, username: &str, address: &str) -> AuditEntry {
    AuditEntry::new(user.map(|u| u.id), username, action)
        .about("user", Some(username.to_string()))
        .from_address(address)
        .in_unit(user.and_then(|u| u.cell_path.clone()))
}

fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "login handling failed");
    login_error("he_thong", None, "/")
}

/// Longest username and password read: longer ones cannot be right, and a
/// huge password would only cost hashing time.
const MAX_USERNAME: usize = 254;
const MAX_PASSWORD: usize = 1024;

pub async fn login(
    State(state): State<AppState>,
    session: Session,
    ClientAddr {
        audit: address,
        throttle: throttled_as,
    }: ClientAddr,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return login_error("thieu", None, "/");
    };
    let next = safe_next(form.next.as_deref());
    let username = clean(&form.username).to_lowercase();
    if username.is_empty() || form.password.is_empty() {
        return login_error("thieu", None, &next);
    }
    if username.len() > MAX_USERNAME || form.password.len() > MAX_PASSWORD {
        return login_error("sai", None, &next);
    }
    let store = &state.store;
    let policy = state.auth.throttle;
    // A place to check the password in comes first: a busy server refuses
    // before anything is counted.
    let place = match blocking::PASSWORDS.place().await {
        Ok(p) => p,
        Err(busy) => return busy.response(),
    };
    // The attempt counts before the password is checked, so that concurrent
    // guesses cannot slip past the limit; known and unknown usernames alike.
    let counted = match store
        .count_login_attempt(&username, &throttled_as, &policy, chrono::Utc::now())
        .await
    {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    let locks_until = match verdict(&policy, &counted) {
        Verdict::Refused { until } => {
            let entry = audit("auth.login_refused_locked", None, &username, &address);
            if let Err(e) = store.append_audit(&entry).await {
                return internal(e);
            }
            return login_error("khoa", Some(until), &next);
        }
        Verdict::Checked { locks_until } => locks_until,
    };
    let user = match store.user_by_username(&username).await {
        Ok(u) => u,
        Err(e) => return internal(e),
    };
    // An unknown username costs the same verification as a known one.
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let given = form.password;
    let password_ok = match place
        .run(move || match hash {
            Some(hash) => password::verify(&hash, &given),
            None => {
                password::verify_nothing(&given);
                false
            }
        })
        .await
    {
        Ok(ok) => ok,
        Err(busy) => return busy.response(),
    };
    let user = match user {
        Some(user) if password_ok => user,
        known => {
            let entry = audit("auth.login_failed", known.as_ref(), &username, &address);
            if let Err(e) = store.append_audit(&entry).await {
                return internal(e);
            }
            return match locks_until {
                Some(until) => login_error("khoa", Some(until), &next),
                None => login_error("sai", None, &next),
            };
        }
    };
    // Disabled, or the member transferred out, deceased or removed.
    if !user.may_log_in() {
        return login_error("tat", None, &next);
    }
    // A new session id at every login: a planted cookie is worth nothing.
    if let Err(e) = session.cycle_id().await {
        return internal(e);
    }
    if let Err(e) = session.insert(USER_ID, user.id).await {
        return internal(e);
    }
    let now = chrono::Utc::now().timestamp();
    for (key, value) in [(LOGIN_AT, now), (SEEN, now), (EPOCH, user.session_epoch)] {
        if let Err(e) = session.insert(key, value).await {
            return internal(e);
        }
    }
    let entry = audit("auth.login", Some(&user), &username, &address);
    if let Err(e) = store
        .record_login_success(user.id, &username, &throttled_as, &entry)
        .await
    {
        return internal(e);
    }
    if user.must_change_password {
        return redirect::to(PASSWORD_PAGE);
    }
    redirect::to(&next)
}

pub async fn logout(
    State(state): State<AppState>,
    session: Session,
    Caller(actor): Caller,
    ClientAddr { audit: address, .. }: ClientAddr,
) -> Response {
    if let Actor::User(u) = &actor
        && let Ok(Some(user)) = state.store.user_by_id(u.user_id).await
    {
        let entry = audit("auth.logout", Some(&user), &user.username, &address);
        if let Err(e) = state.store.append_audit(&entry).await {
            tracing::error!(error = %e, "audit of a logout failed");
        }
    }
    if let Err(e) = session.flush().await {
        tracing::error!(error = %e, "could not end a session");
    }
    redirect::to("/")
}

fn password_error(code: &str) -> Response {
    redirect::to(&format!("{PASSWORD_PAGE}?loi={code}"))
}

pub async fn change_password(
    State(state): State<AppState>,
    session: Session,
    Caller(actor): Caller,
    ClientAddr {
        audit: address,
        throttle: throttled_as,
    }: ClientAddr,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Response {
    let Actor::User(me) = &actor else {
        return redirect::to(&format!("{LOGIN_PAGE}?next={PASSWORD_PAGE}"));
    };
    if !can(&actor, Action::ChangeOwnPassword, Target::System) {
        return password_error("he_thong");
    }
    let Ok(Form(form)) = form else {
        return password_error("thieu");
    };
    let user = match state.store.user_by_id(me.user_id).await {
        Ok(Some(u)) => u,
        Ok(None) => return redirect::to(LOGIN_PAGE),
        Err(e) => {
            tracing::error!(error = %e, "password change failed");
            return password_error("he_thong");
        }
    };
    // No password is that long: the current one is wrong, a new one refused.
    if form.current.len() > MAX_PASSWORD {
        return password_error("sai");
    }
    if form.new.chars().count() > MAX_PASSWORD {
        return password_error("dai");
    }
    // The current password is guessed no more easily here than at the login.
    let policy = state.auth.throttle;
    let place = match blocking::PASSWORDS.place().await {
        Ok(p) => p,
        Err(busy) => return busy.response(),
    };
    let counted = match state
        .store
        .count_login_attempt(&user.username, &throttled_as, &policy, chrono::Utc::now())
        .await
    {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "password change failed");
            return password_error("he_thong");
        }
    };
    let locks_until = match verdict(&policy, &counted) {
        Verdict::Refused { .. } => return password_error("khoa"),
        Verdict::Checked { locks_until } => locks_until,
    };
    let (stored, username) = (user.password_hash.clone(), user.username.clone());
    let outcome = place
        .run(move || {
            if !password::verify(&stored, &form.current) {
                return Err(None);
            }
            password::check_new(&username, &form.current, &form.new, &form.confirm)
                .map_err(|w| Some(Weakness::code(w)))?;
            password::hash(&form.new).map_err(|e| {
                tracing::error!(error = %e, "password hashing failed");
                Some("he_thong")
            })
        })
        .await;
    let hash = match outcome {
        Ok(Ok(hash)) => hash,
        Ok(Err(None)) if locks_until.is_some() => return password_error("khoa"),
        Ok(Err(None)) => return password_error("sai"),
        // The current password was right: the attempt is taken back.
        Ok(Err(Some(code))) => {
            if let Err(e) = state
                .store
                .release_login_attempt(&user.username, &throttled_as)
                .await
            {
                tracing::error!(error = %e, "could not take back a login attempt");
            }
            return password_error(code);
        }
        Err(busy) => return busy.response(),
    };
    let entry = audit(
        "auth.password_changed",
        Some(&user),
        &user.username,
        &address,
    );
    let epoch = match state
        .store
        .set_password(user.id, &hash, false, &entry, None)
        .await
    {
        Ok(epoch) => epoch,
        Err(e) => {
            tracing::error!(error = %e, "password change failed");
            return password_error("he_thong");
        }
    };
    // Every other session of the account has ended with the new epoch; the
    // one that proved the old password continues, under a new id.
    if let Err(e) = session.insert(EPOCH, epoch).await {
        tracing::error!(error = %e, "could not keep the session");
    }
    if let Err(e) = session.cycle_id().await {
        tracing::error!(error = %e, "could not renew the session id");
    }
    redirect::to(&format!("{PASSWORD_PAGE}?xong=1"))
}
