//! The server side of the commitment functions: who acts in which role, the
//! state machine, the store's version-checked write, the notices.

use crate::api::ApiError;
use crate::api::context;
use crate::domain::authz::{Action, Actor, Target, User, acts_on_members_of, can, workflow_scopes};
use crate::domain::commitment::{self, CommitmentState, Context, Refusal, Role, Step};
use crate::domain::grading::{self, Grade};
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::undertaking::{self, ContentProblem, ItemResult, Undertaking};
use crate::domain::year::YearConfig;
use crate::store::DynStore;
use crate::store::model::{
    AuditEntry, CommitmentChange, CommitmentRecord, CommitmentRow, CommitmentWrite, MemberPlace,
    NewNotification, NoticeKind,
};

fn content(p: ContentProblem) -> ApiError {
    ApiError::Refused(Problem::Content(p))
}

fn refused(r: Refusal) -> ApiError {
    match r {
        Refusal::NotAllowed => ApiError::Forbidden,
        Refusal::Stale { .. } => ApiError::Conflict,
        r => ApiError::Refused(Problem::Commitment(r)),
    }
}

fn wrong_state(state: Option<CommitmentState>) -> ApiError {
    refused(Refusal::WrongState { state })
}

fn user_of(actor: &Actor) -> Result<&User, ApiError> {
    match actor {
        Actor::User(u) => Ok(u),
        Actor::Anonymous => Err(ApiError::Unauthorized),
    }
}

/// The caller's own member id, for their own commitment (staff accounts
/// have none to file: 404).
pub fn own_member(actor: &Actor) -> Result<i64, ApiError> {
    user_of(actor)?.member_id.ok_or(ApiError::NotFound)
}

/// A same-site page to go back to after a step, marked with `flag`.
pub fn back_to(back: Option<&str>, flag: &str) -> String {
    let path = crate::domain::local_path::local_or(back, "/");
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{flag}=1")
}

async fn year_config(store: &DynStore, year: i32) -> Result<YearConfig, ApiError> {
    store.year(year).await?.ok_or(ApiError::NotFound)
}

