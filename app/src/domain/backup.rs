//! Backups: what a backup file says of itself, when the schedule takes one,
//! and which ones retention keeps. Pure rules; the server writes and reads
//! the files, the store takes the snapshot.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The version of the file layout this build writes and reads.
pub const FORMAT: u32 = 1;

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum BackupKind {
    /// By `dangbo serve`'s schedule.
    Scheduled,
    /// Asked for by an administrator (page or `dangbo backup`).
    Manual,
    /// Taken by the app before a structural change or an import it could
    /// not otherwise undo.
    #[strum(serialize = "before-change")]
    BeforeChange,
}
text_forms!(BackupKind);

impl BackupKind {
    pub const ALL: [BackupKind; 3] = [
        BackupKind::Scheduled,
        BackupKind::Manual,
        BackupKind::BeforeChange,
    ];
}

/// Rows of the main tables when the backup was taken: a restore must find
/// the same.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupCounts {
    pub units: i64,
    pub members: i64,
    pub commitments: i64,
    pub audit_entries: i64,
}

/// The first entry of every backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub app_version: String,
    /// "sqlite" or "postgres": a backup restores into the same backend.
    pub backend: String,
    /// The newest migration applied to the database that was backed up.
    pub migration: i64,
    pub taken_at: DateTime<Utc>,
    pub kind: BackupKind,
    /// The audit entry or structural change that asked for it, if any.
    pub reason: Option<String>,
    pub counts: BackupCounts,
    /// The data entry's name in the archive.
    pub data_file: String,
    pub data_bytes: u64,
    /// SHA-256 of the data entry, lowercase hex.
    pub data_sha256: String,
}

/// Why a backup file cannot be restored by this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestProblem {
    /// Written by a newer app whose layout this one cannot read.
    NewerFormat(u32),
    /// Its database has migrations this app does not know.
    NewerMigration { file: i64, app: i64 },
    /// Taken from the other backend.
    OtherBackend(String),
}

impl Manifest {
    /// Whether this build (`backend`, newest migration `app_migration`) can
    /// restore the file.
    pub fn check(&self, backend: &str, app_migration: i64) -> Result<(), ManifestProblem> {
        if self.format > FORMAT {
            return Err(ManifestProblem::NewerFormat(self.format));
        }
        if self.backend != backend {
            return Err(ManifestProblem::OtherBackend(self.backend.clone()));
        }
        if self.migration > app_migration {
            return Err(ManifestProblem::NewerMigration {
                file: self.migration,
                app: app_migration,
            });
        }
        Ok(())
    }
}

/// Vietnam's time: days, weeks and months of backups are the committee's.
pub fn local_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// The name of a backup file: sorts by time, says its kind.
pub fn file_name(taken_at: DateTime<Utc>, kind: BackupKind) -> String {
    format!(
        "dangbo-{}-{}.tar.gz",
        taken_at.format("%Y%m%d-%H%M%S"),
        kind.as_str()
    )
}

/// The time and kind back from a name made by [`file_name`]; `None` for
/// any other name (never a path: no separator is accepted).
pub fn parse_file_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let rest = name.strip_prefix("dangbo-")?.strip_suffix(".tar.gz")?;
    let (stamp, kind) = rest.split_at_checked(15)?;
    let kind = BackupKind::parse(kind.strip_prefix('-')?)?;
    let at = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    Some((at.and_utc(), kind))
}

/// How often the schedule takes a backup, as given on the command line
/// ("1d", "12h", "1w"; at least an hour, at most 31 days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Every(Duration);

impl Every {
    pub const DAILY: Every = Every(Duration::days(1));

    pub fn parse(s: &str) -> Option<Every> {
        let s = s.trim();
        let (n, unit) = s.split_at_checked(s.len().checked_sub(1)?)?;
        let n: i64 = n.parse().ok().filter(|n| *n > 0)?;
        let d = match unit {
            "h" => Duration::try_hours(n)?,
            "d" => Duration::try_days(n)?,
            "w" => Duration::try_weeks(n)?,
            _ => return None,
        };
        (Duration::hours(1) <= d && d <= Duration::days(31)).then_some(Every(d))
    }

    pub fn duration(self) -> Duration {
        self.0
    }

    /// The schedule's period that `at` falls in, counted from the local
    /// epoch: every instance computes the same one, so the first to claim
    /// it takes the backup and the others skip it. A daily period starts at
    /// local midnight.
    pub fn period(self, at: DateTime<Utc>) -> i64 {
        let local = at.timestamp() + i64::from(local_offset().local_minus_utc());
        local.div_euclid(self.0.num_seconds().max(1))
    }
}

/// How many scheduled backups to keep by day, week and month (the newest
/// of each), and how many of the others (manual, before a change).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
    pub others: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            daily: 7,
            weekly: 4,
            monthly: 12,
            others: 20,
        }
    }
}

