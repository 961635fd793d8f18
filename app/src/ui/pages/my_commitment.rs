//! A member's own commitment (`/cam-ket?nam=`): the year's theme and
//! deadlines, where the commitment stands, and the form of whatever step is
//! open — the undertakings (draft, submit), the mid-year review, the
//! year-end self-assessment — then the grades and the history. Each form
//! posts to its server function, which answers with a redirect: it all works
//! without JavaScript (errors come back in `?__err=`), and with it the page
//! reloads its data in place.

use crate::api::ApiError;
use crate::api::commitments::{
    CommitmentStep, CommitmentView, MY_PAGE, MyCommitmentData, SaveCommitment, SelfAssess,
    my_commitment,
};
use crate::domain::commitment::{CommitmentState, Step};
use crate::domain::grading::{Grade, uses_points};
use crate::domain::numfmt;
use crate::domain::records::CommitmentRecord;
use crate::domain::undertaking::{Assessment, ItemResult, Undertaking};
use crate::ui::CurrentUser;
use crate::ui::commitment_text::{
    CommitmentError, assessment_label, commitment_error_text, deadline_label, grade_label,
    kept_as_draft, posted_error, problem_section, result_label, roman, state_class, state_label,
};
use crate::ui::components::ErrorNotice;
use crate::ui::components::history::History;
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{fill, page_title, t, use_locale};
use crate::ui::resource::{Reload, page_resource};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
    let query = use_query_map();
    let year = move || query.with(|q| q.get("nam").and_then(|v| v.trim().parse::<i32>().ok()));
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
    let print_href = format!("/in/cam-ket?nam={year}&dang-vien={}", v.member.member_id);
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
                    <a href=format!("{MY_PAGE}?nam={y}") aria-current=(y == current).then_some("page")>{y}</a>
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

