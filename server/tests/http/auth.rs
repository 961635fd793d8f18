//! Accounts over HTTP on the real router: login, lockout, session renewal,
//! logout, password change, scope of a cell secretary, CSRF and headers.

use crate::support::{SameSite, me};
use crate::support::{browser, client, demo_server, demo_user, login, session_cookie};
use server::demo::{ADMIN_USERNAME, DEMO_PASSWORD};

#[tokio::test]
async fn every_demo_role_has_a_login() {
    let srv = demo_server().await;
    let roles: Vec<String> = srv
        .store
        .demo_logins()
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.role)
        .collect();
    assert_eq!(
        roles,
        [
            "member",
            "cell secretary",
            "grassroots committee secretary",
            "bloc standing committee member",
            "administrator"
        ]
    );
    for role in &roles {
        let c = browser();
        let user = demo_user(&srv, role).await;
        assert_eq!(
            login(&c, &srv.base, &user, DEMO_PASSWORD).await,
            "/",
            "{role}"
        );
        assert_eq!(me(&c, &srv.base).await["username"], user.as_str(), "{role}");
    }
}

#[tokio::test]
async fn login_sets_a_hardened_cookie_and_renews_the_session_id() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    let c = browser();
    let res = c
        .post(format!("{}/auth/login", srv.base))
        .same_site(&srv.base)
        .form(&[("username", user.as_str()), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let first = session_cookie(&res).expect("a session cookie");
    assert!(
        first.contains("HttpOnly") && first.contains("SameSite=Lax") && first.contains("Path=/")
    );
    assert!(
        !first.contains("Secure"),
        "Secure only when configured for HTTPS"
    );

    // Logging in again from the same browser gives a new id, and the old one is dead.
    let res = c
        .post(format!("{}/auth/login", srv.base))
        .same_site(&srv.base)
        .form(&[("username", user.as_str()), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let second = session_cookie(&res).expect("a new session cookie");
    let id = |c: &str| c.split(';').next().unwrap().to_string();
    assert_ne!(id(&first), id(&second));
    let stale = client()
        .post(format!("{}/api/me", srv.base))
        .same_site(&srv.base)
        .header("cookie", id(&first))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert!(
        stale.is_null(),
        "the old session id no longer logs anyone in"
    );
    assert_eq!(me(&c, &srv.base).await["username"], user.as_str());
}

#[tokio::test]
async fn wrong_passwords_lock_the_account_for_a_while() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    let loaded = srv.store.counts().await.unwrap().audit_log;
    let c = browser();
    for _ in 0..4 {
        assert_eq!(
            login(&c, &srv.base, &user, "sai-mat-khau").await,
            "/dang-nhap?loi=sai"
        );
    }
    let locked = login(&c, &srv.base, &user, "sai-mat-khau").await;
    assert!(locked.starts_with("/dang-nhap?loi=khoa&den="), "{locked}");
    // Even the right password is refused while locked.
    let again = login(&c, &srv.base, &user, DEMO_PASSWORD).await;
    assert!(again.starts_with("/dang-nhap?loi=khoa"), "{again}");
    assert!(me(&c, &srv.base).await.is_null());
    // The page says when to try again, in Vietnamese.
    let html = c
        .get(format!("{}{locked}", srv.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Đăng nhập tạm bị khóa vì nhập sai nhiều lần"),
        "{html}"
    );
    // Another account from the same address is not locked by this one.
    let other = demo_user(&srv, "cell secretary").await;
    assert_eq!(
        login(&browser(), &srv.base, &other, DEMO_PASSWORD).await,
        "/"
    );
    // Every attempt is in the audit log: 5 failures, 1 refusal while
    // locked, 1 success.
    assert_eq!(srv.store.counts().await.unwrap().audit_log, loaded + 7);
}

#[tokio::test]
async fn unknown_users_get_the_same_answer_as_wrong_passwords() {
    let srv = demo_server().await;
    assert_eq!(
        login(&browser(), &srv.base, "99999999", "x").await,
        "/dang-nhap?loi=sai"
    );
    assert_eq!(
        login(&browser(), &srv.base, "", "x").await,
        "/dang-nhap?loi=thieu"
    );
}

#[tokio::test]
async fn logout_ends_the_session() {
    let srv = demo_server().await;
    let c = browser();
    login(&c, &srv.base, ADMIN_USERNAME, DEMO_PASSWORD).await;
    assert_eq!(me(&c, &srv.base).await["is_admin"], true);
    let res = c
        .post(format!("{}/auth/logout", srv.base))
        .same_site(&srv.base)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(me(&c, &srv.base).await.is_null());
}

#[tokio::test]
async fn password_change_checks_the_old_one_and_takes_effect() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    let c = browser();
    login(&c, &srv.base, &user, DEMO_PASSWORD).await;
    let change = |current: &'static str, new: &'static str, confirm: &'static str| {
        let c = c.clone();
        let base = srv.base.clone();
        async move {
            let res = c
                .post(format!("{base}/auth/password"))
                .same_site(&base)
                .form(&[("current", current), ("new", new), ("confirm", confirm)])
                .send()
                .await
                .unwrap();
            res.headers()["location"].to_str().unwrap().to_string()
        }
    };
    assert_eq!(
        change("wrong", "Mới-2021-an-toàn", "Mới-2021-an-toàn").await,
        "/doi-mat-khau?loi=sai"
    );
    assert_eq!(
        change(DEMO_PASSWORD, "ngan", "ngan").await,
        "/doi-mat-khau?loi=ngan"
    );
    assert_eq!(
        change(DEMO_PASSWORD, "Mới-2021-an-toàn", "khác").await,
        "/doi-mat-khau?loi=khong_khop"
    );
    assert_eq!(
        change(DEMO_PASSWORD, "Mới-2021-an-toàn", "Mới-2021-an-toàn").await,
        "/doi-mat-khau?xong=1"
    );
    assert_eq!(
        login(&browser(), &srv.base, &user, DEMO_PASSWORD).await,
        "/dang-nhap?loi=sai"
    );
    assert_eq!(
        login(&browser(), &srv.base, &user, "Mới-2021-an-toàn").await,
        "/"
    );
}

#[tokio::test]
async fn a_cell_secretary_reaches_their_cell_and_nothing_beside_it() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "cell secretary").await;
    let c = browser();
    login(&c, &srv.base, &user, DEMO_PASSWORD).await;
    let units = me(&c, &srv.base).await["units"].clone();
    let own = units[0]["code"].as_str().unwrap().to_string();
    assert_eq!(units[0]["role"], "secretary");

    let summary = |code: String| {
        let c = c.clone();
        let base = srv.base.clone();
        async move {
            c.post(format!("{base}/api/summary"))
                .same_site(&base)
                .form(&[("unit", code)])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(summary(own.clone()).await, 200);
    // A sibling cell, the parent committee, another organisation: refused.
    let committee = own.rsplit_once('-').unwrap().0.to_string();
    let sibling = format!(
        "{committee}-{}",
        if own.ends_with("-01") { "02" } else { "01" }
    );
    assert_eq!(summary(sibling.clone()).await, 403);
    assert_eq!(summary(committee.clone()).await, 403);
    assert_eq!(summary(server::demo::JUSTICE_CELL_CODE.into()).await, 403);
    assert_eq!(summary("NO-SUCH-UNIT".into()).await, 404);
    // The bloc's public totals stay visible.
    assert_eq!(summary(server::demo::BLOC_CODE.into()).await, 200);

    // A sibling's page shows its place in the structure, not its members
    // nor its figures; the own cell's page shows both.
    let res = c
        .get(format!("{}/don-vi/{sibling}", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(!html.contains(r#"id="dang-vien""#));
    assert!(!html.contains("data-stat="));
    let res = c
        .get(format!("{}/don-vi/{own}", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"id="dang-vien""#));
    assert!(html.contains("data-stat="));
    let res = client()
        .get(format!("{}/don-vi/{own}", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "a visitor must log in");
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Bạn cần đăng nhập để xem nội dung này.")
    );
}

#[tokio::test]
async fn cross_origin_posts_are_refused() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "member").await;
    for (origin, expected) in [("http://evil.example", 403), ("null", 403)] {
        let res = browser()
            .post(format!("{}/auth/login", srv.base))
            .header("origin", origin)
            .form(&[("username", user.as_str()), ("password", DEMO_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), expected, "{origin}");
        assert!(session_cookie(&res).is_none());
    }
    let res = browser()
        .post(format!("{}/auth/login", srv.base))
        .header("referer", "https://evil.example/form")
        .form(&[("username", user.as_str()), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Neither header: no page of this site sent it (browsers always do).
    let res = browser()
        .post(format!("{}/auth/login", srv.base))
        .form(&[("username", user.as_str()), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(session_cookie(&res).is_none());
    // The same origin passes.
    let host = srv.base.trim_start_matches("http://");
    let res = browser()
        .post(format!("{}/auth/login", srv.base))
        .header("origin", format!("http://{host}"))
        .form(&[("username", user.as_str()), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn pages_carry_a_nonce_based_policy_and_no_framing() {
    let srv = demo_server().await;
    let res = client().get(format!("{}/", srv.base)).send().await.unwrap();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(res.headers()["x-frame-options"], "DENY");
    assert_eq!(res.headers()["referrer-policy"], "same-origin");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("a nonce in the policy");
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries it"
    );
    // Another page view, another nonce.
    let res = client().get(format!("{}/", srv.base)).send().await.unwrap();
    let csp2 = res.headers()["content-security-policy"].to_str().unwrap();
    assert!(!csp2.contains(nonce));
    // Non-page answers get the strict default.
    let res = client()
        .get(format!("{}/healthz", srv.base))
        .send()
        .await
        .unwrap();
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
}

#[tokio::test]
async fn the_audit_log_is_read_within_scope() {
    let srv = demo_server().await;
    let lines = |c: reqwest::Client, form: Vec<(&'static str, String)>| {
        let base = srv.base.clone();
        async move {
            let res = c
                .post(format!("{base}/api/audit"))
                .same_site(&base)
                .form(&form)
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let body: serde_json::Value = res.json().await.unwrap_or_default();
            (status, body)
        }
    };
    // Visitors must log in; plain members have no audit log to read.
    assert_eq!(lines(client(), vec![]).await.0, 401);
    let member = demo_user(&srv, "member").await;
    let m = browser();
    login(&m, &srv.base, &member, DEMO_PASSWORD).await;
    assert_eq!(lines(m.clone(), vec![]).await.0, 403);

    // A cell secretary sees the logins of the cell's members only.
    let secretary = demo_user(&srv, "cell secretary").await;
    let s = browser();
    login(&s, &srv.base, &secretary, DEMO_PASSWORD).await;
    let (status, body) = lines(s.clone(), vec![("action", "auth.".into())]).await;
    assert_eq!(status, 200);
    let actors: Vec<&str> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["actor"].as_str().unwrap())
        .collect();
    assert_eq!(
        actors,
        [secretary.as_str()],
        "not the member's login, not the demo load"
    );
    // Besides logins, the cell's commitment history, its commendation
    // proposals (the demo's 2021 draft), its good models and its members'
    // badge facts; nothing of the member's.
    let (status, body) = lines(s.clone(), vec![]).await;
    assert_eq!(status, 200);
    let all = body.as_array().unwrap();
    assert!(all.iter().any(|l| l["action"] == "commitment.approve"));
    assert!(all.iter().all(|l| {
        let action = l["action"].as_str().unwrap();
        [
            "auth.",
            "commitment.",
            "proposal.",
            "good_model.",
            "badge.",
            "discipline.",
            "membership_gap.",
        ]
        .iter()
        .any(|p| action.starts_with(p))
            && l["actor"] != member.as_str()
    }));
    // Asking for another unit is refused, not silently emptied.
    let (status, _) = lines(s.clone(), vec![("unit", server::demo::BLOC_CODE.into())]).await;
    assert_eq!(status, 403);
    let (status, _) = lines(s.clone(), vec![("from", "26/02/2021".into())]).await;
    assert_eq!(status, 422, "dates are yyyy-mm-dd");

    // The administrator sees everything, including the demo load.
    let a = browser();
    login(&a, &srv.base, ADMIN_USERNAME, DEMO_PASSWORD).await;
    let (status, body) = lines(a.clone(), vec![("action", "auth.".into())]).await;
    assert_eq!(status, 200);
    assert_eq!(body.as_array().unwrap().len(), 3, "three logins so far");
    let (_, body) = lines(a.clone(), vec![("actor", member.clone())]).await;
    assert_eq!(body[0]["action"], "auth.login");
    assert!(
        body[0]["unit_name"]
            .as_str()
            .is_some_and(|n| n.starts_with("Chi bộ"))
    );
    // The page renders the table for them, and refuses the member in Vietnamese.
    let html = a
        .get(format!("{}/nhat-ky?action=auth.", srv.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Nhật ký thay đổi") && html.contains("Đăng nhập"));
    let res = m.get(format!("{}/nhat-ky", srv.base)).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Bạn không có quyền xem nội dung này.")
    );
}

#[tokio::test]
async fn sessions_end_at_their_absolute_limit() {
    let auth = server::auth::AuthConfig {
        // Long enough that logging in and the first check fit inside it on a
        // loaded two-core machine, short enough to wait out.
        absolute: chrono::Duration::seconds(6),
        ..Default::default()
    };
    let srv = crate::support::demo_server_with(auth).await;
    let c = browser();
    let started = std::time::Instant::now();
    login(&c, &srv.base, ADMIN_USERNAME, DEMO_PASSWORD).await;
    let who = me(&c, &srv.base).await;
    if started.elapsed() < std::time::Duration::from_secs(5) {
        assert_eq!(who["username"], ADMIN_USERNAME);
    }
    tokio::time::sleep(std::time::Duration::from_millis(6500)).await;
    assert!(
        me(&c, &srv.base).await.is_null(),
        "ended however active it was"
    );
}
