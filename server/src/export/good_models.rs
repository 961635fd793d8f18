//! The good-model registry as XLSX: `GET /xuat/mo-hinh-hay.xlsx?nam=&q=&linh-vuc=&don-vi=&cong-nhan=`
//! — the models the registry page lists with the same filter and order,
//! one row each with unit, year, title, area, who runs it, since when,
//! results and recognition. A4 landscape, the header row repeated.
//!
//! Counted first (a registry too long for one file is refused, not cut),
//! then read and written in a place on the export lane.

use super::sheets::{Cells, Line, excel_day, list_sheet};
use super::{Address, HttpError, refusal, send_xlsx, vi};
use crate::blocking::{self, Lane};
use crate::http::{AppState, Caller};
use app::api::ApiError;
use app::api::good_models::GoodModelQuery;
use app::api::good_models::server::filter;
use app::domain::authz::Actor;
use app::domain::good_model::GoodModelRow;
use app::store::DynStore;
use app::ui::commendation_text::model_field_label_in;
use axum::extract::{Query, State};
use axum::response::Response;
use rust_xlsxwriter::{FormatAlign, Workbook, XlsxError};
use serde::Deserialize;

/// Models one export lists at most.
pub const MAX_MODELS: i64 = 20_000;

pub const SHEET: &str = "Mô hình";
pub const TITLE: &str = "DANH SÁCH MÔ HÌNH HAY, CÁCH LÀM HIỆU QUẢ";
pub const HEADER_ROW: u32 = 3;
pub const HEADERS: [&str; 10] = [
    "STT",
    "Đơn vị",
    "Năm",
    "Tên mô hình",
    "Lĩnh vực",
    "Người, bộ phận thực hiện",
    "Thực hiện từ ngày",
    "Kết quả",
    "Cấp công nhận",
    "Ngày công nhận",
];
const WIDTHS: [f64; 10] = [6.0, 36.0, 7.0, 44.0, 24.0, 24.0, 12.0, 50.0, 30.0, 12.0];

#[derive(Debug, Default, Deserialize)]
pub struct ModelsQuery {
    pub nam: Option<String>,
    pub q: Option<String>,
    #[serde(rename = "linh-vuc")]
    pub field: Option<String>,
    #[serde(rename = "don-vi")]
    pub unit: Option<String>,
    #[serde(rename = "cong-nhan")]
    pub recognised: Option<String>,
}

pub async fn registry(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Query(q)): Address<Query<ModelsQuery>>,
) -> Result<Response, HttpError> {
    registry_file(&state.store, &actor, q, &blocking::EXPORTS).await
}

pub(super) async fn registry_file(
    store: &DynStore,
    actor: &Actor,
    q: ModelsQuery,
    lane: &Lane,
) -> Result<Response, HttpError> {
    let year = match q.nam.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .map_err(|_| HttpError::invalid(|s| s.export_err_year))?,
        ),
    };
    let query = GoodModelQuery {
        year,
        q: q.q,
        field: q.field,
        unit: q.unit,
        recognised: q.recognised,
        page: None,
    };
    let (mut f, unit) = filter(store, actor, &query).await.map_err(|e| match e {
        ApiError::Unauthorized | ApiError::Forbidden | ApiError::NotFound => refusal(actor),
        _ => HttpError::invalid(|s| s.export_err_filter),
    })?;
    if store.count_good_models(&f).await? > MAX_MODELS {
        return Err(HttpError::invalid(|s| s.export_err_too_many_models));
    }
    let place = lane.place().await?;
    f.limit = MAX_MODELS;
    let rows = store.good_models(&f).await?;
    let mut note = vec![match year {
        Some(y) => format!("Năm {y}"),
        None => "Tất cả các năm".to_string(),
    }];
    if let Some(u) = unit {
        note.push(u.name);
    }
    if let Some(s) = query.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        note.push(format!("tìm: {s}"));
    }
    let note = note.join("; ");
    let name = match year {
        Some(y) => format!("mo-hinh-hay-{y}.xlsx"),
        None => "mo-hinh-hay.xlsx".to_string(),
    };
    send_xlsx(place, &name, move || registry_xlsx(&rows, &note)).await
}

/// The workbook of `rows` under the title and `note`.
pub fn registry_xlsx(rows: &[GoodModelRow], note: &str) -> Result<Vec<u8>, XlsxError> {
    let s = vi();
    let Cells { text, number, date } = Cells::aligned(FormatAlign::Top);

    let mut book = Workbook::new();
    let ws = list_sheet(
        &mut book,
        SHEET,
        &[Line::Bold(TITLE), Line::Italic(note)],
        HEADER_ROW,
        &HEADERS,
        &WIDTHS,
        Some(FormatAlign::Top),
    )?;
    for (i, m) in rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
        ws.write_string_with_format(row, 1, &m.unit.name, &text)?;
        ws.write_number_with_format(row, 2, m.year as f64, &number)?;
        ws.write_string_with_format(row, 3, &m.title, &text)?;
        ws.write_string_with_format(row, 4, model_field_label_in(m.field, s), &text)?;
        ws.write_string_with_format(row, 5, &m.run_by, &text)?;
        match m.since {
            Some(d) => ws.write_datetime_with_format(row, 6, excel_day(d)?, &date)?,
            None => ws.write_blank(row, 6, &text)?,
        };
        ws.write_string_with_format(row, 7, &m.results, &text)?;
        let by = m.recognised_by.as_ref().map_or("", |u| u.name.as_str());
        ws.write_string_with_format(row, 8, by, &text)?;
        match m.recognised_on {
            Some(d) => ws.write_datetime_with_format(row, 9, excel_day(d)?, &date)?,
            None => ws.write_blank(row, 9, &text)?,
        };
    }
    book.save_to_buffer()
}
