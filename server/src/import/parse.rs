//! Reading an uploaded file into sheets of raw cells: CSV (UTF-8, with or
//! without a byte-order mark, or the UTF-16 "Unicode text" Excel exports;
//! comma, semicolon or tab) and XLSX (every sheet; dates as dates).
//!
//! XLSX sheets are read cell by cell as they stream out of the archive, with
//! caps on rows and columns, so that a sheet declaring a huge range costs
//! nothing; the whole-range API would allocate the declared rectangle.

use app::domain::import::{MAX_ROWS, RawCell, RawSheet};
use calamine::{DataRef, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;

/// Columns read per row; the templates use 13.
const MAX_COLUMNS: u32 = 64;
/// What the parts of an XLSX archive may add up to once unpacked. Real
/// sheets of 100,000 rows stay well under it; a "ZIP bomb" does not (the
/// reader keeps the shared strings in memory).
const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FileError {
    /// Neither an XLSX archive nor text.
    #[error("the file is neither XLSX nor CSV")]
    Format,
    #[error("the CSV file is not UTF-8")]
    Encoding,
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
    #[error("the file is empty")]
    Empty,
    /// Unpacked, the archive would be too large.
    #[error("the file unpacks to more than {} MB", MAX_UNPACKED_BYTES / 1024 / 1024)]
    TooLarge,
}

impl FileError {
    /// The code the import page turns into a sentence (`?loi=`).
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Format => "dinh_dang",
            FileError::Encoding => "ma_hoa",
            FileError::Unreadable(_) => "khong_doc_duoc",
            FileError::Empty => "tep_rong",
            FileError::TooLarge => "giai_nen",
        }
    }
}

/// The sheets of a file, by its content (an XLSX file is a ZIP archive),
/// whatever its name says.
pub fn read_file(bytes: Vec<u8>) -> Result<Vec<RawSheet>, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes);
    }
    // Legacy .xls (OLE compound file): say so rather than read garbage.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FileError::Format);
    }
    Ok(vec![read_csv(&bytes)?])
}

pub fn read_csv(bytes: &[u8]) -> Result<RawSheet, FileError> {
    let text = decode(bytes)?;
    let mut text = text.as_str();
    // Excel's "sep=;" first line names the separator.
    let mut delimiter = None;
    if let Some(rest) = text.strip_prefix("sep=") {
        let mut chars = rest.chars();
        if let Some(c) = chars.next().filter(char::is_ascii) {
            delimiter = Some(c as u8);
            text = chars.as_str().trim_start_matches(['\r', '\n']);
        }
    }
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = delimiter.unwrap_or_else(|| {
        [b',', b';', b'\t']
            .into_iter()
            .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
            .unwrap_or(b',')
    });
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut sheet = RawSheet {
        name: "CSV".into(),
        ..Default::default()
    };
    let mut header_seen = false;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| FileError::Unreadable(e.to_string()))?;
        // Spreadsheets number rows from 1: the header is row 1 when it
        // opens the file.
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let cells: Vec<RawCell> = record
            .iter()
            .map(|v| {
                if v.trim().is_empty() {
                    RawCell::Empty
                } else {
                    RawCell::Text(v.to_string())
                }
            })
            .collect();
        if !header_seen {
            if cells.iter().all(|c| *c == RawCell::Empty) {
                continue;
            }
            sheet.headers = record.iter().map(str::to_string).collect();
            header_seen = true;
            continue;
        }
        if sheet.rows.len() > MAX_ROWS {
            // Enough to say "too many rows"; the rest is not read.
            break;
        }
        sheet.rows.push((row, cells));
    }
    if !header_seen {
        return Err(FileError::Empty);
    }
    Ok(sheet)
}

/// UTF-8 (a byte-order mark is dropped) or UTF-16 with its mark.
fn decode(bytes: &[u8]) -> Result<String, FileError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).map_err(|_| FileError::Encoding);
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| FileError::Encoding)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    if bytes.contains(&0) {
        return Err(FileError::Format);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| FileError::Encoding)
}

/// The unpacked size the archive's central directory declares for all its
/// parts; `None` when it cannot be read (or uses ZIP64, which no sheet of
/// ours needs). A lying directory is not caught here, only a plain one.
fn declared_unpacked_size(zip: &[u8]) -> Option<u64> {
    let u16_at = |at: usize| Some(u16::from_le_bytes(zip.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_le_bytes(zip.get(at..at + 4)?.try_into().ok()?));
    // The end-of-central-directory record: 22 bytes and a comment of at most 64 KB.
    let lowest = zip.len().saturating_sub(22 + 0xFFFF);
    let end = (lowest..=zip.len().checked_sub(22)?)
        .rev()
        .find(|&at| u32_at(at) == Some(0x0605_4b50))?;
    let entries = u16_at(end + 10)?;
    let mut at = u32_at(end + 16)? as usize;
    let mut total = 0u64;
    for _ in 0..entries {
        if u32_at(at)? != 0x0201_4b50 {
            return None;
        }
        let size = u32_at(at + 24)?;
        if size == u32::MAX {
            return None;
        }
        total += u64::from(size);
        at += 46
            + usize::from(u16_at(at + 28)?)
            + usize::from(u16_at(at + 30)?)
            + usize::from(u16_at(at + 32)?);
    }
    Some(total)
}

pub fn read_xlsx(bytes: Vec<u8>) -> Result<Vec<RawSheet>, FileError> {
    match declared_unpacked_size(&bytes) {
        Some(size) if size <= MAX_UNPACKED_BYTES => {}
        Some(_) => return Err(FileError::TooLarge),
        None => return Err(FileError::Unreadable("no readable ZIP directory".into())),
    }
    let unreadable = |e: calamine::XlsxError| FileError::Unreadable(e.to_string());
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
        let mut grid: BTreeMap<u32, Vec<RawCell>> = BTreeMap::new();
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let (row, col) = cell.get_position();
            if col >= MAX_COLUMNS {
                continue;
            }
            let value = raw(cell.get_value());
            if value == RawCell::Empty {
                continue;
            }
            if !grid.contains_key(&row) && grid.len() > MAX_ROWS + 1 {
                // Too many rows already to be imported; stop reading.
                break;
            }
            let line = grid.entry(row).or_default();
            if line.len() <= col as usize {
                line.resize(col as usize + 1, RawCell::Empty);
            }
            line[col as usize] = value;
        }
        let mut rows = grid.into_iter();
        // The first non-empty row holds the headers.
        let Some((_, header)) = rows.next() else {
            continue;
        };
        sheets.push(RawSheet {
            name,
            headers: header.iter().map(RawCell::display).collect(),
            rows: rows
                .map(|(r, cells)| (r.saturating_add(1), cells))
                .collect(),
        });
    }
    Ok(sheets)
}

