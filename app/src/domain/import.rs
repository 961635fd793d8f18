//! Import of units and members from a spreadsheet: the row model, header
//! recognition and every check, as pure functions (the server reads the
//! file and asks the store what already exists; this module decides).
//!
//! Two kinds of rows, one sheet each (an XLSX file may hold both, a CSV file
//! holds one): units (`Sheet::Units`) and members (`Sheet::Members`). Errors
//! are codes with the row and column they concern, so that the page can say
//! them in the user's language and the CLI in English.
//!
//! Nothing is written unless the whole file is valid, or the user asks for
//! the valid rows only: a row whose parent or cell is an invalid row of the
//! same file is invalid too (it is reported, with `ParentRowInvalid` or
//! `CellRowInvalid`), so that the valid rows always form a consistent whole.

use super::text::{clean, fold};
use super::{Gender, MemberStatus, UnitKind};
use crate::labels::{self, Strings};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The largest upload the server accepts.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Rows per sheet; more is refused as a whole (split the file).
pub const MAX_ROWS: usize = 100_000;
/// Longest unit code.
pub const MAX_CODE_CHARS: usize = 32;
/// Longest name or other free text.
pub const MAX_TEXT_CHARS: usize = 200;

/// Which table a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sheet {
    Units,
    Members,
}

impl Sheet {
    /// The sheet's name in the template.
    pub fn title_vi(self) -> &'static str {
        match self {
            Sheet::Units => "Đơn vị",
            Sheet::Members => "Đảng viên",
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Sheet::Units => &Field::UNITS,
            Sheet::Members => &Field::MEMBERS,
        }
    }
}

/// A column of one of the sheets.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Field {
    UnitCode,
    UnitName,
    UnitKind,
    ParentCode,
    Founded,
    CardNumber,
    RecordNumber,
    FullName,
    Gender,
    BirthDate,
    AdmissionDate,
    FullMembershipDate,
    Status,
    CellCode,
    JobTitle,
    Workplace,
    Phone,
    Email,
}
text_forms!(Field);

impl Field {
    pub const UNITS: [Field; 5] = [
        Field::UnitCode,
        Field::UnitName,
        Field::UnitKind,
        Field::ParentCode,
        Field::Founded,
    ];
    pub const MEMBERS: [Field; 13] = [
        Field::CardNumber,
        Field::RecordNumber,
        Field::FullName,
        Field::Gender,
        Field::BirthDate,
        Field::AdmissionDate,
        Field::FullMembershipDate,
        Field::Status,
        Field::CellCode,
        Field::JobTitle,
        Field::Workplace,
        Field::Phone,
        Field::Email,
    ];

    /// The header of the template (Vietnamese).
    pub fn header_vi(self) -> &'static str {
        match self {
            Field::UnitCode => "Mã đơn vị",
            Field::UnitName => "Tên đơn vị",
            Field::UnitKind => "Loại",
            Field::ParentCode => "Mã đơn vị cấp trên",
            Field::Founded => "Ngày thành lập",
            Field::CardNumber => "Số thẻ đảng viên",
            Field::RecordNumber => "Số lý lịch",
            Field::FullName => "Họ và tên",
            Field::Gender => "Giới tính",
            Field::BirthDate => "Ngày sinh",
            Field::AdmissionDate => "Ngày vào Đảng",
            Field::FullMembershipDate => "Ngày chính thức",
            Field::Status => "Trạng thái",
            Field::CellCode => "Mã chi bộ",
            Field::JobTitle => "Chức vụ",
            Field::Workplace => "Nơi làm việc",
            Field::Phone => "Điện thoại",
            Field::Email => "Email",
        }
    }

    /// The English header, also accepted.
    pub fn header_en(self) -> &'static str {
        match self {
            Field::UnitCode => "Unit code",
            Field::UnitName => "Unit name",
            Field::UnitKind => "Kind",
            Field::ParentCode => "Parent unit code",
            Field::Founded => "Founded",
            Field::CardNumber => "Card number",
            Field::RecordNumber => "Record number",
            Field::FullName => "Full name",
            Field::Gender => "Gender",
            Field::BirthDate => "Date of birth",
            Field::AdmissionDate => "Admission date",
            Field::FullMembershipDate => "Full membership date",
            Field::Status => "Status",
            Field::CellCode => "Cell code",
            Field::JobTitle => "Job title",
            Field::Workplace => "Workplace",
            Field::Phone => "Phone",
            Field::Email => "Email",
        }
    }

    /// Other spellings seen in real spreadsheets (already folded).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::UnitCode => &["ma", "code", "ma don vi", "ma to chuc"],
            Field::UnitName => &["ten", "name", "ten to chuc", "ten chi bo", "ten dang bo"],
            Field::UnitKind => &["loai don vi", "loai to chuc", "unit kind", "type"],
            Field::ParentCode => &["ma cap tren", "ma don vi cha", "parent code", "parent"],
            Field::Founded => &["ngay thanh lap", "thanh lap", "founded on", "valid from"],
            Field::CardNumber => &[
                "so the",
                "so the dang",
                "the dang vien",
                "party card number",
            ],
            Field::RecordNumber => &["so ly lich dang vien", "ly lich", "record no"],
            Field::FullName => &["ho ten", "ho va ten dang vien", "name"],
            Field::Gender => &["gioi", "sex"],
            Field::BirthDate => &["ngay thang nam sinh", "birth date", "born"],
            Field::AdmissionDate => &["ngay ket nap", "ngay vao dang", "admitted"],
            Field::FullMembershipDate => &[
                "ngay chinh thuc",
                "ngay cong nhan chinh thuc",
                "ngay dang vien chinh thuc",
                "full member since",
            ],
            Field::Status => &["tinh trang", "state"],
            Field::CellCode => &["chi bo", "ma chi bo sinh hoat", "cell"],
            Field::JobTitle => &["chuc danh", "chuc vu chinh quyen", "job", "position"],
            Field::Workplace => &["co quan", "don vi cong tac", "noi cong tac", "work place"],
            Field::Phone => &["so dien thoai", "dien thoai di dong", "telephone", "mobile"],
            Field::Email => &["e-mail", "thu dien tu", "mail"],
        }
    }

    pub fn required(self) -> bool {
        matches!(
            self,
            Field::UnitCode
                | Field::UnitName
                | Field::UnitKind
                | Field::ParentCode
                | Field::CardNumber
                | Field::FullName
                | Field::Gender
                | Field::BirthDate
                | Field::AdmissionDate
                | Field::Status
                | Field::CellCode
        )
    }

    /// The field a header names in `sheet`, ignoring case, diacritics, a
    /// required-marker `*` and a note in brackets ("Ngày sinh (dd/mm/yyyy)").
    pub fn from_header(sheet: Sheet, header: &str) -> Option<Field> {
        let key = header_key(header);
        if key.is_empty() {
            return None;
        }
        sheet.fields().iter().copied().find(|f| {
            header_key(f.header_vi()) == key
                || header_key(f.header_en()) == key
                || f.as_str().replace('_', " ") == key
                || f.aliases().contains(&key.as_str())
        })
    }
}

/// A header reduced to what identifies it.
fn header_key(header: &str) -> String {
    let mut s = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '*' | ':' => {}
            '_' if depth == 0 => s.push(' '),
            _ if depth == 0 => s.push(c),
            _ => {}
        }
    }
    fold(&s)
}

/// What went wrong with a value, a row or the file.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The file holds no sheet with recognisable headers.
    NoData,
    /// More than [`MAX_ROWS`] rows in a sheet.
    TooManyRows,
    /// A required column is missing from the header row.
    MissingColumn,
    /// Two columns of the header row mean the same field.
    DuplicateColumn,
    /// A required value is empty.
    Required,
    BadDate,
    /// A date after today.
    FutureDate,
    /// Not 8 digits.
    BadCardNumber,
    /// Letters, digits, '-', '_' and '.' only, at most 32.
    BadCode,
    BadKind,
    BadGender,
    BadStatus,
    BadEmail,
    BadPhone,
    TooLong,
    /// The same unit code or card number earlier in the file.
    DuplicateInFile,
    /// The unit code or card number exists already.
    ExistsInDatabase,
    /// The parent code is neither in the file nor an existing current unit.
    UnknownParent,
    /// The parent's kind cannot hold this kind of unit.
    ParentNotAllowed,
    /// The parent is a row of the file that is invalid itself.
    ParentRowInvalid,
    /// Units whose parents form a loop.
    ParentCycle,
    UnknownCell,
    /// The cell code names a unit that holds no members directly.
    NotACell,
    CellRowInvalid,
    /// The actor may not change the structure there.
    OutOfScope,
    /// Admitted before 18 years of age (or born after admission).
    TooYoung,
    /// The full-membership date is earlier than 12 months after admission.
    FullTooEarly,
    /// A probationary member with a full-membership date.
    ProbationaryWithFullDate,
    /// Probationary for more than 12 months.
    ProbationExpired,
    /// A full member without a full-membership date.
    FullDateMissing,
}
text_forms!(ErrorCode);

