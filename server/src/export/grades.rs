//! What a grassroots committee sends upward at the year's end, as XLSX:
//!
//! - `GET /xuat/xep-loai/{code}.xlsx?nam=YEAR`: the list of its members'
//!   grades (self-assessed, proposed by the cell, decided), a summary per
//!   decided grade with the quota on "excellent", and a second sheet of its
//!   cells' grades;
//! - `GET /xuat/cam-ket/{code}.xlsx?nam=YEAR`: the report on the year's
//!   commitments, one row per cell and a total.
//!
//! Both are for those who see the members' grades of the subtree: the
//! leadership deciding them (`DecideGrade`) or anyone who may list its
//! members (`ViewMembers`). Without `nam`, the newest year. The sheets are
//! laid out for print: A4 landscape, one page wide, the title block and the
//! header row repeated on every page and frozen on screen.
//!
//! A capped count of the members comes first, so that a list too long for
//! a sheet is refused before it is read; the rows are then read and the
//! workbook written in a place on the export lane, a few at a time.

use super::{
    Address, HttpError, XLSX, download, file_code, in_place, kind_vi, no_unit, refusal, split_file,
    structure_unit, vi,
};
use crate::blocking::{self, Lane};
use crate::http::{AppState, Caller, Text};
use app::domain::GradingRuleSet;
use app::domain::UnitKind;
use app::domain::authz::{Action, Actor, Target, acts_on_members_of, can};
use app::domain::commitment::CommitmentState;
use app::domain::grading::{self, Grade, Quota};
use app::store::DynStore;
use app::store::model::{CommitmentRow, Unit, UnitGradeRow, Year};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use serde::Deserialize;

/// The row of the column headers: below the title block (organisation,
/// title, rule or theme, a blank line).
pub const HEADER_ROW: u32 = 4;

pub const GRADE_HEADERS: [&str; 7] = [
    "STT",
    "Họ và tên",
    "Số thẻ đảng viên",
    "Chi bộ",
    "Tự xếp loại",
    "Chi bộ đề xuất",
    "Xếp loại (quyết định)",
];
const GRADE_WIDTHS: [f64; 7] = [6.0, 28.0, 14.0, 40.0, 28.0, 28.0, 28.0];

pub const UNIT_GRADE_HEADERS: [&str; 6] = [
    "STT",
    "Mã đơn vị",
    "Tên tổ chức đảng",
    "Loại tổ chức",
    "Xếp loại",
    "Ghi chú",
];
const UNIT_GRADE_WIDTHS: [f64; 6] = [6.0, 14.0, 48.0, 20.0, 30.0, 40.0];

pub const REPORT_HEADERS: [&str; 9] = [
    "STT",
    "Chi bộ",
    "Số đảng viên",
    "Đã nộp cam kết",
    "Tỷ lệ (%)",
    "Đã duyệt",
    "Bị trả lại",
    "Chưa nộp",
    "Đã tự đánh giá",
];
const REPORT_WIDTHS: [f64; 9] = [6.0, 48.0, 12.0, 12.0, 10.0, 11.0, 11.0, 11.0, 13.0];

/// Sheet names.
pub const MEMBERS_SHEET: &str = "Đảng viên";
pub const UNITS_SHEET: &str = "Tổ chức";
pub const REPORT_SHEET: &str = "Cam kết";

/// Label of the summary's quota line (followed by the figures).
pub const QUOTA_PREFIX: &str = "Xuất sắc: ";
pub const QUOTA_HOLDS: &str = "Đạt tỷ lệ quy định";
pub const TOTAL_LABEL: &str = "Tổng cộng";
pub const UNGRADED: &str = "Chưa xếp loại";

/// A grade's full Vietnamese name.
pub fn grade_vi(grade: Grade) -> &'static str {
    let s = vi();
    match grade {
        Grade::Excellent => s.cm_grade_excellent,
        Grade::Good => s.cm_grade_good,
        Grade::Completed => s.cm_grade_completed,
        Grade::NotCompleted => s.cm_grade_not_completed,
    }
}

