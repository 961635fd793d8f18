//! Notices by e-mail: the mailer talks SMTP to a small receiver on a local
//! port and sends each notice once, to the right address, in Vietnamese with
//! a link to its page; an unreachable server gives the notices back for
//! later; a refused recipient is not retried. A password reset of a member
//! with an e-mail goes to that e-mail only.

use app::store::DynStore;
use app::store::model::{NewNotification, NoticeKind};
use base64::Engine;
use server::commands;
use server::mail::{MailConfig, Mailer};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

const ADMIN: &str = "quantri@dangbo.vn";

/// What the receiver was given: (recipients, the message as sent).
type Inbox = Arc<Mutex<Vec<(Vec<String>, String)>>>;

/// A minimal SMTP server on 127.0.0.1: accepts every message, or refuses
/// every recipient with a permanent 550 when `refuse` is set.
async fn receiver(refuse: bool) -> (u16, Inbox) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox: Inbox = Arc::default();
    let got = inbox.clone();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let got = got.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let mut rcpt = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.to_ascii_uppercase();
                    let answer: &[u8] = if verb.starts_with("EHLO") {
                        b"250-test\r\n250 8BITMIME\r\n"
                    } else if verb.starts_with("RCPT TO:") {
                        if refuse {
                            b"550 5.1.1 no such user\r\n"
                        } else {
                            rcpt.push(line[8..].trim().trim_matches(['<', '>']).to_string());
                            b"250 ok\r\n"
                        }
                    } else if verb == "DATA" {
                        write.write_all(b"354 go on\r\n").await.unwrap();
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        got.lock().unwrap().push((std::mem::take(&mut rcpt), data));
                        b"250 queued\r\n"
                    } else if verb == "QUIT" {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    } else {
                        // MAIL FROM, RSET, NOOP.
                        b"250 ok\r\n"
                    };
                    write.write_all(answer).await.unwrap();
                }
            });
        }
    });
    (port, inbox)
}

fn mailer(port: u16) -> Mailer {
    Mailer::new(&MailConfig {
        smtp_url: format!("smtp://127.0.0.1:{port}"),
        from: "Đảng bộ Khối <khong-tra-loi@dangbo.test>".into(),
        public_url: "http://dangbo.test/".into(),
        every: std::time::Duration::from_secs(1),
    })
    .unwrap()
}

/// The text of a base64 body and of the subject's encoded words.
fn decoded(message: &str) -> (String, String) {
    let b64 = base64::engine::general_purpose::STANDARD;
    let (head, body) = message.split_once("\n\n").unwrap();
    let body: String = body.lines().collect();
    let body = String::from_utf8(b64.decode(body.trim()).unwrap()).unwrap();
    // "Subject:" folded over lines, words plain or "=?utf-8?b?…?=" (RFC
    // 2047: the space between two encoded words is not part of the text).
    let mut folded = String::new();
    let mut in_subject = false;
    for line in head.lines() {
        if let Some(rest) = line.strip_prefix("Subject:") {
            in_subject = true;
            folded.push_str(rest);
        } else if in_subject && line.starts_with([' ', '\t']) {
            folded.push_str(line);
        } else {
            in_subject = false;
        }
    }
    let mut subject = String::new();
    let mut last_encoded = false;
    for word in folded.split_whitespace() {
        let encoded = word
            .strip_prefix("=?utf-8?b?")
            .and_then(|w| w.strip_suffix("?="));
        let joined = last_encoded && encoded.is_some();
        if !subject.is_empty() && !joined {
            subject.push(' ');
        }
        match encoded {
            Some(inner) => {
                subject.push_str(&String::from_utf8(b64.decode(inner).unwrap()).unwrap())
            }
            None => subject.push_str(word),
        }
        last_encoded = encoded.is_some();
    }
    (subject, body)
}

async fn demo_store() -> (DynStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("mail.sqlite3").display());
    let store = commands::open(&url).await.unwrap();
    commands::load_demo_if_empty(&store).await.unwrap();
    (store, dir)
}

async fn notify_admin(store: &DynStore, notes: &[(NoticeKind, &str, &str)]) {
    let admin = store.user_by_username(ADMIN).await.unwrap().unwrap().id;
    let notes: Vec<NewNotification> = notes
        .iter()
        .map(|(kind, subject, detail)| NewNotification {
            user_id: admin,
            kind: *kind,
            commitment_id: None,
            subject: (*subject).into(),
            detail: (*detail).into(),
            link: "/duyet-cam-ket?chi-bo=SLDTBXH-07".into(),
        })
        .collect();
    store.add_notifications(&notes).await.unwrap();
}

