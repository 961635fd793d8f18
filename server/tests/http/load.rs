//! Many clients at once, each on its own kept-alive connection, over every
//! kind of page in both languages: every request is answered in full, every
//! page's title is in the language asked for, and no reactive value is read
//! after its request's owner is gone.
//!
//! leptos_meta renders `<title>` after the page, outside the request's
//! reactive owner; a title that looked up the locale then could read another
//! request's state on the same worker thread, or a disposed one, and the
//! worker panicked: the connection closed with no answer.

use crate::support::{TestServer, demo_server, demo_user, session_cookie};
use app::domain::Locale;
use app::ui::i18n::{Strings, strings};
use server::demo::{ADMIN_USERNAME, BLOC_CODE, DEMO_PASSWORD, HOSPITAL_CODE};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

const CLIENTS: usize = 50;

/// Panics anywhere in this process whose message says reactive state was
/// read outside its request: a value already disposed, or no arena at all.
/// Tests run in parallel in this binary, so the count is by message, not by
/// test or thread: no test may cause such a panic, so any one of them is
/// this bug, whichever server it happened in. (A panic in a handler of this
/// test's own server also shows as a request with a 500 or no answer.)
static REACTIVE_PANICS: AtomicUsize = AtomicUsize::new(0);

const REACTIVE_PANIC_MESSAGES: [&str; 2] = ["already been disposed", "but no Arena is active"];

fn count_reactive_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("");
            if REACTIVE_PANIC_MESSAGES.iter().any(|m| message.contains(m)) {
                REACTIVE_PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}