/// The year's rule set in words.
pub fn rules_vi(rules: GradingRuleSet) -> &'static str {
    let s = vi();
    match rules {
        GradingRuleSet::Rules2019 => s.rv_rule_2019,
        GradingRuleSet::Rules2023 => s.rv_rule_2023,
        GradingRuleSet::Rules2025 => s.rv_rule_2025,
    }
}

// ---------------------------------------------------------------- figures

/// The decided grades of a list: how many of each, how many not yet
/// decided, and the quota on "excellent".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeSummary {
    /// In the order of [`Grade::ALL`].
    pub counts: [u32; 4],
    pub ungraded: u32,
    pub quota: Quota,
}

impl GradeSummary {
    pub fn graded(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// A grade's share of those graded (0 when nobody is).
    pub fn share(&self, grade: Grade) -> f64 {
        match self.graded() {
            0 => 0.0,
            n => f64::from(self.counts[grade as usize]) / f64::from(n),
        }
    }

    /// "Xuất sắc: 3 / tối đa 4 (20% số Hoàn thành tốt)".
    pub fn quota_line(&self) -> String {
        format!(
            "{QUOTA_PREFIX}{} / tối đa {} (20% số Hoàn thành tốt)",
            self.quota.excellent, self.quota.max_excellent
        )
    }

    /// Whether the quota holds, in words.
    pub fn quota_verdict(&self) -> String {
        if self.quota.holds() {
            QUOTA_HOLDS.to_string()
        } else {
            format!("Vượt tỷ lệ quy định {} người", self.quota.excess())
        }
    }
}

pub fn grade_summary(rules: GradingRuleSet, rows: &[CommitmentRow]) -> GradeSummary {
    let mut counts = [0u32; 4];
    let mut ungraded = 0;
    for r in rows {
        match r.decided_grade {
            Some(g) => counts[g as usize] += 1,
            None => ungraded += 1,
        }
    }
    GradeSummary {
        counts,
        ungraded,
        quota: grading::quota(rules, rows.iter().filter_map(|r| r.decided_grade)),
    }
}

/// Where one cell's (or the total's) commitments stand. `members` is
/// `filed + returned + not_filed`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub cell_id: i64,
    pub cell_name: String,
    pub members: u32,
    /// Submitted and not sent back since.
    pub filed: u32,
    /// Approved by the cell (and any later step).
    pub approved: u32,
    pub returned: u32,
    /// Not started, or a draft never submitted.
    pub not_filed: u32,
    /// Self-assessed at the year's end (and any later step).
    pub self_assessed: u32,
}

impl Tally {
    fn add(&mut self, state: Option<CommitmentState>) {
        use CommitmentState::*;
        self.members += 1;
        match state {
            Some(Returned) => self.returned += 1,
            Some(s) if s.is_filed() => self.filed += 1,
            _ => self.not_filed += 1,
        }
        if matches!(
            state,
            Some(Approved | MidYearReviewed | SelfAssessed | Proposed | Graded)
        ) {
            self.approved += 1;
        }
        if matches!(state, Some(SelfAssessed | Proposed | Graded)) {
            self.self_assessed += 1;
        }
    }

    fn plus(&mut self, other: &Tally) {
        self.members += other.members;
        self.filed += other.filed;
        self.approved += other.approved;
        self.returned += other.returned;
        self.not_filed += other.not_filed;
        self.self_assessed += other.self_assessed;
    }

    /// The share filed (0 for an empty cell).
    pub fn rate(&self) -> f64 {
        match self.members {
            0 => 0.0,
            n => f64::from(self.filed) / f64::from(n),
        }
    }
}

