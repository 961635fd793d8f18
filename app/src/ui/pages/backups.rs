//! The administrators' backups page: what is kept and where, a backup taken
//! now, downloads. Works without JavaScript: the start button is a form
//! post, and while a backup runs the page reloads itself every few seconds.

use crate::api::backups::{BackupRow, BackupSettings, BackupsData, admin_backups};
use crate::domain::backup::BackupKind;
use crate::domain::numfmt;
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn BackupsPage() -> impl IntoView {
    let data = page_resource(|| (), |()| admin_backups());
    view! {
        <Title text=page_title(|s| s.backup_title.into())/>
        <header class="page-header">
            <h1>{move || t().backup_title}</h1>
        </header>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Backups data=d/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Backups(data: BackupsData) -> impl IntoView {
    let locale = use_locale();
    let running = data.activity.running_since.map(|since| {
        let at = since.timestamp();
        view! {
            // Reloads until the backup is done, with or without the WASM.
            <Meta http_equiv="refresh" content="3"/>
            <p class="notice" role="status">
                {move || fill(t().backup_running, &[("time", &numfmt::local_datetime(at, locale.get()))])}
            </p>
        }
    });
    let failed = data.activity.last_failed.map(|at| {
        let at = at.timestamp();
        view! {
            <p class="notice notice-error" role="alert">
                {move || fill(t().backup_last_failed, &[("when", &numfmt::local_datetime(at, locale.get()))])}
            </p>
        }
    });
    let busy = data.activity.running_since.is_some();
    let empty = data.rows.is_empty();
    view! {
        {running}
        {failed}
        <p class="notice notice-warning">{move || t().backup_personal_data}</p>
        <Settings settings=data.settings/>
        <form method="post" action="/quan-tri/sao-luu/tao" class="toolbar">
            <button type="submit" class="button" disabled=busy>{move || t().backup_start}</button>
        </form>
        {if empty {
            view! { <p class="muted">{move || t().backup_empty}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || t().backup_col_time}</th>
                                <th scope="col">{move || t().backup_col_kind}</th>
                                <th scope="col">{move || t().backup_col_contents}</th>
                                <th scope="col" class="num">{move || t().backup_col_size}</th>
                                <th scope="col">{move || t().backup_col_file}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {data.rows.into_iter().map(|row| view! { <BackupLine row/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        <p class="muted">{move || t().backup_restore_hint}</p>
    }
}

#[component]
fn Settings(settings: BackupSettings) -> impl IntoView {
    let locale = use_locale();
    let BackupSettings {
        dir,
        every_hours,
        daily,
        weekly,
        monthly,
        others,
    } = settings;
    let schedule = move || {
        let s = t();
        match every_hours {
            Some(h) => {
                let every = if h % 24 == 0 {
                    fill(
                        s.backup_every_days,
                        &[("n", &numfmt::count(h / 24, locale.get()))],
                    )
                } else {
                    fill(
                        s.backup_every_hours,
                        &[("n", &numfmt::count(h, locale.get()))],
                    )
                };
                fill(
                    s.backup_schedule,
                    &[
                        ("every", &every),
                        ("daily", &daily.to_string()),
                        ("weekly", &weekly.to_string()),
                        ("monthly", &monthly.to_string()),
                        ("others", &others.to_string()),
                    ],
                )
            }
            None => fill(s.backup_schedule_off, &[("others", &others.to_string())]),
        }
    };
    view! {
        <p>{move || fill(t().backup_where, &[("dir", &dir)])}</p>
        <p>{schedule}</p>
    }
}

#[component]
fn BackupLine(row: BackupRow) -> impl IntoView {
    let locale = use_locale();
    let at = row.taken_at.timestamp();
    let kind = row.kind;
    let counts = row.counts;
    let bytes = row.bytes;
    let href = format!("/quan-tri/sao-luu/tep/{}", row.name);
    let name = row.name.clone();
    view! {
        <tr data-file=row.name.clone()>
            <td class="nowrap">{move || numfmt::local_datetime(at, locale.get())}</td>
            <td>{move || kind_label(kind)}</td>
            <td>
                {move || {
                    let l = locale.get();
                    fill(
                        t().backup_contents,
                        &[
                            ("units", &numfmt::count(counts.units, l)),
                            ("members", &numfmt::count(counts.members, l)),
                            ("commitments", &numfmt::count(counts.commitments, l)),
                            ("audit", &numfmt::count(counts.audit_entries, l)),
                        ],
                    )
                }}
            </td>
            <td class="num nowrap">{move || numfmt::bytes(bytes, locale.get())}</td>
            <td><a href=href download=name.clone()>{move || t().backup_download}</a></td>
        </tr>
    }
}

fn kind_label(kind: BackupKind) -> &'static str {
    let s = t();
    match kind {
        BackupKind::Scheduled => s.backup_kind_scheduled,
        BackupKind::Manual => s.backup_kind_manual,
        BackupKind::BeforeChange => s.backup_kind_before_change,
    }
}
