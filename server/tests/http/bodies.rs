//! The Steering Committee 35 and its helpers over HTTP on the demo: the
//! seed's figures on the bloc's dashboard and its bodies page; a
//! committee's secretary sets up a body of their own, adds a party member
//! of the committee by card and an outside person, sees one out, downloads
//! the list; nobody else may, and a card from elsewhere is not found.

use crate::commendations::{call, done};
use crate::support::{demo_server, page};
use crate::sweep::{Callers, Who};
use serde_json::Value;

fn n(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("a number: {v}"))
}

async fn post(
    c: &reqwest::Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, String)],
) -> (u16, Value) {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call(c, base, endpoint, &pairs).await
}

#[tokio::test]
async fn the_seeds_steering_committee_and_its_collaborators() {
    let srv = demo_server().await;
    let callers = Callers::log_in(&srv, &[Who::Bloc]).await;
    let base = srv.base.as_str();
    let bloc = callers.of(Who::Bloc);
    let (status, d) = call(bloc, base, "stats/dashboard", &[]).await;
    assert_eq!(status, 200, "{d}");
    let own: Vec<i64> = d["bodies"]["own"]
        .as_array()
        .unwrap()
        .iter()
        .map(n)
        .collect();
    let below: Vec<i64> = d["bodies"]["below"]
        .as_array()
        .unwrap()
        .iter()
        .map(n)
        .collect();
    // The seed: 6 members, a secretariat of 3, 18 collaborators, a group of
    // 154, and 678 collaborators at grassroots level.
    assert_eq!(own, [6, 3, 18, 154]);
    assert_eq!(below[2] + below[3], 678, "{below:?}");

    let (status, list) = call(bloc, base, "bodies/list", &[]).await;
    assert_eq!(status, 200, "{list}");
    let bodies = list["bodies"].as_array().unwrap();
    assert_eq!(bodies.len(), 4);
    assert_eq!(bodies[0]["row"]["kind"], "steering_committee");
    assert_eq!(bodies[0]["people"][0]["role"], "head");
    assert_eq!(bodies[3]["people"].as_array().unwrap().len(), 154);
    assert_eq!(list["can_manage"], true);

    let html = page(bloc, base, "/ban-chi-dao").await;
    assert!(html.contains("Ban Chỉ đạo 35 Đảng ủy Khối"), "{html}");
    assert!(html.contains("Trưởng ban"), "{html}");
    let dash = page(bloc, base, "/thong-ke").await;
    assert!(dash.contains("id=\"ban-chi-dao\""), "{dash}");
}

