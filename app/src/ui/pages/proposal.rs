//! One commendation proposal (`/khen-thuong/{id}?tim=`): its heading and
//! where it stands, then what the caller may do now (the server says
//! which): the proposer edits the draft — texts, the list with each
//! nominee's achievements, candidates to tick — and submits it; the
//! awarding level marks each nominee, then settles the list (forwarding
//! some up a level), returns or rejects it, and issues the decision.
//!
//! Every form is a plain post answered by a redirect back here, so the
//! page works without JavaScript; with it, the forms post in place and the
//! page reloads its data.

use crate::api::commendations::{
    Candidate, Candidates, CitableModel, DECISIONS_PAGE, MarkNominee, PROPOSALS_PAGE, ProposalStep,
    ProposalView, SaveProposal, proposal_one,
};
use crate::api::good_models::GOOD_MODELS_PAGE;
use crate::domain::commendation_records::{Nominee, NomineeRecord, ProposalRecord};
use crate::domain::decision::SignerPosition;
use crate::domain::numfmt;
use crate::domain::proposal::{Outcome, ProposalState, Step};
use crate::ui::commendation_text::{form_label, occasion_label, outcome_label, position_label};
use crate::ui::commitment_text::grade_label;
use crate::ui::components::{ConfirmSubmit, ErrorNotice};
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{Strings, fill, page_title, t, use_locale};
use crate::ui::pages::proposals::state_badge;
use crate::ui::resource::{Reload, page_resource};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use strum::VariantArray;

/// The page's forms, one action per server function.
#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveProposal>,
    mark: ServerAction<MarkNominee>,
    step: ServerAction<ProposalStep>,
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok())));
    let search = Memo::new(move |_| query.with(|q| q.get("tim").filter(|v| !v.trim().is_empty())));
    let actions = Actions {
        save: ServerAction::new(),
        mark: ServerAction::new(),
        step: ServerAction::new(),
    };
    // With JavaScript a success navigates to this same address: load again.
    let reload = Reload::new()
        .after(actions.save)
        .after(actions.mark)
        .after(actions.step);
    let page = page_resource(
        move || (id.get(), search.get(), reload.key()),
        |(id, q, _)| async move {
            match id {
                Some(id) => proposal_one(id, q).await,
                None => Err(crate::api::ApiError::NotFound),
            }
        },
    );
    view! {
        <Title text=page_title(|s| s.kt_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <Body view search=search.get_untracked() actions/> }.into_any(),
                    Err(e) => view! {
                        <header class="page-header"><h1>{move || t().kt_title}</h1></header>
                        <ErrorNotice error=e/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Body(view: ProposalView, search: Option<String>, actions: Actions) -> impl IntoView {
    let ProposalView {
        record,
        nominees,
        steps,
        marks,
        awardable,
        can_forward,
        today,
        candidates,
        models,
        attachments,
        can_attach,
    } = view;
    let (saved, submitted) = (redirect_flag("da-luu"), redirect_flag("da-trinh"));
    let errors = move || {
        [
            actions.save.value().get(),
            actions.mark.value().get(),
            actions.step.value().get(),
        ]
        .into_iter()
        .flatten()
        .filter_map(Result::err)
        .map(|e| view! { <ErrorNotice error=e/> })
        .collect_view()
    };
    let title = record.title.clone();
    let list = match candidates {
        Some(c) => view! { <EditForm record=record.clone() nominees search candidates=c models action=actions.save/> }
            .into_any(),
        None => view! { <NomineeList record=record.clone() nominees marks awardable can_forward action=actions.mark/> }
            .into_any(),
    };
    view! {
        <Title text=page_title(move |s| format!("{} · {title}", s.kt_title))/>
        <Heading record=record.clone()/>
        {move || saved.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().kt_saved}</p> })}
        {move || submitted.get().map(|_| view! { <p class="notice notice-ok" role="status">{move || t().kt_submitted}</p> })}
        {errors}
        <Files proposal=record.id attachments can_attach/>
        {list}
        <StepForms record steps today action=actions.step/>
    }
}