#[tokio::test]
async fn notices_are_mailed_once_and_kept_when_the_server_is_away() {
    let (store, _dir) = demo_store().await;
    let since = chrono::Utc::now() - chrono::Duration::minutes(1);
    notify_admin(
        &store,
        &[
            (NoticeKind::Submitted, "Phạm Minh Hải", ""),
            (
                NoticeKind::Deadline,
                "Chi bộ Trung tâm Công tác xã hội",
                "3:2021-03-31",
            ),
        ],
    )
    .await;

    // Nobody listens on this port: nothing is lost, both wait for later.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let closed_port = closed.local_addr().unwrap().port();
    drop(closed);
    assert!(
        mailer(closed_port)
            .send_pending(&store, since)
            .await
            .is_err()
    );

    let (port, inbox) = receiver(false).await;
    let mailer = mailer(port);
    assert_eq!(mailer.send_pending(&store, since).await.unwrap(), 2);
    assert_eq!(mailer.send_pending(&store, since).await.unwrap(), 0, "once");

    let got = inbox.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    for (rcpt, _) in &got {
        assert_eq!(rcpt, &[ADMIN.to_string()]);
    }
    let (subject, body) = decoded(&got[0].1);
    assert_eq!(subject, "Phạm Minh Hải đã nộp bản cam kết");
    assert!(
        body.contains("Kính gửi đồng chí Quản trị hệ thống"),
        "{body}"
    );
    assert!(body.contains("Phạm Minh Hải đã nộp bản cam kết"), "{body}");
    assert!(
        body.contains("http://dangbo.test/duyet-cam-ket?chi-bo=SLDTBXH-07"),
        "{body}"
    );
    let (subject, _) = decoded(&got[1].1);
    assert_eq!(
        subject,
        "Chi bộ Trung tâm Công tác xã hội còn 3 đảng viên chưa nộp bản cam kết, hạn 31/03/2021"
    );
}

#[tokio::test]
async fn a_refused_recipient_is_not_retried() {
    let (store, _dir) = demo_store().await;
    let since = chrono::Utc::now() - chrono::Duration::minutes(1);
    notify_admin(&store, &[(NoticeKind::Approved, "", "")]).await;
    let (port, inbox) = receiver(true).await;
    let mailer = mailer(port);
    assert_eq!(mailer.send_pending(&store, since).await.unwrap(), 0);
    assert_eq!(mailer.send_pending(&store, since).await.unwrap(), 0);
    assert!(inbox.lock().unwrap().is_empty());
    // The notice is still in the inbox.
    let admin = store.user_by_username(ADMIN).await.unwrap().unwrap().id;
    assert_eq!(store.unread_notifications(admin).await.unwrap(), 1);
}

/// A server on the demo whose resets go out through `mailer`, and an
/// administrator logged in to it.
async fn server_mailing_to(port: u16) -> (crate::support::TestServer, reqwest::Client) {
    use server::auth::AuthConfig;
    let (store, dir) = demo_store().await;
    let mailer = Arc::new(mailer(port));
    let srv = crate::support::start_configured(store, dir, AuthConfig::default(), |state| {
        state.mailer = Some(mailer)
    })
    .await;
    let admin = crate::support::browser();
    assert_eq!(
        crate::support::login(&admin, &srv.base, ADMIN, server::demo::DEMO_PASSWORD).await,
        "/"
    );
    (srv, admin)
}

/// A demo member who has an account and an e-mail: (username, user id, e-mail).
async fn member_with_email(store: &DynStore) -> (String, i64, String) {
    for login in store.demo_logins().await.unwrap() {
        let user = store
            .user_by_username(&login.username)
            .await
            .unwrap()
            .unwrap();
        if let (Some(_), Some(email), false) = (user.member_id, user.email, user.is_admin) {
            return (login.username, user.id, email);
        }
    }
    panic!("no demo member with an e-mail")
}

