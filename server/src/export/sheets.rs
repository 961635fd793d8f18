//! The frame of a list sent as XLSX (the decision register, the good
//! models' registry, the lists sent to the province): centred lines above
//! the headers, the headers frozen and repeated on every printed page, A4
//! landscape fitted to the width, page numbers in the footer.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// The formats of a list's cells: bordered and aligned `valign`; text
/// wrapped, whole numbers, dates as dd/mm/yyyy.
pub struct Cells {
    pub text: Format,
    pub number: Format,
    pub date: Format,
}

impl Cells {
    pub fn aligned(valign: FormatAlign) -> Self {
        let cell = || {
            Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(valign)
        };
        Cells {
            text: cell().set_text_wrap(),
            number: cell().set_num_format("0"),
            date: cell().set_num_format("dd/mm/yyyy"),
        }
    }
}

/// A line above the headers: bold (a title) or italic (a note).
pub enum Line<'a> {
    Bold(&'a str),
    Italic(&'a str),
}

/// A sheet named `name` with `lines` from the first row and `headers` (of
/// `widths`) in `header_row`; header cells aligned `valign` when given.
pub fn list_sheet<'a>(
    book: &'a mut Workbook,
    name: &str,
    lines: &[Line<'_>],
    header_row: u32,
    headers: &[&str],
    widths: &[f64],
    valign: Option<FormatAlign>,
) -> Result<&'a mut Worksheet, XlsxError> {
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let italic = Format::new().set_italic().set_align(FormatAlign::Center);
    let mut header = Format::new().set_border(FormatBorder::Thin);
    if let Some(v) = valign {
        header = header.set_align(v);
    }
    let header = header
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color("#D9E1F2");
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    let last = headers.len().saturating_sub(1) as u16;
    for (row, line) in lines.iter().enumerate() {
        let (text, format) = match line {
            Line::Bold(t) => (*t, &title),
            Line::Italic(t) => (*t, &italic),
        };
        ws.merge_range(row as u32, 0, row as u32, last, text, format)?;
    }
    for (col, (h, w)) in headers.iter().zip(widths).enumerate() {
        ws.write_string_with_format(header_row, col as u16, *h, &header)?;
        ws.set_column_width(col as u16, *w)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.set_repeat_rows(0, header_row)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&CTrang &P/&N");
    Ok(ws)
}

/// A date as Excel's.
pub fn excel_day(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}
