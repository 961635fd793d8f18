//! Decisions on commendations as Party documents number and sign them: a
//! number counted from 1 per issuing committee per term, followed by the
//! document type and the issuer ("123-QĐ/ĐUK"), signed on behalf of the
//! committee ("T/M BAN THƯỜNG VỤ") with position and name.

use super::UnitKind;
use super::commendation::Awarder;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The issuer's abbreviation after the slash of a document number.
pub fn issuer_symbol(issuer: Awarder) -> &'static str {
    match issuer {
        Awarder::Unit(UnitKind::Bloc) => "ĐUK",
        Awarder::Unit(UnitKind::GrassrootsCommittee) => "ĐU",
        Awarder::Unit(UnitKind::SubCommittee) => "ĐUBP",
        Awarder::Unit(UnitKind::GrassrootsCell | UnitKind::Cell | UnitKind::Group) => "CB",
        Awarder::Province => "TU",
    }
}

/// "123-QĐ/ĐUK": a decision (quyết định) of the bloc committee.
pub fn number_text(seq: i64, issuer: Awarder) -> String {
    format!("{seq}-QĐ/{}", issuer_symbol(issuer))
}

/// The first year of the committee term a date falls in. The merged bloc's
/// first congress term is 2020–2025 and congresses follow every five years;
/// numbering restarts with a term's first year.
pub fn term_start(date: NaiveDate) -> i32 {
    let y = date.year();
    y - (y - 2020).rem_euclid(5)
}

/// The line above the signer's position: on behalf of the committee.
pub fn on_behalf_of(issuer: Awarder) -> &'static str {
    match issuer {
        Awarder::Unit(UnitKind::Bloc) | Awarder::Province => "T/M BAN THƯỜNG VỤ",
        Awarder::Unit(UnitKind::GrassrootsCommittee | UnitKind::SubCommittee) => "T/M ĐẢNG ỦY",
        Awarder::Unit(UnitKind::GrassrootsCell | UnitKind::Cell | UnitKind::Group) => "T/M CHI BỘ",
    }
}

/// A Party organisation's committee as documents name it: "Đảng bộ X" is
/// led by "Đảng ủy X"; a cell signs as itself.
pub fn committee_name(name: &str) -> String {
    match name.strip_prefix("Đảng bộ ") {
        Some(rest) => format!("Đảng ủy {rest}"),
        None => name.to_string(),
    }
}

/// The body that decides, in capitals, as the line above a decision's
/// grounds: "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI …", "ĐẢNG ỦY SỞ …", "CHI BỘ …".
pub fn issuing_body(issuer: Awarder, name: &str) -> String {
    match issuer {
        Awarder::Province => "BAN THƯỜNG VỤ TỈNH ỦY".to_string(),
        Awarder::Unit(UnitKind::Bloc) => {
            format!("BAN THƯỜNG VỤ {}", committee_name(name).to_uppercase())
        }
        Awarder::Unit(_) => committee_name(name).to_uppercase(),
    }
}

/// Who signs a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum SignerPosition {
    /// Bí thư.
    Secretary,
    /// Phó bí thư.
    DeputySecretary,
}
text_forms!(SignerPosition);

impl SignerPosition {
    /// As printed under "T/M …" (a document's own words, in capitals).
    pub fn printed(self) -> &'static str {
        match self {
            SignerPosition::Secretary => "BÍ THƯ",
            SignerPosition::DeputySecretary => "PHÓ BÍ THƯ",
        }
    }
}

pub const MAX_SIGNER_LEN: usize = 100;
/// A number the province gave ("1234-QĐ/TU"), as written on its decision.
pub const MAX_NUMBER_LEN: usize = 40;

/// What the awarding level enters to issue a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionInput {
    pub date: NaiveDate,
    pub signer_name: String,
    pub signer_position: SignerPosition,
    /// Only for the province's decisions, which the app does not number.
    pub number: Option<String>,
}

/// Why a decision's details are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionProblem {
    SignerMissing,
    SignerTooLong,
    /// Dated after today, or before the proposal was submitted.
    BadDate,
    /// The province's number is missing or not of the form "123-QĐ/TU".
    BadNumber,
    /// The app numbers its own decisions: none may be entered.
    NumberNotExpected,
}

/// Checks a decision's details; `submitted_on` is when the proposal reached
/// the awarding level.
pub fn check(
    input: &DecisionInput,
    issuer: Awarder,
    submitted_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), DecisionProblem> {
    let name = input.signer_name.trim();
    if name.is_empty() {
        return Err(DecisionProblem::SignerMissing);
    }
    if name.chars().count() > MAX_SIGNER_LEN {
        return Err(DecisionProblem::SignerTooLong);
    }
    if input.date > today || input.date < submitted_on {
        return Err(DecisionProblem::BadDate);
    }
    match (issuer, input.number.as_deref().map(str::trim)) {
        (Awarder::Province, Some(n)) if is_document_number(n) => Ok(()),
        (Awarder::Province, _) => Err(DecisionProblem::BadNumber),
        (Awarder::Unit(_), Some(n)) if !n.is_empty() => Err(DecisionProblem::NumberNotExpected),
        (Awarder::Unit(_), _) => Ok(()),
    }
}