/// One problem: where (sheet, spreadsheet row, column) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    pub sheet: Sheet,
    /// The row as a spreadsheet shows it (the header is row 1); 0 for the
    /// file as a whole.
    pub row: u32,
    pub column: Option<Field>,
    pub code: ErrorCode,
    /// The offending value as it stood in the file.
    pub value: String,
}

/// A cell as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    Empty,
    Text(String),
    /// A number cell of a spreadsheet (a date column may hold serial dates).
    Number(f64),
    /// A date cell of a spreadsheet.
    Date(NaiveDate),
}

impl RawCell {
    /// As the user typed it, for error reports and text fields.
    pub fn display(&self) -> String {
        match self {
            RawCell::Empty => String::new(),
            RawCell::Text(s) => clean(s),
            RawCell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            RawCell::Number(n) => n.to_string(),
            RawCell::Date(d) => format_date(*d),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One table of the file: its header row and its data rows with their
/// spreadsheet row numbers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawSheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<(u32, Vec<RawCell>)>,
}

/// dd/mm/yyyy, as dates are shown in Vietnamese.
pub fn format_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// dd/mm/yyyy (also d/m/yyyy, with '-' or '.'), yyyy-mm-dd, or an Excel
/// serial number.
pub fn parse_date(cell: &RawCell) -> Option<NaiveDate> {
    match cell {
        RawCell::Date(d) => Some(*d),
        RawCell::Number(n) => excel_serial_date(*n),
        RawCell::Text(s) => parse_date_text(s.trim()),
        RawCell::Empty => None,
    }
}

fn parse_date_text(s: &str) -> Option<NaiveDate> {
    // A date-time from a spreadsheet export: keep the date.
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str, max_len: usize| -> Option<u32> {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    if a.len() == 4 {
        let (y, m, d) = (num(a, 4)?, num(b, 2)?, num(c, 2)?);
        NaiveDate::from_ymd_opt(y as i32, m, d)
    } else if c.len() == 4 {
        let (d, m, y) = (num(a, 2)?, num(b, 2)?, num(c, 4)?);
        NaiveDate::from_ymd_opt(y as i32, m, d)
    } else {
        None
    }
}

/// Excel's 1900 date system: 1 is 1900-01-01 and 60 the 29 February 1900
/// that never was (kept by Excel for Lotus compatibility).
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = match days {
        60 => return None,
        1..=59 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    base.checked_add_signed(chrono::Duration::days(days))
}

/// The serial number Excel gives `d` (for templates and tests).
pub fn excel_serial(d: NaiveDate) -> f64 {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid base");
    let days = (d - base).num_days();
    // Before 1 March 1900 Excel counts the phantom 29 February.
    (if days < 61 { days - 1 } else { days }) as f64
}

/// A cell's words folded for matching: no marks, lower case, `_` and `-`
/// as spaces, white space collapsed.
fn key(s: &str) -> String {
    fold(s)
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value whose name (as the app shows it, in either language), code or
/// one of its other usual names `s` is.
fn by_name<T: Copy + Into<&'static str>>(
    s: &str,
    values: &[T],
    label: fn(T, &'static Strings) -> &'static str,
    aliases: &[(&str, T)],
) -> Option<T> {
    let k = key(s);
    values
        .iter()
        .copied()
        .find(|v| {
            labels::names(*v, label)
                .into_iter()
                .chain([(*v).into()])
                .any(|name| key(name) == k)
        })
        .or_else(|| aliases.iter().find(|(a, _)| *a == k).map(|(_, v)| *v))
}

/// The kind of a unit from its name. The bloc itself is never imported.
pub fn parse_kind(s: &str) -> Option<UnitKind> {
    const ALIASES: &[(&str, UnitKind)] = &[
        ("chi bo", UnitKind::Cell),
        ("subcommittee", UnitKind::SubCommittee),
        ("party group", UnitKind::Group),
    ];
    by_name(s, &UnitKind::ALL, labels::kind_label, ALIASES).filter(|k| *k != UnitKind::Bloc)
}

pub fn parse_gender(s: &str) -> Option<Gender> {
    const ALIASES: &[(&str, Gender)] = &[("m", Gender::Male), ("f", Gender::Female)];
    by_name(
        s,
        &[Gender::Male, Gender::Female],
        labels::gender_label,
        ALIASES,
    )
}

/// A member's status from its name; also the words staff files use for them.
pub fn parse_status(s: &str) -> Option<MemberStatus> {
    const ALIASES: &[(&str, MemberStatus)] = &[
        ("dang vien du bi", MemberStatus::Probationary),
        ("dang vien chinh thuc", MemberStatus::Full),
        ("mien sinh hoat dang", MemberStatus::Exempt),
        ("chuyen sinh hoat di", MemberStatus::TransferredOut),
        ("da chuyen sinh hoat", MemberStatus::TransferredOut),
        ("tu tran", MemberStatus::Deceased),
        ("xoa ten", MemberStatus::Removed),
        ("da xoa ten", MemberStatus::Removed),
        ("khai tru", MemberStatus::Removed),
    ];
    by_name(s, &MemberStatus::ALL, labels::status_label, ALIASES)
}

/// A unit row that passed its own checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    pub row: u32,
    /// Upper case.
    pub code: String,
    /// NFC, white space collapsed.
    pub name: String,
    pub kind: UnitKind,
    pub parent_code: String,
    /// Empty in the file: the day of the import.
    pub founded: Option<NaiveDate>,
}

/// A member row that passed its own checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub row: u32,
    pub card_number: String,
    pub record_number: String,
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub admission_date: NaiveDate,
    pub full_membership_date: Option<NaiveDate>,
    pub status: MemberStatus,
    pub cell_code: String,
    pub job_title: String,
    pub workplace: String,
    pub phone: String,
    pub email: String,
}

/// The file read into rows: rows with their own errors are left out, and
/// their errors kept. `*_total` count the non-empty data rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadFile {
    pub units: Vec<UnitRow>,
    pub members: Vec<MemberRow>,
    pub units_total: usize,
    pub members_total: usize,
    /// Rows of each sheet that failed their own checks.
    pub bad_unit_rows: HashSet<u32>,
    pub bad_member_rows: HashSet<u32>,
    /// Codes of unit rows that failed their own checks: rows under them
    /// fail too.
    pub bad_unit_codes: HashSet<String>,
    pub errors: Vec<ImportError>,
    /// Headers that name no field (shown, not fatal: an "STT" column is common).
    pub ignored_columns: Vec<(Sheet, String)>,
    /// Whether the file held a sheet of each kind.
    pub has_units: bool,
    pub has_members: bool,
}

/// Which kind of rows a header row announces, if any.
pub fn sheet_kind(headers: &[String]) -> Option<Sheet> {
    let has = |sheet, field| {
        headers
            .iter()
            .any(|h| Field::from_header(sheet, h) == Some(field))
    };
    if has(Sheet::Members, Field::CardNumber) || has(Sheet::Members, Field::CellCode) {
        Some(Sheet::Members)
    } else if has(Sheet::Units, Field::UnitCode) || has(Sheet::Units, Field::ParentCode) {
        Some(Sheet::Units)
    } else {
        None
    }
}

/// Reads every sheet of a file: headers to fields, cells to typed values,
/// each row's own checks (formats, required values, enumerations, date
/// order). What needs the rest of the file or the database is [`validate`]'s.
pub fn read(sheets: &[RawSheet], today: NaiveDate) -> ReadFile {
    let mut out = ReadFile::default();
    for raw in sheets {
        let Some(kind) = sheet_kind(&raw.headers) else {
            continue;
        };
        match kind {
            Sheet::Units => out.has_units = true,
            Sheet::Members => out.has_members = true,
        }
        let rows: Vec<&(u32, Vec<RawCell>)> = raw
            .rows
            .iter()
            .filter(|(_, cells)| !cells.iter().all(RawCell::is_empty))
            .collect();
        match kind {
            Sheet::Units => out.units_total += rows.len(),
            Sheet::Members => out.members_total += rows.len(),
        }
        if rows.len() > MAX_ROWS {
            out.errors.push(ImportError {
                sheet: kind,
                row: 0,
                column: None,
                code: ErrorCode::TooManyRows,
                value: rows.len().to_string(),
            });
            continue;
        }
        // Column index of each field.
        let mut columns: HashMap<Field, usize> = HashMap::new();
        let mut header_ok = true;
        for (i, h) in raw.headers.iter().enumerate() {
            match Field::from_header(kind, h) {
                Some(f) if columns.insert(f, i).is_some() => {
                    header_ok = false;
                    out.errors.push(ImportError {
                        sheet: kind,
                        row: 1,
                        column: Some(f),
                        code: ErrorCode::DuplicateColumn,
                        value: clean(h),
                    });
                }
                Some(_) => {}
                None if !clean(h).is_empty() && fold(h) != "stt" => {
                    out.ignored_columns.push((kind, clean(h)));
                }
                None => {}
            }
        }
        for f in kind.fields().iter().filter(|f| f.required()) {
            if !columns.contains_key(f) {
                header_ok = false;
                out.errors.push(ImportError {
                    sheet: kind,
                    row: 1,
                    column: Some(*f),
                    code: ErrorCode::MissingColumn,
                    value: f.header_vi().to_string(),
                });
            }
        }
        if !header_ok {
            // Every row would be wrong the same way: the header is the error.
            for (row, _) in rows {
                match kind {
                    Sheet::Units => out.bad_unit_rows.insert(*row),
                    Sheet::Members => out.bad_member_rows.insert(*row),
                };
            }
            continue;
        }
        for (row, cells) in rows {
            let mut r = RowReader {
                sheet: kind,
                row: *row,
                cells,
                columns: &columns,
                errors: Vec::new(),
                today,
            };
            match kind {
                Sheet::Units => match read_unit(&mut r) {
                    Some(u) if r.errors.is_empty() => out.units.push(u),
                    _ => {
                        out.bad_unit_rows.insert(*row);
                        let code = r.cell(Field::UnitCode).display().to_uppercase();
                        if !code.is_empty() {
                            out.bad_unit_codes.insert(code);
                        }
                    }
                },
                Sheet::Members => match read_member(&mut r) {
                    Some(m) if r.errors.is_empty() => out.members.push(m),
                    _ => {
                        out.bad_member_rows.insert(*row);
                    }
                },
            }
            out.errors.append(&mut r.errors);
        }
    }
    if !out.has_units && !out.has_members {
        out.errors.push(ImportError {
            sheet: Sheet::Members,
            row: 0,
            column: None,
            code: ErrorCode::NoData,
            value: String::new(),
        });
    }
    out
}

struct RowReader<'a> {
    sheet: Sheet,
    row: u32,
    cells: &'a [RawCell],
    columns: &'a HashMap<Field, usize>,
    errors: Vec<ImportError>,
    today: NaiveDate,
}