/// The years set up, newest first, and the one asked for (by default the
/// year in progress on the working date, see `domain::year::working_year`).
pub async fn years_and_pick(
    store: &DynStore,
    asked: Option<i32>,
) -> Result<(Vec<i32>, i32), ApiError> {
    let configs = store.years().await?;
    let mut years: Vec<i32> = configs.iter().map(|y| y.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    let year = match asked {
        Some(y) => y,
        None => {
            let today = context::today(store).await?;
            crate::domain::year::working_year(&configs, today).ok_or(ApiError::NotFound)?
        }
    };
    Ok((years, year))
}

/// The action that grants a step, and the role it is taken in.
fn action_of(step: Step) -> (Action, Role) {
    match step {
        Step::Save | Step::Submit | Step::MidYearReview | Step::SelfAssess => {
            (Action::FileCommitment, Role::Owner)
        }
        Step::Return | Step::Approve | Step::Propose | Step::Reopen => {
            (Action::ReviewCommitment, Role::Reviewer)
        }
        Step::Decide => (Action::DecideGrade, Role::Committee),
    }
}

/// The member, if the caller may see them at all (404 otherwise: their
/// existence is not revealed).
async fn visible_member(
    store: &DynStore,
    actor: &Actor,
    member_id: i64,
) -> Result<MemberPlace, ApiError> {
    let place = store.member_place(member_id).await?;
    match place {
        Some(p)
            if can(
                actor,
                Action::ViewMember,
                Target::Member {
                    member_id,
                    cell_path: &p.cell_path,
                },
            ) =>
        {
            Ok(p)
        }
        _ => Err(context::refusal(actor, true)),
    }
}

/// The role the caller takes a step in, or the refusal.
fn role_for(actor: &Actor, place: &MemberPlace, step: Step) -> Result<Role, ApiError> {
    let (action, role) = action_of(step);
    let target = Target::Member {
        member_id: place.member_id,
        cell_path: &place.cell_path,
    };
    if can(actor, action, target) {
        Ok(role)
    } else {
        Err(context::refusal(actor, false))
    }
}

/// The state machine's answer for a step on `record` today.
fn check_step(
    user: &User,
    role: Role,
    step: Step,
    year: &YearConfig,
    place: &MemberPlace,
    record: Option<&CommitmentRecord>,
    expected_version: i64,
    today: chrono::NaiveDate,
    reason: Option<&str>,
) -> Result<CommitmentState, ApiError> {
    let cx = Context {
        state: record.map(|r| r.state),
        expected_version,
        current_version: record.map_or(0, |r| r.version),
        today,
        deadlines: &year.deadlines,
        extended_to: record.and_then(|r| r.extended_to),
        actor_is_owner: user.member_id == Some(place.member_id),
        reason,
    };
    commitment::step(role, step, &cx).map_err(refused)
}

/// A commitment with the steps open to the caller.
pub async fn view(
    store: &DynStore,
    actor: &Actor,
    year: i32,
    member_id: i64,
) -> Result<super::CommitmentView, ApiError> {
    let user = user_of(actor)?;
    let place = visible_member(store, actor, member_id).await?;
    let config = year_config(store, year).await?;
    let record = store.commitment(year, member_id).await?;
    let history = match &record {
        Some(r) => store.commitment_history(r.id).await?,
        None => Vec::new(),
    };
    let today = context::today(store).await?;
    let version = record.as_ref().map_or(0, |r| r.version);
    let steps = [
        Step::Save,
        Step::Submit,
        Step::Return,
        Step::Approve,
        Step::MidYearReview,
        Step::SelfAssess,
        Step::Propose,
        Step::Decide,
        Step::Reopen,
    ]
    .into_iter()
    .filter(|step| {
        role_for(actor, &place, *step).is_ok_and(|role| {
            check_step(
                user,
                role,
                *step,
                &config,
                &place,
                record.as_ref(),
                version,
                today,
                Some("-"),
            )
            .is_ok()
        })
    })
    .collect();
    Ok(super::CommitmentView {
        year: config,
        member: place,
        commitment: record,
        history,
        steps,
        today,
    })
}

/// Undertakings from the form: one textarea per section, one a line.
fn items_from(sections: &[String]) -> Vec<Undertaking> {
    let items = sections
        .iter()
        .enumerate()
        .flat_map(|(section, text)| {
            text.lines().map(move |line| Undertaking {
                section,
                text: line.to_string(),
                result: None,
                result_note: String::new(),
            })
        })
        .collect();
    undertaking::clean(items)
}

/// An audit entry for a step on a member's commitment.
async fn audit(
    store: &DynStore,
    user: &User,
    place: &MemberPlace,
    step: Step,
    after: serde_json::Value,
) -> AuditEntry {
    context::audit_entry(store, user, format!("commitment.{}", step.as_str()))
        .await
        // The store fills in the commitment's id.
        .about("commitment", None)
        .after(after)
        .in_unit(Some(place.cell_path.clone()))
}

/// Who hears of a step: the member of a return, an approval, a decision or a
/// reopening; the cell's secretaries of a submission.
async fn notices(
    store: &DynStore,
    user: &User,
    place: &MemberPlace,
    year: i32,
    step: Step,
    detail: &str,
    today: chrono::NaiveDate,
) -> Result<Vec<NewNotification>, ApiError> {
    let (kind, to_member) = match step {
        Step::Submit => (NoticeKind::Submitted, false),
        Step::Return => (NoticeKind::Returned, true),
        Step::Approve => (NoticeKind::Approved, true),
        Step::Decide => (NoticeKind::Graded, true),
        Step::Reopen => (NoticeKind::Reopened, true),
        _ => return Ok(Vec::new()),
    };
    let (users, link) = if to_member {
        let users = store
            .member_users(&[place.member_id])
            .await?
            .into_iter()
            .map(|(_, u)| u)
            .collect::<Vec<_>>();
        (users, crate::paths::my_commitment(year))
    } else {
        let users = store.cell_reviewer_users(place.cell_id, today).await?;
        let link = crate::paths::review(&place.cell_code, year, Some(place.member_id));
        (users, link)
    };
    Ok(users
        .into_iter()
        .filter(|u| *u != user.user_id)
        .map(|user_id| NewNotification {
            user_id,
            kind,
            commitment_id: None,
            subject: place.full_name.clone(),
            detail: detail.to_string(),
            link: link.clone(),
        })
        .collect())
}

/// Writes one checked step: version-checked by the store, with its audit
/// entry and notices, in one transaction.
async fn write(
    store: &DynStore,
    user: &User,
    place: &MemberPlace,
    year: i32,
    step: Step,
    expected_version: i64,
    next_state: CommitmentState,
    change: CommitmentChange,
    after: serde_json::Value,
    detail: &str,
    today: chrono::NaiveDate,
) -> Result<(), ApiError> {
    let write = CommitmentWrite {
        year,
        member_id: place.member_id,
        expected_version,
        next_state,
        change,
        audit: audit(store, user, place, step, after).await,
        notify: notices(store, user, place, year, step, detail, today).await?,
    };
    store.apply_commitments(&[write]).await?;
    context::publish(&place.cell_path, Some(year));
    Ok(())
}

/// Saves (or submits) the member's undertakings. `Ok(Some(problem))`: the
/// submission was refused for its content, and the text kept as a draft.
pub async fn save(
    store: &DynStore,
    actor: &Actor,
    year: i32,
    member_id: i64,
    version: i64,
    sections: Vec<String>,
    submit: bool,
) -> Result<Option<ContentProblem>, ApiError> {
    let user = user_of(actor)?;
    let place = visible_member(store, actor, member_id).await?;
    let config = year_config(store, year).await?;
    let role = role_for(actor, &place, Step::Save)?;
    let items = items_from(&sections);
    if let Some(p) = undertaking::check_items(&items, config.sections.len(), false)
        .into_iter()
        .next()
    {
        return Err(content(p));
    }
    let record = store.commitment(year, member_id).await?;
    let today = context::today(store).await?;
    let refusal = if submit {
        undertaking::check_items(&items, config.sections.len(), true)
            .into_iter()
            .next()
    } else {
        None
    };
    let step = if submit && refusal.is_none() {
        Step::Submit
    } else {
        Step::Save
    };
    let next = check_step(
        user,
        role,
        step,
        &config,
        &place,
        record.as_ref(),
        version,
        today,
        None,
    )?;
    let after = serde_json::json!({ "state": next.as_str(), "items": items.len() });
    write(
        store,
        user,
        &place,
        year,
        step,
        version,
        next,
        CommitmentChange::Items(items),
        after,
        "",
        today,
    )
    .await?;
    Ok(refusal)
}

/// What a step's form sent besides the step itself.
pub struct StepInput {
    pub reason: Option<String>,
    pub note: Option<String>,
    pub grade: Option<String>,
    pub points: Option<String>,
    pub until: Option<String>,
}

impl StepInput {
    fn note(&self) -> Result<String, ApiError> {
        let note = crate::domain::text::clean(self.note.as_deref().unwrap_or(""));
        if note.chars().count() > undertaking::MAX_NOTE_LEN {
            return Err(content(ContentProblem::TextTooLong));
        }
        Ok(note)
    }

    fn assessment(&self, year: &YearConfig) -> Result<undertaking::Assessment, ApiError> {
        let grade = match self.grade.as_deref().filter(|g| !g.is_empty()) {
            Some(g) => Some(
                Grade::parse(g)
                    .ok_or_else(|| ApiError::field(Field::Grade, FieldProblem::Unknown))?,
            ),
            None => None,
        };
        let points = match self
            .points
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(p) => Some(
                p.parse::<i64>()
                    .map_err(|_| content(ContentProblem::PointsOutOfRange))?,
            ),
            None => None,
        };
        undertaking::assessment(year.rule_set, grade, points).map_err(content)
    }
}

