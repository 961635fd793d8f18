//! The server side of the commendation functions: who acts in which role,
//! the checks of the domain, the store's version-checked writes.

use super::{
    Candidate, Candidates, DecisionView, DecisionsData, ProposalView, ProposalsData, ProposingUnit,
    parse_kind,
};
use crate::api::ApiError;
use crate::api::context;
use crate::domain::UnitKind;
use crate::domain::authz::{Action, Actor, Target, User, can};
use crate::domain::commendation::{
    self, Awarder, Form, Ineligible, MAX_NOMINEES, MAX_TEXT_LEN, MAX_TITLE_LEN, Occasion,
};
use crate::domain::commendation_records::Nominee;
use crate::domain::commendation_records::{AwardRow, NomineeRecord};
use crate::domain::decision::{self, DecisionInput, SignerPosition};
use crate::domain::grading::Grade;
use crate::domain::org::UnitRef;
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::proposal::{self, Outcome, ProposalState, Role, Step};
use crate::domain::records::NoticeKind;
use crate::store::DynStore;
use crate::store::commendations::{
    DecisionFilter, Forward, HeadUnit, NewDecision, NewNominee, NewProposal, ProposalChange,
    ProposalHead, Subject,
};
use crate::store::model::{NewNotification, Unit};

/// Proposals and decisions a list shows at most.
const LIST_LIMIT: i64 = 200;
const REGISTER_PAGE: i64 = 50;

fn refused(p: Problem) -> ApiError {
    match p {
        Problem::Proposal(proposal::Refusal::Stale { .. }) => ApiError::Conflict,
        Problem::Proposal(proposal::Refusal::NotAllowed) => ApiError::Forbidden,
        p => ApiError::Refused(p),
    }
}

fn user_of(actor: &Actor) -> Result<&User, ApiError> {
    match actor {
        Actor::User(u) => Ok(u),
        Actor::Anonymous => Err(ApiError::Unauthorized),
    }
}

fn unit_target(u: &HeadUnit) -> Target<'_> {
    Target::Unit {
        kind: u.kind,
        path: &u.path,
    }
}

