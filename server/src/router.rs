//! The axum router: Leptos pages and server functions, health, language
//! switch, static files.

use crate::auth::{AuthConfig, admin, csrf, handlers, session};
use crate::csp;
use app::api::context::ApiContext;
use app::domain::Locale;
use app::store::DynStore;
use app::store::StoreError;
use app::store::sessions::Sessions;
use app::ui::{App, shell};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{FromRef, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::routing::post;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list,
};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::set_header::SetResponseHeaderLayer;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: DynStore,
    pub sessions: Sessions,
    pub auth: Arc<AuthConfig>,
    /// The demo organisation is loaded: every page says so.
    pub demo: bool,
    /// SMTP is configured: password resets go to members' e-mail.
    pub mailer: Option<Arc<crate::mail::Mailer>>,
    /// Where backups go, and the ones the page started.
    pub backups: Option<Arc<crate::backup::web::ServerBackups>>,
    /// Committed changes of figures, for the open dashboards.
    pub live: Arc<app::api::live::Live>,
    /// The open dashboards' streams.
    pub streams: crate::live::Streams,
}

impl AppState {
    /// Opens the session table beside the store's data.
    pub async fn new(
        leptos_options: LeptosOptions,
        store: DynStore,
        auth: AuthConfig,
    ) -> Result<Self, StoreError> {
        let sessions = Sessions::for_store(&store).await?;
        Ok(AppState {
            leptos_options,
            store,
            sessions,
            auth: Arc::new(auth),
            demo: false,
            mailer: None,
            backups: None,
            live: Arc::default(),
            streams: crate::live::Streams::default(),
        })
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

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
        .route("/healthz", get(health))
        .route("/lang/{code}", get(switch_language))
        .route("/auth/login", post(handlers::login))
        .route("/auth/logout", post(handlers::logout))
        .route("/auth/password", post(handlers::change_password))
        .route("/auth/accounts/create", post(admin::create_member_accounts))
        .route("/auth/accounts/disable", post(admin::set_disabled))
        .route("/auth/accounts/reset", post(admin::reset_password))
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
        .layer(middleware::from_fn(csp::content_security_policy))
        .with_state(state)
}

/// 200 with the backend's name when the database answers within two seconds, else 503.
async fn health(State(state): State<AppState>) -> Response {
    let backend = state.store.backend().as_str();
    match tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await {
        Ok(Ok(())) => {
            Json(serde_json::json!({ "status": "ok", "database": backend })).into_response()
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "health check: database error");
            unavailable(backend)
        }
        Err(_) => {
            tracing::warn!("health check: database timed out");
            unavailable(backend)
        }
    }
}

fn unavailable(backend: &str) -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(serde_json::json!({ "status": "unavailable", "database": backend })),
    )
        .into_response()
}

#[derive(Deserialize)]
struct Back {
    back: Option<String>,
}

/// The language switch for browsers without (or before) the WASM: remember
/// the choice in a cookie and go back to the page. A language that cannot be
/// read is no language; a `back` that cannot be read (given twice, say) is
/// no page to go back to.
async fn switch_language(
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<Back>, QueryRejection>,
) -> Response {
    let Some(locale) = code.ok().and_then(|Path(code)| Locale::parse(&code)) else {
        return (
            StatusCode::NOT_FOUND,
            "Không có ngôn ngữ này. / No such language.",
        )
            .into_response();
    };
    // Only same-site paths: never an open redirect.
    let back = handlers::safe_next(query.ok().and_then(|Query(q)| q.back).as_deref());
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        Locale::COOKIE,
        locale.code()
    );
    let mut res = crate::redirect::to(&back);
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}
