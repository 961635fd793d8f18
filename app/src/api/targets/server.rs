//! The server side of the resolution targets: who reads and who sets them,
//! the domain's checks, the store's version-checked writes, the actuals
//! counted from the figures the dashboard already reads.

use super::{TargetView, TargetsData, targets_link};
use crate::api::ApiError;
use crate::api::context;
use crate::api::stats::server::{leading, viewed_unit};
use crate::domain::authz::{Action, Actor, Target, User, can};
use crate::domain::org::UnitRef;
use crate::domain::problem::{Field, FieldProblem};
use crate::domain::stats::YearFigures;
use crate::domain::targets::{
    self, Checked, Direction, Draft, Indicator, Known, MAX_TARGETS, ResolutionTarget,
};
use crate::domain::{Locale, UnitSummary};
use crate::store::DynStore;
use crate::store::model::{AuditEntry, Unit};
use chrono::{Datelike, NaiveDate};

fn user_of(actor: &Actor) -> Result<&User, ApiError> {
    match actor {
        Actor::User(u) => Ok(u),
        Actor::Anonymous => Err(ApiError::Unauthorized),
    }
}

fn unit_target(u: &Unit) -> Target<'_> {
    Target::Unit {
        kind: u.kind,
        path: &u.path,
    }
}

/// The figures the known indicators are counted from.
pub fn known(summary: &UnitSummary, figures: &YearFigures, organisation_grades: [i64; 4]) -> Known {
    let (bloc, grassroots) = (summary.commended_by_bloc, summary.commended_by_grassroots);
    Known {
        members: figures.members,
        filed: figures.filed(),
        admitted: summary.admitted_in_year,
        member_grades: figures.grades,
        organisation_grades,
        good_models: summary.good_models,
        commended: bloc.0 + bloc.1 + grassroots.0 + grassroots.1,
    }
}

/// Each target with its actual and where it stands on `today`.
pub fn evaluate(list: Vec<ResolutionTarget>, known: &Known, today: NaiveDate) -> Vec<TargetView> {
    list.into_iter()
        .map(|target| {
            let spec = &target.spec;
            let actual = match spec.indicator {
                Indicator::Other => spec.actual,
                i => i.actual(known),
            };
            let year_over = target.year < today.year();
            let (standing, margin) =
                targets::standing(spec.target, actual, spec.direction, year_over);
            TargetView {
                target,
                actual,
                standing,
                margin,
            }
        })
        .collect()
}

/// The targets as progress bars in the request's language, each named as
/// the page names it.
pub fn target_chart(
    views: &[TargetView],
    strings: &'static crate::ui::i18n::Strings,
    locale: Locale,
) -> Option<String> {
    use crate::ui::target_text::target_name_in;
    let names: Vec<String> = views
        .iter()
        .map(|v| target_name_in(&v.target.spec, strings))
        .collect();
    let rows: Vec<(&str, Option<f64>, bool)> = views
        .iter()
        .zip(&names)
        .map(|(v, name)| {
            let t = v.target.spec.target as f64;
            let share = v.actual.map(|a| {
                let a = a as f64;
                match v.target.spec.direction {
                    Direction::AtLeast if t > 0.0 => a / t,
                    Direction::AtLeast => 1.5,
                    // Less is better: at the target is the whole way.
                    Direction::AtMost if a > 0.0 => t / a,
                    Direction::AtMost => 1.5,
                }
            });
            (name.as_str(), share, v.standing.reached())
        })
        .collect();
    crate::api::stats::charts::target_bars(&rows, |pct| {
        crate::domain::numfmt::tenths((pct * 10.0).round() as i64, locale)
            + if locale == Locale::Vi { " %" } else { "%" }
    })
}

/// Known indicators not yet in the list.
fn free(list: &[ResolutionTarget]) -> Vec<Indicator> {
    Indicator::KNOWN
        .into_iter()
        .filter(|i| list.iter().all(|t| t.spec.indicator != *i))
        .collect()
}

pub async fn page(
    store: &DynStore,
    actor: &Actor,
    unit: Option<String>,
    year: Option<i32>,
) -> Result<TargetsData, ApiError> {
    user_of(actor)?;
    crate::api::stats::server::asked_year(year)?;
    let unit = viewed_unit(store, actor, unit).await?;
    let (years, year) = crate::api::commitments::server::years_and_pick(store, year).await?;
    let summary = store.unit_summary(&unit, year).await?;
    let figures = store.year_figures(unit.id, year).await?;
    let grades = store.organisation_grades(unit.id, year).await?;
    let list = store.targets(unit.id, year).await?;
    let free = free(&list);
    let today = context::today(store).await?;
    let views = evaluate(list, &known(&summary, &figures, grades), today);
    let locale = crate::ui::i18n::initial_locale();
    let chart = target_chart(&views, crate::ui::i18n::strings(locale), locale);
    Ok(TargetsData {
        can_edit: can(actor, Action::SetTargets, unit_target(&unit)),
        unit: UnitRef {
            code: unit.code,
            name: unit.name,
            kind: unit.kind,
        },
        year,
        years,
        targets: views,
        free,
        chart,
    })
}

