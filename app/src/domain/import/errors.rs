//! What can be wrong with a value, a row or the file.

use super::*;

/// What went wrong with a value, a row or the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
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
