//! Special bodies (`/ban-chi-dao?don-vi=CODE`): a unit's Steering
//! Committee 35, its secretariat, collaborators and their group, each with
//! its people (party members by card, outside people by workplace), their
//! roles and since when, each list downloadable as XLSX. The unit's
//! leadership sets up a body, adds people and sees them out (confirmed
//! first). Every form posts and is answered by a redirect, so the page
//! works without the WASM.

use crate::api::bodies::{AddBodyPerson, BodiesData, BodyView, EndBodyPerson, NewBody, body_list};
use crate::domain::body::{BodyKind, BodyRole};
use crate::domain::numfmt;
use crate::paths::{self, BodiesQuery, StatsQuery};
use crate::ui::body_text::{kind_label, role_label};
use crate::ui::components::{ConfirmSubmit, ErrorNotice};
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::{page_resource, settled};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn BodiesPage() -> impl IntoView {
    let query = paths::query::<BodiesQuery>();
    let unit = Memo::new(move |_| query.with(|q| q.unit.clone()));
    let create = ServerAction::<NewBody>::new();
    let add = ServerAction::<AddBodyPerson>::new();
    let end = ServerAction::<EndBodyPerson>::new();
    // Loaded again each time one of the forms' actions finishes.
    let done = [create.version(), add.version(), end.version()];
    let data = page_resource(move || (unit.get(), settled(&done)), |(u, _)| body_list(u));
    view! {
        <Title text=page_title(|s| s.bd_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <Bodies p create add end/> }.into_any(),
                    Err(e) => view! {
                        <header class="page-header"><h1>{move || t().bd_title}</h1></header>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Bodies(
    p: BodiesData,
    create: ServerAction<NewBody>,
    add: ServerAction<AddBodyPerson>,
    end: ServerAction<EndBodyPerson>,
) -> impl IntoView {
    let BodiesData {
        unit,
        bodies,
        counts: _,
        can_manage,
        today,
    } = p;
    let saved = redirect_flag("da-luu");
    let errors = move || {
        [
            create.value().get().map(|r| r.err()),
            add.value().get().map(|r| r.err()),
            end.value().get().map(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| view! { <ErrorNotice error=e/> })
        .collect_view()
    };
    let name = unit.name.clone();
    let back = StatsQuery {
        unit: Some(unit.code.clone()),
        ..StatsQuery::default()
    }
    .href();
    let empty = bodies.is_empty().then(|| {
        let name = unit.name.clone();
        view! { <p class="muted">{move || fill(t().bd_none, &[("unit", &name)])}</p> }
    });
    let read_only = (!can_manage).then(|| {
        let name = unit.name.clone();
        view! { <p class="muted">{move || fill(t().bd_read_only, &[("unit", &name)])}</p> }
    });
    let max_day = today.format("%Y-%m-%d").to_string();
    // With JavaScript the page stays: empty the new-body form once saved.
    let created = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(create.value().get(), Some(Ok(())))
            && let Some(form) = created.get_untracked()
        {
            form.reset();
        }
    });
    let new_body = can_manage.then(|| {
        let code = unit.code.clone();
        let max_day = max_day.clone();
        view! {
            <section class="section" id="thanh-lap">
                <details class="gm-edit-box">
                    <summary class="button button-quiet">{move || t().bd_new}</summary>
                    <ActionForm action=create node_ref=created attr:class="gm-form bd-form">
                        <input type="hidden" name="unit" value=code/>
                        <label class="field">
                            <span class="field-label">{move || t().bd_field_kind}</span>
                            <select name="kind">
                                {BodyKind::ALL
                                    .into_iter()
                                    .map(|k| view! { <option value=k.as_str()>{move || kind_label(k)}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                        <label class="field">
                            <span class="field-label">{move || t().bd_field_name}</span>
                            <input type="text" name="name" required maxlength="200"/>
                        </label>
                        <label class="field">
                            <span class="field-label">{move || t().bd_field_since}</span>
                            <input type="date" name="since" required max=max_day/>
                        </label>
                        <button type="submit" class="button" disabled=move || create.pending().get()>
                            {move || t().bd_new}
                        </button>
                    </ActionForm>
                </details>
            </section>
        }
    });
    view! {
        <header class="page-header">
            <p class="breadcrumb"><a href=back>{move || t().ct_back}</a></p>
            <h1>{move || t().bd_title}</h1>
            <p class="subtitle">{move || fill(t().bd_intro, &[("unit", &name)])}</p>
        </header>
        {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().bd_saved}</p> })}
        {errors}
        {empty}
        {bodies
            .into_iter()
            .map(|b| view! { <Body b can_manage max_day=max_day.clone() add end/> })
            .collect_view()}
        {read_only}
        {new_body}
    }
}

/// One body: its people in a table, its list as XLSX, and for its unit's
/// leadership a form to add someone and a button to see each one out.
#[component]
fn Body(
    b: BodyView,
    can_manage: bool,
    max_day: String,
    add: ServerAction<AddBodyPerson>,
    end: ServerAction<EndBodyPerson>,
) -> impl IntoView {
    let locale = use_locale();
    let BodyView { row, people } = b;
    let (id, version, kind, since, count) = (row.id, row.version, row.kind, row.since, row.people);
    let xlsx = format!("/xuat/ban-chi-dao/{id}.xlsx");
    // With JavaScript the page stays: empty the form once someone is added.
    let added = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(())))
            && let Some(form) = added.get_untracked()
        {
            form.reset();
        }
    });
    let adding = can_manage.then(|| {
        view! {
            <details class="gm-edit-box bd-add">
                <summary class="button button-quiet">{move || t().bd_add}</summary>
                <ActionForm action=add node_ref=added attr:class="gm-form bd-form">
                    <input type="hidden" name="body" value=id.to_string()/>
                    <input type="hidden" name="version" value=version.to_string()/>
                    <p class="field-hint">{move || t().bd_add_hint}</p>
                    <label class="field">
                        <span class="field-label">{move || t().bd_field_card}</span>
                        <input type="text" name="card_number" inputmode="numeric" maxlength="8" pattern="[0-9]{8}"/>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().bd_field_full_name}</span>
                        <input type="text" name="full_name" maxlength="200"/>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().bd_field_workplace}</span>
                        <input type="text" name="workplace" maxlength="300"/>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().bd_field_role}</span>
                        <select name="role">
                            {BodyRole::ALL
                                .into_iter()
                                .map(|r| view! { <option value=r.as_str() selected=r == BodyRole::Collaborator>{move || role_label(r)}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().bd_field_from}</span>
                        <input type="date" name="from" required value=max_day.clone() max=max_day/>
                    </label>
                    <button type="submit" class="button" disabled=move || add.pending().get()>
                        {move || t().bd_add}
                    </button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <section class="section bd-body" id=format!("ban-{id}") data-kind=kind.as_str()>
            <h2>{row.name.clone()}</h2>
            <p class="subtitle">
                {move || kind_label(kind)} " · "
                {move || fill(t().bd_since, &[("date", &numfmt::date(since, locale.get()))])} " · "
                <span class="bd-count">{move || fill(t().bd_people, &[("n", &numfmt::count(count, locale.get()))])}</span>
                " · " <a href=xlsx download>{move || t().bd_xlsx}</a>
            </p>
            <div class="table-wrap">
                <table class="data-table bd-people">
                    <thead>
                        <tr>
                            <th scope="col" class="num">{move || t().bd_col_no}</th>
                            <th scope="col">{move || t().bd_field_full_name}</th>
                            <th scope="col">{move || t().bd_field_role}</th>
                            <th scope="col">{move || t().bd_field_workplace}</th>
                            <th scope="col">{move || t().bd_field_from}</th>
                            <th scope="col">{move || t().bd_col_to}</th>
                            {can_manage.then(|| view! { <th scope="col"><span class="visually-hidden">{move || t().bd_end}</span></th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {people
                            .into_iter()
                            .enumerate()
                            .map(|(i, p)| {
                                let (from, to, role, person) = (p.from, p.to, p.role, p.id);
                                let card = p.card_number.clone();
                                let who = p.full_name.clone();
                                let ending = (can_manage && to.is_none()).then(|| view! {
                                    <td>
                                        <ActionForm action=end attr:class="rv-step bd-end">
                                            <input type="hidden" name="body" value=id.to_string()/>
                                            <input type="hidden" name="version" value=version.to_string()/>
                                            <input type="hidden" name="person" value=person.to_string()/>
                                            <ConfirmSubmit
                                                label=Signal::derive(move || t().bd_end.to_string())
                                                question=Signal::derive(move || fill(t().bd_end_confirm, &[("name", &who)]))
                                                pending=Signal::derive(move || end.pending().get())
                                            />
                                        </ActionForm>
                                    </td>
                                });
                                let blank = (can_manage && to.is_some()).then(|| view! { <td></td> });
                                view! {
                                    <tr data-left=to.is_some().to_string()>
                                        <td class="num">{i + 1}</td>
                                        <th scope="row">
                                            {p.full_name.clone()}
                                            <span class="stat-detail">{move || card.clone().unwrap_or_else(|| t().bd_outside.to_string())}</span>
                                        </th>
                                        <td>{move || role_label(role)}</td>
                                        <td>{p.workplace.clone()}</td>
                                        <td>{move || numfmt::date(from, locale.get())}</td>
                                        <td>{move || to.map(|d| numfmt::date(d, locale.get())).unwrap_or_default()}</td>
                                        {ending}
                                        {blank}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {adding}
        </section>
    }
}