/// One tally per cell, in the order of `rows` (by cell, as the store gives
/// them), and the total.
pub fn cell_tallies(rows: &[CommitmentRow]) -> (Vec<Tally>, Tally) {
    let mut cells: Vec<Tally> = Vec::new();
    for r in rows {
        let pos = match cells.iter().rposition(|t| t.cell_id == r.cell_id) {
            Some(pos) => pos,
            None => {
                cells.push(Tally {
                    cell_id: r.cell_id,
                    cell_name: r.cell_name.clone(),
                    ..Tally::default()
                });
                cells.len() - 1
            }
        };
        cells[pos].add(r.state);
    }
    let mut total = Tally {
        cell_name: TOTAL_LABEL.to_string(),
        ..Tally::default()
    };
    for t in &cells {
        total.plus(t);
    }
    (cells, total)
}

// ---------------------------------------------------------------- sheets

/// What the title block says of the organisation.
#[derive(Debug, Clone)]
pub struct Heading<'a> {
    /// Its name as lists show it (`api::unit_label`).
    pub name: &'a str,
    pub kind: UnitKind,
    pub year: &'a Year,
}

impl Heading<'_> {
    fn organisation(&self) -> String {
        format!("{}: {}", kind_vi(self.kind), self.name)
    }
}

struct Styles {
    org: Format,
    title: Format,
    note: Format,
    header: Format,
    text: Format,
    number: Format,
    percent: Format,
    total_text: Format,
    total_number: Format,
    total_percent: Format,
    bold: Format,
    plain_number: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = || {
            Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
        };
        Styles {
            org: Format::new().set_bold(),
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            note: Format::new()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: cell()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color("#D9E1F2"),
            text: cell(),
            number: cell().set_num_format("0"),
            percent: cell().set_num_format("0.0%"),
            total_text: cell().set_bold(),
            total_number: cell().set_bold().set_num_format("0"),
            total_percent: cell().set_bold().set_num_format("0.0%"),
            bold: Format::new().set_bold(),
            plain_number: Format::new().set_num_format("0"),
        }
    }
}

/// The title block, the header row and the page setup of a sheet whose
/// table has `headers`.
fn start_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    heading: &Heading,
    title: &str,
    note: &str,
    headers: &[&str],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let last = (headers.len() - 1) as u16;
    ws.write_string_with_format(0, 0, heading.organisation(), &st.org)?;
    ws.merge_range(1, 0, 1, last, title, &st.title)?;
    ws.set_row_height(1, 24)?;
    ws.merge_range(2, 0, 2, last, note, &st.note)?;
    ws.set_row_height(2, if note.chars().count() > 120 { 36 } else { 20 })?;
    for (col, (name, width)) in headers.iter().zip(widths).enumerate() {
        ws.write_string_with_format(HEADER_ROW, col as u16, *name, &st.header)?;
        ws.set_column_width(col as u16, *width)?;
    }
    ws.set_row_height(HEADER_ROW, 32)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_repeat_rows(0, HEADER_ROW)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&CTrang &P/&N");
    Ok(())
}

fn grade_text(grade: Option<Grade>) -> &'static str {
    grade.map(grade_vi).unwrap_or("")
}

/// Rows of a sheet taken by the title block, header and summary.
const SUMMARY_ROWS: usize = 40;

/// Members (or cells) one sheet may list: Excel's limit, less the rest.
const MAX_LISTED: usize = super::table::XLSX_ROWS - SUMMARY_ROWS;

fn too_many(rows: usize) -> Result<(), XlsxError> {
    if rows > MAX_LISTED {
        return Err(XlsxError::RowColumnLimitError);
    }
    Ok(())
}

