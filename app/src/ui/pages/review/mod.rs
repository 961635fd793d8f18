//! The cell secretary's review of commitments
//! (`/duyet-cam-ket?chi-bo=CODE&nam=YEAR&loc=STATE&dang-vien=ID`): the cell's
//! members with where their commitments stand (counts per state as filter
//! links, a bar of how many have filed), a bulk approval of the submitted
//! ones, and — with `dang-vien` — one member's commitment with the forms of
//! the steps open to the secretary (approve, return with a reason, propose a
//! grade, reopen after a deadline).
//!
//! Every form is a plain post to a server function answered by a redirect
//! back to this page (`?da-luu=1`, `?da-duyet=N`), so it all works without
//! JavaScript; a refusal comes back in `?__err=` and is shown beside the form
//! it concerns. With JavaScript the forms post in place, the page reloads its
//! data, and the quota warning follows the grade being picked.

use crate::api::commitments::{ApproveMany, CommitmentStep, cell_review, commitment_of};
use crate::domain::commitment::CommitmentState;
use crate::paths::{self, ReviewQuery};
use crate::ui::components::ErrorNotice;
use crate::ui::i18n::{page_title, t};
use crate::ui::resource::{Reload, page_resource};
use leptos::prelude::*;
use leptos_meta::Title;

/// The page's address for a cell and year, with a filter and a member.
fn review_link(cell: &str, year: i32, filter: Option<&str>, member: Option<i64>) -> String {
    ReviewQuery {
        cell: Some(cell.to_string()),
        year: Some(year),
        filter: filter.map(str::to_string),
        member,
        tick: None,
    }
    .href()
}

/// A state's code in the filter (`loc`).
fn state_code(state: Option<CommitmentState>) -> &'static str {
    state.map_or("not_started", CommitmentState::as_str)
}

/// The states in the order of the year, "not started" first.
fn states_in_order() -> impl Iterator<Item = Option<CommitmentState>> {
    std::iter::once(None).chain(CommitmentState::ALL.into_iter().map(Some))
}

/// A date and time (UTC) as the day it was in Vietnam.
pub(crate) fn local_day(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    (at + chrono::TimeDelta::hours(7)).date_naive()
}

/// The page's forms; the data reloads after each success. One action per
/// server function: an action takes a refusal posted without JavaScript
/// (`?__path=&__err=`) as its first value, so two of the same function
/// would show it twice.
#[derive(Clone, Copy)]
struct Actions {
    approve_many: ServerAction<ApproveMany>,
    step: ServerAction<CommitmentStep>,
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let q = paths::query::<ReviewQuery>();
    let actions = Actions {
        approve_many: ServerAction::new(),
        step: ServerAction::new(),
    };
    // With JavaScript a success navigates to the same address (the flag
    // aside): load the data again.
    let reload = Reload::new()
        .after(actions.approve_many)
        .after(actions.step);
    let page = page_resource(
        move || (q.with(|q| (q.cell.clone(), q.year)), reload.key()),
        |((cell, year), _)| cell_review(cell, year),
    );
    let member = page_resource(
        move || (q.with(|q| (q.cell.clone(), q.year, q.member)), reload.key()),
        |((cell, year, member), _)| async move {
            let Some(member) = member else {
                return Ok(None);
            };
            let year = match year {
                Some(y) => y,
                None => cell_review(cell, None).await?.year.year,
            };
            commitment_of(year, member).await.map(Some)
        },
    );
    view! {
        <Title text=page_title(|s| s.rv_title.into())/>
        <Transition fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || {
                let query = q.get();
                Suspend::new(async move {
                    let page = page.await;
                    let member = member.await;
                    match page {
                        Ok(page) => view! { <Body page member query actions/> }.into_any(),
                        Err(e) => view! {
                            <header class="page-header"><h1>{move || t().rv_title}</h1></header>
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
mod member;
mod quota;
mod table;
mod undertakings;

use body::Body;
use member::MemberPanel;
use quota::{QuotaBox, QuotaLine};
use table::MemberTable;
use undertakings::{Assessments, Undertakings};
