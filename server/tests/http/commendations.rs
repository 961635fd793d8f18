//! Commendations over HTTP on the demo: a proposal from a cell to its
//! grassroots committee, which approves one nominee and forwards the other
//! to the bloc; both levels decide with numbers; the member sees the
//! commendation; callers outside the proposal's line are refused and learn
//! nothing; refusals come back typed.

use crate::support::{SameSite, demo_server};
use crate::sweep::{Callers, Facts, Who};
use app::api::ApiError;
use app::domain::commendation::Ineligible;
use app::domain::problem::Problem;
use serde_json::Value;

/// Posts a server function's form: the status and the JSON answer (Null
/// for a redirect).
pub(crate) async fn call(
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

pub(crate) fn done(status: u16) -> bool {
    status == 200 || (300..400).contains(&status)
}

fn refusal(answer: &Value) -> ApiError {
    serde_json::from_value(answer.clone()).expect("a typed refusal")
}

/// The proposal the caller sees in a list, newest first.
async fn newest(c: &reqwest::Client, base: &str, list: &str) -> Value {
    let (status, page) = call(c, base, "commendations/list", &[("year", "2020")]).await;
    assert_eq!(status, 200, "{page}");
    page[list][0].clone()
}

async fn view(c: &reqwest::Client, base: &str, id: i64) -> Value {
    let (status, v) = call(c, base, "commendations/one", &[("id", &id.to_string())]).await;
    assert_eq!(status, 200, "{v}");
    v
}

#[tokio::test]
async fn a_cell_proposes_the_committee_forwards_one_and_both_levels_decide() {
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
    let secretary = callers.of(Who::CommitteeSecretary);
    // A second member of the member's cell.
    let cell = srv
        .store
        .unit_by_code(&facts.member_cell)
        .await
        .unwrap()
        .unwrap();
    let own = srv
        .store
        .cell_commitments(cell.id, 2020)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.member_id)
        .find(|m| *m != facts.member)
        .expect("a second member in the cell");
    let (member, neighbour) = (facts.member.to_string(), facts.neighbour.to_string());
    let nominee_m = format!("m{member}");
    let nominee_own = format!("m{own}");

    // The committee secretary leads the member's cell: proposes from it to
    // the committee. Someone of another cell is not the cell's to propose.
    let mut form = vec![
        ("unit", facts.member_cell.as_str()),
        ("to", facts.committee.as_str()),
        ("year", "2020"),
        // The demo's 2020 thematic commendations are decided: an ad hoc one.
        ("occasion", "ad_hoc"),
        ("form", "certificate"),
        ("title", "Đề nghị khen thưởng đột xuất năm 2020"),
        ("cover", "Tờ trình của chi bộ"),
        ("nominees[0]", nominee_m.as_str()),
        ("achievements[0]", "Gương mẫu học tập và làm theo"),
    ];
    let outside = format!("m{neighbour}");
    let mut wrong = form.clone();
    wrong.push(("nominees[1]", outside.as_str()));
    let (status, answer) = call(secretary, base, "commendations/new", &wrong).await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(
        refusal(&answer),
        ApiError::Refused(Problem::Nominee {
            position: 1,
            why: Ineligible::OutOfScope
        })
    );
    // The cell secretary of another committee may not propose for this cell.
    let (status, _) = call(
        callers.of(Who::CellSecretary),
        base,
        "commendations/new",
        &form,
    )
    .await;
    assert_eq!(status, 403);
    form.push(("nominees[1]", nominee_own.as_str()));
    form.push(("achievements[1]", "Hoàn thành xuất sắc nhiệm vụ được giao"));
    let (status, answer) = call(secretary, base, "commendations/new", &form).await;
    assert!(done(status), "{status} {answer}");
    let row = newest(secretary, base, "made").await;
    let id = row["id"].as_i64().unwrap();
    let ids = id.to_string();
    assert_eq!(row["state"], "draft");
    assert_eq!(row["nominees"], 2);
    // The same member again for the same achievement: refused.
    let (status, answer) = call(secretary, base, "commendations/new", &form).await;
    assert_eq!(status, 422);
    assert!(matches!(
        refusal(&answer),
        ApiError::Refused(Problem::Nominee {
            position: 0,
            why: Ineligible::AlreadyProposed
        })
    ));

    // Nobody outside the line reads it; the member neither.
    for w in [Who::Member, Who::CellSecretary] {
        let (status, _) = call(callers.of(w), base, "commendations/one", &[("id", &ids)]).await;
        assert_eq!(status, 404, "{w:?}");
    }
    let v = view(secretary, base, id).await;
    assert_eq!(v["steps"], serde_json::json!(["save", "submit"]));
    // While the draft is edited, the cell's other members are offered; those
    // listed are not.
    let offered: Vec<&str> = v["candidates"]["members"]
        .as_array()
        .expect("candidates while editing")
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert!(!offered.contains(&nominee_m.as_str()) && !offered.contains(&nominee_own.as_str()));
    assert_eq!(v["candidates"]["excellent_only"], false);

    // Submitted with the list as saved.
    let version = v["record"]["version"].as_i64().unwrap().to_string();
    let mut save = vec![
        ("id", ids.as_str()),
        ("version", version.as_str()),
        ("submit", "1"),
    ];
    save.extend(form.iter().filter(|(k, _)| {
        ["title", "cover"].contains(k) || k.starts_with("nominees") || k.starts_with("achievements")
    }));
    let (status, answer) = call(secretary, base, "commendations/save", &save).await;
    assert!(done(status), "{status} {answer}");
    let v = view(secretary, base, id).await;
    assert_eq!(v["record"]["state"], "submitted");
    assert!(v["candidates"].is_null(), "nothing to add once submitted");
    // Awarding, the committee's part: one approved, one forwarded.
    assert_eq!(v["marks"], true);
    let nominees = v["nominees"].as_array().unwrap().clone();
    let mut version = v["record"]["version"].as_i64().unwrap();
    for (n, outcome) in nominees.iter().zip(["approved", "forwarded"]) {
        let (status, answer) = call(
            secretary,
            base,
            "commendations/mark",
            &[
                ("id", &ids),
                ("version", &version.to_string()),
                ("nominee", &n["id"].as_i64().unwrap().to_string()),
                ("outcome", outcome),
            ],
        )
        .await;
        assert!(done(status), "{status} {answer}");
        version += 1;
    }
    // A stale mark changes nothing.
    let (status, _) = call(
        secretary,
        base,
        "commendations/mark",
        &[
            ("id", &ids),
            ("version", "1"),
            ("nominee", &nominees[0]["id"].as_i64().unwrap().to_string()),
            ("outcome", "pending"),
        ],
    )
    .await;
    assert_eq!(status, 409);
    let step = |step: &'static str, version: i64, more: Vec<(&'static str, &'static str)>| {
        let ids = ids.clone();
        async move {
            let version = version.to_string();
            let mut f = vec![
                ("id", ids.as_str()),
                ("version", version.as_str()),
                ("step", step),
            ];
            f.extend(more);
            call(secretary, base, "commendations/step", &f).await
        }
    };
    let (status, answer) = step("settle", version, vec![]).await;
    assert!(done(status), "{status} {answer}");
    version += 1;
    // A decision needs its signer.
    let (status, answer) = step("decide", version, vec![]).await;
    assert_eq!(status, 422, "{answer}");
    let (status, answer) = step(
        "decide",
        version,
        vec![("signer", "Nguyễn Văn Bí Thư"), ("position", "secretary")],
    )
    .await;
    assert!(done(status), "{status} {answer}");
    let v = view(secretary, base, id).await;
    assert_eq!(v["record"]["state"], "decided");
    let committee_number = v["record"]["decision"]["number"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(committee_number.ends_with("-QĐ/ĐU"), "{committee_number}");

    // The bloc reviews the forwarded one and decides it.
    let bloc = callers.of(Who::Bloc);
    let up = newest(bloc, base, "to_review").await;
    assert_eq!(up["state"], "submitted");
    assert_eq!(up["nominees"], 1);
    let up_id = up["id"].as_i64().unwrap();
    let uv = view(bloc, base, up_id).await;
    assert_eq!(uv["nominees"][0]["nominee"]["Member"]["id"], own);
    let up_ids = up_id.to_string();
    let bloc_step = |form: Vec<(&'static str, String)>, endpoint: &'static str| async move {
        let f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        call(bloc, base, endpoint, &f).await
    };
    let (status, _) = bloc_step(
        vec![
            ("id", up_ids.clone()),
            ("version", "1".into()),
            (
                "nominee",
                uv["nominees"][0]["id"].as_i64().unwrap().to_string(),
            ),
            ("outcome", "approved".into()),
        ],
        "commendations/mark",
    )
    .await;
    assert!(done(status));
    let (status, _) = bloc_step(
        vec![
            ("id", up_ids.clone()),
            ("version", "2".into()),
            ("step", "settle".into()),
        ],
        "commendations/step",
    )
    .await;
    assert!(done(status));
    let (status, answer) = bloc_step(
        vec![
            ("id", up_ids.clone()),
            ("version", "3".into()),
            ("step", "decide".into()),
            ("signer", "Trần Văn Khối".into()),
            ("position", "deputy_secretary".into()),
        ],
        "commendations/step",
    )
    .await;
    assert!(done(status), "{status} {answer}");

    // The member sees the committee's commendation; the decisions register
    // of the other committee's secretary holds the bloc's, not this one's.
    let (status, awards) = call(
        callers.of(Who::Member),
        base,
        "commendations/awards",
        &[("member", &member)],
    )
    .await;
    assert_eq!(status, 200, "{awards}");
    assert_eq!(awards[0]["decision"]["number"], committee_number.as_str());
    let (status, _) = call(
        callers.of(Who::CellSecretary),
        base,
        "commendations/awards",
        &[("member", &member)],
    )
    .await;
    assert_eq!(status, 404);
    let (_, register) = call(
        callers.of(Who::CellSecretary),
        base,
        "commendations/decisions",
        &[],
    )
    .await;
    let numbers: Vec<&str> = register["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_str().unwrap())
        .collect();
    assert!(
        numbers.iter().any(|n| n.ends_with("-QĐ/ĐUK")),
        "{numbers:?}"
    );
    assert!(!numbers.contains(&committee_number.as_str()), "{numbers:?}");
    let (_, register) = call(
        callers.of(Who::Member),
        base,
        "commendations/decisions",
        &[],
    )
    .await;
    assert!(
        register["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["number"] == committee_number.as_str())
    );
    // Every step is in the audit log.
    let steps = srv
        .store
        .audit_entries(
            &app::store::model::AuditFilter {
                action: Some("proposal.".into()),
                ..Default::default()
            },
            None,
            100,
        )
        .await
        .unwrap();
    assert!(steps.len() >= 12, "{}", steps.len());
}

/// The seed's figures: the grassroots committees commended 51 collectives
/// and 159 individuals in 2020, the bloc 20 and 25, each by a numbered
/// decision, every recipient graded well in 2020.
#[tokio::test]
async fn the_demo_holds_the_seeds_2020_commendations() {
    use app::domain::commendation_records::Nominee;
    use app::store::commendations::DecisionFilter;
    let srv = demo_server().await;
    let all = DecisionFilter {
        all: true,
        year: Some(2020),
        limit: 1000,
        ..Default::default()
    };
    let decisions = srv.store.decisions(&all).await.unwrap();
    let (mut committees, mut bloc) = ((0, 0), (0, 0));
    let mut numbers = std::collections::HashSet::new();
    for d in &decisions {
        // Numbered per issuer: each committee's first decision is "1-QĐ/ĐU".
        let issuer = d.issuer.as_ref().unwrap();
        assert!(
            numbers.insert((issuer.code.clone(), d.number.clone())),
            "{} twice",
            d.number
        );
        let tally = match issuer.kind {
            app::domain::UnitKind::Bloc => {
                assert!(d.number.ends_with("-QĐ/ĐUK"), "{}", d.number);
                &mut bloc
            }
            app::domain::UnitKind::GrassrootsCommittee => {
                assert!(d.number.ends_with("-QĐ/ĐU"), "{}", d.number);
                &mut committees
            }
            other => panic!("a decision of a {other:?}"),
        };
        for r in srv.store.recipients(d.id).await.unwrap() {
            match r.nominee {
                Nominee::Unit { .. } => {
                    tally.0 += 1;
                    // The bloc's collectives are commended citing a good model of theirs.
                    if issuer.kind == app::domain::UnitKind::Bloc {
                        let model = r.good_model_id.expect("a cited good model");
                        let m = srv.store.good_model(model).await.unwrap().unwrap();
                        assert_eq!(m.row.year, 2020);
                    }
                }
                Nominee::Member { id, .. } => {
                    tally.1 += 1;
                    let grades = srv.store.member_grades(&[id], 2020..=2020).await.unwrap();
                    assert!(
                        grades
                            .iter()
                            .all(|(_, _, g)| *g <= app::domain::grading::Grade::Good),
                        "member {id} commended with {grades:?}"
                    );
                }
            }
        }
    }
    assert_eq!(committees, (51, 159));
    assert_eq!(bloc, (20, 25));
    // The summary the home page and `dangbo stats` show has the seed's figures.
    let root = srv.store.root_unit().await.unwrap().unwrap();
    let summary = srv.store.unit_summary(&root, 2020).await.unwrap();
    assert_eq!(summary.good_models, 84);
    assert_eq!(summary.commended_by_bloc, (20, 25));
    assert_eq!(summary.commended_by_grassroots, (51, 159));
    let table = server::commands::stats_table(&summary);
    assert!(
        table.contains("Good models 2020") && table.contains("84"),
        "{table}"
    );

    // The register as XLSX: every one of them for the bloc's leadership,
    // the member's line only for a member, nothing for a visitor.
    use calamine::Reader;
    let url = format!("{}/xuat/quyet-dinh-khen-thuong.xlsx?nam=2020", srv.base);
    let rows = |bytes: Vec<u8>| {
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Quyết định").unwrap();
        range
            .rows()
            .skip(4)
            .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let bloc_user = crate::support::logged_in(&srv, "bloc standing committee member").await;
    let res = bloc_user.get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let all_rows = rows(res.bytes().await.unwrap().to_vec());
    assert_eq!(all_rows.len(), decisions.len());
    let first = all_rows
        .iter()
        .find(|r| r[1] == "1-QĐ/ĐUK")
        .expect("the bloc's first decision");
    assert_eq!(first[6], "Giấy khen");
    assert_eq!(first[9], "20");
    let member = crate::support::logged_in(&srv, "member").await;
    let res = member.get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let mine = rows(res.bytes().await.unwrap().to_vec());
    assert!(
        !mine.is_empty() && mine.len() < all_rows.len(),
        "{}",
        mine.len()
    );
    let res = crate::support::client().get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 401);
    let long = format!("{url}&q={}", "x".repeat(300));
    let res = bloc_user.get(&long).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 422);
}

#[tokio::test]
async fn a_decisions_certificates_download_as_one_pdf_that_reads_right() {
    use app::domain::commendation_records::Nominee;
    use app::store::commendations::DecisionFilter;
    let srv = demo_server().await;
    let all = DecisionFilter {
        all: true,
        year: Some(2020),
        limit: 1000,
        ..Default::default()
    };
    let decisions = srv.store.decisions(&all).await.unwrap();
    // The bloc's decision commending 25 members.
    let d = decisions
        .iter()
        .find(|d| d.number.ends_with("-QĐ/ĐUK") && d.recipients == 25)
        .expect("the bloc's decision of individuals");
    let recipients = srv.store.recipients(d.id).await.unwrap();
    let url = format!("{}/xuat/giay-khen/{}.pdf", srv.base, d.id);
    let bloc = crate::support::logged_in(&srv, "bloc standing committee member").await;
    let res = bloc.get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap().to_vec();
    assert!(pdf.starts_with(b"%PDF-"));
    // The text as a reader copies it: every page, diacritics intact.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("giay-khen.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", file.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 25);
    for (page, r) in pages.iter().zip(&recipients) {
        let Nominee::Member { full_name, .. } = &r.nominee else {
            panic!("a member");
        };
        assert!(page.contains("GIẤY KHEN"), "{page}");
        assert!(page.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
        assert!(
            page.contains(&format!("Đồng chí {full_name}")),
            "{full_name}: {page}"
        );
        assert!(page.contains(&format!("Quyết định số {}", d.number)));
        assert!(page.contains("T/M BAN THƯỜNG VỤ") && page.contains(&d.signer_name));
    }
    // Fonts embedded, not referred to.
    let fonts = std::process::Command::new("pdffonts")
        .arg(file.to_str().unwrap())
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
    assert!(fonts.contains("DejaVuSerif"), "{fonts}");
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "every font embedded: {fonts}"
    );

    // The proposal's list as XLSX, for the dossier's readers only.
    use calamine::Reader;
    let proposal = srv.store.decision_proposal(d.id).await.unwrap().unwrap();
    let list_url = format!("{}/xuat/de-nghi/{proposal}.xlsx", srv.base);
    let res = bloc.get(&list_url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes().await.unwrap().to_vec()))
            .unwrap();
    let range = book.worksheet_range("Danh sách đề nghị").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .skip(5)
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 25);
    assert!(
        rows.iter().all(|r| r[5] == "Đồng ý khen thưởng"),
        "{:?}",
        rows[0]
    );
    let member = crate::support::logged_in(&srv, "member").await;
    let res = member.get(&list_url).send().await.unwrap();
    assert_eq!(
        res.status().as_u16(),
        404,
        "a member does not read the dossier"
    );
    let res = crate::support::client()
        .get(&list_url)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);

    // Refused to a visitor; no such decision, no such file.
    let res = crate::support::client().get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 401);
    let res = bloc
        .get(format!("{}/xuat/giay-khen/nope.pdf", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
    let res = bloc
        .get(format!("{}/xuat/giay-khen/{}.pdf", srv.base, i64::MAX))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
}
