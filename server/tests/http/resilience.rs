//! The holes a review found, each shut: login counting under concurrency,
//! unknown usernames, locks per address and behind proxies, redirects, input
//! that used to panic, slow clients, sessions that must end or live on.

use crate::support::{SameSite, me};
use crate::support::{TestServer, browser, client, demo_server, demo_user, login};
use app::domain::MemberStatus;
use app::domain::structure::{Change, Dated};
use server::demo::{ADMIN_USERNAME, DEMO_PASSWORD};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Posts the login form as the client at `from` (through a trusted proxy,
/// when the server has one); returns the redirect target.
async fn login_from(
    c: &reqwest::Client,
    base: &str,
    user: &str,
    password: &str,
    from: &str,
) -> String {
    let res = c
        .post(format!("{base}/auth/login"))
        .same_site(base)
        .header("x-forwarded-for", from)
        .form(&[("username", user), ("password", password), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    res.headers()["location"].to_str().unwrap().to_string()
}

/// A demo server whose requests from 127.0.0.1 come through a trusted proxy.
async fn behind_proxy() -> TestServer {
    let auth = server::auth::AuthConfig {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Default::default()
    };
    crate::support::demo_server_with(auth).await
}

#[tokio::test]
async fn concurrent_wrong_passwords_cannot_pass_the_limit() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    let attempts = (0..50).map(|_| {
        let (base, user) = (srv.base.clone(), user.clone());
        tokio::spawn(async move { login(&browser(), &base, &user, "doan-mo").await })
    });
    let mut wrong = 0;
    for a in attempts {
        let answer = a.await.unwrap();
        if answer == "/dang-nhap?loi=sai" {
            wrong += 1;
        } else {
            assert!(answer.starts_with("/dang-nhap?loi=khoa&den="), "{answer}");
        }
    }
    assert!(wrong <= 5, "{wrong} answers said only 'wrong password'");
    let right = login(&browser(), &srv.base, &user, DEMO_PASSWORD).await;
    assert!(
        right.starts_with("/dang-nhap?loi=khoa"),
        "the account is locked afterwards: {right}"
    );
}

#[tokio::test]
async fn unknown_card_numbers_answer_and_lock_like_known_ones() {
    let srv = demo_server().await;
    let known = demo_user(&srv, "member").await;
    for user in [known.as_str(), "99999999"] {
        let c = browser();
        let answers: Vec<String> = {
            let mut v = Vec::new();
            for _ in 0..6 {
                let a = login(&c, &srv.base, user, "doan-mo").await;
                v.push(a.split("&den=").next().unwrap().to_string());
            }
            v
        };
        assert_eq!(
            answers,
            [
                "/dang-nhap?loi=sai",
                "/dang-nhap?loi=sai",
                "/dang-nhap?loi=sai",
                "/dang-nhap?loi=sai",
                "/dang-nhap?loi=khoa",
                "/dang-nhap?loi=khoa",
            ],
            "{user}"
        );
    }
}

#[tokio::test]
async fn a_lock_from_one_address_does_not_lock_the_owner_out_elsewhere() {
    let srv = behind_proxy().await;
    let admin = ADMIN_USERNAME;
    let c = browser();
    for _ in 0..5 {
        login_from(&c, &srv.base, admin, "doan-mo", "203.0.113.7").await;
    }
    let there = login_from(&c, &srv.base, admin, DEMO_PASSWORD, "203.0.113.7").await;
    assert!(there.starts_with("/dang-nhap?loi=khoa"), "{there}");
    // The administrator, at the office, logs in.
    let office = login_from(&browser(), &srv.base, admin, DEMO_PASSWORD, "198.51.100.20").await;
    assert_eq!(office, "/");
    // One IPv6 subscriber's /64 is one address for the limit.
    let v6 = browser();
    for i in 0..5 {
        login_from(
            &v6,
            &srv.base,
            "12345678",
            "x",
            &format!("2001:db8:7:7::{i}"),
        )
        .await;
    }
    let next = login_from(&v6, &srv.base, "12345678", "x", "2001:db8:7:7:ffff::9").await;
    assert!(next.starts_with("/dang-nhap?loi=khoa"), "{next}");
}

#[tokio::test]
async fn forwarded_headers_from_untrusted_peers_are_ignored() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    let c = browser();
    // A new made-up address each time would be a fresh counter each time,
    // were the header believed.
    for i in 0..5 {
        login_from(&c, &srv.base, &user, "doan-mo", &format!("10.9.0.{i}")).await;
    }
    let sixth = login_from(&c, &srv.base, &user, DEMO_PASSWORD, "10.9.0.99").await;
    assert!(sixth.starts_with("/dang-nhap?loi=khoa"), "{sixth}");
}

#[tokio::test]
async fn redirects_never_leave_the_site_nor_panic() {
    let srv = demo_server().await;
    for back in [
        "/%09/evil.example",
        "/%0a/evil.example",
        "//evil.example",
        "/%5Cevil.example",
        "https://evil.example/",
        "/%01",
    ] {
        let res = client()
            .get(format!("{}/lang/vi?back={back}", srv.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{back}");
        assert_eq!(res.headers()["location"], "/", "{back}");
    }
    // A notice marked read with a control character in `back` used to panic
    // building the header.
    let c = browser();
    login(
        &c,
        &srv.base,
        &demo_user(&srv, "member").await,
        DEMO_PASSWORD,
    )
    .await;
    let res = c
        .post(format!("{}/api/inbox/read", srv.base))
        .same_site(&srv.base)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .body("back=%2F%01")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()["location"], "/thong-bao");
    // A vast page number.
    let admin = browser();
    login(&admin, &srv.base, ADMIN_USERNAME, DEMO_PASSWORD).await;
    let res = admin
        .get(format!(
            "{}/quan-tri/tai-khoan?trang=9223372036854775807",
            srv.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

/// 500 connections that send half a request and then nothing: the server
/// keeps answering others at once, and drops the silent ones after its
/// header-read time.
#[tokio::test]
async fn half_sent_requests_do_not_stop_others_being_served() {
    let srv = demo_server().await;
    let addr = srv.base.trim_start_matches("http://").to_string();
    let mut slow = Vec::new();
    for _ in 0..500 {
        let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .await
            .unwrap();
        slow.push(s);
    }
    let started = Instant::now();
    let res = client()
        .get(format!("{}/healthz", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(1),
        "a normal client waited {took:?}"
    );
    // The half-sent ones are closed once the header-read time is over.
    let limits = server::serving::Limits::default();
    tokio::time::sleep(limits.header_read + Duration::from_secs(1)).await;
    let mut buf = [0u8; 256];
    let mut closed = 0;
    for s in slow.iter_mut().take(20) {
        match tokio::time::timeout(Duration::from_secs(2), s.read(&mut buf)).await {
            Ok(Ok(_)) | Ok(Err(_)) => closed += 1,
            Err(_) => {}
        }
    }
    assert_eq!(closed, 20, "silent connections are closed");
}

#[tokio::test]
async fn a_password_change_ends_the_accounts_other_sessions() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    let (here, elsewhere) = (browser(), browser());
    login(&here, &srv.base, &user, DEMO_PASSWORD).await;
    login(&elsewhere, &srv.base, &user, DEMO_PASSWORD).await;
    assert_eq!(me(&elsewhere, &srv.base).await["username"], user.as_str());
    let res = here
        .post(format!("{}/auth/password", srv.base))
        .same_site(&srv.base)
        .form(&[
            ("current", DEMO_PASSWORD),
            ("new", "Mới-2021-an-toàn"),
            ("confirm", "Mới-2021-an-toàn"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/doi-mat-khau?xong=1");
    assert_eq!(
        me(&here, &srv.base).await["username"],
        user.as_str(),
        "the session that changed it goes on"
    );
    assert!(
        me(&elsewhere, &srv.base).await.is_null(),
        "the other session has ended"
    );
}

#[tokio::test]
async fn the_current_password_check_is_throttled_like_a_login() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    let c = browser();
    login(&c, &srv.base, &user, DEMO_PASSWORD).await;
    let mut answers = Vec::new();
    for _ in 0..7 {
        let res = c
            .post(format!("{}/auth/password", srv.base))
            .same_site(&srv.base)
            .form(&[
                ("current", "doan-mo"),
                ("new", "Mới-2021-an-toàn"),
                ("confirm", "Mới-2021-an-toàn"),
            ])
            .send()
            .await
            .unwrap();
        answers.push(res.headers()["location"].to_str().unwrap().to_string());
    }
    assert_eq!(answers[..4], ["/doi-mat-khau?loi=sai"; 4]);
    assert_eq!(answers[4..], ["/doi-mat-khau?loi=khoa"; 3]);
}

#[tokio::test]
async fn activity_keeps_a_session_past_its_idle_limit() {
    let auth = server::auth::AuthConfig {
        idle: chrono::Duration::seconds(6),
        ..Default::default()
    };
    let srv = crate::support::demo_server_with(auth).await;
    let c = browser();
    login(&c, &srv.base, ADMIN_USERNAME, DEMO_PASSWORD).await;
    let started = Instant::now();
    // In use for longer than the idle limit, a request every 1.5 s.
    while started.elapsed() < Duration::from_secs(9) {
        assert_eq!(
            me(&c, &srv.base).await["username"],
            ADMIN_USERNAME,
            "still logged in after {:?}",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(1500)).await;
    }
    // Then left alone past the limit.
    tokio::time::sleep(Duration::from_millis(6500)).await;
    assert!(me(&c, &srv.base).await.is_null(), "ended when idle");
}

#[tokio::test]
async fn a_member_who_leaves_is_logged_out_at_once() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    let c = browser();
    login(&c, &srv.base, &user, DEMO_PASSWORD).await;
    assert_eq!(me(&c, &srv.base).await["username"], user.as_str());
    let member_id = srv
        .store
        .user_by_username(&user)
        .await
        .unwrap()
        .unwrap()
        .member_id
        .unwrap();
    let dated = Dated {
        change: Change::SetStatus {
            member_id,
            status: MemberStatus::TransferredOut,
        },
        date: chrono::NaiveDate::from_ymd_opt(2021, 3, 1).unwrap(),
    };
    let entry = app::store::model::AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: "structure.set_status".into(),
        entity: "member".into(),
        entity_id: Some(member_id.to_string()),
        before: None,
        after: None,
        ip: None,
        unit_path: None,
    };
    srv.store
        .apply_structure(&dated, &entry, true)
        .await
        .unwrap();
    assert!(me(&c, &srv.base).await.is_null(), "the session ended");
    assert_eq!(
        login(&browser(), &srv.base, &user, DEMO_PASSWORD).await,
        "/dang-nhap?loi=tat",
        "and no new one starts"
    );
}

#[tokio::test]
async fn the_demo_says_so_on_every_page_and_a_real_database_starts_with_a_one_time_admin() {
    let demo = demo_server().await;
    for page in ["/", "/dang-nhap", "/khong-co-trang-nay"] {
        let html = client()
            .get(format!("{}{page}", demo.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("Dữ liệu minh họa"), "{page}");
    }

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("real.sqlite3").display());
    let store = server::commands::open(&url).await.unwrap();
    let password = server::commands::create_admin(&store, " Van.Phong@Example.VN ", "Văn phòng")
        .await
        .unwrap();
    assert!(
        server::commands::create_admin(&store, "van.phong@example.vn", "x")
            .await
            .is_err(),
        "one account per username"
    );
    let srv = crate::support::start_with(store, dir).await;
    let home = client()
        .get(format!("{}/", srv.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("Dữ liệu minh họa"), "no demo, no banner");
    assert_eq!(
        login(&browser(), &srv.base, ADMIN_USERNAME, DEMO_PASSWORD).await,
        "/dang-nhap?loi=sai",
        "the demo's documented login does not exist here"
    );
    assert_eq!(
        login(&browser(), &srv.base, "van.phong@example.vn", &password).await,
        "/doi-mat-khau",
        "the one-time password must be changed first"
    );
}

#[tokio::test]
async fn a_one_time_password_cannot_read_the_inbox() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    let u = srv.store.user_by_username(&user).await.unwrap().unwrap();
    let entry = app::store::model::AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: "account.reset".into(),
        entity: "user".into(),
        entity_id: Some(user.clone()),
        before: None,
        after: None,
        ip: None,
        unit_path: None,
    };
    let hash = server::auth::password::hash("Tam-thoi-2021").unwrap();
    srv.store
        .set_password(u.id, &hash, true, &entry, None)
        .await
        .unwrap();
    let c = browser();
    assert_eq!(
        login(&c, &srv.base, &user, "Tam-thoi-2021").await,
        "/doi-mat-khau"
    );
    let res = c
        .post(format!("{}/api/inbox", srv.base))
        .same_site(&srv.base)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let unread: i64 = c
        .post(format!("{}/api/inbox/unread", srv.base))
        .same_site(&srv.base)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(unread, 0);
}

#[tokio::test]
async fn a_change_preview_tells_an_administrator_nothing_of_a_dossier() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    let member = srv
        .store
        .user_by_username(&user)
        .await
        .unwrap()
        .unwrap()
        .member_id
        .unwrap();
    // The status the member has already: the refusal would say which it is.
    let status = srv
        .store
        .member_profile(member)
        .await
        .unwrap()
        .unwrap()
        .status
        .as_str();
    let member = member.to_string();
    let form = [
        ("op", "status"),
        ("date", "2021-03-01"),
        ("member", member.as_str()),
        ("status", status),
    ];
    let preview = |who: &'static str| {
        let (base, form) = (srv.base.clone(), form);
        let srv = &srv;
        async move {
            let c = browser();
            let username = match who {
                "administrator" => ADMIN_USERNAME.to_string(),
                role => demo_user(srv, role).await,
            };
            login(&c, &base, &username, DEMO_PASSWORD).await;
            let res = c
                .post(format!("{base}/api/org/change"))
                .same_site(&base)
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{who}");
            res.json::<serde_json::Value>().await.unwrap()["problems"].clone()
        }
    };
    assert_eq!(
        preview("bloc standing committee member").await,
        serde_json::json!(["StatusUnchanged"])
    );
    let id: i64 = member.parse().unwrap();
    assert_eq!(
        preview("administrator").await,
        serde_json::json!([{ "MemberFactsHidden": id }])
    );
}
