//! The years of commitments (`/nam-cam-ket`): every logged-in user reads
//! each year's theme, form, deadlines and grading rules; the bloc's standing
//! committee edits them and adds a year. Each form posts to `save_year`,
//! answered by a redirect (`?nam=&da-luu=1`), so it works without JavaScript.

use crate::api::ApiError;
use crate::api::years::{SaveYear, YearsData, year_list};
use crate::domain::GradingRuleSet;
use crate::domain::numfmt;
use crate::domain::year::YearConfig;
use crate::paths::{self, MyQuery, YearsQuery};
use crate::ui::CurrentUser;
use crate::ui::commitment_text::{
    CommitmentError, deadline_label, posted_error, roman, rule_set_label,
};
use crate::ui::components::ErrorNotice;
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::{PageResource, Reload, page_resource};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

const RULE_SETS: [GradingRuleSet; 3] = [
    GradingRuleSet::Rules2019,
    GradingRuleSet::Rules2023,
    GradingRuleSet::Rules2025,
];

#[component]
pub fn YearsPage() -> impl IntoView {
    // Reloaded after a save made in place (with JavaScript).
    let reload = Reload::new();
    let data = page_resource(move || reload.key(), |_| year_list());
    view! {
        <Title text=page_title(|s| s.cm_years_title.into())/>
        <header class="page-header">
            <h1>{move || t().cm_years_title}</h1>
            <p class="subtitle">{move || t().cm_years_intro}</p>
        </header>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Years page reload/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Years(page: YearsData, reload: Reload) -> impl IntoView {
    let query = paths::query::<YearsQuery>();
    let saved_flag = redirect_flag("da-luu");
    let saved = move || {
        saved_flag
            .get()
            .and_then(|_| query.with(|q| q.year))
            .map(|y| y.to_string())
    };
    // A form posted without JavaScript and refused: the server sent the
    // browser back here with the error.
    let posted = posted_error()
        .filter(|(path, _)| path == SaveYear::PATH)
        .map(|(_, e)| e);
    let me = expect_context::<CurrentUser>().0;
    let YearsData {
        years,
        can_manage,
        next,
        locked,
    } = page;
    let empty = years.is_empty();
    view! {
        {move || saved().map(|year| view! {
            <p class="notice notice-ok cm-flash" role="status">
                {move || fill(t().cm_year_saved, &[("year", &year)])}
            </p>
        })}
        {posted.map(|e| view! { <CommitmentError error=e/> })}
        {empty.then(|| view! { <p class="notice">{move || t().cm_no_years}</p> })}
        <div class="cm-year-list">
            {years
                .into_iter()
                .map(|y| {
                    let is_locked = locked.contains(&y.year);
                    view! { <YearCard y can_manage is_locked reload me/> }
                })
                .collect_view()}
        </div>
        {can_manage
            .then_some(next)
            .flatten()
            .map(|n| view! {
                <section class="section cm-new-year" aria-labelledby="cm-new-year-title">
                    <h2 id="cm-new-year-title">{move || t().cm_new_year}</h2>
                    <YearForm y=n is_new=true is_locked=false reload/>
                </section>
            })}
    }
}

/// One year: what members read, and for managers its edit form in a
/// disclosure (opened when the address names the year).
#[component]
fn YearCard(
    y: YearConfig,
    can_manage: bool,
    is_locked: bool,
    reload: Reload,
    me: PageResource<Result<Option<crate::api::auth::Me>, ApiError>>,
) -> impl IntoView {
    let locale = use_locale();
    let year = y.year;
    let d = y.deadlines;
    let rules = y.rule_set;
    let open = paths::query::<YearsQuery>().with_untracked(|q| q.edit == Some(year));
    let deadline = move |field: &'static str, date: chrono::NaiveDate| {
        view! {
            <div class="cm-deadline">
                <dt>{move || deadline_label(field)}</dt>
                <dd><time datetime=date.to_string()>{move || numfmt::date(date, locale.get())}</time></dd>
            </div>
        }
    };
    view! {
        <article class="cm-year" id=format!("nam-{year}")>
            <h2>{year}</h2>
            <p class="cm-year-theme">{y.theme.clone()}</p>
            <div class="cm-year-grid">
                <section>
                    <h3>{move || t().cm_sections}</h3>
                    <ol class="cm-year-sections">
                        {y.sections
                            .iter()
                            .enumerate()
                            .map(|(i, s)| view! { <li><span class="cm-roman">{roman(i + 1)} "."</span> " " {s.clone()}</li> })
                            .collect_view()}
                    </ol>
                </section>
                <section>
                    <h3>{move || t().cm_deadlines}</h3>
                    <dl class="cm-deadlines">
                        {deadline("filing", d.filing)}
                        {deadline("mid_year", d.mid_year)}
                        {deadline("self_assessment", d.self_assessment)}
                        {deadline("grading", d.grading)}
                    </dl>
                    <h3>{move || t().cm_rule_set}</h3>
                    <p>{move || rule_set_label(rules)}</p>
                </section>
            </div>
            <Suspense>
                {move || Suspend::new(async move {
                    let files = me.await.ok().flatten().is_some_and(|m| m.can_file);
                    files.then(|| view! {
                        <p class="cm-year-mine">
                            <a href=MyQuery { year: Some(year) }.href()>
                                {move || fill(t().cm_my_year_link, &[("year", &year.to_string())])}
                            </a>
                        </p>
                    })
                })}
            </Suspense>
            {can_manage.then(|| view! {
                <details class="cm-year-edit" open=open>
                    <summary>{move || fill(t().cm_edit_year, &[("year", &year.to_string())])}</summary>
                    <YearForm y=y.clone() is_new=false is_locked reload/>
                </details>
            })}
        </article>
    }
}

/// A year's settings form (`save_year`): version 0 creates it.
#[component]
fn YearForm(y: YearConfig, is_new: bool, is_locked: bool, reload: Reload) -> impl IntoView {
    let action = ServerAction::<SaveYear>::new();
    reload.after(action);
    let year = y.year;
    let version = if is_new { 0 } else { y.version };
    let id = move |field: &str| {
        format!(
            "cm-year-{}-{field}",
            if is_new {
                "new".to_string()
            } else {
                year.to_string()
            }
        )
    };
    let sections = y.sections.join("\n");
    let section_rows = (y.sections.len() * 2).clamp(4, 16);
    let rules = y.rule_set;
    let date = move |field: &'static str, value: chrono::NaiveDate| {
        let input_id = id(field);
        view! {
            <div class="field">
                <label class="field-label" for=input_id.clone()>{move || deadline_label(field)}</label>
                <input id=input_id type="date" name=field value=value.to_string() required/>
            </div>
        }
    };
    let d = y.deadlines;
    view! {
        {move || action.value().get().and_then(Result::err).map(|e| view! { <CommitmentError error=e/> })}
        <ActionForm action attr:class="form cm-form cm-year-form">
            <input type="hidden" name="version" value=version/>
            {if is_new {
                view! {
                    <div class="field">
                        <label class="field-label" for=id("year")>{move || t().cm_year_field}</label>
                        <input id=id("year") type="number" name="year" min="2000" max="2100" value=year required inputmode="numeric"/>
                    </div>
                }
                .into_any()
            } else {
                view! { <input type="hidden" name="year" value=year/> }.into_any()
            }}
            <div class="field">
                <label class="field-label" for=id("theme")>{move || t().cm_theme_field}</label>
                <textarea id=id("theme") name="theme" rows="4" required maxlength="1000">{y.theme.clone()}</textarea>
            </div>
            <div class="field">
                <label class="field-label" for=id("sections")>{move || t().cm_sections_field}</label>
                <textarea
                    id=id("sections")
                    name="sections"
                    rows=section_rows
                    required
                    aria-describedby=id("sections-help")
                >
                    {sections}
                </textarea>
                <p class="field-help" id=id("sections-help")>{move || t().cm_sections_help}</p>
            </div>
            <div class="cm-date-grid">
                {date("filing", d.filing)}
                {date("mid_year", d.mid_year)}
                {date("self_assessment", d.self_assessment)}
                {date("grading", d.grading)}
            </div>
            <div class="field">
                <label class="field-label" for=id("rules")>{move || t().cm_rule_set}</label>
                <select
                    id=id("rules")
                    name="rule_set"
                    disabled=is_locked
                    aria-describedby=is_locked.then(|| id("rules-help"))
                >
                    {RULE_SETS
                        .into_iter()
                        .map(|r| view! {
                            <option value=r.as_str() selected=r == rules>{move || rule_set_label(r)}</option>
                        })
                        .collect_view()}
                </select>
                // A disabled control is not sent: the stored rules go as a hidden field.
                {is_locked.then(|| view! {
                    <input type="hidden" name="rule_set" value=rules.as_str()/>
                    <p class="field-help" id=id("rules-help")>{move || t().cm_rules_help_locked}</p>
                })}
            </div>
            <div class="cm-buttons">
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if is_new { t().cm_create_year } else { t().cm_save_year }}
                </button>
            </div>
        </ActionForm>
    }
}
