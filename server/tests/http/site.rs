//! The real router on port 0, over HTTP: health, the home page as the server
//! renders it (before any WASM), the language switch, the summary server
//! function and its refusals.

use crate::support::SameSite;
use crate::support::{client, demo_server, fresh_postgres, start_with};
use app::store;
use server::commands;

#[tokio::test]
async fn health_answers_ok_with_the_backend() {
    let srv = demo_server().await;
    let res = client()
        .get(format!("{}/healthz", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({"status": "ok", "database": "sqlite"})
    );
}

#[tokio::test]
async fn health_is_503_when_the_database_is_gone() {
    let (mut admin, name, url) = fresh_postgres("health").await;
    let store = store::connect(&url).await.unwrap();
    let srv = start_with(store, tempfile::tempdir().unwrap()).await;
    let res = client()
        .get(format!("{}/healthz", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
    let res = client()
        .get(format!("{}/healthz", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "unavailable");
}

#[tokio::test]
async fn home_page_shows_the_bloc_in_vietnamese_before_hydration() {
    let srv = demo_server().await;
    let res = client().get(format!("{}/", srv.base)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<html lang="vi""#), "lang attribute");
    assert!(html.contains("Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Hậu Giang"));
    assert!(html.contains("Tổ chức cơ sở đảng"));
    assert!(html.contains("46 đảng bộ cơ sở · 52 chi bộ cơ sở"));
    for (stat, value) in [
        ("grassroots", "98"),
        ("cells", "260"),
        ("members", "4.521"),
        ("admitted", "132"),
    ] {
        let card = html
            .split(&format!(r#"data-stat="{stat}""#))
            .nth(1)
            .unwrap_or_else(|| panic!("card {stat}"));
        let shown = card
            .split(r#"class="stat-value">"#)
            .nth(1)
            .and_then(|s| s.split('<').next())
            .unwrap();
        assert_eq!(shown, value, "card {stat}");
    }
    assert!(
        html.contains("/pkg/dangbo.js"),
        "hydration script is linked"
    );
}

#[tokio::test]
async fn english_is_chosen_by_cookie_or_accept_language() {
    let srv = demo_server().await;
    let en = client()
        .get(format!("{}/", srv.base))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains(r#"<html lang="en""#));
    assert!(en.contains("Grassroots party organisations"));
    assert!(en.contains(">4,521<"));
    // The remembered choice wins over the browser's languages.
    let vi = client()
        .get(format!("{}/", srv.base))
        .header("accept-language", "en")
        .header("cookie", "dangbo_lang=vi")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(vi.contains(">4.521<"));
}

#[tokio::test]
async fn language_switch_sets_a_cookie_and_only_redirects_on_site() {
    let srv = demo_server().await;
    let res = client()
        .get(format!("{}/lang/en?back=/", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("dangbo_lang=en;") && cookie.contains("SameSite=Lax"));
    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let res = client()
            .get(format!("{}/lang/vi", srv.base))
            .query(&[("back", evil)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["location"], "/", "{evil}");
    }
    let res = client()
        .get(format!("{}/lang/fr", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn summary_function_answers_for_the_bloc_and_refuses_subtrees_to_anonymous() {
    let srv = demo_server().await;
    let res = client()
        .post(format!("{}/api/summary", srv.base))
        .same_site(&srv.base)
        .form(&[("year", "2020")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let s: serde_json::Value = res.json().await.unwrap();
    assert_eq!(s["grassroots_committees"], 46);
    assert_eq!(s["grassroots_cells"], 52);
    assert_eq!(s["cells"], 260);
    assert_eq!(s["admitted_in_year"], 132);
    let members = ["full_members", "probationary_members", "exempt_members"]
        .iter()
        .map(|k| s[k].as_i64().unwrap())
        .sum::<i64>();
    assert_eq!(members, 4521);

    // A unit below the bloc, and one that does not exist, look the same to an
    // anonymous caller: 401, nothing revealed.
    let store_code = {
        let res = client()
            .post(format!("{}/api/summary", srv.base))
            .same_site(&srv.base)
            .form(&[("unit", server::demo::BLOC_CODE)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        server::demo::HOSPITAL_CODE
    };
    for code in [store_code, "NO-SUCH-UNIT"] {
        let res = client()
            .post(format!("{}/api/summary", srv.base))
            .same_site(&srv.base)
            .form(&[("unit", code)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{code}");
        let body = res.text().await.unwrap();
        assert!(body.contains("Unauthorized"), "{body}");
        assert!(!body.contains(store_code), "{body}");
    }
    let res = client()
        .post(format!("{}/api/summary", srv.base))
        .same_site(&srv.base)
        .form(&[("year", "1200")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
}

#[tokio::test]
async fn unknown_pages_are_404_in_the_users_language() {
    let srv = demo_server().await;
    let res = client()
        .get(format!("{}/khong-co", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains("Không tìm thấy trang"));
}

/// The same demo, loaded into an empty PostgreSQL database the way
/// `DATABASE_URL=postgres://… dangbo serve` does, gives the same figures.
#[tokio::test]
async fn demo_on_postgres_gives_the_same_figures() {
    let (mut admin, name, url) = fresh_postgres("demo").await;

    let store = commands::open(&url).await.unwrap();
    assert!(commands::load_demo_if_empty(&store).await.unwrap());
    assert!(
        !commands::load_demo_if_empty(&store).await.unwrap(),
        "loads once"
    );
    let s = commands::stats(&store, None, None).await.unwrap();
    assert_eq!(
        (
            s.grassroots_committees,
            s.grassroots_cells,
            s.cells,
            s.members_total(),
            s.admitted_in_year
        ),
        (46, 52, 260, 4521, 132)
    );
    let srv = start_with(store, tempfile::tempdir().unwrap()).await;
    let html = client()
        .get(format!("{}/", srv.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(">4.521<"));
    drop(srv);
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_empty_database_shows_an_empty_state_not_a_login_request() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("empty.sqlite3").display());
    let store = commands::open(&url).await.unwrap();
    let srv = start_with(store, dir).await;
    let html = client()
        .get(format!("{}/", srv.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Chưa có dữ liệu tổ chức"), "{html}");
    assert!(!html.contains("đăng nhập"));
}
