//! The frame of every page: header with navigation and language switch, footer.

use super::CurrentUser;
use super::components::LoginLink;
use super::i18n::{remember, t, use_locale};
use crate::domain::Locale;
use crate::domain::text::url_escape;
use crate::paths;
use crate::ui::resource::{PageResource, page_resource};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    // The unread notices, counted again after each move to another page.
    // Made here, before the page's own resources and outside any suspense,
    // so that the server and the browser make it in the same order.
    let unread = page_resource(
        move || location.pathname.get(),
        |_| crate::api::inbox::unread_count(),
    );
    view! {
        <header class="site-header">
            <a class="brand" href=paths::HOME>
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
                <CommitmentLinks/>
                <InboxLink unread/>
                <AuditLink/>
                <super::pages::import::ImportLink/>
            </nav>
            <LanguageSwitch/>
            <UserBox/>
        </header>
        <WorkingDate/>
    }
}

/// The yearly commitment's pages, for those they concern.
#[component]
fn CommitmentLinks() -> impl IntoView {
    let me = expect_context::<CurrentUser>().0;
    let location = use_location();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Some(me) = me.await.ok().flatten() else {
                    return ().into_any();
                };
                // A one-time password allows nothing but changing it.
                if me.must_change_password {
                    return ().into_any();
                }
                let current = move |path: &'static str| {
                    move || (location.pathname.get() == path).then_some("page")
                };
                view! {
                    {me.can_file.then(|| view! {
                        <a href=paths::MY_PAGE aria-current=current(paths::MY_PAGE)>{move || t().cm_nav_mine}</a>
                    })}
                    {me.can_review.then(|| view! {
                        <a href=paths::REVIEW_PAGE aria-current=current(paths::REVIEW_PAGE)>{move || t().cm_nav_review}</a>
                    })}
                    {me.can_grade.then(|| view! {
                        <a href=paths::GRADING_PAGE aria-current=current(paths::GRADING_PAGE)>{move || t().cm_nav_grading}</a>
                    })}
                    <a href=paths::YEARS_PAGE aria-current=current(paths::YEARS_PAGE)>{move || t().cm_nav_years}</a>
                    // Those who propose or award start from the proposals;
                    // every member from the decisions naming their units.
                    {if me.can_commend {
                        view! {
                            <a href=paths::PROPOSALS_PAGE aria-current=current(paths::PROPOSALS_PAGE)>{move || t().kt_nav}</a>
                        }
                        .into_any()
                    } else {
                        view! {
                            <a href=paths::DECISIONS_PAGE aria-current=current(paths::DECISIONS_PAGE)>
                                {move || t().kt_nav}
                            </a>
                        }
                        .into_any()
                    }}
                    <a href=paths::GOOD_MODELS_PAGE aria-current=current(paths::GOOD_MODELS_PAGE)>{move || t().gm_menu}</a>
                    {me.can_view_stats.then(|| view! {
                        <a href=paths::STATS_PAGE aria-current=current(paths::STATS_PAGE)>{move || t().tk_nav}</a>
                    })}
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// "Thông báo", for a logged-in user, with a badge of the unread notices
/// when there are any.
#[component]
fn InboxLink(unread: PageResource<Result<i64, crate::api::ApiError>>) -> impl IntoView {
    let me = expect_context::<CurrentUser>().0;
    let location = use_location();
    let locale = use_locale();
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let me = me.await.ok().flatten()?;
                if me.must_change_password {
                    return None;
                }
                let n = unread.await.unwrap_or(0);
                let label = move || {
                    super::i18n::fill(
                        t().cm_inbox_unread_n,
                        &[("n", &crate::domain::numfmt::count(n, locale.get()))],
                    )
                };
                Some(view! {
                    <a
                        href=paths::INBOX_PAGE
                        class="nav-inbox"
                        aria-current=move || (location.pathname.get() == paths::INBOX_PAGE).then_some("page")
                    >
                        {move || t().cm_nav_inbox}
                        {(n > 0).then(|| view! {
                            <span class="nav-badge" role="img" aria-label=label title=label>
                                {if n > 99 { "99+".to_string() } else { n.to_string() }}
                            </span>
                        })}
                    </a>
                })
            })}
        </Transition>
    }
}

/// A demo organisation lives on its own calendar: say which day it is there.
#[component]
fn WorkingDate() -> impl IntoView {
    let me = expect_context::<CurrentUser>().0;
    let locale = use_locale();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                me.await.ok().flatten().and_then(|m| m.working_date).map(|d| view! {
                    <p class="demo-date">
                        {move || super::i18n::fill(
                            t().cm_demo_date,
                            &[("date", &crate::domain::numfmt::date(d, locale.get()))],
                        )}
                    </p>
                })
            })}
        </Suspense>
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
                        <a href=paths::CHART aria-current=current(paths::CHART)>{move || t().nav_chart}</a>
                    })}
                    {audit.then(|| view! {
                        <a href=paths::AUDIT aria-current=current(paths::AUDIT)>{move || t().nav_audit}</a>
                    })}
                    {accounts.then(|| view! {
                        <a href=paths::ACCOUNTS_PAGE aria-current=current(paths::ACCOUNTS_PAGE)>
                            {move || t().nav_accounts}
                        </a>
                        <a href=paths::BACKUPS_PAGE aria-current=current(paths::BACKUPS_PAGE)>
                            {move || t().nav_backups}
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
                            <a class="user-name" href=paths::PASSWORD_PAGE title=move || t().nav_password>
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
