//! The register of commendation decisions as XLSX:
//! `GET /xuat/quyet-dinh-khen-thuong.xlsx?nam=YEAR&q=TEXT` — the decisions
//! the caller may read, as the register page lists them (same filter, same
//! order), one row each with number, date, issuing level, signer, form,
//! occasion, content and how many were commended. Laid out for print: A4
//! landscape, one page wide, the header row repeated and frozen.
//!
//! The rows are read with a cap (one more than a sheet takes, so that a
//! register too long is refused, not cut), then the workbook is written in
//! a place on the export lane.

use super::sheets::{Cells, Line, excel_day, list_sheet};
use super::{Address, HttpError, refusal, send_xlsx, vi};
use crate::blocking::{self, Lane};
use crate::http::{AppState, Caller};
use app::api::ApiError;
use app::api::commendations::server::register_filter;
use app::domain::authz::Actor;
use app::domain::commendation_records::DecisionRow;
use app::store::DynStore;
use app::ui::commendation_text::{form_label_in, occasion_label_in, position_label_in};
use axum::extract::{Query, State};
use axum::response::Response;
use rust_xlsxwriter::{FormatAlign, Workbook, XlsxError};
use serde::Deserialize;

/// Decisions one export lists at most.
pub const MAX_DECISIONS: i64 = 20_000;

pub const SHEET: &str = "Quyết định";
pub const TITLE: &str = "SỔ QUYẾT ĐỊNH KHEN THƯỞNG";
pub const HEADER_ROW: u32 = 3;
pub const HEADERS: [&str; 10] = [
    "STT",
    "Số quyết định",
    "Ngày",
    "Cấp khen",
    "Người ký",
    "Chức vụ",
    "Hình thức",
    "Loại khen thưởng",
    "Nội dung",
    "Số tập thể, cá nhân",
];
const WIDTHS: [f64; 10] = [6.0, 16.0, 12.0, 40.0, 24.0, 14.0, 14.0, 26.0, 60.0, 12.0];

#[derive(Debug, Default, Deserialize)]
pub struct RegisterQuery {
    pub nam: Option<String>,
    pub q: Option<String>,
}

pub async fn register(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Query(q)): Address<Query<RegisterQuery>>,
) -> Result<Response, HttpError> {
    register_file(&state.store, &actor, &q, &blocking::EXPORTS).await
}

fn api_refusal(actor: &Actor, e: ApiError) -> HttpError {
    match e {
        ApiError::Unauthorized | ApiError::Forbidden => refusal(actor),
        _ => HttpError::invalid(|s| s.export_err_search),
    }
}

/// The register, written on `lane`.
pub(super) async fn register_file(
    store: &DynStore,
    actor: &Actor,
    q: &RegisterQuery,
    lane: &Lane,
) -> Result<Response, HttpError> {
    let year = match q.nam.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
                .ok_or_else(|| HttpError::invalid(|s| s.export_err_year))?,
        ),
    };
    let filter = register_filter(actor, year, q.q.clone(), MAX_DECISIONS + 1, 0)
        .map_err(|e| api_refusal(actor, e))?;
    let place = lane.place().await?;
    let rows = store.decisions(&filter).await?;
    if rows.len() as i64 > MAX_DECISIONS {
        return Err(HttpError::invalid(|s| s.export_err_too_many_decisions));
    }
    let note = match (year, filter.search.is_some()) {
        (Some(y), false) => format!("Năm {y}"),
        (Some(y), true) => format!("Năm {y}; tìm: {}", q.q.as_deref().unwrap_or("").trim()),
        (None, true) => format!("Tìm: {}", q.q.as_deref().unwrap_or("").trim()),
        (None, false) => "Tất cả các năm".to_string(),
    };
    let name = match year {
        Some(y) => format!("so-quyet-dinh-khen-thuong-{y}.xlsx"),
        None => "so-quyet-dinh-khen-thuong.xlsx".to_string(),
    };
    send_xlsx(place, &name, move || register_xlsx(&rows, &note)).await
}

/// The workbook of `rows` under the title and `note`.
pub fn register_xlsx(rows: &[DecisionRow], note: &str) -> Result<Vec<u8>, XlsxError> {
    let s = vi();
    let Cells { text, number, date } = Cells::aligned(FormatAlign::VerticalCenter);

    let mut book = Workbook::new();
    let ws = list_sheet(
        &mut book,
        SHEET,
        &[Line::Bold(TITLE), Line::Italic(note)],
        HEADER_ROW,
        &HEADERS,
        &WIDTHS,
        Some(FormatAlign::VerticalCenter),
    )?;
    for (i, d) in rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let issuer = d.issuer.as_ref().map_or(s.kt_province, |u| u.name.as_str());
        ws.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
        ws.write_string_with_format(row, 1, &d.number, &text)?;
        let day = excel_day(d.decided_on)?;
        ws.write_datetime_with_format(row, 2, &day, &date)?;
        ws.write_string_with_format(row, 3, issuer, &text)?;
        ws.write_string_with_format(row, 4, &d.signer_name, &text)?;
        ws.write_string_with_format(row, 5, position_label_in(d.signer_position, s), &text)?;
        ws.write_string_with_format(row, 6, form_label_in(d.form, s), &text)?;
        ws.write_string_with_format(row, 7, occasion_label_in(d.occasion, s), &text)?;
        ws.write_string_with_format(row, 8, &d.title, &text)?;
        ws.write_number_with_format(row, 9, d.recipients as f64, &number)?;
    }
    book.save_to_buffer()
}
