//! A member's own commitment (`/cam-ket?nam=`): the year's theme and
//! deadlines, where the commitment stands, and the form of whatever step is
//! open — the undertakings (draft, submit), the mid-year review, the
//! year-end self-assessment — then the grades and the history. Each form
//! posts to its server function, which answers with a redirect: it all works
//! without JavaScript (errors come back in `?__err=`), and with it the page
//! reloads its data in place.

use crate::api::ApiError;
use crate::api::commitments::{
    CommitmentStep, CommitmentView, MyCommitmentData, SaveCommitment, SelfAssess, my_commitment,
};
use crate::domain::commitment::{CommitmentState, Step};
use crate::domain::numfmt;
use crate::paths::{self, CommitmentPrintQuery, MyQuery};
use crate::ui::CurrentUser;
use crate::ui::commitment_text::{
    assessment_label, deadline_label, kept_as_draft, posted_error, state_class, state_label,
};
use crate::ui::components::ErrorNotice;
use crate::ui::components::history::History;
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::{Reload, page_resource};
use leptos::prelude::*;
use leptos_meta::Title;

/// The forms' actions, shared by the page (which reloads after them) and
/// its parts.
#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveCommitment>,
    step: ServerAction<CommitmentStep>,
    assess: ServerAction<SelfAssess>,
}

/// A form's error: the action's answer (with JavaScript) or the one the
/// server sent the browser back with (`__path` names the function).
fn form_error(value: Option<Result<(), ApiError>>, path: &str) -> Option<ApiError> {
    match value {
        Some(result) => result.err(),
        None => posted_error().filter(|(p, _)| p == path).map(|(_, e)| e),
    }
}

