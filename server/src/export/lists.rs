//! The lists sent upward, as XLSX in the layout committees use:
//! - `GET /xuat/de-nghi/{id}.xlsx`: a proposal's list (the nominees with
//!   their units and achievements, and the awarding level's mark), for the
//!   bloc's proposals to the province and every level's own file;
//! - `GET /xuat/huy-hieu.xlsx?ngay=&don-vi=`: the members due a Party badge
//!   on an award date (form 4-HHĐ: name, card, cell, admission, membership,
//!   milestone, early or posthumous), and on a second sheet the badges
//!   reported lost that the province is asked to replace.
//!
//! Each reads what its page reads, with the page's checks, then writes the
//! workbook on the export lane.

use super::sheets::{Line, excel_day, list_sheet};
use super::{Address, HttpError, forbidden, no_unit, send_xlsx};
use crate::blocking::{self, Lane};
use crate::http::{AppState, Caller};
use app::api::ApiError;
use app::api::badges::BadgesData;
use app::api::commendations::ProposalView;
use app::domain::authz::Actor;
use app::domain::badge::Early;
use app::domain::commendation_records::Nominee;
use app::store::DynStore;
use app::ui::commendation_text::{form_label_in, occasion_label_in};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::Datelike;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use serde::Deserialize;

pub const HEADER_ROW: u32 = 4;

pub const PROPOSAL_SHEET: &str = "Danh sách đề nghị";
pub const PROPOSAL_HEADERS: [&str; 6] = [
    "STT",
    "Họ và tên / Tập thể",
    "Số thẻ đảng viên",
    "Đơn vị",
    "Thành tích",
    "Kết quả xét",
];
const PROPOSAL_WIDTHS: [f64; 6] = [6.0, 30.0, 14.0, 36.0, 60.0, 16.0];

pub const BADGE_SHEET: &str = "Huy hiệu Đảng";
pub const BADGE_HEADERS: [&str; 8] = [
    "STT",
    "Họ và tên",
    "Số thẻ đảng viên",
    "Chi bộ",
    "Ngày vào Đảng",
    "Tuổi Đảng",
    "Huy hiệu",
    "Ghi chú",
];
const BADGE_WIDTHS: [f64; 8] = [6.0, 28.0, 14.0, 36.0, 14.0, 16.0, 14.0, 18.0];

pub const LOST_SHEET: &str = "Cấp lại huy hiệu";
pub const LOST_HEADERS: [&str; 9] = [
    "STT",
    "Họ và tên",
    "Số thẻ đảng viên",
    "Chi bộ",
    "Huy hiệu",
    "Số huy hiệu đã cấp",
    "Quyết định đã cấp",
    "Ngày báo mất",
    "Ghi chú",
];
const LOST_WIDTHS: [f64; 9] = [6.0, 28.0, 14.0, 32.0, 12.0, 16.0, 16.0, 14.0, 24.0];

fn api_error(e: ApiError) -> HttpError {
    match e {
        ApiError::Unauthorized => HttpError::Unauthorized,
        ApiError::Forbidden => forbidden(),
        ApiError::NotFound => no_unit(),
        ApiError::Refused(_) => HttpError::invalid(|s| s.export_err_address),
        e => HttpError::Internal(e.to_string()),
    }
}

/// Title, subtitle, headers and print settings of a list.
fn sheet<'a>(
    book: &'a mut Workbook,
    name: &str,
    lines: [&str; 2],
    headers: &[&str],
    widths: &[f64],
) -> Result<&'a mut Worksheet, XlsxError> {
    let lines = [
        Line::Bold("ĐẢNG CỘNG SẢN VIỆT NAM"),
        Line::Bold(lines[0]),
        Line::Italic(lines[1]),
    ];
    list_sheet(book, name, &lines, HEADER_ROW, headers, widths, None)
}

fn cell() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap()
}

pub async fn proposal_list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Path(file)): Address<Path<String>>,
) -> Result<Response, HttpError> {
    proposal_file(&state.store, &actor, &file, &blocking::EXPORTS).await
}

pub(super) async fn proposal_file(
    store: &DynStore,
    actor: &Actor,
    file: &str,
    lane: &Lane,
) -> Result<Response, HttpError> {
    let id = file
        .strip_suffix(".xlsx")
        .and_then(|id| id.parse::<i64>().ok())
        .ok_or(no_unit())?;
    // The dossier's readers only, as its page.
    let view = app::api::commendations::server::view(store, actor, id, None)
        .await
        .map_err(api_error)?;
    let place = lane.place().await?;
    let name = format!("danh-sach-de-nghi-{id}.xlsx");
    send_xlsx(place, &name, move || proposal_xlsx(&view)).await
}

