//! `dangbo import FILE [--valid-rows-only] [--dry-run]`: the same checks and
//! the same write as the web page, with the report on the terminal (in
//! English) and progress bars. Whoever runs it has the database in hand, so
//! the command acts for the organisation as a whole (like `dangbo demo`);
//! the audit entry names the command.

use crate::commands::CommandError;
use app::domain::Locale;
use app::domain::import::{Batch, Report, Sheet};
use app::store::DynStore;
use app::store::model::AuditEntry;
use app::ui::i18n::{Strings, strings};
use app::ui::pages::import::{error_message, field_label, sheet_label};
use indicatif::{ProgressBar, ProgressStyle};
use std::fmt::Write;
use std::path::PathBuf;
use std::time::Duration;

pub struct ImportOptions {
    pub file: PathBuf,
    /// Write the valid rows of a file that has errors.
    pub valid_rows_only: bool,
    /// Check and report only.
    pub dry_run: bool,
}

/// What was written (nothing for a dry run).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    pub units: u64,
    pub members: u64,
}

pub async fn run(store: &DynStore, opts: &ImportOptions) -> Result<Imported, CommandError> {
    let name = opts
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| opts.file.display().to_string());
    let bytes = tokio::fs::read(&opts.file)
        .await
        .map_err(|e| CommandError::Usage(format!("{}: {e}", opts.file.display())))?;
    let checking = ProgressBar::new_spinner();
    checking.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    checking.set_message(format!("reading and checking {name}"));
    checking.enable_steady_tick(Duration::from_millis(120));
    let today = chrono::Utc::now().date_naive();
    let checked = super::check(store, bytes, today, &|_, _| true).await;
    checking.finish_and_clear();
    let (report, batch) = checked.map_err(|e| match e {
        super::CheckError::File(e) => CommandError::Usage(format!("{name}: {e}")),
        super::CheckError::Store(e) => CommandError::Store(e),
    })?;
    print!("{}", report_text(&name, &report, strings(Locale::En)));
    if !report.is_clean() && !opts.valid_rows_only {
        return Err(CommandError::Usage(format!(
            "nothing written: {}. Fix the file, or pass --valid-rows-only to import the {}.",
            plural(report.errors.len(), "error"),
            plural(batch.rows(), "valid row")
        )));
    }
    if batch.is_empty() {
        println!("Nothing to import.");
        return Ok(Imported::default());
    }
    if opts.dry_run {
        println!(
            "Dry run: {} units and {} members would be imported; nothing written.",
            batch.units.len(),
            batch.members.len()
        );
        return Ok(Imported::default());
    }
    let written = write(store, &name, &report, &batch, today).await?;
    println!(
        "Imported {} units and {} members{}.",
        written.units,
        written.members,
        if report.is_clean() {
            String::new()
        } else {
            format!(
                "; {} with errors left out",
                plural(report.invalid_rows(), "row")
            )
        }
    );
    Ok(written)
}

async fn write(
    store: &DynStore,
    name: &str,
    report: &Report,
    batch: &Batch,
    today: chrono::NaiveDate,
) -> Result<Imported, CommandError> {
    let bar = ProgressBar::new(batch.rows() as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{prefix:>8} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} rows",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_prefix("write");
    let entry = AuditEntry::new(None, "dangbo import", "import.apply")
        .about("import", Some(name.to_string()))
        .after(serde_json::json!({
            "file": name,
            "mode": if report.is_clean() { "all" } else { "valid_rows" },
            "units": batch.units.len(),
            "members": batch.members.len(),
            "skipped_rows": report.invalid_rows(),
        }))
        .in_unit(batch.scope_path.clone());
    let outcome = store
        .apply_import(batch, today, &entry, &|done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await;
    bar.finish_and_clear();
    let outcome = outcome?;
    Ok(Imported {
        units: outcome.units,
        members: outcome.members,
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The report as lines of text: counts, then every error with its place.
pub fn report_text(name: &str, report: &Report, s: &'static Strings) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{name}:");
    if report.units_total > 0 {
        let _ = writeln!(
            out,
            "  units:   {} of {} rows valid",
            report.units_valid, report.units_total
        );
    }
    if report.members_total > 0 {
        let _ = writeln!(
            out,
            "  members: {} of {} rows valid",
            report.members_valid, report.members_total
        );
    }
    for (sheet, column) in &report.ignored_columns {
        let _ = writeln!(
            out,
            "  ignored column \"{column}\" ({})",
            sheet_label(s, *sheet)
        );
    }
    if report.errors.is_empty() {
        let _ = writeln!(out, "  no errors");
        return out;
    }
    let _ = writeln!(out, "  {}:", plural(report.errors.len(), "error"));
    for e in &report.errors {
        let sheet = match e.sheet {
            Sheet::Units => "units",
            Sheet::Members => "members",
        };
        let place = match (e.row, e.column) {
            (0, _) => format!("{sheet}, whole file"),
            (row, Some(c)) => format!("{sheet}, row {row}, {}", field_label(s, c)),
            (row, None) => format!("{sheet}, row {row}"),
        };
        let value = if e.value.is_empty() {
            String::new()
        } else {
            format!(" [{}]", e.value)
        };
        let _ = writeln!(out, "    {place}: {}{value}", error_message(s, e.code));
    }
    out
}
