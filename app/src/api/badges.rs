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

/// The list (`?ngay=YYYY-MM-DD&don-vi=CODE`).
pub const BADGES_PAGE: &str = "/huy-hieu";

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
pub struct BadgesPage {
    pub on: NaiveDate,
    /// The award dates of the year.
    pub dates: Vec<NaiveDate>,
    pub unit: UnitRef,
    /// The units whose lists the caller may read.
    pub units: Vec<UnitRef>,
    pub rows: Vec<BadgeRow>,
    /// Members listed per milestone, in milestone order.
    pub by_milestone: Vec<(u32, i64)>,
}

/// The list for award date `on` (by default the next from the working
/// date) of `unit` (by default the caller's widest).
#[server(prefix = "/api", endpoint = "badges/list")]
pub async fn badge_list(on: Option<String>, unit: Option<String>) -> Result<BadgesPage, ApiError> {
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
    let mut back = format!("{BADGES_PAGE}?da-luu=1");
    if let Some(on) = on.filter(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()) {
        back.push_str(&format!("&ngay={on}"));
    }
    if let Some(unit) = unit.filter(|u| !u.trim().is_empty()) {
        back.push_str(&format!(
            "&don-vi={}",
            crate::domain::text::url_escape(unit.trim())
        ));
    }
    context::redirect(&back);
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod server;
