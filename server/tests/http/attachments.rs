//! A dossier's files over HTTP on the demo: the cell secretary adds files
//! to the cell's 2021 draft, typed by their content (a PNG named ".pdf" is
//! kept as a PNG, an executable named ".pdf" refused, more than 10 MB
//! refused), downloads and removes them; the bloc's leadership reads them
//! but may not change them; a member outside the line learns nothing.

use crate::commendations::call;
use crate::import::multipart;
use crate::support::SameSite;
use crate::support::demo_server;
use crate::sweep::{Callers, Who};

async fn upload(
    c: &reqwest::Client,
    base: &str,
    proposal: i64,
    name: &str,
    bytes: &[u8],
) -> (u16, String) {
    let (content_type, body) = multipart(name, bytes);
    let res = c
        .post(format!("{base}/khen-thuong/{proposal}/tep"))
        .same_site(base)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, location)
}

#[tokio::test]
async fn a_dossier_keeps_its_files_typed_by_their_content() {
    let srv = demo_server().await;
    let who = [Who::Visitor, Who::Member, Who::CellSecretary, Who::Bloc];
    let callers = Callers::log_in(&srv, &who).await;
    let base = srv.base.as_str();
    let secretary = callers.of(Who::CellSecretary);
    // The cell's 2021 draft.
    let (status, page) = call(secretary, base, "commendations/list", &[("year", "2021")]).await;
    assert_eq!(status, 200, "{page}");
    let draft = page["made"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["state"] == "draft")
        .expect("the demo's draft");
    let id = draft["id"].as_i64().unwrap();

    let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
    let (status, to) = upload(secretary, base, id, "Tờ trình.pdf", &pdf).await;
    assert_eq!(
        (status, to.as_str()),
        (303, format!("/khen-thuong/{id}?da-luu=1#ho-so").as_str())
    );
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let (status, _) = upload(secretary, base, id, "bao-cao.pdf", &png).await;
    assert_eq!(status, 303);
    let (_, to) = upload(secretary, base, id, "virus.pdf", b"MZ\x90\0\x03\0\0\0").await;
    assert!(to.contains("loi-tep=sai-loai"), "{to}");
    let big = [b"%PDF-".as_slice(), &vec![b'x'; 10 * 1024 * 1024 + 1]].concat();
    let (status, to) = upload(secretary, base, id, "lon.pdf", &big).await;
    assert!(
        to.contains("loi-tep=qua-lon") || status == 413,
        "{status} {to}"
    );

    let (status, view) = call(
        secretary,
        base,
        "commendations/one",
        &[("id", &id.to_string())],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(view["can_attach"], true);
    let files = view["attachments"].as_array().unwrap().clone();
    assert_eq!(files.len(), 2, "{files:?}");
    assert_eq!(files[0]["name"], "Tờ trình.pdf");
    assert_eq!(files[0]["content_type"], "application/pdf");
    assert_eq!(files[1]["name"], "bao-cao.pdf.png");
    assert_eq!(files[1]["content_type"], "image/png");
    let (first, second) = (
        files[0]["id"].as_i64().unwrap(),
        files[1]["id"].as_i64().unwrap(),
    );

    // Read back as kept, by the proposer and the bloc's leadership.
    for c in [secretary, callers.of(Who::Bloc)] {
        let res = c
            .get(format!("{base}/tep-ho-so/{first}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        assert!(
            res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("filename*=UTF-8''T%E1%BB%9D")
        );
        assert_eq!(res.bytes().await.unwrap().to_vec(), pdf);
    }
    // Not changed by the level above, not seen by others.
    let (status, _) = upload(callers.of(Who::Bloc), base, id, "x.pdf", &pdf).await;
    assert_eq!(status, 403);
    let (status, _) = upload(callers.of(Who::Member), base, id, "x.pdf", &pdf).await;
    assert_eq!(status, 404);
    let res = callers
        .of(Who::Member)
        .get(format!("{base}/tep-ho-so/{first}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
    let res = callers
        .of(Who::Visitor)
        .get(format!("{base}/tep-ho-so/{first}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    let res = callers
        .of(Who::Member)
        .post(format!("{base}/tep-ho-so/{first}/xoa"))
        .same_site(base)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
    let res = secretary
        .get(format!("{base}/tep-ho-so/{}", i64::MAX))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);

    // The proposer removes one.
    let res = secretary
        .post(format!("{base}/tep-ho-so/{second}/xoa"))
        .same_site(base)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, view) = call(
        secretary,
        base,
        "commendations/one",
        &[("id", &id.to_string())],
    )
    .await;
    assert_eq!(view["attachments"].as_array().unwrap().len(), 1);
    // Each change is in the audit log.
    let log = srv
        .store
        .audit_entries(
            &app::store::model::AuditFilter {
                action: Some("proposal.".into()),
                ..Default::default()
            },
            None,
            1000,
        )
        .await
        .unwrap();
    let kinds: Vec<&str> = log
        .iter()
        .map(|e| e.action.as_str())
        .filter(|a| *a == "proposal.attach" || *a == "proposal.detach")
        .collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
}