async fn audit(
    store: &DynStore,
    user: &User,
    action: &str,
    before: Option<&Checked>,
    after: Option<&Checked>,
) -> AuditEntry {
    let json = |c: Option<&Checked>| c.and_then(|c| serde_json::to_value(c).ok());
    // A target added has no before, one deleted no after.
    let mut entry = context::audit_entry(store, user, action).await;
    entry.before = json(before);
    entry.after = json(after);
    entry
}

/// A known indicator listed twice, or a full list: refused before the
/// store is asked (which refuses them again, for a write racing this one).
fn fits(list: &[ResolutionTarget], spec: &Checked, except: Option<i64>) -> Result<(), ApiError> {
    let others = || list.iter().filter(|t| Some(t.id) != except);
    if spec.indicator != Indicator::Other && others().any(|t| t.spec.indicator == spec.indicator) {
        return Err(ApiError::field(Field::Indicator, FieldProblem::Taken));
    }
    if except.is_none() && list.len() >= MAX_TARGETS {
        return Err(ApiError::field(Field::Indicator, FieldProblem::TooMany));
    }
    Ok(())
}

/// Adds a target; the address of the list to go back to.
pub async fn create(
    store: &DynStore,
    actor: &Actor,
    unit: &str,
    year: Option<i32>,
    draft: &Draft,
) -> Result<String, ApiError> {
    let user = user_of(actor)?;
    let code = unit.trim();
    if code.is_empty() || code.len() > 100 {
        return Err(ApiError::field(Field::Unit, FieldProblem::Unknown));
    }
    let u = crate::api::org::authorized_unit(store, actor, code, Action::SetTargets).await?;
    if u.valid_to.is_some() {
        return Err(ApiError::field(Field::Unit, FieldProblem::Unknown));
    }
    let year = year.ok_or_else(|| ApiError::field(Field::Year, FieldProblem::Missing))?;
    if !(1930..=2100).contains(&year) || store.year(year).await?.is_none() {
        return Err(ApiError::field(Field::Year, FieldProblem::Unknown));
    }
    let spec = targets::check(draft).map_err(ApiError::Refused)?;
    fits(&store.targets(u.id, year).await?, &spec, None)?;
    let entry = audit(store, user, "target.create", None, Some(&spec)).await;
    store.create_target(u.id, year, &spec, &entry).await?;
    context::publish(&u.path, Some(year));
    Ok(targets_link(&u.code, year))
}

/// The target and its unit, when the caller sets that unit's targets;
/// otherwise 404 to those who may not even see them, 403 to the others.
async fn editable(
    store: &DynStore,
    actor: &Actor,
    id: i64,
) -> Result<(ResolutionTarget, Unit), ApiError> {
    user_of(actor)?;
    let head = store
        .target(id)
        .await?
        .ok_or_else(|| context::refusal(actor, true))?;
    let unit = leading(
        store,
        actor,
        (head.unit_id, head.unit_kind, &head.unit_path),
        Action::SetTargets,
    )
    .await?;
    Ok((head.target, unit))
}

/// Changes a target; the address of the list to go back to.
pub async fn update(
    store: &DynStore,
    actor: &Actor,
    id: i64,
    version: i64,
    draft: &Draft,
) -> Result<String, ApiError> {
    let user = user_of(actor)?;
    let (before, unit) = editable(store, actor, id).await?;
    if before.version != version {
        return Err(ApiError::Conflict);
    }
    let spec = targets::check(draft).map_err(ApiError::Refused)?;
    fits(&store.targets(unit.id, before.year).await?, &spec, Some(id))?;
    let entry = audit(
        store,
        user,
        "target.update",
        Some(&before.spec),
        Some(&spec),
    )
    .await;
    store.update_target(id, version, &spec, &entry).await?;
    context::publish(&unit.path, Some(before.year));
    Ok(targets_link(&unit.code, before.year))
}

/// Takes a target out; the address of the list to go back to.
pub async fn delete(
    store: &DynStore,
    actor: &Actor,
    id: i64,
    version: i64,
) -> Result<String, ApiError> {
    let user = user_of(actor)?;
    let (before, unit) = editable(store, actor, id).await?;
    if before.version != version {
        return Err(ApiError::Conflict);
    }
    let entry = audit(store, user, "target.delete", Some(&before.spec), None).await;
    store.delete_target(id, version, &entry).await?;
    context::publish(&unit.path, Some(before.year));
    Ok(targets_link(&unit.code, before.year))
}
