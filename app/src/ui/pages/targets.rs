//! Resolution targets (`/thong-ke/chi-tieu?don-vi=CODE&nam=YEAR`): the
//! targets of a unit's resolution of a year with their actuals and where
//! each stands, drawn as progress bars against the target line. The unit's
//! leadership adds, edits and deletes them here (deleting is confirmed
//! first); everyone who sees the unit's dashboard reads them. Every form
//! posts and is answered by a redirect, so the page works without the WASM.

use crate::api::targets::{
    DeleteTarget, SaveTarget, TARGETS_PAGE, TargetView, TargetsData, target_list,
};
use crate::domain::numfmt;
use crate::domain::targets::{Direction, Indicator, Standing};
use crate::paths::{self, GoodModelQuery, StatsQuery, TargetsQuery};
use crate::ui::components::figure::ChartFigure;
use crate::ui::components::{ConfirmSubmit, ErrorNotice};
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::{page_resource, settled};
use crate::ui::target_text::{
    direction_label, indicator_label, standing_label, target_name_in, value_in,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TargetsPage() -> impl IntoView {
    let query = paths::query::<TargetsQuery>();
    let q = Memo::new(move |_| query.with(|q| (q.unit.clone(), q.year)));
    let save = ServerAction::<SaveTarget>::new();
    let delete = ServerAction::<DeleteTarget>::new();
    // Loaded again each time one of the forms' actions finishes.
    let done = [save.version(), delete.version()];
    let data = page_resource(
        move || (q.get(), settled(&done)),
        |((unit, year), _)| target_list(unit, year),
    );
    view! {
        <Title text=page_title(|s| s.ct_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <Targets p save delete/> }.into_any(),
                    Err(e) => view! {
                        <header class="page-header"><h1>{move || t().ct_title}</h1></header>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Targets(
    p: TargetsData,
    save: ServerAction<SaveTarget>,
    delete: ServerAction<DeleteTarget>,
) -> impl IntoView {
    let TargetsData {
        unit,
        year,
        years,
        targets,
        can_edit,
        free,
        chart,
    } = p;
    let saved = redirect_flag("da-luu");
    let deleted = redirect_flag("da-xoa");
    let errors = move || {
        [save.value().get(), delete.value().get()]
            .into_iter()
            .flatten()
            .filter_map(Result::err)
            .map(|e| view! { <ErrorNotice error=e/> })
            .collect_view()
    };
    let name = unit.name.clone();
    let back = StatsQuery {
        unit: Some(unit.code.clone()),
        year: Some(year),
        order: None,
    }
    .href();
    // With JavaScript the page stays: empty the new-target form once saved.
    let added = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(())))
            && let Some(form) = added.get_untracked()
        {
            form.reset();
        }
    });
    let editing = can_edit.then(|| {
        let list = targets.clone();
        let code = unit.code.clone();
        view! {
            <section class="section" id="cap-nhat">
                <h2>{move || t().ct_edit}</h2>
                {list
                    .into_iter()
                    .map(|v| view! { <EditTarget v free=free.clone() save delete/> })
                    .collect_view()}
            </section>
            <section class="section" id="them">
                <h2>{move || t().ct_add}</h2>
                <ActionForm action=save node_ref=added attr:class="gm-form ct-form ct-new">
                    <input type="hidden" name="unit" value=code/>
                    <input type="hidden" name="year" value=year.to_string()/>
                    <TargetFields current=None free=free.clone()/>
                    <button type="submit" class="button" disabled=move || save.pending().get()>
                        {move || t().ct_add}
                    </button>
                </ActionForm>
            </section>
        }
    });
    let read_only = (!can_edit).then(|| {
        let name = unit.name.clone();
        view! { <p class="muted">{move || fill(t().ct_read_only, &[("unit", &name)])}</p> }
    });
    view! {
        <header class="page-header">
            <p class="breadcrumb"><a href=back>{move || t().ct_back}</a></p>
            <h1>{move || t().ct_title}</h1>
            <p class="subtitle">{move || fill(t().ct_intro, &[("unit", &name), ("year", &year.to_string())])}</p>
        </header>
        {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().ct_saved}</p> })}
        {move || deleted.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().ct_deleted}</p> })}
        {errors}
        <form method="get" action=TARGETS_PAGE class="kt-search tk-filters">
            <input type="hidden" name="don-vi" value=unit.code.clone()/>
            <label class="field">
                <span class="field-label">{move || t().tk_year}</span>
                <select name="nam">
                    {years
                        .into_iter()
                        .map(|y| view! { <option value=y.to_string() selected=y == year>{y}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="submit" class="button button-quiet">{move || t().tk_show}</button>
        </form>
        <TargetSummary targets=targets.clone() year/>
        <ChartFigure svg=chart title=Signal::derive(move || t().ct_chart.to_string())/>
        <TargetTable targets year/>
        {read_only}
        {editing}
    }
}

/// "7 of 10 met or exceeded", or that there are none.
#[component]
pub fn TargetSummary(targets: Vec<TargetView>, year: i32) -> impl IntoView {
    let locale = use_locale();
    let total = targets.len() as i64;
    let reached = targets.iter().filter(|v| v.standing.reached()).count() as i64;
    view! {
        <p class="tk-lead" data-targets=total.to_string() data-reached=reached.to_string()>
            {move || {
                let l = locale.get();
                if total == 0 {
                    fill(t().ct_none, &[("year", &year.to_string())])
                } else {
                    fill(t().ct_summary, &[("reached", &numfmt::count(reached, l)), ("total", &numfmt::count(total, l))])
                }
            }}
        </p>
    }
}

fn standing_class(s: Standing) -> &'static str {
    match s {
        Standing::Exceeded | Standing::Met => "badge ct-reached",
        Standing::Behind => "badge ct-behind",
        Standing::InProgress => "badge ct-progress",
        Standing::NoData => "badge ct-none",
    }
}

