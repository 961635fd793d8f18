//! The login form: a plain form post to `/auth/login`, answered by a redirect
//! (back to the page asked for, or here with an error code).

use crate::ui::components::Field;
use crate::ui::i18n::{fill, t};
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
                    &param("den").map(|ts| vn_time(&ts)).unwrap_or_default(),
                )],
            ),
            "tat" => s.login_error_disabled.to_string(),
            "thieu" => s.login_error_missing.to_string(),
            _ => s.error_internal.to_string(),
        })
    };
    let next = move || param("next").unwrap_or_else(|| "/".into());
    view! {
        <Title text=move || t().login_title/>
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

/// A Unix time as "HH:MM dd/mm/yyyy" in Vietnam (UTC+7, no daylight saving).
fn vn_time(ts: &str) -> String {
    let offset = chrono::FixedOffset::east_opt(7 * 3600).expect("valid offset");
    ts.parse::<i64>()
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| {
            t.with_timezone(&offset)
                .format("%H:%M %d/%m/%Y")
                .to_string()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lock_times_show_in_vietnam_time() {
        // 2021-02-26 09:14 UTC is 16:14 in Hậu Giang.
        assert_eq!(super::vn_time("1614330840"), "16:14 26/02/2021");
        assert_eq!(super::vn_time("x"), "");
    }
}
