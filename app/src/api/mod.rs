//! Server functions, one module per capability. Each is thin:
//! authenticate → authorize (domain) → store → emit event.

pub mod auth;
pub mod error;
pub mod summary;

pub use error::ApiError;

#[cfg(feature = "ssr")]
pub mod context;
