//! Yearly commitments over HTTP on the demo (working date 15/03/2021, year
//! 2021 open): who may take which step, what a refusal answers, and that a
//! stale or concurrent write changes nothing.

use crate::support::{SameSite, logged_in};
use crate::support::{browser, client, demo_server, demo_user, login};
use app::store::model::AuditFilter;
use serde_json::Value;
use server::demo::DEMO_PASSWORD;

const YEAR: &str = "2021";

async fn logged_in_as(srv: &crate::support::TestServer, username: &str) -> reqwest::Client {
    let c = browser();
    login(&c, &srv.base, username, DEMO_PASSWORD).await;
    c
}

/// Posts a server function's form; the status and the JSON answer (Null
/// for a redirect).
async fn call(
    c: &reqwest::Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let res = c
        .post(format!("{base}/api/{endpoint}"))
        .same_site(base)
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// A step went through: a script's call gets 200 (and where to go next in
/// a header), a plain form post a redirect.
fn redirected(status: u16) -> bool {
    status == 200 || (300..400).contains(&status)
}

/// The six sections of the demo's 2021 form, one undertaking each (or none
/// in `skip`).
fn sections(skip: Option<usize>) -> Vec<(String, String)> {
    (0..6)
        .map(|i| {
            let text = if Some(i) == skip {
                String::new()
            } else {
                format!("Việc cụ thể số {}\nViệc thứ hai của mục {}", i + 1, i + 1)
            };
            (format!("sections[{i}]"), text)
        })
        .collect()
}

fn form<'a>(
    base: &'a [(&'a str, &'a str)],
    more: &'a [(String, String)],
) -> Vec<(&'a str, &'a str)> {
    base.iter()
        .copied()
        .chain(more.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .collect()
}

/// The cell secretary's review list of 2021.
async fn review(c: &reqwest::Client, base: &str) -> Value {
    let (status, page) = call(c, base, "commitments/review", &[("year", YEAR)]).await;
    assert_eq!(status, 200, "{page}");
    page
}

fn rows_in<'a>(page: &'a Value, state: Option<&str>) -> Vec<&'a Value> {
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["state"].as_str() == state)
        .collect()
}

async fn card_of(srv: &crate::support::TestServer, member_id: i64) -> String {
    srv.store
        .member_place(member_id)
        .await
        .unwrap()
        .unwrap()
        .card_number
}

async fn audit_count(srv: &crate::support::TestServer, action: &str, entity_id: &str) -> usize {
    srv.store
        .audit_entries(
            &AuditFilter {
                action: Some(action.into()),
                ..Default::default()
            },
            None,
            10_000,
        )
        .await
        .unwrap()
        .iter()
        .filter(|e| e.entity_id.as_deref() == Some(entity_id))
        .count()
}

#[tokio::test]
async fn visitors_must_log_in() {
    let srv = demo_server().await;
    let c = client();
    for (endpoint, form) in [
        ("commitments/mine", vec![]),
        ("commitments/one", vec![("year", YEAR), ("member", "1")]),
        ("commitments/review", vec![]),
        ("commitments/grading", vec![]),
        ("commitments/save", vec![("year", YEAR), ("version", "0")]),
        (
            "commitments/step",
            vec![
                ("year", YEAR),
                ("member", "1"),
                ("step", "approve"),
                ("version", "1"),
            ],
        ),
        (
            "commitments/approve-many",
            vec![("year", YEAR), ("cell", "X"), ("picks[0]", "1:1")],
        ),
        (
            "commitments/unit-grade",
            vec![
                ("year", YEAR),
                ("unit", "X"),
                ("grade", "good"),
                ("version", "0"),
            ],
        ),
        ("inbox", vec![]),
        ("years", vec![]),
    ] {
        let (status, _) = call(&c, &srv.base, endpoint, &form).await;
        assert_eq!(status, 401, "{endpoint}");
    }
}