/// The units where the caller holds a position granting `action`.
fn acting_units(actor: &Actor, action: Action) -> Vec<(i64, String, UnitKind)> {
    let Actor::User(user) = actor else {
        return Vec::new();
    };
    let mut out: Vec<(i64, String, UnitKind)> = user
        .scopes
        .iter()
        .filter(|s| {
            can(
                actor,
                action,
                Target::Unit {
                    kind: s.unit_kind,
                    path: &s.unit_path,
                },
            )
        })
        .map(|s| (s.unit_id, s.unit_path.clone(), s.unit_kind))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn unit_ref(u: &Unit) -> UnitRef {
    UnitRef {
        code: u.code.clone(),
        name: u.name.clone(),
        kind: u.kind,
    }
}

/// The levels a unit's proposals may be addressed to.
async fn addressees(
    store: &DynStore,
    unit: &Unit,
    year: i32,
) -> Result<Vec<Option<Unit>>, ApiError> {
    let mut out = Vec::new();
    let rules = commendation::rules_in_force(year);
    let awards = [Form::Praise, Form::Certificate].iter().any(|f| {
        rules.may_award(
            Awarder::Unit(unit.kind),
            *f,
            commendation::NomineeKind::Individual,
        )
    });
    if awards {
        out.push(Some(unit.clone()));
    }
    match unit.parent_id {
        Some(parent) => {
            if let Some(p) = store.unit_by_id(parent).await? {
                out.push(Some(p));
            }
        }
        None => out.push(None),
    }
    Ok(out)
}

pub async fn list(
    store: &DynStore,
    actor: &Actor,
    year: Option<i32>,
) -> Result<ProposalsData, ApiError> {
    user_of(actor)?;
    let years = store.years().await?;
    let mut numbers: Vec<i32> = years.iter().map(|y| y.year).collect();
    numbers.sort_unstable_by(|a, b| b.cmp(a));
    let year = match year {
        Some(y) if numbers.contains(&y) => y,
        Some(_) => return Err(ApiError::field(Field::Year, FieldProblem::Unknown)),
        // The working year when it is set up: proposals are made in it.
        None => {
            let this = chrono::Datelike::year(&context::today(store).await?);
            if numbers.contains(&this) {
                this
            } else {
                context::summary_year(store).await?
            }
        }
    };
    let proposing_units = acting_units(actor, Action::ProposeCommendation);
    let awarding = acting_units(actor, Action::AwardCommendation);
    let mut proposing = Vec::new();
    for (id, _, _) in &proposing_units {
        if let Some(u) = store
            .unit_by_id(*id)
            .await?
            .filter(|u| u.valid_to.is_none())
        {
            proposing.push(ProposingUnit {
                unit: unit_ref(&u),
                addressees: addressees(store, &u, year)
                    .await?
                    .iter()
                    .map(|a| a.as_ref().map(unit_ref))
                    .collect(),
            });
        }
    }
    let ids = |units: &[(i64, String, UnitKind)]| units.iter().map(|u| u.0).collect::<Vec<_>>();
    let made = store
        .proposals_from(&ids(&proposing_units), Some(year), LIST_LIMIT)
        .await?;
    // The bloc's leadership records the province's decisions.
    let province = awarding.iter().any(|u| u.2 == UnitKind::Bloc);
    let to_review = if awarding.is_empty() {
        Vec::new()
    } else {
        store
            .proposals_to(&ids(&awarding), province, Some(year), LIST_LIMIT)
            .await?
    };
    Ok(ProposalsData {
        year,
        years: numbers,
        proposing,
        made,
        to_review,
    })
}

/// A proposal the caller may read, or 404 (its existence not revealed).
async fn visible(store: &DynStore, actor: &Actor, id: i64) -> Result<ProposalHead, ApiError> {
    user_of(actor)?;
    match store.proposal_head(id).await? {
        Some(h) if can(actor, Action::ViewProposal, unit_target(&h.proposer)) => Ok(h),
        _ => Err(context::refusal(actor, true)),
    }
}

/// The roles the caller holds on a proposal.
fn roles(actor: &Actor, h: &ProposalHead) -> Vec<Role> {
    let mut out = Vec::new();
    if can(actor, Action::ProposeCommendation, unit_target(&h.proposer)) {
        out.push(Role::Proposer);
    }
    // The province's part is recorded by the bloc, which proposed to it.
    let awarder = h.awarder.as_ref().unwrap_or(&h.proposer);
    if can(actor, Action::AwardCommendation, unit_target(awarder)) {
        out.push(Role::Awarder);
    }
    out
}

fn awarder_of(h: &ProposalHead) -> Awarder {
    h.awarder
        .as_ref()
        .map_or(Awarder::Province, |u| Awarder::Unit(u.kind))
}

pub async fn view(
    store: &DynStore,
    actor: &Actor,
    id: i64,
    q: Option<String>,
) -> Result<ProposalView, ApiError> {
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(ApiError::field(Field::Nominees, FieldProblem::TooLong));
    }
    let h = visible(store, actor, id).await?;
    let record = store.proposal(id).await?.ok_or(ApiError::NotFound)?;
    let nominees = store.nominees(id).await?;
    let roles = roles(actor, &h);
    let mut steps: Vec<Step> = roles
        .iter()
        .flat_map(|r| proposal::offered(*r, h.state))
        .collect();
    steps.dedup();
    let rules = commendation::rules_in_force(h.year);
    let awarder = awarder_of(&h);
    let awardable = nominees
        .iter()
        .map(|n| rules.may_award(awarder, h.form, n.nominee.kind()))
        .collect();
    let (candidates, models) = if steps.contains(&Step::Save) {
        (
            Some(candidates(store, &h, &nominees, q).await?),
            citable_models(store, &h).await?,
        )
    } else {
        (None, Vec::new())
    };
    let attachments = store.attachments(id).await?;
    Ok(ProposalView {
        can_attach: steps.contains(&Step::Save),
        attachments,
        candidates,
        models,
        marks: roles.contains(&Role::Awarder) && h.state == ProposalState::Submitted,
        can_forward: h.awarder.is_some(),
        record,
        nominees,
        steps,
        awardable,
        today: context::today(store).await?,
    })
}

/// Good models a nominee's achievements may cite: those of the proposer's
/// subtree registered for the proposal's year or the year before.
async fn citable_models(
    store: &DynStore,
    h: &ProposalHead,
) -> Result<Vec<super::CitableModel>, ApiError> {
    use crate::store::good_models::GoodModelFilter;
    let mut out = Vec::new();
    for year in [h.year, h.year - 1] {
        let f = GoodModelFilter {
            year: Some(year),
            subtree: Some(h.proposer.path.clone()),
            limit: 200,
            ..Default::default()
        };
        out.extend(
            store
                .good_models(&f)
                .await?
                .into_iter()
                .map(|m| super::CitableModel {
                    id: m.id,
                    title: m.title,
                    year: m.year,
                }),
        );
    }
    Ok(out)
}

/// A draft's fields as the form sends them.
pub struct DraftInput {
    pub title: String,
    pub cover: String,
    pub minutes: String,
    /// "m{member id}" or "u{unit code}".
    pub nominees: Vec<String>,
    pub achievements: Vec<String>,
    /// By row: the good model the achievements cite.
    pub models: Vec<Option<i64>>,
}

