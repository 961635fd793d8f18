//! The administrator's account actions over HTTP: refusals for everyone
//! else, one-time passwords shown once and forced to change, disabling,
//! bulk creation for members without accounts.

use crate::support::SameSite;
use crate::support::{browser, client, demo_server, login, start_with};
use server::demo::{ADMIN_USERNAME, DEMO_PASSWORD};

async fn admin(base: &str) -> reqwest::Client {
    let c = browser();
    assert_eq!(login(&c, base, ADMIN_USERNAME, DEMO_PASSWORD).await, "/");
    c
}

async fn user_id(srv: &crate::support::TestServer, username: &str) -> i64 {
    srv.store
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn post(
    c: &reqwest::Client,
    base: &str,
    path: &str,
    form: &[(&str, String)],
) -> reqwest::Response {
    c.post(format!("{base}{path}"))
        .same_site(base)
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn accounts_page(c: &reqwest::Client, base: &str) -> String {
    crate::support::page(c, base, "/quan-tri/tai-khoan").await
}

/// The one-time passwords on the page (they sit in `<code class="one-time-password">`).
fn one_time_passwords(html: &str) -> Vec<String> {
    html.split(r#"class="one-time-password">"#)
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn only_administrators_manage_accounts() {
    let srv = demo_server().await;
    let member = srv.store.demo_logins().await.unwrap()[0].username.clone();
    let target = user_id(&srv, &member).await.to_string();
    let m = browser();
    login(&m, &srv.base, &member, DEMO_PASSWORD).await;
    for (who, c, status) in [("visitor", client(), 401), ("member", m.clone(), 403)] {
        for path in [
            "/auth/accounts/reset",
            "/auth/accounts/disable",
            "/auth/accounts/create",
        ] {
            let res = post(
                &c,
                &srv.base,
                path,
                &[("user_id", target.clone()), ("disabled", "1".into())],
            )
            .await;
            assert_eq!(res.status(), status, "{who} {path}");
        }
    }
    assert_eq!(
        client()
            .post(format!("{}/api/accounts", srv.base))
            .same_site(&srv.base)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        m.post(format!("{}/api/accounts", srv.base))
            .same_site(&srv.base)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let res = m
        .get(format!("{}/quan-tri/tai-khoan", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Nothing changed: the member still logs in with the same password.
    assert_eq!(
        login(&browser(), &srv.base, &member, DEMO_PASSWORD).await,
        "/"
    );
}

#[tokio::test]
async fn a_reset_gives_a_one_time_password_that_must_be_changed() {
    let srv = demo_server().await;
    let member = srv.store.demo_logins().await.unwrap()[0].username.clone();
    let a = admin(&srv.base).await;
    let res = post(
        &a,
        &srv.base,
        "/auth/accounts/reset",
        &[("user_id", user_id(&srv, &member).await.to_string())],
    )
    .await;
    assert_eq!(res.status(), 303);
    let page = accounts_page(&a, &srv.base).await;
    let shown = one_time_passwords(&page);
    assert_eq!(shown.len(), 1, "shown once, here");
    assert!(page.contains("Đã cấp mật khẩu tạm."));
    assert!(
        one_time_passwords(&accounts_page(&a, &srv.base).await).is_empty(),
        "and never again"
    );
    // The session table held it sealed: no copy of the disk shows it.
    assert!(
        !srv.disk()
            .windows(shown[0].len())
            .any(|w| w == shown[0].as_bytes()),
        "the one-time password is nowhere on the disk"
    );

    assert_eq!(
        login(&browser(), &srv.base, &member, DEMO_PASSWORD).await,
        "/dang-nhap?loi=sai"
    );
    let m = browser();
    assert_eq!(
        login(&m, &srv.base, &member, &shown[0]).await,
        "/doi-mat-khau"
    );
    // Until it is changed, every page leads to the password form and nothing else answers.
    let res = m.get(format!("{}/", srv.base)).send().await.unwrap();
    assert_eq!(res.headers()["location"], "/doi-mat-khau");
    let page = crate::support::page(&m, &srv.base, "/doi-mat-khau").await;
    assert!(
        page.contains("Mật khẩu của đồng chí đã được Quản trị hệ thống cấp lại lúc"),
        "the member is told who reset it: {page}"
    );
    let res = m
        .post(format!("{}/api/summary", srv.base))
        .same_site(&srv.base)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = post(
        &m,
        &srv.base,
        "/auth/password",
        &[
            ("current", shown[0].clone()),
            ("new", "Mật khẩu mới 2021".into()),
            ("confirm", "Mật khẩu mới 2021".into()),
        ],
    )
    .await;
    assert_eq!(res.headers()["location"], "/doi-mat-khau?xong=1");
    assert_eq!(
        m.get(format!("{}/", srv.base))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

/// The key to the sealed passwords is a cookie of the browser that asked:
/// the session alone (a stolen session id, or a copy of the session table)
/// opens nothing.
#[tokio::test]
async fn one_time_passwords_open_only_with_the_key_cookie() {
    let srv = demo_server().await;
    let member = srv.store.demo_logins().await.unwrap()[0].username.clone();
    let c = client();
    let res = c
        .post(format!("{}/auth/login", srv.base))
        .same_site(&srv.base)
        .form(&[("username", ADMIN_USERNAME), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let session = crate::support::session_cookie(&res).unwrap();
    let session = session.split(';').next().unwrap().to_string();
    let res = c
        .post(format!("{}/auth/accounts/reset", srv.base))
        .same_site(&srv.base)
        .header("cookie", &session)
        .form(&[("user_id", user_id(&srv, &member).await.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let key = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(app::api::one_time::KEY_COOKIE))
        .expect("the key comes as a cookie");
    assert!(
        key.contains("HttpOnly") && key.contains("SameSite=Strict"),
        "{key}"
    );
    let page = c
        .get(format!("{}/quan-tri/tai-khoan", srv.base))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        one_time_passwords(&page).is_empty(),
        "no key, nothing shown"
    );
    let key = key.split(';').next().unwrap();
    let page = c
        .get(format!("{}/quan-tri/tai-khoan", srv.base))
        .header("cookie", format!("{session}; {key}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        one_time_passwords(&page).is_empty(),
        "and the sealed list was taken on the first try"
    );
}

#[tokio::test]
async fn disabled_accounts_cannot_log_in_until_enabled() {
    let srv = demo_server().await;
    let member = srv.store.demo_logins().await.unwrap()[0].username.clone();
    let id = user_id(&srv, &member).await.to_string();
    let a = admin(&srv.base).await;
    // A session already open ends with the account.
    let m = browser();
    login(&m, &srv.base, &member, DEMO_PASSWORD).await;
    post(
        &a,
        &srv.base,
        "/auth/accounts/disable",
        &[("user_id", id.clone()), ("disabled", "1".into())],
    )
    .await;
    let me: serde_json::Value = m
        .post(format!("{}/api/me", srv.base))
        .same_site(&srv.base)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(me.is_null());
    assert_eq!(
        login(&browser(), &srv.base, &member, DEMO_PASSWORD).await,
        "/dang-nhap?loi=tat"
    );
    assert_eq!(
        login(&browser(), &srv.base, &member, "wrong").await,
        "/dang-nhap?loi=sai",
        "no hint without the password"
    );
    post(
        &a,
        &srv.base,
        "/auth/accounts/disable",
        &[("user_id", id), ("disabled", "0".into())],
    )
    .await;
    assert_eq!(
        login(&browser(), &srv.base, &member, DEMO_PASSWORD).await,
        "/"
    );
    // The administrator cannot lock themselves out.
    let own = user_id(&srv, ADMIN_USERNAME).await.to_string();
    post(
        &a,
        &srv.base,
        "/auth/accounts/disable",
        &[("user_id", own), ("disabled", "1".into())],
    )
    .await;
    assert!(
        accounts_page(&a, &srv.base)
            .await
            .contains("Không thể tự vô hiệu hóa tài khoản đang dùng.")
    );
    assert_eq!(
        login(&browser(), &srv.base, ADMIN_USERNAME, DEMO_PASSWORD).await,
        "/"
    );
    // Each action is in the audit log, under the member's cell.
    let log = srv
        .store
        .audit_entries(
            &app::store::model::AuditFilter {
                action: Some("account.".into()),
                ..Default::default()
            },
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(
        log.iter().map(|l| l.action.as_str()).collect::<Vec<_>>(),
        ["account.enable", "account.disable"]
    );
    assert!(
        log.iter()
            .all(|l| l.actor_label == ADMIN_USERNAME && l.unit_path.is_some())
    );
}

#[tokio::test]
async fn members_without_accounts_get_them_in_batches() {
    // The demo organisation with only the administrator's account.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.sqlite3").display());
    let store = server::commands::open(&url).await.unwrap();
    let data = server::demo::generate();
    store.load_dataset(&data, "test").await.unwrap();
    let mut users =
        server::demo::accounts(&data, &server::auth::password::hash(DEMO_PASSWORD).unwrap());
    users.retain(|u| u.is_admin);
    let entry = app::store::model::AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: "accounts.create".into(),
        entity: "user".into(),
        entity_id: None,
        before: None,
        after: None,
        ip: None,
        unit_path: None,
    };
    store.insert_users(&users, &entry).await.unwrap();
    let srv = start_with(store, dir).await;
    let a = admin(&srv.base).await;
    assert!(
        accounts_page(&a, &srv.base)
            .await
            .contains("4.521 đảng viên chưa có tài khoản.")
    );
    let res = post(&a, &srv.base, "/auth/accounts/create", &[]).await;
    assert_eq!(res.status(), 303);
    let page = accounts_page(&a, &srv.base).await;
    let shown = one_time_passwords(&page);
    assert_eq!(shown.len(), 100);
    assert!(page.contains("4.421 đảng viên chưa có tài khoản."));
    let first = srv.store.members_without_account(0).await.unwrap().0;
    assert_eq!(first, 4421);
    // The first new account logs in with its one-time password, straight to the password form.
    let created = page
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("<td class=\"nowrap\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        login(&browser(), &srv.base, &created, &shown[0]).await,
        "/doi-mat-khau"
    );
}
