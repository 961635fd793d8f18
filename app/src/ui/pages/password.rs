//! Changing one's password (also where a one-time password leads).

use crate::domain::numfmt;
use crate::ui::CurrentUser;
use crate::ui::components::{Field, LoginNeeded};
use crate::ui::i18n::{fill, page_title, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let query = use_query_map();
    let me = expect_context::<CurrentUser>().0;
    let locale = use_locale();
    let message = move || {
        let s = t();
        query.with(|q| {
            if q.get("xong").is_some() {
                return Some(("notice notice-ok", s.password_done.to_string()));
            }
            q.get("loi").map(|code| {
                let text = match code.as_str() {
                    "sai" => s.password_error_wrong,
                    "ngan" => s.password_error_short,
                    "dai" => s.password_error_long,
                    "trung_ten" => s.password_error_username,
                    "khong_khop" => s.password_error_mismatch,
                    "khong_doi" => s.password_error_unchanged,
                    "thieu" => s.password_error_missing,
                    "khoa" => s.password_error_locked,
                    _ => s.error_internal,
                };
                ("notice notice-error", text.to_string())
            })
        })
    };
    view! {
        <Title text=page_title(|s| s.password_title.into())/>
        <section class="form-page">
            <h1>{move || t().password_title}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(me)) => view! {
                            {me.must_change_password.then(|| view! {
                                <p class="notice">{move || t().password_must_change}</p>
                            })}
                            {me.password_reset.clone().filter(|_| me.must_change_password).map(|r| {
                                let at = r.at.timestamp();
                                view! {
                                    <p class="notice notice-warn" role="status">{move || fill(
                                        t().password_reset_by,
                                        &[("by", &r.by), ("at", &numfmt::local_datetime(at, locale.get()))],
                                    )}</p>
                                }
                            })}
                            {move || message().map(|(class, text)| view! {
                                <p class=class role="status">{text}</p>
                            })}
                            <form class="form" method="post" action="/auth/password">
                                <input type="hidden" name="username" autocomplete="username" prop:value=me.username.clone()/>
                                <Field label=Signal::derive(move || t().password_current.to_string())>
                                    <input type="password" name="current" autocomplete="current-password" required/>
                                </Field>
                                <Field label=Signal::derive(move || t().password_new.to_string())>
                                    <input type="password" name="new" autocomplete="new-password" minlength="8" required/>
                                </Field>
                                <Field label=Signal::derive(move || t().password_confirm.to_string())>
                                    <input type="password" name="confirm" autocomplete="new-password" minlength="8" required/>
                                </Field>
                                <button type="submit" class="button">{move || t().password_submit}</button>
                            </form>
                        }
                        .into_any(),
                        _ => view! { <LoginNeeded/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
