//! The org chart, search, unit and member pages over HTTP on the demo: who
//! sees what, and what the server renders before any WASM.

use crate::support::{SameSite, logged_in};
use crate::support::{client, demo_server, page};
use server::demo::{BLOC_CODE, ENTERPRISES_BLOC_CODE, JUSTICE_CELL_CODE};

async fn call(
    c: &reqwest::Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    let res = c
        .post(format!("{base}/api/org/{endpoint}"))
        .same_site(base)
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}

#[tokio::test]
async fn visitors_must_log_in_for_the_chart() {
    let srv = demo_server().await;
    let c = client();
    for (endpoint, form) in [
        ("chart", vec![]),
        ("level", vec![("parent", BLOC_CODE)]),
        ("search", vec![("query", "dien")]),
        ("unit", vec![("code", BLOC_CODE)]),
        ("member", vec![("id", "1")]),
    ] {
        let (status, _) = call(&c, &srv.base, endpoint, &form).await;
        assert_eq!(status, 401, "{endpoint}");
    }
    let res = c.get(format!("{}/so-do", srv.base)).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert!(res.text().await.unwrap().contains("Bạn cần đăng nhập"));
}

#[tokio::test]
async fn every_member_sees_the_structure_and_the_merger() {
    let srv = demo_server().await;
    let c = logged_in(&srv, "member").await;
    let (status, chart) = call(&c, &srv.base, "chart", &[("open", BLOC_CODE)]).await;
    assert_eq!(status, 200);
    let roots = chart["roots"]["nodes"].as_array().unwrap();
    assert_eq!(roots.len(), 1);
    assert_eq!(roots[0]["code"], BLOC_CODE);
    assert_eq!(roots[0]["child_count"], 98);
    let full = roots[0]["full_members"].as_i64().unwrap();
    let probationary = roots[0]["probationary_members"].as_i64().unwrap();
    assert_eq!(full + probationary, 4521 - 77, "active, not exempt");
    let level = &chart["levels"][0];
    assert_eq!(level[0], BLOC_CODE);
    assert_eq!(level[1]["nodes"].as_array().unwrap().len(), 98);

    // Before the merger of 24/02/2020: two blocs, 46 + 52 organisations between them.
    let (status, before) = call(&c, &srv.base, "chart", &[("as_of", "2020-02-23")]).await;
    assert_eq!(status, 200);
    let roots = before["roots"]["nodes"].as_array().unwrap();
    assert_eq!(roots.len(), 2);
    let children: i64 = roots
        .iter()
        .map(|r| r["child_count"].as_i64().unwrap())
        .sum();
    assert!(children <= 98 && children > 80, "{children}");
    let (status, level) = call(
        &c,
        &srv.base,
        "level",
        &[("parent", ENTERPRISES_BLOC_CODE), ("as_of", "2020-02-23")],
    )
    .await;
    assert_eq!(status, 200);
    assert!(!level["nodes"].as_array().unwrap().is_empty());

    let (status, _) = call(&c, &srv.base, "level", &[("parent", "NO-SUCH")]).await;
    assert_eq!(status, 404);
    let (status, _) = call(&c, &srv.base, "chart", &[("as_of", "24/02/2020")]).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn search_finds_units_for_all_and_members_within_scope() {
    let srv = demo_server().await;
    let member = logged_in(&srv, "member").await;
    let (status, hits) = call(&member, &srv.base, "search", &[("query", "dien")]).await;
    assert_eq!(status, 200);
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .all(|h| h.get("Member").is_none()),
        "a plain member finds no other member: {hits}"
    );
    let (_, hits) = call(&member, &srv.base, "search", &[("query", "hau giang")]).await;
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["Unit"]["unit"]["code"] == BLOC_CODE),
        "{hits}"
    );

    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let (_, hits) = call(&bloc, &srv.base, "search", &[("query", "thanh Điền")]).await;
    let dien = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["Member"]["full_name"] == "Trần Thanh Điền")
        .unwrap_or_else(|| panic!("{hits}"));
    assert_eq!(dien["Member"]["trail"][0], BLOC_CODE);
    let long = "a".repeat(101);
    let (status, _) = call(&bloc, &srv.base, "search", &[("query", long.as_str())]).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn members_and_dossiers_stay_within_scope() {
    let srv = demo_server().await;
    let secretary = logged_in(&srv, "cell secretary").await;
    let me: serde_json::Value = secretary
        .post(format!("{}/api/me", srv.base))
        .same_site(&srv.base)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let own = me["units"][0]["code"].as_str().unwrap().to_string();
    let (status, page) = call(&secretary, &srv.base, "unit", &[("code", own.as_str())]).await;
    assert_eq!(status, 200);
    let rows = page["members"]["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    let cellmate = rows[0]["id"].as_i64().unwrap().to_string();
    let (status, _) = call(
        &secretary,
        &srv.base,
        "member",
        &[("id", cellmate.as_str())],
    )
    .await;
    assert_eq!(status, 200);

    // Another organisation: its structure yes, its members and figures no.
    let (status, page) = call(
        &secretary,
        &srv.base,
        "unit",
        &[("code", JUSTICE_CELL_CODE)],
    )
    .await;
    assert_eq!(status, 200);
    assert!(page["members"].is_null());
    assert!(page["summary"].is_null());
    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let (_, page) = call(&bloc, &srv.base, "unit", &[("code", JUSTICE_CELL_CODE)]).await;
    let stranger = page["members"]["rows"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    // Out of scope and nonexistent look alike.
    for id in [stranger.as_str(), "999999999"] {
        let (status, _) = call(&secretary, &srv.base, "member", &[("id", id)]).await;
        assert_eq!(status, 404, "{id}");
    }
    let (status, _) = call(
        &secretary,
        &srv.base,
        "unit",
        &[("code", own.as_str()), ("status", "nobody")],
    )
    .await;
    assert_eq!(status, 422);
    let (status, page) = call(
        &bloc,
        &srv.base,
        "unit",
        &[
            ("code", BLOC_CODE),
            ("status", "probationary"),
            ("sort", "admission"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(page["members"]["total"], 132);
    assert_eq!(page["can_change"], true);
    // The latest events first; the bloc's founding only with all of them.
    assert_eq!(page["history"].as_array().unwrap().len(), 20);
    assert_eq!(page["more_history"], true);
    let (status, page) = call(
        &bloc,
        &srv.base,
        "unit",
        &[("code", BLOC_CODE), ("all_history", "true")],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(page["more_history"], false);
    assert!(
        page["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "create")
    );
}

#[tokio::test]
async fn the_chart_and_pages_render_on_the_server() {
    let srv = demo_server().await;
    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let res = bloc
        .get(format!("{}/so-do?mo={BLOC_CODE}", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Sơ đồ tổ chức"));
    assert_eq!(html.matches(r#"role="treeitem""#).count(), 99);
    assert!(html.contains(r#"role="tree""#));

    let html = bloc
        .get(format!("{}/so-do?q=thanh+dien", srv.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Trần Thanh Điền"), "search results render");

    let html = bloc
        .get(format!(
            "{}/don-vi/{BLOC_CODE}?trang-thai=probationary",
            srv.base
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"id="dang-vien""#));
    assert!(
        html.contains("Trang 1/3"),
        "132 probationary members, 50 a page"
    );
    assert!(html.contains("Lịch sử đơn vị"));
    // The latest 20 of the bloc's 101 events, and the way to the others.
    assert_eq!(html.matches("<li data-event=").count(), 20);
    assert!(html.contains(&format!(
        r#"href="/don-vi/{BLOC_CODE}?lich-su=tat-ca#lich-su""#
    )));
    let html = page(
        &bloc,
        &srv.base,
        &format!("/don-vi/{BLOC_CODE}?lich-su=tat-ca"),
    )
    .await;
    assert_eq!(html.matches("<li data-event=").count(), 101);
    assert!(!html.contains("Xem toàn bộ lịch sử"));
}

/// The bloc's 98 units below come 25 to a page, each page after the last
/// unit of the one before; every unit once, in the chart's order.
#[tokio::test]
async fn the_units_below_are_paged() {
    let srv = demo_server().await;
    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let (status, level) = call(&bloc, &srv.base, "level", &[("parent", BLOC_CODE)]).await;
    assert_eq!(status, 200);
    let chart: Vec<String> = level["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(chart.len(), 98);

    let mut seen = Vec::new();
    let mut path = format!("/don-vi/{BLOC_CODE}?trang-thai=probationary");
    for pages in 1.. {
        let html = page(&bloc, &srv.base, &path).await;
        let shown: Vec<String> = html
            .split(r#"<li data-unit=""#)
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].to_string())
            .collect();
        assert!(shown.len() <= 25, "{} units on page {pages}", shown.len());
        seen.extend(shown);
        // Back to the first page from any other, the members' filter kept.
        assert_eq!(
            html.contains(&format!(
                r#"href="/don-vi/{BLOC_CODE}?trang-thai=probationary#don-vi-truc-thuoc""#
            )),
            pages > 1
        );
        let Some(at) = html.find(r#"rel="next""#) else {
            assert_eq!(pages, 4);
            break;
        };
        let href = &html[..at];
        let href = &href[href.rfind("href=\"").unwrap() + 6..];
        path = href[..href.find('"').unwrap()].replace("&amp;", "&");
        assert!(path.contains("trang-thai=probationary&sau="), "{path}");
    }
    assert_eq!(seen, chart);

    // A page after a unit that is not below the bloc, or none at all.
    for after in [ENTERPRISES_BLOC_CODE.to_string(), "x".repeat(300)] {
        let (status, _) = call(
            &bloc,
            &srv.base,
            "unit",
            &[("code", BLOC_CODE), ("children_after", &after)],
        )
        .await;
        assert_eq!(status, 422, "after {after:.20}");
    }
}

#[tokio::test]
async fn only_the_bloc_standing_committee_changes_the_structure() {
    let srv = demo_server().await;
    let merge = [
        ("op", "merge"),
        ("date", "2021-03-01"),
        ("units", "BVDK-02"),
        ("target", "BVDK-01"),
    ];
    let (status, _) = call(&client(), &srv.base, "change", &merge).await;
    assert_eq!(status, 401);
    for role in ["member", "cell secretary", "grassroots committee secretary"] {
        let c = logged_in(&srv, role).await;
        let (status, _) = call(&c, &srv.base, "change", &merge).await;
        assert_eq!(status, 403, "{role}");
    }
    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let before = srv.store.counts().await.unwrap();
    let (status, preview) = call(&bloc, &srv.base, "change", &merge).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["committed"], false);
    let moved = preview["outcome"]["members_moved"].as_i64().unwrap();
    assert!(moved > 0);
    assert_eq!(
        preview["outcome"]["members_before"],
        preview["outcome"]["members_after"]
    );
    assert_eq!(
        srv.store.counts().await.unwrap(),
        before,
        "a preview writes nothing"
    );

    // A rule refusal is a preview with problems, and 422 when confirmed.
    let (status, refused) = call(
        &bloc,
        &srv.base,
        "change",
        &[
            ("op", "merge"),
            ("date", "2021-03-01"),
            ("units", "BVDK-02"),
            ("target", "BVDK"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert!(!refused["problems"].as_array().unwrap().is_empty());
    let (status, _) = call(
        &bloc,
        &srv.base,
        "change",
        &[
            ("op", "merge"),
            ("date", "2021-03-01"),
            ("units", "BVDK-02"),
            ("target", "BVDK"),
            ("confirm", "1"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = call(
        &bloc,
        &srv.base,
        "change",
        &[("op", "merge"), ("date", "01/03/2021")],
    )
    .await;
    assert_eq!(status, 422);

    // Confirmed from a plain form: written, audited, and back to the unit.
    let mut form = merge.to_vec();
    form.push(("confirm", "1"));
    let res = bloc
        .post(format!("{}/api/org/change", srv.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/thay-doi-co-cau", srv.base))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/don-vi/BVDK-01")
    );
    let after = srv.store.counts().await.unwrap();
    assert_eq!(after.audit_log, before.audit_log + 1);
    assert_eq!(after.memberships, before.memberships + moved);
    let cell = srv.store.unit_by_code("BVDK-02").await.unwrap().unwrap();
    assert!(cell.valid_to.is_some());
    let root = srv.store.root_unit().await.unwrap().unwrap();
    let s = srv.store.unit_summary(&root, 2020).await.unwrap();
    assert_eq!(s.members_total(), 4521, "every member accounted for");
}
