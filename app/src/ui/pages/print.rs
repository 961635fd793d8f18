//! The print view of a unit (`/in/don-vi/{code}`): the unit and each unit
//! directly under it on an A4 page of its own — figures, leaders with their
//! terms, the units below and, for those who may see them, the members. The
//! page itself is what is printed; the Print button (shown once the WASM
//! runs) only opens the browser's dialog.

use crate::api::export::{PrintData, PrintPage, print_unit};
use crate::domain::numfmt;
use crate::paths::{self, CodeParam};
use crate::ui::components::{ErrorNotice, PrintTools};
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::labels::{kind_label, role_label, status_label};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrintUnitPage() -> impl IntoView {
    let params = paths::params::<CodeParam>();
    let code = move || params.with(|p| p.code.clone().unwrap_or_default());
    let data = page_resource(code, print_unit);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <PrintView data=d/> }.into_any(),
                    Err(e) => view! { <Title text=page_title(|s| s.export_print_title.into())/><ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PrintView(data: PrintData) -> impl IntoView {
    let locale = use_locale();
    let PrintData {
        code,
        pages,
        more,
        today,
    } = data;
    let title = pages
        .first()
        .map(|p| p.node.name.clone())
        .unwrap_or_default();
    view! {
        <Title text=page_title(move |s| format!("{} — {title}", s.export_print_title))/>
        <PrintTools back=paths::unit(&code) back_label=|| t().export_back hint=|| t().export_print_hint/>
        {more.then(|| view! { <p class="notice print-tools">{move || t().export_units_more}</p> })}
        <div class="print-pages">
            {pages
                .into_iter()
                .map(|p| view! { <PrintSheet page=p/> })
                .collect_view()}
        </div>
        <p class="print-footer muted">
            {move || fill(t().export_printed_on, &[("date", &numfmt::date(today, locale.get()))])}
        </p>
    }
}

#[component]
fn PrintSheet(page: PrintPage) -> impl IntoView {
    let locale = use_locale();
    let PrintPage {
        node,
        leaders,
        children,
        children_more,
        members,
    } = page;
    let kind = node.kind;
    let (full, probationary) = (node.full_members, node.probationary_members);
    let from = node.valid_from;
    let leaders_view = if leaders.is_empty() {
        view! { <p class="muted">{move || t().export_no_leaders}</p> }.into_any()
    } else {
        view! {
            <table class="print-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t().unit_role}</th>
                        <th scope="col">{move || t().unit_person}</th>
                        <th scope="col">{move || t().unit_term}</th>
                        <th scope="col">{move || t().unit_dates}</th>
                    </tr>
                </thead>
                <tbody>
                    {leaders
                        .into_iter()
                        .map(|l| {
                            let role = l.role;
                            let from = l.valid_from;
                            view! {
                                <tr>
                                    <td>{move || role_label(Some(role))}</td>
                                    <td>{l.full_name}</td>
                                    <td class="nowrap">{l.term_label}</td>
                                    <td class="nowrap">{move || numfmt::date(from, locale.get())} " –"</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let children_view = (!children.is_empty()).then(|| {
        view! {
            <section>
                <h3>{move || t().export_children} " (" {children.len()} ")"</h3>
                <ol class="print-children">
                    {children
                        .into_iter()
                        .map(|n| {
                            let kind = n.kind;
                            let (full, probationary) = (n.full_members, n.probationary_members);
                            view! {
                                <li>
                                    <strong>{n.name}</strong>
                                    " · " {move || kind_label(kind)} " · "
                                    {move || fill(t().chart_node_figures, &[
                                        ("full", &numfmt::count(full, locale.get())),
                                        ("probationary", &numfmt::count(probationary, locale.get())),
                                    ])}
                                    {n.secretary.map(|s| view! { " · " {move || t().chart_secretary} ": " {s.clone()} })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
                {children_more.then(|| view! { <p class="muted">{move || t().export_children_more}</p> })}
            </section>
        }
    });
    let members_view = members.map(|m| {
        let rest = m.total - m.rows.len() as i64;
        view! {
            <section>
                <h3>{move || t().export_members} " (" {move || numfmt::count(m.total, locale.get())} ")"</h3>
                <table class="print-table print-members">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{move || t().export_card}</th>
                            <th scope="col">{move || t().export_name}</th>
                            <th scope="col">{move || t().export_birth}</th>
                            <th scope="col">{move || t().export_admission}</th>
                            <th scope="col">{move || t().export_status}</th>
                            <th scope="col">{move || t().export_cell}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {m.rows
                            .into_iter()
                            .enumerate()
                            .map(|(i, r)| {
                                let status = r.status;
                                let (birth, admission) = (r.birth_date, r.admission_date);
                                view! {
                                    <tr>
                                        <td>{i + 1}</td>
                                        <td class="nowrap">{r.card_number}</td>
                                        <td>{r.full_name}</td>
                                        <td class="nowrap">{move || numfmt::date(birth, locale.get())}</td>
                                        <td class="nowrap">{move || numfmt::date(admission, locale.get())}</td>
                                        <td>{move || status_label(status)}</td>
                                        <td>{r.cell.name}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                {(rest > 0).then(|| view! {
                    <p class="muted">
                        {move || fill(t().export_members_more, &[("count", &numfmt::count(rest, locale.get()))])}
                    </p>
                })}
            </section>
        }
    });
    view! {
        <article class=format!("print-page kind-{}", kind.as_str()) data-code=node.code.clone()>
            <header class="print-head">
                <h2>{node.name.clone()}</h2>
                <p>
                    <span class="badge">{move || kind_label(kind)}</span>
                    " · " {node.code.clone()} " · "
                    {move || fill(t().export_since, &[("date", &numfmt::date(from, locale.get()))])}
                </p>
                <p class="print-figures">
                    {move || fill(t().export_figures, &[
                        ("full", &numfmt::count(full, locale.get())),
                        ("probationary", &numfmt::count(probationary, locale.get())),
                    ])}
                </p>
            </header>
            <section>
                <h3>{move || t().export_leaders}</h3>
                {leaders_view}
            </section>
            {children_view}
            {members_view}
        </article>
    }
}
