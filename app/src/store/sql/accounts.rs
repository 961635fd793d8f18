//! The account statements, compiled once per backend: the including module names its
//! store type `This` and its database `Db`.

use super::{Db, This};

#[allow(dead_code)]
type Conn = <Db as sqlx::Database>::Connection;

/// A position a user's member holds now, with its unit.
#[derive(sqlx::FromRow)]
struct ScopeRow {
    unit_id: i64,
    unit_path: String,
    unit_kind: String,
    role: String,
}

/// An account of the accounts list, with its member's cell.
#[derive(sqlx::FromRow)]
struct AccountLine {
    id: i64,
    username: String,
    display_name: String,
    member_id: Option<i64>,
    cell_name: Option<String>,
    is_admin: bool,
    disabled: bool,
    must_change_password: bool,
    last_login_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Milliseconds since the epoch.
    locked_until: Option<i64>,
}

#[async_trait::async_trait]
impl crate::store::accounts::AccountStore for This {
    async fn user_by_username(
        &self,
        username: &str,
    ) -> Result<Option<crate::store::model::UserRecord>, crate::store::StoreError> {
        let sql = format!(
            "{} WHERE u.username = $1",
            crate::store::accounts::USER_SELECT
        );
        let row: Option<crate::store::accounts::UserRow> = sqlx::query_as(&sql)
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(Into::into))
    }

    async fn user_by_id(
        &self,
        id: i64,
    ) -> Result<Option<crate::store::model::UserRecord>, crate::store::StoreError> {
        let sql = format!("{} WHERE u.id = $1", crate::store::accounts::USER_SELECT);
        let row: Option<crate::store::accounts::UserRow> = sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(Into::into))
    }

    async fn actor(
        &self,
        user_id: i64,
        session_epoch: i64,
        today: chrono::NaiveDate,
    ) -> Result<Option<crate::domain::authz::User>, crate::store::StoreError> {
        use crate::domain::authz::{Scope, User};
        use crate::domain::{PositionRole, UnitKind};
        let Some(user) = self.user_by_id(user_id).await? else {
            return Ok(None);
        };
        if !user.may_log_in() || user.session_epoch != session_epoch {
            return Ok(None);
        }
        let rows: Vec<ScopeRow> = match user.member_id {
            None => Vec::new(),
            Some(member_id) => {
                sqlx::query_as(
                    "SELECT u.id AS unit_id, u.path AS unit_path, u.kind AS unit_kind, p.role \
                     FROM positions p \
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
            .map(|r| {
                Ok(Scope {
                    unit_id: r.unit_id,
                    unit_path: r.unit_path,
                    unit_kind: UnitKind::parse(&r.unit_kind).ok_or_else(|| {
                        crate::store::StoreError::Fault(format!("unit kind {}", r.unit_kind))
                    })?,
                    role: PositionRole::parse(&r.role).ok_or_else(|| {
                        crate::store::StoreError::Fault(format!("role {}", r.role))
                    })?,
                })
            })
            .collect::<Result<Vec<_>, crate::store::StoreError>>()?;
        Ok(Some(User {
            user_id: user.id,
            member_id: user.member_id,
            cell_path: user.cell_path,
            is_admin: user.is_admin,
            must_change_password: user.must_change_password,
            scopes,
        }))
    }

    async fn count_login_attempt(
        &self,
        username: &str,
        address: &str,
        policy: &crate::domain::throttle::ThrottlePolicy,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<
        Vec<(
            crate::domain::throttle::Scope,
            crate::domain::throttle::Counter,
        )>,
        crate::store::StoreError,
    > {
        use crate::domain::throttle::Scope;
        let now_ms = now.timestamp_millis();
        let mut tx = self.write_tx().await?;
        let mut counted = Vec::with_capacity(Scope::ALL.len());
        for scope in Scope::ALL {
            let rule = policy.rule(scope);
            let (user_key, address_key) = scope.key(username, address);
            let row: (i64, i64, Option<i64>) =
                sqlx::query_as(crate::store::accounts::COUNT_ATTEMPT)
                    .bind(user_key)
                    .bind(address_key)
                    .bind(now_ms)
                    .bind(i64::from(rule.limit))
                    .bind(rule.window.num_milliseconds())
                    .bind(rule.lock.num_milliseconds())
                    .fetch_one(&mut *tx)
                    .await?;
            let counter = crate::store::accounts::counter(row);
            counted.push((scope, counter));
            if counter.refuses(&rule) {
                break;
            }
        }
        tx.commit().await?;
        Ok(counted)
    }

    async fn record_login_success(
        &self,
        user_id: i64,
        username: &str,
        address: &str,
        audit: &crate::store::model::AuditEntry,
    ) -> Result<(), crate::store::StoreError> {
        let mut tx = self.write_tx().await?;
        sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
            .bind(chrono::Utc::now())
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        for sql in crate::store::accounts::RELEASE_ATTEMPT {
            sqlx::query(sql)
                .bind(username)
                .bind(address)
                .execute(&mut *tx)
                .await?;
        }
        Self::write_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn release_login_attempt(
        &self,
        username: &str,
        address: &str,
    ) -> Result<(), crate::store::StoreError> {
        let mut tx = self.write_tx().await?;
        for sql in crate::store::accounts::RELEASE_ATTEMPT {
            sqlx::query(sql)
                .bind(username)
                .bind(address)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        must_change: bool,
        audit: &crate::store::model::AuditEntry,
        notice: Option<(&crate::store::model::NewNotification, bool)>,
    ) -> Result<i64, crate::store::StoreError> {
        let mut tx = self.write_tx().await?;
        let epoch: Option<i64> = sqlx::query_scalar(
            "UPDATE users SET password_hash = $1, must_change_password = $2, \
             updated_at = $3, session_epoch = session_epoch + 1 WHERE id = $4 \
             RETURNING session_epoch",
        )
        .bind(password_hash)
        .bind(must_change)
        .bind(chrono::Utc::now())
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(epoch) = epoch else {
            return Err(crate::store::StoreError::NotFound);
        };
        sqlx::query(
            "DELETE FROM login_counters WHERE username = \
             (SELECT username FROM users WHERE id = $1)",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        Self::write_audit(&mut tx, audit).await?;
        if let Some((n, emailed)) = notice {
            let now = chrono::Utc::now();
            sqlx::query(
                "INSERT INTO notifications (user_id, at, kind, subject, detail, link, emailed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(n.user_id)
            .bind(now)
            .bind(n.kind.as_str())
            .bind(&n.subject)
            .bind(&n.detail)
            .bind(&n.link)
            .bind(emailed.then_some(now))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(epoch)
    }

    async fn insert_users(
        &self,
        users: &[crate::store::model::NewUser],
        audit: &crate::store::model::AuditEntry,
    ) -> Result<u64, crate::store::StoreError> {
        use sqlx::QueryBuilder;
        let now = chrono::Utc::now();
        let mut tx = self.write_tx().await?;
        let mut inserted = 0;
        for chunk in users.chunks(500) {
            let done = QueryBuilder::<Db>::new(
                "INSERT INTO users (username, member_id, display_name, password_hash, \
                 is_admin, must_change_password, created_at, updated_at) ",
            )
            .push_values(chunk, |mut b, u| {
                b.push_bind(u.username.to_lowercase())
                    .push_bind(u.member_id)
                    .push_bind(crate::domain::text::clean(&u.display_name))
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
    ) -> Result<(i64, Vec<crate::store::model::AccountRow>), crate::store::StoreError> {
        let pattern = format!(
            "%{}%",
            crate::store::like_escape(&crate::domain::text::fold(query))
        );
        const FROM: &str = "FROM users u LEFT JOIN members m ON m.id = u.member_id \
             LEFT JOIN units c ON c.id = m.cell_id \
             WHERE (u.username LIKE $1 ESCAPE '\\' OR m.search_key LIKE $1 ESCAPE '\\')";
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {FROM}"))
            .bind(&pattern)
            .fetch_one(&self.pool)
            .await?;
        let rows: Vec<AccountLine> = sqlx::query_as(&format!(
            "SELECT u.id, u.username, u.display_name, u.member_id, c.name AS cell_name, u.is_admin, \
             u.disabled, u.must_change_password, u.last_login_at, \
             (SELECT MAX(lc.locked_until) FROM login_counters lc \
              WHERE lc.username = u.username) AS locked_until {FROM} \
             ORDER BY u.is_admin DESC, u.username LIMIT $2 OFFSET $3"
        ))
        .bind(&pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let rows = rows
            .into_iter()
            .map(|r| crate::store::model::AccountRow {
                id: r.id,
                username: r.username,
                display_name: r.display_name,
                member_id: r.member_id,
                cell_name: r.cell_name,
                is_admin: r.is_admin,
                disabled: r.disabled,
                must_change_password: r.must_change_password,
                last_login_at: r.last_login_at.map(|t| t.timestamp()),
                // Only a lock still in force: the page shows it as is
                // (the browser build has no clock to compare with).
                locked_until: r
                    .locked_until
                    .filter(|ms| *ms > chrono::Utc::now().timestamp_millis())
                    .map(|ms| ms / 1000),
            })
            .collect();
        Ok((total, rows))
    }

    async fn members_without_account(
        &self,
        limit: i64,
    ) -> Result<(i64, Vec<crate::store::model::MemberWithoutAccount>), crate::store::StoreError>
    {
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
                    crate::store::model::MemberWithoutAccount {
                        member_id,
                        card_number,
                        full_name,
                    }
                })
                .collect(),
        ))
    }

    async fn set_disabled(
        &self,
        user_id: i64,
        disabled: bool,
        audit: &crate::store::model::AuditEntry,
    ) -> Result<(), crate::store::StoreError> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3")
            .bind(disabled)
            .bind(chrono::Utc::now())
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Err(crate::store::StoreError::NotFound);
        }
        Self::write_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn demo_logins(
        &self,
    ) -> Result<Vec<crate::store::model::DemoLogin>, crate::store::StoreError> {
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
                out.push(crate::store::model::DemoLogin {
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