/// The undertakings of one section, one a line (the form's text).
fn section_text(items: &[Undertaking], section: usize) -> String {
    items
        .iter()
        .filter(|u| u.section == section)
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The undertakings, a textarea per section, saved or submitted.
#[component]
fn EditForm(v: CommitmentView, save: ServerAction<SaveCommitment>) -> impl IntoView {
    let year = v.year.year;
    let version = v.commitment.as_ref().map_or(0, |c| c.version);
    let items = v
        .commitment
        .as_ref()
        .map(|c| c.items.clone())
        .unwrap_or_default();
    let sections = v.year.sections.clone();
    let can_submit = v.steps.contains(&Step::Submit);
    let error = move || form_error(save.value().get(), SaveCommitment::PATH);
    let error_sections = sections.clone();
    view! {
        <section class="section cm-edit" aria-labelledby="cm-edit-title">
            <h2 id="cm-edit-title">{move || t().cm_undertakings}</h2>
            <p class="muted cm-intro">{move || t().cm_edit_intro}</p>
            {move || error().map(|e| {
                // A refused submission was kept as a draft.
                let kept = kept_as_draft(&e);
                view! {
                    {kept.then(|| view! { <p class="cm-kept">{move || t().cm_saved_not_submitted}</p> })}
                    <CommitmentError error=e sections=error_sections.clone()/>
                }
            })}
            <ActionForm action=save attr:class="form cm-form">
                <input type="hidden" name="year" value=year/>
                <input type="hidden" name="version" value=version/>
                {sections
                    .iter()
                    .enumerate()
                    .map(|(i, title)| {
                        let id = format!("cm-section-{i}");
                        let help = format!("cm-section-{i}-help");
                        let err_id = format!("cm-section-{i}-error");
                        let text = section_text(&items, i);
                        let rows = (text.lines().count() + 2).clamp(3, 12);
                        let sections = sections.clone();
                        let wrong = move || error().filter(|e| problem_section(e) == Some(i));
                        let described = {
                            let (help, err_id) = (help.clone(), err_id.clone());
                            move || {
                                if wrong().is_some() { format!("{help} {err_id}") } else { help.clone() }
                            }
                        };
                        view! {
                            <div class="field cm-field">
                                <label class="field-label" for=id.clone()>
                                    {roman(i + 1)} ". " {title.clone()}
                                </label>
                                <textarea
                                    id=id
                                    name=format!("sections[{i}]")
                                    rows=rows
                                    aria-describedby=described
                                    aria-invalid=move || wrong().is_some().then_some("true")
                                >
                                    {text}
                                </textarea>
                                <p class="field-help" id=help>{move || t().cm_one_per_line}</p>
                                {move || wrong().map(|e| view! {
                                    <p class="field-error" id=err_id.clone()>{commitment_error_text(&e, &sections)}</p>
                                })}
                            </div>
                        }
                    })
                    .collect_view()}
                <div class="cm-buttons">
                    <button type="submit" class="button button-quiet" disabled=move || save.pending().get()>
                        {move || t().cm_save_draft}
                    </button>
                    {can_submit.then(|| view! {
                        <button type="submit" class="button" name="submit" value="1" disabled=move || save.pending().get()>
                            {move || t().cm_submit}
                        </button>
                    })}
                </div>
            </ActionForm>
        </section>
    }
}

/// The undertakings read-only, by section, numbered, with their results.
#[component]
fn Undertakings(v: CommitmentView) -> impl IntoView {
    let locale = use_locale();
    let Some(c) = v.commitment.clone() else {
        let year = v.year.year;
        let filing = v.year.deadlines.filing;
        let passed = v.today > filing;
        return view! {
            <section class="section cm-items">
                <h2>{move || t().cm_undertakings}</h2>
                <p class="muted">
                    {move || {
                        if passed {
                            fill(t().cm_not_started_closed, &[
                                ("year", &year.to_string()),
                                ("date", &numfmt::date(filing, locale.get())),
                            ])
                        } else {
                            t().cm_not_started_text.to_string()
                        }
                    }}
                </p>
            </section>
        }
        .into_any();
    };
    view! {
        <section class="section cm-items">
            <h2>{move || t().cm_undertakings}</h2>
            <ItemList sections=v.year.sections.clone() items=c.items/>
            {(!c.mid_year_note.is_empty()).then(|| view! {
                <div class="cm-note">
                    <h3>{move || t().cm_mid_year_title}</h3>
                    <p class="cm-pre">{c.mid_year_note.clone()}</p>
                </div>
            })}
        </section>
    }
    .into_any()
}

/// Sections with their numbered undertakings (and results, once assessed).
#[component]
pub fn ItemList(sections: Vec<String>, items: Vec<Undertaking>) -> impl IntoView {
    sections
        .into_iter()
        .enumerate()
        .map(|(i, title)| {
            let mine: Vec<Undertaking> = items.iter().filter(|u| u.section == i).cloned().collect();
            view! {
                <div class="cm-section">
                    <h3>{roman(i + 1)} ". " {title}</h3>
                    {if mine.is_empty() {
                        view! { <p class="muted">{move || t().cm_section_empty}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="cm-list">
                                {mine
                                    .into_iter()
                                    .map(|u| {
                                        let result = u.result;
                                        view! {
                                            <li>
                                                <span class="cm-text">{u.text}</span>
                                                {result.map(|r| view! {
                                                    " "
                                                    <span class=format!("badge result result-{}", r.as_str())>
                                                        {move || result_label(r)}
                                                    </span>
                                                })}
                                                {(!u.result_note.is_empty()).then(|| view! {
                                                    <p class="cm-result-note">{u.result_note.clone()}</p>
                                                })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        }
                        .into_any()
                    }}
                </div>
            }
        })
        .collect_view()
}

/// The member's mid-year review.
#[component]
fn MidYearForm(v: CommitmentView, step: ServerAction<CommitmentStep>) -> impl IntoView {
    let year = v.year.year;
    let version = v.commitment.as_ref().map_or(0, |c| c.version);
    let note = v
        .commitment
        .as_ref()
        .map(|c| c.mid_year_note.clone())
        .unwrap_or_default();
    let sections = v.year.sections.clone();
    let error = move || form_error(step.value().get(), CommitmentStep::PATH);
    view! {
        <section class="section cm-mid-year" aria-labelledby="cm-mid-year-title">
            <h2 id="cm-mid-year-title">{move || t().cm_mid_year_title}</h2>
            <p class="muted">{move || t().cm_mid_year_hint}</p>
            {move || error().map(|e| view! { <CommitmentError error=e sections=sections.clone()/> })}
            <ActionForm action=step attr:class="form cm-form">
                <input type="hidden" name="step" value=Step::MidYearReview.as_str()/>
                <input type="hidden" name="year" value=year/>
                <input type="hidden" name="member" value=v.member.member_id/>
                <input type="hidden" name="version" value=version/>
                <input type="hidden" name="back" value=format!("{MY_PAGE}?nam={year}")/>
                <div class="field">
                    <label class="field-label" for="cm-mid-year-note">{move || t().cm_mid_year_note}</label>
                    <textarea id="cm-mid-year-note" name="note" rows="5" required>{note}</textarea>
                </div>
                <div class="cm-buttons">
                    <button type="submit" class="button" disabled=move || step.pending().get()>
                        {move || t().cm_mid_year_save}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

/// The year-end self-assessment: a result per undertaking, then the grade
/// (or points) proposed and its justification.
#[component]
fn SelfAssessForm(v: CommitmentView, assess: ServerAction<SelfAssess>) -> impl IntoView {
    let year = v.year.year;
    let points = uses_points(v.year.rule_set);
    let record: Option<CommitmentRecord> = v.commitment.clone();
    let version = record.as_ref().map_or(0, |c| c.version);
    let items = record.as_ref().map(|c| c.items.clone()).unwrap_or_default();
    let own = record.as_ref().and_then(|c| c.self_assessment);
    let own_note = record
        .as_ref()
        .map(|c| c.self_note.clone())
        .unwrap_or_default();
    let sections = v.year.sections.clone();
    let error_sections = sections.clone();
    let error = move || form_error(assess.value().get(), SelfAssess::PATH);
    // Early in the year the form waits, folded, until the member opens it.
    let locale = use_locale();
    let due = v.year.deadlines.self_assessment;
    let open = v.today > v.year.deadlines.mid_year
        || matches!(
            record.as_ref().map(|c| c.state),
            Some(CommitmentState::MidYearReviewed | CommitmentState::SelfAssessed)
        )
        || error().is_some();
    let wrong_section = move |s: usize| error().filter(|e| problem_section(e) == Some(s)).is_some();
    let grade_control = if points {
        let value = own
            .and_then(|a| a.points)
            .map(|p| p.to_string())
            .unwrap_or_default();
        view! {
            <div class="field">
                <label class="field-label" for="cm-points">{move || t().cm_points_label}</label>
                <input
                    id="cm-points"
                    type="number"
                    name="points"
                    min="0"
                    max="100"
                    step="1"
                    inputmode="numeric"
                    required
                    value=value
                    aria-describedby="cm-points-help"
                />
                <p class="field-help" id="cm-points-help">{move || t().cm_points_hint}</p>
            </div>
        }
        .into_any()
    } else {
        let chosen = own.map(|a| a.grade);
        view! {
            <div class="field">
                <label class="field-label" for="cm-grade">{move || t().cm_proposed_grade}</label>
                <select id="cm-grade" name="grade" required>
                    <option value="" selected=chosen.is_none()>{move || t().cm_choose}</option>
                    {Grade::ALL
                        .into_iter()
                        .map(|g| view! {
                            <option value=g.as_str() selected=chosen == Some(g)>{move || grade_label(g)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="section cm-assess" aria-labelledby="cm-assess-title">
            <details class="cm-later" open=open>
            <summary>
                <h2 id="cm-assess-title">{move || t().cm_self_title}</h2>
                <span class="muted">
                    {move || fill(t().cm_due, &[("date", &numfmt::date(due, locale.get()))])}
                </span>
            </summary>
            <p class="muted">{move || t().cm_self_hint}</p>
            {move || error().map(|e| view! { <CommitmentError error=e sections=error_sections.clone()/> })}
            <ActionForm action=assess attr:class="form cm-form">
                <input type="hidden" name="year" value=year/>
                <input type="hidden" name="version" value=version/>
                {sections
                    .iter()
                    .enumerate()
                    .filter(|(s, _)| items.iter().any(|u| u.section == *s))
                    .map(|(s, title)| {
                        let rows = items
                            .iter()
                            .enumerate()
                            .filter(|(_, u)| u.section == s)
                            .map(|(i, u)| (i, u.clone()))
                            .collect::<Vec<_>>();
                        view! {
                            <fieldset class="cm-assess-section" class:invalid=move || wrong_section(s)>
                                <legend>{roman(s + 1)} ". " {title.clone()}</legend>
                                <ol class="cm-list">
                                    {rows
                                        .into_iter()
                                        .map(|(i, u)| view! { <AssessItem i u/> })
                                        .collect_view()}
                                </ol>
                            </fieldset>
                        }
                    })
                    .collect_view()}
                {grade_control}
                <div class="field">
                    <label class="field-label" for="cm-justification">{move || t().cm_justification}</label>
                    <textarea id="cm-justification" name="note" rows="5" required>{own_note}</textarea>
                </div>
                <div class="cm-buttons">
                    <button type="submit" class="button" disabled=move || assess.pending().get()>
                        {move || t().cm_self_save}
                    </button>
                </div>
            </ActionForm>
            </details>
        </section>
    }
}

/// One undertaking's result and note (`results[i]`, `notes[i]`).
#[component]
fn AssessItem(i: usize, u: Undertaking) -> impl IntoView {
    let chosen = u.result;
    let select_id = format!("cm-result-{i}");
    let note_id = format!("cm-note-{i}");
    view! {
        <li class="cm-assess-item">
            <p class="cm-text">{u.text}</p>
            <div class="cm-assess-controls">
                <div class="field">
                    <label class="field-label" for=select_id.clone()>{move || t().cm_result}</label>
                    <select id=select_id name=format!("results[{i}]") required>
                        <option value="" selected=chosen.is_none()>{move || t().cm_choose}</option>
                        {ItemResult::ALL
                            .into_iter()
                            .map(|r| view! {
                                <option value=r.as_str() selected=chosen == Some(r)>{move || result_label(r)}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for=note_id.clone()>{move || t().cm_result_note}</label>
                    <input id=note_id type="text" name=format!("notes[{i}]") value=u.result_note maxlength="2000"/>
                </div>
            </div>
        </li>
    }
}

/// One grade of the commitment: whose, what, why.
struct GradeRow {
    label: fn() -> &'static str,
    assessment: Assessment,
    note: String,
    key: &'static str,
}

/// The self-assessment, the cell's proposal and the final grade, when there.
#[component]
fn Grades(c: CommitmentRecord) -> impl IntoView {
    let rows: Vec<GradeRow> = [
        (
            (|| t().cm_self_assessment) as fn() -> &'static str,
            c.self_assessment,
            c.self_note.clone(),
            "self",
        ),
        (
            || t().cm_cell_proposal,
            c.proposed,
            c.proposed_note.clone(),
            "proposed",
        ),
        (
            || t().cm_final_grade,
            c.decided,
            c.decided_note.clone(),
            "decided",
        ),
    ]
    .into_iter()
    .filter_map(|(label, a, note, key)| {
        a.map(|assessment| GradeRow {
            label,
            assessment,
            note,
            key,
        })
    })
    .collect();
    if rows.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="section cm-grades">
            <h2>{move || t().cm_assessments}</h2>
            <dl class="facts cm-grade-list">
                {rows
                    .into_iter()
                    .map(|row| {
                        let GradeRow { label, assessment, note, key } = row;
                        view! {
                            <div class=format!("fact cm-grade-{key}")>
                                <dt>{move || label()}</dt>
                                <dd>
                                    <strong>{move || assessment_label(&assessment)}</strong>
                                    {(!note.is_empty()).then(|| view! { <p class="cm-grade-note">{note.clone()}</p> })}
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>
    }
    .into_any()
}
