//! A chart drawn on the server, with its title; the dashboard's and the targets'.

use crate::ui::i18n::t;
use leptos::prelude::*;

/// A chart drawn on the server, titled (with its legend, when it has
/// two series); its figures are in the table after it.
#[component]
pub fn ChartFigure(
    svg: Option<String>,
    title: Signal<String>,
    #[prop(optional)] legend: bool,
) -> impl IntoView {
    svg.map(|svg| {
        view! {
            <figure class="tk-chart">
                <figcaption>
                    {title}
                    {legend.then(|| view! {
                        <span class="tk-legend">
                            <span class="tk-key tk-key-approved"></span>{move || t().tk_approved_share}
                            <span class="tk-key tk-key-filed"></span>{move || t().tk_filed_share}
                        </span>
                    })}
                </figcaption>
                <div class="tk-svg" role="img" aria-label=title inner_html=svg></div>
            </figure>
        }
    })
}