#[tokio::test]
async fn a_member_files_the_secretary_returns_then_approves() {
    let srv = demo_server().await;
    let secretary = logged_in(&srv, "cell secretary").await;
    let page = review(&secretary, &srv.base).await;
    let cell = page["cell_code"].as_str().unwrap().to_string();
    let fresh = rows_in(&page, None);
    assert!(
        fresh.len() >= 3,
        "the demo leaves members of this cell to file"
    );
    let member_id = fresh[0]["member_id"].as_i64().unwrap();
    let member = logged_in_as(&srv, &card_of(&srv, member_id).await).await;

    // A submission missing a section is refused, but what was typed is kept.
    let base = [("year", YEAR), ("version", "0"), ("submit", "1")];
    let partial = sections(Some(3));
    let (status, answer) = call(
        &member,
        &srv.base,
        "commitments/save",
        &form(&base, &partial),
    )
    .await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(
        answer["Refused"]["Content"]["EmptySection"]["section"], 3,
        "{answer}"
    );
    let kept = srv
        .store
        .commitment(2021, member_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.state.as_str(), "draft");
    assert_eq!(kept.items.len(), 10);

    // Submitting on a stale version is a conflict; on the current one it goes.
    let stale = [("year", YEAR), ("version", "0"), ("submit", "1")];
    let all = sections(None);
    let (status, _) = call(&member, &srv.base, "commitments/save", &form(&stale, &all)).await;
    assert_eq!(status, 409);
    let version = kept.version.to_string();
    let current = [
        ("year", YEAR),
        ("version", version.as_str()),
        ("submit", "1"),
    ];
    let (status, _) = call(
        &member,
        &srv.base,
        "commitments/save",
        &form(&current, &all),
    )
    .await;
    assert!(redirected(status), "{status}");
    let submitted = srv
        .store
        .commitment(2021, member_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(submitted.state.as_str(), "submitted");
    assert_eq!(submitted.items.len(), 12);
    let id = submitted.id.to_string();

    // The secretary's list offers it for "approve several", with the other
    // submitted ones and nothing else (not the secretary's own).
    let page = review(&secretary, &srv.base).await;
    let approvable: Vec<i64> = page["approvable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert!(approvable.contains(&member_id));
    let submitted_rows: Vec<i64> = rows_in(&page, Some("Submitted"))
        .iter()
        .map(|r| r["member_id"].as_i64().unwrap())
        .collect();
    let own = srv
        .store
        .user_by_username(&demo_user(&srv, "cell secretary").await)
        .await
        .unwrap()
        .unwrap()
        .member_id
        .unwrap();
    for m in &approvable {
        assert!(submitted_rows.contains(m), "{m} is not submitted");
        assert_ne!(*m, own, "a secretary does not approve their own");
    }
    let member_str = member_id.to_string();

    // The member may not approve their own commitment.
    let v = submitted.version.to_string();
    let approve = [
        ("year", YEAR),
        ("member", member_str.as_str()),
        ("step", "approve"),
        ("version", v.as_str()),
    ];
    let (status, _) = call(&member, &srv.base, "commitments/step", &approve).await;
    assert_eq!(status, 403);

    // The secretary returns it; a return needs a reason.
    let ret = |reason: &'static str| {
        vec![
            ("year", YEAR),
            ("member", member_str.as_str()),
            ("step", "return"),
            ("version", v.as_str()),
            ("reason", reason),
        ]
    };
    let (status, answer) = call(&secretary, &srv.base, "commitments/step", &ret("  ")).await;
    assert_eq!(
        (status, answer["Refused"]["Commitment"].as_str()),
        (422, Some("ReasonRequired"))
    );
    let (status, _) = call(
        &secretary,
        &srv.base,
        "commitments/step",
        &ret("Mục 5 cần nêu việc làm cụ thể theo chuyên đề năm"),
    )
    .await;
    assert!(redirected(status), "{status}");
    let (status, inbox) = call(&member, &srv.base, "inbox", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(inbox["notes"][0]["kind"], "returned");
    assert_eq!(
        inbox["notes"][0]["detail"],
        "Mục 5 cần nêu việc làm cụ thể theo chuyên đề năm"
    );
    let (_, mine) = call(&member, &srv.base, "commitments/mine", &[("year", YEAR)]).await;
    assert_eq!(mine["view"]["commitment"]["state"], "Returned");
    let history = mine["view"]["history"].as_array().unwrap();
    assert!(
        history
            .iter()
            .any(|h| h["detail"] == "Mục 5 cần nêu việc làm cụ thể theo chuyên đề năm")
    );

    // Revised and resubmitted, then approved; the secretary heard of it.
    let returned = srv
        .store
        .commitment(2021, member_id)
        .await
        .unwrap()
        .unwrap();
    let v = returned.version.to_string();
    let again = [("year", YEAR), ("version", v.as_str()), ("submit", "1")];
    let (status, _) = call(&member, &srv.base, "commitments/save", &form(&again, &all)).await;
    assert!(redirected(status), "{status}");
    let (_, inbox) = call(&secretary, &srv.base, "inbox", &[]).await;
    assert!(
        inbox["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "submitted")
    );
    let resubmitted = srv
        .store
        .commitment(2021, member_id)
        .await
        .unwrap()
        .unwrap();
    let v = resubmitted.version.to_string();
    let approve = [
        ("year", YEAR),
        ("member", member_str.as_str()),
        ("step", "approve"),
        ("version", v.as_str()),
        ("back", "/duyet-cam-ket"),
    ];
    let (status, _) = call(&secretary, &srv.base, "commitments/step", &approve).await;
    assert!(redirected(status), "{status}");
    assert_eq!(
        srv.store
            .commitment(2021, member_id)
            .await
            .unwrap()
            .unwrap()
            .state
            .as_str(),
        "approved"
    );
    assert_eq!(audit_count(&srv, "commitment.approve", &id).await, 1);
    assert_eq!(audit_count(&srv, "commitment.return", &id).await, 1);

    // The history names who acted: the member as "you" on their page (by
    // their member id), the secretary by name.
    let (_, mine) = call(&member, &srv.base, "commitments/mine", &[("year", YEAR)]).await;
    let history = mine["view"]["history"].as_array().unwrap();
    let by = |action: &str| {
        history
            .iter()
            .rev()
            .find(|h| h["action"] == action)
            .unwrap_or_else(|| panic!("no {action} in {history:?}"))
            .clone()
    };
    assert_eq!(by("commitment.submit")["actor_member_id"], member_id);
    assert_eq!(by("commitment.approve")["actor_member_id"], own);
    assert_eq!(by("commitment.approve")["actor_name"], "Hồ Cẩm Hương");
    let _ = cell;
}

#[tokio::test]
async fn nobody_acts_outside_their_cell() {
    let srv = demo_server().await;
    let secretary = logged_in(&srv, "cell secretary").await;
    let page = review(&secretary, &srv.base).await;
    let own_cell = page["cell_code"].as_str().unwrap().to_string();

    // The demo member sits in another grassroots organisation: to this
    // secretary that member does not exist.
    let member = logged_in(&srv, "member").await;
    let (status, mine) = call(&member, &srv.base, "commitments/mine", &[("year", YEAR)]).await;
    assert_eq!(status, 200);
    let outsider = mine["view"]["member"]["member_id"]
        .as_i64()
        .unwrap()
        .to_string();
    let (status, _) = call(
        &secretary,
        &srv.base,
        "commitments/one",
        &[("year", YEAR), ("member", outsider.as_str())],
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = call(
        &secretary,
        &srv.base,
        "commitments/step",
        &[
            ("year", YEAR),
            ("member", outsider.as_str()),
            ("step", "approve"),
            ("version", "1"),
        ],
    )
    .await;
    assert_eq!(status, 404);

    // A member reviews no cell, grades nothing, sets up no year.
    let (status, _) = call(
        &member,
        &srv.base,
        "commitments/review",
        &[("cell", own_cell.as_str())],
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = call(&member, &srv.base, "commitments/grading", &[]).await;
    assert_eq!(status, 403);
    let (status, _) = call(
        &member,
        &srv.base,
        "commitments/approve-many",
        &[
            ("year", YEAR),
            ("cell", own_cell.as_str()),
            ("picks[0]", "1:1"),
        ],
    )
    .await;
    assert_eq!(status, 403);
    let year_form = [
        ("year", "2022"),
        ("version", "0"),
        ("theme", "Chuyên đề năm 2022"),
        ("sections", "Mục một\nMục hai"),
        ("rule_set", "rules_2019"),
        ("filing", "2022-03-31"),
        ("mid_year", "2022-07-15"),
        ("self_assessment", "2022-11-30"),
        ("grading", "2022-12-20"),
    ];
    let (status, _) = call(&member, &srv.base, "years/save", &year_form).await;
    assert_eq!(status, 403);
    // The secretary of a cell does not grade it, nor another organisation.
    let (status, _) = call(
        &secretary,
        &srv.base,
        "commitments/unit-grade",
        &[
            ("year", YEAR),
            ("unit", own_cell.as_str()),
            ("grade", "good"),
            ("version", "0"),
        ],
    )
    .await;
    assert_eq!(status, 403);

    // The bloc's standing committee sets up a year; a bad one is explained.
    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let mut bad = year_form.to_vec();
    bad[6] = ("mid_year", "2022-01-15");
    let (status, answer) = call(&bloc, &srv.base, "years/save", &bad).await;
    assert_eq!(
        (status, answer["Refused"]["Year"].as_str()),
        (422, Some("DeadlinesOutOfOrder"))
    );
    let (status, _) = call(&bloc, &srv.base, "years/save", &year_form).await;
    assert!(redirected(status), "{status}");
    let year = srv.store.year(2022).await.unwrap().unwrap();
    assert_eq!(year.sections, vec!["Mục một", "Mục hai"]);
    // Creating it again is a conflict, not an overwrite.
    let (status, _) = call(&bloc, &srv.base, "years/save", &year_form).await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn two_approvals_at_once_one_wins() {
    let srv = demo_server().await;
    let user = demo_user(&srv, "cell secretary").await;
    let (a, b) = (
        logged_in_as(&srv, &user).await,
        logged_in_as(&srv, &user).await,
    );
    let page = review(&a, &srv.base).await;
    let row = rows_in(&page, Some("Submitted"))[0].clone();
    let member = row["member_id"].as_i64().unwrap().to_string();
    let version = row["version"].as_i64().unwrap().to_string();
    let id = row["commitment_id"].as_i64().unwrap().to_string();
    let approve = [
        ("year", YEAR),
        ("member", member.as_str()),
        ("step", "approve"),
        ("version", version.as_str()),
    ];
    let (ra, rb) = tokio::join!(
        call(&a, &srv.base, "commitments/step", &approve),
        call(&b, &srv.base, "commitments/step", &approve),
    );
    let mut statuses = [ra.0, rb.0];
    statuses.sort();
    assert!(redirected(statuses[0]), "{statuses:?}");
    assert_eq!(statuses[1], 409, "{statuses:?}");
    assert_eq!(audit_count(&srv, "commitment.approve", &id).await, 1);
}

#[tokio::test]
async fn approving_several_is_all_or_nothing() {
    let srv = demo_server().await;
    let secretary = logged_in(&srv, "cell secretary").await;
    let page = review(&secretary, &srv.base).await;
    let cell = page["cell_code"].as_str().unwrap().to_string();
    let submitted: Vec<(i64, i64)> = rows_in(&page, Some("Submitted"))
        .iter()
        .map(|r| {
            (
                r["member_id"].as_i64().unwrap(),
                r["version"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(submitted.len() >= 3);
    let picks = |stale: bool| -> Vec<(String, String)> {
        submitted
            .iter()
            .enumerate()
            .map(|(i, (m, v))| {
                let v = if stale && i == 1 { v - 1 } else { *v };
                (format!("picks[{i}]"), format!("{m}:{v}"))
            })
            .collect()
    };
    let base = [("year", YEAR), ("cell", cell.as_str())];
    let (status, _) = call(
        &secretary,
        &srv.base,
        "commitments/approve-many",
        &form(&base, &picks(true)),
    )
    .await;
    assert_eq!(status, 409);
    let page = review(&secretary, &srv.base).await;
    assert_eq!(
        rows_in(&page, Some("Submitted")).len(),
        submitted.len(),
        "none approved"
    );
    let (status, _) = call(
        &secretary,
        &srv.base,
        "commitments/approve-many",
        &form(&base, &picks(false)),
    )
    .await;
    assert!(redirected(status), "{status}");
    let page = review(&secretary, &srv.base).await;
    assert!(rows_in(&page, Some("Submitted")).is_empty());
}

#[tokio::test]
async fn the_committee_grades_within_its_organisation() {
    let srv = demo_server().await;
    let committee = logged_in(&srv, "grassroots committee secretary").await;
    let (status, page) = call(
        &committee,
        &srv.base,
        "commitments/grading",
        &[("year", "2020")],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    let rows = page["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["state"] == "Graded"));
    assert!(
        page["decided_quota"]["excellent"].as_u64().unwrap() * 5
            <= page["decided_quota"]["good"].as_u64().unwrap()
    );
    // Its cells are graded by it, with a version check.
    let unit = &page["units"][0];
    let code = unit["code"].as_str().unwrap().to_string();
    let version = unit["version"].as_i64().unwrap().to_string();
    let (status, _) = call(
        &committee,
        &srv.base,
        "commitments/unit-grade",
        &[
            ("year", YEAR),
            ("unit", code.as_str()),
            ("grade", "excellent"),
            ("version", "0"),
        ],
    )
    .await;
    assert!(redirected(status), "{status}");
    let (status, _) = call(
        &committee,
        &srv.base,
        "commitments/unit-grade",
        &[
            ("year", YEAR),
            ("unit", code.as_str()),
            ("grade", "good"),
            ("version", "0"),
        ],
    )
    .await;
    assert_eq!(status, 409);
    let _ = version;
    // Another organisation's cell is out of its reach.
    let (status, _) = call(
        &committee,
        &srv.base,
        "commitments/unit-grade",
        &[
            ("year", YEAR),
            ("unit", "BVDK-01"),
            ("grade", "good"),
            ("version", "0"),
        ],
    )
    .await;
    assert_eq!(status, 403);
}