impl DraftInput {
    /// The list form's rows paired by index, in index order; achievements
    /// of a row not ticked are dropped.
    pub fn from_form(
        title: String,
        cover: Option<String>,
        minutes: Option<String>,
        nominees: Option<super::Rows>,
        achievements: Option<super::Rows>,
        models: Option<super::Rows>,
    ) -> Self {
        let nominees = nominees.unwrap_or_default();
        let mut achievements = achievements.unwrap_or_default();
        let mut models = models.unwrap_or_default();
        let mut input = DraftInput {
            title,
            cover: cover.unwrap_or_default(),
            minutes: minutes.unwrap_or_default(),
            nominees: Vec::new(),
            achievements: Vec::new(),
            models: Vec::new(),
        };
        for (i, key) in nominees {
            if key.trim().is_empty() {
                continue;
            }
            input.nominees.push(key);
            input
                .achievements
                .push(achievements.remove(&i).unwrap_or_default());
            // Not a number: cited nothing (the list's "none" is empty).
            input
                .models
                .push(models.remove(&i).and_then(|m| m.trim().parse().ok()));
        }
        input
    }
}

/// Members a list offers at most; a search narrows the rest.
const CANDIDATES_SHOWN: usize = 200;

/// Who the proposer may add: active members of its subtree and the
/// organisations right below it, less those already listed; for yearly
/// and five-year commendations only those graded excellent in the year.
async fn candidates(
    store: &DynStore,
    h: &ProposalHead,
    listed: &[NomineeRecord],
    q: Option<String>,
) -> Result<Candidates, ApiError> {
    use crate::domain::commendation_records::Nominee;
    let excellent_only = matches!(h.occasion, Occasion::Yearly | Occasion::FiveYears);
    let fits = |g: Option<Grade>| !excellent_only || g == Some(Grade::Excellent);
    let q = q
        .map(|q| crate::domain::text::fold(q.trim()))
        .filter(|q| !q.is_empty());
    let matches = |name: &str, card: &str| {
        q.as_deref()
            .is_none_or(|q| crate::domain::text::fold(name).contains(q) || card.contains(q))
    };
    let listed_member = |id: i64| {
        listed
            .iter()
            .any(|n| matches!(n.nominee, Nominee::Member { id: m, .. } if m == id))
    };
    let listed_unit = |code: &str| {
        listed
            .iter()
            .any(|n| matches!(&n.nominee, Nominee::Unit { unit, .. } if unit.code == code))
    };
    let rows = store.subtree_commitments(&h.proposer.path, h.year).await?;
    let mut found = rows
        .into_iter()
        .filter(|r| r.status.is_active() && fits(r.decided_grade))
        .filter(|r| !listed_member(r.member_id) && matches(&r.full_name, &r.card_number));
    let members: Vec<(Subject, Candidate)> = found
        .by_ref()
        .take(CANDIDATES_SHOWN)
        .map(|r| {
            let c = Candidate {
                key: format!("m{}", r.member_id),
                name: r.full_name,
                card_number: Some(r.card_number),
                place: r.cell_name,
                grade: r.decided_grade,
            };
            (Subject::Member(r.member_id), c)
        })
        .collect();
    let more = found.count();
    let units: Vec<(Subject, Candidate)> = store
        .child_unit_grades(h.proposer.id, h.year)
        .await?
        .into_iter()
        .filter(|u| fits(u.grade) && !listed_unit(&u.code) && matches(&u.name, &u.code))
        .map(|u| {
            let c = Candidate {
                key: format!("u{}", u.code),
                name: u.name,
                card_number: None,
                place: String::new(),
                grade: u.grade,
            };
            (Subject::Unit(u.unit_id), c)
        })
        .collect();
    // Those another proposal holds for the same achievement are not offered.
    let subjects: Vec<Subject> = members.iter().chain(&units).map(|(s, _)| *s).collect();
    let held = store
        .claimed(&subjects, h.year, h.occasion, h.form, Some(h.id))
        .await?;
    let free = |list: Vec<(Subject, Candidate)>| -> Vec<Candidate> {
        list.into_iter()
            .filter(|(s, _)| !held.contains(s))
            .map(|(_, c)| c)
            .collect()
    };
    let (members, units) = (free(members), free(units));
    Ok(Candidates {
        members,
        units,
        more,
        excellent_only,
    })
}

fn check_text(value: &str, max: usize, f: Field) -> Result<(), ApiError> {
    if value.chars().count() > max {
        Err(ApiError::field(f, FieldProblem::TooLong))
    } else {
        Ok(())
    }
}

