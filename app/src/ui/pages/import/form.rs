//! The upload form, its progress and the help beside it.

use super::{Failure, Phase};
use crate::api::import::{IMPORT_PAGE, TEMPLATE_CSV_MEMBERS, TEMPLATE_CSV_UNITS, TEMPLATE_XLSX};
use crate::domain::numfmt;
use crate::ui::components::Field as FormField;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

#[component]
pub(super) fn UploadForm(phase: RwSignal<Phase>) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            {
                ev.prevent_default();
                super::upload::send(&form, phase);
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
pub(super) fn ProgressLine(phase: RwSignal<Phase>, only_writing: bool) -> impl IntoView {
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
pub(super) fn Help() -> impl IntoView {
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
