//! Logging in and out, passwords, sessions, and the actor of every request.
//!
//! Login, logout and the password change are plain form posts answered with
//! redirects, so they work the same before the WASM has loaded, without
//! JavaScript, and after hydration.

pub mod admin;
pub mod client;
pub mod config;
pub mod csrf;
pub mod handlers;
pub mod password;
pub mod session;

pub use config::AuthConfig;

use crate::http::AppState;
use axum::Router;
use axum::routing::post;

/// The form posts of the login page, the logout button, the password page
/// and the administrator's accounts page.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(handlers::login))
        .route("/auth/logout", post(handlers::logout))
        .route("/auth/password", post(handlers::change_password))
        .route("/auth/accounts/create", post(admin::create_member_accounts))
        .route("/auth/accounts/disable", post(admin::set_disabled))
        .route("/auth/accounts/reset", post(admin::reset_password))
}