impl RowReader<'_> {
    fn cell(&self, f: Field) -> &RawCell {
        self.columns
            .get(&f)
            .and_then(|i| self.cells.get(*i))
            .unwrap_or(&RawCell::Empty)
    }

    fn error(&mut self, f: Field, code: ErrorCode, value: String) {
        self.errors.push(ImportError {
            sheet: self.sheet,
            row: self.row,
            column: Some(f),
            code,
            value,
        });
    }

    /// The cell as text; `None` (with an error) when required and empty or too long.
    fn text(&mut self, f: Field) -> Option<String> {
        let v = self.cell(f).display();
        if v.is_empty() && f.required() {
            self.error(f, ErrorCode::Required, v);
            return None;
        }
        if v.chars().count() > MAX_TEXT_CHARS {
            let shown: String = v.chars().take(40).collect();
            self.error(f, ErrorCode::TooLong, format!("{shown}…"));
            return None;
        }
        Some(v)
    }

    fn code(&mut self, f: Field) -> Option<String> {
        let v = self.text(f)?.to_uppercase();
        if v.chars().count() > MAX_CODE_CHARS
            || !v
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            self.error(f, ErrorCode::BadCode, v);
            return None;
        }
        Some(v)
    }

    /// A date; `Ok(None)` when empty and optional.
    fn date(&mut self, f: Field) -> Result<Option<NaiveDate>, ()> {
        let cell = self.cell(f).clone();
        if cell.is_empty() {
            if f.required() {
                self.error(f, ErrorCode::Required, String::new());
                return Err(());
            }
            return Ok(None);
        }
        match parse_date(&cell) {
            Some(d) if d.year() < 1900 => {
                self.error(f, ErrorCode::BadDate, cell.display());
                Err(())
            }
            Some(d) if d > self.today => {
                self.error(f, ErrorCode::FutureDate, cell.display());
                Err(())
            }
            Some(d) => Ok(Some(d)),
            None => {
                self.error(f, ErrorCode::BadDate, cell.display());
                Err(())
            }
        }
    }

    fn parsed<T>(&mut self, f: Field, code: ErrorCode, parse: fn(&str) -> Option<T>) -> Option<T> {
        let v = self.text(f)?;
        let out = parse(&v);
        if out.is_none() {
            self.error(f, code, v);
        }
        out
    }
}

fn read_unit(r: &mut RowReader<'_>) -> Option<UnitRow> {
    let code = r.code(Field::UnitCode);
    let name = r.text(Field::UnitName);
    let kind = r.parsed(Field::UnitKind, ErrorCode::BadKind, parse_kind);
    let parent_code = r.code(Field::ParentCode);
    let founded = r.date(Field::Founded);
    Some(UnitRow {
        row: r.row,
        code: code?,
        name: name?,
        kind: kind?,
        parent_code: parent_code?,
        founded: founded.ok()?,
    })
}

fn read_member(r: &mut RowReader<'_>) -> Option<MemberRow> {
    let card = r.text(Field::CardNumber).and_then(|c| {
        let compact: String = c.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() == 8 && compact.bytes().all(|b| b.is_ascii_digit()) {
            Some(compact)
        } else {
            r.error(Field::CardNumber, ErrorCode::BadCardNumber, c);
            None
        }
    });
    let record_number = r.text(Field::RecordNumber);
    let full_name = r.text(Field::FullName);
    let gender = r.parsed(Field::Gender, ErrorCode::BadGender, parse_gender);
    let birth = r.date(Field::BirthDate);
    let admission = r.date(Field::AdmissionDate);
    let full = r.date(Field::FullMembershipDate);
    let status = r.parsed(Field::Status, ErrorCode::BadStatus, parse_status);
    let cell_code = r.code(Field::CellCode);
    let job_title = r.text(Field::JobTitle);
    let workplace = r.text(Field::Workplace);
    let phone = r.text(Field::Phone).and_then(|p| {
        if p.is_empty() || valid_phone(&p) {
            Some(p)
        } else {
            r.error(Field::Phone, ErrorCode::BadPhone, p);
            None
        }
    });
    let email = r.text(Field::Email).and_then(|e| {
        if e.is_empty() || valid_email(&e) {
            Some(e.to_lowercase())
        } else {
            r.error(Field::Email, ErrorCode::BadEmail, e);
            None
        }
    });
    let (birth, admission, full) = (birth.ok()??, admission.ok()??, full.ok()?);
    let status = status?;
    // Dates in order: born, admitted at 18 or later, full 12 months after.
    let mut dates_ok = true;
    let eighteen = birth
        .with_year(birth.year() + 18)
        .or_else(|| NaiveDate::from_ymd_opt(birth.year() + 18, 3, 1))?;
    if admission < eighteen {
        r.error(
            Field::AdmissionDate,
            ErrorCode::TooYoung,
            format_date(admission),
        );
        dates_ok = false;
    }
    let year_after = add_months(admission, 12);
    match (status, full) {
        (MemberStatus::Probationary, Some(f)) => {
            r.error(
                Field::FullMembershipDate,
                ErrorCode::ProbationaryWithFullDate,
                format_date(f),
            );
            dates_ok = false;
        }
        (MemberStatus::Probationary, None) if year_after <= r.today => {
            r.error(
                Field::AdmissionDate,
                ErrorCode::ProbationExpired,
                format_date(admission),
            );
            dates_ok = false;
        }
        (MemberStatus::Full, None) => {
            r.error(
                Field::FullMembershipDate,
                ErrorCode::FullDateMissing,
                String::new(),
            );
            dates_ok = false;
        }
        (_, Some(f)) if f < year_after => {
            r.error(
                Field::FullMembershipDate,
                ErrorCode::FullTooEarly,
                format_date(f),
            );
            dates_ok = false;
        }
        _ => {}
    }
    if !dates_ok {
        return None;
    }
    Some(MemberRow {
        row: r.row,
        card_number: card?,
        record_number: record_number?,
        full_name: full_name?,
        gender: gender?,
        birth_date: birth,
        admission_date: admission,
        full_membership_date: full,
        status,
        cell_code: cell_code?,
        job_title: job_title?,
        workplace: workplace?,
        phone: phone?,
        email: email?,
    })
}