/// "1234-QĐ/TU", "56-QĐ/TU-KT": digits, a dash, the type, a slash, the issuer.
pub fn is_document_number(n: &str) -> bool {
    let Some((seq, rest)) = n.split_once('-') else {
        return false;
    };
    let Some((kind, issuer)) = rest.split_once('/') else {
        return false;
    };
    let word = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == 'Đ')
    };
    n.chars().count() <= MAX_NUMBER_LEN
        && !seq.is_empty()
        && seq.len() <= 6
        && seq.bytes().all(|b| b.is_ascii_digit())
        && word(kind)
        && word(issuer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numbers_and_terms() {
        assert_eq!(
            number_text(123, Awarder::Unit(UnitKind::Bloc)),
            "123-QĐ/ĐUK"
        );
        assert_eq!(
            number_text(7, Awarder::Unit(UnitKind::GrassrootsCommittee)),
            "7-QĐ/ĐU"
        );
        assert_eq!(
            number_text(1, Awarder::Unit(UnitKind::GrassrootsCell)),
            "1-QĐ/CB"
        );
        assert_eq!(term_start(d(2020, 1, 1)), 2020);
        assert_eq!(term_start(d(2024, 12, 31)), 2020);
        assert_eq!(term_start(d(2025, 1, 1)), 2025);
        assert_eq!(term_start(d(2019, 6, 1)), 2015);
        assert_eq!(
            on_behalf_of(Awarder::Unit(UnitKind::Bloc)),
            "T/M BAN THƯỜNG VỤ"
        );
        assert_eq!(on_behalf_of(Awarder::Unit(UnitKind::Cell)), "T/M CHI BỘ");
        assert_eq!(
            SignerPosition::parse("deputy_secretary"),
            Some(SignerPosition::DeputySecretary)
        );
    }

    #[test]
    fn decision_details_are_checked() {
        let bloc = Awarder::Unit(UnitKind::Bloc);
        let ok = DecisionInput {
            date: d(2021, 1, 20),
            signer_name: "Trần Văn Hòa".into(),
            signer_position: SignerPosition::Secretary,
            number: None,
        };
        let (submitted, today) = (d(2021, 1, 10), d(2021, 2, 1));
        assert_eq!(check(&ok, bloc, submitted, today), Ok(()));
        let blank = DecisionInput {
            signer_name: "  ".into(),
            ..ok.clone()
        };
        assert_eq!(
            check(&blank, bloc, submitted, today),
            Err(DecisionProblem::SignerMissing)
        );
        let early = DecisionInput {
            date: d(2021, 1, 9),
            ..ok.clone()
        };
        assert_eq!(
            check(&early, bloc, submitted, today),
            Err(DecisionProblem::BadDate)
        );
        let future = DecisionInput {
            date: d(2021, 2, 2),
            ..ok.clone()
        };
        assert_eq!(
            check(&future, bloc, submitted, today),
            Err(DecisionProblem::BadDate)
        );
        let numbered = DecisionInput {
            number: Some("5-QĐ/ĐUK".into()),
            ..ok.clone()
        };
        assert_eq!(
            check(&numbered, bloc, submitted, today),
            Err(DecisionProblem::NumberNotExpected)
        );
        let province = DecisionInput {
            number: Some("1234-QĐ/TU".into()),
            ..ok.clone()
        };
        assert_eq!(
            check(&province, Awarder::Province, submitted, today),
            Ok(())
        );
        for bad in ["", "QĐ/TU", "12-QĐ", "x-QĐ/TU", "12-/TU", "1234567-QĐ/TU"] {
            let p = DecisionInput {
                number: Some(bad.into()),
                ..ok.clone()
            };
            assert_eq!(
                check(&p, Awarder::Province, submitted, today),
                Err(DecisionProblem::BadNumber),
                "{bad}"
            );
        }
    }

    proptest! {
        /// A term is five years and every date is in exactly the term whose
        /// first year is at most its year and within five of it.
        #[test]
        fn terms_are_five_years(y in 1990i32..2100, doy in 1u32..365) {
            let date = NaiveDate::from_yo_opt(y, doy).unwrap();
            let start = term_start(date);
            prop_assert!(start <= y && y < start + 5);
            prop_assert_eq!((start - 2020).rem_euclid(5), 0);
        }

        /// Arbitrary text is never taken for a province's number unless it
        /// has the shape, and never panics.
        #[test]
        fn number_shape(s in "\\PC{0,50}") {
            if is_document_number(&s) {
                prop_assert!(s.contains('-') && s.contains('/'));
            }
        }
    }

    #[test]
    fn issuing_bodies_are_named_as_documents_name_them() {
        assert_eq!(
            issuing_body(
                Awarder::Unit(UnitKind::Bloc),
                "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Hậu Giang"
            ),
            "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH HẬU GIANG"
        );
        assert_eq!(
            issuing_body(
                Awarder::Unit(UnitKind::GrassrootsCommittee),
                "Đảng bộ Sở Tài nguyên và Môi trường"
            ),
            "ĐẢNG ỦY SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
        );
        assert_eq!(
            issuing_body(Awarder::Unit(UnitKind::GrassrootsCell), "Chi bộ Sở Tư pháp"),
            "CHI BỘ SỞ TƯ PHÁP"
        );
        assert_eq!(issuing_body(Awarder::Province, ""), "BAN THƯỜNG VỤ TỈNH ỦY");
    }
}
