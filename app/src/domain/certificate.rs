//! The text of a certificate of merit (giấy khen), shared by the server's
//! PDF and the browser's print view so that both read the same. A
//! certificate is a Vietnamese document whatever the reader's language, as
//! the Party's forms are: its words are not in the locale tables.

use super::commendation_records::{DecisionRow, Nominee, NomineeRecord};
use chrono::{Datelike, NaiveDate};

pub const PARTY: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";
pub const GIVES: &str = "TẶNG";
pub const TITLE: &str = "GIẤY KHEN";
/// The issuer of a decision recorded from outside the app.
pub const PROVINCE: &str = "Tỉnh ủy";

/// What one certificate says of its recipient and its decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// "Đồng chí Nguyễn Văn A", or the organisation's name.
    pub who: String,
    /// The member's cell (empty for an organisation).
    pub place: String,
    pub achievements: String,
    /// "Quyết định số 2-QĐ/ĐUK".
    pub decision: String,
    /// "Số vào sổ: 3/25".
    pub entry: String,
    /// "Hậu Giang, ngày 03 tháng 02 năm 2021".
    pub date_line: String,
}

/// The place and date line of a document issued on `day`.
pub fn date_line(day: NaiveDate) -> String {
    format!(
        "Hậu Giang, ngày {:02} tháng {:02} năm {}",
        day.day(),
        day.month(),
        day.year()
    )
}

/// The certificate of the `i`-th (from 0) of `total` recipients of `d`.
pub fn certificate(d: &DecisionRow, r: &NomineeRecord, i: usize, total: usize) -> Certificate {
    let (who, place) = match &r.nominee {
        Nominee::Member {
            full_name, cell, ..
        } => (format!("Đồng chí {full_name}"), cell.name.clone()),
        Nominee::Unit { unit, .. } => (unit.name.clone(), String::new()),
    };
    let achievements = r.achievements.trim();
    let achievements = if achievements.is_empty() {
        format!("Đã có thành tích: {}.", d.title)
    } else {
        format!("Đã có thành tích: {achievements}")
    };
    Certificate {
        who,
        place,
        achievements,
        decision: format!("Quyết định số {}", d.number),
        entry: format!("Số vào sổ: {}/{total}", i + 1),
        date_line: date_line(d.decided_on),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_line_pads_day_and_month() {
        let d = NaiveDate::from_ymd_opt(2021, 2, 3).unwrap();
        assert_eq!(date_line(d), "Hậu Giang, ngày 03 tháng 02 năm 2021");
    }
}