/// A reviewer's or committee's step (return, approve, mid-year review by the
/// member, propose, decide, reopen).
pub async fn take_step(
    store: &DynStore,
    actor: &Actor,
    year: i32,
    member_id: i64,
    step: Step,
    version: i64,
    input: StepInput,
) -> Result<(), ApiError> {
    if matches!(step, Step::Save | Step::Submit | Step::SelfAssess) {
        return Err(ApiError::field(Field::Step, FieldProblem::Unknown));
    }
    let user = user_of(actor)?;
    let place = visible_member(store, actor, member_id).await?;
    let config = year_config(store, year).await?;
    let role = role_for(actor, &place, step)?;
    let record = store.commitment(year, member_id).await?;
    let today = context::today(store).await?;
    let reason = input
        .reason
        .as_deref()
        .map(crate::domain::text::clean)
        .unwrap_or_default();
    if reason.chars().count() > undertaking::MAX_NOTE_LEN {
        return Err(content(ContentProblem::TextTooLong));
    }
    let next = check_step(
        user,
        role,
        step,
        &config,
        &place,
        record.as_ref(),
        version,
        today,
        Some(reason.as_str()).filter(|r| !r.is_empty()),
    )?;
    let state = next.as_str();
    let (change, after, detail) = match step {
        Step::Return => (
            CommitmentChange::Return {
                reason: reason.clone(),
            },
            serde_json::json!({ "state": state, "reason": reason }),
            reason.clone(),
        ),
        Step::Approve => (
            CommitmentChange::Approve,
            serde_json::json!({ "state": state }),
            String::new(),
        ),
        Step::MidYearReview => {
            let note = input.note()?;
            (
                CommitmentChange::MidYearReview { note: note.clone() },
                serde_json::json!({ "state": state, "note": note }),
                String::new(),
            )
        }
        Step::Propose | Step::Decide => {
            let assessment = input.assessment(&config)?;
            let note = input.note()?;
            if step == Step::Decide {
                check_quota(store, &config, &place, &[(member_id, assessment.grade)]).await?;
            }
            let after = serde_json::json!({
                "state": state,
                "grade": assessment.grade.as_str(),
                "points": assessment.points,
                "note": note,
            });
            let change = if step == Step::Propose {
                CommitmentChange::Propose { assessment, note }
            } else {
                CommitmentChange::Decide { assessment, note }
            };
            (change, after, assessment.grade.as_str().to_string())
        }
        Step::Reopen => {
            let until = input
                .until
                .as_deref()
                .and_then(|u| chrono::NaiveDate::parse_from_str(u.trim(), "%Y-%m-%d").ok())
                .filter(|u| *u >= today)
                .ok_or_else(|| ApiError::field(Field::Until, FieldProblem::Unknown))?;
            (
                CommitmentChange::Reopen { until },
                serde_json::json!({ "state": state, "until": until.to_string() }),
                until.format("%d/%m/%Y").to_string(),
            )
        }
        Step::Save | Step::Submit | Step::SelfAssess => {
            return Err(ApiError::field(Field::Step, FieldProblem::Unknown));
        }
    };
    write(
        store, user, &place, year, step, version, next, change, after, &detail, today,
    )
    .await
}

