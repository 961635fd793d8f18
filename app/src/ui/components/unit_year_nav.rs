//! Links to the other units the caller works on and to the years.

use crate::ui::i18n::t;
use leptos::prelude::*;

/// Links to the other units the caller works on and to the years.
#[component]
pub fn UnitYearNav(
    units: Vec<(String, String)>,
    current_code: String,
    years: Vec<i32>,
    current_year: i32,
    #[prop(into)] units_label: Signal<String>,
    /// The address of a unit and year.
    link: Callback<(String, i32), String>,
) -> impl IntoView {
    let unit_links = (units.len() > 1).then(|| {
        let current_code = current_code.clone();
        view! {
            <nav class="rv-switch" aria-label=units_label>
                <span class="rv-switch-label">{units_label} ": "</span>
                <ul>
                    {units
                        .into_iter()
                        .map(|(code, name)| {
                            let here = code == current_code;
                            let href = link.run((code, current_year));
                            view! {
                                <li><a href=href aria-current=here.then_some("page")>{name}</a></li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    let year_links = (years.len() > 1).then(|| {
        view! {
            <nav class="rv-switch rv-years" aria-label=move || t().rv_years>
                <span class="rv-switch-label">{move || t().rv_years} ": "</span>
                <ul>
                    {years
                        .into_iter()
                        .map(|year| {
                            let href = link.run((current_code.clone(), year));
                            view! {
                                <li>
                                    <a href=href aria-current=(year == current_year).then_some("page")>{year}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    view! { {unit_links} {year_links} }
}
