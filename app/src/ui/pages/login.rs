//! The login form: a plain form post to `/auth/login`, answered by a redirect
//! (back to the page asked for, or here with an error code).

use crate::domain::numfmt;
use crate::ui::components::Field;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |k: &str| query.with(|q| q.get(k));
    let error = move || {
        let s = t();
        param("loi").map(|code| match code.as_str() {
            "sai" => s.login_error_wrong.to_string(),
            "khoa" => fill(
                s.login_error_locked,
                &[(
                    "time",
                    &param("den")
                        .and_then(|ts| ts.parse::<i64>().ok())
                        .map(|ts| numfmt::local_datetime(ts, use_locale().get()))
                        .unwrap_or_default(),
                )],
            ),
            "tat" => s.login_error_disabled.to_string(),
            "thieu" => s.login_error_missing.to_string(),
            _ => s.error_internal.to_string(),
        })
    };
    let next = move || param("next").unwrap_or_else(|| "/".into());
    view! {
        <Title text=page_title(|s| s.login_title.into())/>
        <section class="form-page">
            <h1>{move || t().login_title}</h1>
            <p class="muted">{move || t().login_intro}</p>
            {move || error().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
            <form class="form" method="post" action="/auth/login">
                <input type="hidden" name="next" prop:value=next/>
                <Field label=Signal::derive(move || t().login_username.to_string())>
                    <input
                        type="text"
                        name="username"
                        autocomplete="username"
                        inputmode="email"
                        autocapitalize="off"
                        required
                        autofocus
                    />
                </Field>
                <Field label=Signal::derive(move || t().login_password.to_string())>
                    <input type="password" name="password" autocomplete="current-password" required/>
                </Field>
                <button type="submit" class="button">{move || t().login_submit}</button>
            </form>
        </section>
    }
}
