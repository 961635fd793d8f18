//! The bloc at a glance: organisations, cells and members, read live from the
//! database and rendered on the server (readable before the WASM loads).

use crate::api::ApiError;
use crate::api::summary::get_summary;
use crate::ui::CurrentUser;
use crate::ui::components::ErrorNotice;
use crate::ui::components::summary::Summary;
use crate::ui::i18n::{page_title, t};
use crate::ui::labels::role_label;
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let summary = page_resource(|| (), |_| get_summary(None, None));
    view! {
        <Title text=page_title(|s| s.home_title.into())/>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(s) => view! { <Summary summary=s/> }.into_any(),
                    Err(ApiError::NotFound) => {
                        view! { <p class="notice">{move || t().home_empty}</p> }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
            <MyUnits/>
        </Suspense>
    }
}

/// The units the logged-in user leads, and their own cell.
#[component]
fn MyUnits() -> impl IntoView {
    let me = expect_context::<CurrentUser>().0;
    move || {
        Suspend::new(async move {
            let units = match me.await {
                Ok(Some(me)) if !me.units.is_empty() => me.units,
                _ => return None,
            };
            Some(view! {
                <section class="my-units">
                    <h2>{move || t().nav_my_units}</h2>
                    <ul>
                        {units
                            .into_iter()
                            .map(|u| {
                                let role = u.role;
                                view! {
                                    <li>
                                        <a href=crate::paths::unit(&u.code)>{u.name}</a>
                                        <span class="muted">" · " {move || role_label(role)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            })
        })
    }
}
