//! The year-end files a grassroots committee sends upward, over HTTP on the
//! demo (2020 fully graded): the grade list and the commitment report, read
//! back with calamine; and who may download them.

use crate::support::{SameSite, logged_in};
use crate::support::{client, demo_server};
use calamine::{Data, Range, Reader};
use server::demo::BLOC_CODE;
use server::export::grades::{
    GRADE_HEADERS, MEMBERS_SHEET, QUOTA_HOLDS, QUOTA_PREFIX, REPORT_HEADERS, REPORT_SHEET,
    TOTAL_LABEL, UNIT_GRADE_HEADERS, UNITS_SHEET,
};
use std::collections::{BTreeMap, BTreeSet};

const GRADES: [&str; 4] = [
    "Hoàn thành xuất sắc nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành nhiệm vụ",
    "Không hoàn thành nhiệm vụ",
];

struct Download {
    status: u16,
    content_type: String,
    disposition: String,
    body: Vec<u8>,
}

async fn get(c: &reqwest::Client, url: String) -> Download {
    let res = c.get(url).send().await.unwrap();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    Download {
        status: res.status().as_u16(),
        content_type,
        disposition,
        body: res.bytes().await.unwrap().to_vec(),
    }
}

/// The committee secretary's organisation, as the grading page names it.
async fn committee_org(srv: &crate::support::TestServer, c: &reqwest::Client) -> String {
    let res = c
        .post(format!("{}/api/commitments/grading", srv.base))
        .same_site(&srv.base)
        .form(&[("year", "2020")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page: serde_json::Value = res.json().await.unwrap();
    page["org_code"].as_str().unwrap().to_string()
}

fn sheet(bytes: Vec<u8>, name: &str) -> Range<Data> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    book.worksheet_range(name).unwrap()
}

fn sheet_names(bytes: Vec<u8>) -> Vec<String> {
    let book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    book.sheet_names()
}

fn text(c: &Data) -> String {
    c.to_string()
}

fn number(c: &Data) -> f64 {
    match c {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("a number, not {other:?}"),
    }
}

/// The rows of the sheet (absolute positions), the header row's index, and
/// the table's rows: those below the header with a number in the first column.
fn table(range: &Range<Data>, headers: &[&str]) -> (Vec<Vec<Data>>, usize, Vec<Vec<Data>>) {
    assert_eq!(range.start(), Some((0, 0)), "the title block starts at A1");
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let at = rows
        .iter()
        .position(|r| r.first().map(text).as_deref() == Some("STT"))
        .expect("a header row");
    let names: Vec<String> = rows[at][..headers.len()].iter().map(text).collect();
    assert_eq!(names, headers);
    let body = rows[at + 1..]
        .iter()
        .take_while(|r| matches!(r[0], Data::Float(_)))
        .cloned()
        .collect();
    (rows, at, body)
}

#[tokio::test]
async fn the_grade_list_has_every_member_and_their_decided_grade() {
    let srv = demo_server().await;
    let committee = logged_in(&srv, "grassroots committee secretary").await;
    let code = committee_org(&srv, &committee).await;
    let unit = srv.store.unit_by_code(&code).await.unwrap().unwrap();
    let members = srv
        .store
        .subtree_commitments(&unit.path, 2020)
        .await
        .unwrap();
    assert!(!members.is_empty());

    let file = get(
        &committee,
        format!("{}/xuat/xep-loai/{code}.xlsx?nam=2020", srv.base),
    )
    .await;
    assert_eq!(file.status, 200, "{}", String::from_utf8_lossy(&file.body));
    assert!(file.content_type.contains("spreadsheetml"));
    assert_eq!(
        file.disposition,
        format!("attachment; filename=\"xep-loai-{code}-2020.xlsx\"")
    );
    assert_eq!(
        sheet_names(file.body.clone()),
        vec![MEMBERS_SHEET.to_string(), UNITS_SHEET.to_string()]
    );

    let range = sheet(file.body.clone(), MEMBERS_SHEET);
    let (rows, header, list) = table(&range, &GRADE_HEADERS);
    let title: Vec<String> = rows[..header].iter().flatten().map(text).collect();
    assert!(title.iter().any(|t| t.contains(&unit.name)), "{title:?}");
    assert!(title.contains(&"Danh sách xếp loại chất lượng đảng viên năm 2020".to_string()));
    assert!(title.iter().any(|t| t.contains("20%")), "the rule in words");

    // One row per active member, numbered, each with a decided grade.
    assert_eq!(list.len(), members.len());
    for (i, r) in list.iter().enumerate() {
        assert_eq!(number(&r[0]), (i + 1) as f64);
        assert!(
            GRADES.contains(&text(&r[6]).as_str()),
            "row {i}: {:?}",
            r[6]
        );
        assert!(GRADES.contains(&text(&r[5]).as_str()), "proposed, row {i}");
    }
    let cards: BTreeSet<String> = list.iter().map(|r| text(&r[2])).collect();
    let expected: BTreeSet<String> = members.iter().map(|m| m.card_number.clone()).collect();
    assert_eq!(cards, expected);

    // The summary: the count of each decided grade, its share, the quota.
    let mut decided: BTreeMap<String, usize> = BTreeMap::new();
    for r in &list {
        *decided.entry(text(&r[6])).or_default() += 1;
    }
    let below = &rows[header + 1 + list.len()..];
    for grade in GRADES {
        let line = below
            .iter()
            .find(|r| text(&r[1]) == grade)
            .unwrap_or_else(|| panic!("a summary line for {grade}"));
        let n = decided.get(grade).copied().unwrap_or(0);
        assert_eq!(number(&line[2]), n as f64, "{grade}");
        let share = number(&line[3]);
        assert!(
            (share - n as f64 / list.len() as f64).abs() < 1e-9,
            "{grade}"
        );
    }
    let quota = below
        .iter()
        .find(|r| text(&r[1]).starts_with(QUOTA_PREFIX))
        .expect("the quota line");
    let line = text(&quota[1]);
    let figures: Vec<u32> = line[QUOTA_PREFIX.len()..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    let (excellent, max) = (figures[0], figures[1]);
    assert_eq!(
        excellent as usize,
        decided.get(GRADES[0]).copied().unwrap_or(0)
    );
    assert_eq!(
        max as usize,
        decided.get(GRADES[1]).copied().unwrap_or(0) / 5,
        "{line}"
    );
    assert!(excellent <= max, "{line}");
    assert!(line.ends_with("(20% số Hoàn thành tốt)"));
    assert!(quota.iter().any(|c| text(c) == QUOTA_HOLDS));

    // The organisation's cells and their grades.
    let cells = srv.store.child_unit_grades(unit.id, 2020).await.unwrap();
    let range = sheet(file.body, UNITS_SHEET);
    let (_, _, list) = table(&range, &UNIT_GRADE_HEADERS);
    assert_eq!(list.len(), cells.len());
    for (r, c) in list.iter().zip(&cells) {
        assert_eq!(text(&r[1]), c.code);
        assert_eq!(text(&r[2]), c.name);
    }

    // Without a year: the newest; a year that does not exist: 404.
    let newest = srv
        .store
        .years()
        .await
        .unwrap()
        .into_iter()
        .map(|y| y.year)
        .max()
        .unwrap();
    let file = get(
        &committee,
        format!("{}/xuat/xep-loai/{code}.xlsx", srv.base),
    )
    .await;
    assert_eq!(file.status, 200);
    assert!(
        file.disposition
            .contains(&format!("xep-loai-{code}-{newest}.xlsx"))
    );
    let file = get(
        &committee,
        format!("{}/xuat/xep-loai/{code}.xlsx?nam=1999", srv.base),
    )
    .await;
    assert_eq!(file.status, 404);
    assert!(
        String::from_utf8(file.body)
            .unwrap()
            .contains("No such year")
    );
    let file = get(
        &committee,
        format!("{}/xuat/xep-loai/{code}.xlsx?nam=hai-nghin", srv.base),
    )
    .await;
    assert_eq!(file.status, 422);
}

#[tokio::test]
async fn the_commitment_report_counts_every_cell_all_filed_in_2020() {
    let srv = demo_server().await;
    let committee = logged_in(&srv, "grassroots committee secretary").await;
    let code = committee_org(&srv, &committee).await;
    let unit = srv.store.unit_by_code(&code).await.unwrap().unwrap();
    let members = srv
        .store
        .subtree_commitments(&unit.path, 2020)
        .await
        .unwrap();
    let cells: BTreeSet<i64> = members.iter().map(|m| m.cell_id).collect();

    let file = get(
        &committee,
        format!("{}/xuat/cam-ket/{code}.xlsx?nam=2020", srv.base),
    )
    .await;
    assert_eq!(file.status, 200, "{}", String::from_utf8_lossy(&file.body));
    assert!(file.content_type.contains("spreadsheetml"));
    assert_eq!(
        file.disposition,
        format!("attachment; filename=\"cam-ket-{code}-2020.xlsx\"")
    );
    let range = sheet(file.body, REPORT_SHEET);
    let (rows, header, list) = table(&range, &REPORT_HEADERS);
    let title: Vec<String> = rows[..header].iter().flatten().map(text).collect();
    assert!(title.contains(&"Báo cáo kết quả thực hiện bản cam kết năm 2020".to_string()));
    assert_eq!(list.len(), cells.len(), "one row per cell");

    let total = &rows[header + 1 + list.len()];
    assert_eq!(text(&total[1]), TOTAL_LABEL);
    // Every column of figures is the sum of the cells' (the rate aside).
    for col in [2, 3, 5, 6, 7, 8] {
        let sum: f64 = list.iter().map(|r| number(&r[col])).sum();
        assert_eq!(number(&total[col]), sum, "column {}", REPORT_HEADERS[col]);
    }
    assert_eq!(number(&total[2]), members.len() as f64);
    assert_eq!(number(&total[3]), members.len() as f64, "all filed");
    assert_eq!(number(&total[4]), 1.0, "100 %");
    assert_eq!(number(&total[6]), 0.0, "none returned");
    assert_eq!(number(&total[7]), 0.0, "none missing");
    assert_eq!(number(&total[8]), members.len() as f64, "all self-assessed");
    for r in &list {
        assert_eq!(number(&r[4]), 1.0);
    }
}

#[tokio::test]
async fn only_those_who_see_the_grades_may_download() {
    let srv = demo_server().await;
    let committee = logged_in(&srv, "grassroots committee secretary").await;
    let code = committee_org(&srv, &committee).await;
    let member = logged_in(&srv, "member").await;
    let visitor = client();
    let bloc = logged_in(&srv, "bloc standing committee member").await;
    for kind in ["xep-loai", "cam-ket"] {
        let url = |code: &str| format!("{}/xuat/{kind}/{code}.xlsx?nam=2020", srv.base);
        let file = get(&member, url(&code)).await;
        assert_eq!(file.status, 403, "{kind}: a member");
        assert!(
            String::from_utf8(file.body)
                .unwrap()
                .contains("không có quyền")
        );
        assert_eq!(get(&visitor, url(&code)).await.status, 401, "{kind}");
        assert_eq!(get(&visitor, url("NOPE")).await.status, 401, "{kind}");
        assert_eq!(get(&committee, url("NOPE")).await.status, 404, "{kind}");
        let other = format!("{}/xuat/{kind}/{code}.csv", srv.base);
        assert_eq!(
            get(&committee, other).await.status,
            404,
            "{kind}: only XLSX"
        );
        // The bloc's standing committee sees every organisation's members.
        assert_eq!(get(&bloc, url(&code)).await.status, 200, "{kind}");
        assert_eq!(get(&committee, url(BLOC_CODE)).await.status, 403, "{kind}");
    }
}