/// The nominees of a draft, each checked: inside the proposing unit,
/// active, a candidate for the occasion, not held by another proposal.
async fn nominees_of(
    store: &DynStore,
    proposer: &HeadUnit,
    awarder_id: Option<i64>,
    year: i32,
    occasion: Occasion,
    form: Form,
    input: &DraftInput,
    except: Option<i64>,
) -> Result<Vec<NewNominee>, ApiError> {
    check_text(&input.title, MAX_TITLE_LEN, Field::Title)?;
    if input.title.trim().is_empty() {
        return Err(ApiError::field(Field::Title, FieldProblem::Missing));
    }
    check_text(&input.cover, MAX_TEXT_LEN, Field::Cover)?;
    check_text(&input.minutes, MAX_TEXT_LEN, Field::Minutes)?;
    if input.nominees.len() > MAX_NOMINEES || input.achievements.len() > MAX_NOMINEES {
        return Err(ApiError::field(Field::Nominees, FieldProblem::TooMany));
    }
    let nominee_problem =
        |position: usize, why: Ineligible| ApiError::Refused(Problem::Nominee { position, why });
    let mut out: Vec<NewNominee> = Vec::new();
    for (position, key) in input.nominees.iter().enumerate() {
        let achievements = input
            .achievements
            .get(position)
            .cloned()
            .unwrap_or_default();
        check_text(&achievements, MAX_TEXT_LEN, Field::Achievements)?;
        let key = key.trim();
        let subject = if let Some(id) = key.strip_prefix('m').and_then(|v| v.parse::<i64>().ok()) {
            let place = store
                .member_place(id)
                .await?
                .ok_or_else(|| nominee_problem(position, Ineligible::OutOfScope))?;
            if !place.cell_path.starts_with(&proposer.path) {
                return Err(nominee_problem(position, Ineligible::OutOfScope));
            }
            if !place.status.is_active() {
                return Err(nominee_problem(position, Ineligible::Inactive));
            }
            Subject::Member(id)
        } else if let Some(code) = key.strip_prefix('u') {
            let unit = store
                .unit_by_code(code)
                .await?
                .ok_or_else(|| nominee_problem(position, Ineligible::OutOfScope))?;
            if !unit.path.starts_with(&proposer.path) {
                return Err(nominee_problem(position, Ineligible::OutOfScope));
            }
            if unit.valid_to.is_some() {
                return Err(nominee_problem(position, Ineligible::Inactive));
            }
            // A level never commends itself.
            if awarder_id == Some(unit.id) {
                return Err(nominee_problem(position, Ineligible::OutOfScope));
            }
            Subject::Unit(unit.id)
        } else {
            return Err(ApiError::field(Field::Nominees, FieldProblem::Unknown));
        };
        if out.iter().any(|n| n.subject == subject) {
            return Err(nominee_problem(position, Ineligible::AlreadyProposed));
        }
        // A banner is for organisations only.
        if form == Form::Banner && subject.kind() == commendation::NomineeKind::Individual {
            return Err(nominee_problem(position, Ineligible::NotAwardable));
        }
        let good_model_id = match input.models.get(position).copied().flatten() {
            None => None,
            Some(id) => {
                // A model of the proposer's own subtree.
                let model = store.good_model(id).await?;
                if !model.is_some_and(|m| m.unit_path.starts_with(&proposer.path)) {
                    return Err(ApiError::field(Field::Nominees, FieldProblem::Unknown));
                }
                Some(id)
            }
        };
        out.push(NewNominee {
            subject,
            achievements,
            good_model_id,
        });
    }
    // Candidates by their grades, for the occasions that need them.
    if matches!(occasion, Occasion::Yearly | Occasion::FiveYears) {
        let years = (year - 4)..=year;
        let members: Vec<i64> = out
            .iter()
            .filter_map(|n| match n.subject {
                Subject::Member(id) => Some(id),
                Subject::Unit(_) => None,
            })
            .collect();
        let units: Vec<i64> = out
            .iter()
            .filter_map(|n| match n.subject {
                Subject::Unit(id) => Some(id),
                Subject::Member(_) => None,
            })
            .collect();
        let member_grades = store.member_grades(&members, years.clone()).await?;
        let unit_grades = store.unit_grades(&units, years).await?;
        for (position, n) in out.iter().enumerate() {
            let (id, source) = match n.subject {
                Subject::Member(id) => (id, &member_grades),
                Subject::Unit(id) => (id, &unit_grades),
            };
            let history: Vec<(i32, Grade)> = source
                .iter()
                .filter(|(who, _, _)| *who == id)
                .map(|(_, y, g)| (*y, *g))
                .collect();
            commendation::candidacy(occasion, year, &history)
                .map_err(|why| nominee_problem(position, why))?;
        }
    }
    let subjects: Vec<Subject> = out.iter().map(|n| n.subject).collect();
    let held = store
        .claimed(&subjects, year, occasion, form, except)
        .await?;
    if let Some(position) = subjects.iter().position(|s| held.contains(s)) {
        return Err(nominee_problem(position, Ineligible::AlreadyProposed));
    }
    Ok(out)
}

