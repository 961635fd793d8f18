//! What the org chart, the unit page and the member page show: plain data,
//! shared by the server and the browser.

use super::{Gender, MemberStatus, PositionRole, UnitEventKind, UnitKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One box of the org chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgNode {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    /// Members of the subtree, full and probationary (as of the chart's date).
    pub full_members: i64,
    pub probationary_members: i64,
    /// Units directly below (as of the chart's date).
    pub child_count: i64,
    /// The secretary's name, when the unit has one.
    pub secretary: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// Where the next page of a wide level starts: after this sort key and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelCursor {
    pub sort_key: String,
    pub id: i64,
}

/// One level of the chart, or a page of it when the level is wide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgLevel {
    pub nodes: Vec<OrgNode>,
    /// Present when more nodes follow.
    pub next: Option<LevelCursor>,
}

/// A unit in a breadcrumb or a link list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRef {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
}

/// A position held by a member in a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leader {
    pub member_id: i64,
    pub full_name: String,
    pub role: PositionRole,
    pub term_label: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// A structural event of a unit's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitHistoryEntry {
    pub date: NaiveDate,
    pub kind: UnitEventKind,
    pub note: String,
    /// The unit the event is about, when the page shows another one's event.
    pub unit: UnitRef,
    pub related: Option<UnitRef>,
}

/// How a member list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum MemberSort {
    /// Vietnamese order: given name, then family name.
    #[default]
    Name,
    /// Longest-standing first.
    Admission,
    Birth,
}
text_forms!(MemberSort);

impl MemberSort {
    pub const ALL: [MemberSort; 3] = [MemberSort::Name, MemberSort::Admission, MemberSort::Birth];
}

/// A line of a unit's member list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub id: i64,
    pub full_name: String,
    pub card_number: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub admission_date: NaiveDate,
    pub status: MemberStatus,
    pub job_title: String,
    pub cell: UnitRef,
}

/// A page of a member list, with the total that matches the filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPage {
    pub total: i64,
    pub rows: Vec<MemberRow>,
}

/// A membership of a cell, over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipEntry {
    pub unit: UnitRef,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub note: String,
}

/// A position of a member, with the unit it is held in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionEntry {
    pub unit: UnitRef,
    pub role: PositionRole,
    pub term_label: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// A member's dossier (DOMAIN.md "Member").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberProfile {
    pub id: i64,
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub card_number: String,
    pub record_number: String,
    pub admission_date: NaiveDate,
    pub full_membership_date: Option<NaiveDate>,
    pub status: MemberStatus,
    pub job_title: String,
    pub workplace: String,
    pub phone: String,
    pub email: String,
    /// The current cell, then its ancestors up to the root.
    pub cell: UnitRef,
    pub cell_path: String,
    pub memberships: Vec<MembershipEntry>,
    pub positions: Vec<PositionEntry>,
}

/// Something a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchHit {
    Unit {
        unit: UnitRef,
        /// Codes from the root down to the unit's parent: what to expand to
        /// reveal it in the chart.
        trail: Vec<String>,
    },
    Member {
        member_id: i64,
        full_name: String,
        status: MemberStatus,
        cell: UnitRef,
        /// Codes from the root down to the member's cell.
        trail: Vec<String>,
    },
}

/// The words of a search, folded (no diacritics, đ → d, lower case), at most
/// five, each at least one character.
pub fn search_terms(query: &str) -> Vec<String> {
    folded_words(query).take(5).collect()
}

/// Every folded word of a name, once each, sorted: the keys a member is
/// found by.
pub fn name_words(full_name: &str) -> Vec<String> {
    let mut words: Vec<String> = folded_words(full_name).collect();
    words.sort();
    words.dedup();
    words
}

fn folded_words(s: &str) -> impl Iterator<Item = String> {
    super::text::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The ids of a materialized path from the root down ('/1/7/42/' → 1, 7, 42).
pub fn path_ids(path: &str) -> Vec<i64> {
    path.split('/').filter_map(|s| s.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_terms_fold_diacritics_and_d() {
        assert_eq!(search_terms("Điền"), vec!["dien"]);
        assert_eq!(search_terms("  Hậu   Giang "), vec!["hau", "giang"]);
        assert_eq!(search_terms("Trần-Thanh"), vec!["tran", "thanh"]);
        assert!(search_terms(" %_ ").is_empty());
        assert_eq!(search_terms("a b c d e f g").len(), 5);
    }

    #[test]
    fn name_words_are_folded_and_unique() {
        assert_eq!(
            name_words("Trần Thanh Thanh Điền"),
            vec!["dien", "thanh", "tran"]
        );
    }

    #[test]
    fn path_ids_from_root_down() {
        assert_eq!(path_ids("/1/7/42/"), vec![1, 7, 42]);
        assert!(path_ids("/").is_empty());
    }

    #[test]
    fn member_sort_round_trips() {
        for s in MemberSort::ALL {
            assert_eq!(MemberSort::parse(s.as_str()), Some(s));
        }
        assert_eq!(MemberSort::parse("x"), None);
    }
}
