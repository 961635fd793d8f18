//! Import over HTTP: templates, refusals, the report of a file with a bad
//! row (nothing written), importing the valid rows, and the file limits.

use crate::support::SameSite;
use crate::support::{browser, client, demo_server, login};
use server::demo::{ADMIN_USERNAME, DEMO_PASSWORD, HOSPITAL_CODE, OFFICE_CELL_CODE};

/// The bloc standing committee member of the demo.
const STANDING: &str = "22573901";
/// A member without any position.
const MEMBER: &str = "48384483";

const MEMBERS_HEADER: &str = "Số thẻ đảng viên,Số lý lịch,Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,\
                              Ngày chính thức,Trạng thái,Mã chi bộ,Chức vụ,Nơi làm việc,Điện thoại,Email";

/// Three members of the office cell; row 3 has a date that does not exist.
fn members_csv() -> String {
    format!(
        "{MEMBERS_HEADER}\n\
         91000001,LL-1,Trần Văn Một,Nam,01/01/1980,15/06/2005,15/06/2006,Chính thức,{OFFICE_CELL_CODE},Chuyên viên,Ban Tổ chức,0912 000 001,\n\
         91000002,LL-2,Lê Thị Hai,Nữ,31/02/1985,15/06/2010,15/06/2011,Chính thức,{OFFICE_CELL_CODE},Chuyên viên,Ban Tổ chức,,\n\
         91000003,LL-3,Phạm Văn Ba,Nam,02/02/1990,01/03/2015,01/03/2016,Chính thức,{OFFICE_CELL_CODE},,,,ba@example.vn\n"
    )
}

