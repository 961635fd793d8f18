//! The audit log page: a GET form of filters (works without JavaScript) and
//! the matching lines, newest first.

use crate::api::audit::{AuditLine, list_audit};
use crate::domain::numfmt;
use crate::paths;
use crate::ui::components::{ErrorNotice, Field};
use crate::ui::i18n::{Strings, page_title, t, use_locale};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const FIELDS: [&str; 5] = ["actor", "unit", "action", "from", "to"];

/// The action filter's choices: a prefix of action codes and its label.
type Label = fn(&'static Strings) -> &'static str;
const ACTION_CHOICES: [(&str, Label); 4] = [
    ("", |s| s.audit_any),
    ("auth.", |s| s.action_group_auth),
    ("auth.login_failed", |s| s.action_auth_login_failed),
    ("dataset.", |s| s.action_group_data),
];

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &'static str| query.with(|q| q.get(k).filter(|v| !v.is_empty()));
    let lines = page_resource(
        move || FIELDS.map(get),
        |[actor, unit, action, from, to]| list_audit(actor, unit, action, from, to),
    );
    let value = move |k: &'static str| get(k).unwrap_or_default();
    view! {
        <Title text=page_title(|s| s.audit_title.into())/>
        <header class="page-header">
            <h1>{move || t().audit_title}</h1>
            <p class="subtitle">{move || t().audit_intro}</p>
        </header>
        <form class="filters" method="get" action=paths::AUDIT>
            <Field label=Signal::derive(move || t().audit_actor.to_string())>
                <input type="search" name="actor" prop:value=move || value("actor")/>
            </Field>
            <Field label=Signal::derive(move || t().audit_unit.to_string())>
                <input type="search" name="unit" prop:value=move || value("unit") autocapitalize="characters"/>
            </Field>
            <Field label=Signal::derive(move || t().audit_action.to_string())>
                <select name="action">
                    {ACTION_CHOICES
                        .into_iter()
                        .map(|(code, label)| {
                            view! {
                                <option value=code selected=move || value("action") == code>
                                    {move || label(t())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </Field>
            <Field label=Signal::derive(move || t().audit_from.to_string())>
                <input type="date" name="from" prop:value=move || value("from")/>
            </Field>
            <Field label=Signal::derive(move || t().audit_to.to_string())>
                <input type="date" name="to" prop:value=move || value("to")/>
            </Field>
            <button type="submit" class="button">{move || t().audit_filter}</button>
        </form>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match lines.await {
                    Ok(lines) if lines.is_empty() => {
                        view! { <p class="notice">{move || t().audit_empty}</p> }.into_any()
                    }
                    Ok(lines) => view! { <AuditTable lines/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(lines: Vec<AuditLine>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="table-wrap">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t().audit_when}</th>
                        <th scope="col">{move || t().audit_actor}</th>
                        <th scope="col">{move || t().audit_what}</th>
                        <th scope="col">{move || t().audit_object}</th>
                        <th scope="col">{move || t().audit_where}</th>
                        <th scope="col">{move || t().audit_address}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines
                        .into_iter()
                        .map(|l| {
                            let at = l.at;
                            let action = l.action.clone();
                            view! {
                                <tr data-action=l.action.clone()>
                                    <td class="nowrap">{move || numfmt::local_datetime(at, locale.get())}</td>
                                    <td>{l.actor}</td>
                                    <td>{move || action_label(&action)}</td>
                                    <td>{l.entity_id.unwrap_or(l.entity)}</td>
                                    <td>{l.unit_name.unwrap_or_default()}</td>
                                    <td class="nowrap">{l.ip.unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// An action's name in the reader's language (its code when unknown).
fn action_label(action: &str) -> String {
    let s = t();
    match action {
        "auth.login" => s.action_auth_login,
        "auth.login_failed" => s.action_auth_login_failed,
        "auth.login_refused_locked" => s.action_auth_login_refused_locked,
        "auth.logout" => s.action_auth_logout,
        "auth.password_changed" => s.action_auth_password_changed,
        "dataset.load" => s.action_dataset_load,
        "accounts.create" => s.action_accounts_create,
        "account.disable" => s.action_account_disable,
        "account.enable" => s.action_account_enable,
        "account.reset" => s.action_account_reset,
        "proposal.create" => s.kt_action_create,
        "proposal.save" => s.kt_action_save,
        "proposal.submit" => s.kt_action_submit,
        "proposal.return" => s.kt_action_return,
        "proposal.reject" => s.kt_action_reject,
        "proposal.mark" => s.kt_action_mark,
        "proposal.settle" => s.kt_action_settle,
        "proposal.decide" => s.kt_action_decide,
        "proposal.forward" => s.kt_action_forward,
        other => return other.to_string(),
    }
    .to_string()
}
