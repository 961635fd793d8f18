//! Party badges (Huy hiệu Đảng): for an award date, the members of a unit's
//! subtree who reach a milestone by then (early for the seriously ill,
//! posthumously, never while a discipline pauses it), for the unit's
//! leadership; the cell's secretary marks who may have it early.

use super::ApiError;
use crate::domain::badge::Early;
use crate::domain::org::UnitRef;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::BADGES_PAGE;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeRow {
    pub member_id: i64,
    pub full_name: String,
    pub card_number: String,
    pub cell: UnitRef,
    pub admitted: NaiveDate,
    /// Membership on the award date, gaps left out.
    pub months: u32,
    pub milestone: u32,
    pub early: Option<Early>,
    pub deceased: bool,
    /// The caller may mark this member early or posthumous.
    pub markable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgesData {
    pub on: NaiveDate,
    /// The award dates of the year.
    pub dates: Vec<NaiveDate>,
    pub unit: UnitRef,
    /// The units whose lists the caller may read.
    pub units: Vec<UnitRef>,
    pub rows: Vec<BadgeRow>,
    /// Members listed per milestone, in milestone order (when the list is
    /// cut, the kept counts of the next award date, else none).
    pub by_milestone: Vec<(u32, i64)>,
    /// Present when the list was longer than one reading: `rows` hold the
    /// first of it only.
    pub cut: Option<CutList>,
    /// Badges of the subtree reported lost, awaiting a replacement.
    pub lost: Vec<crate::domain::badge::LostBadge>,
    /// The caller records the province's decisions (the bloc's leadership).
    pub can_record: bool,
}

/// A list cut at `read` members, and the units below to choose instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CutList {
    pub read: i64,
    pub below: Vec<UnitRef>,
}

/// The list for award date `on` (by default the next from the working
/// date) of `unit` (by default the caller's widest).
#[server(prefix = "/api", endpoint = "badges/list")]
pub async fn badge_list(on: Option<String>, unit: Option<String>) -> Result<BadgesData, ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::list(&store, &actor, on, unit)
        .await
        .map_err(respond)
}

/// Marks `member` for an early (`seriously_ill`) or posthumous award, or
/// (empty) clears the mark; back to the list of `on` and `unit`.
#[server(prefix = "/api", endpoint = "badges/mark")]
pub async fn mark_badge(
    member: i64,
    early: Option<String>,
    on: Option<String>,
    unit: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::mark(&store, &actor, member, early.as_deref())
        .await
        .map_err(respond)?;
    context::redirect(&back_to_list(("da-luu", "1".into()), on, unit));
    Ok(())
}

/// Records the province's decision on the list of `on`: its number and,
/// for each member awarded, the badge's number (`badge[i]` for the member
/// id in `member[i]`; rows left empty were not in the decision). The bloc's
/// leadership, who sent the lists upward. Back to the list with the count.
#[server(prefix = "/api", endpoint = "badges/record")]
pub async fn record_badge_decision(
    on: String,
    unit: Option<String>,
    decision: String,
    member: Option<super::commendations::Rows>,
    badge: Option<super::commendations::Rows>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let recorded = server::record(
        &store,
        &actor,
        &on,
        &decision,
        member.unwrap_or_default(),
        badge.unwrap_or_default(),
    )
    .await
    .map_err(respond)?;
    context::redirect(&back_to_list(
        ("da-ghi-qd", recorded.to_string()),
        Some(on),
        unit,
    ));
    Ok(())
}

/// Records the province's decision `decision` replacing lost badges: for
/// each lost badge (its id in `lost[i]`) given a new number (`badge[i]`),
/// a replacement of the same milestone. The bloc's leadership. Back to the
/// list with the count.
#[server(prefix = "/api", endpoint = "badges/replace")]
pub async fn record_badge_replacements(
    on: String,
    unit: Option<String>,
    decision: String,
    lost: Option<super::commendations::Rows>,
    badge: Option<super::commendations::Rows>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    let recorded = server::replace(
        &store,
        &actor,
        &on,
        &decision,
        lost.unwrap_or_default(),
        badge.unwrap_or_default(),
    )
    .await
    .map_err(respond)?;
    let back = back_to_list(("da-cap-lai", recorded.to_string()), Some(on), unit);
    context::redirect(&format!("{back}#cap-lai"));
    Ok(())
}

/// Reports `member`'s badge `badge` lost on `date`, for the bloc to ask the
/// province for another: the member's cell secretary. Back to the member's
/// badges.
#[server(prefix = "/api", endpoint = "badges/lost")]
pub async fn report_lost_badge(
    member: i64,
    badge: i64,
    date: String,
    note: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::report_lost(&store, &actor, member, badge, &date, note.as_deref())
        .await
        .map_err(respond)?;
    let member_page = crate::paths::member(member);
    context::redirect(&format!(
        "{}#huy-hieu",
        crate::paths::flagged(&member_page, "da-bao-mat", 1)
    ));
    Ok(())
}

/// A member's page, at its record of disciplines and gaps.
#[cfg(feature = "ssr")]
fn party_history_anchor(member: i64) -> String {
    let member_page = crate::paths::member(member);
    format!(
        "{}#ky-luat",
        crate::paths::flagged(&member_page, "da-ghi", 1)
    )
}

/// Records a discipline of `member` (`form`: reprimand, warning,
/// removal_from_post) decided on `date`: while it runs the member is left
/// off the badge lists. The bloc's leadership, who keep members' records.
#[server(prefix = "/api", endpoint = "badges/discipline")]
pub async fn add_discipline(
    member: i64,
    date: String,
    form: String,
    note: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::discipline(&store, &actor, member, &date, &form, note.as_deref())
        .await
        .map_err(respond)?;
    context::redirect(&party_history_anchor(member));
    Ok(())
}

/// Records a period `member` spent outside the Party, from `from` up to
/// (not including) `to`: left out of the membership a badge counts.
#[server(prefix = "/api", endpoint = "badges/gap")]
pub async fn add_gap(
    member: i64,
    from: String,
    to: String,
    note: Option<String>,
) -> Result<(), ApiError> {
    use super::context;
    use super::error::respond;
    let (store, actor) = context::request().map_err(respond)?;
    server::gap(&store, &actor, member, &from, &to, note.as_deref())
        .await
        .map_err(respond)?;
    context::redirect(&party_history_anchor(member));
    Ok(())
}

/// The list of `on` and `unit` (when they are valid) with `flag` set.
#[cfg(feature = "ssr")]
fn back_to_list(flag: (&str, String), on: Option<String>, unit: Option<String>) -> String {
    let list = crate::paths::BadgesQuery {
        on: on.filter(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()),
        unit: unit.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()),
    };
    crate::paths::flagged(&list.href(), flag.0, flag.1)
}

#[cfg(feature = "ssr")]
pub mod server;
