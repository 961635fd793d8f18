//! The committee's dashboard over HTTP on the demo: the bloc's standing
//! committee sees the whole bloc, each unit below adding up to the bloc's
//! own figures and the seed's "every member filed in 2020"; a cell's
//! secretary sees their cell and is refused the bloc; the page renders
//! complete, charts included, with no JavaScript.

use crate::commendations::call;
use crate::support::{demo_server, page};
use crate::sweep::{Callers, Who};
use serde_json::Value;
use std::time::Duration;

fn n(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("a number: {v}"))
}

/// The sum of one figure over the rows below.
fn total(rows: &[Value], pick: impl Fn(&Value) -> i64) -> i64 {
    rows.iter().map(|r| pick(&r["figures"])).sum()
}

#[tokio::test]
async fn each_leader_sees_their_subtree_and_the_parts_add_up() {
    let srv = demo_server().await;
    let callers = Callers::log_in(&srv, &[Who::Member, Who::CellSecretary, Who::Bloc]).await;
    let base = srv.base.as_str();
    let bloc = callers.of(Who::Bloc);

    let (status, d) = call(bloc, base, "stats/dashboard", &[("year", "2020")]).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["unit"]["kind"], "bloc");
    assert!(d["trail"].as_array().unwrap().is_empty());
    let rows = d["rows"].as_array().unwrap().clone();
    // The seed: 98 grassroots organisations, 4,521 members, all filed in 2020.
    assert_eq!(rows.len(), 98);
    let f = &d["figures"];
    assert_eq!(n(&f["members"]), 4521);
    let states: Vec<i64> = f["states"].as_array().unwrap().iter().map(n).collect();
    assert_eq!(states.iter().sum::<i64>(), 4521, "{states:?}");
    assert_eq!(
        (states[0], states[2]),
        (0, 0),
        "no drafts nor returns left in 2020: {states:?}"
    );
    // The units below add up to the bloc, figure by figure.
    assert_eq!(total(&rows, |f| n(&f["members"])), 4521);
    for i in 0..8 {
        assert_eq!(total(&rows, |f| n(&f["states"][i])), states[i], "state {i}");
    }
    for i in 0..4 {
        assert_eq!(
            total(&rows, |f| n(&f["grades"][i])),
            n(&f["grades"][i]),
            "grade {i}"
        );
    }
    assert!(d["charts"]["filing"].as_str().unwrap().starts_with("<svg"));

    // 2021 on the demo's calendar (15/03): filing under way, the units
    // furthest behind first; by name on request.
    let (_, y2021) = call(bloc, base, "stats/dashboard", &[]).await;
    assert_eq!(y2021["year"], 2021);
    let progress = |r: &Value| {
        let f = &r["figures"];
        let members = n(&f["members"]).max(1);
        let approved: i64 = (3..8).map(|i| n(&f["states"][i])).sum();
        approved * 1000 / members
    };
    let behind: Vec<i64> = y2021["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(progress)
        .collect();
    assert!(behind.windows(2).all(|w| w[0] <= w[1]), "{behind:?}");
    let (_, by_name) = call(bloc, base, "stats/dashboard", &[("order", "ten")]).await;
    assert_eq!(by_name["rows"].as_array().unwrap().len(), 98);
    assert_eq!(by_name["order"], "Name");

    // A unit below drills down, with the bloc on its way back up.
    let code = rows[0]["unit"]["code"].as_str().unwrap();
    let (status, down) = call(
        bloc,
        base,
        "stats/dashboard",
        &[("unit", code), ("year", "2020")],
    )
    .await;
    assert_eq!(status, 200, "{down}");
    assert_eq!(down["trail"][0]["open"], true);
    assert_eq!(
        n(&down["figures"]["members"]),
        n(&rows[0]["figures"]["members"])
    );

    // A cell's secretary: their cell, not the bloc; a member: nothing.
    let secretary = callers.of(Who::CellSecretary);
    let (status, theirs) = call(secretary, base, "stats/dashboard", &[]).await;
    assert_eq!(status, 200, "{theirs}");
    assert_eq!(
        theirs["trail"][0]["open"], false,
        "the bloc is above, closed to them"
    );
    let bloc_code = d["unit"]["code"].as_str().unwrap();
    let (status, _) = call(secretary, base, "stats/dashboard", &[("unit", bloc_code)]).await;
    assert_eq!(status, 403);
    let (status, _) = call(callers.of(Who::Member), base, "stats/dashboard", &[]).await;
    assert_eq!(status, 403);

    // The page, as a browser without JavaScript gets it.
    let html = page(bloc, base, "/thong-ke?nam=2020").await;
    assert!(html.contains("Thống kê của cấp ủy"), "{html}");
    assert!(html.contains("<svg"), "the chart is in the page");
    assert!(
        html.contains(&format!("/thong-ke?don-vi={code}&amp;nam=2020")),
        "rows drill down"
    );
    let refused = page(secretary, base, &format!("/thong-ke?don-vi={bloc_code}")).await;
    assert!(
        refused.contains("Bạn không có quyền xem nội dung này."),
        "{refused}"
    );
}