impl Retention {
    /// "7d,4w,12m" (any of the parts, in any order; "20o" for the others);
    /// the parts not given keep their defaults. Bounded: a count above 1,000
    /// is refused.
    pub fn parse(s: &str) -> Option<Retention> {
        let mut r = Retention::default();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (n, unit) = part.split_at_checked(part.len() - 1)?;
            let n: usize = n.parse().ok().filter(|n| *n <= 1000)?;
            match unit {
                "d" => r.daily = n,
                "w" => r.weekly = n,
                "m" => r.monthly = n,
                "o" => r.others = n,
                _ => return None,
            }
        }
        Some(r)
    }

    /// The backups to keep, of `backups` (any order; each a time and a
    /// kind): for each of the last `daily` local days that has a scheduled
    /// backup its newest, likewise for ISO weeks and months, and the newest
    /// `others` of the other kinds. Returns their indexes in `backups`.
    pub fn keep(&self, backups: &[(DateTime<Utc>, BackupKind)]) -> BTreeSet<usize> {
        let mut order: Vec<usize> = (0..backups.len()).collect();
        // Newest first; ties by index so that the result is deterministic.
        order.sort_by(|&a, &b| backups[b].0.cmp(&backups[a].0).then(a.cmp(&b)));
        let tz = local_offset();
        let day = |at: DateTime<Utc>| at.with_timezone(&tz).date_naive();
        let buckets: [(usize, &Bucket); 3] = [
            (self.daily, &|d: NaiveDate| (d.year(), d.ordinal())),
            (self.weekly, &|d: NaiveDate| {
                let w = d.iso_week();
                (w.year(), w.week())
            }),
            (self.monthly, &|d: NaiveDate| (d.year(), d.month())),
        ];
        let mut kept = BTreeSet::new();
        for (count, bucket) in buckets {
            let mut seen = BTreeSet::new();
            for &i in &order {
                if seen.len() >= count {
                    break;
                }
                let (at, kind) = backups[i];
                if kind == BackupKind::Scheduled && seen.insert(bucket(day(at))) {
                    kept.insert(i);
                }
            }
        }
        kept.extend(
            order
                .iter()
                .copied()
                .filter(|&i| backups[i].1 != BackupKind::Scheduled)
                .take(self.others),
        );
        kept
    }
}

/// The day, ISO week or month a backup falls in.
type Bucket = dyn Fn(NaiveDate) -> (i32, u32);

