//! Party badges (Huy hiệu Đảng): membership age in months, the milestones,
//! the four award dates of a year, early and posthumous awards, and the
//! pause after a discipline (DOMAIN.md "Details that matter").

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Years of membership a badge marks.
pub const MILESTONES: [u32; 12] = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];

/// The days badges are presented: 3/2, 19/5, 2/9, 7/11.
pub fn award_dates(year: i32) -> [NaiveDate; 4] {
    [(2, 3), (5, 19), (9, 2), (11, 7)]
        .map(|(m, d)| NaiveDate::from_ymd_opt(year, m, d).expect("fixed days exist in every year"))
}

/// The first award date on or after `today`.
pub fn next_award_date(today: NaiveDate) -> NaiveDate {
    award_dates(today.year())
        .into_iter()
        .chain(award_dates(today.year().saturating_add(1)))
        .find(|d| *d >= today)
        .unwrap_or(today)
}

/// The latest admission a list on the award date `on` may name: nobody
/// with fewer than 29 years (30, less a year early) is listed.
pub fn admitted_by(on: NaiveDate) -> NaiveDate {
    on.checked_sub_months(Months::new(29 * 12)).unwrap_or(on)
}

/// Whether `date` is one of the award dates of its year.
pub fn is_award_date(date: NaiveDate) -> bool {
    award_dates(date.year()).contains(&date)
}

/// A period outside the Party (removal, expulsion, lost contact, a gap
/// between transfers): from its first day up to, not including, `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Whole months from `from` to `to` (0 when `to` is not later): 15/3 to
/// 14/4 is 0, to 15/4 is 1. A day past the end of a short month counts
/// as that month's last day (31/1 + 1 month = 28/2 or 29/2).
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let guess = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let mut n = guess.max(0) as u32;
    while n > 0
        && from
            .checked_add_months(Months::new(n))
            .is_none_or(|d| d > to)
    {
        n -= 1;
    }
    n
}

/// Months of membership on `on`: from the admission decision, with the days
/// spent outside the Party left out (a re-admitted member counts from the
/// first admission minus the gap). Gaps may overlap or run past `on`.
pub fn membership_months(admitted: NaiveDate, gaps: &[Gap], on: NaiveDate) -> u32 {
    let mut gaps: Vec<Gap> = gaps
        .iter()
        .map(|g| Gap {
            from: g.from.max(admitted),
            to: g.to.min(on),
        })
        .filter(|g| g.from < g.to)
        .collect();
    gaps.sort_by_key(|g| g.from);
    // Overlapping gaps count once.
    let mut outside = 0i64;
    let mut covered_to = admitted;
    for g in gaps {
        let from = g.from.max(covered_to);
        if g.to > from {
            outside += (g.to - from).num_days();
            covered_to = g.to;
        }
    }
    // Counting from a start moved later by the days outside keeps months
    // whole and exact.
    let start = admitted + chrono::Duration::days(outside);
    whole_months(start, on)
}

/// Why a badge is given before its time (DOMAIN.md: up to 12 months early
/// for 30–65 years and 24 for 70–90 for the seriously ill; posthumously up
/// to 12 months early).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Early {
    SeriouslyIll,
    Posthumous,
}
text_forms!(Early);

/// How many months early `milestone` may be given.
pub fn months_early(milestone: u32, early: Option<Early>) -> u32 {
    match early {
        None => 0,
        Some(Early::Posthumous) => 12,
        Some(Early::SeriouslyIll) if milestone >= 70 => 24,
        Some(Early::SeriouslyIll) => 12,
    }
}

/// The highest milestone reached by `months` of membership (with the early
/// allowance) above the highest already awarded, if any: the badge due.
pub fn milestone_due(months: u32, early: Option<Early>, awarded: Option<u32>) -> Option<u32> {
    MILESTONES
        .iter()
        .rev()
        .copied()
        .filter(|m| awarded.is_none_or(|a| *m > a))
        .find(|m| months + months_early(*m, early) >= m * 12)
}

/// Forms of discipline (kỷ luật) that pause a badge, with the months after
/// the decision before one is given again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Discipline {
    /// Khiển trách.
    Reprimand,
    /// Cảnh cáo.
    Warning,
    /// Cách chức.
    RemovalFromPost,
}
text_forms!(Discipline);

impl Discipline {
    pub fn pause_months(self) -> u32 {
        match self {
            Discipline::Reprimand => 6,
            Discipline::Warning => 9,
            Discipline::RemovalFromPost => 12,
        }
    }
}

/// Whether a discipline decided on `decided` still keeps a member off the
/// list on `on`.
pub fn under_discipline(records: &[(NaiveDate, Discipline)], on: NaiveDate) -> bool {
    records.iter().any(|(decided, form)| {
        *decided <= on
            && decided
                .checked_add_months(Months::new(form.pause_months()))
                .is_none_or(|end| on < end)
    })
}

