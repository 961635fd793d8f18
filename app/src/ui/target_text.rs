//! Resolution targets in words, shared by the targets page, the dashboard,
//! its chart and its XLSX: each indicator's name and unit of measure, each
//! standing, and a value as the reader writes numbers.

use super::i18n::{Strings, t};
use crate::domain::Locale;
use crate::domain::numfmt;
use crate::domain::targets::{Checked, Direction, Indicator, Standing};

pub fn indicator_label_in(i: Indicator, s: &'static Strings) -> &'static str {
    match i {
        Indicator::Admissions => s.ct_ind_admissions,
        Indicator::CommitmentsFiled => s.ct_ind_commitments_filed,
        Indicator::MembersGoodOrBetter => s.ct_ind_members_good,
        Indicator::OrganisationsGoodOrBetter => s.ct_ind_organisations_good,
        Indicator::GoodModels => s.ct_ind_good_models,
        Indicator::Commended => s.ct_ind_commended,
        Indicator::Other => s.ct_ind_other,
    }
}

pub fn indicator_label(i: Indicator) -> &'static str {
    indicator_label_in(i, t())
}

/// What the resolution calls the target: its own wording, or the
/// indicator's name.
pub fn target_name_in(spec: &Checked, s: &'static Strings) -> String {
    if spec.title.is_empty() {
        indicator_label_in(spec.indicator, s).to_string()
    } else {
        spec.title.clone()
    }
}

/// The unit a value is counted in: "%", "đảng viên", or as entered.
pub fn measure_in(spec: &Checked, s: &'static Strings) -> String {
    match spec.indicator {
        i if i.is_percent() => "%".into(),
        Indicator::Admissions => s.ct_measure_members.into(),
        Indicator::GoodModels => s.ct_measure_models.into(),
        Indicator::Commended => s.ct_measure_commended.into(),
        _ => spec.measure.clone(),
    }
}

/// A value with its unit of measure: "95 đảng viên", "100 %".
pub fn value_in(spec: &Checked, v: i64, s: &'static Strings, locale: Locale) -> String {
    let measure = measure_in(spec, s);
    let n = numfmt::tenths(v, locale);
    match measure.as_str() {
        "" => n,
        "%" if locale == Locale::En => format!("{n}%"),
        m => format!("{n} {m}"),
    }
}

pub fn standing_label_in(st: Standing, s: &'static Strings) -> &'static str {
    match st {
        Standing::Exceeded => s.ct_standing_exceeded,
        Standing::Met => s.ct_standing_met,
        Standing::Behind => s.ct_standing_behind,
        Standing::InProgress => s.ct_standing_in_progress,
        Standing::NoData => s.ct_standing_no_data,
    }
}

pub fn standing_label(st: Standing) -> &'static str {
    standing_label_in(st, t())
}

pub fn direction_label(d: Direction) -> &'static str {
    let s = t();
    match d {
        Direction::AtLeast => s.ct_direction_at_least,
        Direction::AtMost => s.ct_direction_at_most,
    }
}
