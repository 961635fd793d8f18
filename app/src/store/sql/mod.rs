//! Every statement of the store, written once as plain Rust and compiled
//! once per backend: `sqlite.rs` and `postgres.rs` each include this folder
//! with their own `This` (the store type) and `Db` (the sqlx database), so
//! the two share the SQL where it is identical and the types where it is
//! not. Differences between the backends stay in small, named functions of
//! those two files (migrations, sessions, bulk-load sequences, backups).

use super::{Db, This};

mod accounts;
mod backup;
mod badges;
mod badges_due;
mod bodies;
mod commendations;
mod commitments;
mod common;
mod export;
mod good_models;
mod import;
mod org;
mod outbox;
mod stats;
mod structure;
mod targets;
