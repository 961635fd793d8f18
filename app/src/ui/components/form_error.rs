//! The refusal of a reviewer's or committee's form, said beside it.

use crate::api::ApiError;
use crate::domain::commitment::Refusal;
use crate::domain::numfmt;
use crate::domain::problem::Problem;
use crate::ui::commitment_text::commitment_error_text;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

/// An error of the reviewer's and committee's forms as a sentence. The
/// shared sentences speak to the member; a deadline passed here is the
/// reviewer's own (grading), so it is said without "ask your secretary".
pub fn reviewer_error_text(error: &ApiError, sections: &[String]) -> String {
    match error {
        ApiError::Refused(Problem::Commitment(Refusal::PastDeadline { deadline })) => {
            let date = numfmt::date(*deadline, use_locale().get_untracked());
            fill(t().rv_err_past_deadline, &[("date", &date)])
        }
        ApiError::Refused(Problem::Quota(q)) => fill(
            t().rv_err_quota,
            &[
                ("excellent", &q.excellent.to_string()),
                ("good", &q.good.to_string()),
                ("max", &q.max_excellent.to_string()),
            ],
        ),
        _ => commitment_error_text(error, sections),
    }
}

/// A form's refusal, beside the form (`role="alert"`).
#[component]
pub fn FormError(error: ApiError, #[prop(optional)] sections: Vec<String>) -> impl IntoView {
    view! {
        <div class="notice notice-error rv-form-error">
            <p role="alert">{move || reviewer_error_text(&error, &sections)}</p>
        </div>
    }
}
