//! The grassroots committee's year-end grading (`/xep-loai?to-chuc=CODE&nam=YEAR`):
//! the quota of the year's rules with the decided and the projected figures,
//! the members by cell with their self-assessed, proposed and decided grades,
//! a decision form per member awaiting one, a bulk "decide as proposed", and
//! the grades of the organisation's cells. The bloc's standing committee,
//! which grades grassroots organisations rather than members, sees only that
//! last part.
//!
//! As on the review page, every form is a plain post answered by a redirect
//! (`?da-luu=1`, `?da-quyet-dinh=N`), refusals come back in `?__err=`, and
//! with JavaScript the forms post in place and the data reloads.

use crate::api::commitments::{CommitmentStep, DecideMany, GradeUnit, org_grading};
use crate::domain::commitment::CommitmentState;
use crate::domain::grading::Grade;
use crate::paths::{self, GradingQuery};
use crate::ui::components::ErrorNotice;
use crate::ui::components::grade::grade_short;
use crate::ui::i18n::{page_title, t};
use crate::ui::resource::{Reload, page_resource};
use leptos::prelude::*;
use leptos_meta::Title;

/// The id of the bulk form; the checkboxes in the tables belong to it by
/// their `form` attribute (the per-member forms sit in the same tables, and
/// forms cannot nest).
const BULK_FORM: &str = "xep-loai-theo-de-xuat";

/// The member filters (`loc`): by where the decision stands.
const FILTERS: [&str; 3] = ["proposed", "graded", "not_proposed"];

fn matches_filter(state: Option<CommitmentState>, filter: Option<&str>) -> bool {
    match filter {
        Some("proposed") => state == Some(CommitmentState::Proposed),
        Some("graded") => state == Some(CommitmentState::Graded),
        Some("not_proposed") => !awaits_decision(state),
        _ => true,
    }
}

/// The grade choices by their abbreviations (the legend above the tables
/// spells them out), to keep a decision's form on one line.
fn short_grade_options(selected: Option<Grade>) -> impl IntoView {
    view! {
        <option value="" selected=selected.is_none()>"—"</option>
        {Grade::ALL
            .into_iter()
            .map(|g| view! {
                <option value=g.as_str() selected=selected == Some(g)>{move || grade_short(g)}</option>
            })
            .collect_view()}
    }
}

/// Awaiting the committee's decision (or open to changing it).
fn awaits_decision(state: Option<CommitmentState>) -> bool {
    matches!(
        state,
        Some(CommitmentState::Proposed | CommitmentState::Graded)
    )
}

/// The page's forms, one action per server function (an action takes a
/// refusal posted without JavaScript, `?__path=&__err=`, as its first value:
/// one per row would show it on every row). The data reloads after each
/// success.
#[derive(Clone, Copy)]
struct Actions {
    decide_many: ServerAction<DecideMany>,
    step: ServerAction<CommitmentStep>,
    unit: ServerAction<GradeUnit>,
}

#[component]
pub fn GradingPage() -> impl IntoView {
    let query = paths::query::<GradingQuery>();
    let key = move || query.with(|q| (q.org.clone(), q.year));
    let actions = Actions {
        decide_many: ServerAction::new(),
        step: ServerAction::new(),
        unit: ServerAction::new(),
    };
    let reload = Reload::new()
        .after(actions.decide_many)
        .after(actions.step)
        .after(actions.unit);
    let data = page_resource(
        move || (key(), reload.key()),
        |((org, year), _)| org_grading(org, year),
    );
    view! {
        <Title text=page_title(|s| s.rv_grading_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || {
                let (tick_all, filter) = query.with(|q| {
                    let filter = q.filter.clone().filter(|f| FILTERS.contains(&f.as_str()));
                    (q.ticks_all(), filter)
                });
                Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <Body page actions tick_all filter/> }.into_any(),
                        Err(e) => view! {
                            <header class="page-header"><h1>{move || t().rv_grading_title}</h1></header>
                            <ErrorNotice error=e/>
                        }
                        .into_any(),
                    }
                })
            }}
        </Transition>
    }
}

mod body;
mod members;
mod quota;
mod units;

use body::Body;
use members::Members;
use quota::QuotaExplained;
use units::Units;
