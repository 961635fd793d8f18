//! The store suites, one binary: every test runs on SQLite and on PostgreSQL
//! (one test binary links the store once instead of once per file).
#![cfg(feature = "ssr")]

mod support;

mod backup_store;
mod badges_due_store;
mod badges_store;
mod basics;
mod bodies_store;
mod cohorts_store;
mod commendations_store;
mod commitments_store;
mod concurrent_batches;
mod good_models_store;
mod import_store;
mod org_store;
mod stats_store;
mod structure_store;
mod targets_store;
