//! The axum router: the routes of each part (pages and server functions,
//! health, language switch, logins, imports, downloads, files, backups,
//! streams) merged, and the layers every request passes.

use crate::auth::{csrf, session};
use crate::csp;
use app::api::context::ApiContext;
use app::ui::{App, shell};
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware;
use leptos::prelude::*;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list,
};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::set_header::SetResponseHeaderLayer;

pub use crate::http::AppState;

/// The app's routes, walked once per process: while Leptos walks them it
/// suppresses resource loading process-wide, so walking them again (say, for
/// each test's router) would stall a page rendering at that moment.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let api = ApiContext {
        store: state.store.clone(),
        backups: state
            .backups
            .clone()
            .map(|b| b as Arc<dyn app::api::backups::BackupCatalog>),
        live: state.live.clone(),
    };
    let demo = app::ui::DemoData(state.demo);
    let page_context = move || {
        provide_context(demo);
        provide_context(api.clone());
        // This response's nonce for the inline hydration scripts (see csp.rs).
        csp::provide_page_nonce();
    };
    let options = state.leptos_options.clone();
    Router::new()
        .merge(crate::health::routes())
        .merge(crate::language::routes())
        .merge(crate::auth::routes())
        .merge(crate::import::routes())
        .merge(crate::export::routes())
        .merge(crate::attachments::routes())
        .merge(crate::backup::web::routes())
        .merge(crate::live::routes())
        .leptos_routes_with_context(&state, routes, page_context.clone(), move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            page_context,
            shell,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::resolve_actor,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::auth::client::resolve,
        ))
        .layer(session::layer(state.sessions.clone(), &state.auth))
        .layer(middleware::from_fn(csrf::same_origin_only))
        // Backups are gzip files already: sent as they are.
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("application/gzip")),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // An error's sentence in the caller's language (see http::error).
        .layer(middleware::from_fn(crate::http::error::localize))
        .layer(middleware::from_fn(csp::content_security_policy))
        .with_state(state)
}
