//! The forms of the steps open to the caller.

use crate::api::commendations::ProposalStep;
use crate::domain::commendation_records::ProposalRecord;
use crate::domain::decision::SignerPosition;
use crate::domain::proposal::Step;
use crate::ui::commendation_text::position_label;
use crate::ui::components::ConfirmSubmit;
use crate::ui::i18n::t;
use leptos::prelude::*;
use strum::VariantArray;

/// The awarding level's steps on the whole proposal.
#[component]
pub(super) fn StepForms(
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
