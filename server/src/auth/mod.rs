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
