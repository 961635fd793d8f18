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

#[tokio::test]
async fn the_bloc_records_the_provinces_decision_disciplines_and_gaps() {
    let srv = demo_server().await;
    let who = [
        Who::Member,
        Who::CellSecretary,
        Who::CommitteeSecretary,
        Who::Bloc,
    ];
    let callers = Callers::log_in(&srv, &who).await;
    let facts = Facts::find(&srv, &callers).await;
    let base = srv.base.as_str();
    let bloc = callers.of(Who::Bloc);
    let september = || async {
        let (status, v) = call(bloc, base, "badges/list", &[("on", "2021-09-02")]).await;
        assert_eq!(status, 200, "{v}");
        v
    };
    let before = september().await;
    assert_eq!(before["can_record"], true);
    let rows = ids(&before);
    assert!(rows.len() >= 3);
    let (a, b, c) = (
        rows[0].to_string(),
        rows[1].to_string(),
        rows[2].to_string(),
    );
    let decision = |number: &'static str, badge: &'static str| {
        vec![
            ("on", "2021-09-02"),
            ("decision", number),
            ("member[0]", a.as_str()),
            ("badge[0]", badge),
            ("member[1]", b.as_str()),
            ("badge[1]", ""),
        ]
    };

    // Only the bloc's leadership records, and only a real number.
    let (status, _) = call(
        callers.of(Who::CellSecretary),
        base,
        "badges/record",
        &decision("1234-QĐ/TU", "HH30-0001"),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = call(
        bloc,
        base,
        "badges/record",
        &decision("mười hai", "HH30-0001"),
    )
    .await;
    assert_eq!(status, 422, "not a document number");
    let (status, _) = call(bloc, base, "badges/record", &decision("1234-QĐ/TU", "")).await;
    assert_eq!(status, 422, "no badge numbered");
    let long = "9".repeat(31);
    let (status, _) = call(
        bloc,
        base,
        "badges/record",
        &[
            ("on", "2021-09-02"),
            ("decision", "1234-QĐ/TU"),
            ("member[0]", a.as_str()),
            ("badge[0]", long.as_str()),
        ],
    )
    .await;
    assert_eq!(status, 422, "a badge number too long");
    assert!(
        srv.store
            .badges_of(rows[0])
            .await
            .unwrap()
            .iter()
            .all(|x| x.award_date.to_string() != "2021-09-02")
    );

    // The decision: the member numbered is awarded and leaves the list;
    // the one left blank stays on it.
    let (status, v) = call(
        bloc,
        base,
        "badges/record",
        &decision("1234-QĐ/TU", "HH30-0001"),
    )
    .await;
    assert!(done(status), "{status} {v}");
    let after = september().await;
    assert!(!ids(&after).contains(&rows[0]));
    assert!(ids(&after).contains(&rows[1]));
    let (status, member) = call(bloc, base, "org/member", &[("id", a.as_str())]).await;
    assert_eq!(status, 200);
    let badge = member["badges"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(badge["decision_number"], "1234-QĐ/TU");
    assert_eq!(badge["badge_number"], "HH30-0001");
    assert_eq!(badge["award_date"], "2021-09-02");
    // Awarded once: the same member again is refused.
    let (status, _) = call(
        bloc,
        base,
        "badges/record",
        &decision("1235-QĐ/TU", "HH30-0002"),
    )
    .await;
    assert_eq!(status, 422, "no longer on the list");

    // A warning of March 2021 keeps a member off September's list.
    let (status, _) = call(
        callers.of(Who::CellSecretary),
        base,
        "badges/discipline",
        &[
            ("member", &facts.cellmate.to_string()),
            ("date", "2021-03-01"),
            ("form", "warning"),
        ],
    )
    .await;
    assert_eq!(status, 403, "a cell secretary does not keep the records");
    let (status, _) = call(
        callers.of(Who::Member),
        base,
        "badges/discipline",
        &[
            ("member", c.as_str()),
            ("date", "2021-03-01"),
            ("form", "warning"),
        ],
    )
    .await;
    assert_eq!(status, 404, "a member not theirs to read");
    for (date, form) in [
        ("2021-03-01", "exile"),
        ("2099-01-01", "warning"),
        ("", "warning"),
    ] {
        let (status, _) = call(
            bloc,
            base,
            "badges/discipline",
            &[("member", c.as_str()), ("date", date), ("form", form)],
        )
        .await;
        assert_eq!(status, 422, "{date} {form}");
    }
    let (status, v) = call(
        bloc,
        base,
        "badges/discipline",
        &[
            ("member", c.as_str()),
            ("date", "2021-03-01"),
            ("form", "warning"),
            ("note", "Quyết định 12-QĐ/UBKT"),
        ],
    )
    .await;
    assert!(done(status), "{status} {v}");
    assert!(!ids(&september().await).contains(&rows[2]));
    let (_, member) = call(bloc, base, "org/member", &[("id", c.as_str())]).await;
    assert_eq!(member["disciplines"][0]["form"], "warning");
    assert_eq!(member["disciplines"][0]["note"], "Quyết định 12-QĐ/UBKT");

    // A year outside the Party: twelve months fewer on the list.
    let months = |v: &Value| {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["member_id"] == rows[1])
            .map(|r| r["months"].as_i64().unwrap())
    };
    let had = months(&september().await).unwrap();
    let (status, _) = call(
        bloc,
        base,
        "badges/gap",
        &[
            ("member", b.as_str()),
            ("from", "2019-01-01"),
            ("to", "2019-01-01"),
        ],
    )
    .await;
    assert_eq!(status, 422, "a gap ends after it starts");
    let (status, v) = call(
        bloc,
        base,
        "badges/gap",
        &[
            ("member", b.as_str()),
            ("from", "2000-01-01"),
            ("to", "2001-01-01"),
        ],
    )
    .await;
    assert!(done(status), "{status} {v}");
    let on = chrono::NaiveDate::from_ymd_opt(2021, 9, 2).unwrap();
    let record = srv
        .store
        .badge_members("/", on, 100_000)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.member_id == rows[1])
        .unwrap()
        .record;
    assert_eq!(
        app::domain::badge::membership_months(record.admitted, &record.gaps, on) as i64,
        had - 12
    );
    // Short of the milestone now, or listed with the year left out.
    assert!(months(&september().await).is_none_or(|m| m == had - 12));
    let (_, member) = call(bloc, base, "org/member", &[("id", b.as_str())]).await;
    assert_eq!(member["gaps"][0]["gap"]["from"], "2000-01-01");
}

