//! Party badges over HTTP on the demo: the lists of 2021's award dates
//! follow the rules (30 and 40 years; the member marked seriously ill a
//! year early; the member under a warning only once its pause is over);
//! only the leadership reads them; a cell's secretary marks the cell's
//! members and nobody else's.

use crate::commendations::{call, done};
use crate::support::demo_server;
use crate::sweep::{Callers, Facts, Who};
use serde_json::Value;

fn ids(list: &Value) -> Vec<i64> {
    list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["member_id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn badge_lists_follow_the_rules_and_stay_with_the_leadership() {
    let srv = demo_server().await;
    let who = [
        Who::Visitor,
        Who::Member,
        Who::CellSecretary,
        Who::CommitteeSecretary,
        Who::Bloc,
    ];
    let callers = Callers::log_in(&srv, &who).await;
    let facts = Facts::find(&srv, &callers).await;
    let base = srv.base.as_str();
    let bloc = callers.of(Who::Bloc);
    let list = |c: &reqwest::Client, on: &str| {
        let c = c.clone();
        let on = on.to_string();
        async move {
            let (status, v) = call(&c, base, "badges/list", &[("on", on.as_str())]).await;
            assert_eq!(status, 200, "{v}");
            v
        }
    };

    // What the demo says each member has: read back from the store.
    let everyone = srv
        .store
        .badge_members(
            "/",
            chrono::NaiveDate::from_ymd_opt(1992, 12, 31).unwrap(),
            100_000,
        )
        .await
        .unwrap();
    let marked = everyone
        .iter()
        .find(|m| m.record.early.is_some())
        .expect("a marked member");
    let warned = everyone
        .iter()
        .find(|m| !m.record.disciplines.is_empty())
        .expect("a member under discipline");

    let september = list(bloc, "2021-09-02").await;
    let rows = september["rows"].as_array().unwrap();
    assert!(!rows.is_empty(), "members reach a milestone in 2021");
    assert!(
        rows.iter()
            .all(|r| [30, 40].contains(&r["milestone"].as_i64().unwrap()))
    );
    let total: i64 = september["by_milestone"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_i64().unwrap())
        .sum();
    assert_eq!(total, rows.len() as i64);
    assert!(ids(&september).contains(&marked.member_id), "listed early");
    let row = rows
        .iter()
        .find(|r| r["member_id"] == marked.member_id)
        .unwrap();
    assert_eq!(row["early"], "seriously_ill");
    assert!(row["months"].as_i64().unwrap() < 360, "{row}");
    assert!(
        !ids(&september).contains(&warned.member_id),
        "under a warning"
    );
    let november = list(bloc, "2021-11-07").await;
    assert!(
        ids(&november).contains(&warned.member_id),
        "the pause is over"
    );
    // Nobody is listed twice over the year: the history holds the earlier ones.
    let february = list(bloc, "2021-02-03").await;
    for id in ids(&february) {
        assert!(ids(&september).contains(&id), "still due later in the year");
    }
    assert!(ids(&february).len() < ids(&september).len());

    // The list sent upward as XLSX (form 4-HHĐ): the same members.
    use calamine::Reader;
    let url = format!("{base}/xuat/huy-hieu.xlsx?ngay=2021-09-02");
    let res = bloc.get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes().await.unwrap().to_vec()))
            .unwrap();
    let range = book.worksheet_range("Huy hiệu Đảng").unwrap();
    let sheet: Vec<Vec<String>> = range
        .rows()
        .skip(5)
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(sheet.len(), rows.len());
    assert_eq!(sheet[0][1], rows[0]["full_name"].as_str().unwrap());
    assert!(sheet.iter().any(|r| r[7] == "Xét sớm (ốm nặng)"));
    let res = callers.of(Who::Member).get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 403);
    let res = callers.of(Who::Visitor).get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 401);
    let res = bloc.get(format!("{url}x")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 422);

    // Only the leadership reads a list, and only of its units.
    let (status, _) = call(callers.of(Who::Visitor), base, "badges/list", &[]).await;
    assert_eq!(status, 401);
    let (status, _) = call(callers.of(Who::Member), base, "badges/list", &[]).await;
    assert_eq!(status, 403);
    let secretary = callers.of(Who::CommitteeSecretary);
    let (status, v) = call(secretary, base, "badges/list", &[("on", "2021-09-02")]).await;
    assert_eq!(status, 200);
    assert_eq!(v["unit"]["code"], facts.committee.as_str());
    let (status, _) = call(
        secretary,
        base,
        "badges/list",
        &[("unit", facts.cell_org.as_str())],
    )
    .await;
    assert_eq!(status, 403, "another committee");
    let (status, _) = call(bloc, base, "badges/list", &[("on", "2021-09-03")]).await;
    assert_eq!(status, 422, "not an award date");

    // Marks: the cell's secretary for the cell's members only.
    let cell_secretary = callers.of(Who::CellSecretary);
    let mate = facts.cellmate.to_string();
    let (status, a) = call(
        cell_secretary,
        base,
        "badges/mark",
        &[("member", mate.as_str()), ("early", "seriously_ill")],
    )
    .await;
    assert!(done(status), "{status} {a}");
    let (status, _) = call(
        cell_secretary,
        base,
        "badges/mark",
        &[("member", mate.as_str()), ("early", "zombie")],
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = call(
        cell_secretary,
        base,
        "badges/mark",
        &[("member", mate.as_str())],
    )
    .await;
    assert!(done(status), "cleared");
    let other = facts.member.to_string();
    let (status, _) = call(
        cell_secretary,
        base,
        "badges/mark",
        &[("member", other.as_str()), ("early", "posthumous")],
    )
    .await;
    assert_eq!(status, 404, "another committee's member");
    let (status, _) = call(
        callers.of(Who::Member),
        base,
        "badges/mark",
        &[("member", other.as_str()), ("early", "posthumous")],
    )
    .await;
    assert_eq!(status, 403, "one's own, as a member");
}
