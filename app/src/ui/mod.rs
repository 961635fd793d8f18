//! Pages and components. The UI only hides what the server refuses anyway.

pub mod body_text;
pub mod commendation_text;
pub mod commitment_text;
pub mod components;
pub mod flags;
pub mod i18n;
pub mod labels;
pub mod layout;
pub mod pages;
pub mod resource;
pub mod routes;
pub mod target_text;

use crate::api::ApiError;
use crate::api::auth::{Me, whoami};
use crate::ui::resource::{PageResource, page_resource};
use i18n::{provide_locale, use_locale};
use leptos::prelude::*;
use leptos_meta::{Html, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

/// The HTML document around the app (server side only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="vi">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#b71c1c"/>
                <link rel="stylesheet" id="leptos" href="/pkg/dangbo.css"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
                // After the app, outside what hydrates: written by the server only.
                {use_context::<DemoData>().filter(|d| d.0).map(|_| demo_banner())}
            </body>
        </html>
    }
}

/// Whether the server holds the demo organisation, whose passwords are
/// public: then every page says so (see `shell`).
#[derive(Clone, Copy)]
pub struct DemoData(pub bool);

/// A band at the foot of the screen on every page, in both languages (the
/// server writes it before it knows which one the reader prefers).
fn demo_banner() -> impl IntoView {
    use crate::domain::Locale;
    let (vi, en) = (i18n::strings(Locale::Vi), i18n::strings(Locale::En));
    view! {
        <p class="demo-banner" role="note">
            <span lang="vi">{vi.demo_banner}</span>
            <span class="demo-banner-en" lang="en">" · "{en.demo_banner}</span>
        </p>
    }
}

/// The logged-in user (or `None`), loaded once per page.
#[derive(Clone, Copy)]
pub struct CurrentUser(pub PageResource<Result<Option<Me>, ApiError>>);

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_locale();
    let locale = use_locale();
    provide_context(CurrentUser(page_resource(|| (), |_| whoami())));
    view! {
        <Html {..} lang=move || locale.get().code()/>
        <Title formatter=i18n::title_formatter()/>
        <Router>
            <layout::Header/>
            <main id="main" class="page">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view={Lazy::<routes::HomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/dang-nhap") view={Lazy::<routes::LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=path!("/doi-mat-khau")
                        view={Lazy::<routes::PasswordRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/so-do") view={Lazy::<routes::ChartRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/don-vi/:code") view={Lazy::<routes::UnitRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/in/don-vi/:code") view={Lazy::<routes::PrintRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/dang-vien/:id") view={Lazy::<routes::MemberRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/thay-doi-co-cau") view={Lazy::<routes::ChangeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/nhat-ky") view={Lazy::<routes::AuditRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/nhap-du-lieu") view={Lazy::<routes::ImportRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/cam-ket") view={Lazy::<routes::CommitmentRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/in/cam-ket") view={Lazy::<routes::CommitmentPrintRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/duyet-cam-ket") view={Lazy::<routes::ReviewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/xep-loai") view={Lazy::<routes::GradingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/nam-cam-ket") view={Lazy::<routes::YearsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/thong-bao") view={Lazy::<routes::InboxRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/khen-thuong") view={Lazy::<routes::ProposalsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/khen-thuong/:id") view={Lazy::<routes::ProposalRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=path!("/quyet-dinh-khen-thuong")
                        view={Lazy::<routes::DecisionsRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/in/quyet-dinh/:id")
                        view={Lazy::<routes::DecisionPrintRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/in/giay-khen/:id")
                        view={Lazy::<routes::CertificatePrintRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/quyet-dinh-khen-thuong/:id")
                        view={Lazy::<routes::DecisionRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/huy-hieu") view={Lazy::<routes::BadgesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mo-hinh-hay") view={Lazy::<routes::GoodModelsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/thong-ke") view={Lazy::<routes::StatsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/thong-ke/chi-tieu") view={Lazy::<routes::TargetsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/in/thong-ke") view={Lazy::<routes::StatsPrintRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=path!("/thong-ke/danh-sach")
                        view={Lazy::<routes::StatsMembersRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/ban-chi-dao") view={Lazy::<routes::BodiesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mo-hinh-hay/:id") view={Lazy::<routes::GoodModelRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=path!("/quan-tri/tai-khoan")
                        view={Lazy::<routes::AccountsRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/quan-tri/sao-luu")
                        view={Lazy::<routes::BackupsRoute>::new()}
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <layout::Footer/>
        </Router>
    }
}
