//! The import page: what the two sheets hold, the templates, the upload
//! form, the check's report, and the confirmation. Every step is a plain
//! form post answered by a redirect (see `server::import::web`), so the page
//! works before and without WebAssembly; once hydrated, the upload is sent
//! by script so that its progress can be shown.

use crate::api::import::{
    Done, IMPORT_PAGE, ImportState, Pending, TEMPLATE_CSV_MEMBERS, TEMPLATE_CSV_UNITS,
    TEMPLATE_XLSX, can_import, import_page,
};
use crate::domain::import::{ErrorCode, Field, ImportError, Sheet, names_of};
use crate::domain::numfmt;
use crate::ui::components::{ErrorNotice, Field as FormField};
use crate::ui::i18n::{Strings, fill, page_title, t, use_locale};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

/// What the page is doing with the user's file (after hydration only: the
/// server-rendered page never leaves `Idle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Phase {
    Idle,
    /// Percent sent.
    Uploading(u8),
    /// Sent; the server is reading and checking it.
    Checking,
    /// The confirmation was sent; the server is writing.
    Writing,
    /// The upload did not get through.
    Failed(Failure),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Failure {
    TooLarge,
    Refused,
    Network,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let query = use_query_map();
    let data = page_resource(|| (), |_| import_page());
    view! {
        <Title text=page_title(|s| s.import_title.into())/>
        <header class="page-header">
            <h1>{move || t().import_title}</h1>
        </header>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let failure = query.with_untracked(|m| m.get("loi"));
                        view! { <Import data=d failure/> }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Import(data: ImportState, failure: Option<String>) -> impl IntoView {
    let phase = RwSignal::new(Phase::Idle);
    let failure = failure.map(|code| {
        view! {
            <div class="notice notice-error import-notice">
                <p role="alert">{move || failure_text(t(), &code)}</p>
            </div>
        }
    });
    let done = data.done.map(|d| view! { <DoneNotice done=d/> });
    let report = data
        .pending
        .map(|p| view! { <PendingReport pending=p phase/> });
    view! {
        {failure}
        {done}
        <p class="import-intro">{move || t().import_intro}</p>
        {report}
        <div class="import-grid">
            <UploadForm phase/>
            <Help/>
        </div>
    }
}

#[component]
fn DoneNotice(done: Done) -> impl IntoView {
    let locale = use_locale();
    let Done {
        file_name,
        units,
        members,
        skipped,
    } = done;
    view! {
        <div class="notice notice-ok import-done import-notice">
            <p role="status">
                {move || {
                    let what = units_and_members(t(), units as i64, members as i64, locale.get());
                    fill(t().import_done, &[("what", &what), ("file", &file_name)])
                }}
            </p>
            {(skipped > 0).then(|| view! {
                <p>
                    {move || {
                        let s = t();
                        let rows = counted(s.import_n_rows_one, s.import_n_rows, skipped as i64, locale.get());
                        fill(s.import_done_skipped, &[("rows", &rows)])
                    }}
                </p>
            })}
        </div>
    }
}

#[component]
fn PendingReport(pending: Pending, phase: RwSignal<Phase>) -> impl IntoView {
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
fn ErrorTable(errors: Vec<ImportError>) -> impl IntoView {
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
fn ConfirmImport(
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

#[component]
fn UploadForm(phase: RwSignal<Phase>) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            {
                ev.prevent_default();
                upload::send(&form, phase);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (ev, phase);
        }
    };
    let busy = move || {
        matches!(
            phase.get(),
            Phase::Uploading(_) | Phase::Checking | Phase::Writing
        )
    };
    view! {
        <section class="import-upload" aria-labelledby="import-upload-title">
            <h2 id="import-upload-title">{move || t().import_upload_title}</h2>
            <form
                class="form import-form"
                method="post"
                action=IMPORT_PAGE
                enctype="multipart/form-data"
                on:submit=on_submit
            >
                <FormField label=Signal::derive(move || t().import_file_label.to_string())>
                    <input
                        type="file"
                        name="tep"
                        required
                        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    />
                </FormField>
                <button type="submit" class="button" disabled=busy>{move || t().import_check_button}</button>
                <ProgressLine phase only_writing=false/>
            </form>
        </section>
    }
}

/// The upload's progress, the check under way, or why the upload failed;
/// read out by screen readers as it changes.
#[component]
fn ProgressLine(phase: RwSignal<Phase>, only_writing: bool) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="import-progress" role="status" aria-live="polite">
            {move || match phase.get() {
                Phase::Uploading(p) if !only_writing => {
                    let percent = numfmt::count(i64::from(p), locale.get());
                    view! {
                        <progress max="100" value=p.to_string()></progress>
                        <span>{fill(t().import_uploading, &[("percent", &percent)])}</span>
                    }
                    .into_any()
                }
                Phase::Checking if !only_writing => view! {
                    <progress></progress>
                    <span>{t().import_checking}</span>
                }
                .into_any(),
                Phase::Writing if only_writing => view! {
                    <progress></progress>
                    <span>{t().import_writing}</span>
                }
                .into_any(),
                Phase::Failed(failure) if !only_writing => {
                    let s = t();
                    let message = match failure {
                        Failure::TooLarge => s.import_fail_qua_lon,
                        Failure::Refused => s.error_forbidden,
                        Failure::Network => s.import_upload_failed,
                    };
                    view! { <span class="import-failed" role="alert">{message}</span> }.into_any()
                }
                _ => ().into_any(),
            }}
        </div>
    }
}

#[component]
fn Help() -> impl IntoView {
    view! {
        <section class="import-help" aria-labelledby="import-help-title">
            <h2 id="import-help-title">{move || t().import_how_title}</h2>
            <ul class="import-templates">
                <li>
                    <a href=TEMPLATE_XLSX download rel="external">{move || t().import_template_xlsx}</a>
                </li>
                <li>
                    <a href=TEMPLATE_CSV_MEMBERS download rel="external">{move || t().import_template_csv_members}</a>
                </li>
                <li>
                    <a href=TEMPLATE_CSV_UNITS download rel="external">{move || t().import_template_csv_units}</a>
                </li>
            </ul>
            <p>{move || t().import_how_units}</p>
            <p>{move || t().import_how_members}</p>
            <p class="muted">{move || t().import_how_rules}</p>
        </section>
    }
}

/// The navigation's link, for those the server lets import.
#[component]
pub fn ImportLink() -> impl IntoView {
    let allowed = page_resource(|| (), |_| can_import());
    let location = use_location();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                allowed.await.unwrap_or(false).then(|| view! {
                    <a
                        href=IMPORT_PAGE
                        aria-current=move || (location.pathname.get() == IMPORT_PAGE).then_some("page")
                    >
                        {move || t().import_nav}
                    </a>
                })
            })}
        </Suspense>
    }
}