/// How a badge came to its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum BadgeKind {
    Award,
    /// In place of one reported lost.
    Replacement,
    Posthumous,
}
text_forms!(BadgeKind);

/// A badge a member was awarded, as their page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Awarded {
    pub id: i64,
    pub milestone: u32,
    pub award_date: NaiveDate,
    pub decision_number: String,
    pub badge_number: String,
    pub kind: BadgeKind,
    /// Reported lost on.
    pub lost_on: Option<NaiveDate>,
    /// Another badge was given in its place.
    pub replaced: bool,
}

impl Awarded {
    /// Still in the holder's hands: not reported lost (only a lost badge is
    /// replaced).
    pub fn held(&self) -> bool {
        self.lost_on.is_none()
    }
}

/// A badge reported lost that awaits the province's replacement, as the
/// lists sent upward name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LostBadge {
    pub badge_id: i64,
    pub member_id: i64,
    pub full_name: String,
    pub card_number: String,
    pub cell: crate::domain::org::UnitRef,
    pub milestone: u32,
    pub award_date: NaiveDate,
    pub decision_number: String,
    pub badge_number: String,
    pub lost_on: NaiveDate,
    pub note: String,
}

/// A discipline as the member's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineEntry {
    pub decided_on: NaiveDate,
    pub form: Discipline,
    pub note: String,
}

/// A period outside the Party as the member's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapEntry {
    pub gap: Gap,
    pub note: String,
}

/// A note on a discipline or a gap, in characters at most.
pub const NOTE_MAX: usize = 500;

/// What a badge list needs to know of a member.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Record {
    pub admitted: NaiveDate,
    pub gaps: Vec<Gap>,
    pub disciplines: Vec<(NaiveDate, Discipline)>,
    /// A secretary's mark.
    pub early: Option<Early>,
    /// The highest milestone awarded so far.
    pub awarded: Option<u32>,
    pub deceased: bool,
}

