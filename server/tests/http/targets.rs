//! Resolution targets over HTTP on the demo: the bloc's 2020 resolution as
//! the seed reports it (ten targets, all met or exceeded, admissions 132
//! against 95, +38,9 %) and its 2021 targets in progress, on the dashboard
//! and on their own page; a committee's leadership sets up its own
//! resolution (versioned, audited, pushed to open dashboards), nobody
//! else's; the page renders complete without JavaScript.

use crate::commendations::{call, done};
use crate::stats::{next_figures, stream};
use crate::support::{demo_server, page};
use crate::sweep::{Callers, Who};
use serde_json::Value;
use std::time::Duration;

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

/// An entered target's form at `version`, with a set value of `target`.
fn edit(id: &str, version: &str, target: &str) -> Vec<(&'static str, String)> {
    [
        ("id", id),
        ("version", version),
        ("indicator", "other"),
        ("title", "Quần chúng ưu tú được bồi dưỡng"),
        ("measure", "người"),
        ("target", target),
        ("actual", "12,5"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect()
}

fn standings(targets: &Value) -> Vec<String> {
    targets
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["standing"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_seeds_resolution_is_met_and_the_next_one_in_progress() {
    let srv = demo_server().await;
    let callers = Callers::log_in(&srv, &[Who::CellSecretary, Who::Bloc]).await;
    let base = srv.base.as_str();
    let bloc = callers.of(Who::Bloc);

    let (status, d) = call(bloc, base, "stats/dashboard", &[("year", "2020")]).await;
    assert_eq!(status, 200, "{d}");
    let targets = &d["targets"];
    assert_eq!(targets.as_array().unwrap().len(), 10);
    let st = standings(targets);
    assert!(st.iter().all(|s| s == "Exceeded" || s == "Met"), "{st:?}");
    let admissions = &targets[0];
    assert_eq!(admissions["target"]["spec"]["indicator"], "admissions");
    assert_eq!(n(&admissions["target"]["spec"]["target"]), 950);
    assert_eq!(n(&admissions["actual"]), 1320);
    assert_eq!(n(&admissions["margin"]), 389);
    // Every member filed in 2020: 100 % against 100 %.
    assert_eq!(n(&targets[1]["actual"]), 1000);
    assert_eq!(targets[1]["standing"], "Met");
    // Counted from the organisations' 2020 grades.
    let orgs: i64 = d["organisation_grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(n)
        .sum();
    assert!((98..=358).contains(&orgs), "{orgs}");
    assert!(d["charts"]["targets"].as_str().unwrap().starts_with("<svg"));

    // 2021, in March: short of the targets is in progress, not failed;
    // nobody graded yet and nothing reported is no figure yet.
    let (_, now) = call(bloc, base, "stats/dashboard", &[]).await;
    assert_eq!(now["year"], 2021);
    let st = standings(&now["targets"]);
    assert!(st.contains(&"InProgress".to_string()), "{st:?}");
    assert!(st.contains(&"NoData".to_string()), "{st:?}");
    assert!(!st.contains(&"Behind".to_string()), "{st:?}");

    // The page of their own, as a browser without JavaScript gets it.
    let html = page(bloc, base, "/thong-ke/chi-tieu?nam=2020").await;
    assert!(html.contains("Chỉ tiêu nghị quyết"), "{html}");
    assert!(html.contains("+38,9 %"), "{html}");
    assert!(html.contains("10 trên 10 chỉ tiêu"), "{html}");
    assert!(html.contains("<svg"), "the chart is in the page");
    assert!(
        html.contains("name=\"indicator\""),
        "the bloc's leadership may edit"
    );
    let dash = page(bloc, base, "/thong-ke?nam=2020").await;
    assert!(dash.contains("id=\"chi-tieu\""), "{dash}");
    // The admissions beside their target, in the organisation's figures.
    assert!(dash.contains("chỉ tiêu 95 (+38,9 %)"), "{dash}");

    // A cell's secretary sees their cell's (none), not the bloc's.
    let secretary = callers.of(Who::CellSecretary);
    let code = d["unit"]["code"].as_str().unwrap();
    let (status, _) = call(secretary, base, "targets/list", &[("unit", code)]).await;
    assert_eq!(status, 403);
    let (status, theirs) = call(secretary, base, "targets/list", &[]).await;
    assert_eq!(status, 200, "{theirs}");
    assert!(theirs["targets"].as_array().unwrap().is_empty());
    assert_eq!(
        theirs["can_edit"], true,
        "a cell's secretary sets the cell's"
    );
}

#[tokio::test]
async fn a_committee_sets_up_its_own_resolution_and_the_dashboard_follows() {
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
    let (status, mine) = call(leader, base, "targets/list", &[]).await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["can_edit"], true);
    let code = mine["unit"]["code"].as_str().unwrap().to_string();
    let free = mine["free"].as_array().unwrap().len();
    assert_eq!(free, 6, "every known indicator is offered");
    let mut dashboard = stream(leader, base, &format!("?don-vi={code}&nam=2021")).await;
    assert_eq!(dashboard.status(), 200);

    let add = [
        ("unit", code.as_str()),
        ("year", "2021"),
        ("indicator", "other"),
        ("title", "Quần chúng ưu tú được bồi dưỡng"),
        ("measure", "người"),
        ("direction", "at_least"),
        ("target", "20"),
        ("actual", "12,5"),
        ("note", "Lớp tháng 3"),
        ("evidence", "Báo cáo số 5-BC/ĐU"),
    ];
    // Neither a member, the bloc (not its own resolution) nor a cell's secretary elsewhere.
    for who in [Who::Member, Who::Bloc, Who::CellSecretary] {
        let (status, a) = call(callers.of(who), base, "targets/save", &add).await;
        assert_eq!(status, 403, "{who:?}: {a}");
    }
    let (status, a) = call(leader, base, "targets/save", &add).await;
    assert!(done(status), "{status} {a}");
    let known = [
        ("unit", code.as_str()),
        ("year", "2021"),
        ("indicator", "admissions"),
        ("target", "5"),
    ];
    let (status, a) = call(leader, base, "targets/save", &known).await;
    assert!(done(status), "{status} {a}");
    // A known indicator is listed once; a share is at most 100 %.
    let (status, a) = call(leader, base, "targets/save", &known).await;
    assert_eq!(status, 422, "{a}");
    assert_eq!(a["Refused"]["Field"]["problem"], "Taken", "{a}");
    let share = [
        ("unit", code.as_str()),
        ("year", "2021"),
        ("indicator", "commitments_filed"),
        ("target", "101"),
    ];
    let (status, _) = call(leader, base, "targets/save", &share).await;
    assert_eq!(status, 422);

    // The open dashboard gets the new targets without a reload.
    let pushed = loop {
        let d = next_figures(&mut dashboard, Duration::from_secs(5))
            .await
            .expect("the targets pushed");
        if d["targets"].as_array().unwrap().len() == 2 {
            break d;
        }
    };
    let other = &pushed["targets"][0];
    assert_eq!(n(&other["actual"]), 125);
    assert_eq!(other["standing"], "InProgress");
    assert_eq!(n(&other["margin"]), -375);

    // Edited at its version; the stale version is refused; others may not.
    let id = n(&other["target"]["id"]).to_string();
    let bloc = callers.of(Who::Bloc);
    let (status, _) = post(bloc, base, "targets/save", &edit(&id, "1", "10")).await;
    assert_eq!(status, 403, "the bloc sees it but it is not the bloc's");
    let secretary = callers.of(Who::CellSecretary);
    let (status, _) = post(secretary, base, "targets/save", &edit(&id, "1", "10")).await;
    assert_eq!(status, 404, "out of their sight");
    let (status, a) = post(leader, base, "targets/save", &edit(&id, "1", "10")).await;
    assert!(done(status), "{status} {a}");
    let (status, _) = post(leader, base, "targets/save", &edit(&id, "1", "11")).await;
    assert_eq!(status, 409);
    let (_, mine) = call(leader, base, "targets/list", &[("year", "2021")]).await;
    let changed = &mine["targets"][0];
    assert_eq!(n(&changed["target"]["spec"]["target"]), 100);
    assert_eq!(changed["standing"], "Exceeded");
    assert_eq!(n(&changed["target"]["version"]), 2);

    // Deleted at its version, after which it is gone.
    let del = |v: &str| [("id", id.clone()), ("version", v.to_string())];
    let (status, _) = post(leader, base, "targets/delete", &del("1")).await;
    assert_eq!(status, 409);
    let (status, a) = post(leader, base, "targets/delete", &del("2")).await;
    assert!(done(status), "{status} {a}");
    let (_, mine) = call(leader, base, "targets/list", &[("year", "2021")]).await;
    assert_eq!(mine["targets"].as_array().unwrap().len(), 1);

    // Each write is in the audit log, with what it changed.
    let (status, log) = call(leader, base, "audit", &[("action", "target.")]).await;
    assert_eq!(status, 200, "{log}");
    let text = log.to_string();
    for action in ["target.create", "target.update", "target.delete"] {
        assert!(text.contains(action), "{action}: {text}");
    }
}
