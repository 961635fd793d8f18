//! The inbox (`/thong-bao`): notices of one's commitment (approved, returned,
//! graded, more time given), of the members one reviews (submitted, filing
//! reminders), newest first. Opening an unread notice is a small form post
//! to `mark_read` that goes on to the notice's page, so it is marked read
//! with or without JavaScript; read ones are plain links.

use crate::api::inbox::{INBOX_PAGE, InboxData, MarkRead, inbox};
use crate::domain::numfmt;
use crate::domain::records::Notification;
use crate::ui::commitment_text::notice_sentence;
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn InboxPage() -> impl IntoView {
    let data = page_resource(|| (), |_| inbox());
    view! {
        <Title text=page_title(|s| s.cm_inbox_title.into())/>
        <header class="page-header">
            <h1>{move || t().cm_inbox_title}</h1>
        </header>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Notices page/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Notices(page: InboxData) -> impl IntoView {
    let locale = use_locale();
    let InboxData { mut notes, unread } = page;
    notes.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    if notes.is_empty() {
        return view! { <p class="notice cm-inbox-empty">{move || t().cm_inbox_empty}</p> }
            .into_any();
    }
    view! {
        <div class="cm-inbox-bar">
            <p class="muted" role="status">
                {move || fill(t().cm_inbox_unread_n, &[("n", &numfmt::count(unread, locale.get()))])}
            </p>
            {(unread > 0).then(|| view! {
                <form method="post" action=MarkRead::PATH class="inline-form">
                    <input type="hidden" name="back" value=INBOX_PAGE/>
                    <button type="submit" class="button button-quiet">{move || t().cm_inbox_all_read}</button>
                </form>
            })}
        </div>
        {(unread > 0).then(|| view! { <p class="muted cm-inbox-hint">{move || t().cm_inbox_open_hint}</p> })}
        <ul class="cm-inbox">
            {notes.into_iter().map(|n| view! { <Notice n/> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A notice as a sentence, in the reader's language.
pub fn notice_text(n: &Notification) -> String {
    notice_sentence(n, use_locale().get())
}

#[component]
fn Notice(n: Notification) -> impl IntoView {
    let locale = use_locale();
    let at = n.at.timestamp();
    let when = view! {
        <time class="cm-inbox-when" datetime=n.at.to_rfc3339()>
            {move || numfmt::local_datetime(at, locale.get())}
        </time>
    };
    let kind = n.kind.as_str();
    let text = {
        let n = n.clone();
        move || notice_text(&n)
    };
    // Only same-site pages (the server writes them; a stray value goes to the inbox).
    let link = crate::domain::local_path::local_or(Some(&n.link), INBOX_PAGE);
    if n.read {
        view! {
            <li class=format!("cm-notice kind-{kind}")>
                <a class="cm-notice-link" href=link>
                    <span class="cm-notice-text">{text}</span>
                    {when}
                </a>
            </li>
        }
        .into_any()
    } else {
        view! {
            <li class=format!("cm-notice unread kind-{kind}")>
                <form method="post" action=MarkRead::PATH>
                    <input type="hidden" name="id" value=n.id/>
                    <input type="hidden" name="back" value=link/>
                    <button type="submit" class="cm-notice-link">
                        <span class="cm-unread-dot" aria-hidden="true"></span>
                        <span class="cm-sr-only">{move || t().cm_inbox_unread} ": "</span>
                        <span class="cm-notice-text">{text}</span>
                        {when}
                    </button>
                </form>
            </li>
        }
        .into_any()
    }
}
