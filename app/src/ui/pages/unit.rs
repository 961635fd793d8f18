//! A unit's page (`/don-vi/{code}`): figures, leaders with their terms, the
//! units below, the members (for those whose scope holds them; sortable in
//! Vietnamese name order and filterable by status, by a GET form that works
//! without JavaScript) and the unit's history.

use crate::api::org::{MEMBER_PAGE, UnitPageData, unit_page};
use crate::domain::org::{Leader, MemberPage, MemberSort, OrgNode, UnitHistoryEntry};
use crate::domain::{MemberStatus, numfmt};
use crate::paths::{self, ChangeQuery, ChartQuery, CodeParam, UnitQuery};
use crate::ui::components::summary::Summary;
use crate::ui::components::{ErrorNotice, Field};
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::labels::{event_label, kind_label, role_label, status_label};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn UnitPage() -> impl IntoView {
    let params = paths::params::<CodeParam>();
    let query = paths::query::<UnitQuery>();
    let code = move || params.with(|p| p.code.clone().unwrap_or_default());
    let data = page_resource(
        move || (code(), query.get()),
        |(code, q)| {
            let all_history = q.history.is_some();
            unit_page(code, q.status, q.sort, q.page, Some(all_history), q.after)
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <UnitView data=d/> }.into_any(),
                    Err(e) => view! { <Title text=page_title(|s| s.unit_title.into())/><ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UnitView(data: UnitPageData) -> impl IntoView {
    let locale = use_locale();
    let saved = crate::ui::flags::redirect_flag("da-luu");
    let UnitPageData {
        node,
        trail,
        leaders,
        children,
        children_after,
        history,
        more_history,
        summary,
        members,
        can_change,
        today,
        awards,
    } = data;
    let title = node.name.clone();
    // The chart with the way down to this unit open and the unit marked.
    let chart_link = {
        let open: Vec<String> = trail.iter().map(|u| u.code.clone()).collect();
        ChartQuery {
            open: Some(open.join(",")),
            selected: Some(node.code.clone()),
            ..ChartQuery::default()
        }
        .href()
    };
    let kind = node.kind;
    let closed = node.valid_to;
    let from = node.valid_from;
    let header = match summary {
        Some(s) => view! { <Summary summary=s/> }.into_any(),
        None => view! {
            <header class="page-header">
                <h1>{node.name.clone()}</h1>
            </header>
        }
        .into_any(),
    };
    view! {
        <Title text=title/>
        <nav class="breadcrumbs" aria-label=move || t().unit_trail>
            <ol>
                {trail
                    .into_iter()
                    .map(|u| view! { <li><a href=paths::unit(&u.code)>{u.name}</a></li> })
                    .collect_view()}
                <li aria-current="page">{node.name.clone()}</li>
            </ol>
        </nav>
        {header}
        <p class="unit-meta">
            <span class="badge">{move || kind_label(kind)}</span>
            " "
            <span>{move || fill(t().unit_since, &[("date", &numfmt::date(from, locale.get()))])}</span>
            {closed.map(|d| view! {
                " · "
                <strong class="closed">{move || fill(t().unit_closed, &[("date", &numfmt::date(d, locale.get()))])}</strong>
            })}
            " · "
            <a href=chart_link>{move || t().unit_on_chart}</a>
            " · " <crate::ui::components::export_links::UnitExportLinks code=node.code.clone() members=members.is_some()/>
        </p>
        {can_change.then(|| {
            let code = node.code.clone();
            // A merge starts from a list of units; the others from one.
            let link = move |op: &str| {
                let code = Some(code.clone());
                let (unit, units) = if op == "merge" { (None, code) } else { (code, None) };
                ChangeQuery { op: Some(op.to_string()), unit, units, member: None }.href()
            };
            view! {
                <nav class="change-links" aria-label=move || t().unit_change>
                    <strong>{move || t().unit_change} ": "</strong>
                    <a href=link("merge")>{move || t().change_op_merge}</a>
                    <a href=link("move")>{move || t().change_op_move}</a>
                    <a href=link("rename")>{move || t().change_op_rename}</a>
                    <a href=link("create")>{move || t().change_op_create}</a>
                    <a href=link("split")>{move || t().change_op_split}</a>
                    <a href=link("dissolve")>{move || t().change_op_dissolve}</a>
                </nav>
            }
        })}
        {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().change_saved}</p> })}
        <Leaders leaders today/>
        <Children code=node.code.clone() nodes=children.nodes more=children.next.is_some() after=children_after/>
        {members.map(|page| view! { <Members code=node.code.clone() page/> })}
        <crate::ui::components::awards::Awards awards/>
        <History code=node.code.clone() entries=history more=more_history/>
    }
}

