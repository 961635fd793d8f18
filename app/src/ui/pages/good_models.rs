//! The good-model registry (`/mo-hinh-hay?nam=&q=&linh-vuc=&don-vi=&cong-nhan=&trang=`):
//! every model the filter matches, 50 a page, with an XLSX of the same
//! rows; and, for a unit's leadership, the form that registers a new one.

use crate::api::good_models::{
    GOOD_MODELS_PAGE, GoodModelQuery, GoodModelsData, SaveGoodModel, good_model_list,
};
use crate::domain::good_model::{GoodModelRow, ModelField};
use crate::domain::numfmt;
use crate::domain::org::UnitRef;
use crate::paths;
use crate::ui::commendation_text::model_field_label;
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;
use strum::VariantArray;

/// The list of `q` at `page` (the first page's address has none).
fn link(q: &GoodModelQuery, page: i64) -> String {
    GoodModelQuery {
        page: paths::page_number(page),
        ..q.clone()
    }
    .href()
}

#[component]
pub fn GoodModelsPage() -> impl IntoView {
    // Out of range is answered by the server, not clamped here.
    let q = paths::query::<GoodModelQuery>();
    let create = ServerAction::<SaveGoodModel>::new();
    let data = page_resource(
        move || q.get(),
        |q| good_model_list(q.year, q.q, q.field, q.unit, q.recognised, q.page),
    );
    view! {
        <Title text=page_title(|s| s.gm_title.into())/>
        <header class="page-header">
            <h1>{move || t().gm_title}</h1>
            <p class="subtitle">{move || t().gm_intro}</p>
        </header>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || {
                let query = q.get();
                Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <Body page query create/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Body(
    page: GoodModelsData,
    query: GoodModelQuery,
    create: ServerAction<SaveGoodModel>,
) -> impl IntoView {
    let locale = use_locale();
    let GoodModelsData {
        rows,
        total,
        page,
        more,
        years,
        unit,
        registering,
        working_year,
    } = page;
    let prev = (page > 1).then(|| link(&query, page - 1));
    let next = more.then(|| link(&query, page + 1));
    let xlsx = GoodModelQuery {
        page: None,
        ..query.clone()
    }
    .href_at("/xuat/mo-hinh-hay.xlsx");
    let scope = unit.map(|u| {
        let all = link(
            &GoodModelQuery {
                unit: None,
                ..query.clone()
            },
            1,
        );
        view! {
            <p class="gm-scope">
                {move || fill(t().gm_of_unit, &[("unit", &u.name)])} " · "
                <a href=all>{move || t().gm_all_units}</a>
            </p>
        }
    });
    let table = if rows.is_empty() {
        view! { <p class="muted">{move || t().gm_none}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="data-table gm-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().gm_field_title}</th>
                            <th scope="col">{move || t().gm_field_unit}</th>
                            <th scope="col">{move || t().gm_field_area}</th>
                            <th scope="col">{move || t().gm_field_year}</th>
                            <th scope="col">{move || t().gm_field_recognised}</th>
                        </tr>
                    </thead>
                    <tbody>{rows.into_iter().map(|row| view! { <Row row/> }).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <Filters query=query.clone() years/>
        {scope}
        <p class="gm-count">
            <strong>{move || fill(t().gm_count, &[("n", &numfmt::count(total, locale.get()))])}</strong>
            " · "
            <a href=xlsx download>{move || t().gm_xlsx}</a>
        </p>
        {table}
        {(prev.is_some() || next.is_some()).then(|| view! {
            <nav class="pager" aria-label=move || t().kt_pages>
                {prev.map(|href| view! { <a href=href rel="prev">{move || t().kt_prev}</a> })}
                " " <span>{move || fill(t().kt_page_n, &[("n", &numfmt::count(page, locale.get()))])}</span> " "
                {next.map(|href| view! { <a href=href rel="next">{move || t().kt_next}</a> })}
            </nav>
        })}
        {(!registering.is_empty()).then(|| view! { <NewModel units=registering year=working_year action=create/> })}
    }
}

/// Search, year, area and recognition, as a plain GET form.
#[component]
fn Filters(query: GoodModelQuery, years: Vec<i32>) -> impl IntoView {
    let chosen = query.field.clone();
    let recognised = query.recognised.clone();
    view! {
        <form method="get" action=GOOD_MODELS_PAGE class="kt-search gm-filters" role="search">
            {query.unit.clone().map(|u| view! { <input type="hidden" name="don-vi" value=u/> })}
            <label class="field">
                <span class="field-label">{move || t().gm_search}</span>
                <input type="search" name="q" maxlength="200" value=query.q.clone().unwrap_or_default()/>
            </label>
            <label class="field">
                <span class="field-label">{move || t().gm_field_year}</span>
                <select name="nam">
                    <option value="">{move || t().gm_any}</option>
                    {years
                        .into_iter()
                        .map(|y| view! { <option value=y.to_string() selected=query.year == Some(y)>{y}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field-label">{move || t().gm_field_area}</span>
                <select name="linh-vuc">
                    <option value="">{move || t().gm_any}</option>
                    {ModelField::VARIANTS
                        .iter()
                        .map(|f| {
                            let f = *f;
                            let selected = chosen.as_deref() == Some(f.as_str());
                            view! { <option value=f.as_str() selected=selected>{move || model_field_label(f)}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field-label">{move || t().gm_field_recognised}</span>
                <select name="cong-nhan">
                    <option value="">{move || t().gm_any}</option>
                    <option value="1" selected=recognised.as_deref() == Some("1")>{move || t().gm_recognised}</option>
                    <option value="0" selected=recognised.as_deref() == Some("0")>{move || t().gm_waiting}</option>
                </select>
            </label>
            <button type="submit" class="button button-quiet">{move || t().gm_filter}</button>
        </form>
    }
}

/// Whether and by whom a model is recognised, as a label.
pub(crate) fn recognition(row: &GoodModelRow) -> impl IntoView + use<> {
    let locale = use_locale();
    match (&row.recognised_by, row.recognised_on) {
        (Some(by), Some(on)) => {
            let by = by.name.clone();
            view! {
                <span class="badge state-approved" title=move || {
                    fill(t().gm_recognised_by, &[("unit", &by), ("date", &numfmt::date(on, locale.get()))])
                }>{move || t().gm_recognised}</span>
            }
            .into_any()
        }
        _ => {
            view! { <span class="badge state-submitted">{move || t().gm_waiting}</span> }.into_any()
        }
    }
}

#[component]
fn Row(row: GoodModelRow) -> impl IntoView {
    let f = row.field;
    let badge = recognition(&row);
    view! {
        <tr data-model=row.id.to_string()>
            <td><a href=paths::good_model(row.id)>{row.title}</a></td>
            <td>
                <a href=GoodModelQuery { unit: Some(row.unit.code.clone()), ..GoodModelQuery::default() }.href()>{row.unit.name}</a>
            </td>
            <td>{move || model_field_label(f)}</td>
            <td class="num">{row.year}</td>
            <td>{badge}</td>
        </tr>
    }
}

/// The fields of a model, empty for a new one; shared with the edit form.
#[component]
pub(crate) fn ModelFields(
    #[prop(optional)] row: Option<GoodModelRow>,
    #[prop(optional)] max_since: Option<String>,
) -> impl IntoView {
    let title = row.as_ref().map(|r| r.title.clone()).unwrap_or_default();
    let field = row.as_ref().map(|r| r.field);
    let since = row
        .as_ref()
        .and_then(|r| r.since)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let run_by = row.as_ref().map(|r| r.run_by.clone()).unwrap_or_default();
    let description = row
        .as_ref()
        .map(|r| r.description.clone())
        .unwrap_or_default();
    let results = row.as_ref().map(|r| r.results.clone()).unwrap_or_default();
    view! {
        <label class="field">
            <span class="field-label">{move || t().gm_field_title}</span>
            <input type="text" name="title" required maxlength="300" value=title.clone() prop:value=title/>
        </label>
        <label class="field">
            <span class="field-label">{move || t().gm_field_area}</span>
            <select name="field">
                {ModelField::VARIANTS
                    .iter()
                    .map(|f| {
                        let f = *f;
                        view! { <option value=f.as_str() selected=field == Some(f)>{move || model_field_label(f)}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
        <label class="field">
            <span class="field-label">{move || t().gm_field_since}</span>
            <input type="date" name="since" min="1930-02-03" max=max_since value=since.clone() prop:value=since/>
        </label>
        <label class="field">
            <span class="field-label">{move || t().gm_field_run_by}</span>
            <input type="text" name="run_by" maxlength="300" value=run_by.clone() prop:value=run_by/>
        </label>
        <label class="field">
            <span class="field-label">{move || t().gm_field_description}</span>
            <textarea name="description" rows="4" maxlength="5000" prop:value=description.clone()>{description.clone()}</textarea>
        </label>
        <label class="field">
            <span class="field-label">{move || t().gm_field_results}</span>
            <textarea name="results" rows="3" maxlength="5000" prop:value=results.clone()>{results.clone()}</textarea>
        </label>
    }
}

/// A new model of one of the units the caller leads.
#[component]
fn NewModel(units: Vec<UnitRef>, year: i32, action: ServerAction<SaveGoodModel>) -> impl IntoView {
    let busy = move || action.pending().get();
    view! {
        <section class="section" id="dang-ky">
            <details class="gm-new" open=move || action.value().get().is_some_and(|r| r.is_err())>
                <summary class="button button-quiet">{move || t().gm_new}</summary>
                <p class="muted">{move || t().gm_new_hint}</p>
                {move || action.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
                <ActionForm action attr:class="gm-form gm-create">
                    <label class="field">
                        <span class="field-label">{move || t().gm_field_unit}</span>
                        <select name="unit">
                            {units
                                .into_iter()
                                .map(|u| view! { <option value=u.code>{u.name}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().gm_field_year}</span>
                        <input type="number" name="year" required min="1930" max="2200" value=year.to_string()/>
                    </label>
                    <ModelFields/>
                    <button type="submit" class="button" disabled=busy>{move || t().gm_register}</button>
                </ActionForm>
            </details>
        </section>
    }
}
