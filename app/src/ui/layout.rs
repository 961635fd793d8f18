//! The frame of every page: header with navigation and language switch, footer.

use super::CurrentUser;
use super::components::LoginLink;
use super::i18n::{remember, t, use_locale};
use crate::domain::Locale;
use crate::domain::text::url_escape;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"★"</span>
                <span class="brand-text">
                    <strong>{move || t().app_name}</strong>
                    <small>{move || t().app_tagline}</small>
                </span>
            </a>
            <nav class="main-nav" aria-label=move || t().nav_main>
                <a href="/" aria-current=move || (location.pathname.get() == "/").then_some("page")>
                    {move || t().nav_home}
                </a>
                <AuditLink/>
                <super::pages::import::ImportLink/>
            </nav>
            <LanguageSwitch/>
            <UserBox/>
        </header>
    }
}

/// The org chart, the audit log and the accounts, for those who may use them.
#[component]
fn AuditLink() -> impl IntoView {
    let me = expect_context::<CurrentUser>().0;
    let location = use_location();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let me = me.await.ok().flatten();
                let audit = me.as_ref().is_some_and(|m| m.can_view_audit);
                let chart = me.as_ref().is_some_and(|m| m.can_view_chart);
                let accounts = me.as_ref().is_some_and(|m| m.is_admin);
                let current = move |path: &'static str| {
                    move || (location.pathname.get() == path).then_some("page")
                };
                view! {
                    {chart.then(|| view! {
                        <a href="/so-do" aria-current=current("/so-do")>{move || t().nav_chart}</a>
                    })}
                    {audit.then(|| view! {
                        <a href="/nhat-ky" aria-current=current("/nhat-ky")>{move || t().nav_audit}</a>
                    })}
                    {accounts.then(|| view! {
                        <a href="/quan-tri/tai-khoan" aria-current=current("/quan-tri/tai-khoan")>
                            {move || t().nav_accounts}
                        </a>
                    })}
                }
            })}
        </Suspense>
    }
}

/// Who is logged in, with logout; or the login link.
#[component]
fn UserBox() -> impl IntoView {
    let me = expect_context::<CurrentUser>().0;
    view! {
        <div class="user-box" aria-label=move || t().nav_user_label>
            <Suspense>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(me)) => view! {
                            <a class="user-name" href="/doi-mat-khau" title=move || t().nav_password>
                                {me.display_name}
                            </a>
                            <form method="post" action="/auth/logout" class="inline-form">
                                <button type="submit" class="link-button">{move || t().nav_logout}</button>
                            </form>
                        }
                        .into_any(),
                        _ => view! { <LoginLink class="login-link"/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// Links that work without JavaScript (the server sets the cookie and sends
/// the browser back); after hydration a click switches in place.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    let location = use_location();
    let link = move |target: Locale| {
        let back = location.pathname.get();
        let href = format!("/lang/{}?back={}", target.code(), url_escape(&back));
        let on_click = move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            remember(target);
            locale.set(target);
        };
        let label = move || match target {
            Locale::Vi => t().lang_vi,
            Locale::En => t().lang_en,
        };
        view! {
            <a
                href=href
                hreflang=target.code()
                lang=target.code()
                class="lang-link"
                aria-current=move || (locale.get() == target).then_some("true")
                on:click=on_click
            >
                {label}
            </a>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || t().lang_switch_label>
            {move || Locale::ALL.into_iter().map(link).collect_view()}
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{move || t().footer_text}</p>
        </footer>
    }
}