/// The grade list: members, the summary of decided grades with the quota,
/// and the sheet of the organisation's cells (`own`: the organisation's
/// own grade, given by the level above, when there is one).
pub fn grade_list_xlsx(
    heading: &Heading,
    rows: &[CommitmentRow],
    cells: &[UnitGradeRow],
    own: Option<&UnitGradeRow>,
) -> Result<Vec<u8>, XlsxError> {
    too_many(rows.len().max(cells.len()))?;
    let st = Styles::new();
    let year = heading.year.year;
    let mut book = Workbook::new();

    let ws = book.add_worksheet();
    ws.set_name(MEMBERS_SHEET)?;
    let title = format!("Danh sách xếp loại chất lượng đảng viên năm {year}");
    start_sheet(
        ws,
        &st,
        heading,
        &title,
        rules_vi(heading.year.rule_set),
        &GRADE_HEADERS,
        &GRADE_WIDTHS,
    )?;
    let mut row = HEADER_ROW + 1;
    for (i, r) in rows.iter().enumerate() {
        ws.write_number_with_format(row, 0, (i + 1) as f64, &st.number)?;
        ws.write_string_with_format(row, 1, &r.full_name, &st.text)?;
        ws.write_string_with_format(row, 2, &r.card_number, &st.text)?;
        ws.write_string_with_format(row, 3, &r.cell_name, &st.text)?;
        ws.write_string_with_format(row, 4, grade_text(r.self_grade), &st.text)?;
        ws.write_string_with_format(row, 5, grade_text(r.proposed_grade), &st.text)?;
        ws.write_string_with_format(row, 6, grade_text(r.decided_grade), &st.text)?;
        row += 1;
    }

    // The summary, below a blank line: grade, count, share of those graded.
    let summary = grade_summary(heading.year.rule_set, rows);
    row += 1;
    ws.write_string_with_format(row, 1, "Tổng hợp kết quả xếp loại (quyết định)", &st.bold)?;
    row += 1;
    for (col, name) in ["Mức xếp loại", "Số đảng viên", "Tỷ lệ (%)"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, col as u16 + 1, *name, &st.header)?;
    }
    row += 1;
    for g in Grade::ALL {
        ws.write_string_with_format(row, 1, grade_vi(g), &st.text)?;
        ws.write_number_with_format(row, 2, f64::from(summary.counts[g as usize]), &st.number)?;
        ws.write_number_with_format(row, 3, summary.share(g), &st.percent)?;
        row += 1;
    }
    ws.write_string_with_format(row, 1, "Tổng số đã xếp loại", &st.total_text)?;
    ws.write_number_with_format(row, 2, f64::from(summary.graded()), &st.total_number)?;
    let all = if summary.graded() > 0 { 1.0 } else { 0.0 };
    ws.write_number_with_format(row, 3, all, &st.total_percent)?;
    row += 1;
    if summary.ungraded > 0 {
        ws.write_string_with_format(row, 1, UNGRADED, &st.text)?;
        ws.write_number_with_format(row, 2, f64::from(summary.ungraded), &st.number)?;
        ws.write_blank(row, 3, &st.text)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 1, summary.quota_line(), &st.bold)?;
    ws.write_string_with_format(row, 4, summary.quota_verdict(), &st.bold)?;
    if heading.kind == UnitKind::Bloc {
        row += 1;
        ws.write_string(
            row,
            1,
            "Tỷ lệ áp dụng trong từng tổ chức cơ sở đảng; dòng trên tính chung cho toàn Đảng bộ Khối.",
        )?;
    }

    // The organisation's cells and their grades.
    let ws = book.add_worksheet();
    ws.set_name(UNITS_SHEET)?;
    let title = format!("Kết quả xếp loại chất lượng tổ chức đảng trực thuộc năm {year}");
    let note = match own {
        Some(u) => format!(
            "Xếp loại của {}: {}",
            heading.name,
            u.grade.map(grade_vi).unwrap_or(UNGRADED)
        ),
        None => String::new(),
    };
    start_sheet(
        ws,
        &st,
        heading,
        &title,
        &note,
        &UNIT_GRADE_HEADERS,
        &UNIT_GRADE_WIDTHS,
    )?;
    let mut row = HEADER_ROW + 1;
    for (i, u) in cells.iter().enumerate() {
        ws.write_number_with_format(row, 0, (i + 1) as f64, &st.number)?;
        ws.write_string_with_format(row, 1, &u.code, &st.text)?;
        ws.write_string_with_format(row, 2, &u.name, &st.text)?;
        ws.write_string_with_format(row, 3, kind_vi(u.kind), &st.text)?;
        ws.write_string_with_format(row, 4, grade_text(u.grade), &st.text)?;
        ws.write_string_with_format(row, 5, &u.note, &st.text)?;
        row += 1;
    }
    row += 1;
    for g in Grade::ALL {
        let n = cells.iter().filter(|u| u.grade == Some(g)).count();
        ws.write_string(row, 2, grade_vi(g))?;
        ws.write_number_with_format(row, 3, n as f64, &st.plain_number)?;
        row += 1;
    }
    let ungraded = cells.iter().filter(|u| u.grade.is_none()).count();
    if ungraded > 0 {
        ws.write_string(row, 2, UNGRADED)?;
        ws.write_number_with_format(row, 3, ungraded as f64, &st.plain_number)?;
    }
    book.save_to_buffer()
}

