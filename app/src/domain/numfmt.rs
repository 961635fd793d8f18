//! Numbers and dates the way each language writes them: 4.521 and 24/02/2020
//! in Vietnamese, 4,521 and 24 Feb 2020 in English.

use super::Locale;
use chrono::{Datelike, NaiveDate, Timelike};

pub fn count(n: i64, locale: Locale) -> String {
    let sep = match locale {
        Locale::Vi => '.',
        Locale::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A share in percent with one decimal: "38,9 %" (vi) or "38.9%" (en).
pub fn percent(numerator: i64, denominator: i64, locale: Locale) -> String {
    if denominator == 0 {
        return "—".into();
    }
    let tenths = (numerator * 1000 + denominator / 2) / denominator;
    let (whole, frac) = (tenths / 10, tenths % 10);
    match locale {
        Locale::Vi => format!("{whole},{frac} %"),
        Locale::En => format!("{whole}.{frac}%"),
    }
}

/// A value kept in tenths, with its decimal only when it has one: "132",
/// "1.320,5" (vi) or "1,320.5" (en).
pub fn tenths(v: i64, locale: Locale) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let v = v.unsigned_abs();
    let whole = count(i64::try_from(v / 10).unwrap_or(i64::MAX), locale);
    match (v % 10, locale) {
        (0, _) => format!("{sign}{whole}"),
        (f, Locale::Vi) => format!("{sign}{whole},{f}"),
        (f, Locale::En) => format!("{sign}{whole}.{f}"),
    }
}

/// A margin in tenths of a percent, always signed: "+38,9 %" (vi) or
/// "-2.5%" (en).
pub fn margin(tenths_of_percent: i64, locale: Locale) -> String {
    let sign = if tenths_of_percent < 0 { "-" } else { "+" };
    let v = tenths(
        i64::try_from(tenths_of_percent.unsigned_abs()).unwrap_or(i64::MAX),
        locale,
    );
    match locale {
        Locale::Vi => format!("{sign}{v} %"),
        Locale::En => format!("{sign}{v}%"),
    }
}

// Written out rather than through chrono's `format`, whose strftime
// machinery would weigh on the browser bundle.
pub fn date(d: NaiveDate, locale: Locale) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match locale {
        Locale::Vi => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
        Locale::En => format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()),
    }
}

/// A file size: "1,2 MB" (vi), "1.2 MB" (en); bytes below a kilobyte.
pub fn bytes(n: u64, locale: Locale) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = match locale {
        Locale::Vi => text.replace('.', ","),
        Locale::En => text,
    };
    format!("{text} {}", UNITS[unit])
}

/// Unix seconds as date and time on the wall clocks of Vietnam (UTC+7, no
/// daylight saving): "26/02/2021 16:14" (vi), "26 Feb 2021 16:14" (en).
pub fn local_datetime(unix: i64, locale: Locale) -> String {
    let Some(offset) = chrono::FixedOffset::east_opt(7 * 3600) else {
        return String::new();
    };
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| {
            let local = t.with_timezone(&offset);
            format!(
                "{} {:02}:{:02}",
                date(local.date_naive(), locale),
                local.hour(),
                local.minute()
            )
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_and_margins_per_language() {
        assert_eq!(tenths(1320, Locale::Vi), "132");
        assert_eq!(tenths(13205, Locale::Vi), "1.320,5");
        assert_eq!(tenths(13205, Locale::En), "1,320.5");
        assert_eq!(tenths(-5, Locale::Vi), "-0,5");
        assert_eq!(margin(389, Locale::Vi), "+38,9 %");
        assert_eq!(margin(-25, Locale::En), "-2.5%");
        assert_eq!(margin(0, Locale::Vi), "+0 %");
        assert_eq!(tenths(i64::MIN, Locale::En), "-922,337,203,685,477,580.8");
    }

    #[test]
    fn sizes_in_binary_units_per_language() {
        assert_eq!(bytes(512, Locale::Vi), "512 B");
        assert_eq!(bytes(1536, Locale::Vi), "1,5 KB");
        assert_eq!(bytes(1536, Locale::En), "1.5 KB");
        assert_eq!(bytes(3 * 1024 * 1024 * 1024, Locale::En), "3.0 GB");
    }

    #[test]
    fn counts_group_thousands_per_language() {
        assert_eq!(count(4521, Locale::Vi), "4.521");
        assert_eq!(count(4521, Locale::En), "4,521");
        assert_eq!(count(5_600_000, Locale::Vi), "5.600.000");
        assert_eq!(count(98, Locale::Vi), "98");
        assert_eq!(count(0, Locale::En), "0");
        assert_eq!(count(-1234, Locale::En), "-1,234");
    }

    #[test]
    fn percents_and_dates() {
        assert_eq!(percent(37, 95, Locale::Vi), "38,9 %");
        assert_eq!(percent(37, 95, Locale::En), "38.9%");
        assert_eq!(percent(1, 0, Locale::En), "—");
        let d = NaiveDate::from_ymd_opt(2020, 2, 24).unwrap();
        assert_eq!(date(d, Locale::Vi), "24/02/2020");
        assert_eq!(date(d, Locale::En), "24 Feb 2020");
        // 2021-02-26 09:14 UTC is 16:14 in Hậu Giang.
        assert_eq!(
            local_datetime(1_614_330_840, Locale::Vi),
            "26/02/2021 16:14"
        );
        assert_eq!(
            local_datetime(1_614_330_840, Locale::En),
            "26 Feb 2021 16:14"
        );
    }
}
