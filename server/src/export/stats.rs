//! The committee's dashboard as XLSX, for the report sent upward:
//! `GET /xuat/thong-ke.xlsx?don-vi=&nam=&sap-xep=` — the same figures the
//! page shows (read and authorized by the same `dashboard`), one sheet per
//! section: organisation and members; the year's commitments, in total, by
//! stage and unit by unit (shares as Excel percentages); members and
//! organisations by grade; commendations and the badges due; the
//! resolution's targets.
//! Labels from the locale tables, in Vietnamese. Written on the export lane.

use super::sheets::{Line, list_sheet};
use super::{Address, HttpError, refusal, send_xlsx, vi};
use crate::blocking::{self, Lane};
use crate::http::{AppState, Caller};
use app::api::ApiError;
use app::api::stats::{DashboardData, server::dashboard};
use app::domain::authz::Actor;
use app::domain::commitment::CommitmentState;
use app::domain::grading::Grade;
use app::domain::stats::{STAGES, YearFigures};
use app::store::DynStore;
use app::ui::commitment_text::{grade_label_in, stage_label_in};
use app::ui::i18n::{Strings, fill};
use axum::extract::{Query, State};
use axum::response::Response;
use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};
use serde::Deserialize;

const HEADER_ROW: u32 = 3;

#[derive(Debug, Deserialize)]
pub struct StatsQuery {
    #[serde(rename = "don-vi")]
    unit: Option<String>,
    nam: Option<String>,
    #[serde(rename = "sap-xep")]
    order: Option<String>,
}

pub async fn workbook(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Query(q)): Address<Query<StatsQuery>>,
) -> Result<Response, HttpError> {
    workbook_file(&state.store, &actor, q, &blocking::EXPORTS).await
}

pub(super) async fn workbook_file(
    store: &DynStore,
    actor: &Actor,
    q: StatsQuery,
    lane: &Lane,
) -> Result<Response, HttpError> {
    let year = match q.nam.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .map_err(|_| HttpError::invalid(|s| s.export_err_year))?,
        ),
    };
    let d = dashboard(store, actor, q.unit, year, q.order)
        .await
        .map_err(|e| match e {
            ApiError::Unauthorized | ApiError::Forbidden | ApiError::NotFound => refusal(actor),
            ApiError::Refused(_) => HttpError::invalid(|s| s.export_err_address),
            e => HttpError::Internal(e.to_string()),
        })?;
    let place = lane.place().await?;
    let name = format!("thong-ke-{}-{}.xlsx", ascii(&d.unit.code), d.year);
    send_xlsx(place, &name, move || book(&d)).await
}

/// A unit code as a file name (codes are ASCII in practice; anything else
/// becomes '-').
fn ascii(code: &str) -> String {
    code.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The workbook of one dashboard.
pub fn book(d: &DashboardData) -> Result<Vec<u8>, XlsxError> {
    let s = vi();
    let mut book = Workbook::new();
    let title = fill(s.tk_sheet_title, &[("year", &d.year.to_string())]);
    let lines = [
        Line::Bold(title.as_str()),
        Line::Italic(d.unit.name.as_str()),
    ];
    organisation(&mut book, s, d, &lines)?;
    commitments(&mut book, s, d, &lines)?;
    grading(&mut book, s, d, &lines)?;
    commendations(&mut book, s, d, &lines)?;
    targets(&mut book, s, d, &lines)?;
    book.save_to_buffer()
}

/// `n` of `whole` as Excel's fraction for a percentage (0 of nothing).
fn share(n: i64, whole: i64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        n as f64 / whole as f64
    }
}

fn cell() -> Format {
    Format::new().set_border(FormatBorder::Thin)
}

