//! Reading a file's sheets into rows, each checked on its own.

use super::*;

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

pub(super) struct RowReader<'a> {
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

pub(super) fn read_unit(r: &mut RowReader<'_>) -> Option<UnitRow> {
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

pub(super) fn read_member(r: &mut RowReader<'_>) -> Option<MemberRow> {
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