pub async fn create(
    store: &DynStore,
    actor: &Actor,
    unit: &str,
    to: Option<String>,
    year: i32,
    occasion: &str,
    form: &str,
    input: DraftInput,
) -> Result<i64, ApiError> {
    let user = user_of(actor)?;
    let proposer = store
        .unit_by_code(unit.trim())
        .await?
        .filter(|u| u.valid_to.is_none())
        .ok_or_else(|| ApiError::field(Field::Unit, FieldProblem::Unknown))?;
    let head = HeadUnit {
        id: proposer.id,
        path: proposer.path.clone(),
        kind: proposer.kind,
    };
    if !can(actor, Action::ProposeCommendation, unit_target(&head)) {
        return Err(context::refusal(actor, false));
    }
    let (occasion, form) = parse_kind(occasion, form)?;
    if store.year(year).await?.is_none() {
        return Err(ApiError::field(Field::Year, FieldProblem::Unknown));
    }
    let to = to.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let allowed = addressees(store, &proposer, year).await?;
    let addressee = allowed
        .into_iter()
        .find(|a| a.as_ref().map(|u| u.code.as_str()) == to.as_deref())
        .ok_or_else(|| ApiError::field(Field::Unit, FieldProblem::Unknown))?;
    let awarder_id = addressee.as_ref().map(|u| u.id);
    let nominees =
        nominees_of(store, &head, awarder_id, year, occasion, form, &input, None).await?;
    let proposal = NewProposal {
        proposer_id: proposer.id,
        awarder_id: addressee.as_ref().map(|u| u.id),
        year,
        occasion,
        form,
        title: input.title,
        cover: input.cover,
        minutes: input.minutes,
        nominees,
        created_by: Some(user.user_id),
    };
    let entry = context::audit_entry(store, user, "proposal.create")
        .await
        .after(serde_json::json!({ "state": "draft", "form": form.as_str(), "occasion": occasion.as_str() }));
    Ok(store.create_proposal(&proposal, &entry).await?)
}

/// Notices of `kind` to the secretaries and deputies of a unit.
async fn to_leaders(
    store: &DynStore,
    unit_id: i64,
    today: chrono::NaiveDate,
    kind: NoticeKind,
    subject: &str,
    detail: &str,
    link: String,
) -> Result<Vec<NewNotification>, ApiError> {
    let users = store.cell_reviewer_users(unit_id, today).await?;
    Ok(users
        .into_iter()
        .map(|user_id| NewNotification {
            user_id,
            kind,
            commitment_id: None,
            subject: subject.to_string(),
            detail: detail.to_string(),
            link: link.clone(),
        })
        .collect())
}

/// A unit's name for a notice.
async fn unit_name(store: &DynStore, id: i64) -> Result<String, ApiError> {
    Ok(store
        .unit_by_id(id)
        .await?
        .map(|u| u.name)
        .unwrap_or_default())
}

/// Checks a step with the state machine.
fn check(
    h: &ProposalHead,
    role: Role,
    step: Step,
    version: i64,
    reason: Option<&str>,
    has_cover: bool,
    outcomes: &[Outcome],
) -> Result<ProposalState, ApiError> {
    let cx = proposal::Context {
        state: Some(h.state),
        expected_version: version,
        current_version: h.version,
        reason,
        has_cover,
        outcomes,
    };
    proposal::step(role, step, &cx).map_err(|r| refused(Problem::Proposal(r)))
}

fn role_for(actor: &Actor, h: &ProposalHead, role: Role) -> Result<Role, ApiError> {
    if roles(actor, h).contains(&role) {
        Ok(role)
    } else {
        Err(context::refusal(actor, false))
    }
}