/// Lowercase hex of bytes (checksums).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        local_offset()
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn file_names_round_trip_and_nothing_else_parses() {
        let t = Utc.with_ymd_and_hms(2021, 3, 4, 5, 6, 7).unwrap();
        for kind in BackupKind::ALL {
            let name = file_name(t, kind);
            assert_eq!(parse_file_name(&name), Some((t, kind)), "{name}");
        }
        assert_eq!(
            file_name(t, BackupKind::BeforeChange),
            "dangbo-20210304-050607-before-change.tar.gz"
        );
        for bad in [
            "",
            "dangbo-.tar.gz",
            "dangbo-20210304-050607-weekly.tar.gz",
            "dangbo-20211304-050607-manual.tar.gz",
            "../dangbo-20210304-050607-manual.tar.gz",
            "dangbo-20210304-050607-manual.tar.gz/x",
            "dangbo-2021030é-050607-manual.tar.gz",
        ] {
            assert_eq!(parse_file_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_parses_hours_days_weeks_within_bounds() {
        assert_eq!(Every::parse("1d"), Some(Every::DAILY));
        assert_eq!(
            Every::parse("12h").map(Every::duration),
            Some(Duration::hours(12))
        );
        assert_eq!(
            Every::parse("1w").map(Every::duration),
            Some(Duration::weeks(1))
        );
        for bad in [
            "",
            "d",
            "0d",
            "-1d",
            "30m",
            "5y",
            "32d",
            "9999999999999999999w",
        ] {
            assert_eq!(Every::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_daily_period_starts_at_local_midnight() {
        let day = Every::DAILY;
        assert_eq!(
            day.period(at(2021, 5, 1, 0)),
            day.period(at(2021, 5, 1, 23))
        );
        assert_ne!(
            day.period(at(2021, 4, 30, 23)),
            day.period(at(2021, 5, 1, 0))
        );
        assert_eq!(
            day.period(at(2021, 5, 2, 1)) - day.period(at(2021, 5, 1, 1)),
            1
        );
    }

    #[test]
    fn retention_parses_and_bounds() {
        assert_eq!(
            Retention::parse("7d,4w,12m"),
            Some(Retention {
                daily: 7,
                weekly: 4,
                monthly: 12,
                others: 20
            })
        );
        assert_eq!(
            Retention::parse("3d").map(|r| (r.daily, r.weekly)),
            Some((3, 4))
        );
        assert_eq!(Retention::parse("5o").map(|r| r.others), Some(5));
        for bad in ["7x", "d", "1001d", "-1d", "7d;4w"] {
            assert_eq!(Retention::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn retention_keeps_the_newest_of_each_day_week_and_month() {
        // Two a day (01:00 and 13:00 local) for 400 days from 1 Jan 2020.
        let start = at(2020, 1, 1, 1);
        let backups: Vec<_> = (0..800)
            .map(|i| (start + Duration::hours(12 * i), BackupKind::Scheduled))
            .collect();
        let kept = Retention::default().keep(&backups);
        let days: BTreeSet<NaiveDate> = kept
            .iter()
            .map(|&i| backups[i].0.with_timezone(&local_offset()).date_naive())
            .collect();
        // Each kept backup is its day's newest (13:00).
        for &i in &kept {
            let local = backups[i].0.with_timezone(&local_offset());
            assert_eq!(local.format("%H").to_string(), "13");
        }
        let last = NaiveDate::from_ymd_opt(2021, 2, 3).unwrap();
        // The last 7 days, the last day of the 4 newest weeks (Sundays, but
        // the current week's newest is today), the last day of 12 months.
        let mut want: BTreeSet<NaiveDate> = (0..7).map(|k| last - Duration::days(k)).collect();
        want.extend(
            ["2021-01-31", "2021-01-24", "2021-01-17"]
                .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
        );
        want.extend(
            [
                "2021-01-31",
                "2020-12-31",
                "2020-11-30",
                "2020-10-31",
                "2020-09-30",
                "2020-08-31",
                "2020-07-31",
                "2020-06-30",
                "2020-05-31",
                "2020-04-30",
                "2020-03-31",
            ]
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
        );
        assert_eq!(days, want);
        assert_eq!(kept.len(), want.len());
    }

    #[test]
    fn retention_keeps_the_newest_others_and_never_counts_them_as_days() {
        let t = at(2021, 1, 1, 10);
        let backups = vec![
            (t, BackupKind::Manual),
            (t + Duration::hours(1), BackupKind::BeforeChange),
            (t + Duration::hours(2), BackupKind::Manual),
            (t - Duration::days(1), BackupKind::Scheduled),
        ];
        let r = Retention {
            daily: 1,
            weekly: 0,
            monthly: 0,
            others: 2,
        };
        assert_eq!(r.keep(&backups), BTreeSet::from([1, 2, 3]));
    }

    #[test]
    fn a_manifest_from_a_newer_app_or_the_other_backend_is_refused() {
        let m = Manifest {
            format: FORMAT,
            app_version: "0.1.0".into(),
            backend: "sqlite".into(),
            migration: 8,
            taken_at: Utc::now(),
            kind: BackupKind::Manual,
            reason: None,
            counts: BackupCounts::default(),
            data_file: "dangbo.sqlite3".into(),
            data_bytes: 0,
            data_sha256: String::new(),
        };
        assert_eq!(m.check("sqlite", 8), Ok(()));
        assert_eq!(m.check("sqlite", 9), Ok(()));
        assert_eq!(
            m.check("sqlite", 7),
            Err(ManifestProblem::NewerMigration { file: 8, app: 7 })
        );
        assert_eq!(
            m.check("postgres", 8),
            Err(ManifestProblem::OtherBackend("sqlite".into()))
        );
        let newer = Manifest {
            format: FORMAT + 1,
            ..m
        };
        assert_eq!(
            newer.check("sqlite", 8),
            Err(ManifestProblem::NewerFormat(FORMAT + 1))
        );
    }

    proptest! {
        /// Whatever the times and kinds: retention keeps at most its counts,
        /// always the newest backup of all kinds when it keeps any of that
        /// kind, and deciding again on what it kept keeps all of it.
        #[test]
        fn retention_is_bounded_and_stable(
            times in proptest::collection::vec((0i64..400 * 24, 0usize..3), 0..120),
            daily in 0usize..10, weekly in 0usize..6, monthly in 0usize..14, others in 0usize..5,
        ) {
            let base = at(2020, 1, 1, 0);
            let backups: Vec<_> = times
                .iter()
                .map(|&(h, k)| (base + Duration::hours(h), BackupKind::ALL[k]))
                .collect();
            let r = Retention { daily, weekly, monthly, others };
            let kept = r.keep(&backups);
            let scheduled = kept.iter().filter(|&&i| backups[i].1 == BackupKind::Scheduled).count();
            prop_assert!(scheduled <= daily + weekly + monthly);
            prop_assert!(kept.len() - scheduled <= others);
            if daily > 0
                && let Some(newest) = (0..backups.len())
                    .filter(|&i| backups[i].1 == BackupKind::Scheduled)
                    .max_by(|&a, &b| backups[a].0.cmp(&backups[b].0).then(b.cmp(&a)))
            {
                prop_assert!(kept.contains(&newest));
            }
            let again: Vec<_> = kept.iter().map(|&i| backups[i]).collect();
            prop_assert_eq!(r.keep(&again).len(), again.len());
        }
    }
}