fn raw(value: &DataRef<'_>) -> RawCell {
    match value {
        DataRef::Empty => RawCell::Empty,
        DataRef::Int(i) => RawCell::Number(*i as f64),
        DataRef::Float(f) => RawCell::Number(*f),
        DataRef::String(s) if s.trim().is_empty() => RawCell::Empty,
        DataRef::String(s) => RawCell::Text(s.clone()),
        DataRef::SharedString(s) if s.trim().is_empty() => RawCell::Empty,
        DataRef::SharedString(s) => RawCell::Text((*s).to_string()),
        DataRef::Bool(b) => RawCell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .map_or(RawCell::Number(dt.as_f64()), RawCell::Date)
        }
        DataRef::DateTime(dt) => RawCell::Number(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => RawCell::Text(s.clone()),
        DataRef::Error(e) => RawCell::Text(format!("#{e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_separators_and_encodings() {
        let comma = "Số thẻ đảng viên,Họ và tên\n12345678,\"Lê, Văn A\"\n\n";
        let sheet = read_csv(comma.as_bytes()).unwrap();
        assert_eq!(sheet.headers, ["Số thẻ đảng viên", "Họ và tên"]);
        assert_eq!(
            sheet.rows[0],
            (
                2,
                vec![
                    RawCell::Text("12345678".into()),
                    RawCell::Text("Lê, Văn A".into())
                ]
            )
        );
        let semi = "\u{feff}Mã đơn vị;Tên đơn vị\nA;Chi bộ A\n";
        let sheet = read_csv(semi.as_bytes()).unwrap();
        assert_eq!(sheet.headers, ["Mã đơn vị", "Tên đơn vị"]);
        assert_eq!(sheet.rows[0].1[1], RawCell::Text("Chi bộ A".into()));
        let sep = "sep=;\r\nMã đơn vị;Tên\nA;B\n";
        assert_eq!(
            read_csv(sep.as_bytes()).unwrap().headers,
            ["Mã đơn vị", "Tên"]
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Mã\tTên\nA\tB\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let sheet = read_csv(&utf16).unwrap();
        assert_eq!(sheet.headers, ["Mã", "Tên"]);
        // Windows-1258 bytes are not UTF-8.
        assert_eq!(
            read_csv(b"M\xe3 \xf0\xe1n v\xec\n"),
            Err(FileError::Encoding)
        );
        assert_eq!(read_file(Vec::new()), Err(FileError::Empty));
        assert_eq!(
            read_file(vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0]),
            Err(FileError::Format)
        );
    }

    #[test]
    fn archives_that_unpack_too_large_are_refused() {
        let mut bytes = super::super::template::xlsx().unwrap();
        let size = declared_unpacked_size(&bytes).unwrap();
        assert!(size > 0 && size < 1024 * 1024, "{size}");
        // Declare 1 GB for the first part of the central directory.
        let end = (0..bytes.len() - 21)
            .rev()
            .find(|&at| bytes[at..at + 4] == [0x50, 0x4b, 0x05, 0x06])
            .unwrap();
        let dir = u32::from_le_bytes(bytes[end + 16..end + 20].try_into().unwrap()) as usize;
        bytes[dir + 24..dir + 28].copy_from_slice(&(1u32 << 30).to_le_bytes());
        assert_eq!(read_file(bytes), Err(FileError::TooLarge));
        assert!(matches!(
            read_file(b"PK\x03\x04 not really".to_vec()),
            Err(FileError::Unreadable(_))
        ));
    }

    #[test]
    fn the_xlsx_template_reads_back_as_two_sheets_and_notes() {
        use app::domain::import::{Sheet, sheet_kind};
        let bytes = super::super::template::xlsx().unwrap();
        let sheets = read_file(bytes).unwrap();
        let kinds: Vec<_> = sheets.iter().map(|s| sheet_kind(&s.headers)).collect();
        assert_eq!(kinds, [Some(Sheet::Units), Some(Sheet::Members), None]);
        // The example rows: row 2, dates as dates.
        let members = &sheets[1];
        assert_eq!(members.rows[0].0, 2);
        assert!(matches!(members.rows[0].1[4], RawCell::Date(_)));
        assert_eq!(members.rows[0].1[0], RawCell::Text("12345678".into()));
    }
}