/// Title, who proposes to whom, the state, the reason of a return or a
/// refusal, and the decision once made.
#[component]
fn Heading(record: ProposalRecord) -> impl IntoView {
    let locale = use_locale();
    let (form, occasion, year, state) = (record.form, record.occasion, record.year, record.state);
    let awarder = record.awarder.as_ref().map(|a| a.unit.name.clone());
    let submitted = record.submitted_on;
    let reason = (!record.reason.trim().is_empty()
        && matches!(state, ProposalState::Returned | ProposalState::Rejected))
    .then(|| record.reason.clone());
    view! {
        <header class="page-header">
            <p class="breadcrumb"><a href=PROPOSALS_PAGE>{move || t().kt_title}</a></p>
            <h1>{record.title.clone()}</h1>
            <p class="subtitle">
                {move || form_label(form)} " · " {move || occasion_label(occasion)} " · "
                {move || fill(t().rv_year_n, &[("year", &year.to_string())])}
            </p>
        </header>
        <dl class="kt-facts">
            <dt>{move || t().kt_col_proposer}</dt>
            <dd>{record.proposer.unit.name.clone()}</dd>
            <dt>{move || t().kt_field_to}</dt>
            <dd>{move || awarder.clone().unwrap_or_else(|| t().kt_province.to_string())}</dd>
            <dt>{move || t().kt_col_state}</dt>
            <dd data-state=state.as_str()>{state_badge(state)}</dd>
            <dt>{move || t().kt_field_nominees}</dt>
            <dd><a href=format!("/xuat/de-nghi/{}.xlsx", record.id) download>{move || t().kt_list_xlsx}</a></dd>
            {submitted.map(|d| view! {
                <dt>{move || t().kt_submitted_on}</dt>
                <dd>{move || numfmt::date(d, locale.get())}</dd>
            })}
            {record.forwarded_from.map(|from| view! {
                <dt>{move || t().kt_forwarded_from}</dt>
                <dd><a href=format!("{PROPOSALS_PAGE}/{from}")>{move || t().kt_forwarded_from_link}</a></dd>
            })}
            {record.decision.clone().map(|d| {
                let day = d.decided_on;
                view! {
                    <dt>{move || t().kt_col_decision}</dt>
                    <dd>
                        <a href=format!("{DECISIONS_PAGE}/{}", d.id) data-decision=d.number.clone()>{d.number.clone()}</a>
                        " · " {move || numfmt::date(day, locale.get())}
                    </dd>
                }
            })}
        </dl>
        {reason.map(|r| view! {
            <div class="notice notice-warn"><p><strong>{move || t().kt_field_reason} ": "</strong>{r}</p></div>
        })}
        {(!record.cover.trim().is_empty()).then(|| view! {
            <details class="kt-text">
                <summary>{move || t().kt_field_cover}</summary>
                <p class="pre">{record.cover.clone()}</p>
            </details>
        })}
        {(!record.minutes.trim().is_empty()).then(|| view! {
            <details class="kt-text">
                <summary>{move || t().kt_field_minutes}</summary>
                <p class="pre">{record.minutes.clone()}</p>
            </details>
        })}
    }
}

/// A nominee's name and where they are.
pub(crate) fn nominee_name(n: &Nominee) -> (String, String) {
    match n {
        Nominee::Member {
            full_name,
            card_number,
            cell,
            ..
        } => (full_name.clone(), format!("{card_number} · {}", cell.name)),
        Nominee::Unit { unit, .. } => (unit.name.clone(), String::new()),
    }
}

/// The form key of a listed nominee, as candidates are keyed.
fn nominee_key(n: &Nominee) -> String {
    match n {
        Nominee::Member { id, .. } => format!("m{id}"),
        Nominee::Unit { unit, .. } => format!("u{}", unit.code),
    }
}

