//! The inbox's notices by e-mail, only when SMTP is configured
//! (`dangbo serve --smtp-url`; off by default). A background task claims the
//! notices not yet handled (see `store::outbox`: each is sent by one
//! instance only), writes each as a short Vietnamese message with a link to
//! its page, and sends it. Members are written to at their dossier's e-mail,
//! staff at their account's; a notice with no address stays in the inbox
//! only. A refusal by the receiving server is logged and not retried; a
//! failure that may pass (the SMTP server unreachable) gives the notice back
//! for the next round.

use app::domain::Locale;
use app::store::DynStore;
use app::store::outbox::OutgoingEmail;
use app::ui::commitment_text::notice_sentence;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, Message, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// Notices claimed per round.
const BATCH: i64 = 50;
/// On start, notices up to this old that no instance has sent yet are sent.
const LOOKBACK_HOURS: i64 = 24;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP address: {0}")]
    Url(String),
    #[error("sender address (--mail-from): {0}")]
    From(String),
    #[error(transparent)]
    Store(#[from] app::store::StoreError),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("recipient: {0}")]
    Address(String),
    #[error("the SMTP server did not answer in time")]
    Timeout,
}

/// A one-time password for one member, and who gave it.
pub struct OneTimeLetter<'a> {
    pub to: &'a str,
    pub display_name: &'a str,
    pub username: &'a str,
    pub password: &'a str,
    /// The administrator, by name.
    pub by: &'a str,
}

/// How long an administrator waits for a reset's letter to be handed over.
const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://user:pass@host:587?tls=required`, `smtps://…:465`, or
    /// `smtp://host:25` (no TLS, a relay on the local network).
    pub smtp_url: String,
    /// "Đảng bộ Khối <khong-tra-loi@example.vn>".
    pub from: String,
    /// The address users reach the app at, for the links (no trailing slash).
    pub public_url: String,
    /// How often the outbox is looked at.
    pub every: std::time::Duration,
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
}

