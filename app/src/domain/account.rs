//! Accounts as the administrator's list shows them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub member_id: Option<i64>,
    pub cell_name: Option<String>,
    pub is_admin: bool,
    pub disabled: bool,
    pub must_change_password: bool,
    /// Unix seconds.
    pub last_login_at: Option<i64>,
    /// Unix seconds; set only while the lock is in force.
    pub locked_until: Option<i64>,
}
