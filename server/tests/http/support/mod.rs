//! Shared by the HTTP test files: a real server on port 0, clients, fresh databases.
#![allow(dead_code)]

use app::store::DynStore;
use server::commands;
use server::router::{AppState, router};
use std::net::SocketAddr;

pub struct TestServer {
    pub base: String,
    pub store: DynStore,
    _dir: tempfile::TempDir,
}

impl TestServer {
    /// The bytes of every file of its database (with the write-ahead log):
    /// to show what a copy of the disk would give away.
    pub fn disk(&self) -> Vec<u8> {
        let mut all = Vec::new();
        for entry in std::fs::read_dir(self._dir.path()).unwrap() {
            all.extend(std::fs::read(entry.unwrap().path()).unwrap_or_default());
        }
        all
    }
}

pub async fn start_with(store: DynStore, dir: tempfile::TempDir) -> TestServer {
    start_with_auth(store, dir, server::auth::AuthConfig::default()).await
}

pub async fn start_with_auth(
    store: DynStore,
    dir: tempfile::TempDir,
    auth: server::auth::AuthConfig,
) -> TestServer {
    start_configured(store, dir, auth, |_| {}).await
}

/// A server whose state `adjust` has changed first (to give it a mailer, say).
pub async fn start_configured(
    store: DynStore,
    dir: tempfile::TempDir,
    auth: server::auth::AuthConfig,
    adjust: impl FnOnce(&mut AppState),
) -> TestServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let mut state = AppState::new(commands::leptos_options(addr, None), store.clone(), auth)
        .await
        .unwrap();
    // (A store not migrated, as the health test uses, holds no demo.)
    state.demo = commands::demo_loaded(&store).await.unwrap_or(false);
    adjust(&mut state);
    let app = router(state);
    tokio::spawn(async move {
        server::serving::serve(listener, app, Default::default(), std::future::pending())
            .await
            .unwrap()
    });
    TestServer {
        base: format!("http://{addr}"),
        store,
        _dir: dir,
    }
}

/// A server on a fresh SQLite file holding the demo organisation.
pub async fn demo_server() -> TestServer {
    demo_server_with(server::auth::AuthConfig::default()).await
}

/// [`demo_server`] with other session and login settings.
pub async fn demo_server_with(auth: server::auth::AuthConfig) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("demo.sqlite3").display());
    let store = commands::open(&url).await.unwrap();
    assert!(commands::load_demo_if_empty(&store).await.unwrap());
    start_with_auth(store, dir, auth).await
}

/// [`demo_server`] keeping backups (in its own folder, no schedule), as
/// `dangbo serve` does.
pub async fn demo_server_with_backups() -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("demo.sqlite3").display());
    let store = commands::open(&url).await.unwrap();
    assert!(commands::load_demo_if_empty(&store).await.unwrap());
    let config = std::sync::Arc::new(server::backup::schedule::Backups {
        dir: dir.path().join("backups"),
        url,
        every: None,
        retention: Default::default(),
        instance: "test".into(),
    });
    let backups = std::sync::Arc::new(server::backup::web::ServerBackups::new(
        config,
        store.clone(),
    ));
    start_configured(store, dir, Default::default(), |s| {
        s.backups = Some(backups)
    })
    .await
}

/// A new, empty PostgreSQL database: the admin connection, its name and URL.
/// PostgreSQL at `DANGBO_TEST_POSTGRES_URL` must be reachable (no skipping).
pub async fn fresh_postgres(tag: &str) -> (sqlx::PgConnection, String, String) {
    use sqlx::Connection;
    let admin_url = std::env::var("DANGBO_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("dangbo_{tag}_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let url = format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0);
    (admin, name, url)
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        // A request that never gets an answer fails the test at the call that
        // waited, instead of holding the whole run until CI gives up.
        .timeout(std::time::Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A browser-like client: keeps cookies, does not follow redirects.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        // A request that never gets an answer fails the test at the call that
        // waited, instead of holding the whole run until CI gives up.
        .timeout(std::time::Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap()
}

/// Posts the login form; returns the redirect target.
pub async fn login(client: &reqwest::Client, base: &str, username: &str, password: &str) -> String {
    let res = client
        .post(format!("{base}/auth/login"))
        .same_site(base)
        .form(&[
            ("username", username),
            ("password", password),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "login answers with a redirect");
    res.headers()["location"].to_str().unwrap().to_string()
}

/// A browser-like client logged in as the demo's user of `role`.
pub async fn logged_in(srv: &TestServer, role: &str) -> reqwest::Client {
    let c = browser();
    let user = demo_user(srv, role).await;
    login(&c, &srv.base, &user, server::demo::DEMO_PASSWORD).await;
    c
}

/// The HTML of a page as the client gets it.
pub async fn page(c: &reqwest::Client, base: &str, path: &str) -> String {
    c.get(format!("{base}{path}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Who the client's session belongs to (`null` when none), as `/api/me` says.
pub async fn me(c: &reqwest::Client, base: &str) -> serde_json::Value {
    c.post(format!("{base}/api/me"))
        .same_site(base)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The session cookie's value in a Set-Cookie header, if any.
pub fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("dangbo_session="))
        .map(|c| c.to_string())
}

/// The demo login of a role (as `dangbo serve` prints them).
pub async fn demo_user(srv: &TestServer, role: &str) -> String {
    srv.store
        .demo_logins()
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.role == role)
        .unwrap_or_else(|| panic!("no demo login for {role}"))
        .username
}

/// Requests as a page of the site sends them: with its `Origin` (the CSRF
/// check refuses state-changing requests that name no site).
pub trait SameSite {
    fn same_site(self, base: &str) -> Self;
}

impl SameSite for reqwest::RequestBuilder {
    fn same_site(self, base: &str) -> Self {
        self.header("origin", base)
    }
}