impl Mailer {
    pub fn new(cfg: &MailConfig) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&cfg.smtp_url)
            .map_err(|e| MailError::Url(e.to_string()))?
            .build();
        let from = cfg
            .from
            .parse::<Mailbox>()
            .map_err(|e| MailError::From(e.to_string()))?;
        Ok(Mailer {
            transport,
            from,
            public_url: cfg.public_url.trim_end_matches('/').to_string(),
        })
    }

    /// Sends what is waiting, round after round until the outbox is empty.
    /// Returns how many messages were sent.
    pub async fn send_pending(
        &self,
        store: &DynStore,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<usize, MailError> {
        let mut sent = 0;
        loop {
            let batch = store.claim_emails(since, BATCH).await?;
            if batch.is_empty() {
                return Ok(sent);
            }
            let mut iter = batch.into_iter();
            while let Some(mail) = iter.next() {
                let Some(to) = mail.address.as_deref() else {
                    continue;
                };
                let message = match self.message(&mail, to) {
                    Ok(m) => m,
                    Err(e) => {
                        tracing::warn!(notice = mail.notification.id, error = %e, "notice not e-mailed: bad address");
                        continue;
                    }
                };
                match self.transport.send(message).await {
                    Ok(_) => sent += 1,
                    Err(e) if e.is_permanent() => {
                        tracing::warn!(notice = mail.notification.id, error = %e, "notice refused by the mail server");
                    }
                    Err(e) => {
                        // Give this one and the rest of the batch back for
                        // the next round.
                        store.release_email(mail.notification.id).await?;
                        for rest in iter {
                            store.release_email(rest.notification.id).await?;
                        }
                        return Err(e.into());
                    }
                }
            }
        }
    }

    /// Sends a one-time password straight to the member (a reset by an
    /// administrator who is not to learn it). Bounded in time: the
    /// administrator is waiting for the page.
    pub async fn send_one_time(&self, letter: &OneTimeLetter<'_>) -> Result<(), MailError> {
        let message = self.one_time_message(letter).map_err(MailError::Address)?;
        match tokio::time::timeout(SEND_TIMEOUT, self.transport.send(message)).await {
            Ok(sent) => sent.map(|_| ()).map_err(Into::into),
            Err(_) => Err(MailError::Timeout),
        }
    }

    /// The letter carrying a one-time password, in Vietnamese.
    pub fn one_time_message(&self, letter: &OneTimeLetter<'_>) -> Result<Message, String> {
        let to = Mailbox::new(
            Some(letter.display_name.to_string()),
            letter
                .to
                .parse()
                .map_err(|e: lettre::address::AddressError| e.to_string())?,
        );
        let login = format!("{}/dang-nhap", self.public_url);
        let body = format!(
            "Kính gửi đồng chí {name},\n\n\
             Mật khẩu tài khoản của đồng chí đã được {by} cấp lại.\n\n\
             Tên đăng nhập: {username}\n\
             Mật khẩu tạm: {password}\n\n\
             Đồng chí đăng nhập tại {login} và đặt mật khẩu mới ngay ở lần đăng nhập này.\n\
             Nếu đồng chí không đề nghị cấp lại mật khẩu, hãy báo ngay cho Văn phòng Đảng ủy.\n\n--\n\
             Thư gửi tự động từ hệ thống của Đảng bộ Khối; xin đừng trả lời thư này.\n",
            name = letter.display_name,
            by = letter.by,
            username = letter.username,
            password = letter.password,
        );
        let part = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .header(ContentTransferEncoding::Base64)
            .body(body);
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject("Mật khẩu tạm cho tài khoản dangbo")
            .singlepart(part)
            .map_err(|e| e.to_string())
    }

    /// The message of one notice, in Vietnamese (the language of the
    /// organisation's correspondence).
    pub fn message(&self, mail: &OutgoingEmail, to: &str) -> Result<Message, String> {
        let to = Mailbox::new(
            Some(mail.display_name.clone()),
            to.parse()
                .map_err(|e: lettre::address::AddressError| e.to_string())?,
        );
        let sentence = notice_sentence(&mail.notification, Locale::Vi);
        let subject: String = sentence.chars().take(120).collect();
        let link = format!("{}{}", self.public_url, mail.notification.link);
        let inbox = format!("{}{}", self.public_url, app::api::inbox::INBOX_PAGE);
        let body = format!(
            "Kính gửi đồng chí {name},\n\n{sentence}\n\nXem chi tiết: {link}\n\n--\n\
             Thư gửi tự động từ hệ thống của Đảng bộ Khối; xin đừng trả lời thư này.\n\
             Mọi thông báo của đồng chí: {inbox}\n",
            name = mail.display_name,
        );
        // Base64 whatever the text: any mail server carries it unchanged.
        let part = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .header(ContentTransferEncoding::Base64)
            .body(body);
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .singlepart(part)
            .map_err(|e| e.to_string())
    }
}

/// Starts the background task. Its failures are logged and retried at the
/// next tick; they never stop the server.
pub fn spawn(
    store: DynStore,
    mailer: std::sync::Arc<Mailer>,
    every: std::time::Duration,
) -> tokio::task::JoinHandle<()> {
    let since = chrono::Utc::now() - chrono::Duration::hours(LOOKBACK_HOURS);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match mailer.send_pending(&store, since).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sent = n, "notices e-mailed"),
                Err(e) => tracing::warn!(error = %e, "e-mailing notices failed; retrying later"),
            }
        }
    })
}

/// The SMTP address without its password, for the start-up message.
pub fn redact(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://…@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            redact("smtps://user:secret@mail.example.vn:465"),
            "smtps://…@mail.example.vn:465"
        );
        assert_eq!(redact("smtp://relay:25"), "smtp://relay:25");
    }

    #[test]
    fn a_bad_sender_is_refused_before_start() {
        let cfg = MailConfig {
            smtp_url: "smtp://127.0.0.1:25".into(),
            from: "not an address".into(),
            public_url: "http://127.0.0.1:3000".into(),
            every: std::time::Duration::from_secs(30),
        };
        assert!(matches!(Mailer::new(&cfg), Err(MailError::From(_))));
    }
}