/// A multipart body with the file in the field `tep`.
pub(crate) fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----dangbo-test-boundary-7d1f";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(c: &reqwest::Client, base: &str, name: &str, bytes: &[u8]) -> reqwest::Response {
    let (content_type, body) = multipart(name, bytes);
    c.post(format!("{base}/nhap-du-lieu"))
        .same_site(base)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn page(c: &reqwest::Client, base: &str, query: &str) -> (u16, String) {
    let res = c
        .get(format!("{base}/nhap-du-lieu{query}"))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn confirm(c: &reqwest::Client, base: &str, token: &str, mode: &str) -> String {
    let res = c
        .post(format!("{base}/nhap-du-lieu"))
        .same_site(base)
        .form(&[("token", token), ("mode", mode)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "a confirmation answers with a redirect");
    res.headers()["location"].to_str().unwrap().to_string()
}

/// The token of the waiting check, as the page's forms carry it.
fn token(html: &str) -> String {
    html.split(r#"name="token" value=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the report's forms carry the token")
        .to_string()
}

/// Units, members, memberships and unit events: what an import writes
/// (logins add audit entries).
async fn rows(srv: &crate::support::TestServer) -> (i64, i64, i64, i64) {
    let c = srv.store.counts().await.unwrap();
    (c.units, c.members, c.memberships, c.unit_events)
}

async fn logged_in(base: &str, username: &str) -> reqwest::Client {
    let c = browser();
    assert_eq!(login(&c, base, username, DEMO_PASSWORD).await, "/");
    c
}

#[tokio::test]
async fn templates_download() {
    let srv = demo_server().await;
    let res = client()
        .get(format!("{}/nhap-du-lieu/mau.xlsx", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("mau-nhap-du-lieu.xlsx")
    );
    let bytes = res.bytes().await.unwrap();
    assert!(
        bytes.starts_with(b"PK\x03\x04"),
        "an XLSX file is a ZIP archive"
    );
    let sheets = server::import::parse::read_file(bytes.to_vec()).unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Đơn vị", "Đảng viên", "Hướng dẫn"]);

    for (query, first) in [("", "Số thẻ đảng viên *"), ("?bang=don-vi", "Mã đơn vị *")]
    {
        let res = client()
            .get(format!("{}/nhap-du-lieu/mau.csv{query}", srv.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let text = res.text().await.unwrap();
        assert!(
            text.starts_with('\u{feff}'),
            "Excel needs the byte-order mark"
        );
        assert!(text[3..].starts_with(first), "{text}");
    }
}

#[tokio::test]
async fn only_the_standing_committee_and_administrators_import() {
    let srv = demo_server().await;
    let before = rows(&srv).await;
    let csv = members_csv();
    // A visitor: 401, for the page and the upload.
    assert_eq!(page(&client(), &srv.base, "").await.0, 401);
    assert_eq!(
        upload(&client(), &srv.base, "dv.csv", csv.as_bytes())
            .await
            .status(),
        401
    );
    // A member: 403.
    let m = logged_in(&srv.base, MEMBER).await;
    assert_eq!(page(&m, &srv.base, "").await.0, 403);
    assert_eq!(
        upload(&m, &srv.base, "dv.csv", csv.as_bytes())
            .await
            .status(),
        403
    );
    let res = m
        .post(format!("{}/nhap-du-lieu", srv.base))
        .same_site(&srv.base)
        .form(&[("token", "x"), ("mode", "tat-ca")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let can = m
        .post(format!("{}/api/can_import", srv.base))
        .same_site(&srv.base)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(can, "false");
    assert_eq!(rows(&srv).await, before);
    // The administrator and the standing member may; the page links to it.
    for who in [ADMIN_USERNAME, STANDING] {
        let c = logged_in(&srv.base, who).await;
        let (status, html) = page(&c, &srv.base, "").await;
        assert_eq!(status, 200, "{who}");
        assert!(html.contains(r#"href="/nhap-du-lieu""#), "{who}: nav link");
        assert!(html.contains(r#"enctype="multipart/form-data""#));
    }
    let home = m
        .get(format!("{}/", srv.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains(r#"href="/nhap-du-lieu""#));
}

#[tokio::test]
async fn a_bad_row_is_reported_and_the_valid_rows_imported_on_request() {
    let srv = demo_server().await;
    let office = srv
        .store
        .unit_by_code(OFFICE_CELL_CODE)
        .await
        .unwrap()
        .unwrap();
    let before = srv.store.unit_summary(&office, 2020).await.unwrap();
    let counts = srv.store.counts().await.unwrap();
    let written = rows(&srv).await;
    let taken = srv
        .store
        .import_lookup(&[], &["91000001".into(), "91000003".into()])
        .await
        .unwrap();
    assert!(
        taken.card_numbers.is_empty(),
        "test cards are free in the demo"
    );

    let c = logged_in(&srv.base, STANDING).await;
    let res = upload(&c, &srv.base, "đảng viên.csv", members_csv().as_bytes()).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/nhap-du-lieu");

    let (status, html) = page(&c, &srv.base, "").await;
    assert_eq!(status, 200);
    // The report names the row and the column, in Vietnamese.
    assert!(
        html.contains(r#"data-row="3" data-column="birth_date" data-code="bad_date""#),
        "{html}"
    );
    assert!(html.contains("Ngày không hợp lệ (ghi dd/mm/yyyy)."));
    // The same report in English.
    let english = c
        .get(format!("{}/nhap-du-lieu", srv.base))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("Not a valid date (write dd/mm/yyyy)."));
    assert!(english.contains("Date of birth"));
    assert!(english.contains("Members: 2 of 3 valid"));
    assert!(english.contains("1 error in 1 row."));
    assert!(html.contains("31/02/1985"));
    assert!(html.contains("Đảng viên: 2 / 3 dòng hợp lệ"));
    assert!(html.contains("Chỉ nhập các dòng hợp lệ"));
    assert!(!html.contains("Nhập tất cả"), "no 'import all' with errors");
    // Nothing written by the check.
    assert_eq!(rows(&srv).await, written);

    // "Import all" is refused while there are errors.
    let token = token(&html);
    assert_eq!(
        confirm(&c, &srv.base, &token, "tat-ca").await,
        "/nhap-du-lieu?loi=con_loi"
    );
    assert_eq!(rows(&srv).await, written);

    // The valid rows.
    assert_eq!(
        confirm(&c, &srv.base, &token, "hop-le").await,
        "/nhap-du-lieu"
    );
    let (_, html) = page(&c, &srv.base, "").await;
    assert!(
        html.contains("Đã nhập 2 đảng viên từ tệp «đảng viên.csv»."),
        "{html}"
    );
    assert!(html.contains("Đã bỏ qua 1 dòng có lỗi."));
    let after = srv.store.counts().await.unwrap();
    assert_eq!(after.members, counts.members + 2);
    assert_eq!(after.memberships, counts.memberships + 2);
    let now = srv
        .store
        .import_lookup(
            &[],
            &["91000001".into(), "91000002".into(), "91000003".into()],
        )
        .await
        .unwrap();
    let mut cards: Vec<_> = now.card_numbers.into_iter().collect();
    cards.sort();
    assert_eq!(cards, ["91000001", "91000003"]);
    let summary = srv.store.unit_summary(&office, 2020).await.unwrap();
    assert_eq!(summary.full_members, before.full_members + 2);
    // Audited, with the importer and the unit.
    let audit = srv
        .store
        .audit_entries(
            &app::store::model::AuditFilter {
                action: Some("import.".into()),
                ..Default::default()
            },
            None,
            5,
        )
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].actor_label, STANDING);
    assert_eq!(audit[0].unit_path.as_deref(), Some(office.path.as_str()));

    // Shown once; the token is used up.
    let (_, html) = page(&c, &srv.base, "").await;
    assert!(!html.contains("Đã nhập"));
    assert_eq!(
        confirm(&c, &srv.base, &token, "hop-le").await,
        "/nhap-du-lieu?loi=het_han"
    );
    assert_eq!(srv.store.counts().await.unwrap().members, after.members);

    // The same file again: the two imported cards are now taken.
    upload(&c, &srv.base, "lại.csv", members_csv().as_bytes()).await;
    let (_, html) = page(&c, &srv.base, "").await;
    assert_eq!(html.matches(r#"data-code="exists_in_database""#).count(), 2);
    assert!(html.contains("Không có dòng hợp lệ nào để nhập."));
}

#[tokio::test]
async fn a_clean_xlsx_imports_everything_and_cancel_forgets() {
    let srv = demo_server().await;
    let counts = srv.store.counts().await.unwrap();
    // The template with its example rows pointed at the hospital's committee.
    let units = format!(
        "Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên,Ngày thành lập\n\
         BVDK-NEW,Chi bộ Khoa Phục hồi chức năng,Chi bộ trực thuộc,{HOSPITAL_CODE},01/09/2020\n"
    );
    let c = logged_in(&srv.base, STANDING).await;
    // A cancelled check leaves nothing.
    upload(&c, &srv.base, "don-vi.csv", units.as_bytes()).await;
    let (_, html) = page(&c, &srv.base, "").await;
    assert!(html.contains("Đơn vị: 1 / 1 dòng hợp lệ"), "{html}");
    assert!(html.contains("Nhập tất cả"));
    let first = token(&html);
    assert_eq!(confirm(&c, &srv.base, &first, "huy").await, "/nhap-du-lieu");
    let (_, html) = page(&c, &srv.base, "").await;
    assert!(!html.contains("Nhập tất cả"));
    assert_eq!(
        confirm(&c, &srv.base, &first, "tat-ca").await,
        "/nhap-du-lieu?loi=het_han"
    );
    // Checked again and imported whole.
    upload(&c, &srv.base, "don-vi.csv", units.as_bytes()).await;
    let (_, html) = page(&c, &srv.base, "").await;
    assert_eq!(
        confirm(&c, &srv.base, &token(&html), "tat-ca").await,
        "/nhap-du-lieu"
    );
    let unit = srv.store.unit_by_code("BVDK-NEW").await.unwrap().unwrap();
    let hospital = srv
        .store
        .unit_by_code(HOSPITAL_CODE)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unit.parent_id, Some(hospital.id));
    assert_eq!(srv.store.counts().await.unwrap().units, counts.units + 1);

    // The XLSX template as it comes: its example rows point at codes that
    // do not exist, and the report says so for both sheets.
    let xlsx = server::import::template::xlsx().unwrap();
    upload(&c, &srv.base, "mau.xlsx", &xlsx).await;
    let (_, html) = page(&c, &srv.base, "").await;
    assert!(
        html.contains(r#"data-sheet="units" data-row="2" data-column="parent_code" data-code="unknown_parent""#),
        "{html}"
    );
    assert!(html.contains(
        r#"data-sheet="members" data-row="2" data-column="cell_code" data-code="cell_row_invalid""#
    ));
}

#[tokio::test]
async fn files_the_import_cannot_take() {
    let srv = demo_server().await;
    let c = logged_in(&srv.base, ADMIN_USERNAME).await;
    let too_big = vec![b'a'; app::domain::import::MAX_FILE_BYTES + 1];
    let res = upload(&c, &srv.base, "lon.csv", &too_big).await;
    assert_eq!(res.headers()["location"], "/nhap-du-lieu?loi=qua_lon");
    let (_, html) = page(&c, &srv.base, "?loi=qua_lon").await;
    assert!(html.contains("Tệp lớn hơn 10 MB"));
    let res = upload(&c, &srv.base, "cu.xls", &[0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3]).await;
    assert_eq!(res.headers()["location"], "/nhap-du-lieu?loi=dinh_dang");
    let res = upload(&c, &srv.base, "win.csv", b"M\xe3 \xf0\xe1n v\xec\n").await;
    assert_eq!(res.headers()["location"], "/nhap-du-lieu?loi=ma_hoa");
    let res = upload(&c, &srv.base, "", b"").await;
    assert_eq!(res.headers()["location"], "/nhap-du-lieu?loi=khong_co_tep");
    // Headers nobody knows: one file-level error.
    upload(&c, &srv.base, "x.csv", b"a,b\n1,2\n").await;
    let (_, html) = page(&c, &srv.base, "").await;
    assert!(html.contains(r#"data-code="no_data""#), "{html}");
    // A script's upload gets the page to go to as text.
    let (content_type, body) = multipart("dv.csv", members_csv().as_bytes());
    let res = c
        .post(format!("{}/nhap-du-lieu", srv.base))
        .same_site(&srv.base)
        .header("content-type", content_type)
        .header("x-requested-with", "XMLHttpRequest")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "/nhap-du-lieu");
    // From another site: refused before anything is read.
    let (content_type, body) = multipart("dv.csv", members_csv().as_bytes());
    let res = c
        .post(format!("{}/nhap-du-lieu", srv.base))
        .header("content-type", content_type)
        .header("origin", "https://elsewhere.example")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}