/// The report on the year's commitments: one row per cell, then the total.
pub fn commitment_report_xlsx(
    heading: &Heading,
    rows: &[CommitmentRow],
) -> Result<Vec<u8>, XlsxError> {
    too_many(rows.len())?;
    let st = Styles::new();
    let year = heading.year.year;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(REPORT_SHEET)?;
    let title = format!("Báo cáo kết quả thực hiện bản cam kết năm {year}");
    let note = format!("Chủ đề năm {year}: {}", heading.year.theme);
    start_sheet(
        ws,
        &st,
        heading,
        &title,
        &note,
        &REPORT_HEADERS,
        &REPORT_WIDTHS,
    )?;
    let (cells, total) = cell_tallies(rows);
    let mut row = HEADER_ROW + 1;
    let write = |ws: &mut Worksheet,
                 row: u32,
                 t: &Tally,
                 text: &Format,
                 number: &Format,
                 percent: &Format|
     -> Result<(), XlsxError> {
        ws.write_string_with_format(row, 1, &t.cell_name, text)?;
        ws.write_number_with_format(row, 2, f64::from(t.members), number)?;
        ws.write_number_with_format(row, 3, f64::from(t.filed), number)?;
        ws.write_number_with_format(row, 4, t.rate(), percent)?;
        ws.write_number_with_format(row, 5, f64::from(t.approved), number)?;
        ws.write_number_with_format(row, 6, f64::from(t.returned), number)?;
        ws.write_number_with_format(row, 7, f64::from(t.not_filed), number)?;
        ws.write_number_with_format(row, 8, f64::from(t.self_assessed), number)?;
        Ok(())
    };
    for (i, t) in cells.iter().enumerate() {
        ws.write_number_with_format(row, 0, (i + 1) as f64, &st.number)?;
        write(ws, row, t, &st.text, &st.number, &st.percent)?;
        row += 1;
    }
    ws.write_blank(row, 0, &st.total_text)?;
    write(
        ws,
        row,
        &total,
        &st.total_text,
        &st.total_number,
        &st.total_percent,
    )?;
    book.save_to_buffer()
}

// ---------------------------------------------------------------- handlers

#[derive(Deserialize, Default)]
pub struct YearQuery {
    pub nam: Option<String>,
}

/// 404: no such year.
fn no_year() -> HttpError {
    HttpError::NotFound(Text::of(|s| s.export_err_no_year))
}

fn too_many_rows() -> HttpError {
    HttpError::invalid(|s| s.export_err_too_many_rows)
}

fn xlsx_error(e: XlsxError) -> HttpError {
    match e {
        XlsxError::RowColumnLimitError => too_many_rows(),
        e => HttpError::Internal(e.to_string()),
    }
}

