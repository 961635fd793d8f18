//! The report of a checked file: what it would change, its errors, the confirmation.

use super::{
    Phase, ProgressLine, counted, error_message, field_label, sheet_label, units_and_members,
};
use crate::api::import::{IMPORT_PAGE, Pending};
use crate::domain::import::{ImportError, Sheet};
use crate::domain::numfmt;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

#[component]
pub(super) fn PendingReport(pending: Pending, phase: RwSignal<Phase>) -> impl IntoView {
    let locale = use_locale();
    let r = pending.report.clone();
    let (units_total, units_valid) = (r.units_total as i64, r.units_valid as i64);
    let (members_total, members_valid) = (r.members_total as i64, r.members_valid as i64);
    let error_count = pending.error_count as i64;
    let invalid_rows = r.invalid_rows() as i64;
    let shown = r.errors.len() as i64;
    let valid = units_valid + members_valid;
    let file = pending.file_name.clone();
    let ignored = (!r.ignored_columns.is_empty()).then(|| {
        let columns = r
            .ignored_columns
            .iter()
            .map(|(_, c)| format!("«{c}»"))
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p class="muted">{move || fill(t().import_ignored_columns, &[("columns", &columns)])}</p> }
    });
    let count = move |n: i64| numfmt::count(n, locale.get());
    let counts = view! {
        <ul class="import-counts">
            {(units_total > 0).then(|| view! {
                <li data-sheet="units" class:has-errors=units_valid < units_total>
                    {move || fill(
                        t().import_count_units,
                        &[("valid", &count(units_valid)), ("total", &count(units_total))],
                    )}
                </li>
            })}
            {(members_total > 0).then(|| view! {
                <li data-sheet="members" class:has-errors=members_valid < members_total>
                    {move || fill(
                        t().import_count_members,
                        &[("valid", &count(members_valid)), ("total", &count(members_total))],
                    )}
                </li>
            })}
        </ul>
    };
    let summary = if error_count == 0 {
        view! { <p class="import-verdict ok">{move || t().import_no_errors}</p> }.into_any()
    } else {
        view! {
            <p class="import-verdict bad">
                {move || {
                    let (s, l) = (t(), locale.get());
                    let errors = counted(s.import_n_errors_one, s.import_n_errors, error_count, l);
                    let rows = counted(s.import_n_rows_one, s.import_n_rows, invalid_rows, l);
                    fill(s.import_errors_summary, &[("errors", &errors), ("rows", &rows)])
                }}
            </p>
        }
        .into_any()
    };
    let truncated = (shown < error_count).then(|| {
        view! {
            <p class="muted">
                {move || fill(
                    t().import_errors_truncated,
                    &[("shown", &count(shown)), ("n", &count(error_count))],
                )}
            </p>
        }
    });
    let table = (!r.errors.is_empty()).then(|| view! { <ErrorTable errors=r.errors.clone()/> });
    let token = pending.token.clone();
    let (u, m) = (units_valid, members_valid);
    let actions = if valid == 0 {
        view! { <p class="notice">{move || t().import_nothing_valid}</p> }.into_any()
    } else if error_count == 0 {
        view! {
            <ConfirmImport
                token=token.clone()
                mode="tat-ca"
                label=Signal::derive(move || t().import_import_all.to_string())
                question=Signal::derive(move || {
                    let what = units_and_members(t(), u, m, locale.get());
                    fill(t().import_import_all_confirm, &[("what", &what)])
                })
                phase
            />
        }
        .into_any()
    } else {
        view! {
            <ConfirmImport
                token=token.clone()
                mode="hop-le"
                label=Signal::derive(move || t().import_import_valid.to_string())
                question=Signal::derive(move || {
                    let (s, l) = (t(), locale.get());
                    let what = units_and_members(s, u, m, l);
                    let skipped = counted(s.import_n_rows_one, s.import_n_rows, invalid_rows, l);
                    fill(s.import_import_valid_confirm, &[("what", &what), ("skipped", &skipped)])
                })
                phase
            />
        }
        .into_any()
    };
    view! {
        <section class="import-report" aria-labelledby="import-report-title">
            <h2 id="import-report-title">{move || fill(t().import_report_title, &[("file", &file)])}</h2>
            {counts}
            {summary}
            {ignored}
            {truncated}
            {table}
            <div class="import-actions">
                {actions}
                <form method="post" action=IMPORT_PAGE class="inline-form">
                    <input type="hidden" name="token" value=token/>
                    <input type="hidden" name="mode" value="huy"/>
                    <button type="submit" class="link-button import-cancel">{move || t().import_cancel}</button>
                </form>
            </div>
        </section>
    }
}

#[component]
pub(super) fn ErrorTable(errors: Vec<ImportError>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="table-wrap">
            <table class="data-table import-errors">
                <caption>{move || t().import_errors_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t().import_col_sheet}</th>
                        <th scope="col">{move || t().import_col_row}</th>
                        <th scope="col">{move || t().import_col_column}</th>
                        <th scope="col">{move || t().import_col_value}</th>
                        <th scope="col">{move || t().import_col_message}</th>
                    </tr>
                </thead>
                <tbody>
                    {errors
                        .into_iter()
                        .map(|e| {
                            let row = e.row;
                            let column = e.column;
                            let code = e.code;
                            let sheet = e.sheet;
                            let sheet_key = match sheet {
                                Sheet::Units => "units",
                                Sheet::Members => "members",
                            };
                            view! {
                                <tr
                                    data-sheet=sheet_key
                                    data-row=row.to_string()
                                    data-column=column.map(|c| c.as_str()).unwrap_or("")
                                    data-code=code.as_str()
                                >
                                    <td data-label=move || t().import_col_sheet>{move || sheet_label(t(), sheet)}</td>
                                    <td data-label=move || t().import_col_row class="nowrap">
                                        {move || {
                                            if row == 0 {
                                                t().import_whole_file.to_string()
                                            } else {
                                                numfmt::count(i64::from(row), locale.get())
                                            }
                                        }}
                                    </td>
                                    <td data-label=move || t().import_col_column>
                                        {move || column.map(|c| field_label(t(), c)).unwrap_or("")}
                                    </td>
                                    <td data-label=move || t().import_col_value class="import-value">
                                        <code>{e.value}</code>
                                    </td>
                                    <td data-label=move || t().import_col_message>{move || error_message(t(), code)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A button that first asks (a disclosure holding the real one: no script
/// needed), then posts the confirmation.
#[component]
pub(super) fn ConfirmImport(
    token: String,
    mode: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] question: Signal<String>,
    phase: RwSignal<Phase>,
) -> impl IntoView {
    view! {
        <details class="import-confirm">
            <summary class="button">{label}</summary>
            <form
                method="post"
                action=IMPORT_PAGE
                class="confirm-box"
                on:submit=move |_| phase.set(Phase::Writing)
            >
                <p>{question}</p>
                <input type="hidden" name="token" value=token/>
                <input type="hidden" name="mode" value=mode/>
                <button type="submit" class="button">{move || t().import_confirm}</button>
                <ProgressLine phase only_writing=true/>
            </form>
        </details>
    }
}