/// The same day `months` later (the month's last day when it has fewer).
pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// 8 to 15 digits, with spaces, dots, dashes, brackets and a leading '+'.
pub fn valid_phone(p: &str) -> bool {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&digits)
        && p.char_indices().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0)
        })
}

/// One '@', something before it, a dotted domain after it, no spaces.
pub fn valid_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// An existing unit, as the checks need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingUnit {
    pub code: String,
    pub kind: UnitKind,
    pub path: String,
    pub valid_from: NaiveDate,
    /// Dissolved or merged away: its code is taken, it takes no children.
    pub current: bool,
}

/// What the database already holds, as far as the file mentions it.
#[derive(Debug, Clone, Default)]
pub struct Existing {
    /// By (upper-case) code.
    pub units: HashMap<String, ExistingUnit>,
    pub card_numbers: HashSet<String>,
}

/// The codes and card numbers the checks must look up in the database.
pub fn lookups(file: &ReadFile) -> (Vec<String>, Vec<String>) {
    let mut codes: Vec<String> = file
        .units
        .iter()
        .flat_map(|u| [u.code.clone(), u.parent_code.clone()])
        .chain(file.members.iter().map(|m| m.cell_code.clone()))
        .collect();
    codes.sort();
    codes.dedup();
    let mut cards: Vec<String> = file.members.iter().map(|m| m.card_number.clone()).collect();
    cards.sort();
    cards.dedup();
    (codes, cards)
}

/// Rows ready to write, parents before children.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Batch {
    pub units: Vec<UnitRow>,
    pub members: Vec<MemberRow>,
    /// The deepest existing unit above everything in the batch (where the
    /// audit entry belongs).
    pub scope_path: Option<String>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.members.is_empty()
    }

    pub fn rows(&self) -> usize {
        self.units.len() + self.members.len()
    }
}

/// The outcome of the checks: the report to show and the valid rows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Report {
    pub units_total: usize,
    pub units_valid: usize,
    pub members_total: usize,
    pub members_valid: usize,
    /// In file order: sheet, row, column.
    pub errors: Vec<ImportError>,
    pub ignored_columns: Vec<(Sheet, String)>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn invalid_rows(&self) -> usize {
        (self.units_total - self.units_valid) + (self.members_total - self.members_valid)
    }
}

/// Checks the rows against each other and the database: duplicates (in the
/// file, in the database), parents and cells (existing or in the file, of a
/// kind that may hold the row), and the actor's scope (`may_change(kind,
/// path)` of the existing unit under which a row lands).
pub fn validate(
    file: &ReadFile,
    existing: &Existing,
    may_change: &dyn Fn(UnitKind, &str) -> bool,
) -> (Report, Batch) {
    let mut errors = file.errors.clone();
    let mut err = |sheet, row, column, code, value: &str| {
        errors.push(ImportError {
            sheet,
            row,
            column: Some(column),
            code,
            value: value.to_string(),
        });
    };

    // Units: duplicates first (the first occurrence wins).
    let mut by_code: HashMap<&str, &UnitRow> = HashMap::new();
    let mut unit_ok: HashMap<u32, bool> = HashMap::new();
    for u in &file.units {
        let mut ok = true;
        if existing.units.contains_key(&u.code) {
            err(
                Sheet::Units,
                u.row,
                Field::UnitCode,
                ErrorCode::ExistsInDatabase,
                &u.code,
            );
            ok = false;
        } else if by_code.contains_key(u.code.as_str()) {
            err(
                Sheet::Units,
                u.row,
                Field::UnitCode,
                ErrorCode::DuplicateInFile,
                &u.code,
            );
            ok = false;
        } else {
            by_code.insert(&u.code, u);
        }
        unit_ok.insert(u.row, ok);
    }

    // Resolve each unit's chain of parents up to an existing unit, in order
    // of depth so that a parent is decided before its children.
    #[derive(Clone)]
    struct Placed {
        /// The existing unit the chain ends in.
        anchor_path: String,
        depth: usize,
    }
    let mut placed: HashMap<String, Option<Placed>> = HashMap::new();
    fn place(
        code: &str,
        by_code: &HashMap<&str, &UnitRow>,
        existing: &Existing,
        placed: &mut HashMap<String, Option<Placed>>,
        visiting: &mut HashSet<String>,
    ) -> Option<Placed> {
        if let Some(p) = placed.get(code) {
            return p.clone();
        }
        let u = by_code.get(code)?;
        if !visiting.insert(code.to_string()) {
            return None;
        }
        let parent = match existing.units.get(&u.parent_code) {
            Some(e) if e.current => Some(Placed {
                anchor_path: e.path.clone(),
                depth: 0,
            }),
            Some(_) => None,
            None => place(&u.parent_code, by_code, existing, placed, visiting),
        };
        let me = parent.map(|p| Placed {
            anchor_path: p.anchor_path,
            depth: p.depth + 1,
        });
        visiting.remove(code);
        placed.insert(code.to_string(), me.clone());
        me
    }
    let mut order: Vec<(usize, &UnitRow)> = Vec::new();
    // Codes of invalid unit rows: rows under them are invalid too. A code
    // whose first row is valid stands for that row.
    let mut failed: HashSet<String> = file
        .bad_unit_codes
        .iter()
        .filter(|c| !by_code.contains_key(c.as_str()))
        .cloned()
        .collect();
    let mut depth_of: HashMap<&str, usize> = HashMap::new();
    for u in &file.units {
        if !unit_ok[&u.row] {
            continue;
        }
        let mut visiting = HashSet::new();
        let _ = place(&u.code, &by_code, existing, &mut placed, &mut visiting);
        let d = placed
            .get(&u.code)
            .and_then(|p| p.as_ref().map(|p| p.depth))
            .unwrap_or(usize::MAX);
        depth_of.insert(&u.code, d);
    }
    let mut sorted: Vec<&UnitRow> = file.units.iter().filter(|u| unit_ok[&u.row]).collect();
    sorted.sort_by_key(|u| (depth_of.get(u.code.as_str()).copied(), u.row));
    for u in sorted {
        let parent_kind_path: Option<(UnitKind, String)> = match existing.units.get(&u.parent_code)
        {
            Some(e) if e.current => Some((e.kind, e.path.clone())),
            Some(_) => {
                err(
                    Sheet::Units,
                    u.row,
                    Field::ParentCode,
                    ErrorCode::UnknownParent,
                    &u.parent_code,
                );
                None
            }
            None => match by_code.get(u.parent_code.as_str()) {
                Some(_) if chain_loops(&u.code, &by_code) => {
                    err(
                        Sheet::Units,
                        u.row,
                        Field::ParentCode,
                        ErrorCode::ParentCycle,
                        &u.parent_code,
                    );
                    None
                }
                _ if failed.contains(&u.parent_code) => {
                    err(
                        Sheet::Units,
                        u.row,
                        Field::ParentCode,
                        ErrorCode::ParentRowInvalid,
                        &u.parent_code,
                    );
                    None
                }
                Some(p) => match placed.get(&u.code).cloned().flatten() {
                    Some(me) => Some((p.kind, me.anchor_path)),
                    None => {
                        // In the file, yet never reaching an existing unit.
                        err(
                            Sheet::Units,
                            u.row,
                            Field::ParentCode,
                            ErrorCode::ParentRowInvalid,
                            &u.parent_code,
                        );
                        None
                    }
                },
                None => {
                    err(
                        Sheet::Units,
                        u.row,
                        Field::ParentCode,
                        ErrorCode::UnknownParent,
                        &u.parent_code,
                    );
                    None
                }
            },
        };
        let ok = match parent_kind_path {
            None => false,
            Some((pk, _)) if !pk.allows_child(u.kind) => {
                err(
                    Sheet::Units,
                    u.row,
                    Field::UnitKind,
                    ErrorCode::ParentNotAllowed,
                    labels::kind_label(u.kind, &labels::VI),
                );
                false
            }
            Some((pk, path)) if !may_change(pk, &path) => {
                err(
                    Sheet::Units,
                    u.row,
                    Field::ParentCode,
                    ErrorCode::OutOfScope,
                    &u.parent_code,
                );
                false
            }
            Some(_) => true,
        };
        if ok {
            order.push((depth_of[u.code.as_str()], u));
        } else {
            failed.insert(u.code.clone());
        }
    }
    let anchors: HashMap<&str, String> = order
        .iter()
        .filter_map(|(_, u)| {
            placed
                .get(&u.code)
                .cloned()
                .flatten()
                .map(|p| (u.code.as_str(), p.anchor_path))
        })
        .collect();
    let units: Vec<UnitRow> = order.iter().map(|(_, u)| (*u).clone()).collect();
    let good_units: HashMap<&str, &UnitRow> =
        order.iter().map(|(_, u)| (u.code.as_str(), *u)).collect();

    // Members.
    let mut seen_cards: HashSet<&str> = HashSet::new();
    let mut members = Vec::new();
    let mut member_anchors: Vec<String> = Vec::new();
    for m in &file.members {
        let mut ok = true;
        if existing.card_numbers.contains(&m.card_number) {
            err(
                Sheet::Members,
                m.row,
                Field::CardNumber,
                ErrorCode::ExistsInDatabase,
                &m.card_number,
            );
            ok = false;
        } else if !seen_cards.insert(&m.card_number) {
            err(
                Sheet::Members,
                m.row,
                Field::CardNumber,
                ErrorCode::DuplicateInFile,
                &m.card_number,
            );
            ok = false;
        }
        let cell: Option<(UnitKind, String)> = match existing.units.get(&m.cell_code) {
            Some(e) if e.current => Some((e.kind, e.path.clone())),
            Some(_) => None,
            None => match good_units.get(m.cell_code.as_str()) {
                Some(u) => anchors.get(u.code.as_str()).map(|a| (u.kind, a.clone())),
                None if failed.contains(&m.cell_code) => {
                    err(
                        Sheet::Members,
                        m.row,
                        Field::CellCode,
                        ErrorCode::CellRowInvalid,
                        &m.cell_code,
                    );
                    ok = false;
                    None
                }
                None => None,
            },
        };
        match cell {
            None if ok => {
                err(
                    Sheet::Members,
                    m.row,
                    Field::CellCode,
                    ErrorCode::UnknownCell,
                    &m.cell_code,
                );
                ok = false;
            }
            None => {}
            Some((kind, _)) if !kind.holds_members() => {
                err(
                    Sheet::Members,
                    m.row,
                    Field::CellCode,
                    ErrorCode::NotACell,
                    &m.cell_code,
                );
                ok = false;
            }
            Some((kind, path)) if !may_change(kind, &path) => {
                err(
                    Sheet::Members,
                    m.row,
                    Field::CellCode,
                    ErrorCode::OutOfScope,
                    &m.cell_code,
                );
                ok = false;
            }
            Some((_, path)) if ok => member_anchors.push(path),
            Some(_) => {}
        }
        if ok {
            members.push(m.clone());
        }
    }

    errors.sort_by_key(|e| {
        (
            e.sheet == Sheet::Members,
            e.row,
            e.column
                .and_then(|c| e.sheet.fields().iter().position(|f| *f == c))
                .unwrap_or(usize::MAX),
        )
    });
    errors.dedup();
    let scope_path = common_path(anchors.values().chain(member_anchors.iter()));
    let report = Report {
        units_total: file.units_total,
        units_valid: units.len(),
        members_total: file.members_total,
        members_valid: members.len(),
        errors,
        ignored_columns: file.ignored_columns.clone(),
    };
    (
        report,
        Batch {
            units,
            members,
            scope_path,
        },
    )
}

