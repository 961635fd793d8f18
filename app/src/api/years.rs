//! The years of commitments: every member reads them (theme, form,
//! deadlines); the bloc's standing committee sets them up.
// The server function's arguments are the form's fields, one each.
#![allow(clippy::too_many_arguments)]

use super::ApiError;
use crate::domain::year::YearConfig;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::YEARS_PAGE;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearsData {
    /// Newest first.
    pub years: Vec<YearConfig>,
    pub can_manage: bool,
    /// A new year's defaults: the year after the newest.
    pub next: Option<YearConfig>,
    /// Years whose members have commitments (their rules are fixed).
    pub locked: Vec<i32>,
}

#[server(prefix = "/api", endpoint = "years")]
pub async fn year_list() -> Result<YearsData, ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::authz::{Action, Target, can};
    let (store, actor) = context::request().map_err(respond)?;
    if matches!(actor, crate::domain::Actor::Anonymous) {
        return Err(respond(ApiError::Unauthorized));
    }
    let mut years = store.years().await.map_err(|e| respond(e.into()))?;
    years.sort_by_key(|y| std::cmp::Reverse(y.year));
    let mut locked = Vec::new();
    for y in &years {
        if store
            .year_has_commitments(y.year)
            .await
            .map_err(|e| respond(e.into()))?
        {
            locked.push(y.year);
        }
    }
    use chrono::Datelike;
    let next_year = years
        .first()
        .map_or_else(|| chrono::Utc::now().date_naive().year(), |y| y.year + 1);
    Ok(YearsData {
        can_manage: can(&actor, Action::ManageYears, Target::System),
        next: YearConfig::with_defaults(next_year, ""),
        years,
        locked,
    })
}

/// Creates (`version` 0) or updates a year. `sections`: one title a line;
/// deadlines as yyyy-mm-dd.
#[server(prefix = "/api", endpoint = "years/save")]
pub async fn save_year(
    year: i32,
    version: i64,
    theme: String,
    sections: String,
    rule_set: String,
    filing: String,
    mid_year: String,
    self_assessment: String,
    grading: String,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    use crate::domain::authz::{Action, Target, can};
    use crate::domain::commitment::Deadlines;
    let (store, actor) = context::request().map_err(respond)?;
    let crate::domain::Actor::User(user) = &actor else {
        return Err(respond(ApiError::Unauthorized));
    };
    if !can(&actor, Action::ManageYears, Target::System) {
        return Err(respond(context::refusal(&actor, false)));
    }
    use crate::domain::problem::{Field, FieldProblem, Problem};
    let date = |s: &str, field: Field| {
        chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| respond(ApiError::field(field, FieldProblem::Unknown)))
    };
    let config = YearConfig {
        year,
        theme: crate::domain::text::clean(&theme),
        sections: sections
            .lines()
            .map(crate::domain::text::clean)
            .filter(|s| !s.is_empty())
            .collect(),
        deadlines: Deadlines {
            filing: date(&filing, Field::FilingDeadline)?,
            mid_year: date(&mid_year, Field::MidYearDeadline)?,
            self_assessment: date(&self_assessment, Field::SelfAssessmentDeadline)?,
            grading: date(&grading, Field::GradingDeadline)?,
        },
        rule_set: crate::domain::GradingRuleSet::parse(&rule_set)
            .ok_or_else(|| respond(ApiError::field(Field::RuleSet, FieldProblem::Unknown)))?,
        version,
    };
    let fail = |e: crate::store::StoreError| respond(e.into());
    let stored = store.year(year).await.map_err(fail)?;
    if (version == 0) != stored.is_none() {
        // A new year that exists, or an edit of one that does not.
        return Err(respond(ApiError::Conflict));
    }
    let has_commitments = store.year_has_commitments(year).await.map_err(fail)?;
    let problems = crate::domain::year::check(
        &config,
        stored.as_ref().map(|y| y.rule_set),
        has_commitments,
    );
    if let Some(p) = problems.first() {
        return Err(respond(ApiError::Refused(Problem::Year(*p))));
    }
    let entry = crate::store::model::AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: context::actor_label(&store, user).await,
        action: if version == 0 {
            "year.create".into()
        } else {
            "year.update".into()
        },
        entity: "year".into(),
        entity_id: Some(year.to_string()),
        before: stored.as_ref().and_then(|s| serde_json::to_value(s).ok()),
        after: serde_json::to_value(&config).ok(),
        ip: None,
        unit_path: store.root_unit().await.map_err(fail)?.map(|u| u.path),
    };
    store
        .save_year(&config, version, &entry)
        .await
        .map_err(fail)?;
    let saved = crate::paths::YearsQuery {
        year: Some(year),
        edit: None,
    };
    crate::api::context::redirect(&crate::paths::flagged(&saved.href(), "da-luu", 1));
    Ok(())
}