/// The quota of the member's grassroots organisation once `changes` (member,
/// grade) are decided: refused when it is broken and the change makes it
/// worse (more excellent, or fewer good), explained by the figures.
async fn check_quota(
    store: &DynStore,
    year: &YearConfig,
    place: &MemberPlace,
    changes: &[(i64, Grade)],
) -> Result<(), ApiError> {
    let org_id = crate::domain::unit::grassroots_id_of_path(&place.cell_path)
        .ok_or_else(|| ApiError::field(Field::Unit, FieldProblem::Unknown))?;
    let org = store.unit_by_id(org_id).await?.ok_or(ApiError::NotFound)?;
    let rows = store.subtree_commitments(&org.path, year.year).await?;
    let before = grading::quota(year.rule_set, rows.iter().filter_map(|r| r.decided_grade));
    let after = grading::quota(
        year.rule_set,
        rows.iter().filter_map(|r| {
            changes
                .iter()
                .find(|(m, _)| *m == r.member_id)
                .map(|(_, g)| *g)
                .or(r.decided_grade)
        }),
    );
    let worse = after.excellent > before.excellent || after.good < before.good;
    if !after.holds() && worse {
        return Err(ApiError::Refused(Problem::Quota(after)));
    }
    Ok(())
}

/// The member's year-end self-assessment.
pub async fn self_assess(
    store: &DynStore,
    actor: &Actor,
    year: i32,
    member_id: i64,
    version: i64,
    results: Vec<String>,
    notes: Vec<String>,
    input: StepInput,
) -> Result<(), ApiError> {
    let user = user_of(actor)?;
    let place = visible_member(store, actor, member_id).await?;
    let config = year_config(store, year).await?;
    let role = role_for(actor, &place, Step::SelfAssess)?;
    let record = store
        .commitment(year, member_id)
        .await?
        .ok_or_else(|| wrong_state(None))?;
    let today = context::today(store).await?;
    let next = check_step(
        user,
        role,
        Step::SelfAssess,
        &config,
        &place,
        Some(&record),
        version,
        today,
        None,
    )?;
    let mut items = record.items.clone();
    for (i, item) in items.iter_mut().enumerate() {
        item.result = results.get(i).and_then(|r| ItemResult::parse(r));
        item.result_note = crate::domain::text::clean(notes.get(i).map_or("", String::as_str));
    }
    let note = input.note()?;
    if let Some(p) = undertaking::check_self_assessment(&items, &note)
        .into_iter()
        .next()
    {
        return Err(content(p));
    }
    let assessment = input.assessment(&config)?;
    let after = serde_json::json!({
        "state": next.as_str(),
        "grade": assessment.grade.as_str(),
        "points": assessment.points,
        "note": note,
    });
    write(
        store,
        user,
        &place,
        year,
        Step::SelfAssess,
        version,
        next,
        CommitmentChange::SelfAssess {
            items,
            assessment,
            note,
        },
        after,
        "",
        today,
    )
    .await
}

