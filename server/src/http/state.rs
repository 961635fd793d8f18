//! The app's state, and the parts a handler can take on its own
//! (`State<DynStore>`, `State<Sessions>` …) so that it names only what it uses.

use crate::auth::AuthConfig;
use app::store::sessions::Sessions;
use app::store::{DynStore, StoreError};
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

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

macro_rules! parts {
    ($($field:ident: $t:ty),* $(,)?) => {$(
        impl FromRef<AppState> for $t {
            fn from_ref(state: &AppState) -> Self {
                state.$field.clone()
            }
        }
    )*};
}

parts!(
    leptos_options: LeptosOptions,
    store: DynStore,
    sessions: Sessions,
    auth: Arc<AuthConfig>,
    live: Arc<app::api::live::Live>,
    streams: crate::live::Streams,
);