/// Whether following parents from `code` within the file comes back to it.
fn chain_loops(code: &str, by_code: &HashMap<&str, &UnitRow>) -> bool {
    let mut seen = HashSet::new();
    let mut at = code;
    while let Some(u) = by_code.get(at) {
        if !seen.insert(at) {
            return true;
        }
        at = u.parent_code.as_str();
    }
    false
}

/// The longest materialized path that starts every one of `paths`.
pub fn common_path<'a>(mut paths: impl Iterator<Item = &'a String>) -> Option<String> {
    let first = paths.next()?.clone();
    let mut common: Vec<&str> = first.trim_matches('/').split('/').collect();
    for p in paths {
        let ids: Vec<&str> = p.trim_matches('/').split('/').collect();
        let n = common.iter().zip(&ids).take_while(|(a, b)| a == b).count();
        common.truncate(n);
    }
    (!common.is_empty() && !common[0].is_empty()).then(|| format!("/{}/", common.join("/")))
}

/// The whole check of a file: read, then validate.
pub fn check(
    sheets: &[RawSheet],
    existing: &Existing,
    today: NaiveDate,
    may_change: &dyn Fn(UnitKind, &str) -> bool,
) -> (Report, Batch) {
    validate(&read(sheets, today), existing, may_change)
}

/// Rechecks a batch kept between the check and the confirmation against the
/// database as it is now (someone may have added the same card meanwhile;
/// the actor's positions may have ended). Errors mean: check the file again.
pub fn recheck(
    batch: &Batch,
    existing: &Existing,
    may_change: &dyn Fn(UnitKind, &str) -> bool,
) -> (Report, Batch) {
    let file = ReadFile {
        units: batch.units.clone(),
        members: batch.members.clone(),
        units_total: batch.units.len(),
        members_total: batch.members.len(),
        has_units: !batch.units.is_empty(),
        has_members: !batch.members.is_empty(),
        ..Default::default()
    };
    validate(&file, existing, may_change)
}

