//! The downloadable templates: an XLSX workbook with both sheets, an example
//! row each and a sheet of notes; and a CSV file per sheet. Headers are the
//! Vietnamese ones the import reads (a `*` marks the required columns and
//! is ignored when reading).

use app::domain::import::{Field, Sheet, names_of, parse_date, template_rows};
use app::domain::import::{MAX_ROWS, RawCell};
use app::labels::VI;
use rust_xlsxwriter::{
    Color, DataValidation, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError,
};

const NOTES_TITLE: &str = "Hướng dẫn";

/// The header as the templates write it.
pub fn header(f: Field) -> String {
    if f.required() {
        format!("{} *", f.header_vi())
    } else {
        f.header_vi().to_string()
    }
}

fn is_date(f: Field) -> bool {
    matches!(
        f,
        Field::Founded | Field::BirthDate | Field::AdmissionDate | Field::FullMembershipDate
    )
}

/// "a, b hoặc c."
fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("{one}."),
        [rest @ .., last] => format!("{} hoặc {last}.", rest.join(", ")),
    }
}

/// What each column takes, for the notes sheet.
fn note(f: Field) -> String {
    match names_of(f, &VI) {
        Some(names) if f == Field::Status => format!(
            "{} Đảng viên dự bị: vào Đảng chưa quá 12 tháng.",
            one_of(&names)
        ),
        Some(names) => one_of(&names),
        None => fixed_note(f).to_string(),
    }
}

/// The notes of the columns whose values are not a list of names.
fn fixed_note(f: Field) -> &'static str {
    match f {
        // Listed from the names the app shows (`note`).
        Field::UnitKind | Field::Gender | Field::Status => "",
        Field::UnitCode => {
            "Mã riêng của đơn vị mới: chữ không dấu, số, dấu - _ . (tối đa 32 ký tự). Không trùng mã đã có."
        }
        Field::UnitName => "Tên đầy đủ, ví dụ «Chi bộ Phòng Tổ chức».",
        Field::ParentCode => {
            "Mã của đơn vị cấp trên: đơn vị đã có trong hệ thống, hoặc một dòng khác của trang «Đơn vị»."
        }
        Field::Founded => "dd/mm/yyyy. Để trống: ngày nhập.",
        Field::CardNumber => "8 chữ số, không trùng với đảng viên đã có.",
        Field::RecordNumber => "Số lý lịch đảng viên (nếu có).",
        Field::FullName => "Họ, tên đệm và tên, có dấu.",
        Field::BirthDate => "dd/mm/yyyy.",
        Field::AdmissionDate => "dd/mm/yyyy; từ đủ 18 tuổi.",
        Field::FullMembershipDate => {
            "dd/mm/yyyy; ít nhất 12 tháng sau ngày vào Đảng. Bắt buộc với đảng viên chính thức, để trống với đảng viên dự bị."
        }
        Field::CellCode => {
            "Mã chi bộ cơ sở hoặc chi bộ trực thuộc nơi đảng viên sinh hoạt (đã có, hoặc ở trang «Đơn vị»)."
        }
        Field::JobTitle => "Chức vụ, chức danh công tác.",
        Field::Workplace => "Cơ quan, đơn vị công tác.",
        Field::Phone => "8 đến 15 chữ số.",
        Field::Email => "Địa chỉ thư điện tử.",
    }
}

const NOTES: &[&str] = &[
    "Tệp có hai trang: «Đơn vị» (các tổ chức đảng mới) và «Đảng viên». Có thể chỉ điền một trang.",
    "Giữ nguyên dòng tiêu đề (dòng 1). Cột có dấu * là bắt buộc. Xóa dòng ví dụ (dòng 2) trước khi nhập.",
    "Ngày ghi theo dạng dd/mm/yyyy, ví dụ 03/02/2015.",
    "Hệ thống kiểm tra cả tệp trước khi ghi: báo lỗi theo từng dòng, từng cột. Không có gì được ghi nếu tệp còn lỗi, trừ khi người nhập chọn «Chỉ nhập các dòng hợp lệ».",
    "Chỉ thêm mới: đơn vị có mã đã tồn tại và đảng viên có số thẻ đã tồn tại được báo lỗi, không bị ghi đè.",
];