/// The list as the awarding level and the other readers see it; with
/// `marks`, a form per nominee to approve, strike out or forward it.
#[component]
fn NomineeList(
    record: ProposalRecord,
    nominees: Vec<NomineeRecord>,
    marks: bool,
    awardable: Vec<bool>,
    can_forward: bool,
    action: ServerAction<MarkNominee>,
) -> impl IntoView {
    let (id, version) = (record.id, record.version);
    let busy = move || action.pending().get();
    let rows = nominees
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let (name, place) = nominee_name(&n.nominee);
            let outcome = n.outcome;
            let may_approve = awardable.get(i).copied().unwrap_or(false);
            let form = marks.then(|| {
                let choices: Vec<Outcome> = Outcome::VARIANTS
                    .iter()
                    .copied()
                    .filter(|o| match o {
                        Outcome::Approved => may_approve,
                        Outcome::Forwarded => can_forward,
                        _ => true,
                    })
                    .collect();
                let label = fill(t().kt_mark_label, &[("name", &name)]);
                view! {
                    <ActionForm action attr:class="kt-mark">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="version" value=version.to_string()/>
                        <input type="hidden" name="nominee" value=n.id.to_string()/>
                        <select name="outcome" aria-label=label>
                            {choices
                                .into_iter()
                                .map(|o| view! {
                                    <option value=o.as_str() selected=o == outcome>{move || outcome_label(o)}</option>
                                })
                                .collect_view()}
                        </select>
                        <input type="text" name="reason" maxlength="2000" placeholder=move || t().kt_reason_placeholder/>
                        <button type="submit" class="button button-quiet" disabled=busy>{move || t().kt_mark}</button>
                    </ActionForm>
                }
            });
            let reason = (!n.outcome_reason.is_empty()).then(|| n.outcome_reason.clone());
            view! {
                <tr data-nominee=nominee_key(&n.nominee)>
                    <td class="num">{i + 1}</td>
                    <td>
                        <strong>{name.clone()}</strong>
                        <br/>
                        <small class="muted">{place}</small>
                    </td>
                    <td class="pre">{n.achievements.clone()}{cited_model(n.good_model_id)}</td>
                    <td data-outcome=outcome.as_str()>
                        {move || outcome_label(outcome)}
                        {reason.clone().map(|r| view! { <br/><small class="muted">{r}</small> })}
                        {form}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="section" id="danh-sach">
            <h2>{move || t().kt_field_nominees}</h2>
            <div class="table-wrap">
                <table class="data-table kt-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{move || t().kt_col_nominee}</th>
                            <th scope="col">{move || t().kt_field_achievements}</th>
                            <th scope="col">{move || t().kt_field_outcome}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The proposer's draft: texts, the list (untick to take someone off), and
/// candidates to tick; saved as a whole, or saved and submitted.
#[component]
fn EditForm(
    record: ProposalRecord,
    nominees: Vec<NomineeRecord>,
    search: Option<String>,
    candidates: Candidates,
    models: Vec<CitableModel>,
    action: ServerAction<SaveProposal>,
) -> impl IntoView {
    let locale = use_locale();
    let busy = move || action.pending().get();
    let listed = nominees.len();
    let current = nominees
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let (name, place) = nominee_name(&n.nominee);
            let label = fill(t().kt_keep_label, &[("name", &name)]);
            view! {
                <tr data-nominee=nominee_key(&n.nominee)>
                    <td>
                        // The property too: with JavaScript the page redraws
                        // in the same elements, which keep what was ticked.
                        <input
                            type="checkbox"
                            name=format!("nominees[{i}]")
                            value=nominee_key(&n.nominee)
                            checked
                            prop:checked=true
                            aria-label=label
                        />
                    </td>
                    <td>
                        <strong>{name.clone()}</strong>
                        <br/>
                        <small class="muted">{place}</small>
                    </td>
                    <td>
                        <textarea
                            name=format!("achievements[{i}]")
                            rows="3"
                            maxlength="20000"
                            aria-label=fill(t().kt_achievements_of, &[("name", &name)])
                            prop:value=n.achievements.clone()
                        >
                            {n.achievements.clone()}
                        </textarea>
                        {model_choice(i, &name, &models, n.good_model_id)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let Candidates {
        members,
        units,
        more,
        excellent_only,
    } = candidates;
    let offered = members.len() + units.len();
    let candidate_rows = units
        .into_iter()
        .chain(members)
        .enumerate()
        .map(|(k, c)| view! { <CandidateRow index=listed + k candidate=c/> })
        .collect_view();
    let id = record.id;
    let n = move |v: usize| numfmt::count(v as i64, locale.get());
    view! {
        <form method="get" action=format!("{PROPOSALS_PAGE}/{id}") class="kt-search" role="search">
            <label class="field">
                <span class="field-label">{move || t().kt_search_candidates}</span>
                <input type="search" name="tim" maxlength="200" value=search.clone().unwrap_or_default()/>
            </label>
            <button type="submit" class="button button-quiet">{move || t().kt_search}</button>
        </form>
        <ActionForm action attr:class="kt-edit">
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="version" value=record.version.to_string()/>
            <label class="field">
                <span class="field-label">{move || t().kt_field_title}</span>
                <input
                    type="text"
                    name="title"
                    required
                    maxlength="300"
                    value=record.title.clone()
                    prop:value=record.title.clone()
                />
            </label>
            <label class="field">
                <span class="field-label">{move || t().kt_field_cover}</span>
                <textarea name="cover" rows="5" maxlength="20000" prop:value=record.cover.clone()>
                    {record.cover.clone()}
                </textarea>
            </label>
            <label class="field">
                <span class="field-label">{move || t().kt_field_minutes}</span>
                <textarea name="minutes" rows="3" maxlength="20000" prop:value=record.minutes.clone()>
                    {record.minutes.clone()}
                </textarea>
            </label>
            <section class="section" id="danh-sach">
                <h2>{move || t().kt_field_nominees} " (" {move || n(listed)} ")"</h2>
                {if listed == 0 {
                    view! { <p class="muted">{move || t().kt_list_empty}</p> }.into_any()
                } else {
                    view! {
                        <ListTable heads=[|s| s.kt_col_keep, |s| s.kt_col_nominee, |s| s.kt_field_achievements]>
                            {current}
                        </ListTable>
                    }
                    .into_any()
                }}
            </section>
            <section class="section" id="ung-vien">
                <h2>{move || t().kt_candidates}</h2>
                {excellent_only.then(|| view! { <p class="muted">{move || t().kt_candidates_excellent}</p> })}
                {if offered == 0 {
                    view! { <p class="muted">{move || t().kt_candidates_none}</p> }.into_any()
                } else {
                    view! {
                        <ListTable heads=[|s| s.kt_col_add, |s| s.kt_col_nominee, |s| s.kt_col_grade]>
                            {candidate_rows}
                        </ListTable>
                    }
                    .into_any()
                }}
                {(more > 0).then(|| view! {
                    <p class="muted">{move || fill(t().kt_candidates_more, &[("n", &n(more))])}</p>
                })}
            </section>
            <div class="kt-buttons">
                <button type="submit" class="button button-quiet" disabled=busy>{move || t().kt_save}</button>
                <button type="submit" class="button" name="submit" value="1" disabled=busy>{move || t().kt_submit}</button>
            </div>
        </ActionForm>
    }
}

/// Why a file was refused, from the address the upload came back to.
fn file_problem(code: &str) -> &'static str {
    let s = t();
    match code {
        "qua-lon" => s.kt_file_too_large,
        "sai-loai" => s.kt_file_wrong_type,
        "qua-nhieu" => s.kt_file_too_many,
        "da-trinh" => s.kt_file_locked,
        _ => s.kt_file_missing,
    }
}

/// The dossier's files: links for its readers; for the proposer, while it
/// is a draft or returned, a plain upload form and a button to remove each.
#[component]
fn Files(
    proposal: i64,
    attachments: Vec<crate::domain::attachment::AttachmentRow>,
    can_attach: bool,
) -> impl IntoView {
    let locale = use_locale();
    let problem = use_query_map().with_untracked(|q| q.get("loi-tep"));
    if attachments.is_empty() && !can_attach {
        return ().into_any();
    }
    let rows = attachments
        .into_iter()
        .map(|a| {
            let kb = numfmt::count((a.size + 1023) / 1024, locale.get_untracked());
            let name = a.name.clone();
            view! {
                <li data-file=a.id.to_string()>
                    <a href=format!("/tep-ho-so/{}", a.id) download=a.name.clone()>{a.name.clone()}</a>
                    <small class="muted">" · " {kb} " KB"</small>
                    {can_attach.then(|| view! {
                        <form method="post" action=format!("/tep-ho-so/{}/xoa", a.id) class="kt-file-remove">
                            <button
                                type="submit"
                                class="button button-quiet"
                                aria-label=fill(t().kt_file_remove_label, &[("name", &name)])
                            >
                                {move || t().kt_file_remove}
                            </button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="section kt-files" id="ho-so">
            <h2>{move || t().kt_files}</h2>
            {problem.map(|code| view! {
                <p class="notice notice-error" role="alert">{move || file_problem(&code)}</p>
            })}
            <ul class="kt-file-list">{rows}</ul>
            {can_attach.then(|| view! {
                <form
                    method="post"
                    action=format!("{PROPOSALS_PAGE}/{proposal}/tep")
                    enctype="multipart/form-data"
                    class="kt-upload"
                >
                    <label class="field">
                        <span class="field-label">{move || t().kt_file_add}</span>
                        <input
                            type="file"
                            name="tep"
                            required
                            accept=".pdf,.docx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                        />
                    </label>
                    <p class="muted">{move || t().kt_file_hint}</p>
                    <button type="submit" class="button button-quiet">{move || t().kt_file_upload}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}

/// A link to the good model a nominee's achievements cite.
pub(crate) fn cited_model(id: Option<i64>) -> impl IntoView {
    id.map(|id| {
        view! {
            <br/>
            <a class="kt-model" href=format!("{GOOD_MODELS_PAGE}/{id}")>{move || t().gm_cited}</a>
        }
    })
}

/// The good model row `i`'s achievements cite, chosen from the proposer's.
fn model_choice(
    i: usize,
    name: &str,
    models: &[CitableModel],
    chosen: Option<i64>,
) -> impl IntoView + use<> {
    (!models.is_empty()).then(|| {
        let label = fill(t().gm_cite_label, &[("name", name)]);
        let options = models
            .iter()
            .map(|m| {
                let text = format!("{} ({})", m.title, m.year);
                view! { <option value=m.id.to_string() selected=chosen == Some(m.id)>{text}</option> }
            })
            .collect_view();
        view! {
            <select name=format!("models[{i}]") class="kt-cite" aria-label=label>
                <option value="" selected=chosen.is_none()>{move || t().gm_cite_none}</option>
                {options}
            </select>
        }
    })
}

/// A list's table: three headed columns, the rows as children.
#[component]
fn ListTable(
    heads: [fn(&'static Strings) -> &'static str; 3],
    children: Children,
) -> impl IntoView {
    let heads = heads
        .map(|h| view! { <th scope="col">{move || h(t())}</th> })
        .into_iter()
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data-table kt-table">
                <thead><tr>{heads}</tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// One who may be added: a box to tick.
#[component]
fn CandidateRow(index: usize, candidate: Candidate) -> impl IntoView {
    let Candidate {
        key,
        name,
        card_number,
        place,
        grade,
    } = candidate;
    let label = fill(t().kt_add_label, &[("name", &name)]);
    let detail = match card_number {
        Some(card) => format!("{card} · {place}"),
        None => place,
    };
    let row_key = key.clone();
    view! {
        <tr data-candidate=row_key>
            <td>
                <input type="checkbox" name=format!("nominees[{index}]") value=key prop:checked=false aria-label=label/>
            </td>
            <td>
                <strong>{name}</strong>
                {(!detail.is_empty()).then(|| view! { <br/><small class="muted">{detail}</small> })}
            </td>
            <td>{move || grade.map(grade_label).unwrap_or("—")}</td>
        </tr>
    }
}

/// The awarding level's steps on the whole proposal.
#[component]
fn StepForms(
    record: ProposalRecord,
    steps: Vec<Step>,
    today: chrono::NaiveDate,
    action: ServerAction<ProposalStep>,
) -> impl IntoView {
    let (id, version) = (record.id, record.version);
    let busy = Signal::derive(move || action.pending().get());
    let hidden = move |step: Step| {
        view! {
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="version" value=version.to_string()/>
            <input type="hidden" name="step" value=step.as_str()/>
        }
    };
    let province = record.awarder.is_none();
    let title = record.title;
    let forms = steps
        .into_iter()
        .filter(|s| !matches!(s, Step::Save | Step::Submit))
        .map(|step| match step {
            Step::Settle => {
                let title = title.clone();
                view! {
                <ActionForm action attr:class="rv-step kt-step-settle">
                    {hidden(step)}
                    <h3>{move || t().kt_step_settle}</h3>
                    <p class="muted">{move || t().kt_step_settle_hint}</p>
                    <label class="field">
                        <span class="field-label">{move || t().kt_forward_title}</span>
                        <input type="text" name="forward_title" maxlength="300" value=title/>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().kt_forward_cover}</span>
                        <textarea name="forward_cover" rows="3" maxlength="20000"></textarea>
                    </label>
                    <ConfirmSubmit
                        label=Signal::derive(move || t().kt_step_settle.to_string())
                        question=Signal::derive(move || t().kt_step_settle_confirm.to_string())
                        pending=busy
                    />
                </ActionForm>
                }
                .into_any()
            }
            Step::Return | Step::Reject => {
                let back = step == Step::Return;
                let heading = move || if back { t().kt_step_return } else { t().kt_step_reject };
                let hint = move || if back { t().kt_step_return_hint } else { t().kt_step_reject_hint };
                view! {
                    <ActionForm action attr:class=format!("rv-step kt-step-{}", step.as_str())>
                        {hidden(step)}
                        <h3>{heading}</h3>
                        <p class="muted">{hint}</p>
                        <label class="field">
                            <span class="field-label">{move || t().kt_field_reason}</span>
                            <textarea name="reason" required rows="3" maxlength="20000"></textarea>
                        </label>
                        <ConfirmSubmit
                            label=Signal::derive(move || heading().to_string())
                            question=Signal::derive(move || t().kt_step_confirm.to_string())
                            pending=busy
                        />
                    </ActionForm>
                }
                .into_any()
            }
            Step::Decide => view! {
                <ActionForm action attr:class="rv-step kt-step-decide">
                    {hidden(step)}
                    <h3>{move || if province { t().kt_step_record } else { t().kt_step_decide }}</h3>
                    <p class="muted">
                        {move || if province { t().kt_step_record_hint } else { t().kt_step_decide_hint }}
                    </p>
                    {province.then(|| view! {
                        <label class="field">
                            <span class="field-label">{move || t().kt_decision_number}</span>
                            <input type="text" name="number" required maxlength="40" placeholder="1234-QĐ/TU"/>
                        </label>
                    })}
                    <label class="field">
                        <span class="field-label">{move || t().kt_col_date}</span>
                        <input type="date" name="date" required value=today.format("%Y-%m-%d").to_string()/>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().kt_signer}</span>
                        <input type="text" name="signer" required maxlength="100"/>
                    </label>
                    <label class="field">
                        <span class="field-label">{move || t().kt_signer_position}</span>
                        <select name="position">
                            {SignerPosition::VARIANTS
                                .iter()
                                .map(|p| {
                                    let p = *p;
                                    view! { <option value=p.as_str()>{move || position_label(p)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <ConfirmSubmit
                        label=Signal::derive(move || {
                            if province { t().kt_step_record } else { t().kt_step_decide }.to_string()
                        })
                        question=Signal::derive(move || t().kt_step_decide_confirm.to_string())
                        pending=busy
                    />
                </ActionForm>
            }
            .into_any(),
            Step::Save | Step::Submit => ().into_any(),
        })
        .collect_view();
    view! { <section class="section kt-steps">{forms}</section> }
}
