//! The proposal's files (minutes, reports) and their upload.

use crate::domain::numfmt;
use crate::paths;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Why a file was refused, from the address the upload came back to.
pub(super) fn file_problem(code: &str) -> &'static str {
    let s = t();
    match code {
        "qua-lon" => s.kt_file_too_large,
        "sai-loai" => s.kt_file_wrong_type,
        "qua-nhieu" => s.kt_file_too_many,
        "da-trinh" => s.kt_file_locked,
        _ => s.kt_file_missing,
    }
}

/// The dossier's files: links for its readers; for the proposer, while it
/// is a draft or returned, a plain upload form and a button to remove each.
#[component]
pub(super) fn Files(
    proposal: i64,
    attachments: Vec<crate::domain::attachment::AttachmentRow>,
    can_attach: bool,
) -> impl IntoView {
    let locale = use_locale();
    let problem = use_query_map().with_untracked(|q| q.get("loi-tep"));
    if attachments.is_empty() && !can_attach {
        return ().into_any();
    }
    let rows = attachments
        .into_iter()
        .map(|a| {
            let kb = numfmt::count((a.size + 1023) / 1024, locale.get_untracked());
            let name = a.name.clone();
            view! {
                <li data-file=a.id.to_string()>
                    <a href=format!("/tep-ho-so/{}", a.id) download=a.name.clone()>{a.name.clone()}</a>
                    <small class="muted">" · " {kb} " KB"</small>
                    {can_attach.then(|| view! {
                        <form method="post" action=format!("/tep-ho-so/{}/xoa", a.id) class="kt-file-remove">
                            <button
                                type="submit"
                                class="button button-quiet"
                                aria-label=fill(t().kt_file_remove_label, &[("name", &name)])
                            >
                                {move || t().kt_file_remove}
                            </button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="section kt-files" id="ho-so">
            <h2>{move || t().kt_files}</h2>
            {problem.map(|code| view! {
                <p class="notice notice-error" role="alert">{move || file_problem(&code)}</p>
            })}
            <ul class="kt-file-list">{rows}</ul>
            {can_attach.then(|| view! {
                <form
                    method="post"
                    action=format!("{}/tep", paths::proposal(proposal))
                    enctype="multipart/form-data"
                    class="kt-upload"
                >
                    <label class="field">
                        <span class="field-label">{move || t().kt_file_add}</span>
                        <input
                            type="file"
                            name="tep"
                            required
                            accept=".pdf,.docx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                        />
                    </label>
                    <p class="muted">{move || t().kt_file_hint}</p>
                    <button type="submit" class="button button-quiet">{move || t().kt_file_upload}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}
