//! A decision's print view: the decision the route names, drawn once read, or why not.

use crate::api::ApiError;
use crate::api::commendations::{DecisionView, decision_one};
use crate::paths::{self, IdParam};
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::{page_title, t};
use crate::ui::resource::{PageResource, page_resource};
use leptos::prelude::*;
use leptos_meta::Title;

/// A print view of the route's decision: `paper` draws it once read; a
/// refusal or a missing decision is said instead.
pub fn decision_paper(paper: fn(DecisionView) -> AnyView) -> impl IntoView {
    let data = decision_resource();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => paper(v),
                    Err(e) => view! {
                        <Title text=page_title(|s| s.kt_register_title.into())/>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The decision the route's `:id` names (a malformed id is not found).
pub fn decision_resource() -> PageResource<Result<DecisionView, ApiError>> {
    let params = paths::params::<IdParam>();
    let id = Memo::new(move |_| params.with(|p| p.id));
    page_resource(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => decision_one(id).await,
                None => Err(ApiError::NotFound),
            }
        },
    )
}