pub async fn save(
    store: &DynStore,
    actor: &Actor,
    id: i64,
    version: i64,
    input: DraftInput,
    submit: bool,
) -> Result<(), ApiError> {
    let user = user_of(actor)?;
    let h = visible(store, actor, id).await?;
    let role = role_for(actor, &h, Role::Proposer)?;
    check(&h, role, Step::Save, version, None, true, &[])?;
    let awarder_id = h.awarder.as_ref().map(|u| u.id);
    let nominees = nominees_of(
        store,
        &h.proposer,
        awarder_id,
        h.year,
        h.occasion,
        h.form,
        &input,
        Some(id),
    )
    .await?;
    let outcomes = vec![Outcome::Pending; nominees.len()];
    let has_cover = !input.cover.trim().is_empty();
    if submit {
        // Refused before anything is written: the form keeps what was typed.
        let cx = proposal::Context {
            state: Some(h.state),
            expected_version: version,
            current_version: h.version,
            reason: None,
            has_cover,
            outcomes: &outcomes,
        };
        proposal::step(role, Step::Submit, &cx).map_err(|r| refused(Problem::Proposal(r)))?;
    }
    let edit = ProposalChange::Edit {
        title: input.title,
        cover: input.cover,
        minutes: input.minutes,
        nominees,
    };
    let entry = context::audit_entry(store, user, "proposal.save")
        .await
        .after(serde_json::json!({ "state": h.state.as_str() }));
    let saved = store.proposal_step(id, version, &edit, &entry, &[]).await?;
    if submit {
        let today = context::today(store).await?;
        // The province is outside the app: the bloc records its part.
        let notes = match &h.awarder {
            Some(level) => {
                to_leaders(
                    store,
                    level.id,
                    today,
                    NoticeKind::ProposalSubmitted,
                    &unit_name(store, h.proposer.id).await?,
                    &h.title,
                    crate::paths::proposal(id),
                )
                .await?
            }
            None => Vec::new(),
        };
        let entry = context::audit_entry(store, user, "proposal.submit")
            .await
            .after(serde_json::json!({ "state": "submitted" }));
        store
            .proposal_step(
                id,
                saved.version,
                &ProposalChange::Submit { on: today },
                &entry,
                &notes,
            )
            .await?;
    }
    Ok(())
}

pub async fn mark(
    store: &DynStore,
    actor: &Actor,
    id: i64,
    version: i64,
    nominee: i64,
    outcome: &str,
    reason: Option<String>,
) -> Result<(), ApiError> {
    let user = user_of(actor)?;
    let h = visible(store, actor, id).await?;
    role_for(actor, &h, Role::Awarder)?;
    if version != h.version {
        return Err(ApiError::Conflict);
    }
    let outcome = Outcome::parse(outcome.trim())
        .ok_or_else(|| ApiError::field(Field::Outcome, FieldProblem::Unknown))?;
    let reason = reason.unwrap_or_default();
    check_text(&reason, MAX_TEXT_LEN, Field::Reason)?;
    let list = store.nominees(id).await?;
    let n = list
        .iter()
        .find(|n| n.id == nominee)
        .ok_or(ApiError::NotFound)?;
    let awardable =
        commendation::rules_in_force(h.year).may_award(awarder_of(&h), h.form, n.nominee.kind());
    proposal::mark(
        h.state,
        outcome,
        awardable,
        h.awarder.is_none(),
        Some(&reason),
    )
    .map_err(|r| refused(Problem::Proposal(r)))?;
    let entry = context::audit_entry(store, user, "proposal.mark")
        .await
        .after(serde_json::json!({ "nominee": nominee, "outcome": outcome.as_str(), "reason": reason }));
    store
        .proposal_step(
            id,
            version,
            &ProposalChange::Mark {
                nominee_id: nominee,
                outcome,
                reason,
            },
            &entry,
            &[],
        )
        .await?;
    Ok(())
}

/// A step's fields as the form sends them.
pub struct StepInput {
    pub reason: Option<String>,
    pub forward_title: Option<String>,
    pub forward_cover: Option<String>,
    pub date: Option<String>,
    pub signer: Option<String>,
    pub position: Option<String>,
    pub number: Option<String>,
}

