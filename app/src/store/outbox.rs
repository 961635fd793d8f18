//! Notices on their way out by e-mail (only when SMTP is configured). A
//! notice is claimed before it is sent, by a conditional UPDATE, so that of
//! several instances of the server exactly one sends it; a sending that
//! failed for a reason that may pass gives the claim back.

use super::StoreError;
use super::model::Notification;
use async_trait::async_trait;

/// A notice to send, with where to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub notification: Notification,
    pub display_name: String,
    /// The member's e-mail, else a staff account's username (an e-mail);
    /// `None`: nowhere to send it (the notice stays in the inbox only).
    pub address: Option<String>,
}

#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Claims up to `limit` notices written at or after `since` and not
    /// yet handled, oldest first, for users whose account is enabled.
    async fn claim_emails(
        &self,
        since: chrono::DateTime<chrono::Utc>,
        limit: i64,
    ) -> Result<Vec<OutgoingEmail>, StoreError>;
    /// Gives a claimed notice back, to be tried again.
    async fn release_email(&self, id: i64) -> Result<(), StoreError>;
}

macro_rules! impl_outbox {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::outbox::OutboxStore for $store {
            async fn claim_emails(
                &self,
                since: chrono::DateTime<chrono::Utc>,
                limit: i64,
            ) -> Result<Vec<$crate::store::outbox::OutgoingEmail>, $crate::store::StoreError> {
                let now = chrono::Utc::now();
                let candidates: Vec<i64> = sqlx::query_scalar(
                    "SELECT id FROM notifications WHERE emailed_at IS NULL AND at >= $1 \
                     ORDER BY id LIMIT $2",
                )
                .bind(since)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(candidates.len());
                for id in candidates {
                    let claimed = sqlx::query(
                        "UPDATE notifications SET emailed_at = $1 WHERE id = $2 AND emailed_at IS NULL",
                    )
                    .bind(now)
                    .bind(id)
                    .execute(&self.pool)
                    .await?
                    .rows_affected()
                        == 1;
                    if !claimed {
                        // Another instance has it.
                        continue;
                    }
                    type Row = (
                        chrono::DateTime<chrono::Utc>,
                        String,
                        String,
                        String,
                        String,
                        String,
                        String,
                        Option<String>,
                        bool,
                    );
                    let row: Option<Row> = sqlx::query_as(
                        "SELECT n.at, n.kind, n.subject, n.detail, n.link, u.display_name, \
                         u.username, m.email, u.disabled \
                         FROM notifications n JOIN users u ON u.id = n.user_id \
                         LEFT JOIN members m ON m.id = u.member_id WHERE n.id = $1",
                    )
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                    let Some((at, kind, subject, detail, link, name, username, email, disabled)) = row
                    else {
                        continue;
                    };
                    if disabled {
                        continue;
                    }
                    let address = email
                        .filter(|e| e.contains('@'))
                        .or_else(|| username.contains('@').then_some(username));
                    out.push($crate::store::outbox::OutgoingEmail {
                        notification: $crate::store::model::Notification {
                            id,
                            at,
                            kind: $crate::domain::records::NoticeKind::parse(&kind),
                            subject,
                            detail,
                            link,
                            read: false,
                        },
                        display_name: name,
                        address,
                    });
                }
                Ok(out)
            }

            async fn release_email(&self, id: i64) -> Result<(), $crate::store::StoreError> {
                sqlx::query("UPDATE notifications SET emailed_at = NULL WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_outbox;