/// The next `figures` event of a dashboard's stream, if one comes `within`.
pub(crate) async fn next_figures(res: &mut reqwest::Response, within: Duration) -> Option<Value> {
    let deadline = tokio::time::Instant::now() + within;
    let mut buf = String::new();
    loop {
        let chunk = tokio::time::timeout_at(deadline, res.chunk())
            .await
            .ok()?
            .ok()??;
        buf.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            if block.lines().any(|l| l == "event: figures") {
                let data: Vec<&str> = block
                    .lines()
                    .filter_map(|l| l.strip_prefix("data:"))
                    .map(str::trim_start)
                    .collect();
                return serde_json::from_str(&data.join("\n")).ok();
            }
        }
    }
}

pub(crate) async fn stream(c: &reqwest::Client, base: &str, query: &str) -> reqwest::Response {
    c.get(format!("{base}/thong-ke/truc-tiep{query}"))
        .send()
        .await
        .unwrap()
}

/// The cell's secretary approves one of the cell's submitted commitments of 2021.
async fn approve_one(secretary: &reqwest::Client, base: &str) {
    let (status, review) = call(secretary, base, "commitments/review", &[("year", "2021")]).await;
    assert_eq!(status, 200, "{review}");
    let row = review["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["state"] == "Submitted")
        .expect("a submitted commitment")
        .clone();
    let (member, version) = (
        n(&row["member_id"]).to_string(),
        n(&row["version"]).to_string(),
    );
    let form = [
        ("year", "2021"),
        ("member", member.as_str()),
        ("step", "approve"),
        ("version", version.as_str()),
    ];
    let (status, _) = call(secretary, base, "commitments/step", &form).await;
    assert!(status < 400, "{status}");
}

fn approved(d: &Value) -> i64 {
    (3..8).map(|i| n(&d["figures"]["states"][i])).sum()
}

#[tokio::test]
async fn an_approval_reaches_the_open_dashboards_above_it_and_no_other() {
    let srv = demo_server().await;
    let callers = Callers::log_in(
        &srv,
        &[Who::CellSecretary, Who::CommitteeSecretary, Who::Bloc],
    )
    .await;
    let base = srv.base.as_str();
    let (bloc, secretary, other) = (
        callers.of(Who::Bloc),
        callers.of(Who::CellSecretary),
        callers.of(Who::CommitteeSecretary),
    );
    let (_, before) = call(bloc, base, "stats/dashboard", &[]).await;
    let mut above = stream(bloc, base, "").await;
    assert_eq!(above.status(), 200);
    assert_eq!(above.headers()["content-type"], "text/event-stream");
    assert_eq!(above.headers()["x-accel-buffering"], "no");
    // Another committee's leader watches their own committee.
    let mut beside = stream(other, base, "").await;
    assert_eq!(beside.status(), 200);
    // Nobody streams what they may not read.
    let bloc_code = before["unit"]["code"].as_str().unwrap();
    assert_eq!(
        stream(secretary, base, &format!("?don-vi={bloc_code}"))
            .await
            .status(),
        403
    );
    assert_eq!(
        stream(&crate::support::client(), base, "").await.status(),
        401
    );
    let bad = stream(bloc, base, "?nam=x").await;
    assert_eq!(bad.status(), 422);
    let said = bad.text().await.unwrap();
    assert!(
        said.starts_with("Dữ liệu không hợp lệ"),
        "in the reader's language: {said}"
    );

    // The cell's secretary approves one submitted commitment.
    approve_one(secretary, base).await;

    let now = next_figures(&mut above, Duration::from_secs(5))
        .await
        .expect("the bloc's figures, pushed");
    assert_eq!(approved(&now), approved(&before) + 1);
    assert_eq!(now["unit"]["code"], before["unit"]["code"]);
    assert!(
        next_figures(&mut beside, Duration::from_secs(1))
            .await
            .is_none(),
        "not their committee's figures"
    );
}

/// Two instances on one PostgreSQL database, each relaying the database's
/// notices: a secretary logged in through the first approves through the
/// second (the session is in the database), and the bloc's dashboard open
/// on the first moves.
#[tokio::test]
async fn on_postgresql_an_approval_through_one_instance_moves_a_dashboard_on_the_other() {
    use crate::support::{fresh_postgres, logged_in, start_configured};
    let (mut admin, name, url) = fresh_postgres("live_two").await;
    let first = server::commands::open(&url).await.unwrap();
    assert!(server::commands::load_demo_if_empty(&first).await.unwrap());
    let second = server::commands::open(&url).await.unwrap();
    let relay = |url: String| {
        move |s: &mut server::router::AppState| server::live::spawn_relay(url, s.live.clone())
    };
    let a = start_configured(
        first,
        tempfile::tempdir().unwrap(),
        Default::default(),
        relay(url.clone()),
    )
    .await;
    let b = start_configured(
        second,
        tempfile::tempdir().unwrap(),
        Default::default(),
        relay(url.clone()),
    )
    .await;

    let bloc = logged_in(&a, "bloc standing committee member").await;
    let secretary = logged_in(&a, "cell secretary").await;
    let (_, before) = call(&bloc, &a.base, "stats/dashboard", &[]).await;
    let mut on_a = stream(&bloc, &a.base, "").await;
    assert_eq!(on_a.status(), 200);

    // Through the second instance, on the session made by the first.
    approve_one(&secretary, &b.base).await;

    let now = next_figures(&mut on_a, Duration::from_secs(5))
        .await
        .expect("pushed across instances");
    assert_eq!(approved(&now), approved(&before) + 1);
    drop((on_a, a, b));
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
}

/// The dashboard as XLSX: a sheet per section, the bloc's figures as the
/// page has them; refused to whom the page is refused.
#[tokio::test]
async fn the_dashboard_downloads_as_a_workbook_for_the_report_upward() {
    use calamine::{Data, Reader, Xlsx};
    let srv = demo_server().await;
    let callers = Callers::log_in(&srv, &[Who::CellSecretary, Who::Bloc]).await;
    let base = srv.base.as_str();
    let bloc = callers.of(Who::Bloc);
    let (_, d) = call(bloc, base, "stats/dashboard", &[("year", "2020")]).await;
    let code = d["unit"]["code"].as_str().unwrap();
    let res = bloc
        .get(format!("{base}/xuat/thong-ke.xlsx?don-vi={code}&nam=2020"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.contains(&format!("thong-ke-{code}-2020.xlsx")),
        "{disposition}"
    );
    let bytes = res.bytes().await.unwrap();
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Tổ chức", "Cam kết", "Xếp loại", "Khen thưởng", "Chỉ tiêu"]
    );
    // The resolution's first target: admissions, 132 against 95, +38,9 %.
    let targets = book.worksheet_range("Chỉ tiêu").unwrap();
    let at = |r: u32, c: u32| targets.get_value((r, c)).cloned();
    assert_eq!(at(4, 0), Some(Data::String("Kết nạp đảng viên mới".into())));
    assert_eq!(
        (at(4, 2), at(4, 3)),
        (Some(Data::Float(95.0)), Some(Data::Float(132.0)))
    );
    assert_eq!(at(4, 4), Some(Data::String("Vượt".into())));
    assert_eq!(at(4, 5), Some(Data::Float(0.389)));
    assert_eq!(
        targets
            .rows()
            .filter(|r| matches!(r.get(4), Some(Data::String(s)) if s == "Vượt" || s == "Đạt"))
            .count(),
        10
    );
    // The seed's commendations of 2020: the bloc 20 collectives and 25
    // individuals, grassroots committees 51 and 159; 84 good models.
    let commended = book.worksheet_range("Khen thưởng").unwrap();
    let at = |r: u32, c: u32| commended.get_value((r, c)).cloned();
    assert_eq!(
        (at(4, 1), at(4, 2)),
        (Some(Data::Float(20.0)), Some(Data::Float(25.0)))
    );
    assert_eq!(
        (at(5, 1), at(5, 2)),
        (Some(Data::Float(51.0)), Some(Data::Float(159.0)))
    );
    assert_eq!(at(6, 1), Some(Data::Float(84.0)));
    let commitments = book.worksheet_range("Cam kết").unwrap();
    // The bloc's own row under the headers, then its 98 units.
    assert_eq!(
        commitments.get_value((4, 0)),
        Some(&Data::String(d["unit"]["name"].as_str().unwrap().into()))
    );
    assert_eq!(commitments.get_value((4, 1)), Some(&Data::Float(4521.0)));
    assert_eq!(
        commitments.get_value((4, 7)),
        Some(&Data::Float(1.0)),
        "every member filed in 2020"
    );
    let units = (5..103)
        .filter(|r| matches!(commitments.get_value((*r, 0)), Some(Data::String(_))))
        .count();
    assert_eq!(units, 98);
    let grading = book.worksheet_range("Xếp loại").unwrap();
    let graded: f64 = (4..8)
        .map(|r| match grading.get_value((r, 1)) {
            Some(Data::Float(n)) => *n,
            other => panic!("a count: {other:?}"),
        })
        .sum();
    assert_eq!(graded, 4521.0);
    // Below a blank row and their own header.
    let organisations: f64 = (10..14)
        .map(|r| match grading.get_value((r, 1)) {
            Some(Data::Float(n)) => *n,
            other => panic!("a count: {other:?}"),
        })
        .sum();
    let orgs: i64 = d["organisation_grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(n)
        .sum();
    assert!(orgs > 0);
    assert_eq!(
        organisations, orgs as f64,
        "the organisations below by grade"
    );

    let refused = callers
        .of(Who::CellSecretary)
        .get(format!("{base}/xuat/thong-ke.xlsx?don-vi={code}"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

/// Every page of the members behind a figure, as the server function
/// gives them: (member ids, the last answer).
async fn drill_all(c: &reqwest::Client, base: &str, unit: &str, filter: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    for page in 1.. {
        let p = page.to_string();
        let (status, d) = call(
            c,
            base,
            "stats/members",
            &[("unit", unit), ("filter", filter), ("page", p.as_str())],
        )
        .await;
        assert_eq!(status, 200, "{d}");
        ids.extend(
            d["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| n(&r["member_id"])),
        );
        if d["more"] != true {
            break;
        }
    }
    ids
}

#[tokio::test]
async fn the_people_behind_the_figures() {
    let srv = demo_server().await;
    let callers = Callers::log_in(&srv, &[Who::CellSecretary, Who::Bloc]).await;
    let base = srv.base.as_str();
    let (bloc, secretary) = (callers.of(Who::Bloc), callers.of(Who::CellSecretary));
    let (_, d) = call(bloc, base, "stats/dashboard", &[]).await;
    let code = d["unit"]["code"].as_str().unwrap().to_string();

    // Gender and age bands: everyone counted once in each, in 2021.
    let c = &d["cohorts"];
    assert_eq!(c["year"], 2021);
    assert_eq!(n(&c["male"]) + n(&c["female"]), 4521, "{c}");
    let bands: i64 = c["bands"].as_array().unwrap().iter().map(n).sum();
    assert_eq!(bands, 4521, "{c}");
    assert!(n(&c["female"]) > 0 && n(&c["bands"][0]) > 0, "{c}");

    // Probations due within a month of 15/03/2021: those admitted by
    // 14/04/2020, each listed, each probationary.
    assert_eq!(d["probation_due_by"], "2020-04-14");
    let due = drill_all(bloc, base, &code, "den-han-chinh-thuc").await;
    assert_eq!(due.len() as i64, n(&d["probation_due"]));
    let probationary = n(&d["summary"]["probationary_members"]);
    assert!(
        !due.is_empty() && (due.len() as i64) < probationary,
        "{} of {probationary}",
        due.len()
    );

    // Not started in 2021, page by page, as many as the figure says.
    let figures = &d["figures"];
    let started: i64 = figures["states"].as_array().unwrap().iter().map(n).sum();
    let not_started = drill_all(bloc, base, &code, "chua-lap").await;
    assert_eq!(not_started.len() as i64, n(&figures["members"]) - started);
    let mut unique = not_started.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), not_started.len(), "no one twice across pages");

    // 2020's commendations by form: every recipient the summary counts by
    // issuer is counted once by form.
    let (_, y2020) = call(bloc, base, "stats/dashboard", &[("year", "2020")]).await;
    let forms = y2020["commended_by_form"].as_array().unwrap();
    assert!(!forms.is_empty(), "{y2020}");
    let (units, members): (i64, i64) = forms
        .iter()
        .fold((0, 0), |(u, m), f| (u + n(&f[1]), m + n(&f[2])));
    let sum = &y2020["summary"];
    let by = |k: &str, i: usize| n(&sum[k][i]);
    assert!(units >= by("commended_by_bloc", 0) + by("commended_by_grassroots", 0));
    assert!(members >= by("commended_by_bloc", 1) + by("commended_by_grassroots", 1));

    // Badges due on the next award date (19/05/2021), by milestone.
    assert_eq!(d["badges_on"], "2021-05-19");
    let (_, badges) = call(bloc, base, "badges/list", &[("on", "2021-05-19")]).await;
    assert_eq!(
        d["badges_due"], badges["by_milestone"],
        "the badge list's own counts"
    );

    // A cell's secretary: their cell's lists, not the bloc's; bad filters
    // and pages are refused.
    let (status, _) = call(
        secretary,
        base,
        "stats/members",
        &[("unit", code.as_str()), ("filter", "chua-lap")],
    )
    .await;
    assert_eq!(status, 403);
    let (status, mine) = call(secretary, base, "stats/members", &[("filter", "approved")]).await;
    assert_eq!(status, 200, "{mine}");
    assert_ne!(mine["unit"]["code"], code.as_str());
    for bad in [
        vec![("filter", "tu-draft")],
        vec![("filter", "chua-lap"), ("page", "0")],
        vec![("filter", "chua-lap"), ("page", "101")],
    ] {
        let (status, body) = call(bloc, base, "stats/members", &bad).await;
        assert_eq!(status, 422, "{bad:?}: {body}");
    }

    // The list and the A4 view, as a browser without JavaScript gets them.
    let html = page(
        bloc,
        base,
        &format!("/thong-ke/danh-sach?don-vi={code}&loc=den-han-chinh-thuc"),
    )
    .await;
    assert!(
        html.contains("Đến hạn xét chuyển đảng viên chính thức"),
        "{html}"
    );
    assert!(html.contains("/dang-vien/"), "names lead to the members");
    let print = page(bloc, base, &format!("/in/thong-ke?don-vi={code}&nam=2020")).await;
    assert!(print.contains("Báo cáo thống kê năm 2020"), "{print}");
    assert!(print.contains("<svg"), "charts print");
    assert!(!print.contains("tk-filters"), "no forms on paper");
}