pub async fn step(
    store: &DynStore,
    actor: &Actor,
    id: i64,
    version: i64,
    step: &str,
    input: StepInput,
) -> Result<(), ApiError> {
    let user = user_of(actor)?;
    let step = Step::parse(step.trim())
        .ok_or_else(|| ApiError::field(Field::Step, FieldProblem::Unknown))?;
    if matches!(step, Step::Save | Step::Submit) {
        // The proposer's steps go through `save`, with the list.
        return Err(ApiError::field(Field::Step, FieldProblem::Unknown));
    }
    let h = visible(store, actor, id).await?;
    let role = role_for(actor, &h, Role::Awarder)?;
    let reason = input.reason.unwrap_or_default();
    check_text(&reason, MAX_TEXT_LEN, Field::Reason)?;
    let list = store.nominees(id).await?;
    let outcomes: Vec<Outcome> = list.iter().map(|n| n.outcome).collect();
    let next = check(&h, role, step, version, Some(&reason), true, &outcomes)?;
    let today = context::today(store).await?;
    let notes = match step {
        Step::Return | Step::Reject => {
            let kind = if step == Step::Return {
                NoticeKind::ProposalReturned
            } else {
                NoticeKind::ProposalRejected
            };
            let link = crate::paths::proposal(id);
            to_leaders(store, h.proposer.id, today, kind, &h.title, &reason, link).await?
        }
        _ => Vec::new(),
    };
    let change = match step {
        Step::Return => ProposalChange::Return { reason },
        Step::Reject => ProposalChange::Reject { reason },
        Step::Settle => {
            let forward = if outcomes.contains(&Outcome::Forwarded) {
                let Some(level) = &h.awarder else {
                    return Err(refused(Problem::Proposal(proposal::Refusal::CannotForward)));
                };
                let title = input.forward_title.unwrap_or_default();
                let cover = input.forward_cover.unwrap_or_default();
                check_text(&title, MAX_TITLE_LEN, Field::Title)?;
                check_text(&cover, MAX_TEXT_LEN, Field::Cover)?;
                let level_unit = store
                    .unit_by_id(level.id)
                    .await?
                    .ok_or(ApiError::NotFound)?;
                Some(Forward {
                    // The bloc forwards to the province.
                    awarder_id: level_unit.parent_id,
                    title: if title.trim().is_empty() {
                        h.title.clone()
                    } else {
                        title
                    },
                    cover,
                    on: today,
                    created_by: Some(user.user_id),
                })
            } else {
                None
            };
            ProposalChange::Settle {
                state: next,
                forward,
            }
        }
        Step::Decide => {
            let date = input
                .date
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))
                .transpose()
                .map_err(|_| refused(Problem::Decision(decision::DecisionProblem::BadDate)))?
                .unwrap_or(today);
            let position = match input.position.as_deref().map(str::trim) {
                None | Some("") => SignerPosition::Secretary,
                Some(p) => SignerPosition::parse(p)
                    .ok_or_else(|| ApiError::field(Field::Step, FieldProblem::Unknown))?,
            };
            let decision_input = DecisionInput {
                date,
                signer_name: input.signer.unwrap_or_default(),
                signer_position: position,
                number: input.number.filter(|n| !n.trim().is_empty()),
            };
            let issuer = awarder_of(&h);
            decision::check(
                &decision_input,
                issuer,
                h.submitted_on.unwrap_or(date),
                today,
            )
            .map_err(|p| refused(Problem::Decision(p)))?;
            ProposalChange::Decide(NewDecision {
                issuer_id: h.awarder.as_ref().map(|u| u.id),
                number_pattern: format!("{{}}-QĐ/{}", decision::issuer_symbol(issuer)),
                term_start: decision::term_start(date),
                number: decision_input.number,
                decided_on: date,
                signer_name: decision_input.signer_name,
                signer_position: position,
                created_by: Some(user.user_id),
            })
        }
        // Refused before anything was read; kept as an answer, not a panic.
        Step::Save | Step::Submit => {
            return Err(ApiError::field(Field::Step, FieldProblem::Unknown));
        }
    };
    let entry = context::audit_entry(store, user, &format!("proposal.{}", step.as_str()))
        .await
        .after(serde_json::json!({ "state": next.as_str() }));
    let done = store
        .proposal_step(id, version, &change, &entry, &notes)
        .await?;
    // Known once written: the number, and the proposal sent up.
    let mut after = Vec::new();
    if let Some(d) = &done.decision {
        let members: Vec<i64> = store
            .recipients(d.id)
            .await?
            .iter()
            .filter_map(|r| match r.nominee {
                Nominee::Member { id, .. } => Some(id),
                Nominee::Unit { .. } => None,
            })
            .collect();
        let link = crate::paths::decision(d.id);
        after.extend(
            store
                .member_users(&members)
                .await?
                .into_iter()
                .map(|(_, user_id)| NewNotification {
                    user_id,
                    kind: NoticeKind::Commended,
                    commitment_id: None,
                    subject: d.number.clone(),
                    detail: String::new(),
                    link: link.clone(),
                }),
        );
    }
    if let (
        Some(up),
        ProposalChange::Settle {
            forward: Some(f), ..
        },
    ) = (done.forwarded_to, &change)
        && let (Some(level), Some(next)) = (&h.awarder, f.awarder_id)
    {
        let from = unit_name(store, level.id).await?;
        let link = crate::paths::proposal(up);
        after.extend(
            to_leaders(
                store,
                next,
                today,
                NoticeKind::ProposalSubmitted,
                &from,
                &f.title,
                link,
            )
            .await?,
        );
    }
    if !after.is_empty() {
        // The step stands even if its notices cannot be written.
        if let Err(e) = store.add_notifications(&after).await {
            tracing::warn!(error = %e, "commendation notices not written");
        }
    }
    Ok(())
}