#[tokio::test]
async fn a_cell_reports_a_badge_lost_and_the_bloc_records_its_replacement() {
    use app::domain::badge::BadgeKind;
    use app::store::badges::NewBadge;
    let srv = demo_server().await;
    let who = [
        Who::Member,
        Who::CellSecretary,
        Who::CommitteeSecretary,
        Who::Bloc,
    ];
    let callers = Callers::log_in(&srv, &who).await;
    let facts = Facts::find(&srv, &callers).await;
    let base = srv.base.as_str();
    let bloc = callers.of(Who::Bloc);
    let secretary = callers.of(Who::CellSecretary);
    let lost_ids = || async {
        let (status, v) = call(bloc, base, "badges/list", &[("on", "2021-05-19")]).await;
        assert_eq!(status, 200, "{v}");
        v["lost"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["badge_id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    // The demo's badge lost in February waits on the bloc's list.
    let demo_lost = lost_ids().await;
    assert_eq!(demo_lost.len(), 1);

    // The secretary's cellmate holds a badge.
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let audit = app::store::model::AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: "badge.record".into(),
        entity: String::new(),
        entity_id: None,
        before: None,
        after: None,
        ip: None,
        unit_path: None,
    };
    srv.store
        .record_badges(
            &[NewBadge {
                member_id: facts.cellmate,
                milestone: 30,
                award_date: day("2020-09-02"),
                decision_number: "99-QĐ/TU".into(),
                badge_number: "HH30-TEST".into(),
                kind: BadgeKind::Award,
                replaces: None,
            }],
            &audit,
        )
        .await
        .unwrap();
    let badge = srv.store.badges_of(facts.cellmate).await.unwrap()[0].id;
    let (member, badge_text) = (facts.cellmate.to_string(), badge.to_string());
    let report = |date: &'static str| {
        vec![
            ("member", member.as_str()),
            ("badge", badge_text.as_str()),
            ("date", date),
            ("note", "Mất khi đi công tác"),
        ]
    };
    for (who, want) in [
        (Who::Member, 404),
        (Who::CommitteeSecretary, 404),
        (Who::Bloc, 403),
    ] {
        let (status, _) = call(callers.of(who), base, "badges/lost", &report("2021-03-01")).await;
        assert_eq!(status, want, "{who:?}");
    }
    for date in ["2099-01-01", "", "hôm qua"] {
        let (status, _) = call(secretary, base, "badges/lost", &report(date)).await;
        assert_eq!(status, 422, "{date:?}");
    }
    let other = demo_lost[0].to_string();
    let (status, _) = call(
        secretary,
        base,
        "badges/lost",
        &[
            ("member", member.as_str()),
            ("badge", other.as_str()),
            ("date", "2021-03-01"),
        ],
    )
    .await;
    assert_eq!(status, 404, "another member's badge");
    assert_eq!(lost_ids().await, demo_lost, "nothing reported yet");
    let (status, v) = call(secretary, base, "badges/lost", &report("2021-03-01")).await;
    assert!(done(status), "{status} {v}");
    let (status, _) = call(secretary, base, "badges/lost", &report("2021-03-02")).await;
    assert_eq!(status, 409, "reported once");
    let (_, page) = call(secretary, base, "org/member", &[("id", member.as_str())]).await;
    assert_eq!(page["can_report_lost"], true);
    assert_eq!(page["badges"][0]["lost_on"], "2021-03-01");
    assert_eq!(lost_ids().await.len(), 2);

    // The list sent upward carries them on its second sheet.
    use calamine::Reader;
    let res = bloc
        .get(format!("{base}/xuat/huy-hieu.xlsx?ngay=2021-05-19"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes().await.unwrap().to_vec()))
            .unwrap();
    let range = book.worksheet_range("Cấp lại huy hiệu").unwrap();
    let sheet: Vec<Vec<String>> = range
        .rows()
        .skip(5)
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(sheet.len(), 2, "{sheet:?}");
    let ours = sheet
        .iter()
        .find(|r| r[5] == "HH30-TEST")
        .expect("the badge reported lost");
    assert_eq!(
        (ours[4].as_str(), ours[6].as_str()),
        ("30 năm", "99-QĐ/TU ngày 02/09/2020")
    );
    assert_eq!(ours[8], "Mất khi đi công tác");

    // The province replaces it: the bloc's leadership records the decision.
    let replace = |number: &'static str, new: &'static str| {
        vec![
            ("on", "2021-05-19"),
            ("decision", number),
            ("lost[0]", badge_text.as_str()),
            ("badge[0]", new),
        ]
    };
    let (status, _) = call(
        secretary,
        base,
        "badges/replace",
        &replace("77-QĐ/TU", "HH30-R1"),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = call(bloc, base, "badges/replace", &replace("bảy bảy", "HH30-R1")).await;
    assert_eq!(status, 422, "not a document number");
    let (status, _) = call(bloc, base, "badges/replace", &replace("77-QĐ/TU", "")).await;
    assert_eq!(status, 422, "no new number");
    let (status, v) = call(
        bloc,
        base,
        "badges/replace",
        &replace("77-QĐ/TU", "HH30-R1"),
    )
    .await;
    assert!(done(status), "{status} {v}");
    assert_eq!(lost_ids().await, demo_lost);
    let (status, _) = call(
        bloc,
        base,
        "badges/replace",
        &replace("78-QĐ/TU", "HH30-R2"),
    )
    .await;
    assert_eq!(status, 422, "replaced already");
    let (_, page) = call(bloc, base, "org/member", &[("id", member.as_str())]).await;
    let badges = page["badges"].as_array().unwrap();
    assert_eq!(badges.len(), 2, "{page}");
    assert_eq!(badges[0]["replaced"], true);
    assert_eq!(badges[1]["kind"], "replacement");
    assert_eq!(badges[1]["badge_number"], "HH30-R1");
    assert_eq!(badges[1]["decision_number"], "77-QĐ/TU");
    assert_eq!(page["can_report_lost"], false, "the bloc does not report");
}

/// A list longer than one reading says so: the members of the first
/// reading only, the kept counts of the whole unit on the next award date
/// (none on another date), and the units below to choose instead.
#[tokio::test]
async fn a_list_too_long_to_read_whole_says_so() {
    use app::api::badges::server::{MAX_READ, list_reading};
    use app::domain::authz::Actor;
    let srv = demo_server().await;
    let username = crate::support::demo_user(&srv, "bloc standing committee member").await;
    let account = srv
        .store
        .user_by_username(&username)
        .await
        .unwrap()
        .unwrap();
    let today = app::api::context::today(&srv.store).await.unwrap();
    let user = srv
        .store
        .actor(account.id, account.session_epoch, today)
        .await
        .unwrap()
        .unwrap();
    let actor = Actor::User(user);
    let read = |on: &'static str, n: i64| {
        let (store, actor) = (srv.store.clone(), actor.clone());
        async move {
            list_reading(&store, &actor, Some(on.into()), None, n)
                .await
                .unwrap()
        }
    };
    let next = "2021-05-19";
    let whole = read(next, MAX_READ).await;
    assert!(whole.cut.is_none());
    assert!(whole.rows.len() > 3, "{}", whole.rows.len());
    let cut = read(next, 3).await;
    let c = cut.cut.clone().expect("cut");
    assert_eq!(c.read, 3);
    assert!(!c.below.is_empty(), "the units below are offered");
    assert!(cut.rows.len() <= 3);
    assert_eq!(
        cut.rows[..],
        whole.rows[..cut.rows.len()],
        "the first of the list"
    );
    assert_eq!(
        cut.by_milestone, whole.by_milestone,
        "the whole unit's kept counts"
    );
    let september = read("2021-09-02", 3).await;
    assert!(september.cut.is_some());
    assert!(september.by_milestone.is_empty(), "not kept for that date");
}