#[tokio::test]
async fn a_committee_sets_up_its_body_and_nobody_else_may() {
    use calamine::{Data, Reader, Xlsx};
    let srv = demo_server().await;
    let callers = Callers::log_in(
        &srv,
        &[
            Who::Member,
            Who::CellSecretary,
            Who::CommitteeSecretary,
            Who::Bloc,
        ],
    )
    .await;
    let base = srv.base.as_str();
    let leader = callers.of(Who::CommitteeSecretary);
    let (status, mine) = call(leader, base, "bodies/list", &[]).await;
    assert_eq!(status, 200, "{mine}");
    let code = mine["unit"]["code"].as_str().unwrap().to_string();
    let before = mine["bodies"].as_array().unwrap().len();

    let create = [
        ("unit", code.clone()),
        ("kind", "collaborators".to_string()),
        ("name", "Cộng tác viên Ban Chỉ đạo 35 (thử)".to_string()),
        ("since", "2021-03-01".to_string()),
    ];
    for who in [Who::Member, Who::CellSecretary, Who::Bloc] {
        let (status, a) = post(callers.of(who), base, "bodies/new", &create).await;
        assert_eq!(status, 403, "{who:?}: {a}");
    }
    let (status, a) = post(leader, base, "bodies/new", &create).await;
    assert!(done(status), "{status} {a}");
    let (_, mine) = call(leader, base, "bodies/list", &[]).await;
    let bodies = mine["bodies"].as_array().unwrap();
    assert_eq!(bodies.len(), before + 1);
    let body = bodies
        .iter()
        .find(|b| b["row"]["name"] == "Cộng tác viên Ban Chỉ đạo 35 (thử)")
        .unwrap();
    let id = n(&body["row"]["id"]).to_string();

    // A party member of the committee, by card (the demo member is one).
    let member_card = crate::support::demo_user(&srv, "member").await;
    let add = |version: &str, card: &str, name: &str| {
        vec![
            ("body", id.clone()),
            ("version", version.to_string()),
            ("card_number", card.to_string()),
            ("full_name", name.to_string()),
            ("workplace", "Báo Hậu Giang".to_string()),
            ("role", "collaborator".to_string()),
            ("from", "2021-03-01".to_string()),
        ]
    };
    let (status, a) = post(leader, base, "bodies/add", &add("1", &member_card, "")).await;
    assert!(done(status), "{status} {a}");
    let (status, _) = post(leader, base, "bodies/add", &add("1", "", "Nguyễn Văn An")).await;
    assert_eq!(status, 409, "a stale version");
    let (status, a) = post(leader, base, "bodies/add", &add("2", "", "Nguyễn Văn An")).await;
    assert!(done(status), "{status} {a}");
    // The bloc standing member's card is not of this committee.
    let elsewhere = crate::support::demo_user(&srv, "bloc standing committee member").await;
    let (status, a) = post(leader, base, "bodies/add", &add("3", &elsewhere, "")).await;
    assert_eq!(status, 422, "{a}");
    assert_eq!(a["Refused"]["Field"]["field"], "CardNumber", "{a}");
    let (status, _) = post(
        callers.of(Who::CellSecretary),
        base,
        "bodies/add",
        &add("3", "", "X"),
    )
    .await;
    assert_eq!(status, 404, "out of their sight");
    let (status, _) = post(
        callers.of(Who::Bloc),
        base,
        "bodies/add",
        &add("3", "", "X"),
    )
    .await;
    assert_eq!(status, 403, "the bloc sees it but it is not the bloc's");

    let (_, mine) = call(leader, base, "bodies/list", &[]).await;
    let body = mine["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| n(&b["row"]["id"]).to_string() == id)
        .unwrap()
        .clone();
    let people = body["people"].as_array().unwrap();
    assert_eq!(people.len(), 2);
    let card_of = |p: &Value| p["card_number"].as_str().map(str::to_string);
    assert!(
        people
            .iter()
            .any(|p| card_of(p) == Some(member_card.clone()))
    );
    let outsider = people.iter().find(|p| p["card_number"].is_null()).unwrap();

    // Seen out today; the stale version is refused.
    let end = |version: &str| {
        vec![
            ("body", id.clone()),
            ("version", version.to_string()),
            ("person", n(&outsider["id"]).to_string()),
        ]
    };
    let (status, _) = post(leader, base, "bodies/end", &end("2")).await;
    assert_eq!(status, 409);
    let (status, a) = post(leader, base, "bodies/end", &end("3")).await;
    assert!(done(status), "{status} {a}");

    // The list as XLSX: both people, the one who left with a date.
    let res = leader
        .get(format!("{base}/xuat/ban-chi-dao/{id}.xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap();
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range("Cộng tác viên").unwrap();
    assert_eq!(
        sheet.get_value((5, 1)),
        Some(&Data::String("Nguyễn Văn An".into()))
    );
    assert_eq!(
        sheet.get_value((5, 2)),
        Some(&Data::String("Ngoài hệ thống".into()))
    );
    assert!(matches!(sheet.get_value((5, 6)), Some(Data::DateTime(_))));
    for who in [Who::CellSecretary, Who::Member] {
        let refused = callers
            .of(who)
            .get(format!("{base}/xuat/ban-chi-dao/{id}.xlsx"))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 404, "{who:?}");
    }

    let (status, log) = call(leader, base, "audit", &[("action", "body.")]).await;
    assert_eq!(status, 200, "{log}");
    let text = log.to_string();
    for action in ["body.create", "body.add", "body.end"] {
        assert!(text.contains(action), "{action}: {text}");
    }
}
