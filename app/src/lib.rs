//! dangbo: the Leptos app, compiled for the server (`ssr`) and the browser (`hydrate`).

pub mod api;
pub mod domain;
pub mod labels;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;
