//! One member's commitment with the forms of the secretary's steps.

use super::{Actions, Assessments, QuotaLine, Undertakings};
use crate::api::commitments::CommitmentView;
use crate::domain::commitment::{CommitmentState, Step};
use crate::domain::grading::{Grade, Quota, grade_from_points, uses_points};
use crate::domain::numfmt;
use crate::ui::commitment_text::{state_class, state_label, step_label};
use crate::ui::components::form_error::FormError;
use crate::ui::components::grade::grade_options;
use crate::ui::components::history::History;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

/// The hidden fields every step form sends.
#[component]
pub(super) fn StepFields(
    year: i32,
    member: i64,
    step: Step,
    version: i64,
    back: String,
) -> impl IntoView {
    view! {
        <input type="hidden" name="year" value=year.to_string()/>
        <input type="hidden" name="member" value=member.to_string()/>
        <input type="hidden" name="step" value=step.as_str()/>
        <input type="hidden" name="version" value=version.to_string()/>
        <input type="hidden" name="back" value=back/>
    }
}

/// One member's commitment with the secretary's forms.
#[component]
pub(super) fn MemberPanel(
    cv: CommitmentView,
    close: String,
    back: String,
    actions: Actions,
    picked: RwSignal<Option<Option<Grade>>>,
    live_quota: Signal<Quota>,
) -> impl IntoView {
    let locale = use_locale();
    let CommitmentView {
        year,
        member,
        commitment,
        history,
        steps,
        today,
    } = cv;
    let y = year.year;
    let rules = year.rule_set;
    let sections = year.sections.clone();
    let member_id = member.member_id;
    let state = commitment.as_ref().map(|c| c.state);
    let version = commitment.as_ref().map_or(0, |c| c.version);
    let has = |s: Step| steps.contains(&s);
    let name = member.full_name.clone();
    let title = {
        let name = name.clone();
        move || {
            fill(
                t().rv_member_title,
                &[("year", &y.to_string()), ("name", &name)],
            )
        }
    };

    let body = match &commitment {
        None => view! { <p class="muted">{move || t().rv_not_started_text}</p> }.into_any(),
        Some(c) => {
            let extended = c.extended_to;
            let returned = (c.state == CommitmentState::Returned && !c.return_reason.is_empty())
                .then(|| c.return_reason.clone());
            view! {
                {returned.map(|reason| view! {
                    <div class="notice rv-returned">
                        <p><strong>{move || t().rv_returned_reason} ": "</strong>{reason}</p>
                    </div>
                })}
                {extended.map(|d| view! {
                    <p class="muted">{move || fill(t().rv_extended, &[("date", &numfmt::date(d, locale.get()))])}</p>
                })}
                <Undertakings sections=sections.clone() items=c.items.clone()/>
                <Assessments
                    mid_year=c.mid_year_note.clone()
                    own=c.self_assessment.map(|a| (a, c.self_note.clone()))
                    proposed=c.proposed.map(|a| (a, c.proposed_note.clone()))
                    decided=c.decided.map(|a| (a, c.decided_note.clone()))
                />
            }
            .into_any()
        }
    };

    // The forms of the steps open to the caller, posting to one action: its
    // refusal (in place with JavaScript, from the address without it) is
    // shown once, above the forms.
    let action = actions.step;
    let fields = {
        let back = back.clone();
        move |step: Step| {
            view! { <StepFields year=y member=member_id step version back=back.clone()/> }
        }
    };
    let busy = move || action.pending().get();
    let approve = has(Step::Approve).then(|| {
        let hidden = fields(Step::Approve);
        view! {
            <ActionForm action>
                {hidden}
                <div class="rv-step rv-step-approve">
                    <h4>{move || t().rv_step_approve}</h4>
                    <p class="muted">{move || t().rv_step_approve_hint}</p>
                    <button type="submit" class="button" disabled=busy>
                        {move || step_label(Step::Approve)}
                    </button>
                </div>
            </ActionForm>
        }
    });
    let give_back = has(Step::Return).then(|| {
        let hidden = fields(Step::Return);
        view! {
            <ActionForm action>
                {hidden}
                <div class="rv-step rv-step-return">
                    <h4>{move || t().rv_step_return}</h4>
                    <label class="field">
                        <span class="field-label">{move || t().rv_reason_label}</span>
                        <textarea name="reason" required rows="3" maxlength="2000"></textarea>
                    </label>
                    <p class="muted">{move || t().rv_step_return_hint}</p>
                    <button type="submit" class="button button-quiet" disabled=busy>
                        {move || t().rv_submit_return}
                    </button>
                </div>
            </ActionForm>
        }
    });
    let propose = has(Step::Propose).then(|| {
        let hidden = fields(Step::Propose);
        let current = commitment.as_ref().and_then(|c| c.proposed.or(c.self_assessment));
        let note = commitment
            .as_ref()
            .map(|c| c.proposed_note.clone())
            .unwrap_or_default();
        let control = if uses_points(rules) {
            let points = current
                .and_then(|a| a.points)
                .map(|p| p.to_string())
                .unwrap_or_default();
            view! {
                <label class="field">
                    <span class="field-label">{move || t().rv_points_label}</span>
                    <input
                        type="number"
                        name="points"
                        min="0"
                        max="100"
                        step="1"
                        inputmode="numeric"
                        required
                        value=points
                        on:input=move |ev| {
                            let p = event_target_value(&ev).trim().parse::<u8>().ok().filter(|p| *p <= 100);
                            picked.set(Some(p.map(grade_from_points)));
                        }
                    />
                </label>
            }
            .into_any()
        } else {
            view! {
                <label class="field">
                    <span class="field-label">{move || t().rv_grade_label}</span>
                    <select
                        name="grade"
                        required
                        on:change=move |ev| picked.set(Some(Grade::parse(&event_target_value(&ev))))
                    >
                        {grade_options(current.map(|a| a.grade))}
                    </select>
                </label>
            }
            .into_any()
        };
        view! {
            <ActionForm action>
                {hidden}
                <div class="rv-step rv-step-propose">
                    <h4>{move || t().rv_step_propose}</h4>
                    {control}
                    <label class="field">
                        <span class="field-label">{move || t().rv_note_label}</span>
                        <textarea name="note" rows="2" maxlength="2000">{note}</textarea>
                    </label>
                    <QuotaLine quota=live_quota/>
                    <button type="submit" class="button" disabled=busy>
                        {move || t().rv_submit_propose}
                    </button>
                </div>
            </ActionForm>
        }
    });
    let reopen = has(Step::Reopen).then(|| {
        let hidden = fields(Step::Reopen);
        let min = today.to_string();
        let suggested = (today + chrono::TimeDelta::days(14)).to_string();
        view! {
            <ActionForm action>
                {hidden}
                <div class="rv-step rv-step-reopen">
                    <h4>{move || t().rv_step_reopen}</h4>
                    <p class="muted">{move || t().rv_step_reopen_hint}</p>
                    <label class="field">
                        <span class="field-label">{move || t().rv_until_label}</span>
                        <input type="date" name="until" required min=min value=suggested/>
                    </label>
                    <button type="submit" class="button button-quiet" disabled=busy>
                        {move || t().rv_submit_reopen}
                    </button>
                </div>
            </ActionForm>
        }
    });
    let any_step =
        approve.is_some() || give_back.is_some() || propose.is_some() || reopen.is_some();
    let refused = {
        let sections = sections.clone();
        move || {
            action
                .value()
                .get()
                .and_then(Result::err)
                .map(|e| view! { <FormError error=e sections=sections.clone()/> })
        }
    };

    view! {
        <article class="rv-panel" id="ban-cam-ket" aria-labelledby="rv-panel-title">
            <header class="rv-panel-head">
                <h2 id="rv-panel-title">{title}</h2>
                <p class="rv-panel-meta">
                    <span class=state_class(state)>{move || state_label(state)}</span>
                    " · " <span class="nowrap">{member.card_number.clone()}</span>
                    " · " <a href=crate::paths::member(member_id)>{move || t().rv_member_link}</a>
                </p>
                {any_step.then(|| view! {
                    <a class="rv-jump" href="#rv-steps-title">{move || t().rv_jump_steps} " ↓"</a>
                })}
                <a class="rv-close" href=close>{move || t().rv_member_close} " ✕"</a>
            </header>
            <div class="rv-panel-grid">
                <div class="rv-panel-main">{body}</div>
                <aside class="rv-panel-side">
                    <section class="rv-steps" aria-labelledby="rv-steps-title">
                        <h3 id="rv-steps-title">{move || t().rv_actions_title}</h3>
                        {refused}
                        {if any_step {
                            view! { {approve} {give_back} {propose} {reopen} }.into_any()
                        } else {
                            view! { <p class="muted">{move || t().rv_no_steps}</p> }.into_any()
                        }}
                    </section>
                    <History events=history nested=true/>
                </aside>
            </div>
        </article>
    }
}