fn organisation(
    book: &mut Workbook,
    s: &'static Strings,
    d: &DashboardData,
    lines: &[Line<'_>],
) -> Result<(), XlsxError> {
    let ws = list_sheet(
        book,
        s.tk_sheet_organisation,
        lines,
        HEADER_ROW,
        &[s.tk_figure, s.tk_value],
        &[48.0, 14.0],
        None,
    )?;
    let sum = &d.summary;
    let admitted = fill(s.stat_admitted, &[("year", &d.year.to_string())]);
    let c = &d.cohorts;
    let gender_age = fill(s.tk_gender_age, &[("year", &c.year.to_string())]);
    let rows: [(&str, i64); 18] = [
        (s.stat_grassroots, sum.grassroots_total()),
        (s.kind_grassroots_committee, sum.grassroots_committees),
        (s.kind_grassroots_cell, sum.grassroots_cells),
        (s.stat_cells, sum.cells),
        (s.stat_members, sum.members_total()),
        (s.status_full, sum.full_members),
        (s.status_probationary, sum.probationary_members),
        (s.status_exempt, sum.exempt_members),
        (admitted.as_str(), sum.admitted_in_year),
        (s.tk_probation_due, d.probation_due),
        (gender_age.as_str(), c.total()),
        (s.tk_male, c.male),
        (s.tk_female, c.female),
        (s.tk_age_to_30, c.bands[0]),
        (s.tk_age_31_40, c.bands[1]),
        (s.tk_age_41_50, c.bands[2]),
        (s.tk_age_51_60, c.bands[3]),
        (s.tk_age_over_60, c.bands[4]),
    ];
    for (i, (label, n)) in rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let format = if *label == gender_age {
            cell().set_bold()
        } else {
            cell()
        };
        ws.write_string_with_format(row, 0, *label, &format)?;
        ws.write_number_with_format(row, 1, *n as f64, &cell().set_num_format("#,##0"))?;
    }
    Ok(())
}

/// The columns of a row of figures: members, the states, the two shares.
fn figure_cells(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    f: &YearFigures,
) -> Result<(), XlsxError> {
    let number = cell().set_num_format("#,##0");
    let percent = cell().set_num_format("0.0%");
    let counts = [
        f.members,
        f.not_started(),
        f.state(CommitmentState::Draft),
        f.state(CommitmentState::Submitted),
        f.state(CommitmentState::Returned),
        f.approved(),
    ];
    for (i, n) in counts.iter().enumerate() {
        ws.write_number_with_format(row, 1 + i as u16, *n as f64, &number)?;
    }
    let of = |n: i64| share(n, f.members);
    ws.write_number_with_format(row, 7, of(f.filed()), &percent)?;
    ws.write_number_with_format(row, 8, of(f.approved()), &percent)?;
    Ok(())
}

