//! Cells as read from a file, and the values read from them: dates, the
//! names of kinds, genders and statuses, phone numbers and e-mails.

use super::*;

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

    pub(super) fn is_empty(&self) -> bool {
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

pub(super) fn parse_date_text(s: &str) -> Option<NaiveDate> {
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
pub(super) fn key(s: &str) -> String {
    fold(s)
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value whose name (as the app shows it, in either language), code or
/// one of its other usual names `s` is.
pub(super) fn by_name<T: Copy + Into<&'static str>>(
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

/// The names a column of listed values takes (unit kinds but the bloc,
/// genders, statuses) as the app shows them in `s`: the template's choices,
/// and what an error about such a value lists. `None` for other columns.
pub fn names_of(field: Field, s: &'static Strings) -> Option<Vec<&'static str>> {
    Some(match field {
        Field::UnitKind => UnitKind::ALL
            .into_iter()
            .filter(|k| *k != UnitKind::Bloc)
            .map(|k| labels::kind_label(k, s))
            .collect(),
        Field::Gender => [Gender::Male, Gender::Female]
            .map(|g| labels::gender_label(g, s))
            .to_vec(),
        Field::Status => MemberStatus::ALL
            .map(|m| labels::status_label(m, s))
            .to_vec(),
        _ => return None,
    })
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
