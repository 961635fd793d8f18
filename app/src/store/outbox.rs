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
