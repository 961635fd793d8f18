//! The e-mail outbox's statements, compiled once per backend: the including module names its
//! store type `This` and its database `Db`.

use super::{Db, This};

#[allow(dead_code)]
type Conn = <Db as sqlx::Database>::Connection;

#[async_trait::async_trait]
impl crate::store::outbox::OutboxStore for This {
    async fn claim_emails(
        &self,
        since: chrono::DateTime<chrono::Utc>,
        limit: i64,
    ) -> Result<Vec<crate::store::outbox::OutgoingEmail>, crate::store::StoreError> {
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
            out.push(crate::store::outbox::OutgoingEmail {
                notification: crate::store::model::Notification {
                    id,
                    at,
                    kind: crate::domain::records::NoticeKind::parse(&kind),
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

    async fn release_email(&self, id: i64) -> Result<(), crate::store::StoreError> {
        sqlx::query("UPDATE notifications SET emailed_at = NULL WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