#[component]
fn Leaders(leaders: Vec<Leader>, today: chrono::NaiveDate) -> impl IntoView {
    let locale = use_locale();
    let (current, past): (Vec<Leader>, Vec<Leader>) = leaders
        .into_iter()
        .partition(|l| l.valid_from <= today && l.valid_to.is_none_or(|d| d > today));
    let row = move |l: Leader| {
        let role = l.role;
        let (from, to) = (l.valid_from, l.valid_to);
        view! {
            <tr>
                <td>{move || role_label(Some(role))}</td>
                <td><a href=paths::member(l.member_id)>{l.full_name}</a></td>
                <td class="nowrap">{l.term_label}</td>
                <td class="nowrap">
                    {move || numfmt::date(from, locale.get())}
                    " – "
                    {move || to.map(|d| numfmt::date(d, locale.get())).unwrap_or_default()}
                </td>
            </tr>
        }
    };
    let head = move || {
        view! {
            <thead>
                <tr>
                    <th scope="col">{move || t().unit_role}</th>
                    <th scope="col">{move || t().unit_person}</th>
                    <th scope="col">{move || t().unit_term}</th>
                    <th scope="col">{move || t().unit_dates}</th>
                </tr>
            </thead>
        }
    };
    let has_past = !past.is_empty();
    view! {
        <section class="section" id="lanh-dao">
            <h2>{move || t().unit_leaders}</h2>
            {if current.is_empty() {
                view! { <p class="muted">{move || t().unit_no_leaders}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table">{head()}<tbody>{current.into_iter().map(row).collect_view()}</tbody></table>
                    </div>
                }
                .into_any()
            }}
            {has_past.then(|| view! {
                <details class="past">
                    <summary>{move || t().unit_past_leaders}</summary>
                    <div class="table-wrap">
                        <table class="data-table">{head()}<tbody>{past.into_iter().map(row).collect_view()}</tbody></table>
                    </div>
                </details>
            })}
        </section>
    }
    .into_any()
}