fn commitments(
    book: &mut Workbook,
    s: &'static Strings,
    d: &DashboardData,
    lines: &[Line<'_>],
) -> Result<(), XlsxError> {
    let headers = [
        s.tk_unit,
        s.tk_members,
        s.tk_not_started,
        s.tk_draft,
        s.tk_waiting,
        s.tk_returned,
        s.tk_approved,
        s.tk_filed_share,
        s.tk_approved_share,
    ];
    let widths = [46.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0];
    let ws = list_sheet(
        book,
        s.tk_sheet_commitments,
        lines,
        HEADER_ROW,
        &headers,
        &widths,
        None,
    )?;
    let bold = cell().set_bold();
    ws.write_string_with_format(HEADER_ROW + 1, 0, &d.unit.name, &bold)?;
    figure_cells(ws, HEADER_ROW + 1, &d.figures)?;
    for (i, r) in d.rows.iter().enumerate() {
        let row = HEADER_ROW + 2 + i as u32;
        ws.write_string_with_format(row, 0, &r.unit.name, &cell().set_text_wrap())?;
        figure_cells(ws, row, &r.figures)?;
    }
    // How far through the year, below the units.
    let mut row = HEADER_ROW + 3 + d.rows.len() as u32;
    ws.write_string_with_format(row, 0, s.tk_stages, &bold)?;
    for stage in STAGES {
        row += 1;
        ws.write_string_with_format(row, 0, stage_label_in(stage, s), &cell())?;
        ws.write_number_with_format(
            row,
            1,
            d.figures.reached(stage) as f64,
            &cell().set_num_format("#,##0"),
        )?;
    }
    Ok(())
}

fn grading(
    book: &mut Workbook,
    s: &'static Strings,
    d: &DashboardData,
    lines: &[Line<'_>],
) -> Result<(), XlsxError> {
    let ws = list_sheet(
        book,
        s.tk_sheet_grading,
        lines,
        HEADER_ROW,
        &[s.tk_grade, s.tk_grade_count, s.tk_grade_share],
        &[40.0, 14.0, 12.0],
        None,
    )?;
    // The table of units below has three more columns.
    for col in 3..=5 {
        ws.set_column_width(col, 14.0)?;
    }
    grade_rows(ws, s, HEADER_ROW + 1, &d.figures.grades)?;
    // The organisations below, after a blank row, under their own header.
    let top = HEADER_ROW + 2 + Grade::ALL.len() as u32;
    let bold = cell().set_bold();
    ws.write_string_with_format(top, 0, s.tk_organisation_grades, &bold)?;
    ws.write_string_with_format(top, 1, s.tk_organisation_count, &bold)?;
    ws.write_string_with_format(top, 2, s.tk_grade_share, &bold)?;
    grade_rows(ws, s, top + 1, &d.organisation_grades)?;
    // Each unit below: its members by grade, and excellent to good.
    let mut row = top + 2 + Grade::ALL.len() as u32;
    ws.write_string_with_format(row, 0, s.tk_unit_grades, &bold)?;
    for (i, g) in Grade::ALL.into_iter().enumerate() {
        ws.write_string_with_format(
            row,
            1 + i as u16,
            grade_label_in(g, s),
            &bold.clone().set_text_wrap(),
        )?;
    }
    ws.write_string_with_format(row, 5, s.tk_quota_share, &bold)?;
    let number = cell().set_num_format("#,##0");
    for r in d.rows.iter().filter(|r| r.figures.graded() > 0) {
        row += 1;
        ws.write_string_with_format(row, 0, &r.unit.name, &cell().set_text_wrap())?;
        for (i, g) in Grade::ALL.into_iter().enumerate() {
            ws.write_number_with_format(row, 1 + i as u16, r.figures.grade(g) as f64, &number)?;
        }
        let (excellent, good) = (
            r.figures.grade(Grade::Excellent),
            r.figures.grade(Grade::Good),
        );
        ws.write_number_with_format(
            row,
            5,
            share(excellent, good),
            &cell().set_num_format("0.0%"),
        )?;
    }
    Ok(())
}

/// One row per grade from `first`: its label, count and share of all graded.
fn grade_rows(
    ws: &mut rust_xlsxwriter::Worksheet,
    s: &'static Strings,
    first: u32,
    counts: &[i64; 4],
) -> Result<(), XlsxError> {
    let graded: i64 = counts.iter().sum();
    for (i, (g, n)) in Grade::ALL.into_iter().zip(counts).enumerate() {
        let row = first + i as u32;
        ws.write_string_with_format(row, 0, grade_label_in(g, s), &cell())?;
        ws.write_number_with_format(row, 1, *n as f64, &cell().set_num_format("#,##0"))?;
        ws.write_number_with_format(row, 2, share(*n, graded), &cell().set_num_format("0.0%"))?;
    }
    Ok(())
}

/// The resolution's targets: set and achieved values in the indicator's
/// unit, the standing, the margin as an Excel percentage.
fn targets(
    book: &mut Workbook,
    s: &'static Strings,
    d: &DashboardData,
    lines: &[Line<'_>],
) -> Result<(), XlsxError> {
    use app::ui::target_text::{measure_in, standing_label_in, target_name_in};
    let ws = list_sheet(
        book,
        s.ct_sheet,
        lines,
        HEADER_ROW,
        &[
            s.ct_col_name,
            s.ct_field_measure,
            s.ct_col_target,
            s.ct_col_actual,
            s.ct_col_standing,
            s.ct_col_margin,
            s.ct_field_note,
            s.ct_field_evidence,
        ],
        &[48.0, 14.0, 12.0, 12.0, 16.0, 14.0, 36.0, 36.0],
        None,
    )?;
    let value = cell().set_num_format("#,##0.0");
    for (i, v) in d.targets.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let spec = &v.target.spec;
        ws.write_string_with_format(row, 0, target_name_in(spec, s), &cell().set_text_wrap())?;
        ws.write_string_with_format(row, 1, measure_in(spec, s), &cell())?;
        ws.write_number_with_format(row, 2, spec.target as f64 / 10.0, &value)?;
        match v.actual {
            Some(a) => ws.write_number_with_format(row, 3, a as f64 / 10.0, &value)?,
            None => ws.write_string_with_format(row, 3, "", &cell())?,
        };
        ws.write_string_with_format(row, 4, standing_label_in(v.standing, s), &cell())?;
        match v.margin {
            Some(m) => ws.write_number_with_format(
                row,
                5,
                m as f64 / 1000.0,
                &cell().set_num_format("+0.0%;-0.0%;0.0%"),
            )?,
            None => ws.write_string_with_format(row, 5, "", &cell())?,
        };
        ws.write_string_with_format(row, 6, &spec.note, &cell().set_text_wrap())?;
        ws.write_string_with_format(row, 7, &spec.evidence, &cell().set_text_wrap())?;
    }
    Ok(())
}

fn commendations(
    book: &mut Workbook,
    s: &'static Strings,
    d: &DashboardData,
    lines: &[Line<'_>],
) -> Result<(), XlsxError> {
    let ws = list_sheet(
        book,
        s.tk_sheet_commendations,
        lines,
        HEADER_ROW,
        &[s.tk_figure, s.tk_collectives, s.tk_individuals],
        &[48.0, 14.0, 14.0],
        None,
    )?;
    let number = cell().set_num_format("#,##0");
    let sum = &d.summary;
    let rows = [
        (s.tk_commended_bloc, sum.commended_by_bloc),
        (s.tk_commended_grassroots, sum.commended_by_grassroots),
    ];
    for (i, (label, (units, members))) in rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        ws.write_string_with_format(row, 0, *label, &cell())?;
        ws.write_number_with_format(row, 1, *units as f64, &number)?;
        ws.write_number_with_format(row, 2, *members as f64, &number)?;
    }
    let row = HEADER_ROW + 1 + rows.len() as u32;
    let models = fill(s.stat_good_models, &[("year", &d.year.to_string())]);
    ws.write_string_with_format(row, 0, &models, &cell())?;
    ws.write_number_with_format(row, 1, sum.good_models as f64, &number)?;
    // Recipients by form.
    let mut row = row + 2;
    ws.write_string_with_format(row, 0, s.tk_by_form, &cell().set_bold())?;
    for (form, units, members) in &d.commended_by_form {
        row += 1;
        ws.write_string_with_format(
            row,
            0,
            app::ui::commendation_text::form_label_in(*form, s),
            &cell(),
        )?;
        ws.write_number_with_format(row, 1, *units as f64, &number)?;
        ws.write_number_with_format(row, 2, *members as f64, &number)?;
    }
    // The Party badges due at the next award date, by milestone.
    let mut row = row + 2;
    let date = d.badges_on.format("%d/%m/%Y").to_string();
    ws.write_string_with_format(
        row,
        0,
        fill(s.tk_badges, &[("date", &date)]),
        &cell().set_bold(),
    )?;
    ws.write_string_with_format(row, 2, s.tk_members, &cell().set_bold())?;
    for (years, n) in &d.badges_due {
        row += 1;
        let label = fill(s.tk_badges_milestone, &[("years", &years.to_string())]);
        ws.write_string_with_format(row, 0, &label, &cell())?;
        ws.write_number_with_format(row, 2, *n as f64, &number)?;
    }
    row += 1;
    let total: i64 = d.badges_due.iter().map(|(_, n)| n).sum();
    ws.write_string_with_format(row, 0, s.tk_badges_total, &cell().set_bold())?;
    ws.write_number_with_format(row, 2, total as f64, &number)?;
    Ok(())
}
