//! One unit's figures, for those whose scope includes it.

use crate::api::summary::get_summary;
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::t;
use crate::ui::pages::home::Summary;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn UnitPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let summary = Resource::new(code, |code| get_summary(Some(code), None));
    view! {
        <Title text=move || t().unit_title/>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(s) => view! { <Summary summary=s/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
