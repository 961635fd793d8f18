//! Accounts, login counters and the actor behind a session.

use super::StoreError;
use super::model::{AccountRow, AuditEntry, DemoLogin, MemberWithoutAccount, NewUser, UserRecord};
use crate::domain::authz::User;
use crate::domain::throttle::Counter;
use async_trait::async_trait;

#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn user_by_username(&self, username: &str) -> Result<Option<UserRecord>, StoreError>;
    async fn user_by_id(&self, id: i64) -> Result<Option<UserRecord>, StoreError>;
    /// The account as an actor: its positions valid on `today`, with their units.
    async fn actor(
        &self,
        user_id: i64,
        today: chrono::NaiveDate,
    ) -> Result<Option<User>, StoreError>;
    /// Failed logins from one client address.
    async fn address_counter(&self, address: &str) -> Result<Counter, StoreError>;
    /// Stores the counters after a failed login and its audit entry, together.
    async fn record_login_failure(
        &self,
        user: Option<(i64, Counter)>,
        address: &str,
        address_counter: Counter,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    /// Clears the account's counter, notes the time, writes the audit entry.
    async fn record_login_success(
        &self,
        user_id: i64,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        must_change: bool,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
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

/// Account statements for both backends (see `impl_common!`).
macro_rules! impl_accounts {
    ($store:ty, $db:ty, $conn:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::accounts::AccountStore for $store {
            async fn user_by_username(
                &self,
                username: &str,
            ) -> Result<Option<$crate::store::model::UserRecord>, $crate::store::StoreError> {
                let sql = format!("{} WHERE u.username = $1", $crate::store::accounts::USER_SELECT);
                let row: Option<$crate::store::accounts::UserRow> = sqlx::query_as(&sql)
                .bind(username)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn user_by_id(
                &self,
                id: i64,
            ) -> Result<Option<$crate::store::model::UserRecord>, $crate::store::StoreError> {
                let sql = format!("{} WHERE u.id = $1", $crate::store::accounts::USER_SELECT);
                let row: Option<$crate::store::accounts::UserRow> = sqlx::query_as(&sql)
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn actor(
                &self,
                user_id: i64,
                today: chrono::NaiveDate,
            ) -> Result<Option<$crate::domain::authz::User>, $crate::store::StoreError> {
                use $crate::domain::authz::{Scope, User};
                use $crate::domain::{PositionRole, UnitKind};
                let Some(user) = self.user_by_id(user_id).await? else {
                    return Ok(None);
                };
                if user.disabled {
                    return Ok(None);
                }
                let rows: Vec<(i64, String, String, String)> = match user.member_id {
                    None => Vec::new(),
                    Some(member_id) => {
                        sqlx::query_as(
                            "SELECT u.id, u.path, u.kind, p.role FROM positions p \
                             JOIN units u ON u.id = p.unit_id \
                             WHERE p.member_id = $1 AND p.valid_from <= $2 \
                             AND (p.valid_to IS NULL OR p.valid_to > $2) AND u.valid_to IS NULL \
                             ORDER BY u.path",
                        )
                        .bind(member_id)
                        .bind(today)
                        .fetch_all(&self.pool)
                        .await?
                    }
                };
                let scopes = rows
                    .into_iter()
                    .map(|(unit_id, unit_path, kind, role)| {
                        Ok(Scope {
                            unit_id,
                            unit_path,
                            unit_kind: UnitKind::parse(&kind).ok_or_else(|| {
                                $crate::store::StoreError::Invalid(format!("unit kind {kind}"))
                            })?,
                            role: PositionRole::parse(&role).ok_or_else(|| {
                                $crate::store::StoreError::Invalid(format!("role {role}"))
                            })?,
                        })
                    })
                    .collect::<Result<Vec<_>, $crate::store::StoreError>>()?;
                Ok(Some(User {
                    user_id: user.id,
                    member_id: user.member_id,
                    cell_path: user.cell_path,
                    is_admin: user.is_admin,
                    must_change_password: user.must_change_password,
                    scopes,
                }))
            }

            async fn address_counter(
                &self,
                address: &str,
            ) -> Result<$crate::domain::throttle::Counter, $crate::store::StoreError> {
                let row: Option<(i32, chrono::DateTime<chrono::Utc>, Option<chrono::DateTime<chrono::Utc>>)> =
                    sqlx::query_as(
                        "SELECT failures, window_start, locked_until FROM login_throttle WHERE address = $1",
                    )
                    .bind(address)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map_or_else(Default::default, |(failures, start, until)| {
                    $crate::domain::throttle::Counter {
                        failures: failures.max(0) as u32,
                        window_start: Some(start),
                        locked_until: until,
                    }
                }))
            }

            async fn record_login_failure(
                &self,
                user: Option<(i64, $crate::domain::throttle::Counter)>,
                address: &str,
                address_counter: $crate::domain::throttle::Counter,
                audit: &$crate::store::model::AuditEntry,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.write_tx().await?;
                if let Some((user_id, c)) = user {
                    sqlx::query(
                        "UPDATE users SET failed_logins = $1, failure_window_start = $2, \
                         locked_until = $3 WHERE id = $4",
                    )
                    .bind(c.failures as i32)
                    .bind(c.window_start)
                    .bind(c.locked_until)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                }
                sqlx::query(
                    "INSERT INTO login_throttle (address, failures, window_start, locked_until) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (address) DO UPDATE SET \
                     failures = excluded.failures, window_start = excluded.window_start, \
                     locked_until = excluded.locked_until",
                )
                .bind(address)
                .bind(address_counter.failures as i32)
                .bind(address_counter.window_start.unwrap_or_else(chrono::Utc::now))
                .bind(address_counter.locked_until)
                .execute(&mut *tx)
                .await?;
                Self::write_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn record_login_success(
                &self,
                user_id: i64,
                audit: &$crate::store::model::AuditEntry,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.write_tx().await?;
                sqlx::query(
                    "UPDATE users SET failed_logins = 0, failure_window_start = NULL, \
                     locked_until = NULL, last_login_at = $1 WHERE id = $2",
                )
                .bind(chrono::Utc::now())
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
                Self::write_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_password(
                &self,
                user_id: i64,
                password_hash: &str,
                must_change: bool,
                audit: &$crate::store::model::AuditEntry,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "UPDATE users SET password_hash = $1, must_change_password = $2, \
                     failed_logins = 0, failure_window_start = NULL, locked_until = NULL, \
                     updated_at = $3 WHERE id = $4",
                )
                .bind(password_hash)
                .bind(must_change)
                .bind(chrono::Utc::now())
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    return Err($crate::store::StoreError::NotFound);
                }
                Self::write_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn insert_users(
                &self,
                users: &[$crate::store::model::NewUser],
                audit: &$crate::store::model::AuditEntry,
            ) -> Result<u64, $crate::store::StoreError> {
                use sqlx::QueryBuilder;
                let now = chrono::Utc::now();
                let mut tx = self.write_tx().await?;
                let mut inserted = 0;
                for chunk in users.chunks(500) {
                    let done = QueryBuilder::<$db>::new(
                        "INSERT INTO users (username, member_id, display_name, password_hash, \
                         is_admin, must_change_password, created_at, updated_at) ",
                    )
                    .push_values(chunk, |mut b, u| {
                        b.push_bind(u.username.to_lowercase())
                            .push_bind(u.member_id)
                            .push_bind($crate::domain::text::clean(&u.display_name))
                            .push_bind(u.password_hash.clone())
                            .push_bind(u.is_admin)
                            .push_bind(u.must_change_password)
                            .push_bind(now)
                            .push_bind(now);
                    })
                    .build()
                    .execute(&mut *tx)
                    .await?;
                    inserted += done.rows_affected();
                }
                Self::write_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(inserted)
            }

            async fn list_accounts(
                &self,
                query: &str,
                offset: i64,
                limit: i64,
            ) -> Result<(i64, Vec<$crate::store::model::AccountRow>), $crate::store::StoreError> {
                let pattern = format!(
                    "%{}%",
                    $crate::store::like_escape(&$crate::domain::text::fold(query))
                );
                const FROM: &str = "FROM users u LEFT JOIN members m ON m.id = u.member_id \
                     LEFT JOIN units c ON c.id = m.cell_id \
                     WHERE (u.username LIKE $1 ESCAPE '\\' OR m.search_key LIKE $1 ESCAPE '\\')";
                let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {FROM}"))
                    .bind(&pattern)
                    .fetch_one(&self.pool)
                    .await?;
                let rows: Vec<(
                    i64,
                    String,
                    String,
                    Option<i64>,
                    Option<String>,
                    bool,
                    bool,
                    bool,
                    Option<chrono::DateTime<chrono::Utc>>,
                    Option<chrono::DateTime<chrono::Utc>>,
                )> = sqlx::query_as(&format!(
                    "SELECT u.id, u.username, u.display_name, u.member_id, c.name, u.is_admin, \
                     u.disabled, u.must_change_password, u.last_login_at, u.locked_until {FROM} \
                     ORDER BY u.is_admin DESC, u.username LIMIT $2 OFFSET $3"
                ))
                .bind(&pattern)
                .bind(limit)
                .bind(offset)
                .fetch_all(&self.pool)
                .await?;
                let rows = rows
                    .into_iter()
                    .map(|r| $crate::store::model::AccountRow {
                        id: r.0,
                        username: r.1,
                        display_name: r.2,
                        member_id: r.3,
                        cell_name: r.4,
                        is_admin: r.5,
                        disabled: r.6,
                        must_change_password: r.7,
                        last_login_at: r.8.map(|t| t.timestamp()),
                        // Only a lock still in force: the page shows it as is
                        // (the browser build has no clock to compare with).
                        locked_until: r.9.filter(|t| *t > chrono::Utc::now()).map(|t| t.timestamp()),
                    })
                    .collect();
                Ok((total, rows))
            }

            async fn members_without_account(
                &self,
                limit: i64,
            ) -> Result<(i64, Vec<$crate::store::model::MemberWithoutAccount>), $crate::store::StoreError> {
                const WHERE: &str = "FROM members m WHERE m.status IN ('probationary', 'full', 'exempt') \
                     AND NOT EXISTS (SELECT 1 FROM users u WHERE u.member_id = m.id)";
                let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {WHERE}"))
                    .fetch_one(&self.pool)
                    .await?;
                let rows: Vec<(i64, String, String)> = sqlx::query_as(&format!(
                    "SELECT m.id, m.card_number, m.full_name {WHERE} ORDER BY m.cell_id, m.name_key LIMIT $1"
                ))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                Ok((
                    total,
                    rows.into_iter()
                        .map(|(member_id, card_number, full_name)| {
                            $crate::store::model::MemberWithoutAccount { member_id, card_number, full_name }
                        })
                        .collect(),
                ))
            }

            async fn set_disabled(
                &self,
                user_id: i64,
                disabled: bool,
                audit: &$crate::store::model::AuditEntry,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query("UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3")
                    .bind(disabled)
                    .bind(chrono::Utc::now())
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() != 1 {
                    return Err($crate::store::StoreError::NotFound);
                }
                Self::write_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn demo_logins(
                &self,
            ) -> Result<Vec<$crate::store::model::DemoLogin>, $crate::store::StoreError> {
                // (role shown, SQL picking the account); each the first by unit path.
                const PICKS: [(&str, &str); 5] = [
                    (
                        "member",
                        "SELECT us.username, us.display_name, c.name || ' (' || pc.name || ')' FROM users us \
                         JOIN members m ON m.id = us.member_id JOIN units c ON c.id = m.cell_id \
                         JOIN units pc ON pc.id = c.parent_id \
                         WHERE c.kind = 'cell' AND us.is_admin = FALSE AND NOT EXISTS \
                         (SELECT 1 FROM positions p WHERE p.member_id = m.id) \
                         ORDER BY c.path, m.id LIMIT 1",
                    ),
                    (
                        "cell secretary",
                        "SELECT us.username, us.display_name, u.name || ' (' || pu.name || ')' FROM positions p \
                         JOIN users us ON us.member_id = p.member_id JOIN units u ON u.id = p.unit_id \
                         JOIN units pu ON pu.id = u.parent_id \
                         WHERE u.kind = 'cell' AND p.role = 'secretary' AND p.valid_to IS NULL \
                         AND NOT EXISTS (SELECT 1 FROM positions q JOIN units v ON v.id = q.unit_id \
                         WHERE q.member_id = p.member_id AND q.valid_to IS NULL AND v.kind <> 'cell') \
                         ORDER BY u.path LIMIT 1",
                    ),
                    (
                        "grassroots committee secretary",
                        "SELECT us.username, us.display_name, u.name FROM positions p \
                         JOIN users us ON us.member_id = p.member_id JOIN units u ON u.id = p.unit_id \
                         WHERE u.kind = 'grassroots_committee' AND p.role = 'secretary' \
                         AND p.valid_to IS NULL ORDER BY u.path LIMIT 1",
                    ),
                    (
                        "bloc standing committee member",
                        "SELECT us.username, us.display_name, u.name FROM positions p \
                         JOIN users us ON us.member_id = p.member_id JOIN units u ON u.id = p.unit_id \
                         WHERE u.kind = 'bloc' AND p.role = 'standing_committee_member' \
                         AND p.valid_to IS NULL ORDER BY p.id LIMIT 1",
                    ),
                    (
                        "administrator",
                        "SELECT us.username, us.display_name, '' FROM users us \
                         WHERE us.is_admin = TRUE ORDER BY us.id LIMIT 1",
                    ),
                ];
                let mut out = Vec::new();
                for (role, sql) in PICKS {
                    let row: Option<(String, String, String)> =
                        sqlx::query_as(sql).fetch_optional(&self.pool).await?;
                    if let Some((username, display_name, unit_name)) = row {
                        out.push($crate::store::model::DemoLogin {
                            role: role.to_string(),
                            username,
                            display_name,
                            unit_name,
                        });
                    }
                }
                Ok(out)
            }
        }
    };
}
pub(crate) use impl_accounts;

/// The columns of a [`UserRecord`], with the member's cell path.
pub(crate) const USER_SELECT: &str = "SELECT u.id, u.username, u.member_id, u.display_name, \
     u.password_hash, u.is_admin, u.disabled, u.must_change_password, u.failed_logins, \
     u.failure_window_start, u.locked_until, c.path AS cell_path FROM users u \
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
    failed_logins: i32,
    failure_window_start: Option<chrono::DateTime<chrono::Utc>>,
    locked_until: Option<chrono::DateTime<chrono::Utc>>,
    cell_path: Option<String>,
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
            counter: Counter {
                failures: r.failed_logins.max(0) as u32,
                window_start: r.failure_window_start,
                locked_until: r.locked_until,
            },
            cell_path: r.cell_path,
        }
    }
}