/// The unit of `file` (`{code}.xlsx`) if the caller sees its members' grades.
async fn graded_unit(store: &DynStore, actor: &Actor, file: &str) -> Result<Unit, HttpError> {
    let code = match split_file(file) {
        Some((code, "xlsx")) => code,
        _ if matches!(actor, Actor::Anonymous) => return Err(HttpError::Unauthorized),
        _ => return Err(no_unit()),
    };
    let unit = structure_unit(store, actor, code).await?;
    let sees = acts_on_members_of(actor, Action::DecideGrade, &unit.path)
        || can(
            actor,
            Action::ViewMembers,
            Target::Unit {
                kind: unit.kind,
                path: &unit.path,
            },
        );
    if sees { Ok(unit) } else { Err(refusal(actor)) }
}

/// The year `nam` names, or the newest one.
async fn chosen_year(store: &DynStore, nam: Option<&str>) -> Result<Year, HttpError> {
    match nam.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => {
            let year: i32 = s
                .parse()
                .map_err(|_| HttpError::invalid(|s| s.export_err_year))?;
            store.year(year).await?.ok_or_else(no_year)
        }
        None => store
            .years()
            .await?
            .into_iter()
            .max_by_key(|y| y.year)
            .ok_or_else(no_year),
    }
}

/// Refuses a subtree whose members would not fit in a sheet, with a
/// capped count: before anything is read.
async fn check_size(store: &DynStore, unit: &Unit) -> Result<(), HttpError> {
    let cap = MAX_LISTED as i64;
    if store.count_export_members(unit, cap + 1).await? > cap {
        return Err(too_many_rows());
    }
    Ok(())
}

/// `/xuat/xep-loai/{code}.xlsx?nam=YEAR`.
pub async fn grade_list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Path(file)): Address<Path<String>>,
    Address(Query(q)): Address<Query<YearQuery>>,
) -> Result<Response, HttpError> {
    grade_list_file(&state.store, &actor, &file, &q, &blocking::EXPORTS).await
}

/// The grade list, written on `lane`.
pub(super) async fn grade_list_file(
    store: &DynStore,
    actor: &Actor,
    file: &str,
    q: &YearQuery,
    lane: &Lane,
) -> Result<Response, HttpError> {
    let unit = graded_unit(store, actor, file).await?;
    let year = chosen_year(store, q.nam.as_deref()).await?;
    check_size(store, &unit).await?;
    let place = lane.place().await.map_err(HttpError::from)?;
    let rows = store.subtree_commitments(&unit.path, year.year).await?;
    let cells = store.child_unit_grades(unit.id, year.year).await?;
    let own = match unit.parent_id {
        Some(parent) => store
            .child_unit_grades(parent, year.year)
            .await?
            .into_iter()
            .find(|u| u.unit_id == unit.id),
        None => None,
    };
    let name = app::api::unit_label(store, &unit).await?;
    let download_name = format!("xep-loai-{}-{}.xlsx", file_code(&unit.code), year.year);
    let kind = unit.kind;
    let bytes = in_place(place, move || {
        let heading = Heading {
            name: &name,
            kind,
            year: &year,
        };
        grade_list_xlsx(&heading, &rows, &cells, own.as_ref()).map_err(xlsx_error)
    })
    .await?;
    Ok(download(bytes, XLSX, &download_name))
}

/// `/xuat/cam-ket/{code}.xlsx?nam=YEAR`.
pub async fn commitment_report(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Path(file)): Address<Path<String>>,
    Address(Query(q)): Address<Query<YearQuery>>,
) -> Result<Response, HttpError> {
    commitment_report_file(&state.store, &actor, &file, &q, &blocking::EXPORTS).await
}