/// "1 row", "3 rows" (Vietnamese has one form; English two).
fn counted(one: &str, many: &str, n: i64, locale: crate::domain::Locale) -> String {
    if n == 1 {
        one.to_string()
    } else {
        fill(many, &[("n", &numfmt::count(n, locale))])
    }
}

/// "2 units and 5 members", leaving out a count of zero.
fn units_and_members(
    s: &'static Strings,
    units: i64,
    members: i64,
    locale: crate::domain::Locale,
) -> String {
    let units = (units > 0).then(|| counted(s.import_n_units_one, s.import_n_units, units, locale));
    let members =
        (members > 0).then(|| counted(s.import_n_members_one, s.import_n_members, members, locale));
    match (units, members) {
        (Some(u), Some(m)) => format!("{u}{}{m}", s.import_and),
        (Some(u), None) => u,
        (None, Some(m)) => m,
        (None, None) => counted(s.import_n_rows_one, s.import_n_rows, 0, locale),
    }
}

pub fn sheet_label(s: &'static Strings, sheet: Sheet) -> &'static str {
    match sheet {
        Sheet::Units => s.import_sheet_units,
        Sheet::Members => s.import_sheet_members,
    }
}

pub fn field_label(s: &'static Strings, field: Field) -> &'static str {
    match field {
        Field::UnitCode => s.import_field_unit_code,
        Field::UnitName => s.import_field_unit_name,
        Field::UnitKind => s.import_field_unit_kind,
        Field::ParentCode => s.import_field_parent_code,
        Field::Founded => s.import_field_founded,
        Field::CardNumber => s.import_field_card_number,
        Field::RecordNumber => s.import_field_record_number,
        Field::FullName => s.import_field_full_name,
        Field::Gender => s.import_field_gender,
        Field::BirthDate => s.import_field_birth_date,
        Field::AdmissionDate => s.import_field_admission_date,
        Field::FullMembershipDate => s.import_field_full_membership_date,
        Field::Status => s.import_field_status,
        Field::CellCode => s.import_field_cell_code,
        Field::JobTitle => s.import_field_job_title,
        Field::Workplace => s.import_field_workplace,
        Field::Phone => s.import_field_phone,
        Field::Email => s.import_field_email,
    }
}

/// A problem of a row as a sentence; a value not among the names the app
/// shows is answered with those names (from the same tables as the pages).
pub fn error_message(s: &'static Strings, code: ErrorCode) -> String {
    let listed = match code {
        ErrorCode::BadKind => names_of(Field::UnitKind, s),
        ErrorCode::BadGender => names_of(Field::Gender, s),
        ErrorCode::BadStatus => names_of(Field::Status, s),
        _ => None,
    };
    let text = sentence(s, code);
    match listed {
        Some(names) => fill(text, &[("names", &names.join(", "))]),
        None => text.to_string(),
    }
}

fn sentence(s: &'static Strings, code: ErrorCode) -> &'static str {
    use ErrorCode::*;
    match code {
        NoData => s.import_err_no_data,
        TooManyRows => s.import_err_too_many_rows,
        MissingColumn => s.import_err_missing_column,
        DuplicateColumn => s.import_err_duplicate_column,
        Required => s.import_err_required,
        BadDate => s.import_err_bad_date,
        FutureDate => s.import_err_future_date,
        BadCardNumber => s.import_err_bad_card_number,
        BadCode => s.import_err_bad_code,
        BadKind => s.import_err_bad_kind,
        BadGender => s.import_err_bad_gender,
        BadStatus => s.import_err_bad_status,
        BadEmail => s.import_err_bad_email,
        BadPhone => s.import_err_bad_phone,
        TooLong => s.import_err_too_long,
        DuplicateInFile => s.import_err_duplicate_in_file,
        ExistsInDatabase => s.import_err_exists_in_database,
        UnknownParent => s.import_err_unknown_parent,
        ParentNotAllowed => s.import_err_parent_not_allowed,
        ParentRowInvalid => s.import_err_parent_row_invalid,
        ParentCycle => s.import_err_parent_cycle,
        UnknownCell => s.import_err_unknown_cell,
        NotACell => s.import_err_not_a_cell,
        CellRowInvalid => s.import_err_cell_row_invalid,
        OutOfScope => s.import_err_out_of_scope,
        TooYoung => s.import_err_too_young,
        FullTooEarly => s.import_err_full_too_early,
        ProbationaryWithFullDate => s.import_err_probationary_with_full_date,
        ProbationExpired => s.import_err_probation_expired,
        FullDateMissing => s.import_err_full_date_missing,
    }
}

/// The sentence for a `?loi=` code the server's form handler redirects with.
pub fn failure_text(s: &'static Strings, code: &str) -> &'static str {
    match code {
        "qua_lon" => s.import_fail_qua_lon,
        "giai_nen" => s.import_fail_giai_nen,
        "khong_co_tep" => s.import_fail_khong_co_tep,
        "khong_doc_duoc" => s.import_fail_khong_doc_duoc,
        "dinh_dang" => s.import_fail_dinh_dang,
        "ma_hoa" => s.import_fail_ma_hoa,
        "tep_rong" => s.import_fail_tep_rong,
        "het_han" => s.import_fail_het_han,
        "con_loi" => s.import_fail_con_loi,
        "da_thay_doi" => s.import_fail_da_thay_doi,
        "khong_co_dong" => s.import_fail_khong_co_dong,
        _ => s.import_fail_thieu,
    }
}

/// Sends the upload form by script, following its progress; the server
/// answers with the page to go to (the report, or an error code).
#[cfg(feature = "hydrate")]
mod upload {
    use super::{Failure, IMPORT_PAGE, Phase};
    use crate::domain::import::MAX_FILE_BYTES;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::convert::FromWasmAbi;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = XMLHttpRequest, extends = web_sys::EventTarget)]
        #[derive(Clone)]
        type Xhr;
        #[wasm_bindgen(constructor, js_class = "XMLHttpRequest")]
        fn new() -> Xhr;
        #[wasm_bindgen(method, js_class = "XMLHttpRequest")]
        fn open(this: &Xhr, method: &str, url: &str);
        #[wasm_bindgen(method, js_class = "XMLHttpRequest", js_name = setRequestHeader)]
        fn set_request_header(this: &Xhr, name: &str, value: &str);
        #[wasm_bindgen(method, js_class = "XMLHttpRequest")]
        fn send(this: &Xhr, body: &FormData);
        #[wasm_bindgen(method, js_class = "XMLHttpRequest")]
        fn abort(this: &Xhr);
        #[wasm_bindgen(method, getter, js_class = "XMLHttpRequest")]
        fn upload(this: &Xhr) -> web_sys::EventTarget;
        #[wasm_bindgen(method, getter, js_class = "XMLHttpRequest")]
        fn status(this: &Xhr) -> u16;
        #[wasm_bindgen(method, getter, js_class = "XMLHttpRequest", js_name = responseText)]
        fn response_text(this: &Xhr) -> String;

        #[wasm_bindgen(js_name = FormData)]
        type FormData;
        #[wasm_bindgen(constructor, js_class = "FormData")]
        fn new(form: &web_sys::HtmlFormElement) -> FormData;
    }

    fn listen<E: FromWasmAbi + 'static>(
        target: &web_sys::EventTarget,
        event: &str,
        f: impl FnMut(E) + 'static,
    ) {
        let closure = Closure::<dyn FnMut(E)>::new(f);
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        // One upload per page: the listeners live as long as the page.
        closure.forget();
    }

    pub fn send(form: &web_sys::HtmlFormElement, phase: RwSignal<Phase>) {
        let xhr = Xhr::new();
        xhr.open("POST", IMPORT_PAGE);
        xhr.set_request_header("X-Requested-With", "XMLHttpRequest");
        phase.set(Phase::Uploading(0));
        // The multipart body is a little larger than the file.
        let limit = (MAX_FILE_BYTES + 64 * 1024) as f64;
        let sending = xhr.clone();
        listen(
            &xhr.upload(),
            "progress",
            move |ev: web_sys::ProgressEvent| {
                if !ev.length_computable() || ev.total() <= 0.0 {
                    return;
                }
                if ev.total() > limit {
                    sending.abort();
                    phase.set(Phase::Failed(Failure::TooLarge));
                    return;
                }
                let percent = (ev.loaded() / ev.total() * 100.0).clamp(0.0, 100.0) as u8;
                phase.set(if percent >= 100 {
                    Phase::Checking
                } else {
                    Phase::Uploading(percent)
                });
            },
        );
        listen(&xhr.upload(), "load", move |_: web_sys::Event| {
            if matches!(phase.get_untracked(), Phase::Uploading(_)) {
                phase.set(Phase::Checking);
            }
        });
        let answered = xhr.clone();
        listen(&xhr, "load", move |_: web_sys::Event| {
            let next = answered.response_text();
            match answered.status() {
                200 => match crate::domain::local_path::local_path(&next) {
                    Some(next) => {
                        let _ = window().location().set_href(&next);
                    }
                    None => phase.set(Phase::Failed(Failure::Network)),
                },
                401 | 403 => phase.set(Phase::Failed(Failure::Refused)),
                413 => phase.set(Phase::Failed(Failure::TooLarge)),
                _ => phase.set(Phase::Failed(Failure::Network)),
            }
        });
        listen(&xhr, "error", move |_: web_sys::Event| {
            phase.set(Phase::Failed(Failure::Network));
        });
        xhr.send(&FormData::new(form));
    }
}
