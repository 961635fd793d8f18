//! The dashboard as an A4 print view (`/in/thong-ke?don-vi=CODE&nam=YEAR`):
//! every section as the dashboard has it, without its forms, a title for
//! the report sent upward and the day the figures were read. The page
//! itself is what is printed; the Print button only opens the dialog.

use crate::api::stats::{DashboardData, dashboard};
use crate::domain::numfmt;
use crate::paths::{self, StatsQuery};
use crate::ui::components::{ErrorNotice, PrintTools};
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::pages::stats::{Body, link};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StatsPrintPage() -> impl IntoView {
    let q = paths::query::<StatsQuery>();
    let data = page_resource(move || q.get(), |q| dashboard(q.unit, q.year, q.order));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Printed d/> }.into_any(),
                    Err(e) => view! {
                        <Title text=page_title(|s| s.tk_print.into())/>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Printed(d: DashboardData) -> impl IntoView {
    let locale = use_locale();
    let back = link(&d.unit.code, d.year, d.order);
    let (unit, year, today) = (d.unit.name.clone(), d.year.to_string(), d.today);
    let title = unit.clone();
    let title_year = year.clone();
    view! {
        <Title text=page_title(move |s| fill(s.tk_print_title, &[("year", &title_year), ("unit", &title)]))/>
        <PrintTools back=back back_label=|| t().dl_back hint=|| t().tk_print_hint/>
        <article class="tk-print">
            <p class="tk-print-title">{move || fill(t().tk_print_title, &[("year", &year), ("unit", &unit)])}</p>
            <Body d print=true/>
            <p class="print-footer muted">
                {move || fill(t().tk_printed, &[("date", &numfmt::date(today, locale.get()))])}
            </p>
        </article>
    }
}
