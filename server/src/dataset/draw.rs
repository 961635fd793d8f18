//! Random draws and date arithmetic both profiles use. Every function takes
//! the profile's own generator, so a profile's output depends only on its seed
//! and the order of its own calls.

use chrono::{Days, Months, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A date known to be valid (constants and clamped arithmetic only).
pub const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid constant date"),
    }
}

pub fn add_days(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

/// A uniformly random day in `from..=to` (`from` when the range is empty).
pub fn date_between(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0) as u64;
    add_days(from, rng.gen_range(0..=span))
}

pub fn random_day_of(rng: &mut ChaCha8Rng, year: i32) -> NaiveDate {
    date_between(rng, date(year, 1, 1), date(year, 12, 31))
}

/// A year in `lo..=hi`, more often near the middle.
pub fn middle_year(rng: &mut ChaCha8Rng, lo: i32, hi: i32) -> i32 {
    (rng.gen_range(lo..=hi) + rng.gen_range(lo..=hi)) / 2
}

/// A weight with a long right tail (log-normal, median 1): a few very large
/// organisations among many small ones.
pub fn skewed(rng: &mut ChaCha8Rng, sigma: f64) -> f64 {
    // Box–Muller; 1 - u keeps the logarithm finite.
    let u1: f64 = 1.0 - rng.gen_range(0.0..1.0f64);
    let u2: f64 = rng.gen_range(0.0..1.0f64);
    let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    (sigma * z).exp()
}

/// Splits `total` in proportion to `weights`, exactly (largest remainder).
pub fn apportion(total: usize, weights: &[f64]) -> Vec<usize> {
    let sum: f64 = weights.iter().sum();
    if weights.is_empty() || sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut out: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    let missing = total.saturating_sub(out.iter().sum());
    for &i in order.iter().cycle().take(missing) {
        out[i] += 1;
    }
    out
}

/// `minimum` each, the rest of `total` by the weights.
pub fn spread(total: usize, minimum: &[usize], weights: &[f64]) -> Vec<usize> {
    let floor: usize = minimum.iter().sum();
    apportion(total.saturating_sub(floor), weights)
        .into_iter()
        .zip(minimum)
        .map(|(n, m)| n + m)
        .collect()
}

/// A mobile number: Vietnamese mobile numbers start 09 or 08.
pub fn phone_prefix(rng: &mut ChaCha8Rng) -> &'static str {
    if rng.gen_bool(0.7) { "09" } else { "08" }
}

/// The eight digits after the prefix.
pub fn phone(rng: &mut ChaCha8Rng, prefix: &str) -> String {
    format!("{prefix}{:08}", rng.gen_range(0..100_000_000u32))
}