/// A page of the units below, with links to the next page (after the last
/// unit shown) and back to the first; the members' filters stay as they are.
#[component]
fn Children(code: String, nodes: Vec<OrgNode>, more: bool, after: bool) -> impl IntoView {
    let locale = use_locale();
    if nodes.is_empty() {
        return ().into_any();
    }
    // The members' filter, order and page stay as they are.
    let query = paths::query::<UnitQuery>().get_untracked();
    let link = move |after: Option<&str>| {
        let query = UnitQuery {
            history: None,
            after: after.map(str::to_string),
            ..query.clone()
        };
        format!("{}#don-vi-truc-thuoc", query.href_at(&paths::unit(&code)))
    };
    let next = more
        .then(|| nodes.last().map(|n| link(Some(&n.code))))
        .flatten();
    let first = after.then(|| link(None));
    view! {
        <section class="section" id="don-vi-truc-thuoc">
            <h2>{move || t().unit_children}</h2>
            <ul class="child-list">
                {nodes
                    .into_iter()
                    .map(|n| {
                        let kind = n.kind;
                        let (full, probationary) = (n.full_members, n.probationary_members);
                        view! {
                            <li data-unit=n.code.clone()>
                                <a href=paths::unit(&n.code)>{n.name}</a>
                                <span class="muted">
                                    " · " {move || kind_label(kind)} " · "
                                    {move || fill(t().chart_node_figures, &[
                                        ("full", &numfmt::count(full, locale.get())),
                                        ("probationary", &numfmt::count(probationary, locale.get())),
                                    ])}
                                </span>
                                {n.secretary.map(|s| view! { <span class="muted">" · " {move || t().chart_secretary} ": " {s.clone()}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(next.is_some() || first.is_some()).then(|| view! {
                <nav class="pager" aria-label=move || t().unit_children>
                    {first.map(|href| view! { <a href=href>{move || t().unit_children_first}</a> })}
                    " "
                    {next.map(|href| view! { <a href=href rel="next">{move || t().unit_children_next} " →"</a> })}
                </nav>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn Members(code: String, page: MemberPage) -> impl IntoView {
    let locale = use_locale();
    let query = paths::query::<UnitQuery>();
    let status = move || query.with(|q| q.status.clone().unwrap_or_default());
    let sort = move || query.with(|q| q.sort.clone().unwrap_or_default());
    let current_page = crate::domain::paging::page(query.with(|q| q.page));
    let pages = crate::domain::paging::pages(page.total, MEMBER_PAGE);
    let action = paths::unit(&code);
    let page_href = {
        let action = action.clone();
        move |n: i64| {
            // The page of units below stays where it is.
            let q = UnitQuery {
                page: Some(n),
                history: None,
                ..query.get()
            };
            format!("{}#dang-vien", q.href_at(&action))
        }
    };
    let total = page.total;
    let statuses = [
        MemberStatus::Full,
        MemberStatus::Probationary,
        MemberStatus::Exempt,
        MemberStatus::TransferredOut,
        MemberStatus::Deceased,
        MemberStatus::Removed,
    ];
    let sort_label = |s: MemberSort| match s {
        MemberSort::Name => t().unit_sort_name,
        MemberSort::Admission => t().unit_sort_admission,
        MemberSort::Birth => t().unit_sort_birth,
    };
    view! {
        <section class="section" id="dang-vien">
            <h2>{move || t().unit_members} " " <span class="muted">"(" {move || numfmt::count(total, locale.get())} ")"</span></h2>
            <form class="filters member-filters" method="get" action=action>
                <Field label=Signal::derive(move || t().unit_status_filter.to_string())>
                    <select name="trang-thai">
                        <option value="" selected=move || status().is_empty()>{move || t().unit_status_active}</option>
                        {statuses
                            .into_iter()
                            .map(|s| view! {
                                <option value=s.as_str() selected=move || status() == s.as_str()>
                                    {move || status_label(s)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </Field>
                <Field label=Signal::derive(move || t().unit_sort.to_string())>
                    <select name="sap-xep">
                        {MemberSort::ALL
                            .into_iter()
                            .map(|s| view! {
                                <option
                                    value=s.as_str()
                                    selected=move || sort() == s.as_str() || (sort().is_empty() && s == MemberSort::Name)
                                >
                                    {move || sort_label(s)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </Field>
                <button type="submit" class="button">{move || t().unit_apply}</button>
            </form>
            {if page.rows.is_empty() {
                view! { <p class="notice">{move || t().unit_no_members}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table members">
                            <thead>
                                <tr>
                                    <th scope="col">{move || t().member_name}</th>
                                    <th scope="col">{move || t().member_card}</th>
                                    <th scope="col">{move || t().member_status}</th>
                                    <th scope="col">{move || t().member_admission}</th>
                                    <th scope="col">{move || t().member_birth}</th>
                                    <th scope="col">{move || t().member_cell}</th>
                                    <th scope="col">{move || t().member_job}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page
                                    .rows
                                    .into_iter()
                                    .map(|m| {
                                        let (status, admitted, born) = (m.status, m.admission_date, m.birth_date);
                                        view! {
                                            <tr data-status=status.as_str()>
                                                <td><a href=paths::member(m.id)>{m.full_name}</a></td>
                                                <td class="nowrap">{m.card_number}</td>
                                                <td>{move || status_label(status)}</td>
                                                <td class="nowrap">{move || numfmt::date(admitted, locale.get())}</td>
                                                <td class="nowrap">{move || numfmt::date(born, locale.get())}</td>
                                                <td><a href=paths::unit(&m.cell.code)>{m.cell.name}</a></td>
                                                <td>{m.job_title}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
            {(pages > 1).then(|| view! {
                <nav class="pager" aria-label=move || t().unit_pages>
                    {(current_page > 1).then(|| view! { <a href=page_href(current_page - 1)>{move || t().accounts_prev}</a> })}
                    <span>{move || fill(t().unit_page_of, &[("page", &current_page.to_string()), ("pages", &pages.to_string())])}</span>
                    {(current_page < pages).then(|| view! { <a href=page_href(current_page + 1)>{move || t().accounts_next}</a> })}
                </nav>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn History(code: String, entries: Vec<UnitHistoryEntry>, more: bool) -> impl IntoView {
    let locale = use_locale();
    let all = UnitQuery {
        history: Some("tat-ca".into()),
        ..UnitQuery::default()
    };
    let all = format!("{}#lich-su", all.href_at(&paths::unit(&code)));
    view! {
        <section class="section" id="lich-su">
            <h2>{move || t().unit_history}</h2>
            {if entries.is_empty() {
                view! { <p class="muted">{move || t().unit_no_history}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {entries
                            .into_iter()
                            .map(|e| {
                                let (date, kind) = (e.date, e.kind);
                                view! {
                                    <li data-event=kind.as_str()>
                                        <span class="when">{move || numfmt::date(date, locale.get())}</span>
                                        <strong>{move || event_label(kind)}</strong>
                                        " · "
                                        <a href=paths::unit(&e.unit.code)>{e.unit.name}</a>
                                        {e.related.map(|r| view! {
                                            " → " <a href=paths::unit(&r.code)>{r.name}</a>
                                        })}
                                        {(!e.note.is_empty()).then(|| view! { <p class="note">{e.note.clone()}</p> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    {more.then(|| view! { <p><a href=all.clone()>{move || t().unit_history_all}</a></p> })}
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}
