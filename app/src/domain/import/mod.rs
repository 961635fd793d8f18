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

mod cells;
mod check;
mod columns;
mod errors;
mod read;
#[cfg(test)]
mod tests;

pub use cells::*;
pub use check::*;
pub use columns::*;
pub use errors::*;
pub use read::*;

/// The largest upload the server accepts.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Rows per sheet; more is refused as a whole (split the file).
pub const MAX_ROWS: usize = 100_000;
/// Longest unit code.
pub const MAX_CODE_CHARS: usize = 32;
/// Longest name or other free text.
pub const MAX_TEXT_CHARS: usize = 200;
