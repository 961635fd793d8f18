//! The HTTP tests, one binary: the real router on port 0, driven over HTTP
//! (one test binary links the server once instead of once per file).

mod support;

mod accounts;
mod attachments;
mod auth;
mod backup;
mod badges;
mod bodies;
mod commendations;
mod commitments;
mod export;
mod export_grades;
mod good_models;
mod import;
mod load;
mod mail;
mod matrix;
mod org;
mod resilience;
mod site;
mod stats;
mod sweep;
mod targets;
