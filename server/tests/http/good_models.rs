//! Good models over HTTP on the demo: the seed's 84 of 2020, recognised
//! by the bloc; a committee's leadership registers one for a cell it leads,
//! edits it on a version, recognises it as the committee above and takes
//! the recognition back; members read but do not write; other leaders are
//! refused; the registry downloads as XLSX with the page's filter.

use crate::commendations::{call, done};
use crate::support::demo_server;
use crate::sweep::{Callers, Facts, Who};
use serde_json::Value;

async fn list(c: &reqwest::Client, base: &str, form: &[(&str, &str)]) -> Value {
    let (status, page) = call(c, base, "good-models/list", form).await;
    assert_eq!(status, 200, "{page}");
    page
}

async fn one(c: &reqwest::Client, base: &str, id: i64) -> (u16, Value) {
    call(c, base, "good-models/one", &[("id", &id.to_string())]).await
}

#[tokio::test]
async fn models_are_registered_recognised_and_read_by_the_right_people() {
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
    let (member, leader, other) = (
        callers.of(Who::Member),
        callers.of(Who::CommitteeSecretary),
        callers.of(Who::CellSecretary),
    );

    // The seed's 84 of 2020, every one recognised by the bloc.
    let y2020 = list(member, base, &[("year", "2020")]).await;
    assert_eq!(y2020["total"], 84);
    assert_eq!(y2020["rows"].as_array().unwrap().len(), 50);
    assert_eq!(y2020["more"], true);
    let waiting = list(member, base, &[("year", "2020"), ("recognised", "0")]).await;
    assert_eq!(waiting["total"], 0);
    assert_eq!(y2020["rows"][0]["recognised_by"]["kind"], "bloc");
    // A member registers nothing; a committee's leader registers for its units.
    assert_eq!(y2020["registering"].as_array().unwrap().len(), 0);
    let theirs = list(leader, base, &[]).await;
    let codes: Vec<&str> = theirs["registering"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&facts.member_cell.as_str()), "{codes:?}");
    // Folded search: typed without marks.
    let found = list(member, base, &[("q", "dan van kheo"), ("year", "2020")]).await;
    assert!(found["total"].as_i64().unwrap() > 0);
    for r in found["rows"].as_array().unwrap() {
        assert!(r["title"].as_str().unwrap().contains("Dân vận khéo"), "{r}");
    }
    let (status, _) = call(visitor(&callers), base, "good-models/list", &[]).await;
    assert_eq!(status, 401);

    // The committee's secretary registers one for the member's cell.
    let title = "Chi bộ số hóa hồ sơ đảng viên";
    let form = |extra: &[(&'static str, String)]| {
        let mut f: Vec<(&str, String)> = vec![
            ("title", title.to_string()),
            ("field", "administrative_reform".into()),
            ("since", "2020-06-01".into()),
            ("run_by", "Chi ủy".into()),
            ("description", "Số hóa hồ sơ".into()),
            ("results", "100 % hồ sơ".into()),
        ];
        f.extend(extra.iter().cloned());
        f
    };
    let create = form(&[("unit", facts.member_cell.clone()), ("year", "2021".into())]);
    let create: Vec<(&str, &str)> = create.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, answer) = call(member, base, "good-models/save", &create).await;
    assert_eq!(status, 403, "a member: {answer}");
    let (status, answer) = call(other, base, "good-models/save", &create).await;
    assert_eq!(status, 403, "another cell's secretary: {answer}");
    let (status, answer) = call(leader, base, "good-models/save", &create).await;
    assert!(done(status), "{status} {answer}");
    let mine = list(
        member,
        base,
        &[("q", "so hoa ho so"), ("unit", facts.member_cell.as_str())],
    )
    .await;
    assert_eq!(mine["total"], 1, "{mine}");
    let id = mine["rows"][0]["id"].as_i64().unwrap();

    // Everyone logged in reads it; only its unit's leadership edits it, and
    // the committee above recognises it.
    let (status, v) = one(member, base, id).await;
    assert_eq!(status, 200);
    assert_eq!(
        (v["can_edit"].clone(), v["can_recognise"].clone()),
        (false.into(), false.into())
    );
    let (_, v) = one(leader, base, id).await;
    assert_eq!(
        (v["can_edit"].clone(), v["can_recognise"].clone()),
        (true.into(), true.into())
    );
    assert_eq!(v["recogniser"]["code"], facts.committee.as_str());
    let (_, v) = one(other, base, id).await;
    assert_eq!(
        (v["can_edit"].clone(), v["can_recognise"].clone()),
        (false.into(), false.into())
    );

    let edit = |version: &str| {
        let mut f = form(&[("id", id.to_string()), ("version", version.to_string())]);
        f[0].1 = "Chi bộ số hóa hồ sơ đảng viên và sổ tay điện tử".into();
        f
    };
    let as_pairs = |f: &[(&'static str, String)]| -> Vec<(&'static str, String)> { f.to_vec() };
    let send = |c: &reqwest::Client, endpoint: &'static str, f: Vec<(&'static str, String)>| {
        let c = c.clone();
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(&c, base, endpoint, &pairs).await
        }
    };
    let (status, _) = send(member, "good-models/save", as_pairs(&edit("1"))).await;
    assert_eq!(status, 403);
    let (status, a) = send(leader, "good-models/save", as_pairs(&edit("1"))).await;
    assert!(done(status), "{status} {a}");
    let (status, _) = send(leader, "good-models/save", as_pairs(&edit("1"))).await;
    assert_eq!(status, 409, "a stale edit");
    let bad = {
        let mut f = edit("2");
        f.push(("since", "2999-01-01".into()));
        f.retain(|(k, v)| *k != "since" || v.starts_with("2999"));
        f
    };
    let (status, a) = send(leader, "good-models/save", bad).await;
    assert_eq!(status, 422, "a start in the future: {a}");

    // Recognition: the other secretary may not; the committee may, once.
    let recognise = |version: &str, withdraw: bool| {
        let mut f: Vec<(&'static str, String)> =
            vec![("id", id.to_string()), ("version", version.to_string())];
        if withdraw {
            f.push(("withdraw", "1".into()));
        }
        f
    };
    let (status, _) = send(other, "good-models/recognise", recognise("2", false)).await;
    assert_eq!(status, 403);
    let (status, _) = send(member, "good-models/recognise", recognise("2", false)).await;
    assert_eq!(status, 403);
    let (status, a) = send(leader, "good-models/recognise", recognise("2", false)).await;
    assert!(done(status), "{status} {a}");
    let (_, v) = one(member, base, id).await;
    assert_eq!(v["row"]["recognised_by"]["code"], facts.committee.as_str());
    assert_eq!(
        v["row"]["recognised_on"], "2021-03-15",
        "the demo's working date"
    );
    let (_, v) = one(leader, base, id).await;
    assert_eq!(v["can_edit"], false, "recognised: no longer edited");
    let (status, _) = send(leader, "good-models/save", as_pairs(&edit("3"))).await;
    assert_eq!(status, 409);
    let (status, _) = send(leader, "good-models/recognise", recognise("3", false)).await;
    assert_eq!(status, 409, "recognised twice");
    let (status, _) = send(leader, "good-models/recognise", recognise("2", true)).await;
    assert_eq!(status, 409, "a stale withdrawal");
    let (status, a) = send(leader, "good-models/recognise", recognise("3", true)).await;
    assert!(done(status), "{status} {a}");
    let (_, v) = one(leader, base, id).await;
    assert_eq!(v["row"]["recognised_on"], Value::Null);
    assert_eq!(v["can_edit"], true);

    // The registry as XLSX, with the page's filter.
    use calamine::Reader;
    let rows = |bytes: Vec<u8>| {
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Mô hình").unwrap();
        range
            .rows()
            .skip(4)
            .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let url = format!("{base}/xuat/mo-hinh-hay.xlsx?nam=2020");
    let res = member.get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let all = rows(res.bytes().await.unwrap().to_vec());
    assert_eq!(all.len(), 84);
    assert!(
        all.iter().all(|r| r[2] == "2020" && !r[8].is_empty()),
        "{:?}",
        all[0]
    );
    let res = member
        .get(format!("{url}&linh-vuc=mass_mobilisation"))
        .send()
        .await
        .unwrap();
    let some = rows(res.bytes().await.unwrap().to_vec());
    assert!(!some.is_empty() && some.len() < all.len());
    assert!(some.iter().all(|r| r[4] == "Dân vận"), "{:?}", some[0]);
    for (query, status) in [
        ("&linh-vuc=zombie", 422),
        ("&nam=NaN", 422),
        ("&cong-nhan=2", 422),
    ] {
        let res = member.get(format!("{url}{query}")).send().await.unwrap();
        assert_eq!(res.status().as_u16(), status, "{query}");
    }
    let res = visitor(&callers).get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 401);
}

fn visitor(callers: &Callers) -> &reqwest::Client {
    callers.of(Who::Visitor)
}