/// A proposal's list.
pub fn proposal_xlsx(view: &ProposalView) -> Result<Vec<u8>, XlsxError> {
    let s = super::vi();
    let r = &view.record;
    let to = r
        .awarder
        .as_ref()
        .map_or("Tỉnh ủy", |a| a.unit.name.as_str());
    let heading = format!(
        "DANH SÁCH ĐỀ NGHỊ {}",
        form_label_in(r.form, s).to_uppercase()
    );
    let about = format!(
        "{} — {} ({}, năm {}); {} đề nghị {}",
        r.title,
        occasion_label_in(r.occasion, s),
        form_label_in(r.form, s),
        r.year,
        r.proposer.unit.name,
        to
    );
    let mut book = Workbook::new();
    let ws = sheet(
        &mut book,
        PROPOSAL_SHEET,
        [&heading, &about],
        &PROPOSAL_HEADERS,
        &PROPOSAL_WIDTHS,
    )?;
    let text = cell();
    let number = cell().set_num_format("0");
    for (i, n) in view.nominees.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let (name, card, place) = match &n.nominee {
            Nominee::Member {
                full_name,
                card_number,
                cell,
                ..
            } => (full_name.as_str(), card_number.as_str(), cell.name.as_str()),
            Nominee::Unit { unit, .. } => (unit.name.as_str(), "", ""),
        };
        ws.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
        ws.write_string_with_format(row, 1, name, &text)?;
        ws.write_string_with_format(row, 2, card, &text)?;
        ws.write_string_with_format(row, 3, place, &text)?;
        ws.write_string_with_format(row, 4, &n.achievements, &text)?;
        let outcome = match n.outcome {
            app::domain::proposal::Outcome::Pending => s.kt_outcome_pending,
            app::domain::proposal::Outcome::Approved => s.kt_outcome_approved,
            app::domain::proposal::Outcome::StruckOut => s.kt_outcome_struck_out,
            app::domain::proposal::Outcome::Forwarded => s.kt_outcome_forwarded,
        };
        ws.write_string_with_format(row, 5, outcome, &text)?;
    }
    book.save_to_buffer()
}

#[derive(Debug, Default, Deserialize)]
pub struct BadgeQuery {
    pub ngay: Option<String>,
    #[serde(rename = "don-vi")]
    pub unit: Option<String>,
}

pub async fn badge_list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Query(q)): Address<Query<BadgeQuery>>,
) -> Result<Response, HttpError> {
    badge_file(&state.store, &actor, q, &blocking::EXPORTS).await
}

pub(super) async fn badge_file(
    store: &DynStore,
    actor: &Actor,
    q: BadgeQuery,
    lane: &Lane,
) -> Result<Response, HttpError> {
    let page = app::api::badges::server::list(store, actor, q.ngay, q.unit)
        .await
        .map_err(api_error)?;
    if page.cut.is_some() {
        // A list sent upward is whole or not sent: the page offers the units below.
        return Err(HttpError::invalid(|s| s.export_err_badges_cut));
    }
    let place = lane.place().await?;
    let name = format!("huy-hieu-dang-{}.xlsx", page.on.format("%Y-%m-%d"));
    send_xlsx(place, &name, move || badge_xlsx(&page)).await
}

/// The members due a badge on the page's date.
pub fn badge_xlsx(page: &BadgesData) -> Result<Vec<u8>, XlsxError> {
    let on = page.on;
    let about = format!(
        "{} — đợt {:02}/{:02}/{}",
        page.unit.name,
        on.day(),
        on.month(),
        on.year()
    );
    let mut book = Workbook::new();
    let ws = sheet(
        &mut book,
        BADGE_SHEET,
        ["DANH SÁCH ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG", &about],
        &BADGE_HEADERS,
        &BADGE_WIDTHS,
    )?;
    let text = cell();
    let number = cell().set_num_format("0");
    let date = cell().set_num_format("dd/mm/yyyy");
    for (i, r) in page.rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
        ws.write_string_with_format(row, 1, &r.full_name, &text)?;
        ws.write_string_with_format(row, 2, &r.card_number, &text)?;
        ws.write_string_with_format(row, 3, &r.cell.name, &text)?;
        ws.write_datetime_with_format(row, 4, excel_day(r.admitted)?, &date)?;
        let age = format!("{} năm {} tháng", r.months / 12, r.months % 12);
        ws.write_string_with_format(row, 5, &age, &text)?;
        ws.write_string_with_format(row, 6, format!("{} năm", r.milestone), &text)?;
        let note = match r.early {
            Some(Early::SeriouslyIll) => "Xét sớm (ốm nặng)",
            Some(Early::Posthumous) => "Truy tặng",
            None => "",
        };
        ws.write_string_with_format(row, 7, note, &text)?;
    }
    if !page.lost.is_empty() {
        let ws = sheet(
            &mut book,
            LOST_SHEET,
            ["DANH SÁCH ĐỀ NGHỊ CẤP LẠI HUY HIỆU ĐẢNG", &about],
            &LOST_HEADERS,
            &LOST_WIDTHS,
        )?;
        for (i, b) in page.lost.iter().enumerate() {
            let row = HEADER_ROW + 1 + i as u32;
            ws.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
            ws.write_string_with_format(row, 1, &b.full_name, &text)?;
            ws.write_string_with_format(row, 2, &b.card_number, &text)?;
            ws.write_string_with_format(row, 3, &b.cell.name, &text)?;
            ws.write_string_with_format(row, 4, format!("{} năm", b.milestone), &text)?;
            ws.write_string_with_format(row, 5, &b.badge_number, &text)?;
            let given = format!(
                "{} ngày {:02}/{:02}/{}",
                b.decision_number,
                b.award_date.day(),
                b.award_date.month(),
                b.award_date.year()
            );
            ws.write_string_with_format(row, 6, &given, &text)?;
            ws.write_datetime_with_format(row, 7, excel_day(b.lost_on)?, &date)?;
            ws.write_string_with_format(row, 8, &b.note, &text)?;
        }
    }
    book.save_to_buffer()
}