#[component]
pub fn MyCommitmentPage() -> impl IntoView {
    let query = paths::query::<MyQuery>();
    let year = move || query.with(|q| q.year);
    let actions = Actions {
        save: ServerAction::<SaveCommitment>::new(),
        step: ServerAction::<CommitmentStep>::new(),
        assess: ServerAction::<SelfAssess>::new(),
    };
    // With JavaScript a form's success navigates to the same page (a new
    // flag in the query, the same year): load the commitment again. A
    // refused submission was still saved as a draft (a new version).
    let changed: fn(&Result<(), ApiError>) -> bool = |answer| match answer {
        Ok(()) => true,
        Err(e) => kept_as_draft(e),
    };
    let reload = Reload::new()
        .after_if(actions.save, changed)
        .after_if(actions.step, changed)
        .after_if(actions.assess, changed);
    let data = page_resource(move || (year(), reload.key()), |(y, _)| my_commitment(y));
    let me = expect_context::<CurrentUser>().0;
    view! {
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                let result = data.await;
                let member = me.await.ok().flatten().is_some_and(|m| m.can_file);
                match result {
                    Ok(page) => view! { <Page page actions/> }.into_any(),
                    // A staff account: no member, no commitment.
                    Err(ApiError::NotFound) if !member => {
                        view! {
                            <Title text=page_title(|s| s.cm_my_title.into())/>
                            <header class="page-header"><h1>{move || t().cm_my_title}</h1></header>
                            <p class="notice" role="status">{move || t().cm_no_member}</p>
                        }
                        .into_any()
                    }
                    Err(e) => view! {
                        <Title text=page_title(|s| s.cm_my_title.into())/>
                        <header class="page-header"><h1>{move || t().cm_my_title}</h1></header>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Page(page: MyCommitmentData, actions: Actions) -> impl IntoView {
    let locale = use_locale();
    // A form refused since (with JavaScript the address keeps its flag).
    let refused = move || {
        [
            actions.save.value().with(|v| matches!(v, Some(Err(_)))),
            actions.step.value().with(|v| matches!(v, Some(Err(_)))),
            actions.assess.value().with(|v| matches!(v, Some(Err(_)))),
        ]
        .contains(&true)
    };
    let (submitted, saved) = (redirect_flag("da-nop"), redirect_flag("da-luu"));
    let flag = move |f: Signal<Option<String>>| f.get().is_some() && !refused();
    let MyCommitmentData { years, view: v } = page;
    let year = v.year.year;
    let state = v.commitment.as_ref().map(|c| c.state);
    let has = |step: Step| v.steps.contains(&step);
    let (can_edit, can_mid_year, can_assess) = (
        has(Step::Save) || has(Step::Submit),
        has(Step::MidYearReview),
        has(Step::SelfAssess),
    );
    let title = move || fill(t().cm_year_title, &[("year", &year.to_string())]);
    let print_href = CommitmentPrintQuery {
        year: Some(year),
        member: Some(v.member.member_id),
    }
    .href();
    let returned = v
        .commitment
        .as_ref()
        .filter(|c| c.state == CommitmentState::Returned && !c.return_reason.is_empty())
        .map(|c| c.return_reason.clone());
    let extended = v.commitment.as_ref().and_then(|c| c.extended_to);
    let decided = v.commitment.as_ref().and_then(|c| c.decided);
    let (name, cell) = (v.member.full_name.clone(), v.member.cell_name.clone());
    let body = if can_edit {
        view! { <EditForm v=v.clone() save=actions.save/> }.into_any()
    } else {
        view! { <Undertakings v=v.clone()/> }.into_any()
    };
    view! {
        <Title text=page_title(move |s| fill(s.cm_year_title, &[("year", &year.to_string())]))/>
        <header class="page-header cm-header">
            <h1>{title}</h1>
            <p class="subtitle">
                {move || fill(t().cm_member_of, &[("name", &name), ("cell", &cell)])}
            </p>
            <p class="cm-state">
                <span class=state_class(state) data-state=state.map_or("none", |s| s.as_str())>
                    {move || state_label(state)}
                </span>
                {decided.map(|a| view! {
                    " "
                    <span class="badge cm-final">{move || assessment_label(&a)}</span>
                })}
                {extended.map(|d| view! {
                    " "
                    <span class="badge">
                        {move || fill(t().cm_extended_to, &[("date", &numfmt::date(d, locale.get()))])}
                    </span>
                })}
            </p>
        </header>
        {(years.len() > 1).then(|| view! { <YearLinks years=years.clone() current=year/> })}
        {move || flag(submitted).then(|| view! {
            <p class="notice notice-ok cm-flash" role="status">{move || t().cm_submitted_ok}</p>
        })}
        {move || (flag(saved) && !flag(submitted)).then(|| view! {
            <p class="notice notice-ok cm-flash" role="status">{move || t().cm_saved}</p>
        })}
        {returned.map(|reason| view! {
            <section class="notice notice-error cm-returned" aria-labelledby="cm-returned-title">
                <h2 id="cm-returned-title">{move || t().cm_returned_title}</h2>
                <blockquote class="cm-reason">{reason}</blockquote>
                <p>{move || t().cm_returned_hint}</p>
            </section>
        })}
        <YearFacts v=v.clone()/>
        {body}
        {can_mid_year.then(|| view! { <MidYearForm v=v.clone() step=actions.step/> })}
        {can_assess.then(|| view! { <SelfAssessForm v=v.clone() assess=actions.assess/> })}
        {v.commitment.clone().map(|c| view! { <Grades c/> })}
        <History events=v.history.clone() own_member=v.member.member_id/>
        <p class="cm-print-link">
            <a class="button button-quiet" href=print_href>{move || t().cm_print_link}</a>
        </p>
    }
}

/// Links to the other years (`?nam=`).
#[component]
fn YearLinks(years: Vec<i32>, current: i32) -> impl IntoView {
    view! {
        <nav class="cm-years" aria-label=move || t().cm_years_nav>
            <span class="muted">{move || t().cm_years_nav} ":"</span>
            {years
                .into_iter()
                .map(|y| view! {
                    <a href=MyQuery { year: Some(y) }.href() aria-current=(y == current).then_some("page")>{y}</a>
                })
                .collect_view()}
        </nav>
    }
}

/// The year's theme and deadlines (passed ones marked).
#[component]
fn YearFacts(v: CommitmentView) -> impl IntoView {
    let locale = use_locale();
    let year = v.year.year;
    let d = v.year.deadlines;
    let today = v.today;
    let theme = v.year.theme.clone();
    let row = move |field: &'static str, date: chrono::NaiveDate| {
        let passed = today > date;
        view! {
            <div class="cm-deadline" class:passed=passed>
                <dt>{move || deadline_label(field)}</dt>
                <dd>
                    <time datetime=date.to_string()>{move || numfmt::date(date, locale.get())}</time>
                    {passed.then(|| view! { " " <span class="muted">"(" {move || t().cm_deadline_passed} ")"</span> })}
                </dd>
            </div>
        }
    };
    view! {
        <section class="theme cm-theme">
            <h2>{move || fill(t().cm_theme, &[("year", &year.to_string())])}</h2>
            <p>{theme}</p>
        </section>
        <section class="section">
            <h2 class="cm-sr-only">{move || t().cm_deadlines}</h2>
            <dl class="cm-deadlines" aria-label=move || t().cm_deadlines>
                {row("filing", d.filing)}
                {row("mid_year", d.mid_year)}
                {row("self_assessment", d.self_assessment)}
                {row("grading", d.grading)}
            </dl>
        </section>
    }
}

mod assess;
mod edit;
mod grades;
mod undertakings;

use assess::{MidYearForm, SelfAssessForm};
use edit::EditForm;
use grades::Grades;
pub use undertakings::ItemList;
use undertakings::Undertakings;
