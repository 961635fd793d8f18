//! The summary figures of a unit's subtree, as shown on the home page and by
//! `dangbo stats`.

use super::UnitKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub unit_code: String,
    pub unit_name: String,
    pub unit_kind: UnitKind,
    /// The year the year-specific figures belong to.
    pub year: i32,
    /// The year's theme (chuyên đề năm), when the year is set up.
    pub year_theme: Option<String>,
    pub grassroots_committees: i64,
    pub grassroots_cells: i64,
    pub sub_committees: i64,
    /// Cells under grassroots committees (chi bộ trực thuộc).
    pub cells: i64,
    pub full_members: i64,
    pub probationary_members: i64,
    pub exempt_members: i64,
    /// Admitted (ngày vào Đảng) during `year`.
    pub admitted_in_year: i64,
    /// Good models registered for `year` in the subtree.
    #[serde(default)]
    pub good_models: i64,
    /// Commended under `year` by decisions of the bloc (collectives,
    /// individuals) and of grassroots organisations, in the subtree.
    #[serde(default)]
    pub commended_by_bloc: (i64, i64),
    #[serde(default)]
    pub commended_by_grassroots: (i64, i64),
}

impl UnitSummary {
    /// Grassroots party organisations (tổ chức cơ sở đảng).
    pub fn grassroots_total(&self) -> i64 {
        self.grassroots_committees + self.grassroots_cells
    }

    /// Members of the organisation: probationary, full and exempt.
    pub fn members_total(&self) -> i64 {
        self.full_members + self.probationary_members + self.exempt_members
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_up() {
        let s = UnitSummary {
            unit_code: "X".into(),
            unit_name: "X".into(),
            unit_kind: UnitKind::Bloc,
            year: 2020,
            year_theme: None,
            grassroots_committees: 46,
            grassroots_cells: 52,
            sub_committees: 0,
            cells: 260,
            full_members: 4300,
            probationary_members: 132,
            exempt_members: 89,
            admitted_in_year: 132,
            good_models: 84,
            commended_by_bloc: (20, 25),
            commended_by_grassroots: (51, 159),
        };
        assert_eq!(s.grassroots_total(), 98);
        assert_eq!(s.members_total(), 4521);
    }
}