async fn reset(srv: &crate::support::TestServer, admin: &reqwest::Client, user_id: i64) -> String {
    use crate::support::SameSite;
    let res = admin
        .post(format!("{}/auth/accounts/reset", srv.base))
        .same_site(&srv.base)
        .form(&[("user_id", user_id.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers().get_all("set-cookie").iter().all(|c| !c
            .to_str()
            .unwrap()
            .starts_with(app::api::one_time::KEY_COOKIE)),
        "nothing to show: no key"
    );
    crate::support::page(admin, &srv.base, "/quan-tri/tai-khoan").await
}

#[tokio::test]
async fn a_reset_goes_to_the_members_e_mail_and_the_administrator_never_sees_it() {
    use crate::support::{SameSite, browser, login};
    let (port, inbox) = receiver(false).await;
    let (srv, admin) = server_mailing_to(port).await;
    let (username, user_id, email) = member_with_email(&srv.store).await;
    let name = srv
        .store
        .user_by_id(user_id)
        .await
        .unwrap()
        .unwrap()
        .display_name;

    let page = reset(&srv, &admin, user_id).await;
    assert!(
        page.contains(&format!(
            "Đã gửi mật khẩu tạm đến thư điện tử của đảng viên {name}"
        )),
        "the administrator is told where it went"
    );
    assert!(!page.contains("one-time-password"), "and is not shown it");

    let got = inbox.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "one letter");
    assert_eq!(got[0].0, [email]);
    let (subject, body) = decoded(&got[0].1);
    assert_eq!(subject, "Mật khẩu tạm cho tài khoản dangbo");
    assert!(
        body.contains("cấp lại") && body.contains("Quản trị hệ thống"),
        "{body}"
    );
    assert!(
        body.contains(&format!("Tên đăng nhập: {username}")),
        "{body}"
    );
    let password = body
        .lines()
        .find_map(|l| l.strip_prefix("Mật khẩu tạm: "))
        .unwrap()
        .trim()
        .to_string();
    assert!(
        !srv.disk()
            .windows(password.len())
            .any(|w| w == password.as_bytes()),
        "the password is nowhere on the disk"
    );

    // The old password is gone; the one in the letter must be changed at once,
    // and the password page says who reset it.
    assert_eq!(
        login(
            &browser(),
            &srv.base,
            &username,
            server::demo::DEMO_PASSWORD
        )
        .await,
        "/dang-nhap?loi=sai"
    );
    let m = browser();
    assert_eq!(
        login(&m, &srv.base, &username, &password).await,
        "/doi-mat-khau"
    );
    let page = crate::support::page(&m, &srv.base, "/doi-mat-khau").await;
    assert!(
        page.contains("Mật khẩu của đồng chí đã được Quản trị hệ thống cấp lại lúc"),
        "{page}"
    );
    let res = m
        .post(format!("{}/auth/password", srv.base))
        .same_site(&srv.base)
        .form(&[
            ("current", password.as_str()),
            ("new", "Mật khẩu mới 2021"),
            ("confirm", "Mật khẩu mới 2021"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/doi-mat-khau?xong=1");
    // The notice stays in the inbox, and the letter was the e-mail: the
    // outbox does not send a second one.
    let inbox_page = crate::support::page(&m, &srv.base, "/thong-bao").await;
    assert!(
        inbox_page.contains("Mật khẩu của đồng chí đã được Quản trị hệ thống cấp lại"),
        "{inbox_page}"
    );
    let since = chrono::Utc::now() - chrono::Duration::minutes(5);
    assert_eq!(
        mailer(port).send_pending(&srv.store, since).await.unwrap(),
        0
    );
    assert_eq!(inbox.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_reset_whose_letter_is_refused_changes_nothing() {
    use crate::support::{browser, login};
    let (port, inbox) = receiver(true).await;
    let (srv, admin) = server_mailing_to(port).await;
    let (username, user_id, _) = member_with_email(&srv.store).await;
    let name = srv
        .store
        .user_by_id(user_id)
        .await
        .unwrap()
        .unwrap()
        .display_name;
    let notices = srv.store.notifications(user_id, 100).await.unwrap().len();

    let page = reset(&srv, &admin, user_id).await;
    assert!(
        page.contains(&format!(
            "Không gửi được thư điện tử cho đảng viên {name}: mật khẩu chưa thay đổi"
        )),
        "{page}"
    );
    assert!(!page.contains("one-time-password"));
    assert!(inbox.lock().unwrap().is_empty());
    assert_eq!(
        login(
            &browser(),
            &srv.base,
            &username,
            server::demo::DEMO_PASSWORD
        )
        .await,
        "/",
        "the password is unchanged"
    );
    assert_eq!(
        srv.store.notifications(user_id, 100).await.unwrap().len(),
        notices,
        "and nobody is told of a reset that did not happen"
    );
}
