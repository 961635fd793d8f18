//! Pure types and rules of the bloc: no IO, compiled for the server and the browser.

/// `as_str` and `parse` of enums whose text forms strum derives (snake_case
/// names, as stored and sent).
macro_rules! text_forms {
    ($($t:ty),*) => {$(
        impl $t {
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            pub fn parse(s: &str) -> Option<Self> {
                s.parse().ok()
            }
        }
    )*};
}

pub mod account;
pub mod attachment;
pub mod authz;
pub mod backup;
pub mod badge;
pub mod body;
pub mod certificate;
pub mod client;
pub mod cohort;
pub mod commendation;
pub mod commendation_records;
pub mod commitment;
pub mod decision;
pub mod good_model;
pub mod grading;
pub mod import;
pub mod local_path;
pub mod locale;
pub mod member;
pub mod numfmt;
pub mod org;
pub mod paging;
pub mod problem;
pub mod proposal;
pub mod records;
pub mod stats;
pub mod structure;
pub mod summary;
pub mod targets;
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
