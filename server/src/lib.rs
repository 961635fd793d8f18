//! The `dangbo` server: configuration, the axum router around the Leptos app,
//! and the commands of the CLI.
// The pages' view types nest deeply; the default limit of 128 is not
// enough for a release build (debug builds erase them).
#![recursion_limit = "256"]

pub mod auth;
pub mod bench;
pub mod commands;
pub mod config;
pub mod csp;
pub mod demo;
pub mod export;
pub mod import;
pub mod national;
pub mod router;
pub mod site;
