//! Import of units and members from XLSX and CSV, on the web page
//! `/nhap-du-lieu` and as `dangbo import FILE`. Reading the file is here
//! (`parse`); every check is in `app::domain::import`; the write, in one
//! transaction with its audit entry, is `ImportStore::apply_import`.

pub mod cli;
pub mod parse;
pub mod template;
pub mod web;

pub use web::routes;

use app::domain::UnitKind;
use app::domain::import::{Batch, Report, lookups, read, validate};
use app::store::{DynStore, StoreError};
use parse::FileError;

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads `bytes` and checks every row against the file and the database;
/// `may_change(kind, path)` says where the importer may add units and
/// members. Reading runs off the async workers (a large file takes a while).
pub async fn check(
    store: &DynStore,
    bytes: Vec<u8>,
    today: chrono::NaiveDate,
    may_change: &(dyn Fn(UnitKind, &str) -> bool + Sync),
) -> Result<(Report, Batch), CheckError> {
    let file = tokio::task::spawn_blocking(move || {
        parse::read_file(bytes).map(|sheets| read(&sheets, today))
    })
    .await
    .map_err(|e| FileError::Unreadable(e.to_string()))??;
    let (codes, cards) = lookups(&file);
    let existing = store.import_lookup(&codes, &cards).await?;
    Ok(validate(&file, &existing, may_change))
}
