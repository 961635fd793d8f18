//! A special body's people as XLSX: `GET /xuat/ban-chi-dao/{id}.xlsx` —
//! everyone the body page lists (in it today, then those who left), with
//! their party card (or "outside the app"), role, workplace and dates.
//! Read and authorized as the page is; written on the export lane.

use super::sheets::{Line, excel_day, list_sheet};
use super::{Address, HttpError, no_unit, refusal, send_xlsx, vi};
use crate::blocking::{self, Lane};
use crate::http::{AppState, Caller};
use app::domain::authz::{Action, Actor, Target, can};
use app::domain::body::{BodyPerson, BodyRow};
use app::store::DynStore;
use app::ui::body_text::{kind_label_in, role_label_in};
use app::ui::i18n::fill;
use axum::extract::{Path, State};
use axum::response::Response;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

const HEADER_ROW: u32 = 3;

pub async fn body_list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Path(file)): Address<Path<String>>,
) -> Result<Response, HttpError> {
    body_file(&state.store, &actor, &file, &blocking::EXPORTS).await
}

pub(super) async fn body_file(
    store: &DynStore,
    actor: &Actor,
    file: &str,
    lane: &Lane,
) -> Result<Response, HttpError> {
    if matches!(actor, Actor::Anonymous) {
        return Err(HttpError::Unauthorized);
    }
    let id = file
        .strip_suffix(".xlsx")
        .and_then(|id| id.parse::<i64>().ok())
        .ok_or(no_unit())?;
    let head = store.body(id).await?.ok_or(no_unit())?;
    let target = Target::Unit {
        kind: head.unit_kind,
        path: &head.unit_path,
    };
    if !can(actor, Action::ViewStatistics, target) {
        // Whose bodies these are is not to be learnt by trying numbers.
        return Err(match refusal(actor) {
            HttpError::Forbidden(_) => no_unit(),
            other => other,
        });
    }
    let people = store.body_people(id).await?;
    let place = lane.place().await?;
    let row = head.row;
    let name = format!("ban-chi-dao-{id}.xlsx");
    send_xlsx(place, &name, move || body_xlsx(&row, &people)).await
}

/// The workbook of one body's people.
pub fn body_xlsx(row: &BodyRow, people: &[BodyPerson]) -> Result<Vec<u8>, XlsxError> {
    let s = vi();
    let cell = || {
        Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
    };
    let text = cell().set_text_wrap();
    let date = cell().set_num_format("dd/mm/yyyy");
    let mut book = Workbook::new();
    let title = fill(s.bd_sheet_title, &[("body", &row.name)]);
    let note = format!("{} · {}", kind_label_in(row.kind, s), row.unit.name);
    let ws = list_sheet(
        &mut book,
        kind_label_in(row.kind, s),
        &[Line::Bold(&title), Line::Italic(&note)],
        HEADER_ROW,
        &[
            s.bd_col_no,
            s.bd_field_full_name,
            s.bd_field_card,
            s.bd_field_role,
            s.bd_field_workplace,
            s.bd_field_from,
            s.bd_col_to,
        ],
        &[6.0, 28.0, 14.0, 16.0, 40.0, 12.0, 12.0],
        None,
    )?;
    for (i, p) in people.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &cell())?;
        ws.write_string_with_format(r, 1, &p.full_name, &text)?;
        let card = p.card_number.as_deref().unwrap_or(s.bd_outside);
        ws.write_string_with_format(r, 2, card, &cell())?;
        ws.write_string_with_format(r, 3, role_label_in(p.role, s), &cell())?;
        ws.write_string_with_format(r, 4, &p.workplace, &text)?;
        ws.write_datetime_with_format(r, 5, excel_day(p.from)?, &date)?;
        match p.to {
            Some(to) => ws.write_datetime_with_format(r, 6, excel_day(to)?, &date)?,
            None => ws.write_string_with_format(r, 6, "", &cell())?,
        };
    }
    book.save_to_buffer()
}