/// Units of the caller's positions for a workflow action, as (code, name),
/// with the chosen one (by code, else the first).
async fn chosen_unit(
    store: &DynStore,
    actor: &Actor,
    actions: &[Action],
    code: Option<&str>,
) -> Result<(Vec<(String, String)>, crate::store::model::Unit), ApiError> {
    let mut ids: Vec<i64> = actions
        .iter()
        .flat_map(|a| workflow_scopes(actor, *a))
        .map(|s| s.unit_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let units = store.units_by_ids(&ids).await?;
    let mut list = Vec::with_capacity(units.len());
    for u in &units {
        list.push((u.code.clone(), crate::api::unit_label(store, u).await?));
    }
    let unit = match code.filter(|c| !c.is_empty()) {
        Some(code) => {
            let unit = store.unit_by_code(code).await?.ok_or(ApiError::NotFound)?;
            let allowed = actions.iter().any(|a| match a {
                Action::GradeUnit => workflow_scopes(actor, *a)
                    .iter()
                    .any(|s| s.unit_id == unit.id),
                _ => acts_on_members_of(actor, *a, &unit.path),
            });
            if !allowed {
                return Err(context::refusal(actor, false));
            }
            unit
        }
        None => units
            .into_iter()
            .next()
            .ok_or_else(|| context::refusal(actor, false))?,
    };
    Ok((list, unit))
}

pub async fn review_page(
    store: &DynStore,
    actor: &Actor,
    cell: Option<String>,
    year: Option<i32>,
) -> Result<super::ReviewData, ApiError> {
    let user = user_of(actor)?;
    let (cells, unit) =
        chosen_unit(store, actor, &[Action::ReviewCommitment], cell.as_deref()).await?;
    let (years, year) = years_and_pick(store, year).await?;
    let config = year_config(store, year).await?;
    let rows = store.cell_commitments(unit.id, year).await?;
    let proposals_quota = grading::quota(
        config.rule_set,
        rows.iter()
            .filter_map(|r| r.decided_grade.or(r.proposed_grade)),
    );
    let today = context::today(store).await?;
    let approvable = rows
        .iter()
        .filter(|r| {
            let target = Target::Member {
                member_id: r.member_id,
                cell_path: &unit.path,
            };
            let cx = Context {
                state: r.state,
                expected_version: r.version,
                current_version: r.version,
                today,
                deadlines: &config.deadlines,
                extended_to: None,
                actor_is_owner: user.member_id == Some(r.member_id),
                reason: None,
            };
            can(actor, Action::ReviewCommitment, target)
                && commitment::step(Role::Reviewer, Step::Approve, &cx).is_ok()
        })
        .map(|r| r.member_id)
        .collect();
    Ok(super::ReviewData {
        cell_name: crate::api::unit_label(store, &unit).await?,
        cell_code: unit.code,
        grading_open: today <= config.deadlines.grading,
        approvable,
        year: config,
        years,
        cells,
        rows,
        proposals_quota,
        today,
    })
}

/// Parses "member:version" picks.
fn picks(values: &[String]) -> Result<Vec<(i64, i64)>, ApiError> {
    values
        .iter()
        .map(|p| {
            let (m, v) = p
                .split_once(':')
                .ok_or_else(|| ApiError::field(Field::Picks, FieldProblem::Unknown))?;
            Ok((
                m.trim()
                    .parse()
                    .map_err(|_| ApiError::field(Field::Picks, FieldProblem::Unknown))?,
                v.trim()
                    .parse()
                    .map_err(|_| ApiError::field(Field::Picks, FieldProblem::Unknown))?,
            ))
        })
        .collect()
}

/// Checks each pick against the list the caller works from and builds the writes.
async fn bulk_writes(
    store: &DynStore,
    actor: &Actor,
    config: &YearConfig,
    rows: &[CommitmentRow],
    chosen: &[(i64, i64)],
    step: Step,
) -> Result<Vec<CommitmentWrite>, ApiError> {
    let user = user_of(actor)?;
    let today = context::today(store).await?;
    let mut writes = Vec::with_capacity(chosen.len());
    for (member_id, version) in chosen {
        // Only members of the list the caller works from.
        if !rows.iter().any(|r| r.member_id == *member_id) {
            return Err(context::refusal(actor, true));
        }
        let place = visible_member(store, actor, *member_id).await?;
        let role = role_for(actor, &place, step)?;
        let record = store.commitment(config.year, *member_id).await?;
        let next = check_step(
            user,
            role,
            step,
            config,
            &place,
            record.as_ref(),
            *version,
            today,
            None,
        )?;
        let (change, after, detail) = match step {
            Step::Approve => (
                CommitmentChange::Approve,
                serde_json::json!({ "state": next.as_str(), "bulk": true }),
                String::new(),
            ),
            Step::Decide => {
                let assessment = record
                    .as_ref()
                    .and_then(|r| r.proposed)
                    .ok_or_else(|| wrong_state(record.as_ref().map(|r| r.state)))?;
                (
                    CommitmentChange::Decide {
                        assessment,
                        note: String::new(),
                    },
                    serde_json::json!({
                        "state": next.as_str(),
                        "grade": assessment.grade.as_str(),
                        "points": assessment.points,
                        "bulk": true,
                    }),
                    assessment.grade.as_str().to_string(),
                )
            }
            _ => return Err(ApiError::field(Field::Step, FieldProblem::Unknown)),
        };
        writes.push(CommitmentWrite {
            year: config.year,
            member_id: *member_id,
            expected_version: *version,
            next_state: next,
            change,
            audit: audit(store, user, &place, step, after).await,
            notify: notices(store, user, &place, config.year, step, &detail, today).await?,
        });
    }
    Ok(writes)
}

/// Approves the picked commitments of one cell in one transaction.
pub async fn approve_many(
    store: &DynStore,
    actor: &Actor,
    year: i32,
    cell: &str,
    values: Vec<String>,
) -> Result<usize, ApiError> {
    user_of(actor)?;
    let chosen = picks(&values)?;
    if chosen.is_empty() {
        return Err(ApiError::field(Field::Picks, FieldProblem::Missing));
    }
    let (_, unit) = chosen_unit(store, actor, &[Action::ReviewCommitment], Some(cell)).await?;
    let config = year_config(store, year).await?;
    let rows = store.cell_commitments(unit.id, year).await?;
    let writes = bulk_writes(store, actor, &config, &rows, &chosen, Step::Approve).await?;
    store.apply_commitments(&writes).await?;
    context::publish(&unit.path, Some(year));
    Ok(writes.len())
}

/// Decides the picked members' grades as their cells proposed, in one
/// transaction, within the quota.
pub async fn decide_as_proposed(
    store: &DynStore,
    actor: &Actor,
    year: i32,
    org: &str,
    values: Vec<String>,
) -> Result<usize, ApiError> {
    user_of(actor)?;
    let chosen = picks(&values)?;
    if chosen.is_empty() {
        return Err(ApiError::field(Field::Picks, FieldProblem::Missing));
    }
    let (_, unit) = chosen_unit(store, actor, &[Action::DecideGrade], Some(org)).await?;
    let config = year_config(store, year).await?;
    let rows = store.subtree_commitments(&unit.path, year).await?;
    let writes = bulk_writes(store, actor, &config, &rows, &chosen, Step::Decide).await?;
    let changes: Vec<(i64, Grade)> = rows
        .iter()
        .filter(|r| chosen.iter().any(|(m, _)| *m == r.member_id))
        .filter_map(|r| r.proposed_grade.map(|g| (r.member_id, g)))
        .collect();
    if let Some(first) = rows.first() {
        let place = store
            .member_place(first.member_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        check_quota(store, &config, &place, &changes).await?;
    }
    store.apply_commitments(&writes).await?;
    context::publish(&unit.path, Some(year));
    Ok(writes.len())
}

pub async fn grading_page(
    store: &DynStore,
    actor: &Actor,
    org: Option<String>,
    year: Option<i32>,
) -> Result<super::GradingData, ApiError> {
    let user = user_of(actor)?;
    let (orgs, unit) = chosen_unit(
        store,
        actor,
        &[Action::DecideGrade, Action::GradeUnit],
        org.as_deref(),
    )
    .await?;
    let (years, year) = years_and_pick(store, year).await?;
    let config = year_config(store, year).await?;
    let rows = if acts_on_members_of(actor, Action::DecideGrade, &unit.path) {
        store.subtree_commitments(&unit.path, year).await?
    } else {
        Vec::new()
    };
    let decided_quota =
        grading::quota(config.rule_set, rows.iter().filter_map(|r| r.decided_grade));
    let projected_quota = grading::quota(
        config.rule_set,
        rows.iter()
            .filter_map(|r| r.decided_grade.or(r.proposed_grade)),
    );
    let units = store
        .child_unit_grades(unit.id, year)
        .await?
        .into_iter()
        .filter(|u| {
            can(
                actor,
                Action::GradeUnit,
                Target::Unit {
                    kind: u.kind,
                    path: &format!("{}{}/", unit.path, u.unit_id),
                },
            )
        })
        .collect();
    let today = context::today(store).await?;
    let grading_open = today <= config.deadlines.grading;
    // The rows are those of members the caller decides for (above); one's
    // own grade is decided by a deputy.
    let decidable = rows
        .iter()
        .filter(|r| {
            grading_open
                && matches!(
                    r.state,
                    Some(CommitmentState::Proposed | CommitmentState::Graded)
                )
                && user.member_id != Some(r.member_id)
        })
        .map(|r| r.member_id)
        .collect();
    Ok(super::GradingData {
        org_name: crate::api::unit_label(store, &unit).await?,
        org_code: unit.code,
        grading_open,
        decidable,
        year: config,
        years,
        orgs,
        rows,
        decided_quota,
        projected_quota,
        units,
        today,
    })
}

pub async fn grade_unit(
    store: &DynStore,
    actor: &Actor,
    year: i32,
    code: &str,
    grade: &str,
    version: i64,
    note: Option<String>,
) -> Result<(), ApiError> {
    let user = user_of(actor)?;
    let unit = store
        .unit_by_code(code)
        .await?
        .ok_or_else(|| context::refusal(actor, true))?;
    if !can(
        actor,
        Action::GradeUnit,
        Target::Unit {
            kind: unit.kind,
            path: &unit.path,
        },
    ) {
        return Err(context::refusal(actor, false));
    }
    let config = year_config(store, year).await?;
    let grade =
        Grade::parse(grade).ok_or_else(|| ApiError::field(Field::Grade, FieldProblem::Unknown))?;
    let note = crate::domain::text::clean(note.as_deref().unwrap_or(""));
    if note.chars().count() > undertaking::MAX_NOTE_LEN {
        return Err(content(ContentProblem::TextTooLong));
    }
    let today = context::today(store).await?;
    if today > config.deadlines.grading {
        return Err(refused(Refusal::PastDeadline {
            deadline: config.deadlines.grading,
        }));
    }
    let entry = context::audit_entry(store, user, "unit.grade")
        .await
        .about("unit", Some(unit.code.clone()))
        .after(serde_json::json!({ "year": year, "grade": grade.as_str(), "note": note }))
        .in_unit(Some(unit.path.clone()));
    store
        .set_unit_grade(unit.id, year, grade, &note, version, &entry)
        .await?;
    Ok(())
}
