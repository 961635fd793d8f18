//! A member's page (`/dang-vien/{id}`): the profile of DOMAIN.md, the cells
//! the member belonged to over time, and the positions held.

use crate::api::badges::{AddDiscipline, AddGap, ReportLostBadge};
use crate::api::org::member_dossier;
use crate::domain::numfmt;
use crate::domain::org::MemberProfile;
use crate::paths::{self, ChangeQuery, IdParam};
use crate::ui::components::ErrorNotice;
use crate::ui::components::member_badges::MemberBadges;
use crate::ui::components::party_history::PartyHistory;
use crate::ui::i18n::{page_title, t, use_locale};
use crate::ui::labels::{gender_label, role_label, status_label};
use crate::ui::resource::{page_resource, settled};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MemberPage() -> impl IntoView {
    let params = paths::params::<IdParam>();
    let id = move || params.with(|p| p.id);
    let discipline = ServerAction::<AddDiscipline>::new();
    let gap = ServerAction::<AddGap>::new();
    let report = ServerAction::<ReportLostBadge>::new();
    // Loaded again each time one of the forms' actions finishes.
    let done = [discipline.version(), gap.version(), report.version()];
    let profile = page_resource(
        move || (id(), settled(&done)),
        |(id, _)| async move {
            match id {
                Some(id) => member_dossier(id).await,
                None => Err(not_found()),
            }
        },
    );
    view! {
        {move || discipline.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
        {move || gap.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
        {move || report.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(v) => { let member = v.profile.id; view! {
                        <Profile p=v.profile can_change=v.can_change/>
                        <crate::ui::components::awards::Awards awards=v.awards/>
                        <MemberBadges member badges=v.badges can_report=v.can_report_lost report/>
                        <PartyHistory
                            member
                            disciplines=v.disciplines
                            gaps=v.gaps
                            can_change=v.can_change
                            discipline
                            gap
                        />
                    }
                    .into_any() }
                    Err(e) => view! { <Title text=page_title(|s| s.member_title.into())/><ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// No member has that number: the page says so, with status 404.
fn not_found() -> crate::api::ApiError {
    #[cfg(feature = "ssr")]
    return crate::api::error::respond(crate::api::ApiError::NotFound);
    #[cfg(not(feature = "ssr"))]
    crate::api::ApiError::NotFound
}

#[component]
fn Profile(p: MemberProfile, can_change: bool) -> impl IntoView {
    let locale = use_locale();
    let saved = crate::ui::flags::redirect_flag("da-luu");
    let date = move |d: chrono::NaiveDate| move || numfmt::date(d, locale.get());
    let (gender, status) = (p.gender, p.status);
    let full_date = p.full_membership_date;
    let dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
    let row = |label: fn() -> &'static str, value: AnyView| {
        view! {
            <div class="fact">
                <dt>{move || label()}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    view! {
        <Title text=p.full_name.clone()/>
        <header class="page-header">
            <h1>{p.full_name.clone()}</h1>
            <p class="subtitle">
                <span class="badge">{move || status_label(status)}</span>
                " · "
                <a href=paths::unit(&p.cell.code)>{p.cell.name.clone()}</a>
            </p>
            {can_change.then(|| view! {
                <p class="actions">
                    <a class="button" href=ChangeQuery { op: Some("transfer".into()), member: Some(p.id), ..ChangeQuery::default() }.href()>
                        {move || t().change_op_transfer}
                    </a>
                    <a class="button button-quiet" href=ChangeQuery { op: Some("status".into()), member: Some(p.id), ..ChangeQuery::default() }.href()>
                        {move || t().change_op_status}
                    </a>
                </p>
            })}
        </header>
        {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().change_saved}</p> })}
        <section class="section">
            <h2>{move || t().member_profile}</h2>
            <dl class="facts">
                {row(|| t().member_card, p.card_number.clone().into_any())}
                {row(|| t().member_record, dash(p.record_number.clone()).into_any())}
                {row(|| t().member_gender, (move || gender_label(gender)).into_any())}
                {row(|| t().member_birth, date(p.birth_date).into_any())}
                {row(|| t().member_admission, date(p.admission_date).into_any())}
                {row(|| t().member_full_date, (move || full_date.map(|d| numfmt::date(d, locale.get())).unwrap_or_else(|| "—".into())).into_any())}
                {row(|| t().member_job, dash(p.job_title.clone()).into_any())}
                {row(|| t().member_workplace, dash(p.workplace.clone()).into_any())}
                {row(|| t().member_phone, dash(p.phone.clone()).into_any())}
                {row(|| t().member_email, dash(p.email.clone()).into_any())}
            </dl>
        </section>
        <section class="section">
            <h2>{move || t().member_history}</h2>
            <div class="table-wrap">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().member_cell}</th>
                            <th scope="col">{move || t().unit_dates}</th>
                            <th scope="col">{move || t().member_note}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {p.memberships
                            .into_iter()
                            .map(|m| {
                                let to = m.valid_to;
                                view! {
                                    <tr>
                                        <td><a href=paths::unit(&m.unit.code)>{m.unit.name}</a></td>
                                        <td class="nowrap">{date(m.valid_from)} " – " {move || to.map(|d| numfmt::date(d, locale.get())).unwrap_or_default()}</td>
                                        <td>{m.note}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="section">
            <h2>{move || t().member_positions}</h2>
            {if p.positions.is_empty() {
                view! { <p class="muted">{move || t().member_no_positions}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table">
                            <thead>
                                <tr>
                                    <th scope="col">{move || t().unit_role}</th>
                                    <th scope="col">{move || t().member_unit}</th>
                                    <th scope="col">{move || t().unit_term}</th>
                                    <th scope="col">{move || t().unit_dates}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {p.positions
                                    .into_iter()
                                    .map(|pos| {
                                        let (role, to) = (pos.role, pos.valid_to);
                                        view! {
                                            <tr>
                                                <td>{move || role_label(Some(role))}</td>
                                                <td><a href=paths::unit(&pos.unit.code)>{pos.unit.name}</a></td>
                                                <td class="nowrap">{pos.term_label}</td>
                                                <td class="nowrap">{date(pos.valid_from)} " – " {move || to.map(|d| numfmt::date(d, locale.get())).unwrap_or_default()}</td>
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
        </section>
    }
}
