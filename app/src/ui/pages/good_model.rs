//! One good model (`/mo-hinh-hay/{id}`): what it is, who runs it since
//! when, its results and its recognition; the unit's leadership edits it
//! until it is recognised, the committee above recognises it (or takes the
//! recognition back), each step confirmed first.

use crate::api::good_models::{
    GOOD_MODELS_PAGE, GoodModelView, RecogniseGoodModel, SaveGoodModel, good_model_one,
};
use crate::domain::numfmt;
use crate::paths::{self, GoodModelQuery, IdParam};
use crate::ui::commendation_text::model_field_label;
use crate::ui::components::{ConfirmSubmit, ErrorNotice};
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::pages::good_models::{ModelFields, recognition};
use crate::ui::resource::{page_resource, settled};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn GoodModelPage() -> impl IntoView {
    let params = paths::params::<IdParam>();
    let id = Memo::new(move |_| params.with(|p| p.id));
    let save = ServerAction::<SaveGoodModel>::new();
    let recognise = ServerAction::<RecogniseGoodModel>::new();
    // Loaded again each time one of the forms' actions finishes.
    let done = [save.version(), recognise.version()];
    let data = page_resource(
        move || (id.get(), settled(&done)),
        |(id, _)| async move {
            match id {
                Some(id) => good_model_one(id).await,
                None => Err(crate::api::ApiError::NotFound),
            }
        },
    );
    view! {
        <Title text=page_title(|s| s.gm_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Model view save recognise/> }.into_any(),
                    Err(e) => view! {
                        <header class="page-header"><h1>{move || t().gm_title}</h1></header>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Model(
    view: GoodModelView,
    save: ServerAction<SaveGoodModel>,
    recognise: ServerAction<RecogniseGoodModel>,
) -> impl IntoView {
    let locale = use_locale();
    let GoodModelView {
        row,
        can_edit,
        can_recognise,
        recogniser,
        today,
    } = view;
    let saved = redirect_flag("da-luu");
    let errors = move || {
        [save.value().get(), recognise.value().get()]
            .into_iter()
            .flatten()
            .filter_map(Result::err)
            .map(|e| view! { <ErrorNotice error=e/> })
            .collect_view()
    };
    let (f, since, year) = (row.field, row.since, row.year);
    let title = row.title.clone();
    let badge = recognition(&row);
    let recognised = row.recognised_on.is_some();
    let recognised_text = match (&row.recognised_by, row.recognised_on) {
        (Some(by), Some(on)) => {
            let by = by.name.clone();
            view! {
                <span>{move || fill(t().gm_recognised_by, &[("unit", &by), ("date", &numfmt::date(on, locale.get()))])}</span>
            }
            .into_any()
        }
        _ => view! { <span>{move || t().gm_not_recognised}</span> }.into_any(),
    };
    let (id, version) = (row.id, row.version);
    let edit = can_edit.then(|| {
        let row = row.clone();
        view! {
            <section class="section" id="sua">
                <details class="gm-edit-box">
                    <summary class="button button-quiet">{move || t().gm_edit}</summary>
                    <ActionForm action=save attr:class="gm-form gm-edit">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="version" value=version.to_string()/>
                        <ModelFields row max_since=today.format("%Y-%m-%d").to_string()/>
                        <button type="submit" class="button" disabled=move || save.pending().get()>
                            {move || t().gm_save}
                        </button>
                    </ActionForm>
                </details>
            </section>
        }
    });
    let locked = (!can_edit && recognised && !can_recognise).then_some(());
    let step = can_recognise.then(|| {
        let by = recogniser.map(|u| u.name).unwrap_or_default();
        let busy = move || recognise.pending().get();
        view! {
            <section class="section" id="cong-nhan">
                <ActionForm action=recognise attr:class=if recognised { "rv-step gm-withdraw" } else { "rv-step gm-recognise" }>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="version" value=version.to_string()/>
                    {recognised.then(|| view! { <input type="hidden" name="withdraw" value="1"/> })}
                    <h2>{move || if recognised { t().gm_withdraw } else { t().gm_recognise }}</h2>
                    {(!recognised).then(|| view! { <p class="muted">{move || fill(t().gm_recognise_hint, &[("unit", &by)])}</p> })}
                    <ConfirmSubmit
                        label=Signal::derive(move || if recognised { t().gm_withdraw } else { t().gm_recognise }.to_string())
                        question=Signal::derive(move || if recognised { t().gm_withdraw_confirm } else { t().gm_recognise_confirm }.to_string())
                        pending=Signal::derive(busy)
                    />
                </ActionForm>
            </section>
        }
    });
    view! {
        <Title text=page_title(move |s| format!("{} · {title}", s.gm_title))/>
        <header class="page-header">
            <p class="breadcrumb"><a href=GOOD_MODELS_PAGE>{move || t().gm_title}</a></p>
            <h1>{row.title.clone()}</h1>
            <p class="subtitle">
                <a href=GoodModelQuery { unit: Some(row.unit.code.clone()), ..GoodModelQuery::default() }.href()>{row.unit.name.clone()}</a>
                " · " {year} " " {badge}
            </p>
        </header>
        {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().gm_saved}</p> })}
        {errors}
        <dl class="kt-facts gm-facts">
            <dt>{move || t().gm_field_area}</dt>
            <dd>{move || model_field_label(f)}</dd>
            <dt>{move || t().gm_field_run_by}</dt>
            <dd>{row.run_by.clone()}</dd>
            <dt>{move || t().gm_field_since}</dt>
            <dd>{move || since.map(|d| numfmt::date(d, locale.get())).unwrap_or_default()}</dd>
            <dt>{move || t().gm_field_recognised}</dt>
            <dd data-recognised=recognised.to_string()>{recognised_text}</dd>
        </dl>
        <section class="section">
            <h2>{move || t().gm_field_description}</h2>
            <p class="pre">{row.description.clone()}</p>
            <h2>{move || t().gm_field_results}</h2>
            <p class="pre">{row.results.clone()}</p>
        </section>
        {locked.map(|_| view! { <p class="muted">{move || t().gm_locked}</p> })}
        {edit}
        {step}
    }
}