/// The commitment report, written on `lane`.
pub(super) async fn commitment_report_file(
    store: &DynStore,
    actor: &Actor,
    file: &str,
    q: &YearQuery,
    lane: &Lane,
) -> Result<Response, HttpError> {
    let unit = graded_unit(store, actor, file).await?;
    let year = chosen_year(store, q.nam.as_deref()).await?;
    check_size(store, &unit).await?;
    let place = lane.place().await.map_err(HttpError::from)?;
    let rows = store.subtree_commitments(&unit.path, year.year).await?;
    let name = app::api::unit_label(store, &unit).await?;
    let download_name = format!("cam-ket-{}-{}.xlsx", file_code(&unit.code), year.year);
    let kind = unit.kind;
    let bytes = in_place(place, move || {
        let heading = Heading {
            name: &name,
            kind,
            year: &year,
        };
        commitment_report_xlsx(&heading, &rows).map_err(xlsx_error)
    })
    .await?;
    Ok(download(bytes, XLSX, &download_name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::MemberStatus;
    use calamine::{Data, DataType, Reader};

    fn row(member_id: i64, cell_id: i64, state: Option<CommitmentState>) -> CommitmentRow {
        CommitmentRow {
            member_id,
            full_name: format!("Nguyễn Văn {member_id}"),
            card_number: format!("{:08}", member_id),
            status: MemberStatus::Full,
            cell_id,
            cell_name: format!("Chi bộ {cell_id}"),
            cell_code: format!("CB-{cell_id}"),
            commitment_id: state.map(|_| member_id),
            state,
            version: 1,
            self_grade: None,
            proposed_grade: None,
            decided_grade: None,
            updated_at: None,
        }
    }

    fn graded(member_id: i64, cell_id: i64, g: Grade) -> CommitmentRow {
        CommitmentRow {
            self_grade: Some(g),
            proposed_grade: Some(g),
            decided_grade: Some(g),
            ..row(member_id, cell_id, Some(CommitmentState::Graded))
        }
    }

    fn year_2020() -> Year {
        Year::with_defaults(2020, "Chủ đề").unwrap()
    }

    #[test]
    fn tallies_partition_each_cell_and_add_up() {
        use CommitmentState::*;
        let rows = vec![
            row(1, 10, None),
            row(2, 10, Some(Draft)),
            row(3, 10, Some(Submitted)),
            row(4, 10, Some(Returned)),
            row(5, 20, Some(Approved)),
            row(6, 20, Some(SelfAssessed)),
            row(7, 20, Some(Graded)),
            row(8, 20, Some(MidYearReviewed)),
        ];
        let (cells, total) = cell_tallies(&rows);
        assert_eq!(cells.len(), 2);
        let a = &cells[0];
        assert_eq!(
            (
                a.members,
                a.filed,
                a.approved,
                a.returned,
                a.not_filed,
                a.self_assessed
            ),
            (4, 1, 0, 1, 2, 0)
        );
        assert_eq!(a.rate(), 0.25);
        let b = &cells[1];
        assert_eq!(
            (
                b.members,
                b.filed,
                b.approved,
                b.returned,
                b.not_filed,
                b.self_assessed
            ),
            (4, 4, 4, 0, 0, 2)
        );
        assert_eq!(
            (
                total.members,
                total.filed,
                total.not_filed,
                total.cell_name.as_str()
            ),
            (8, 5, 2, TOTAL_LABEL)
        );
        assert_eq!(total.rate(), 5.0 / 8.0);
        assert_eq!(Tally::default().rate(), 0.0);
    }

    #[test]
    fn the_summary_counts_decided_grades_against_the_quota() {
        use Grade::*;
        let mut rows: Vec<_> = (0..10).map(|i| graded(i, 1, Good)).collect();
        rows.push(graded(20, 1, Excellent));
        rows.push(graded(21, 1, Excellent));
        rows.push(graded(22, 1, Completed));
        rows.push(row(23, 1, Some(CommitmentState::Proposed)));
        let s = grade_summary(GradingRuleSet::Rules2019, &rows);
        assert_eq!(s.counts, [2, 10, 1, 0]);
        assert_eq!((s.graded(), s.ungraded), (13, 1));
        assert!((s.share(Good) - 10.0 / 13.0).abs() < 1e-12);
        assert_eq!(
            s.quota_line(),
            "Xuất sắc: 2 / tối đa 2 (20% số Hoàn thành tốt)"
        );
        assert_eq!(s.quota_verdict(), QUOTA_HOLDS);
        rows.push(graded(24, 1, Excellent));
        let s = grade_summary(GradingRuleSet::Rules2019, &rows);
        assert_eq!(s.quota_verdict(), "Vượt tỷ lệ quy định 1 người");
        assert_eq!(
            grade_summary(GradingRuleSet::Rules2019, &[]).share(Good),
            0.0
        );
    }

    fn read(bytes: Vec<u8>) -> calamine::Xlsx<std::io::Cursor<Vec<u8>>> {
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn the_grade_list_reads_back_with_numbers_as_numbers() {
        let year = year_2020();
        let heading = Heading {
            name: "Văn phòng",
            kind: UnitKind::GrassrootsCommittee,
            year: &year,
        };
        let rows = vec![
            graded(1, 10, Grade::Good),
            graded(2, 10, Grade::Excellent),
            graded(3, 20, Grade::Good),
            graded(4, 20, Grade::Good),
            graded(5, 20, Grade::Good),
            graded(6, 20, Grade::Good),
        ];
        let cells = vec![UnitGradeRow {
            unit_id: 10,
            code: "CB-10".into(),
            name: "Chi bộ 10".into(),
            kind: UnitKind::Cell,
            grade: Some(Grade::Good),
            note: String::new(),
            version: 1,
        }];
        let bytes = grade_list_xlsx(&heading, &rows, &cells, None).unwrap();
        let mut book = read(bytes);
        assert_eq!(book.sheet_names(), vec![MEMBERS_SHEET, UNITS_SHEET]);
        let ws = book.worksheet_range(MEMBERS_SHEET).unwrap();
        let h = HEADER_ROW as usize;
        assert_eq!(
            ws.get((1, 0)),
            Some(&Data::String(
                "Danh sách xếp loại chất lượng đảng viên năm 2020".into()
            ))
        );
        assert_eq!(ws.get((h, 6)).unwrap().to_string(), GRADE_HEADERS[6]);
        assert_eq!(ws.get((h + 1, 0)), Some(&Data::Float(1.0)));
        assert_eq!(
            ws.get((h + 2, 6)).unwrap().to_string(),
            "Hoàn thành xuất sắc nhiệm vụ"
        );
        let quota = ws
            .rows()
            .flatten()
            .find_map(|c| c.get_string().filter(|s| s.starts_with(QUOTA_PREFIX)))
            .unwrap()
            .to_string();
        assert_eq!(quota, "Xuất sắc: 1 / tối đa 1 (20% số Hoàn thành tốt)");
        let units = book.worksheet_range(UNITS_SHEET).unwrap();
        assert_eq!(units.get((h + 1, 1)).unwrap().to_string(), "CB-10");
    }

    #[test]
    fn the_report_has_a_row_per_cell_and_a_total() {
        let year = year_2020();
        let heading = Heading {
            name: "Văn phòng",
            kind: UnitKind::GrassrootsCommittee,
            year: &year,
        };
        let rows = vec![
            row(1, 10, Some(CommitmentState::Approved)),
            row(2, 10, None),
            row(3, 20, Some(CommitmentState::Submitted)),
        ];
        let mut book = read(commitment_report_xlsx(&heading, &rows).unwrap());
        let ws = book.worksheet_range(REPORT_SHEET).unwrap();
        let h = HEADER_ROW as usize;
        assert_eq!(ws.get((h, 4)).unwrap().to_string(), "Tỷ lệ (%)");
        assert_eq!(ws.get((h + 1, 4)), Some(&Data::Float(0.5)));
        assert_eq!(ws.get((h + 3, 1)).unwrap().to_string(), TOTAL_LABEL);
        assert_eq!(ws.get((h + 3, 2)), Some(&Data::Float(3.0)));
        assert_eq!(ws.get((h + 3, 3)), Some(&Data::Float(2.0)));
    }
}
