//! Members of a subtree by gender and by age band (tuổi đời), as the
//! yearly statistics forms count them: the age a member reaches in the
//! year, whatever the day of birth. The store keeps these per unit for one
//! year (`unit_cohorts`) and counts again when the year turns.

use super::member::{Gender, MemberStatus};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The forms' age bands: up to 30, 31–40, 41–50, 51–60, over 60.
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgeBand {
    #[strum(serialize = "to_30")]
    UpTo30,
    #[strum(serialize = "31_40")]
    From31To40,
    #[strum(serialize = "41_50")]
    From41To50,
    #[strum(serialize = "51_60")]
    From51To60,
    #[strum(serialize = "over_60")]
    Over60,
}
text_forms!(AgeBand);

impl AgeBand {
    pub const ALL: [AgeBand; 5] = [
        AgeBand::UpTo30,
        AgeBand::From31To40,
        AgeBand::From41To50,
        AgeBand::From51To60,
        AgeBand::Over60,
    ];

    /// The band of someone born in `birth_year`, in `year`.
    pub fn of(birth_year: i32, year: i32) -> AgeBand {
        match year.saturating_sub(birth_year) {
            ..=30 => AgeBand::UpTo30,
            31..=40 => AgeBand::From31To40,
            41..=50 => AgeBand::From41To50,
            51..=60 => AgeBand::From51To60,
            _ => AgeBand::Over60,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One subtree's members (probationary, full, exempt) by gender and age.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cohorts {
    /// The year ages are reached in.
    pub year: i32,
    pub male: i64,
    pub female: i64,
    /// In `AgeBand::ALL` order.
    pub bands: [i64; 5],
}

impl Cohorts {
    /// Counts `n` members of `gender` born in `birth_year`.
    pub fn add(&mut self, gender: Gender, birth_year: i32, n: i64) {
        match gender {
            Gender::Male => self.male += n,
            Gender::Female => self.female += n,
        }
        self.bands[AgeBand::of(birth_year, self.year).index()] += n;
    }

    pub fn total(&self) -> i64 {
        self.male + self.female
    }

    pub fn band(&self, band: AgeBand) -> i64 {
        self.bands[band.index()]
    }
}

/// Whether a member of `status` counts in the cohorts.
pub fn counts(status: MemberStatus) -> bool {
    status.is_active()
}

/// How far ahead the dashboard looks for probations ending (a month: the
/// cell has its meeting and the committee its decision in that time).
pub const PROBATION_NOTICE_DAYS: u64 = 30;

/// Probationary members admitted on or before this date have finished their
/// 12 months, or finish them within the notice, by `today`: they are due
/// for the cell's proposal of full membership.
pub fn probation_due_by(today: NaiveDate) -> NaiveDate {
    let ahead = today
        .checked_add_days(chrono::Days::new(PROBATION_NOTICE_DAYS))
        .unwrap_or(today);
    ahead.checked_sub_months(Months::new(12)).unwrap_or(ahead)
}

/// The year a cohort count belongs to on `today`.
pub fn cohort_year(today: NaiveDate) -> i32 {
    today.year()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bands_are_the_forms() {
        assert_eq!(AgeBand::of(1991, 2021), AgeBand::UpTo30);
        assert_eq!(AgeBand::of(1990, 2021), AgeBand::From31To40);
        assert_eq!(AgeBand::of(1981, 2021), AgeBand::From31To40);
        assert_eq!(AgeBand::of(1980, 2021), AgeBand::From41To50);
        assert_eq!(AgeBand::of(1971, 2021), AgeBand::From41To50);
        assert_eq!(AgeBand::of(1970, 2021), AgeBand::From51To60);
        assert_eq!(AgeBand::of(1961, 2021), AgeBand::From51To60);
        assert_eq!(AgeBand::of(1960, 2021), AgeBand::Over60);
        // A birth year after the year (bad data) is the youngest band.
        assert_eq!(AgeBand::of(2030, 2021), AgeBand::UpTo30);
        assert_eq!(AgeBand::of(i32::MIN, i32::MAX), AgeBand::Over60);
    }

    #[test]
    fn cohorts_add_up() {
        let mut c = Cohorts {
            year: 2021,
            ..Cohorts::default()
        };
        c.add(Gender::Female, 1995, 3);
        c.add(Gender::Male, 1960, 2);
        c.add(Gender::Male, 1975, 1);
        assert_eq!((c.male, c.female, c.total()), (3, 3, 6));
        assert_eq!(c.bands, [3, 0, 1, 0, 2]);
        c.add(Gender::Female, 1995, -3);
        assert_eq!(c.band(AgeBand::UpTo30), 0);
    }

    #[test]
    fn probation_is_due_a_month_ahead() {
        // On 15/03/2021: admitted up to 14/04/2020 finish by 14/04/2021.
        assert_eq!(probation_due_by(d(2021, 3, 15)), d(2020, 4, 14));
        assert_eq!(probation_due_by(d(2021, 2, 28)), d(2020, 3, 30));
    }

    proptest! {
        #[test]
        fn every_age_has_one_band(birth in 1900i32..2100, year in 1900i32..2100) {
            let band = AgeBand::of(birth, year);
            let age = year - birth;
            let expected = AgeBand::ALL.iter().position(|b| *b == band).unwrap();
            let lower = [i32::MIN, 31, 41, 51, 61][expected];
            prop_assert!(age >= lower);
            if expected < 4 {
                prop_assert!(age <= [30, 40, 50, 60][expected]);
            }
        }
    }
}