/// What a page's `<title>` starts with, in a locale (`None`: a name from the
/// data, the same in both languages).
type TitleStart = Option<fn(&'static Strings) -> &'static str>;

/// One request of the round each client makes.
struct Page {
    path: String,
    /// The session cookie (`name=value`) of the role it is asked as.
    session: Option<String>,
    status: u16,
    /// Any of these may start the title (a page titles its error, or its
    /// empty state, differently); none for a redirect.
    titles: Vec<TitleStart>,
}

fn page(
    path: impl Into<String>,
    session: &Option<String>,
    status: u16,
    titles: Vec<TitleStart>,
) -> Page {
    Page {
        path: path.into(),
        session: session.clone(),
        status,
        titles,
    }
}

async fn session_of(srv: &TestServer, username: &str) -> Option<String> {
    let c = crate::support::client();
    let res = c
        .post(format!("{}/auth/login", srv.base))
        // As the login page posts it: from this site (see the CSRF check).
        .header("origin", &srv.base)
        .form(&[
            ("username", username),
            ("password", DEMO_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{username} logs in");
    let cookie = session_cookie(&res).expect("a session cookie");
    Some(cookie.split(';').next().unwrap().to_string())
}

/// The text of the first `<title>`, unescaped.
fn title_of(body: &str) -> Option<String> {
    let start = body.find("<title")?;
    let open = start + body[start..].find('>')? + 1;
    let end = open + body[open..].find("</title>")?;
    Some(
        body[open..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    )
}

/// A template's text before its first placeholder.
fn before_placeholder(s: &str) -> &str {
    s.split('{').next().unwrap_or(s)
}

/// Whether `title` is a title of `page` in `locale`; the reason if not.
fn check_title(page: &Page, locale: Locale, title: &str) -> Result<(), String> {
    let s = strings(locale);
    let Some(name) = title.strip_suffix(&format!(" · {}", s.page_title_suffix)) else {
        return Err(format!("no suffix {:?}", s.page_title_suffix));
    };
    let fits = page.titles.iter().any(|start| match start {
        None => !name.is_empty(),
        Some(pick) => name.starts_with(before_placeholder(pick(s))),
    });
    if fits {
        Ok(())
    } else {
        Err(format!("not a {} title", locale.code()))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_keep_alive_clients_get_every_page_in_their_language() {
    count_reactive_panics();
    let panics_before = REACTIVE_PANICS.load(Ordering::SeqCst);
    let srv = demo_server().await;

    let visitor = None;
    let member_name = demo_user(&srv, "member").await;
    let member = session_of(&srv, &member_name).await;
    let secretary = session_of(&srv, &demo_user(&srv, "cell secretary").await).await;
    let grassroots = session_of(
        &srv,
        &demo_user(&srv, "grassroots committee secretary").await,
    )
    .await;
    let bloc = session_of(
        &srv,
        &demo_user(&srv, "bloc standing committee member").await,
    )
    .await;
    let admin = session_of(&srv, ADMIN_USERNAME).await;
    let member_id = srv
        .store
        .user_by_username(&member_name)
        .await
        .unwrap()
        .unwrap()
        .member_id
        .unwrap();

    let pages = Arc::new(vec![
        page("/", &visitor, 200, vec![Some(|s| s.home_title)]),
        page("/dang-nhap", &visitor, 200, vec![Some(|s| s.login_title)]),
        page(
            "/khong-co-trang-nay",
            &visitor,
            404,
            vec![Some(|s| s.not_found_title)],
        ),
        page("/lang/en?back=/", &visitor, 303, vec![]),
        page("/", &member, 200, vec![Some(|s| s.home_title)]),
        page(
            "/cam-ket",
            &member,
            200,
            vec![Some(|s| s.cm_my_title), Some(|s| s.cm_year_title)],
        ),
        page(
            "/in/cam-ket",
            &member,
            200,
            vec![Some(|s| s.cm_print_title)],
        ),
        page("/thong-bao", &member, 200, vec![Some(|s| s.cm_inbox_title)]),
        page(
            "/doi-mat-khau",
            &member,
            200,
            vec![Some(|s| s.password_title)],
        ),
        page(
            "/duyet-cam-ket",
            &secretary,
            200,
            vec![Some(|s| s.rv_title)],
        ),
        page(format!("/dang-vien/{member_id}"), &member, 200, vec![None]),
        page(
            "/xep-loai",
            &grassroots,
            200,
            vec![Some(|s| s.rv_grading_title), Some(|s| s.rv_units_title)],
        ),
        page("/so-do", &bloc, 200, vec![Some(|s| s.chart_title)]),
        page(format!("/don-vi/{BLOC_CODE}"), &bloc, 200, vec![None]),
        page(
            format!("/in/don-vi/{HOSPITAL_CODE}"),
            &bloc,
            200,
            vec![Some(|s| s.export_print_title)],
        ),
        page("/nam-cam-ket", &bloc, 200, vec![Some(|s| s.cm_years_title)]),
        page("/nhat-ky", &admin, 200, vec![Some(|s| s.audit_title)]),
        page(
            "/quan-tri/tai-khoan",
            &admin,
            200,
            vec![Some(|s| s.accounts_title)],
        ),
        page(
            "/thay-doi-co-cau",
            &admin,
            200,
            vec![Some(|s| s.change_title)],
        ),
        page("/nhap-du-lieu", &admin, 200, vec![Some(|s| s.import_title)]),
        page("/khen-thuong", &grassroots, 200, vec![Some(|s| s.kt_title)]),
        page(
            "/quyet-dinh-khen-thuong?nam=2020",
            &member,
            200,
            vec![Some(|s| s.kt_register_title)],
        ),
        page(
            "/quyet-dinh-khen-thuong/1",
            &bloc,
            200,
            vec![Some(|s| s.kt_register_title)],
        ),
        page(
            "/mo-hinh-hay?nam=2020",
            &member,
            200,
            vec![Some(|s| s.gm_title)],
        ),
        page(
            "/mo-hinh-hay/1",
            &secretary,
            200,
            vec![Some(|s| s.gm_title)],
        ),
        page(
            "/huy-hieu?ngay=2021-09-02",
            &bloc,
            200,
            vec![Some(|s| s.hh_title)],
        ),
    ]);

    let mut tasks = Vec::new();
    for n in 0..CLIENTS {
        let base = srv.base.clone();
        let pages = pages.clone();
        tasks.push(tokio::spawn(async move {
            // One client per task, with the usual connection reuse: its
            // requests follow one another on one kept-alive connection.
            let c = reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(30))
                .pool_max_idle_per_host(usize::MAX)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let mut failures = Vec::new();
            // Each client starts at another page, so that all kinds of page
            // are in flight together.
            for i in 0..pages.len() {
                let p = &pages[(n + i) % pages.len()];
                // Languages alternate request by request; as the number
                // of pages is even, a page gets both across the clients.
                let locale = if i % 2 == 0 { Locale::Vi } else { Locale::En };
                let mut cookie = format!("{}={}", Locale::COOKIE, locale.code());
                if let Some(session) = &p.session {
                    cookie = format!("{session}; {cookie}");
                }
                let what = format!("GET {} ({})", p.path, locale.code());
                let get = || {
                    c.get(format!("{base}{}", p.path))
                        .header("cookie", cookie.clone())
                        .send()
                };
                // A kept-alive connection the server closed as idle just as
                // the next request went out (the client's task waited its
                // turn past the idle limit on a loaded machine): browsers
                // send such a GET again (RFC 9112, 9.3.1), so does this.
                let sent = match get().await {
                    Err(e) if format!("{e:?}").contains("IncompleteMessage") => get().await,
                    sent => sent,
                };
                let res = match sent {
                    Ok(res) => res,
                    Err(e) => {
                        failures.push(format!("{what}: no answer: {e:?}"));
                        continue;
                    }
                };
                let status = res.status().as_u16();
                let body = match res.text().await {
                    Ok(body) => body,
                    Err(e) => {
                        failures.push(format!("{what}: {status}, body cut short: {e:?}"));
                        continue;
                    }
                };
                if status != p.status {
                    failures.push(format!("{what}: {status}, expected {}", p.status));
                    continue;
                }
                if p.titles.is_empty() {
                    continue;
                }
                match title_of(&body) {
                    None => failures.push(format!("{what}: no <title>")),
                    Some(title) => {
                        if let Err(why) = check_title(p, locale, &title) {
                            failures.push(format!("{what}: title {title:?}: {why}"));
                        }
                    }
                }
            }
            failures
        }));
    }

    let requests = CLIENTS * pages.len();
    let mut failures = Vec::new();
    for task in tasks {
        failures.extend(task.await.unwrap());
    }
    let panics = REACTIVE_PANICS.load(Ordering::SeqCst) - panics_before;
    let unanswered = failures.iter().filter(|f| f.contains("no answer")).count();
    assert!(
        failures.is_empty() && panics == 0,
        "{} of {requests} requests failed ({unanswered} with no answer), \
         {panics} panics reading reactive state outside its request:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
