//! Accounts, login counters and the actor behind a session.

use super::StoreError;
use super::model::{
    AccountRow, AuditEntry, DemoLogin, MemberWithoutAccount, NewNotification, NewUser, UserRecord,
};
use crate::domain::authz::User;
use crate::domain::throttle::{Counter, Scope, ThrottlePolicy};
use async_trait::async_trait;

#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn user_by_username(&self, username: &str) -> Result<Option<UserRecord>, StoreError>;
    async fn user_by_id(&self, id: i64) -> Result<Option<UserRecord>, StoreError>;
    /// The account as an actor: its positions valid on `today`, with their
    /// units. `None` when the account cannot act: disabled, its member no
    /// longer active (transferred out, deceased, removed), or its password
    /// changed since the session's login (`session_epoch` is the one the
    /// session logged in under).
    async fn actor(
        &self,
        user_id: i64,
        session_epoch: i64,
        today: chrono::NaiveDate,
    ) -> Result<Option<User>, StoreError>;
    /// Counts one login attempt of `username` from `address` on each counter
    /// of [`Scope::ALL`] in turn, in one transaction, stopping at the first
    /// that refuses it; each count is one atomic statement (increment and
    /// read back), so concurrent attempts all count.
    async fn count_login_attempt(
        &self,
        username: &str,
        address: &str,
        policy: &ThrottlePolicy,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<(Scope, Counter)>, StoreError>;
    /// After the right password: clears the counter of the username from this
    /// address, takes the attempt back from the others, notes the time and
    /// writes the audit entry, together.
    async fn record_login_success(
        &self,
        user_id: i64,
        username: &str,
        address: &str,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    /// Takes an attempt back after the right password: clears the counter of
    /// the username from this address and takes one from the others.
    async fn release_login_attempt(&self, username: &str, address: &str) -> Result<(), StoreError>;
    /// A new password (also clears the account's login counters), with its
    /// audit entry and, for a reset, the notice to the account's owner
    /// (`emailed`: the owner was written to already, the outbox leaves it).
    /// Returns the account's new session epoch: every session logged in
    /// before ends (see [`AccountStore::actor`]).
    async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        must_change: bool,
        audit: &AuditEntry,
        notice: Option<(&NewNotification, bool)>,
    ) -> Result<i64, StoreError>;
    /// Creates accounts in one transaction; returns how many.
    async fn insert_users(&self, users: &[NewUser], audit: &AuditEntry) -> Result<u64, StoreError>;
    /// One login of each kind the demo offers, read from the data.
    async fn demo_logins(&self) -> Result<Vec<DemoLogin>, StoreError>;
    /// Accounts whose username or (diacritic-free) name contains `query`,
    /// by username; with the total count.
    async fn list_accounts(
        &self,
        query: &str,
        offset: i64,
        limit: i64,
    ) -> Result<(i64, Vec<AccountRow>), StoreError>;
    async fn members_without_account(
        &self,
        limit: i64,
    ) -> Result<(i64, Vec<MemberWithoutAccount>), StoreError>;
    async fn set_disabled(
        &self,
        user_id: i64,
        disabled: bool,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
}

/// The columns of a [`UserRecord`], with the member's cell path.
pub(crate) const USER_SELECT: &str = "SELECT u.id, u.username, u.member_id, u.display_name, \
     u.password_hash, u.is_admin, u.disabled, u.must_change_password, u.session_epoch, \
     m.status AS member_status, c.path AS cell_path, m.email AS email FROM users u \
     LEFT JOIN members m ON m.id = u.member_id LEFT JOIN units c ON c.id = m.cell_id";

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    username: String,
    member_id: Option<i64>,
    display_name: String,
    password_hash: String,
    is_admin: bool,
    disabled: bool,
    must_change_password: bool,
    session_epoch: i64,
    member_status: Option<String>,
    cell_path: Option<String>,
    email: Option<String>,
}

impl From<UserRow> for UserRecord {
    fn from(r: UserRow) -> Self {
        UserRecord {
            id: r.id,
            username: r.username,
            member_id: r.member_id,
            display_name: r.display_name,
            password_hash: r.password_hash,
            is_admin: r.is_admin,
            disabled: r.disabled,
            must_change_password: r.must_change_password,
            session_epoch: r.session_epoch,
            // A status this build does not know counts as inactive.
            member_active: r.member_status.is_none_or(|s| {
                crate::domain::MemberStatus::parse(&s).is_some_and(|s| s.is_active())
            }),
            cell_path: r.cell_path,
            email: r.email.filter(|e| !e.trim().is_empty()),
        }
    }
}

/// One attempt counted on one counter, `$1` username, `$2` address, `$3`
/// now, `$4` limit, `$5` window and `$6` lock (milliseconds): the rule of
/// `Counter::after_attempt` in one atomic statement, read back at once.
/// A counter starts afresh when no lock is in force and its window is over
/// or a lock has expired; a lock in force keeps its end.
pub(crate) const COUNT_ATTEMPT: &str = "INSERT INTO login_counters \
     (username, address, failures, window_start, locked_until) \
     VALUES ($1, $2, 1, $3, CASE WHEN $4 <= 1 THEN $3 + $6 END) \
     ON CONFLICT (username, address) DO UPDATE SET \
     failures = CASE WHEN (login_counters.locked_until IS NULL OR login_counters.locked_until <= $3) \
       AND (login_counters.window_start <= $3 - $5 OR login_counters.locked_until IS NOT NULL) \
       THEN 1 ELSE login_counters.failures + 1 END, \
     window_start = CASE WHEN (login_counters.locked_until IS NULL OR login_counters.locked_until <= $3) \
       AND (login_counters.window_start <= $3 - $5 OR login_counters.locked_until IS NOT NULL) \
       THEN $3 ELSE login_counters.window_start END, \
     locked_until = CASE \
       WHEN login_counters.locked_until > $3 THEN login_counters.locked_until \
       WHEN (login_counters.window_start <= $3 - $5 OR login_counters.locked_until IS NOT NULL) \
         THEN CASE WHEN $4 <= 1 THEN $3 + $6 END \
       WHEN login_counters.failures + 1 >= $4 THEN $3 + $6 \
       END \
     RETURNING failures, window_start, locked_until";

/// Taking an attempt of `$1` from `$2` back: the pair's counter is cleared,
/// the address's and the username's everywhere lose one.
pub(crate) const RELEASE_ATTEMPT: [&str; 2] = [
    "DELETE FROM login_counters WHERE username = $1 AND address = $2",
    "UPDATE login_counters SET failures = failures - 1 WHERE failures > 0 \
     AND ((username = $1 AND address = '') OR (username = '' AND address = $2))",
];

/// A counter as read back from the database (times in milliseconds).
pub(crate) fn counter((failures, start, until): (i64, i64, Option<i64>)) -> Counter {
    let at = chrono::DateTime::from_timestamp_millis;
    Counter {
        failures: u32::try_from(failures.max(0)).unwrap_or(u32::MAX),
        window_start: at(start),
        locked_until: until.and_then(at),
    }
}
