//! The administrator's accounts page. Every action is a form post with a
//! confirmation step that works without JavaScript (a disclosure holding the
//! real button).

use crate::api::accounts::{AccountNotice, AccountsData, OneTime, PER_PAGE, admin_accounts};
use crate::domain::account::AccountRow;
use crate::domain::numfmt;
use crate::paths::{self, AccountsQuery};
use crate::ui::components::{ErrorNotice, Field};
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let query = paths::query::<AccountsQuery>();
    let q = move || query.with(|m| m.q.clone().unwrap_or_default());
    let page = move || query.with(|m| m.page);
    let data = page_resource(
        move || (q(), page()),
        |(q, page)| admin_accounts(Some(q), page),
    );
    view! {
        <Title text=page_title(|s| s.accounts_title.into())/>
        <header class="page-header">
            <h1>{move || t().accounts_title}</h1>
        </header>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Accounts data=d q=q()/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Accounts(data: AccountsData, q: String) -> impl IntoView {
    let locale = use_locale();
    let notice = data.notice.clone().map(|n| {
        let class = if matches!(n, AccountNotice::MailFailed { .. } | AccountNotice::NotSelf) {
            "notice notice-error"
        } else {
            "notice notice-ok"
        };
        view! { <p class=class role="status">{move || notice_text(&n)}</p> }
    });
    let one_time =
        (!data.one_time.is_empty()).then(|| view! { <OneTimeList list=data.one_time.clone()/> });
    let without = data.without_account;
    let total = data.total;
    let pages = crate::domain::paging::pages(total, PER_PAGE);
    let page = data.page;
    let q_link = q.clone();
    let link = move |p: i64| {
        AccountsQuery {
            page: Some(p),
            q: Some(q_link.clone()).filter(|q| !q.is_empty()),
        }
        .href()
    };
    let me = data.me;
    let q_rows = q.clone();
    view! {
        {notice}
        {one_time}
        <section class="toolbar">
            <form class="search" method="get" action=paths::ACCOUNTS_PAGE>
                <Field label=Signal::derive(move || t().accounts_search.to_string())>
                    <input type="search" name="q" prop:value=q.clone()/>
                </Field>
                <button type="submit" class="button">{move || t().accounts_search_button}</button>
            </form>
            <div class="bulk">
                <p>
                    {move || fill(t().accounts_without, &[("n", &numfmt::count(without, locale.get()))])}
                </p>
                {(without > 0).then(|| view! {
                    <Confirmed
                        action="/auth/accounts/create"
                        label=Signal::derive(move || {
                            fill(t().accounts_create, &[("n", &numfmt::count(without.min(100), locale.get()))])
                        })
                        question=Signal::derive(move || t().accounts_create_confirm.to_string())
                        fields=vec![]
                    />
                })}
            </div>
        </section>
        <p class="muted">{move || fill(t().accounts_total, &[("n", &numfmt::count(total, locale.get()))])}</p>
        <div class="table-wrap">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t().accounts_username}</th>
                        <th scope="col">{move || t().accounts_name}</th>
                        <th scope="col">{move || t().accounts_cell}</th>
                        <th scope="col">{move || t().accounts_state}</th>
                        <th scope="col">{move || t().accounts_last_login}</th>
                        <th scope="col">{move || t().accounts_actions}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .rows
                        .into_iter()
                        .map(|row| view! { <AccountLine row me q=q_rows.clone()/> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {(pages > 1).then(|| view! {
            <nav class="pager">
                {(page > 1).then(|| view! { <a href=link(page - 1)>{move || t().accounts_prev}</a> })}
                <span>{move || fill(t().accounts_page, &[("page", &page.to_string())])} " / " {pages}</span>
                {(page < pages).then(|| view! { <a href=link(page + 1)>{move || t().accounts_next}</a> })}
            </nav>
        })}
    }
}

#[component]
fn AccountLine(row: AccountRow, me: i64, q: String) -> impl IntoView {
    let locale = use_locale();
    let id = row.id.to_string();
    let state = {
        let row = row.clone();
        move || {
            let s = t();
            let mut parts = vec![
                if row.disabled {
                    s.accounts_disabled
                } else {
                    s.accounts_active
                }
                .to_string(),
            ];
            if row.is_admin {
                parts.push(s.accounts_admin.to_string());
            }
            if row.must_change_password {
                parts.push(s.accounts_must_change.to_string());
            }
            if let Some(until) = row.locked_until {
                parts.push(fill(
                    s.accounts_locked,
                    &[("time", &numfmt::local_datetime(until, locale.get()))],
                ));
            }
            parts.join(" · ")
        }
    };
    let last = row.last_login_at;
    let toggle = (row.id != me || row.disabled).then(|| {
        let disable = !row.disabled;
        let fields = vec![
            ("user_id", id.clone()),
            ("disabled", if disable { "1" } else { "0" }.to_string()),
            ("q", q.clone()),
        ];
        view! {
            <Confirmed
                action="/auth/accounts/disable"
                label=Signal::derive(move || {
                    if disable { t().accounts_disable } else { t().accounts_enable }.to_string()
                })
                question=Signal::derive(move || {
                    if disable { t().accounts_disable_confirm } else { t().confirm }.to_string()
                })
                fields
            />
        }
    });
    view! {
        <tr class:disabled=row.disabled data-username=row.username.clone()>
            <td class="nowrap">{row.username.clone()}</td>
            <td>{row.display_name.clone()}</td>
            <td>{row.cell_name.clone().unwrap_or_default()}</td>
            <td>{state}</td>
            <td class="nowrap">{move || last.map(|t| numfmt::local_datetime(t, locale.get())).unwrap_or_default()}</td>
            <td class="actions">
                {toggle}
                <Confirmed
                    action="/auth/accounts/reset"
                    label=Signal::derive(move || t().accounts_reset.to_string())
                    question=Signal::derive(move || format!("{} {}", t().accounts_reset_confirm, t().accounts_reset_confirm_mail))
                    fields=vec![("user_id", id.clone()), ("q", q.clone())]
                />
            </td>
        </tr>
    }
}

/// A button that first asks: the disclosure opens on the first click and
/// holds the real submit button (no script needed).
#[component]
fn Confirmed(
    action: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] question: Signal<String>,
    fields: Vec<(&'static str, String)>,
) -> impl IntoView {
    view! {
        <details class="confirm">
            <summary class="link-like">{label}</summary>
            <form method="post" action=action class="confirm-box">
                <p>{question}</p>
                {fields
                    .into_iter()
                    .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
                    .collect_view()}
                <button type="submit" class="button">{move || t().confirm}</button>
            </form>
        </details>
    }
}

#[component]
fn OneTimeList(list: Vec<OneTime>) -> impl IntoView {
    view! {
        <section class="one-time notice">
            <h2>{move || t().accounts_one_time_title}</h2>
            <p>{move || t().accounts_one_time_hint}</p>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t().accounts_username}</th>
                        <th scope="col">{move || t().accounts_name}</th>
                        <th scope="col">{move || t().login_password}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|o| view! {
                            <tr>
                                <td class="nowrap">{o.username}</td>
                                <td>{o.display_name}</td>
                                <td class="nowrap"><code class="one-time-password">{o.password}</code></td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

fn notice_text(n: &AccountNotice) -> String {
    let s = t();
    match n {
        AccountNotice::Created => s.accounts_notice_tao.to_string(),
        AccountNotice::Disabled => s.accounts_notice_da_tat.to_string(),
        AccountNotice::Enabled => s.accounts_notice_da_mo.to_string(),
        AccountNotice::Reset => s.accounts_notice_dat_lai.to_string(),
        AccountNotice::ResetMailed { name } => fill(s.accounts_notice_gui_thu, &[("name", name)]),
        AccountNotice::MailFailed { name } => fill(s.accounts_notice_thu_loi, &[("name", name)]),
        AccountNotice::NotSelf => s.accounts_notice_khong_tu_khoa.to_string(),
    }
}