/// The milestone a member is listed for on the award date `on`, if any:
/// reached (with the early allowance a mark gives) above the one awarded,
/// and no discipline pausing it. The deceased are listed only when marked
/// posthumous, and a posthumous mark means nothing for the living.
pub fn listed_for(r: &Record, on: NaiveDate) -> Option<u32> {
    if under_discipline(&r.disciplines, on) {
        return None;
    }
    let early = match (r.deceased, r.early) {
        (true, Some(Early::Posthumous)) => Some(Early::Posthumous),
        (true, _) => return None,
        (false, Some(Early::Posthumous)) => None,
        (false, e) => e,
    };
    milestone_due(membership_months(r.admitted, &r.gaps, on), early, r.awarded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_next_award_date() {
        assert_eq!(next_award_date(d(2021, 3, 15)), d(2021, 5, 19));
        assert_eq!(next_award_date(d(2021, 5, 19)), d(2021, 5, 19));
        assert_eq!(next_award_date(d(2021, 11, 8)), d(2022, 2, 3));
    }

    #[test]
    fn months_are_whole() {
        assert_eq!(whole_months(d(2020, 3, 15), d(2020, 4, 14)), 0);
        assert_eq!(whole_months(d(2020, 3, 15), d(2020, 4, 15)), 1);
        assert_eq!(whole_months(d(2020, 1, 31), d(2020, 2, 29)), 1);
        assert_eq!(whole_months(d(2020, 1, 31), d(2020, 2, 28)), 0);
        assert_eq!(whole_months(d(1991, 9, 2), d(2021, 9, 2)), 360);
        assert_eq!(whole_months(d(2021, 1, 1), d(2020, 1, 1)), 0);
    }

    #[test]
    fn thirty_years_on_2_september() {
        let admitted = d(1991, 9, 2);
        let on = award_dates(2021)[2];
        assert_eq!(on, d(2021, 9, 2));
        assert!(is_award_date(on) && !is_award_date(d(2021, 9, 3)));
        let months = membership_months(admitted, &[], on);
        assert_eq!(milestone_due(months, None, None), Some(30));
        assert_eq!(milestone_due(months, None, Some(30)), None);
        // A year outside the Party puts it a year later.
        let gap = [Gap {
            from: d(2000, 1, 1),
            to: d(2001, 1, 1),
        }];
        let months = membership_months(admitted, &gap, on);
        assert_eq!(months, 348);
        assert_eq!(milestone_due(months, None, None), None);
        // Seriously ill: up to 12 months early for 30 years.
        assert_eq!(
            milestone_due(months, Some(Early::SeriouslyIll), None),
            Some(30)
        );
        // 24 months early from 70 years on.
        assert_eq!(
            milestone_due(70 * 12 - 20, Some(Early::SeriouslyIll), Some(65)),
            Some(70)
        );
        assert_eq!(
            milestone_due(70 * 12 - 20, Some(Early::Posthumous), Some(65)),
            None
        );
        // Long overdue: the highest reached.
        assert_eq!(milestone_due(41 * 12, None, None), Some(40));
    }

    #[test]
    fn overlapping_gaps_count_once() {
        let admitted = d(1980, 1, 1);
        let gaps = [
            Gap {
                from: d(1990, 1, 1),
                to: d(1991, 1, 1),
            },
            Gap {
                from: d(1990, 6, 1),
                to: d(1991, 1, 1),
            },
        ];
        let on = d(2020, 1, 1);
        assert_eq!(membership_months(admitted, &gaps, on), 40 * 12 - 12);
    }

    #[test]
    fn discipline_pauses_the_badge() {
        let warned = [(d(2021, 1, 10), Discipline::Warning)];
        assert!(under_discipline(&warned, d(2021, 9, 2)));
        assert!(!under_discipline(&warned, d(2021, 11, 7)));
        assert!(!under_discipline(&warned, d(2020, 11, 7)));
        assert_eq!(Discipline::parse("reprimand"), Some(Discipline::Reprimand));
        assert_eq!(Early::parse("posthumous"), Some(Early::Posthumous));
    }

    #[test]
    fn who_is_listed_on_an_award_date() {
        let on = d(2021, 9, 2);
        let base = Record {
            admitted: d(1991, 8, 20),
            ..Record::default()
        };
        assert_eq!(listed_for(&base, on), Some(30));
        // Awarded already: not again.
        let awarded = Record {
            awarded: Some(30),
            ..base.clone()
        };
        assert_eq!(listed_for(&awarded, on), None);
        // A warning in June pauses it for nine months.
        let warned = Record {
            disciplines: vec![(d(2021, 6, 1), Discipline::Warning)],
            ..base.clone()
        };
        assert_eq!(listed_for(&warned, on), None);
        assert_eq!(listed_for(&warned, d(2022, 2, 28)), None);
        assert_eq!(listed_for(&warned, d(2022, 3, 1)), Some(30));
        // Ten months short: listed only when marked seriously ill.
        let later = Record {
            admitted: d(1992, 6, 1),
            ..base.clone()
        };
        assert_eq!(listed_for(&later, on), None);
        let ill = Record {
            early: Some(Early::SeriouslyIll),
            ..later.clone()
        };
        assert_eq!(listed_for(&ill, on), Some(30));
        // The deceased: only posthumously; the mark means nothing for the living.
        let dead = Record {
            deceased: true,
            ..base.clone()
        };
        assert_eq!(listed_for(&dead, on), None);
        let posthumous = Record {
            early: Some(Early::Posthumous),
            ..dead
        };
        assert_eq!(listed_for(&posthumous, on), Some(30));
        let living = Record {
            early: Some(Early::Posthumous),
            ..later
        };
        assert_eq!(listed_for(&living, on), None);
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (1940i32..2030, 1u32..=366).prop_map(|(y, o)| {
            NaiveDate::from_yo_opt(y, o).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap())
        })
    }

    proptest! {
        /// Whole months: adding them never passes `to`, adding one more does.
        #[test]
        fn whole_months_is_exact(a in date(), b in date()) {
            let n = whole_months(a, b);
            if b > a {
                prop_assert!(a.checked_add_months(Months::new(n)).unwrap() <= b);
                prop_assert!(a.checked_add_months(Months::new(n + 1)).unwrap() > b);
            } else {
                prop_assert_eq!(n, 0);
            }
        }

        /// Gaps never add months, and membership grows with time spent in
        /// the Party. (Inside a gap the count may slip by a month as the
        /// shifted start crosses months of unequal length; nobody outside
        /// the Party is listed for a badge.)
        #[test]
        fn gaps_only_take_away(admitted in date(), on in date(), gap_start in date(), len in 0i64..4000) {
            let gap = Gap { from: gap_start, to: gap_start + chrono::Duration::days(len) };
            let with = membership_months(admitted, &[gap], on);
            let without = membership_months(admitted, &[], on);
            prop_assert!(with <= without);
            let later = on + chrono::Duration::days(40);
            if !(gap.from < later && gap.to > on) {
                prop_assert!(membership_months(admitted, &[gap], later) >= with);
            }
        }

        /// The badge due is a milestone above the one awarded and within reach.
        #[test]
        fn due_is_reachable(months in 0u32..1200, awarded in proptest::option::of(proptest::sample::select(MILESTONES.to_vec()))) {
            if let Some(m) = milestone_due(months, None, awarded) {
                prop_assert!(MILESTONES.contains(&m) && months >= m * 12);
                prop_assert!(awarded.is_none_or(|a| m > a));
            }
        }
    }
}