/// The targets with their actuals: the figures of the chart, as a table.
#[component]
pub fn TargetTable(targets: Vec<TargetView>, year: i32) -> impl IntoView {
    (!targets.is_empty()).then(|| {
        let locale = use_locale();
        view! {
            <div class="table-wrap">
                <table class="data-table ct-targets">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().ct_col_name}</th>
                            <th scope="col" class="num">{move || t().ct_col_target}</th>
                            <th scope="col" class="num">{move || t().ct_col_actual}</th>
                            <th scope="col">{move || t().ct_col_standing}</th>
                            <th scope="col" class="num">{move || t().ct_col_margin}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {targets
                            .into_iter()
                            .map(|v| {
                                let spec = v.target.spec.clone();
                                let (standing, margin, actual) = (v.standing, v.margin, v.actual);
                                let counted = spec.indicator != Indicator::Other;
                                let (s1, s2, s3) = (spec.clone(), spec.clone(), spec.clone());
                                let note = (!spec.note.is_empty()).then(|| {
                                    let text = spec.note.clone();
                                    view! { <span class="stat-detail">{move || fill(t().ct_note, &[("text", &text)])}</span> }
                                });
                                let evidence = (!spec.evidence.is_empty()).then(|| {
                                    let text = spec.evidence.clone();
                                    view! { <span class="stat-detail">{move || fill(t().ct_evidence, &[("text", &text)])}</span> }
                                });
                                let models = (spec.indicator == Indicator::GoodModels).then(|| GoodModelQuery { year: Some(year), ..GoodModelQuery::default() }.href());
                                let actual_text = move || match actual {
                                    Some(a) => value_in(&s3, a, t(), locale.get()),
                                    None => "—".into(),
                                };
                                view! {
                                    <tr data-indicator=spec.indicator.as_str() data-standing=standing.as_str()>
                                        <th scope="row">
                                            {move || target_name_in(&s1, t())}
                                            <span class="stat-detail">{move || if counted { t().ct_counted } else { t().ct_entered }}</span>
                                            {note}
                                            {evidence}
                                        </th>
                                        <td class="num">{move || value_in(&s2, s2.target, t(), locale.get())}</td>
                                        <td class="num">
                                            {match models {
                                                Some(href) => view! { <a href=href>{actual_text}</a> }.into_any(),
                                                None => view! { <span>{actual_text}</span> }.into_any(),
                                            }}
                                        </td>
                                        <td><span class=standing_class(standing)>{move || standing_label(standing)}</span></td>
                                        <td class="num">{move || margin.map(|m| numfmt::margin(m, locale.get())).unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}

/// One target's edit form and its (confirmed) deletion.
#[component]
fn EditTarget(
    v: TargetView,
    free: Vec<Indicator>,
    save: ServerAction<SaveTarget>,
    delete: ServerAction<DeleteTarget>,
) -> impl IntoView {
    let (id, version) = (v.target.id, v.target.version);
    let spec = v.target.spec.clone();
    let name = spec.clone();
    view! {
        <details class="gm-edit-box ct-edit" data-target=id.to_string()>
            <summary class="button button-quiet">{move || target_name_in(&name, t())}</summary>
            <ActionForm action=save attr:class="gm-form ct-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="version" value=version.to_string()/>
                <TargetFields current=Some(spec) free/>
                <button type="submit" class="button" disabled=move || save.pending().get()>
                    {move || t().ct_save}
                </button>
            </ActionForm>
            <ActionForm action=delete attr:class="rv-step ct-delete">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="version" value=version.to_string()/>
                <ConfirmSubmit
                    label=Signal::derive(move || t().ct_delete.to_string())
                    question=Signal::derive(move || t().ct_delete_confirm.to_string())
                    pending=Signal::derive(move || delete.pending().get())
                />
            </ActionForm>
        </details>
    }
}

/// A target's fields: the indicator (a known one not listed yet, or
/// another), its wording, the values, and for another target its unit of
/// measure, direction and actual.
#[component]
fn TargetFields(
    current: Option<crate::domain::targets::Checked>,
    free: Vec<Indicator>,
) -> impl IntoView {
    let locale = use_locale();
    let chosen = current.as_ref().map(|c| c.indicator);
    let mut offered: Vec<Indicator> = chosen.into_iter().collect();
    offered.extend(free.into_iter().filter(|i| Some(*i) != chosen));
    if !offered.contains(&Indicator::Other) {
        offered.push(Indicator::Other);
    }
    let c = current.unwrap_or_else(|| crate::domain::targets::Checked {
        indicator: offered[0],
        title: String::new(),
        measure: String::new(),
        direction: Direction::AtLeast,
        target: 0,
        actual: None,
        note: String::new(),
        evidence: String::new(),
    });
    let fresh = chosen.is_none();
    // As typed back: no thousands separators, the reader's decimal mark.
    let number = move |v: i64| match (v % 10, locale.get_untracked()) {
        (0, _) => (v / 10).to_string(),
        (f, crate::domain::Locale::Vi) => format!("{},{f}", v / 10),
        (f, crate::domain::Locale::En) => format!("{}.{f}", v / 10),
    };
    let target = if fresh {
        String::new()
    } else {
        number(c.target)
    };
    let actual = c.actual.map(number).unwrap_or_default();
    let direction = c.direction;
    view! {
        <label class="field">
            <span class="field-label">{move || t().ct_field_indicator}</span>
            <select name="indicator" required>
                {offered
                    .into_iter()
                    .map(|i| view! { <option value=i.as_str() selected=i == c.indicator>{move || indicator_label(i)}</option> })
                    .collect_view()}
            </select>
        </label>
        <label class="field">
            <span class="field-label">{move || t().ct_field_title}</span>
            <input type="text" name="title" value=c.title.clone() maxlength="300"/>
            <span class="field-hint">{move || t().ct_title_hint}</span>
        </label>
        <label class="field">
            <span class="field-label">{move || t().ct_field_target}</span>
            <input type="text" name="target" value=target inputmode="decimal" required maxlength="20"/>
            <span class="field-hint">{move || t().ct_value_hint}</span>
        </label>
        <label class="field">
            <span class="field-label">{move || t().ct_field_actual}</span>
            <input type="text" name="actual" value=actual inputmode="decimal" maxlength="20"/>
            <span class="field-hint">{move || t().ct_actual_hint}</span>
        </label>
        <label class="field">
            <span class="field-label">{move || t().ct_field_measure}</span>
            <input type="text" name="measure" value=c.measure.clone() maxlength="50"/>
        </label>
        <label class="field">
            <span class="field-label">{move || t().ct_field_direction}</span>
            <select name="direction">
                {[Direction::AtLeast, Direction::AtMost]
                    .into_iter()
                    .map(|d| view! { <option value=d.as_str() selected=d == direction>{move || direction_label(d)}</option> })
                    .collect_view()}
            </select>
        </label>
        <label class="field">
            <span class="field-label">{move || t().ct_field_note}</span>
            <textarea name="note" rows="2" maxlength="2000">{c.note.clone()}</textarea>
        </label>
        <label class="field">
            <span class="field-label">{move || t().ct_field_evidence}</span>
            <input type="text" name="evidence" value=c.evidence.clone() maxlength="500"/>
            <span class="field-hint">{move || t().ct_evidence_hint}</span>
        </label>
    }
}
