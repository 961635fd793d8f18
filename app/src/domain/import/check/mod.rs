//! Checking the rows against each other and the database, and the batch
//! the valid rows make: one [`Checker`] a file, its unit rows checked first
//! (`units`), then its member rows (`members`).

use super::*;

mod members;
mod units;

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
    let mut checker = Checker {
        file,
        existing,
        may_change,
        errors: file.errors.clone(),
        by_code: HashMap::new(),
        placed: HashMap::new(),
        failed: HashSet::new(),
    };
    let order = checker.check_units();
    let anchors: HashMap<&str, String> = order
        .iter()
        .filter_map(|(_, u)| {
            checker
                .placed
                .get(&u.code)
                .cloned()
                .flatten()
                .map(|p| (u.code.as_str(), p.anchor_path))
        })
        .collect();
    let units: Vec<UnitRow> = order.iter().map(|(_, u)| (*u).clone()).collect();
    let (members, member_anchors) = checker.check_members(&order, &anchors);
    checker.finish(
        units,
        members,
        anchors.values().chain(member_anchors.iter()),
    )
}

/// The checks of one file against the database, and what they found.
struct Checker<'a> {
    file: &'a ReadFile,
    existing: &'a Existing,
    may_change: &'a dyn Fn(UnitKind, &str) -> bool,
    errors: Vec<ImportError>,
    /// The file's new unit rows by code (the first row of a code wins).
    by_code: HashMap<&'a str, &'a UnitRow>,
    /// Where each unit row's chain of parents ends in an existing unit
    /// (`None`: it does not).
    placed: HashMap<String, Option<Placed>>,
    /// Codes of invalid unit rows: rows under them are invalid too. A code
    /// whose first row is valid stands for that row.
    failed: HashSet<String>,
}

/// A unit row's place: the existing unit its chain of parents ends in.
#[derive(Clone)]
struct Placed {
    anchor_path: String,
    /// Rows of the file between it and that unit, itself included.
    depth: usize,
}

impl<'a> Checker<'a> {
    fn err(&mut self, sheet: Sheet, row: u32, column: Field, code: ErrorCode, value: &str) {
        self.errors.push(ImportError {
            sheet,
            row,
            column: Some(column),
            code,
            value: value.to_string(),
        });
    }

    /// The report (errors in file order: sheet, row, column) and the batch.
    fn finish<'p>(
        mut self,
        units: Vec<UnitRow>,
        members: Vec<MemberRow>,
        anchors: impl Iterator<Item = &'p String>,
    ) -> (Report, Batch) {
        self.errors.sort_by_key(|e| {
            (
                e.sheet == Sheet::Members,
                e.row,
                e.column
                    .and_then(|c| e.sheet.fields().iter().position(|f| *f == c))
                    .unwrap_or(usize::MAX),
            )
        });
        self.errors.dedup();
        let report = Report {
            units_total: self.file.units_total,
            units_valid: units.len(),
            members_total: self.file.members_total,
            members_valid: members.len(),
            errors: self.errors,
            ignored_columns: self.file.ignored_columns.clone(),
        };
        let scope_path = common_path(anchors);
        (
            report,
            Batch {
                units,
                members,
                scope_path,
            },
        )
    }
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
