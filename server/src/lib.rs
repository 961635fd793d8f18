//! The `dangbo` server: configuration, the axum router around the Leptos app,
//! and the commands of the CLI.

pub mod attachments;
pub mod auth;
pub mod backup;
#[cfg(feature = "tools")]
pub mod bench;
pub mod blocking;
pub mod commands;
pub mod config;
pub mod csp;
pub mod dataset;
pub mod demo;
pub mod export;
pub mod health;
pub mod http;
pub mod import;
pub mod language;
pub mod live;
pub mod mail;
#[cfg(feature = "tools")]
pub mod national;
pub mod redirect;
pub mod router;
pub mod serving;
pub mod site;
