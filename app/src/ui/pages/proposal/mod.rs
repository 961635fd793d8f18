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
    MarkNominee, ProposalStep, ProposalView, SaveProposal, proposal_one,
};
use crate::paths::{self, IdParam, ProposalQuery};
use crate::ui::components::ErrorNotice;
use crate::ui::flags::redirect_flag;
use crate::ui::i18n::{page_title, t};
use crate::ui::resource::{Reload, page_resource};
use leptos::prelude::*;
use leptos_meta::Title;

/// The page's forms, one action per server function.
#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveProposal>,
    mark: ServerAction<MarkNominee>,
    step: ServerAction<ProposalStep>,
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let params = paths::params::<IdParam>();
    let query = paths::query::<ProposalQuery>();
    let id = Memo::new(move |_| params.with(|p| p.id));
    let search = Memo::new(move |_| query.with(|q| q.search.clone()));
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

mod candidates;
mod edit;
mod files;
mod heading;
mod nominees;
mod steps;

use candidates::{CandidateRow, ListTable, model_choice};
use edit::EditForm;
use files::Files;
use heading::Heading;
use nominees::{NomineeList, nominee_key};
use steps::StepForms;