/// The rows of the file as the templates show them: the header row and an
/// example row of each sheet.
pub fn template_rows(sheet: Sheet) -> (Vec<&'static str>, Vec<&'static str>) {
    let headers: Vec<&'static str> = sheet.fields().iter().map(|f| f.header_vi()).collect();
    let example = match sheet {
        Sheet::Units => vec![
            "VD-CB01",
            "Chi bộ Phòng Tổ chức",
            "Chi bộ trực thuộc",
            "MA-DANG-BO-CAP-TREN",
            "15/03/2020",
        ],
        Sheet::Members => vec![
            "12345678",
            "HG-2015-0123",
            "Nguyễn Văn An",
            "Nam",
            "20/05/1985",
            "03/02/2015",
            "03/02/2016",
            "Chính thức",
            "VD-CB01",
            "Chuyên viên",
            "Sở Nội vụ tỉnh Hậu Giang",
            "0912 345 678",
            "an.nv@example.vn",
        ],
    };
    (headers, example)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2021, 2, 15);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    fn text_row(row: u32, cells: &[&str]) -> (u32, Vec<RawCell>) {
        (
            row,
            cells
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        RawCell::Empty
                    } else {
                        RawCell::Text(c.to_string())
                    }
                })
                .collect(),
        )
    }

    fn sheet(s: Sheet, rows: &[&[&str]]) -> RawSheet {
        RawSheet {
            name: s.title_vi().into(),
            headers: s
                .fields()
                .iter()
                .map(|f| f.header_vi().to_string())
                .collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| text_row(i as u32 + 2, r))
                .collect(),
        }
    }

    fn member<'a>(card: &'a str, cell: &'a str) -> Vec<&'a str> {
        vec![
            card,
            "LL-1",
            "Trần Thanh Điền",
            "Nam",
            "01/01/1980",
            "15/06/2005",
            "15/06/2006",
            "Chính thức",
            cell,
            "Chuyên viên",
            "Sở Y tế",
            "0912 345 678",
            "dien@example.vn",
        ]
    }

    /// The bloc /1/, a committee C1 /1/2/ with cell C1.1 /1/2/3/, a
    /// dissolved cell OLD, and the card 10000001 taken.
    fn existing() -> Existing {
        let u = |code: &str, kind, path: &str, current| {
            (
                code.to_string(),
                ExistingUnit {
                    code: code.into(),
                    kind,
                    path: path.into(),
                    valid_from: d(2020, 2, 24),
                    current,
                },
            )
        };
        Existing {
            units: [
                u("B", UnitKind::Bloc, "/1/", true),
                u("C1", UnitKind::GrassrootsCommittee, "/1/2/", true),
                u("C1.1", UnitKind::Cell, "/1/2/3/", true),
                u("OLD", UnitKind::Cell, "/1/2/9/", false),
            ]
            .into_iter()
            .collect(),
            card_numbers: ["10000001".to_string()].into_iter().collect(),
        }
    }

    fn anywhere(_: UnitKind, _: &str) -> bool {
        true
    }

    fn codes(report: &Report) -> Vec<(u32, Option<Field>, ErrorCode)> {
        report
            .errors
            .iter()
            .map(|e| (e.row, e.column, e.code))
            .collect()
    }

    #[test]
    fn headers_ignore_case_diacritics_marks_and_english() {
        for f in Field::UNITS {
            assert_eq!(Field::from_header(Sheet::Units, f.header_vi()), Some(f));
            assert_eq!(Field::from_header(Sheet::Units, f.header_en()), Some(f));
            let upper = f.header_vi().to_uppercase();
            assert_eq!(Field::from_header(Sheet::Units, &upper), Some(f));
        }
        for f in Field::MEMBERS {
            assert_eq!(Field::from_header(Sheet::Members, f.header_vi()), Some(f));
            assert_eq!(Field::from_header(Sheet::Members, f.header_en()), Some(f));
        }
        assert_eq!(
            Field::from_header(Sheet::Members, " ngay sinh (dd/mm/yyyy) *"),
            Some(Field::BirthDate)
        );
        assert_eq!(
            Field::from_header(Sheet::Members, "SO_THE_DANG_VIEN"),
            Some(Field::CardNumber)
        );
        assert_eq!(Field::from_header(Sheet::Members, "STT"), None);
        // "Mã đơn vị" and "Mã đơn vị cấp trên" are different columns.
        assert_eq!(
            Field::from_header(Sheet::Units, "Mã đơn vị cấp trên"),
            Some(Field::ParentCode)
        );
    }

    #[test]
    fn sheets_are_told_apart_by_their_headers() {
        let h = |s: Sheet| -> Vec<String> {
            s.fields()
                .iter()
                .map(|f| f.header_vi().to_string())
                .collect()
        };
        assert_eq!(sheet_kind(&h(Sheet::Units)), Some(Sheet::Units));
        assert_eq!(sheet_kind(&h(Sheet::Members)), Some(Sheet::Members));
        assert_eq!(sheet_kind(&["Ghi chú".to_string()]), None);
    }

    #[test]
    fn dates_in_every_accepted_form() {
        let t = |s: &str| parse_date(&RawCell::Text(s.into()));
        assert_eq!(t("03/02/2015"), Some(d(2015, 2, 3)));
        assert_eq!(t("3/2/2015"), Some(d(2015, 2, 3)));
        assert_eq!(t("03-02-2015"), Some(d(2015, 2, 3)));
        assert_eq!(t("03.02.2015"), Some(d(2015, 2, 3)));
        assert_eq!(t("2015-02-03"), Some(d(2015, 2, 3)));
        assert_eq!(t("2015-02-03T00:00:00"), Some(d(2015, 2, 3)));
        assert_eq!(t("31/02/2015"), None);
        assert_eq!(t("2015"), None);
        assert_eq!(t("02/03/15"), None);
        assert_eq!(t("ngày 3"), None);
        // Excel serials: 1 is 1900-01-01, 61 is 1900-03-01, 44197 is 2021-01-01.
        assert_eq!(excel_serial_date(1.0), Some(d(1900, 1, 1)));
        assert_eq!(excel_serial_date(59.0), Some(d(1900, 2, 28)));
        assert_eq!(excel_serial_date(60.0), None);
        assert_eq!(excel_serial_date(61.0), Some(d(1900, 3, 1)));
        assert_eq!(excel_serial_date(44197.0), Some(d(2021, 1, 1)));
        assert_eq!(excel_serial_date(44197.75), Some(d(2021, 1, 1)));
        assert_eq!(excel_serial_date(-3.0), None);
        assert_eq!(parse_date(&RawCell::Number(44197.0)), Some(d(2021, 1, 1)));
    }

    #[test]
    fn vietnamese_words_for_kinds_statuses_and_genders() {
        assert_eq!(
            parse_kind("Đảng bộ cơ sở"),
            Some(UnitKind::GrassrootsCommittee)
        );
        assert_eq!(parse_kind("CHI BỘ CƠ SỞ"), Some(UnitKind::GrassrootsCell));
        assert_eq!(parse_kind("Chi bộ"), Some(UnitKind::Cell));
        assert_eq!(parse_kind("Chi bộ trực thuộc"), Some(UnitKind::Cell));
        assert_eq!(parse_kind("Đảng bộ bộ phận"), Some(UnitKind::SubCommittee));
        assert_eq!(parse_kind("Tổ đảng"), Some(UnitKind::Group));
        assert_eq!(
            parse_kind("grassroots_cell"),
            Some(UnitKind::GrassrootsCell)
        );
        assert_eq!(parse_kind("Đảng bộ Khối"), None);
        // Every name the app shows, in either language, reads back.
        for k in UnitKind::ALL.into_iter().filter(|k| *k != UnitKind::Bloc) {
            for name in labels::names(k, labels::kind_label) {
                assert_eq!(parse_kind(name), Some(k), "{name}");
            }
        }
        for s in MemberStatus::ALL {
            for name in labels::names(s, labels::status_label) {
                assert_eq!(parse_status(name), Some(s), "{name}");
            }
            assert_eq!(parse_status(s.as_str()), Some(s));
        }
        assert_eq!(parse_status("Đã ra khỏi Đảng"), Some(MemberStatus::Removed));
        assert_eq!(parse_status("Xóa tên"), Some(MemberStatus::Removed));
        assert_eq!(parse_status("Từ trần"), Some(MemberStatus::Deceased));
        assert_eq!(parse_status("dự bị"), Some(MemberStatus::Probationary));
        assert_eq!(parse_gender("Nữ"), Some(Gender::Female));
        assert_eq!(parse_gender("NAM"), Some(Gender::Male));
        assert_eq!(parse_gender("female"), Some(Gender::Female));
        assert_eq!(parse_gender("khác"), None);
    }

    #[test]
    fn a_clean_file_becomes_a_batch_with_parents_first() {
        let units = sheet(
            Sheet::Units,
            &[
                // The cell comes before its committee in the file.
                &["N1.1", "Chi bộ Kế toán", "Chi bộ trực thuộc", "N1", ""],
                &[
                    "n1",
                    "Đảng bộ Công ty Điện lực",
                    "Đảng bộ cơ sở",
                    "b",
                    "01/07/2020",
                ],
            ],
        );
        let members = sheet(
            Sheet::Members,
            &[&member("20000001", "N1.1"), &member("20000002", "C1.1")],
        );
        let (report, batch) = check(&[units, members], &existing(), today(), &anywhere);
        assert!(report.is_clean(), "{:?}", report.errors);
        assert_eq!((report.units_total, report.units_valid), (2, 2));
        assert_eq!((report.members_total, report.members_valid), (2, 2));
        let order: Vec<_> = batch.units.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(order, ["N1", "N1.1"]);
        assert_eq!(batch.units[0].founded, Some(d(2020, 7, 1)));
        assert_eq!(batch.units[1].founded, None);
        assert_eq!(batch.members[0].full_name, "Trần Thanh Điền");
        assert_eq!(batch.members[0].phone, "0912 345 678");
        assert_eq!(batch.scope_path.as_deref(), Some("/1/"));
    }

    #[test]
    fn each_bad_value_names_its_row_and_column() {
        let mut bad_date = member("20000001", "C1.1");
        bad_date[4] = "31/02/1980";
        let mut bad_card = member("1234567", "C1.1");
        bad_card[3] = "Khác";
        let mut missing_name = member("20000003", "C1.1");
        missing_name[2] = "  ";
        let mut bad_mail = member("20000004", "C1.1");
        bad_mail[12] = "a@b";
        bad_mail[11] = "12ab";
        let mut bad_status = member("20000005", "C1.1");
        bad_status[7] = "Đang công tác";
        let members = sheet(
            Sheet::Members,
            &[&bad_date, &bad_card, &missing_name, &bad_mail, &bad_status],
        );
        let (report, batch) = check(&[members], &existing(), today(), &anywhere);
        assert_eq!(
            codes(&report),
            vec![
                (2, Some(Field::BirthDate), ErrorCode::BadDate),
                (3, Some(Field::CardNumber), ErrorCode::BadCardNumber),
                (3, Some(Field::Gender), ErrorCode::BadGender),
                (4, Some(Field::FullName), ErrorCode::Required),
                (5, Some(Field::Phone), ErrorCode::BadPhone),
                (5, Some(Field::Email), ErrorCode::BadEmail),
                (6, Some(Field::Status), ErrorCode::BadStatus),
            ]
        );
        assert_eq!(report.errors[0].value, "31/02/1980");
        assert_eq!(report.errors[0].sheet, Sheet::Members);
        assert!(batch.is_empty());
        assert_eq!(report.invalid_rows(), 5);
    }

    #[test]
    fn membership_dates_follow_the_rules() {
        let mut young = member("20000001", "C1.1");
        young[4] = "01/01/1990";
        young[5] = "01/06/2007";
        young[6] = "01/06/2008";
        let mut early = member("20000002", "C1.1");
        early[6] = "01/01/2006";
        let mut probation_with_date = member("20000003", "C1.1");
        probation_with_date[7] = "Dự bị";
        let mut long_probation = member("20000004", "C1.1");
        long_probation[7] = "Dự bị";
        long_probation[6] = "";
        long_probation[5] = "01/01/2020";
        let mut full_without = member("20000005", "C1.1");
        full_without[6] = "";
        let mut future = member("20000006", "C1.1");
        future[5] = "01/01/2030";
        let mut fine_probation = member("20000007", "C1.1");
        fine_probation[7] = "Dự bị";
        fine_probation[6] = "";
        fine_probation[5] = "01/03/2020";
        let members = sheet(
            Sheet::Members,
            &[
                &young,
                &early,
                &probation_with_date,
                &long_probation,
                &full_without,
                &future,
                &fine_probation,
            ],
        );
        let (report, batch) = check(&[members], &existing(), today(), &anywhere);
        assert_eq!(
            codes(&report),
            vec![
                (2, Some(Field::AdmissionDate), ErrorCode::TooYoung),
                (3, Some(Field::FullMembershipDate), ErrorCode::FullTooEarly),
                (
                    4,
                    Some(Field::FullMembershipDate),
                    ErrorCode::ProbationaryWithFullDate
                ),
                (5, Some(Field::AdmissionDate), ErrorCode::ProbationExpired),
                (
                    6,
                    Some(Field::FullMembershipDate),
                    ErrorCode::FullDateMissing
                ),
                (7, Some(Field::AdmissionDate), ErrorCode::FutureDate),
            ]
        );
        assert_eq!(batch.members.len(), 1);
        assert_eq!(batch.members[0].card_number, "20000007");
    }

    #[test]
    fn duplicates_in_the_file_and_in_the_database() {
        let units = sheet(
            Sheet::Units,
            &[
                &["N1", "Chi bộ A", "Chi bộ cơ sở", "B", ""],
                &["N1", "Chi bộ B", "Chi bộ cơ sở", "B", ""],
                &["C1", "Đảng bộ trùng", "Đảng bộ cơ sở", "B", ""],
            ],
        );
        let members = sheet(
            Sheet::Members,
            &[
                &member("20000001", "N1"),
                &member("20000001", "N1"),
                &member("10000001", "C1.1"),
            ],
        );
        let (report, batch) = check(&[units, members], &existing(), today(), &anywhere);
        assert_eq!(
            codes(&report),
            vec![
                (3, Some(Field::UnitCode), ErrorCode::DuplicateInFile),
                (4, Some(Field::UnitCode), ErrorCode::ExistsInDatabase),
                (3, Some(Field::CardNumber), ErrorCode::DuplicateInFile),
                (4, Some(Field::CardNumber), ErrorCode::ExistsInDatabase),
            ]
        );
        assert_eq!(batch.units.len(), 1);
        assert_eq!(batch.members.len(), 1);
    }

    #[test]
    fn parents_must_exist_allow_the_kind_and_be_valid() {
        let units = sheet(
            Sheet::Units,
            &[
                // A cell straight under the bloc: not allowed.
                &["X1", "Chi bộ lạc", "Chi bộ trực thuộc", "B", ""],
                // Unknown parent.
                &["X2", "Chi bộ mồ côi", "Chi bộ trực thuộc", "KHONG", ""],
                // Under a dissolved unit.
                &["X3", "Tổ cũ", "Tổ đảng", "OLD", ""],
                // Under an invalid row of the file (bad date).
                &["X4", "Đảng bộ hỏng", "Đảng bộ cơ sở", "B", "99/99/2020"],
                &["X5", "Chi bộ con", "Chi bộ trực thuộc", "X4", ""],
                // A loop.
                &["L1", "Chi bộ vòng 1", "Chi bộ trực thuộc", "L2", ""],
                &["L2", "Đảng bộ vòng 2", "Đảng bộ bộ phận", "L1", ""],
            ],
        );
        let members = sheet(
            Sheet::Members,
            &[
                &member("20000001", "X5"),
                &member("20000002", "C1"),
                &member("20000003", "NOWHERE"),
            ],
        );
        let (report, batch) = check(&[units, members], &existing(), today(), &anywhere);
        assert_eq!(
            codes(&report),
            vec![
                (2, Some(Field::UnitKind), ErrorCode::ParentNotAllowed),
                (3, Some(Field::ParentCode), ErrorCode::UnknownParent),
                (4, Some(Field::ParentCode), ErrorCode::UnknownParent),
                (5, Some(Field::Founded), ErrorCode::BadDate),
                (6, Some(Field::ParentCode), ErrorCode::ParentRowInvalid),
                (7, Some(Field::ParentCode), ErrorCode::ParentCycle),
                (8, Some(Field::ParentCode), ErrorCode::ParentCycle),
                (2, Some(Field::CellCode), ErrorCode::CellRowInvalid),
                (3, Some(Field::CellCode), ErrorCode::NotACell),
                (4, Some(Field::CellCode), ErrorCode::UnknownCell),
            ]
        );
        assert!(batch.is_empty());
    }

    #[test]
    fn rows_outside_the_actors_scope_are_refused() {
        let units = sheet(
            Sheet::Units,
            &[
                &["N1", "Chi bộ mới", "Chi bộ trực thuộc", "C1", ""],
                &["N2", "Chi bộ cơ sở mới", "Chi bộ cơ sở", "B", ""],
            ],
        );
        let members = sheet(
            Sheet::Members,
            &[&member("20000001", "N1"), &member("20000002", "N2")],
        );
        // Only the committee /1/2/ is the actor's.
        let committee_only = |_: UnitKind, path: &str| path.starts_with("/1/2/");
        let (report, batch) = check(&[units, members], &existing(), today(), &committee_only);
        assert_eq!(
            codes(&report),
            vec![
                (3, Some(Field::ParentCode), ErrorCode::OutOfScope),
                (3, Some(Field::CellCode), ErrorCode::CellRowInvalid),
            ]
        );
        assert_eq!(batch.units.len(), 1);
        assert_eq!(batch.members.len(), 1);
        assert_eq!(batch.scope_path.as_deref(), Some("/1/2/"));
    }

    #[test]
    fn missing_columns_fail_the_sheet_once() {
        let mut members = sheet(
            Sheet::Members,
            &[&member("20000001", "C1.1"), &member("20000002", "C1.1")],
        );
        members.headers[4] = "Quê quán".into();
        members.headers.insert(0, "STT".into());
        for (_, cells) in &mut members.rows {
            cells.insert(0, RawCell::Number(1.0));
        }
        let file = read(&[members], today());
        assert_eq!(
            file.errors
                .iter()
                .map(|e| (e.row, e.column, e.code))
                .collect::<Vec<_>>(),
            vec![(1, Some(Field::BirthDate), ErrorCode::MissingColumn)]
        );
        assert_eq!(file.bad_member_rows.len(), 2);
        assert_eq!(
            file.ignored_columns,
            vec![(Sheet::Members, "Quê quán".to_string())]
        );
        let nothing = read(&[RawSheet::default()], today());
        assert_eq!(nothing.errors[0].code, ErrorCode::NoData);
    }

    #[test]
    fn spreadsheet_cells_numbers_and_dates() {
        let mut s = sheet(Sheet::Members, &[&member("", "C1.1")]);
        let cells = &mut s.rows[0].1;
        cells[0] = RawCell::Number(20000001.0);
        cells[4] = RawCell::Number(excel_serial(d(1980, 1, 1)));
        cells[5] = RawCell::Date(d(2005, 6, 15));
        let (report, batch) = check(&[s], &existing(), today(), &anywhere);
        assert!(report.is_clean(), "{:?}", report.errors);
        assert_eq!(batch.members[0].card_number, "20000001");
        assert_eq!(batch.members[0].birth_date, d(1980, 1, 1));
    }

    #[test]
    fn a_recheck_finds_what_changed_meanwhile() {
        let members = sheet(Sheet::Members, &[&member("20000001", "C1.1")]);
        let (_, batch) = check(&[members], &existing(), today(), &anywhere);
        let (report, _) = recheck(&batch, &existing(), &anywhere);
        assert!(report.is_clean());
        let mut now = existing();
        now.card_numbers.insert("20000001".into());
        let (report, again) = recheck(&batch, &now, &anywhere);
        assert_eq!(report.errors[0].code, ErrorCode::ExistsInDatabase);
        assert!(again.is_empty());
    }

    #[test]
    fn common_paths() {
        let p = |v: &[&str]| {
            let owned: Vec<String> = v.iter().map(|s| s.to_string()).collect();
            common_path(owned.iter())
        };
        assert_eq!(p(&["/1/2/3/", "/1/2/4/"]), Some("/1/2/".into()));
        assert_eq!(p(&["/1/2/3/", "/1/5/"]), Some("/1/".into()));
        assert_eq!(p(&["/1/2/"]), Some("/1/2/".into()));
        assert_eq!(p(&["/1/2/", "/7/"]), None);
        assert_eq!(p(&[]), None);
    }

    #[test]
    fn the_template_rows_read_back() {
        for s in [Sheet::Units, Sheet::Members] {
            let (headers, example) = template_rows(s);
            assert_eq!(headers.len(), example.len());
            let raw = RawSheet {
                name: s.title_vi().into(),
                headers: headers.iter().map(|h| h.to_string()).collect(),
                rows: vec![text_row(2, &example)],
            };
            let file = read(&[raw], today());
            assert!(file.errors.is_empty(), "{:?}", file.errors);
        }
    }

    fn date_strategy() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    proptest! {
        #[test]
        fn every_date_form_reads_back(date in date_strategy()) {
            prop_assert_eq!(parse_date(&RawCell::Text(format_date(date))), Some(date));
            prop_assert_eq!(parse_date(&RawCell::Text(date.to_string())), Some(date));
            prop_assert_eq!(parse_date(&RawCell::Number(excel_serial(date))), Some(date));
        }

        #[test]
        fn headers_match_in_any_case_and_normal_form(i in 0usize..13, upper in proptest::bool::ANY, nfd in proptest::bool::ANY) {
            use unicode_normalization::UnicodeNormalization;
            let f = Field::MEMBERS[i];
            let mut h = if upper { f.header_vi().to_uppercase() } else { f.header_vi().to_lowercase() };
            if nfd {
                h = h.nfd().collect();
            }
            prop_assert_eq!(Field::from_header(Sheet::Members, &format!("  {h} * ")), Some(f));
        }

        #[test]
        fn card_numbers_are_eight_digits(card in "[0-9 a-z]{0,11}") {
            let members = sheet(Sheet::Members, &[&member(&card, "C1.1")]);
            let (report, batch) = check(&[members], &existing(), today(), &anywhere);
            let compact: String = card.chars().filter(|c| !c.is_whitespace()).collect();
            let valid = compact.len() == 8 && compact.bytes().all(|b| b.is_ascii_digit()) && compact != "10000001";
            prop_assert_eq!(batch.members.len() == 1, valid);
            prop_assert_eq!(report.is_clean(), valid);
        }

        /// Whatever the cells, the check never panics, valid and invalid rows
        /// add up, and a row is in the batch exactly when no error names it.
        #[test]
        fn rows_are_either_in_the_batch_or_reported(
            rows in proptest::collection::vec(
                (
                    prop_oneof!["N[0-3]", "C1", "C1\\.1", "B", "OLD", "", "x y"],
                    prop_oneof!["N[0-3]", "C1", "C1\\.1", "B", "OLD", "ZZ"],
                    prop_oneof![Just("Chi bộ cơ sở"), Just("Chi bộ trực thuộc"), Just("Đảng bộ cơ sở"), Just("Tổ đảng"), Just("?")],
                ),
                0..8,
            ),
            cards in proptest::collection::vec(
                (prop_oneof!["2000000[0-5]", "10000001", "123"], prop_oneof!["N[0-3]", "C1\\.1", "C1", "ZZ"], 0usize..3),
                0..8,
            ),
        ) {
            let unit_rows: Vec<Vec<String>> = rows
                .iter()
                .enumerate()
                .map(|(i, (code, parent, kind))| {
                    vec![code.clone(), format!("Đơn vị {i}"), kind.to_string(), parent.clone(), String::new()]
                })
                .collect();
            let member_rows: Vec<Vec<String>> = cards
                .iter()
                .map(|(card, cell, status)| {
                    let mut m: Vec<String> = member(card, cell).into_iter().map(String::from).collect();
                    if *status == 1 {
                        m[7] = "Dự bị".into();
                    } else if *status == 2 {
                        m[4] = "bad".into();
                    }
                    m
                })
                .collect();
            fn as_refs(rows: &[Vec<String>]) -> Vec<Vec<&str>> {
                rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect()
            }
            let u = as_refs(&unit_rows);
            let m = as_refs(&member_rows);
            let units = sheet(Sheet::Units, &u.iter().map(Vec::as_slice).collect::<Vec<_>>());
            let members = sheet(Sheet::Members, &m.iter().map(Vec::as_slice).collect::<Vec<_>>());
            let (report, batch) = check(&[units, members], &existing(), today(), &anywhere);
            prop_assert_eq!(report.units_total, rows.len());
            prop_assert_eq!(report.members_total, cards.len());
            prop_assert_eq!(report.units_valid, batch.units.len());
            prop_assert_eq!(report.members_valid, batch.members.len());
            for u in &batch.units {
                prop_assert!(!report.errors.iter().any(|e| e.sheet == Sheet::Units && e.row == u.row));
            }
            for m in &batch.members {
                prop_assert!(!report.errors.iter().any(|e| e.sheet == Sheet::Members && e.row == m.row));
            }
            let reported_units: HashSet<u32> = report.errors.iter().filter(|e| e.sheet == Sheet::Units).map(|e| e.row).collect();
            prop_assert_eq!(reported_units.len() + batch.units.len(), rows.len());
            let reported_members: HashSet<u32> = report.errors.iter().filter(|e| e.sheet == Sheet::Members).map(|e| e.row).collect();
            prop_assert_eq!(reported_members.len() + batch.members.len(), cards.len());
            // The batch is consistent: every parent and cell exists or comes earlier.
            let mut known: HashSet<String> = existing().units.into_iter().filter(|(_, u)| u.current).map(|(c, _)| c).collect();
            for u in &batch.units {
                prop_assert!(known.contains(&u.parent_code));
                known.insert(u.code.clone());
            }
            for m in &batch.members {
                prop_assert!(known.contains(&m.cell_code));
            }
            // A clean report re-checks clean.
            if report.is_clean() {
                let (again, same) = recheck(&batch, &existing(), &anywhere);
                prop_assert!(again.is_clean());
                prop_assert_eq!(same.rows(), batch.rows());
            }
        }
    }
}