/// The workbook, as bytes.
pub fn xlsx() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xB71C1C))
        .set_font_color(Color::White)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let example = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x5F6B76));
    let example_text = example.clone().set_num_format("@");
    let example_date = example.clone().set_num_format("dd/mm/yyyy");

    for sheet in [Sheet::Units, Sheet::Members] {
        let ws = book.add_worksheet();
        ws.set_name(sheet.title_vi())?;
        let (_, values) = template_rows(sheet);
        for (col, (f, value)) in sheet.fields().iter().zip(values).enumerate() {
            let col = col as u16;
            ws.set_column_width(col, if is_date(*f) { 14 } else { 22 })?;
            ws.write_string_with_format(0, col, header(*f), &head)?;
            if is_date(*f) {
                ws.set_column_format(col, &date)?;
                let d = parse_date(&RawCell::Text(value.into()))
                    .ok_or_else(|| XlsxError::ParameterError(format!("example date {value}")))?;
                use chrono::Datelike;
                let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                ws.write_datetime_with_format(1, col, dt, &example_date)?;
            } else {
                // Codes, card and phone numbers keep their leading zeros.
                ws.set_column_format(col, &text)?;
                ws.write_string_with_format(1, col, value, &example_text)?;
            }
            if let Some(choices) = names_of(*f, &VI) {
                let rule = DataValidation::new().allow_list_strings(&choices)?;
                ws.add_data_validation(1, col, MAX_ROWS as u32, col, &rule)?;
            }
        }
        ws.set_row_height(0, 32)?;
        ws.set_freeze_panes(1, 0)?;
    }

    let ws = book.add_worksheet();
    ws.set_name(NOTES_TITLE)?;
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF0F2F4));
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_column_width(0, 26)?;
    ws.set_column_width(1, 12)?;
    ws.set_column_width(2, 10)?;
    ws.set_column_width(3, 90)?;
    ws.write_string_with_format(0, 0, "Hướng dẫn nhập dữ liệu đơn vị và đảng viên", &title)?;
    let mut row = 2u32;
    for line in NOTES {
        ws.write_string_with_format(row, 0, format!("• {line}"), &Format::new())?;
        row += 1;
    }
    row += 1;
    for (col, h) in ["Cột", "Trang", "Bắt buộc", "Cách ghi"].iter().enumerate() {
        ws.write_string_with_format(row, col as u16, *h, &bold)?;
    }
    row += 1;
    for sheet in [Sheet::Units, Sheet::Members] {
        for f in sheet.fields() {
            ws.write_string_with_format(row, 0, f.header_vi(), &wrap)?;
            ws.write_string_with_format(row, 1, sheet.title_vi(), &wrap)?;
            ws.write_string_with_format(row, 2, if f.required() { "Có" } else { "" }, &wrap)?;
            ws.write_string_with_format(row, 3, note(*f), &wrap)?;
            row += 1;
        }
    }
    book.worksheet_from_index(0)?.set_active(true);
    book.save_to_buffer()
}

/// One sheet as CSV, UTF-8 with a byte-order mark (so that Excel reads the
/// Vietnamese letters), comma-separated, with the example row.
pub fn csv(sheet: Sheet) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let (_, example) = template_rows(sheet);
        let headers: Vec<String> = sheet.fields().iter().map(|f| header(*f)).collect();
        // Writing to memory cannot fail.
        let _ = w.write_record(&headers);
        let _ = w.write_record(&example);
        let _ = w.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_templates_read_back() {
        for sheet in [Sheet::Units, Sheet::Members] {
            let bytes = csv(sheet);
            let raw = super::super::parse::read_csv(&bytes).unwrap();
            assert_eq!(app::domain::import::sheet_kind(&raw.headers), Some(sheet));
            assert_eq!(raw.rows.len(), 1);
        }
    }
}
