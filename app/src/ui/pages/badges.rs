//! Party badges due (`/huy-hieu?ngay=YYYY-MM-DD&don-vi=CODE`): for one of
//! the year's four award dates, the members of a unit's subtree who reach
//! a milestone by then, counted per milestone; the cell's secretary marks
//! a member for an early or posthumous award in the row; the bloc's
//! leadership records the province's decision with each badge's number.

use crate::api::badges::{
    BADGES_PAGE, BadgeRow, BadgesData, MarkBadge, RecordBadgeDecision, RecordBadgeReplacements,
    badge_list,
};
use crate::domain::badge::{Early, LostBadge};
use crate::domain::numfmt;
use crate::domain::text::url_escape;
use crate::paths::{self, BadgesQuery};
use crate::ui::components::ErrorNotice;
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::{page_resource, settled};
use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::Title;
use strum::VariantArray;

fn early_label(e: Early) -> &'static str {
    match e {
        Early::SeriouslyIll => t().hh_early_seriously_ill,
        Early::Posthumous => t().hh_early_posthumous,
    }
}

#[component]
pub fn BadgesPage() -> impl IntoView {
    let query = paths::query::<BadgesQuery>();
    let asked = Memo::new(move |_| query.with(|q| (q.on.clone(), q.unit.clone())));
    let mark = ServerAction::<MarkBadge>::new();
    let record = ServerAction::<RecordBadgeDecision>::new();
    let replace = ServerAction::<RecordBadgeReplacements>::new();
    // Loaded again each time one of the forms' actions finishes.
    let done = [mark.version(), record.version(), replace.version()];
    let data = page_resource(
        move || (asked.get(), settled(&done)),
        |((on, unit), _)| badge_list(on, unit),
    );
    view! {
        <Title text=page_title(|s| s.hh_title.into())/>
        <header class="page-header">
            <h1>{move || t().hh_title}</h1>
            <p class="subtitle">{move || t().hh_intro}</p>
        </header>
        {move || mark.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
        {move || record.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
        {move || replace.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <List list mark record replace/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn List(
    list: BadgesData,
    mark: ServerAction<MarkBadge>,
    record: ServerAction<RecordBadgeDecision>,
    replace: ServerAction<RecordBadgeReplacements>,
) -> impl IntoView {
    let locale = use_locale();
    let BadgesData {
        on,
        dates,
        unit,
        units,
        rows,
        by_milestone,
        cut,
        lost,
        can_record,
    } = list;
    let replacements = view! { <Replacements lost on unit=unit.code.clone() can_record replace/> };
    let (saved, recorded) = (redirect_flag("da-luu"), redirect_flag("da-ghi-qd"));
    let can_record = can_record && !rows.is_empty();
    let code = unit.code.clone();
    let date_link = {
        let code = code.clone();
        move |d: chrono::NaiveDate| paths::badges(d, &code)
    };
    let year = on.year();
    let years = [year - 1, year + 1].map(|y| {
        let d = crate::domain::badge::award_dates(y)[0];
        (y, date_link(d))
    });
    let dates_nav = view! {
        <nav class="rv-switch" aria-label=move || t().hh_date>
            <span class="rv-switch-label">{move || t().hh_date} ": "</span>
            <ul>
                <li><a href=years[0].1.clone() rel="prev">"← " {years[0].0}</a></li>
                {dates
                    .into_iter()
                    .map(|d| view! {
                        <li>
                            <a href=date_link(d) aria-current=(d == on).then_some("page")>
                                {move || numfmt::date(d, locale.get())}
                            </a>
                        </li>
                    })
                    .collect_view()}
                <li><a href=years[1].1.clone() rel="next">{years[1].0} " →"</a></li>
            </ul>
        </nav>
    };
    let unit_form = (units.len() > 1).then(|| {
        let chosen = code.clone();
        view! {
            <form method="get" action=BADGES_PAGE class="kt-search">
                <input type="hidden" name="ngay" value=on.format("%Y-%m-%d").to_string()/>
                <label class="field">
                    <span class="field-label">{move || t().hh_unit}</span>
                    <select name="don-vi">
                        {units
                            .into_iter()
                            .map(|u| {
                                let selected = u.code == chosen;
                                view! { <option value=u.code selected=selected>{u.name}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button type="submit" class="button button-quiet">{move || t().hh_show}</button>
            </form>
        }
    });
    let total = rows.len() as i64;
    let cut_counts = cut.is_some() && by_milestone.is_empty();
    let cut_notice = cut.map(|c| {
        let read = c.read;
        let on_text = on.format("%Y-%m-%d").to_string();
        let below = (!c.below.is_empty()).then(|| {
            view! {
                <nav aria-label=move || t().hh_cut_below>
                    <span>{move || t().hh_cut_below} ": "</span>
                    <ul class="hh-below">
                        {c.below
                            .into_iter()
                            .map(|u| {
                                let href = paths::badges(&on_text, &u.code);
                                view! { <li><a href=href>{u.name}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                </nav>
            }
        });
        view! {
            <div class="notice" role="status" data-cut=read.to_string()>
                <p>{move || fill(t().hh_cut, &[("n", &numfmt::count(read, locale.get()))])}</p>
                {cut_counts.then(|| view! { <p>{move || t().hh_cut_no_counts}</p> })}
                {below}
            </div>
        }
    });
    let xlsx = cut_notice.is_none().then(|| {
        let href = format!(
            "/xuat/huy-hieu.xlsx?ngay={}&don-vi={}",
            on.format("%Y-%m-%d"),
            url_escape(&code)
        );
        view! {
            <p>
                <a href=href download>{move || t().hh_xlsx}</a>
            </p>
        }
    });
    let summary = by_milestone
        .into_iter()
        .map(|(m, n)| {
            view! {
                <li data-milestone=m.to_string()>
                    {move || fill(t().hh_milestone, &[("n", &m.to_string())])} ": "
                    <strong>{move || numfmt::count(n, locale.get())}</strong>
                </li>
            }
        })
        .collect_view();
    let table = if rows.is_empty() {
        view! { <p class="muted">{move || t().hh_none}</p> }.into_any()
    } else {
        let on_text = on.format("%Y-%m-%d").to_string();
        view! {
            <div class="table-wrap">
                <table class="data-table hh-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{move || t().hh_col_member}</th>
                            <th scope="col">{move || t().hh_col_admitted}</th>
                            <th scope="col">{move || t().hh_col_age}</th>
                            <th scope="col">{move || t().hh_col_milestone}</th>
                            <th scope="col">{move || t().hh_col_note}</th>
                            {can_record.then(|| view! { <th scope="col">{move || t().hh_col_badge_number}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .enumerate()
                            .map(|(i, row)| view! { <Row i row on=on_text.clone() unit=code.clone() mark can_record/> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let record_code = code.clone();
    let record_form = can_record.then(move || {
        view! {
            <ActionForm action=record attr:id=RECORD_FORM attr:class="hh-record">
                <h3>{move || t().hh_record_title}</h3>
                <p class="muted">{move || t().hh_record_intro}</p>
                <input type="hidden" name="on" value=on.format("%Y-%m-%d").to_string()/>
                <input type="hidden" name="unit" value=record_code/>
                <label class="field">
                    <span class="field-label">{move || t().hh_record_decision}</span>
                    <input type="text" name="decision" required maxlength="40" placeholder="1234-QĐ/TU" autocomplete="off"/>
                </label>
                <button type="submit" class="button" disabled=move || record.pending().get()>
                    {move || t().hh_record_submit}
                </button>
            </ActionForm>
        }
    });
    view! {
        {dates_nav}
        {unit_form}
        {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().hh_saved}</p> })}
        {move || recorded.get().and_then(|n| n.parse::<i64>().ok()).map(|n| view! {
            <p class="notice notice-ok" role="status" data-recorded=n.to_string()>
                {move || fill(t().hh_recorded, &[("n", &numfmt::count(n, locale.get()))])}
            </p>
        })}
        <section class="section">
            <h2>
                {unit.name.clone()} " · " {move || numfmt::date(on, locale.get())} " · "
                <span class="hh-count">{move || fill(t().hh_count, &[("n", &numfmt::count(total, locale.get()))])}</span>
            </h2>
            {cut_notice}
            <ul class="hh-summary">{summary}</ul>
            {xlsx}
            {table}
            {record_form}
        </section>
        {replacements}
    }
}

/// The lost badges awaiting the province's replacement, with the form that
/// records its decision for the bloc's leadership.
#[component]
fn Replacements(
    lost: Vec<LostBadge>,
    on: chrono::NaiveDate,
    unit: String,
    can_record: bool,
    replace: ServerAction<RecordBadgeReplacements>,
) -> impl IntoView {
    let locale = use_locale();
    let replaced = redirect_flag("da-cap-lai");
    let can_record = can_record && !lost.is_empty();
    let total = lost.len() as i64;
    let table = if lost.is_empty() {
        view! { <p class="muted">{move || t().hh_lost_none}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="data-table hh-lost-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{move || t().hh_col_member}</th>
                            <th scope="col">{move || t().hh_col_milestone}</th>
                            <th scope="col">{move || t().hh_col_lost_badge}</th>
                            <th scope="col">{move || t().hh_col_lost_on}</th>
                            {can_record.then(|| view! { <th scope="col">{move || t().hh_col_new_number}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {lost
                            .into_iter()
                            .enumerate()
                            .map(|(i, b)| {
                                let (milestone, lost_on, awarded) = (b.milestone, b.lost_on, b.award_date);
                                let label = fill(t().hh_badge_number_label, &[("name", &b.full_name)]);
                                view! {
                                    <tr data-lost=b.badge_id.to_string() data-member=b.member_id.to_string()>
                                        <td class="num">{i + 1}</td>
                                        <td>
                                            <a href=format!("{}#huy-hieu", paths::member(b.member_id))>{b.full_name.clone()}</a>
                                            <br/>
                                            <small class="muted">{b.card_number.clone()} " · " {b.cell.name.clone()}</small>
                                        </td>
                                        <td class="num">{move || fill(t().hh_milestone_short, &[("n", &milestone.to_string())])}</td>
                                        <td>
                                            {b.badge_number.clone()} <br/>
                                            <small class="muted">{b.decision_number.clone()} " · " {move || numfmt::date(awarded, locale.get())}</small>
                                        </td>
                                        <td class="nowrap">
                                            {move || numfmt::date(lost_on, locale.get())}
                                            {(!b.note.is_empty()).then(|| view! { <br/><small class="muted">{b.note.clone()}</small> })}
                                        </td>
                                        {can_record.then(|| view! {
                                            <td>
                                                <input type="hidden" name=format!("lost[{i}]") value=b.badge_id.to_string() form=REPLACE_FORM/>
                                                <input type="text" name=format!("badge[{i}]") form=REPLACE_FORM maxlength="30" size="12" autocomplete="off" aria-label=label/>
                                            </td>
                                        })}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let form = can_record.then(move || {
        view! {
            <ActionForm action=replace attr:id=REPLACE_FORM attr:class="hh-record">
                <h3>{move || t().hh_replace_title}</h3>
                <p class="muted">{move || t().hh_replace_intro}</p>
                <input type="hidden" name="on" value=on.format("%Y-%m-%d").to_string()/>
                <input type="hidden" name="unit" value=unit/>
                <label class="field">
                    <span class="field-label">{move || t().hh_record_decision}</span>
                    <input type="text" name="decision" required maxlength="40" placeholder="1234-QĐ/TU" autocomplete="off"/>
                </label>
                <button type="submit" class="button" disabled=move || replace.pending().get()>
                    {move || t().hh_replace_submit}
                </button>
            </ActionForm>
        }
    });
    view! {
        <section class="section" id="cap-lai">
            <h2>
                {move || t().hh_lost_title} " · "
                <span class="hh-count">{move || fill(t().hh_count, &[("n", &numfmt::count(total, locale.get()))])}</span>
            </h2>
            {move || replaced.get().and_then(|n| n.parse::<i64>().ok()).map(|n| view! {
                <p class="notice notice-ok" role="status" data-replaced=n.to_string()>
                    {move || fill(t().hh_replaced, &[("n", &numfmt::count(n, locale.get()))])}
                </p>
            })}
            <p class="muted">{move || t().hh_lost_intro}</p>
            {table}
            {form}
        </section>
    }
}

/// The id of the replacement-decision form (its new numbers sit in the rows).
const REPLACE_FORM: &str = "hh-replace";

/// The id of the province-decision form; the badge numbers in the rows
/// belong to it through their `form` attribute (forms cannot nest, and each
/// row holds its own marking form).
const RECORD_FORM: &str = "hh-record";

#[component]
fn Row(
    i: usize,
    row: BadgeRow,
    on: String,
    unit: String,
    mark: ServerAction<MarkBadge>,
    can_record: bool,
) -> impl IntoView {
    let locale = use_locale();
    let (admitted, months, milestone, early) = (row.admitted, row.months, row.milestone, row.early);
    let age = move || {
        fill(
            t().hh_age,
            &[
                ("y", &(months / 12).to_string()),
                ("m", &(months % 12).to_string()),
            ],
        )
    };
    let form = row.markable.then(|| {
        let label = fill(t().hh_mark_label, &[("name", &row.full_name)]);
        view! {
            <ActionForm action=mark attr:class="hh-mark">
                <input type="hidden" name="member" value=row.member_id.to_string()/>
                <input type="hidden" name="on" value=on/>
                <input type="hidden" name="unit" value=unit/>
                <select name="early" aria-label=label>
                    <option value="" selected=early.is_none()>{move || t().hh_early_none}</option>
                    {Early::VARIANTS
                        .iter()
                        .map(|e| {
                            let e = *e;
                            view! { <option value=e.as_str() selected=early == Some(e)>{move || early_label(e)}</option> }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="button button-quiet" disabled=move || mark.pending().get()>
                    {move || t().hh_mark}
                </button>
            </ActionForm>
        }
    });
    view! {
        <tr data-member=row.member_id.to_string() data-milestone=milestone.to_string()>
            <td class="num">{i + 1}</td>
            <td>
                <a href=paths::member(row.member_id)>{row.full_name.clone()}</a>
                <br/>
                <small class="muted">{row.card_number.clone()} " · " {row.cell.name.clone()}</small>
            </td>
            <td class="nowrap">{move || numfmt::date(admitted, locale.get())}</td>
            <td class="nowrap">{age}</td>
            <td class="num">{move || fill(t().hh_milestone_short, &[("n", &milestone.to_string())])}</td>
            <td data-early=early.map(|e| e.as_str()).unwrap_or("")>
                {early.map(|e| view! { <span class="badge state-submitted">{move || early_label(e)}</span> })}
                {form}
            </td>
            {can_record.then(|| {
                let label = fill(t().hh_badge_number_label, &[("name", &row.full_name)]);
                view! {
                    <td>
                        <input type="hidden" name=format!("member[{i}]") value=row.member_id.to_string() form=RECORD_FORM/>
                        <input
                            type="text"
                            name=format!("badge[{i}]")
                            form=RECORD_FORM
                            maxlength="30"
                            size="12"
                            autocomplete="off"
                            aria-label=label
                        />
                    </td>
                }
            })}
        </tr>
    }
}