/// The decisions `actor` may read, as the register and its export ask for
/// them: the units on the line above one's own cell and one's positions,
/// and every unit below where one holds a position; the bloc's leadership
/// reads them all.
pub fn register_filter(
    actor: &Actor,
    year: Option<i32>,
    q: Option<String>,
    limit: i64,
    offset: i64,
) -> Result<DecisionFilter, ApiError> {
    let user = user_of(actor)?;
    if let Some(q) = &q {
        check_text(q, 200, Field::Title)?;
    }
    let all = user.scopes.iter().any(|s| s.unit_kind == UnitKind::Bloc);
    let mut lines: Vec<String> = user.scopes.iter().map(|s| s.unit_path.clone()).collect();
    lines.extend(user.cell_path.clone());
    let subtrees: Vec<String> = user.scopes.iter().map(|s| s.unit_path.clone()).collect();
    Ok(DecisionFilter {
        all,
        lines,
        subtrees,
        // The province's decisions on the bloc's proposals name its members.
        province: true,
        year,
        search: q
            .map(|q| crate::domain::text::fold(q.trim()))
            .filter(|q| !q.is_empty()),
        limit,
        offset,
    })
}

pub async fn register(
    store: &DynStore,
    actor: &Actor,
    year: Option<i32>,
    q: Option<String>,
    page: i64,
) -> Result<DecisionsData, ApiError> {
    if !(1..=crate::domain::paging::MAX_PAGE).contains(&page) {
        return Err(ApiError::request());
    }
    let filter = register_filter(
        actor,
        year,
        q,
        REGISTER_PAGE + 1,
        crate::domain::paging::offset(page, REGISTER_PAGE),
    )?;
    let mut rows = store.decisions(&filter).await?;
    let more = rows.len() as i64 > REGISTER_PAGE;
    rows.truncate(REGISTER_PAGE as usize);
    Ok(DecisionsData { rows, page, more })
}

pub async fn decision(store: &DynStore, actor: &Actor, id: i64) -> Result<DecisionView, ApiError> {
    user_of(actor)?;
    let proposal_id = store
        .decision_proposal(id)
        .await?
        .ok_or_else(|| context::refusal(actor, true))?;
    let h = store
        .proposal_head(proposal_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    // The decision is the awarding level's (the province's: the bloc's line).
    let issuer = h.awarder.as_ref().unwrap_or(&h.proposer);
    if !can(actor, Action::ViewDecision, unit_target(issuer)) {
        return Err(context::refusal(actor, true));
    }
    let decision = store.decision(id).await?.ok_or(ApiError::NotFound)?;
    let recipients = store.recipients(id).await?;
    let dossier = can(actor, Action::ViewProposal, unit_target(&h.proposer));
    let issuer_above = match &h.awarder {
        Some(a) => match store.unit_by_id(a.id).await?.and_then(|u| u.parent_id) {
            Some(parent) => Some(unit_name(store, parent).await?),
            None => None,
        },
        None => None,
    };
    Ok(DecisionView {
        decision,
        recipients,
        proposal_id: dossier.then_some(proposal_id),
        issuer_above,
        proposer: unit_name(store, h.proposer.id).await?,
    })
}

pub async fn awards(
    store: &DynStore,
    actor: &Actor,
    member: Option<i64>,
    unit: Option<String>,
) -> Result<Vec<AwardRow>, ApiError> {
    user_of(actor)?;
    match (
        member,
        unit.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()),
    ) {
        (Some(id), None) => {
            let place = store
                .member_place(id)
                .await?
                .ok_or_else(|| context::refusal(actor, true))?;
            let target = Target::Member {
                member_id: id,
                cell_path: &place.cell_path,
            };
            if !can(actor, Action::ViewMember, target) {
                return Err(context::refusal(actor, true));
            }
            Ok(store.awards_of(Subject::Member(id)).await?)
        }
        (None, Some(code)) => {
            let u = store.unit_by_code(&code).await?.ok_or(ApiError::NotFound)?;
            let target = Target::Unit {
                kind: u.kind,
                path: &u.path,
            };
            if !can(actor, Action::ViewStructure, target) {
                return Err(context::refusal(actor, false));
            }
            Ok(store.awards_of(Subject::Unit(u.id)).await?)
        }
        _ => Err(ApiError::field(Field::Unit, FieldProblem::Missing)),
    }
}
