//! Pure types and rules of the bloc: no IO, compiled for the server and the browser.

pub mod account;
pub mod authz;
pub mod backup;
pub mod client;
pub mod commitment;
pub mod grading;
pub mod import;
pub mod local_path;
pub mod locale;
pub mod member;
pub mod numfmt;
pub mod org;
pub mod paging;
pub mod records;
pub mod structure;
pub mod summary;
pub mod text;
pub mod throttle;
pub mod undertaking;
pub mod unit;
pub mod year;

pub use authz::{Action, Actor, can};
pub use locale::Locale;
pub use member::{Gender, MemberStatus, PositionRole};
pub use summary::UnitSummary;
pub use unit::{GradingRuleSet, UnitEventKind, UnitKind};
